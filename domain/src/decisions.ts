import { z } from 'zod';
import { APPEAL_DEADLINE, danishDate, deadline, deadlinePeriod, deadlineView, type DeadlinePeriod } from './deadlines.ts';
import { calendarDate, int4, optionalText, requiredText } from './fields.ts';
import { id } from './identity.ts';
import { readability } from './readability.ts';
import { workingDayRules, type WorkingDayRules } from './workdays.ts';

// Decisions made in dialogue and complaints answered by a person (issue 14; IPAM within Danish
// law). The API contracts of the decisions and complaints modules, and their pure rules: which
// outcomes need a dialogue contact first, the appeal guidance, the letters' text, the figures.
// The deadline arithmetic is deadlines.ts and workdays.ts.

const LIMITS = { name: 200, legal: 1_000, text: 8_000, short: 2_000 } as const;
const person = z.object({ id, name: z.string() });
const named = z.object({ id, name: z.string() });

// ---- Decision types and the municipality's settings -----------------------------------------

export const DEFAULT_APPEAL_BODY = 'Ankestyrelsen';

/** A kind of decision the municipality makes, with its published processing deadline (retssikkerhedsloven § 3, stk. 2). */
export const decisionTypeInput = z.strictObject({
  name: requiredText(LIMITS.name),
  /** E.g. "Serviceloven § 85". */
  legalBasis: requiredText(LIMITS.legal),
  /** The published processing deadline. Required: a decision type with no deadline is refused. */
  processingDeadline: deadlinePeriod,
  /** The unit that makes these decisions (the authority, myndighed). */
  unitId: id,
  appealBody: requiredText(LIMITS.name).default(DEFAULT_APPEAL_BODY),
  /** How long the citizen has to complain, from receiving the decision (4 weeks by default). */
  complaintDeadline: deadlinePeriod.default(APPEAL_DEADLINE),
  active: z.boolean().default(true),
});
export type DecisionTypeInput = z.infer<typeof decisionTypeInput>;

export const decisionTypeView = z.object({
  id,
  name: z.string(),
  legalBasis: z.string(),
  processingDeadline: deadlinePeriod,
  unit: named,
  appealBody: z.string(),
  complaintDeadline: deadlinePeriod,
  active: z.boolean(),
});
export type DecisionTypeView = z.infer<typeof decisionTypeView>;

/** The municipality's setting for deadlines: which extra days are closed, the personal-contact deadline. */
export const caseSettingsInput = z.strictObject({
  workingDayRules,
  /** Working days from receiving a complaint until the citizen must have been contacted in person. */
  personalContactDays: int4(1, 20).default(2),
});
export const caseSettingsView = z.object({
  workingDayRules: z.object({ extraClosedDays: z.array(z.string()) }),
  personalContactDays: z.number().int(),
});

// ---- Requests --------------------------------------------------------------------------------

