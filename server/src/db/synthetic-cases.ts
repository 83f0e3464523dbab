import { sql } from 'drizzle-orm';
import type { Db } from '../platform/db.ts';

// The synthetic municipality's decision cases (issue 14), made inside the database from the
// plans: a decision type per authority unit (jobcenters, family departments, the adult
// department), about every other plan a request to a unit that works with the citizen and has a
// decision type, most of the older ones decided (with the decision letter), dialogue before
// most negative decisions, and complaints about some of them. Dates are relative to the day it
// is loaded, as the calendar's are: a deadline is about now. The due dates are the receipt plus
// the period in calendar days, not moved to a working day — the bench measures reading them,
// not the arithmetic (domain/src/deadlines.ts, tested on its own).

const TYPES: Record<string, [name: string, legalBasis: string, weeks: number]> = {
  jobcenter: ['Vejledning og opkvalificering (kursus)', 'Lov om en aktiv beskæftigelsesindsats, kapitel 11', 4],
  family: ['Familiebehandling', 'Barnets lov § 32', 8],
  adult_disability: ['Dækning af merudgifter', 'Serviceloven § 100', 8],
};

const count = (res: unknown) => Number((res as { rowCount?: number; affectedRows?: number }).rowCount ?? (res as { affectedRows?: number }).affectedRows ?? 0);

