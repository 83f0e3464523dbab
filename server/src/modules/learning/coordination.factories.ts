import { dimensions, SAMMEN_SURVEY_INSTRUMENT, type Dimension } from '@sammen/domain/coordination';
import type { StaffRole } from '@sammen/domain/access';
import { randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db.ts';
import { insertGroup, selectGroupsByIds } from './coordination.repository.ts';
import { closeLockedWave, ensureSurveyInstrument, storeWave } from './coordination.store.ts';

// Test data for the coordination survey: work groups and waves written through the store (so
// invitations follow the same membership rule as a wave opened through the API).

const unique = (prefix: string) => `${prefix} ${randomBytes(4).toString('hex')}`;

/** A work group of these units (and roles; none: every role). */
export function aWorkGroup(db: Db, municipalityId: string, g: { unitIds: string[]; roles?: StaffRole[]; name?: string; active?: boolean }) {
  return insertGroup(db, municipalityId, { name: g.name ?? unique('Gruppe'), unitIds: g.unitIds, roles: g.roles ?? [], active: g.active ?? true });
}

/** An open wave with Sammen's instrument for these groups (in this order), closing `closesOn`; its id. */
export async function aWave(db: Db, municipalityId: string, w: { groupIds: string[]; openedBy: string; closesOn: string; name?: string }) {
  const instrumentId = await ensureSurveyInstrument(db, municipalityId);
  const groups = await selectGroupsByIds(db, municipalityId, w.groupIds);
  const byId = new Map(groups.map((g) => [g.id, g]));
  const { id } = await storeWave(db, {
    municipalityId, name: w.name ?? unique('Måling'), instrumentId, definition: SAMMEN_SURVEY_INSTRUMENT, focalWork: 'borgere med komplekse forløb',
    groups: w.groupIds.map((gid) => ({ id: gid, name: byId.get(gid)!.name })), closesOn: w.closesOn, openedBy: w.openedBy,
  });
  return id;
}

/** A closed wave (scored with whatever responses it has: none) for these groups; its id. */
export async function aClosedWave(db: Db, municipalityId: string, w: { groupIds: string[]; openedBy: string; name?: string }) {
  const id = await aWave(db, municipalityId, { ...w, closesOn: new Date().toISOString().slice(0, 10) });
  await closeLockedWave(db, municipalityId, id, w.groupIds);
  return id;
}

/** Every dimension answered with the option at `position` (0–4): with Sammen's wording, score position + 1. */
export const allAnswers = (position: number | null): Record<Dimension, number | null> => Object.fromEntries(dimensions.map((d) => [d, position])) as Record<Dimension, number | null>;
