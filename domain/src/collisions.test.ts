import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { expandSeries, type Appointment } from './calendar.ts';
import {
  checkBooking,
  collision,
  collisionView,
  detectCollisions,
  effectiveLoadLimits,
  indexAppointments,
  redactCollision,
  timeCollisionBetween,
  type Collision,
  type CollisionRules,
  type PlanPeriod,
} from './collisions.ts';

// Issue: "The people around the citizen, one calendar, and collisions caught before they hurt".
// Scenario 1: activation three mornings a week (jobcenter), a family-department meeting, a home
// nurse — and a plan that says "stabilise the family situation first".

const jobcenter = 'unit-jobcenter';
const family = 'unit-family';
const nurse = 'unit-nurse';

let next = 0;
/** An appointment; times are local to Copenhagen when written without an offset ("2026-03-25 09:00"). */
function appt(start: string, end: string, over: Partial<Appointment> = {}): Appointment {
  const instant = (t: string) => (/[Z+]/.test(t.slice(10)) ? new Date(t).toISOString() : localInstant(t));
  return {
    id: `a${String(++next).padStart(4, '0')}`,
    unitId: family,
    title: 'Møde',
    start: instant(start),
    end: instant(end),
    place: 'Familieafdelingen',
    travelMinutes: 0,
    mandatory: false,
    consequence: '',
    ...over,
  };
}
/** "2026-03-25 09:00" in Copenhagen, as an instant (winter +01:00, summer +02:00, by the date). */
function localInstant(t: string): string {
  const [date, time] = t.split(' ');
  const summer = date! >= '2026-03-29' && date! < '2026-10-25';
  return new Date(`${date}T${time}:00${summer ? '+02:00' : '+01:00'}`).toISOString();
}

const kinds = (list: Collision[]) => list.map((c) => c.kind);
const ofKind = <K extends Collision['kind']>(list: Collision[], kind: K) => list.filter((c): c is Extract<Collision, { kind: K }> => c.kind === kind);

describe('time: overlap', () => {
  test('touching intervals do not overlap; a minute more does', () => {
    const a = appt('2026-03-25 08:00', '2026-03-25 10:00', { unitId: jobcenter, place: 'Jobcentret' });
    const touching = appt('2026-03-25 10:00', '2026-03-25 11:00', { place: 'Jobcentret' });
    const overlapping = appt('2026-03-25 09:59', '2026-03-25 11:00', { place: 'Jobcentret' });
    expect(timeCollisionBetween(a, touching)).toBeUndefined();
    expect(timeCollisionBetween(a, overlapping)).toMatchObject({
      kind: 'time',
      appointmentIds: [a.id, overlapping.id].sort(),
      unitIds: [family, jobcenter],
      start: overlapping.start,
      day: '2026-03-25',
      detail: { type: 'overlap', overlapMinutes: 1 },
    });
  });

  test('one inside the other, and two at the same time, overlap', () => {
    const long = appt('2026-03-25 08:00', '2026-03-25 12:00');
    expect(timeCollisionBetween(long, appt('2026-03-25 09:00', '2026-03-25 09:30'))?.detail).toEqual({ type: 'overlap', overlapMinutes: 30 });
    expect(timeCollisionBetween(long, appt('2026-03-25 08:00', '2026-03-25 12:00'))?.detail).toEqual({ type: 'overlap', overlapMinutes: 240 });
  });

  test('no collision between an appointment and itself', () => {
    const a = appt('2026-03-25 08:00', '2026-03-25 10:00');
    expect(timeCollisionBetween(a, a)).toBeUndefined();
    expect(detectCollisions([a])).toEqual([]);
    expect(checkBooking(a, indexAppointments([a]))).toEqual([]);
  });
});

