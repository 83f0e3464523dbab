import { municipalClosedDays, publicHolidays, extraClosedDayKinds } from '@sammen/domain/workdays';
import { planSections } from '@sammen/domain/plans';

// The SQL pieces the floor's statements share (bench/floor.ts, docs/performance.md "The floor"):
// today in Denmark, the session and actor, the audit row's columns, and working days.

/** Today in Denmark: consents run by Danish calendar days (platform/db.ts DANISH_TODAY). */
export const TODAY = `(now() AT TIME ZONE 'Europe/Copenhagen')::date`;
export const ALL_SECTIONS = `ARRAY[${planSections.map((s) => `'${s}'`).join(',')}]::text[]`;

/**
 * $1 cookie token, $2 idle seconds, $3 request id. The live session (auth.repository.ts
 * `selectLiveSession`: not ended, not expired, not idle; the id is the SHA-256 of the token) and
 * the actor behind it (auth.service.ts `resolveSession`): a staff member not disabled, working in
 * the session's unit if they still hold a role there, else in their first unit by unit name and
 * role; a citizen who exists; a proxy valid today. `a` has no row when the session does not
 * resolve (401). `role` is the audit row's actor_role (audit.service.ts `rowOf`: the staff
 * member's roles in the current unit, joined by ','; else the actor's kind). A session last seen
 * more than a minute ago is touched, as the app does.
 */
export const ACTOR = `
sess AS (
  SELECT s.id, s.municipality_id, s.actor_kind, s.actor_id, s.unit_id, s.last_seen_at < now() - interval '60 seconds' AS refresh
  FROM sessions s
  WHERE s.id = encode(sha256(convert_to($1::text, 'UTF8')), 'hex') AND s.ended_at IS NULL AND s.expires_at > now()
    AND s.last_seen_at > now() - make_interval(secs => $2::float8)
),
a AS (
  SELECT sess.id AS session_id, sess.refresh, sess.municipality_id, sess.actor_kind AS kind, sess.actor_id, w.unit_id, w.citizen_id, w.scopes, w.role
  FROM sess CROSS JOIN LATERAL (
    SELECT cu.unit_id, NULL::uuid AS citizen_id, NULL::text[] AS scopes,
           (SELECT string_agg(r.role::text, ',' ORDER BY r.role) FROM staff_roles r
            WHERE r.municipality_id = st.municipality_id AND r.staff_id = st.id AND r.unit_id = cu.unit_id) AS role
    FROM staff st CROSS JOIN LATERAL (SELECT coalesce(
        (SELECT r.unit_id FROM staff_roles r WHERE r.municipality_id = st.municipality_id AND r.staff_id = st.id AND r.unit_id = sess.unit_id LIMIT 1),
        (SELECT r.unit_id FROM staff_roles r JOIN units u ON u.municipality_id = r.municipality_id AND u.id = r.unit_id
          WHERE r.municipality_id = st.municipality_id AND r.staff_id = st.id ORDER BY u.name, r.role LIMIT 1)) AS unit_id
        OFFSET 0) cu -- computed once, not once per use
    WHERE sess.actor_kind = 'staff' AND st.municipality_id = sess.municipality_id AND st.id = sess.actor_id AND st.disabled_at IS NULL
      AND cu.unit_id IS NOT NULL
    UNION ALL
    SELECT NULL::uuid, c.id, NULL::text[], 'citizen' FROM citizens c
    WHERE sess.actor_kind = 'citizen' AND c.municipality_id = sess.municipality_id AND c.id = sess.actor_id
    UNION ALL
    SELECT NULL::uuid, x.citizen_id, x.scopes::text[], 'proxy' FROM proxies x
    JOIN citizens c ON c.municipality_id = x.municipality_id AND c.id = x.citizen_id
    WHERE sess.actor_kind = 'proxy' AND x.municipality_id = sess.municipality_id AND x.id = sess.actor_id
      AND x.valid_from <= now() AND (x.valid_to IS NULL OR x.valid_to > now())
  ) w
),
touch AS (UPDATE sessions SET last_seen_at = now() WHERE id = (SELECT session_id FROM a WHERE refresh))`;

/** The columns of an audit row, in the order the statements below give them (audit.repository.ts). */
export const AUDIT_COLUMNS = `INSERT INTO audit_events (municipality_id, actor_kind, actor_id, actor_role, actor_unit_id, kind, action, citizen_id,
    subject_type, subject_id, purpose, request_id, outcome, details)`;


/**
 * The days that are not working days, as the floor's statements take them ($4, one parameter
 * for every statement that counts working days): the public holidays under today's law and each
 * municipal closing a setting may choose, for the years around today — from the domain's own
 * tables (domain/src/workdays.ts), as the app counts them. {"public": [dates], "<kind>": [dates]}.
 */
export function closedDaysParam(now = new Date()): string {
  const year = now.getUTCFullYear();
  const years = [-2, -1, 0, 1, 2].map((d) => year + d);
  const out: Record<string, string[]> = { public: years.flatMap((y) => publicHolidays(y).map((d) => d.date)) };
  for (const kind of extraClosedDayKinds) out[kind] = years.flatMap((y) => municipalClosedDays(y, { extraClosedDays: [kind] }).map((d) => d.date));
  return JSON.stringify(out);
}

/**
 * Working days from `today` to `due` (both SQL dates) under the extra closed days in `rules` (a
 * jsonb array of kinds, the stored deadline's extraClosedDays), with the closed days in $4:
 * those in (today, due], negative those in (due, today] — domain/src/deadlines.ts daysLeft.
 */
export const workingDaysSql = (today: string, due: string, rules: string) => `(SELECT (CASE WHEN ${due} >= ${today} THEN 1 ELSE -1 END) * count(*)::int
  FROM generate_series(least(${today}, ${due}) + 1, greatest(${today}, ${due}), interval '1 day') g(d)
  WHERE extract(isodow FROM g.d) < 6 AND NOT ($4::jsonb -> 'public') ? to_char(g.d, 'YYYY-MM-DD')
    AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(${rules}) k WHERE ($4::jsonb -> k.value) ? to_char(g.d, 'YYYY-MM-DD')))`;
