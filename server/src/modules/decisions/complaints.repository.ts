import { sql, type SQL } from 'drizzle-orm';
import type { CloseComplaintInput } from '@sammen/domain/decisions';
import type { Deadline } from '@sammen/domain/deadlines';
import { query, type Db } from '../../platform/db.ts';
import { complaintVisibleTo, type StaffOf } from './cases.visibility.ts';

// Storage of complaints answered by a person (issue 14): the complaints with their deadlines as
// computed on receipt, their personal contacts, how they ended. Always scoped by municipality.
// Who sees a complaint is written once, in cases.visibility.ts (`complaintVisibleTo`).



export interface ComplaintFacts extends Record<string, unknown> {
  id: string;
  citizen_id: string;
  unit_id: string;
}

/** The complaint, when `actor` sees it. */
export async function selectVisibleComplaint(db: Db, actor: StaffOf, complaintId: string): Promise<ComplaintFacts | undefined> {
  const rows = await query<ComplaintFacts>(
    db,
    sql`SELECT c.id::text AS id, c.citizen_id::text AS citizen_id, c.unit_id::text AS unit_id FROM complaints c
        WHERE c.municipality_id = ${actor.municipalityId}::uuid AND c.id = ${complaintId}::uuid AND ${complaintVisibleTo(actor)}`,
  );
  return rows[0];
}

type Person = { id: string; name: string };

export interface ComplaintRow extends Record<string, unknown> {
  id: string;
  citizen_id: string;
  citizen_name: string;
  about: 'decision' | 'treatment';
  channel: 'portal' | 'phone' | 'letter' | 'email' | 'meeting';
  text: string;
  unit_id: string;
  unit_name: string;
  received_on: string;
  contact_due: string;
  contact_deadline: Deadline | string;
  reassessment_due: string | null;
  reassessment_deadline: Deadline | string | null;
  first_contact_on: string | null;
  status: 'open' | 'resolvedInDialogue' | 'decisionChanged' | 'forwarded' | 'answered';
  closed_on: string | null;
  citizen_words: string;
  answer: string;
  new_decision_id: string | null;
  forwarded_to: string | null;
  learning_category: string | null;
  receipt_letter_id: string | null;
  decision_id: string | null;
  decision_request_id: string | null;
  decision_type: string | null;
  decision_outcome: 'granted' | 'partlyGranted' | 'refused' | null;
  decision_decided_on: string | null;
  contacts:
    | { id: string; kind: 'phone' | 'meeting'; contactOn: string; listened: string; summary: string; openQuestions: string; agreed: string; recordedBy: Person | null }[]
    | string;
}

/** Complaints of the municipality matching `where` (on alias `c`), newest first, each with its contacts. */
export function selectComplaintRows(db: Db, municipalityId: string, where: SQL) {
  return query<ComplaintRow>(
    db,
    sql`SELECT c.id::text AS id, c.citizen_id::text AS citizen_id, ci.name AS citizen_name, c.about, c.channel, c.text,
          c.unit_id::text AS unit_id, u.name AS unit_name, c.received_on::text AS received_on,
          c.contact_due::text AS contact_due, c.contact_deadline, c.reassessment_due::text AS reassessment_due, c.reassessment_deadline,
          c.first_contact_on::text AS first_contact_on, c.status, c.closed_on::text AS closed_on, c.citizen_words, c.answer,
          c.new_decision_id::text AS new_decision_id, c.forwarded_to, c.learning_category, c.receipt_letter_id::text AS receipt_letter_id,
          d.id::text AS decision_id, d.request_id::text AS decision_request_id, t.name AS decision_type, d.outcome AS decision_outcome, d.decided_on::text AS decision_decided_on,
          coalesce((SELECT json_agg(json_build_object('id', k.id, 'kind', k.kind, 'contactOn', k.contact_on::text, 'listened', k.listened, 'summary', k.summary,
              'openQuestions', k.open_questions, 'agreed', k.agreed,
              'recordedBy', CASE WHEN s.id IS NULL THEN NULL ELSE json_build_object('id', s.id, 'name', s.name) END) ORDER BY k.contact_on, k.recorded_at, k.id)
            FROM complaint_contacts k LEFT JOIN staff s ON s.municipality_id = k.municipality_id AND s.id = k.recorded_by
            WHERE k.municipality_id = c.municipality_id AND k.complaint_id = c.id), '[]'::json) AS contacts
        FROM complaints c
          JOIN citizens ci ON ci.municipality_id = c.municipality_id AND ci.id = c.citizen_id
          JOIN units u ON u.municipality_id = c.municipality_id AND u.id = c.unit_id
          LEFT JOIN decisions d ON d.municipality_id = c.municipality_id AND d.id = c.decision_id
          LEFT JOIN decision_types t ON t.municipality_id = d.municipality_id AND t.id = d.decision_type_id
        WHERE c.municipality_id = ${municipalityId}::uuid AND ${where}
        ORDER BY c.received_on DESC, c.created_at DESC, c.id`,
  );
}

