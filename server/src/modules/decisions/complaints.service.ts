import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { REASSESSMENT_DEADLINE, daysLeft, deadline, explainDeadline, type Deadline } from '@sammen/domain/deadlines';
import {
  complaintReceiptLetter,
  type CloseComplaintInput,
  type ComplaintView,
  type complaintListQuery,
  type recordComplaintContactInput,
  type registerComplaintInput,
  type registerOwnComplaintInput,
} from '@sammen/domain/decisions';
import type { WorkingDayRules } from '@sammen/domain/workdays';
import type { SignedInCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { readCitizenData, readCitizenList } from '../../platform/reader.ts';
import { recordEvent } from '../audit/audit.service.ts';
import { staffActor } from '../../platform/context.ts';
import { assertPastDay, caseSettingsOf, danishToday, writeLetter } from './cases.common.ts';
import { rulesOf } from './decisions.views.ts';
import { complaintVisibleTo } from './cases.visibility.ts';
import {
  insertComplaint,
  insertComplaintContact,
  isReplacingDecision,
  lockComplaint,
  selectCitizenName,
  selectComplaintRows,
  selectCoordinatingUnit,
  selectIssuedDecisionOfCitizen,
  selectUnit,
  selectVisibleComplaint,
  updateComplaintClosed,
  updateReceiptLetter,
  type ComplaintRow,
} from './complaints.repository.ts';

// Complaints answered by a person (issue 14; IPAM within Danish law; DESIGN invariant 7): a
// complaint from the citizen's portal in their own words, or registered by staff from a call,
// letter, e-mail or meeting. On receipt: the personal-contact deadline (2 working days by
// default) and, about a decision, the reassessment deadline (4 weeks, retssikkerhedsloven § 66),
// both computed once with the municipality's working days and stored; the receipt letter. Then
// the personal contacts — which never stop or move a clock — and the close: resolved in
// dialogue, decision changed (the new decision is issued by the decisions module), forwarded to
// the appeal body, or (about how the citizen was met) answered; each with a learning category.

const PURPOSE = {
  register: 'Registrering af en klage',
  read: 'Behandling af borgerens klage',
  list: 'Klager, som enheden behandler eller følger',
  own: 'Pårørende sender en klage for borgeren',
} as const;

const parsed = (v: Deadline | string): Deadline => (typeof v === 'string' ? (JSON.parse(v) as Deadline) : v);

/**
 * A complaint as staff and the citizen see it, with its deadlines in words and the days left on
 * `today` — counted by the rules each deadline was computed with (stored on it): a later change
 * of the municipality's setting does not move a running clock (decisions/0011).
 */
export function complaintViewOf(r: ComplaintRow, today: string): ComplaintView {
  const contact = parsed(r.contact_deadline);
  const reassessment = r.reassessment_deadline === null ? null : parsed(r.reassessment_deadline);
  return {
    id: r.id,
    citizen: { id: r.citizen_id, name: r.citizen_name },
    about: r.about,
    decision:
      r.decision_id === null
        ? null
        : { id: r.decision_id, requestId: r.decision_request_id!, decisionType: r.decision_type ?? '', outcome: r.decision_outcome!, decidedOn: r.decision_decided_on },
    unit: { id: r.unit_id, name: r.unit_name },
    channel: r.channel,
    text: r.text,
    receivedOn: r.received_on,
    contactDeadline: contact,
    contactDeadlineExplained: explainDeadline(contact),
    contactDaysLeft: daysLeft(contact.due, today, rulesOf(contact)),
    reassessmentDeadline: reassessment,
    reassessmentDeadlineExplained: reassessment && explainDeadline(reassessment),
    reassessmentDaysLeft: reassessment && daysLeft(reassessment.due, today, rulesOf(reassessment)),
    firstContactOn: r.first_contact_on,
    contacts: typeof r.contacts === 'string' ? JSON.parse(r.contacts) : r.contacts,
    status: r.status,
    closedOn: r.closed_on,
    citizenWords: r.citizen_words,
    answer: r.answer,
    newDecisionId: r.new_decision_id,
    forwardedTo: r.forwarded_to,
    learningCategory: r.learning_category as ComplaintView['learningCategory'],
    receiptLetterId: r.receipt_letter_id,
  };
}

/** The complaints matching `where` (alias `c`) as views. */
export async function complaintViews(db: Db, municipalityId: string, where: ReturnType<typeof sql>, today = danishToday()) {
  const rows = await selectComplaintRows(db, municipalityId, where);
  return rows.map((r) => complaintViewOf(r, today));
}

const oneComplaint = async (db: Db, municipalityId: string, complaintId: string) => (await complaintViews(db, municipalityId, sql`c.id = ${complaintId}::uuid`))[0]!;

/**
 * The two deadlines of a complaint received on `receivedOn`: the personal contact in the
 * municipality's working days, and — about a decision — the reassessment of 4 weeks. Pure: the
 * clocks start on receipt and nothing later moves them.
 */
export function complaintDeadlines(receivedOn: string, about: 'decision' | 'treatment', settings: { rules: WorkingDayRules; personalContactDays: number }) {
  return {
    contact: deadline({ kind: 'workingDays', days: settings.personalContactDays }, receivedOn, settings.rules),
    reassessment: about === 'decision' ? deadline(REASSESSMENT_DEADLINE, receivedOn, settings.rules) : null,
  };
}

interface Receipt {
  municipalityId: string;
  citizenId: string;
  decisionId: string | null;
  unitId: string | null;
  channel: ComplaintRow['channel'];
  text: string;
  receivedOn: string;
  registeredBy: string | null;
}

/** Registers a complaint and writes its receipt letter and audit row, in `tx`; returns its id. */
async function receive(tx: Db, ctx: SignedInCtx, c: Receipt): Promise<string> {
  let unit: { id: string; name: string } | undefined;
  let appealBody: string | null = null;
  if (c.decisionId) {
    // Only an issued decision of this very citizen; any other id — another citizen's too — is
    // refused the same way, so the answer never tells that it exists.
    const decision = await selectIssuedDecisionOfCitizen(tx, c.municipalityId, c.decisionId, c.citizenId);
    if (!decision) throw invalid('decisionId', 'notDecisionOfCitizen', 'is not an issued decision of this citizen');
    unit = { id: decision.unit_id, name: decision.unit_name };
    appealBody = decision.appeal_body;
  } else if (c.unitId) {
    unit = await selectUnit(tx, c.municipalityId, c.unitId);
    if (!unit) throw invalid('unitId', 'notUnitOfMunicipality', 'is not a unit of this municipality');
  } else {
    unit = await selectCoordinatingUnit(tx, c.municipalityId, c.citizenId);
    if (!unit) throw invalid('unitId', 'required', 'name the unit the complaint is about: the citizen has no plan whose coordinator could take it');
  }
  const about = c.decisionId ? 'decision' : 'treatment';
  const settings = await caseSettingsOf(tx, c.municipalityId);
  const { contact, reassessment } = complaintDeadlines(c.receivedOn, about, settings);
  const id = await insertComplaint(tx, {
    municipalityId: c.municipalityId, citizenId: c.citizenId, decisionId: c.decisionId, unitId: unit.id, about, channel: c.channel, text: c.text,
    registeredBy: c.registeredBy, receivedOn: c.receivedOn, contactDeadline: contact, reassessmentDeadline: reassessment,
  });
  await recordEvent(tx, ctx, { kind: 'write', action: 'complaint.registered', citizenId: c.citizenId, subjectType: 'complaint', subjectId: id, details: { about, channel: c.channel } });
  const citizenName = (await selectCitizenName(tx, c.municipalityId, c.citizenId)) ?? '';
  const text = complaintReceiptLetter({ citizenName, receivedOn: c.receivedOn, contactBy: contact.due, reassessBy: reassessment?.due ?? null, appealBody, unitName: unit.name });
  const letterId = await writeLetter(tx, ctx, { municipalityId: c.municipalityId, citizenId: c.citizenId, kind: 'complaintReceipt', subjectType: 'complaint', subjectId: id, text, createdBy: c.registeredBy });
  await updateReceiptLetter(tx, c.municipalityId, id, letterId);
  return id;
}

/** POST /api/me/complaints: the citizen (or a proxy who may comment) complains in their own words; received today. */
export function registerOwnComplaint(ctx: SignedInCtx, input: z.infer<typeof registerOwnComplaintInput>) {
  const actor = ctx.actor;
  if (actor.kind !== 'citizen' && actor.kind !== 'proxy') throw new AppError('FORBIDDEN');
  return readCitizenData(ctx, { action: 'complaint.submitOwn', purpose: PURPOSE.own, subject: { own: true } }, async (tx, scope) => {
    const id = await receive(tx, ctx, {
      municipalityId: scope.municipalityId, citizenId: scope.citizenId, decisionId: input.decisionId, unitId: input.unitId,
      channel: 'portal', text: input.text, receivedOn: danishToday(), registeredBy: null,
    });
    return { id };
  });
}

/** POST /api/complaints: staff register a complaint from a call, letter, e-mail or meeting. */
export function registerComplaint(ctx: SignedInCtx, input: z.infer<typeof registerComplaintInput>) {
  const actor = staffActor(ctx);
  const receivedOn = input.receivedOn ?? danishToday();
  assertPastDay('receivedOn', receivedOn, danishToday(), 365);
  return readCitizenData(ctx, { action: 'complaint.register', purpose: PURPOSE.register, subject: { register: input.citizenId } }, async (tx) => {
    const id = await receive(tx, ctx, {
      // About how the citizen was met, with no unit named: the unit of the staff member who took
      // the call — never looked up from the plan, which this staff member may not see.
      municipalityId: actor.municipalityId, citizenId: input.citizenId, decisionId: input.decisionId, unitId: input.decisionId ? input.unitId : (input.unitId ?? actor.unitId),
      channel: input.channel, text: input.text, receivedOn, registeredBy: actor.staffId,
    });
    return oneComplaint(tx, actor.municipalityId, id);
  });
}

/** GET /api/complaints: the complaints the actor's unit handles or follows (see `complaintVisibleTo`). */
export function listComplaints(ctx: SignedInCtx, q: z.infer<typeof complaintListQuery>) {
  const actor = staffActor(ctx);
  const status = q.status === 'open' ? sql`c.status = 'open'` : q.status === 'closed' ? sql`c.status <> 'open'` : sql`true`;
  return readCitizenList(ctx, { action: 'complaint.read', purpose: PURPOSE.list, subjectType: 'citizen' }, async (tx) => {
    const complaints = await complaintViews(tx, actor.municipalityId, sql`${status} AND ${complaintVisibleTo(actor)}`);
    return { data: { complaints }, citizenIds: complaints.map((c) => c.citizen.id) };
  });
}

/** One complaint the actor sees (404 otherwise), read and logged through the reader. */
async function withComplaint<T>(ctx: SignedInCtx, complaintId: string, action: 'complaint.read' | 'complaint.handle', work: (tx: Db, facts: { citizen_id: string; unit_id: string }) => Promise<T>) {
  const actor = staffActor(ctx);
  const facts = await selectVisibleComplaint(ctx.db, actor, complaintId);
  if (!facts) throw new AppError('NOT_FOUND');
  return readCitizenData(ctx, { action, purpose: PURPOSE.read, subject: { register: facts.citizen_id } }, (tx) => work(tx, facts));
}

export function getComplaint(ctx: SignedInCtx, complaintId: string) {
  const actor = staffActor(ctx);
  return withComplaint(ctx, complaintId, 'complaint.read', (tx) => oneComplaint(tx, actor.municipalityId, complaintId));
}

/**
 * A personal contact: what the caseworker heard, summarised, asked and agreed. Between receipt
 * and today. The deadlines stay exactly as they were: informal contact never stops a legal clock.
 */
export function recordComplaintContact(ctx: SignedInCtx, complaintId: string, input: z.infer<typeof recordComplaintContactInput>) {
  const actor = staffActor(ctx);
  return withComplaint(ctx, complaintId, 'complaint.handle', async (tx, facts) => {
    const state = (await lockComplaint(tx, actor.municipalityId, complaintId))!;
    if (state.status !== 'open') throw new AppError('CONFLICT', 'The complaint is closed', 'status', undefined, 'alreadyEnded');
    assertPastDay('contactOn', input.contactOn);
    if (input.contactOn < state.received_on) {
      throw invalid('contactOn', 'endBeforeStart', `cannot be before the complaint was received (${state.received_on})`, { min: state.received_on });
    }
    const id = await insertComplaintContact(tx, { municipalityId: actor.municipalityId, complaintId, ...input, recordedBy: actor.staffId });
    await recordEvent(tx, ctx, { kind: 'write', action: 'complaint.contactRecorded', citizenId: facts.citizen_id, subjectType: 'complaint', subjectId: complaintId, details: { contactId: id, kind: input.kind } });
    return oneComplaint(tx, actor.municipalityId, complaintId);
  });
}

const allowed: Record<CloseComplaintInput['outcome'], ('decision' | 'treatment')[]> = {
  resolvedInDialogue: ['decision', 'treatment'],
  decisionChanged: ['decision'],
  forwarded: ['decision'],
  answered: ['treatment'],
};

/**
 * Closes an open complaint, by the unit that handles it (for a decision: the deciding unit, which
 * reassesses). Decision changed: the new decision, already issued on reassessment (POST
 * /api/requests/:requestId/decision with the complaint), must replace the one complained about.
 * Forwarded: to the decision type's appeal body, today — also after the 4 weeks (the figures count
 * it as late).
 */
export function closeComplaint(ctx: SignedInCtx, complaintId: string, input: CloseComplaintInput) {
  const actor = staffActor(ctx);
  return withComplaint(ctx, complaintId, 'complaint.handle', async (tx, facts) => {
    const state = (await lockComplaint(tx, actor.municipalityId, complaintId))!;
    if (state.unit_id !== actor.unitId) {
      throw new AppError('FORBIDDEN', 'Only the unit that handles the complaint closes it', undefined, undefined, state.about === 'decision' ? 'notDecidingUnit' : undefined);
    }
    if (state.status !== 'open') throw new AppError('CONFLICT', 'The complaint is already closed', 'status', undefined, 'alreadyEnded');
    if (!allowed[input.outcome].includes(state.about)) throw invalid('outcome', 'outcomeNotAllowed', `does not fit a complaint about ${state.about === 'decision' ? 'a decision' : 'how the citizen was met'}`);
    if (input.outcome === 'decisionChanged' && !(await isReplacingDecision(tx, actor.municipalityId, input.newDecisionId, state.decision_id!))) {
      throw invalid('newDecisionId', 'notReplacingDecision', 'is not an issued decision replacing the one complained about');
    }
    const closed = await updateComplaintClosed(tx, actor.municipalityId, complaintId, {
      outcome: input.outcome,
      closedOn: danishToday(),
      closedBy: actor.staffId,
      citizenWords: input.outcome === 'resolvedInDialogue' ? input.citizenWords : '',
      answer: input.outcome === 'answered' ? input.answer : '',
      newDecisionId: input.outcome === 'decisionChanged' ? input.newDecisionId : null,
      forwardedTo: input.outcome === 'forwarded' ? state.appeal_body : null,
      forwardNote: input.outcome === 'forwarded' ? input.note : '',
      learningCategory: input.learningCategory,
    });
    if (!closed) throw new AppError('CONFLICT', 'The complaint is already closed', 'status', undefined, 'alreadyEnded');
    await recordEvent(tx, ctx, {
      kind: 'write', action: 'complaint.closed', citizenId: facts.citizen_id, subjectType: 'complaint', subjectId: complaintId,
      details: { outcome: input.outcome, learningCategory: input.learningCategory },
    });
    return oneComplaint(tx, actor.municipalityId, complaintId);
  });
}
