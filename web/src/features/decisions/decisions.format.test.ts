import { describe, expect, test } from 'vitest';
import { draftDecisionInput, recordDialogueInput } from '@sammen/domain/decisions';
import { dialogueInput, draftInput, initialDraft, periodOf, periodParts, share, timeLeft, type DialogueValues } from './decisions.format.ts';

const open = (workingDays: number, calendarDays: number, breached = false) => ({ status: 'open' as const, breached, daysLeft: { workingDays, calendarDays } });

describe('timeLeft', () => {
  test('working days left while the due day is ahead', () => {
    expect(timeLeft(open(3, 5))).toEqual({ key: 'left', count: 3 });
    expect(timeLeft(open(1, 3))).toEqual({ key: 'left', count: 1 });
  });
  test('the due day itself is still in time: "today"', () => {
    expect(timeLeft(open(0, 0))).toEqual({ key: 'today', count: 0 });
  });
  test('overdue once breached, whatever the counts', () => {
    expect(timeLeft(open(-2, -4, true))).toEqual({ key: 'overdue', count: 2 });
    // The Saturday after a Friday due day: no working day has passed yet, but it is breached.
    expect(timeLeft(open(0, -1, true))).toEqual({ key: 'overdue', count: 0 });
  });
  test('a decided or withdrawn request has no time left to show', () => {
    expect(timeLeft({ status: 'decided', breached: true, daysLeft: { workingDays: -3, calendarDays: -5 } })).toEqual({ key: 'decided', count: 0 });
    expect(timeLeft({ status: 'withdrawn', breached: false, daysLeft: { workingDays: 3, calendarDays: 5 } })).toEqual({ key: 'withdrawn', count: 0 });
  });
});

describe('periods and shares', () => {
  test('a period to words and back', () => {
    expect(periodParts({ kind: 'weeks', weeks: 4 })).toEqual({ key: 'weeks', count: 4 });
    expect(periodParts({ kind: 'workingDays', days: 10 })).toEqual({ key: 'workingDays', count: 10 });
    expect(periodOf('months', '3')).toEqual({ kind: 'months', months: 3 });
    expect(periodOf('workingDays', ' ')).toMatchObject({ kind: 'workingDays', days: Number.NaN });
  });
  test('share rounds to whole percent and has none without a whole', () => {
    expect(share(2, 3)).toBe(67);
    expect(share(0, 0)).toBeNull();
  });
});

const type = { id: '00000000-0000-4000-8000-000000000001', legalBasis: 'Serviceloven § 85' };

describe('the draft form', () => {
  test('a new draft starts with the legal basis of the decision type', () => {
    const d = initialDraft({ decisions: [], decisionType: { id: type.id, name: 'Støtte' } }, [type]);
    expect(d).toEqual({ outcome: '', legalBasis: 'Serviceloven § 85', considerations: '', keyFacts: '', efforts: {} });
  });
  test('a saved draft is read back with its efforts', () => {
    const decision = {
      id: '00000000-0000-4000-8000-000000000002',
      requestId: '00000000-0000-4000-8000-000000000003',
      decisionType: { id: type.id, name: 'Støtte' },
      status: 'draft' as const,
      outcome: 'refused' as const,
      legalBasis: 'Egen',
      considerations: 'Hensyn.',
      keyFacts: 'Fakta.',
      lix: 10,
      efforts: [{ effortId: '00000000-0000-4000-8000-000000000004', link: 'ends' as const, title: 'Kursus' }],
      decidedOn: null,
      decidedBy: null,
      appealGuidance: '',
      complaintDeadline: null,
      replacesDecisionId: null,
      letterId: null,
    };
    const d = initialDraft({ decisions: [decision], decisionType: decision.decisionType }, [type]);
    expect(d.legalBasis).toBe('Egen');
    expect(d.efforts).toEqual({ '00000000-0000-4000-8000-000000000004': 'ends' });
    expect(draftDecisionInput.parse(draftInput(d)).efforts).toEqual([{ effortId: '00000000-0000-4000-8000-000000000004', link: 'ends' }]);
  });
  test('efforts left at nothing are not sent, and a missing outcome is named by the contract', () => {
    const input = draftInput({ outcome: '', legalBasis: 'x', considerations: 'y', keyFacts: 'z', efforts: { a: '' } });
    expect(input.efforts).toEqual([]);
    const parsed = draftDecisionInput.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['outcome']);
  });
});

describe('the dialogue form', () => {
  const base: DialogueValues = {
    kind: 'phone',
    contactOn: '2026-03-02',
    factsChecked: 'Adresse og uddannelse',
    citizenProposal: '',
    alternatives: '',
    agreedSummary: 'Vi talte om kurset',
    servesAsHearing: true,
    reason: 'leftover',
    attempts: [{ on: '2026-03-01', how: 'telefon' }],
  };
  test('a call sends only the fields of a call', () => {
    const { reason: _r, attempts: _a, ...call } = base;
    expect(dialogueInput(base)).toEqual(call);
    expect(recordDialogueInput.parse(dialogueInput(base))).toEqual(call);
  });
  test('"not possible" sends the reason and the filled-in attempts only', () => {
    const input = dialogueInput({ ...base, kind: 'notPossible', attempts: [{ on: '2026-03-01', how: 'telefon' }, { on: '', how: ' ' }] });
    expect(recordDialogueInput.parse(input)).toEqual({ kind: 'notPossible', reason: 'leftover', attempts: [{ on: '2026-03-01', how: 'telefon' }] });
  });
});
