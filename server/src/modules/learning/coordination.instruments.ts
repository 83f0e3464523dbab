import type { z } from 'zod';
import {
  SAMMEN_SURVEY_INSTRUMENT,
  type CoordinationSettings,
  type surveyInstrumentInput,
  type SurveyInstrumentDefinition,
  type SurveyInstrumentView,
} from '@sammen/domain/coordination';
import type { SignedInCtx } from '../../platform/context.ts';
import { staffActor } from '../../platform/context.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { recordEvent } from '../audit/audit.service.ts';
import { surveyInstrumentId } from './coordination.ids.ts';
import {
  insertInstrument,
  lockSettings,
  selectHasOpenSurveys,
  selectInstrument,
  selectInstruments,
  updateInstrument,
  upsertSettings,
  type InstrumentRow,
} from './coordination.repository.ts';
import { coordinationSettingsOf, ensureSurveyInstrument } from './coordination.store.ts';

// The survey's wording as data (issue 16): Sammen's own, and any the municipality enters (a
// licensed instrument's wording it holds the licence for). An instrument a wave has used keeps
// its wording — results of two waves compare only when they asked the same questions — while
// whether it is offered may change. Sammen's own wording is not changed here at all: results
// labelled as Sammen's must have been asked in Sammen's words. And the settings: thresholds,
// bands, flags, who sees what.

type SurveyInstrumentInput = z.infer<typeof surveyInstrumentInput>;

const viewOf = (r: InstrumentRow): SurveyInstrumentView => ({ id: r.id, origin: r.origin, definition: r.definition, active: r.active, inUse: r.in_use });

/** Sammen's own instrument as it is before anything is stored: active, unused, under its fixed id. */
const sammenUnstored = (municipalityId: string): SurveyInstrumentView => ({
  id: surveyInstrumentId(municipalityId),
  origin: 'sammen',
  definition: SAMMEN_SURVEY_INSTRUMENT,
  active: true,
  inUse: false,
});

/** GET /api/coordination/instruments: the stored instruments, and Sammen's first when it is not stored yet. Never writes. */
export async function listInstruments(ctx: SignedInCtx): Promise<{ instruments: SurveyInstrumentView[] }> {
  const { municipalityId } = staffActor(ctx);
  const stored = (await selectInstruments(ctx.db, municipalityId)).map(viewOf);
  const sammenId = surveyInstrumentId(municipalityId);
  return { instruments: stored.some((i) => i.id === sammenId) ? stored : [sammenUnstored(municipalityId), ...stored] };
}

/** POST /api/coordination/instruments: the municipality enters an instrument's wording of its own. */
export function addInstrument(ctx: SignedInCtx, input: SurveyInstrumentInput): Promise<SurveyInstrumentView> {
  const actor = staffActor(ctx);
  return ctx.db.transaction(async (tx) => {
    // Sammen's is stored first, so the municipality's own comes beside it, after it.
    await ensureSurveyInstrument(tx, actor.municipalityId);
    const id = (await insertInstrument(tx, actor.municipalityId, { origin: 'municipality', definition: input.definition, active: input.active, updatedBy: actor.staffId }))!;
    await recordEvent(tx, ctx, { kind: 'write', action: 'coordination.instrumentAdded', subjectType: 'coordinationInstrument', subjectId: id, details: { wordingSource: input.definition.wordingSource } });
    return viewOf((await selectInstrument(tx, actor.municipalityId, id))!);
  });
}

/** A JSON text with object keys in order: jsonb keeps its own key order, so two equal definitions may not stringify alike. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const sameDefinition = (a: SurveyInstrumentDefinition, b: SurveyInstrumentDefinition) => canonical(a) === canonical(b);

/** PUT /api/coordination/instruments/:instrumentId: whether it is offered, always; the wording only while no wave has used it, and never Sammen's own. */
export function changeInstrument(ctx: SignedInCtx, instrumentId: string, input: SurveyInstrumentInput): Promise<SurveyInstrumentView> {
  const actor = staffActor(ctx);
  return ctx.db.transaction(async (tx) => {
    if (instrumentId === surveyInstrumentId(actor.municipalityId)) await ensureSurveyInstrument(tx, actor.municipalityId);
    const current = await selectInstrument(tx, actor.municipalityId, instrumentId, true);
    if (!current) throw new AppError('NOT_FOUND');
    if (!sameDefinition(current.definition, input.definition)) {
      if (current.origin === 'sammen') throw invalid('definition', 'invalidValue', 'Sammen’s own wording cannot be changed; add an instrument of your own instead');
      if (current.in_use) {
        throw new AppError('CONFLICT', 'Waves have used this instrument: its wording stays, so their results compare; add a new instrument instead', 'definition', undefined, 'instrumentInUse');
      }
    }
    await updateInstrument(tx, actor.municipalityId, instrumentId, { definition: input.definition, active: input.active, updatedBy: actor.staffId });
    await recordEvent(tx, ctx, { kind: 'write', action: 'coordination.instrumentChanged', subjectType: 'coordinationInstrument', subjectId: instrumentId, details: { active: input.active } });
    return viewOf((await selectInstrument(tx, actor.municipalityId, instrumentId))!);
  });
}

/** GET /api/coordination/settings: the municipality's, or the defaults. */
export function getSettings(ctx: SignedInCtx): Promise<CoordinationSettings> {
  return coordinationSettingsOf(ctx.db, staffActor(ctx).municipalityId);
}

/**
 * PUT /api/coordination/settings. Waves closed before keep the settings they were scored with.
 * The anonymity threshold may not go down while a wave or a pulse is open (409 openSurveys): those
 * asked in it answered on the promise of the threshold they were shown. Raising it is always fine.
 * Under the settings lock, so a wave opened at the same moment is seen (coordination.repository.ts lockSettings).
 */
export function changeSettings(ctx: SignedInCtx, settings: CoordinationSettings): Promise<CoordinationSettings> {
  const actor = staffActor(ctx);
  return ctx.db.transaction(async (tx) => {
    await lockSettings(tx, actor.municipalityId, 'exclusive');
    const current = await coordinationSettingsOf(tx, actor.municipalityId);
    if (settings.anonymityThreshold < current.anonymityThreshold && (await selectHasOpenSurveys(tx, actor.municipalityId))) {
      throw new AppError('CONFLICT', 'The anonymity threshold cannot be lowered while a wave or a coordination pulse is open', 'anonymityThreshold', undefined, 'openSurveys');
    }
    await ensureSurveyInstrument(tx, actor.municipalityId);
    await upsertSettings(tx, actor.municipalityId, settings);
    await recordEvent(tx, ctx, { kind: 'write', action: 'coordination.settingsChanged', subjectType: 'municipality', subjectId: actor.municipalityId, details: settings });
    return settings;
  });
}
