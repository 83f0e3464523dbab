import type { CaseWorkItem, CaseWorkKind, ComplaintOutcome, ComplaintView, DecisionView } from '@sammen/domain/decisions';

// Pure rules the complaint pages, the work list and the citizen's page share: which outcomes a
// complaint may end with, how much time is left in words, where a complaint is on its way, and
// how the work list is grouped. The deadlines themselves come from the server (deadlines.ts).

type About = ComplaintView['about'];

/** The outcomes a complaint may end with (the server refuses the others with outcomeNotAllowed). */
export function outcomesFor(about: About): ComplaintOutcome[] {
  return about === 'decision' ? ['resolvedInDialogue', 'decisionChanged', 'forwarded'] : ['resolvedInDialogue', 'answered'];
}

export interface DaysLeft {
  workingDays: number;
  calendarDays: number;
}

/**
 * Time left until a due day, as the words pick it: passed (and by how many calendar days), due
 * today, or so many working days left (calendar days when the due day is not a working day).
 */
export type TimeLeft = { state: 'overdue'; days: number } | { state: 'today' } | { state: 'workingDays'; days: number } | { state: 'calendarDays'; days: number };

export function timeLeft(d: DaysLeft): TimeLeft {
  if (d.calendarDays < 0) return { state: 'overdue', days: -d.calendarDays };
  if (d.calendarDays === 0) return { state: 'today' };
  if (d.workingDays > 0) return { state: 'workingDays', days: d.workingDays };
  return { state: 'calendarDays', days: d.calendarDays };
}

/** The citizen has not been contacted in person, and the contact deadline has passed. */
export const contactOverdue = (c: Pick<ComplaintView, 'status' | 'firstContactOn' | 'contactDaysLeft'>) =>
  c.status === 'open' && c.firstContactOn === null && c.contactDaysLeft.calendarDays < 0;

/** A complaint about a decision still open after the 4 weeks in which it must be reassessed or sent on. */
export const reassessmentOverdue = (c: Pick<ComplaintView, 'status' | 'reassessmentDaysLeft'>) =>
  c.status === 'open' && c.reassessmentDaysLeft !== null && c.reassessmentDaysLeft.calendarDays < 0;

export type ProgressStep = 'received' | 'called' | 'closed';

/**
 * Where a complaint is, as the citizen sees it: received → we have called you → closed. A step
 * is done with its day; `current` is the first step not yet done (undefined when all are).
 */
export function complaintProgress(c: Pick<ComplaintView, 'receivedOn' | 'firstContactOn' | 'status' | 'closedOn'>): {
  steps: { step: ProgressStep; done: boolean; on: string | null }[];
  current: ProgressStep | undefined;
} {
  const closed = c.status !== 'open';
  const steps = [
    { step: 'received' as const, done: true, on: c.receivedOn },
    // A complaint may be closed without a recorded call (e.g. a written answer): the step then stays undone.
    { step: 'called' as const, done: c.firstContactOn !== null, on: c.firstContactOn },
    { step: 'closed' as const, done: closed, on: c.closedOn },
  ];
  return { steps, current: steps.find((s) => !s.done && (s.step !== 'called' || !closed))?.step };
}

const overdueKinds: readonly CaseWorkKind[] = ['requestBreached', 'contactOverdue', 'reassessmentOverdue'];
export const isOverdue = (kind: CaseWorkKind) => overdueKinds.includes(kind);

/** The work list's deadlines: overdue first, then due; each group by due day, the earliest first. */
export function groupCaseWork(items: CaseWorkItem[]): { overdue: CaseWorkItem[]; due: CaseWorkItem[] } {
  const byDue = [...items].sort((a, b) => a.due.localeCompare(b.due) || a.citizen.name.localeCompare(b.citizen.name, 'da'));
  return { overdue: byDue.filter((i) => isOverdue(i.kind)), due: byDue.filter((i) => !isOverdue(i.kind)) };
}

const enc = encodeURIComponent;

/** Where a work-list item is handled: its request or its complaint. */
export const caseWorkLink = (item: Pick<CaseWorkItem, 'subject' | 'subjectId'>) => (item.subject === 'request' ? `/afgoerelser/${enc(item.subjectId)}` : `/klager/${enc(item.subjectId)}`);

/** The decisions that may close a complaint as "decision changed": issued on reassessment of the complained one. */
export const replacingDecisions = (decisions: DecisionView[], complainedDecisionId: string) =>
  decisions.filter((d) => d.status === 'issued' && d.replacesDecisionId === complainedDecisionId);

/** The citizen's open complaint about a decision, if any: one is enough, the page says so instead of offering another. */
export const openComplaintAbout = (complaints: Pick<ComplaintView, 'status' | 'decision'>[], decisionId: string) =>
  complaints.find((c) => c.status === 'open' && c.decision?.id === decisionId);
