import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { query, type Database } from '../../platform/db.ts';
import { as, testApp, testDatabase } from '../../../test/helpers.ts';
import { inDays, today } from '../../../test/dates.ts';
import { aCitizen, aMunicipality, aProxy, aStaffMember, aUnit } from '../identity/identity.factories.ts';

// Scenario 2 through the API (shared/SCENARIOS.md): the UU counsellor registers a request with its
// urgency for the jobcenter, both see the days left, the jobcenter's caseworker talks with the
// young person and decides, the letter reaches him. And the rules around it: who sees and who
// decides, a negative decision only after dialogue, bad input named by field, the breach letter,
// a deadline across Easter, and the figures.

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

async function world() {
  const mun = await aMunicipality(database);
  const m = mun.id;
  const jobcenter = await aUnit(database, m, 'jobcenter');
  const uu = await aUnit(database, m, 'youth_guidance');
  const library = await aUnit(database, m, 'library');
  const administration = await aUnit(database, m, 'administration');
  const staff = {
    kasper: await aStaffMember(database, m, [[jobcenter.id, 'caseworker']]),
    thomas: await aStaffMember(database, m, [[jobcenter.id, 'frontline']]),
    birgitte: await aStaffMember(database, m, [[jobcenter.id, 'leader']]),
    rasmus: await aStaffMember(database, m, [[uu.id, 'frontline']]),
    uuCaseworker: await aStaffMember(database, m, [[uu.id, 'caseworker'], [uu.id, 'coordinator']]),
    librarian: await aStaffMember(database, m, [[library.id, 'caseworker']]),
    admin: await aStaffMember(database, m, [[administration.id, 'admin'], [administration.id, 'leader']]),
  };
  const citizen = await aCitizen(database, m, 'Mads Jensen');
  const proxy = await aProxy(database, m, citizen.id, ['plan.read', 'plan.comment']);
  const c = {
    kasper: await as(app, 'staff', staff.kasper.id),
    thomas: await as(app, 'staff', staff.thomas.id),
    birgitte: await as(app, 'staff', staff.birgitte.id),
    rasmus: await as(app, 'staff', staff.rasmus.id),
    uuCaseworker: await as(app, 'staff', staff.uuCaseworker.id),
    librarian: await as(app, 'staff', staff.librarian.id),
    admin: await as(app, 'staff', staff.admin.id),
    me: await as(app, 'citizen', citizen.id),
    proxy: await as(app, 'proxy', proxy.id),
  };
  // The plan, coordinated by UU, with a jobcenter effort a decision can grant.
  let p = (await c.uuCaseworker.post(`/api/citizens/${citizen.id}/plan`, { wishes: 'Blive kok' })).json();
  p = (await c.uuCaseworker.post(`/api/plans/${p.id}/goals`, { baseVersion: p.version, wording: 'Starte på et kokkekursus' })).json();
  p = (await c.uuCaseworker.post(`/api/plans/${p.id}/efforts`, { baseVersion: p.version, unitId: jobcenter.id, title: 'Kokkekursus', area: 'work', startsOn: today(), goalIds: [p.goals[0].id] })).json();
  const effortId = p.efforts[0].id as string;
  const type = await c.admin.post('/api/decision-types', {
    name: `Vejledning og opkvalificering ${m.slice(0, 6)}`, legalBasis: 'Lov om en aktiv beskæftigelsesindsats, kapitel 11', processingDeadline: { kind: 'weeks', weeks: 4 }, unitId: jobcenter.id,
  });
  expect(type.statusCode, type.body).toBe(201);
  const elsewhere = await aMunicipality(database);
  const otherUnit = await aUnit(database, elsewhere.id, 'jobcenter');
  const other = await as(app, 'staff', (await aStaffMember(database, elsewhere.id, [[otherUnit.id, 'caseworker']])).id);
  return { m, jobcenter, uu, staff, citizen, c, other, effortId, typeId: type.json().id as string };
}

