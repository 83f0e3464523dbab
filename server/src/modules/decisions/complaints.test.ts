import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { deadline } from '@sammen/domain/deadlines';
import { DEFAULT_WORKING_DAY_RULES } from '@sammen/domain/workdays';
import { query, type Database } from '../../platform/db.ts';
import { as, testApp, testConfig, testDatabase } from '../../../test/helpers.ts';
import { demoId, seedDemo } from '../../db/seed.ts';
import { inDays, today } from '../../../test/dates.ts';
import { aCitizen, aMunicipality, aProxy, aStaffMember, aUnit } from '../identity/identity.factories.ts';
import { aDecision, anIssuedDecision } from './complaints.factories.ts';
import { complaintDeadlines } from './complaints.service.ts';

// Scenario 4 (shared/SCENARIOS.md) through the API: Lone complains in her own words about a
// partly granted decision; the receipt letter and both deadlines are there for her and for the
// caseworker; the caseworker calls, records the contact — the clocks do not move — and the
// complaint is resolved in dialogue; another is forwarded, a third ends with a changed decision.
// Then every guard: who sees what (404), who may do what (403), bad input (400 with field and
// reason), closed is closed (409). DESIGN invariant 7.

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

const rules = DEFAULT_WORKING_DAY_RULES;
const settings = { rules, personalContactDays: 2 };

async function world() {
  const m = (await aMunicipality(database)).id;
  const voksen = await aUnit(database, m, 'adult_disability', 'Voksen- og Handicapafdelingen');
  const jobcenter = await aUnit(database, m, 'jobcenter');
  const library = await aUnit(database, m, 'library');
  const staff = {
    lars: await aStaffMember(database, m, [[voksen.id, 'caseworker'], [voksen.id, 'coordinator']]),
    frontline: await aStaffMember(database, m, [[voksen.id, 'frontline']]),
    anne: await aStaffMember(database, m, [[jobcenter.id, 'coordinator']]),
    librarian: await aStaffMember(database, m, [[library.id, 'caseworker']]),
  };
  const lone = await aCitizen(database, m, 'Lone Hansen');
  const other = await aCitizen(database, m);
  const decidedOn = inDays(-10);
  const loneDecision = await anIssuedDecision(database.db, m, { citizenId: lone.id, unitId: voksen.id, staffId: staff.lars.id, decidedOn, receivedOn: inDays(-30) });
  const otherDecision = await anIssuedDecision(database.db, m, { citizenId: other.id, unitId: voksen.id, staffId: staff.lars.id, decidedOn });
  const elsewhere = await aMunicipality(database);
  const elsewhereStaff = await aStaffMember(database, elsewhere.id, [[(await aUnit(database, elsewhere.id, 'adult_disability')).id, 'caseworker']]);
  const proxy = await aProxy(database, m, lone.id, ['plan.read', 'plan.comment']);
  const readOnlyProxy = await aProxy(database, m, lone.id, ['plan.read']);
  return {
    m, voksen, jobcenter, library, staff, lone, other, loneDecision, otherDecision,
    me: await as(app, 'citizen', lone.id),
    proxy: await as(app, 'proxy', proxy.id),
    readOnlyProxy: await as(app, 'proxy', readOnlyProxy.id),
    lars: await as(app, 'staff', staff.lars.id),
    frontline: await as(app, 'staff', staff.frontline.id),
    anne: await as(app, 'staff', staff.anne.id),
    librarian: await as(app, 'staff', staff.librarian.id),
    elsewhere: await as(app, 'staff', elsewhereStaff.id),
  };
}

