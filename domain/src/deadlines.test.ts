import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { addDays } from './calendar.ts';
import {
  APPEAL_DEADLINE,
  REASSESSMENT_DEADLINE,
  danishDate,
  daysLeft,
  deadline,
  deadlinePeriod,
  deadlineView,
  explainDeadline,
  isBreached,
  personalContactDeadline,
} from './deadlines.ts';
import { DEFAULT_WORKING_DAY_RULES, addCalendarWeeks, extraClosedDayKinds, isWorkingDay, workingDaysBetween, type WorkingDayRules } from './workdays.ts';

// Issue 14, scenario 4: a complaint starts a personal-contact deadline (2 working days by
// default) and, about a decision, the 4-week reassessment deadline; the deadline shown says
// which rule it followed and which days it passed over.

const byDefault = DEFAULT_WORKING_DAY_RULES;
const allOpen: WorkingDayRules = { extraClosedDays: [] };
const names = (days: { name: string }[] | undefined) => (days ?? []).map((d) => d.name);

describe('deadlines in working days', () => {
  test('personal contact across Easter names the holidays it passed over, not the weekend', () => {
    const d = deadline(personalContactDeadline(), '2026-03-31', byDefault);
    expect(d.due).toBe('2026-04-07');
    expect(d.rule).toEqual({
      kind: 'workingDays',
      days: 2,
      skipped: [
        { date: '2026-04-02', name: 'skærtorsdag', kind: 'publicHoliday', key: 'skaertorsdag' },
        { date: '2026-04-03', name: 'langfredag', kind: 'publicHoliday', key: 'langfredag' },
        // påskedag (a Sunday) cost nothing and is not listed
        { date: '2026-04-06', name: '2. påskedag', kind: 'publicHoliday', key: 'anden_paaskedag' },
      ],
    });
    expect(d.extraClosedDays).toEqual(['juleaftensdag', 'nytaarsaftensdag']);
  });

  test('received Wednesday 1 April 2026: the day of receipt does not count, so 2 working days end Wednesday 8 April', () => {
    expect(deadline(personalContactDeadline(), '2026-04-01', byDefault).due).toBe('2026-04-08');
    expect(deadline(personalContactDeadline(1), '2026-04-01', byDefault).due).toBe('2026-04-07');
  });

  test('across Christmas, with and without 24 and 31 December closed', () => {
    const closed = deadline(personalContactDeadline(), '2026-12-22', byDefault);
    expect(closed.due).toBe('2026-12-28');
    expect(names(closed.rule.kind === 'workingDays' ? closed.rule.skipped : [])).toEqual(['juleaftensdag', 'juledag']); // 2. juledag is a Saturday
    const open = deadline(personalContactDeadline(), '2026-12-22', allOpen);
    expect(open.due).toBe('2026-12-24');
    expect(open.rule).toEqual({ kind: 'workingDays', days: 2, skipped: [] });
    expect(open.extraClosedDays).toEqual([]);
    const newYear = deadline(personalContactDeadline(), '2026-12-30', byDefault);
    expect(newYear.due).toBe('2027-01-05');
    expect(names(newYear.rule.kind === 'workingDays' ? newYear.rule.skipped : [])).toEqual(['nytårsaftensdag', 'nytårsdag']);
  });

  test('across a weekend: Friday + 2 working days is Tuesday, with nothing to name', () => {
    expect(deadline(personalContactDeadline(), '2026-03-13', byDefault)).toEqual({
      receivedOn: '2026-03-13',
      due: '2026-03-17',
      rule: { kind: 'workingDays', days: 2, skipped: [] },
      extraClosedDays: ['juleaftensdag', 'nytaarsaftensdag'],
    });
  });
});

