import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { addDays } from './calendar.ts';
import {
  DEFAULT_WORKING_DAY_RULES,
  addCalendarMonths,
  addCalendarWeeks,
  addWorkingDays,
  closedDay,
  closedDaysBetween,
  extraClosedDayKinds,
  isWorkingDay,
  lawfulPublicHolidays,
  municipalClosedDays,
  nextWorkingDayOnOrAfter,
  publicHolidays,
  workingDayRules,
  workingDaysBetween,
  type WorkingDayRules,
} from './workdays.ts';

// Issue 14: working days use the Danish public holidays as the law stands today, from a
// maintained library checked against the law here; 24 and 31 December, grundlovsdag and the
// Friday after Ascension are the municipality's setting.

const byDefault = DEFAULT_WORKING_DAY_RULES;
const allOpen: WorkingDayRules = { extraClosedDays: [] };
const allClosed: WorkingDayRules = { extraClosedDays: [...extraClosedDayKinds] };
const listOf = (year: number) => publicHolidays(year).map((d) => `${d.date} ${d.name}`);

/**
 * Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher) — computed here
 * independently of the library, to check its Easter-dependent holidays.
 */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Denmark's helligdage as the law stands, written out from the law rather than the library. */
function helligdageByLaw(year: number): string[] {
  const easter = easterSunday(year);
  const y = String(year);
  return [
    `${y}-01-01 nytårsdag`,
    `${addDays(easter, -3)} skærtorsdag`,
    `${addDays(easter, -2)} langfredag`,
    `${easter} påskedag`,
    `${addDays(easter, 1)} 2. påskedag`,
    // Store bededag, the 4th Friday after Easter, until lov nr. 147 af 28.02.2023 abolished it.
    ...(year < 2024 ? [`${addDays(easter, 26)} store bededag`] : []),
    `${addDays(easter, 39)} Kristi himmelfartsdag`,
    `${addDays(easter, 49)} pinsedag`,
    `${addDays(easter, 50)} 2. pinsedag`,
    `${y}-12-25 juledag`,
    `${y}-12-26 2. juledag`,
  ].sort();
}