const count = async (table: string, where: ReturnType<typeof sql>) => Number((await query<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM ${sql.raw(table)} WHERE ${where}`))[0]!.n);

describe('the deadlines of a complaint, in working days (DESIGN invariant 7)', () => {
  test('2 working days over Easter: the day of receipt does not count; skærtorsdag, langfredag and 2. påskedag are not working days', () => {
    // Wednesday 24 March 2027: Tuesday 30 March is the first working day after it, Wednesday 31 March the second.
    expect(complaintDeadlines('2027-03-24', 'decision', settings).contact.due).toBe('2027-03-31');
    expect(complaintDeadlines('2027-03-23', 'decision', settings).contact.due).toBe('2027-03-30');
    expect(complaintDeadlines('2026-04-01', 'treatment', settings).contact.due).toBe('2026-04-08');
    expect(complaintDeadlines('2026-03-31', 'treatment', settings).contact.due).toBe('2026-04-07');
    expect(complaintDeadlines('2026-04-01', 'treatment', { rules, personalContactDays: 1 }).contact.due).toBe('2026-04-07');
  });
  test('across Christmas with 24 and 31 December closed by default', () => {
    expect(complaintDeadlines('2025-12-23', 'treatment', settings).contact.due).toBe('2025-12-30');
    expect(complaintDeadlines('2025-12-30', 'treatment', settings).contact.due).toBe('2026-01-05');
  });
  test('reassessment: 4 weeks about a decision, none about how the citizen was met; the municipality’s contact days count', () => {
    const d = complaintDeadlines('2026-04-01', 'decision', { rules, personalContactDays: 3 });
    expect(d.reassessment?.due).toBe('2026-04-29');
    expect(d.contact.due).toBe('2026-04-09');
    expect(complaintDeadlines('2026-04-01', 'treatment', settings).reassessment).toBeNull();
  });
});

describe('scenario 4: the complaint answered by a phone call', () => {
  let w: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    w = await world();
  });

  test('Lone complains in her own words; she gets a receipt; both deadlines show for her and for Lars; the contact is in his work list', async () => {
    const sent = await w.me.post('/api/me/complaints', { decisionId: w.loneDecision.decisionId, text: 'Jeg forstår ikke, hvorfor jeg kun får en del. Min medicin koster mere nu.' });
    expect(sent.statusCode, sent.body).toBe(201);
    const id = sent.json().id as string;
    const contactDue = deadline({ kind: 'workingDays', days: 2 }, today(), rules).due;
    const reassessDue = deadline({ kind: 'weeks', weeks: 4 }, today(), rules).due;

    const page = await w.me.get('/api/me/decisions');
    expect(page.statusCode, page.body).toBe(200);
    const mine = page.json();
    const complaint = mine.complaints.find((c: { id: string }) => c.id === id);
    expect(complaint).toMatchObject({ about: 'decision', channel: 'portal', receivedOn: today(), status: 'open', unit: { id: w.voksen.id } });
    expect(complaint.contactDeadline.due).toBe(contactDue);
    expect(complaint.reassessmentDeadline.due).toBe(reassessDue);
    expect(complaint.contactDeadlineExplained).toContain('Fristen er 2 arbejdsdage');
    expect(complaint.contactDaysLeft.workingDays).toBe(2);
    expect(mine.decisions.map((d: { id: string }) => d.id)).toEqual([w.loneDecision.decisionId]);
    expect(mine.requests.map((r: { id: string }) => r.id)).toEqual([w.loneDecision.requestId]);
    const receipt = mine.letters.find((l: { id: string }) => l.id === complaint.receiptLetterId);
    expect(receipt).toMatchObject({ kind: 'complaintReceipt', title: 'Vi har fået din klage', status: 'outbox' });
    expect(receipt.body).toContain('Ankestyrelsen');
    expect(mine.decisionTypes.length).toBeGreaterThan(0);

    const seen = await w.lars.get(`/api/complaints/${id}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json().contactDeadline).toEqual(complaint.contactDeadline);
    expect(seen.json().decision).toMatchObject({ id: w.loneDecision.decisionId, outcome: 'partlyGranted' });
    expect((await w.lars.get('/api/complaints')).json().complaints.map((c: { id: string }) => c.id)).toContain(id);

    const work = (await w.lars.get('/api/case-work')).json().items as { kind: string; subjectId: string; due: string; remindedAt: string | null }[];
    expect(work.filter((i) => i.subjectId === id)).toEqual([expect.objectContaining({ kind: 'contactDue', due: contactDue, remindedAt: null })]);
  });

  test('Lars calls and records the contact: the deadlines are byte for byte the same; the work list no longer asks for it; resolved in dialogue', async () => {
    const id = (await w.me.post('/api/me/complaints', { decisionId: w.loneDecision.decisionId, text: 'Jeg vil klage igen.' })).json().id as string;
    const before = (await w.lars.get(`/api/complaints/${id}`)).json();
    const stored = async () => (await query<{ t: string }>(database.db, sql`SELECT contact_due::text || reassessment_due::text || contact_deadline::text || reassessment_deadline::text AS t FROM complaints WHERE id = ${id}`))[0]!.t;
    const storedBefore = await stored();
    const contact = await w.lars.post(`/api/complaints/${id}/contacts`, {
      kind: 'phone', contactOn: today(), listened: 'Medicinen er dyrere nu.', summary: 'Lone mener, at udgiften til medicin er steget.', openQuestions: 'Hvad koster den nu?', agreed: 'Lone sender kvitteringer.',
    });
    expect(contact.statusCode, contact.body).toBe(200);
    const after = contact.json();
    expect(after.firstContactOn).toBe(today());
    expect(after.contacts).toHaveLength(1);
    expect(after.contacts[0]).toMatchObject({ kind: 'phone', listened: 'Medicinen er dyrere nu.', recordedBy: { id: w.staff.lars.id } });
    for (const k of ['contactDeadline', 'reassessmentDeadline', 'contactDaysLeft', 'reassessmentDaysLeft', 'receivedOn'] as const) expect(JSON.stringify(after[k])).toBe(JSON.stringify(before[k]));
    expect(await stored()).toBe(storedBefore);
    const work = (await w.lars.get('/api/case-work')).json().items as { subjectId: string }[];
    expect(work.filter((i) => i.subjectId === id)).toEqual([]);

    const audit = await count('audit_events', sql`subject_id = ${id} AND kind = 'write'`);
    const closed = await w.lars.post(`/api/complaints/${id}/close`, { outcome: 'resolvedInDialogue', citizenWords: 'Jeg forstår det nu. Jeg trækker klagen tilbage.', learningCategory: 'communication' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'resolvedInDialogue', closedOn: today(), citizenWords: 'Jeg forstår det nu. Jeg trækker klagen tilbage.', learningCategory: 'communication' });
    expect(await count('audit_events', sql`subject_id = ${id} AND kind = 'write' AND action = 'complaint.closed'`)).toBe(1);
    expect(await count('audit_events', sql`subject_id = ${id} AND kind = 'write'`)).toBe(audit + 1);

    const again = await w.lars.post(`/api/complaints/${id}/close`, { outcome: 'forwarded', learningCategory: 'other' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'CONFLICT', reason: 'alreadyEnded' });
    const late = await w.lars.post(`/api/complaints/${id}/contacts`, { kind: 'phone', contactOn: today(), listened: 'x', summary: 'y' });
    expect(late.statusCode).toBe(409);
    expect((await w.lars.get(`/api/complaints/${id}`)).json().status).toBe('resolvedInDialogue');
  });

  test('a complaint registered by phone is forwarded to the appeal body; one about a decision changed on reassessment links the new decision', async () => {
    const byPhone = await w.lars.post('/api/complaints', { citizenId: w.lone.id, decisionId: w.loneDecision.decisionId, channel: 'phone', text: 'Hun ringede og var vred.', receivedOn: inDays(-3) });
    expect(byPhone.statusCode, byPhone.body).toBe(201);
    expect(byPhone.json()).toMatchObject({ channel: 'phone', receivedOn: inDays(-3), receiptLetterId: expect.any(String) });
    expect(byPhone.json().contactDeadline.due).toBe(deadline({ kind: 'workingDays', days: 2 }, inDays(-3), rules).due);
    const forwarded = await w.lars.post(`/api/complaints/${byPhone.json().id}/close`, { outcome: 'forwarded', note: 'Afgørelsen fastholdes.', learningCategory: 'lawApplication' });
    expect(forwarded.statusCode, forwarded.body).toBe(200);
    expect(forwarded.json()).toMatchObject({ status: 'forwarded', forwardedTo: 'Ankestyrelsen', closedOn: today(), learningCategory: 'lawApplication' });

    const third = (await w.me.post('/api/me/complaints', { decisionId: w.loneDecision.decisionId, text: 'Der mangler en regning.' })).json().id as string;
    // Not a replacing decision: another citizen's, or one that replaces nothing.
    for (const newDecisionId of [w.otherDecision.decisionId, w.loneDecision.decisionId]) {
      const refused = await w.lars.post(`/api/complaints/${third}/close`, { outcome: 'decisionChanged', newDecisionId, learningCategory: 'factsWrong' });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error).toMatchObject({ field: 'newDecisionId', reason: 'notReplacingDecision' });
    }
    // The decisions module issues the new decision on reassessment (POST /api/requests/:requestId/decision with the complaint); here straight into the table.
    const newDecisionId = await aDecision(database.db, w.m, {
      requestId: w.loneDecision.requestId, citizenId: w.lone.id, typeId: w.loneDecision.typeId, unitId: w.voksen.id, staffId: w.staff.lars.id, outcome: 'granted', decidedOn: today(), replaces: w.loneDecision.decisionId,
    });
    const changed = await w.lars.post(`/api/complaints/${third}/close`, { outcome: 'decisionChanged', newDecisionId, learningCategory: 'factsWrong' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ status: 'decisionChanged', newDecisionId });
  });

  test('a complaint about how she was met goes to the unit she names, or her plan’s coordinator; answered, never forwarded', async () => {
    const named = await w.me.post('/api/me/complaints', { unitId: w.jobcenter.id, text: 'Jeg blev talt ned til i receptionen.' });
    expect(named.statusCode, named.body).toBe(201);
    const anne = await w.anne.get(`/api/complaints/${named.json().id}`);
    expect(anne.statusCode).toBe(200);
    expect(anne.json()).toMatchObject({ about: 'treatment', unit: { id: w.jobcenter.id }, reassessmentDeadline: null, reassessmentDaysLeft: null, decision: null });
    const forwarded = await w.anne.post(`/api/complaints/${named.json().id}/close`, { outcome: 'forwarded', learningCategory: 'treatment' });
    expect(forwarded.statusCode).toBe(400);
    expect(forwarded.json().error).toMatchObject({ field: 'outcome', reason: 'outcomeNotAllowed' });
    const answered = await w.anne.post(`/api/complaints/${named.json().id}/close`, { outcome: 'answered', answer: 'Vi har talt med medarbejderen.', learningCategory: 'treatment' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', answer: 'Vi har talt med medarbejderen.' });

    // No unit and no plan: the unit is required.
    const none = await w.me.post('/api/me/complaints', { text: 'Jeg blev talt ned til.' });
    expect(none.statusCode).toBe(400);
    expect(none.json().error).toMatchObject({ field: 'unitId', reason: 'required' });
    // With a plan: its coordinating unit takes it.
    const plan = await w.anne.post(`/api/citizens/${w.lone.id}/plan`, { wishes: 'Ro på økonomien' });
    expect(plan.statusCode, plan.body).toBe(200);
    const coordinated = await w.me.post('/api/me/complaints', { text: 'Jeg blev talt ned til.' });
    expect(coordinated.statusCode, coordinated.body).toBe(201);
    expect((await w.anne.get(`/api/complaints/${coordinated.json().id}`)).json().unit.id).toBe(w.jobcenter.id);
    // An answer about a decision is refused.
    const aboutDecision = (await w.me.post('/api/me/complaints', { decisionId: w.loneDecision.decisionId, text: 'Igen.' })).json().id as string;
    const answeredDecision = await w.lars.post(`/api/complaints/${aboutDecision}/close`, { outcome: 'answered', answer: 'Nej.', learningCategory: 'other' });
    expect(answeredDecision.json().error).toMatchObject({ field: 'outcome', reason: 'outcomeNotAllowed' });
  });
});

