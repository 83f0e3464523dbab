import { afterAll, beforeAll, expect, test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/platform/db.ts';
import { undocumentedAnswers } from '../src/platform/openapi.ts';
import { testApp, testDatabase } from './helpers.ts';
import { actorKeys, citizenWorld, consentStates, expectedReadRows, readRows, surveyWorld, type ActorKey, type ConsentState } from './world.ts';

// The authorization matrix: every route that reads citizen data (test/world.ts has a fixture for
// each), for every kind of actor, under every state of the citizen's consent to the involved
// unit and the partner. What each cell returns — the status, the error code, and for the plan
// which parts and which efforts' areas show — is kept in authz-matrix.md beside this file, a
// reviewed, committed snapshot: a change in who sees what shows up as a diff to review.
// Beside the snapshot, three laws hold in every cell: no server error; the access log grows by
// exactly the citizens shown to staff or a proxy; another municipality's or an uninvolved unit's
// staff never see the citizen's words; and every status is documented in the API description.
// `npm run test:authz` prints the closing line.

let database: Database;
let app: FastifyInstance;
let cells = 0;
const unexpected: string[] = [];
const tables: Record<string, string> = {};
const answers: { method: string; url: string; status: number }[] = [];

beforeAll(async () => {
  database = await testDatabase();
  app = await testApp(database);
});
afterAll(async () => {
  writeFileSync(path.join(tmpdir(), 'sammen-authz-matrix.json'), JSON.stringify({ cells, unexpected: unexpected.length, details: unexpected }, null, 2));
  await app?.close();
  await database?.close();
});

/** What a cell returned, in a few words: enough to see who sees what, stable from run to run. */
function outcome(status: number, body: any): string {
  if (status !== 200) return body?.error?.code && body.error.code !== 'NOT_FOUND' && body.error.code !== 'FORBIDDEN' ? `${status} ${body.error.code}` : String(status);
  if (body && typeof body === 'object' && 'goals' in body && 'access' in body) {
    const parts = [
      body.lifeStory ? 'lifeStory' : '',
      body.wishes ? 'wishes' : '',
      body.goals.length ? 'goals' : '',
      body.agreements.length ? 'agreements' : '',
      body.followUps.length ? 'followUps' : '',
    ].filter(Boolean);
    const areas = [...new Set((body.efforts as { area: string }[]).map((e) => e.area))].sort();
    if (areas.length) parts.push(`efforts(${areas.join(',')})`);
    return `200 ${body.access.basis}: ${parts.join(' ') || 'nothing'}`;
  }
  // A closed wave's results (issue 16): all of them, or what involves the viewer's own group.
  if (body && typeof body === 'object' && 'visibility' in body && 'cells' in body) return `200 ${body.visibility}`;
  return '200';
}

const shortName: Record<ActorKey, string> = {
  citizen: 'citizen', proxyInScope: 'proxy', proxyOutOfScope: 'proxy (no scope)', coordinator: 'coordinator', involved: 'involved unit',
  involvedLeader: 'its leader', partner: 'partner', uninvolved: 'uninvolved unit', admin: 'admin', otherMunicipality: 'other municipality',
};

test.each(consentStates)('authorization matrix with consent %s', async (state: ConsentState) => {
  const w = await citizenWorld(database, app, state);
  const routes = app.sammen.routes.filter((r) => r.readsCitizenData && r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`);
  const rows: string[] = [];
  for (const key of routes) {
    const fixture = w.fixtures[key];
    if (!fixture) throw new Error(`No fixture for ${key} in test/world.ts`);
    const method = key.split(' ')[0] as 'GET' | 'POST' | 'PUT' | 'PATCH';
    const row: string[] = [];
    for (const actor of actorKeys) {
      const call = await fixture.call();
      const before = await readRows(database);
      const res = await w.clients[actor].request(method, call.url, call.body);
      const added = (await readRows(database)) - before;
      const body = (() => { try { return res.json(); } catch { return undefined; } })();
      cells += 1;
      const where = `${state} · ${shortName[actor]} · ${key}`;
      if (res.statusCode >= 500) unexpected.push(`${where}: ${res.statusCode}`);
      const want = expectedReadRows(actor, res.statusCode, fixture, body);
      if (added !== want) unexpected.push(`${where}: +${added} access-log rows, expected +${want}`);
      if ((actor === 'otherMunicipality' || actor === 'uninvolved') && res.body.includes(w.secrets.lifeStory)) unexpected.push(`${where}: sees the citizen's life story`);
      if (actor === 'otherMunicipality' && res.body.includes(w.secrets.name)) unexpected.push(`${where}: sees the citizen's name`);
      answers.push({ method, url: key.split(' ')[1]!, status: res.statusCode });
      row.push(outcome(res.statusCode, body));
    }
    rows.push(`| ${key} | ${row.join(' | ')} |`);
  }
  tables[state] = [
    `## Consent to the involved unit and the partner: ${state}`,
    '',
    `| route | ${actorKeys.map((a) => shortName[a]).join(' | ')} |`,
    `|---|${actorKeys.map(() => '---').join('|')}|`,
    ...rows,
    '',
  ].join('\n');
  expect(unexpected.filter((u) => u.startsWith(state))).toEqual([]);
}, 240_000);

