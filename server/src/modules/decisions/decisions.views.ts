import { daysLeft, explainDeadline, isBreached, type Deadline, type DeadlinePeriod } from '@sammen/domain/deadlines';
import type { DecisionTypeView, DecisionView, DialogueView, LetterView, RequestListItem, RequestView } from '@sammen/domain/decisions';
import type { WorkingDayRules } from '@sammen/domain/workdays';
import { fromJson, type DecisionRow, type DecisionTypeRow, type DialogueRow, type EffortRow, type LetterRow, type RequestRow } from './decisions.repository.ts';

// Rows as the API answers them. Days left are counted by the rules the deadline was computed
// with (stored on the request): a later change of the setting does not move a running clock.

const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);
const iso = (d: Date | string) => new Date(d).toISOString();

export function decisionTypeView(r: DecisionTypeRow): DecisionTypeView {
  return {
    id: r.id,
    name: r.name,
    legalBasis: r.legal_basis,
    processingDeadline: fromJson<DeadlinePeriod>(r.processing_deadline),
    unit: { id: r.unit_id, name: r.unit_name },
    appealBody: r.appeal_body,
    complaintDeadline: fromJson<DeadlinePeriod>(r.complaint_deadline),
    active: r.active,
  };
}

/** The rules a stored deadline was computed with. */
export const rulesOf = (d: Deadline): WorkingDayRules => ({ extraClosedDays: d.extraClosedDays });

/**
 * Breached: open and past its due day; or decided after it. On the due day itself it is in time.
 */
export const requestBreached = (r: { status: string; due_on: string; decided_on: string | null }, today: string) =>
  r.status === 'open' ? isBreached(r.due_on, today) : r.decided_on !== null && isBreached(r.due_on, r.decided_on);

export function requestListItem(r: RequestRow, today: string): RequestListItem {
  const deadline = fromJson<Deadline>(r.deadline);
  return {
    id: r.id,
    citizen: { id: r.citizen_id, name: r.citizen_name },
    decisionType: { id: r.decision_type_id, name: r.decision_type_name },
    unit: { id: r.unit_id, name: r.unit_name },
    registeredBy: person(r.registered_by, r.registered_by_name),
    onBehalfOf: person(r.on_behalf_of, r.on_behalf_of_name),
    byCitizen: r.by_citizen,
    urgency: r.urgency,
    receivedOn: r.received_on,
    due: r.due_on,
    daysLeft: daysLeft(r.due_on, today, rulesOf(deadline)),
    breached: requestBreached(r, today),
    status: r.status,
    decidedOn: r.decided_on,
    hasDialogue: r.has_dialogue,
    breachLetter: r.breach_letter,
  };
}

export function dialogueView(r: DialogueRow): DialogueView {
  return {
    id: r.id,
    kind: r.kind,
    contactOn: r.contact_on,
    factsChecked: r.facts_checked,
    citizenProposal: r.citizen_proposal,
    alternatives: r.alternatives,
    agreedSummary: r.agreed_summary,
    servesAsHearing: r.serves_as_hearing,
    reason: r.reason,
    attempts: fromJson<{ on: string; how: string }[]>(r.attempts),
    recordedBy: person(r.recorded_by, r.recorded_by_name),
    recordedAt: iso(r.recorded_at),
  };
}

export function decisionView(r: DecisionRow, effortTitles: Map<string, string>): DecisionView {
  const efforts = fromJson<{ effortId: string; link: 'grants' | 'ends' }[]>(r.efforts);
  return {
    id: r.id,
    requestId: r.request_id,
    decisionType: { id: r.decision_type_id, name: r.decision_type_name },
    status: r.status,
    outcome: r.outcome,
    legalBasis: r.legal_basis,
    considerations: r.considerations,
    keyFacts: r.key_facts,
    lix: r.lix,
    efforts: efforts.map((e) => ({ effortId: e.effortId, link: e.link, title: effortTitles.get(e.effortId) ?? '' })),
    decidedOn: r.decided_on,
    decidedBy: person(r.decided_by, r.decided_by_name),
    appealGuidance: r.appeal_guidance,
    complaintDeadline: r.complaint_deadline == null ? null : fromJson<Deadline>(r.complaint_deadline),
    replacesDecisionId: r.replaces_decision_id,
    letterId: r.letter_id,
  };
}

/** The effort ids a set of decisions names. */
export const effortIdsOf = (rows: DecisionRow[]) => [...new Set(rows.flatMap((r) => fromJson<{ effortId: string }[]>(r.efforts).map((e) => e.effortId)))];

export function letterView(r: LetterRow): LetterView {
  return {
    id: r.id,
    kind: r.kind,
    citizen: { id: r.citizen_id, name: r.citizen_name },
    title: r.title,
    body: r.body,
    lix: r.lix,
    createdAt: iso(r.created_at),
    status: r.status,
    sentAt: r.sent_at ? iso(r.sent_at) : null,
  };
}

export function requestView(
  r: RequestRow,
  parts: { dialogue: DialogueRow[]; decisions: DecisionRow[]; letters: LetterRow[]; efforts: EffortRow[]; effortTitles: Map<string, string>; mayDecide: boolean },
  today: string,
): RequestView {
  const deadline = fromJson<Deadline>(r.deadline);
  return {
    ...requestListItem(r, today),
    description: r.description,
    urgencyNote: r.urgency_note,
    deadline,
    deadlineExplained: explainDeadline(deadline),
    dialogue: parts.dialogue.map(dialogueView),
    decisions: parts.decisions.map((d) => decisionView(d, parts.effortTitles)),
    letters: parts.letters.map(letterView),
    efforts: parts.efforts.map((e) => ({ id: e.id, title: e.title, unitName: e.unit_name })),
    mayDecide: parts.mayDecide,
  };
}
