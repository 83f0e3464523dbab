import { ACTOR, ALL_SECTIONS, AUDIT_COLUMNS, TODAY, workingDaysSql } from './floor-sql.ts';

// The floor's statement for the citizen's decisions page (docs/performance.md, "The floor"; wired
// in bench/floor.ts). $1 cookie token, $2 idle seconds, $3 request id, $4 the closed days
// (floor-sql.ts closedDaysParam).

// ---- Deadlines in words (domain/src/deadlines.ts explainDeadline, danishDate, listInDanish) ----

const MONTHS = `ARRAY['januar','februar','marts','april','maj','juni','juli','august','september','oktober','november','december']`;
const WEEKDAYS = `ARRAY['søndag','mandag','tirsdag','onsdag','torsdag','fredag','lørdag']`;

/** "7. april" (dayAndMonth) of a date expression. */
const dayAndMonth = (d: string) => `(extract(day FROM ${d})::int || '. ' || (${MONTHS})[extract(month FROM ${d})::int])`;
/** "7. april 2026" (danishDate without the weekday). */
const danishDate = (d: string) => `(${dayAndMonth(d)} || ' ' || extract(year FROM ${d})::int)`;
/** "tirsdag den 7. april 2026" (danishDate). */
const danishDateWithWeekday = (d: string) => `((${WEEKDAYS})[extract(dow FROM ${d})::int + 1] || ' den ' || ${danishDate(d)})`;
/** JS `s.charAt(0).toUpperCase() + s.slice(1)`; the Danish letters by hand, as upper() knows only ASCII under the C locale. */
const capitalise = (s: string) => `(upper(translate(left(${s}, 1), 'æøåéü', 'ÆØÅÉÜ')) || substr(${s}, 2))`;

/**
 * explainDeadline of a stored deadline (a jsonb expression): e.g. "Fristen er 2 arbejdsdage fra
 * 1. april 2026. Den udløber onsdag den 8. april 2026. Skærtorsdag (2. april), langfredag
 * (3. april) og 2. påskedag (6. april) er ikke arbejdsdage." — for weeks and months, the day it
 * would have ended on and why it moved, when it moved (rule.movedFrom).
 */
function explain(dl: string) {
  const rule = `${dl} -> 'rule'`;
  const received = `(${dl} ->> 'receivedOn')::date`;
  const due = `(${dl} ->> 'due')::date`;
  const movedFrom = `(${rule} ->> 'movedFrom')::date`;
  const first = `(${rule} -> 'movedOver' -> 0)`;
  const n = (key: string) => `(${rule} ->> '${key}')`;
  // The skipped days' sentence, with a space before it; '' when none (listInDanish: "a, b og c").
  const skipped = `(SELECT CASE WHEN q.n = 0 THEN '' ELSE ' ' || ${capitalise('q.list')} || CASE WHEN q.n = 1 THEN ' er ikke en arbejdsdag.' ELSE ' er ikke arbejdsdage.' END END
      FROM (SELECT cardinality(x.named) AS n, CASE WHEN cardinality(x.named) <= 1 THEN array_to_string(x.named, '')
                   ELSE array_to_string(x.named[1:cardinality(x.named) - 1], ', ') || ' og ' || x.named[cardinality(x.named)] END AS list
            FROM (SELECT coalesce(array_agg((s.v ->> 'name') || ' (' || ${dayAndMonth(`(s.v ->> 'date')::date`)} || ')' ORDER BY s.i), ARRAY[]::text[]) AS named
                  FROM jsonb_array_elements(coalesce(${rule} -> 'skipped', '[]'::jsonb)) WITH ORDINALITY s(v, i)) x) q)`;
  return `(CASE WHEN ${rule} ->> 'kind' = 'workingDays' THEN
      'Fristen er ' || ${n('days')} || CASE WHEN ${n('days')}::int = 1 THEN ' arbejdsdag' ELSE ' arbejdsdage' END || ' fra ' || ${danishDate(received)} || '.'
      || ' Den udløber ' || ${danishDateWithWeekday(due)} || '.' || ${skipped}
    ELSE
      'Fristen er ' || CASE WHEN ${rule} ->> 'kind' = 'weeks' THEN ${n('weeks')} || CASE WHEN ${n('weeks')}::int = 1 THEN ' uge' ELSE ' uger' END
                            ELSE ${n('months')} || CASE WHEN ${n('months')}::int = 1 THEN ' måned' ELSE ' måneder' END END
      || ' fra ' || ${danishDate(received)} || '.'
      || CASE WHEN coalesce(${rule} ->> 'movedFrom', '') <> '' THEN
           ' Den ville udløbe ' || ${danishDateWithWeekday(movedFrom)}
           || CASE WHEN ${first} IS NOT NULL AND jsonb_typeof(${first}) = 'object' AND (${first} ->> 'kind') IS DISTINCT FROM 'weekend' THEN ', som er ' || (${first} ->> 'name') ELSE '' END || '.'
           || ' Derfor udløber den i stedet ' || ${danishDateWithWeekday(due)} || ', den første arbejdsdag efter.'
         ELSE ' Den udløber ' || ${danishDateWithWeekday(due)} || '.' END
    END)`;
}