type World = Awaited<ReturnType<typeof world>>;

const request = (w: World, extra: Record<string, unknown> = {}) => ({
  citizenId: w.citizen.id, decisionTypeId: w.typeId, description: 'Mads vil gerne på FGU madspor', urgency: 'urgent',
  urgencyNote: 'Han er klar nu. Om to måneder er han det ikke.', receivedOn: inDays(-3), ...extra,
});
const meeting = { kind: 'meeting', contactOn: today(), factsChecked: 'Mads vil gerne starte i januar', agreedSummary: 'Vi søger om madsporet', citizenProposal: 'Starte med 3 dage om ugen' };
const draft = (outcome: string, efforts: unknown[] = []) => ({
  outcome, legalBasis: 'Lov om en aktiv beskæftigelsesindsats, kapitel 11',
  considerations: 'Du er klar til at starte nu. Kurset passer til dit mål om at blive kok.', keyFacts: 'Vi har talt med dig og din UU-vejleder på et møde.', efforts,
});
const count = async (table: string, where: ReturnType<typeof sql>) => Number((await query<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM ${sql.raw(table)} WHERE ${where}`))[0]!.n);

describe('scenario 2: a request from UU, decided in dialogue by the jobcenter', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  test('registered with urgency, seen with days left by both sides, decided after a joint meeting, the letter reaches the citizen', async () => {
    const reg = await w.c.rasmus.post('/api/requests', request(w));
    expect(reg.statusCode, reg.body).toBe(201);
    const r = reg.json();
    expect(r).toMatchObject({ urgency: 'urgent', unit: { id: w.jobcenter.id }, registeredBy: { id: w.staff.rasmus.id }, status: 'open', mayDecide: false, breached: false });
    expect(r.deadline.rule).toMatchObject({ kind: 'weeks', weeks: 4 });
    expect(r.deadlineExplained).toContain('Fristen er 4 uger');
    expect(r.daysLeft.calendarDays).toBeGreaterThan(20);
    expect(r.efforts.map((e: { title: string }) => e.title)).toContain('Kokkekursus');
    expect(await count('audit_events', sql`action = 'request.registered' AND subject_id = ${r.id}`)).toBe(1);

    // Both sides see it, with the days left.
    const sent = (await w.c.rasmus.get('/api/requests?side=requester')).json().requests;
    expect(sent.find((x: { id: string }) => x.id === r.id).daysLeft).toEqual(r.daysLeft);
    const authority = (await w.c.kasper.get('/api/requests?side=authority')).json().requests;
    expect(authority.map((x: { id: string }) => x.id)).toContain(r.id);
    expect((await w.c.rasmus.get('/api/requests?side=authority')).json().requests).toEqual([]);
    const page = await w.c.kasper.get(`/api/requests/${r.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ mayDecide: true, urgencyNote: 'Han er klar nu. Om to måneder er han det ikke.' });

    // The joint meeting, a draft that grants the course, and the decision.
    const met = await w.c.kasper.post(`/api/requests/${r.id}/dialogue`, meeting);
    expect(met.statusCode, met.body).toBe(200);
    expect(met.json()).toMatchObject({ hasDialogue: true, dialogue: [{ kind: 'meeting', recordedBy: { id: w.staff.kasper.id } }] });
    const drafted = await w.c.kasper.put(`/api/requests/${r.id}/draft-decision`, draft('granted', [{ effortId: w.effortId, link: 'grants' }]));
    expect(drafted.statusCode, drafted.body).toBe(200);
    const d = drafted.json().decisions[0];
    expect(d).toMatchObject({ status: 'draft', outcome: 'granted', efforts: [{ effortId: w.effortId, link: 'grants', title: 'Kokkekursus' }] });
    expect(d.lix).toBeGreaterThan(0);
    const issued = await w.c.kasper.post(`/api/requests/${r.id}/decision`, {});
    expect(issued.statusCode, issued.body).toBe(200);
    const after = issued.json();
    expect(after).toMatchObject({ status: 'decided', decidedOn: today(), breached: false });
    const decision = after.decisions[0];
    expect(decision).toMatchObject({ status: 'issued', decidedOn: today(), decidedBy: { id: w.staff.kasper.id } });
    expect(decision.appealGuidance).toContain('Ankestyrelsen');
    expect(decision.complaintDeadline.rule).toMatchObject({ kind: 'weeks', weeks: 4 });
    expect(after.letters).toHaveLength(1);
    expect(await count('audit_events', sql`action = 'decision.issued' AND subject_id = ${decision.id}`)).toBe(1);

    // The citizen reads the letter; so does the proxy; the requester too; a stranger does not.
    const letter = await w.c.me.get(`/api/letters/${decision.letterId}`);
    expect(letter.statusCode, letter.body).toBe(200);
    expect(letter.json()).toMatchObject({ kind: 'decision', citizen: { id: w.citizen.id }, status: 'outbox' });
    expect(letter.json().body).toContain('Du får: Kokkekursus.');
    expect(letter.json().body).toContain('Mads Jensen');
    expect((await w.c.proxy.get(`/api/letters/${decision.letterId}`)).statusCode).toBe(200);
    expect((await w.c.rasmus.get(`/api/letters/${decision.letterId}`)).statusCode).toBe(200);
    expect((await w.c.librarian.get(`/api/letters/${decision.letterId}`)).statusCode).toBe(404);
    expect((await w.other.get(`/api/letters/${decision.letterId}`)).statusCode).toBe(404);
    const stranger = await as(app, 'citizen', (await aCitizen(database, w.m)).id);
    expect((await stranger.get(`/api/letters/${decision.letterId}`)).statusCode).toBe(404);

    // Decided: a second decision or a breach letter is a conflict.
    const again = await w.c.kasper.post(`/api/requests/${r.id}/decision`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.reason).toBe('alreadyEnded');
    expect((await w.c.kasper.post(`/api/requests/${r.id}/breach-letter`, { expectedBy: today() })).statusCode).toBe(409);
    const redraft = await w.c.kasper.put(`/api/requests/${r.id}/draft-decision`, draft('granted'));
    expect(redraft.statusCode).toBe(409);
    expect(redraft.json().error.reason).toBe('alreadyEnded');
  });

  test('on behalf of a colleague: the colleague sees it; a disabled or unknown colleague is refused', async () => {
    const reg = await w.c.uuCaseworker.post('/api/requests', request(w, { onBehalfOfStaffId: w.staff.rasmus.id, urgency: 'normal' }));
    expect(reg.statusCode, reg.body).toBe(201);
    expect(reg.json().onBehalfOf).toMatchObject({ id: w.staff.rasmus.id });
    expect((await w.c.rasmus.get(`/api/requests/${reg.json().id}`)).statusCode).toBe(200);
    const elsewhere = await w.c.uuCaseworker.post('/api/requests', request(w, { onBehalfOfStaffId: '00000000-0000-4000-a000-000000000000' }));
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error).toMatchObject({ field: 'onBehalfOfStaffId', reason: 'notStaffOfMunicipality' });
  });

  test('the citizen applies in their own words; a proxy without the right to write may not', async () => {
    const own = await w.c.me.post('/api/me/requests', { decisionTypeId: w.typeId, description: 'Jeg vil gerne på kokkekursus' });
    expect(own.statusCode, own.body).toBe(201);
    const page = (await w.c.kasper.get(`/api/requests/${own.json().id}`)).json();
    expect(page).toMatchObject({ byCitizen: true, registeredBy: null, receivedOn: today() });
    const reader = await as(app, 'proxy', (await aProxy(database, w.m, w.citizen.id, ['plan.read'])).id);
    expect((await reader.post('/api/me/requests', { decisionTypeId: w.typeId, description: 'Til Mads' })).statusCode).toBe(403);
  });
});

