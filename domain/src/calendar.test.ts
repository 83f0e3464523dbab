import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  addDays,
  createAppointmentInput,
  createSeriesInput,
  expandSeries,
  fromWallClock,
  isoWeek,
  localDate,
  mondayOf,
  startOfLocalDay,
  toWallClock,
  type AppointmentSeries,
  type Recurrence,
} from './calendar.ts';

// Issue: "The people around the citizen, one calendar, and collisions caught before they hurt".
// Daylight saving in Denmark, 2026: summer time from Sunday 29 March 02:00 (clocks forward to
// 03:00) until Sunday 25 October 03:00 (clocks back to 02:00). 2026 has an ISO week 53.

const ms = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
/** Local wall-clock time of an instant, as "YYYY-MM-DD HH:MM". */
const local = (iso: string) => new Date(toWallClock(ms(iso))).toISOString().slice(0, 16).replace('T', ' ');

const unitId = '00000000-0000-4000-8000-000000000001';

describe('time in Europe/Copenhagen', () => {
  test('an instant belongs to the Danish day it falls on, not the UTC day', () => {
    expect(localDate(ms('2026-01-31T22:59:59Z'))).toBe('2026-01-31');
    expect(localDate(ms('2026-01-31T23:00:00Z'))).toBe('2026-02-01'); // winter: UTC+1
    expect(localDate(ms('2026-06-30T21:59:59Z'))).toBe('2026-06-30');
    expect(localDate(ms('2026-06-30T22:00:00Z'))).toBe('2026-07-01'); // summer: UTC+2
  });

  test('the DST Sundays last 23 and 25 hours', () => {
    expect(startOfLocalDay('2026-03-30') - startOfLocalDay('2026-03-29')).toBe(23 * HOUR);
    expect(startOfLocalDay('2026-10-26') - startOfLocalDay('2026-10-25')).toBe(25 * HOUR);
    expect(startOfLocalDay('2026-06-01') - startOfLocalDay('2026-05-31')).toBe(24 * HOUR);
    expect(new Date(startOfLocalDay('2026-03-29')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(startOfLocalDay('2026-03-30')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  test('a wall-clock time in the spring gap moves forward; one in the autumn repeat is the first (RFC 5545)', () => {
    expect(new Date(fromWallClock(ms('2026-03-29T02:30:00Z'))).toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 03:30 summer time
    expect(new Date(fromWallClock(ms('2026-10-25T02:30:00Z'))).toISOString()).toBe('2026-10-25T00:30:00.000Z'); // 02:30 summer time
    expect(new Date(fromWallClock(ms('2026-10-25T03:30:00Z'))).toISOString()).toBe('2026-10-25T02:30:00.000Z'); // 03:30 winter time
  });

  test('wall clock and instant convert back and forth outside the gap', () => {
    fc.assert(
      fc.property(fc.integer({ min: ms('2000-01-01T00:00:00Z'), max: ms('2100-01-01T00:00:00Z') }), (t) => {
        const instant = Math.floor(t / 1000) * 1000;
        // Inside the autumn repeat, the wall clock names two instants; the first is chosen.
        const back = fromWallClock(toWallClock(instant));
        expect(back === instant || back === instant - HOUR).toBe(true);
        expect(toWallClock(back)).toBe(toWallClock(instant));
      }),
    );
  });

  test('ISO weeks start on Monday and belong to the year of their Thursday (week 53 exists)', () => {
    expect(isoWeek('2026-12-28')).toBe('2026-W53');
    expect(isoWeek('2026-12-31')).toBe('2026-W53');
    expect(isoWeek('2027-01-03')).toBe('2026-W53');
    expect(isoWeek('2027-01-04')).toBe('2027-W01');
    expect(isoWeek('2025-12-29')).toBe('2026-W01');
    expect(isoWeek('2021-01-03')).toBe('2020-W53');
    expect(isoWeek('2026-03-29')).toBe('2026-W13'); // the spring-forward Sunday ends its week
    expect(isoWeek('2026-03-30')).toBe('2026-W14');
    expect(mondayOf('2027-01-03')).toBe('2026-12-28');
    expect(mondayOf('2026-12-28')).toBe('2026-12-28');
    expect(addDays('2026-12-31')).toBe('2027-01-01');
  });
});

// ---- Series ------------------------------------------------------------------------------

const activation = (recurrence: Recurrence, start = '2026-03-23T08:00:00+01:00', end = '2026-03-23T11:00:00+01:00'): AppointmentSeries => ({
  id: 'activation',
  unitId,
  title: 'Aktivering',
  start,
  end,
  place: 'Jobcentret',
  travelMinutes: 20,
  mandatory: true,
  consequence: 'nedsættelse af ydelse',
  recurrence,
});

const occurrences = (series: AppointmentSeries, options?: Parameters<typeof expandSeries>[1]) => {
  const result = expandSeries(series, options);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.refusal)}`);
  return result.occurrences;
};

describe('a recurring series', () => {
  test('activation Monday, Wednesday, Friday 08:00–11:00 stays at 08:00 local across spring-forward', () => {
    const list = occurrences(activation({ freq: 'weekly', interval: 1, byWeekday: ['MO', 'WE', 'FR'], until: '2026-04-03' }));
    expect(list.map((o) => `${local(o.start)}–${local(o.end).slice(11)}`)).toEqual([
      '2026-03-23 08:00–11:00',
      '2026-03-25 08:00–11:00',
      '2026-03-27 08:00–11:00',
      '2026-03-30 08:00–11:00',
      '2026-04-01 08:00–11:00',
      '2026-04-03 08:00–11:00',
    ]);
    // The UTC time moves instead: 07:00Z in winter time, 06:00Z in summer time.
    expect(list.map((o) => o.start.slice(11, 16))).toEqual(['07:00', '07:00', '07:00', '06:00', '06:00', '06:00']);
    expect(list.every((o) => ms(o.end) - ms(o.start) === 3 * HOUR)).toBe(true);
  });

  test('… and across fall-back', () => {
    const list = occurrences(
      activation({ freq: 'weekly', interval: 1, byWeekday: ['MO', 'WE', 'FR'], count: 6 }, '2026-10-19T08:00:00+02:00', '2026-10-19T11:00:00+02:00'),
    );
    expect(list.map((o) => local(o.start))).toEqual([
      '2026-10-19 08:00',
      '2026-10-21 08:00',
      '2026-10-23 08:00',
      '2026-10-26 08:00',
      '2026-10-28 08:00',
      '2026-10-30 08:00',
    ]);
    expect(list.map((o) => o.start.slice(11, 16))).toEqual(['06:00', '06:00', '06:00', '07:00', '07:00', '07:00']);
  });

  test('an occurrence in the hour that does not exist moves to 03:30; in the repeated hour it is the first', () => {
    const spring = occurrences(activation({ freq: 'daily', interval: 1, count: 3 }, '2026-03-28T02:30:00+01:00', '2026-03-28T04:30:00+01:00'));
    expect(spring.map((o) => local(o.start))).toEqual(['2026-03-28 02:30', '2026-03-29 03:30', '2026-03-30 02:30']);
    expect(spring.map((o) => local(o.end))).toEqual(['2026-03-28 04:30', '2026-03-29 04:30', '2026-03-30 04:30']);
    const autumn = occurrences(activation({ freq: 'daily', interval: 1, count: 2 }, '2026-10-24T02:30:00+02:00', '2026-10-24T03:30:00+02:00'));
    expect(autumn[1]!.start).toBe('2026-10-25T00:30:00.000Z');
    expect(autumn[1]!.end).toBe('2026-10-25T02:30:00.000Z'); // 03:30 winter time: two real hours
  });

  test('COUNT yields exactly that many; each occurrence names its series, and ids are stable', () => {
    const series = activation({ freq: 'weekly', interval: 2, byWeekday: ['TU'], count: 4 });
    const list = occurrences(series);
    expect(list).toHaveLength(4);
    expect(list.map((o) => localDate(ms(o.start)))).toEqual(['2026-03-24', '2026-04-07', '2026-04-21', '2026-05-05']);
    expect(list.every((o) => o.seriesId === 'activation' && o.mandatory && o.consequence === 'nedsættelse af ydelse')).toBe(true);
    expect(new Set(list.map((o) => o.id)).size).toBe(4);
    expect(occurrences(series).map((o) => o.id)).toEqual(list.map((o) => o.id));
  });

  test('UNTIL is a local date and includes that whole day', () => {
    const evening = activation({ freq: 'daily', interval: 1, until: '2026-06-03' }, '2026-06-01T23:30:00+02:00', '2026-06-01T23:45:00+02:00');
    expect(occurrences(evening).map((o) => local(o.start))).toEqual(['2026-06-01 23:30', '2026-06-02 23:30', '2026-06-03 23:30']);
    expect(occurrences(activation({ freq: 'weekly', interval: 1, until: '2026-03-23' }))).toHaveLength(1);
  });

  test('a series that never ends is refused', () => {
    expect(expandSeries(activation({ freq: 'weekly', interval: 1, byWeekday: ['MO'] }))).toEqual({
      ok: false,
      refusal: { field: 'recurrence', reason: 'recurrenceUnbounded' },
    });
  });

  test('more occurrences than allowed is refused, whether by COUNT or by UNTIL; exactly the limit is not', () => {
    const weekdays: Recurrence['byWeekday'] = ['MO', 'TU', 'WE', 'TH', 'FR'];
    expect(expandSeries(activation({ freq: 'daily', interval: 1, count: 11 }), { maxOccurrences: 10 })).toEqual({
      ok: false,
      refusal: { field: 'recurrence.count', reason: 'tooManyOccurrences', params: { max: 10 } },
    });
    expect(occurrences(activation({ freq: 'daily', interval: 1, count: 10 }), { maxOccurrences: 10 })).toHaveLength(10);
    // 23 March to 3 April 2026: ten weekdays.
    expect(occurrences(activation({ freq: 'weekly', interval: 1, byWeekday: weekdays, until: '2026-04-03' }), { maxOccurrences: 10 })).toHaveLength(10);
    expect(expandSeries(activation({ freq: 'weekly', interval: 1, byWeekday: weekdays, until: '2026-04-06' }), { maxOccurrences: 10 })).toEqual({
      ok: false,
      refusal: { field: 'recurrence.until', reason: 'tooManyOccurrences', params: { max: 10 } },
    });
    // A far UNTIL is refused without expanding it all.
    expect(expandSeries(activation({ freq: 'daily', interval: 1, until: '2200-12-31' }))).toMatchObject({ ok: false, refusal: { reason: 'tooManyOccurrences' } });
  });

  test('an UNTIL before the first day, both COUNT and UNTIL, and a bad first occurrence are refused', () => {
    expect(expandSeries(activation({ freq: 'daily', interval: 1, until: '2026-03-22' }))).toMatchObject({ ok: false, refusal: { field: 'recurrence.until', reason: 'endBeforeStart' } });
    expect(expandSeries(activation({ freq: 'daily', interval: 1, until: '2026-03-30', count: 3 }))).toMatchObject({ ok: false, refusal: { field: 'recurrence.until', reason: 'invalidValue' } });
    expect(expandSeries(activation({ freq: 'daily', interval: 1, count: 3 }, '2026-03-23T08:00:00+01:00', '2026-03-23T08:00:00+01:00'))).toMatchObject({
      ok: false,
      refusal: { field: 'end', reason: 'endNotAfterStart' },
    });
  });

  test('property: every occurrence keeps the local time of day and falls on a chosen weekday', () => {
    const days = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2034-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 5, max: 21 }),
        fc.constantFrom(0, 15, 30, 45),
        fc.subarray([...days], { minLength: 1 }),
        fc.integer({ min: 1, max: 60 }),
        (date, hour, minute, byWeekday, count) => {
          const day = date.toISOString().slice(0, 10);
          const start = new Date(fromWallClock(Date.parse(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`))).toISOString();
          const end = new Date(ms(start) + 90 * 60_000).toISOString();
          const list = occurrences(activation({ freq: 'weekly', interval: 1, byWeekday, count }, start, end));
          expect(list).toHaveLength(count);
          for (const o of list) {
            expect(local(o.start).slice(11)).toBe(local(start).slice(11));
            expect(byWeekday).toContain(days[(new Date(`${localDate(ms(o.start))}T00:00:00Z`).getUTCDay() + 6) % 7]);
            expect(ms(o.start)).toBeGreaterThanOrEqual(ms(start));
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

// ---- Input contracts ------------------------------------------------------------------------

/** The field and reason of each problem, as the server and the web read them. */
const problems = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; params?: unknown; code: string }[] } }) =>
  (result.error?.issues ?? []).map((i) => `${i.path.join('.')}:${(i.params as { reason?: string } | undefined)?.reason ?? i.code}`);