describe('time: travel', () => {
  const first = () => appt('2026-03-25 08:00', '2026-03-25 11:00', { unitId: jobcenter, place: 'Jobcentret' });

  test('a gap exactly as long as the travel time is enough; a minute less is not', () => {
    const a = first();
    const enough = appt('2026-03-25 11:30', '2026-03-25 12:30', { place: 'Familieafdelingen', travelMinutes: 30 });
    const short = appt('2026-03-25 11:29', '2026-03-25 12:30', { place: 'Familieafdelingen', travelMinutes: 30 });
    expect(timeCollisionBetween(a, enough)).toBeUndefined();
    expect(timeCollisionBetween(a, short)).toMatchObject({
      kind: 'time',
      start: a.end, // the clash begins when the first one ends
      detail: { type: 'travel', laterId: short.id, gapMinutes: 29, travelMinutes: 30 },
    });
  });

  test('touching appointments at two places collide when the later one needs travel', () => {
    const touching = appt('2026-03-25 11:00', '2026-03-25 12:00', { place: 'Lægehuset', travelMinutes: 15 });
    expect(timeCollisionBetween(first(), touching)?.detail).toMatchObject({ type: 'travel', gapMinutes: 0 });
  });

  test('the same place needs no travel (spelling of spaces and case aside)', () => {
    const same = appt('2026-03-25 11:00', '2026-03-25 12:00', { place: '  jobcentret ', travelMinutes: 30 });
    expect(timeCollisionBetween(first(), same)).toBeUndefined();
  });

  test('the travel time is the later appointment’s: the way there, not the way home', () => {
    const a = appt('2026-03-25 08:00', '2026-03-25 11:00', { place: 'Jobcentret', travelMinutes: 60 });
    const b = appt('2026-03-25 11:10', '2026-03-25 12:00', { place: 'Hjemme', travelMinutes: 0 });
    expect(timeCollisionBetween(a, b)).toBeUndefined();
  });

  test('collisions are symmetric: the same record whichever is asked about first', () => {
    const a = first();
    const b = appt('2026-03-25 11:10', '2026-03-25 12:00', { travelMinutes: 20 });
    expect(timeCollisionBetween(a, b)).toEqual(timeCollisionBetween(b, a));
  });
});