/** An issued decision of this citizen, with what a complaint about it needs; undefined for any other (never says why). */
export async function selectIssuedDecisionOfCitizen(db: Db, municipalityId: string, decisionId: string, citizenId: string) {
  const rows = await query<{ id: string; unit_id: string; unit_name: string; appeal_body: string }>(
    db,
    sql`SELECT d.id::text AS id, d.unit_id::text AS unit_id, u.name AS unit_name, t.appeal_body
        FROM decisions d JOIN decision_types t ON t.municipality_id = d.municipality_id AND t.id = d.decision_type_id
          JOIN units u ON u.municipality_id = d.municipality_id AND u.id = d.unit_id
        WHERE d.municipality_id = ${municipalityId}::uuid AND d.id = ${decisionId}::uuid AND d.citizen_id = ${citizenId}::uuid AND d.status = 'issued'`,
  );
  return rows[0];
}

export async function selectUnit(db: Db, municipalityId: string, unitId: string) {
  const rows = await query<{ id: string; name: string }>(db, sql`SELECT id::text AS id, name FROM units WHERE municipality_id = ${municipalityId}::uuid AND id = ${unitId}::uuid`);
  return rows[0];
}

/** The unit that coordinates the citizen's active plan, if they have one. */
export async function selectCoordinatingUnit(db: Db, municipalityId: string, citizenId: string) {
  const rows = await query<{ id: string; name: string }>(
    db,
    sql`SELECT u.id::text AS id, u.name FROM plans p JOIN units u ON u.municipality_id = p.municipality_id AND u.id = p.coordinator_unit_id
        WHERE p.municipality_id = ${municipalityId}::uuid AND p.citizen_id = ${citizenId}::uuid AND p.status = 'active'`,
  );
  return rows[0];
}

export async function selectCitizenName(db: Db, municipalityId: string, citizenId: string) {
  const rows = await query<{ name: string }>(db, sql`SELECT name FROM citizens WHERE municipality_id = ${municipalityId}::uuid AND id = ${citizenId}::uuid`);
  return rows[0]?.name;
}

export interface NewComplaint {
  municipalityId: string;
  citizenId: string;
  decisionId: string | null;
  unitId: string;
  about: 'decision' | 'treatment';
  channel: ComplaintRow['channel'];
  text: string;
  registeredBy: string | null;
  receivedOn: string;
  contactDeadline: Deadline;
  reassessmentDeadline: Deadline | null;
}

export async function insertComplaint(tx: Db, c: NewComplaint): Promise<string> {
  const [row] = await query<{ id: string }>(
    tx,
    sql`INSERT INTO complaints (municipality_id, citizen_id, decision_id, unit_id, about, channel, text, registered_by, received_on,
          contact_due, contact_deadline, reassessment_due, reassessment_deadline)
        VALUES (${c.municipalityId}, ${c.citizenId}, ${c.decisionId}, ${c.unitId}, ${c.about}, ${c.channel}, ${c.text}, ${c.registeredBy}, ${c.receivedOn},
          ${c.contactDeadline.due}, ${JSON.stringify(c.contactDeadline)}::jsonb, ${c.reassessmentDeadline?.due ?? null},
          ${c.reassessmentDeadline ? JSON.stringify(c.reassessmentDeadline) : null}::jsonb)
        RETURNING id::text AS id`,
  );
  return row!.id;
}

