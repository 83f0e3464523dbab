import { can } from '@sammen/domain/access';
import { localDate } from '@sammen/domain/calendar';
import type { OpenWaveInput, TrendsView, WaveView } from '@sammen/domain/coordination';
import type { SignedInCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { staffActor } from '../../platform/context.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { recordEvent } from '../audit/audit.service.ts';
import { surveyInstrumentId } from './coordination.ids.ts';
import {
  lockSettings,
  selectClosedWavesOfInstrument,
  selectGroupsByIds,
  selectInstrument,
  selectWave,
  selectWaves,
  updateWaveReminded,
  type WaveRow,
} from './coordination.repository.ts';
import { closeLockedWave, coordinationSettingsOf, ensureSurveyInstrument, storeWave } from './coordination.store.ts';

// Waves of the survey (issue 16): the analyst (a leader or an admin) opens one for chosen groups,
// which invites every member once; watches the response rate per group, live; reminds; closes it
// (or the close job does, the day after its last day). Only counts show while it is open, and only
// to the analyst; other staff find the closed waves whose results they may see.

const iso = (d: Date | string) => new Date(d).toISOString();

export function waveView(r: WaveRow): WaveView {
  const sum = (k: 'invited' | 'answered') => r.groups.reduce((n, g) => n + g[k], 0);
  return {
    id: r.id,
    name: r.name,
    focalWork: r.focal_work,
    instrument: { id: r.instrument_id, name: r.definition.name, wordingSource: r.definition.wordingSource },
    status: r.closed_at ? 'closed' : 'open',
    openedAt: iso(r.opened_at),
    closesOn: r.closes_on,
    closedAt: r.closed_at ? iso(r.closed_at) : null,
    remindedAt: r.reminded_at ? iso(r.reminded_at) : null,
    groups: r.groups,
    invited: sum('invited'),
    answered: sum('answered'),
  };
}

/**
 * GET /api/coordination/waves, newest first: the waves the viewer has a way into. Leaders and
 * admins (coordination.manage) every wave. Other staff only the closed waves whose results they
 * may see by the settings in force now, as coordination.results.ts decides for one wave:
 * 'all' every closed wave, 'ownGroup' those with a group they belong to now, 'none' none — an
 * empty list rather than 403, so the landing page simply shows nothing. An open wave is never
 * listed for them: while open, even its counts are the analyst's.
 */
export async function listWaves(ctx: SignedInCtx): Promise<{ waves: WaveView[] }> {
  const actor = staffActor(ctx);
  const m = actor.municipalityId;
  if (can(actor, 'coordination.manage')) return { waves: (await selectWaves(ctx.db, m)).map(waveView) };
  const { staffSee } = await coordinationSettingsOf(ctx.db, m);
  if (staffSee === 'none') return { waves: [] };
  const waves = await selectWaves(ctx.db, m, { closedOnly: true, memberOf: staffSee === 'ownGroup' ? actor.staffId : undefined });
  return { waves: waves.map(waveView) };
}

/** GET /api/coordination/waves/:waveId: with the live counts per group. */
export async function getWave(ctx: SignedInCtx, waveId: string): Promise<WaveView> {
  const wave = await selectWave(ctx.db, staffActor(ctx).municipalityId, waveId);
  if (!wave) throw new AppError('NOT_FOUND');
  return waveView(wave);
}

/** The groups of a new wave, in its order: each once, each the municipality's (else 404) and active. */
async function waveGroups(tx: Db, municipalityId: string, groupIds: readonly string[]) {
  groupIds.forEach((id, i) => {
    if (groupIds.indexOf(id) !== i) throw invalid(`groupIds.${i}`, 'invalidValue', 'the same group is chosen twice');
  });
  const found = new Map((await selectGroupsByIds(tx, municipalityId, groupIds)).map((g) => [g.id, g]));
  return groupIds.map((id, i) => {
    const group = found.get(id);
    if (!group) throw new AppError('NOT_FOUND', 'No such work group', `groupIds.${i}`);
    if (!group.active) throw invalid(`groupIds.${i}`, 'notGroupOfWave', 'the work group is not active');
    return { id, name: group.name };
  });
}

/**
 * POST /api/coordination/waves: opens a wave and invites every member of its groups once, in the
 * first group they belong to. Under the settings lock (shared, first): a lowering of the
 * threshold under way finishes first, and one that comes later sees this wave open.
 */
export function openWave(ctx: SignedInCtx, input: OpenWaveInput): Promise<WaveView> {
  const actor = staffActor(ctx);
  const m = actor.municipalityId;
  return ctx.db.transaction(async (tx) => {
    await lockSettings(tx, m, 'shared');
    if (input.closesOn < localDate(Date.now())) throw invalid('closesOn', 'inThePast', 'the last day to answer cannot be before today');
    if (input.instrumentId === surveyInstrumentId(m)) await ensureSurveyInstrument(tx, m);
    const instrument = await selectInstrument(tx, m, input.instrumentId);
    if (!instrument) throw new AppError('NOT_FOUND', 'No such instrument', 'instrumentId');
    if (!instrument.active) throw invalid('instrumentId', 'invalidValue', 'the instrument is not active');
    const groups = await waveGroups(tx, m, input.groupIds);
    const { id, invited } = await storeWave(tx, {
      municipalityId: m, name: input.name, instrumentId: input.instrumentId, definition: instrument.definition, focalWork: input.focalWork,
      groups, closesOn: input.closesOn, openedBy: actor.staffId,
    });
    await recordEvent(tx, ctx, { kind: 'write', action: 'coordination.waveOpened', subjectType: 'coordinationWave', subjectId: id, details: { groups: groups.length, invited } });
    return waveView((await selectWave(tx, m, id))!);
  });
}

/** The wave, locked for a change of its own; 404 when not the municipality's, 409 waveClosed when closed. */
async function lockOpenWave(tx: Db, municipalityId: string, waveId: string) {
  const wave = await selectWave(tx, municipalityId, waveId, 'update');
  if (!wave) throw new AppError('NOT_FOUND');
  if (wave.closed_at) throw new AppError('CONFLICT', 'The wave is closed', undefined, undefined, 'waveClosed');
  return wave;
}

/** POST /api/coordination/waves/:waveId/remind: marks the wave reminded; the invitations say so to those who have not answered. */
export function remindWave(ctx: SignedInCtx, waveId: string): Promise<WaveView> {
  const actor = staffActor(ctx);
  return ctx.db.transaction(async (tx) => {
    await lockOpenWave(tx, actor.municipalityId, waveId);
    await updateWaveReminded(tx, actor.municipalityId, waveId);
    await recordEvent(tx, ctx, { kind: 'write', action: 'coordination.waveReminded', subjectType: 'coordinationWave', subjectId: waveId });
    return waveView((await selectWave(tx, actor.municipalityId, waveId))!);
  });
}

/** POST /api/coordination/waves/:waveId/close: scores it and forgets who was asked (coordination.store.ts closeLockedWave). */
export function closeWave(ctx: SignedInCtx, waveId: string): Promise<WaveView> {
  const actor = staffActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const wave = await lockOpenWave(tx, actor.municipalityId, waveId);
    await closeLockedWave(tx, actor.municipalityId, waveId, wave.groups.map((g) => g.id));
    await recordEvent(tx, ctx, {
      kind: 'write', action: 'coordination.waveClosed', subjectType: 'coordinationWave', subjectId: waveId,
      details: { invited: wave.groups.reduce((n, g) => n + g.invited, 0), answered: wave.groups.reduce((n, g) => n + g.answered, 0) },
    });
    return waveView((await selectWave(tx, actor.municipalityId, waveId))!);
  });
}

/** GET /api/coordination/trends?instrumentId=: the closed waves of one instrument, oldest first — only waves asked in the same words compare. */
export async function getTrends(ctx: SignedInCtx, instrumentId: string): Promise<TrendsView> {
  const m = staffActor(ctx).municipalityId;
  // Sammen's own has no waves until it is stored; any other id must be one of the municipality's.
  if (instrumentId !== surveyInstrumentId(m) && !(await selectInstrument(ctx.db, m, instrumentId))) throw new AppError('NOT_FOUND');
  const waves = await selectClosedWavesOfInstrument(ctx.db, m, instrumentId);
  return {
    instrumentId,
    waves: waves.map((w) => {
      const names = new Map(w.groups.map((g) => [g.id, g.name]));
      return {
        waveId: w.id,
        name: w.name,
        closedAt: iso(w.closed_at!),
        index: w.results!.index,
        groups: w.results!.groups.map((g) => ({ ...g, name: names.get(g.groupId) ?? '' })),
      };
    }),
  };
}