const now = '2026-03-20T12:00:00Z';
const input = (over: Record<string, unknown> = {}) => ({
  unitId,
  title: 'Møde om samvær',
  start: '2026-03-25T09:00:00+01:00',
  end: '2026-03-25T10:00:00+01:00',
  ...over,
});

describe('creating an appointment', () => {
  test('a valid appointment gets its defaults', () => {
    const parsed = createAppointmentInput(now).parse(input({ place: ' Familieafdelingen ' }));
    expect(parsed).toMatchObject({ place: 'Familieafdelingen', travelMinutes: 0, mandatory: false, consequence: '' });
    expect(createAppointmentInput(now).safeParse(input({ start: '2026-03-25T08:00:00Z', end: '2026-03-25T09:00:00Z' })).success).toBe(true);
  });

  test('the end must be after the start: an appointment cannot end when it starts', () => {
    expect(problems(createAppointmentInput(now).safeParse(input({ end: '2026-03-25T09:00:00+01:00' })))).toEqual(['end:endNotAfterStart']);
    expect(problems(createAppointmentInput(now).safeParse(input({ end: '2026-03-25T08:00:00+01:00' })))).toEqual(['end:endNotAfterStart']);
  });

  test('at most 24 hours: exactly 24 is allowed, a minute more is not', () => {
    expect(createAppointmentInput(now).safeParse(input({ end: '2026-03-26T09:00:00+01:00' })).success).toBe(true);
    const result = createAppointmentInput(now).safeParse(input({ end: '2026-03-26T09:01:00+01:00' }));
    expect(problems(result)).toEqual(['end:longerThan24h']);
    expect((result.error?.issues[0] as { params?: unknown } | undefined)?.params).toEqual({ reason: 'longerThan24h', max: 24 });
  });

  test('not in the past relative to the given now; without now the past is not checked', () => {
    expect(problems(createAppointmentInput('2026-03-25T09:00:01+01:00').safeParse(input()))).toEqual(['start:inThePast']);
    expect(createAppointmentInput('2026-03-25T09:00:00+01:00').safeParse(input()).success).toBe(true);
    expect(createAppointmentInput().safeParse(input({ start: '2001-01-01T09:00:00Z', end: '2001-01-01T10:00:00Z' })).success).toBe(true);
  });

  test('times need an offset; other fields are checked by the shared field blocks', () => {
    expect(problems(createAppointmentInput(now).safeParse(input({ start: '2026-03-25T09:00:00' })))).toEqual(['start:invalid_format']);
    expect(problems(createAppointmentInput(now).safeParse(input({ start: '3000-03-25T09:00:00Z', end: '3000-03-25T10:00:00Z' })))).toContain('start:invalidDate');
    expect(problems(createAppointmentInput(now).safeParse(input({ title: '  ' })))).toEqual(['title:too_small']);
    expect(problems(createAppointmentInput(now).safeParse(input({ travelMinutes: -5 })))).toEqual(['travelMinutes:too_small']);
    expect(problems(createAppointmentInput(now).safeParse(input({ colour: 'red' })))).toEqual([':unrecognized_keys']);
  });
});