/**
 * The coordination survey (issue 16): no citizen data, so the same under every consent state —
 * who may manage groups, instruments, settings and waves (leaders and admins), who answers (the
 * invited), and who sees a closed wave's results under each of the municipality's `staffSee`
 * settings. No route returns a response: the cells only say who gets an answer at all.
 */
let surveyTable = '';
test('authorization matrix of the coordination survey', async () => {
  const w = await citizenWorld(database, app);
  const survey = await surveyWorld(database, w);
  const surveyRoutes = app.sammen.routes.filter((r) => r.url.startsWith('/api/coordination/') && !r.url.includes('pulse') && r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`);
  expect(Object.keys(survey.fixtures).sort(), 'every survey route has a fixture in test/world.ts surveyWorld').toEqual(surveyRoutes.sort());
  const seesResults = (key: string) => key.includes('/results');
  const rows: string[] = [];
  for (const key of surveyRoutes) {
    for (const staffSee of seesResults(key) ? (['none', 'ownGroup', 'all'] as const) : [undefined]) {
      if (staffSee) await survey.staffSee(staffSee);
      const fixture = survey.fixtures[key]!;
      const method = key.split(' ')[0] as 'GET' | 'POST' | 'PUT';
      const row: string[] = [];
      for (const actor of actorKeys) {
        const call = await fixture.call();
        const before = await readRows(database);
        const res = await w.clients[actor].request(method, call.url, call.body);
        const added = (await readRows(database)) - before;
        const body = (() => { try { return res.json(); } catch { return undefined; } })();
        cells += 1;
        const where = `survey · ${shortName[actor]} · ${key}${staffSee ? ` (staffSee ${staffSee})` : ''}`;
        if (res.statusCode >= 500) unexpected.push(`${where}: ${res.statusCode}`);
        const want = expectedReadRows(actor, res.statusCode, fixture, body);
        if (added !== want) unexpected.push(`${where}: +${added} access-log rows, expected +${want}`);
        if ((actor === 'otherMunicipality' || actor === 'uninvolved') && res.body.includes(w.secrets.lifeStory)) unexpected.push(`${where}: sees the citizen's life story`);
        answers.push({ method, url: key.split(' ')[1]!, status: res.statusCode });
        row.push(outcome(res.statusCode, body));
      }
      rows.push(`| ${key}${staffSee ? ` (staffSee: ${staffSee})` : ''} | ${row.join(' | ')} |`);
    }
  }
  await survey.staffSee('ownGroup');
  surveyTable = [
    '## The coordination survey (no citizen data: the same under every consent)',
    '',
    'Work groups: the family department (the coordinator) and the jobcenter (the involved unit and its leader). Results: a closed',
    'wave of the two; leaders and admins see all, other staff as `staffSee` says. Fresh open waves for the form, answers, reminders, closes.',
    '',
    `| route | ${actorKeys.map((a) => shortName[a]).join(' | ')} |`,
    `|---|${actorKeys.map(() => '---').join('|')}|`,
    ...rows,
    '',
  ].join('\n');
  expect(unexpected.filter((u) => u.startsWith('survey'))).toEqual([]);
}, 240_000);

test('every answer in the matrix is one the API description documents for that operation', () => {
  expect(answers.length).toBe(cells);
  expect(undocumentedAnswers(app, answers)).toEqual([]);
});

test('the matrix is the reviewed one (authz-matrix.md)', async () => {
  expect(Object.keys(tables)).toEqual([...consentStates]);
  const text = [
    '# Authorization matrix',
    '',
    'Written by `server/test/authz.test.ts`; reviewed and committed. A cell is the status (and error code) a call',
    'gets; for the plan, the basis of the reader\'s access and the parts that show. Regenerate with',
    '`npx vitest run server/test/authz.test.ts -u` and review the diff like code.',
    '',
    ...consentStates.map((s) => tables[s]!),
    surveyTable,
  ].join('\n');
  await expect(text).toMatchFileSnapshot('./authz-matrix.md');
});
