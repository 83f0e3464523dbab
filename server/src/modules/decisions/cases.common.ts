import { sql } from 'drizzle-orm';
import { localDate } from '@sammen/domain/calendar';
import { DEFAULT_PERSONAL_CONTACT_DAYS } from '@sammen/domain/deadlines';
import type { LetterKind, LetterText } from '@sammen/domain/decisions';
import { DEFAULT_WORKING_DAY_RULES, type WorkingDayRules } from '@sammen/domain/workdays';
import type { SignedInCtx } from '../../platform/context.ts';
import { query, type Db } from '../../platform/db.ts';
import { invalid } from '../../platform/errors.ts';
import { recordEvent } from '../audit/audit.service.ts';

// What decisions and complaints share: the municipality's deadline setting, "today" in Denmark,
// the checks on a day of receipt or contact, and letters to the citizen (the local outbox that a
// Digital Post adapter will empty).

/** Today's Danish calendar day (the clock of every deadline). */
export const danishToday = (now = Date.now()) => localDate(now);

export interface CaseSettings {
  rules: WorkingDayRules;
  personalContactDays: number;
}

/** The municipality's setting, or the documented default (24 and 31 December closed; 2 working days). */
export async function caseSettingsOf(db: Db, municipalityId: string): Promise<CaseSettings> {
  const rows = await query<{ working_day_rules: unknown; personal_contact_days: number }>(
    db,
    sql`SELECT working_day_rules, personal_contact_days FROM case_settings WHERE municipality_id = ${municipalityId}`,
  );
  const r = rows[0];
  if (!r) return { rules: DEFAULT_WORKING_DAY_RULES, personalContactDays: DEFAULT_PERSONAL_CONTACT_DAYS };
  const rules = (typeof r.working_day_rules === 'string' ? JSON.parse(r.working_day_rules) : r.working_day_rules) as WorkingDayRules;
  return { rules, personalContactDays: r.personal_contact_days };
}

/** A day something happened (receipt, a contact): not after today, and for a receipt at most a year back. */
export function assertPastDay(field: string, day: string, today = danishToday(), maxDaysBack?: number) {
  if (day > today) throw invalid(field, 'inTheFuture', 'cannot be after today');
  if (maxDaysBack !== undefined) {
    const earliest = new Date(Date.parse(`${today}T00:00:00Z`) - maxDaysBack * 86_400_000).toISOString().slice(0, 10);
    if (day < earliest) throw invalid(field, 'tooOld', `cannot be more than ${maxDaysBack} days back`, { max: maxDaysBack });
  }
}

/**
 * Where letters go. For now every letter waits in the local outbox (status 'outbox'), printable
 * from Sammen; a Digital Post adapter implements `send` and marks them sent.
 */
export interface LetterChannel {
  readonly name: string;
  send(letter: { id: string; municipalityId: string; citizenId: string; title: string; body: string }): Promise<void>;
}
export const localOutbox: LetterChannel = { name: 'local-outbox', send: async () => {} };

/** A letter to the citizen, in the local outbox, with its audit row; in the caller's transaction. */
export async function writeLetter(
  tx: Db,
  ctx: SignedInCtx,
  l: { municipalityId: string; citizenId: string; kind: LetterKind; subjectType: 'request' | 'decision' | 'complaint'; subjectId: string; text: LetterText; createdBy: string | null },
): Promise<string> {
  const [row] = await query<{ id: string }>(
    tx,
    sql`INSERT INTO letters (municipality_id, citizen_id, kind, subject_type, subject_id, title, body, lix, created_by)
        VALUES (${l.municipalityId}, ${l.citizenId}, ${l.kind}, ${l.subjectType}, ${l.subjectId}, ${l.text.title}, ${l.text.body}, ${l.text.lix}, ${l.createdBy})
        RETURNING id::text AS id`,
  );
  await recordEvent(tx, ctx, { kind: 'write', action: `letter.${l.kind}`, citizenId: l.citizenId, subjectType: 'letter', subjectId: row!.id });
  return row!.id;
}
