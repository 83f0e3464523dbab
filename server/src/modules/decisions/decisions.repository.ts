import { sql } from 'drizzle-orm';
import { REQUEST_LIST_MAX } from '@sammen/domain/decisions';
import { query, type Db } from '../../platform/db.ts';
import { complaintVisibleTo, requestVisibleTo } from './cases.visibility.ts';

// Storage of decisions made in dialogue (issue 14): decision types, the deadline setting,
// requests with their clock, dialogue contacts, decisions and letters. Always scoped by
// municipality. Who sees a request is written once, in cases.visibility.ts (`requestVisibleTo`).

export interface StaffSqlActor {
  municipalityId: string;
  staffId: string;
  unitId: string;
}

/** A jsonb value as an object on both drivers. */
export const fromJson = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

// ---- Decision types and the municipality's setting -------------------------------------------

export interface DecisionTypeRow extends Record<string, unknown> {
  id: string;
  name: string;
  legal_basis: string;
  processing_deadline: unknown;
  unit_id: string;
  unit_name: string;
  appeal_body: string;
  complaint_deadline: unknown;
  active: boolean;
}

const decisionTypeColumns = sql`t.id::text AS id, t.name, t.legal_basis, t.processing_deadline, t.unit_id::text AS unit_id, u.name AS unit_name,
  t.appeal_body, t.complaint_deadline, t.active`;

export function selectDecisionTypes(db: Db, municipalityId: string, onlyActive = false) {
  return query<DecisionTypeRow>(
    db,
    sql`SELECT ${decisionTypeColumns} FROM decision_types t JOIN units u ON u.municipality_id = t.municipality_id AND u.id = t.unit_id
        WHERE t.municipality_id = ${municipalityId} ${onlyActive ? sql`AND t.active` : sql``} ORDER BY t.name, t.id`,
  );
}

export async function selectDecisionType(db: Db, municipalityId: string, id: string) {
  const rows = await query<DecisionTypeRow>(
    db,
    sql`SELECT ${decisionTypeColumns} FROM decision_types t JOIN units u ON u.municipality_id = t.municipality_id AND u.id = t.unit_id
        WHERE t.municipality_id = ${municipalityId} AND t.id = ${id}`,
  );
  return rows[0];
}

export interface DecisionTypeValues {
  name: string;
  legalBasis: string;
  processingDeadline: unknown;
  unitId: string;
  appealBody: string;
  complaintDeadline: unknown;
  active: boolean;
}

export async function insertDecisionType(db: Db, municipalityId: string, v: DecisionTypeValues) {
  const [row] = await query<{ id: string }>(
    db,
    sql`INSERT INTO decision_types (municipality_id, name, legal_basis, processing_deadline, unit_id, appeal_body, complaint_deadline, active)
        VALUES (${municipalityId}, ${v.name}, ${v.legalBasis}, ${JSON.stringify(v.processingDeadline)}::jsonb, ${v.unitId}, ${v.appealBody}, ${JSON.stringify(v.complaintDeadline)}::jsonb, ${v.active})
        RETURNING id::text AS id`,
  );
  return row!.id;
}

export async function updateDecisionType(db: Db, municipalityId: string, id: string, v: DecisionTypeValues) {
  const rows = await query<{ id: string }>(
    db,
    sql`UPDATE decision_types SET name = ${v.name}, legal_basis = ${v.legalBasis}, processing_deadline = ${JSON.stringify(v.processingDeadline)}::jsonb,
          unit_id = ${v.unitId}, appeal_body = ${v.appealBody}, complaint_deadline = ${JSON.stringify(v.complaintDeadline)}::jsonb, active = ${v.active}
        WHERE municipality_id = ${municipalityId} AND id = ${id} RETURNING id::text AS id`,
  );
  return rows.length > 0;
}

export async function isUnitOfMunicipality(db: Db, municipalityId: string, unitId: string) {
  return (await query(db, sql`SELECT 1 AS one FROM units WHERE municipality_id = ${municipalityId} AND id = ${unitId}`)).length > 0;
}