describe('a negative decision only after dialogue (invariant 6)', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  test('a refusal without a dialogue contact is refused, the draft stays; with a reason why contact was not possible it is issued', async () => {
    const r = (await w.c.rasmus.post('/api/requests', request(w))).json();
    expect((await w.c.kasper.put(`/api/requests/${r.id}/draft-decision`, draft('refused'))).statusCode).toBe(200);
    const refused = await w.c.kasper.post(`/api/requests/${r.id}/decision`, {});
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'VALIDATION', field: 'outcome', reason: 'dialogueRequired' });
    const still = (await w.c.kasper.get(`/api/requests/${r.id}`)).json();
    expect(still).toMatchObject({ status: 'open', decisions: [{ status: 'draft', outcome: 'refused' }], letters: [] });
    expect(await count('letters', sql`citizen_id = ${w.citizen.id}`)).toBe(0);

    const partly = await w.c.kasper.put(`/api/requests/${r.id}/draft-decision`, draft('partlyGranted'));
    expect(partly.json().decisions).toHaveLength(1);
    expect((await w.c.kasper.post(`/api/requests/${r.id}/decision`, {})).json().error.reason).toBe('dialogueRequired');

    const noReason = await w.c.kasper.post(`/api/requests/${r.id}/dialogue`, { kind: 'notPossible', reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error).toMatchObject({ field: 'reason', reason: 'required' });
    const tried = await w.c.kasper.post(`/api/requests/${r.id}/dialogue`, {
      kind: 'notPossible', reason: 'Mads har ikke svaret på tre opkald og et brev', attempts: [{ on: inDays(-2), how: 'Telefon' }, { on: inDays(-1), how: 'Telefon' }, { on: today(), how: 'Brev' }],
    });
    expect(tried.statusCode, tried.body).toBe(200);
    const issued = await w.c.kasper.post(`/api/requests/${r.id}/decision`, {});
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json().decisions[0]).toMatchObject({ status: 'issued', outcome: 'partlyGranted' });
    const row = await query<{ dialogue_contact_id: string }>(database.db, sql`SELECT dialogue_contact_id::text AS dialogue_contact_id FROM decisions WHERE request_id = ${r.id}`);
    expect(row[0]!.dialogue_contact_id).toBe(tried.json().dialogue[0].id);
  });

  test('on reassessment of an open complaint, a decided request gets a new decision that replaces the one complained about', async () => {
    const r = (await w.c.rasmus.post('/api/requests', request(w))).json();
    await w.c.kasper.post(`/api/requests/${r.id}/dialogue`, meeting);
    await w.c.kasper.put(`/api/requests/${r.id}/draft-decision`, draft('refused'));
    const first = (await w.c.kasper.post(`/api/requests/${r.id}/decision`, {})).json().decisions[0];
    expect((await w.c.kasper.put(`/api/requests/${r.id}/draft-decision`, draft('granted'))).statusCode).toBe(409);
    const [complaint] = await query<{ id: string }>(
      database.db,
      sql`INSERT INTO complaints (municipality_id, citizen_id, decision_id, unit_id, about, channel, text, received_on, contact_due, contact_deadline)
          VALUES (${w.m}, ${w.citizen.id}, ${first.id}, ${w.jobcenter.id}, 'decision', 'phone', 'Jeg er ikke enig', ${today()}, ${today()}, '{}'::jsonb) RETURNING id::text AS id`,
    );
    expect((await w.c.kasper.put(`/api/requests/${r.id}/draft-decision`, draft('granted'))).statusCode).toBe(200);
    expect((await w.c.kasper.post(`/api/requests/${r.id}/decision`, {})).statusCode).toBe(409);
    const wrong = await w.c.kasper.post(`/api/requests/${r.id}/decision`, { complaintId: '00000000-0000-4000-a000-000000000000' });
    expect(wrong.json().error).toMatchObject({ field: 'complaintId', reason: 'notDecisionOfCitizen' });
    const again = await w.c.kasper.post(`/api/requests/${r.id}/decision`, { complaintId: complaint!.id });
    expect(again.statusCode, again.body).toBe(200);
    const second = again.json().decisions.find((d: { id: string }) => d.id !== first.id);
    expect(second).toMatchObject({ status: 'issued', outcome: 'granted', replacesDecisionId: first.id });
    expect(again.json().letters).toHaveLength(2);
    // One new decision per complaint: a second draft on it is refused, not a second letter.
    expect((await w.c.kasper.put(`/api/requests/${r.id}/draft-decision`, draft('partlyGranted'))).statusCode).toBe(200);
    const twice = await w.c.kasper.post(`/api/requests/${r.id}/decision`, { complaintId: complaint!.id });
    expect(twice.statusCode, twice.body).toBe(409);
    expect(twice.json().error).toMatchObject({ field: 'complaintId', reason: 'alreadyEnded' });
  });

  test('a draft saved while another caseworker issues: the decision issued is the draft as it was when issued, with its letter (the request is locked)', async () => {
    const r = (await w.c.rasmus.post('/api/requests', request(w))).json();
    expect((await w.c.kasper.put(`/api/requests/${r.id}/draft-decision`, draft('granted'))).statusCode).toBe(200);
    // No dialogue: a refusal saved at the same moment must never be issued without one.
    const [saved, issued] = await Promise.all([
      w.c.kasper.put(`/api/requests/${r.id}/draft-decision`, draft('refused')),
      w.c.kasper.post(`/api/requests/${r.id}/decision`, {}),
    ]);
    const rows = await query<{ status: string; outcome: string; dialogue_contact_id: string | null; body: string | null }>(
      database.db,
      sql`SELECT d.status, d.outcome, d.dialogue_contact_id::text AS dialogue_contact_id, l.body FROM decisions d
          LEFT JOIN letters l ON l.municipality_id = d.municipality_id AND l.id = d.letter_id WHERE d.request_id = ${r.id}`,
    );
    for (const d of rows.filter((x) => x.status === 'issued')) {
      expect(d.outcome === 'granted' || d.dialogue_contact_id !== null).toBe(true);
      expect(d.body).toContain(d.outcome === 'granted' ? 'Du får det, du har søgt om.' : 'Du får ikke det, du har søgt om.');
    }
    // Either the issue came first (the save then finds the request decided: 409), or the save
    // did (the refusal without dialogue is then refused: 400) — never both 200.
    expect([saved.statusCode, issued.statusCode].sort()).not.toEqual([200, 200]);
  });

  test('the request list answers at most 500, the earliest due first, and says there are more', async () => {
    await query(
      database.db,
      sql`INSERT INTO decision_requests (municipality_id, citizen_id, decision_type_id, unit_id, description, received_on, due_on, deadline)
          SELECT ${w.m}, ${w.citizen.id}, ${w.typeId}, ${w.jobcenter.id}, 'Mange', current_date, current_date + 1000 + g, '{"extraClosedDays":[]}'::jsonb
          FROM generate_series(1, 501) g`,
    );
    const body = (await w.c.kasper.get('/api/requests?side=authority')).json();
    expect(body.requests).toHaveLength(500);
    expect(body.more).toBe(true);
    const dues = body.requests.map((r: { due: string }) => r.due);
    expect(dues).toEqual([...dues].sort());
    await query(database.db, sql`DELETE FROM decision_requests WHERE municipality_id = ${w.m} AND description = 'Mange'`);
    expect((await w.c.kasper.get('/api/requests?side=authority')).json().more).toBe(false);
  });

  test('a dialogue contact cannot be in the future', async () => {
    const r = (await w.c.rasmus.post('/api/requests', request(w))).json();
    const res = await w.c.kasper.post(`/api/requests/${r.id}/dialogue`, { ...meeting, contactOn: inDays(1) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ field: 'contactOn', reason: 'inTheFuture' });
  });
});

