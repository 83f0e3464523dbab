import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { TIME_ZONE, addDays, fromWallClock, mondayOf } from '@sammen/domain/calendar';
import { query, type Database } from '../../platform/db.ts';
import { as, testApp, testDatabase, type TestClient } from '../../../test/helpers.ts';
import { today } from '../../../test/dates.ts';
import { aCitizen, aMunicipality, aProxy, aSmallMunicipality, aStaffMember, aUnit } from '../identity/identity.factories.ts';
import { RESOLVED_BY_SYSTEM, sweepCollisions } from './calendar.sweep.ts';

// Scenario 1 through the API: the jobcenter's activation, the family department's meeting on
// an activation morning, who sees what of whom, and the coordinator's collision list.

let database: Database;
let app: FastifyInstance;
beforeAll(async () => {
  database = await testDatabase();
  app = await testApp(database);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** A Danish local time `weeks` Mondays from now, plus `days`, as an instant. */
const at = (weeks: number, days: number, time: string) => {
  const date = addDays(mondayOf(today()), 7 * weeks + days);
  return new Date(fromWallClock(Date.parse(`${date}T${time}:00Z`), TIME_ZONE)).toISOString();
};

async function world() {
  const mun = await aMunicipality(database);
  const m = mun.id;
  const jobcenter = await aUnit(database, m, 'jobcenter');
  const family = await aUnit(database, m, 'family');
  const homeCare = await aUnit(database, m, 'home_care');
  const library = await aUnit(database, m, 'library');
  const staff = {
    anne: await aStaffMember(database, m, [[jobcenter.id, 'caseworker'], [jobcenter.id, 'coordinator']]),
    thomas: await aStaffMember(database, m, [[jobcenter.id, 'frontline']]),
    mette: await aStaffMember(database, m, [[family.id, 'caseworker']]),
    hanne: await aStaffMember(database, m, [[homeCare.id, 'frontline']]),
    librarian: await aStaffMember(database, m, [[library.id, 'caseworker']]),
  };
  const citizen = await aCitizen(database, m);
  const proxy = await aProxy(database, m, citizen.id, ['plan.read', 'plan.comment', 'consent.manage']);
  const anne = await as(app, 'staff', staff.anne.id);
  let p = (await anne.post(`/api/citizens/${citizen.id}/plan`, { wishes: 'Se mine børn' })).json();
  p = (await anne.post(`/api/plans/${p.id}/goals`, { baseVersion: p.version, wording: 'Stabilisere familiesituationen først' })).json();
  for (const [unitId, area] of [[family.id, 'family'], [homeCare.id, 'health']] as const) {
    p = (await anne.post(`/api/plans/${p.id}/efforts`, { baseVersion: p.version, unitId, title: 'Indsats', area, startsOn: '2026-01-01', goalIds: [p.goals[0].id] })).json();
  }
  const other = await aSmallMunicipality(database);
  return {
    m, citizen, jobcenter, family, homeCare, library, staff,
    anne, mette: await as(app, 'staff', staff.mette.id), thomas: await as(app, 'staff', staff.thomas.id),
    librarian: await as(app, 'staff', staff.librarian.id), elsewhere: await as(app, 'staff', other.caseworker.id),
    me: await as(app, 'citizen', citizen.id), proxy: await as(app, 'proxy', proxy.id),
  };
}

const activation = (unitId: string, staffIds: string[] = []) => ({
  unitId, title: 'Aktivering', place: 'Jobcenter Fjordby, Havnegade 12', start: at(1, 0, '08:30'), end: at(1, 0, '11:30'),
  mandatory: true, consequence: 'Nedsættelse af kontanthjælp', area: 'work', staffIds, recurrence: { freq: 'weekly', byWeekday: ['MO', 'WE', 'FR'], count: 12 },
});
const familyMeeting = (unitId: string) => ({
  unitId, title: 'Møde om samvær', place: 'Familieafdelingen, Torvet 3', start: at(1, 2, '09:00'), end: at(1, 2, '10:30'), travelMinutes: 20, mandatory: true, area: 'family',
});
const count = async (table: string, citizenId: string) =>
  Number((await query<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM ${sql.raw(table)} WHERE citizen_id = ${citizenId}`))[0]!.n);

describe('booking and the collision it finds (scenario 1)', () => {
  let w: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    w = await world();
  });

  test('the jobcenter books its activation series; the family department is told of the collision, and books only with a reason', async () => {
    const booked = await w.anne.post(`/api/citizens/${w.citizen.id}/appointments`, activation(w.jobcenter.id, [w.staff.thomas.id]));
    expect(booked.statusCode, booked.body).toBe(201);
    expect(booked.json().appointments).toHaveLength(12);
    expect(booked.json().appointments[0].with[0].id).toBe(w.staff.thomas.id);

    const check = await w.mette.post(`/api/citizens/${w.citizen.id}/appointments/check`, familyMeeting(w.family.id));
    expect(check.statusCode, check.body).toBe(200);
    const time = check.json().collisions.find((c: { kind: string }) => c.kind === 'time');
    // Without the citizen's consent the family department learns that and when, not what.
    expect(time.hiddenAppointments).toBe(1);
    expect(JSON.stringify(time)).not.toContain('Aktivering');

    const before = await count('appointments', w.citizen.id);
    const refused = await w.mette.post(`/api/citizens/${w.citizen.id}/appointments`, familyMeeting(w.family.id));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'CONFLICT', reason: 'collisionsFound', field: 'acceptCollisions' });
    expect(refused.json().collisions.length).toBeGreaterThan(0);
    expect(await count('appointments', w.citizen.id)).toBe(before);
    expect(await count('collisions', w.citizen.id)).toBe(0);

    const anyway = await w.mette.post(`/api/citizens/${w.citizen.id}/appointments`, { ...familyMeeting(w.family.id), acceptCollisions: 'Eneste tid psykologen kunne' });
    expect(anyway.statusCode, anyway.body).toBe(201);
    expect(anyway.json().collisions[0]).toMatchObject({ status: 'open', statusReason: 'Eneste tid psykologen kunne' });

    // The coordinator sees it in the work list, in full.
    const list = await w.anne.get('/api/collisions');
    expect(list.statusCode).toBe(200);
    const mine = list.json().collisions.filter((c: { citizen: { id: string } }) => c.citizen.id === w.citizen.id);
    expect(mine.map((c: { collision: { kind: string } }) => c.collision.kind)).toContain('time');
    expect(mine[0].collision.hiddenAppointments).toBe(0);
    expect(JSON.stringify(mine)).toContain('Møde om samvær');
  });

  test('the calendar: in full for the coordinator and the citizen, "that and when" for a unit without consent', async () => {
    const anne = (await w.anne.get(`/api/citizens/${w.citizen.id}/calendar`)).json();
    expect(anne.appointments.filter((a: { hidden: boolean }) => a.hidden)).toEqual([]);
    const mette = await w.mette.get(`/api/citizens/${w.citizen.id}/calendar`);
    expect(mette.statusCode).toBe(200);
    const activations = mette.json().appointments.filter((a: { unit: { id: string } }) => a.unit.id === w.jobcenter.id);
    expect(activations.length).toBeGreaterThan(0);
    expect(activations.every((a: { hidden: boolean; title: string; consequence: string }) => a.hidden && a.title === '' && a.consequence === '')).toBe(true);
    const own = mette.json().appointments.find((a: { unit: { id: string } }) => a.unit.id === w.family.id);
    expect(own).toMatchObject({ hidden: false, title: 'Møde om samvær' });
    const me = (await w.me.get('/api/me/calendar')).json();
    expect(me.appointments.some((a: { hidden: boolean }) => a.hidden)).toBe(false);
    expect((await w.proxy.get('/api/me/calendar')).statusCode).toBe(200);
    // With consent to the work section, the family department sees the activation.
    await w.me.post('/api/me/consents', { recipientUnitId: w.family.id, sections: ['work'], purpose: 'Så møder ikke kolliderer', startsOn: today() });
    const withConsent = (await w.mette.get(`/api/citizens/${w.citizen.id}/calendar`)).json();
    expect(withConsent.appointments.find((a: { unit: { id: string } }) => a.unit.id === w.jobcenter.id)).toMatchObject({ hidden: false, title: 'Aktivering' });
  });

  test('404 for an uninvolved unit and another municipality; 403 for what a role may not do', async () => {
    for (const c of [w.librarian, w.elsewhere]) {
      expect((await c.get(`/api/citizens/${w.citizen.id}/calendar`)).statusCode).toBe(404);
      expect((await c.post(`/api/citizens/${w.citizen.id}/appointments/check`, familyMeeting(w.family.id))).statusCode).toBe(404);
    }
    expect((await w.thomas.put(`/api/citizens/${w.citizen.id}/load-limits`, { limits: { hoursPerDay: 4 }, reason: 'Krise' })).statusCode).toBe(403);
    expect((await w.mette.put(`/api/citizens/${w.citizen.id}/load-limits`, { limits: { hoursPerDay: 4 }, reason: 'Krise' })).statusCode).toBe(403);
    expect((await w.proxy.post('/api/me/calendar/feed', {})).statusCode).toBe(403);
    expect((await w.me.post(`/api/citizens/${w.citizen.id}/appointments`, familyMeeting(w.family.id))).statusCode).toBe(403);
  });

  test('bad input names the field and the reason', async () => {
    const base = { unitId: w.jobcenter.id, title: 'Samtale', start: at(3, 1, '10:00'), end: at(3, 1, '11:00') };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...base, end: at(3, 1, '09:00') }, 'end', 'endNotAfterStart'],
      [{ ...base, start: '2020-01-01T10:00:00Z', end: '2020-01-01T11:00:00Z' }, 'start', 'inThePast'],
      [{ ...base, end: at(3, 3, '11:00') }, 'end', 'longerThan24h'],
      [{ ...base, unitId: crypto.randomUUID() }, 'unitId', 'notUnitOfMunicipality'],
      [{ ...base, unitId: w.family.id }, 'unitId', 'unitNotInvolved'],
      [{ ...base, staffIds: [crypto.randomUUID()] }, 'staffIds', 'notStaffOfMunicipality'],
      [{ ...base, recurrence: { freq: 'weekly' } }, 'recurrence', 'recurrenceUnbounded'],
      [{ ...base, recurrence: { freq: 'daily', count: 401 } }, 'recurrence.count', 'tooManyOccurrences'],
    ];
    for (const [body, field, reason] of cases) {
      const res = await w.anne.post(`/api/citizens/${w.citizen.id}/appointments`, body);
      expect(res.statusCode, `${field} ${res.body}`).toBe(400);
      expect(res.json().error, res.body).toMatchObject({ field, reason });
    }
  });

  test('limits only lower the default; a plan period makes the activation mornings contradict the plan', async () => {
    await query(database.db, sql`INSERT INTO calendar_settings (municipality_id, load_limits) VALUES (${w.m}, '{"hoursPerDay":6,"appointmentsPerDay":3,"hoursPerWeek":20,"appointmentsPerWeek":10}'::jsonb)`);
    const tooHigh = await w.anne.put(`/api/citizens/${w.citizen.id}/load-limits`, { limits: { hoursPerDay: 8 }, reason: 'Krise' });
    expect(tooHigh.json().error).toMatchObject({ field: 'limits.hoursPerDay', reason: 'tooLarge' });
    const lowered = await w.anne.put(`/api/citizens/${w.citizen.id}/load-limits`, { limits: { hoursPerWeek: 6 }, reason: 'Krise i familien' });
    expect(lowered.statusCode, lowered.body).toBe(200);
    expect(lowered.json().limits).toMatchObject({ hoursPerDay: 6, hoursPerWeek: 6 });
    expect(lowered.json().collisions.some((c: { collision: { kind: string } }) => c.collision.kind === 'load')).toBe(true);

    const period = await w.anne.post(`/api/citizens/${w.citizen.id}/plan-periods`, {
      from: addDays(mondayOf(today()), 7), to: addDays(mondayOf(today()), 20), kind: 'priority', unitIds: [w.jobcenter.id], reason: 'Stabilisere familiesituationen først',
    });
    expect(period.statusCode, period.body).toBe(200);
    const contradictions = period.json().collisions.filter((c: { collision: { kind: string } }) => c.collision.kind === 'plan_contradiction');
    expect(contradictions).toHaveLength(6);
  });
});

describe('attendance, the sweep and the feed', () => {
  test('a missed mandatory appointment that another unit stood in the way of is flagged at once', async () => {
    const w = await world();
    const insert = (unitId: string, title: string, from: string, to: string, mandatory: boolean) =>
      query<{ id: string }>(
        database.db,
        sql`INSERT INTO appointments (municipality_id, citizen_id, unit_id, title, starts_at, ends_at, mandatory, consequence)
            VALUES (${w.m}, ${w.citizen.id}, ${unitId}, ${title}, now() - ${from}::interval, now() - ${to}::interval, ${mandatory}, 'Nedsættelse af kontanthjælp') RETURNING id::text AS id`,
      );
    const [activation] = await insert(w.jobcenter.id, 'Aktivering', '1 day 3 hours', '1 day', true);
    await insert(w.family.id, 'Møde', '1 day 2 hours', '1 day 1 hour', true);
    const res = await w.anne.post(`/api/appointments/${activation!.id}/attendance`, { status: 'missed', note: 'Kom ikke' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'missed', statusNote: 'Kom ikke' });
    const kinds = await query<{ kind: string }>(database.db, sql`SELECT kind::text AS kind FROM collisions WHERE citizen_id = ${w.citizen.id} AND status = 'open'`);
    expect(kinds.map((k) => k.kind)).toContain('consequence_risk');
    // The unit that did not book it (and does not coordinate) may not record attendance.
    expect((await w.mette.post(`/api/appointments/${activation!.id}/attendance`, { status: 'attended' })).statusCode).toBe(403);
    expect((await w.librarian.post(`/api/appointments/${activation!.id}/attendance`, { status: 'attended' })).statusCode).toBe(404);
  });

  test('the sweep resolves a collision that is gone, and finds one made elsewhere', async () => {
    const w = await world();
    await w.anne.post(`/api/citizens/${w.citizen.id}/appointments`, activation(w.jobcenter.id));
    await w.mette.post(`/api/citizens/${w.citizen.id}/appointments`, { ...familyMeeting(w.family.id), acceptCollisions: 'Eneste tid' });
    const open = () => query<{ kind: string; status: string; status_reason: string }>(database.db, sql`SELECT kind::text AS kind, status::text AS status, status_reason FROM collisions WHERE citizen_id = ${w.citizen.id}`);
    expect((await open()).filter((c) => c.status === 'open')).toHaveLength(1);
    // Moved in another system's import: the sweep finds it no longer collides.
    await query(database.db, sql`UPDATE appointments SET starts_at = starts_at + interval '4 hours', ends_at = ends_at + interval '4 hours' WHERE citizen_id = ${w.citizen.id} AND unit_id = ${w.family.id} RETURNING id`);
    const report = await sweepCollisions(database.db, w.m, { batch: 2 });
    expect(report.resolved).toBe(1);
    expect(await open()).toEqual([{ kind: 'time', status: 'resolved', status_reason: RESOLVED_BY_SYSTEM }]);
    // And moved back: the system's resolution is undone.
    await query(database.db, sql`UPDATE appointments SET starts_at = starts_at - interval '4 hours', ends_at = ends_at - interval '4 hours' WHERE citizen_id = ${w.citizen.id} AND unit_id = ${w.family.id} RETURNING id`);
    await sweepCollisions(database.db, w.m, { citizenIds: [w.citizen.id] });
    expect((await open())[0]).toMatchObject({ status: 'open', status_reason: '' });
  });

  test('the iCalendar feed: works with its token, renewing stops the old one, revoking ends it', async () => {
    const w = await world();
    await w.anne.post(`/api/citizens/${w.citizen.id}/appointments`, activation(w.jobcenter.id));
    expect((await w.me.get('/api/me/calendar/feed')).json()).toEqual({ active: false, createdAt: null, url: null });
    const first = (await w.me.post('/api/me/calendar/feed', {})).json();
    expect(first.active).toBe(true);
    const path = new URL(first.url).pathname;
    const ics = await app.inject({ method: 'GET', url: path });
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body).toContain('TZID=Europe/Copenhagen');
    expect(ics.body).toContain('Aktivering');
    expect(ics.body).not.toContain(w.citizen.name);
    expect((await w.me.get('/api/me/calendar/feed')).json().url).toBeNull();
    const second = (await w.me.post('/api/me/calendar/feed', {})).json();
    expect((await app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    const secondPath = new URL(second.url).pathname;
    expect((await app.inject({ method: 'GET', url: secondPath })).statusCode).toBe(200);
    expect((await w.me.request('DELETE', '/api/me/calendar/feed')).json().active).toBe(false);
    expect((await app.inject({ method: 'GET', url: secondPath })).statusCode).toBe(404);
  });
});