export async function isActiveStaffOfMunicipality(db: Db, municipalityId: string, staffId: string) {
  return (await query(db, sql`SELECT 1 AS one FROM staff WHERE municipality_id = ${municipalityId} AND id = ${staffId} AND disabled_at IS NULL`)).length > 0;
}

export async function upsertCaseSettings(db: Db, municipalityId: string, v: { workingDayRules: unknown; personalContactDays: number }) {
  await query(
    db,
    sql`INSERT INTO case_settings (municipality_id, working_day_rules, personal_contact_days) VALUES (${municipalityId}, ${JSON.stringify(v.workingDayRules)}::jsonb, ${v.personalContactDays})
        ON CONFLICT (municipality_id) DO UPDATE SET working_day_rules = EXCLUDED.working_day_rules, personal_contact_days = EXCLUDED.personal_contact_days, updated_at = now()`,
  );
}

// ---- Requests ----------------------------------------------------------------------------------

export interface RequestValues {
  municipalityId: string;
  citizenId: string;
  decisionTypeId: string;
  unitId: string;
  description: string;
  urgency: string;
  urgencyNote: string;
  byCitizen: boolean;
  registeredBy: string | null;
  requesterUnitId: string | null;
  onBehalfOf: string | null;
  receivedOn: string;
  dueOn: string;
  deadline: unknown;
}

export async function insertRequest(db: Db, v: RequestValues) {
  const [row] = await query<{ id: string }>(
    db,
    sql`INSERT INTO decision_requests (municipality_id, citizen_id, decision_type_id, unit_id, description, urgency, urgency_note, by_citizen,
          registered_by, requester_unit_id, on_behalf_of, received_on, due_on, deadline)
        VALUES (${v.municipalityId}, ${v.citizenId}, ${v.decisionTypeId}, ${v.unitId}, ${v.description}, ${v.urgency}, ${v.urgencyNote}, ${v.byCitizen},
          ${v.registeredBy}, ${v.requesterUnitId}, ${v.onBehalfOf}, ${v.receivedOn}, ${v.dueOn}, ${JSON.stringify(v.deadline)}::jsonb)
        RETURNING id::text AS id`,
  );
  return row!.id;
}

/** The facts of a request that the rules need, when `actor` sees it; else nothing (404). */
export interface RequestFacts extends Record<string, unknown> {
  id: string;
  citizen_id: string;
  unit_id: string;
  decision_type_id: string;
  status: string;
  received_on: string;
  due_on: string;
}

export async function selectVisibleRequest(db: Db, actor: StaffSqlActor, requestId: string) {
  const rows = await query<RequestFacts>(
    db,
    sql`SELECT r.id::text AS id, r.citizen_id::text AS citizen_id, r.unit_id::text AS unit_id, r.decision_type_id::text AS decision_type_id,
          r.status, r.received_on::text AS received_on, r.due_on::text AS due_on
        FROM decision_requests r WHERE r.municipality_id = ${actor.municipalityId} AND r.id = ${requestId} AND ${requestVisibleTo(actor)}`,
  );
  return rows[0];
}

/** The request's facts, its row locked until the transaction ends (every write on a request takes it first). */
export async function lockRequest(db: Db, municipalityId: string, requestId: string) {
  const rows = await query<RequestFacts>(
    db,
    sql`SELECT r.id::text AS id, r.citizen_id::text AS citizen_id, r.unit_id::text AS unit_id, r.decision_type_id::text AS decision_type_id,
          r.status, r.received_on::text AS received_on, r.due_on::text AS due_on
        FROM decision_requests r WHERE r.municipality_id = ${municipalityId} AND r.id = ${requestId} FOR UPDATE`,
  );
  return rows[0];
}

