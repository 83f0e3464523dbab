import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_COORDINATION_SETTINGS, dimensions, SAMMEN_SURVEY_INSTRUMENT, type SurveyInstrumentDefinition } from '@sammen/domain/coordination';
import { query, type Database } from '../../platform/db.ts';
import { startJobs } from '../../platform/jobs.ts';
import { as, engine, testApp, testConfig, testDatabase, type TestClient } from '../../../test/helpers.ts';
import { inDays, today } from '../../../test/dates.ts';
import { aCitizen, aMunicipality, aStaffMember, aUnit } from '../identity/identity.factories.ts';
import { closeDue, coordinationClose, closeDueWaves } from './coordination.close.ts';
import { allAnswers, aWave, aWorkGroup } from './coordination.factories.ts';
import { surveyInstrumentId } from './coordination.ids.ts';
import { lockSettings } from './coordination.repository.ts';

// Scenario 7's survey through the API: the analyst maps work groups, opens a wave (every member
// invited once, in the first group they belong to), members answer once, the wave closes (by the
// analyst or the job the day after its last day), and the results show — small cells hidden, to
// each as the settings say. Pseudonymous by construction: after the close nothing says who was
// asked, and a response row has no column that could name a person. Then every guard: 404 out
// of reach, 403 by role, 400 naming the field, 409 open / closed / answered / in use.

