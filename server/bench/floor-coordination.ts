import { DEFAULT_COORDINATION_SETTINGS } from '@sammen/domain/coordination';
import { ACTOR, ALL_SECTIONS, AUDIT_COLUMNS, TODAY } from './floor-sql.ts';

// The floor's statements for the coordination survey and pulse (issue 16; docs/performance.md,
// "The floor"; wired in bench/floor.ts): the heat map of a closed wave and the pulses of one
// citizen — each ONE statement that resolves the session, checks access, reads the data, writes
// the access-log row when the app writes one, and returns the body as the app gives it.
// $1 cookie token, $2 idle seconds, $3 request id; $4 the wave id / the citizen id.

const iso = (t: string) => `to_char(${t} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** The municipality's settings (coordination.repository.ts `selectSettings`): the stored ones over the defaults. */
const settingsOf = (m: string) =>
  `('${JSON.stringify(DEFAULT_COORDINATION_SETTINGS)}'::jsonb || coalesce((SELECT s.settings FROM coordination_settings s WHERE s.municipality_id = ${m}), '{}'::jsonb))`;

/** The elements of a jsonb array that pass `where` (over `x`), in their order; '[]' when none. */
const kept = (array: string, where: string) =>
  `coalesce((SELECT jsonb_agg(x ORDER BY i) FROM jsonb_array_elements(${array}) WITH ORDINALITY e(x, i) WHERE ${where}), '[]'::jsonb)`;

/**
 * visibleResults (coordination-engine.ts) of stored results `r` for the viewer: everything, or
 * what involves the group `own` (text): cells in its row and column, its within cell, its own
 * group figures, the pairs it is in — and no figure made of the other cells: index null,
 * reliability { alpha: null, ties: 0 }, excludedTies 0. The rest (groupIds, settings) as stored.
 */
const visible = (r: string, own: string) => `CASE WHEN ${own} IS NULL THEN ${r} ELSE ${r} || jsonb_build_object(
    'cells', ${kept(`${r} -> 'cells'`, `x ->> 'raterGroupId' = ${own} OR x ->> 'ratedGroupId' = ${own}`)},
    'within', ${kept(`${r} -> 'within'`, `x ->> 'raterGroupId' = ${own} OR x ->> 'ratedGroupId' = ${own}`)},
    'groups', ${kept(`${r} -> 'groups'`, `x ->> 'groupId' = ${own}`)},
    'asymmetries', ${kept(`${r} -> 'asymmetries'`, `x ->> 'a' = ${own} OR x ->> 'b' = ${own}`)},
    'index', 'null'::jsonb,
    'reliability', jsonb_build_object('alpha', 'null'::jsonb, 'ties', 0),
    'excludedTies', 0) END`;

/**
 * A closed wave's results (`GET /api/coordination/waves/:waveId/results`, coordination.results.ts
 * `getResults`), for any staff (others 403, the route's rule). The wave of the actor's
 * municipality, else 404. Who sees what (`viewerOf`): a leader or admin in the current unit
 * everything; others by the settings in force — 'all' everything, 'none' 403, 'ownGroup' what
 * involves the first of the wave's groups (wave order) they belong to now (a staff member not
 * disabled with a role in one of its units and, when it names roles, one of those), 403 when in
 * none. An open wave: 409 (after the viewer's check, as the app). The body: the stored results as
 * the viewer may see them, the wave (waveView: counts per group in order, their sums), the frozen
 * instrument's name, wording source, licence and items, the visibility, and the previous closed wave
 * of the same instrument (closed last before it, by closed_at then id) with its index and its shown
 * between-group cells as the viewer may see them (an own-group viewer: no index, as visibleResults).
 * No access-log row: no citizen's data.
 */
export const COORDINATION_RESULTS = `WITH ${ACTOR},
-- No access-log row, so the request id ($3) is only named.
me AS (SELECT a.* FROM a WHERE a.kind = 'staff' AND $3::text IS NOT NULL),
w AS (
  SELECT w.* FROM coordination_waves w WHERE w.municipality_id = (SELECT municipality_id FROM me) AND w.id = $4::uuid
),
own AS (
  SELECT wg.group_id::text AS group_id FROM coordination_wave_groups wg
  JOIN coordination_groups g ON g.municipality_id = wg.municipality_id AND g.id = wg.group_id
  WHERE wg.municipality_id = (SELECT municipality_id FROM me) AND wg.wave_id = $4::uuid
    AND EXISTS (SELECT 1 FROM staff_roles r JOIN staff s ON s.municipality_id = r.municipality_id AND s.id = r.staff_id AND s.disabled_at IS NULL
                WHERE r.municipality_id = g.municipality_id AND r.staff_id = (SELECT actor_id FROM me) AND r.unit_id = ANY(g.unit_ids)
                  AND (cardinality(g.roles) = 0 OR r.role = ANY(g.roles)))
  ORDER BY wg.position LIMIT 1
),
v AS (
  -- visibility 'all' | 'ownGroup' | NULL (403), and the own group for 'ownGroup'.
  SELECT CASE WHEN string_to_array(me.role, ',') && ARRAY['leader', 'admin'] THEN 'all'
              WHEN st.s ->> 'staffSee' = 'all' THEN 'all'
              WHEN st.s ->> 'staffSee' = 'none' THEN NULL
              WHEN EXISTS (SELECT 1 FROM own) THEN 'ownGroup' END AS visibility,
         (SELECT group_id FROM own) AS own_id
  FROM me CROSS JOIN LATERAL (SELECT ${settingsOf('me.municipality_id')} AS s) st
),
seen AS (SELECT v.visibility, CASE WHEN v.visibility = 'ownGroup' THEN v.own_id END AS own FROM v),
prev AS (
  SELECT pw.id, pw.name, pw.results FROM w
  JOIN coordination_waves pw ON pw.municipality_id = w.municipality_id AND pw.instrument_id = w.instrument_id AND pw.id <> w.id
   AND pw.closed_at IS NOT NULL AND (pw.closed_at, pw.id) < (w.closed_at, w.id)
  ORDER BY pw.closed_at DESC, pw.id DESC LIMIT 1
),
wg AS (
  SELECT coalesce(jsonb_agg(jsonb_build_object('id', g.group_id, 'name', g.name, 'invited', g.invited, 'answered', g.answered) ORDER BY g.position), '[]'::jsonb) AS groups,
         coalesce(sum(g.invited), 0)::int AS invited, coalesce(sum(g.answered), 0)::int AS answered
  FROM coordination_wave_groups g WHERE g.municipality_id = (SELECT municipality_id FROM w) AND g.wave_id = (SELECT id FROM w)
)
SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM a) THEN 401 WHEN NOT EXISTS (SELECT 1 FROM me) THEN 403 WHEN NOT EXISTS (SELECT 1 FROM w) THEN 404
            WHEN (SELECT visibility FROM seen) IS NULL THEN 403 WHEN (SELECT closed_at IS NULL OR results IS NULL FROM w) THEN 409 ELSE 200 END AS status,
  (SELECT (${visible('w.results', 'seen.own')} || jsonb_build_object(
      'wave', jsonb_build_object('id', w.id, 'name', w.name, 'focalWork', w.focal_work,
        'instrument', jsonb_build_object('id', w.instrument_id, 'name', w.definition -> 'name', 'wordingSource', w.definition -> 'wordingSource'),
        'status', 'closed', 'openedAt', ${iso('w.opened_at')}, 'closesOn', w.closes_on::text, 'closedAt', ${iso('w.closed_at')},
        'remindedAt', CASE WHEN w.reminded_at IS NULL THEN NULL ELSE ${iso('w.reminded_at')} END,
        'groups', wg.groups, 'invited', wg.invited, 'answered', wg.answered),
      'instrument', jsonb_build_object('name', w.definition -> 'name', 'wordingSource', w.definition -> 'wordingSource',
        'licence', w.definition -> 'licence', 'items', w.definition -> 'items'),
      'visibility', seen.visibility,
      'ownGroupId', seen.own,
      'previous', (SELECT jsonb_build_object('waveId', prev.id, 'name', prev.name, 'index', CASE WHEN seen.own IS NULL THEN prev.results -> 'index' ELSE 'null'::jsonb END,
          'cells', coalesce((SELECT jsonb_agg(jsonb_build_object('raterGroupId', c ->> 'raterGroupId', 'ratedGroupId', c ->> 'ratedGroupId', 'score', c -> 'score') ORDER BY i)
            FROM jsonb_array_elements(prev.results -> 'cells') WITH ORDINALITY e(c, i)
            WHERE NOT (c ->> 'suppressed')::boolean AND jsonb_typeof(c -> 'score') = 'number'
              AND (seen.own IS NULL OR c ->> 'raterGroupId' = seen.own OR c ->> 'ratedGroupId' = seen.own)), '[]'::jsonb))
        FROM prev WHERE prev.results IS NOT NULL)))::text
   FROM w CROSS JOIN wg CROSS JOIN seen WHERE w.closed_at IS NOT NULL AND w.results IS NOT NULL AND seen.visibility IS NOT NULL) AS body`;

/**
 * A citizen's coordination pulses as a staff member sees them (`GET /api/citizens/:citizenId/
 * coordination-pulses`, pulse.service.ts `listCitizenPulses`): the citizen's active plan as far as
 * the staff member may see it (access.sql.ts `visibleTo`, else 404; citizens and proxies 403, the
 * route's rule) and the scope's sections, basis, consents and break-glass for the access-log row
 * (reader.ts `logEntry`: action coordinationPulse.read, subject the plan). Every pulse of the
 * citizen, newest first (started_at, then id): its coordinating unit, times, counts, whether the
 * citizen answered; `mayAnswer` when the staff member's invitation is unanswered and the pulse is
 * open (not closed, time not run out); `coordinates` when they coordinate the plan or lead its
 * coordinating unit (the unit they work in now) — and then, for a closed pulse, its stored results.
 * The anonymity threshold from the settings in force.
 */
export const COORDINATION_PULSES = `WITH ${ACTOR},
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
         bg.id AS break_glass_id,
         -- coordinatesPlan: the plan's coordinator, or a leader (in the unit they work in now) of the coordinating unit.
         p.coordinator_id = a.actor_id OR (a.unit_id = p.coordinator_unit_id AND 'leader' = ANY(string_to_array(a.role, ','))) AS coordinates
  FROM a CROSS JOIN p
  CROSS JOIN LATERAL (SELECT p.coordinator_id = a.actor_id OR p.coordinator_unit_id = a.unit_id AS coord) k
  LEFT JOIN LATERAL (SELECT b.id FROM break_glass b WHERE b.municipality_id = p.municipality_id AND b.plan_id = p.id
                       AND b.staff_id = a.actor_id AND b.unit_id = a.unit_id AND now() < b.expires_at
                     ORDER BY b.expires_at DESC LIMIT 1) bg ON true
  WHERE a.kind = 'staff'
),
body AS (
  SELECT jsonb_build_object(
    'pulses', coalesce((SELECT jsonb_agg(jsonb_build_object(
        'id', cp.id, 'citizenId', cp.citizen_id, 'unit', jsonb_build_object('id', u.id, 'name', u.name),
        'startedAt', ${iso('cp.started_at')}, 'closesAt', ${iso('cp.closes_at')},
        'closedAt', CASE WHEN cp.closed_at IS NULL THEN NULL ELSE ${iso('cp.closed_at')} END,
        'invited', cp.invited, 'answered', cp.answered,
        'citizenAnswered', EXISTS (SELECT 1 FROM coordination_pulse_citizen_answers ca WHERE ca.municipality_id = cp.municipality_id AND ca.pulse_id = cp.id),
        'mayAnswer', cp.closed_at IS NULL AND cp.closes_at > now() AND EXISTS (SELECT 1 FROM coordination_pulse_invitations i
            WHERE i.municipality_id = cp.municipality_id AND i.pulse_id = cp.id AND i.staff_id = (SELECT actor_id FROM a) AND NOT i.answered),
        'coordinates', acc.coordinates,
        'results', CASE WHEN cp.closed_at IS NOT NULL AND acc.coordinates THEN cp.results END
      ) ORDER BY cp.started_at DESC, cp.id)
      FROM coordination_pulses cp JOIN units u ON u.municipality_id = cp.municipality_id AND u.id = cp.unit_id
      -- Scalars, so the index on (municipality_id, citizen_id …) finds them.
      WHERE cp.municipality_id = (SELECT municipality_id FROM p) AND cp.citizen_id = (SELECT citizen_id FROM p)), '[]'::jsonb),
    'anonymityThreshold', (${settingsOf('p.municipality_id')} ->> 'anonymityThreshold')::int) AS text
  FROM p CROSS JOIN acc
),
log AS (
  ${AUDIT_COLUMNS}
  SELECT a.municipality_id, a.kind, a.actor_id, a.role, a.unit_id, 'read', 'coordinationPulse.read', p.citizen_id, 'plan', p.id::text,
         'Samarbejdspuls om borgerens forløb', $3::text, 'ok',
         jsonb_build_object('sections', acc.sections, 'basis', acc.basis, 'consentIds', acc.consent_ids, 'breakGlassId', acc.break_glass_id)
  FROM body CROSS JOIN a CROSS JOIN p CROSS JOIN acc
)
SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM a) THEN 401 WHEN (SELECT kind FROM a) <> 'staff' THEN 403 WHEN NOT EXISTS (SELECT 1 FROM p) THEN 404 ELSE 200 END AS status,
  (SELECT text::text FROM body) AS body`;

function forUnit() {
  return `c.municipality_id = p.municipality_id AND c.citizen_id = p.citizen_id AND c.recipient_unit_id = a.unit_id
    AND c.given_at IS NOT NULL AND c.revoked_at IS NULL AND c.starts_on <= ${TODAY} AND NOT (c.ends_on IS NOT NULL AND c.ends_on <= ${TODAY})`;
}