export const urgencies = ['normal', 'urgent'] as const;
export const requestStatuses = ['open', 'decided', 'withdrawn'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

/**
 * A request registered by staff: their own, or on behalf of a frontline colleague (scenario 2),
 * with the urgency the colleague states. The clock starts on the day of receipt, which cannot be
 * in the future (and at most a year back: a request found in a drawer, not a typing error).
 */
export const registerRequestInput = z.strictObject({
  citizenId: id,
  decisionTypeId: id,
  /** What is asked for, in the words of the citizen or the colleague. */
  description: requiredText(LIMITS.text),
  urgency: z.enum(urgencies).default('normal'),
  /** Why it is urgent, as the colleague says it ("he is ready now; in two months he will not be"). */
  urgencyNote: optionalText(LIMITS.short).default(''),
  /** The frontline colleague the request comes from, when registered on their behalf. */
  onBehalfOfStaffId: id.nullable().default(null),
  /** The day it arrived; today when left out. */
  receivedOn: calendarDate.optional(),
});
export type RegisterRequestInput = z.infer<typeof registerRequestInput>;

/** A request the citizen sends from /borger, in their own words. */
export const registerOwnRequestInput = z.strictObject({
  decisionTypeId: id,
  description: requiredText(LIMITS.text),
});

export const daysLeftView = z.object({ workingDays: z.number().int(), calendarDays: z.number().int() });

export const requestListItem = z.object({
  id,
  citizen: person,
  decisionType: named,
  unit: named,
  /** Who registered it, and the colleague it came from. */
  registeredBy: person.nullable(),
  onBehalfOf: person.nullable(),
  byCitizen: z.boolean(),
  urgency: z.enum(urgencies),
  receivedOn: z.string(),
  due: z.string(),
  daysLeft: daysLeftView,
  breached: z.boolean(),
  status: z.enum(requestStatuses),
  /** When decided: the day. */
  decidedOn: z.string().nullable(),
  hasDialogue: z.boolean(),
  /** Whether the citizen has been told in writing that the deadline was breached. */
  breachLetter: z.boolean(),
});
export type RequestListItem = z.infer<typeof requestListItem>;

/** The most requests one list answers with; `more` says there were others (the earliest due come first). */
export const REQUEST_LIST_MAX = 500;
export const requestListView = z.object({ requests: z.array(requestListItem), more: z.boolean() });
export type RequestListView = z.infer<typeof requestListView>;

export const requestListQuery = z.strictObject({
  status: z.enum(['open', 'decided', 'all']).default('open'),
  /** Requests my unit decides, or requests my unit (or I) sent to another. */
  side: z.enum(['authority', 'requester', 'all']).default('all'),
});

// ---- Dialogue before a negative decision ------------------------------------------------------

export const dialogueKinds = ['phone', 'meeting', 'notPossible'] as const;
export type DialogueKind = (typeof dialogueKinds)[number];

const contactFields = {
  /** The day of the call or meeting; not in the future. */
  contactOn: calendarDate,
  /** The facts checked with the citizen. */
  factsChecked: requiredText(LIMITS.text),
  /** What the citizen proposed themselves. */
  citizenProposal: optionalText(LIMITS.text).default(''),
  /** The alternatives explored within the law. */
  alternatives: optionalText(LIMITS.text).default(''),
  /** The summary agreed with the citizen. */
  agreedSummary: requiredText(LIMITS.text),
  /** Facts to the citizen's disadvantage were put to them: this contact is the hearing (forvaltningsloven § 19). */
  servesAsHearing: z.boolean().default(false),
};

/**
 * A dialogue contact: a phone call or meeting with its content, or a recorded reason why contact
 * was not possible (e.g. three documented attempts).
 */
export const recordDialogueInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('phone'), ...contactFields }),
  z.strictObject({ kind: z.literal('meeting'), ...contactFields }),
  z.strictObject({
    kind: z.literal('notPossible'),
    reason: requiredText(LIMITS.text),
    attempts: z.array(z.strictObject({ on: calendarDate, how: requiredText(LIMITS.name) })).max(20).default([]),
  }),
]);
export type RecordDialogueInput = z.infer<typeof recordDialogueInput>;

export const dialogueView = z.object({
  id,
  kind: z.enum(dialogueKinds),
  contactOn: z.string().nullable(),
  factsChecked: z.string(),
  citizenProposal: z.string(),
  alternatives: z.string(),
  agreedSummary: z.string(),
  servesAsHearing: z.boolean(),
  reason: z.string(),
  attempts: z.array(z.object({ on: z.string(), how: z.string() })),
  recordedBy: person.nullable(),
  recordedAt: z.string(),
});
export type DialogueView = z.infer<typeof dialogueView>;

// ---- Decisions -------------------------------------------------------------------------------

export const decisionOutcomes = ['granted', 'partlyGranted', 'refused'] as const;
export type DecisionOutcome = (typeof decisionOutcomes)[number];

/** A refusal or a partial grant: cannot be issued until a dialogue contact is recorded. */
export const isNegative = (outcome: DecisionOutcome) => outcome !== 'granted';

export const effortLinks = ['grants', 'ends'] as const;