let database: Database & { url?: string };
let app: FastifyInstance;
beforeAll(async () => {
  database = await testDatabase();
  app = await testApp(database);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const count = async (table: string, where: ReturnType<typeof sql>) => Number((await query<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM ${sql.raw(table)} WHERE ${where}`))[0]!.n);

/**
 * A municipality with three units: the jobcenter (authority), the family department (frontline
 * here) and a library. Staff: a jobcenter leader (the analyst), three jobcenter caseworkers, three
 * family caseworkers, a family frontline worker, one person in both (caseworker in the jobcenter,
 * frontline in the family department), a disabled jobcenter caseworker, a librarian, an admin.
 * Groups: the jobcenter (every role), the family department (every role), the family
 * department's frontline only, and an inactive one.
 */
async function world() {
  const m = (await aMunicipality(database)).id;
  const jobcenter = await aUnit(database, m, 'jobcenter');
  const family = await aUnit(database, m, 'family');
  const library = await aUnit(database, m, 'library');
  const staff = {
    analyst: await aStaffMember(database, m, [[jobcenter.id, 'leader']]),
    a1: await aStaffMember(database, m, [[jobcenter.id, 'caseworker']]),
    a2: await aStaffMember(database, m, [[jobcenter.id, 'caseworker']]),
    a3: await aStaffMember(database, m, [[jobcenter.id, 'caseworker']]),
    b1: await aStaffMember(database, m, [[family.id, 'caseworker']]),
    b2: await aStaffMember(database, m, [[family.id, 'caseworker']]),
    b3: await aStaffMember(database, m, [[family.id, 'caseworker']]),
    frontline: await aStaffMember(database, m, [[family.id, 'frontline']]),
    both: await aStaffMember(database, m, [[jobcenter.id, 'caseworker'], [family.id, 'frontline']]),
    disabled: await aStaffMember(database, m, [[jobcenter.id, 'caseworker']], { disabledAt: new Date() }),
    librarian: await aStaffMember(database, m, [[library.id, 'caseworker']]),
    admin: await aStaffMember(database, m, [[library.id, 'admin']]),
  };
  const clients = Object.fromEntries(await Promise.all(Object.entries(staff).map(async ([k, s]) => [k, await as(app, 'staff', s.id)]))) as Record<keyof typeof staff, TestClient>;
  const analyst = clients.analyst;
  const group = async (body: Record<string, unknown>) => {
    const res = await analyst.post('/api/coordination/groups', { roles: [], active: true, ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const groups = {
    jobcenter: await group({ name: 'Jobcentret', unitIds: [jobcenter.id] }),
    family: await group({ name: 'Familieafdelingen', unitIds: [family.id] }),
    familyFrontline: await group({ name: 'Familieafdelingens frontmedarbejdere', unitIds: [family.id], roles: ['frontline'] }),
    inactive: await group({ name: 'Nedlagt gruppe', unitIds: [library.id], active: false }),
  };
  const elsewhere = await aMunicipality(database);
  const elsewhereUnit = await aUnit(database, elsewhere.id, 'jobcenter');
  const elsewhereLeader = await aStaffMember(database, elsewhere.id, [[elsewhereUnit.id, 'leader']]);
  return {
    m, jobcenter, family, library, staff, groups, elsewhereUnit,
    ...clients,
    elsewhere: await as(app, 'staff', elsewhereLeader.id),
    citizen: await as(app, 'citizen', (await aCitizen(database, m)).id),
  };
}
type World = Awaited<ReturnType<typeof world>>;

/** Opens a wave through the API; its view. */
async function openWave(w: World, groupIds: string[], extra: Record<string, unknown> = {}) {
  const res = await w.analyst.post('/api/coordination/waves', {
    name: 'Forår', instrumentId: surveyInstrumentId(w.m), focalWork: 'borgere med komplekse forløb', groupIds, closesOn: inDays(14), ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const answer = async (client: TestClient, waveId: string, ties: { groupId: string; position: number | null }[]) =>
  client.post(`/api/coordination/waves/${waveId}/responses`, { ties: ties.map((t) => ({ groupId: t.groupId, answers: allAnswers(t.position) })) });

describe('a wave from groups to results', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  test('groups count their members now: units and, when named, roles; disabled staff are no members', async () => {
    const res = await w.analyst.get('/api/coordination/groups');
    expect(res.statusCode, res.body).toBe(200);
    const members = Object.fromEntries(res.json().groups.map((g: { name: string; members: number }) => [g.name, g.members]));
    // Jobcenter: the analyst, a1–a3, both (the disabled caseworker is not counted). Family: b1–b3,
    // frontline, both; its frontline: frontline, both. The library: the librarian and the admin.
    expect(members).toEqual({ Jobcentret: 5, Familieafdelingen: 5, 'Familieafdelingens frontmedarbejdere': 2, 'Nedlagt gruppe': 2 });
    expect(res.json().groups.map((g: { name: string }) => g.name)).toEqual(['Familieafdelingen', 'Familieafdelingens frontmedarbejdere', 'Jobcentret', 'Nedlagt gruppe']);
  });

  test('opened, answered, closed, scored: invitations by membership, a person in two groups invited once in the first; results only once closed', async () => {
    const wave = await openWave(w, [w.groups.jobcenter, w.groups.family]);
    expect(wave).toMatchObject({ status: 'open', invited: 9, answered: 0, closedAt: null, instrument: { id: surveyInstrumentId(w.m), wordingSource: 'sammen' } });
    expect(wave.groups).toEqual([
      { id: w.groups.jobcenter, name: 'Jobcentret', invited: 5, answered: 0 },
      { id: w.groups.family, name: 'Familieafdelingen', invited: 4, answered: 0 },
    ]);
    // The person in both groups answers as the first group of the wave, the jobcenter.
    const bothInvitations = (await w.both.get('/api/coordination/invitations')).json().invitations;
    expect(bothInvitations).toEqual([{ waveId: wave.id, name: 'Forår', focalWork: 'borgere med komplekse forløb', closesOn: inDays(14), group: { id: w.groups.jobcenter, name: 'Jobcentret' }, reminded: false }]);
    expect((await w.b1.get('/api/coordination/invitations')).json().invitations.map((i: { group: { id: string } }) => i.group.id)).toEqual([w.groups.family]);
    expect((await w.librarian.get('/api/coordination/invitations')).json().invitations).toEqual([]);
    expect((await w.admin.get('/api/coordination/invitations')).json().invitations).toEqual([]);

    // The form: own group and every group of the wave, the frozen wording.
    const form = await w.a1.get(`/api/coordination/waves/${wave.id}/form`);
    expect(form.statusCode, form.body).toBe(200);
    expect(form.json()).toMatchObject({ waveId: wave.id, group: { id: w.groups.jobcenter, name: 'Jobcentret' }, anonymityThreshold: 3, minAnsweredItems: 7 });
    expect(form.json().groups.map((g: { id: string }) => g.id)).toEqual([w.groups.jobcenter, w.groups.family]);
    expect(form.json().instrument.items).toEqual(SAMMEN_SURVEY_INSTRUMENT.items);

    // With Sammen's wording the option at position p scores p + 1. The jobcenter rates the family
    // department strong (position 4: 5) and itself (position 3: 4); the family department rates the
    // jobcenter weak (position 1: 2). The frontline worker rates only the own group: a within cell of one, hidden.
    for (const c of [w.a1, w.a2, w.a3]) expect((await answer(c, wave.id, [{ groupId: w.groups.family, position: 4 }, { groupId: w.groups.jobcenter, position: 3 }])).statusCode).toBe(201);
    for (const c of [w.b1, w.b2, w.b3]) expect((await answer(c, wave.id, [{ groupId: w.groups.jobcenter, position: 1 }])).statusCode).toBe(201);
    expect((await answer(w.frontline, wave.id, [{ groupId: w.groups.family, position: 2 }])).statusCode).toBe(201);

    // Live counts only; results 409 while open, for the analyst too.
    const live = (await w.analyst.get(`/api/coordination/waves/${wave.id}`)).json();
    expect(live).toMatchObject({ invited: 9, answered: 7, groups: [{ invited: 5, answered: 3 }, { invited: 4, answered: 4 }] });
    const early = await w.analyst.get(`/api/coordination/waves/${wave.id}/results`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'CONFLICT', reason: 'waveOpen' });
    expect((await w.analyst.get(`/api/coordination/waves/${wave.id}/results.csv`)).statusCode).toBe(409);
    // Answered: gone from my invitations.
    expect((await w.a1.get('/api/coordination/invitations')).json().invitations).toEqual([]);

    const reminded = await w.analyst.post(`/api/coordination/waves/${wave.id}/remind`, {});
    expect(reminded.statusCode, reminded.body).toBe(200);
    expect(reminded.json().remindedAt).not.toBeNull();
    expect((await w.both.get('/api/coordination/invitations')).json().invitations[0].reminded).toBe(true);

    const closed = await w.analyst.post(`/api/coordination/waves/${wave.id}/close`, {});
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', invited: 9, answered: 7 });
    expect(closed.json().closedAt).not.toBeNull();

    const res = await w.analyst.get(`/api/coordination/waves/${wave.id}/results`);
    expect(res.statusCode, res.body).toBe(200);
    const results = res.json();
    expect(results).toMatchObject({ visibility: 'all', ownGroupId: null, previous: null, groupIds: [w.groups.jobcenter, w.groups.family], excludedTies: 0 });
    expect(results.instrument).toMatchObject({ wordingSource: 'sammen', licence: SAMMEN_SURVEY_INSTRUMENT.licence });
    const cell = (rater: string, rated: string) => [...results.cells, ...results.within].find((c: { raterGroupId: string; ratedGroupId: string }) => c.raterGroupId === rater && c.ratedGroupId === rated);
    expect(cell(w.groups.jobcenter, w.groups.family)).toMatchObject({ suppressed: false, n: 3, score: 5, band: 'strong' });
    expect(cell(w.groups.family, w.groups.jobcenter)).toMatchObject({ suppressed: false, n: 3, score: 2, band: 'weak' });
    expect(cell(w.groups.jobcenter, w.groups.jobcenter)).toMatchObject({ suppressed: false, n: 3, score: 4 });
    // The family department's own cell: the frontline worker alone rated it — one tie, hidden.
    expect(cell(w.groups.family, w.groups.family)).toMatchObject({ suppressed: true, n: null, score: null, band: null });
    expect(results.asymmetries).toHaveLength(1);
    expect(results.asymmetries[0]).toMatchObject({ a: w.groups.jobcenter, b: w.groups.family, aToB: 5, bToA: 2, difference: 3, flagged: true });
    // The index: the n-weighted mean of the two shown between cells, (3·5 + 3·2) / 6 = 3.5.
    expect(results.index).toBe(3.5);
    expect(results.groups).toEqual([
      { groupId: w.groups.jobcenter, respondents: 3, asRater: 5, asRated: 2 },
      { groupId: w.groups.family, respondents: 4, asRater: 2, asRated: 5 },
    ]);
    // The settings it was scored with are kept with it.
    expect(results.settings).toEqual(DEFAULT_COORDINATION_SETTINGS);

    // Pseudonymous: no invitation is left, and a response row has no column that could name a person or a time.
    expect(await count('coordination_invitations', sql`wave_id = ${wave.id}`)).toBe(0);
    expect(await count('coordination_responses', sql`wave_id = ${wave.id}`)).toBe(7);
    const columns = await query<{ column_name: string }>(database.db, sql`SELECT column_name FROM information_schema.columns WHERE table_name = 'coordination_responses' ORDER BY ordinal_position`);
    expect(columns.map((c) => c.column_name)).toEqual(['municipality_id', 'id', 'wave_id', 'group_id', 'ties']);
    const stored = JSON.stringify(await query(database.db, sql`SELECT * FROM coordination_responses WHERE wave_id = ${wave.id}`));
    for (const s of Object.values(w.staff)) expect(stored).not.toContain(s.id);
    // Nor does the audit log say who answered.
    expect(await count('audit_events', sql`action LIKE 'coordination.%' AND actor_id IN (${w.staff.a1.id}, ${w.staff.b1.id})`)).toBe(0);

    // After the close: no form, no answer, no reminder, no second close.
    for (const res of [
      await w.both.get(`/api/coordination/waves/${wave.id}/form`),
      await answer(w.both, wave.id, [{ groupId: w.groups.family, position: 0 }]),
      await w.analyst.post(`/api/coordination/waves/${wave.id}/remind`, {}),
      await w.analyst.post(`/api/coordination/waves/${wave.id}/close`, {}),
    ]) {
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error.reason).toBe('waveClosed');
    }
    expect((await w.both.get('/api/coordination/invitations')).json().invitations).toEqual([]);

    // The CSV: shown cells only (three), with a header; Danish decimals.
    const csv = await w.analyst.get(`/api/coordination/waves/${wave.id}/results.csv`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="samarbejdsmaaling-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^Vurderende gruppe;Vurderet gruppe;/);
    expect(lines.slice(1).map((l) => l.split(';').slice(0, 4).join(';'))).toEqual(['Jobcentret;Jobcentret;3;4,00', 'Jobcentret;Familieafdelingen;3;5,00', 'Familieafdelingen;Jobcentret;3;2,00']);
    expect((await w.analyst.get(`/api/coordination/waves/${wave.id}/results.csv?lang=en`)).body).toContain('Jobcentret;Familieafdelingen;3;5.00');

    // Listed newest first with the live counts; trends of the instrument, oldest first.
    expect((await w.analyst.get('/api/coordination/waves')).json().waves[0]).toMatchObject({ id: wave.id, status: 'closed' });
    const trends = await w.analyst.get(`/api/coordination/trends?instrumentId=${surveyInstrumentId(w.m)}`);
    expect(trends.statusCode, trends.body).toBe(200);
    expect(trends.json().waves).toEqual([expect.objectContaining({ waveId: wave.id, index: 3.5, groups: [expect.objectContaining({ name: 'Jobcentret', asRater: 5 }), expect.objectContaining({ name: 'Familieafdelingen', asRater: 2 })] })]);
  });

  test('who sees a closed wave: leaders and admins all; other staff their own group (default), nothing, or all as the settings say', async () => {
    const wave = await openWave(w, [w.groups.family, w.groups.jobcenter]);
    for (const c of [w.a1, w.a2, w.a3]) await answer(c, wave.id, [{ groupId: w.groups.family, position: 3 }]);
    for (const c of [w.b1, w.b2, w.b3]) await answer(c, wave.id, [{ groupId: w.groups.jobcenter, position: 2 }]);
    await w.analyst.post(`/api/coordination/waves/${wave.id}/close`, {});
    const results = (c: TestClient) => c.get(`/api/coordination/waves/${wave.id}/results`);

    expect((await results(w.admin)).json()).toMatchObject({ visibility: 'all' });
    // ownGroup (the default): a family caseworker sees what involves the family department — here,
    // as there are two groups, both directions; the group figures of the family department only.
    const own = await results(w.b1);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ visibility: 'ownGroup', ownGroupId: w.groups.family });
    expect(own.json().groups.map((g: { groupId: string }) => g.groupId)).toEqual([w.groups.family]);
    // The person in both groups sees as the first of the wave's groups they belong to: here the family department.
    expect((await results(w.both)).json().ownGroupId).toBe(w.groups.family);
    // Not in any of the wave's groups: nothing to see of their own.
    expect((await results(w.librarian)).statusCode).toBe(403);
    expect((await w.librarian.get(`/api/coordination/waves/${wave.id}/results.csv`)).statusCode).toBe(403);

    const settings = (staffSee: string) => w.analyst.put('/api/coordination/settings', { ...DEFAULT_COORDINATION_SETTINGS, staffSee });
    expect((await settings('none')).statusCode).toBe(200);
    expect((await results(w.b1)).statusCode).toBe(403);
    expect((await results(w.analyst)).statusCode).toBe(200);
    expect((await settings('all')).statusCode).toBe(200);
    expect((await results(w.b1)).json()).toMatchObject({ visibility: 'all', ownGroupId: null });
    expect((await results(w.librarian)).json()).toMatchObject({ visibility: 'all' });
    expect((await settings('ownGroup')).statusCode).toBe(200);
    expect((await w.analyst.get('/api/coordination/settings')).json()).toEqual(DEFAULT_COORDINATION_SETTINGS);
  });

  test('with three groups, own-group results leave out the cells between the other two', async () => {
    const wave = await openWave(w, [w.groups.familyFrontline, w.groups.jobcenter, w.groups.family]);
    // family frontline: frontline and both; jobcenter: analyst, a1–a3; family: b1–b3.
    for (const c of [w.a1, w.a2, w.a3]) await answer(c, wave.id, [{ groupId: w.groups.family, position: 3 }]);
    for (const c of [w.b1, w.b2, w.b3]) await answer(c, wave.id, [{ groupId: w.groups.jobcenter, position: 2 }]);
    await w.analyst.post(`/api/coordination/waves/${wave.id}/close`, {});
    const all = (await w.analyst.get(`/api/coordination/waves/${wave.id}/results`)).json();
    expect(all.cells).toHaveLength(2);
    // The frontline worker is in the family frontline group (first in the wave): nothing of jobcenter ↔ family.
    const own = (await w.frontline.get(`/api/coordination/waves/${wave.id}/results`)).json();
    expect(own).toMatchObject({ visibility: 'ownGroup', ownGroupId: w.groups.familyFrontline, cells: [], asymmetries: [] });
    // The index, alpha and the counts are made of every shown cell: beside the viewer's own row and
    // column they would narrow down the cells between the other two, so an own-group viewer gets none.
    expect(all.index).not.toBeNull();
    expect(all.reliability.ties).toBe(6);
    expect(own).toMatchObject({ index: null, reliability: { alpha: null, ties: 0 }, excludedTies: 0 });
    // The previous wave of the same instrument, as this viewer may see it: no index either.
    expect(own.previous).toMatchObject({ cells: [], index: null });
    expect(all.previous).not.toBeNull();
    const csv = (await w.frontline.get(`/api/coordination/waves/${wave.id}/results.csv`)).body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(csv).toHaveLength(1);
  });
});

describe('finding the waves', () => {
  test('leaders and admins list every wave; other staff only the closed waves whose results they may see — own group, all, or none — never an open one', async () => {
    const w = await world();
    const libraryGroup = (await w.analyst.post('/api/coordination/groups', { name: 'Biblioteket', unitIds: [w.library.id], roles: [], active: true })).json().id as string;
    // Oldest first: a closed wave of the family department and the jobcenter; a closed one of the
    // jobcenter and the library; an open one of the family department and the jobcenter.
    const family = (await openWave(w, [w.groups.family, w.groups.jobcenter], { name: 'Familie' })).id as string;
    for (const c of [w.b1, w.b2, w.b3]) await answer(c, family, [{ groupId: w.groups.jobcenter, position: 2 }]);
    expect((await w.analyst.post(`/api/coordination/waves/${family}/close`, {})).statusCode).toBe(200);
    const library = (await openWave(w, [w.groups.jobcenter, libraryGroup], { name: 'Bibliotek' })).id as string;
    expect((await w.analyst.post(`/api/coordination/waves/${library}/close`, {})).statusCode).toBe(200);
    const open = (await openWave(w, [w.groups.family, w.groups.jobcenter], { name: 'Åben' })).id as string;

    const listed = async (c: TestClient) => {
      const res = await c.get('/api/coordination/waves');
      expect(res.statusCode, res.body).toBe(200);
      return res.json().waves.map((v: { id: string }) => v.id) as string[];
    };
    const settings = async (staffSee: string) => expect((await w.analyst.put('/api/coordination/settings', { ...DEFAULT_COORDINATION_SETTINGS, staffSee })).statusCode).toBe(200);

    // Leaders and admins: every wave, newest first, whatever the settings.
    for (const staffSee of ['ownGroup', 'none', 'all']) {
      await settings(staffSee);
      expect(await listed(w.analyst)).toEqual([open, library, family]);
      expect(await listed(w.admin)).toEqual([open, library, family]);
    }

    // ownGroup (the default): the closed waves with a group they belong to now.
    await settings('ownGroup');
    expect(await listed(w.frontline)).toEqual([family]);
    expect(await listed(w.b1)).toEqual([family]);
    expect(await listed(w.librarian)).toEqual([library]);
    expect(await listed(w.a1)).toEqual([library, family]);
    const closed = (await w.frontline.get('/api/coordination/waves')).json().waves[0];
    expect(closed).toMatchObject({ id: family, status: 'closed', answered: 3, groups: [{ id: w.groups.family, answered: 3 }, { id: w.groups.jobcenter, answered: 0 }] });
    // Membership is now, not when the wave was opened: a family caseworker who answered it and has
    // since moved to the library finds the library's wave instead.
    await query(database.db, sql`UPDATE staff_roles SET unit_id = ${w.library.id} WHERE staff_id = ${w.staff.b2.id}`);
    expect(await listed(w.b2)).toEqual([library]);
    // Every listed wave's results open for them; the open wave's counts stay the analyst's.
    for (const c of [w.frontline, w.librarian, w.a1]) {
      for (const id of await listed(c)) expect((await c.get(`/api/coordination/waves/${id}/results`)).statusCode).toBe(200);
    }
    expect((await w.frontline.get(`/api/coordination/waves/${open}`)).statusCode).toBe(403);

    // none: an empty list, not a refusal.
    await settings('none');
    for (const c of [w.frontline, w.librarian, w.a1]) expect(await listed(c)).toEqual([]);

    // all: every closed wave, for anyone on the staff.
    await settings('all');
    for (const c of [w.frontline, w.librarian, w.a1, w.b1]) expect(await listed(c)).toEqual([library, family]);

    // Citizens and another municipality: nothing.
    expect((await w.citizen.get('/api/coordination/waves')).statusCode).toBe(403);
    expect(await listed(w.elsewhere)).toEqual([]);
    await settings('ownGroup');
  });
});

describe('answering', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  test('a second answer is 409 alreadyAnswered and changes nothing; answers map option positions to scores as the wave froze them', async () => {
    // A licensed wording whose options run from best to worst: position 0 scores 5.
    const reversed: SurveyInstrumentDefinition = {
      ...SAMMEN_SURVEY_INSTRUMENT,
      name: { da: 'Licenseret', en: 'Licensed' },
      wordingSource: 'licensed',
      licence: 'Licens købt af kommunen',
      items: SAMMEN_SURVEY_INSTRUMENT.items.map((item) => ({ ...item, options: [...item.options].reverse() })),
    };
    const added = await w.analyst.post('/api/coordination/instruments', { definition: reversed, active: true });
    expect(added.statusCode, added.body).toBe(201);
    const wave = await openWave(w, [w.groups.jobcenter, w.groups.family], { instrumentId: added.json().id });
    expect(wave.instrument).toMatchObject({ id: added.json().id, wordingSource: 'licensed' });
    expect((await answer(w.a1, wave.id, [{ groupId: w.groups.family, position: 0 }])).statusCode).toBe(201);
    const responses = () => query<{ ties: unknown }>(database.db, sql`SELECT ties FROM coordination_responses WHERE wave_id = ${wave.id}`);
    const before = JSON.stringify(await responses());
    expect(before).toContain('[5,5,5,5,5,5,5]');

    const again = await answer(w.a1, wave.id, [{ groupId: w.groups.family, position: 4 }]);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'CONFLICT', reason: 'alreadyAnswered' });
    const form = await w.a1.get(`/api/coordination/waves/${wave.id}/form`);
    expect(form.statusCode).toBe(409);
    expect(form.json().error.reason).toBe('alreadyAnswered');
    expect(JSON.stringify(await responses())).toBe(before);
    expect((await w.analyst.get(`/api/coordination/waves/${wave.id}`)).json()).toMatchObject({ answered: 1, groups: [{ answered: 1 }, { answered: 0 }] });

    // Two at once: one is saved.
    const both = await Promise.all([answer(w.a2, wave.id, [{ groupId: w.groups.family, position: 1 }]), answer(w.a2, wave.id, [{ groupId: w.groups.family, position: 2 }])]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await count('coordination_responses', sql`wave_id = ${wave.id}`)).toBe(2);
  });

  test('bad answers name the field and save nothing: outside the options, a group not of the wave, a group twice, no ties', async () => {
    const wave = await openWave(w, [w.groups.jobcenter, w.groups.family]);
    const outside = await w.b1.post(`/api/coordination/waves/${wave.id}/responses`, { ties: [{ groupId: w.groups.jobcenter, answers: { ...allAnswers(2), sharedGoals: 5 } }] });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error).toMatchObject({ field: 'ties.0.answers.sharedGoals', reason: 'tooLarge' });
    const negative = await w.b1.post(`/api/coordination/waves/${wave.id}/responses`, { ties: [{ groupId: w.groups.jobcenter, answers: { mutualRespect: -1 } }] });
    expect(negative.json().error).toMatchObject({ field: 'ties.0.answers.mutualRespect', reason: 'tooSmall' });
    const notOfWave = await answer(w.b1, wave.id, [{ groupId: w.groups.jobcenter, position: 1 }, { groupId: w.groups.familyFrontline, position: 1 }]);
    expect(notOfWave.statusCode).toBe(400);
    expect(notOfWave.json().error).toMatchObject({ field: 'ties.1.groupId', reason: 'notGroupOfWave' });
    const twice = await answer(w.b1, wave.id, [{ groupId: w.groups.jobcenter, position: 1 }, { groupId: w.groups.jobcenter, position: 2 }]);
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error).toMatchObject({ field: 'ties.1.groupId', reason: 'invalidValue' });
    const none = await w.b1.post(`/api/coordination/waves/${wave.id}/responses`, { ties: [] });
    expect(none.json().error).toMatchObject({ field: 'ties', reason: 'tooFew' });
    // A rated group with no question answered, or fewer than minAnsweredItems (7 by default): refused
    // at that group — the close would leave it out of every score, and the respondent would not know.
    const skipped = await answer(w.b1, wave.id, [{ groupId: w.groups.jobcenter, position: 1 }, { groupId: w.groups.family, position: null }]);
    expect(skipped.statusCode).toBe(400);
    expect(skipped.json().error).toMatchObject({ field: 'ties.1.answers', reason: 'tooFew', params: { min: 7 } });
    const six = await w.b1.post(`/api/coordination/waves/${wave.id}/responses`, { ties: [{ groupId: w.groups.jobcenter, answers: { ...allAnswers(1), mutualRespect: null } }] });
    expect(six.statusCode).toBe(400);
    expect(six.json().error).toMatchObject({ field: 'ties.0.answers', reason: 'tooFew', params: { min: 7 } });
    expect(await count('coordination_responses', sql`wave_id = ${wave.id}`)).toBe(0);
    // Still invited: the refusals used nothing up.
    expect((await answer(w.b1, wave.id, [{ groupId: w.groups.jobcenter, position: 1 }])).statusCode).toBe(201);
  });

  test('with minAnsweredItems 5 the form says so, five answered questions count and four are refused', async () => {
    expect((await w.analyst.put('/api/coordination/settings', { ...DEFAULT_COORDINATION_SETTINGS, minAnsweredItems: 5 })).statusCode).toBe(200);
    try {
      const wave = await openWave(w, [w.groups.jobcenter, w.groups.family]);
      expect((await w.b2.get(`/api/coordination/waves/${wave.id}/form`)).json()).toMatchObject({ minAnsweredItems: 5 });
      // The first n dimensions answered with the option at position 2 (Sammen's wording: score 3).
      const first = (n: number) => Object.fromEntries(dimensions.slice(0, n).map((d) => [d, 2]));
      const four = await w.b2.post(`/api/coordination/waves/${wave.id}/responses`, { ties: [{ groupId: w.groups.jobcenter, answers: first(4) }] });
      expect(four.statusCode).toBe(400);
      expect(four.json().error).toMatchObject({ field: 'ties.0.answers', reason: 'tooFew', params: { min: 5 } });
      const five = await w.b2.post(`/api/coordination/waves/${wave.id}/responses`, { ties: [{ groupId: w.groups.jobcenter, answers: first(5) }] });
      expect(five.statusCode, five.body).toBe(201);
      const stored = await query<{ ties: unknown }>(database.db, sql`SELECT ties FROM coordination_responses WHERE wave_id = ${wave.id}`);
      expect(JSON.stringify(stored)).toContain('[3,3,3,3,3,null,null]');
    } finally {
      await w.analyst.put('/api/coordination/settings', DEFAULT_COORDINATION_SETTINGS);
    }
  });

  test('after its last day a wave takes no answers, even before the close job has come by, and leaves my invitations', async () => {
    const wave = await openWave(w, [w.groups.jobcenter, w.groups.family], { closesOn: today() });
    const invited = async (c: TestClient) => (await c.get('/api/coordination/invitations')).json().invitations.some((i: { waveId: string }) => i.waveId === wave.id);
    // Today is its last day: listed, and answered.
    expect(await invited(w.b3)).toBe(true);
    expect((await w.b3.get(`/api/coordination/waves/${wave.id}/form`)).statusCode).toBe(200);
    expect((await answer(w.a3, wave.id, [{ groupId: w.groups.family, position: 2 }])).statusCode).toBe(201);
    // The day after (its last day moved back one, as the calendar would): closed to answers, unlisted.
    await query(database.db, sql`UPDATE coordination_waves SET closes_on = ${inDays(-1)}::date WHERE id = ${wave.id}`);
    for (const res of [await w.b3.get(`/api/coordination/waves/${wave.id}/form`), await answer(w.b3, wave.id, [{ groupId: w.groups.jobcenter, position: 2 }])]) {
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error.reason).toBe('waveClosed');
    }
    expect(await invited(w.b3)).toBe(false);
    expect(await count('coordination_responses', sql`wave_id = ${wave.id}`)).toBe(1);
    // Not closed yet: the job or the analyst closes it, with the answers given in time.
    expect((await w.analyst.get(`/api/coordination/waves/${wave.id}`)).json()).toMatchObject({ status: 'open', answered: 1 });
  });

  test('not invited: 404 for the form and the answer; another municipality’s staff: 404', async () => {
    const wave = await openWave(w, [w.groups.jobcenter, w.groups.family]);
    for (const c of [w.librarian, w.elsewhere]) {
      expect((await c.get(`/api/coordination/waves/${wave.id}/form`)).statusCode).toBe(404);
      expect((await answer(c, wave.id, [{ groupId: w.groups.jobcenter, position: 1 }])).statusCode).toBe(404);
    }
    // The disabled caseworker was never invited.
    expect(await count('coordination_invitations', sql`wave_id = ${wave.id} AND staff_id = ${w.staff.disabled.id}`)).toBe(0);
  });
});

describe('guards', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  test('frontline staff and citizens may not manage (403); any staff member may answer, list the waves and ask for results', async () => {
    const wave = await openWave(w, [w.groups.jobcenter, w.groups.family]);
    const manage: [string, string, Record<string, unknown>?][] = [
      ['GET', '/api/coordination/groups'],
      ['POST', '/api/coordination/groups', { name: 'X', unitIds: [w.family.id], roles: [], active: true }],
      ['PUT', `/api/coordination/groups/${w.groups.family}`, { name: 'X', unitIds: [w.family.id], roles: [], active: true }],
      ['GET', '/api/coordination/instruments'],
      ['POST', '/api/coordination/instruments', { definition: SAMMEN_SURVEY_INSTRUMENT, active: true }],
      ['PUT', `/api/coordination/instruments/${surveyInstrumentId(w.m)}`, { definition: SAMMEN_SURVEY_INSTRUMENT, active: true }],
      ['GET', '/api/coordination/settings'],
      ['PUT', '/api/coordination/settings', DEFAULT_COORDINATION_SETTINGS],
      ['POST', '/api/coordination/waves', { name: 'X', instrumentId: surveyInstrumentId(w.m), focalWork: 'x', groupIds: [w.groups.jobcenter, w.groups.family], closesOn: today() }],
      ['GET', `/api/coordination/waves/${wave.id}`],
      ['POST', `/api/coordination/waves/${wave.id}/remind`, {}],
      ['POST', `/api/coordination/waves/${wave.id}/close`, {}],
      ['GET', `/api/coordination/trends?instrumentId=${surveyInstrumentId(w.m)}`],
    ];
    for (const [method, url, body] of manage) {
      for (const client of [w.frontline, w.b1, w.citizen]) {
        const res = await client.request(method as 'GET', url, body);
        expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(403);
      }
    }
    expect((await w.citizen.get('/api/coordination/invitations')).statusCode).toBe(403);
    // Any staff member lists the waves (which ones: 'finding the waves'); a citizen does not.
    expect((await w.frontline.get('/api/coordination/waves')).statusCode).toBe(200);
    expect((await w.citizen.get('/api/coordination/waves')).statusCode).toBe(403);
    expect((await w.citizen.get(`/api/coordination/waves/${wave.id}/results`)).statusCode).toBe(403);
    expect((await w.frontline.get(`/api/coordination/waves/${wave.id}`)).statusCode).toBe(403);
    // The admin manages too.
    expect((await w.admin.get(`/api/coordination/waves/${wave.id}`)).statusCode).toBe(200);
    expect((await w.analyst.get(`/api/coordination/waves/${wave.id}`)).json().status).toBe('open');
  });

  test('another municipality’s ids find nothing (404)', async () => {
    const wave = await openWave(w, [w.groups.jobcenter, w.groups.family]);
    const instrument = await w.analyst.post('/api/coordination/instruments', { definition: { ...SAMMEN_SURVEY_INSTRUMENT, wordingSource: 'licensed', name: { da: 'Egen', en: 'Own' } }, active: true });
    const instrumentId = instrument.json().id as string;
    const group = { name: 'Fremmed', unitIds: [w.elsewhereUnit.id], roles: [], active: true };
    const calls: [string, string, Record<string, unknown>?][] = [
      ['PUT', `/api/coordination/groups/${w.groups.family}`, group],
      ['PUT', `/api/coordination/instruments/${instrumentId}`, { definition: SAMMEN_SURVEY_INSTRUMENT, active: false }],
      ['GET', `/api/coordination/waves/${wave.id}`],
      ['POST', `/api/coordination/waves/${wave.id}/remind`, {}],
      ['POST', `/api/coordination/waves/${wave.id}/close`, {}],
      ['GET', `/api/coordination/waves/${wave.id}/results`],
      ['GET', `/api/coordination/waves/${wave.id}/results.csv`],
      ['GET', `/api/coordination/waves/${wave.id}/form`],
      ['POST', `/api/coordination/waves/${wave.id}/responses`, { ties: [{ groupId: w.groups.family, answers: allAnswers(1) }] }],
      ['GET', `/api/coordination/trends?instrumentId=${instrumentId}`],
      // Their groups and instrument in our wave.
      ['POST', '/api/coordination/waves', { name: 'X', instrumentId, focalWork: 'x', groupIds: [w.groups.jobcenter, w.groups.family], closesOn: today() }],
    ];
    for (const [method, url, body] of calls) {
      const res = await w.elsewhere.request(method as 'GET', url, body);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(404);
    }
    const theirGroup = await aWorkGroup(database.db, (await aMunicipality(database)).id, { unitIds: [] });
    const res = await w.analyst.post('/api/coordination/waves', { name: 'X', instrumentId: surveyInstrumentId(w.m), focalWork: 'x', groupIds: [w.groups.jobcenter, theirGroup], closesOn: today() });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.field).toBe('groupIds.1');
    // Nothing of ours in their lists.
    expect((await w.elsewhere.get('/api/coordination/waves')).json().waves).toEqual([]);
    expect((await w.elsewhere.get('/api/coordination/groups')).json().groups).toEqual([]);
    expect((await w.elsewhere.get('/api/coordination/invitations')).json().invitations).toEqual([]);
    // A group may not name another municipality's unit.
    const foreign = await w.analyst.post('/api/coordination/groups', group);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error).toMatchObject({ field: 'unitIds', reason: 'notUnitOfMunicipality' });
  });

  test('a wave needs two groups, active ones, each once, an active instrument, and a last day not before today', async () => {
    const base = { name: 'X', instrumentId: surveyInstrumentId(w.m), focalWork: 'x', groupIds: [w.groups.jobcenter, w.groups.family], closesOn: today() };
    const refusals: [Record<string, unknown>, number, string, string][] = [
      [{ groupIds: [w.groups.jobcenter] }, 400, 'groupIds', 'tooFew'],
      [{ groupIds: [w.groups.jobcenter, w.groups.jobcenter] }, 400, 'groupIds.1', 'invalidValue'],
      [{ groupIds: [w.groups.jobcenter, w.groups.inactive] }, 400, 'groupIds.1', 'notGroupOfWave'],
      [{ closesOn: inDays(-1) }, 400, 'closesOn', 'inThePast'],
    ];
    const waves = () => count('coordination_waves', sql`municipality_id = ${w.m}`);
    const before = await waves();
    for (const [change, status, field, reason] of refusals) {
      const res = await w.analyst.post('/api/coordination/waves', { ...base, ...change });
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error).toMatchObject({ field, reason });
    }
    const retired = await w.analyst.post('/api/coordination/instruments', { definition: { ...SAMMEN_SURVEY_INSTRUMENT, wordingSource: 'licensed' }, active: false });
    const inactive = await w.analyst.post('/api/coordination/waves', { ...base, instrumentId: retired.json().id });
    expect(inactive.statusCode).toBe(400);
    expect(inactive.json().error).toMatchObject({ field: 'instrumentId', reason: 'invalidValue' });
    expect((await w.analyst.post('/api/coordination/waves', { ...base, instrumentId: crypto.randomUUID() })).statusCode).toBe(404);
    expect(await waves()).toBe(before);
    // Today is fine: the last day to answer.
    expect((await w.analyst.post('/api/coordination/waves', base)).statusCode).toBe(201);
  });

  test('settings: a threshold below 2 is refused, and strong must start above moderate', async () => {
    const low = await w.analyst.put('/api/coordination/settings', { ...DEFAULT_COORDINATION_SETTINGS, anonymityThreshold: 1 });
    expect(low.statusCode).toBe(400);
    expect(low.json().error).toMatchObject({ field: 'anonymityThreshold', reason: 'tooSmall' });
    const bands = await w.analyst.put('/api/coordination/settings', { ...DEFAULT_COORDINATION_SETTINGS, bands: { moderateFrom: 4, strongFrom: 3.5, boundary: 'inclusive' } });
    expect(bands.json().error).toMatchObject({ field: 'bands.strongFrom', reason: 'invalidValue' });
    expect((await w.analyst.get('/api/coordination/settings')).json()).toEqual(DEFAULT_COORDINATION_SETTINGS);
    const five = await w.analyst.put('/api/coordination/settings', { ...DEFAULT_COORDINATION_SETTINGS, anonymityThreshold: 5 });
    expect(five.statusCode, five.body).toBe(200);
    expect((await w.analyst.get('/api/coordination/settings')).json().anonymityThreshold).toBe(5);
    // Waves of this world are open: back down to 3 is refused ('the anonymity threshold').
    expect((await w.analyst.put('/api/coordination/settings', DEFAULT_COORDINATION_SETTINGS)).statusCode).toBe(409);
  });

  test('groups: a unit of the municipality, a free name; changes keep what opened waves saw', async () => {
    const dup = await w.analyst.post('/api/coordination/groups', { name: 'Jobcentret', unitIds: [w.library.id], roles: [], active: true });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.field).toBe('name');
    const unknown = await w.analyst.post('/api/coordination/groups', { name: 'Ukendt', unitIds: [crypto.randomUUID()], roles: [], active: true });
    expect(unknown.json().error).toMatchObject({ field: 'unitIds', reason: 'notUnitOfMunicipality' });
    const changed = await w.analyst.put(`/api/coordination/groups/${w.groups.familyFrontline}`, { name: 'Familiens front', unitIds: [w.family.id, w.family.id], roles: ['frontline', 'caseworker'], active: true });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ name: 'Familiens front', unitIds: [w.family.id], members: 5 });
    expect((await w.analyst.put(`/api/coordination/groups/${crypto.randomUUID()}`, { name: 'Y', unitIds: [w.family.id], roles: [], active: true })).statusCode).toBe(404);
  });
});

describe('the anonymity threshold', () => {
  const settings = (w: World, anonymityThreshold: number, extra: Record<string, unknown> = {}) =>
    w.analyst.put('/api/coordination/settings', { ...DEFAULT_COORDINATION_SETTINGS, anonymityThreshold, ...extra });

  test('goes up at any time, and down only while no wave or pulse is open: those asked were promised it (409 openSurveys)', async () => {
    const w = await world();
    // Nothing open: down and up.
    expect((await settings(w, 2)).statusCode).toBe(200);
    expect((await settings(w, 3)).statusCode).toBe(200);
    const wave = await openWave(w, [w.groups.jobcenter, w.groups.family]);
    expect((await w.a1.get(`/api/coordination/waves/${wave.id}/form`)).json().anonymityThreshold).toBe(3);
    const lower = await settings(w, 2);
    expect(lower.statusCode).toBe(409);
    expect(lower.json().error).toMatchObject({ code: 'CONFLICT', field: 'anonymityThreshold', reason: 'openSurveys' });
    expect((await w.analyst.get('/api/coordination/settings')).json().anonymityThreshold).toBe(3);
    // Up is fine, and so is any other change that keeps it.
    expect((await settings(w, 4)).statusCode).toBe(200);
    expect((await settings(w, 4, { staffSee: 'all', minAnsweredItems: 6 })).statusCode).toBe(200);
    // Back to 3 is down too.
    expect((await settings(w, 3)).json().error).toMatchObject({ reason: 'openSurveys' });
    // Closed: down again.
    expect((await w.analyst.post(`/api/coordination/waves/${wave.id}/close`, {})).statusCode).toBe(200);
    expect((await settings(w, 3)).statusCode).toBe(200);
    // An open coordination pulse holds it the same way: pulse.test.ts.
  });

  test('a wave opened at the same moment as a lowering: one waits for the other, so the lowering sees the wave', async () => {
    const w = await world();
    // An opening under way holds the settings lock (shared, as openWave does) until it commits.
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const lockTaken = new Promise<void>((r) => (locked = r));
    const opening = database.db.transaction(async (tx) => {
      await lockSettings(tx, w.m, 'shared');
      await aWave(tx, w.m, { groupIds: [w.groups.jobcenter, w.groups.family], openedBy: w.staff.analyst.id, closesOn: inDays(7) });
      locked();
      await released;
    });
    await lockTaken;
    let settled = false;
    const lowering = settings(w, 2).then((res) => ((settled = true), res));
    await new Promise((r) => setTimeout(r, 300));
    expect(settled).toBe(false);
    release();
    await opening;
    const res = await lowering;
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.reason).toBe('openSurveys');
  });
});

describe('instruments', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  test('Sammen’s own is listed before anything is stored, under its fixed id; listing writes nothing', async () => {
    const res = await w.analyst.get('/api/coordination/instruments');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().instruments).toEqual([{ id: surveyInstrumentId(w.m), origin: 'sammen', definition: SAMMEN_SURVEY_INSTRUMENT, active: true, inUse: false }]);
    expect(await count('coordination_instruments', sql`municipality_id = ${w.m}`)).toBe(0);
    expect(surveyInstrumentId(w.m)).toBe(surveyInstrumentId(w.m));
    expect(surveyInstrumentId(w.m)).not.toBe(surveyInstrumentId(crypto.randomUUID()));
  });

  test('an item set without all seven dimensions is refused naming definition.items; a dimension twice names its item', async () => {
    const six = await w.analyst.post('/api/coordination/instruments', { definition: { ...SAMMEN_SURVEY_INSTRUMENT, items: SAMMEN_SURVEY_INSTRUMENT.items.slice(1) }, active: true });
    expect(six.statusCode).toBe(400);
    expect(six.json().error).toMatchObject({ field: 'definition.items', reason: 'tooFew' });
    const twice = await w.analyst.post('/api/coordination/instruments', { definition: { ...SAMMEN_SURVEY_INSTRUMENT, items: [...SAMMEN_SURVEY_INSTRUMENT.items, SAMMEN_SURVEY_INSTRUMENT.items[0]] }, active: true });
    expect(twice.json().error).toMatchObject({ field: 'definition.items.7.dimension', reason: 'invalidValue' });
    expect(await count('coordination_instruments', sql`municipality_id = ${w.m}`)).toBe(0);
  });

  test('an instrument a wave used keeps its wording (409 instrumentInUse) but may be retired; Sammen’s own wording is not changed', async () => {
    const definition = { ...SAMMEN_SURVEY_INSTRUMENT, name: { da: 'Licenseret', en: 'Licensed' }, wordingSource: 'licensed', licence: 'Licens købt af kommunen' };
    const added = await w.analyst.post('/api/coordination/instruments', { definition, active: true });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ origin: 'municipality', inUse: false, active: true });
    const id = added.json().id as string;
    // Unused: its wording may change.
    const reworded = { ...definition, intro: { da: 'Ny intro om {focalWork}', en: 'New intro about {focalWork}' } };
    expect((await w.analyst.put(`/api/coordination/instruments/${id}`, { definition: reworded, active: true })).statusCode).toBe(200);
    await openWave(w, [w.groups.jobcenter, w.groups.family], { instrumentId: id });
    const list = (await w.analyst.get('/api/coordination/instruments')).json().instruments;
    expect(list.map((i: { origin: string; inUse: boolean }) => `${i.origin} ${i.inUse}`)).toEqual(['sammen false', 'municipality true']);

    const changed = await w.analyst.put(`/api/coordination/instruments/${id}`, { definition, active: true });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error).toMatchObject({ code: 'CONFLICT', reason: 'instrumentInUse', field: 'definition' });
    // The same wording (keys in any order) with active false: allowed.
    const reordered = Object.fromEntries(Object.entries(reworded).reverse());
    const retired = await w.analyst.put(`/api/coordination/instruments/${id}`, { active: false, definition: reordered });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json()).toMatchObject({ active: false, inUse: true });

    const sammen = await w.analyst.put(`/api/coordination/instruments/${surveyInstrumentId(w.m)}`, { definition: reworded, active: true });
    expect(sammen.statusCode).toBe(400);
    expect(sammen.json().error).toMatchObject({ field: 'definition', reason: 'invalidValue' });
    const off = await w.analyst.put(`/api/coordination/instruments/${surveyInstrumentId(w.m)}`, { definition: SAMMEN_SURVEY_INSTRUMENT, active: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ origin: 'sammen', active: false });
    await w.analyst.put(`/api/coordination/instruments/${surveyInstrumentId(w.m)}`, { definition: SAMMEN_SURVEY_INSTRUMENT, active: true });
  });
});

describe('the close job', () => {
  test('closes the waves past their last day (the day after closes_on, Danish time), not the others; twice at once is fine', async () => {
    const w = await world();
    const due = (await openWave(w, [w.groups.jobcenter, w.groups.family], { closesOn: today() })).id as string;
    const later = (await openWave(w, [w.groups.jobcenter, w.groups.family], { closesOn: inDays(1) })).id as string;
    for (const c of [w.a1, w.a2, w.a3]) await answer(c, due, [{ groupId: w.groups.family, position: 3 }]);
    // Today is its last day: not closed yet.
    expect(await closeDueWaves(database.db, w.m)).toEqual({ closed: [], failed: [] });
    // Tomorrow it is due, twice at once: closed once.
    const runs = await Promise.all([closeDueWaves(database.db, w.m, inDays(1)), closeDueWaves(database.db, w.m, inDays(1))]);
    expect(runs.flatMap((r) => r.closed)).toEqual([due]);
    expect(runs.flatMap((r) => r.failed)).toEqual([]);
    const closed = (await w.analyst.get(`/api/coordination/waves/${due}`)).json();
    expect(closed).toMatchObject({ status: 'closed', answered: 3 });
    expect(await count('coordination_invitations', sql`wave_id = ${due}`)).toBe(0);
    expect((await w.analyst.get(`/api/coordination/waves/${due}/results`)).json().cells).toEqual([expect.objectContaining({ n: 3, score: 4 })]);
    expect((await w.analyst.get(`/api/coordination/waves/${later}`)).json().status).toBe('open');
    expect(await count('audit_events', sql`action = 'coordination.waveClosed' AND subject_id = ${due} AND actor_kind = 'system'`)).toBe(1);
  });

  test('one wave that fails to close holds up no other: each closes in its own transaction; the failed one stays open and closes on a later run', async () => {
    const w = await world();
    const groupIds = [w.groups.jobcenter, w.groups.family];
    // Due two days ago and yesterday: the broken one comes first.
    const broken = await aWave(database.db, w.m, { groupIds, openedBy: w.staff.analyst.id, closesOn: inDays(-2) });
    const fine = await aWave(database.db, w.m, { groupIds, openedBy: w.staff.analyst.id, closesOn: inDays(-1) });
    // A fault in the database when the broken one is closed.
    await query(database.db, sql.raw(`CREATE OR REPLACE FUNCTION test_refuse_wave_close() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.id = '${broken}' AND NEW.closed_at IS NOT NULL THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$`));
    await query(database.db, sql.raw(`CREATE TRIGGER test_refuse_wave_close BEFORE UPDATE ON coordination_waves FOR EACH ROW EXECUTE FUNCTION test_refuse_wave_close()`));
    try {
      const run = await closeDueWaves(database.db, w.m);
      expect(run.closed).toEqual([fine]);
      expect(run.failed.map((f) => f.waveId)).toEqual([broken]);
      expect(await count('coordination_waves', sql`id = ${fine} AND closed_at IS NOT NULL`)).toBe(1);
      // The broken one is rolled back alone: open, its invitations kept, no audit row.
      expect(await count('coordination_waves', sql`id = ${broken} AND closed_at IS NULL`)).toBe(1);
      expect(await count('coordination_invitations', sql`wave_id = ${broken}`)).toBeGreaterThan(0);
      expect(await count('audit_events', sql`action = 'coordination.waveClosed' AND subject_id = ${broken}`)).toBe(0);
      // The job's work does the rest (the pulses), then fails naming the wave, so it is tried again.
      await expect(closeDue(database.db, w.m)).rejects.toThrow(broken);
    } finally {
      await query(database.db, sql.raw(`DROP TRIGGER test_refuse_wave_close ON coordination_waves`));
      await query(database.db, sql.raw(`DROP FUNCTION test_refuse_wave_close()`));
    }
    expect(await closeDueWaves(database.db, w.m)).toEqual({ closed: [broken], failed: [] });
  });

  test(`the work runs through pg-boss, asked for now (${engine})`, async () => {
    const w = await world();
    const waveId = await aWave(database.db, w.m, { groupIds: [w.groups.jobcenter, w.groups.family], openedBy: w.staff.analyst.id, closesOn: today() });
    await query(database.db, sql`UPDATE coordination_waves SET closes_on = ${inDays(-1)}::date WHERE id = ${waveId}`);
    const jobs = await startJobs(database, testConfig(database.url ? { DATABASE_URL: database.url } : {}), { error: () => {} }, [coordinationClose]);
    try {
      await jobs.runNow(coordinationClose.queue, w.m);
      const isClosed = async () => (await count('coordination_waves', sql`id = ${waveId} AND closed_at IS NOT NULL`)) === 1;
      const until = Date.now() + 30_000;
      while (!(await isClosed()) && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
      expect(await isClosed()).toBe(true);
      expect(await count('coordination_invitations', sql`wave_id = ${waveId}`)).toBe(0);
    } finally {
      await jobs.stop(2_000);
    }
  }, 60_000);
});
