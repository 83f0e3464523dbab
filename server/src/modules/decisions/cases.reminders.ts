import { sql } from 'drizzle-orm';
import { query, type Db } from '../../platform/db.ts';
import { QUEUES, type ScheduledWork } from '../../platform/jobs.ts';
import { caseSettingsOf, danishToday } from './cases.common.ts';
import { dueItems, dueSoonLimit } from './cases.work.ts';

// The case reminders (issue 14): every 15 minutes, per municipality, the background job
// (platform/jobs.ts, handed this work by main.ts) raises a reminder for each deadline the work
// list shows (cases.work.ts `dueItems`: due-soon and breached requests, due and overdue personal
// contacts and reassessments of complaints). A reminder is a `case_reminders` row, once per
// subject, kind and due date: the unique key makes a second run — another server, a retry, the
// next quarter of an hour — insert nothing (ON CONFLICT DO NOTHING). Rows survive restarts;
// pg-boss keeps the schedule in the database.

/** Raises the municipality's reminders as of `today` (a Danish calendar day); returns how many were new. */
export async function raiseCaseReminders(db: Db, municipalityId: string, today = danishToday()): Promise<{ raised: number }> {
  const { rules } = await caseSettingsOf(db, municipalityId);
  const rows = await query<{ id: string }>(
    db,
    sql`INSERT INTO case_reminders (municipality_id, subject_type, subject_id, citizen_id, kind, due_on)
        SELECT ${municipalityId}::uuid, x.subject_type, x.subject_id, x.citizen_id, x.kind, x.due_on
        FROM (${dueItems(municipalityId, today, dueSoonLimit(today, rules))}) x
        ON CONFLICT (municipality_id, subject_type, subject_id, kind, due_on) DO NOTHING
        RETURNING id::text AS id`,
  );
  return { raised: rows.length };
}

const municipalityIds = async (db: Db) => (await query<{ id: string }>(db, sql`SELECT id::text AS id FROM municipalities ORDER BY id`)).map((r) => r.id);

/** The job's work: every 15 minutes, one job per municipality. */
export const caseReminders: ScheduledWork = {
  queue: QUEUES.reminders,
  nowQueue: QUEUES.remindersNow,
  cron: '*/15 * * * *',
  municipalityIds,
  run: (db, municipalityId) => raiseCaseReminders(db, municipalityId),
};
