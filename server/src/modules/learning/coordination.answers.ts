import type { z } from 'zod';
import { localDate } from '@sammen/domain/calendar';
import { dimensions, type invitationsView, type SubmitSurveyInput, type SurveyFormView } from '@sammen/domain/coordination';
import type { Db } from '../../platform/db.ts';
import type { SignedInCtx } from '../../platform/context.ts';
import { staffActor } from '../../platform/context.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import {
  incrementAnswered,
  insertResponse,
  selectInvitation,
  selectOpenInvitations,
  selectWave,
  updateInvitationAnswered,
  type StoredTie,
  type WaveRow,
} from './coordination.repository.ts';
import { coordinationSettingsOf } from './coordination.store.ts';

// Answering the survey (issue 16): my invitations, the form, the answer. Pseudonymous by
// construction: the answer is stored with the group answered as and nothing else — no staff id,
// no time, no link to the invitation — and no audit row says who answered (that would be the
// very record the close deletes). The invitation is marked answered so it works once; the close
// deletes it.

/** Today in Denmark: a wave takes answers up to and including its last day, `closes_on`. */
const danishToday = () => localDate(Date.now());

const closedWave = () => new AppError('CONFLICT', 'The wave is closed', undefined, undefined, 'waveClosed');
const alreadyAnswered = () => new AppError('CONFLICT', 'You have answered this wave; an invitation works once', undefined, undefined, 'alreadyAnswered');

/** GET /api/coordination/invitations: my unanswered invitations in open waves whose last day has not passed. */
export async function listInvitations(ctx: SignedInCtx): Promise<z.infer<typeof invitationsView>> {
  const actor = staffActor(ctx);
  const rows = await selectOpenInvitations(ctx.db, actor.municipalityId, actor.staffId, danishToday());
  return {
    invitations: rows.map((r) => ({ waveId: r.wave_id, name: r.name, focalWork: r.focal_work, closesOn: r.closes_on, group: { id: r.group_id, name: r.group_name }, reminded: r.reminded })),
  };
}

/**
 * The open wave and my unanswered invitation to it: 404 when the wave is not the municipality's or
 * I am not invited, 409 when answered, or closed — which it is, for answering, from the day after
 * its last day, even before the close job has come by.
 */
async function myOpenInvitation(db: Db, ctx: SignedInCtx, waveId: string, lock: boolean) {
  const actor = staffActor(ctx);
  const wave = await selectWave(db, actor.municipalityId, waveId, lock ? 'share' : undefined);
  if (!wave) throw new AppError('NOT_FOUND');
  if (wave.closed_at || wave.closes_on < danishToday()) throw closedWave();
  const invitation = await selectInvitation(db, actor.municipalityId, waveId, actor.staffId, lock);
  if (!invitation) throw new AppError('NOT_FOUND', 'You are not invited to this wave');
  if (invitation.answered) throw alreadyAnswered();
  return { wave, groupId: invitation.group_id };
}

/** GET /api/coordination/waves/:waveId/form: the questions as the wave asks them, with the group I answer as. */
export async function getForm(ctx: SignedInCtx, waveId: string): Promise<SurveyFormView> {
  const { municipalityId } = staffActor(ctx);
  const { wave, groupId } = await myOpenInvitation(ctx.db, ctx, waveId, false);
  const settings = await coordinationSettingsOf(ctx.db, municipalityId);
  const d = wave.definition;
  return {
    waveId: wave.id,
    name: wave.name,
    focalWork: wave.focal_work,
    closesOn: wave.closes_on,
    group: { id: groupId, name: wave.groups.find((g) => g.id === groupId)?.name ?? '' },
    groups: wave.groups.map((g) => ({ id: g.id, name: g.name })),
    instrument: { name: d.name, intro: d.intro, items: d.items, wordingSource: d.wordingSource },
    anonymityThreshold: settings.anonymityThreshold,
    minAnsweredItems: settings.minAnsweredItems,
  };
}

/**
 * The ties as stored: per rated group the score (1–5) of the option chosen for each dimension,
 * in the order of `dimensions`, or null when skipped. The option is its position in the item's
 * list as the wave froze it: a list need not be in score order. A tie with fewer answered items
 * than `minAnswered` is refused (400 ties.N.answers tooFew) rather than stored: the close would
 * leave it out of every score, silently, and the respondent thought they had rated the group.
 */
function storedTies(wave: WaveRow, ties: SubmitSurveyInput['ties'], minAnswered: number): StoredTie[] {
  const definition = wave.definition;
  const groupIds = new Set(wave.groups.map((g) => g.id));
  const seen = new Set<string>();
  return ties.map((tie, i) => {
    if (!groupIds.has(tie.groupId)) throw invalid(`ties.${i}.groupId`, 'notGroupOfWave', 'the group is not one of the wave’s groups');
    if (seen.has(tie.groupId)) throw invalid(`ties.${i}.groupId`, 'invalidValue', 'the group is rated twice');
    seen.add(tie.groupId);
    const scores = dimensions.map((dimension) => {
      const position = tie.answers[dimension];
      if (position === undefined || position === null) return null;
      const option = definition.items.find((item) => item.dimension === dimension)?.options[position];
      if (!option) throw invalid(`ties.${i}.answers.${dimension}`, 'invalidValue', 'must be one of the options');
      return option.score;
    });
    if (scores.filter((s) => s !== null).length < minAnswered) {
      throw invalid(`ties.${i}.answers`, 'tooFew', `answer at least ${minAnswered} of the ${dimensions.length} questions for a group you rate`, { min: minAnswered });
    }
    return { groupId: tie.groupId, scores };
  });
}

/**
 * POST /api/coordination/waves/:waveId/responses: my answer, once. In one transaction: the wave
 * held open (a close waits), my invitation locked (a second answer at the same moment waits, then
 * finds it answered), the answer checked, then invitation answered, the group's count up by one,
 * the response stored. How many items a tie needs is the municipality's minAnsweredItems in force
 * now — a wave freezes its settings only when it closes, so these are the ones its close will use
 * unless they change before.
 */
export function submitResponse(ctx: SignedInCtx, waveId: string, input: SubmitSurveyInput): Promise<{ ok: true }> {
  const actor = staffActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const { wave, groupId } = await myOpenInvitation(tx, ctx, waveId, true);
    const { minAnsweredItems } = await coordinationSettingsOf(tx, actor.municipalityId);
    const ties = storedTies(wave, input.ties, minAnsweredItems);
    await updateInvitationAnswered(tx, actor.municipalityId, waveId, actor.staffId);
    await incrementAnswered(tx, actor.municipalityId, waveId, groupId);
    await insertResponse(tx, actor.municipalityId, waveId, groupId, ties);
    return { ok: true as const };
  });
}
