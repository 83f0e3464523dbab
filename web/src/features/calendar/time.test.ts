import { describe, expect, test } from 'vitest';
import { bookAppointmentInput } from '@sammen/domain/appointments';
import { bookingOf } from './BookingForm.tsx';
import { dayOf, defaultRange, mondaysBetween, toInstant, weekdayOf } from './time.ts';

describe('Danish local time in the calendar forms', () => {
  test('a date and a clock time become an instant with the Copenhagen offset of that day', () => {
    expect(toInstant('2026-01-15', '08:00')).toBe('2026-01-15T08:00:00+01:00');
    expect(toInstant('2026-07-01', '08:00')).toBe('2026-07-01T08:00:00+02:00');
    expect(Date.parse(toInstant('2026-07-01', '08:00'))).toBe(Date.parse('2026-07-01T06:00:00Z'));
    // The hour that never happens (last Sunday of March) moves forward, as RFC 5545 says.
    expect(toInstant('2026-03-29', '02:30')).toBe('2026-03-29T03:30:00+02:00');
    expect(toInstant('2026-03-29', '')).toBe('');
  });

  test('an instant belongs to the Danish day, whatever the UTC date', () => {
    expect(dayOf('2026-03-29T23:30:00Z')).toBe('2026-03-30');
    expect(weekdayOf('2026-03-30')).toBe('MO');
  });

  test('the default range starts on a Monday and spans whole weeks', () => {
    const { from, to } = defaultRange(Date.parse('2026-04-02T10:00:00Z'));
    expect(from).toBe('2026-03-30');
    expect(mondaysBetween(from, to)).toEqual(['2026-03-30', '2026-04-06', '2026-04-13', '2026-04-20']);
  });

  test('the booking form gives what the shared contract accepts, and the weekday of the date for a weekly series', () => {
    const draft = {
      unitId: '8f14e45f-ceea-467f-a9f5-4b5e1c2d3a10', title: 'Aktivering', date: '2099-03-30', startTime: '08:00', endTime: '11:00', place: '', travel: '', mandatory: true,
      consequence: 'Nedsættelse af kontanthjælp', area: 'work', staffIds: [], repeat: 'weekly' as const, byWeekday: [], endBy: 'count' as const, until: '', count: '12',
    };
    const input = bookingOf(draft);
    expect(input.recurrence).toEqual({ freq: 'weekly', interval: 1, byWeekday: ['MO'], count: 12 });
    expect(bookAppointmentInput(new Date('2099-01-01')).safeParse(input).success).toBe(true);
    expect(bookAppointmentInput(new Date('2099-01-01')).safeParse(bookingOf({ ...draft, endTime: '07:00' })).success).toBe(false);
  });
});
