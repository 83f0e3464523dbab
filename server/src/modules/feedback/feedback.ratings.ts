import type { FeedbackKind, RatingFormView, SubmitRatingsInput } from '@sammen/domain/feedback';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { pgArray } from '../access/access.sql.ts';
import { recordEvent } from '../audit/audit.service.ts';
import { selectInstrument, selectMeetingFacts, selectRatedKinds, unscopedSelectLink, updateLinkUsed, type LinkRow } from './feedback.repository.ts';
import { hashToken } from '../auth/auth.service.ts';
import { storeRating } from './feedback.store.ts';

// The citizen rates a meeting (public routes: on the tablet the staff member's session has just
// ended, and a link comes without one). The secret in the link is the whole key, to this one
// meeting's unrated kinds, once and until it runs out. The citizen sees the unit, the day and the
// forms — nothing of the plan, not even their own name, in case someone else holds the screen.

/** The link behind a secret, if it still works: 404 unknown, 409 used, 409 expired. */
async function usableLink(db: Db, token: string, lock = false): Promise<LinkRow> {
  const link = await unscopedSelectLink(db, hashToken(token), lock);
  if (!link) throw new AppError('NOT_FOUND');
  if (link.used_at) throw new AppError('CONFLICT', 'The rating has already been given with this link', 'token', undefined, 'linkUsed');
  if (new Date(link.expires_at).getTime() <= Date.now()) throw new AppError('CONFLICT', 'The link has run out', 'token', undefined, 'linkExpired');
  return link;
}

const instrumentOfLink = (link: LinkRow, kind: FeedbackKind) => (kind === 'outcome' ? link.outcome_instrument_id : link.meeting_instrument_id);

/** POST /api/ratings/open: the forms still to fill in. */
export async function openRating(ctx: Ctx, token: string): Promise<RatingFormView> {
  const link = await usableLink(ctx.db, token);
  const m = link.municipality_id;
  const meeting = (await selectMeetingFacts(ctx.db, m, link.meeting_id))!;
  const rated = await selectRatedKinds(ctx.db, m, link.meeting_id);
  const kinds = (pgArray(link.kinds) as FeedbackKind[]).filter((k) => !rated.includes(k));
  if (kinds.length === 0) throw new AppError('CONFLICT', 'The meeting has been rated', 'token', undefined, 'alreadyRated');
  const forms = [];
  for (const kind of kinds) {
    const instrument = (await selectInstrument(ctx.db, m, instrumentOfLink(link, kind)!))!;
    const d = instrument.definition;
    forms.push({ kind, instrumentId: instrument.id, name: d.name, intro: d.intro, presentation: d.presentation, items: d.items });
  }
  return { unitName: meeting.unit_name, heldAt: new Date(meeting.held_at).toISOString(), expiresAt: new Date(link.expires_at).toISOString(), mode: link.mode, forms };
}

/** Each rating is of a kind the link asks for, each kind once: else 400 naming `ratings.<i>.kind`. */
function assertKinds(link: LinkRow, ratings: SubmitRatingsInput['ratings']) {
  const asked = pgArray(link.kinds);
  const seen = new Set<string>();
  ratings.forEach((r, i) => {
    if (!asked.includes(r.kind) || seen.has(r.kind)) throw invalid(`ratings.${i}.kind`, 'invalidValue', seen.has(r.kind) ? 'each kind once' : 'is not asked for by this link');
    seen.add(r.kind);
  });
}

/**
 * POST /api/ratings: the citizen's ratings — or their choice not to rate — in one transaction
 * with the link locked: all are saved and the link used, or (any refusal) nothing is. The audit
 * row names the citizen as the actor, through the link.
 */
export function submitRatings(ctx: Ctx, input: SubmitRatingsInput): Promise<{ saved: FeedbackKind[] }> {
  return ctx.db.transaction(async (tx) => {
    const link = await usableLink(tx, input.token, true);
    assertKinds(link, input.ratings);
    const m = link.municipality_id;
    const meeting = (await selectMeetingFacts(tx, m, link.meeting_id))!;
    for (const [i, r] of input.ratings.entries()) {
      const rating = r.declined ? { declined: true as const } : { answers: r.answers };
      await storeRating(tx, { municipalityId: m, meetingId: link.meeting_id, kind: r.kind, instrumentId: instrumentOfLink(link, r.kind)!, givenVia: link.mode, ...rating }, { field: `ratings.${i}` });
    }
    await updateLinkUsed(tx, m, link.id);
    const citizen = { ...ctx, actor: { kind: 'citizen' as const, municipalityId: m, citizenId: meeting.citizen_id } };
    await recordEvent(tx, citizen, {
      kind: 'write', action: 'feedback.rated', citizenId: meeting.citizen_id, subjectType: 'feedbackMeeting', subjectId: link.meeting_id,
      details: { via: link.mode, kinds: input.ratings.map((r) => r.kind), declined: input.ratings.filter((r) => r.declined).map((r) => r.kind) },
    });
    return { saved: input.ratings.map((r) => r.kind) };
  });
}
