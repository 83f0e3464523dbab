import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { PlanView } from '@sammen/domain/plans';
import { auditEvents } from '../audit/audit.schema.ts';
import { consents } from './consent.schema.ts';
import type { Database } from '../../platform/db.ts';
import { as, testApp, testDatabase, type TestClient } from '../../../test/helpers.ts';
import { aCitizen, aProxy, aSmallMunicipality, aStaffMember, aUnit } from '../identity/identity.factories.ts';
import { inDays, today } from '../../../test/dates.ts';

let database: Database;
let app: FastifyInstance;
let home: Awaited<ReturnType<typeof aSmallMunicipality>>;
let other: Awaited<ReturnType<typeof aSmallMunicipality>>;

beforeAll(async () => {
  database = await testDatabase();
  app = await testApp(database);
  home = await aSmallMunicipality(database);
  other = await aSmallMunicipality(database);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function ok<T = PlanView>(res: Awaited<ReturnType<TestClient['get']>>): Promise<T> {
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
}

/**
 * Scenario 3: the family department coordinates; the jobcenter (work), the region's psychiatry
 * (health) and housing support (housing) each deliver an effort. Nobody has consent yet.
 */
async function scenario3() {
  const m = home.municipality.id;
  const family = await aUnit(database, m, 'family');
  const jobcenter = await aUnit(database, m, 'jobcenter');
  const psychiatry = await aUnit(database, m, 'partner');
  const housing = await aUnit(database, m, 'housing_support');
  const library = await aUnit(database, m, 'library');
  const staffOf = async (unitId: string, role: 'coordinator' | 'caseworker' | 'partner' | 'frontline' | 'leader' = 'caseworker') =>
    as(app, 'staff', (await aStaffMember(database, m, [[unitId, role]])).id);
  const coordinator = await staffOf(family.id, 'coordinator');
  const citizen = await aCitizen(database, m);
  let p = await ok(await coordinator.post(`/api/citizens/${citizen.id}/plan`, { lifeStory: 'Min historie.', wishes: 'Mine ønsker.' }));
  p = await ok(await coordinator.post(`/api/plans/${p.id}/goals`, { baseVersion: p.version, wording: 'Faste rutiner derhjemme' }));
  const goal = p.goals[0]!.id;
  for (const [unitId, title, area] of [
    [family.id, 'Familiekonsulent', 'family'],
    [jobcenter.id, 'Fritaget for beskæftigelsespligt', 'work'],
    [psychiatry.id, 'Ambulant behandling', 'health'],
    [housing.id, 'Bostøtte', 'housing'],
  ] as const) {
    p = await ok(await coordinator.post(`/api/plans/${p.id}/efforts`, { baseVersion: p.version, unitId, title, area, startsOn: '2026-01-01', goalIds: [goal] }));
  }
  await ok(await coordinator.post(`/api/plans/${p.id}/comments`, { targetType: 'plan', text: 'Godt møde i dag.' }));
  return {
    m, citizen, planId: p.id, family, jobcenter, psychiatry, housing, library, coordinator,
    job: await staffOf(jobcenter.id), psych: await staffOf(psychiatry.id, 'partner'), housingWorker: await staffOf(housing.id, 'frontline'),
    librarian: await staffOf(library.id), me: await as(app, 'citizen', citizen.id),
  };
}

const give = (me: TestClient, recipientUnitId: string, sections: string[], extra: Record<string, unknown> = {}) =>
  me.post('/api/me/consents', { recipientUnitId, sections, purpose: 'Så vi kan arbejde sammen om min plan', startsOn: today(), ...extra });

describe('who sees what', () => {
  test('scenario 3: three units see what the consent names, a fourth sees only its own effort, an uninvolved unit nothing', async () => {
    const s = await scenario3();
    await ok(await give(s.me, s.jobcenter.id, ['goals', 'work', 'family']));
    await ok(await give(s.me, s.psychiatry.id, ['goals', 'life_story', 'health']));

    const coord = await ok(await s.coordinator.get(`/api/plans/${s.planId}`));
    expect(coord.access.basis).toBe('coordination');
    expect(coord.efforts).toHaveLength(4);
    expect(coord.lifeStory?.text).toBe('Min historie.');

    const job = await ok(await s.job.get(`/api/plans/${s.planId}`));
    expect(job.access).toMatchObject({ basis: 'consent', sections: expect.arrayContaining(['goals', 'work', 'family']) });
    expect(job.goals).toHaveLength(1);
    expect(job.efforts.map((e) => e.title).sort()).toEqual(['Familiekonsulent', 'Fritaget for beskæftigelsespligt']);
    expect(job.lifeStory).toBeNull();
    expect(job.wishes).toBeNull();
    expect(job.comments).toEqual([]);

    const psych = await ok(await s.psych.get(`/api/plans/${s.planId}`));
    expect(psych.lifeStory?.text).toBe('Min historie.');
    expect(psych.efforts.map((e) => e.title)).toEqual(['Ambulant behandling']);

    const housing = await ok(await s.housingWorker.get(`/api/plans/${s.planId}`));
    expect(housing.access).toMatchObject({ basis: 'involvement', sections: [] });
    expect(housing.goals).toEqual([]);
    expect(housing.efforts.map((e) => e.title)).toEqual(['Bostøtte']);
    expect(housing.efforts[0]!.goalIds).toEqual([]);
    // Their first visit: what others did that they may see (their own effort), none of the goals or texts.
    expect(housing.changesSinceLastSeen.map((c) => c.targetType).filter((t) => ['goal', 'life_story', 'wishes'].includes(t))).toEqual([]);
    const history = (await s.housingWorker.get(`/api/plans/${s.planId}/history`)).json().entries as { changeType: string; targetType: string }[];
    expect(history.every((c) => !['goal', 'life_story', 'wishes'].includes(c.targetType))).toBe(true);

    expect((await s.librarian.get(`/api/plans/${s.planId}`)).statusCode).toBe(404);
  });

  test('a unit cannot change what it cannot see', async () => {
    const s = await scenario3();
    const housing = await ok(await s.housingWorker.get(`/api/plans/${s.planId}`));
    const res = await s.housingWorker.post(`/api/plans/${s.planId}/goals`, { baseVersion: housing.version, wording: 'Nyt mål' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CONSENT_REQUIRED');
    const wishes = await s.housingWorker.request('PATCH', `/api/plans/${s.planId}`, { baseVersion: housing.version, wishes: 'x' });
    expect(wishes.json().error.code).toBe('CONSENT_REQUIRED');
    expect((await ok(await s.coordinator.get(`/api/plans/${s.planId}`))).version).toBe(housing.version);
  });

  test('every read names its basis and sections in the access log', async () => {
    const s = await scenario3();
    const consent = (await ok<{ consents: { id: string }[] }>(await give(s.me, s.jobcenter.id, ['goals']))).consents[0]!;
    await s.job.get(`/api/plans/${s.planId}`);
    const [row] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.citizenId, s.citizen.id), eq(auditEvents.kind, 'read'), eq(auditEvents.actorUnitId, s.jobcenter.id)));
    expect(row!.details).toMatchObject({ basis: 'consent', sections: ['goals'], consentIds: [consent.id] });
  });
});

describe('revocation and expiry', () => {
  test('a revoked consent blocks the very next request', async () => {
    const s = await scenario3();
    const { consents: list } = await ok<{ consents: { id: string; state: string }[] }>(await give(s.me, s.jobcenter.id, ['goals', 'life_story']));
    expect((await ok(await s.job.get(`/api/plans/${s.planId}`))).goals).toHaveLength(1);
    const impact = await ok<{ loses: string[] }>(await s.me.get(`/api/me/consents/${list[0]!.id}/impact`));
    expect(impact.loses.sort()).toEqual(['goals', 'life_story']);
    const after = await ok<{ consents: { id: string; state: string }[] }>(await s.me.post(`/api/me/consents/${list[0]!.id}/revoke`, {}));
    expect(after.consents[0]!.state).toBe('revoked');
    const next = await ok(await s.job.get(`/api/plans/${s.planId}`));
    expect(next.goals).toEqual([]);
    expect(next.lifeStory).toBeNull();
  });

  test('an expired consent stops on its end date, a future one has not started — no job runs', async () => {
    const s = await scenario3();
    await ok(await give(s.me, s.jobcenter.id, ['goals'], { startsOn: inDays(1) }));
    expect((await ok(await s.job.get(`/api/plans/${s.planId}`))).goals).toEqual([]);
    await ok(await give(s.me, s.jobcenter.id, ['life_story'], { startsOn: inDays(-30), endsOn: inDays(5) }));
    expect((await ok(await s.job.get(`/api/plans/${s.planId}`))).lifeStory).not.toBeNull();
    // Time passes: the end date arrives.
    await database.db.update(consents).set({ endsOn: today(), startsOn: inDays(-30) }).where(and(eq(consents.citizenId, s.citizen.id), sql`'life_story' = ANY(sections)`));
    expect((await ok(await s.job.get(`/api/plans/${s.planId}`))).lifeStory).toBeNull();
    const states = (await ok<{ consents: { state: string }[] }>(await s.me.get('/api/me/consents'))).consents.map((c) => c.state).sort();
    expect(states).toEqual(['expired', 'pending']);
  });
});

describe('giving consent', () => {
  test('staff propose, the citizen gives it in the portal', async () => {
    const s = await scenario3();
    const proposed = await ok<{ id: string; state: string; proposedBy: { kind: string } }[]>(
      await s.coordinator.post(`/api/citizens/${s.citizen.id}/consents/proposals`, {
        recipientUnitId: s.jobcenter.id, sections: ['goals'], purpose: 'Jobcentret skal kende målene', startsOn: today(),
      }),
    );
    expect(proposed[0]).toMatchObject({ state: 'proposed', proposedBy: { kind: 'staff' } });
    expect((await ok(await s.job.get(`/api/plans/${s.planId}`))).goals).toEqual([]);
    const given = await ok<{ consents: { state: string; givenBy: { kind: string } }[] }>(await s.me.post(`/api/me/consents/${proposed[0]!.id}/give`, {}));
    expect(given.consents[0]).toMatchObject({ state: 'active', givenBy: { kind: 'citizen' } });
    expect((await ok(await s.job.get(`/api/plans/${s.planId}`))).goals).toHaveLength(1);
  });

  test('staff record a paper or oral consent, marked as such; a proxy must hold the right', async () => {
    const s = await scenario3();
    const base = { recipientUnitId: s.psychiatry.id, sections: ['health'], purpose: 'Psykiatrien og kommunen koordinerer', startsOn: today() };
    const list = await ok<{ method: string; note: string; state: string }[]>(
      await s.coordinator.post(`/api/citizens/${s.citizen.id}/consents/records`, { ...base, method: 'oral', note: 'Givet mundtligt på mødet 12/11', givenBy: 'citizen' }),
    );
    expect(list[0]).toMatchObject({ method: 'oral', note: 'Givet mundtligt på mødet 12/11', state: 'active' });
    const readOnly = await aProxy(database, s.m, s.citizen.id, ['plan.read']);
    const bad = await s.coordinator.post(`/api/citizens/${s.citizen.id}/consents/records`, { ...base, method: 'paper', note: 'Scannet', givenBy: 'proxy', proxyId: readOnly.id });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('proxyId');
  });

  test('bad input: another municipality’s unit, end before start, no purpose, no sections — each names the field', async () => {
    const s = await scenario3();
    const cases: [Record<string, unknown>, string][] = [
      [{ recipientUnitId: other.jobcenter.id }, 'recipientUnitId'],
      [{ endsOn: inDays(-1) }, 'endsOn'],
      [{ purpose: '' }, 'purpose'],
      [{ sections: [] }, 'sections'],
      [{ sections: ['diary'] }, 'sections.0'],
    ];
    for (const [change, field] of cases) {
      const res = await s.me.post('/api/me/consents', { recipientUnitId: s.jobcenter.id, sections: ['goals'], purpose: 'Til koordinering af planen', startsOn: today(), ...change });
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
    expect((await ok<{ consents: unknown[] }>(await s.me.get('/api/me/consents'))).consents).toEqual([]);
  });

  test('nobody revokes someone else’s consent; a proxy outside its scope is refused', async () => {
    const s = await scenario3();
    const { consents: list } = await ok<{ consents: { id: string }[] }>(await give(s.me, s.jobcenter.id, ['goals']));
    const stranger = await as(app, 'citizen', (await aCitizen(database, s.m)).id);
    expect((await stranger.post(`/api/me/consents/${list[0]!.id}/revoke`, {})).statusCode).toBe(404);
    const reader = await as(app, 'proxy', (await aProxy(database, s.m, s.citizen.id, ['plan.read'])).id);
    expect((await reader.post(`/api/me/consents/${list[0]!.id}/revoke`, {})).statusCode).toBe(403);
    const manager = await as(app, 'proxy', (await aProxy(database, s.m, s.citizen.id, ['plan.read', 'consent.manage'])).id);
    expect((await manager.post(`/api/me/consents/${list[0]!.id}/revoke`, {})).statusCode).toBe(200);
  });

  test('staff outside the citizen’s involvement or municipality get 404 for consents', async () => {
    const s = await scenario3();
    expect((await s.librarian.get(`/api/citizens/${s.citizen.id}/consents`)).statusCode).toBe(404);
    expect((await (await as(app, 'staff', other.caseworker.id)).get(`/api/citizens/${s.citizen.id}/consents`)).statusCode).toBe(404);
    await ok(await give(s.me, s.jobcenter.id, ['goals']));
    await ok(await give(s.me, s.psychiatry.id, ['health']));
    expect((await ok<unknown[]>(await s.coordinator.get(`/api/citizens/${s.citizen.id}/consents`))).length).toBe(2);
    expect((await ok<{ recipient: { id: string } }[]>(await s.job.get(`/api/citizens/${s.citizen.id}/consents`))).map((c) => c.recipient.id)).toEqual([s.jobcenter.id]);
  });
});

describe('declining a proposal', () => {
  const propose = async (s: Awaited<ReturnType<typeof scenario3>>) => {
    const body = { recipientUnitId: s.jobcenter.id, sections: ['goals'], purpose: 'Jobcentret skal kende målene', startsOn: today() };
    return (await ok<{ id: string }[]>(await s.coordinator.post(`/api/citizens/${s.citizen.id}/consents/proposals`, body)))[0]!.id;
  };

  test('the citizen says no with a reason; the proposer sees it, nobody gets access, and it cannot be given afterwards', async () => {
    const s = await scenario3();
    const id = await propose(s);
    const mine = await ok<{ consents: { id: string; state: string; declineReason: string; declinedAt: string | null }[] }>(
      await s.me.post(`/api/me/consents/${id}/decline`, { reason: 'Jeg vil selv fortælle jobcentret om mine mål.' }),
    );
    expect(mine.consents.find((c) => c.id === id)).toMatchObject({ state: 'declined', declineReason: 'Jeg vil selv fortælle jobcentret om mine mål.' });
    const staffSide = await ok<{ id: string; state: string; declineReason: string; declinedAt: string | null }[]>(await s.coordinator.get(`/api/citizens/${s.citizen.id}/consents`));
    expect(staffSide.find((c) => c.id === id)).toMatchObject({ state: 'declined', declineReason: 'Jeg vil selv fortælle jobcentret om mine mål.' });
    expect(staffSide.find((c) => c.id === id)!.declinedAt).toBeTruthy();
    expect((await ok(await s.job.get(`/api/plans/${s.planId}`))).goals).toEqual([]);
    expect((await s.me.post(`/api/me/consents/${id}/give`, {})).statusCode).toBe(409);
    expect((await s.me.post(`/api/me/consents/${id}/decline`, {})).statusCode).toBe(409);
    const [row] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, id), eq(auditEvents.action, 'consent.declined')));
    expect(row).toMatchObject({ kind: 'write', actorKind: 'citizen', citizenId: s.citizen.id });
    expect(JSON.stringify(row!.details)).not.toContain('jobcentret');
  });

  test('the reason is optional; a given consent cannot be declined', async () => {
    const s = await scenario3();
    const id = await propose(s);
    const mine = await ok<{ consents: { id: string; state: string; declineReason: string }[] }>(await s.me.post(`/api/me/consents/${id}/decline`, {}));
    expect(mine.consents.find((c) => c.id === id)).toMatchObject({ state: 'declined', declineReason: '' });
    const { consents: given } = await ok<{ consents: { id: string }[] }>(await give(s.me, s.psychiatry.id, ['health']));
    expect((await s.me.post(`/api/me/consents/${given[0]!.id}/decline`, {})).statusCode).toBe(409);
  });

  test('another citizen gets 404; staff, and a proxy without the consent right, get 403; a proxy with it may', async () => {
    const s = await scenario3();
    const id = await propose(s);
    const stranger = await as(app, 'citizen', (await aCitizen(database, s.m)).id);
    expect((await stranger.post(`/api/me/consents/${id}/decline`, {})).statusCode).toBe(404);
    expect((await s.coordinator.post(`/api/me/consents/${id}/decline`, {})).statusCode).toBe(403);
    const reader = await as(app, 'proxy', (await aProxy(database, s.m, s.citizen.id, ['plan.read'])).id);
    expect((await reader.post(`/api/me/consents/${id}/decline`, {})).statusCode).toBe(403);
    expect((await ok<{ consents: { id: string; state: string }[] }>(await s.me.get('/api/me/consents'))).consents.find((c) => c.id === id)?.state).toBe('proposed');
    const manager = await as(app, 'proxy', (await aProxy(database, s.m, s.citizen.id, ['plan.read', 'consent.manage'])).id);
    expect((await manager.post(`/api/me/consents/${id}/decline`, { reason: 'Gerda vil ikke.' })).statusCode).toBe(200);
  });

  test('bad input names the field: a reason too long, a reason that is not text, an unknown field', async () => {
    const s = await scenario3();
    const id = await propose(s);
    const cases: [Record<string, unknown>, string][] = [
      [{ reason: 'x'.repeat(501) }, 'reason'],
      [{ reason: 42 }, 'reason'],
    ];
    for (const [body, field] of cases) {
      const res = await s.me.post(`/api/me/consents/${id}/decline`, body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
    expect((await s.me.post(`/api/me/consents/${id}/decline`, { why: 'x' })).statusCode).toBe(400);
    expect((await ok<{ consents: { id: string; state: string }[] }>(await s.me.get('/api/me/consents'))).consents.find((c) => c.id === id)?.state).toBe('proposed');
  });
});

describe('break-glass', () => {
  test('an uninvolved staff member opens the plan for an urgent reason; it is logged, shown to the citizen, reviewed by the leader, and runs out', async () => {
    const s = await scenario3();
    expect((await s.librarian.get(`/api/plans/${s.planId}`)).statusCode).toBe(404);
    const short = await s.librarian.post(`/api/citizens/${s.citizen.id}/break-glass`, { reason: 'Akut' });
    expect(short.json().error.field).toBe('reason');
    const opened = await ok<{ id: string; planId: string }>(
      await s.librarian.post(`/api/citizens/${s.citizen.id}/break-glass`, { reason: 'Borgeren er i krise på biblioteket og beder om hjælp nu', minutes: 30 }),
    );
    const seen = await ok(await s.librarian.get(`/api/plans/${opened.planId}`));
    expect(seen.access).toMatchObject({ basis: 'break_glass', breakGlassId: opened.id });
    expect(seen.lifeStory?.text).toBe('Min historie.');

    const mine = await ok<{ breakGlass: { reason: string }[] }>(await s.me.get('/api/me/consents'));
    expect(mine.breakGlass[0]!.reason).toMatch(/krise/);
    const log = await ok<{ entries: { basis: string }[] }>(await s.me.get('/api/me/access-log'));
    expect(log.entries.some((e) => e.basis === 'break_glass')).toBe(true);

    const leader = await as(app, 'staff', (await aStaffMember(database, s.m, [[s.library.id, 'leader']])).id);
    const list = await ok<{ id: string; reviewedAt: string | null }[]>(await leader.get('/api/break-glass'));
    expect(list.map((b) => b.id)).toContain(opened.id);
    expect((await s.librarian.get('/api/break-glass')).statusCode).toBe(403);
    const reviewed = await ok<{ id: string; reviewedAt: string | null }[]>(await leader.post(`/api/break-glass/${opened.id}/review`, { note: 'Berettiget' }));
    expect(reviewed.find((b) => b.id === opened.id)!.reviewedAt).not.toBeNull();
    // Another unit's leader cannot review it.
    const otherLeader = await as(app, 'staff', (await aStaffMember(database, s.m, [[s.housing.id, 'leader']])).id);
    expect((await otherLeader.post(`/api/break-glass/${opened.id}/review`, { note: 'x y' })).statusCode).toBe(404);

    await database.db.execute(sql`UPDATE break_glass SET expires_at = now() - interval '1 second' WHERE id = ${opened.id}`);
    expect((await s.librarian.get(`/api/plans/${opened.planId}`)).statusCode).toBe(404);
  });

  test('partners cannot break the glass (403); another municipality’s citizen is 404', async () => {
    const s = await scenario3();
    expect((await s.psych.post(`/api/citizens/${s.citizen.id}/break-glass`, { reason: 'Borgeren er i akut krise og har brug for hjælp' })).statusCode).toBe(403);
    expect((await s.librarian.post(`/api/citizens/${other.citizen.id}/break-glass`, { reason: 'Borgeren er i akut krise og har brug for hjælp' })).statusCode).toBe(404);
  });
});

describe('who looked at my data', () => {
  test('the citizen sees every read: when, unit, role, name, what and why — keyset-paged and filterable', async () => {
    const s = await scenario3();
    await ok(await give(s.me, s.jobcenter.id, ['goals']));
    for (let i = 0; i < 3; i++) await s.job.get(`/api/plans/${s.planId}`);
    await s.coordinator.get(`/api/plans/${s.planId}`);
    const first = await ok<{ entries: { id: number; unit: { id: string } | null; basis: string; personName: string | null; sections: string[] }[]; nextBefore: number | null }>(
      await s.me.get('/api/me/access-log?limit=2'),
    );
    expect(first.entries).toHaveLength(2);
    expect(first.entries[0]).toMatchObject({ unit: { id: s.family.id }, basis: 'coordination' });
    expect(first.entries[0]!.personName).toBeTruthy();
    const second = await ok<{ entries: { id: number }[] }>(await s.me.get(`/api/me/access-log?limit=2&before=${first.nextBefore}`));
    expect(second.entries[0]!.id).toBeLessThan(first.entries[1]!.id);
    const job = await ok<{ entries: { unit: { id: string }; sections: string[] }[] }>(await s.me.get(`/api/me/access-log?unitId=${s.jobcenter.id}`));
    // Exactly the jobcenter's three reads, one row each, with the section its consent names.
    expect(job.entries).toMatchObject(Array.from({ length: 3 }, () => ({ unit: { id: s.jobcenter.id }, sections: ['goals'] })));
    // Staff cannot read a citizen's access log through this endpoint.
    expect((await s.coordinator.get('/api/me/access-log')).statusCode).toBe(403);
  });

  test('the role shown is the one the person had in that read, not the roles they hold in their unit; one reader, one key', async () => {
    const s = await scenario3();
    await ok(await give(s.me, s.jobcenter.id, ['goals']));
    // The jobcenter's coordinator (like Anne) reads a plan the family department coordinates.
    const jobCoordinator = await as(app, 'staff', (await aStaffMember(database, s.m, [[s.jobcenter.id, 'coordinator']])).id);
    await ok(await jobCoordinator.get(`/api/plans/${s.planId}`));
    await jobCoordinator.get(`/api/plans/${s.planId}/history`);
    await ok(await s.housingWorker.get(`/api/plans/${s.planId}`));
    await ok(await s.coordinator.get(`/api/plans/${s.planId}`));
    const log = await ok<{ entries: { unit: { id: string } | null; role: string | null; readerKey: string; action: string }[] }>(await s.me.get('/api/me/access-log'));
    const of = (unitId: string) => log.entries.filter((e) => e.unit?.id === unitId);
    expect(of(s.jobcenter.id).map((e) => e.role)).toEqual(['consent', 'consent']);
    expect(of(s.housing.id).map((e) => e.role)).toEqual(['involved']);
    expect(of(s.family.id).filter((e) => e.action === 'plan.read').map((e) => e.role)).toContain('coordinating');
    expect(log.entries.some((e) => e.role === 'coordinator')).toBe(false);
    // Every row stays; the two reads of one person share a key, other people have theirs.
    expect(new Set(of(s.jobcenter.id).map((e) => e.readerKey)).size).toBe(1);
    expect(of(s.housing.id)[0]!.readerKey).not.toBe(of(s.jobcenter.id)[0]!.readerKey);
  });

  test('the citizen’s copy of their data holds the plan, the consents and who read it', async () => {
    const s = await scenario3();
    await ok(await give(s.me, s.jobcenter.id, ['goals']));
    await s.job.get(`/api/plans/${s.planId}`);
    // More reads than one page of the access log holds (200): the copy must page through all of them.
    await database.db.insert(auditEvents).values(
      Array.from({ length: 250 }, () => ({
        municipalityId: s.m, actorKind: 'staff' as const, actorUnitId: s.psychiatry.id, kind: 'read' as const, action: 'plan.read',
        citizenId: s.citizen.id, subjectType: 'plan', subjectId: s.planId, purpose: 'Koordinering af borgerens plan', details: { basis: 'consent', sections: ['health'] },
      })),
    );
    const res = await s.me.get('/api/me/export');
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    const data = res.json();
    expect(data.profile.id).toBe(s.citizen.id);
    expect(data.plan.id).toBe(s.planId);
    expect(data.consents).toHaveLength(1);
    // Every read of her data, newest first, as the audit table has it: the jobcenter's one read, the 250 above, the coordinator's.
    const reads = await database.db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(and(eq(auditEvents.citizenId, s.citizen.id), eq(auditEvents.kind, 'read')))
      .orderBy(desc(auditEvents.id));
    expect(data.accessLog.map((e: { id: number }) => e.id)).toEqual(reads.map((r) => Number(r.id)));
    const readsBy = (unitId: string) => data.accessLog.filter((e: { unit: { id: string } | null }) => e.unit?.id === unitId);
    expect(readsBy(s.jobcenter.id)).toHaveLength(1);
    expect(readsBy(s.psychiatry.id)).toHaveLength(250);
    // The whole history, newest first: scenario3 made the plan, one goal, four efforts and a comment.
    expect(data.history.map((c: { changeType: string }) => c.changeType)).toEqual([
      'comment.added', 'effort.added', 'effort.added', 'effort.added', 'effort.added', 'goal.added', 'plan.created',
    ]);
  });
});