describe('who sees a request, and who decides it', () => {
  let w: World;
  let id: string;
  beforeAll(async () => {
    w = await world();
    id = (await w.c.rasmus.post('/api/requests', request(w))).json().id;
    await w.c.kasper.put(`/api/requests/${id}/draft-decision`, draft('granted'));
  });

  test('a library caseworker and another municipality get 404, and see nothing in their lists', async () => {
    for (const client of [w.c.librarian, w.other]) {
      expect((await client.get(`/api/requests/${id}`)).statusCode).toBe(404);
      expect((await client.post(`/api/requests/${id}/dialogue`, meeting)).statusCode).toBe(404);
      expect((await client.get('/api/requests?status=all')).json().requests).toEqual([]);
    }
    expect((await w.other.post('/api/requests', request(w))).statusCode).toBe(404);
  });

  test('the plan’s coordinating unit sees it; a frontline worker of the deciding unit sees it but may not decide', async () => {
    expect((await w.c.uuCaseworker.get(`/api/requests/${id}`)).statusCode).toBe(200);
    expect((await w.c.thomas.get(`/api/requests/${id}`)).statusCode).toBe(200);
    expect((await w.c.thomas.post(`/api/requests/${id}/decision`, {})).statusCode).toBe(403);
  });

  test('the requester (frontline) gets 403; a caseworker of the requester unit gets 403 notDecidingUnit; nothing is issued', async () => {
    expect((await w.c.rasmus.post(`/api/requests/${id}/decision`, {})).statusCode).toBe(403);
    const uu = await w.c.uuCaseworker.post(`/api/requests/${id}/decision`, {});
    expect(uu.statusCode).toBe(403);
    expect(uu.json().error.reason).toBe('notDecidingUnit');
    expect((await w.c.uuCaseworker.put(`/api/requests/${id}/draft-decision`, draft('refused'))).json().error.reason).toBe('notDecidingUnit');
    expect((await w.c.uuCaseworker.post(`/api/requests/${id}/breach-letter`, { expectedBy: today() })).json().error.reason).toBe('notDecidingUnit');
    expect(await count('decisions', sql`request_id = ${id} AND status = 'issued'`)).toBe(0);
  });
});

