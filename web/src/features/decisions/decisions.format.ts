import type { DeadlinePeriod } from '@sammen/domain/deadlines';
import type { DecisionOutcome, DecisionTypeView, DialogueKind, RequestListItem, RequestView } from '@sammen/domain/decisions';

// Pure helpers for the decision pages: how much time is left in words (as i18n keys), shares
// for the figures, and the forms' values turned into the shared contracts' input.

/** The time left on a request as a text key and its count (`decisions.timeLeft.<key>`). */
export type TimeLeft = { key: 'left' | 'today' | 'overdue'; count: number } | { key: 'decided' | 'withdrawn'; count: 0 };

/**
 * Working days left while it is open; "today" on the due day; overdue once breached (the whole
 * due day is in time). The server counts the days (deadlines.ts daysLeft): never counted here.
 */
export function timeLeft(r: Pick<RequestListItem, 'status' | 'breached' | 'daysLeft'>): TimeLeft {
  if (r.status === 'decided' || r.status === 'withdrawn') return { key: r.status, count: 0 };
  if (r.breached || r.daysLeft.calendarDays < 0) return { key: 'overdue', count: Math.max(0, -r.daysLeft.workingDays) };
  if (r.daysLeft.calendarDays === 0) return { key: 'today', count: 0 };
  return { key: 'left', count: Math.max(r.daysLeft.workingDays, 0) };
}

/** A period as a text key and count (`decisionTypes.period.<key>`, plural by count). */
export function periodParts(p: DeadlinePeriod): { key: 'workingDays' | 'weeks' | 'months'; count: number } {
  if (p.kind === 'workingDays') return { key: 'workingDays', count: p.days };
  if (p.kind === 'weeks') return { key: 'weeks', count: p.weeks };
  return { key: 'months', count: p.months };
}

/** A period from the form's kind and number text; NaN when the number cannot be read (the contract says why). */
export function periodOf(kind: DeadlinePeriod['kind'], amount: string): DeadlinePeriod {
  const n = amount.trim() === '' ? Number.NaN : Number(amount);
  if (kind === 'workingDays') return { kind, days: n };
  if (kind === 'weeks') return { kind, weeks: n };
  return { kind, months: n };
}

/** Part of a whole in whole percent; null when there is no whole. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part * 100) / whole) : null;
}

// ---- The draft decision form ------------------------------------------------------------------

export interface DraftValues {
  outcome: DecisionOutcome | '';
  legalBasis: string;
  considerations: string;
  keyFacts: string;
  /** effortId → what the decision does with it; '' for nothing. */
  efforts: Record<string, '' | 'grants' | 'ends'>;
}

/** The saved draft of the request, else an empty one with the legal basis of the decision type. */
export function initialDraft(request: Pick<RequestView, 'decisions' | 'decisionType'>, types: Pick<DecisionTypeView, 'id' | 'legalBasis'>[] | undefined): DraftValues {
  const draft = request.decisions.find((d) => d.status === 'draft');
  if (draft) {
    return {
      outcome: draft.outcome,
      legalBasis: draft.legalBasis,
      considerations: draft.considerations,
      keyFacts: draft.keyFacts,
      efforts: Object.fromEntries(draft.efforts.map((e) => [e.effortId, e.link])),
    };
  }
  return { outcome: '', legalBasis: types?.find((t) => t.id === request.decisionType.id)?.legalBasis ?? '', considerations: '', keyFacts: '', efforts: {} };
}

/** The form's values as draftDecisionInput reads them (an outcome not chosen stays empty, so the contract names it). */
export function draftInput(v: DraftValues) {
  return {
    outcome: v.outcome,
    legalBasis: v.legalBasis,
    considerations: v.considerations,
    keyFacts: v.keyFacts,
    efforts: Object.entries(v.efforts)
      .filter((e): e is [string, 'grants' | 'ends'] => e[1] !== '')
      .map(([effortId, link]) => ({ effortId, link })),
  };
}

// ---- The dialogue form ------------------------------------------------------------------------

export interface DialogueValues {
  kind: DialogueKind;
  contactOn: string;
  factsChecked: string;
  citizenProposal: string;
  alternatives: string;
  agreedSummary: string;
  servesAsHearing: boolean;
  reason: string;
  attempts: { on: string; how: string }[];
}

/** The form's values as recordDialogueInput reads them: only the fields of the chosen kind; empty attempt rows left out. */
export function dialogueInput(v: DialogueValues) {
  if (v.kind === 'notPossible') {
    return { kind: v.kind, reason: v.reason, attempts: v.attempts.filter((a) => a.on.trim() !== '' || a.how.trim() !== '') };
  }
  return {
    kind: v.kind,
    contactOn: v.contactOn,
    factsChecked: v.factsChecked,
    citizenProposal: v.citizenProposal,
    alternatives: v.alternatives,
    agreedSummary: v.agreedSummary,
    servesAsHearing: v.servesAsHearing,
  };
}