describe('public holidays (helligdage)', () => {
  test('Easter Sunday in 2025, 2026 and 2027, by the independent algorithm used below', () => {
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2038)).toBe('2038-04-25'); // the latest possible date
    expect(easterSunday(1985)).toBe('1985-04-07');
    expect(easterSunday(1913)).toBe('1913-03-23'); // among the earliest
  });

  test('2025, exactly: Easter 20 April', () => {
    expect(listOf(2025)).toEqual([
      '2025-01-01 nytårsdag',
      '2025-04-17 skærtorsdag', // Easter − 3
      '2025-04-18 langfredag', // Easter − 2
      '2025-04-20 påskedag',
      '2025-04-21 2. påskedag', // Easter + 1
      '2025-05-29 Kristi himmelfartsdag', // Easter + 39
      '2025-06-08 pinsedag', // Easter + 49
      '2025-06-09 2. pinsedag', // Easter + 50
      '2025-12-25 juledag',
      '2025-12-26 2. juledag',
    ]);
  });

  test('2026, exactly: Easter 5 April', () => {
    expect(listOf(2026)).toEqual([
      '2026-01-01 nytårsdag',
      '2026-04-02 skærtorsdag',
      '2026-04-03 langfredag',
      '2026-04-05 påskedag',
      '2026-04-06 2. påskedag',
      '2026-05-14 Kristi himmelfartsdag',
      '2026-05-24 pinsedag',
      '2026-05-25 2. pinsedag',
      '2026-12-25 juledag',
      '2026-12-26 2. juledag',
    ]);
  });

  test('2027, exactly: Easter 28 March', () => {
    expect(listOf(2027)).toEqual([
      '2027-01-01 nytårsdag',
      '2027-03-25 skærtorsdag',
      '2027-03-26 langfredag',
      '2027-03-28 påskedag',
      '2027-03-29 2. påskedag',
      '2027-05-06 Kristi himmelfartsdag',
      '2027-05-16 pinsedag',
      '2027-05-17 2. pinsedag',
      '2027-12-25 juledag',
      '2027-12-26 2. juledag',
    ]);
  });

  test('the Easter-dependent holidays sit at their offsets from Easter Sunday in 2025–2027', () => {
    for (const year of [2025, 2026, 2027]) {
      const easter = easterSunday(year);
      const at = (key: string) => publicHolidays(year).find((d) => d.key === key)?.date;
      expect(at('paaskedag')).toBe(easter);
      expect(at('skaertorsdag')).toBe(addDays(easter, -3));
      expect(at('langfredag')).toBe(addDays(easter, -2));
      expect(at('anden_paaskedag')).toBe(addDays(easter, 1));
      expect(at('kristi_himmelfartsdag')).toBe(addDays(easter, 39));
      expect(at('pinsedag')).toBe(addDays(easter, 49));
      expect(at('anden_pinsedag')).toBe(addDays(easter, 50));
    }
  });

  test('the library agrees with the law, written out independently, in every year 1900–2200', () => {
    // Not a sample: all 301 years. A library update that adds, drops or moves a day fails here.
    for (let year = 1900; year <= 2200; year++) expect(listOf(year), String(year)).toEqual(helligdageByLaw(year));
  });

  test('store bededag is a holiday up to 2023 and a working day from 2024 (lov nr. 147 af 28.02.2023)', () => {
    expect(closedDay('2023-05-05', byDefault)).toMatchObject({ name: 'store bededag', kind: 'publicHoliday' });
    expect(isWorkingDay('2023-05-05', byDefault)).toBe(false);
    // Easter + 26 in 2024, 2025 and 2026: ordinary Fridays now.
    expect(isWorkingDay('2024-04-26', byDefault)).toBe(true);
    expect(isWorkingDay('2025-05-16', byDefault)).toBe(true);
    expect(isWorkingDay('2026-05-01', byDefault)).toBe(true);
    for (let year = 2024; year <= 2200; year++) expect(publicHolidays(year).some((d) => d.key === 'store_bededag')).toBe(false);
  });

  test('a library that still listed store bededag after 2023 would be overruled; one before 2024 is kept', () => {
    const entries = [
      { date: '2024-04-26 00:00:00', name: 'Store Bededag', type: 'public' },
      { date: '2023-05-05 00:00:00', name: 'Store Bededag', type: 'public' },
      { date: '2026-05-01 00:00:00', name: 'store bededag', type: 'public' },
    ];
    expect(lawfulPublicHolidays(entries).map((d) => d.date)).toEqual(['2023-05-05']);
  });

  test('only public holidays count: observances (grundlovsdag, 1 May, fastelavn) do not', () => {
    const entries = [
      { date: '2026-06-05 00:00:00', name: 'Grundlovsdag', type: 'observance' },
      { date: '2026-05-01 00:00:00', name: '1. maj', type: 'observance' },
      { date: '2026-04-06 00:00:00', name: 'Anden påskedag', type: 'public' },
    ];
    expect(lawfulPublicHolidays(entries)).toEqual([{ date: '2026-04-06', name: '2. påskedag', kind: 'publicHoliday', key: 'anden_paaskedag' }]);
    expect(isWorkingDay('2026-05-01', allOpen)).toBe(true); // 1 May: a Friday, not a helligdag
  });

  test('a public holiday the name map does not know still closes the day, under the library’s name', () => {
    expect(lawfulPublicHolidays([{ date: '2031-09-01 00:00:00', name: 'Ny helligdag', type: 'public' }])).toEqual([
      { date: '2031-09-01', name: 'Ny helligdag', kind: 'publicHoliday', key: 'other' },
    ]);
  });

  test('years outside the dates Sammen stores are refused', () => {
    expect(() => publicHolidays(1899)).toThrow(RangeError);
    expect(() => publicHolidays(2201)).toThrow(RangeError);
    expect(() => publicHolidays(2026.5)).toThrow(RangeError);
  });
});