describe('bad input, named by field; nothing saved', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  test.each([
    ['receivedOn tomorrow', { receivedOn: inDays(1) }, 'receivedOn', 'inTheFuture'],
    ['receivedOn 400 days back', { receivedOn: inDays(-400) }, 'receivedOn', 'tooOld'],
    ['an unknown decision type', { decisionTypeId: '00000000-0000-4000-a000-000000000000' }, 'decisionTypeId', 'invalidValue'],
  ])('%s', async (_, extra, field, reason) => {
    const before = await count('decision_requests', sql`citizen_id = ${w.citizen.id}`);
    const res = await w.c.rasmus.post('/api/requests', request(w, extra));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION', field, reason });
    expect(await count('decision_requests', sql`citizen_id = ${w.citizen.id}`)).toBe(before);
  });

  test('365 days back is accepted', async () => {
    expect((await w.c.rasmus.post('/api/requests', request(w, { receivedOn: inDays(-365) }))).statusCode).toBe(201);
  });

  test('a citizen of another municipality is 404, not a 500', async () => {
    const elsewhere = await aCitizen(database, (await aMunicipality(database)).id);
    expect((await w.c.rasmus.post('/api/requests', request(w, { citizenId: elsewhere.id }))).statusCode).toBe(404);
  });

  test('a decision type needs its processing deadline; an inactive type takes no requests', async () => {
    const none = await w.c.admin.post('/api/decision-types', { name: 'Uden frist', legalBasis: 'Serviceloven § 85', unitId: w.jobcenter.id });
    expect(none.statusCode).toBe(400);
    expect(none.json().error).toMatchObject({ field: 'processingDeadline', reason: 'required' });
    expect((await w.c.kasper.post('/api/decision-types', { name: 'X', legalBasis: 'Y', processingDeadline: { kind: 'weeks', weeks: 2 }, unitId: w.jobcenter.id })).statusCode).toBe(403);
    const elsewhere = await w.c.admin.post('/api/decision-types', { name: 'Fremmed', legalBasis: 'Y', processingDeadline: { kind: 'weeks', weeks: 2 }, unitId: (await aUnit(database, (await aMunicipality(database)).id)).id });
    expect(elsewhere.json().error).toMatchObject({ field: 'unitId', reason: 'notUnitOfMunicipality' });
    const type = (await w.c.admin.get('/api/decision-types')).json().decisionTypes.find((t: { id: string }) => t.id === w.typeId);
    const { id: _, unit, ...rest } = type;
    const off = await w.c.admin.put(`/api/decision-types/${w.typeId}`, { ...rest, unitId: unit.id, active: false });
    expect(off.statusCode, off.body).toBe(200);
    const res = await w.c.rasmus.post('/api/requests', request(w));
    expect(res.json().error).toMatchObject({ field: 'decisionTypeId', reason: 'inactive' });
    expect((await w.c.me.get('/api/decision-types')).json().decisionTypes.map((t: { id: string }) => t.id)).not.toContain(w.typeId);
    await w.c.admin.put(`/api/decision-types/${w.typeId}`, { ...rest, unitId: unit.id, active: true });
  });

  test('an effort that is not of the citizen’s plan', async () => {
    const r = (await w.c.rasmus.post('/api/requests', request(w))).json();
    const res = await w.c.kasper.put(`/api/requests/${r.id}/draft-decision`, draft('granted', [{ effortId: w.effortId, link: 'grants' }, { effortId: '00000000-0000-4000-a000-000000000000', link: 'grants' }]));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ field: 'efforts.1.effortId', reason: 'notEffortOfPlan' });
    expect(await count('decisions', sql`request_id = ${r.id}`)).toBe(0);
  });

  test('issuing without a draft', async () => {
    const r = (await w.c.rasmus.post('/api/requests', request(w))).json();
    const res = await w.c.kasper.post(`/api/requests/${r.id}/decision`, {});
    expect(res.json().error).toMatchObject({ reason: 'noDraft' });
  });
});