describe('guards', () => {
  let w: Awaited<ReturnType<typeof world>>;
  let id: string;
  beforeAll(async () => {
    w = await world();
    id = (await w.me.post('/api/me/complaints', { decisionId: w.loneDecision.decisionId, text: 'Jeg er uenig.' })).json().id;
  });

  test('a complaint about another citizen’s decision, a draft or an unknown one is refused the same way, and nothing is saved', async () => {
    const draft = await aDecision(database.db, w.m, { requestId: w.loneDecision.requestId, citizenId: w.lone.id, typeId: w.loneDecision.typeId, unitId: w.voksen.id, decidedOn: today(), status: 'draft' });
    const before = await count('complaints', sql`municipality_id = ${w.m}`);
    const letters = await count('letters', sql`municipality_id = ${w.m}`);
    for (const decisionId of [w.otherDecision.decisionId, draft, '00000000-0000-4000-8000-000000000000']) {
      const own = await w.me.post('/api/me/complaints', { decisionId, text: 'Klage' });
      expect(own.statusCode).toBe(400);
      expect(own.json().error).toEqual(expect.objectContaining({ code: 'VALIDATION', field: 'decisionId', reason: 'notDecisionOfCitizen' }));
      const staff = await w.lars.post('/api/complaints', { citizenId: w.lone.id, decisionId, channel: 'letter', text: 'Klage' });
      expect(staff.json().error).toEqual(expect.objectContaining({ field: 'decisionId', reason: 'notDecisionOfCitizen' }));
    }
    // The message is the same whether the decision exists or not.
    const a = (await w.me.post('/api/me/complaints', { decisionId: w.otherDecision.decisionId, text: 'Klage' })).json().error.message;
    const b = (await w.me.post('/api/me/complaints', { decisionId: '00000000-0000-4000-8000-000000000000', text: 'Klage' })).json().error.message;
    expect(a).toBe(b);
    expect(await count('complaints', sql`municipality_id = ${w.m}`)).toBe(before);
    expect(await count('letters', sql`municipality_id = ${w.m}`)).toBe(letters);
  });

  test('receipt and contact days: not in the future, not before receipt, a year back at most; units of the municipality only', async () => {
    const future = await w.lars.post('/api/complaints', { citizenId: w.lone.id, decisionId: w.loneDecision.decisionId, channel: 'phone', text: 'Klage', receivedOn: inDays(1) });
    expect(future.json().error).toMatchObject({ code: 'VALIDATION', field: 'receivedOn', reason: 'inTheFuture' });
    const old = await w.lars.post('/api/complaints', { citizenId: w.lone.id, decisionId: w.loneDecision.decisionId, channel: 'phone', text: 'Klage', receivedOn: inDays(-400) });
    expect(old.json().error).toMatchObject({ field: 'receivedOn', reason: 'tooOld' });
    const portal = await w.lars.post('/api/complaints', { citizenId: w.lone.id, channel: 'portal', text: 'Klage', unitId: w.voksen.id });
    expect(portal.statusCode).toBe(400);
    expect(portal.json().error.field).toBe('channel');
    const foreignUnit = await w.me.post('/api/me/complaints', { unitId: (await aUnit(database, (await aMunicipality(database)).id)).id, text: 'Klage' });
    expect(foreignUnit.json().error).toMatchObject({ field: 'unitId', reason: 'notUnitOfMunicipality' });

    const tomorrow = await w.lars.post(`/api/complaints/${id}/contacts`, { kind: 'phone', contactOn: inDays(1), listened: 'x', summary: 'y' });
    expect(tomorrow.json().error).toMatchObject({ field: 'contactOn', reason: 'inTheFuture' });
    const beforeReceipt = await w.lars.post(`/api/complaints/${id}/contacts`, { kind: 'phone', contactOn: inDays(-1), listened: 'x', summary: 'y' });
    expect(beforeReceipt.statusCode).toBe(400);
    expect(beforeReceipt.json().error).toMatchObject({ field: 'contactOn', reason: 'endBeforeStart' });
    const noWords = await w.lars.post(`/api/complaints/${id}/close`, { outcome: 'resolvedInDialogue', learningCategory: 'other' });
    expect(noWords.json().error).toMatchObject({ field: 'citizenWords', reason: 'required' });
    expect(await count('complaint_contacts', sql`complaint_id = ${id}`)).toBe(0);
    expect((await w.lars.get(`/api/complaints/${id}`)).json().status).toBe('open');
  });

  test('Christmas and Easter through the API: the contact deadline skips the closed days', async () => {
    const easter = await w.lars.post('/api/complaints', { citizenId: w.lone.id, decisionId: w.loneDecision.decisionId, channel: 'letter', text: 'Klage', receivedOn: '2026-04-01' });
    expect(easter.statusCode, easter.body).toBe(201);
    expect(easter.json().contactDeadline.due).toBe('2026-04-08');
    expect(easter.json().contactDeadline.rule.skipped.map((d: { key: string }) => d.key)).toEqual(expect.arrayContaining(['skaertorsdag', 'langfredag', 'anden_paaskedag']));
    const christmas = await w.lars.post('/api/complaints', { citizenId: w.lone.id, decisionId: w.loneDecision.decisionId, channel: 'letter', text: 'Klage', receivedOn: '2025-12-23' });
    expect(christmas.statusCode, christmas.body).toBe(201);
    expect(christmas.json().contactDeadline.due).toBe('2025-12-30');
    // Long past: both deadlines are breached and shown as overdue in the work list.
    const work = (await w.lars.get('/api/case-work')).json().items as { kind: string; subjectId: string; daysLeft: { workingDays: number } }[];
    const kinds = work.filter((i) => i.subjectId === christmas.json().id).map((i) => i.kind).sort();
    expect(kinds).toEqual(['contactOverdue', 'reassessmentOverdue']);
    expect(work.find((i) => i.subjectId === christmas.json().id)!.daysLeft.workingDays).toBeLessThan(0);
  });

  test('staff who do not see the complaint get 404; another municipality 404; the list leaves it out', async () => {
    for (const client of [w.librarian, w.elsewhere]) {
      expect((await client.get(`/api/complaints/${id}`)).statusCode).toBe(404);
      expect((await client.post(`/api/complaints/${id}/contacts`, { kind: 'phone', contactOn: today(), listened: 'x', summary: 'y' })).statusCode).toBe(404);
      expect((await client.post(`/api/complaints/${id}/close`, { outcome: 'forwarded', learningCategory: 'other' })).statusCode).toBe(404);
      expect(JSON.stringify((await client.get('/api/complaints?status=all')).json())).not.toContain(id);
      expect(JSON.stringify((await client.get('/api/case-work')).json())).not.toContain(id);
    }
    expect((await w.elsewhere.post('/api/complaints', { citizenId: w.lone.id, unitId: w.voksen.id, channel: 'phone', text: 'Klage' })).statusCode).toBe(404);
    expect((await w.lars.post('/api/complaints', { citizenId: '00000000-0000-4000-8000-000000000000', unitId: w.voksen.id, channel: 'phone', text: 'Klage' })).statusCode).toBe(404);
    expect((await w.lars.get('/api/complaints/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  test('who may do what: 403', async () => {
    // A frontline worker may register a complaint and read it, not handle it.
    expect((await w.frontline.get(`/api/complaints/${id}`)).statusCode).toBe(200);
    expect((await w.frontline.post(`/api/complaints/${id}/contacts`, { kind: 'phone', contactOn: today(), listened: 'x', summary: 'y' })).statusCode).toBe(403);
    // The citizen and a proxy have only their own page.
    for (const client of [w.me, w.proxy]) {
      expect((await client.get('/api/complaints')).statusCode).toBe(403);
      expect((await client.get(`/api/complaints/${id}`)).statusCode).toBe(403);
      expect((await client.get('/api/case-work')).statusCode).toBe(403);
      expect((await client.post('/api/complaints', { citizenId: w.lone.id, unitId: w.voksen.id, channel: 'phone', text: 'Klage' })).statusCode).toBe(403);
    }
    // Staff have no own page.
    expect((await w.lars.get('/api/me/decisions')).statusCode).toBe(403);
    expect((await w.lars.post('/api/me/complaints', { text: 'Klage', unitId: w.voksen.id })).statusCode).toBe(403);
    // A proxy who may comment complains for the citizen; one who may only read may not, but reads the page.
    const byProxy = await w.proxy.post('/api/me/complaints', { decisionId: w.loneDecision.decisionId, text: 'Min mor er uenig.' });
    expect(byProxy.statusCode, byProxy.body).toBe(201);
    expect((await w.readOnlyProxy.post('/api/me/complaints', { decisionId: w.loneDecision.decisionId, text: 'Klage' })).statusCode).toBe(403);
    const page = await w.readOnlyProxy.get('/api/me/decisions');
    expect(page.statusCode).toBe(200);
    expect(page.json().complaints.map((c: { id: string }) => c.id)).toContain(byProxy.json().id);
    // The coordinating unit of her plan sees the complaint and may call, but only the unit that decided closes it.
    await w.anne.post(`/api/citizens/${w.lone.id}/plan`, { wishes: 'Ro' });
    expect((await w.anne.get(`/api/complaints/${id}`)).statusCode).toBe(200);
    const anneCloses = await w.anne.post(`/api/complaints/${id}/close`, { outcome: 'forwarded', learningCategory: 'other' });
    expect(anneCloses.statusCode).toBe(403);
    expect(anneCloses.json().error).toMatchObject({ code: 'FORBIDDEN', reason: 'notDecidingUnit' });
    expect((await w.lars.get(`/api/complaints/${id}`)).json().status).toBe('open');
  });

  test('every write has its audit row; staff reads one access-log row each; the citizen’s own none', async () => {
    const reads = async () => count('audit_events', sql`kind = 'read' AND citizen_id = ${w.lone.id}`);
    const r0 = await reads();
    await w.me.get('/api/me/decisions');
    expect(await reads()).toBe(r0);
    await w.lars.get(`/api/complaints/${id}`);
    expect(await reads()).toBe(r0 + 1);
    const writes = await count('audit_events', sql`kind = 'write' AND citizen_id = ${w.lone.id}`);
    const created = (await w.me.post('/api/me/complaints', { decisionId: w.loneDecision.decisionId, text: 'Endnu en' })).json().id;
    // The complaint and its receipt letter.
    expect(await count('audit_events', sql`kind = 'write' AND citizen_id = ${w.lone.id}`)).toBe(writes + 2);
    expect(await count('audit_events', sql`kind = 'write' AND action = 'complaint.registered' AND subject_id = ${created}`)).toBe(1);
    expect(await count('audit_events', sql`kind = 'write' AND action = 'letter.complaintReceipt' AND citizen_id = ${w.lone.id}`)).toBeGreaterThan(0);
  });
});

describe('the demo (scenario 4)', () => {
  test('Lone’s complaint is open with no contact; Lars has it in his work list, with an overdue one; the closed ones have outcomes and categories', async () => {
    await seedDemo(database.db, testConfig());
    const lone = await as(app, 'citizen', demoId('citizen:lone'));
    const page = (await lone.get('/api/me/decisions')).json();
    expect(page.decisions).toEqual([expect.objectContaining({ outcome: 'partlyGranted', decidedBy: { id: demoId('staff:lars'), name: 'Lars Østergaard' } })]);
    expect(page.complaints).toEqual([expect.objectContaining({ status: 'open', channel: 'portal', firstContactOn: null, contacts: [] })]);
    expect(page.complaints[0].contactDaysLeft.workingDays).toBeGreaterThanOrEqual(0);
    expect(page.letters.map((l: { kind: string }) => l.kind).sort()).toEqual(['complaintReceipt', 'decision']);
    const lars = await as(app, 'staff', demoId('staff:lars'));
    // Lars works in two units; the complaint is the Voksen- og Handicapafdelingen's.
    expect((await lars.put('/api/auth/unit', { unitId: demoId('unit:voksen') })).statusCode).toBe(200);
    const work = (await lars.get('/api/case-work')).json().items as { kind: string; citizen: { name: string } }[];
    expect(work).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'contactDue', citizen: expect.objectContaining({ name: 'Lone Hansen' }) }),
      expect.objectContaining({ kind: 'contactOverdue' }),
    ]));
    const closed = (await lars.get('/api/complaints?status=closed')).json().complaints as { status: string; learningCategory: string }[];
    expect(new Set(closed.map((c) => c.status))).toEqual(new Set(['resolvedInDialogue', 'forwarded', 'decisionChanged']));
    expect(new Set(closed.map((c) => c.learningCategory)).size).toBeGreaterThanOrEqual(4);
  });
});
