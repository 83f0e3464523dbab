import type { z } from 'zod';
import { deadline, isBreached, type DeadlinePeriod } from '@sammen/domain/deadlines';
import {
  appealGuidance,
  breachLetter,
  decisionLetter,
  isNegative,
  REQUEST_LIST_MAX,
  reasonsLix,
  type breachLetterInput,
  type caseSettingsInput,
  type DecisionTypeInput,
  type DraftDecisionInput,
  type issueDecisionInput,
  type RecordDialogueInput,
  type registerOwnRequestInput,
  type RegisterRequestInput,
  type requestListQuery,
} from '@sammen/domain/decisions';
import type { SignedInCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { readCitizenData, readCitizenList } from '../../platform/reader.ts';
import { recordEvent } from '../audit/audit.service.ts';
import { staffActor } from '../../platform/context.ts';
import { assertPastDay, caseSettingsOf, danishToday, writeLetter } from './cases.common.ts';
import {
  fromJson,
  hasOpenComplaintOnRequest,
  insertDecisionType,
  insertDialogue,
  insertRequest,
  isActiveStaffOfMunicipality,
  isUnitOfMunicipality,
  markRequestDecided,
  selectDecisionsOfRequest,
  selectDecisionType,
  selectDecisionTypes,
  selectDialogue,
  isAlreadyReplaced,
  lockRequest,
  selectDraft,
  selectEffortTitles,
  selectLatestDialogue,
  selectLetterOfCitizen,
  selectLettersOfRequest,
  selectOpenComplaintOnRequest,
  selectRequest,
  selectRequestList,
  selectSignature,
  selectVisibleEfforts,
  selectVisibleLetterCitizen,
  selectVisibleRequest,
  updateDecisionType,
  updateIssued,
  upsertCaseSettings,
  upsertDraft,
  type DecisionTypeRow,
  type RequestFacts,
} from './decisions.repository.ts';
import { decisionTypeView, effortIdsOf, letterView, requestListItem, requestView } from './decisions.views.ts';

// Decisions made in dialogue (issue 14): decision types and the deadline setting (admin);
// requests with their deadline clock, registered by staff (their own or on behalf of a frontline
// colleague) or by the citizen; the dialogue before a negative decision; the draft, issued by the
// deciding unit only — a refusal or partial grant only after a recorded dialogue contact — with
// its letter; the breach letter. Who sees a request is `requestVisibleTo` (the repository).

/** The longest a day of receipt may lie back: a request found in a drawer, not a typing error. */
export const MAX_DAYS_BACK = 365;

const PURPOSE = {
  register: 'Registrering af en ansøgning',
  own: 'Borgerens egen ansøgning',
  read: 'Sagsbehandling af en ansøgning',
  list: 'Ansøgninger og frister',
  dialogue: 'Dialog med borgeren før afgørelsen',
  decide: 'Afgørelse af en ansøgning',
  letter: 'Brev til borgeren',
} as const;

type Staff = ReturnType<typeof staffActor>;

// ---- Decision types and the setting -------------------------------------------------------------

export async function listDecisionTypes(ctx: SignedInCtx) {
  const rows = await selectDecisionTypes(ctx.db, ctx.actor.municipalityId, ctx.actor.kind !== 'staff');
  return { decisionTypes: rows.map(decisionTypeView) };
}

async function decisionTypeValues(tx: Db, municipalityId: string, input: DecisionTypeInput) {
  if (!(await isUnitOfMunicipality(tx, municipalityId, input.unitId))) throw invalid('unitId', 'notUnitOfMunicipality', 'is not a unit of this municipality');
  return { name: input.name, legalBasis: input.legalBasis, processingDeadline: input.processingDeadline, unitId: input.unitId, appealBody: input.appealBody, complaintDeadline: input.complaintDeadline, active: input.active };
}

/** A name already used by another decision type of the municipality. */
const nameTaken = (err: unknown) => {
  const e = err as { code?: string; cause?: { code?: string } };
  if (e?.code === '23505' || e?.cause?.code === '23505') return new AppError('CONFLICT', 'Another decision type has this name', 'name');
  return err;
};

export function createDecisionType(ctx: SignedInCtx, input: DecisionTypeInput) {
  const m = ctx.actor.municipalityId;
  return ctx.db
    .transaction(async (tx) => {
      const id = await insertDecisionType(tx, m, await decisionTypeValues(tx, m, input));
      await recordEvent(tx, ctx, { kind: 'write', action: 'decisionType.created', subjectType: 'decision_type', subjectId: id, details: { name: input.name } });
      return decisionTypeView((await selectDecisionType(tx, m, id))!);
    })
    .catch((err) => {
      throw nameTaken(err);
    });
}

export function changeDecisionType(ctx: SignedInCtx, id: string, input: DecisionTypeInput) {
  const m = ctx.actor.municipalityId;
  return ctx.db
    .transaction(async (tx) => {
      const values = await decisionTypeValues(tx, m, input);
      if (!(await updateDecisionType(tx, m, id, values))) throw new AppError('NOT_FOUND');
      await recordEvent(tx, ctx, { kind: 'write', action: 'decisionType.changed', subjectType: 'decision_type', subjectId: id, details: { name: input.name, active: input.active } });
      return decisionTypeView((await selectDecisionType(tx, m, id))!);
    })
    .catch((err) => {
      throw nameTaken(err);
    });
}

const settingsView = (s: Awaited<ReturnType<typeof caseSettingsOf>>) => ({ workingDayRules: { extraClosedDays: [...s.rules.extraClosedDays] }, personalContactDays: s.personalContactDays });

export async function getCaseSettings(ctx: SignedInCtx) {
  return settingsView(await caseSettingsOf(ctx.db, ctx.actor.municipalityId));
}

/** A change of the setting applies to deadlines computed from now on; running clocks keep theirs. */
export function setCaseSettings(ctx: SignedInCtx, input: z.infer<typeof caseSettingsInput>) {
  const m = ctx.actor.municipalityId;
  return ctx.db.transaction(async (tx) => {
    await upsertCaseSettings(tx, m, input);
    await recordEvent(tx, ctx, { kind: 'write', action: 'caseSettings.changed', subjectType: 'municipality', subjectId: m, details: input });
    return settingsView(await caseSettingsOf(tx, m));
  });
}

// ---- Requests -----------------------------------------------------------------------------------

/** The decision type a request is for: of the municipality, and active. */
async function activeType(tx: Db, municipalityId: string, decisionTypeId: string) {
  const type = await selectDecisionType(tx, municipalityId, decisionTypeId);
  if (!type) throw invalid('decisionTypeId', 'invalidValue', 'is not a decision type of this municipality');
  if (!type.active) throw invalid('decisionTypeId', 'inactive', 'the decision type is no longer in use');
  return type;
}

/** The deadline on receipt, by the type's published period and the municipality's setting now. */
async function deadlineOnReceipt(tx: Db, municipalityId: string, type: DecisionTypeRow, receivedOn: string) {
  const { rules } = await caseSettingsOf(tx, municipalityId);
  return deadline(fromJson<DeadlinePeriod>(type.processing_deadline), receivedOn, rules);
}

/**
 * A request registered by staff: their own, or on behalf of a frontline colleague, with the
 * urgency the colleague states. The requester's unit follows the request.
 */
export function registerRequest(ctx: SignedInCtx, input: RegisterRequestInput) {
  const actor = staffActor(ctx);
  const today = danishToday();
  const receivedOn = input.receivedOn ?? today;
  assertPastDay('receivedOn', receivedOn, today, MAX_DAYS_BACK);
  return readCitizenData(ctx, { action: 'request.register', purpose: PURPOSE.register, subject: { register: input.citizenId }, sectionsShown: [] }, async (tx) => {
    const type = await activeType(tx, actor.municipalityId, input.decisionTypeId);
    if (input.onBehalfOfStaffId && !(await isActiveStaffOfMunicipality(tx, actor.municipalityId, input.onBehalfOfStaffId))) {
      throw invalid('onBehalfOfStaffId', 'notStaffOfMunicipality', 'is not active staff of this municipality');
    }
    const d = await deadlineOnReceipt(tx, actor.municipalityId, type, receivedOn);
    const id = await insertRequest(tx, {
      municipalityId: actor.municipalityId, citizenId: input.citizenId, decisionTypeId: type.id, unitId: type.unit_id, description: input.description,
      urgency: input.urgency, urgencyNote: input.urgencyNote, byCitizen: false, registeredBy: actor.staffId, requesterUnitId: actor.unitId,
      onBehalfOf: input.onBehalfOfStaffId, receivedOn, dueOn: d.due, deadline: d,
    });
    await recordEvent(tx, ctx, { kind: 'write', action: 'request.registered', citizenId: input.citizenId, subjectType: 'request', subjectId: id, details: { decisionTypeId: type.id, urgency: input.urgency, due: d.due } });
    return loadRequestView(tx, actor, id, today);
  });
}

/** A request the citizen (or a proxy who may write in the plan) sends from /borger, received today. */
export function registerOwnRequest(ctx: SignedInCtx, input: z.infer<typeof registerOwnRequestInput>) {
  if (ctx.actor.kind !== 'citizen' && ctx.actor.kind !== 'proxy') throw new AppError('FORBIDDEN');
  const today = danishToday();
  return readCitizenData(ctx, { action: 'request.submitOwn', purpose: PURPOSE.own, subject: { own: true }, sectionsShown: [] }, async (tx, scope) => {
    const type = await activeType(tx, scope.municipalityId, input.decisionTypeId);
    const d = await deadlineOnReceipt(tx, scope.municipalityId, type, today);
    const id = await insertRequest(tx, {
      municipalityId: scope.municipalityId, citizenId: scope.citizenId, decisionTypeId: type.id, unitId: type.unit_id, description: input.description,
      urgency: 'normal', urgencyNote: '', byCitizen: true, registeredBy: null, requesterUnitId: null, onBehalfOf: null, receivedOn: today, dueOn: d.due, deadline: d,
    });
    await recordEvent(tx, ctx, { kind: 'write', action: 'request.submitted', citizenId: scope.citizenId, subjectType: 'request', subjectId: id, details: { decisionTypeId: type.id, due: d.due } });
    return { id };
  });
}

/** The requests the actor's unit decides or sent (or the actor registered), as the list shows them. One access-log row per citizen. */
export function listRequests(ctx: SignedInCtx, q: z.infer<typeof requestListQuery>) {
  const actor = staffActor(ctx);
  const today = danishToday();
  return readCitizenList(ctx, { action: 'request.read', purpose: PURPOSE.list, subjectType: 'citizen' }, async (tx) => {
    const found = await selectRequestList(tx, actor, q.status, q.side);
    const rows = found.slice(0, REQUEST_LIST_MAX);
    return { data: { requests: rows.map((r) => requestListItem(r, today)), more: found.length > REQUEST_LIST_MAX }, citizenIds: rows.map((r) => r.citizen_id) };
  });
}

/** The request page, read in the caller's transaction. */
async function loadRequestView(tx: Db, actor: Staff, requestId: string, today: string) {
  const m = actor.municipalityId;
  const r = (await selectRequest(tx, m, requestId))!;
  const [dialogue, decisions, letters, efforts] = [
    await selectDialogue(tx, m, requestId),
    await selectDecisionsOfRequest(tx, m, requestId),
    await selectLettersOfRequest(tx, m, requestId),
    await selectVisibleEfforts(tx, m, r.citizen_id, { kind: 'staff', staffId: actor.staffId, unitId: actor.unitId }),
  ];
  const effortTitles = await selectEffortTitles(tx, m, effortIdsOf(decisions));
  return requestView(r, { dialogue, decisions, letters, efforts, effortTitles, mayDecide: r.unit_id === actor.unitId }, today);
}

/**
 * A request the actor sees (else 404), read through the one reader (the access-log row) with
 * `work` in the same transaction, answered with the request page as it is after.
 */
async function withRequest(ctx: SignedInCtx, requestId: string, spec: { action: 'request.read' | 'dialogue.record' | 'decision.make'; purpose: string }, work?: (tx: Db, facts: RequestFacts, actor: Staff, today: string) => Promise<void>) {
  const actor = staffActor(ctx);
  const facts = await selectVisibleRequest(ctx.db, actor, requestId);
  if (!facts) throw new AppError('NOT_FOUND');
  const today = danishToday();
  return readCitizenData(ctx, { ...spec, subject: { register: facts.citizen_id }, sectionsShown: [] }, async (tx) => {
    // A write locks the request first and works from its row as it is now: two caseworkers'
    // writes on one request (a draft saved while another issues it) run one after the other.
    if (work) await work(tx, (await lockRequest(tx, actor.municipalityId, requestId))!, actor, today);
    return loadRequestView(tx, actor, requestId, today);
  });
}

export const getRequest = (ctx: SignedInCtx, requestId: string) => withRequest(ctx, requestId, { action: 'request.read', purpose: PURPOSE.read });

// ---- Dialogue -----------------------------------------------------------------------------------

/** A phone call or meeting with the citizen before the decision, or why contact was not possible. */
export function recordDialogue(ctx: SignedInCtx, requestId: string, input: RecordDialogueInput) {
  return withRequest(ctx, requestId, { action: 'dialogue.record', purpose: PURPOSE.dialogue }, async (tx, facts, actor, today) => {
    if (facts.status === 'withdrawn') throw new AppError('CONFLICT', 'The request is withdrawn', 'status', undefined, 'alreadyEnded');
    const contact = input.kind === 'notPossible' ? null : input;
    if (contact) assertPastDay('contactOn', contact.contactOn, today);
    if (input.kind === 'notPossible') input.attempts.forEach((a, i) => assertPastDay(`attempts.${i}.on`, a.on, today));
    const id = await insertDialogue(tx, {
      municipalityId: actor.municipalityId, requestId, citizenId: facts.citizen_id, kind: input.kind, contactOn: contact?.contactOn ?? null,
      factsChecked: contact?.factsChecked ?? '', citizenProposal: contact?.citizenProposal ?? '', alternatives: contact?.alternatives ?? '', agreedSummary: contact?.agreedSummary ?? '',
      servesAsHearing: contact?.servesAsHearing ?? false, reason: input.kind === 'notPossible' ? input.reason : '', attempts: input.kind === 'notPossible' ? input.attempts : [],
      recordedBy: actor.staffId,
    });
    await recordEvent(tx, ctx, { kind: 'write', action: 'dialogue.recorded', citizenId: facts.citizen_id, subjectType: 'dialogue_contact', subjectId: id, details: { requestId, kind: input.kind } });
  });
}

// ---- Decisions ----------------------------------------------------------------------------------

/** Decisions are made by the deciding unit only. */
function assertDecidingUnit(actor: Staff, facts: RequestFacts) {
  if (facts.unit_id !== actor.unitId) throw new AppError('FORBIDDEN', 'Only the unit that decides the request may do this', undefined, undefined, 'notDecidingUnit');
}

/** Open, or decided with an open complaint about its decision (a new decision on reassessment). */
async function assertMayDecide(tx: Db, municipalityId: string, facts: RequestFacts) {
  if (facts.status === 'open') return;
  if (facts.status === 'decided' && (await hasOpenComplaintOnRequest(tx, municipalityId, facts.id))) return;
  throw new AppError('CONFLICT', 'The request is already decided', 'status', undefined, 'alreadyEnded');
}

/** The draft, saved as it is written: one per request. Its efforts must be efforts of the citizen's active plan. */
export function saveDraft(ctx: SignedInCtx, requestId: string, input: DraftDecisionInput) {
  return withRequest(ctx, requestId, { action: 'decision.make', purpose: PURPOSE.decide }, async (tx, facts, actor) => {
    assertDecidingUnit(actor, facts);
    await assertMayDecide(tx, actor.municipalityId, facts);
    const ofPlan = new Set((await selectVisibleEfforts(tx, actor.municipalityId, facts.citizen_id, { kind: 'staff', staffId: actor.staffId, unitId: actor.unitId })).map((e) => e.id));
    input.efforts.forEach((e, i) => {
      if (!ofPlan.has(e.effortId)) throw invalid(`efforts.${i}.effortId`, 'notEffortOfPlan', "is not an effort of the citizen's plan");
    });
    const id = await upsertDraft(tx, {
      municipalityId: actor.municipalityId, requestId, citizenId: facts.citizen_id, decisionTypeId: facts.decision_type_id, unitId: facts.unit_id,
      outcome: input.outcome, legalBasis: input.legalBasis, considerations: input.considerations, keyFacts: input.keyFacts, lix: reasonsLix(input), efforts: input.efforts, draftedBy: actor.staffId,
    });
    await recordEvent(tx, ctx, { kind: 'write', action: 'decision.drafted', citizenId: facts.citizen_id, subjectType: 'decision', subjectId: id, details: { requestId, outcome: input.outcome } });
  });
}

/**
 * Issue the saved draft: a refusal or partial grant only after a dialogue contact (or a recorded
 * reason why contact was not possible) — otherwise nothing changes and the draft stays. With its
 * appeal guidance, complaint deadline and letter, in one transaction.
 */
export function issueDecision(ctx: SignedInCtx, requestId: string, input: z.infer<typeof issueDecisionInput>) {
  return withRequest(ctx, requestId, { action: 'decision.make', purpose: PURPOSE.decide }, async (tx, facts, actor, today) => {
    assertDecidingUnit(actor, facts);
    const m = actor.municipalityId;
    let replaces: string | null = null;
    if (input.complaintId) {
      replaces = (await selectOpenComplaintOnRequest(tx, m, requestId, input.complaintId)) ?? null;
      if (!replaces) throw invalid('complaintId', 'notDecisionOfCitizen', 'is not an open complaint about a decision on this request');
      // One new decision per complaint: a second would give the citizen two letters replacing the same decision.
      if (await isAlreadyReplaced(tx, m, replaces)) throw new AppError('CONFLICT', 'A new decision already replaces the one complained about', 'complaintId', undefined, 'alreadyEnded');
    } else if (facts.status !== 'open') {
      throw new AppError('CONFLICT', 'The request is already decided', 'status', undefined, 'alreadyEnded');
    }
    const draft = await selectDraft(tx, m, requestId);
    if (!draft) throw invalid('draft', 'noDraft', 'there is no saved draft to issue');
    const dialogueContactId = (await selectLatestDialogue(tx, m, requestId)) ?? null;
    if (isNegative(draft.outcome) && !dialogueContactId) {
      throw invalid('outcome', 'dialogueRequired', 'a refusal or partial grant needs a recorded dialogue contact with the citizen first');
    }
    const type = (await selectDecisionType(tx, m, facts.decision_type_id))!;
    const { rules } = await caseSettingsOf(tx, m);
    const complaintPeriod = fromJson<DeadlinePeriod>(type.complaint_deadline);
    const guidance = appealGuidance({ appealBody: type.appeal_body, complaintDeadline: complaintPeriod, unitName: type.unit_name }, today, rules).text;
    const request = (await selectRequest(tx, m, requestId))!;
    const links = fromJson<{ effortId: string; link: 'grants' | 'ends' }[]>(draft.efforts);
    const titles = await selectEffortTitles(tx, m, links.map((e) => e.effortId));
    const signature = await selectSignature(tx, m, actor.staffId, facts.unit_id);
    const text = decisionLetter({
      citizenName: request.citizen_name, typeName: type.name, outcome: draft.outcome, legalBasis: draft.legal_basis, considerations: draft.considerations, keyFacts: draft.key_facts,
      decidedOn: today, efforts: links.map((e) => ({ title: titles.get(e.effortId) ?? '', link: e.link })), appealGuidance: guidance, unitName: signature.unit_name, caseworkerName: signature.staff_name,
    });
    const letterId = await writeLetter(tx, ctx, { municipalityId: m, citizenId: facts.citizen_id, kind: 'decision', subjectType: 'decision', subjectId: draft.id, text, createdBy: actor.staffId });
    const issued = await updateIssued(tx, {
      municipalityId: m, decisionId: draft.id, decidedOn: today, decidedBy: actor.staffId, dialogueContactId, appealGuidance: guidance,
      complaintDeadline: deadline(complaintPeriod, today, rules), replacesDecisionId: replaces, letterId,
    });
    if (!issued) throw new AppError('CONFLICT', 'Someone issued the draft first', 'status', undefined, 'alreadyEnded');
    await markRequestDecided(tx, m, requestId, today);
    await recordEvent(tx, ctx, {
      kind: 'write', action: 'decision.issued', citizenId: facts.citizen_id, subjectType: 'decision', subjectId: draft.id,
      details: { requestId, outcome: draft.outcome, dialogueContactId, replacesDecisionId: replaces, letterId },
    });
  });
}

/** The letter telling the citizen the deadline is breached and when to expect a decision (retssikkerhedsloven § 3, stk. 2). */
export function writeBreachLetter(ctx: SignedInCtx, requestId: string, input: z.infer<typeof breachLetterInput>) {
  return withRequest(ctx, requestId, { action: 'decision.make', purpose: PURPOSE.decide }, async (tx, facts, actor, today) => {
    assertDecidingUnit(actor, facts);
    if (facts.status !== 'open') throw new AppError('CONFLICT', 'The request is already decided', 'status', undefined, 'alreadyEnded');
    if (!isBreached(facts.due_on, today)) throw new AppError('VALIDATION', 'The deadline is not breached', undefined, undefined, 'notBreached');
    if (input.expectedBy < today) throw invalid('expectedBy', 'inThePast', 'cannot be before today');
    const m = actor.municipalityId;
    const request = (await selectRequest(tx, m, requestId))!;
    const signature = await selectSignature(tx, m, actor.staffId, facts.unit_id);
    const text = breachLetter({
      citizenName: request.citizen_name, typeName: request.decision_type_name, receivedOn: facts.received_on, due: facts.due_on, expectedBy: input.expectedBy,
      note: input.note, unitName: signature.unit_name, caseworkerName: signature.staff_name,
    });
    await writeLetter(tx, ctx, { municipalityId: m, citizenId: facts.citizen_id, kind: 'deadlineBreach', subjectType: 'request', subjectId: requestId, text, createdBy: actor.staffId });
  });
}

// ---- Letters ------------------------------------------------------------------------------------

/** A letter: the citizen's and a proxy's own; staff's when they see what it is about. */
export async function getLetter(ctx: SignedInCtx, letterId: string) {
  const actor = ctx.actor;
  if (actor.kind === 'citizen' || actor.kind === 'proxy') {
    return readCitizenData(ctx, { action: 'letter.read', purpose: PURPOSE.letter, subject: { own: true }, sectionsShown: [] }, async (tx, scope) => {
      const row = await selectLetterOfCitizen(tx, scope.municipalityId, scope.citizenId, letterId);
      if (!row) throw new AppError('NOT_FOUND');
      return letterView(row);
    });
  }
  const staff = staffActor(ctx);
  const citizenId = await selectVisibleLetterCitizen(ctx.db, staff, letterId);
  if (!citizenId) throw new AppError('NOT_FOUND');
  return readCitizenData(ctx, { action: 'letter.read', purpose: PURPOSE.letter, subject: { register: citizenId }, sectionsShown: [] }, async (tx) =>
    letterView((await selectLetterOfCitizen(tx, staff.municipalityId, citizenId, letterId))!),
  );
}
