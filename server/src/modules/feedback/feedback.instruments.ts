import {
  computeNorms,
  instrumentDefinition,
  totalRange,
  withNorms,
  type FeedbackSettings,
  type InstrumentDefinition,
  type InstrumentInput,
  type InstrumentView,
  type InstrumentsView,
  type NormsInput,
  type NormsView,
} from '@sammen/domain/feedback';
import type { SignedInCtx } from '../../platform/context.ts';
import { staffActor } from '../../platform/context.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { recordEvent } from '../audit/audit.service.ts';
import {
  insertInstrument,
  selectFirstOutcomeTotals,
  selectInstrument,
  selectInstruments,
  updateInstrument,
  upsertSettings,
  type InstrumentRow,
} from './feedback.repository.ts';
import { ensureInstruments, feedbackSettingsOf } from './feedback.store.ts';

// The municipality's instruments as data (issue 15): Sammen's own four, and any the municipality
// enters (e.g. a licensed form). An instrument that ratings were given with keeps its items,
// scales and scoring — a total must mean the same over a whole course — while its wording,
// cutoff, reliable change, alerts and whether it is offered may change. Local norms
// (Jacobson–Truax) from the municipality's own first ratings; the trajectory's and links' settings.

export function instrumentView(r: InstrumentRow): InstrumentView {
  return { id: r.id, origin: r.origin, active: r.active, definition: r.definition, ratings: r.ratings, updatedAt: new Date(r.updated_at).toISOString() };
}

/** GET /api/feedback/instruments: the instruments and settings; a new municipality gets Sammen's four first. */
export function listInstruments(ctx: SignedInCtx): Promise<InstrumentsView> {
  const actor = staffActor(ctx);
  return ctx.db.transaction(async (tx) => {
    await ensureInstruments(tx, actor.municipalityId);
    const rows = await selectInstruments(tx, actor.municipalityId);
    return { instruments: rows.map(instrumentView), settings: await feedbackSettingsOf(tx, actor.municipalityId) };
  });
}

/** POST /api/feedback/instruments: the municipality enters an instrument of its own. */
export function addInstrument(ctx: SignedInCtx, input: InstrumentInput): Promise<InstrumentView> {
  const actor = staffActor(ctx);
  return ctx.db.transaction(async (tx) => {
    // Sammen's come first, so the municipality's own are added beside them, not instead of them.
    await ensureInstruments(tx, actor.municipalityId);
    const id = await insertInstrument(tx, actor.municipalityId, { origin: 'municipality', definition: input.definition, active: input.active, updatedBy: actor.staffId });
    await recordEvent(tx, ctx, { kind: 'write', action: 'feedback.instrumentAdded', subjectType: 'feedbackInstrument', subjectId: id, details: { kind: input.definition.total.kind } });
    return instrumentView((await selectInstrument(tx, actor.municipalityId, id))!);
  });
}

/** What a total is made of: the items' keys and scales, how they add up, and which way is better. */
const scoring = (d: InstrumentDefinition) => ({
  items: d.items.map(({ key, min, max, step }) => ({ key, min, max, step })),
  method: d.total.method,
  kind: d.total.kind,
  higherIsBetter: d.total.higherIsBetter,
});

/** The field a change of scoring is in, or undefined when the scoring is the same. */
function scoringChange(before: InstrumentDefinition, after: InstrumentDefinition): string | undefined {
  const [a, b] = [scoring(before), scoring(after)];
  if (JSON.stringify(a.items) !== JSON.stringify(b.items)) return 'definition.items';
  if (a.kind !== b.kind) return 'definition.total.kind';
  if (a.method !== b.method) return 'definition.total.method';
  if (a.higherIsBetter !== b.higherIsBetter) return 'definition.total.higherIsBetter';
  return undefined;
}