describe('load', () => {
  const limits = { appointmentsPerDay: 2, hoursPerDay: 6 };

  test('more mandatory appointments in a day than the limit; exactly the limit is fine; voluntary ones do not count', () => {
    const a = appt('2026-03-25 08:00', '2026-03-25 09:00', { mandatory: true, unitId: jobcenter });
    const b = appt('2026-03-25 10:00', '2026-03-25 11:00', { mandatory: true });
    const voluntary = appt('2026-03-25 12:00', '2026-03-25 13:00');
    expect(detectCollisions([a, b, voluntary], { limits })).toEqual([]);
    const c = appt('2026-03-25 14:00', '2026-03-25 15:00', { mandatory: true, unitId: nurse });
    const [load, ...rest] = detectCollisions([a, b, c, voluntary], { limits });
    expect(rest).toEqual([]);
    expect(load).toMatchObject({
      kind: 'load',
      day: '2026-03-25',
      appointmentIds: [a.id, b.id, c.id],
      unitIds: [family, jobcenter, nurse],
      detail: { period: 'day', mandatoryAppointments: 3, mandatoryMinutes: 180, exceeded: ['appointments'] },
    });
    expect(load!.key).toBe(`load|2026-03-25|${[a.id, b.id, c.id].join(',')}`);
  });

  test('the effective limit is the lower of the municipality’s and the citizen’s', () => {
    expect(effectiveLoadLimits({ hoursPerDay: 6, appointmentsPerWeek: 10 }, { hoursPerDay: 3, appointmentsPerWeek: 12, appointmentsPerDay: 1 })).toEqual({
      hoursPerDay: 3,
      appointmentsPerWeek: 10,
      appointmentsPerDay: 1,
    });
    expect(effectiveLoadLimits({ hoursPerDay: 6 })).toEqual({ hoursPerDay: 6 });
  });

  test('a day limit lowered for one citizen turns a normal day into a collision', () => {
    const day = [
      appt('2026-03-25 08:00', '2026-03-25 11:00', { mandatory: true, unitId: jobcenter }),
      appt('2026-03-25 13:00', '2026-03-25 14:30', { mandatory: true }),
    ];
    expect(detectCollisions(day, { limits: effectiveLoadLimits({ hoursPerDay: 6 }) })).toEqual([]);
    expect(detectCollisions(day, { limits: effectiveLoadLimits({ hoursPerDay: 6 }, { hoursPerDay: 4 }) })).toMatchObject([
      { kind: 'load', day: '2026-03-25', detail: { mandatoryMinutes: 270, limits: { hoursPerDay: 4 }, exceeded: ['hours'] } },
    ]);
    // Exactly the limit is not over it.
    expect(detectCollisions(day, { limits: { hoursPerDay: 4.5 } })).toEqual([]);
  });

  test('days are Danish days: 00:30 local on a Sunday belongs to the Sunday, though it is Saturday in UTC', () => {
    const early = appt('2026-03-29T00:30:00+01:00', '2026-03-29T01:30:00+01:00', { mandatory: true }); // 23:30Z on the 28th
    const late = appt('2026-03-29 20:00', '2026-03-29 21:00', { mandatory: true });
    expect(detectCollisions([early, late], { limits: { appointmentsPerDay: 1 } })).toMatchObject([{ kind: 'load', day: '2026-03-29', appointmentIds: [early.id, late.id] }]);
  });

  test('hours are real hours: midnight to 04:00 is 3 hours on the spring-forward Sunday and 5 on the fall-back one', () => {
    const spring = appt('2026-03-29T00:00:00+01:00', '2026-03-29T04:00:00+02:00', { mandatory: true });
    const autumn = appt('2026-10-25T00:00:00+02:00', '2026-10-25T04:00:00+01:00', { mandatory: true });
    expect(detectCollisions([spring], { limits: { hoursPerDay: 3 } })).toEqual([]);
    expect(detectCollisions([spring], { limits: { hoursPerDay: 2.5 } })).toMatchObject([{ day: '2026-03-29', detail: { mandatoryMinutes: 180 } }]);
    expect(detectCollisions([autumn], { limits: { hoursPerDay: 4 } })).toMatchObject([{ day: '2026-10-25', detail: { mandatoryMinutes: 300 } }]);
  });

  test('an appointment over midnight counts on both days, with its hours split at local midnight', () => {
    const night = appt('2026-10-25 22:00', '2026-10-26 02:00', { mandatory: true });
    const found = detectCollisions([night], { limits: { hoursPerDay: 1.5 } });
    expect(found.map((c) => [c.kind === 'load' && c.day, c.kind === 'load' && c.detail.mandatoryMinutes])).toEqual([
      ['2026-10-25', 120],
      ['2026-10-26', 120],
    ]);
  });

  test('weeks are ISO weeks in local time, also in the fall-back week', () => {
    // Sunday 25 October 23:30 local is 22:30Z; Monday 26 October 00:30 local is 23:30Z on Sunday.
    const sunday = appt('2026-10-25T23:30:00+01:00', '2026-10-25T23:50:00+01:00', { mandatory: true });
    const monday = appt('2026-10-26T00:30:00+01:00', '2026-10-26T00:50:00+01:00', { mandatory: true });
    const saturday = appt('2026-10-24 10:00', '2026-10-24 11:00', { mandatory: true });
    const found = detectCollisions([sunday, monday, saturday], { limits: { appointmentsPerWeek: 1 } });
    expect(found).toMatchObject([{ kind: 'load', week: '2026-W43', appointmentIds: [sunday.id, saturday.id].sort() }]);
    expect(found[0]).not.toHaveProperty('day');
  });

  test('the spring-forward week: Monday to Sunday in local time, 167 hours long', () => {
    const monday = appt('2026-03-23T00:00:00+01:00', '2026-03-23T01:00:00+01:00', { mandatory: true });
    const sunday = appt('2026-03-29T23:00:00+02:00', '2026-03-29T23:59:00+02:00', { mandatory: true });
    const nextMonday = appt('2026-03-30T00:00:00+02:00', '2026-03-30T00:30:00+02:00', { mandatory: true });
    expect(detectCollisions([monday, sunday, nextMonday], { limits: { appointmentsPerWeek: 1 } })).toMatchObject([
      { week: '2026-W13', appointmentIds: [monday.id, sunday.id].sort(), detail: { mandatoryMinutes: 119 } },
    ]);
  });

  test('ISO week 53: New Year’s Eve and New Year’s Day are one week', () => {
    const thursday = appt('2026-12-31 09:00', '2026-12-31 10:00', { mandatory: true });
    const friday = appt('2027-01-01 09:00', '2027-01-01 10:00', { mandatory: true });
    const nextMonday = appt('2027-01-04 09:00', '2027-01-04 10:00', { mandatory: true });
    const found = detectCollisions([thursday, friday, nextMonday], { limits: { appointmentsPerWeek: 1, hoursPerWeek: 1.5 } });
    expect(found).toMatchObject([
      { kind: 'load', week: '2026-W53', key: `load|2026-W53|${thursday.id},${friday.id}`, detail: { exceeded: ['hours', 'appointments'] } },
    ]);
  });

  test('activation three mornings a week over the spring change is 9 hours in each week, whatever UTC says', () => {
    const series = expandSeries({
      id: 's1',
      unitId: jobcenter,
      title: 'Aktivering',
      start: localInstant('2026-03-23 08:00'),
      end: localInstant('2026-03-23 11:00'),
      place: 'Jobcentret',
      travelMinutes: 20,
      mandatory: true,
      consequence: 'nedsættelse af ydelse',
      recurrence: { freq: 'weekly', interval: 1, byWeekday: ['MO', 'WE', 'FR'], until: '2026-04-05' },
    });
    if (!series.ok) throw new Error('refused');
    const found = detectCollisions(series.occurrences, { limits: { hoursPerWeek: 8 } });
    expect(found.map((c) => c.kind === 'load' && [c.week, c.detail.mandatoryMinutes])).toEqual([
      ['2026-W13', 540],
      ['2026-W14', 540],
    ]);
    expect(detectCollisions(series.occurrences, { limits: { hoursPerWeek: 9, hoursPerDay: 3, appointmentsPerDay: 1 } })).toEqual([]);
  });
});