/**
 * The decision as the caseworker writes it (a draft, saved as it is written): the outcome and
 * the reasons of forvaltningsloven §§ 22–24 — legal basis, main considerations, key facts — in
 * plain Danish. Issuing is a separate step (`issueDecision`), refused for a negative outcome
 * until a dialogue contact is recorded.
 */
export const draftDecisionInput = z.strictObject({
  outcome: z.enum(decisionOutcomes),
  legalBasis: requiredText(LIMITS.legal),
  considerations: requiredText(LIMITS.text),
  keyFacts: requiredText(LIMITS.text),
  /** The plan's efforts this decision grants or ends. */
  efforts: z.array(z.strictObject({ effortId: id, link: z.enum(effortLinks) })).max(20).default([]),
});
export type DraftDecisionInput = z.infer<typeof draftDecisionInput>;

export const decisionView = z.object({
  id,
  requestId: id,
  decisionType: named,
  status: z.enum(['draft', 'issued']),
  outcome: z.enum(decisionOutcomes),
  legalBasis: z.string(),
  considerations: z.string(),
  keyFacts: z.string(),
  /** LIX of the reasons (considerations and key facts). */
  lix: z.number().int(),
  efforts: z.array(z.object({ effortId: id, link: z.enum(effortLinks), title: z.string() })),
  decidedOn: z.string().nullable(),
  decidedBy: person.nullable(),
  /** The appeal guidance (forvaltningsloven § 25), generated from the decision type. */
  appealGuidance: z.string(),
  complaintDeadline: deadlineView.nullable(),
  /** The decision this one replaced on reassessment of a complaint. */
  replacesDecisionId: id.nullable(),
  letterId: id.nullable(),
});
export type DecisionView = z.infer<typeof decisionView>;

/** Issue the saved draft. For a decision changed on reassessment, name the complaint. */
export const issueDecisionInput = z.strictObject({ complaintId: id.nullable().default(null) });

// ---- Letters ---------------------------------------------------------------------------------

export const letterKinds = ['deadlineBreach', 'decision', 'complaintReceipt'] as const;
export type LetterKind = (typeof letterKinds)[number];

export const letterView = z.object({
  id,
  kind: z.enum(letterKinds),
  citizen: person,
  title: z.string(),
  body: z.string(),
  lix: z.number().int(),
  createdAt: z.string(),
  /** In the local outbox, waiting for Digital Post; or handed to it. */
  status: z.enum(['outbox', 'sent']),
  sentAt: z.string().nullable(),
});
export type LetterView = z.infer<typeof letterView>;

/**
 * The letter telling the citizen the deadline is breached: the law asks for when the decision
 * can be expected (retssikkerhedsloven § 3, stk. 2) — a day that is not already past.
 */
export const breachLetterInput = z.strictObject({ expectedBy: calendarDate, note: optionalText(LIMITS.short).default('') });

// ---- The request as one page ------------------------------------------------------------------

export const requestView = requestListItem.extend({
  description: z.string(),
  urgencyNote: z.string(),
  deadline: deadlineView,
  /** The rule in plain Danish (deadlines.ts explainDeadline). */
  deadlineExplained: z.string(),
  dialogue: z.array(dialogueView),
  decisions: z.array(decisionView),
  letters: z.array(letterView),
  /** The plan's efforts that a decision may grant or end (the plan's, as this reader sees it). */
  efforts: z.array(z.object({ id, title: z.string(), unitName: z.string() })),
  /** Whether the reader's unit decides this request. */
  mayDecide: z.boolean(),
});
export type RequestView = z.infer<typeof requestView>;

// ---- Complaints ------------------------------------------------------------------------------

export const complaintAbouts = ['decision', 'treatment'] as const;
export const complaintChannels = ['portal', 'phone', 'letter', 'email', 'meeting'] as const;
export const complaintOutcomes = ['resolvedInDialogue', 'decisionChanged', 'forwarded', 'answered'] as const;
export type ComplaintOutcome = (typeof complaintOutcomes)[number];
export const complaintStatuses = ['open', ...complaintOutcomes] as const;
export const learningCategories = ['communication', 'waitingTime', 'factsWrong', 'lawApplication', 'treatment', 'coordination', 'other'] as const;

