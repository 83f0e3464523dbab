import { scoreWave } from '@sammen/domain/coordination-engine';
import { SAMMEN_SURVEY_INSTRUMENT, type CoordinationSettings, type SurveyInstrumentDefinition, type WaveScores } from '@sammen/domain/coordination';
import type { Db } from '../../platform/db.ts';
import { surveyInstrumentId } from './coordination.ids.ts';
import {
  deleteInvitations,
  insertInstrument,
  insertInvitations,
  insertWave,
  insertWaveGroups,
  selectMemberships,
  selectResponses,
  selectSettings,
  updateWaveClosed,
} from './coordination.repository.ts';

// What the survey stores the same way whoever asks — the analyst through the API, the close job,
// the demo seed: Sammen's own instrument, the settings, a wave with its invitations, and the close
// that scores a wave and forgets who was asked. No access checks and no audit rows here: the
// callers own those.

/**
 * Stores Sammen's own instrument under its fixed id when the municipality does not have it yet
 * (INSERT … ON CONFLICT DO NOTHING on the key, so two at once are fine). The write paths that may
 * need it call this first; reads never write, they show Sammen's as if stored (coordination.instruments.ts).
 */
export async function ensureSurveyInstrument(tx: Db, municipalityId: string): Promise<string> {
  const id = surveyInstrumentId(municipalityId);
  await insertInstrument(tx, municipalityId, { id, origin: 'sammen', definition: SAMMEN_SURVEY_INSTRUMENT, active: true, updatedBy: null });
  return id;
}

/** The municipality's settings, or the defaults when it has none. */
export const coordinationSettingsOf = (db: Db, municipalityId: string): Promise<CoordinationSettings> => selectSettings(db, municipalityId);

/**
 * Who a wave for these groups invites: every member of every group, once, as a member of the
 * FIRST group in `groupIds` they belong to — so nobody answers twice, and a person in two groups
 * answers as the one listed first.
 */
export function invitationsOf(groupIds: readonly string[], memberships: readonly { group_id: string; staff_id: string }[]) {
  const position = new Map(groupIds.map((id, i) => [id, i]));
  const first = new Map<string, string>();
  for (const m of [...memberships].sort((a, b) => position.get(a.group_id)! - position.get(b.group_id)!)) {
    if (!first.has(m.staff_id)) first.set(m.staff_id, m.group_id);
  }
  return [...first].map(([staffId, groupId]) => ({ staffId, groupId }));
}

export interface WaveToStore {
  municipalityId: string;
  name: string;
  instrumentId: string;
  definition: SurveyInstrumentDefinition;
  focalWork: string;
  /** In the wave's order, checked by the caller (active groups of the municipality, no repeats). */
  groups: readonly { id: string; name: string }[];
  closesOn: string;
  openedBy: string;
  openedAt?: Date;
}

/** Stores a wave, its groups in order and an invitation for every member; returns its id and how many were invited. */
export async function storeWave(tx: Db, w: WaveToStore): Promise<{ id: string; invited: number }> {
  const groupIds = w.groups.map((g) => g.id);
  const invitations = invitationsOf(groupIds, await selectMemberships(tx, w.municipalityId, groupIds));
  const id = await insertWave(tx, w.municipalityId, w);
  const invited = (groupId: string) => invitations.filter((i) => i.groupId === groupId).length;
  await insertWaveGroups(tx, w.municipalityId, id, w.groups.map((g) => ({ id: g.id, name: g.name, invited: invited(g.id) })));
  await insertInvitations(tx, w.municipalityId, id, invitations);
  return { id, invited: invitations.length };
}

/**
 * Closes a wave the caller has locked (FOR UPDATE) and knows to be open: scores its responses with
 * the settings in force now, stores the settings and the results with it, and deletes the
 * invitations — after that nothing says who was asked or who answered, only how many per group.
 */
export async function closeLockedWave(tx: Db, municipalityId: string, waveId: string, groupIds: readonly string[], closedAt = new Date()): Promise<WaveScores> {
  const settings = await coordinationSettingsOf(tx, municipalityId);
  const responses = await selectResponses(tx, municipalityId, waveId);
  const results = scoreWave({ groupIds, responses, settings });
  await updateWaveClosed(tx, municipalityId, waveId, { closedAt, settings, results });
  await deleteInvitations(tx, municipalityId, waveId);
  return results;
}