describe('plan contradiction', () => {
  const familyFirst: PlanPeriod = { from: '2026-04-01', to: '2026-06-30', kind: 'priority', unitIds: [jobcenter], reason: 'Stabilisere familiesituationen først' };

  test('a mandatory appointment from a unit the period names, on a day in it (both ends included)', () => {
    const onFirst = appt('2026-04-01 08:00', '2026-04-01 11:00', { unitId: jobcenter, mandatory: true });
    const onLast = appt('2026-06-30 08:00', '2026-06-30 11:00', { unitId: jobcenter, mandatory: true });
    const dayBefore = appt('2026-03-31 08:00', '2026-03-31 11:00', { unitId: jobcenter, mandatory: true });
    const dayAfter = appt('2026-07-01 08:00', '2026-07-01 11:00', { unitId: jobcenter, mandatory: true });
    const found = detectCollisions([onFirst, onLast, dayBefore, dayAfter], { planPeriods: [familyFirst] });
    expect(found).toMatchObject([
      { kind: 'plan_contradiction', appointmentIds: [onFirst.id], unitIds: [jobcenter], day: '2026-04-01', start: onFirst.start, detail: { periods: [familyFirst] } },
      { kind: 'plan_contradiction', appointmentIds: [onLast.id], day: '2026-06-30' },
    ]);
    expect(found[0]!.key).toBe(`plan_contradiction|2026-04-01|${onFirst.id}`);
  });

  test('the day is the Danish day: 00:30 on 1 July is after the period, though it is 30 June in UTC', () => {
    const justAfter = appt('2026-07-01T00:30:00+02:00', '2026-07-01T01:00:00+02:00', { unitId: jobcenter, mandatory: true });
    expect(detectCollisions([justAfter], { planPeriods: [familyFirst] })).toEqual([]);
  });

  test('voluntary appointments and units the period does not name are not contradictions; "all" names every unit', () => {
    const voluntary = appt('2026-04-02 08:00', '2026-04-02 11:00', { unitId: jobcenter });
    const familyMeeting = appt('2026-04-02 13:00', '2026-04-02 14:00', { unitId: family, mandatory: true });
    expect(detectCollisions([voluntary, familyMeeting], { planPeriods: [familyFirst] })).toEqual([]);
    const exemption: PlanPeriod = { from: '2026-04-01', to: null, kind: 'exemption', unitIds: 'all', reason: 'Fritaget' };
    expect(detectCollisions([voluntary, familyMeeting], { planPeriods: [familyFirst, exemption] })).toMatchObject([
      { kind: 'plan_contradiction', appointmentIds: [familyMeeting.id], detail: { periods: [exemption] } },
    ]);
  });
});