/** A complaint in the citizen's own words, from /borger: about a decision, or about how they were met. */
export const registerOwnComplaintInput = z.strictObject({
  decisionId: id.nullable().default(null),
  /** About how the citizen was met: the unit, when they know it. */
  unitId: id.nullable().default(null),
  text: requiredText(LIMITS.text),
});

/** A complaint staff register from a phone call, letter, e-mail or meeting. */
export const registerComplaintInput = z.strictObject({
  citizenId: id,
  decisionId: id.nullable().default(null),
  unitId: id.nullable().default(null),
  channel: z.enum(complaintChannels).exclude(['portal']),
  /** What the citizen said or wrote, in their words. */
  text: requiredText(LIMITS.text),
  receivedOn: calendarDate.optional(),
});

/** A personal contact on a complaint: what was heard, summarised, asked, agreed. */
export const recordComplaintContactInput = z.strictObject({
  kind: z.enum(['phone', 'meeting']),
  contactOn: calendarDate,
  listened: requiredText(LIMITS.text),
  summary: requiredText(LIMITS.text),
  openQuestions: optionalText(LIMITS.text).default(''),
  agreed: optionalText(LIMITS.text).default(''),
});

/**
 * How a complaint ends. Resolved in dialogue: the citizen withdraws, in their words. Decision
 * changed: a new decision, issued on reassessment. Forwarded: the decision is maintained and the
 * complaint goes with the case file to the appeal body. Answered: a complaint about how the
 * citizen was met, answered. Each gets a learning category.
 */
export const closeComplaintInput = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('resolvedInDialogue'), citizenWords: requiredText(LIMITS.text), learningCategory: z.enum(learningCategories) }),
  z.strictObject({ outcome: z.literal('decisionChanged'), newDecisionId: id, learningCategory: z.enum(learningCategories) }),
  z.strictObject({ outcome: z.literal('forwarded'), note: optionalText(LIMITS.text).default(''), learningCategory: z.enum(learningCategories) }),
  z.strictObject({ outcome: z.literal('answered'), answer: requiredText(LIMITS.text), learningCategory: z.enum(learningCategories) }),
]);
export type CloseComplaintInput = z.infer<typeof closeComplaintInput>;

export const complaintContactView = z.object({
  id,
  kind: z.enum(['phone', 'meeting']),
  contactOn: z.string(),
  listened: z.string(),
  summary: z.string(),
  openQuestions: z.string(),
  agreed: z.string(),
  recordedBy: person.nullable(),
});

export const complaintView = z.object({
  id,
  citizen: person,
  about: z.enum(complaintAbouts),
  decision: z.object({ id, requestId: id, decisionType: z.string(), outcome: z.enum(decisionOutcomes), decidedOn: z.string().nullable() }).nullable(),
  unit: named,
  channel: z.enum(complaintChannels),
  text: z.string(),
  receivedOn: z.string(),
  contactDeadline: deadlineView,
  contactDeadlineExplained: z.string(),
  contactDaysLeft: daysLeftView,
  /** For a complaint about a decision: the reassessment deadline (4 weeks). */
  reassessmentDeadline: deadlineView.nullable(),
  reassessmentDeadlineExplained: z.string().nullable(),
  reassessmentDaysLeft: daysLeftView.nullable(),
  firstContactOn: z.string().nullable(),
  contacts: z.array(complaintContactView),
  status: z.enum(complaintStatuses),
  closedOn: z.string().nullable(),
  citizenWords: z.string(),
  answer: z.string(),
  newDecisionId: id.nullable(),
  forwardedTo: z.string().nullable(),
  learningCategory: z.enum(learningCategories).nullable(),
  /** The receipt sent to the citizen. */
  receiptLetterId: id.nullable(),
});
export type ComplaintView = z.infer<typeof complaintView>;

export const complaintListQuery = z.strictObject({ status: z.enum(['open', 'closed', 'all']).default('open') });

// ---- The citizen's page and the caseworker's work ---------------------------------------------