describe('deadlines in weeks and months', () => {
  test('4 weeks is the same weekday 4 weeks on when that is a working day', () => {
    expect(deadline(REASSESSMENT_DEADLINE, '2026-03-11', byDefault)).toEqual({
      receivedOn: '2026-03-11',
      due: '2026-04-08',
      rule: { kind: 'weeks', weeks: 4 },
      extraClosedDays: ['juleaftensdag', 'nytaarsaftensdag'],
    });
  });

  test('4 weeks landing on 2. påskedag moves to the next working day, and says so', () => {
    const d = deadline(REASSESSMENT_DEADLINE, '2026-03-09', byDefault);
    expect(addCalendarWeeks('2026-03-09', 4)).toBe('2026-04-06');
    expect(d.due).toBe('2026-04-07');
    expect(d.rule).toEqual({
      kind: 'weeks',
      weeks: 4,
      movedFrom: '2026-04-06',
      movedOver: [{ date: '2026-04-06', name: '2. påskedag', kind: 'publicHoliday', key: 'anden_paaskedag' }],
    });
  });

  test('4 weeks landing on juledag runs past 2. juledag and the Sunday', () => {
    const d = deadline(REASSESSMENT_DEADLINE, '2026-11-27', byDefault);
    expect(d.due).toBe('2026-12-28');
    expect(d.rule.kind === 'weeks' && d.rule.movedFrom).toBe('2026-12-25');
    expect(names(d.rule.kind === 'weeks' ? d.rule.movedOver : [])).toEqual(['juledag', '2. juledag', 'søndag']);
  });

  test('landing on juleaftensdag or grundlovsdag moves only when the municipality keeps it closed', () => {
    expect(deadline(REASSESSMENT_DEADLINE, '2026-11-26', byDefault).due).toBe('2026-12-28');
    expect(deadline(REASSESSMENT_DEADLINE, '2026-11-26', allOpen)).toMatchObject({ due: '2026-12-24', rule: { kind: 'weeks', weeks: 4 } });
    expect(deadline(REASSESSMENT_DEADLINE, '2026-05-08', byDefault).due).toBe('2026-06-05');
    expect(deadline(REASSESSMENT_DEADLINE, '2026-05-08', { extraClosedDays: ['grundlovsdag'] }).due).toBe('2026-06-08');
  });

  test('landing on a Saturday moves to Monday', () => {
    const d = deadline(APPEAL_DEADLINE, '2026-03-14', byDefault);
    expect(d.due).toBe('2026-04-13');
    expect(names(d.rule.kind === 'weeks' ? d.rule.movedOver : [])).toEqual(['lørdag', 'søndag']);
  });

  test('months end on the same day of the month, or the last day of a shorter month, then move off a closed day', () => {
    expect(deadline({ kind: 'months', months: 3 }, '2026-03-10', byDefault)).toMatchObject({ due: '2026-06-10', rule: { kind: 'months', months: 3 } });
    // 31 January + 1 month = Saturday 28 February → Monday 2 March.
    expect(deadline({ kind: 'months', months: 1 }, '2026-01-31', byDefault)).toMatchObject({ due: '2026-03-02', rule: { movedFrom: '2026-02-28' } });
  });
});

describe('days left and breach', () => {
  test('working and calendar days left, 0 on the due day, negative after it', () => {
    expect(daysLeft('2026-04-07', '2026-04-01', byDefault)).toEqual({ workingDays: 1, calendarDays: 6 });
    expect(daysLeft('2026-04-07', '2026-03-31', byDefault)).toEqual({ workingDays: 2, calendarDays: 7 });
    expect(daysLeft('2026-04-07', '2026-04-07', byDefault)).toEqual({ workingDays: 0, calendarDays: 0 });
    expect(daysLeft('2026-04-07', '2026-04-08', byDefault)).toEqual({ workingDays: -1, calendarDays: -1 });
    expect(daysLeft('2026-03-13', '2026-03-16', byDefault)).toEqual({ workingDays: -1, calendarDays: -3 });
  });

  test('a deadline is breached the day after it is due, not on it', () => {
    expect(isBreached('2026-04-07', '2026-04-06')).toBe(false);
    expect(isBreached('2026-04-07', '2026-04-07')).toBe(false);
    expect(isBreached('2026-04-07', '2026-04-08')).toBe(true);
    expect(isBreached('2026-12-31', '2027-01-01')).toBe(true);
    expect(() => isBreached('2026-04-31', '2026-05-01')).toThrow(RangeError);
  });
});