/** PUT /api/feedback/instruments/:instrumentId: change wording, cutoff, reliable change, alerts, active; the scoring only while unused. */
export function changeInstrument(ctx: SignedInCtx, instrumentId: string, input: InstrumentInput): Promise<InstrumentView> {
  const actor = staffActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const current = await selectInstrument(tx, actor.municipalityId, instrumentId, true);
    if (!current) throw new AppError('NOT_FOUND');
    const changed = scoringChange(current.definition, input.definition);
    if (changed && current.ratings > 0) {
      throw new AppError('CONFLICT', `${current.ratings} ratings were given with this instrument: its items, scales and scoring stay; add a new instrument instead`, changed, undefined, 'instrumentInUse');
    }
    await updateInstrument(tx, actor.municipalityId, instrumentId, { definition: input.definition, active: input.active, updatedBy: actor.staffId });
    await recordEvent(tx, ctx, { kind: 'write', action: 'feedback.instrumentChanged', subjectType: 'feedbackInstrument', subjectId: instrumentId, details: { active: input.active } });
    return instrumentView((await selectInstrument(tx, actor.municipalityId, instrumentId))!);
  });
}

/** The non-clinical totals must be totals the instrument can give. */
function assertTotals(d: InstrumentDefinition, totals: number[]) {
  const range = totalRange(d);
  totals.forEach((t, i) => {
    if (t < range.min) throw invalid(`nonClinicalTotals.${i}`, 'tooSmall', `must be within the total's scale, ${range.min}–${range.max}`, range);
    if (t > range.max) throw invalid(`nonClinicalTotals.${i}`, 'tooLarge', `must be within the total's scale, ${range.min}–${range.max}`, range);
  });
}

/** computeNorms names its samples; the admin brings the non-clinical one as `nonClinicalTotals`. */
const inputField = (field: string) => (field === 'nonClinical' ? 'nonClinicalTotals' : field);

/**
 * POST /api/feedback/instruments/:instrumentId/norms: the municipality's own cutoff and reliable
 * change for an outcome instrument, from the first total of every course rated with it (the
 * clinical sample) and the non-clinical totals the admin brings. `apply` saves them.
 */
export function computeInstrumentNorms(ctx: SignedInCtx, instrumentId: string, input: NormsInput): Promise<NormsView> {
  const actor = staffActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const instrument = await selectInstrument(tx, actor.municipalityId, instrumentId, input.apply);
    if (!instrument) throw new AppError('NOT_FOUND');
    if (instrument.kind !== 'outcome') throw invalid('instrumentId', 'wrongInstrument', 'norms are computed for outcome instruments only');
    assertTotals(instrument.definition, input.nonClinicalTotals);
    const clinical = await selectFirstOutcomeTotals(tx, actor.municipalityId, instrumentId);
    const result = computeNorms(clinical, input.nonClinicalTotals, input.reliability);
    if (!result.ok) {
      const first = result.refusals[0]!;
      throw invalid(inputField(first.field), first.reason, first.reason === 'tooFew' ? 'too few totals to compute norms from' : 'cannot compute norms from these totals', first.params);
    }
    if (input.apply) {
      const parsed = instrumentDefinition.safeParse(withNorms(instrument.definition, result.norms));
      if (!parsed.success) {
        // E.g. a reliable change of 0 when every first rating was the same: shown, but not to be saved.
        const issue = parsed.error.issues[0]!;
        throw invalid('apply', 'invalidValue', `the norms do not fit the instrument (${issue.path.join('.')}: ${issue.message})`);
      }
      await updateInstrument(tx, actor.municipalityId, instrumentId, { definition: parsed.data, active: instrument.active, updatedBy: actor.staffId });
      await recordEvent(tx, ctx, {
        kind: 'write', action: 'feedback.normsApplied', subjectType: 'feedbackInstrument', subjectId: instrumentId,
        details: { cutoff: result.norms.cutoff, reliableChange: result.norms.reliableChange, clinical: result.norms.clinical.n, nonClinical: result.norms.nonClinical.n },
      });
    }
    return { instrumentId, norms: result.norms, applied: input.apply };
  });
}

/** PUT /api/feedback/settings: the expected trajectory's band, courses and margin; how long links work. */
export function changeSettings(ctx: SignedInCtx, settings: FeedbackSettings): Promise<FeedbackSettings> {
  const actor = staffActor(ctx);
  return ctx.db.transaction(async (tx) => {
    await upsertSettings(tx, actor.municipalityId, settings);
    await recordEvent(tx, ctx, { kind: 'write', action: 'feedback.settingsChanged', subjectType: 'municipality', subjectId: actor.municipalityId, details: settings });
    return settings;
  });
}
