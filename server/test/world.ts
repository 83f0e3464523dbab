import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { query, type Database } from '../src/platform/db.ts';
import { aCitizen, aMunicipality, aProxy, aStaffMember, aUnit } from '../src/modules/identity/identity.factories.ts';
import { inDays, today } from './dates.ts';
import { TIME_ZONE, fromWallClock } from '@sammen/domain/calendar';
import { recheckCitizens } from '../src/modules/calendar/calendar.sweep.ts';
import { APPEAL_DEADLINE, deadline } from '@sammen/domain/deadlines';
import { DEFAULT_WORKING_DAY_RULES } from '@sammen/domain/workdays';
import { as, type TestClient } from './helpers.ts';
import { anIssuedDecision } from '../src/modules/decisions/complaints.factories.ts';
import { aMeeting, aRating } from '../src/modules/feedback/feedback.factories.ts';
import { aClosedPulse, anOpenPulse, closeOpenPulse } from '../src/modules/learning/pulse.factories.ts';
import { DEFAULT_COORDINATION_SETTINGS, SAMMEN_SURVEY_INSTRUMENT, type CoordinationSettings } from '@sammen/domain/coordination';
import { aClosedWave, allAnswers, aWave, aWorkGroup } from '../src/modules/learning/coordination.factories.ts';
import { surveyInstrumentId } from '../src/modules/learning/coordination.ids.ts';
import { upsertSettings } from '../src/modules/learning/coordination.repository.ts';

// One citizen's world, for tests that walk every route that reads citizen data: the citizen,
// proxies in and out of scope, staff of every relation to the plan, and for every such route a
// fixture that makes a valid call (with fresh objects where the call uses one up).
// A new module adds its routes' fixtures here; test/reader.test.ts fails until it does.

export const consentStates = ['none', 'active', 'revoked', 'expired'] as const;
export type ConsentState = (typeof consentStates)[number];

export const actorKeys = [
  'citizen', 'proxyInScope', 'proxyOutOfScope', 'coordinator', 'involved', 'involvedLeader', 'partner', 'uninvolved', 'admin', 'otherMunicipality',
] as const;
export type ActorKey = (typeof actorKeys)[number];

export interface Call {
  url: string;
  body?: Record<string, unknown>;
}

export interface Fixture {
  call: () => Promise<Call>;
  /** For a list: how many distinct citizens a successful answer shows (each is one logged read). Default: one. */
  citizensShown?: (body: any) => number;
}

const distinct = (ids: string[]) => new Set(ids).size;

/**
 * The world: a citizen whose plan the family department coordinates, with efforts by the
 * jobcenter (area work) and a partner (psychiatry, area health); consents to those two for goals
 * and life story in `state`; a second citizen, coordinated by the family department, whose plan
 * a jobcenter caseworker opened with break-glass (so the jobcenter's leader has a review list).
 */