describe('the breach letter', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  test('not breached: refused; breached: expectedBy before today refused, then the letter is written', async () => {
    const fresh = (await w.c.rasmus.post('/api/requests', request(w))).json();
    const early = await w.c.kasper.post(`/api/requests/${fresh.id}/breach-letter`, { expectedBy: inDays(7) });
    expect(early.statusCode).toBe(400);
    expect(early.json().error).toMatchObject({ code: 'VALIDATION', reason: 'notBreached' });

    const old = (await w.c.rasmus.post('/api/requests', request(w, { receivedOn: inDays(-60) }))).json();
    expect(old.breached).toBe(true);
    expect(old.daysLeft.workingDays).toBeLessThan(0);
    const past = await w.c.kasper.post(`/api/requests/${old.id}/breach-letter`, { expectedBy: inDays(-1) });
    expect(past.statusCode).toBe(400);
    expect(past.json().error).toMatchObject({ field: 'expectedBy', reason: 'inThePast' });
    const ok = await w.c.kasper.post(`/api/requests/${old.id}/breach-letter`, { expectedBy: inDays(14), note: 'Vi mangler en udtalelse fra skolen.' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ breachLetter: true, letters: [{ kind: 'deadlineBreach' }] });
    expect(ok.json().letters[0].body).toContain('Vi mangler en udtalelse fra skolen.');
    const own = await w.c.me.get(`/api/letters/${ok.json().letters[0].id}`);
    expect(own.statusCode).toBe(200);
    expect(await count('audit_events', sql`action = 'letter.deadlineBreach' AND citizen_id = ${w.citizen.id}`)).toBe(1);
  });
});