describe('in words, and as a contract', () => {
  test('the rule it followed, in plain Danish', () => {
    expect(explainDeadline(deadline(personalContactDeadline(), '2026-03-31', byDefault))).toBe(
      'Fristen er 2 arbejdsdage fra 31. marts 2026. Den udløber tirsdag den 7. april 2026. ' +
        'Skærtorsdag (2. april), langfredag (3. april) og 2. påskedag (6. april) er ikke arbejdsdage.',
    );
    expect(explainDeadline(deadline(personalContactDeadline(1), '2026-03-16', byDefault))).toBe(
      'Fristen er 1 arbejdsdag fra 16. marts 2026. Den udløber tirsdag den 17. marts 2026.',
    );
    expect(explainDeadline(deadline(REASSESSMENT_DEADLINE, '2026-03-09', byDefault))).toBe(
      'Fristen er 4 uger fra 9. marts 2026. Den ville udløbe mandag den 6. april 2026, som er 2. påskedag. ' +
        'Derfor udløber den i stedet tirsdag den 7. april 2026, den første arbejdsdag efter.',
    );
    expect(explainDeadline(deadline(APPEAL_DEADLINE, '2026-03-14', byDefault))).toBe(
      'Fristen er 4 uger fra 14. marts 2026. Den ville udløbe lørdag den 11. april 2026. ' +
        'Derfor udløber den i stedet mandag den 13. april 2026, den første arbejdsdag efter.',
    );
    expect(danishDate('2027-01-01')).toBe('fredag den 1. januar 2027');
  });

  test('the period contract refuses a zero, negative or fractional length and unknown units', () => {
    expect(deadlinePeriod.parse({ kind: 'workingDays', days: 2 })).toEqual({ kind: 'workingDays', days: 2 });
    for (const bad of [
      { kind: 'workingDays', days: 0 },
      { kind: 'weeks', weeks: -4 },
      { kind: 'weeks', weeks: 1.5 },
      { kind: 'days', days: 10 },
      { kind: 'weeks', weeks: 4, days: 2 },
    ]) {
      expect(deadlinePeriod.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(() => deadline({ kind: 'workingDays', days: 0 }, '2026-03-16', byDefault)).toThrow(RangeError);
  });
});

// ---- Properties ----------------------------------------------------------------------------

const dates = fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2060, 11, 31) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
const anyRules = fc.subarray([...extraClosedDayKinds]).map((extraClosedDays): WorkingDayRules => ({ extraClosedDays }));
const periods = fc.oneof(
  fc.integer({ min: 1, max: 30 }).map((days) => ({ kind: 'workingDays' as const, days })),
  fc.integer({ min: 1, max: 52 }).map((weeks) => ({ kind: 'weeks' as const, weeks })),
  fc.integer({ min: 1, max: 24 }).map((months) => ({ kind: 'months' as const, months })),
);

describe('properties', () => {
  test('every deadline is due on a working day after receipt, and fits the response contract', () => {
    fc.assert(
      fc.property(periods, dates, anyRules, (period, receivedOn, rules) => {
        const d = deadline(period, receivedOn, rules);
        expect(isWorkingDay(d.due, rules)).toBe(true);
        expect(d.due > receivedOn).toBe(true);
        expect(deadlineView.parse(d)).toEqual(d);
        expect(isBreached(d.due, d.due)).toBe(false);
        expect(isBreached(d.due, addDays(d.due, 1))).toBe(true);
      }),
    );
  });

  test('a working-day deadline: exactly n working days; each skipped day is a closed weekday in between', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), dates, anyRules, (days, receivedOn, rules) => {
        const d = deadline({ kind: 'workingDays', days }, receivedOn, rules);
        expect(workingDaysBetween(receivedOn, d.due, rules)).toBe(days);
        if (d.rule.kind !== 'workingDays') throw new Error('wrong rule');
        for (const s of d.rule.skipped) {
          expect(s.date > receivedOn && s.date < d.due).toBe(true);
          expect(isWorkingDay(s.date, rules)).toBe(false);
          expect([0, 6]).not.toContain(new Date(`${s.date}T00:00:00Z`).getUTCDay());
        }
        expect(daysLeft(d.due, receivedOn, rules).workingDays).toBe(days);
      }),
    );
  });

  test('a weeks deadline moves only over closed days, and says so exactly when it moved', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 52 }), dates, anyRules, (weeks, receivedOn, rules) => {
        const d = deadline({ kind: 'weeks', weeks }, receivedOn, rules);
        const end = addCalendarWeeks(receivedOn, weeks);
        if (d.rule.kind !== 'weeks') throw new Error('wrong rule');
        expect(d.rule.movedFrom === undefined).toBe(d.due === end);
        const movedOver = d.rule.movedOver ?? [];
        const between: string[] = [];
        for (let day = end; day < d.due; day = addDays(day, 1)) between.push(day);
        expect(movedOver.map((c) => c.date)).toEqual(between);
        for (const day of between) expect(isWorkingDay(day, rules)).toBe(false);
      }),
    );
  });
});