export async function updateReceiptLetter(tx: Db, municipalityId: string, complaintId: string, letterId: string) {
  await query(tx, sql`UPDATE complaints SET receipt_letter_id = ${letterId}::uuid WHERE municipality_id = ${municipalityId}::uuid AND id = ${complaintId}::uuid`);
}

/** The complaint's state for a change, locked until the transaction ends (a contact and a close wait for each other). */
export async function lockComplaint(tx: Db, municipalityId: string, complaintId: string) {
  const rows = await query<{ status: string; about: 'decision' | 'treatment'; decision_id: string | null; received_on: string; unit_id: string; appeal_body: string | null }>(
    tx,
    sql`SELECT c.status, c.about, c.decision_id::text AS decision_id, c.received_on::text AS received_on, c.unit_id::text AS unit_id,
          (SELECT t.appeal_body FROM decisions d JOIN decision_types t ON t.municipality_id = d.municipality_id AND t.id = d.decision_type_id
            WHERE d.municipality_id = c.municipality_id AND d.id = c.decision_id) AS appeal_body
        FROM complaints c WHERE c.municipality_id = ${municipalityId}::uuid AND c.id = ${complaintId}::uuid FOR UPDATE OF c`,
  );
  return rows[0];
}

export async function insertComplaintContact(
  tx: Db,
  c: { municipalityId: string; complaintId: string; kind: 'phone' | 'meeting'; contactOn: string; listened: string; summary: string; openQuestions: string; agreed: string; recordedBy: string },
) {
  const [row] = await query<{ id: string }>(
    tx,
    sql`INSERT INTO complaint_contacts (municipality_id, complaint_id, kind, contact_on, listened, summary, open_questions, agreed, recorded_by)
        VALUES (${c.municipalityId}, ${c.complaintId}, ${c.kind}, ${c.contactOn}, ${c.listened}, ${c.summary}, ${c.openQuestions}, ${c.agreed}, ${c.recordedBy})
        RETURNING id::text AS id`,
  );
  // The first contact is the earliest day, also when an earlier call is recorded later. The
  // deadlines are not touched: informal contact never stops or moves a legal clock.
  await query(
    tx,
    sql`UPDATE complaints SET first_contact_on = LEAST(coalesce(first_contact_on, ${c.contactOn}::date), ${c.contactOn}::date)
        WHERE municipality_id = ${c.municipalityId}::uuid AND id = ${c.complaintId}::uuid`,
  );
  return row!.id;
}

/** Whether `newDecisionId` is an issued decision that replaces `decisionId` (on the same request, of the same municipality). */
export async function isReplacingDecision(tx: Db, municipalityId: string, newDecisionId: string, decisionId: string) {
  const rows = await query<{ ok: boolean }>(
    tx,
    sql`SELECT true AS ok FROM decisions n JOIN decisions o ON o.municipality_id = n.municipality_id AND o.id = n.replaces_decision_id
        WHERE n.municipality_id = ${municipalityId}::uuid AND n.id = ${newDecisionId}::uuid AND n.status = 'issued'
          AND o.id = ${decisionId}::uuid AND o.request_id = n.request_id`,
  );
  return rows.length > 0;
}

/** Closes an open complaint; false when it was not open. */
export async function updateComplaintClosed(
  tx: Db,
  municipalityId: string,
  complaintId: string,
  c: { outcome: CloseComplaintInput['outcome']; closedOn: string; closedBy: string; citizenWords: string; answer: string; newDecisionId: string | null; forwardedTo: string | null; forwardNote: string; learningCategory: string },
) {
  const rows = await query<{ id: string }>(
    tx,
    sql`UPDATE complaints SET status = ${c.outcome}, closed_on = ${c.closedOn}::date, closed_by = ${c.closedBy}::uuid, citizen_words = ${c.citizenWords},
          answer = ${c.answer}, new_decision_id = ${c.newDecisionId}::uuid, forwarded_to = ${c.forwardedTo}, forward_note = ${c.forwardNote},
          learning_category = ${c.learningCategory}
        WHERE municipality_id = ${municipalityId}::uuid AND id = ${complaintId}::uuid AND status = 'open'
        RETURNING id::text AS id`,
  );
  return rows.length > 0;
}