/** daysLeft(due, today, rules) as the API answers it: working days by the rules' extra closed days (a jsonb array), calendar days. */
const daysLeft = (due: string, rules: string) => `json_build_object('workingDays', ${workingDaysSql(TODAY, due, rules)}, 'calendarDays', ${due} - ${TODAY})`;

const iso = (t: string) => `to_char(${t} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** decisions.views.ts `person`: null without an id, else the name ('' when the row is gone). */
const person = (id: string, name: string) => `CASE WHEN ${id} IS NULL THEN NULL ELSE json_build_object('id', ${id}, 'name', coalesce(${name}, '')) END`;

/**
 * The citizen's decisions page (`GET /api/me/decisions`, decisions/cases.own.ts `getOwnDecisions`)
 * for the citizen, or a proxy holding 'plan.read' (access.ts decision.readOwn: another proxy
 * 403); staff 403. Its parts, each in the order of its query:
 * - requests (decisions.repository.ts `selectRequestsOfCitizen`, by receipt newest first, id):
 *   decisions.views.ts `requestListItem` — days left by the rules the deadline was computed with
 *   (`rulesOf`: the stored deadline's extraClosedDays), breached (`requestBreached`: open and past
 *   due today, or decided after the due day) — with the description and the deadline in words;
 * - decisions (`selectIssuedDecisionsOfCitizen`: issued only, by decision day newest first, id):
 *   `decisionView`, each effort with its title (`selectEffortTitles`: any effort of the
 *   municipality; '' when gone) and the stored complaint deadline as it is;
 * - complaints (complaints.service.ts `complaintViews` / `complaintViewOf`, complaints.repository.ts
 *   `selectComplaintRows`: by receipt newest first, created newest first, id): both stored
 *   deadlines with their words and days left — by the rules stored on each deadline, as for
 *   requests — the decision complained about, the personal contacts (by day, recorded, id);
 * - letters (`selectLettersOfCitizen`, newest first, id): `letterView`;
 * - decisionTypes (`selectDecisionTypes(onlyActive)`: active, by name, id): id and name.
 * The citizen reading their own page writes no access-log row; a proxy's read writes one
 * (platform/reader.ts `logEntry` for the `own` scope, access.repository.ts `selectOwnScope`:
 * subject the active plan, else the citizen; every section; basis proxy), as CALENDAR does.
 */
export const OWN_DECISIONS = `WITH ${ACTOR},
me AS (
  SELECT a.*, pl.id AS plan_id
  FROM a
  LEFT JOIN plans pl ON pl.municipality_id = a.municipality_id AND pl.citizen_id = a.citizen_id AND pl.status = 'active'
  WHERE a.kind = 'citizen' OR (a.kind = 'proxy' AND 'plan.read' = ANY(a.scopes))
),
log AS (
  ${AUDIT_COLUMNS}
  SELECT me.municipality_id, me.kind, me.actor_id, me.role, NULL, 'read', 'decision.readOwn', me.citizen_id,
         CASE WHEN me.plan_id IS NULL THEN 'citizen' ELSE 'plan' END, coalesce(me.plan_id, me.citizen_id)::text,
         'Pårørende læser borgerens afgørelser og klager', $3::text, 'ok',
         jsonb_build_object('sections', to_jsonb(${ALL_SECTIONS}), 'basis', 'proxy', 'consentIds', '[]'::jsonb, 'breakGlassId', NULL)
  FROM me WHERE me.kind = 'proxy'
)
SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM a) THEN 401 WHEN (SELECT kind FROM a) = 'staff' THEN 403 WHEN NOT EXISTS (SELECT 1 FROM me) THEN 403 ELSE 200 END AS status,
  CASE WHEN EXISTS (SELECT 1 FROM me) THEN (
    SELECT json_build_object(
      'requests', coalesce((
        SELECT json_agg(json_build_object(
            'id', r.id, 'citizen', json_build_object('id', c.id, 'name', c.name),
            'decisionType', json_build_object('id', t.id, 'name', t.name), 'unit', json_build_object('id', u.id, 'name', u.name),
            'registeredBy', ${person('r.registered_by', 'rb.name')}, 'onBehalfOf', ${person('r.on_behalf_of', 'ob.name')},
            'byCitizen', r.by_citizen, 'urgency', r.urgency, 'receivedOn', r.received_on::text, 'due', r.due_on::text,
            'daysLeft', ${daysLeft('r.due_on', `coalesce(r.deadline -> 'extraClosedDays', '[]'::jsonb)`)},
            'breached', CASE WHEN r.status = 'open' THEN r.due_on < ${TODAY} ELSE r.decided_on IS NOT NULL AND r.due_on < r.decided_on END,
            'status', r.status, 'decidedOn', r.decided_on::text,
            'hasDialogue', EXISTS (SELECT 1 FROM dialogue_contacts dc WHERE dc.municipality_id = r.municipality_id AND dc.request_id = r.id),
            'breachLetter', EXISTS (SELECT 1 FROM letters l WHERE l.municipality_id = r.municipality_id AND l.subject_type = 'request'
                                      AND l.subject_id = r.id AND l.kind = 'deadlineBreach'),
            'description', r.description,
            'deadlineExplained', ${explain('r.deadline')}
          ) ORDER BY r.received_on DESC, r.id)
        FROM decision_requests r
        JOIN citizens c ON c.municipality_id = r.municipality_id AND c.id = r.citizen_id
        JOIN decision_types t ON t.municipality_id = r.municipality_id AND t.id = r.decision_type_id
        JOIN units u ON u.municipality_id = r.municipality_id AND u.id = r.unit_id
        LEFT JOIN staff rb ON rb.municipality_id = r.municipality_id AND rb.id = r.registered_by
        LEFT JOIN staff ob ON ob.municipality_id = r.municipality_id AND ob.id = r.on_behalf_of
        WHERE r.municipality_id = me.municipality_id AND r.citizen_id = me.citizen_id), '[]'::json),
      'decisions', coalesce((
        SELECT json_agg(json_build_object(
            'id', d.id, 'requestId', d.request_id, 'decisionType', json_build_object('id', t.id, 'name', t.name),
            'status', d.status, 'outcome', d.outcome, 'legalBasis', d.legal_basis, 'considerations', d.considerations,
            'keyFacts', d.key_facts, 'lix', d.lix,
            'efforts', coalesce((
              SELECT json_agg(json_build_object('effortId', x.v ->> 'effortId', 'link', x.v ->> 'link',
                  'title', coalesce((SELECT ef.title FROM efforts ef WHERE ef.municipality_id = d.municipality_id AND ef.id = (x.v ->> 'effortId')::uuid), ''))
                ORDER BY x.i)
              FROM jsonb_array_elements(d.efforts) WITH ORDINALITY x(v, i)), '[]'::json),
            'decidedOn', d.decided_on::text, 'decidedBy', ${person('d.decided_by', 's.name')},
            'appealGuidance', d.appeal_guidance, 'complaintDeadline', d.complaint_deadline,
            'replacesDecisionId', d.replaces_decision_id, 'letterId', d.letter_id
          ) ORDER BY d.decided_on DESC, d.id)
        FROM decisions d
        JOIN decision_types t ON t.municipality_id = d.municipality_id AND t.id = d.decision_type_id
        LEFT JOIN staff s ON s.municipality_id = d.municipality_id AND s.id = d.decided_by
        WHERE d.municipality_id = me.municipality_id AND d.citizen_id = me.citizen_id AND d.status = 'issued'), '[]'::json),
      'complaints', coalesce((
        SELECT json_agg(json_build_object(
            'id', k.id, 'citizen', json_build_object('id', ci.id, 'name', ci.name), 'about', k.about,
            'decision', CASE WHEN d.id IS NULL THEN NULL ELSE json_build_object('id', d.id, 'requestId', d.request_id,
                          'decisionType', coalesce(t.name, ''), 'outcome', d.outcome, 'decidedOn', d.decided_on::text) END,
            'unit', json_build_object('id', u.id, 'name', u.name), 'channel', k.channel, 'text', k.text, 'receivedOn', k.received_on::text,
            'contactDeadline', k.contact_deadline,
            'contactDeadlineExplained', ${explain('k.contact_deadline')},
            'contactDaysLeft', ${daysLeft(`(k.contact_deadline ->> 'due')::date`, "k.contact_deadline -> 'extraClosedDays'")},
            'reassessmentDeadline', k.reassessment_deadline,
            'reassessmentDeadlineExplained', CASE WHEN k.reassessment_deadline IS NULL THEN NULL ELSE ${explain('k.reassessment_deadline')} END,
            'reassessmentDaysLeft', CASE WHEN k.reassessment_deadline IS NULL THEN NULL ELSE ${daysLeft(`(k.reassessment_deadline ->> 'due')::date`, "k.reassessment_deadline -> 'extraClosedDays'")} END,
            'firstContactOn', k.first_contact_on::text,
            'contacts', coalesce((
              SELECT json_agg(json_build_object('id', cc.id, 'kind', cc.kind, 'contactOn', cc.contact_on::text, 'listened', cc.listened,
                  'summary', cc.summary, 'openQuestions', cc.open_questions, 'agreed', cc.agreed,
                  'recordedBy', ${person('cs.id', 'cs.name')}) ORDER BY cc.contact_on, cc.recorded_at, cc.id)
              FROM complaint_contacts cc LEFT JOIN staff cs ON cs.municipality_id = cc.municipality_id AND cs.id = cc.recorded_by
              WHERE cc.municipality_id = k.municipality_id AND cc.complaint_id = k.id), '[]'::json),
            'status', k.status, 'closedOn', k.closed_on::text, 'citizenWords', k.citizen_words, 'answer', k.answer,
            'newDecisionId', k.new_decision_id, 'forwardedTo', k.forwarded_to, 'learningCategory', k.learning_category,
            'receiptLetterId', k.receipt_letter_id
          ) ORDER BY k.received_on DESC, k.created_at DESC, k.id)
        FROM complaints k
        JOIN citizens ci ON ci.municipality_id = k.municipality_id AND ci.id = k.citizen_id
        JOIN units u ON u.municipality_id = k.municipality_id AND u.id = k.unit_id
        LEFT JOIN decisions d ON d.municipality_id = k.municipality_id AND d.id = k.decision_id
        LEFT JOIN decision_types t ON t.municipality_id = d.municipality_id AND t.id = d.decision_type_id
        WHERE k.municipality_id = me.municipality_id AND k.citizen_id = me.citizen_id), '[]'::json),
      'letters', coalesce((
        SELECT json_agg(json_build_object(
            'id', l.id, 'kind', l.kind, 'citizen', json_build_object('id', c.id, 'name', c.name), 'title', l.title, 'body', l.body,
            'lix', l.lix, 'createdAt', ${iso('l.created_at')}, 'status', l.status,
            'sentAt', CASE WHEN l.sent_at IS NULL THEN NULL ELSE ${iso('l.sent_at')} END
          ) ORDER BY l.created_at DESC, l.id)
        FROM letters l JOIN citizens c ON c.municipality_id = l.municipality_id AND c.id = l.citizen_id
        WHERE l.municipality_id = me.municipality_id AND l.citizen_id = me.citizen_id), '[]'::json),
      'decisionTypes', coalesce((
        SELECT json_agg(json_build_object('id', t.id, 'name', t.name) ORDER BY t.name, t.id)
        FROM decision_types t JOIN units u ON u.municipality_id = t.municipality_id AND u.id = t.unit_id
        WHERE t.municipality_id = me.municipality_id AND t.active), '[]'::json)
    )::text FROM me) END AS body`;
