import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { PlanView } from '@sammen/domain/plans';
import { auditEvents } from '../audit/audit.schema.ts';
import { planChanges } from './plans.schema.ts';
import { query, type Database } from '../../platform/db.ts';
import { as, engine, testApp, testDatabase, type TestClient } from '../../../test/helpers.ts';
import { aCitizen, aProxy, aSmallMunicipality, aStaffMember, aUnit } from '../identity/identity.factories.ts';

let database: Database & { url?: string };
let app: FastifyInstance;
let home: Awaited<ReturnType<typeof aSmallMunicipality>>;
let other: Awaited<ReturnType<typeof aSmallMunicipality>>;
/** Every statement the app sends while a test collects them. */
let statements: string[] | undefined;

beforeAll(async () => {
  database = await testDatabase({ onQuery: (text) => statements?.push(text) });
  app = await testApp(database);
  home = await aSmallMunicipality(database);
  other = await aSmallMunicipality(database);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** A citizen with a fresh plan coordinated by the home caseworker from the jobcenter. */
async function aPlan() {
  const citizen = await aCitizen(database, home.municipality.id);
  const caseworker = await as(app, 'staff', home.caseworker.id);
  const res = await caseworker.post(`/api/citizens/${citizen.id}/plan`, { lifeStory: 'Jeg er vokset op i Fjordby.' });
  expect(res.statusCode, res.body).toBe(200);
  return { citizen, caseworker, plan: res.json() as PlanView };
}

async function ok(res: Awaited<ReturnType<TestClient['get']>>) {
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as PlanView;
}

describe('one plan per citizen', () => {
  test('a caseworker creates the plan and becomes its coordinator', async () => {
    const { plan, citizen } = await aPlan();
    expect(plan).toMatchObject({
      version: 1,
      citizen: { id: citizen.id },
      coordinator: { id: home.caseworker.id, unit: { id: home.jobcenter.id } },
      lifeStory: { text: 'Jeg er vokset op i Fjordby.', author: { kind: 'staff', id: home.caseworker.id } },
      goals: [],
      lixThreshold: 45,
    });
  });

  test('a second active plan for the same citizen is refused, naming the field', async () => {
    const { citizen, caseworker } = await aPlan();
    const res = await caseworker.post(`/api/citizens/${citizen.id}/plan`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'CONFLICT', field: 'citizenId' });
  });

  test('the database itself refuses a second active plan', async () => {
    const { plan } = await aPlan();
    await expect(
      database.db.execute(sql`INSERT INTO plans (municipality_id, citizen_id, coordinator_id, coordinator_unit_id)
        SELECT municipality_id, citizen_id, coordinator_id, coordinator_unit_id FROM plans WHERE id = ${plan.id}`),
    ).rejects.toThrow();
  });

  test('a coordinator who is not staff of the municipality is refused', async () => {
    const citizen = await aCitizen(database, home.municipality.id);
    const res = await (await as(app, 'staff', home.caseworker.id)).post(`/api/citizens/${citizen.id}/plan`, { coordinatorId: other.caseworker.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('coordinatorId');
  });
});

describe('goals, efforts, agreements', () => {
  test('goals in order with a dependency: the job goal waits for the family goal', async () => {
    const { plan, caseworker } = await aPlan();
    let p = await ok(await caseworker.post(`/api/plans/${plan.id}/goals`, { baseVersion: plan.version, wording: 'En rolig hverdag derhjemme' }));
    const family = p.goals[0]!;
    p = await ok(await caseworker.post(`/api/plans/${plan.id}/goals`, { baseVersion: p.version, wording: 'Komme i job', dependsOn: [family.id] }));
    const job = p.goals[1]!;
    expect(job).toMatchObject({ position: 2, dependsOn: [family.id], waiting: true, status: 'not_started' });
    p = await ok(await caseworker.request('PATCH', `/api/plans/${plan.id}/goals/${family.id}`, { baseVersion: p.version, status: 'reached' }));
    expect(p.goals.find((g) => g.id === job.id)!.waiting).toBe(false);
    expect(p.goals.find((g) => g.id === family.id)).toMatchObject({ status: 'reached', statusChangedBy: { kind: 'staff', id: home.caseworker.id } });
  });

  test('a goal depending on itself, or a cycle, is refused and nothing changes', async () => {
    const { plan, caseworker } = await aPlan();
    let p = await ok(await caseworker.post(`/api/plans/${plan.id}/goals`, { baseVersion: plan.version, wording: 'A' }));
    p = await ok(await caseworker.post(`/api/plans/${plan.id}/goals`, { baseVersion: p.version, wording: 'B', dependsOn: [p.goals[0]!.id] }));
    const [a, b] = p.goals;
    const self = await caseworker.request('PATCH', `/api/plans/${plan.id}/goals/${a!.id}`, { baseVersion: p.version, dependsOn: [a!.id] });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.field).toBe('dependsOn');
    const cycle = await caseworker.request('PATCH', `/api/plans/${plan.id}/goals/${a!.id}`, { baseVersion: p.version, dependsOn: [b!.id] });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error).toMatchObject({ field: 'dependsOn', message: expect.stringMatching(/circle/) });
    const after = await ok(await caseworker.get(`/api/plans/${plan.id}`));
    expect(after.version).toBe(p.version);
    expect(after.goals.find((g) => g.id === a!.id)!.dependsOn).toEqual([]);
  });

  test('efforts from two units, an exemption, support level history, an agreement', async () => {
    const { plan, caseworker } = await aPlan();
    let p = await ok(await caseworker.post(`/api/plans/${plan.id}/goals`, { baseVersion: plan.version, wording: 'Stabil hverdag' }));
    const goal = p.goals[0]!;
    p = await ok(
      await caseworker.post(`/api/plans/${plan.id}/efforts`, {
        baseVersion: p.version, unitId: home.family.id, title: 'Familiebehandling', startsOn: '2026-01-01', goalIds: [goal.id], supportLevel: 'Pakke 5', legalBasis: 'Barnets lov § 32',
      }),
    );
    p = await ok(
      await caseworker.post(`/api/plans/${plan.id}/efforts`, {
        baseVersion: p.version, unitId: home.jobcenter.id, title: 'Fritaget for beskæftigelsespligt', kind: 'exemption', startsOn: '2026-01-01', endsOn: '2026-06-30', goalIds: [goal.id],
      }),
    );
    const family = p.efforts.find((e) => e.unit.id === home.family.id)!;
    p = await ok(await caseworker.post(`/api/plans/${plan.id}/efforts/${family.id}/support-levels`, { baseVersion: p.version, level: 'Pakke 2', validFrom: '2027-06-01', note: 'Mindre støtte' }));
    expect(p.efforts.find((e) => e.id === family.id)!.supportLevels.map((l) => l.level)).toEqual(['Pakke 2', 'Pakke 5']);
    expect(p.efforts.find((e) => e.kind === 'exemption')).toMatchObject({ endsOn: '2026-06-30', goalIds: [goal.id] });
    p = await ok(await caseworker.post(`/api/plans/${plan.id}/agreements`, { baseVersion: p.version, responsibleUnitId: home.family.id, text: 'Familieafdelingen indkalder til fælles møde hver måned.' }));
    expect(p.agreements).toHaveLength(1);
  });

  test('an effort ending before it starts, an unknown goal, a foreign unit: each a named field, nothing saved', async () => {
    const { plan, caseworker } = await aPlan();
    const p = await ok(await caseworker.post(`/api/plans/${plan.id}/goals`, { baseVersion: plan.version, wording: 'Mål' }));
    const base = { baseVersion: p.version, unitId: home.family.id, title: 'X', startsOn: '2026-05-01', goalIds: [p.goals[0]!.id] };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, endsOn: '2026-04-30' }, 'endsOn'],
      [{ ...base, goalIds: [other.citizen.id] }, 'goalIds'],
      [{ ...base, unitId: other.jobcenter.id }, 'unitId'],
      [{ ...base, title: '' }, 'title'],
      [{ ...base, title: 'x'.repeat(201) }, 'title'],
      [{ ...base, goalIds: [] }, 'goalIds'],
    ];
    for (const [body, field] of cases) {
      const res = await caseworker.post(`/api/plans/${plan.id}/efforts`, body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
    expect((await ok(await caseworker.get(`/api/plans/${plan.id}`))).efforts).toEqual([]);
  });

  test('empty and oversized text is refused, naming the field', async () => {
    const { plan, caseworker } = await aPlan();
    const empty = await caseworker.post(`/api/plans/${plan.id}/goals`, { baseVersion: plan.version, wording: '   ' });
    expect(empty.json().error).toMatchObject({ code: 'VALIDATION', field: 'wording' });
    const long = await caseworker.request('PATCH', `/api/plans/${plan.id}`, { baseVersion: plan.version, lifeStory: 'x'.repeat(20_001) });
    expect(long.json().error).toMatchObject({ code: 'VALIDATION', field: 'lifeStory' });
  });
});

