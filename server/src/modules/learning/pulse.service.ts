import { can, type Actor } from '@sammen/domain/access';
import { pulseItems, type AnswerPulseInput, type CitizenPulsesView, type PulseResults, type PulseView } from '@sammen/domain/coordination';
import { staffActor, type SignedInCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { readCitizenData, type Scope } from '../../platform/reader.ts';
import { ruleSubjectOf } from '../access/access.service.ts';
import { recordEvent } from '../audit/audit.service.ts';
import { coordinationSettingsOf } from './coordination.store.ts';
import { lockSettings } from './coordination.repository.ts';
import { closeLockedPulse } from './pulse.close.ts';
import {
  fromJson,
  insertAnswer,
  insertPulse,
  lockInvitation,
  lockPulse,
  lockUnclosedPulseOfCitizen,
  selectCitizenPulses,
  selectMayAnswer,
  selectStaffInvolvedInPlan,
  type PulseRow,
} from './pulse.repository.ts';

// The coordination pulse around one citizen (issue 16), as staff meet it: the plan's coordinator
// (or a leader of the coordinating unit) starts it, and every professional of the units involved
// in the plan is asked three questions; the coordinator closes it (or the job does, when its days
// have run out) and then — only then — sees the results: the professionals' means, hidden below
// the anonymity threshold, and the citizen's own answer. Who answered what is never stored.

const PURPOSE = {
  read: 'Samarbejdspuls om borgerens forløb',
  start: 'Start af en samarbejdspuls om borgerens forløb',
  close: 'Afslutning af en samarbejdspuls om borgerens forløb',
} as const;

type Staff = Extract<Actor, { kind: 'staff' }>;

const iso = (d: Date | string) => new Date(d).toISOString();

const pulseOpen = () => new AppError('CONFLICT', 'The citizen already has an open coordination pulse', undefined, undefined, 'pulseOpen');
const waveClosed = () => new AppError('CONFLICT', 'The coordination pulse is closed', undefined, undefined, 'waveClosed');

/**
 * The closed pulse's results for a viewer who coordinates. The citizen's own answer is shown to
 * the plan's coordinator only — that is what the citizen is told ("Din tovholder kan se dit
 * svar") — not to a leader of the coordinating unit, who sees the professionals' means.
 */
function resultsFor(row: PulseRow, viewer: { coordinates: boolean; isCoordinator: boolean }): PulseResults | null {
  if (row.closed_at === null || !viewer.coordinates || row.results === null) return null;
  const results = fromJson<PulseResults>(row.results);
  return viewer.isCoordinator ? results : { ...results, citizen: null };
}

function pulseViewOf(row: PulseRow, viewer: { mayAnswer: boolean; coordinates: boolean; isCoordinator: boolean }): PulseView {
  const closed = row.closed_at !== null;
  return {
    id: row.id,
    citizenId: row.citizen_id,
    unit: { id: row.unit_id, name: row.unit_name },
    startedAt: iso(row.started_at),
    closesAt: iso(row.closes_at),
    closedAt: closed ? iso(row.closed_at!) : null,
    invited: Number(row.invited),
    answered: Number(row.answered),
    citizenAnswered: row.citizen_answered,
    mayAnswer: viewer.mayAnswer && row.open,
    coordinates: viewer.coordinates,
    results: resultsFor(row, viewer),
  };
}

/** The citizen's pulses as `actor` sees them, in the scope the reader found. */
async function pulsesOf(tx: Db, actor: Staff, scope: Scope) {
  const rows = await selectCitizenPulses(tx, scope.municipalityId, scope.citizenId);
  const mayAnswer = await selectMayAnswer(tx, scope.municipalityId, actor.staffId, rows.filter((r) => r.open).map((r) => r.id));
  // Whether the viewer coordinates is decided by the plan as it is now: after a hand-over, the new coordinator.
  const coordinates = can(actor, 'coordinationPulse.manage', ruleSubjectOf(scope));
  const isCoordinator = scope.plan?.coordinator_id === actor.staffId;
  return rows.map((r) => pulseViewOf(r, { mayAnswer: mayAnswer.has(r.id), coordinates, isCoordinator }));
}

async function pulseOf(tx: Db, actor: Staff, scope: Scope, pulseId: string) {
  return (await pulsesOf(tx, actor, scope)).find((p) => p.id === pulseId)!;
}

/** GET /api/citizens/:citizenId/coordination-pulses: staff involved in the plan (else 404), newest first. */
export function listCitizenPulses(ctx: SignedInCtx, citizenId: string): Promise<CitizenPulsesView> {
  const actor = staffActor(ctx);
  return readCitizenData(ctx, { action: 'coordinationPulse.read', purpose: PURPOSE.read, subject: { citizenId } }, async (tx, scope) => ({
    pulses: await pulsesOf(tx, actor, scope),
    anonymityThreshold: (await coordinationSettingsOf(tx, scope.municipalityId)).anonymityThreshold,
  }));
}

/**
 * POST /api/citizens/:citizenId/coordination-pulses: the coordinator starts a pulse. One open
 * pulse per citizen (409 pulseOpen); one whose days ran out before the job came by is closed
 * first. Nobody to ask but the coordinator: 409 nobodyToAsk.
 */
export function startPulse(ctx: SignedInCtx, citizenId: string): Promise<PulseView> {
  const actor = staffActor(ctx);
  // The reader checks coordinationPulse.manage against the plan it finds: 404 out of reach, 403 not the coordinator.
  return readCitizenData(ctx, { action: 'coordinationPulse.manage', purpose: PURPOSE.start, subject: { citizenId } }, async (tx, scope) => {
    const m = scope.municipalityId;
    const plan = scope.plan!;
    // The settings' lock, shared: a lowering of the anonymity threshold (refused while a pulse is
    // open) cannot pass between its check and this pulse's start.
    await lockSettings(tx, m, 'shared');
    const unclosed = await lockUnclosedPulseOfCitizen(tx, m, scope.citizenId);
    if (unclosed && !unclosed.due) throw pulseOpen();
    if (unclosed) await closeLockedPulse(tx, m, unclosed.id, new Date());
    const staffIds = (await selectStaffInvolvedInPlan(tx, m, plan.id, actor.staffId)).map((r) => r.staff_id);
    if (!staffIds.length) throw new AppError('CONFLICT', 'Nobody in the units involved in the plan can be asked', undefined, undefined, 'nobodyToAsk');
    const { pulseDays } = await coordinationSettingsOf(tx, m);
    const id = await insertPulse(tx, { municipalityId: m, citizenId: scope.citizenId, unitId: plan.coordinator_unit_id, startedBy: actor.staffId, pulseDays, staffIds });
    // Someone started one at the same moment: the unique index let one through.
    if (!id) throw pulseOpen();
    await recordEvent(tx, ctx, { kind: 'write', action: 'coordinationPulse.started', citizenId: scope.citizenId, subjectType: 'coordinationPulse', subjectId: id, details: { invited: staffIds.length, pulseDays, ...(unclosed ? { closedDuePulseId: unclosed.id } : {}) } });
    return pulseOf(tx, actor, scope, id);
  });
}

/** POST /api/coordination-pulses/:pulseId/close: the coordinator closes it now; the results are computed once, here. */
export function closePulse(ctx: SignedInCtx, pulseId: string): Promise<PulseView> {
  const actor = staffActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const pulse = await lockPulse(tx, actor.municipalityId, pulseId);
    if (!pulse) throw new AppError('NOT_FOUND');
    return readCitizenData(
      ctx,
      { action: 'coordinationPulse.manage', purpose: PURPOSE.close, subject: { citizenId: pulse.citizen_id } },
      async (tx, scope) => {
        if (pulse.closed) throw waveClosed();
        const results = await closeLockedPulse(tx, scope.municipalityId, pulseId, new Date());
        await recordEvent(tx, ctx, {
          kind: 'write', action: 'coordinationPulse.closed', citizenId: scope.citizenId, subjectType: 'coordinationPulse', subjectId: pulseId,
          details: { answered: results.n, suppressed: results.suppressed },
        });
        return pulseOf(tx, actor, scope, pulseId);
      },
      tx,
    );
  });
}

