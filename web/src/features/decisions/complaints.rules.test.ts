import { describe, expect, test } from 'vitest';
import type { CaseWorkItem, DecisionView } from '@sammen/domain/decisions';
import { caseWorkLink, complaintProgress, contactOverdue, groupCaseWork, openComplaintAbout, outcomesFor, reassessmentOverdue, replacingDecisions, timeLeft } from './complaints.rules.ts';

describe('outcomesFor', () => {
  test('a complaint about a decision may be resolved, changed or forwarded — never "answered"', () => {
    expect(outcomesFor('decision')).toEqual(['resolvedInDialogue', 'decisionChanged', 'forwarded']);
  });
  test('a complaint about how the citizen was met may be resolved or answered — no decision to change or forward', () => {
    expect(outcomesFor('treatment')).toEqual(['resolvedInDialogue', 'answered']);
  });
});

describe('timeLeft', () => {
  test('working days while the due day is ahead', () => {
    expect(timeLeft({ workingDays: 3, calendarDays: 5 })).toEqual({ state: 'workingDays', days: 3 });
  });
  test('the due day itself is still in time', () => {
    expect(timeLeft({ workingDays: 0, calendarDays: 0 })).toEqual({ state: 'today' });
  });
  test('passed: by how many calendar days', () => {
    expect(timeLeft({ workingDays: -1, calendarDays: -3 })).toEqual({ state: 'overdue', days: 3 });
  });
  test('calendar days when no working day is left before a due day ahead', () => {
    expect(timeLeft({ workingDays: 0, calendarDays: 1 })).toEqual({ state: 'calendarDays', days: 1 });
  });
});

const complaint = { status: 'open' as const, firstContactOn: null as string | null, contactDaysLeft: { workingDays: 1, calendarDays: 1 }, reassessmentDaysLeft: { workingDays: 10, calendarDays: 14 } as { workingDays: number; calendarDays: number } | null };

describe('overdue marks', () => {
  test('the contact deadline is overdue only while open, uncontacted and past the due day', () => {
    expect(contactOverdue({ ...complaint, contactDaysLeft: { workingDays: -1, calendarDays: -1 } })).toBe(true);
    expect(contactOverdue({ ...complaint, contactDaysLeft: { workingDays: 0, calendarDays: 0 } })).toBe(false);
    expect(contactOverdue({ ...complaint, firstContactOn: '2026-04-01', contactDaysLeft: { workingDays: -1, calendarDays: -1 } })).toBe(false);
    expect(contactOverdue({ ...complaint, status: 'answered', contactDaysLeft: { workingDays: -1, calendarDays: -1 } } as never)).toBe(false);
  });
  test('the reassessment deadline only exists for a complaint about a decision', () => {
    expect(reassessmentOverdue({ ...complaint, reassessmentDaysLeft: { workingDays: -2, calendarDays: -2 } })).toBe(true);
    expect(reassessmentOverdue({ ...complaint, reassessmentDaysLeft: null })).toBe(false);
  });
});

describe('complaintProgress', () => {
  const base = { receivedOn: '2026-04-01', firstContactOn: null, status: 'open' as const, closedOn: null };
  test('received: waiting for the call', () => {
    const p = complaintProgress(base);
    expect(p.steps.map((s) => s.done)).toEqual([true, false, false]);
    expect(p.current).toBe('called');
  });
  test('called: waiting for the outcome', () => {
    const p = complaintProgress({ ...base, firstContactOn: '2026-04-02' });
    expect(p.steps.map((s) => [s.step, s.done, s.on])).toEqual([
      ['received', true, '2026-04-01'],
      ['called', true, '2026-04-02'],
      ['closed', false, null],
    ]);
    expect(p.current).toBe('closed');
  });
  test('closed without a recorded call: nothing is current, and the call is not claimed', () => {
    const p = complaintProgress({ ...base, status: 'answered' as never, closedOn: '2026-04-10' });
    expect(p.steps.map((s) => s.done)).toEqual([true, false, true]);
    expect(p.current).toBeUndefined();
  });
});

const item = (kind: CaseWorkItem['kind'], due: string, name = 'Lone Hansen', subject: CaseWorkItem['subject'] = 'complaint'): CaseWorkItem => ({
  kind,
  subject,
  subjectId: `${kind}-${due}`,
  citizen: { id: 'c1', name },
  title: 'Merudgifter',
  due,
  daysLeft: { workingDays: 1, calendarDays: 1 },
  remindedAt: null,
});

describe('groupCaseWork', () => {
  test('overdue and due apart, each by due day', () => {
    const { overdue, due } = groupCaseWork([
      item('contactDue', '2026-04-09'),
      item('requestBreached', '2026-03-20', 'Mads Jensen', 'request'),
      item('reassessmentDue', '2026-04-07'),
      item('contactOverdue', '2026-03-30'),
      item('reassessmentOverdue', '2026-03-25'),
      item('requestDueSoon', '2026-04-08', 'Mads Jensen', 'request'),
    ]);
    expect(overdue.map((i) => i.kind)).toEqual(['requestBreached', 'reassessmentOverdue', 'contactOverdue']);
    expect(due.map((i) => i.kind)).toEqual(['reassessmentDue', 'requestDueSoon', 'contactDue']);
  });
  test('nothing due is two empty groups', () => {
    expect(groupCaseWork([])).toEqual({ overdue: [], due: [] });
  });
});

test('caseWorkLink goes to the request or the complaint', () => {
  expect(caseWorkLink({ subject: 'request', subjectId: 'r 1' })).toBe('/afgoerelser/r%201');
  expect(caseWorkLink({ subject: 'complaint', subjectId: 'k1' })).toBe('/klager/k1');
});

test('replacingDecisions: only issued decisions that replace the complained one', () => {
  const d = (id: string, status: 'draft' | 'issued', replacesDecisionId: string | null) => ({ id, status, replacesDecisionId }) as DecisionView;
  const found = replacingDecisions([d('old', 'issued', null), d('new', 'issued', 'old'), d('draft', 'draft', 'old'), d('other', 'issued', 'x')], 'old');
  expect(found.map((x) => x.id)).toEqual(['new']);
});

test('openComplaintAbout: an open complaint about that decision, not a closed one or another decision', () => {
  const c = (status: 'open' | 'answered', decisionId: string | null) => ({ status, decision: decisionId ? ({ id: decisionId } as never) : null });
  expect(openComplaintAbout([c('answered', 'd1'), c('open', 'd2'), c('open', null)], 'd1')).toBeUndefined();
  expect(openComplaintAbout([c('answered', 'd1'), c('open', 'd1')], 'd1')).toEqual(c('open', 'd1'));
});
