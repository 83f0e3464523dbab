import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { NetworkView } from '@sammen/domain/network';
import { query, type Database } from '../../platform/db.ts';
import { demoId, seedDemo } from '../../db/seed.ts';
import { as, testApp, testConfig, testDatabase, type TestClient } from '../../../test/helpers.ts';
import { inDays, today } from '../../../test/dates.ts';
import { aCitizen, aMunicipality, aProxy, aStaffMember, aUnit } from '../identity/identity.factories.ts';

// The network page: scenario 1 in the demo (Michael's five professionals and his mother), the
// consent rule for other units' appointments, recording and ending people, and the statistics.

let database: Database;
let app: FastifyInstance;
beforeAll(async () => {
  database = await testDatabase();
  await seedDemo(database.db, testConfig());
  app = await testApp(database);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function ok<T = NetworkView>(res: Awaited<ReturnType<TestClient['get']>>, status = 200): Promise<T> {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}
const byName = (v: NetworkView, name: string) => v.people.find((p) => p.name === name)!;

describe('scenario 1 in the demo: the people around Michael', () => {
  test('his coordinator sees all five professionals and his mother, with contact details and a count', async () => {
    const anne = await as(app, 'staff', demoId('staff:anne'));
    const v = await ok(await anne.get(`/api/citizens/${demoId('citizen:michael')}/network`));
    const professionals = ['Anne Kjær', 'Thomas Berg', 'Mette Dahl', 'Hanne Poulsen', 'Lars Østergaard'];
    for (const name of professionals) {
      const p = byName(v, name);
      expect(p, name).toBeDefined();
      expect(p.kind).toBe('staff');
      expect(p.contact).toMatch(/^Tlf\. /);
      expect(p.efforts.length).toBeGreaterThan(0);
    }
    expect(v.people[0]!.name).toBe('Anne Kjær');
    expect(byName(v, 'Anne Kjær').role).toBe('Tovholder, Aktivering tre formiddage om ugen');
    expect(byName(v, 'Mette Dahl')).toMatchObject({ role: 'Forældreevneundersøgelse', since: '2026-10-01', until: '2027-01-31', unit: { name: 'Familieafdelingen' } });
    const mother = byName(v, 'Grethe Sørensen');
    expect(mother).toMatchObject({ kind: 'relative', source: 'proxy', role: 'Mor', contact: 'Tlf. 40 00 00 17' });
    expect(v.people.filter((p) => p.name === 'Grethe Sørensen')).toHaveLength(1);
    expect(v.counts).toEqual({ professionals: 5, caseworkerChanges12Months: 0 });
    expect(v.units.find((u) => u.relation === 'coordinator')!.name).toBe('Jobcenter Fjordby');
    expect(v.units.map((u) => u.name)).toEqual(expect.arrayContaining(['Familieafdelingen', 'Hjemmeplejen Syd', 'Voksen- og Handicapafdelingen']));
  });

  test('Michael sees the same people in his own network, and so does his mother (she may read the plan)', async () => {
    const own = await ok(await (await as(app, 'citizen', demoId('citizen:michael'))).get('/api/me/network'));
    expect(own.people.map((p) => p.name).sort()).toEqual(['Anne Kjær', 'Grethe Sørensen', 'Hanne Poulsen', 'Lars Østergaard', 'Mette Dahl', 'Thomas Berg']);
    expect(own.counts.professionals).toBe(5);
    const mother = await ok(await (await as(app, 'proxy', demoId('proxy:grethe'))).get('/api/me/network'));
    expect(mother.people).toHaveLength(6);
  });

  test('two support workers share one effort (Sara’s housing support); Gerda has a visiting friend', async () => {
    const mette = await as(app, 'staff', demoId('staff:mette'));
    const sara = await ok(await mette.get(`/api/citizens/${demoId('citizen:sara')}/network`));
    for (const name of ['Camilla Juhl', 'Ahmed Hassan']) expect(byName(sara, name).efforts.map((e) => e.title)).toEqual(['Bostøtte']);
    const tina = await as(app, 'staff', demoId('staff:tina'));
    const gerda = await ok(await tina.get(`/api/citizens/${demoId('citizen:gerda')}/network`));
    expect(byName(gerda, 'Jytte Kragh')).toMatchObject({ kind: 'volunteer', source: 'recorded', role: 'Besøgsven fra Røde Kors' });
  });

  test('a leader sees the distribution across the municipality, counts only; frontline staff may not', async () => {
    const birgitte = await as(app, 'staff', demoId('staff:birgitte'));
    const d = await ok<{ citizens: number; professionals: { count: number; citizens: number }[]; caseworkerChanges12Months: { count: number; citizens: number }[] }>(
      await birgitte.get('/api/network/statistics'),
    );
    expect(d.citizens).toBeGreaterThanOrEqual(6);
    expect(d.professionals.find((r) => r.count === 5)?.citizens).toBeGreaterThanOrEqual(1);
    expect(d.caseworkerChanges12Months.reduce((n, r) => n + r.citizens, 0)).toBe(d.citizens);
    expect(JSON.stringify(d)).not.toContain('Michael');
    expect((await (await as(app, 'staff', demoId('staff:thomas'))).get('/api/network/statistics')).statusCode).toBe(403);
  });
});

/** A plan the family department coordinates, with a jobcenter effort (work) and a partner's (health), and an appointment of each. */
async function world() {
  const m = await aMunicipality(database);
  const family = await aUnit(database, m.id, 'family');
  const jobcenter = await aUnit(database, m.id, 'jobcenter');
  const psychiatry = await aUnit(database, m.id, 'partner');
  const library = await aUnit(database, m.id, 'library');
  const coordinatorStaff = await aStaffMember(database, m.id, [[family.id, 'coordinator']]);
  const caseworkerStaff = await aStaffMember(database, m.id, [[jobcenter.id, 'caseworker']]);
  const doctor = await aStaffMember(database, m.id, [[psychiatry.id, 'partner']]);
  const coordinator = await as(app, 'staff', coordinatorStaff.id);
  const citizen = await aCitizen(database, m.id);
  let p = await ok<any>(await coordinator.post(`/api/citizens/${citizen.id}/plan`, { wishes: 'Ro' }));
  p = await ok<any>(await coordinator.post(`/api/plans/${p.id}/goals`, { baseVersion: p.version, wording: 'Et job' }));
  for (const [unitId, title, area, responsibleStaffId] of [[jobcenter.id, 'Aktivering', 'work', caseworkerStaff.id], [psychiatry.id, 'Ambulant behandling', 'health', doctor.id]] as const) {
    p = await ok<any>(await coordinator.post(`/api/plans/${p.id}/efforts`, { baseVersion: p.version, unitId, title, area, responsibleStaffId, startsOn: inDays(-10), goalIds: [p.goals[0].id] }));
  }
  const appointment = async (unitId: string, title: string, area: string, days: number, mandatory: boolean, staffId?: string) => {
    const [row] = await query<{ id: string }>(
      database.db,
      sql`INSERT INTO appointments (municipality_id, citizen_id, unit_id, area, title, starts_at, ends_at, mandatory)
          VALUES (${m.id}, ${citizen.id}, ${unitId}, ${area}, ${title}, now() + make_interval(days => ${days}), now() + make_interval(days => ${days}, hours => 1), ${mandatory})
          RETURNING id::text AS id`,
    );
    if (staffId) await query(database.db, sql`INSERT INTO appointment_participants (municipality_id, appointment_id, staff_id) VALUES (${m.id}, ${row!.id}, ${staffId})`);
  };
  await appointment(jobcenter.id, 'Aktivering', 'work', 2, true);
  await appointment(psychiatry.id, 'Samtale i psykiatrien', 'health', 3, true, doctor.id);
  return { m, family, jobcenter, psychiatry, library, citizen, plan: p, coordinator, caseworker: await as(app, 'staff', caseworkerStaff.id), doctor, caseworkerStaff };
}

describe('who sees what', () => {
  test('an uninvolved unit and another municipality get 404; the citizen’s proxy without plan.read 403', async () => {
    const w = await world();
    const uninvolved = await as(app, 'staff', (await aStaffMember(database, w.m.id, [[w.library.id, 'caseworker']])).id);
    expect((await uninvolved.get(`/api/citizens/${w.citizen.id}/network`)).statusCode).toBe(404);
    expect((await uninvolved.post(`/api/citizens/${w.citizen.id}/network`, { kind: 'volunteer', name: 'X', role: 'Y' })).statusCode).toBe(404);
    const elsewhere = await aMunicipality(database);
    const other = await as(app, 'staff', (await aStaffMember(database, elsewhere.id, [[(await aUnit(database, elsewhere.id)).id, 'caseworker']])).id);
    expect((await other.get(`/api/citizens/${w.citizen.id}/network`)).statusCode).toBe(404);
    const noScope = await as(app, 'proxy', (await aProxy(database, w.m.id, w.citizen.id, ['consent.manage'])).id);
    expect((await noScope.get('/api/me/network')).statusCode).toBe(403);
  });

  test('another unit’s appointment titles follow consent: without it only the time shows, with it the titles do', async () => {
    const w = await world();
    const asJobcenter = await ok(await w.caseworker.get(`/api/citizens/${w.citizen.id}/network`));
    const doctor = asJobcenter.people.find((p) => p.name === w.doctor.name)!;
    expect(doctor).toMatchObject({ kind: 'partner', expects: [], efforts: [], role: w.doctor.title });
    expect(doctor.next).toMatchObject({ title: '' });
    const own = asJobcenter.people.find((p) => p.efforts.some((e) => e.title === 'Aktivering'))!;
    expect(own.expects).toEqual(['Mødepligt: Aktivering']);
    // The coordinator sees everything; so does the citizen.
    const asCoordinator = await ok(await w.coordinator.get(`/api/citizens/${w.citizen.id}/network`));
    expect(asCoordinator.people.find((p) => p.name === w.doctor.name)).toMatchObject({ expects: ['Mødepligt: Samtale i psykiatrien'], next: { title: 'Samtale i psykiatrien' }, role: 'Ambulant behandling' });
    // The citizen consents to share health with the jobcenter: the titles show on the next request.
    const me = await as(app, 'citizen', w.citizen.id);
    await ok<unknown>(await me.post('/api/me/consents', { recipientUnitId: w.jobcenter.id, sections: ['health'], purpose: 'Koordinering', startsOn: today() }));
    const withConsent = await ok(await w.caseworker.get(`/api/citizens/${w.citizen.id}/network`));
    expect(withConsent.people.find((p) => p.name === w.doctor.name)).toMatchObject({ expects: ['Mødepligt: Samtale i psykiatrien'], next: { title: 'Samtale i psykiatrien' } });
  });

  test('a read is logged: one access-log row per staff read', async () => {
    const w = await world();
    const count = async () => Number((await query<{ n: number }>(database.db, sql`SELECT count(*) AS n FROM audit_events WHERE kind = 'read' AND action = 'network.read' AND citizen_id = ${w.citizen.id}`))[0]!.n);
    const before = await count();
    await ok(await w.caseworker.get(`/api/citizens/${w.citizen.id}/network`));
    expect(await count()).toBe(before + 1);
  });
});

describe('recording people on the network', () => {
  test('staff record a second support worker and a volunteer; they show, are audited, and leave when ended', async () => {
    const w = await world();
    const effortId = w.plan.efforts.find((e: { area: string }) => e.area === 'work').id;
    const second = await aStaffMember(database, w.m.id, [[w.jobcenter.id, 'frontline']], { title: 'Mentor' });
    let v = await ok(await w.caseworker.post(`/api/citizens/${w.citizen.id}/network`, { kind: 'staff', staffId: second.id, role: 'Mentor', effortId, contact: 'Tlf. 11 22 33 44' }), 201);
    expect(v.people.find((p) => p.name === second.name)).toMatchObject({ source: 'recorded', unit: { id: w.jobcenter.id }, efforts: [{ id: effortId, title: 'Aktivering' }], contact: 'Tlf. 11 22 33 44' });
    expect(v.counts.professionals).toBe(4);
    v = await ok(await w.caseworker.post(`/api/citizens/${w.citizen.id}/network`, { kind: 'volunteer', name: 'Jens Frivillig', role: 'Besøgsven', since: inDays(-3) }), 201);
    const volunteer = v.people.find((p) => p.name === 'Jens Frivillig')!;
    expect(volunteer.key).toMatch(/^member:/);
    const memberId = volunteer.key.slice('member:'.length);
    const events = await query<{ action: string }>(database.db, sql`SELECT action FROM audit_events WHERE kind = 'write' AND citizen_id = ${w.citizen.id} AND action LIKE 'network.%'`);
    expect(events.map((e) => e.action)).toEqual(['network.recorded', 'network.recorded']);
    v = await ok(await w.caseworker.post(`/api/citizens/${w.citizen.id}/network/${memberId}/end`, { until: inDays(-1) }));
    expect(v.people.find((p) => p.name === 'Jens Frivillig')!.until).toBe(inDays(-1));
    const again = await w.caseworker.post(`/api/citizens/${w.citizen.id}/network/${memberId}/end`, { until: today() });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.reason).toBe('alreadyEnded');
    const before = await w.caseworker.post(`/api/citizens/${w.citizen.id}/network/${(await ok(await w.caseworker.post(`/api/citizens/${w.citizen.id}/network`, { kind: 'other', name: 'Nabo', role: 'Nabo', since: today() }), 201)).people.find((p) => p.name === 'Nabo')!.key.slice(7)}/end`, { until: inDays(-5) });
    expect(before.json().error).toMatchObject({ field: 'until', reason: 'endBeforeStart' });
    const elsewhere = await world();
    expect((await elsewhere.coordinator.post(`/api/citizens/${elsewhere.citizen.id}/network/${memberId}/end`, { until: today() })).statusCode).toBe(404);
  });

  test('bad input names the field, and nothing is saved', async () => {
    const w = await world();
    const other = await world();
    const otherEffort = other.plan.efforts[0].id;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ kind: 'staff', staffId: other.caseworkerStaff.id, role: 'X' }, 'staffId', 'notStaffOfMunicipality'],
      [{ kind: 'partner', name: 'X', role: 'X', unitId: other.jobcenter.id }, 'unitId', 'notUnitOfMunicipality'],
      [{ kind: 'staff', name: 'X', role: 'X', effortId: otherEffort }, 'effortId', 'targetNotInPlan'],
      [{ kind: 'volunteer', role: 'X' }, 'name', 'required'],
      [{ kind: 'volunteer', name: 'X', role: 'X', since: today(), until: inDays(-1) }, 'until', 'endBeforeStart'],
      [{ kind: 'volunteer', name: 'X', role: '' }, 'role', 'required'],
    ];
    for (const [body, field, reason] of cases) {
      const res = await w.coordinator.post(`/api/citizens/${w.citizen.id}/network`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error, JSON.stringify(body)).toMatchObject({ field, reason });
    }
    expect((await query(database.db, sql`SELECT 1 FROM network_members WHERE citizen_id = ${w.citizen.id}`)).length).toBe(0);
  });

  test('a hand-over of coordination counts as a caseworker change', async () => {
    const w = await world();
    const next = await aStaffMember(database, w.m.id, [[w.family.id, 'coordinator']]);
    const plan = await ok<any>(await w.coordinator.get(`/api/plans/${w.plan.id}`));
    await ok<unknown>(await w.coordinator.put(`/api/plans/${w.plan.id}/coordinator`, { baseVersion: plan.version, coordinatorId: next.id, unitId: w.family.id }));
    const v = await ok(await (await as(app, 'staff', next.id)).get(`/api/citizens/${w.citizen.id}/network`));
    expect(v.counts.caseworkerChanges12Months).toBe(1);
    expect(v.people[0]).toMatchObject({ name: next.name, role: 'Tovholder', since: today() });
  });
});