export interface RequestRow extends Record<string, unknown> {
  id: string;
  citizen_id: string;
  citizen_name: string;
  decision_type_id: string;
  decision_type_name: string;
  unit_id: string;
  unit_name: string;
  registered_by: string | null;
  registered_by_name: string | null;
  on_behalf_of: string | null;
  on_behalf_of_name: string | null;
  by_citizen: boolean;
  urgency: 'normal' | 'urgent';
  urgency_note: string;
  description: string;
  received_on: string;
  due_on: string;
  deadline: unknown;
  status: 'open' | 'decided' | 'withdrawn';
  decided_on: string | null;
  has_dialogue: boolean;
  breach_letter: boolean;
}

const requestColumns = sql`r.id::text AS id, r.citizen_id::text AS citizen_id, c.name AS citizen_name,
  r.decision_type_id::text AS decision_type_id, t.name AS decision_type_name, r.unit_id::text AS unit_id, u.name AS unit_name,
  r.registered_by::text AS registered_by, rb.name AS registered_by_name, r.on_behalf_of::text AS on_behalf_of, ob.name AS on_behalf_of_name,
  r.by_citizen, r.urgency, r.urgency_note, r.description, r.received_on::text AS received_on, r.due_on::text AS due_on, r.deadline,
  r.status, r.decided_on::text AS decided_on,
  EXISTS (SELECT 1 FROM dialogue_contacts dc WHERE dc.municipality_id = r.municipality_id AND dc.request_id = r.id) AS has_dialogue,
  EXISTS (SELECT 1 FROM letters l WHERE l.municipality_id = r.municipality_id AND l.subject_type = 'request' AND l.subject_id = r.id AND l.kind = 'deadlineBreach') AS breach_letter`;

const requestJoins = sql`FROM decision_requests r
  JOIN citizens c ON c.municipality_id = r.municipality_id AND c.id = r.citizen_id
  JOIN decision_types t ON t.municipality_id = r.municipality_id AND t.id = r.decision_type_id
  JOIN units u ON u.municipality_id = r.municipality_id AND u.id = r.unit_id
  LEFT JOIN staff rb ON rb.municipality_id = r.municipality_id AND rb.id = r.registered_by
  LEFT JOIN staff ob ON ob.municipality_id = r.municipality_id AND ob.id = r.on_behalf_of`;

export async function selectRequest(db: Db, municipalityId: string, requestId: string) {
  const rows = await query<RequestRow>(db, sql`SELECT ${requestColumns} ${requestJoins} WHERE r.municipality_id = ${municipalityId} AND r.id = ${requestId}`);
  return rows[0];
}

const statusCondition = (status: 'open' | 'decided' | 'all') => (status === 'all' ? sql`` : sql`AND r.status = ${status}`);

/** The requests `actor` sees, by side: those their unit decides, those their unit (or they) sent. */
export function selectRequestList(db: Db, actor: StaffSqlActor, status: 'open' | 'decided' | 'all', side: 'authority' | 'requester' | 'all') {
  const sideCondition =
    side === 'authority'
      ? sql`AND r.unit_id = ${actor.unitId}::uuid`
      : side === 'requester'
        ? sql`AND (r.requester_unit_id = ${actor.unitId}::uuid OR r.registered_by = ${actor.staffId}::uuid OR r.on_behalf_of = ${actor.staffId}::uuid)`
        : sql``;
  return query<RequestRow>(
    db,
    sql`SELECT ${requestColumns} ${requestJoins}
        WHERE r.municipality_id = ${actor.municipalityId} AND ${requestVisibleTo(actor)} ${statusCondition(status)} ${sideCondition}
        ORDER BY r.status = 'open' DESC, r.due_on, r.id LIMIT ${REQUEST_LIST_MAX + 1}`,
  );
}

/** The citizen's own requests (the citizen's page, decisions.readOwn). */
export function selectRequestsOfCitizen(db: Db, municipalityId: string, citizenId: string) {
  return query<RequestRow>(db, sql`SELECT ${requestColumns} ${requestJoins} WHERE r.municipality_id = ${municipalityId} AND r.citizen_id = ${citizenId} ORDER BY r.received_on DESC, r.id`);
}