describe('consequence risk', () => {
  const activation = (over: Partial<Appointment> = {}) =>
    appt('2026-03-25 08:00', '2026-03-25 11:00', { unitId: jobcenter, place: 'Jobcentret', mandatory: true, attendance: 'missed', consequence: 'nedsættelse af ydelse', ...over });

  test('a missed mandatory appointment that another unit’s appointment overlapped is flagged before a sanction', () => {
    const a = activation();
    const meeting = appt('2026-03-25 09:00', '2026-03-25 10:00', { unitId: family, attendance: 'attended' });
    const found = detectCollisions([a, meeting]);
    expect(kinds(found)).toEqual(['consequence_risk', 'time']); // in order of time: the missed one starts first
    expect(ofKind(found, 'consequence_risk')[0]).toMatchObject({
      appointmentIds: [a.id, meeting.id].sort(),
      start: a.start,
      day: '2026-03-25',
      detail: { missedId: a.id, causeId: meeting.id, consequence: 'nedsættelse af ydelse', clash: { type: 'overlap', overlapMinutes: 60 } },
    });
  });

  test('… and one the citizen could not reach in time from another unit’s appointment', () => {
    const morning = appt('2026-03-25 07:00', '2026-03-25 07:50', { unitId: nurse, place: 'Hjemme' });
    const a = activation({ travelMinutes: 20 });
    expect(ofKind(detectCollisions([morning, a]), 'consequence_risk')[0]?.detail).toMatchObject({ missedId: a.id, causeId: morning.id, clash: { type: 'travel', gapMinutes: 10 } });
  });

  test('not when the other appointment is the same unit’s, was missed too, or the missed one was voluntary', () => {
    const sameUnit = appt('2026-03-25 09:00', '2026-03-25 10:00', { unitId: jobcenter, place: 'Jobcentret' });
    expect(kinds(detectCollisions([activation(), sameUnit]))).toEqual(['time']);
    const missedToo = appt('2026-03-25 09:00', '2026-03-25 10:00', { unitId: family, attendance: 'missed' });
    expect(kinds(detectCollisions([activation(), missedToo]))).toEqual(['time']);
    const other = appt('2026-03-25 09:00', '2026-03-25 10:00', { unitId: family });
    expect(kinds(detectCollisions([activation({ mandatory: false }), other]))).toEqual(['time']);
    expect(kinds(detectCollisions([activation({ attendance: 'attended' }), other]))).toEqual(['time']);
  });
});

describe('the booking check (scenario 1)', () => {
  const activationMornings = () => {
    const series = expandSeries({
      id: 'activation',
      unitId: jobcenter,
      title: 'Aktivering',
      start: localInstant('2026-03-23 08:00'),
      end: localInstant('2026-03-23 11:00'),
      place: 'Jobcentret',
      travelMinutes: 20,
      mandatory: true,
      consequence: 'nedsættelse af ydelse',
      recurrence: { freq: 'weekly', interval: 1, byWeekday: ['MO', 'WE', 'FR'], until: '2026-06-30' },
    });
    if (!series.ok) throw new Error('refused');
    return series.occurrences;
  };
  const rules: CollisionRules = {
    limits: { hoursPerDay: 4, appointmentsPerDay: 2 },
    planPeriods: [{ from: '2026-04-01', to: '2026-06-30', kind: 'priority', unitIds: [jobcenter], reason: 'Stabilisere familiesituationen først' }],
  };

  test('the family department books a meeting on an activation morning: flagged at booking time', () => {
    const calendar = indexAppointments(activationMornings());
    const meeting = appt('2026-04-08 10:30', '2026-04-08 12:00', { unitId: family, mandatory: true, travelMinutes: 15 });
    const found = checkBooking(meeting, calendar, rules);
    expect(found.map((c) => `${c.kind}:${c.kind === 'time' ? c.detail.type : c.kind === 'load' ? (c.day ?? c.week) : ''}`)).toEqual(['load:2026-04-08', 'time:overlap']);
    expect(ofKind(found, 'time')[0]!.appointments.map((a) => a.title)).toEqual(['Aktivering', 'Møde']);
  });

  test('a day exactly at its limits is not a collision', () => {
    const meeting = appt('2026-04-08 11:00', '2026-04-08 12:00', { unitId: family, place: 'Jobcentret', mandatory: true });
    expect(checkBooking(meeting, indexAppointments(activationMornings()), rules)).toEqual([]);
  });

  test('a meeting right after activation elsewhere, with too little time to get there, is flagged too', () => {
    const meeting = appt('2026-04-08 11:10', '2026-04-08 12:00', { unitId: family, travelMinutes: 30 });
    expect(checkBooking(meeting, indexAppointments(activationMornings()), rules)).toMatchObject([{ kind: 'time', detail: { type: 'travel', gapMinutes: 10 } }]);
    const later = appt('2026-04-08 11:30', '2026-04-08 12:00', { unitId: family, travelMinutes: 30 });
    expect(checkBooking(later, indexAppointments(activationMornings()), rules)).toEqual([]);
  });

  test('the jobcenter’s activation during "family first" contradicts the plan', () => {
    const found = detectCollisions(activationMornings(), rules);
    expect(new Set(kinds(found))).toEqual(new Set(['plan_contradiction']));
    expect(found).toHaveLength(39); // 1 April to 30 June: 13 weeks, three mornings each
  });

  test('moving an appointment is checked without the old version of itself', () => {
    const existing = activationMornings();
    const moved = { ...existing[5]!, start: localInstant('2026-04-03 09:00'), end: localInstant('2026-04-03 12:00') };
    expect(checkBooking(moved, indexAppointments(existing))).toEqual([]);
    expect(checkBooking(moved, existing)).toEqual([]);
    expect(checkBooking({ ...moved, id: 'another' }, existing)).toMatchObject([{ kind: 'time', appointmentIds: ['activation/2026-04-03T06:00:00.000Z', 'another'] }]);
  });
});