export async function loadSyntheticCases(db: Db, municipalityId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const types = JSON.stringify(Object.entries(TYPES).map(([kind, [name, legal, weeks]]) => ({ kind, name, legal, weeks })));
  counts.decision_types = count(
    await db.execute(sql`INSERT INTO decision_types (municipality_id, name, legal_basis, processing_deadline, unit_id, appeal_body, complaint_deadline)
      SELECT u.municipality_id, t.name || ' (' || u.name || ')', t.legal, jsonb_build_object('kind', 'weeks', 'weeks', t.weeks), u.id, 'Ankestyrelsen',
             '{"kind":"weeks","weeks":4}'::jsonb
      FROM units u JOIN json_to_recordset(${types}::json) AS t(kind text, name text, legal text, weeks int) ON t.kind = u.kind::text
      WHERE u.municipality_id = ${municipalityId}`),
  );
  await db.execute(sql`INSERT INTO case_settings (municipality_id, working_day_rules) VALUES (${municipalityId}, '{"extraClosedDays":["juleaftensdag","nytaarsaftensdag"]}'::jsonb)
    ON CONFLICT (municipality_id) DO NOTHING`);

  // One request for every other plan, to the first unit around the citizen with a decision type;
  // received 0–179 days ago; decided when older than 40 days (four in five of those).
  counts.decision_requests = count(
    await db.execute(sql`INSERT INTO decision_requests (municipality_id, citizen_id, decision_type_id, unit_id, description, urgency, urgency_note,
          registered_by, requester_unit_id, received_on, due_on, deadline, status, decided_on)
        SELECT x.municipality_id, x.citizen_id, x.type_id, x.unit_id, 'Ansøgning fra planen', CASE WHEN x.h % 7 = 0 THEN 'urgent' ELSE 'normal' END,
          CASE WHEN x.h % 7 = 0 THEN 'Borgeren er klar nu' ELSE '' END, x.coordinator_id, x.coordinator_unit_id, x.received, x.received + x.weeks * 7,
          jsonb_build_object('receivedOn', x.received, 'due', x.received + x.weeks * 7, 'rule', jsonb_build_object('kind', 'weeks', 'weeks', x.weeks),
                             'extraClosedDays', '["juleaftensdag","nytaarsaftensdag"]'::jsonb),
          CASE WHEN x.age > 40 AND x.h % 5 <> 0 THEN 'decided' ELSE 'open' END,
          CASE WHEN x.age > 40 AND x.h % 5 <> 0 THEN x.received + (x.h % 40) + 1 END
        FROM (
          SELECT p.municipality_id, p.citizen_id, p.coordinator_id, p.coordinator_unit_id, t.id AS type_id, t.unit_id,
                 (t.processing_deadline->>'weeks')::int AS weeks, abs(hashtext(p.id::text)) AS h,
                 abs(hashtext(p.id::text)) % 180 AS age,
                 (now() AT TIME ZONE 'Europe/Copenhagen')::date - abs(hashtext(p.id::text)) % 180 AS received
          FROM plans p
          CROSS JOIN LATERAL (
            SELECT dt.id, dt.unit_id, dt.processing_deadline FROM decision_types dt
            WHERE dt.municipality_id = p.municipality_id AND (dt.unit_id = p.coordinator_unit_id
              OR dt.unit_id IN (SELECT e.unit_id FROM efforts e WHERE e.municipality_id = p.municipality_id AND e.plan_id = p.id))
            ORDER BY dt.unit_id = p.coordinator_unit_id DESC, dt.id LIMIT 1) t
          WHERE p.municipality_id = ${municipalityId} AND p.status = 'active' AND abs(hashtext(p.id::text)) % 2 = 0
        ) x`),
  );

  // Dialogue before nine in ten negative decisions (outcome by the request's hash: one in four
  // refused, one in four partly granted).
  counts.dialogue_contacts = count(
    await db.execute(sql`INSERT INTO dialogue_contacts (municipality_id, request_id, citizen_id, kind, contact_on, facts_checked, agreed_summary, recorded_by)
        SELECT r.municipality_id, r.id, r.citizen_id, 'phone', r.decided_on - 2, 'Oplysningerne er gennemgået med borgeren', 'Borgeren kender begrundelsen', r.registered_by
        FROM decision_requests r
        WHERE r.municipality_id = ${municipalityId} AND r.status = 'decided' AND abs(hashtext(r.id::text)) % 4 < 2 AND abs(hashtext(r.id::text)) % 10 <> 9`),
  );
  counts.decisions = count(
    await db.execute(sql`INSERT INTO decisions (municipality_id, request_id, citizen_id, decision_type_id, unit_id, status, outcome, legal_basis,
          considerations, key_facts, lix, decided_on, decided_by, dialogue_contact_id, appeal_guidance, complaint_deadline)
        SELECT r.municipality_id, r.id, r.citizen_id, r.decision_type_id, r.unit_id, 'issued',
          CASE abs(hashtext(r.id::text)) % 4 WHEN 0 THEN 'refused' WHEN 1 THEN 'partlyGranted' ELSE 'granted' END,
          dt.legal_basis, 'Vi har lagt vægt på det, du fortalte os.', 'Du har brug for hjælp i hverdagen.', 28, r.decided_on, r.registered_by,
          (SELECT dc.id FROM dialogue_contacts dc WHERE dc.municipality_id = r.municipality_id AND dc.request_id = r.id LIMIT 1),
          'Du kan klage over afgørelsen inden 4 uger.', jsonb_build_object('receivedOn', r.decided_on, 'due', r.decided_on + 28,
            'rule', '{"kind":"weeks","weeks":4}'::jsonb, 'extraClosedDays', '["juleaftensdag","nytaarsaftensdag"]'::jsonb)
        FROM decision_requests r JOIN decision_types dt ON dt.municipality_id = r.municipality_id AND dt.id = r.decision_type_id
        WHERE r.municipality_id = ${municipalityId} AND r.status = 'decided'`),
  );
  counts.letters = count(
    await db.execute(sql`WITH l AS (
          INSERT INTO letters (municipality_id, citizen_id, kind, subject_type, subject_id, title, body, lix, created_by, created_at)
          SELECT d.municipality_id, d.citizen_id, 'decision', 'decision', d.id, 'Afgørelse', 'Kære borger' || chr(10) || chr(10) || d.considerations, 28, d.decided_by,
                 d.decided_on::timestamptz
          FROM decisions d WHERE d.municipality_id = ${municipalityId}
          RETURNING municipality_id, id, subject_id)
        UPDATE decisions d SET letter_id = l.id FROM l WHERE d.municipality_id = l.municipality_id AND d.id = l.subject_id`),
  );
  // A complaint about one in three negative decisions, a week after it; most contacted the next
  // working day, older ones closed with an outcome.
  counts.complaints = count(
    await db.execute(sql`INSERT INTO complaints (municipality_id, citizen_id, decision_id, unit_id, about, channel, text, received_on, contact_due, contact_deadline,
          reassessment_due, reassessment_deadline, first_contact_on, status, closed_on, citizen_words, forwarded_to, learning_category)
        SELECT d.municipality_id, d.citizen_id, d.id, d.unit_id, 'decision', CASE WHEN k.h % 2 = 0 THEN 'portal' ELSE 'phone' END,
          'Jeg er uenig i afgørelsen.', k.received, k.received + 2,
          jsonb_build_object('receivedOn', k.received, 'due', k.received + 2, 'rule', '{"kind":"workingDays","days":2,"skipped":[]}'::jsonb, 'extraClosedDays', '[]'::jsonb),
          k.received + 28,
          jsonb_build_object('receivedOn', k.received, 'due', k.received + 28, 'rule', '{"kind":"weeks","weeks":4}'::jsonb, 'extraClosedDays', '[]'::jsonb),
          CASE WHEN k.h % 6 <> 0 THEN k.received + 1 END,
          CASE WHEN k.received > (now() AT TIME ZONE 'Europe/Copenhagen')::date - 30 THEN 'open'
               WHEN k.h % 3 = 0 THEN 'forwarded' WHEN k.h % 3 = 1 THEN 'resolvedInDialogue' ELSE 'open' END,
          CASE WHEN k.received <= (now() AT TIME ZONE 'Europe/Copenhagen')::date - 30 AND k.h % 3 < 2 THEN k.received + 20 END,
          CASE WHEN k.received <= (now() AT TIME ZONE 'Europe/Copenhagen')::date - 30 AND k.h % 3 = 1 THEN 'Jeg forstår det nu.' ELSE '' END,
          CASE WHEN k.received <= (now() AT TIME ZONE 'Europe/Copenhagen')::date - 30 AND k.h % 3 = 0 THEN 'Ankestyrelsen' END,
          CASE WHEN k.received <= (now() AT TIME ZONE 'Europe/Copenhagen')::date - 30 AND k.h % 3 < 2 THEN 'communication' END
        FROM decisions d CROSS JOIN LATERAL (SELECT abs(hashtext(d.id::text)) AS h, d.decided_on + 7 AS received) k
        WHERE d.municipality_id = ${municipalityId} AND d.outcome <> 'granted' AND k.h % 3 = 0
          AND d.decided_on + 7 <= (now() AT TIME ZONE 'Europe/Copenhagen')::date`),
  );
  return counts;
}