describe('the municipal setting', () => {
  test('default: 24 and 31 December closed; grundlovsdag and the Friday after Ascension open', () => {
    expect(workingDayRules.parse(undefined)).toEqual({ extraClosedDays: ['juleaftensdag', 'nytaarsaftensdag'] });
    expect(workingDayRules.parse({})).toEqual({ extraClosedDays: ['juleaftensdag', 'nytaarsaftensdag'] });
    expect(byDefault.extraClosedDays).toEqual(['juleaftensdag', 'nytaarsaftensdag']);
    expect(isWorkingDay('2025-12-24', byDefault)).toBe(false); // a Wednesday
    expect(isWorkingDay('2025-12-31', byDefault)).toBe(false); // a Wednesday
    expect(isWorkingDay('2026-06-05', byDefault)).toBe(true); // grundlovsdag, a Friday
    expect(isWorkingDay('2026-05-15', byDefault)).toBe(true); // the Friday after Ascension
  });

  test('each closed day can be chosen on its own, with its Danish name', () => {
    expect(closedDay('2026-06-05', { extraClosedDays: ['grundlovsdag'] })).toEqual({ date: '2026-06-05', name: 'grundlovsdag', kind: 'municipalClosedDay', key: 'grundlovsdag' });
    expect(closedDay('2027-12-24', { extraClosedDays: ['juleaftensdag'] })?.name).toBe('juleaftensdag');
    expect(closedDay('2027-12-31', { extraClosedDays: ['nytaarsaftensdag'] })?.name).toBe('nytårsaftensdag');
    expect(closedDay('2026-05-15', { extraClosedDays: ['fredag_efter_kristi_himmelfart'] })?.name).toBe('fredag efter Kristi himmelfartsdag');
    expect(closedDay('2027-05-07', { extraClosedDays: ['fredag_efter_kristi_himmelfart'] })?.kind).toBe('municipalClosedDay');
    for (const date of ['2026-06-05', '2027-12-24', '2027-12-31', '2026-05-15']) expect(isWorkingDay(date, allOpen)).toBe(true);
    expect(municipalClosedDays(2026, allClosed).map((d) => d.date)).toEqual(['2026-05-15', '2026-06-05', '2026-12-24', '2026-12-31']);
  });

  test('a weekend holiday is named as the holiday; a municipal closing on a weekend as the closing', () => {
    expect(closedDay('2026-04-05', byDefault)?.name).toBe('påskedag');
    expect(closedDay('2026-12-26', byDefault)?.name).toBe('2. juledag'); // a Saturday
    expect(closedDay('2022-12-24', byDefault)?.name).toBe('juleaftensdag'); // a Saturday
    expect(closedDay('2026-03-14', byDefault)).toEqual({ date: '2026-03-14', name: 'lørdag', kind: 'weekend', key: 'saturday' });
    expect(closedDay('2026-03-15', byDefault)?.name).toBe('søndag');
    expect(closedDay('2026-03-16', byDefault)).toBeUndefined();
  });

  test('the contract refuses an unknown day, a day named twice and unknown fields', () => {
    expect(workingDayRules.safeParse({ extraClosedDays: ['1_maj'] }).success).toBe(false);
    const twice = workingDayRules.safeParse({ extraClosedDays: ['juleaftensdag', 'juleaftensdag'] });
    expect(twice.success).toBe(false);
    expect(twice.error?.issues[0]).toMatchObject({ path: ['extraClosedDays'], params: { reason: 'invalidValue' } });
    expect(workingDayRules.safeParse({ extraClosedDays: [], openOnSundays: true }).success).toBe(false);
    expect(workingDayRules.parse({ extraClosedDays: [] })).toEqual({ extraClosedDays: [] });
    expect(workingDayRules.parse({ extraClosedDays: ['grundlovsdag'] })).toEqual({ extraClosedDays: ['grundlovsdag'] });
  });
});