describe('consent: a unit without consent learns that and when, not what or whose', () => {
  const activation = appt('2026-03-25 08:00', '2026-03-25 11:00', {
    unitId: jobcenter,
    title: 'Aktivering: CV-værksted',
    place: 'Jobcentret, Vestergade 3',
    mandatory: true,
    attendance: 'missed',
    consequence: 'nedsættelse af ydelse',
  });
  const meeting = appt('2026-03-25 10:30', '2026-03-25 11:30', { unitId: family, title: 'Forældrekompetenceundersøgelse', place: 'Familiehuset', mandatory: true });

  test('the other unit’s title, place, unit and consequence are gone; the times stay', () => {
    const found = detectCollisions([activation, meeting], { limits: { appointmentsPerDay: 1 } });
    expect(kinds(found)).toEqual(['load', 'consequence_risk', 'time']);
    for (const c of found) {
      const seenByFamily = redactCollision(c, family);
      expect(collisionView.parse(seenByFamily)).toEqual(seenByFamily);
      const text = JSON.stringify(seenByFamily);
      for (const secret of [activation.title, activation.place, jobcenter, activation.id, 'nedsættelse af ydelse']) {
        expect(text.replace(seenByFamily.key, '')).not.toContain(secret);
      }
      expect(seenByFamily.appointments).toEqual([
        { hidden: true, start: activation.start, end: activation.end, mandatory: true },
        { id: meeting.id, unitId: family, title: meeting.title, place: meeting.place, start: meeting.start, end: meeting.end, mandatory: true },
      ]);
      expect(seenByFamily).toMatchObject({ appointmentIds: [meeting.id], unitIds: [family], hiddenAppointments: 1 });
      if (c.kind !== 'load') expect(seenByFamily).toMatchObject({ start: c.start, day: c.day });
    }
  });

  test('with consent for the other unit, or as that unit, everything is seen', () => {
    const [time] = detectCollisions([activation, meeting]);
    expect(redactCollision(time!, family, (u) => u === jobcenter)).toEqual({ ...time, hiddenAppointments: 0 });
    const seenByJobcenter = redactCollision(time!, jobcenter);
    expect(seenByJobcenter.appointments[0]).toMatchObject({ title: activation.title });
    expect(seenByJobcenter.appointments[1]).toMatchObject({ hidden: true });
  });
});

// ---- Properties ----------------------------------------------------------------------------

const units = [jobcenter, family, nurse];
const places = ['Jobcentret', 'Familieafdelingen', 'Hjemme', ''];
/** Three weeks around the spring change, in five-minute steps, so DST is crossed often. */
const windowStart = Date.parse('2026-03-20T00:00:00Z');
/** `longest` in five-minute steps: a calendar of short appointments tests the travel look-back. */
const arbAppointment = (id: string, longest = 288) =>
  fc
    .record({
      startStep: fc.integer({ min: 0, max: (21 * 24 * 60) / 5 }),
      minutes: fc.integer({ min: 1, max: longest }).map((n) => n * 5),
      unitId: fc.constantFrom(...units),
      place: fc.constantFrom(...places),
      travelMinutes: fc.constantFrom(0, 0, 10, 15, 30, 45, 90),
      mandatory: fc.boolean(),
      attendance: fc.constantFrom(null, null, 'missed' as const, 'attended' as const),
    })
    .map(
      ({ startStep, minutes, ...rest }): Appointment => ({
        id,
        title: `T${id}`,
        start: new Date(windowStart + startStep * 300_000).toISOString(),
        end: new Date(windowStart + startStep * 300_000 + minutes * 60_000).toISOString(),
        consequence: 'nedsættelse af ydelse',
        ...rest,
      }),
    );
