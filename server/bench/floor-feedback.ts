import { DEFAULT_FEEDBACK_SETTINGS } from '@sammen/domain/feedback';
import { ACTOR, ALL_SECTIONS, AUDIT_COLUMNS, TODAY } from './floor-sql.ts';

// The floor's statements for the feedback pages (issue 15; docs/performance.md, "The floor" and
// "Issue 15"; wired in bench/floor.ts): the staff member's page of a citizen's feedback, the
// citizen's own, and the leaders' aggregates — each ONE statement that resolves the session,
// checks access, computes the engine's answer (domain/src/feedback.ts) in SQL, writes the
// access-log row and returns the body. $1 cookie token, $2 idle seconds, $3 request id; the
// staff page $4 the citizen id; the aggregates $4 from, $5 to (Danish days), $6 'month'|'quarter'.

const SETTINGS = JSON.stringify(DEFAULT_FEEDBACK_SETTINGS);
const iso = (t: string) => `to_char(${t} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** isClinical(rule, x) for a definition (jsonb expression) and a float8 expression. */
const clinical = (def: string, x: string) => `(CASE ${def} #>> '{total,cutoff,comparator}'
    WHEN 'lt' THEN ${x} < (${def} #>> '{total,cutoff,value}')::float8 WHEN 'lte' THEN ${x} <= (${def} #>> '{total,cutoff,value}')::float8
    WHEN 'gt' THEN ${x} > (${def} #>> '{total,cutoff,value}')::float8 ELSE ${x} >= (${def} #>> '{total,cutoff,value}')::float8 END)`;

/** feedback.views.ts instrumentSummary: with totalRange (sum, or mean over the items) of the definition. */
const summary = (id: string, def: string) => `json_build_object('id', ${id}, 'name', ${def} -> 'name', 'normsStatus', ${def} -> 'normsStatus',
    'cutoff', ${def} #> '{total,cutoff}', 'reliableChange', ${def} #> '{total,reliableChange}', 'higherIsBetter', ${def} #> '{total,higherIsBetter}',
    'range', (SELECT json_build_object(
        'min', CASE WHEN ${def} #>> '{total,method}' = 'sum' THEN sum((it.v ->> 'min')::float8) ELSE sum((it.v ->> 'min')::float8) / count(*) END,
        'max', CASE WHEN ${def} #>> '{total,method}' = 'sum' THEN sum((it.v ->> 'max')::float8) ELSE sum((it.v ->> 'max')::float8) / count(*) END)
      FROM jsonb_array_elements(${def} -> 'items') it(v)),
    'items', (SELECT json_agg(json_build_object('key', it.v -> 'key', 'wording', it.v -> 'wording') ORDER BY it.i)
      FROM jsonb_array_elements(${def} -> 'items') WITH ORDINALITY it(v, i)))`;

/**
 * classifyChange(definition, first, latest) (Jacobson–Truax): reliable when |latest − first| ≥ the
 * reliable-change value; a reliable improvement from the clinical to the other side of the cutoff is
 * clinically significant; a reliable worsening is a deterioration either way.
 */
function change(def: string, f: string, l: string) {
  const hib = `(${def} #>> '{total,higherIsBetter}')::boolean`;
  const rc = `(${def} #>> '{total,reliableChange}')::float8`;
  const improvement = `(CASE WHEN ${hib} THEN ${l} - ${f} ELSE ${f} - ${l} END)`;
  const reliable = `(abs(${l} - ${f}) >= ${rc})`;
  const crossed = `(CASE WHEN ${clinical(def, f)} AND NOT ${clinical(def, l)} THEN 'intoNonClinical' WHEN NOT ${clinical(def, f)} AND ${clinical(def, l)} THEN 'intoClinical' END)`;
  return `json_build_object(
    'classification', CASE WHEN NOT ${reliable} THEN 'noReliableChange' WHEN ${improvement} < 0 THEN 'reliableDeterioration'
                           WHEN ${crossed} = 'intoNonClinical' THEN 'clinicallySignificantImprovement' ELSE 'reliableImprovement' END,
    'first', ${f}, 'latest', ${l}, 'difference', ${l} - ${f}, 'improvement', ${improvement}, 'threshold', ${def} #> '{total,reliableChange}',
    'reliable', ${reliable}, 'cutoff', ${def} #> '{total,cutoff}', 'firstClinical', ${clinical(def, f)}, 'latestClinical', ${clinical(def, l)},
    'crossedCutoff', ${crossed})`;
}

const rating = (p: 'o' | 'r', kind: string) => `CASE WHEN t.${p}_id IS NULL THEN NULL ELSE json_build_object(
    'id', t.${p}_id, 'kind', '${kind}', 'instrumentId', t.${p}_ins, 'declined', t.${p}_declined,
    'total', CASE WHEN t.${p}_declined THEN NULL ELSE t.${p}_total END, 'answers', CASE WHEN t.${p}_declined THEN NULL ELSE t.${p}_answers END,
    'givenVia', t.${p}_via, 'givenAt', ${iso(`t.${p}_at`)}) END`;

/**
 * The citizen's feedback as the viewer `v` (municipality_id, citizen_id, whole, unit_id, sections)
 * may see it (feedback.views.ts `feedbackOf`), as CTEs ending in `page` (one row, `body` json
 * without the staff page's instruments):
 * - the timeline (feedback.reads.ts `selectTimeline`): the citizen's meetings numbered by
 *   conversation within each unit over ALL of them, then the ones the viewer may see (everything
 *   when `whole`; else the viewer's unit's and those whose area the consents name), by held_at
 *   and id, with both ratings and the alerts they stored (outcome's, then meeting's);
 * - a course per unit on it, in the order of its first visible meeting: for each kind the
 *   instrument of its first rating (declined or not) and the totals given with it by
 *   conversation (null elsewhere) up to the last visible conversation;
 * - per course with an outcome total: the change when it has two (classifyChange), the expected
 *   trajectory, when conversation 1 has an outcome total (expectedTrajectory over the other
 *   citizens' courses whose first meeting was rated with the instrument within ±band of it — repository `selectTrajectoryCourses` —
 *   mean per conversation, hidden under minCourses) and the progress (notProgressingAsExpected);
 * - lowUnits: the courses whose mean meeting total is on the clinical side of the cutoff.
 * Settings: the municipality's row, else DEFAULT_FEEDBACK_SETTINGS.
 */
const PAGE = `
mt AS (
  SELECT m.id, m.unit_id, m.staff_id, m.appointment_id, m.area, m.held_at,
    row_number() OVER (PARTITION BY m.unit_id ORDER BY m.held_at, m.id)::int AS conv
  FROM feedback_meetings m
  -- Scalars, so the course index (municipality_id, citizen_id, unit_id, held_at) finds the rows.
  WHERE m.municipality_id = (SELECT municipality_id FROM v) AND m.citizen_id = (SELECT citizen_id FROM v)
),
tl AS (
  SELECT mt.*, row_number() OVER (ORDER BY mt.held_at, mt.id)::int AS pos,
    o.id AS o_id, o.instrument_id AS o_ins, o.declined AS o_declined, o.answers AS o_answers, o.total AS o_total, o.given_via AS o_via, o.given_at AS o_at, o.alerts AS o_alerts,
    r.id AS r_id, r.instrument_id AS r_ins, r.declined AS r_declined, r.answers AS r_answers, r.total AS r_total, r.given_via AS r_via, r.given_at AS r_at, r.alerts AS r_alerts
  FROM v CROSS JOIN mt
  LEFT JOIN feedback_ratings o ON o.municipality_id = v.municipality_id AND o.meeting_id = mt.id AND o.kind = 'outcome'
  LEFT JOIN feedback_ratings r ON r.municipality_id = v.municipality_id AND r.meeting_id = mt.id AND r.kind = 'meeting'
  WHERE v.whole OR mt.unit_id = v.unit_id OR mt.area::text = ANY(v.sections)
),
st AS (
  SELECT coalesce((SELECT s.settings FROM feedback_settings s WHERE s.municipality_id = (SELECT municipality_id FROM v)), '${SETTINGS}'::jsonb) AS s
),
cu AS (
  SELECT t.unit_id, min(t.pos) AS first_pos, max(t.conv) AS len,
    (array_agg(t.o_ins ORDER BY t.pos) FILTER (WHERE t.o_id IS NOT NULL))[1] AS oi,
    (array_agg(t.r_ins ORDER BY t.pos) FILTER (WHERE t.r_id IS NOT NULL))[1] AS mi
  FROM tl t GROUP BY t.unit_id
),
cc AS (
  SELECT cu.*, od.definition AS od, md.definition AS md, u.name AS unit_name, x.ot, x.mtot, array_remove(x.ot, NULL) AS ro,
    cardinality(array_remove(x.ot, NULL)) AS n, (array_remove(x.ot, NULL))[1] AS f, (array_remove(x.ot, NULL))[cardinality(array_remove(x.ot, NULL))] AS l,
    (SELECT max(g) FROM generate_subscripts(x.ot, 1) g WHERE x.ot[g] IS NOT NULL) AS lastpos
  FROM cu
  JOIN units u ON u.municipality_id = (SELECT municipality_id FROM v) AND u.id = cu.unit_id
  LEFT JOIN feedback_instruments od ON od.municipality_id = (SELECT municipality_id FROM v) AND od.id = cu.oi
  LEFT JOIN feedback_instruments md ON md.municipality_id = (SELECT municipality_id FROM v) AND md.id = cu.mi
  CROSS JOIN LATERAL (SELECT
    ARRAY(SELECT (SELECT t.o_total FROM tl t WHERE t.unit_id = cu.unit_id AND t.conv = g AND t.o_ins = cu.oi) FROM generate_series(1, cu.len) g ORDER BY g) AS ot,
    ARRAY(SELECT (SELECT t.r_total FROM tl t WHERE t.unit_id = cu.unit_id AND t.conv = g AND t.r_ins = cu.mi) FROM generate_series(1, cu.len) g ORDER BY g) AS mtot) x
),
mx AS (
  -- The other courses whose first meeting's outcome (not declined) is within ±band: the courses
  -- read model by its index (municipality_id, first_outcome_instrument_id, first_outcome_total).
  SELECT cc.unit_id AS for_unit, k.citizen_id, k.unit_id
  FROM cc CROSS JOIN st
  JOIN feedback_courses k ON k.municipality_id = (SELECT municipality_id FROM v) AND k.first_outcome_instrument_id = cc.oi
    AND k.first_outcome_total BETWEEN cc.ot[1] - (st.s ->> 'band')::float8 AND cc.ot[1] + (st.s ->> 'band')::float8
    AND k.citizen_id <> (SELECT citizen_id FROM v)
  WHERE cc.od IS NOT NULL AND cc.ot[1] IS NOT NULL
),
pv AS (
  SELECT c.for_unit, c.n, sum(r.total) AS s, count(*)::int AS k
  FROM (SELECT x.for_unit, m.id, row_number() OVER (PARTITION BY x.for_unit, m.citizen_id, m.unit_id ORDER BY m.held_at, m.id) AS n
        FROM mx x JOIN feedback_meetings m ON m.municipality_id = (SELECT municipality_id FROM v) AND m.citizen_id = x.citizen_id AND m.unit_id = x.unit_id) c
  JOIN cc ON cc.unit_id = c.for_unit
  JOIN feedback_ratings r ON r.municipality_id = (SELECT municipality_id FROM v) AND r.meeting_id = c.id AND r.kind = 'outcome' AND r.instrument_id = cc.oi AND NOT r.declined
  WHERE c.n <= (SELECT (s ->> 'maxConversations')::int FROM st)
  GROUP BY c.for_unit, c.n
),
tr AS (
  SELECT cc.unit_id, (SELECT count(*) FROM mx WHERE mx.for_unit = cc.unit_id)::int AS matched,
    ARRAY(SELECT CASE WHEN pv.k >= (st.s ->> 'minCourses')::int THEN pv.s / pv.k END
          FROM generate_series(1, (st.s ->> 'maxConversations')::int) g LEFT JOIN pv ON pv.for_unit = cc.unit_id AND pv.n = g ORDER BY g) AS expected,
    ARRAY(SELECT coalesce(pv.k, 0)
          FROM generate_series(1, (st.s ->> 'maxConversations')::int) g LEFT JOIN pv ON pv.for_unit = cc.unit_id AND pv.n = g ORDER BY g) AS counts
  FROM cc CROSS JOIN st WHERE cc.od IS NOT NULL AND cc.ot[1] IS NOT NULL
),
page AS (
  SELECT json_build_object(
    'citizen', json_build_object('id', (SELECT citizen_id FROM v),
      'name', (SELECT c.name FROM citizens c WHERE c.municipality_id = (SELECT municipality_id FROM v) AND c.id = (SELECT citizen_id FROM v))),
    'meetings', coalesce((SELECT json_agg(json_build_object(
        'id', t.id, 'unit', json_build_object('id', t.unit_id, 'name', u.name), 'staff', json_build_object('id', t.staff_id, 'name', s.name),
        'appointmentId', t.appointment_id, 'area', t.area, 'heldAt', ${iso('t.held_at')}, 'conversation', t.conv,
        'outcome', ${rating('o', 'outcome')}, 'meeting', ${rating('r', 'meeting')},
        'alerts', coalesce(t.o_alerts, '[]'::jsonb) || coalesce(t.r_alerts, '[]'::jsonb)) ORDER BY t.pos)
      FROM tl t
      JOIN units u ON u.municipality_id = (SELECT municipality_id FROM v) AND u.id = t.unit_id
      JOIN staff s ON s.municipality_id = (SELECT municipality_id FROM v) AND s.id = t.staff_id), '[]'::json),
    'courses', coalesce((SELECT json_agg(json_build_object(
        'unit', json_build_object('id', cc.unit_id, 'name', cc.unit_name),
        'outcomeInstrument', CASE WHEN cc.od IS NULL THEN NULL ELSE ${summary('cc.oi', 'cc.od')} END,
        'meetingInstrument', CASE WHEN cc.md IS NULL THEN NULL ELSE ${summary('cc.mi', 'cc.md')} END,
        'outcomeTotals', to_json(cc.ot), 'meetingTotals', to_json(cc.mtot),
        'change', CASE WHEN cc.od IS NOT NULL AND cc.n >= 2 THEN ${change('cc.od', 'cc.f', 'cc.l')} END,
        'trajectory', CASE WHEN tr.unit_id IS NULL THEN NULL ELSE json_build_object(
          'start', cc.ot[1], 'band', st.s -> 'band', 'minCourses', st.s -> 'minCourses', 'maxConversations', st.s -> 'maxConversations',
          'matchedCourses', tr.matched,
          'points', (SELECT json_agg(json_build_object('conversation', g, 'expected', tr.expected[g], 'courses', tr.counts[g]) ORDER BY g)
                     FROM generate_series(1, (st.s ->> 'maxConversations')::int) g)) END,
        'progress', CASE WHEN tr.unit_id IS NULL THEN NULL ELSE (SELECT
            CASE WHEN q.latest IS NULL OR q.expected IS NULL
              THEN json_build_object('status', 'noExpectation', 'conversation', cc.lastpos, 'latest', q.latest, 'expected', q.expected, 'shortfall', NULL, 'margin', st.s -> 'margin')
              ELSE json_build_object('status', CASE WHEN q.shortfall > (st.s ->> 'margin')::float8 THEN 'notProgressing' ELSE 'asExpected' END,
                'conversation', cc.lastpos, 'latest', q.latest, 'expected', q.expected, 'shortfall', q.shortfall, 'margin', st.s -> 'margin') END
          FROM (SELECT cc.ot[cc.lastpos] AS latest, tr.expected[cc.lastpos] AS expected,
                  CASE WHEN (cc.od #>> '{total,higherIsBetter}')::boolean THEN tr.expected[cc.lastpos] - cc.ot[cc.lastpos]
                       ELSE cc.ot[cc.lastpos] - tr.expected[cc.lastpos] END AS shortfall) q) END
      ) ORDER BY cc.first_pos)
      FROM cc CROSS JOIN st LEFT JOIN tr ON tr.unit_id = cc.unit_id), '[]'::json),
    'lowUnits', coalesce((SELECT json_agg(cc.unit_id ORDER BY cc.first_pos) FROM cc
      WHERE cc.md IS NOT NULL AND cardinality(array_remove(cc.mtot, NULL)) > 0
        AND ${clinical('cc.md', '(SELECT sum(x) / count(x) FROM unnest(cc.mtot) x)')}), '[]'::json),
    'complete', (SELECT whole FROM v)
  ) AS body
  FROM v
)`;

/**
 * The staff member's page of a citizen's feedback (`GET /api/citizens/:citizenId/feedback`,
 * feedback.views.ts `getCitizenFeedback`): the citizen's active plan as far as the staff member
 * may see it (access.sql.ts `visibleTo`, else 404) and what they may see of it (`accessOf`:
 * coordination or break-glass see every meeting, `complete`), the page above, the instruments
 * to start a rating with (active; Sammen's first, then by creation and id), and the access-log
 * row (reader.ts `logEntry`: action feedback.read, subject the plan, the scope's sections, basis,
 * consents and break-glass). A citizen or proxy: 403 (the route's rule, before anything is
 * read). Not done here: the app sets
 * up Sammen's instruments when the municipality has none (ensureInstruments) — the synthetic
 * load has them.
 */
export const FEEDBACK_STAFF = `WITH ${ACTOR},
p AS (
  SELECT p.id, p.municipality_id, p.citizen_id, p.coordinator_id, p.coordinator_unit_id
  FROM a JOIN plans p ON p.municipality_id = a.municipality_id
  -- The citizen's one active plan, by the partial unique index.
  WHERE a.kind = 'staff' AND p.municipality_id = (SELECT municipality_id FROM a) AND p.citizen_id = $4::uuid AND p.status = 'active' AND (
      p.coordinator_id = a.actor_id OR p.coordinator_unit_id = a.unit_id
      OR EXISTS (SELECT 1 FROM efforts e WHERE e.municipality_id = p.municipality_id AND e.plan_id = p.id AND e.unit_id = a.unit_id)
      OR EXISTS (SELECT 1 FROM involvement_requests ir WHERE ir.municipality_id = p.municipality_id AND ir.plan_id = p.id
                 AND ir.unit_id = a.unit_id AND ir.decision = 'accepted')
      OR EXISTS (SELECT 1 FROM break_glass b WHERE b.municipality_id = p.municipality_id AND b.plan_id = p.id
                 AND b.staff_id = a.actor_id AND b.unit_id = a.unit_id AND now() < b.expires_at))
),
acc AS (
  SELECT CASE WHEN k.coord OR bg.id IS NOT NULL THEN ${ALL_SECTIONS}
              ELSE coalesce((SELECT array_agg(DISTINCT s::text) FROM consents c, unnest(c.sections) s WHERE ${forUnit()}), ARRAY[]::text[]) END AS sections,
         CASE WHEN k.coord THEN 'coordination' WHEN bg.id IS NOT NULL THEN 'break_glass'
              WHEN EXISTS (SELECT 1 FROM consents c WHERE ${forUnit()}) THEN 'consent' ELSE 'involvement' END AS basis,
         coalesce((SELECT array_agg(c.id ORDER BY c.id) FROM consents c WHERE ${forUnit()}), ARRAY[]::uuid[]) AS consent_ids,
         bg.id AS break_glass_id
  FROM a CROSS JOIN p
  CROSS JOIN LATERAL (SELECT p.coordinator_id = a.actor_id OR p.coordinator_unit_id = a.unit_id AS coord) k
  LEFT JOIN LATERAL (SELECT b.id FROM break_glass b WHERE b.municipality_id = p.municipality_id AND b.plan_id = p.id
                       AND b.staff_id = a.actor_id AND b.unit_id = a.unit_id AND now() < b.expires_at
                     ORDER BY b.expires_at DESC LIMIT 1) bg ON true
  WHERE a.kind = 'staff'
),
v AS (
  SELECT p.municipality_id, p.citizen_id, acc.basis IN ('coordination', 'break_glass') AS whole, a.unit_id, acc.sections
  FROM a CROSS JOIN p CROSS JOIN acc
),
${PAGE},
log AS (
  ${AUDIT_COLUMNS}
  SELECT a.municipality_id, a.kind, a.actor_id, a.role, a.unit_id, 'read', 'feedback.read', p.citizen_id, 'plan', p.id::text,
         'Borgerens tilbagemeldinger på møderne', $3::text, 'ok',
         jsonb_build_object('sections', acc.sections, 'basis', acc.basis, 'consentIds', acc.consent_ids, 'breakGlassId', acc.break_glass_id)
  FROM page CROSS JOIN a CROSS JOIN p CROSS JOIN acc
)
SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM a) THEN 401 WHEN (SELECT kind FROM a) <> 'staff' THEN 403 WHEN NOT EXISTS (SELECT 1 FROM v) THEN 404
            WHEN (SELECT body #>> '{citizen,name}' FROM page) IS NULL THEN 404 ELSE 200 END AS status,
  (SELECT (page.body::jsonb || jsonb_build_object('instruments', coalesce((
      SELECT jsonb_agg(jsonb_build_object('id', i.id, 'kind', i.kind, 'name', i.definition -> 'name', 'presentation', i.definition -> 'presentation',
               'targetGroups', i.definition -> 'targetGroups') ORDER BY (i.origin = 'sammen') DESC, i.created_at, i.id)
      FROM feedback_instruments i WHERE i.municipality_id = (SELECT municipality_id FROM v) AND i.active), '[]'::jsonb)))::text FROM page) AS body`;

function forUnit() {
  return `c.municipality_id = p.municipality_id AND c.citizen_id = p.citizen_id AND c.recipient_unit_id = a.unit_id
    AND c.given_at IS NOT NULL AND c.revoked_at IS NULL AND c.starts_on <= ${TODAY} AND NOT (c.ends_on IS NOT NULL AND c.ends_on <= ${TODAY})`;
}

/**
 * The citizen's own page (`GET /api/me/feedback`, feedback.views.ts `getOwnFeedback`): every
 * meeting with every unit (`complete`), for the citizen or a proxy holding 'plan.read' (another
 * proxy 403; staff 403). The citizen's read writes no access-log row; a proxy's writes one
 * (reader.ts `logEntry` for the `own` scope: subject the active plan, else the citizen; every
 * section; basis proxy), as the calendar's and decisions' own pages do.
 */
export const FEEDBACK_OWN = `WITH ${ACTOR},
me AS (
  SELECT a.*, pl.id AS plan_id FROM a
  LEFT JOIN plans pl ON pl.municipality_id = a.municipality_id AND pl.citizen_id = a.citizen_id AND pl.status = 'active'
  WHERE a.kind = 'citizen' OR (a.kind = 'proxy' AND 'plan.read' = ANY(a.scopes))
),
v AS (SELECT me.municipality_id, me.citizen_id, true AS whole, NULL::uuid AS unit_id, ARRAY[]::text[] AS sections FROM me),
${PAGE},
log AS (
  ${AUDIT_COLUMNS}
  SELECT me.municipality_id, me.kind, me.actor_id, me.role, NULL, 'read', 'feedback.readOwn', me.citizen_id,
         CASE WHEN me.plan_id IS NULL THEN 'citizen' ELSE 'plan' END, coalesce(me.plan_id, me.citizen_id)::text,
         'Pårørende læser borgerens tilbagemeldinger', $3::text, 'ok',
         jsonb_build_object('sections', to_jsonb(${ALL_SECTIONS}), 'basis', 'proxy', 'consentIds', '[]'::jsonb, 'breakGlassId', NULL)
  FROM page CROSS JOIN me WHERE me.kind = 'proxy'
)
SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM a) THEN 401 WHEN (SELECT kind FROM a) = 'staff' THEN 403 WHEN NOT EXISTS (SELECT 1 FROM me) THEN 403
            WHEN (SELECT body #>> '{citizen,name}' FROM page) IS NULL THEN 404 ELSE 200 END AS status,
  (SELECT body::text FROM page) AS body`;

/** The period label of a meeting (feedback.reads.ts periodLabel), by $6. */
const period = (t: string) => `to_char(${t} AT TIME ZONE 'Europe/Copenhagen', CASE WHEN $6::text = 'month' THEN 'YYYY-MM' ELSE 'YYYY-"Q"Q' END)`;
const HIDDEN = `'{"shown":false,"because":"fewCitizens"}'::json`;

/**
 * The leaders' aggregates (`GET /api/feedback/aggregates?from&to&by`, feedback.aggregates.ts
 * `getAggregates`), for staff with the leader or admin role in their unit (others 403): $4 from,
 * $5 to (Danish days, both included), $6 'month' | 'quarter' — checked for their shape by the
 * router; here, as the app does after the access check, to before from (400) and a range over
 * 731 days (400). Every meeting held in the range in the municipality, with its period (Danish
 * time) and its meeting rating's answers (null when declined or not rated); per period and unit
 * (teamAggregates with no teams: units have none yet) the citizens met, meetings, rated and the
 * share rated; the citizens who rated and the mean of each item; the courses (citizen × unit)
 * classified by classifyChange from their first outcome total to the latest up to the end of the
 * period — with the instrument of the course's first outcome rating before the range's end, once
 * there are two — and the share with a reliable improvement: each measure hidden when it rests on
 * fewer than 5 citizens. The units by name in Danish order (`danishOrder`: on PostgreSQL the ICU
 * collation da-x-icu, as the app's localeCompare(…, 'da'); PGlite has no Danish collation, so there
 * Æ, Ø and Å go after Z, case folded — right for the synthetic names, not in general), the meeting
 * items of the instruments used with the first wording of each key. Counts and means only: no log row.
 */
export const feedbackAggregates = (danishOrder: (e: string) => string) => `WITH ${ACTOR},
-- No access-log row, so the request id ($3) is only named.
me AS (SELECT a.* FROM a WHERE a.kind = 'staff' AND string_to_array(a.role, ',') && ARRAY['leader', 'admin'] AND $3::text IS NOT NULL),
rg AS (
  SELECT ($4::date::timestamp AT TIME ZONE 'Europe/Copenhagen') AS f, (($5::date + 1)::timestamp AT TIME ZONE 'Europe/Copenhagen') AS t,
    $5::date < $4::date AS backwards,
    extract(epoch FROM (($5::date + 1)::timestamp AT TIME ZONE 'Europe/Copenhagen') - ($4::date::timestamp AT TIME ZONE 'Europe/Copenhagen')) > 731 * 86400 AS too_long
),
mm AS (
  SELECT m.id, m.unit_id, m.citizen_id, m.held_at, ${period('m.held_at')} COLLATE "C" AS period,
    CASE WHEN r.declined THEN NULL ELSE r.instrument_id END AS ins, CASE WHEN r.declined THEN NULL ELSE r.answers END AS answers
  FROM feedback_meetings m
  LEFT JOIN feedback_ratings r ON r.municipality_id = m.municipality_id AND r.meeting_id = m.id AND r.kind = 'meeting'
  -- Scalars, so the index (municipality_id, held_at) gives the range.
  WHERE m.municipality_id = (SELECT municipality_id FROM me) AND m.held_at >= (SELECT f FROM rg) AND m.held_at < (SELECT t FROM rg)
    AND NOT (SELECT backwards OR too_long FROM rg)
),
cs AS (
  -- Each course met in the range, in one grouping (no join between row sets whose sizes the planner
  -- cannot know): the periods it was met in, and its outcome totals before the range's end in order.
  SELECT u.citizen_id, u.unit_id, array_agg(DISTINCT u.period) FILTER (WHERE u.marker) AS periods,
    array_agg(u.period ORDER BY u.at, u.id) FILTER (WHERE NOT u.marker) AS ps, array_agg(u.total ORDER BY u.at, u.id) FILTER (WHERE NOT u.marker) AS ts,
    array_agg(u.ins ORDER BY u.at, u.id) FILTER (WHERE NOT u.marker) AS ins
  FROM (
    SELECT mm.citizen_id, mm.unit_id, mm.period, NULL::float8 AS total, NULL::uuid AS ins, NULL::timestamptz AS at, NULL::uuid AS id, true AS marker FROM mm
    UNION ALL
    SELECT m.citizen_id, m.unit_id, ${period('m.held_at')} COLLATE "C", r.total, r.instrument_id, m.held_at, m.id, false
    FROM feedback_meetings m
    JOIN feedback_ratings r ON r.municipality_id = m.municipality_id AND r.meeting_id = m.id AND r.kind = 'outcome' AND NOT r.declined
    WHERE m.municipality_id = (SELECT municipality_id FROM me) AND m.held_at < (SELECT t FROM rg)
      AND (m.citizen_id, m.unit_id) IN (SELECT citizen_id, unit_id FROM mm)
  ) u
  GROUP BY u.citizen_id, u.unit_id
),
cls AS (
  -- Per period it was met in: from the first total to the latest up to the period's end, with the
  -- instrument of its first total only (another's scale may differ); periods run in time order.
  SELECT pp.period, cs.unit_id, cs.citizen_id,
    CASE WHEN NOT (abs(f.ts[n.n] - f.ts[1]) >= (d.definition #>> '{total,reliableChange}')::float8) THEN false
         WHEN (CASE WHEN (d.definition #>> '{total,higherIsBetter}')::boolean THEN f.ts[n.n] - f.ts[1] ELSE f.ts[1] - f.ts[n.n] END) < 0 THEN false
         ELSE true END AS improved
  FROM cs
  CROSS JOIN LATERAL (SELECT array_agg(x.p ORDER BY x.i) AS ps, array_agg(x.t ORDER BY x.i) AS ts
                      FROM unnest(cs.ps, cs.ts, cs.ins) WITH ORDINALITY x(p, t, ins, i) WHERE x.ins = cs.ins[1]) f
  JOIN feedback_instruments d ON d.municipality_id = (SELECT municipality_id FROM me) AND d.id = cs.ins[1]
  CROSS JOIN LATERAL unnest(cs.periods) pp(period)
  CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM unnest(f.ps) q(p) WHERE q.p COLLATE "C" <= pp.period COLLATE "C") n
  WHERE n.n >= 2
),
cell AS (
  SELECT mm.period, mm.unit_id, count(DISTINCT mm.citizen_id) AS citizens, count(*) AS meetings, count(mm.answers) AS rated,
    count(DISTINCT mm.citizen_id) FILTER (WHERE mm.answers IS NOT NULL) AS raters
  FROM mm GROUP BY mm.period, mm.unit_id
),
means AS (
  SELECT e.period, e.unit_id, jsonb_object_agg(e.key, e.mean) AS by_item FROM (
    SELECT mm.period, mm.unit_id, kv.key, sum(kv.value::float8) / count(*) AS mean
    FROM mm CROSS JOIN LATERAL jsonb_each_text(mm.answers) kv WHERE mm.answers IS NOT NULL GROUP BY mm.period, mm.unit_id, kv.key) e
  GROUP BY e.period, e.unit_id
),
courses AS (
  SELECT period, unit_id, count(*) AS classified, count(*) FILTER (WHERE improved) AS improved FROM cls GROUP BY period, unit_id
)
SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM a) THEN 401 WHEN NOT EXISTS (SELECT 1 FROM me) THEN 403 WHEN (SELECT backwards OR too_long FROM rg) THEN 400 ELSE 200 END AS status,
  CASE WHEN EXISTS (SELECT 1 FROM me) AND NOT (SELECT backwards OR too_long FROM rg) THEN json_build_object(
    'from', $4::text, 'to', $5::text, 'by', $6::text, 'minCitizens', 5,
    'units', coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY ${danishOrder('u.name')})
      FROM units u WHERE u.municipality_id = (SELECT municipality_id FROM me) AND u.id IN (SELECT unit_id FROM mm)), '[]'::json),
    'items', coalesce((SELECT json_agg(json_build_object('key', x.key, 'wording', x.wording) ORDER BY x.rk, x.pos) FROM (
        SELECT DISTINCT ON (it.v ->> 'key') it.v ->> 'key' AS key, it.v -> 'wording' AS wording, i.rk, it.pos
        FROM (SELECT i.*, row_number() OVER (ORDER BY (i.origin = 'sammen') DESC, i.created_at, i.id) AS rk FROM feedback_instruments i
              WHERE i.municipality_id = (SELECT municipality_id FROM me)) i
        CROSS JOIN LATERAL jsonb_array_elements(i.definition -> 'items') WITH ORDINALITY it(v, pos)
        WHERE i.id IN (SELECT ins FROM mm WHERE ins IS NOT NULL)
        ORDER BY it.v ->> 'key', i.rk, it.pos) x), '[]'::json),
    'cells', coalesce((SELECT json_agg(json_build_object('period', c.period, 'unitId', c.unit_id, 'teamId', NULL,
        'meetings', CASE WHEN c.citizens >= 5 THEN json_build_object('shown', true, 'citizens', c.citizens, 'meetings', c.meetings, 'rated', c.rated,
                      'ratedShare', c.rated::float8 / c.meetings) ELSE ${HIDDEN} END,
        'ratings', CASE WHEN c.raters >= 5 THEN json_build_object('shown', true, 'citizens', c.raters, 'meanByItem', coalesce(mn.by_item, '{}'::jsonb)) ELSE ${HIDDEN} END,
        'courses', CASE WHEN coalesce(k.classified, 0) >= 5 THEN json_build_object('shown', true, 'courses', k.classified, 'improved', k.improved,
                      'improvementShare', k.improved::float8 / k.classified) ELSE ${HIDDEN} END
      ) ORDER BY c.period, c.unit_id::text COLLATE "C")
      FROM cell c LEFT JOIN means mn ON mn.period = c.period AND mn.unit_id = c.unit_id
      LEFT JOIN courses k ON k.period = c.period AND k.unit_id = c.unit_id), '[]'::json)
  )::text END AS body`;

/** Danish order on PostgreSQL (ICU); on PGlite, which has no Danish collation, Æ Ø Å after Z (see above). */
export const FEEDBACK_AGGREGATES_PG = feedbackAggregates((e) => `${e} COLLATE "da-x-icu"`);
export const FEEDBACK_AGGREGATES_PGLITE = feedbackAggregates((e) => `lower(translate(${e}, 'ÆØÅæøå', '{|}{|}')) COLLATE "C", ${e} COLLATE "C"`);
