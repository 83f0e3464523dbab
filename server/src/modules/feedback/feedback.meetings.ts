import { randomBytes } from 'node:crypto';
import type { Actor } from '@sammen/domain/access';
import type { FeedbackKind, MeetingView, RatingLinkInput, RatingLinkView, RecordMeetingInput } from '@sammen/domain/feedback';
import type { EffortArea } from '@sammen/domain/plans';
import type { SignedInCtx } from '../../platform/context.ts';
import { staffActor } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { readCitizenData } from '../../platform/reader.ts';
import { recordEvent } from '../audit/audit.service.ts';
import { endSession, hashToken } from '../auth/auth.service.ts';
import {
  insertLink,
  selectAppointmentOfCitizen,
  selectInstruments,
  selectMeetingFacts,
  selectMeetingOfAppointment,
  selectRatedKinds,
  type InstrumentRow,
} from './feedback.repository.ts';
import { selectTimeline } from './feedback.reads.ts';
import { ensureInstruments, feedbackSettingsOf, storeMeeting } from './feedback.store.ts';
import { meetingViewOf } from './feedback.views.ts';

// A meeting with the citizen, recorded by the unit that held it (with or without an appointment
// in the calendar), and the way the citizen rates it: on the staff member's tablet now, or by a
// link sent later. Both are a single-use secret of 256 bits; only its SHA-256 is stored.

const PURPOSE = 'Registrering af et møde med borgeren';
/** A meeting may be recorded up to a year after it was held. */
const MAX_DAYS_BACK = 365;
/** Clocks differ a little: a meeting "held" within the next minute is held now. */
const CLOCK_SKEW_MS = 60_000;


/** A meeting as the unit that held it sees it. */
async function meetingOf(tx: Db, actor: Extract<Actor, { kind: 'staff' }>, citizenId: string, meetingId: string): Promise<MeetingView> {
  const rows = await selectTimeline(tx, actor.municipalityId, citizenId, { full: false, unitId: actor.unitId, sections: [] });
  return meetingViewOf(rows.find((r) => r.id === meetingId)!);
}

