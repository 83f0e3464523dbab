import { sql } from 'drizzle-orm';
import { APPEAL_DEADLINE, deadline } from '@sammen/domain/deadlines';
import { DEFAULT_WORKING_DAY_RULES } from '@sammen/domain/workdays';
import { query, type Db } from '../../platform/db.ts';

// Test data for complaints: a decision type, a request and an issued decision, written straight
// into the tables (the decisions module's own routes are tested there).

let counter = 0;

/** A decision type of `unitId` (4 weeks to decide, unless told). */
export async function aDecisionType(db: Db, municipalityId: string, unitId: string, name = `Afgørelsestype ${++counter}`, weeks = 4) {
  const [row] = await query<{ id: string }>(
    db,
    sql`INSERT INTO decision_types (municipality_id, name, legal_basis, processing_deadline, unit_id, appeal_body, complaint_deadline)
        VALUES (${municipalityId}, ${name}, 'Serviceloven § 100', ${JSON.stringify({ kind: 'weeks', weeks })}::jsonb, ${unitId}, 'Ankestyrelsen', ${JSON.stringify(APPEAL_DEADLINE)}::jsonb)
        RETURNING id::text AS id`,
  );
  return row!.id;
}

/** An open request received on `receivedOn`, due as its type's deadline says (4 weeks). */
export async function aRequest(db: Db, municipalityId: string, r: { citizenId: string; typeId: string; unitId: string; receivedOn: string; status?: 'open' | 'decided'; decidedOn?: string | null; weeks?: number }) {
  const d = deadline({ kind: 'weeks', weeks: r.weeks ?? 4 }, r.receivedOn, DEFAULT_WORKING_DAY_RULES);
  const [row] = await query<{ id: string }>(
    db,
    sql`INSERT INTO decision_requests (municipality_id, citizen_id, decision_type_id, unit_id, description, received_on, due_on, deadline, status, decided_on)
        VALUES (${municipalityId}, ${r.citizenId}, ${r.typeId}, ${r.unitId}, 'Hjælp til merudgifter', ${r.receivedOn}, ${d.due}, ${JSON.stringify(d)}::jsonb,
          ${r.status ?? 'open'}, ${r.decidedOn ?? null})
        RETURNING id::text AS id`,
  );
  return row!.id;
}

/** A decision on a request, issued (or a draft) on `decidedOn`, by `staffId`; `replaces` for one issued on reassessment. */
export async function aDecision(
  db: Db,
  municipalityId: string,
  d: { requestId: string; citizenId: string; typeId: string; unitId: string; staffId?: string | null; outcome?: 'granted' | 'partlyGranted' | 'refused'; decidedOn: string; status?: 'draft' | 'issued'; replaces?: string | null },
) {
  const issued = (d.status ?? 'issued') === 'issued';
  const [row] = await query<{ id: string }>(
    db,
    sql`INSERT INTO decisions (municipality_id, request_id, citizen_id, decision_type_id, unit_id, status, outcome, legal_basis, considerations, key_facts, lix,
          decided_on, decided_by, appeal_guidance, complaint_deadline, replaces_decision_id)
        VALUES (${municipalityId}, ${d.requestId}, ${d.citizenId}, ${d.typeId}, ${d.unitId}, ${d.status ?? 'issued'}, ${d.outcome ?? 'partlyGranted'},
          'Serviceloven § 100', 'Du får dækket en del af udgifterne.', 'Vi har talt med dig i telefonen.', 20,
          ${issued ? d.decidedOn : null}, ${issued ? (d.staffId ?? null) : null}, ${issued ? 'Du kan klage over afgørelsen.' : ''},
          ${issued ? JSON.stringify(deadline(APPEAL_DEADLINE, d.decidedOn, DEFAULT_WORKING_DAY_RULES)) : null}::jsonb, ${d.replaces ?? null})
        RETURNING id::text AS id`,
  );
  return row!.id;
}

/** A decision type, a decided request and its issued decision, for `citizenId` in `unitId`. */
export async function anIssuedDecision(db: Db, municipalityId: string, d: { citizenId: string; unitId: string; staffId?: string | null; decidedOn: string; receivedOn?: string; typeId?: string; outcome?: 'granted' | 'partlyGranted' | 'refused' }) {
  const typeId = d.typeId ?? (await aDecisionType(db, municipalityId, d.unitId));
  const requestId = await aRequest(db, municipalityId, { citizenId: d.citizenId, typeId, unitId: d.unitId, receivedOn: d.receivedOn ?? d.decidedOn, status: 'decided', decidedOn: d.decidedOn });
  const decisionId = await aDecision(db, municipalityId, { requestId, citizenId: d.citizenId, typeId, unitId: d.unitId, staffId: d.staffId, outcome: d.outcome, decidedOn: d.decidedOn });
  return { typeId, requestId, decisionId };
}

/** A complaint received on `receivedOn`, its deadlines as the service computes them, straight into the table. */
export async function aComplaint(db: Db, m: string, c: { citizenId: string; unitId: string; receivedOn: string; decisionId?: string | null; firstContactOn?: string | null }) {
  const contact = deadline({ kind: 'workingDays', days: 2 }, c.receivedOn, DEFAULT_WORKING_DAY_RULES);
  const reassess = c.decisionId ? deadline({ kind: 'weeks', weeks: 4 }, c.receivedOn, DEFAULT_WORKING_DAY_RULES) : null;
  const [row] = await query<{ id: string }>(
    db,
    sql`INSERT INTO complaints (municipality_id, citizen_id, decision_id, unit_id, about, channel, text, received_on, contact_due, contact_deadline, reassessment_due, reassessment_deadline, first_contact_on)
        VALUES (${m}, ${c.citizenId}, ${c.decisionId ?? null}, ${c.unitId}, ${c.decisionId ? 'decision' : 'treatment'}, 'letter', 'Klage', ${c.receivedOn}, ${contact.due},
          ${JSON.stringify(contact)}::jsonb, ${reassess?.due ?? null}, ${reassess ? JSON.stringify(reassess) : null}::jsonb, ${c.firstContactOn ?? null})
        RETURNING id::text AS id`,
  );
  return row!.id;
}