/** The citizen's decisions page in /borger: requests with days left, decisions, complaints, letters. */
export const ownDecisionsView = z.object({
  requests: z.array(requestListItem.extend({ description: z.string(), deadlineExplained: z.string() })),
  decisions: z.array(decisionView),
  complaints: z.array(complaintView),
  letters: z.array(letterView),
  /** The decision types the citizen may apply for. */
  decisionTypes: z.array(named),
});
export type OwnDecisionsView = z.infer<typeof ownDecisionsView>;

export const caseWorkKinds = ['requestDueSoon', 'requestBreached', 'contactDue', 'contactOverdue', 'reassessmentDue', 'reassessmentOverdue'] as const;
export type CaseWorkKind = (typeof caseWorkKinds)[number];

/** Due and overdue deadlines in the caseworker's work list. */
export const caseWorkItem = z.object({
  kind: z.enum(caseWorkKinds),
  subject: z.enum(['request', 'complaint']),
  subjectId: id,
  citizen: person,
  title: z.string(),
  due: z.string(),
  daysLeft: daysLeftView,
  /** When a background job's reminder about it was raised (once per deadline and kind). */
  remindedAt: z.string().nullable(),
});
export const caseWork = z.object({ items: z.array(caseWorkItem) });
export type CaseWorkItem = z.infer<typeof caseWorkItem>;

/** Figures the leaders' dashboard reuses: per decision type and for complaints, over a period. */
export const caseFiguresQuery = z.strictObject({ from: calendarDate.optional(), to: calendarDate.optional() });
export const caseFiguresView = z.object({
  from: z.string(),
  to: z.string(),
  decisionTypes: z.array(
    z.object({
      decisionType: named,
      processingDeadline: deadlinePeriod,
      decided: z.number().int(),
      /** Median calendar days from receipt to decision. */
      medianDays: z.number().nullable(),
      withinDeadline: z.number().int(),
      openBreached: z.number().int(),
    }),
  ),
  negativeDecisions: z.number().int(),
  negativeAfterContact: z.number().int(),
  negativeContactNotPossible: z.number().int(),
  complaints: z.number().int(),
  /** Median working days from receipt to the first personal contact. */
  medianWorkingDaysToContact: z.number().nullable(),
  contactedInTime: z.number().int(),
  closed: z.number().int(),
  resolvedInDialogue: z.number().int(),
  decisionChanged: z.number().int(),
  forwarded: z.number().int(),
  forwardedInTime: z.number().int(),
  byLearningCategory: z.array(z.object({ category: z.enum(learningCategories), count: z.number().int() })),
});
export type CaseFiguresView = z.infer<typeof caseFiguresView>;

// ---- Pure rules ------------------------------------------------------------------------------

/** The LIX of a decision's reasons, as the author sees it while writing and as stored. */
export const reasonsLix = (d: { considerations: string; keyFacts: string }) => readability(`${d.considerations}\n${d.keyFacts}`).lix;

export const periodInWords = (p: DeadlinePeriod) =>
  p.kind === 'workingDays' ? `${p.days} ${p.days === 1 ? 'arbejdsdag' : 'arbejdsdage'}` : p.kind === 'weeks' ? `${p.weeks} ${p.weeks === 1 ? 'uge' : 'uger'}` : `${p.months} ${p.months === 1 ? 'måned' : 'måneder'}`;

/**
 * Appeal guidance (forvaltningsloven § 25) from the decision type: where, how and by when, in
 * plain Danish. Under retssikkerhedsloven §§ 66–67 the complaint goes to the municipality first,
 * which looks at the case again and, if it keeps the decision, sends it on to the appeal body
 * within 4 weeks.
 */
export function appealGuidance(type: { appealBody: string; complaintDeadline: DeadlinePeriod; unitName: string }, decidedOn: string, rules: WorkingDayRules): { text: string; due: string } {
  const d = deadline(type.complaintDeadline, decidedOn, rules);
  const text = [
    'Du kan klage over afgørelsen.',
    `Klag senest ${danishDate(d.due)}. Fristen er ${periodInWords(type.complaintDeadline)} fra den dag, du fik afgørelsen.`,
    `Du klager til os: ${type.unitName}. Du kan ringe, skrive eller klage i Sammen under "Afgørelser og klager". Du skal ikke bruge en bestemt formular.`,
    'Vi ringer til dig, når vi har fået din klage. Så ser vi på sagen igen.',
    `Hvis vi ikke giver dig ret, sender vi din klage videre til ${type.appealBody}. Det gør vi senest 4 uger efter, at vi fik den.`,
  ].join(' ');
  return { text, due: d.due };
}