describe('a deadline in working days across Easter, and the figures', () => {
  test('5 working days from the Wednesday before Easter 2026 skip skærtorsdag, langfredag and 2. påskedag; the figures count the decision', async () => {
    const w = await world();
    const type = await w.c.admin.post('/api/decision-types', { name: 'Hastesag', legalBasis: 'Serviceloven § 41', processingDeadline: { kind: 'workingDays', days: 5 }, unitId: w.jobcenter.id });
    expect(type.statusCode, type.body).toBe(201);
    const r = await w.c.rasmus.post('/api/requests', request(w, { decisionTypeId: type.json().id, receivedOn: '2026-04-01' }));
    expect(r.statusCode, r.body).toBe(201);
    const req = r.json();
    expect(req.due).toBe('2026-04-13');
    expect(req.deadline.rule.skipped.map((d: { key: string }) => d.key)).toEqual(['skaertorsdag', 'langfredag', 'anden_paaskedag']);
    expect(req.deadlineExplained).toBe(
      'Fristen er 5 arbejdsdage fra 1. april 2026. Den udløber mandag den 13. april 2026. Skærtorsdag (2. april), langfredag (3. april) og 2. påskedag (6. april) er ikke arbejdsdage.',
    );
    expect(req.breached).toBe(true);

    const figuresBefore = (await w.c.admin.get('/api/case-figures')).json();
    const rowBefore = figuresBefore.decisionTypes.find((t: { decisionType: { id: string } }) => t.decisionType.id === type.json().id);
    expect(rowBefore).toMatchObject({ decided: 0, openBreached: 1, processingDeadline: { kind: 'workingDays', days: 5 } });

    await w.c.kasper.post(`/api/requests/${req.id}/dialogue`, meeting);
    await w.c.kasper.put(`/api/requests/${req.id}/draft-decision`, draft('refused'));
    expect((await w.c.kasper.post(`/api/requests/${req.id}/decision`, {})).statusCode).toBe(200);
    const res = await w.c.birgitte.get(`/api/case-figures?from=2026-01-01&to=${today()}`);
    expect(res.statusCode, res.body).toBe(200);
    const figures = res.json();
    const row = figures.decisionTypes.find((t: { decisionType: { id: string } }) => t.decisionType.id === type.json().id);
    const days = Math.round((Date.parse(today()) - Date.parse('2026-04-01')) / 86_400_000);
    expect(row).toMatchObject({ decided: 1, medianDays: days, withinDeadline: 0, openBreached: 0 });
    expect(figures).toMatchObject({ from: '2026-01-01', negativeDecisions: 1, negativeAfterContact: 1, negativeContactNotPossible: 0 });
    expect(JSON.stringify(figures)).not.toContain('Mads');
    expect((await w.c.kasper.get('/api/case-figures')).statusCode).toBe(403);
    expect((await w.c.admin.get('/api/case-figures?from=2026-05-01&to=2026-04-01')).json().error).toMatchObject({ field: 'to', reason: 'endBeforeStart' });
  });

  test('the case settings: the admin closes grundlovsdag; a later request counts it, a running one keeps its deadline', async () => {
    const w = await world();
    const before = (await w.c.rasmus.post('/api/requests', request(w, { receivedOn: inDays(-1) }))).json();
    const set = await w.c.admin.put('/api/case-settings', { workingDayRules: { extraClosedDays: ['grundlovsdag', 'juleaftensdag'] }, personalContactDays: 3 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ workingDayRules: { extraClosedDays: ['grundlovsdag', 'juleaftensdag'] }, personalContactDays: 3 });
    expect((await w.c.kasper.get('/api/case-settings')).json().personalContactDays).toBe(3);
    expect((await w.c.kasper.put('/api/case-settings', { workingDayRules: { extraClosedDays: [] }, personalContactDays: 2 })).statusCode).toBe(403);
    const again = (await w.c.kasper.get(`/api/requests/${before.id}`)).json();
    expect(again.deadline).toEqual(before.deadline);
    const after = (await w.c.rasmus.post('/api/requests', request(w))).json();
    expect(after.deadline.extraClosedDays).toEqual(['grundlovsdag', 'juleaftensdag']);
  });
});