export async function markRequestDecided(db: Db, municipalityId: string, requestId: string, decidedOn: string) {
  await query(db, sql`UPDATE decision_requests SET status = 'decided', decided_on = coalesce(decided_on, ${decidedOn}::date) WHERE municipality_id = ${municipalityId} AND id = ${requestId}`);
}

// ---- Dialogue ----------------------------------------------------------------------------------

export interface DialogueRow extends Record<string, unknown> {
  id: string;
  kind: 'phone' | 'meeting' | 'notPossible';
  contact_on: string | null;
  facts_checked: string;
  citizen_proposal: string;
  alternatives: string;
  agreed_summary: string;
  serves_as_hearing: boolean;
  reason: string;
  attempts: unknown;
  recorded_by: string | null;
  recorded_by_name: string | null;
  recorded_at: Date;
}

export function selectDialogue(db: Db, municipalityId: string, requestId: string) {
  return query<DialogueRow>(
    db,
    sql`SELECT d.id::text AS id, d.kind, d.contact_on::text AS contact_on, d.facts_checked, d.citizen_proposal, d.alternatives, d.agreed_summary,
          d.serves_as_hearing, d.reason, d.attempts, d.recorded_by::text AS recorded_by, s.name AS recorded_by_name, d.recorded_at
        FROM dialogue_contacts d LEFT JOIN staff s ON s.municipality_id = d.municipality_id AND s.id = d.recorded_by
        WHERE d.municipality_id = ${municipalityId} AND d.request_id = ${requestId} ORDER BY d.recorded_at, d.id`,
  );
}

export interface DialogueValues {
  municipalityId: string;
  requestId: string;
  citizenId: string;
  kind: 'phone' | 'meeting' | 'notPossible';
  contactOn: string | null;
  factsChecked: string;
  citizenProposal: string;
  alternatives: string;
  agreedSummary: string;
  servesAsHearing: boolean;
  reason: string;
  attempts: { on: string; how: string }[];
  recordedBy: string;
}

export async function insertDialogue(db: Db, v: DialogueValues) {
  const [row] = await query<{ id: string }>(
    db,
    sql`INSERT INTO dialogue_contacts (municipality_id, request_id, citizen_id, kind, contact_on, facts_checked, citizen_proposal, alternatives, agreed_summary,
          serves_as_hearing, reason, attempts, recorded_by)
        VALUES (${v.municipalityId}, ${v.requestId}, ${v.citizenId}, ${v.kind}, ${v.contactOn}, ${v.factsChecked}, ${v.citizenProposal}, ${v.alternatives}, ${v.agreedSummary},
          ${v.servesAsHearing}, ${v.reason}, ${JSON.stringify(v.attempts)}::jsonb, ${v.recordedBy})
        RETURNING id::text AS id`,
  );
  return row!.id;
}

/** The latest dialogue contact on the request (the one a negative decision rests on), if any. */
export async function selectLatestDialogue(db: Db, municipalityId: string, requestId: string) {
  const rows = await query<{ id: string }>(
    db,
    sql`SELECT id::text AS id FROM dialogue_contacts WHERE municipality_id = ${municipalityId} AND request_id = ${requestId} ORDER BY recorded_at DESC, id DESC LIMIT 1`,
  );
  return rows[0]?.id;
}

// ---- The plan's efforts ------------------------------------------------------------------------

export interface EffortRow extends Record<string, unknown> {
  id: string;
  title: string;
  unit_name: string;
}

/**
 * The efforts of the citizen's active plan a decision may grant or end: for staff, their own
 * unit's (its own work), or all of them for the unit that coordinates the plan (which holds it
 * all) — never one a consent would have to open, because the request page's read is logged as a
 * case read, with no plan section (decisions/0011 §2); all of them for the citizen and a proxy.
 */