const arbCalendarAndProposal = (max: number) =>
  fc
    .tuple(fc.integer({ min: 0, max }), fc.constantFrom(6, 36, 288))
    .chain(([n, longest]) =>
      fc.tuple(fc.tuple(...Array.from({ length: n }, (_, i) => arbAppointment(`e${String(i).padStart(3, '0')}`, longest))), arbAppointment('proposed', longest)),
    );
const arbCalendar = (max: number) => arbCalendarAndProposal(max).map(([list]) => list);
const arbRules: fc.Arbitrary<CollisionRules> = fc.record({
  limits: fc.record(
    { hoursPerDay: fc.constantFrom(2, 3.5, 6), appointmentsPerDay: fc.integer({ min: 1, max: 3 }), hoursPerWeek: fc.constantFrom(5, 10), appointmentsPerWeek: fc.integer({ min: 2, max: 8 }) },
    { requiredKeys: [] },
  ),
  planPeriods: fc.array(
    fc.record({
      from: fc.constantFrom('2026-03-20', '2026-03-29', '2026-04-02'),
      to: fc.constantFrom(null, '2026-03-29', '2026-04-05'),
      kind: fc.constantFrom('exemption' as const, 'priority' as const),
      unitIds: fc.oneof(fc.constant('all' as const), fc.subarray(units)),
      reason: fc.constant('Først familien'),
    }),
    { maxLength: 2 },
  ),
});

const keysOf = (list: (Collision | undefined)[]) => list.filter((c): c is Collision => !!c).map((c) => c.key).sort();

describe('properties', () => {
  test('the booking check finds the same time collisions as the naive pairwise check', () => {
    fc.assert(
      fc.property(arbCalendarAndProposal(40), ([existing, proposed]) => {
        const fast = checkBooking(proposed, indexAppointments(existing)).filter((c) => c.kind === 'time');
        expect(keysOf(fast)).toEqual(keysOf(existing.map((e) => timeCollisionBetween(proposed, e))));
      }),
      { numRuns: 200 },
    );
  });

  test('the sweep finds the same time collisions as the naive O(n²) check', () => {
    fc.assert(
      fc.property(arbCalendar(40), (list) => {
        const naive = list.flatMap((a, i) => list.slice(i + 1).map((b) => timeCollisionBetween(a, b)));
        expect(keysOf(detectCollisions(list).filter((c) => c.kind === 'time'))).toEqual(keysOf(naive));
      }),
      { numRuns: 200 },
    );
  });

  test('the booking check gives exactly what the sweep gives for the proposal, of every kind', () => {
    fc.assert(
      fc.property(arbCalendarAndProposal(30), arbRules, ([existing, proposed], rules) => {
        const sweep = detectCollisions([...existing, proposed], rules).filter((c) => c.appointmentIds.includes(proposed.id));
        expect(checkBooking(proposed, indexAppointments(existing), rules)).toEqual(sweep);
      }),
      { numRuns: 200 },
    );
  });

  test('collisions are symmetric, never pair an appointment with itself, and have unique stable keys', () => {
    fc.assert(
      fc.property(arbCalendar(30), arbRules, fc.integer(), (list, rules, seed) => {
        const found = detectCollisions(list, rules);
        for (const c of found) {
          expect(collision.parse(c)).toEqual(c);
          expect(new Set(c.appointmentIds).size).toBe(c.appointmentIds.length);
          expect(c.appointmentIds).toEqual([...c.appointmentIds].sort());
        }
        expect(new Set(found.map((c) => c.key)).size).toBe(found.length);
        for (const a of list) for (const b of list) expect(timeCollisionBetween(a, b)).toEqual(timeCollisionBetween(b, a));
        // The input order does not matter.
        const shuffled = [...list].sort((x, y) => ((x.id.charCodeAt(3) * seed) % 7) - ((y.id.charCodeAt(3) * seed) % 7));
        expect(detectCollisions(shuffled, rules)).toEqual(found);
      }),
      { numRuns: 100 },
    );
  });
});