/**
 * POST /api/coordination-pulses/:pulseId/answers: a professional who was asked answers, once.
 * Not asked (or another municipality's pulse, or a closed one: its invitations are gone): 404;
 * answered: 409 alreadyAnswered; its days run out before the job closed it: 409 waveClosed. One transaction: the pulse and the invitation are locked, the
 * invitation marked, the count raised, the scores stored apart from anything that names the person.
 * No audit row: the audit log is kept for good, and a row saying who answered (in the same
 * transaction as the answer row) would keep what deleting the invitations at close forgets.
 */
export async function answerPulse(ctx: SignedInCtx, pulseId: string, input: AnswerPulseInput): Promise<{ ok: true }> {
  const actor = staffActor(ctx);
  const m = actor.municipalityId;
  return ctx.db.transaction(async (tx) => {
    const pulse = await lockPulse(tx, m, pulseId);
    if (!pulse) throw new AppError('NOT_FOUND');
    // Not asked: 404 before anything else, so staff outside the citizen's involvement learn
    // nothing about the pulse (not even that it closed). Invitations are deleted at close, so a
    // closed pulse is 404 for everyone; one whose days ran out before the job came is 409.
    const invitation = await lockInvitation(tx, m, pulseId, actor.staffId);
    if (!invitation) throw new AppError('NOT_FOUND', 'You were not asked in this coordination pulse');
    if (!pulse.open) throw waveClosed();
    if (invitation.answered) throw new AppError('CONFLICT', 'You have answered this coordination pulse', undefined, undefined, 'alreadyAnswered');
    const scores = pulseItems.map((item) => input.answers[item]) as [number, number, number];
    await insertAnswer(tx, m, pulseId, actor.staffId, scores);
    return { ok: true as const };
  });
}