export async function citizenWorld(database: Database, app: FastifyInstance, state: ConsentState = 'none') {
  const m = await aMunicipality(database);
  const family = await aUnit(database, m.id, 'family');
  const jobcenter = await aUnit(database, m.id, 'jobcenter');
  const psychiatry = await aUnit(database, m.id, 'partner');
  const library = await aUnit(database, m.id, 'library');
  const administration = await aUnit(database, m.id, 'administration');
  const staff = {
    coordinator: await aStaffMember(database, m.id, [[family.id, 'coordinator']]),
    involved: await aStaffMember(database, m.id, [[jobcenter.id, 'caseworker']]),
    involvedLeader: await aStaffMember(database, m.id, [[jobcenter.id, 'leader']]),
    partner: await aStaffMember(database, m.id, [[psychiatry.id, 'partner']]),
    uninvolved: await aStaffMember(database, m.id, [[library.id, 'caseworker']]),
    admin: await aStaffMember(database, m.id, [[administration.id, 'admin']]),
  };
  const elsewhere = await aMunicipality(database);
  const otherStaff = await aStaffMember(database, elsewhere.id, [[(await aUnit(database, elsewhere.id, 'jobcenter')).id, 'caseworker']]);
  const citizen = await aCitizen(database, m.id);
  const inScope = await aProxy(database, m.id, citizen.id, ['plan.read', 'plan.comment', 'consent.manage']);
  const outOfScope = await aProxy(database, m.id, citizen.id, []);

  const coordinator = await as(app, 'staff', staff.coordinator.id);
  let p = (await coordinator.post(`/api/citizens/${citizen.id}/plan`, { wishes: 'Ro i hverdagen', lifeStory: 'Jeg voksede op ved fjorden.' })).json();
  p = (await coordinator.post(`/api/plans/${p.id}/goals`, { baseVersion: p.version, wording: 'Et job' })).json();
  for (const [unitId, area] of [[jobcenter.id, 'work'], [psychiatry.id, 'health']] as const) {
    p = (await coordinator.post(`/api/plans/${p.id}/efforts`, { baseVersion: p.version, unitId, title: 'Indsats', area, startsOn: '2026-01-01', goalIds: [p.goals[0].id] })).json();
  }
  p = (await coordinator.post(`/api/plans/${p.id}/agreements`, { baseVersion: p.version, responsibleUnitId: family.id, text: 'Familieafdelingen indkalder' })).json();
  p = (await coordinator.post(`/api/plans/${p.id}/follow-ups`, { baseVersion: p.version, dueOn: today(), staffId: staff.coordinator.id })).json();
  const me = await as(app, 'citizen', citizen.id);
  if (state !== 'none') {
    for (const unitId of [jobcenter.id, psychiatry.id]) {
      const dates = state === 'expired' ? { startsOn: inDays(-30), endsOn: inDays(-1) } : { startsOn: today() };
      await me.post('/api/me/consents', { recipientUnitId: unitId, sections: ['goals', 'life_story'], purpose: 'Til koordinering af planen', ...dates });
    }
    if (state === 'revoked') {
      for (const c of (await me.get('/api/me/consents')).json().consents as { id: string }[]) await me.post(`/api/me/consents/${c.id}/revoke`, {});
    }
  }

  // The second citizen, whose plan the family department coordinates, and the break-glass by
  // which a jobcenter caseworker (not involved in it) opened it: the jobcenter's leader reviews it.
  const other = await aCitizen(database, m.id);
  const involved = await as(app, 'staff', staff.involved.id);
  await coordinator.post(`/api/citizens/${other.id}/plan`, { wishes: 'At få ro' });
  const openBreakGlass = async () =>
    (await (await as(app, 'staff', staff.involved.id)).post(`/api/citizens/${other.id}/break-glass`, { reason: 'Akut henvendelse fra borgerens læge i weekenden', minutes: 30 })).json().id as string;
  await openBreakGlass();

  const clients: Record<ActorKey, TestClient> = {
    citizen: me,
    proxyInScope: await as(app, 'proxy', inScope.id),
    proxyOutOfScope: await as(app, 'proxy', outOfScope.id),
    coordinator,
    involved,
    involvedLeader: await as(app, 'staff', staff.involvedLeader.id),
    partner: await as(app, 'staff', staff.partner.id),
    uninvolved: await as(app, 'staff', staff.uninvolved.id),
    admin: await as(app, 'staff', staff.admin.id),
    otherMunicipality: await as(app, 'staff', otherStaff.id),
  };

  const version = async () => (await query<{ version: number }>(database.db, sql`SELECT version FROM plans WHERE id = ${p.id}`))[0]!.version;
  /** A consent of the citizen to the library, which is not involved: using it up changes nobody's access. */
  const spareConsent = async (given: boolean) =>
    (
      await query<{ id: string }>(
        database.db,
        sql`INSERT INTO consents (municipality_id, citizen_id, recipient_unit_id, sections, purpose, starts_on, method, given_at, given_by_kind, given_by_id, proposed_by_staff_id)
            VALUES (${m.id}, ${citizen.id}, ${library.id}, '{wishes}', 'Til en prøve af alle adgangsveje', ${today()}, 'portal',
              ${given ? sql`now()` : sql`NULL`}, ${given ? 'citizen' : null}, ${given ? citizen.id : null}, ${staff.coordinator.id})
            RETURNING id::text AS id`,
      )
    )[0]!.id;
  const followUp = async () =>
    (
      await query<{ id: string }>(
        database.db,
        sql`INSERT INTO follow_ups (municipality_id, plan_id, staff_id, due_on, note) VALUES (${m.id}, ${p.id}, ${staff.coordinator.id}, ${today()}, '') RETURNING id::text AS id`,
      )
    )[0]!.id;
  const networkMember = async () =>
    (
      await query<{ id: string }>(
        database.db,
        sql`INSERT INTO network_members (municipality_id, citizen_id, kind, name, role) VALUES (${m.id}, ${citizen.id}, 'volunteer', 'Besøgsven', 'Besøgsven') RETURNING id::text AS id`,
      )
    )[0]!.id;
  const grant = { recipientUnitId: library.id, sections: ['wishes'], purpose: 'Til en prøve af alle adgangsveje', startsOn: today() };
  let n = 0;
  const fresh = (s: string) => `${s} ${++n}`;
  const goalId = p.goals[0].id as string;
  const jobcenterEffortId = (p.efforts as { id: string; area: string }[]).find((e) => e.area === 'work')!.id;

  let day = 30;
  const localTime = (date: string, time: string) => new Date(fromWallClock(Date.parse(`${date}T${time}:00Z`), TIME_ZONE)).toISOString();
  const booking = () => {
    const date = inDays(++day);
    return { unitId: family.id, title: fresh('Samtale'), start: localTime(date, '10:00'), end: localTime(date, '11:00'), area: 'family', staffIds: [staff.coordinator.id] };
  };
  /** `n` appointments of the family department at the same time. */
  const appointmentsAt = async (from: string, to: string, n: number) =>
    (
      await query<{ id: string }>(
        database.db,
        sql`INSERT INTO appointments (municipality_id, citizen_id, unit_id, title, starts_at, ends_at)
            SELECT ${m.id}, ${citizen.id}, ${family.id}, 'Samtale', ${from}::timestamptz, ${to}::timestamptz FROM generate_series(1, ${n}) RETURNING id::text AS id`,
      )
    ).map((r) => r.id);
  let past = 0;
  /** One that has begun, an hour of its own further back each time: past ones never collide. */
  const pastAppointment = () => {
    const start = Date.now() - (2 * ++past - 1) * 3_600_000;
    return appointmentsAt(new Date(start).toISOString(), new Date(start + 3_600_000).toISOString(), 1);
  };
  const openCollision = async () => {
    const date = inDays(++day);
    const ids = await appointmentsAt(localTime(date, '14:00'), localTime(date, '15:00'), 2);
    await recheckCitizens(database.db, m.id, [citizen.id]);
    return (await query<{ id: string }>(database.db, sql`SELECT id::text AS id FROM collisions WHERE municipality_id = ${m.id} AND ${ids[0]}::uuid = ANY(appointment_ids)`))[0]!.id;
  };
  // Decisions (issue 14): a jobcenter decision type, requests for the citizen that the jobcenter
  // decides (the family department coordinates the plan and sees them too), written straight into
  // the tables so each call has its own where it uses one up.
  const decisionTypeId = (
    await query<{ id: string }>(
      database.db,
      sql`INSERT INTO decision_types (municipality_id, name, legal_basis, processing_deadline, unit_id, appeal_body, complaint_deadline)
          VALUES (${m.id}, 'Vejledning og opkvalificering (kursus)', 'Lov om en aktiv beskæftigelsesindsats, kapitel 11', ${JSON.stringify({ kind: 'weeks', weeks: 4 })}::jsonb,
            ${jobcenter.id}, 'Ankestyrelsen', ${JSON.stringify(APPEAL_DEADLINE)}::jsonb) RETURNING id::text AS id`,
    )
  )[0]!.id;
  const decisionRequest = async (receivedOn = today(), withDraft = false) => {
    const d = deadline({ kind: 'weeks', weeks: 4 }, receivedOn, DEFAULT_WORKING_DAY_RULES);
    const [r] = await query<{ id: string }>(
      database.db,
      sql`INSERT INTO decision_requests (municipality_id, citizen_id, decision_type_id, unit_id, description, received_on, due_on, deadline, registered_by, requester_unit_id)
          VALUES (${m.id}, ${citizen.id}, ${decisionTypeId}, ${jobcenter.id}, 'Et kursus', ${receivedOn}, ${d.due}, ${JSON.stringify(d)}::jsonb, ${staff.coordinator.id}, ${family.id})
          RETURNING id::text AS id`,
    );
    if (withDraft) {
      await query(
        database.db,
        sql`INSERT INTO decisions (municipality_id, request_id, citizen_id, decision_type_id, unit_id, outcome, legal_basis, considerations, key_facts, lix)
            VALUES (${m.id}, ${r!.id}, ${citizen.id}, ${decisionTypeId}, ${jobcenter.id}, 'granted', 'Kapitel 11', 'Du får kurset.', 'Du er klar nu.', 20)`,
      );
    }
    return r!.id;
  };
  const openRequestId = await decisionRequest();
  const breachedRequestId = await decisionRequest(inDays(-60));
  const letterId = (
    await query<{ id: string }>(
      database.db,
      sql`INSERT INTO letters (municipality_id, citizen_id, kind, subject_type, subject_id, title, body, lix)
          VALUES (${m.id}, ${citizen.id}, 'deadlineBreach', 'request', ${breachedRequestId}, 'Din sag tager længere tid', 'Kære borger', 10) RETURNING id::text AS id`,
    )
  )[0]!.id;
  // Complaints (issue 14): an issued jobcenter decision for the citizen to complain about, and
  // complaints about how the citizen was met that the family department (the coordinator's unit)
  // handles — a fresh one for each call that records a contact or closes one.
  const issued = await anIssuedDecision(database.db, m.id, { citizenId: citizen.id, unitId: jobcenter.id, staffId: staff.involved.id, decidedOn: inDays(-7) });
  const treatmentComplaint = async () =>
    (await coordinator.post('/api/complaints', { citizenId: citizen.id, unitId: family.id, channel: 'phone', text: fresh('Jeg blev ikke hørt') })).json().id as string;
  const complaintId = await treatmentComplaint();
  // Feedback (issue 15): the family department's meetings with the citizen — the second rated low
  // and lower than the first, so the unit has an alert — and a jobcenter meeting (area work).
  const familyMeetings = [
    await aMeeting(database.db, m.id, { citizenId: citizen.id, unitId: family.id, staffId: staff.coordinator.id, area: 'family', daysAgo: 3 }),
    await aMeeting(database.db, m.id, { citizenId: citizen.id, unitId: family.id, staffId: staff.coordinator.id, area: 'family', daysAgo: 2 }),
  ];
  await aRating(database.db, m.id, familyMeetings[0]!, 'outcome', 18);
  await aRating(database.db, m.id, familyMeetings[0]!, 'meeting', 36);
  await aRating(database.db, m.id, familyMeetings[1]!, 'meeting', 28);
  await aRating(database.db, m.id, await aMeeting(database.db, m.id, { citizenId: citizen.id, unitId: jobcenter.id, staffId: staff.involved.id, area: 'work', daysAgo: 1 }), 'meeting', 38);
  // Coordination pulse (issue 16): a closed pulse on the citizen (three professionals and the
  // citizen answered) and an open one that the jobcenter's caseworker, its leader and the partner
  // were asked in; starting and closing use up an open pulse, so each call has its own.
  await aClosedPulse(database.db, m.id, { citizenId: citizen.id, unitId: family.id, startedBy: staff.coordinator.id, answers: [[4, 3, 5], [2, 3, 4], [3, 3, 3]], citizen: 4 });
  const openPulse = () =>
    anOpenPulse(database.db, m.id, { citizenId: citizen.id, unitId: family.id, startedBy: staff.coordinator.id, invited: [staff.involved.id, staff.involvedLeader.id, staff.partner.id] });
  await openPulse();
  const fixtures: Record<string, Fixture> = {
    // Coordination pulse (issue 16)
    'GET /api/citizens/:citizenId/coordination-pulses': { call: async () => ({ url: `/api/citizens/${citizen.id}/coordination-pulses` }) },
    'POST /api/citizens/:citizenId/coordination-pulses': {
      call: async () => {
        await closeOpenPulse(database.db, m.id, citizen.id);
        return { url: `/api/citizens/${citizen.id}/coordination-pulses`, body: {} };
      },
    },
    'POST /api/coordination-pulses/:pulseId/close': { call: async () => ({ url: `/api/coordination-pulses/${await openPulse()}/close`, body: {} }) },
    'GET /api/me/coordination-pulse': { call: async () => ({ url: '/api/me/coordination-pulse' }) },
    // Feedback (issue 15)
    'GET /api/citizens/:citizenId/feedback': { call: async () => ({ url: `/api/citizens/${citizen.id}/feedback` }) },
    'GET /api/me/feedback': { call: async () => ({ url: '/api/me/feedback' }) },
    'POST /api/citizens/:citizenId/feedback/meetings': { call: async () => ({ url: `/api/citizens/${citizen.id}/feedback/meetings`, body: { area: 'family' } }) },
    'GET /api/feedback/alerts': { call: async () => ({ url: '/api/feedback/alerts' }), citizensShown: (b) => distinct(b.alerts.map((a: { citizen: { id: string } }) => a.citizen.id)) },
    // Decisions (issue 14)
    'GET /api/requests': { call: async () => ({ url: '/api/requests?status=all' }), citizensShown: (b) => distinct(b.requests.map((r: { citizen: { id: string } }) => r.citizen.id)) },
    'POST /api/requests': { call: async () => ({ url: '/api/requests', body: { citizenId: citizen.id, decisionTypeId, description: fresh('Et kursus'), urgency: 'urgent', urgencyNote: 'Han er klar nu' } }) },
    'GET /api/requests/:requestId': { call: async () => ({ url: `/api/requests/${openRequestId}` }) },
    'POST /api/requests/:requestId/dialogue': {
      call: async () => ({ url: `/api/requests/${openRequestId}/dialogue`, body: { kind: 'phone', contactOn: today(), factsChecked: fresh('Fakta'), agreedSummary: 'Opsummeret' } }),
    },
    'PUT /api/requests/:requestId/draft-decision': {
      call: async () => ({ url: `/api/requests/${openRequestId}/draft-decision`, body: { outcome: 'granted', legalBasis: 'Kapitel 11', considerations: fresh('Du får kurset.'), keyFacts: 'Du er klar nu.' } }),
    },
    'POST /api/requests/:requestId/decision': { call: async () => ({ url: `/api/requests/${await decisionRequest(today(), true)}/decision`, body: {} }) },
    'POST /api/requests/:requestId/breach-letter': { call: async () => ({ url: `/api/requests/${breachedRequestId}/breach-letter`, body: { expectedBy: inDays(14) } }) },
    'POST /api/me/requests': { call: async () => ({ url: '/api/me/requests', body: { decisionTypeId, description: fresh('Jeg vil gerne på kursus') } }) },
    'GET /api/letters/:letterId': { call: async () => ({ url: `/api/letters/${letterId}` }) },
    'POST /api/citizens/search': { call: async () => ({ url: '/api/citizens/search', body: { q: citizen.name } }), citizensShown: (b) => b.length },
    'GET /api/citizens/:citizenId': { call: async () => ({ url: `/api/citizens/${citizen.id}` }) },
    'GET /api/me': { call: async () => ({ url: '/api/me' }) },
    'GET /api/worklist': {
      call: async () => ({ url: '/api/worklist' }),
      citizensShown: (b) => distinct([...b.myPlans, ...b.followUpsDue, ...b.involvementRequests].map((x: { citizenId: string }) => x.citizenId)),
    },
    'GET /api/citizens/:citizenId/plan': { call: async () => ({ url: `/api/citizens/${citizen.id}/plan` }) },
    'GET /api/citizens/:citizenId/plan/summary': { call: async () => ({ url: `/api/citizens/${citizen.id}/plan/summary` }) },
    'POST /api/citizens/:citizenId/plan': { call: async () => ({ url: `/api/citizens/${(await aCitizen(database, m.id)).id}/plan`, body: {} }) },
    'GET /api/me/plan': { call: async () => ({ url: '/api/me/plan' }) },
    'GET /api/plans/:planId': { call: async () => ({ url: `/api/plans/${p.id}` }) },
    'GET /api/plans/:planId/history': { call: async () => ({ url: `/api/plans/${p.id}/history` }) },
    'PATCH /api/plans/:planId': { call: async () => ({ url: `/api/plans/${p.id}`, body: { baseVersion: await version(), wishes: fresh('Ro i hverdagen') } }) },
    'POST /api/plans/:planId/goals': { call: async () => ({ url: `/api/plans/${p.id}/goals`, body: { baseVersion: await version(), wording: fresh('Et mål') } }) },
    'PATCH /api/plans/:planId/goals/:goalId': { call: async () => ({ url: `/api/plans/${p.id}/goals/${goalId}`, body: { baseVersion: await version(), wording: fresh('Et job') } }) },
    'POST /api/plans/:planId/efforts': {
      call: async () => ({ url: `/api/plans/${p.id}/efforts`, body: { baseVersion: await version(), unitId: jobcenter.id, area: 'work', title: fresh('Praktik'), startsOn: today(), goalIds: [goalId] } }),
    },
    'PATCH /api/plans/:planId/efforts/:effortId': { call: async () => ({ url: `/api/plans/${p.id}/efforts/${jobcenterEffortId}`, body: { baseVersion: await version(), title: fresh('Indsats') } }) },
    'POST /api/plans/:planId/efforts/:effortId/support-levels': {
      call: async () => ({ url: `/api/plans/${p.id}/efforts/${jobcenterEffortId}/support-levels`, body: { baseVersion: await version(), level: 'Middel', validFrom: today() } }),
    },
    'POST /api/plans/:planId/agreements': { call: async () => ({ url: `/api/plans/${p.id}/agreements`, body: { baseVersion: await version(), responsibleUnitId: family.id, text: fresh('Aftale') } }) },
    'PUT /api/plans/:planId/coordinator': {
      // Handed over to the one who holds it: the route is exercised and coordination stays put.
      call: async () => ({ url: `/api/plans/${p.id}/coordinator`, body: { baseVersion: await version(), coordinatorId: staff.coordinator.id, unitId: family.id } }),
    },
    'POST /api/plans/:planId/follow-ups': { call: async () => ({ url: `/api/plans/${p.id}/follow-ups`, body: { baseVersion: await version(), dueOn: today(), staffId: staff.coordinator.id } }) },
    'POST /api/plans/:planId/follow-ups/:followUpId/done': { call: async () => ({ url: `/api/plans/${p.id}/follow-ups/${await followUp()}/done`, body: { baseVersion: await version() } }) },
    'POST /api/plans/:planId/comments': { call: async () => ({ url: `/api/plans/${p.id}/comments`, body: { targetType: 'plan', text: fresh('En kommentar') } }) },
    'GET /api/me/consents': { call: async () => ({ url: '/api/me/consents' }) },
    'POST /api/me/consents': { call: async () => ({ url: '/api/me/consents', body: grant }) },
    'POST /api/me/consents/:consentId/give': { call: async () => ({ url: `/api/me/consents/${await spareConsent(false)}/give`, body: {} }) },
    'POST /api/me/consents/:consentId/decline': { call: async () => ({ url: `/api/me/consents/${await spareConsent(false)}/decline`, body: { reason: 'Jeg har ikke brug for det' } }) },
    'POST /api/me/consents/:consentId/revoke': { call: async () => ({ url: `/api/me/consents/${await spareConsent(true)}/revoke`, body: {} }) },
    'GET /api/me/consents/:consentId/impact': { call: async () => ({ url: `/api/me/consents/${await spareConsent(true)}/impact` }) },
    'GET /api/me/access-log': { call: async () => ({ url: '/api/me/access-log' }) },
    'GET /api/me/export': { call: async () => ({ url: '/api/me/export' }) },
    'GET /api/citizens/:citizenId/consents': { call: async () => ({ url: `/api/citizens/${citizen.id}/consents` }) },
    'POST /api/citizens/:citizenId/consents/proposals': { call: async () => ({ url: `/api/citizens/${citizen.id}/consents/proposals`, body: grant }) },
    'POST /api/citizens/:citizenId/consents/records': {
      call: async () => ({ url: `/api/citizens/${citizen.id}/consents/records`, body: { ...grant, method: 'paper', note: 'Underskrevet på mødet', givenBy: 'citizen' } }),
    },
    'GET /api/citizens/:citizenId/network': { call: async () => ({ url: `/api/citizens/${citizen.id}/network` }) },
    'POST /api/citizens/:citizenId/network': { call: async () => ({ url: `/api/citizens/${citizen.id}/network`, body: { kind: 'volunteer', name: fresh('Besøgsven'), role: 'Besøgsven', contact: '' } }) },
    'POST /api/citizens/:citizenId/network/:memberId/end': { call: async () => ({ url: `/api/citizens/${citizen.id}/network/${await networkMember()}/end`, body: { until: today() } }) },
    'GET /api/me/network': { call: async () => ({ url: '/api/me/network' }) },
    'GET /api/me/relatives': { call: async () => ({ url: '/api/me/relatives' }) },
    'POST /api/me/relatives': { call: async () => ({ url: '/api/me/relatives', body: { name: fresh('Søster'), relation: 'søster', scopes: ['plan.read'] } }) },
    'PUT /api/me/relatives/:proxyId/scopes': { call: async () => ({ url: `/api/me/relatives/${(await aProxy(database, m.id, citizen.id, ['plan.read'])).id}/scopes`, body: { scopes: ['plan.read', 'plan.comment'] } }) },
    'POST /api/me/relatives/:proxyId/end': { call: async () => ({ url: `/api/me/relatives/${(await aProxy(database, m.id, citizen.id, ['plan.read'])).id}/end`, body: {} }) },
    // The calendar (issue 13). Every booking takes a day of its own, so none collides with the last.
    'GET /api/citizens/:citizenId/calendar': { call: async () => ({ url: `/api/citizens/${citizen.id}/calendar` }) },
    'GET /api/me/calendar': { call: async () => ({ url: '/api/me/calendar' }) },
    'POST /api/citizens/:citizenId/appointments/check': { call: async () => ({ url: `/api/citizens/${citizen.id}/appointments/check`, body: booking() }) },
    'POST /api/citizens/:citizenId/appointments': { call: async () => ({ url: `/api/citizens/${citizen.id}/appointments`, body: booking() }) },
    'POST /api/appointments/:appointmentId/attendance': { call: async () => ({ url: `/api/appointments/${(await pastAppointment())[0]}/attendance`, body: { status: 'attended' } }) },
    'GET /api/collisions': { call: async () => ({ url: '/api/collisions' }), citizensShown: (b) => distinct(b.collisions.map((c: { citizen: { id: string } }) => c.citizen.id)) },
    'POST /api/collisions/:collisionId/decision': { call: async () => ({ url: `/api/collisions/${await openCollision()}/decision`, body: { status: 'accepted', reason: fresh('Aftalt med borgeren') } }) },
    'PUT /api/citizens/:citizenId/load-limits': { call: async () => ({ url: `/api/citizens/${citizen.id}/load-limits`, body: { limits: { hoursPerDay: 6 }, reason: fresh('Krise') } }) },
    'POST /api/citizens/:citizenId/plan-periods': { call: async () => ({ url: `/api/citizens/${citizen.id}/plan-periods`, body: { from: today(), to: inDays(14), kind: 'priority', unitIds: 'all', reason: fresh('Familien først') } }) },
    'GET /api/me/calendar/feed': { call: async () => ({ url: '/api/me/calendar/feed' }) },
    'POST /api/me/calendar/feed': { call: async () => ({ url: '/api/me/calendar/feed', body: {} }) },
    'DELETE /api/me/calendar/feed': { call: async () => ({ url: '/api/me/calendar/feed' }) },
    // Complaints (issue 14)
    'GET /api/me/decisions': { call: async () => ({ url: '/api/me/decisions' }) },
    'POST /api/me/complaints': { call: async () => ({ url: '/api/me/complaints', body: { decisionId: issued.decisionId, text: fresh('Jeg er uenig i afgørelsen') } }) },
    'GET /api/complaints': { call: async () => ({ url: '/api/complaints?status=all' }), citizensShown: (b) => distinct(b.complaints.map((c: { citizen: { id: string } }) => c.citizen.id)) },
    'POST /api/complaints': { call: async () => ({ url: '/api/complaints', body: { citizenId: citizen.id, unitId: family.id, channel: 'letter', text: fresh('Klage over ventetid') } }) },
    'GET /api/complaints/:complaintId': { call: async () => ({ url: `/api/complaints/${complaintId}` }) },
    'POST /api/complaints/:complaintId/contacts': {
      call: async () => ({ url: `/api/complaints/${await treatmentComplaint()}/contacts`, body: { kind: 'phone', contactOn: today(), listened: 'Borgeren fortalte', summary: fresh('Vi talte sammen') } }),
    },
    'POST /api/complaints/:complaintId/close': {
      call: async () => ({ url: `/api/complaints/${await treatmentComplaint()}/close`, body: { outcome: 'answered', answer: fresh('Vi beklager'), learningCategory: 'treatment' } }),
    },
    'GET /api/case-work': { call: async () => ({ url: '/api/case-work' }), citizensShown: (b) => distinct(b.items.map((i: { citizen: { id: string } }) => i.citizen.id)) },
    'GET /api/break-glass': { call: async () => ({ url: '/api/break-glass' }), citizensShown: (b) => distinct(b.map((x: { citizen: { id: string } }) => x.citizen.id)) },
    'POST /api/break-glass/:breakGlassId/review': {
      call: async () => ({ url: `/api/break-glass/${await openBreakGlass()}/review`, body: { note: 'Gennemgået' } }),
      citizensShown: (b) => distinct(b.map((x: { citizen: { id: string } }) => x.citizen.id)),
    },
  };
  return { clients, fixtures, citizen, planId: p.id as string, secrets: { name: citizen.name, lifeStory: 'Jeg voksede op ved fjorden.' } };
}

