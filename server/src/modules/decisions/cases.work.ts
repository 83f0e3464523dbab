import { sql, type SQL } from 'drizzle-orm';
import { daysLeft } from '@sammen/domain/deadlines';
import type { CaseWorkItem, CaseWorkKind } from '@sammen/domain/decisions';
import { addWorkingDays, type ExtraClosedDay, type WorkingDayRules } from '@sammen/domain/workdays';
import type { SignedInCtx } from '../../platform/context.ts';
import { query, type Db } from '../../platform/db.ts';
import { readCitizenList } from '../../platform/reader.ts';
import { staffActor } from '../../platform/context.ts';
import { caseSettingsOf, danishToday } from './cases.common.ts';

// The caseworker's work list of deadlines (GET /api/case-work) and what the reminders job raises
// (cases.reminders.ts): the same kinds from the same statement. For a unit: open requests it
// decides that are due within 5 working days or breached; open complaints it handles with no
// personal contact yet (the contact is due, or overdue); open complaints about a decision whose
// reassessment is due within 5 working days or overdue.

/** How near a due date must be to show: within this many working days. */
export const DUE_SOON_WORKING_DAYS = 5;

/** The last due date that is "due soon" on `today`. */
export const dueSoonLimit = (today: string, rules: WorkingDayRules) => addWorkingDays(today, DUE_SOON_WORKING_DAYS, rules);

/**
 * The due and overdue deadlines of a municipality (of one unit, when `unitId` is given) as rows
 * of (subject_type, subject_id, citizen_id, citizen_name, title, kind, due_on, extra_closed_days —
 * the closed days the deadline was computed with) — uuid and date columns, for the work list to
 * read and the reminders job to insert from.
 */
export function dueItems(municipalityId: string, today: string, soon: string, unitId?: string): SQL {
  const ofUnit = (alias: string) => (unitId ? sql`AND ${sql.raw(alias)}.unit_id = ${unitId}::uuid` : sql``);
  const complaintTitle = sql`CASE WHEN c.about = 'decision' THEN 'Klage over afgørelse: ' || coalesce(t.name, '') ELSE 'Klage over mødet med ' || u.name END`;
  const complaintJoins = sql`JOIN citizens ci ON ci.municipality_id = c.municipality_id AND ci.id = c.citizen_id
        JOIN units u ON u.municipality_id = c.municipality_id AND u.id = c.unit_id
        LEFT JOIN decisions d ON d.municipality_id = c.municipality_id AND d.id = c.decision_id
        LEFT JOIN decision_types t ON t.municipality_id = d.municipality_id AND t.id = d.decision_type_id`;
  return sql`
      SELECT 'request'::text AS subject_type, r.id AS subject_id, r.citizen_id, ci.name AS citizen_name, t.name AS title,
        CASE WHEN r.due_on < ${today}::date THEN 'requestBreached' ELSE 'requestDueSoon' END AS kind, r.due_on,
        r.deadline -> 'extraClosedDays' AS extra_closed_days
      FROM decision_requests r
        JOIN citizens ci ON ci.municipality_id = r.municipality_id AND ci.id = r.citizen_id
        JOIN decision_types t ON t.municipality_id = r.municipality_id AND t.id = r.decision_type_id
      WHERE r.municipality_id = ${municipalityId}::uuid AND r.status = 'open' AND r.due_on <= ${soon}::date ${ofUnit('r')}
    UNION ALL
      SELECT 'complaint'::text, c.id, c.citizen_id, ci.name, ${complaintTitle},
        CASE WHEN c.contact_due < ${today}::date THEN 'contactOverdue' ELSE 'contactDue' END, c.contact_due, c.contact_deadline -> 'extraClosedDays'
      FROM complaints c ${complaintJoins}
      WHERE c.municipality_id = ${municipalityId}::uuid AND c.status = 'open' AND c.first_contact_on IS NULL ${ofUnit('c')}
    UNION ALL
      SELECT 'complaint'::text, c.id, c.citizen_id, ci.name, ${complaintTitle},
        CASE WHEN c.reassessment_due < ${today}::date THEN 'reassessmentOverdue' ELSE 'reassessmentDue' END, c.reassessment_due,
        c.reassessment_deadline -> 'extraClosedDays'
      FROM complaints c ${complaintJoins}
      WHERE c.municipality_id = ${municipalityId}::uuid AND c.status = 'open' AND c.about = 'decision' AND c.reassessment_due <= ${soon}::date ${ofUnit('c')}`;
}

interface WorkRow extends Record<string, unknown> {
  subject_type: 'request' | 'complaint';
  subject_id: string;
  citizen_id: string;
  citizen_name: string;
  title: string;
  kind: CaseWorkKind;
  due_on: string;
  extra_closed_days: ExtraClosedDay[] | string;
  reminded_at: string | null;
}

/** The work list of one unit, with when the job raised each reminder. */
export function selectCaseWork(db: Db, municipalityId: string, unitId: string, today: string, soon: string) {
  return query<WorkRow>(
    db,
    sql`SELECT x.subject_type, x.subject_id::text AS subject_id, x.citizen_id::text AS citizen_id, x.citizen_name, x.title, x.kind, x.due_on::text AS due_on, x.extra_closed_days,
          to_char(cr.raised_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS reminded_at
        FROM (${dueItems(municipalityId, today, soon, unitId)}) x
        LEFT JOIN case_reminders cr ON cr.municipality_id = ${municipalityId}::uuid AND cr.subject_type = x.subject_type AND cr.subject_id = x.subject_id
          AND cr.kind = x.kind AND cr.due_on = x.due_on
        ORDER BY x.due_on, x.kind, x.subject_id`,
  );
}

const PURPOSE = 'Arbejdsliste med frister for afgørelser og klager';

/** GET /api/case-work: the due and overdue deadlines of the actor's current unit; one access-log row per citizen shown. */
export function getCaseWork(ctx: SignedInCtx, now = Date.now()) {
  const actor = staffActor(ctx);
  const today = danishToday(now);
  return readCitizenList(ctx, { action: 'caseWork.read', purpose: PURPOSE, subjectType: 'citizen' }, async (tx) => {
    const { rules } = await caseSettingsOf(tx, actor.municipalityId);
    const rows = await selectCaseWork(tx, actor.municipalityId, actor.unitId, today, dueSoonLimit(today, rules));
    const items: CaseWorkItem[] = rows.map((r) => ({
      kind: r.kind,
      subject: r.subject_type,
      subjectId: r.subject_id,
      citizen: { id: r.citizen_id, name: r.citizen_name },
      title: r.title,
      due: r.due_on,
      // By the rules the deadline was computed with, as the request and complaint pages count them.
      daysLeft: daysLeft(r.due_on, today, { extraClosedDays: typeof r.extra_closed_days === 'string' ? JSON.parse(r.extra_closed_days) : r.extra_closed_days }),
      remindedAt: r.reminded_at,
    }));
    return { data: { items }, citizenIds: rows.map((r) => r.citizen_id) };
  });
}
