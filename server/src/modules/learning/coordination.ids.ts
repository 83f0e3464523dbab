import { createHash } from 'node:crypto';

/**
 * The id of Sammen's own survey instrument (SAMMEN_SURVEY_INSTRUMENT) in a municipality: derived,
 * not stored first, so GET /instruments can list it before anything has written it and every
 * write path (and the demo seed) can insert it with ON CONFLICT DO NOTHING on the same key.
 * A UUID (version 4, variant a) from sha256('sammen-survey:' + municipalityId), formatted as
 * `demoId` in db/seed.ts formats its hashes.
 */
export function surveyInstrumentId(municipalityId: string): string {
  const h = createHash('sha256').update(`sammen-survey:${municipalityId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
