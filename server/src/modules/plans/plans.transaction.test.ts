import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { PlanView } from '@sammen/domain/plans';
import { query, type Database } from '../../platform/db.ts';
import { as, testApp, testDatabase, type TestClient } from '../../../test/helpers.ts';
import { aCitizen, aMunicipality, aStaffMember, aUnit } from '../identity/identity.factories.ts';

// Change and audit travel together (STYLE.md §3): a plan edit, its history rows and its audit
// row commit together or not at all; versions count the saved edits, one by one. Only the HTTP
// API and the tables are used, so this holds however the plans service is built inside. The
// faults are test-only triggers in this file's own database.

let database: Database;
let app: FastifyInstance;
let caseworkerId: string;
let municipalityId: string;

beforeAll(async () => {
  database = await testDatabase();
  app = await testApp(database);
  municipalityId = (await aMunicipality(database)).id;
  const jobcenter = await aUnit(database, municipalityId, 'jobcenter');
  caseworkerId = (await aStaffMember(database, municipalityId, [[jobcenter.id, 'caseworker']])).id;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** A citizen with a fresh plan (version 1), and the caseworker who made it and coordinates it. */
async function aPlan() {
  const citizen = await aCitizen(database, municipalityId);
  const caseworker = await as(app, 'staff', caseworkerId);
  const res = await caseworker.post(`/api/citizens/${citizen.id}/plan`, { wishes: 'Første ønske' });
  expect(res.statusCode, res.body).toBe(200);
  return { citizenId: citizen.id, caseworker, plan: res.json() as PlanView };
}

/** What is stored of a plan: its row, its history rows and every audit row about its citizen. */
async function stored(planId: string, citizenId: string) {
  const [plan] = await query<{ version: number; wishes: string | null; updatedAt: string }>(
    database.db,
    sql`SELECT version, wishes, updated_at::text AS "updatedAt" FROM plans WHERE id = ${planId}`,
  );
  const changes = await query<{ version: number; changeType: string }>(
    database.db,
    sql`SELECT version, change_type AS "changeType" FROM plan_changes WHERE plan_id = ${planId} ORDER BY id`,
  );
  const audit = await query<{ kind: string; action: string; version: number | null }>(
    database.db,
    sql`SELECT kind, action, (details ->> 'version')::int AS version FROM audit_events WHERE citizen_id = ${citizenId} ORDER BY id`,
  );
  return { ...plan!, changes, audit };
}

const editWishes = (client: TestClient, planId: string, baseVersion: number, wishes: string) =>
  client.request('PATCH', `/api/plans/${planId}`, { baseVersion, wishes });

/** Runs `fn` with a test-only trigger installed (`create` makes function and trigger `name`), and removes it again. */
async function withFault(name: string, table: string, create: string[], fn: () => Promise<void>) {
  for (const statement of create) await database.db.execute(sql.raw(statement));
  try {
    await fn();
  } finally {
    await database.db.execute(sql.raw(`DROP TRIGGER ${name} ON ${table}`));
    await database.db.execute(sql.raw(`DROP FUNCTION ${name}()`));
  }
}

describe('a plan edit and its audit row commit together', () => {
  test('when the audit row cannot be written, nothing of the edit is saved (500); without the fault the same edit saves', async () => {
    const { plan, citizenId, caseworker } = await aPlan();
    const before = await stored(plan.id, citizenId);
    const name = 'test_fault_plan_edit_audit';
    await withFault(
      name,
      'audit_events',
      [
        `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF NEW.action = 'plan.edit' AND NEW.subject_id = '${plan.id}' THEN RAISE EXCEPTION 'test fault: the audit row of a plan edit'; END IF;
           RETURN NEW;
         END $$`,
        `CREATE TRIGGER ${name} BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION ${name}()`,
      ],
      async () => {
        const res = await editWishes(caseworker, plan.id, plan.version, 'Nye ønsker');
        expect(res.statusCode, res.body).toBe(500);
        expect(res.json().error.code).toBe('INTERNAL');
        // The plan's text and version, its history and the audit rows about the citizen: as before.
        expect(await stored(plan.id, citizenId)).toEqual(before);
      },
    );

    const res = await editWishes(caseworker, plan.id, plan.version, 'Nye ønsker');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: plan.version + 1, wishes: { text: 'Nye ønsker' } });
    const after = await stored(plan.id, citizenId);
    expect(after).toMatchObject({ version: plan.version + 1, wishes: 'Nye ønsker' });
    expect(after.changes).toEqual([...before.changes, { version: plan.version + 1, changeType: 'wishes.changed' }]);
    expect(after.audit.filter((a) => a.kind === 'write')).toEqual([
      ...before.audit.filter((a) => a.kind === 'write'),
      { kind: 'write', action: 'plan.edit', version: plan.version + 1 },
    ]);
  });

  test('when the change fails after its audit row was written, no audit row remains (500); without the fault the same edit saves', async () => {
    const { plan, citizenId, caseworker } = await aPlan();
    const before = await stored(plan.id, citizenId);
    const name = 'test_fault_plan_at_commit';
    await withFault(
      name,
      'plans',
      [
        // A deferred trigger fires at COMMIT, after every statement of the edit, its audit row's included.
        `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           RAISE EXCEPTION 'test fault: the plan change, at commit';
         END $$`,
        `CREATE CONSTRAINT TRIGGER ${name} AFTER UPDATE ON plans DEFERRABLE INITIALLY DEFERRED
         FOR EACH ROW WHEN (NEW.id = '${plan.id}') EXECUTE FUNCTION ${name}()`,
      ],
      async () => {
        const res = await editWishes(caseworker, plan.id, plan.version, 'Nye ønsker');
        expect(res.statusCode, res.body).toBe(500);
        expect(res.json().error.code).toBe('INTERNAL');
        expect(await stored(plan.id, citizenId)).toEqual(before);
      },
    );

    const res = await editWishes(caseworker, plan.id, plan.version, 'Nye ønsker');
    expect(res.statusCode, res.body).toBe(200);
    const after = await stored(plan.id, citizenId);
    expect(after).toMatchObject({ version: plan.version + 1, wishes: 'Nye ønsker' });
    expect(after.changes).toEqual([...before.changes, { version: plan.version + 1, changeType: 'wishes.changed' }]);
    expect(after.audit.filter((a) => a.kind === 'write').at(-1)).toEqual({ kind: 'write', action: 'plan.edit', version: plan.version + 1 });
  });
});