/** The number of access-log (read) rows in the database. */
export const readRows = async (database: Database) =>
  Number((await query<{ n: number }>(database.db, sql`SELECT count(*) AS n FROM audit_events WHERE kind = 'read'`))[0]!.n);

/** How many read rows a call should add: one per citizen shown to staff or a proxy; none for the citizen's own, none for a refusal. */
export function expectedReadRows(actor: ActorKey, status: number, fixture: Fixture, body: unknown) {
  if ((status !== 200 && status !== 201) || actor === 'citizen') return 0;
  return fixture.citizensShown ? fixture.citizensShown(body) : 1;
}

/**
 * The coordination survey in the citizen's world (issue 16) — no citizen data, so not among the
 * world's fixtures: work groups of the family department (the coordinator) and the jobcenter (its
 * caseworker and leader), a closed wave of the two, and for every survey route a fixture that
 * makes a valid call, with a fresh open wave where the call uses one up (a remind, a close, an
 * answer) or needs one (the form). `staffSee` sets who of the staff sees results of closed waves.
 */
export async function surveyWorld(database: Database, w: Awaited<ReturnType<typeof citizenWorld>>) {
  const m = w.citizen.municipalityId;
  const session = async (client: TestClient) => (await client.get('/api/auth/session')).json() as { staffId: string; unitId: string };
  const coordinator = await session(w.clients.coordinator);
  const jobcenterUnitId = (await session(w.clients.involved)).unitId;
  const groupIds = [
    await aWorkGroup(database.db, m, { unitIds: [coordinator.unitId], name: `Familieafdelingen ${m.slice(0, 8)}` }),
    await aWorkGroup(database.db, m, { unitIds: [jobcenterUnitId], name: `Jobcentret ${m.slice(0, 8)}` }),
  ];
  const instrumentId = surveyInstrumentId(m);
  const openWave = () => aWave(database.db, m, { groupIds, openedBy: coordinator.staffId, closesOn: inDays(7) });
  const closedWaveId = await aClosedWave(database.db, m, { groupIds, openedBy: coordinator.staffId });
  let n = 0;
  const group = () => ({ name: `Arbejdsgruppe ${++n} ${m.slice(0, 8)}`, unitIds: [coordinator.unitId, jobcenterUnitId], roles: ['caseworker', 'coordinator'], active: true });
  const none = () => 0;
  const fixtures: Record<string, Fixture> = {
    'GET /api/coordination/groups': { call: async () => ({ url: '/api/coordination/groups' }), citizensShown: none },
    'POST /api/coordination/groups': { call: async () => ({ url: '/api/coordination/groups', body: group() }), citizensShown: none },
    'PUT /api/coordination/groups/:groupId': { call: async () => ({ url: `/api/coordination/groups/${await aWorkGroup(database.db, m, { unitIds: [coordinator.unitId] })}`, body: group() }), citizensShown: none },
    'GET /api/coordination/instruments': { call: async () => ({ url: '/api/coordination/instruments' }), citizensShown: none },
    'POST /api/coordination/instruments': {
      call: async () => ({ url: '/api/coordination/instruments', body: { definition: { ...SAMMEN_SURVEY_INSTRUMENT, wordingSource: 'licensed', licence: 'Licens købt af kommunen' }, active: true } }),
      citizensShown: none,
    },
    'PUT /api/coordination/instruments/:instrumentId': { call: async () => ({ url: `/api/coordination/instruments/${instrumentId}`, body: { definition: SAMMEN_SURVEY_INSTRUMENT, active: true } }), citizensShown: none },
    'GET /api/coordination/settings': { call: async () => ({ url: '/api/coordination/settings' }), citizensShown: none },
    'PUT /api/coordination/settings': { call: async () => ({ url: '/api/coordination/settings', body: DEFAULT_COORDINATION_SETTINGS }), citizensShown: none },
    'GET /api/coordination/waves': { call: async () => ({ url: '/api/coordination/waves' }), citizensShown: none },
    'POST /api/coordination/waves': {
      call: async () => ({ url: '/api/coordination/waves', body: { name: 'Forår', instrumentId, focalWork: 'borgere med komplekse forløb', groupIds, closesOn: inDays(14) } }),
      citizensShown: none,
    },
    'GET /api/coordination/waves/:waveId': { call: async () => ({ url: `/api/coordination/waves/${closedWaveId}` }), citizensShown: none },
    'POST /api/coordination/waves/:waveId/remind': { call: async () => ({ url: `/api/coordination/waves/${await openWave()}/remind`, body: {} }), citizensShown: none },
    'POST /api/coordination/waves/:waveId/close': { call: async () => ({ url: `/api/coordination/waves/${await openWave()}/close`, body: {} }), citizensShown: none },
    'GET /api/coordination/waves/:waveId/results': { call: async () => ({ url: `/api/coordination/waves/${closedWaveId}/results` }), citizensShown: none },
    'GET /api/coordination/waves/:waveId/results.csv': { call: async () => ({ url: `/api/coordination/waves/${closedWaveId}/results.csv` }), citizensShown: none },
    'GET /api/coordination/trends': { call: async () => ({ url: `/api/coordination/trends?instrumentId=${instrumentId}` }), citizensShown: none },
    'GET /api/coordination/invitations': { call: async () => ({ url: '/api/coordination/invitations' }), citizensShown: none },
    'GET /api/coordination/waves/:waveId/form': { call: async () => ({ url: `/api/coordination/waves/${await openWave()}/form` }), citizensShown: none },
    'POST /api/coordination/waves/:waveId/responses': {
      call: async () => ({ url: `/api/coordination/waves/${await openWave()}/responses`, body: { ties: [{ groupId: groupIds[1]!, answers: allAnswers(3) }] } }),
      citizensShown: none,
    },
  };
  const staffSee = (value: CoordinationSettings['staffSee']) => upsertSettings(database.db, m, { ...DEFAULT_COORDINATION_SETTINGS, staffSee: value });
  return { fixtures, staffSee, ids: { groupId: groupIds[0]!, waveId: closedWaveId, instrumentId } };
}
