import type { FeedbackKind } from '@sammen/domain/feedback';
import type { EffortArea } from '@sammen/domain/plans';
import type { Db } from '../../platform/db.ts';
import { selectInstruments } from './feedback.repository.ts';
import { ensureInstruments, storeMeeting, storeRating } from './feedback.store.ts';

// Test data for feedback: meetings and ratings written through the store (so alerts are
// computed as for a submitted rating), without the routes that start and submit them.

/** Sammen's instrument of the kind for adults (or children), set up first when the municipality has none. */
export async function anInstrumentId(db: Db, municipalityId: string, kind: FeedbackKind, group: 'adults' | 'children' = 'adults') {
  await ensureInstruments(db, municipalityId);
  const found = (await selectInstruments(db, municipalityId)).find((i) => i.origin === 'sammen' && i.kind === kind && i.definition.targetGroups.includes(group));
  return found!.id;
}

/** Answers to Sammen's four 0–10 items that add up to `total` (0–40). */
export function answersSumming(total: number, kind: FeedbackKind): Record<string, number> {
  const keys = kind === 'outcome' ? ['self', 'close', 'daily', 'overall'] : ['respect', 'listened', 'clarity', 'overall'];
  let left = total;
  return Object.fromEntries(keys.map((key, i) => {
    const value = Math.min(10, Math.max(0, left - 10 * (keys.length - 1 - i)));
    left -= value;
    return [key, value];
  }));
}

let hours = 0;

/** A meeting `daysAgo` days back (each a little later than the last, so conversation order is the order made). */
export async function aMeeting(db: Db, municipalityId: string, m: { citizenId: string; unitId: string; staffId: string; area?: EffortArea; daysAgo?: number; appointmentId?: string }) {
  const heldAt = new Date(Date.now() - (m.daysAgo ?? 1) * 86_400_000 + ++hours * 1000);
  return storeMeeting(db, { municipalityId, citizenId: m.citizenId, unitId: m.unitId, staffId: m.staffId, area: m.area ?? 'family', heldAt, appointmentId: m.appointmentId ?? null });
}

/** A rating of `kind` with Sammen's adult instrument totalling `total`, or declined (total null). */
export async function aRating(db: Db, municipalityId: string, meetingId: string, kind: FeedbackKind, total: number | null, givenVia: 'tablet' | 'link' = 'tablet') {
  const instrumentId = await anInstrumentId(db, municipalityId, kind);
  return storeRating(db, {
    municipalityId, meetingId, kind, instrumentId, givenVia,
    ...(total === null ? { declined: true as const } : { answers: answersSumming(total, kind) }),
  });
}

/** A course of meetings with a unit, one per total (null: the meeting was not rated), the oldest first. */
/** `before`: how many more days back the whole course lies (default 0: the last meeting two days ago). */
export async function aCourse(db: Db, municipalityId: string, c: { citizenId: string; unitId: string; staffId: string; kind: FeedbackKind; totals: (number | null)[]; area?: EffortArea; before?: number }) {
  const ids: string[] = [];
  for (const [i, total] of c.totals.entries()) {
    const id = await aMeeting(db, municipalityId, { ...c, daysAgo: c.totals.length - i + 1 + (c.before ?? 0) });
    if (total !== null) await aRating(db, municipalityId, id, c.kind, total);
    ids.push(id);
  }
  return ids;
}
