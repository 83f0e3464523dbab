import { can } from '@sammen/domain/access';
import { visibleResults, wavesCsv } from '@sammen/domain/coordination-engine';
import type { WaveResultsView, WaveScores } from '@sammen/domain/coordination';
import type { SignedInCtx } from '../../platform/context.ts';
import { staffActor } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { selectOwnGroupOfWave, selectPreviousClosedWave, selectWave, type WaveRow } from './coordination.repository.ts';
import { coordinationSettingsOf } from './coordination.store.ts';
import { waveView } from './coordination.waves.ts';

// A closed wave's results (issue 16). They exist only once the wave is closed: live results would
// give each new answer away by difference. Hidden cells (fewer respondents than the threshold)
// carry no number, and every total is made of shown cells only (the engine's rule). Who sees
// what: leaders and admins all of it; other staff as the municipality's settings say now —
// 'none' nothing, 'ownGroup' what involves the group they belong to, 'all' everything.

type Viewer = { all: true } | { ownGroupId: string };

/** The closed wave and what the viewer may see of it: 404 not the municipality's, 403 not theirs to see, 409 waveOpen. */
async function visibleWave(ctx: SignedInCtx, waveId: string): Promise<{ wave: WaveRow & { results: WaveScores }; viewer: Viewer }> {
  const actor = staffActor(ctx);
  const wave = await selectWave(ctx.db, actor.municipalityId, waveId);
  if (!wave) throw new AppError('NOT_FOUND');
  const viewer = await viewerOf(ctx, waveId);
  if (!wave.closed_at || !wave.results) throw new AppError('CONFLICT', 'The wave is open: its results exist once it is closed', undefined, undefined, 'waveOpen');
  return { wave: wave as WaveRow & { results: WaveScores }, viewer };
}

/**
 * Leaders and admins (coordination.manage) see all. Other staff by the settings in force now —
 * they are the municipality's current policy, not a property of the wave: the first of the wave's
 * groups (wave order) they belong to now, by its current units and roles.
 */
async function viewerOf(ctx: SignedInCtx, waveId: string): Promise<Viewer> {
  const actor = staffActor(ctx);
  if (can(actor, 'coordination.manage')) return { all: true };
  const { staffSee } = await coordinationSettingsOf(ctx.db, actor.municipalityId);
  if (staffSee === 'all') return { all: true };
  if (staffSee === 'none') throw new AppError('FORBIDDEN', 'The municipality shows survey results to leaders and analysts only');
  const ownGroupId = await selectOwnGroupOfWave(ctx.db, actor.municipalityId, waveId, actor.staffId);
  if (!ownGroupId) throw new AppError('FORBIDDEN', 'You see the results of your own group, and you are in none of this wave’s groups');
  return { ownGroupId };
}

/** The closed wave before it with the same instrument: its shown between-group scores as this viewer may see them. */
async function previousOf(ctx: SignedInCtx, waveId: string, viewer: Viewer): Promise<WaveResultsView['previous']> {
  const previous = await selectPreviousClosedWave(ctx.db, staffActor(ctx).municipalityId, waveId);
  if (!previous?.results) return null;
  const seen = visibleResults(previous.results, viewer);
  return {
    waveId: previous.id,
    name: previous.name,
    index: seen.index,
    cells: seen.cells.filter((c) => !c.suppressed && c.score !== null).map((c) => ({ raterGroupId: c.raterGroupId, ratedGroupId: c.ratedGroupId, score: c.score! })),
  };
}

/** GET /api/coordination/waves/:waveId/results. */
export async function getResults(ctx: SignedInCtx, waveId: string): Promise<WaveResultsView> {
  const { wave, viewer } = await visibleWave(ctx, waveId);
  const d = wave.definition;
  return {
    ...visibleResults(wave.results, viewer),
    wave: waveView(wave),
    instrument: { name: d.name, wordingSource: d.wordingSource, licence: d.licence, items: d.items },
    visibility: 'all' in viewer ? 'all' : 'ownGroup',
    ownGroupId: 'ownGroupId' in viewer ? viewer.ownGroupId : null,
    previous: await previousOf(ctx, waveId, viewer),
  };
}

/** A file name of plain letters (a header cannot carry æ, ø, å safely): the wave's day of closing. */
const fileName = (wave: WaveRow) => `samarbejdsmaaling-${new Date(wave.closed_at!).toISOString().slice(0, 10)}.csv`;

/** GET /api/coordination/waves/:waveId/results.csv: the shown cells the viewer may see, one row each. */
export async function getResultsCsv(ctx: SignedInCtx, waveId: string, lang: 'da' | 'en'): Promise<{ fileName: string; csv: string }> {
  const { wave, viewer } = await visibleWave(ctx, waveId);
  const names = new Map(wave.groups.map((g) => [g.id, g.name]));
  return { fileName: fileName(wave), csv: wavesCsv(visibleResults(wave.results, viewer), names, lang) };
}