export function selectVisibleEfforts(db: Db, municipalityId: string, citizenId: string, actor: { kind: 'staff'; staffId: string; unitId: string } | { kind: 'own' }) {
  const seen =
    actor.kind === 'own'
      ? sql`true`
      : sql`(e.unit_id = ${actor.unitId}::uuid OR p.coordinator_unit_id = ${actor.unitId}::uuid)`;
  return query<EffortRow>(
    db,
    sql`SELECT e.id::text AS id, e.title, u.name AS unit_name
        FROM plans p JOIN efforts e ON e.municipality_id = p.municipality_id AND e.plan_id = p.id
        JOIN units u ON u.municipality_id = e.municipality_id AND u.id = e.unit_id
        WHERE p.municipality_id = ${municipalityId} AND p.citizen_id = ${citizenId} AND p.status = 'active' AND ${seen}
        ORDER BY e.starts_on, e.id`,
  );
}

/** Effort titles by id (any of the citizen's plans: a decision keeps naming what it granted). */
export async function selectEffortTitles(db: Db, municipalityId: string, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const rows = await query<{ id: string; title: string }>(
    db,
    sql`SELECT id::text AS id, title FROM efforts WHERE municipality_id = ${municipalityId} AND id = ANY(${`{${ids.join(',')}}`}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.id, r.title]));
}

// ---- Decisions ---------------------------------------------------------------------------------

export interface DecisionRow extends Record<string, unknown> {
  id: string;
  request_id: string;
  decision_type_id: string;
  decision_type_name: string;
  status: 'draft' | 'issued';
  outcome: 'granted' | 'partlyGranted' | 'refused';
  legal_basis: string;
  considerations: string;
  key_facts: string;
  lix: number;
  efforts: unknown;
  decided_on: string | null;
  decided_by: string | null;
  decided_by_name: string | null;
  appeal_guidance: string;
  complaint_deadline: unknown;
  replaces_decision_id: string | null;
  letter_id: string | null;
}

const decisionColumns = sql`d.id::text AS id, d.request_id::text AS request_id, d.decision_type_id::text AS decision_type_id, t.name AS decision_type_name,
  d.status, d.outcome, d.legal_basis, d.considerations, d.key_facts, d.lix, d.efforts, d.decided_on::text AS decided_on,
  d.decided_by::text AS decided_by, s.name AS decided_by_name, d.appeal_guidance, d.complaint_deadline,
  d.replaces_decision_id::text AS replaces_decision_id, d.letter_id::text AS letter_id`;
const decisionJoins = sql`FROM decisions d JOIN decision_types t ON t.municipality_id = d.municipality_id AND t.id = d.decision_type_id
  LEFT JOIN staff s ON s.municipality_id = d.municipality_id AND s.id = d.decided_by`;

export function selectDecisionsOfRequest(db: Db, municipalityId: string, requestId: string) {
  return query<DecisionRow>(db, sql`SELECT ${decisionColumns} ${decisionJoins} WHERE d.municipality_id = ${municipalityId} AND d.request_id = ${requestId} ORDER BY d.created_at, d.id`);
}

/** The citizen's issued decisions (their own page). */
export function selectIssuedDecisionsOfCitizen(db: Db, municipalityId: string, citizenId: string) {
  return query<DecisionRow>(
    db,
    sql`SELECT ${decisionColumns} ${decisionJoins} WHERE d.municipality_id = ${municipalityId} AND d.citizen_id = ${citizenId} AND d.status = 'issued' ORDER BY d.decided_on DESC, d.id`,
  );
}

export async function selectDraft(db: Db, municipalityId: string, requestId: string) {
  const rows = await query<DecisionRow>(
    db,
    sql`SELECT ${decisionColumns} ${decisionJoins} WHERE d.municipality_id = ${municipalityId} AND d.request_id = ${requestId} AND d.status = 'draft'`,
  );
  return rows[0];
}

export interface DraftValues {
  municipalityId: string;
  requestId: string;
  citizenId: string;
  decisionTypeId: string;
  unitId: string;
  outcome: string;
  legalBasis: string;
  considerations: string;
  keyFacts: string;
  lix: number;
  efforts: { effortId: string; link: string }[];
  draftedBy: string;
}

/** One draft per request: changed in place, or written the first time. */
export async function upsertDraft(db: Db, v: DraftValues) {
  const efforts = JSON.stringify(v.efforts);
  const updated = await query<{ id: string }>(
    db,
    sql`UPDATE decisions SET outcome = ${v.outcome}, legal_basis = ${v.legalBasis}, considerations = ${v.considerations}, key_facts = ${v.keyFacts},
          lix = ${v.lix}, efforts = ${efforts}::jsonb, drafted_by = ${v.draftedBy}, updated_at = now()
        WHERE municipality_id = ${v.municipalityId} AND request_id = ${v.requestId} AND status = 'draft' RETURNING id::text AS id`,
  );
  if (updated[0]) return updated[0].id;
  const [row] = await query<{ id: string }>(
    db,
    sql`INSERT INTO decisions (municipality_id, request_id, citizen_id, decision_type_id, unit_id, outcome, legal_basis, considerations, key_facts, lix, efforts, drafted_by)
        VALUES (${v.municipalityId}, ${v.requestId}, ${v.citizenId}, ${v.decisionTypeId}, ${v.unitId}, ${v.outcome}, ${v.legalBasis}, ${v.considerations}, ${v.keyFacts},
          ${v.lix}, ${efforts}::jsonb, ${v.draftedBy})
        RETURNING id::text AS id`,
  );
  return row!.id;
}

export interface IssueValues {
  municipalityId: string;
  decisionId: string;
  decidedOn: string;
  decidedBy: string;
  dialogueContactId: string | null;
  appealGuidance: string;
  complaintDeadline: unknown;
  replacesDecisionId: string | null;
  letterId: string;
}

export async function updateIssued(db: Db, v: IssueValues) {
  const rows = await query<{ id: string }>(
    db,
    sql`UPDATE decisions SET status = 'issued', decided_on = ${v.decidedOn}, decided_by = ${v.decidedBy}, dialogue_contact_id = ${v.dialogueContactId},
          appeal_guidance = ${v.appealGuidance}, complaint_deadline = ${JSON.stringify(v.complaintDeadline)}::jsonb, replaces_decision_id = ${v.replacesDecisionId},
          letter_id = ${v.letterId}, updated_at = now()
        WHERE municipality_id = ${v.municipalityId} AND id = ${v.decisionId} AND status = 'draft' RETURNING id::text AS id`,
  );
  return rows.length > 0;
}

/** Whether an issued decision already replaces this one (a decision changed on reassessment). */
export async function isAlreadyReplaced(db: Db, municipalityId: string, decisionId: string) {
  const rows = await query(db, sql`SELECT 1 AS one FROM decisions WHERE municipality_id = ${municipalityId} AND replaces_decision_id = ${decisionId} AND status = 'issued' LIMIT 1`);
  return rows.length > 0;
}

/** An open complaint about an issued decision on this request: the decision it is about. */
export async function selectOpenComplaintOnRequest(db: Db, municipalityId: string, requestId: string, complaintId: string) {
  const rows = await query<{ decision_id: string }>(
    db,
    sql`SELECT d.id::text AS decision_id FROM complaints k JOIN decisions d ON d.municipality_id = k.municipality_id AND d.id = k.decision_id
        WHERE k.municipality_id = ${municipalityId} AND k.id = ${complaintId} AND k.status = 'open' AND k.about = 'decision'
          AND d.status = 'issued' AND d.request_id = ${requestId}`,
  );
  return rows[0]?.decision_id;
}

/** Whether an open complaint is about an issued decision on this request (a decided request may get a new decision). */
export async function hasOpenComplaintOnRequest(db: Db, municipalityId: string, requestId: string) {
  const rows = await query(
    db,
    sql`SELECT 1 AS one FROM complaints k JOIN decisions d ON d.municipality_id = k.municipality_id AND d.id = k.decision_id
        WHERE k.municipality_id = ${municipalityId} AND k.status = 'open' AND d.request_id = ${requestId} LIMIT 1`,
  );
  return rows.length > 0;
}

// ---- Letters -----------------------------------------------------------------------------------

export interface LetterRow extends Record<string, unknown> {
  id: string;
  kind: 'deadlineBreach' | 'decision' | 'complaintReceipt';
  citizen_id: string;
  citizen_name: string;
  title: string;
  body: string;
  lix: number;
  created_at: Date;
  status: 'outbox' | 'sent';
  sent_at: Date | null;
}

const letterColumns = sql`l.id::text AS id, l.kind, l.citizen_id::text AS citizen_id, c.name AS citizen_name, l.title, l.body, l.lix, l.created_at, l.status, l.sent_at`;
const letterJoins = sql`FROM letters l JOIN citizens c ON c.municipality_id = l.municipality_id AND c.id = l.citizen_id`;

/** The letters about a request: the breach letter, and the letters of its decisions. */
export function selectLettersOfRequest(db: Db, municipalityId: string, requestId: string) {
  return query<LetterRow>(
    db,
    sql`SELECT ${letterColumns} ${letterJoins}
        WHERE l.municipality_id = ${municipalityId} AND (
          (l.subject_type = 'request' AND l.subject_id = ${requestId})
          OR (l.subject_type = 'decision' AND l.subject_id IN (SELECT d.id FROM decisions d WHERE d.municipality_id = ${municipalityId} AND d.request_id = ${requestId})))
        ORDER BY l.created_at, l.id`,
  );
}

/** The citizen's letters, newest first (their own page). */
export function selectLettersOfCitizen(db: Db, municipalityId: string, citizenId: string) {
  return query<LetterRow>(db, sql`SELECT ${letterColumns} ${letterJoins} WHERE l.municipality_id = ${municipalityId} AND l.citizen_id = ${citizenId} ORDER BY l.created_at DESC, l.id`);
}

export async function selectLetterOfCitizen(db: Db, municipalityId: string, citizenId: string, letterId: string) {
  const rows = await query<LetterRow>(db, sql`SELECT ${letterColumns} ${letterJoins} WHERE l.municipality_id = ${municipalityId} AND l.citizen_id = ${citizenId} AND l.id = ${letterId}`);
  return rows[0];
}

/**
 * The citizen a letter is to, when staff member `actor` sees what it is about: a request (or a
 * decision on one) they see, or a complaint they see — its handling unit, the plan's
 * coordinating unit, or for a complaint about a decision, whoever sees the decision's request.
 */
export async function selectVisibleLetterCitizen(db: Db, actor: StaffSqlActor, letterId: string) {
  const rows = await query<{ citizen_id: string }>(
    db,
    sql`SELECT l.citizen_id::text AS citizen_id FROM letters l
        WHERE l.municipality_id = ${actor.municipalityId} AND l.id = ${letterId} AND (
          (l.subject_type = 'request' AND EXISTS (SELECT 1 FROM decision_requests r WHERE r.municipality_id = l.municipality_id AND r.id = l.subject_id AND ${requestVisibleTo(actor)}))
          OR (l.subject_type = 'decision' AND EXISTS (SELECT 1 FROM decisions d JOIN decision_requests r ON r.municipality_id = d.municipality_id AND r.id = d.request_id
                WHERE d.municipality_id = l.municipality_id AND d.id = l.subject_id AND ${requestVisibleTo(actor)}))
          OR (l.subject_type = 'complaint' AND EXISTS (SELECT 1 FROM complaints k WHERE k.municipality_id = l.municipality_id AND k.id = l.subject_id AND ${complaintVisibleTo(actor, 'k')})))`,
  );
  return rows[0]?.citizen_id;
}

/** The names a letter signs with: the staff member and their unit. */
export async function selectSignature(db: Db, municipalityId: string, staffId: string, unitId: string) {
  const rows = await query<{ staff_name: string; unit_name: string }>(
    db,
    sql`SELECT s.name AS staff_name, u.name AS unit_name FROM staff s, units u
        WHERE s.municipality_id = ${municipalityId} AND s.id = ${staffId} AND u.municipality_id = ${municipalityId} AND u.id = ${unitId}`,
  );
  return rows[0] ?? { staff_name: '', unit_name: '' };
}