describe('counting working days', () => {
  test('across Easter: from Wednesday 1 April 2026 the first working day is Tuesday 7 April', () => {
    // Skærtorsdag 2 April, langfredag 3 April, the weekend, 2. påskedag 6 April are passed over.
    // The day of receipt does not count, so 2 working days from 1 April end on Wednesday 8 April;
    // Tuesday 7 April is 2 working days from Tuesday 31 March (or 1 from 1 April).
    expect(addWorkingDays('2026-04-01', 1, byDefault)).toBe('2026-04-07');
    expect(addWorkingDays('2026-04-01', 2, byDefault)).toBe('2026-04-08');
    expect(addWorkingDays('2026-03-31', 2, byDefault)).toBe('2026-04-07');
    expect(workingDaysBetween('2026-04-01', '2026-04-07', byDefault)).toBe(1);
  });

  test('across Christmas: received Tuesday 22 December 2026, 2 working days', () => {
    // 23 Dec works; 24 Dec closed by default; 25–27 juledag, 2. juledag (Saturday), Sunday.
    expect(addWorkingDays('2026-12-22', 2, byDefault)).toBe('2026-12-28');
    expect(addWorkingDays('2026-12-22', 2, allOpen)).toBe('2026-12-24');
    // Into the new year: 31 Dec closed by default, nytårsdag, the weekend.
    expect(addWorkingDays('2026-12-30', 1, byDefault)).toBe('2027-01-04');
    expect(addWorkingDays('2026-12-30', 1, allOpen)).toBe('2026-12-31');
    expect(addWorkingDays('2026-12-22', 5, byDefault)).toBe('2027-01-04'); // 23, 28, 29, 30, 4 Jan
  });

  test('across a weekend, and from a day that is not itself a working day', () => {
    expect(addWorkingDays('2026-03-13', 2, byDefault)).toBe('2026-03-17'); // Friday → Tuesday
    expect(addWorkingDays('2026-03-14', 1, byDefault)).toBe('2026-03-16'); // Saturday → Monday
    expect(addWorkingDays('2026-03-15', 2, byDefault)).toBe('2026-03-17'); // Sunday → Tuesday
    expect(addWorkingDays('2026-04-03', 1, byDefault)).toBe('2026-04-07'); // langfredag → Tuesday
    expect(addWorkingDays('2026-03-16', 0, byDefault)).toBe('2026-03-16');
    expect(addWorkingDays('2026-03-14', 0, byDefault)).toBe('2026-03-14'); // n = 0: the day itself
  });

  test('a closed grundlovsdag or Friday after Ascension is passed over only when the setting says so', () => {
    expect(addWorkingDays('2026-06-04', 1, byDefault)).toBe('2026-06-05');
    expect(addWorkingDays('2026-06-04', 1, { extraClosedDays: ['grundlovsdag'] })).toBe('2026-06-08');
    expect(addWorkingDays('2026-05-13', 1, byDefault)).toBe('2026-05-15');
    expect(addWorkingDays('2026-05-13', 1, { extraClosedDays: ['fredag_efter_kristi_himmelfart'] })).toBe('2026-05-18');
  });

  test('working days between two dates: (a, b], negative backwards', () => {
    expect(workingDaysBetween('2026-03-16', '2026-03-16', byDefault)).toBe(0);
    expect(workingDaysBetween('2026-03-16', '2026-03-23', byDefault)).toBe(5);
    expect(workingDaysBetween('2026-03-23', '2026-03-16', byDefault)).toBe(-5);
    expect(workingDaysBetween('2026-03-13', '2026-03-15', byDefault)).toBe(0);
    expect(workingDaysBetween('2026-12-22', '2027-01-04', byDefault)).toBe(5);
    expect(workingDaysBetween('2026-12-22', '2027-01-04', allOpen)).toBe(7);
    expect(workingDaysBetween('2026-01-01', '2026-12-31', allOpen)).toBe(254); // 261 weekdays − 7 holidays on weekdays
  });

  test('the next working day on or after a date', () => {
    expect(nextWorkingDayOnOrAfter('2026-03-16', byDefault)).toBe('2026-03-16');
    expect(nextWorkingDayOnOrAfter('2026-03-14', byDefault)).toBe('2026-03-16');
    expect(nextWorkingDayOnOrAfter('2026-04-02', byDefault)).toBe('2026-04-07');
    expect(nextWorkingDayOnOrAfter('2026-12-24', byDefault)).toBe('2026-12-28');
    expect(nextWorkingDayOnOrAfter('2026-12-24', allOpen)).toBe('2026-12-24');
  });

  test('closed days between two dates, both ends excluded', () => {
    expect(closedDaysBetween('2026-04-01', '2026-04-07', byDefault).map((d) => d.name)).toEqual(['skærtorsdag', 'langfredag', 'lørdag', 'påskedag', '2. påskedag']);
    expect(closedDaysBetween('2026-03-16', '2026-03-17', byDefault)).toEqual([]);
  });

  test('calendar weeks and months', () => {
    expect(addCalendarWeeks('2026-03-09', 4)).toBe('2026-04-06');
    expect(addCalendarWeeks('2026-12-10', 4)).toBe('2027-01-07');
    expect(addCalendarWeeks('2026-03-09', 0)).toBe('2026-03-09');
    expect(addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addCalendarMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addCalendarMonths('2026-03-15', 12)).toBe('2027-03-15');
    expect(addCalendarMonths('2026-08-31', 1)).toBe('2026-09-30');
  });

  test('bad input is refused, not guessed', () => {
    for (const bad of ['2026-02-30', '2026-4-1', '01-04-2026', '2026-04-01T00:00', '', '1899-12-31', '2201-01-01']) {
      expect(() => isWorkingDay(bad, byDefault), bad).toThrow(RangeError);
      expect(() => addWorkingDays(bad, 1, byDefault), bad).toThrow(RangeError);
    }
    expect(() => addWorkingDays('2026-04-01', -1, byDefault)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-04-01', 1.5, byDefault)).toThrow(RangeError);
    expect(() => addCalendarWeeks('2026-04-01', -4)).toThrow(RangeError);
    expect(() => addWorkingDays('2200-12-30', 5, byDefault)).toThrow(RangeError);
    expect(() => workingDaysBetween('2026-04-01', 'tomorrow', byDefault)).toThrow(RangeError);
  });
});

// ---- Properties ----------------------------------------------------------------------------

const dates = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 11, 31) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
const anyRules = fc.subarray([...extraClosedDayKinds]).map((extraClosedDays): WorkingDayRules => ({ extraClosedDays }));