describe('no lost update', () => {
  test('two edits based on the same version: one wins, the other gets 409 with the current plan, nothing lost', async () => {
    const { plan, caseworker } = await aPlan();
    const colleague = await as(app, 'staff', home.caseworker.id);
    const [a, b] = await Promise.all([
      caseworker.request('PATCH', `/api/plans/${plan.id}`, { baseVersion: plan.version, wishes: 'Mine ønsker A' }),
      colleague.request('PATCH', `/api/plans/${plan.id}`, { baseVersion: plan.version, wishes: 'Mine ønsker B' }),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    const winner = a.statusCode === 200 ? a : b;
    expect(loser.json().error.code).toBe('CONFLICT');
    expect(loser.json().current).toMatchObject({ version: 2, wishes: { text: winner.json().wishes.text } });
    const now = await ok(await caseworker.get(`/api/plans/${plan.id}`));
    expect(now.wishes!.text).toBe(winner.json().wishes.text);
  });
});

describe('the citizen co-authors', () => {
  test('the citizen rewrites a goal in their own words and comments; staff see it marked as theirs and as new', async () => {
    const { plan, citizen, caseworker } = await aPlan();
    let p = await ok(await caseworker.post(`/api/plans/${plan.id}/goals`, { baseVersion: plan.version, wording: 'Opnå stabil bolig' }));
    await caseworker.get(`/api/plans/${plan.id}`); // the caseworker has seen everything so far
    const me = await as(app, 'citizen', citizen.id);
    const mine = await ok(await me.get('/api/me/plan'));
    expect(mine.id).toBe(plan.id);
    p = await ok(await me.request('PATCH', `/api/plans/${plan.id}/goals/${p.goals[0]!.id}`, { baseVersion: mine.version, wording: 'Have mit eget sted at bo' }));
    p = await ok(await me.request('PATCH', `/api/plans/${plan.id}`, { baseVersion: p.version, wishes: 'Jeg vil gerne se mine børn hver weekend.' }));
    p = await ok(await me.post(`/api/plans/${plan.id}/comments`, { targetType: 'goal', targetId: p.goals[0]!.id, text: 'Det er det vigtigste for mig.' }));
    expect(p.goals[0]).toMatchObject({ wording: 'Have mit eget sted at bo', wordingAuthor: { kind: 'citizen', id: citizen.id } });

    const seen = await ok(await caseworker.get(`/api/plans/${plan.id}`));
    expect(seen.wishes!.author.kind).toBe('citizen');
    expect(seen.changesSinceLastSeen.map((c) => c.changeType)).toEqual(['goal.wordingChanged', 'wishes.changed', 'comment.added']);
    expect(seen.changesSinceLastSeen[0]).toMatchObject({ actor: { kind: 'citizen', name: citizen.name }, before: 'Opnå stabil bolig', after: 'Have mit eget sted at bo' });
    expect((await ok(await caseworker.get(`/api/plans/${plan.id}`))).changesSinceLastSeen).toEqual([]);

    const work = (await caseworker.get('/api/worklist')).json();
    expect(work.myPlans.find((x: { planId: string }) => x.planId === plan.id)).toMatchObject({ citizenId: citizen.id, planVersion: seen.version });

    // The summary says there is a plan to open without moving the "seen" mark; it is still a logged read.
    await me.post(`/api/plans/${plan.id}/comments`, { targetType: 'plan', text: 'Endnu en kommentar.' });
    const summary = (await caseworker.get(`/api/citizens/${citizen.id}/plan/summary`)).json();
    expect(summary).toMatchObject({ planId: plan.id, version: seen.version, coordinator: { id: home.caseworker.id } });
    expect((await ok(await caseworker.get(`/api/plans/${plan.id}`))).changesSinceLastSeen.map((c) => c.changeType)).toEqual(['comment.added']);
  });

  test('the citizen may not change status, dependencies or how disagreements are settled (403)', async () => {
    const { plan, citizen, caseworker } = await aPlan();
    const p = await ok(await caseworker.post(`/api/plans/${plan.id}/goals`, { baseVersion: plan.version, wording: 'Mål' }));
    const me = await as(app, 'citizen', citizen.id);
    expect((await me.request('PATCH', `/api/plans/${plan.id}/goals/${p.goals[0]!.id}`, { baseVersion: p.version, status: 'reached' })).statusCode).toBe(403);
    expect((await me.request('PATCH', `/api/plans/${plan.id}`, { baseVersion: p.version, disagreementProcedure: 'x' })).statusCode).toBe(403);
    expect((await me.post(`/api/plans/${plan.id}/goals`, { baseVersion: p.version, wording: 'Nyt' })).statusCode).toBe(403);
  });

  test('a proxy with the comment scope co-authors; one with only read may read but not write', async () => {
    const { plan, citizen } = await aPlan();
    const writer = await as(app, 'proxy', (await aProxy(database, home.municipality.id, citizen.id, ['plan.read', 'plan.comment'])).id);
    const reader = await as(app, 'proxy', (await aProxy(database, home.municipality.id, citizen.id, ['plan.read'])).id);
    const p = await ok(await writer.request('PATCH', `/api/plans/${plan.id}`, { baseVersion: plan.version, wishes: 'Han ønsker ro.' }));
    expect(p.wishes!.author.kind).toBe('proxy');
    expect((await reader.get('/api/me/plan')).statusCode).toBe(200);
    expect((await reader.request('PATCH', `/api/plans/${plan.id}`, { baseVersion: p.version, wishes: 'x' })).statusCode).toBe(403);
    expect((await reader.post(`/api/plans/${plan.id}/comments`, { targetType: 'plan', text: 'x' })).statusCode).toBe(403);
  });
});

describe('who sees the plan', () => {
  test('staff of another municipality, or of an uninvolved unit, get 404 on every plan endpoint', async () => {
    const { plan, citizen } = await aPlan();
    const library = await aUnit(database, home.municipality.id, 'library');
    const uninvolved = await as(app, 'staff', (await aStaffMember(database, home.municipality.id, [[library.id, 'caseworker']])).id);
    const stranger = await as(app, 'staff', other.caseworker.id);
    for (const client of [uninvolved, stranger]) {
      expect((await client.get(`/api/plans/${plan.id}`)).statusCode).toBe(404);
      expect((await client.get(`/api/plans/${plan.id}/history`)).statusCode).toBe(404);
      expect((await client.get(`/api/citizens/${citizen.id}/plan`)).statusCode).toBe(404);
      expect((await client.get(`/api/citizens/${citizen.id}/plan/summary`)).statusCode).toBe(404);
      expect((await client.request('PATCH', `/api/plans/${plan.id}`, { baseVersion: 1, wishes: 'x' })).statusCode).toBe(404);
      expect((await client.post(`/api/plans/${plan.id}/goals`, { baseVersion: 1, wording: 'x' })).statusCode).toBe(404);
      expect((await client.post(`/api/plans/${plan.id}/comments`, { targetType: 'plan', text: 'x' })).statusCode).toBe(404);
    }
    // Another citizen does not see it either.
    const someoneElse = await as(app, 'citizen', home.citizen.id);
    expect((await someoneElse.get(`/api/plans/${plan.id}`)).statusCode).toBe(404);
  });

  test('a unit that delivers an effort becomes involved and sees the plan', async () => {
    const { plan, caseworker } = await aPlan();
    const familyWorker = await as(app, 'staff', (await aStaffMember(database, home.municipality.id, [[home.family.id, 'frontline']])).id);
    expect((await familyWorker.get(`/api/plans/${plan.id}`)).statusCode).toBe(404);
    let p = await ok(await caseworker.post(`/api/plans/${plan.id}/goals`, { baseVersion: plan.version, wording: 'Mål' }));
    p = await ok(await caseworker.post(`/api/plans/${plan.id}/efforts`, { baseVersion: p.version, unitId: home.family.id, title: 'Familiebehandling', startsOn: '2026-01-01', goalIds: [p.goals[0]!.id] }));
    expect((await familyWorker.get(`/api/plans/${plan.id}`)).statusCode).toBe(200);
  });

  test('every staff read of a plan writes exactly one access-log row in the same transaction', async () => {
    const { plan, citizen, caseworker } = await aPlan();
    const count = async () =>
      (await database.db.select().from(auditEvents).where(and(eq(auditEvents.citizenId, citizen.id), eq(auditEvents.kind, 'read'), eq(auditEvents.action, 'plan.read')))).length;
    const before = await count();
    await caseworker.get(`/api/plans/${plan.id}`);
    await caseworker.get(`/api/plans/${plan.id}`);
    expect(await count()).toBe(before + 2);
  });
});

describe('moving between units keeps the plan', () => {
  test('a young person turns 18: coordination moves from the family department to the adult department; goals and history stay', async () => {
    const adult = await aUnit(database, home.municipality.id, 'adult_disability');
    const familyCoordinator = await aStaffMember(database, home.municipality.id, [[home.family.id, 'coordinator']]);
    const adultWorker = await aStaffMember(database, home.municipality.id, [[adult.id, 'caseworker']]);
    const citizen = await aCitizen(database, home.municipality.id);
    const fam = await as(app, 'staff', familyCoordinator.id);
    let p = await ok(await fam.post(`/api/citizens/${citizen.id}/plan`, {}));
    p = await ok(await fam.post(`/api/plans/${p.id}/goals`, { baseVersion: p.version, wording: 'Gennemføre 10. klasse' }));
    const goalsBefore = p.goals;
    p = await ok(await fam.put(`/api/plans/${p.id}/coordinator`, { baseVersion: p.version, coordinatorId: adultWorker.id, unitId: adult.id }));
    expect(p.coordinator).toMatchObject({ id: adultWorker.id, unit: { id: adult.id } });
    const adultClient = await as(app, 'staff', adultWorker.id);
    const seenByAdult = await ok(await adultClient.get(`/api/plans/${p.id}`));
    expect(seenByAdult.goals).toEqual(goalsBefore);
    const history = (await adultClient.get(`/api/plans/${p.id}/history`)).json().entries;
    expect(history.map((c: { changeType: string }) => c.changeType)).toEqual(['coordinator.handedOver', 'goal.added', 'plan.created']);
    // The family department is no longer involved.
    expect((await fam.get(`/api/plans/${p.id}`)).statusCode).toBe(404);
  });

  test('only the coordinator or a leader of the coordinating unit hands over (403 for others)', async () => {
    const { plan } = await aPlan();
    const colleague = await aStaffMember(database, home.municipality.id, [[home.jobcenter.id, 'frontline']]);
    const res = await (await as(app, 'staff', colleague.id)).put(`/api/plans/${plan.id}/coordinator`, { baseVersion: plan.version, coordinatorId: colleague.id, unitId: home.jobcenter.id });
    expect(res.statusCode).toBe(403);
  });
});

describe('history', () => {
  test('history rows cannot be changed or deleted', async () => {
    const { plan } = await aPlan();
    await expect(database.db.execute(sql`UPDATE plan_changes SET change_type = 'x' WHERE plan_id = ${plan.id}`)).rejects.toThrow();
    await expect(database.db.execute(sql`DELETE FROM plan_changes WHERE plan_id = ${plan.id}`)).rejects.toThrow();
    expect((await database.db.select().from(planChanges).where(eq(planChanges.planId, plan.id))).length).toBe(1);
  });

  test.runIf(engine === 'postgres')('many concurrent edits: versions strictly increase, and exactly the winners are in the history', async () => {
    const { plan, caseworker } = await aPlan();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => caseworker.request('PATCH', `/api/plans/${plan.id}`, { baseVersion: plan.version, wishes: `Bud ${i}` })),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    const rows = await query<{ n: number }>(database.db, sql`SELECT count(*) AS n FROM plan_changes WHERE plan_id = ${plan.id} AND change_type = 'wishes.changed'`);
    expect(Number(rows[0]!.n)).toBe(1);
  });
});

describe('the plan page is one statement', () => {
  const kindOf = (text: string) =>
    /FROM sessions s/.test(text) ? 'session'
    : /^\s*(begin|commit)/i.test(text) ? 'transaction'
    : /plan_documents/.test(text) && /INSERT INTO audit_events/.test(text) && /INSERT INTO plan_views/.test(text) ? 'plan page, its log row and seen mark'
    : text.slice(0, 60);

  test('staff: the session, then one statement (no transaction) that reads the page, logs it and moves the seen mark only when there is something new', async () => {
    const { plan, caseworker } = await aPlan();
    const reads = async () => Number((await query<{ n: number }>(database.db, sql`SELECT count(*) AS n FROM audit_events WHERE subject_id = ${plan.id} AND kind = 'read'`))[0]!.n);
    const mark = async () => (await query<{ m: number }>(database.db, sql`SELECT last_seen_change_id AS m FROM plan_views WHERE plan_id = ${plan.id} AND viewer_kind = 'staff'`))[0]?.m;
    const newest = async () => Number((await query<{ m: number }>(database.db, sql`SELECT max(id) AS m FROM plan_changes WHERE plan_id = ${plan.id}`))[0]!.m);
    const collect = async (url: string) => {
      statements = [];
      const res = await caseworker.get(url);
      const sent = statements.map(kindOf);
      statements = undefined;
      expect(res.statusCode).toBe(200);
      return sent;
    };
    const before = await reads();
    // Creating the plan showed it to its creator: nothing is new, and the mark stays.
    const seenAtCreation = await mark();
    expect(await collect(`/api/plans/${plan.id}`)).toEqual(['session', 'plan page, its log row and seen mark']);
    expect(await reads()).toBe(before + 1);
    expect(await mark()).toBe(seenAtCreation);
    const citizen = await as(app, 'citizen', plan.citizen.id);
    expect((await citizen.post(`/api/plans/${plan.id}/comments`, { targetType: 'plan', text: 'Jeg vil gerne starte om morgenen.' })).statusCode).toBe(200);
    expect(await collect(`/api/plans/${plan.id}`)).toEqual(['session', 'plan page, its log row and seen mark']);
    expect(await reads()).toBe(before + 2);
    expect(await mark()).toBe(await newest());
  });
});

describe('a write that changes nothing', () => {
  test('keeps the version and writes no history: the same wishes, the same effort, a hand-over to the coordinator they have', async () => {
    const { plan, caseworker } = await aPlan();
    let p = await ok(await caseworker.post(`/api/plans/${plan.id}/goals`, { baseVersion: plan.version, wording: 'Et job' }));
    p = await ok(await caseworker.post(`/api/plans/${plan.id}/efforts`, { baseVersion: p.version, unitId: home.jobcenter.id, title: 'Praktik', startsOn: '2026-02-01', goalIds: [p.goals[0]!.id] }));
    p = await ok(await caseworker.request('PATCH', `/api/plans/${plan.id}`, { baseVersion: p.version, wishes: 'Ro i hverdagen' }));
    const history = async () => Number((await query<{ n: number }>(database.db, sql`SELECT count(*) AS n FROM plan_changes WHERE plan_id = ${plan.id}`))[0]!.n);
    const rows = await history();
    const same = [
      await caseworker.request('PATCH', `/api/plans/${plan.id}`, { baseVersion: p.version, wishes: 'Ro i hverdagen' }),
      await caseworker.request('PATCH', `/api/plans/${plan.id}/efforts/${p.efforts[0]!.id}`, { baseVersion: p.version, title: 'Praktik', goalIds: [p.goals[0]!.id] }),
      await caseworker.request('PATCH', `/api/plans/${plan.id}/goals/${p.goals[0]!.id}`, { baseVersion: p.version, wording: 'Et job' }),
      await caseworker.put(`/api/plans/${plan.id}/coordinator`, { baseVersion: p.version, coordinatorId: p.coordinator.id, unitId: p.coordinator.unit.id }),
    ];
    for (const res of same) expect((await ok(res)).version).toBe(p.version);
    expect(await history()).toBe(rows);
    // A real change still moves it on.
    const changed = await ok(await caseworker.request('PATCH', `/api/plans/${plan.id}/efforts/${p.efforts[0]!.id}`, { baseVersion: p.version, title: 'Praktik i Brugsen' }));
    expect(changed.version).toBe(p.version + 1);
    expect(await history()).toBe(rows + 1);
  });
});

describe('the history', () => {
  test('is keyset-paged newest first: every change reachable, none twice, and bad paging parameters are 400 naming the field', async () => {
    const { plan, caseworker } = await aPlan();
    let version = plan.version;
    for (let i = 1; i <= 7; i++) version = (await ok(await caseworker.request('PATCH', `/api/plans/${plan.id}`, { baseVersion: version, wishes: `Ønske ${i}` }))).version;
    const seen: { id: number; version: number }[] = [];
    let before: number | null | undefined;
    let pages = 0;
    do {
      const res = await caseworker.get(`/api/plans/${plan.id}/history?limit=3${before ? `&before=${before}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as { entries: { id: number; version: number }[]; nextBefore: number | null };
      seen.push(...page.entries);
      before = page.nextBefore;
      pages += 1;
    } while (before);
    expect(pages).toBe(3); // 8 changes: the creation and seven new wishes
    expect(seen.map((c) => c.version)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(new Set(seen.map((c) => c.id)).size).toBe(8);
    for (const q of ['limit=0', 'limit=201', 'before=-1', 'before=abc', 'other=1']) {
      const res = await caseworker.get(`/api/plans/${plan.id}/history?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.field, q).toBe(q.split('=')[0]);
    }
  });
});

describe('a unit asks to be involved in a plan it cannot see', () => {
  test('told who coordinates (a logged read), it asks once; the coordinator accepts from the work list and the unit is involved', async () => {
    const { plan, citizen, caseworker } = await aPlan();
    const housing = await aUnit(database, home.municipality.id, 'housing_support');
    const housingWorker = await as(app, 'staff', (await aStaffMember(database, home.municipality.id, [[housing.id, 'caseworker']])).id);
    const reads = async () => Number((await query<{ n: number }>(database.db, sql`SELECT count(*) AS n FROM audit_events WHERE kind = 'read' AND citizen_id = ${citizen.id} AND action = 'plan.exists.read'`))[0]!.n);

    const second = await housingWorker.post(`/api/citizens/${citizen.id}/plan`, {});
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({ code: 'CONFLICT', reason: 'planExists', field: 'citizenId' });
    expect(second.json().existingPlan).toEqual({ coordinator: { name: plan.coordinator.name }, unit: { name: plan.coordinator.unit.name }, planId: null, requestPending: false });
    expect(await reads()).toBe(1);
    expect((await housingWorker.get(`/api/plans/${plan.id}`)).statusCode).toBe(404);

    const short = await housingWorker.post(`/api/citizens/${citizen.id}/involvement-requests`, { reason: 'Kort' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.field).toBe('reason');
    const asked = await housingWorker.post(`/api/citizens/${citizen.id}/involvement-requests`, { reason: 'Vi yder bostøtte og skal koordinere besøgene' });
    expect(asked.statusCode, asked.body).toBe(200);
    expect((await housingWorker.post(`/api/citizens/${citizen.id}/involvement-requests`, { reason: 'Vi spørger en gang til for en sikkerheds skyld' })).statusCode).toBe(409);
    expect((await housingWorker.post(`/api/citizens/${citizen.id}/plan`, {})).json().existingPlan.requestPending).toBe(true);

    const list = (await caseworker.get('/api/worklist')).json();
    expect(list.involvementRequests).toEqual([
      expect.objectContaining({ id: asked.json().id, planId: plan.id, citizenId: citizen.id, unit: { id: housing.id, name: housing.name }, reason: 'Vi yder bostøtte og skal koordinere besøgene' }),
    ]);
    // Only the coordinator (or a leader of the coordinating unit) answers; others find nothing.
    expect((await housingWorker.post(`/api/involvement-requests/${asked.json().id}/decision`, { decision: 'accepted' })).statusCode).toBe(404);
    const colleague = await as(app, 'staff', (await aStaffMember(database, home.municipality.id, [[home.jobcenter.id, 'caseworker']])).id);
    expect((await colleague.post(`/api/involvement-requests/${asked.json().id}/decision`, { decision: 'accepted' })).statusCode).toBe(403);
    expect((await caseworker.post(`/api/involvement-requests/${asked.json().id}/decision`, { decision: 'maybe' })).statusCode).toBe(400);
    const accepted = await caseworker.post(`/api/involvement-requests/${asked.json().id}/decision`, { decision: 'accepted', note: 'Velkommen' });
    expect(accepted.json()).toEqual({ id: asked.json().id, status: 'accepted' });
    expect((await caseworker.post(`/api/involvement-requests/${asked.json().id}/decision`, { decision: 'declined' })).statusCode).toBe(404);
    expect((await caseworker.get('/api/worklist')).json().involvementRequests).toEqual([]);

    // Involved now: the plan opens, with what consents name (none yet) — not the citizen's words.
    const seen = (await housingWorker.get(`/api/plans/${plan.id}`)).json();
    expect(seen.access.basis).toBe('involvement');
    expect(seen.lifeStory).toBeNull();
    expect((await housingWorker.post(`/api/citizens/${citizen.id}/involvement-requests`, { reason: 'Vi yder bostøtte og skal koordinere besøgene' })).statusCode).toBe(409);
  });

  test('a declined request leaves the unit outside; another municipality and a citizen without a plan are 404', async () => {
    const { plan, citizen, caseworker } = await aPlan();
    const library = await aUnit(database, home.municipality.id, 'library');
    const librarian = await as(app, 'staff', (await aStaffMember(database, home.municipality.id, [[library.id, 'caseworker']])).id);
    const asked = (await librarian.post(`/api/citizens/${citizen.id}/involvement-requests`, { reason: 'Borgeren kommer tit på biblioteket' })).json();
    expect((await caseworker.post(`/api/involvement-requests/${asked.id}/decision`, { decision: 'declined', note: 'Ikke relevant' })).json().status).toBe('declined');
    expect((await librarian.get(`/api/plans/${plan.id}`)).statusCode).toBe(404);
    // Declined, they may ask again later with a better reason.
    expect((await librarian.post(`/api/citizens/${citizen.id}/involvement-requests`, { reason: 'Borgeren har bedt os om hjælp med ansøgninger' })).statusCode).toBe(200);
    const outsider = await as(app, 'staff', other.caseworker.id);
    expect((await outsider.post(`/api/citizens/${citizen.id}/involvement-requests`, { reason: 'Vi vil gerne være med i planen' })).statusCode).toBe(404);
    expect((await outsider.post(`/api/involvement-requests/${asked.id}/decision`, { decision: 'accepted' })).statusCode).toBe(404);
    const planless = await aCitizen(database, home.municipality.id);
    expect((await librarian.post(`/api/citizens/${planless.id}/involvement-requests`, { reason: 'Vi vil gerne være med i planen' })).statusCode).toBe(404);
  });
});
