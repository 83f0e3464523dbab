import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_FEEDBACK_SETTINGS, sammenMeeting, type InstrumentDefinition } from '@sammen/domain/feedback';
import { query, type Database } from '../../platform/db.ts';
import { as, testApp, testDatabase, TestClient } from '../../../test/helpers.ts';
import { inDays, today } from '../../../test/dates.ts';
import { aCitizen, aMunicipality, aProxy, aStaffMember, aUnit } from '../identity/identity.factories.ts';
import { aMeeting, aRating, anInstrumentId, answersSumming } from './feedback.factories.ts';

// Scenario 5 through the API: a meeting is recorded, the citizen rates it on the tablet (the
// staff member's session ends) or by a link (once, until it runs out), a low or dropping meeting
// rating alerts the unit that held it until someone there has seen it, and who sees which
// meetings: the unit that held it, the coordinator (all), another unit by consent to the area.
// Then every guard: 404 out of reach, 403 by role, 400 naming the field, 409 used and expired.

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

const count = async (table: string, where: ReturnType<typeof sql>) => Number((await query<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM ${sql.raw(table)} WHERE ${where}`))[0]!.n);

/**
 * A citizen whose plan the family department coordinates, with efforts by the jobcenter (work)
 * and a psychiatry partner (health); staff of each, an uninvolved library, an admin, a
 * jobcenter leader, another municipality's caseworker.
 */
async function world() {
  const m = (await aMunicipality(database)).id;
  const family = await aUnit(database, m, 'family');
  const jobcenter = await aUnit(database, m, 'jobcenter');
  const psychiatry = await aUnit(database, m, 'partner');
  const library = await aUnit(database, m, 'library');
  const staff = {
    coordinator: await aStaffMember(database, m, [[family.id, 'coordinator']]),
    worker: await aStaffMember(database, m, [[jobcenter.id, 'caseworker']]),
    frontline: await aStaffMember(database, m, [[jobcenter.id, 'frontline']]),
    leader: await aStaffMember(database, m, [[jobcenter.id, 'leader']]),
    partner: await aStaffMember(database, m, [[psychiatry.id, 'partner']]),
    librarian: await aStaffMember(database, m, [[library.id, 'caseworker']]),
    admin: await aStaffMember(database, m, [[library.id, 'admin']]),
  };
  const citizen = await aCitizen(database, m, 'Sara Feedbacksen');
  const other = await aCitizen(database, m);
  const coordinator = await as(app, 'staff', staff.coordinator.id);
  let p = (await coordinator.post(`/api/citizens/${citizen.id}/plan`, { wishes: 'Et arbejde' })).json();
  p = (await coordinator.post(`/api/plans/${p.id}/goals`, { baseVersion: p.version, wording: 'Et job' })).json();
  for (const [unitId, area] of [[jobcenter.id, 'work'], [psychiatry.id, 'health']] as const) {
    p = (await coordinator.post(`/api/plans/${p.id}/efforts`, { baseVersion: p.version, unitId, title: 'Indsats', area, startsOn: '2026-01-01', goalIds: [p.goals[0].id] })).json();
  }
  await coordinator.post(`/api/citizens/${other.id}/plan`, { wishes: 'Ro' });
  const elsewhere = await aMunicipality(database);
  const elsewhereStaff = await aStaffMember(database, elsewhere.id, [[(await aUnit(database, elsewhere.id, 'jobcenter')).id, 'caseworker']]);
  return {
    m, family, jobcenter, psychiatry, library, staff, citizen, other,
    coordinator,
    worker: await as(app, 'staff', staff.worker.id),
    frontline: await as(app, 'staff', staff.frontline.id),
    leader: await as(app, 'staff', staff.leader.id),
    partner: await as(app, 'staff', staff.partner.id),
    librarian: await as(app, 'staff', staff.librarian.id),
    admin: await as(app, 'staff', staff.admin.id),
    elsewhere: await as(app, 'staff', elsewhereStaff.id),
    me: await as(app, 'citizen', citizen.id),
    proxy: await as(app, 'proxy', (await aProxy(database, m, citizen.id, ['plan.read'])).id),
    proxyWithout: await as(app, 'proxy', (await aProxy(database, m, citizen.id, [])).id),
  };
}
type World = Awaited<ReturnType<typeof world>>;

/** An appointment of `citizenId` with `unitId`, begun an hour ago, straight into the table. */
const anAppointment = async (m: string, citizenId: string, unitId: string, area: string | null = 'work') =>
  (
    await query<{ id: string }>(
      database.db,
      sql`INSERT INTO appointments (municipality_id, citizen_id, unit_id, title, area, starts_at, ends_at)
          VALUES (${m}, ${citizenId}, ${unitId}, 'Samtale', ${area}::effort_area, now() - interval '1 hour', now()) RETURNING id::text AS id`,
    )
  )[0]!.id;

/** The jobcenter worker records a meeting with the citizen; its id. */
async function aRecordedMeeting(w: World, client = w.worker) {
  const res = await client.post(`/api/citizens/${w.citizen.id}/feedback/meetings`, { area: 'work' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** A rating link for the meeting; its secret. */
async function aLink(client: TestClient, meetingId: string, body: Record<string, unknown> = { kinds: ['outcome', 'meeting'], mode: 'link' }) {
  const res = await client.post(`/api/feedback/meetings/${meetingId}/links`, body);
  expect(res.statusCode, res.body).toBe(201);
  return (res.json().path as string).split('#')[1]!;
}

const anonymous = async () => {
  const c = new TestClient(app);
  await c.get('/api/auth/csrf').then((r) => (c.csrf = r.json().token));
  return c;
};

describe('instruments and settings', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  test('any staff member sees Sammen’s four instruments and the default settings; a new municipality gets them on first sight', async () => {
    const res = await w.frontline.get('/api/feedback/instruments');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.instruments.map((i: { origin: string; definition: InstrumentDefinition }) => `${i.origin}: ${i.definition.name.da}`).sort()).toEqual(
      ['sammen: Om samtalen', 'sammen: Om vores snak', 'sammen: Sådan går det', 'sammen: Sådan har jeg det'],
    );
    expect(body.instruments).toHaveLength(4);
    expect(body.settings).toEqual(DEFAULT_FEEDBACK_SETTINGS);
    expect((await w.admin.get('/api/feedback/instruments')).json().instruments).toHaveLength(4);
    expect((await w.me.get('/api/feedback/instruments')).statusCode).toBe(403);
  });

  test('the admin enters an instrument of the municipality’s own; frontline staff may not (403)', async () => {
    const definition = { ...sammenMeeting, name: { da: 'Kommunens skema', en: 'Our form' }, licence: 'Licens købt af kommunen' };
    const res = await w.admin.post('/api/feedback/instruments', { definition });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ origin: 'municipality', active: true, ratings: 0, definition: { name: { da: 'Kommunens skema' } } });
    expect((await w.frontline.post('/api/feedback/instruments', { definition })).statusCode).toBe(403);
    expect((await w.worker.put('/api/feedback/settings', DEFAULT_FEEDBACK_SETTINGS)).statusCode).toBe(403);
  });

  test('bad definitions name the field: no items → definition.items; a cutoff outside the scale → definition.total.cutoff.value', async () => {
    const noItems = await w.admin.post('/api/feedback/instruments', { definition: { ...sammenMeeting, items: [] } });
    expect(noItems.statusCode).toBe(400);
    expect(noItems.json().error).toMatchObject({ field: 'definition.items', reason: 'tooFew' });
    const cutoff = await w.admin.post('/api/feedback/instruments', { definition: { ...sammenMeeting, total: { ...sammenMeeting.total, cutoff: { value: 41, comparator: 'lt' } } } });
    expect(cutoff.statusCode).toBe(400);
    expect(cutoff.json().error).toMatchObject({ field: 'definition.total.cutoff.value', reason: 'tooLarge' });
  });

  test('an instrument in use keeps its items and scoring (409 instrumentInUse) but its wording, cutoff and active may change', async () => {
    const meetingId = await aMeeting(database.db, w.m, { citizenId: w.citizen.id, unitId: w.jobcenter.id, staffId: w.staff.worker.id, area: 'work' });
    await aRating(database.db, w.m, meetingId, 'meeting', 36);
    const instrumentId = await anInstrumentId(database.db, w.m, 'meeting');
    const before = (await w.admin.get('/api/feedback/instruments')).json().instruments.find((i: { id: string }) => i.id === instrumentId);
    expect(before.ratings).toBe(1);
    const d = before.definition as InstrumentDefinition;
    const items = await w.admin.put(`/api/feedback/instruments/${instrumentId}`, { definition: { ...d, items: d.items.map((it, i) => (i === 0 ? { ...it, max: 5 } : it)) } });
    expect(items.statusCode).toBe(409);
    expect(items.json().error).toMatchObject({ code: 'CONFLICT', reason: 'instrumentInUse', field: 'definition.items' });
    const method = await w.admin.put(`/api/feedback/instruments/${instrumentId}`, { definition: { ...d, total: { ...d.total, method: 'mean', cutoff: { value: 8, comparator: 'lt' }, reliableChange: 2, alerts: { belowCutoff: true, drop: 1 } } } });
    expect(method.json().error).toMatchObject({ reason: 'instrumentInUse', field: 'definition.total.method' });
    const reworded = { ...d, items: d.items.map((it, i) => (i === 0 ? { ...it, wording: { da: 'Jeg følte mig respekteret', en: 'I felt respected' } } : it)), total: { ...d.total, cutoff: { value: 30, comparator: 'lt' } } };
    const ok = await w.admin.put(`/api/feedback/instruments/${instrumentId}`, { definition: reworded, active: false });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ active: false, definition: { total: { cutoff: { value: 30 } } } });
    expect(ok.json().definition.items[0].wording.da).toBe('Jeg følte mig respekteret');
    await w.admin.put(`/api/feedback/instruments/${instrumentId}`, { definition: d, active: true });
    expect((await w.worker.put(`/api/feedback/instruments/${instrumentId}`, { definition: d })).statusCode).toBe(403);
  });

  test('another municipality’s admin gets 404 for this municipality’s instrument', async () => {
    const elsewhere = await aMunicipality(database);
    const unit = await aUnit(database, elsewhere.id, 'administration');
    const admin = await as(app, 'staff', (await aStaffMember(database, elsewhere.id, [[unit.id, 'admin']])).id);
    const instrumentId = await anInstrumentId(database.db, w.m, 'outcome');
    const res = await admin.put(`/api/feedback/instruments/${instrumentId}`, { definition: (await w.admin.get('/api/feedback/instruments')).json().instruments[0].definition });
    expect(res.statusCode).toBe(404);
    expect((await admin.post(`/api/feedback/instruments/${instrumentId}/norms`, { reliability: 0.8, nonClinicalTotals: [] })).statusCode).toBe(404);
  });

  test('the settings are saved and shown with the instruments', async () => {
    const settings = { ...DEFAULT_FEEDBACK_SETTINGS, band: 3, linkHours: 48 };
    const res = await w.admin.put('/api/feedback/settings', settings);
    expect(res.statusCode, res.body).toBe(200);
    expect((await w.worker.get('/api/feedback/instruments')).json().settings).toEqual(settings);
    expect((await w.admin.put('/api/feedback/settings', { ...settings, tabletMinutes: 1 })).json().error).toMatchObject({ field: 'tabletMinutes', reason: 'tooSmall' });
    await w.admin.put('/api/feedback/settings', DEFAULT_FEEDBACK_SETTINGS);
  });
});

describe('meetings', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  test('a meeting with an appointment takes its area; recording it again answers the same meeting (200)', async () => {
    const appointmentId = await anAppointment(w.m, w.citizen.id, w.jobcenter.id, 'work');
    const res = await w.worker.post(`/api/citizens/${w.citizen.id}/feedback/meetings`, { appointmentId, area: 'health' });
    expect(res.statusCode, res.body).toBe(201);
    const meeting = res.json();
    expect(meeting).toMatchObject({ area: 'work', appointmentId, unit: { id: w.jobcenter.id }, staff: { id: w.staff.worker.id }, conversation: 1, outcome: null, meeting: null, alerts: [] });
    const again = await w.worker.post(`/api/citizens/${w.citizen.id}/feedback/meetings`, { appointmentId });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().id).toBe(meeting.id);
    expect(await count('audit_events', sql`action = 'feedback.meetingRecorded' AND subject_id = ${meeting.id}`)).toBe(1);
  });

  test('bad input names the field: another citizen’s appointment, another unit’s, no area, the future', async () => {
    const url = `/api/citizens/${w.citizen.id}/feedback/meetings`;
    const othersAppointment = await anAppointment(w.m, w.other.id, w.jobcenter.id);
    const r1 = await w.worker.post(url, { appointmentId: othersAppointment });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error).toMatchObject({ field: 'appointmentId', reason: 'notAppointmentOfCitizen' });
    const familyAppointment = await anAppointment(w.m, w.citizen.id, w.family.id);
    expect((await w.worker.post(url, { appointmentId: familyAppointment })).json().error).toMatchObject({ field: 'appointmentId', reason: 'notAppointmentOfCitizen' });
    expect((await w.worker.post(url, {})).json().error).toMatchObject({ field: 'area', reason: 'required' });
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await w.worker.post(url, { area: 'work', heldAt: future })).json().error).toMatchObject({ field: 'heldAt', reason: 'inTheFuture' });
    expect(await count('feedback_meetings', sql`municipality_id = ${w.m} AND citizen_id = ${w.citizen.id} AND held_at > now()`)).toBe(0);
  });

  test('404 for a unit not involved and another municipality; 403 for the admin and the citizen', async () => {
    const url = `/api/citizens/${w.citizen.id}/feedback/meetings`;
    expect((await w.librarian.post(url, { area: 'work' })).statusCode).toBe(404);
    expect((await w.elsewhere.post(url, { area: 'work' })).statusCode).toBe(404);
    expect((await w.admin.post(url, { area: 'work' })).statusCode).toBe(403);
    expect((await w.me.post(url, { area: 'work' })).statusCode).toBe(403);
    expect((await w.librarian.get(`/api/citizens/${w.citizen.id}/feedback`)).statusCode).toBe(404);
    expect((await w.elsewhere.get(`/api/citizens/${w.citizen.id}/feedback`)).statusCode).toBe(404);
  });
});

describe('rating by link and on the tablet', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  test('the citizen opens the link: the unit, the day, both forms — nothing of the plan, not the name; submits once', async () => {
    const meetingId = await aRecordedMeeting(w);
    const token = await aLink(w.worker, meetingId);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await count('feedback_links', sql`token_hash = ${token}`)).toBe(0); // only its hash is stored
    const citizen = await anonymous();
    const opened = await citizen.post('/api/ratings/open', { token });
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({ unitName: w.jobcenter.name, mode: 'link' });
    expect(opened.json().forms.map((f: { kind: string }) => f.kind)).toEqual(['outcome', 'meeting']);
    expect(opened.body).not.toContain(w.citizen.name);
    expect(opened.body).not.toContain('Et job');

    const submitted = await citizen.post('/api/ratings', { token, ratings: [{ kind: 'outcome', declined: false, answers: answersSumming(28, 'outcome') }, { kind: 'meeting', declined: false, answers: answersSumming(38, 'meeting') }] });
    expect(submitted.statusCode, submitted.body).toBe(201);
    expect(submitted.json()).toEqual({ saved: ['outcome', 'meeting'] });
    const stored = await query<{ kind: string; total: number; given_via: string }>(database.db, sql`SELECT kind::text AS kind, total, given_via FROM feedback_ratings WHERE meeting_id = ${meetingId} ORDER BY kind DESC`);
    expect(stored).toEqual([{ kind: 'outcome', total: 28, given_via: 'link' }, { kind: 'meeting', total: 38, given_via: 'link' }]);
    const audit = await query<{ actor_kind: string; actor_id: string }>(database.db, sql`SELECT actor_kind::text AS actor_kind, actor_id::text AS actor_id FROM audit_events WHERE action = 'feedback.rated' AND subject_id = ${meetingId}`);
    expect(audit).toEqual([{ actor_kind: 'citizen', actor_id: w.citizen.id }]);

    // Used: 409 linkUsed, and nothing changes.
    const again = await citizen.post('/api/ratings', { token, ratings: [{ kind: 'meeting', declined: true }] });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ reason: 'linkUsed', field: 'token' });
    expect((await citizen.post('/api/ratings/open', { token })).json().error.reason).toBe('linkUsed');
    expect(await count('feedback_ratings', sql`meeting_id = ${meetingId}`)).toBe(2);
    // A new link for a kind already rated: 409 alreadyRated.
    const rerate = await w.worker.post(`/api/feedback/meetings/${meetingId}/links`, { kinds: ['meeting'], mode: 'link' });
    expect(rerate.statusCode).toBe(409);
    expect(rerate.json().error).toMatchObject({ reason: 'alreadyRated', field: 'kinds' });
  });

  test('an answer off the scale names ratings.0.answers.respect and saves nothing; unknown secret 404; expired 409', async () => {
    const meetingId = await aRecordedMeeting(w);
    const token = await aLink(w.worker, meetingId, { kinds: ['meeting', 'outcome'], mode: 'link' });
    const citizen = await anonymous();
    const bad = await citizen.post('/api/ratings', {
      token,
      ratings: [{ kind: 'meeting', declined: false, answers: { ...answersSumming(30, 'meeting'), respect: 11 } }, { kind: 'outcome', declined: true }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ field: 'ratings.0.answers.respect', reason: 'tooLarge' });
    const missing = await citizen.post('/api/ratings', { token, ratings: [{ kind: 'outcome', declined: true }, { kind: 'meeting', declined: false, answers: { respect: 5 } }] });
    expect(missing.json().error).toMatchObject({ field: 'ratings.1.answers.listened', reason: 'required' });
    const twice = await citizen.post('/api/ratings', { token, ratings: [{ kind: 'outcome', declined: true }, { kind: 'outcome', declined: true }] });
    expect(twice.json().error).toMatchObject({ field: 'ratings.1.kind', reason: 'invalidValue' });
    expect(await count('feedback_ratings', sql`meeting_id = ${meetingId}`)).toBe(0);
    expect(await count('feedback_links', sql`meeting_id = ${meetingId} AND used_at IS NOT NULL`)).toBe(0);

    const onlyMeeting = await aLink(w.worker, await aRecordedMeeting(w), { kinds: ['meeting'], mode: 'link' });
    const notAsked = await citizen.post('/api/ratings', { token: onlyMeeting, ratings: [{ kind: 'outcome', declined: true }] });
    expect(notAsked.json().error).toMatchObject({ field: 'ratings.0.kind', reason: 'invalidValue' });

    expect((await citizen.post('/api/ratings/open', { token: 'A'.repeat(43) })).statusCode).toBe(404);
    expect((await citizen.post('/api/ratings', { token: 'A'.repeat(43), ratings: [{ kind: 'outcome', declined: true }] })).statusCode).toBe(404);
    await query(database.db, sql`UPDATE feedback_links SET expires_at = now() - interval '1 minute' WHERE meeting_id = ${meetingId}`);
    const expired = await citizen.post('/api/ratings', { token, ratings: [{ kind: 'outcome', declined: true }] });
    expect(expired.statusCode).toBe(409);
    expect(expired.json().error).toMatchObject({ reason: 'linkExpired', field: 'token' });
    expect((await citizen.post('/api/ratings/open', { token })).json().error.reason).toBe('linkExpired');
    expect(await count('feedback_ratings', sql`meeting_id = ${meetingId}`)).toBe(0);
  });

  test('a declined rating is stored as declined with no total and never alerts', async () => {
    const meetingId = await aRecordedMeeting(w);
    const token = await aLink(w.worker, meetingId, { kinds: ['meeting'], mode: 'link' });
    const res = await (await anonymous()).post('/api/ratings', { token, ratings: [{ kind: 'meeting', declined: true }] });
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await query<{ declined: boolean; total: number | null; answers: unknown; alerts: unknown }>(database.db, sql`SELECT declined, total, answers, alerts FROM feedback_ratings WHERE meeting_id = ${meetingId}`);
    expect(row).toMatchObject({ declined: true, total: null, answers: null });
    expect(typeof row!.alerts === 'string' ? JSON.parse(row!.alerts) : row!.alerts).toEqual([]);
    const page = (await w.worker.get(`/api/citizens/${w.citizen.id}/feedback`)).json();
    const shown = page.meetings.find((m: { id: string }) => m.id === meetingId);
    expect(shown.meeting).toMatchObject({ declined: true, total: null, answers: null });
    expect(shown.alerts).toEqual([]);
  });

  test('the link names an instrument of the right kind and active, else 400 wrongInstrument; another unit’s meeting is 404', async () => {
    const meetingId = await aRecordedMeeting(w);
    const meetingInstrument = await anInstrumentId(database.db, w.m, 'meeting');
    const wrong = await w.worker.post(`/api/feedback/meetings/${meetingId}/links`, { kinds: ['outcome'], mode: 'link', outcomeInstrumentId: meetingInstrument });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ field: 'outcomeInstrumentId', reason: 'wrongInstrument' });
    expect((await w.coordinator.post(`/api/feedback/meetings/${meetingId}/links`, { kinds: ['outcome'], mode: 'link' })).statusCode).toBe(404);
    expect((await w.elsewhere.post(`/api/feedback/meetings/${meetingId}/links`, { kinds: ['outcome'], mode: 'link' })).statusCode).toBe(404);
    expect((await w.admin.post(`/api/feedback/meetings/${meetingId}/links`, { kinds: ['outcome'], mode: 'link' })).statusCode).toBe(403);
  });

  test('a child gets the child instruments by default', async () => {
    const child = await database.db.execute(sql`UPDATE citizens SET birth_date = ${inDays(-365 * 9)}::date WHERE id = ${w.other.id}`).then(() => w.other);
    const id = await aMeeting(database.db, w.m, { citizenId: child.id, unitId: w.family.id, staffId: w.staff.coordinator.id });
    const token = await aLink(w.coordinator, id, { kinds: ['meeting'], mode: 'link' });
    const form = (await (await anonymous()).post('/api/ratings/open', { token })).json().forms[0];
    expect(form).toMatchObject({ presentation: 'faces', name: { da: 'Om vores snak' } });
  });

  test('tablet mode ends the staff member’s session: the next request is 401; the citizen rates on the same screen', async () => {
    const tablet = await as(app, 'staff', w.staff.worker.id);
    const meetingId = await aRecordedMeeting(w, tablet);
    const res = await tablet.post(`/api/feedback/meetings/${meetingId}/links`, { kinds: ['meeting'], mode: 'tablet' });
    expect(res.statusCode, res.body).toBe(201);
    const view = res.json();
    expect(view.mode).toBe('tablet');
    const minutes = (Date.parse(view.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(DEFAULT_FEEDBACK_SETTINGS.tabletMinutes - 1);
    expect(minutes).toBeLessThanOrEqual(DEFAULT_FEEDBACK_SETTINGS.tabletMinutes);
    expect((await tablet.get('/api/auth/session')).statusCode).toBe(401);
    expect((await tablet.get(`/api/citizens/${w.citizen.id}/feedback`)).statusCode).toBe(401);
    const token = view.path.split('#')[1];
    expect((await tablet.post('/api/ratings/open', { token })).statusCode).toBe(200);
    const rated = await tablet.post('/api/ratings', { token, ratings: [{ kind: 'meeting', declined: false, answers: answersSumming(39, 'meeting') }] });
    expect(rated.statusCode, rated.body).toBe(201);
    expect((await query<{ given_via: string }>(database.db, sql`SELECT given_via FROM feedback_ratings WHERE meeting_id = ${meetingId}`))[0]!.given_via).toBe('tablet');
  });
});

describe('alerts', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  test('a meeting rating below the cutoff that dropped from the last is stored with both alerts and listed for the meeting’s unit only; seen removes it', async () => {
    const first = await aRecordedMeeting(w);
    await (await anonymous()).post('/api/ratings', { token: await aLink(w.worker, first, { kinds: ['meeting'], mode: 'link' }), ratings: [{ kind: 'meeting', declined: false, answers: answersSumming(36, 'meeting') }] });
    const second = await aRecordedMeeting(w);
    const res = await (await anonymous()).post('/api/ratings', { token: await aLink(w.worker, second, { kinds: ['meeting'], mode: 'link' }), ratings: [{ kind: 'meeting', declined: false, answers: answersSumming(30, 'meeting') }] });
    expect(res.statusCode, res.body).toBe(201);

    const list = await w.worker.get('/api/feedback/alerts');
    expect(list.statusCode, list.body).toBe(200);
    const alerts = list.json().alerts as { ratingId: string; meetingId: string; citizen: { id: string }; kind: string; alerts: { kind: string }[] }[];
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ meetingId: second, citizen: { id: w.citizen.id, name: w.citizen.name }, kind: 'meeting' });
    expect(alerts[0]!.alerts).toEqual([
      { kind: 'belowCutoff', meeting: 2, total: 30, cutoff: { value: 34, comparator: 'lt' } },
      { kind: 'drop', meeting: 2, total: 30, previousMeeting: 1, previous: 36, fall: 6, threshold: 4 },
    ]);
    // The alerts show on the meeting too, for who may see it.
    const page = (await w.coordinator.get(`/api/citizens/${w.citizen.id}/feedback`)).json();
    expect(page.meetings.find((m: { id: string }) => m.id === second).alerts).toHaveLength(2);
    // Only the unit that held the meeting gets it.
    expect((await w.coordinator.get('/api/feedback/alerts')).json().alerts).toEqual([]);
    expect((await w.leader.get('/api/feedback/alerts')).json().alerts).toHaveLength(1);
    // The read is logged: one row per citizen shown.
    expect(await count('audit_events', sql`action = 'feedback.alerts' AND citizen_id = ${w.citizen.id}`)).toBeGreaterThan(0);

    const ratingId = alerts[0]!.ratingId;
    expect((await w.coordinator.post(`/api/feedback/alerts/${ratingId}/seen`, {})).statusCode).toBe(404);
    expect((await w.elsewhere.post(`/api/feedback/alerts/${ratingId}/seen`, {})).statusCode).toBe(404);
    const seen = await w.frontline.post(`/api/feedback/alerts/${ratingId}/seen`, {});
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toEqual({ ok: true });
    expect((await w.frontline.post(`/api/feedback/alerts/${ratingId}/seen`, {})).statusCode).toBe(200);
    expect(await count('audit_events', sql`action = 'feedback.alertSeen' AND subject_id = ${ratingId}`)).toBe(1);
    expect((await w.worker.get('/api/feedback/alerts')).json().alerts).toEqual([]);
  });

  test('a good meeting rating and a declined one set off nothing', async () => {
    const a = await aMeeting(database.db, w.m, { citizenId: w.other.id, unitId: w.family.id, staffId: w.staff.coordinator.id });
    expect((await aRating(database.db, w.m, a, 'meeting', 38)).alerts).toEqual([]);
    const b = await aMeeting(database.db, w.m, { citizenId: w.other.id, unitId: w.family.id, staffId: w.staff.coordinator.id });
    expect(await aRating(database.db, w.m, b, 'meeting', null)).toMatchObject({ total: null, alerts: [] });
    const c = await aMeeting(database.db, w.m, { citizenId: w.other.id, unitId: w.family.id, staffId: w.staff.coordinator.id });
    // A drop is measured from the last rated meeting (38), not the declined one: 38 → 33 is both.
    expect((await aRating(database.db, w.m, c, 'meeting', 33)).alerts.map((x) => x.kind)).toEqual(['belowCutoff', 'drop']);
  });
});

describe('who sees which meetings', () => {
  let w: World;
  let jobcenterMeeting: string;
  let partnerMeeting: string;
  beforeAll(async () => {
    w = await world();
    jobcenterMeeting = await aMeeting(database.db, w.m, { citizenId: w.citizen.id, unitId: w.jobcenter.id, staffId: w.staff.worker.id, area: 'work', daysAgo: 3 });
    await aRating(database.db, w.m, jobcenterMeeting, 'meeting', 20);
    await aRating(database.db, w.m, jobcenterMeeting, 'outcome', 15);
    partnerMeeting = await aMeeting(database.db, w.m, { citizenId: w.citizen.id, unitId: w.psychiatry.id, staffId: w.staff.partner.id, area: 'health', daysAgo: 2 });
    await aRating(database.db, w.m, partnerMeeting, 'meeting', 38);
  });
  const ids = (body: { meetings: { id: string }[] }) => body.meetings.map((m) => m.id);

  test('the coordinator sees every unit’s meetings (complete); an involved unit its own; the low unit is named', async () => {
    const all = (await w.coordinator.get(`/api/citizens/${w.citizen.id}/feedback`)).json();
    expect(ids(all)).toEqual([jobcenterMeeting, partnerMeeting]);
    expect(all.complete).toBe(true);
    expect(all.lowUnits).toEqual([w.jobcenter.id]);
    expect(all.citizen).toEqual({ id: w.citizen.id, name: w.citizen.name });
    expect(all.instruments.map((i: { kind: string }) => i.kind).sort()).toEqual(['meeting', 'meeting', 'outcome', 'outcome']);
    const course = all.courses.find((c: { unit: { id: string } }) => c.unit.id === w.jobcenter.id);
    expect(course).toMatchObject({ outcomeTotals: [15], meetingTotals: [20], change: null, outcomeInstrument: { normsStatus: 'local_not_validated', range: { min: 0, max: 40 } } });
    expect(course.trajectory).toMatchObject({ start: 15, matchedCourses: 0 });
    expect(course.progress.status).toBe('noExpectation');

    const own = (await w.worker.get(`/api/citizens/${w.citizen.id}/feedback`)).json();
    expect(ids(own)).toEqual([jobcenterMeeting]);
    expect(own.complete).toBe(false);
    expect(ids((await w.partner.get(`/api/citizens/${w.citizen.id}/feedback`)).json())).toEqual([partnerMeeting]);
  });

  test('another involved unit sees a meeting only while a consent names its area', async () => {
    const consent = await w.me.post('/api/me/consents', { recipientUnitId: w.psychiatry.id, sections: ['work'], purpose: 'Så psykiatrien kender mit forløb i jobcentret', startsOn: today() });
    expect(consent.statusCode, consent.body).toBe(200);
    expect(ids((await w.partner.get(`/api/citizens/${w.citizen.id}/feedback`)).json())).toEqual([jobcenterMeeting, partnerMeeting]);
    // The jobcenter has no consent naming health: still only its own.
    expect(ids((await w.worker.get(`/api/citizens/${w.citizen.id}/feedback`)).json())).toEqual([jobcenterMeeting]);
    const consents = (await w.me.get('/api/me/consents')).json().consents as { id: string; state: string }[];
    for (const c of consents.filter((x) => x.state === 'active')) await w.me.post(`/api/me/consents/${c.id}/revoke`, {});
    expect(ids((await w.partner.get(`/api/citizens/${w.citizen.id}/feedback`)).json())).toEqual([partnerMeeting]);
  });

  test('the citizen and a proxy who may read the plan see everything; a proxy without, and staff, 403', async () => {
    const mine = await w.me.get('/api/me/feedback');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(ids(mine.json())).toEqual([jobcenterMeeting, partnerMeeting]);
    expect(mine.json().complete).toBe(true);
    expect(mine.json()).not.toHaveProperty('instruments');
    expect(ids((await w.proxy.get('/api/me/feedback')).json())).toEqual([jobcenterMeeting, partnerMeeting]);
    expect((await w.proxyWithout.get('/api/me/feedback')).statusCode).toBe(403);
    expect((await w.worker.get('/api/me/feedback')).statusCode).toBe(403);
    expect((await w.me.get(`/api/citizens/${w.citizen.id}/feedback`)).statusCode).toBe(403);
  });
});