const outcomeWords: Record<DecisionOutcome, string> = { granted: 'Du får det, du har søgt om.', partlyGranted: 'Du får en del af det, du har søgt om.', refused: 'Du får ikke det, du har søgt om.' };

export interface LetterText {
  title: string;
  body: string;
  lix: number;
}
const letter = (title: string, paragraphs: string[]): LetterText => {
  const body = paragraphs.filter((p) => p.trim() !== '').join('\n\n');
  return { title, body, lix: readability(body).lix };
};

/** The decision letter: outcome, reasons (§§ 22–24), the efforts it grants or ends, appeal guidance (§ 25). */
export function decisionLetter(d: {
  citizenName: string;
  typeName: string;
  outcome: DecisionOutcome;
  legalBasis: string;
  considerations: string;
  keyFacts: string;
  decidedOn: string;
  efforts: { title: string; link: 'grants' | 'ends' }[];
  appealGuidance: string;
  unitName: string;
  caseworkerName: string;
}): LetterText {
  const efforts = d.efforts.map((e) => `${e.link === 'grants' ? 'Du får' : 'Vi stopper'}: ${e.title}.`).join('\n');
  return letter(`Afgørelse: ${d.typeName}`, [
    `Kære ${d.citizenName}`,
    `Vi har truffet afgørelse ${danishDate(d.decidedOn)}. ${outcomeWords[d.outcome]}`,
    efforts,
    `Hvorfor: ${d.considerations}`,
    `Det har vi lagt vægt på: ${d.keyFacts}`,
    `Reglerne: ${d.legalBasis}`,
    `Sådan klager du\n${d.appealGuidance}`,
    `Venlig hilsen\n${d.caseworkerName}\n${d.unitName}`,
  ]);
}

/** The letter telling the citizen the processing deadline is breached, and when to expect a decision. */
export function breachLetter(d: { citizenName: string; typeName: string; receivedOn: string; due: string; expectedBy: string; note: string; unitName: string; caseworkerName: string }): LetterText {
  return letter(`Din sag tager længere tid: ${d.typeName}`, [
    `Kære ${d.citizenName}`,
    `Vi fik din ansøgning ${danishDate(d.receivedOn, false)}. Vi skulle have svaret senest ${danishDate(d.due, false)}. Det har vi ikke nået. Det beklager vi.`,
    `Du kan regne med et svar senest ${danishDate(d.expectedBy)}.`,
    d.note,
    'Har du spørgsmål, så ring eller skriv til os.',
    `Venlig hilsen\n${d.caseworkerName}\n${d.unitName}`,
  ]);
}

/** The receipt for a complaint: it has arrived, a person will contact the citizen by a named day, and what happens next. */
export function complaintReceiptLetter(d: { citizenName: string; receivedOn: string; contactBy: string; reassessBy: string | null; appealBody: string | null; unitName: string }): LetterText {
  return letter('Vi har fået din klage', [
    `Kære ${d.citizenName}`,
    `Vi fik din klage ${danishDate(d.receivedOn, false)}. Tak, fordi du sagde det til os.`,
    `En medarbejder ringer til dig senest ${danishDate(d.contactBy)}. Så vil vi høre, hvad du mener, og hvad du gerne vil have.`,
    d.reassessBy && d.appealBody
      ? `Vi ser på afgørelsen igen. Hvis vi ikke giver dig ret, sender vi klagen til ${d.appealBody} senest ${danishDate(d.reassessBy)}. Det gør vi, også selv om vi har talt sammen.`
      : '',
    `Venlig hilsen\n${d.unitName}`,
  ]);
}

// ---- Figures ---------------------------------------------------------------------------------

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