function assertHeldAt(heldAt: Date, now: Date) {
  if (Number.isNaN(heldAt.getTime())) throw invalid('heldAt', 'invalidDate', 'is not a time');
  if (heldAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw invalid('heldAt', 'inTheFuture', 'a meeting cannot be recorded before it is held');
  if (heldAt.getTime() < now.getTime() - MAX_DAYS_BACK * 86_400_000) throw invalid('heldAt', 'tooOld', `cannot be more than ${MAX_DAYS_BACK} days back`, { max: MAX_DAYS_BACK });
}

/**
 * POST /api/citizens/:citizenId/feedback/meetings: a meeting the actor's unit held with the
 * citizen. With an appointment: one of this citizen's that the unit booked, its area and (once
 * begun) its start; one meeting per appointment — recording it again answers the one there is.
 */
export function recordMeeting(ctx: SignedInCtx, citizenId: string, input: RecordMeetingInput): Promise<{ created: boolean; meeting: MeetingView }> {
  const actor = staffActor(ctx);
  return readCitizenData(ctx, { action: 'feedback.record', purpose: PURPOSE, subject: { citizenId } }, async (tx, scope) => {
    if (scope.basis === 'break_glass') throw new AppError('FORBIDDEN', 'Break-glass access is for reading only');
    const now = new Date();
    let area: EffortArea | undefined = input.area;
    let heldAt = input.heldAt ? new Date(input.heldAt) : undefined;
    if (input.appointmentId) {
      const appointment = await selectAppointmentOfCitizen(tx, actor.municipalityId, input.appointmentId, scope.citizenId, actor.unitId);
      if (!appointment) throw invalid('appointmentId', 'notAppointmentOfCitizen', 'is not an appointment of this citizen with your unit');
      if (appointment.status.startsWith('cancelled')) throw invalid('appointmentId', 'alreadyEnded', 'the appointment was cancelled');
      const existing = await selectMeetingOfAppointment(tx, actor.municipalityId, input.appointmentId);
      if (existing) return { created: false, meeting: await meetingOf(tx, actor, scope.citizenId, existing) };
      area = (appointment.area as EffortArea | null) ?? area;
      heldAt ??= appointment.starts_at.getTime() <= now.getTime() ? appointment.starts_at : now;
    }
    if (!area) throw invalid('area', 'required', 'the plan area of a meeting without an appointment');
    heldAt ??= now;
    assertHeldAt(heldAt, now);
    const id = await storeMeeting(tx, { municipalityId: actor.municipalityId, citizenId: scope.citizenId, unitId: actor.unitId, staffId: actor.staffId, appointmentId: input.appointmentId, area, heldAt });
    await recordEvent(tx, ctx, { kind: 'write', action: 'feedback.meetingRecorded', citizenId: scope.citizenId, subjectType: 'feedbackMeeting', subjectId: id, details: { area, appointmentId: input.appointmentId } });
    return { created: true, meeting: await meetingOf(tx, actor, scope.citizenId, id) };
  });
}

/** The target group of a citizen of this age: children under 13, youth 13–17, adults. */
export const targetGroupOf = (age: number) => (age < 13 ? 'children' : age < 18 ? 'youth' : 'adults');

/** The instrument named for a kind — active and of that kind — or the first active one for the citizen's age (Sammen's first). */
function instrumentFor(kind: FeedbackKind, named: string | undefined, instruments: InstrumentRow[], age: number): string {
  const field = `${kind}InstrumentId`;
  if (named) {
    const i = instruments.find((x) => x.id === named);
    if (!i || !i.active || i.kind !== kind) throw invalid(field, 'wrongInstrument', `is not an active ${kind} instrument`);
    return i.id;
  }
  const group = targetGroupOf(age);
  const found = instruments.find((x) => x.active && x.kind === kind && x.definition.targetGroups.includes(group));
  if (!found) throw invalid(field, 'required', `no active ${kind} instrument is meant for ${group}: choose one`);
  return found.id;
}

/**
 * POST /api/feedback/meetings/:meetingId/links: start a rating of the meeting, by the unit that
 * held it. `tablet`: the citizen rates on this device now, so the staff member's session ends
 * here (nothing of it stays on the tablet; they log in again after). `link`: for the citizen later.
 */
export async function startRating(ctx: SignedInCtx, meetingId: string, input: RatingLinkInput): Promise<RatingLinkView> {
  const actor = staffActor(ctx);
  const view = await ctx.db.transaction(async (tx) => {
    const meeting = await selectMeetingFacts(tx, actor.municipalityId, meetingId, actor.unitId);
    if (!meeting) throw new AppError('NOT_FOUND');
    const rated = await selectRatedKinds(tx, actor.municipalityId, meetingId);
    if (input.kinds.some((k) => rated.includes(k))) throw new AppError('CONFLICT', 'The meeting already has that rating', 'kinds', undefined, 'alreadyRated');
    await ensureInstruments(tx, actor.municipalityId);
    const instruments = await selectInstruments(tx, actor.municipalityId);
    const pick = (kind: FeedbackKind) => (input.kinds.includes(kind) ? instrumentFor(kind, input[`${kind}InstrumentId`], instruments, meeting.age) : null);
    const [outcomeInstrumentId, meetingInstrumentId] = [pick('outcome'), pick('meeting')];
    const settings = await feedbackSettingsOf(tx, actor.municipalityId);
    const expiresAt = new Date(Date.now() + (input.mode === 'tablet' ? settings.tabletMinutes * 60_000 : settings.linkHours * 3_600_000));
    const token = randomBytes(32).toString('base64url');
    await insertLink(tx, { municipalityId: actor.municipalityId, meetingId, tokenHash: hashToken(token), kinds: input.kinds, mode: input.mode, outcomeInstrumentId, meetingInstrumentId, expiresAt, createdBy: actor.staffId });
    await recordEvent(tx, ctx, {
      kind: 'write', action: 'feedback.linkCreated', citizenId: meeting.citizen_id, subjectType: 'feedbackMeeting', subjectId: meetingId,
      details: { mode: input.mode, kinds: input.kinds, expiresAt: expiresAt.toISOString() },
    });
    // The secret goes in the fragment: browsers never send it to a server, so no log sees it.
    return { path: `/vurdering#${token}`, expiresAt: expiresAt.toISOString(), mode: input.mode };
  });
  if (input.mode === 'tablet') await endSession(ctx);
  return view;
}