describe('creating a series', () => {
  const series = (recurrence: Record<string, unknown>, over: Record<string, unknown> = {}) => input({ mandatory: true, recurrence, ...over });

  test('a bounded series is accepted', () => {
    const parsed = createSeriesInput(now).parse(series({ freq: 'weekly', byWeekday: ['MO', 'WE', 'FR'], until: '2026-06-30' }));
    expect(parsed.recurrence).toEqual({ freq: 'weekly', interval: 1, byWeekday: ['MO', 'WE', 'FR'], until: '2026-06-30' });
  });

  test('a series that never ends, or yields too many, is refused with the field named', () => {
    expect(problems(createSeriesInput(now).safeParse(series({ freq: 'weekly', byWeekday: ['MO'] })))).toEqual(['recurrence:recurrenceUnbounded']);
    expect(problems(createSeriesInput(now, { maxOccurrences: 5 }).safeParse(series({ freq: 'daily', count: 6 })))).toEqual(['recurrence.count:tooManyOccurrences']);
    expect(problems(createSeriesInput(now).safeParse(series({ freq: 'daily', until: '2030-01-01' })))).toEqual(['recurrence.until:tooManyOccurrences']);
  });

  test('the first occurrence keeps the rules of one appointment', () => {
    expect(problems(createSeriesInput(now).safeParse(series({ freq: 'daily', count: 3 }, { end: '2026-03-27T09:00:00+01:00' })))).toEqual(['end:longerThan24h']);
    expect(problems(createSeriesInput('2026-04-01T00:00:00Z').safeParse(series({ freq: 'daily', count: 3 })))).toEqual(['start:inThePast']);
    expect(problems(createSeriesInput(now).safeParse(series({ freq: 'hourly', count: 3 })))).toEqual(['recurrence.freq:invalid_value']);
  });
});