describe('properties', () => {
  test('addWorkingDays lands on a working day for n ≥ 1, after the day of receipt', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 1, max: 60 }), anyRules, (d, n, rules) => {
        const due = addWorkingDays(d, n, rules);
        expect(isWorkingDay(due, rules)).toBe(true);
        expect(due > d).toBe(true);
      }),
    );
  });

  test('workingDaysBetween(d, addWorkingDays(d, n)) === n, and back again is −n', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 0, max: 60 }), anyRules, (d, n, rules) => {
        const due = addWorkingDays(d, n, rules);
        expect(workingDaysBetween(d, due, rules)).toBe(n);
        expect(workingDaysBetween(due, d, rules)).toBe(0 - n);
      }),
    );
  });

  test('addWorkingDays is strictly increasing in n for n ≥ 1, and one step is the next working day', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 20 }), anyRules, (d, n, more, rules) => {
        const a = addWorkingDays(d, n, rules);
        expect(addWorkingDays(d, n + more, rules) > a).toBe(true);
        expect(addWorkingDays(d, n + 1, rules)).toBe(nextWorkingDayOnOrAfter(addDays(a, 1), rules));
        expect(addWorkingDays(d, n + more, rules)).toBe(addWorkingDays(a, more, rules));
      }),
    );
  });

  test('closing more days never makes a deadline earlier', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 1, max: 30 }), anyRules, (d, n, rules) => {
        expect(addWorkingDays(d, n, rules) >= addWorkingDays(d, n, allOpen)).toBe(true);
        expect(addWorkingDays(d, n, allClosed) >= addWorkingDays(d, n, rules)).toBe(true);
      }),
    );
  });

  test('a working day is exactly a weekday that is no holiday and no closed day', () => {
    fc.assert(
      fc.property(dates, anyRules, (d, rules) => {
        const reason = closedDay(d, rules);
        expect(isWorkingDay(d, rules)).toBe(reason === undefined);
        const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
        if (weekday === 0 || weekday === 6) expect(reason).toBeDefined();
      }),
    );
  });

  test('nextWorkingDayOnOrAfter: a working day, with only closed days before it', () => {
    fc.assert(
      fc.property(dates, anyRules, (d, rules) => {
        const next = nextWorkingDayOnOrAfter(d, rules);
        expect(isWorkingDay(next, rules)).toBe(true);
        for (let day = d; day < next; day = addDays(day, 1)) expect(isWorkingDay(day, rules)).toBe(false);
        expect(next === d).toBe(isWorkingDay(d, rules));
      }),
    );
  });

  test('workingDaysBetween (counted by arithmetic) agrees with counting day by day', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: -800, max: 800 }), anyRules, (a, span, rules) => {
        const b = addDays(a, span);
        const [from, to, sign] = span >= 0 ? [a, b, 1] : [b, a, -1];
        let counted = 0;
        for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day, rules)) counted++;
        expect(workingDaysBetween(a, b, rules)).toBe(sign * counted || 0);
      }),
      { numRuns: 300 },
    );
  });
});