describe('versions count the saved edits', () => {
  test('eight edits on the same version at once: one is saved, seven get 409; edits in a row then get the next versions, no gaps, as the history records', async () => {
    const { plan, citizenId, caseworker } = await aPlan();
    // Eight people, each in their own session, press save on the version they all saw.
    const people = await Promise.all(Array.from({ length: 8 }, () => as(app, 'staff', caseworkerId)));
    const results = await Promise.all(people.map((person, i) => editWishes(person, plan.id, plan.version, `Bud ${i}`)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    const winner = results.find((r) => r.statusCode === 200)!.json() as PlanView;
    expect(winner.version).toBe(plan.version + 1);
    for (const loser of results.filter((r) => r.statusCode === 409)) {
      expect(loser.json()).toMatchObject({ error: { code: 'CONFLICT' }, current: { version: winner.version, wishes: { text: winner.wishes!.text } } });
    }

    const versions = [winner.version];
    for (let i = 0; i < 4; i++) {
      const res = await editWishes(caseworker, plan.id, versions.at(-1)!, `Trin ${i}`);
      expect(res.statusCode, res.body).toBe(200);
      versions.push((res.json() as PlanView).version);
    }
    expect(versions).toEqual([2, 3, 4, 5, 6]);

    const history = (await caseworker.get(`/api/plans/${plan.id}/history?limit=200`)).json().entries as { version: number; changeType: string }[];
    expect(history.map((c) => [c.version, c.changeType])).toEqual([
      [6, 'wishes.changed'], [5, 'wishes.changed'], [4, 'wishes.changed'], [3, 'wishes.changed'], [2, 'wishes.changed'], [1, 'plan.created'],
    ]);
    const now = await stored(plan.id, citizenId);
    expect(now).toMatchObject({ version: 6, wishes: 'Trin 3' });
    expect(now.audit.filter((a) => a.action === 'plan.edit').map((a) => a.version)).toEqual([2, 3, 4, 5, 6]);
  });
});
