import http from 'node:http';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { readBases } from '@sammen/domain/consent';
import { ACTOR, ALL_SECTIONS, AUDIT_COLUMNS, TODAY, closedDaysParam, workingDaysSql } from './floor-sql.ts';
import { OWN_DECISIONS } from './floor-own-decisions.ts';
import { FEEDBACK_AGGREGATES_PG, FEEDBACK_AGGREGATES_PGLITE, FEEDBACK_OWN, FEEDBACK_STAFF } from './floor-feedback.ts';
import { COORDINATION_PULSES, COORDINATION_RESULTS } from './floor-coordination.ts';
import { calendarDate } from '@sammen/domain/fields';

// The floor (docs/performance.md, "The floor"): the least work a correct implementation of each read
// the bench measures must do, written by hand with no framework — node:http over the driver,
// each request answered by ONE SQL statement (a named prepared statement on PostgreSQL) that
// resolves the session from the cookie, checks access and consent in force on this request,
// writes the access-log row(s) and returns the response body as text, which is sent as it is.
// `npm run bench` starts it as a child process and runs the read scenarios against it.
//
//   PORT=… DATABASE_URL=… [POOL=10] [SESSION_IDLE_MINUTES=30] [SECURE_COOKIES=1] tsx server/bench/floor.ts
//   PORT=… DATA_DIR=… tsx server/bench/floor.ts   (embedded: PGlite in DATA_DIR/pglite, in this process)
//
// Not the app: no framework, no schema validation of the answer, no OpenAPI, no logging, no
// CSRF (GET only), no security headers. Only GET /api/plans/:id, /api/me/plan, /api/worklist,
// /api/me/access-log, /api/me/calendar (its default window), /api/requests (its defaults), /api/me/decisions,
// /api/citizens/:id/feedback, /api/me/feedback, /api/feedback/aggregates, /api/coordination/waves/:id/results and
// /api/citizens/:id/coordination-pulses. Rules are copied from the app (see the comments at each statement);
// a change there must be made here too for the figures to stay meaningful.

const PORT = Number(process.env.PORT ?? 0);
/** The closed days the working-day statements take ($4): computed once, from the domain's tables. */
const CLOSED_DAYS = closedDaysParam();
const POOL = Number(process.env.POOL ?? process.env.DATABASE_POOL_SIZE ?? 10);
const IDLE_SECONDS = Number(process.env.SESSION_IDLE_MINUTES ?? 30) * 60;
const COOKIE = process.env.SECURE_COOKIES === '1' ? '__Host-sammen_session' : 'sammen_session';

// ---- SQL ------------------------------------------------------------------------------------

/**
 * The plan page (read-plan.ts `loadPlanView`), from the read model `plan_documents`.
 * `which` picks the plan: by id ($4) as far as the actor may see it (access.sql.ts `visibleTo`),
 * or the citizen's active plan for the citizen or their proxy (/api/me/plan; staff get 403).
 * What the reader may see (`accessOf`): the citizen and proxy everything; staff of the
 * coordinating unit (or the coordinator) everything; break-glass everything; another involved
 * unit the sections that consents in force naming its unit list, plus its own unit's efforts.
 * The parts: texts by their section ('agreements' also for the disagreement procedure); each
 * effort by its area or the reader's unit, with its goal links only when 'goals' is seen;
 * follow-ups all on a coordination/own/proxy/break-glass basis, else only the reader's own;
 * comments with 'comments', else only the reader's own. A proxy needs the scope 'plan.read'
 * (403 before anything is read). A document whose version or newest history row differs from
 * the plan's is stale and never served (500: the app rebuilds it first; every change to a plan
 * rebuilds its document in the change's transaction, so after the backfill this does not happen).
 * What is new to the reader (`changesSinceLastSeen`) is computed from their "last seen" mark and
 * the mark moved, as the app's page does (decisions/0007).
 */
function planStatement(which: 'id' | 'own') {
  const chosen =
    which === 'id'
      ? `p.municipality_id = (SELECT municipality_id FROM allowed) AND p.id = $4::uuid AND CASE WHEN a.kind = 'staff' THEN (
           p.coordinator_id = a.actor_id OR p.coordinator_unit_id = a.unit_id
           OR EXISTS (SELECT 1 FROM efforts e WHERE e.municipality_id = p.municipality_id AND e.plan_id = p.id AND e.unit_id = a.unit_id)
           OR EXISTS (SELECT 1 FROM involvement_requests ir WHERE ir.municipality_id = p.municipality_id AND ir.plan_id = p.id
                      AND ir.unit_id = a.unit_id AND ir.decision = 'accepted')
           OR EXISTS (SELECT 1 FROM break_glass b WHERE b.municipality_id = p.municipality_id AND b.plan_id = p.id
                      AND b.staff_id = a.actor_id AND b.unit_id = a.unit_id AND now() < b.expires_at))
         ELSE p.citizen_id = a.citizen_id END`
      : `a.kind <> 'staff' AND p.municipality_id = (SELECT municipality_id FROM allowed) AND p.citizen_id = (SELECT citizen_id FROM allowed)
         AND p.status = 'active'`;
  const forUnit = `c.municipality_id = p.municipality_id AND c.citizen_id = p.citizen_id AND c.recipient_unit_id = a.unit_id
    AND c.given_at IS NOT NULL AND c.revoked_at IS NULL AND c.starts_on <= ${TODAY} AND NOT (c.ends_on IS NOT NULL AND c.ends_on <= ${TODAY})`;
  return `WITH ${ACTOR},
allowed AS (SELECT a.* FROM a WHERE a.kind <> 'proxy' OR 'plan.read' = ANY(a.scopes)),
p AS (
  SELECT p.id, p.municipality_id, p.citizen_id, p.version, p.coordinator_id, p.coordinator_unit_id
  -- The plan's key from scalars (InitPlans), so the primary key or the one-active-plan index finds it.
  FROM allowed a JOIN plans p ON p.municipality_id = a.municipality_id
  WHERE ${chosen}
),
acc AS (
  SELECT CASE WHEN a.kind <> 'staff' OR k.coord OR bg.id IS NOT NULL THEN ${ALL_SECTIONS}
              ELSE coalesce((SELECT array_agg(DISTINCT s::text) FROM consents c, unnest(c.sections) s WHERE ${forUnit}), ARRAY[]::text[]) END AS sections,
         CASE WHEN a.kind = 'citizen' THEN 'own' WHEN a.kind = 'proxy' THEN 'proxy' WHEN k.coord THEN 'coordination'
              WHEN bg.id IS NOT NULL THEN 'break_glass' WHEN EXISTS (SELECT 1 FROM consents c WHERE ${forUnit}) THEN 'consent'
              ELSE 'involvement' END AS basis,
         CASE WHEN a.kind = 'staff' THEN coalesce((SELECT array_agg(c.id ORDER BY c.id) FROM consents c WHERE ${forUnit}), ARRAY[]::uuid[])
              ELSE ARRAY[]::uuid[] END AS consent_ids,
         bg.id AS break_glass_id
  FROM allowed a CROSS JOIN p
  CROSS JOIN LATERAL (SELECT a.kind = 'staff' AND (p.coordinator_id = a.actor_id OR p.coordinator_unit_id = a.unit_id) AS coord) k
  LEFT JOIN LATERAL (SELECT b.id FROM break_glass b WHERE a.kind = 'staff' AND b.municipality_id = p.municipality_id AND b.plan_id = p.id
                       AND b.staff_id = a.actor_id AND b.unit_id = a.unit_id AND now() < b.expires_at
                     ORDER BY b.expires_at DESC LIMIT 1) bg ON true
),
body AS (
  SELECT '{' || d.head
    || ',"access":' || json_build_object('sections', acc.sections, 'basis', acc.basis, 'consentIds', acc.consent_ids, 'breakGlassId', acc.break_glass_id)::text
    || ',"lifeStory":' || CASE WHEN 'life_story' = ANY(acc.sections) THEN coalesce(d.life_story, 'null') ELSE 'null' END
    || ',"wishes":' || CASE WHEN 'wishes' = ANY(acc.sections) THEN coalesce(d.wishes, 'null') ELSE 'null' END
    || ',"disagreementProcedure":' || CASE WHEN 'agreements' = ANY(acc.sections) THEN d.disagreement_procedure ELSE '""' END
    || ',"lixThreshold":' || m.lix_threshold
    || ',"goals":' || CASE WHEN 'goals' = ANY(acc.sections) THEN d.goals ELSE '[]' END
    || ',"efforts":[' || coalesce((
         SELECT string_agg(CASE WHEN 'goals' = ANY(acc.sections) THEN e.doc ELSE e.doc_without_goals END, ',' ORDER BY e.i)
         FROM unnest(d.efforts, d.efforts_without_goals, d.effort_unit_ids, d.effort_areas) WITH ORDINALITY AS e(doc, doc_without_goals, unit_id, area, i)
         WHERE e.unit_id = a.unit_id OR e.area = ANY(acc.sections)), '') || ']'
    || ',"agreements":' || CASE WHEN 'agreements' = ANY(acc.sections) THEN d.agreements ELSE '[]' END
    || ',"followUps":[' || coalesce((
         SELECT string_agg(f.doc, ',' ORDER BY f.i)
         FROM unnest(d.follow_ups, d.follow_up_staff_ids) WITH ORDINALITY AS f(doc, staff_id, i)
         WHERE acc.basis NOT IN ('involvement', 'consent') OR (a.kind = 'staff' AND f.staff_id = a.actor_id)), '') || ']'
    || ',"comments":[' || coalesce((
         SELECT string_agg(c.doc, ',' ORDER BY c.i)
         FROM unnest(d.comments, d.comment_author_kinds, d.comment_author_ids) WITH ORDINALITY AS c(doc, author_kind, author_id, i)
         WHERE 'comments' = ANY(acc.sections) OR (c.author_kind = a.kind::text AND c.author_id = a.actor_id)), '') || ']'
    || ',"changesSinceLastSeen":' || coalesce((
         -- What is new to this reader (plans.repository.ts changeVisible, seenUpTo): after their mark
         -- (0 when they never opened the plan), not their own, and only what their sections show.
         SELECT json_agg(json_build_object('id', ch.id, 'version', ch.version, 'at', ch.at, 'changeType', ch.change_type,
                  'targetType', ch.target_type, 'targetId', ch.target_id, 'before', ch.before, 'after', ch.after,
                  'actor', json_build_object('kind', ch.actor_kind, 'id', ch.actor_id,
                    'name', coalesce(cs.name, cc.name, cx.name, 'Sammen'))) ORDER BY ch.id)::text
         FROM plan_changes ch
         LEFT JOIN staff cs ON ch.actor_kind = 'staff' AND cs.municipality_id = ch.municipality_id AND cs.id = ch.actor_id
         LEFT JOIN citizens cc ON ch.actor_kind = 'citizen' AND cc.municipality_id = ch.municipality_id AND cc.id = ch.actor_id
         LEFT JOIN proxies cx ON ch.actor_kind = 'proxy' AND cx.municipality_id = ch.municipality_id AND cx.id = ch.actor_id
         WHERE ch.municipality_id = p.municipality_id AND ch.plan_id = p.id AND ch.id > coalesce(seen.mark, 0)
           AND NOT (ch.actor_kind::text = a.kind::text AND ch.actor_id IS NOT DISTINCT FROM a.actor_id)
           AND CASE WHEN ch.change_type LIKE 'comment.%' THEN 'comments' = ANY(acc.sections)
                    WHEN ch.target_type = 'life_story' THEN 'life_story' = ANY(acc.sections)
                    WHEN ch.target_type = 'wishes' THEN 'wishes' = ANY(acc.sections)
                    WHEN ch.target_type = 'goal' THEN 'goals' = ANY(acc.sections)
                    WHEN ch.target_type = 'agreement' OR ch.change_type = 'disagreementProcedure.changed' THEN 'agreements' = ANY(acc.sections)
                    WHEN ch.target_type = 'follow_up' THEN acc.basis NOT IN ('involvement', 'consent')
                    WHEN ch.target_type = 'effort' THEN EXISTS (SELECT 1 FROM efforts ce WHERE ce.municipality_id = ch.municipality_id
                        AND ce.id = ch.target_id AND (ce.unit_id = a.unit_id OR ce.area::text = ANY(acc.sections)))
                    ELSE true END), '[]')
    || '}' AS text,
    nw.newest, seen.mark
  FROM allowed a CROSS JOIN p CROSS JOIN acc
  JOIN municipalities m ON m.id = p.municipality_id
  CROSS JOIN LATERAL (SELECT coalesce(max(x.id), 0) AS newest FROM plan_changes x WHERE x.municipality_id = p.municipality_id AND x.plan_id = p.id) nw
  LEFT JOIN LATERAL (SELECT v.last_seen_change_id AS mark FROM plan_views v WHERE v.municipality_id = p.municipality_id AND v.plan_id = p.id
                       AND v.viewer_kind::text = a.kind::text AND v.viewer_id = a.actor_id) seen ON true
  JOIN plan_documents d ON d.municipality_id = p.municipality_id AND d.plan_id = p.id AND d.version = p.version AND d.last_change_id = nw.newest
),
marked AS (
  -- Having shown what was new, the reader's mark moves to the newest change (decisions/0007).
  INSERT INTO plan_views (municipality_id, plan_id, viewer_kind, viewer_id, last_seen_change_id)
  SELECT p.municipality_id, p.id, a.kind::text::author_kind, a.actor_id, body.newest FROM body CROSS JOIN allowed a CROSS JOIN p
  WHERE body.newest > coalesce(body.mark, -1)
  ON CONFLICT (municipality_id, plan_id, viewer_kind, viewer_id)
  DO UPDATE SET last_seen_change_id = greatest(plan_views.last_seen_change_id, EXCLUDED.last_seen_change_id), seen_at = now()
),
log AS (
  ${AUDIT_COLUMNS}
  SELECT a.municipality_id, a.kind, a.actor_id, a.role, a.unit_id, 'read', 'plan.read', p.citizen_id, 'plan', p.id::text,
         CASE WHEN a.kind = 'proxy' THEN 'Pårørende læser planen' ELSE 'Koordinering af borgerens plan' END, $3::text, 'ok',
         jsonb_build_object('sections', acc.sections, 'basis', acc.basis, 'consentIds', acc.consent_ids, 'breakGlassId', acc.break_glass_id)
  FROM body CROSS JOIN allowed a CROSS JOIN p CROSS JOIN acc
  WHERE a.kind <> 'citizen'
)
SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM a) THEN 401
            WHEN NOT EXISTS (SELECT 1 FROM allowed) ${which === 'own' ? `OR (SELECT kind FROM a) = 'staff'` : ''} THEN 403
            WHEN NOT EXISTS (SELECT 1 FROM p) THEN 404
            WHEN NOT EXISTS (SELECT 1 FROM body) THEN 500
            ELSE 200 END AS status,
       (SELECT text FROM body) AS body`;
}

/**
 * The work list (work-list.ts, plans.repository.ts `selectWorkList`) for staff (others 403):
 * the plans they coordinate, follow-ups due within a week, what citizens changed since the
 * staff member last looked, and open involvement requests — and one access-log row per citizen
 * shown (reader.ts `readCitizenList`), in the order the app writes them.
 */
const WORK_LIST = `WITH ${ACTOR},
me AS (SELECT a.* FROM a WHERE a.kind = 'staff'),
my_plans AS (
  SELECT p.id AS plan_id, p.version, c.id AS citizen_id, c.name, p.updated_at,
         (SELECT count(*) FROM goals g WHERE g.municipality_id = p.municipality_id AND g.plan_id = p.id) AS goals,
         (SELECT count(*) FROM goals g WHERE g.municipality_id = p.municipality_id AND g.plan_id = p.id AND g.status = 'reached') AS reached
  FROM me JOIN plans p ON p.municipality_id = me.municipality_id AND p.coordinator_id = me.actor_id AND p.status = 'active'
  JOIN citizens c ON c.municipality_id = p.municipality_id AND c.id = p.citizen_id
),
due AS (
  SELECT f.id AS follow_up_id, p.id AS plan_id, p.version, c.id AS citizen_id, c.name, f.due_on, f.note
  FROM me JOIN follow_ups f ON f.municipality_id = me.municipality_id AND f.staff_id = me.actor_id AND f.done_at IS NULL AND f.due_on <= ${TODAY} + 7
  JOIN plans p ON p.municipality_id = f.municipality_id AND p.id = f.plan_id
  JOIN citizens c ON c.municipality_id = p.municipality_id AND c.id = p.citizen_id
),
changed AS (
  SELECT p.id AS plan_id, c.name, max(ch.at) AS changed_at, count(*) AS n
  FROM me JOIN plans p ON p.municipality_id = me.municipality_id AND p.coordinator_id = me.actor_id AND p.status = 'active'
  JOIN citizens c ON c.municipality_id = p.municipality_id AND c.id = p.citizen_id
  JOIN plan_changes ch ON ch.municipality_id = p.municipality_id AND ch.plan_id = p.id AND ch.actor_kind IN ('citizen', 'proxy')
  LEFT JOIN plan_views v ON v.municipality_id = p.municipality_id AND v.plan_id = p.id AND v.viewer_kind = 'staff' AND v.viewer_id = me.actor_id
  WHERE ch.id > coalesce(v.last_seen_change_id, 0)
  GROUP BY p.id, c.name
),
asked AS (
  SELECT ir.id, p.id AS plan_id, c.id AS citizen_id, c.name, u.id AS unit_id, u.name AS unit_name, rs.id AS staff_id, rs.name AS staff_name,
         ir.reason, ir.created_at
  FROM me JOIN involvement_requests ir ON ir.municipality_id = me.municipality_id AND ir.decision IS NULL
  JOIN plans p ON p.municipality_id = ir.municipality_id AND p.id = ir.plan_id AND p.coordinator_id = me.actor_id AND p.status = 'active'
  JOIN citizens c ON c.municipality_id = p.municipality_id AND c.id = p.citizen_id
  JOIN units u ON u.municipality_id = ir.municipality_id AND u.id = ir.unit_id
  JOIN staff rs ON rs.municipality_id = ir.municipality_id AND rs.id = ir.requested_by_id
),
shown AS (
  SELECT citizen_id, min(n) AS n FROM (
    SELECT citizen_id, row_number() OVER (ORDER BY name) AS n FROM my_plans
    UNION ALL SELECT citizen_id, 1000000 + row_number() OVER (ORDER BY due_on) FROM due
    UNION ALL SELECT citizen_id, 2000000 + row_number() OVER (ORDER BY created_at) FROM asked) x
  GROUP BY citizen_id
),
log AS (
  ${AUDIT_COLUMNS}
  SELECT me.municipality_id, me.kind, me.actor_id, me.role, me.unit_id, 'read', 'worklist.read', s.citizen_id, 'plan', s.citizen_id::text,
         'Arbejdsliste: planer og opfølgninger', $3::text, 'ok', '{"sections":[]}'::jsonb
  FROM me CROSS JOIN shown s ORDER BY s.n
)
SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM a) THEN 401 WHEN NOT EXISTS (SELECT 1 FROM me) THEN 403 ELSE 200 END AS status,
  CASE WHEN EXISTS (SELECT 1 FROM me) THEN json_build_object(
    'myPlans', coalesce((SELECT json_agg(json_build_object('planId', plan_id, 'planVersion', version, 'citizenId', citizen_id, 'citizenName', name,
        'updatedAt', updated_at, 'goals', goals, 'goalsReached', reached) ORDER BY name) FROM my_plans), '[]'::json),
    'followUpsDue', coalesce((SELECT json_agg(json_build_object('followUpId', follow_up_id, 'planId', plan_id, 'planVersion', version,
        'citizenId', citizen_id, 'citizenName', name, 'dueOn', due_on, 'note', note) ORDER BY due_on) FROM due), '[]'::json),
    'changedByCitizen', coalesce((SELECT json_agg(json_build_object('planId', plan_id, 'citizenName', name, 'changedAt', changed_at, 'changes', n)
        ORDER BY changed_at DESC) FROM changed), '[]'::json),
    'involvementRequests', coalesce((SELECT json_agg(json_build_object('id', id, 'planId', plan_id, 'citizenId', citizen_id, 'citizenName', name,
        'unit', json_build_object('id', unit_id, 'name', unit_name), 'requestedBy', json_build_object('id', staff_id, 'name', staff_name),
        'reason', reason, 'createdAt', created_at) ORDER BY created_at) FROM asked), '[]'::json))::text END AS body`;

/**
 * "Who looked at my data" (consent.service.ts `getAccessLog`, consent.repository.ts
 * `selectAccessLogPage`): $4 limit, $5 before (keyset on the audit id; the largest bigint for the
 * first page), and with `filtered` $6 unit and $7 basis (each may be null). For
 * the citizen, or a proxy holding 'consent.manage' (others 403). The citizen reading their own
 * log writes no row; a proxy's read is logged — before the page is read in the app, so the
 * proxy's own new row is on its first page: here it comes from the insert's RETURNING.
 */
function accessLogStatement(filtered: boolean) {
  // Without filters, a statement of its own: with optional conditions ("$6 IS NULL OR …") the
  // planner found a custom plan cheaper than the generic one and planned it on every execution.
  const filter = (e: string) => (filtered ? `AND ($6::uuid IS NULL OR ${e}.actor_unit_id = $6::uuid) AND ($7::text IS NULL OR ${e}.details ->> 'basis' = $7::text)` : '');
  return `WITH ${ACTOR},
me AS (
  SELECT a.*, pl.id AS plan_id FROM a
  LEFT JOIN plans pl ON pl.municipality_id = a.municipality_id AND pl.citizen_id = a.citizen_id AND pl.status = 'active'
  WHERE a.kind = 'citizen' OR (a.kind = 'proxy' AND 'consent.manage' = ANY(a.scopes))
),
log AS (
  ${AUDIT_COLUMNS}
  SELECT me.municipality_id, me.kind, me.actor_id, me.role, NULL, 'read', 'accessLog.readOwn', me.citizen_id,
         CASE WHEN me.plan_id IS NULL THEN 'citizen' ELSE 'plan' END, coalesce(me.plan_id, me.citizen_id)::text,
         'Hvem har kigget', $3::text, 'ok', '{"sections":[],"basis":"proxy","consentIds":[],"breakGlassId":null}'::jsonb
  FROM me WHERE me.kind = 'proxy'
  RETURNING municipality_id, id, occurred_at, actor_kind, actor_id, actor_unit_id, citizen_id, action, details, purpose
),
page AS (
  SELECT * FROM (
    SELECT * FROM log l
    WHERE l.id < $5::bigint ${filter('l')}
    UNION ALL
    (SELECT e.municipality_id, e.id, e.occurred_at, e.actor_kind, e.actor_id, e.actor_unit_id, e.citizen_id, e.action, e.details, e.purpose
     FROM audit_events e
     -- Scalars, not a join with me: the index (municipality_id, citizen_id, id) read backwards gives the order, and the LIMIT stops it.
     WHERE e.municipality_id = (SELECT municipality_id FROM me) AND e.citizen_id = (SELECT citizen_id FROM me) AND e.kind = 'read'
       AND e.id < $5::bigint ${filter('e')}
     ORDER BY e.id DESC LIMIT $4::int)
  ) x ORDER BY id DESC LIMIT $4::int
)
SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM a) THEN 401 WHEN NOT EXISTS (SELECT 1 FROM me) THEN 403 ELSE 200 END AS status,
  CASE WHEN EXISTS (SELECT 1 FROM me) THEN (
    SELECT '{"entries":' || coalesce(json_agg(json_build_object(
        'id', e.id,
        'at', to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'unit', CASE WHEN e.actor_unit_id IS NULL THEN NULL ELSE json_build_object('id', e.actor_unit_id, 'name', coalesce(u.name, '')) END,
        'role', CASE WHEN e.actor_kind = 'proxy' THEN 'proxy'
                     WHEN e.details ->> 'basis' = 'coordination' THEN 'coordinating'
                     WHEN e.details ->> 'basis' = 'consent' THEN 'consent'
                     WHEN e.details ->> 'basis' = 'involvement' AND jsonb_array_length(coalesce(e.details -> 'sections', '[]'::jsonb)) > 0 THEN 'consent'
                     WHEN e.details ->> 'basis' = 'involvement' THEN 'involved'
                     WHEN e.details ->> 'basis' = 'break_glass' THEN 'break_glass'
                     ELSE NULL END,
        'readerKey', md5(e.actor_kind::text || ':' || coalesce(e.actor_id::text, '') || ':' || coalesce(e.actor_unit_id::text, '') || ':' || e.citizen_id::text),
        'personName', CASE WHEN NOT m.access_log_shows_names THEN NULL
             WHEN e.actor_kind = 'staff' THEN (SELECT s.name FROM staff s WHERE s.municipality_id = e.municipality_id AND s.id = e.actor_id)
             WHEN e.actor_kind = 'proxy' THEN (SELECT x.name FROM proxies x WHERE x.municipality_id = e.municipality_id AND x.id = e.actor_id)
             ELSE NULL END,
        'readerKind', e.actor_kind,
        'action', e.action,
        'sections', CASE WHEN jsonb_typeof(e.details -> 'sections') = 'array' THEN e.details -> 'sections' ELSE '[]'::jsonb END,
        'basis', e.details ->> 'basis',
        'purpose', e.purpose) ORDER BY e.id DESC)::text, '[]')
      || ',"nextBefore":' || CASE WHEN count(*) = $4::int THEN min(e.id)::text ELSE 'null' END || '}'
    FROM page e JOIN municipalities m ON m.id = e.municipality_id
    LEFT JOIN units u ON u.municipality_id = e.municipality_id AND u.id = e.actor_unit_id) END AS body`;
}

/** effectiveLoadLimits for one key: the lower of the municipality's (lim.m) and the citizen's own (lim.o); null when neither sets it. */
function lower(key: string) {
  const m = `lim.m -> '${key}'`;
  const o = `lim.o -> '${key}'`;
  return `CASE WHEN ${o} IS NULL OR jsonb_typeof(${o}) = 'null' THEN ${m} WHEN ${m} IS NULL OR jsonb_typeof(${m}) = 'null' THEN ${o}
    WHEN (${o})::text::numeric < (${m})::text::numeric THEN ${o} ELSE ${m} END`;
}

/**
 * The citizen's calendar (`GET /api/me/calendar`, calendar.service.ts `getOwnCalendar`,
 * calendar.views.ts `calendarOf`) in its default window: from seven Danish days back to 56
 * ahead, both inclusive (`windowOf`), as instants from the start of the first day to the start
 * of the day after the last (Europe/Copenhagen). For the citizen, or a proxy holding 'plan.read'
 * (another proxy 403, the route's rule); staff 403 (the page is the citizen's own, as /api/me/plan).
 * Everything shows in full (`viewerOf`: full for the citizen and proxy): the appointments that
 * take time in the window (starts before its end, ends after its start, cancelled ones too), by
 * start and id, each with its unit's name, the staff the citizen meets (by name) and the open
 * collisions it is part of (by their first start); the collisions whose first appointment starts
 * in the window, by first start and key, each the engine's record with `hiddenAppointments: 0`
 * (`redactCollision` with every unit visible: the citizen's viewer sees every appointment) and
 * its reason (the booker's "book anyway" reason until someone decides it); the limits (the
 * municipality's default lowered by the citizen's own, `effectiveLoadLimits`: a key only where
 * one of them sets it); the plan's periods not ended. The citizen reading their own calendar
 * writes no access-log row; a proxy's read writes one (reader.ts `logEntry` for the scope
 * `selectOwnScope` finds: subject the active plan, else the citizen; every section; basis proxy).
 */
const CALENDAR = `WITH ${ACTOR},
me AS (
  SELECT a.*, pl.id AS plan_id, pl.coordinator_unit_id FROM a
  LEFT JOIN plans pl ON pl.municipality_id = a.municipality_id AND pl.citizen_id = a.citizen_id AND pl.status = 'active'
  WHERE a.kind = 'citizen' OR (a.kind = 'proxy' AND 'plan.read' = ANY(a.scopes))
),
w AS (
  SELECT d.from_d, d.to_d, (d.from_d::timestamp AT TIME ZONE 'Europe/Copenhagen') AS from_i,
         ((d.to_d + 1)::timestamp AT TIME ZONE 'Europe/Copenhagen') AS to_i
  FROM (SELECT ${TODAY} - 7 AS from_d, ${TODAY} + 56 AS to_d) d
),
log AS (
  ${AUDIT_COLUMNS}
  SELECT me.municipality_id, me.kind, me.actor_id, me.role, NULL, 'read', 'calendar.read', me.citizen_id,
         CASE WHEN me.plan_id IS NULL THEN 'citizen' ELSE 'plan' END, coalesce(me.plan_id, me.citizen_id)::text,
         'Pårørende læser kalenderen', $3::text, 'ok',
         jsonb_build_object('sections', to_jsonb(${ALL_SECTIONS}), 'basis', 'proxy', 'consentIds', '[]'::jsonb, 'breakGlassId', NULL)
  FROM me WHERE me.kind = 'proxy'
),
lim AS (
  SELECT (SELECT s.load_limits FROM calendar_settings s WHERE s.municipality_id = me.municipality_id) AS m,
         (SELECT l.load_limits FROM citizen_load_limits l WHERE l.municipality_id = me.municipality_id AND l.citizen_id = me.citizen_id) AS o
  FROM me
)
SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM a) THEN 401 WHEN (SELECT kind FROM a) = 'staff' THEN 403 WHEN NOT EXISTS (SELECT 1 FROM me) THEN 403 ELSE 200 END AS status,
  CASE WHEN EXISTS (SELECT 1 FROM me) THEN (
    SELECT json_build_object(
      'citizen', json_build_object('id', me.citizen_id, 'name', coalesce((SELECT c.name FROM citizens c WHERE c.municipality_id = me.municipality_id AND c.id = me.citizen_id), '')),
      'coordinatorUnitId', me.coordinator_unit_id,
      'from', to_char(w.from_d, 'YYYY-MM-DD'),
      'to', to_char(w.to_d, 'YYYY-MM-DD'),
      'appointments', coalesce((
        SELECT json_agg(json_build_object(
            'id', ap.id, 'seriesId', ap.series_id, 'hidden', false, 'unit', json_build_object('id', ap.unit_id, 'name', u.name),
            'area', ap.area, 'title', ap.title, 'place', ap.place,
            'start', to_char(ap.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'end', to_char(ap.ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'travelMinutes', ap.travel_minutes, 'mandatory', ap.mandatory, 'consequence', ap.consequence,
            'with', coalesce((SELECT json_agg(json_build_object('id', s.id, 'name', s.name) ORDER BY s.name) FROM appointment_participants pa
                JOIN staff s ON s.municipality_id = pa.municipality_id AND s.id = pa.staff_id
                WHERE pa.municipality_id = ap.municipality_id AND pa.appointment_id = ap.id), '[]'::json),
            'status', ap.status, 'statusNote', ap.status_note,
            'collisionIds', coalesce((SELECT array_agg(c.id ORDER BY c.first_start) FROM collisions c WHERE c.municipality_id = ap.municipality_id
                AND c.citizen_id = ap.citizen_id AND c.status = 'open' AND ap.id = ANY(c.appointment_ids)), ARRAY[]::uuid[])
          ) ORDER BY ap.starts_at, ap.id)
        FROM appointments ap JOIN units u ON u.municipality_id = ap.municipality_id AND u.id = ap.unit_id
        -- Scalars, so the index (municipality_id, citizen_id, starts_at) gives the range.
        WHERE ap.municipality_id = (SELECT municipality_id FROM me) AND ap.citizen_id = (SELECT citizen_id FROM me)
          AND ap.starts_at < (SELECT to_i FROM w) AND ap.ends_at > (SELECT from_i FROM w)), '[]'::json),
      'collisions', coalesce((
        SELECT json_agg(json_build_object(
            'id', c.id, 'citizen', json_build_object('id', ci.id, 'name', ci.name), 'status', c.status,
            'statusReason', coalesce(nullif(c.status_reason, ''), (SELECT ra.accepted_collisions_reason FROM appointments ra WHERE ra.municipality_id = c.municipality_id
                AND ra.id = ANY(c.appointment_ids) AND ra.accepted_collisions_reason IS NOT NULL ORDER BY ra.created_at DESC LIMIT 1), ''),
            'detectedAt', to_char(c.detected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'collision', c.record || '{"hiddenAppointments":0}'::jsonb
          ) ORDER BY c.first_start, c.key)
        FROM collisions c JOIN citizens ci ON ci.municipality_id = c.municipality_id AND ci.id = c.citizen_id
        WHERE c.municipality_id = (SELECT municipality_id FROM me) AND c.citizen_id = (SELECT citizen_id FROM me)
          AND c.first_start >= (SELECT from_i FROM w) AND c.first_start < (SELECT to_i FROM w)), '[]'::json),
      'limits', (SELECT jsonb_strip_nulls(jsonb_build_object(
          'hoursPerDay', ${lower('hoursPerDay')}, 'appointmentsPerDay', ${lower('appointmentsPerDay')},
          'hoursPerWeek', ${lower('hoursPerWeek')}, 'appointmentsPerWeek', ${lower('appointmentsPerWeek')})) FROM lim),
      'planPeriods', coalesce((
        SELECT json_agg(json_build_object('id', pp.id, 'from', pp.from_date::text, 'to', pp.to_date::text, 'kind', pp.kind,
            'unitIds', CASE WHEN pp.unit_ids IS NULL THEN to_json('all'::text) ELSE to_json(pp.unit_ids) END, 'reason', pp.reason) ORDER BY pp.from_date, pp.id)
        FROM plan_periods pp WHERE pp.municipality_id = me.municipality_id AND pp.citizen_id = me.citizen_id AND pp.ended_at IS NULL), '[]'::json)
    )::text FROM me CROSS JOIN w) END AS body`;


/**
 * The authority caseworker's request list (`GET /api/requests` with its defaults: open requests
 * on every side; decisions.service.ts `listRequests`, decisions.repository.ts `selectRequestList`,
 * decisions.views.ts `requestListItem`): the open requests the staff member sees
 * (cases.visibility.ts `requestVisibleTo`: the current unit decides or sent it, or coordinates
 * the citizen's active plan; or they registered it or it was on their behalf), by due date and
 * id, at most 500 (`more` when there are others); days left under the stored deadline's closed days ($4, floor-sql.ts); one
 * access-log row per citizen shown (reader.ts `readCitizenList`). Any staff role in the current
 * unit (`request.read`); citizens and proxies 403.
 */
const REQUEST_LIST = `WITH ${ACTOR},
me AS (SELECT a.* FROM a WHERE a.kind = 'staff' AND a.role IS NOT NULL),
found AS (
  SELECT r.*, row_number() OVER (ORDER BY r.due_on, r.id) AS n FROM (
    SELECT r.* FROM me JOIN decision_requests r ON r.municipality_id = me.municipality_id AND r.status = 'open'
    WHERE r.unit_id = me.unit_id OR r.requester_unit_id = me.unit_id OR r.registered_by = me.actor_id OR r.on_behalf_of = me.actor_id
       OR EXISTS (SELECT 1 FROM plans vp WHERE vp.municipality_id = r.municipality_id AND vp.citizen_id = r.citizen_id AND vp.status = 'active'
                  AND vp.coordinator_unit_id = me.unit_id)
    ORDER BY r.due_on, r.id LIMIT 501) r
),
rows AS (SELECT * FROM found WHERE n <= 500),
shown AS (SELECT citizen_id, min(n) AS n FROM rows GROUP BY citizen_id),
log AS (
  ${AUDIT_COLUMNS}
  SELECT me.municipality_id, me.kind, me.actor_id, me.role, me.unit_id, 'read', 'request.read', s.citizen_id, 'citizen', s.citizen_id::text,
         'Ansøgninger og frister', $3::text, 'ok', '{"sections":[]}'::jsonb
  FROM me CROSS JOIN shown s ORDER BY s.n
)
SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM a) THEN 401 WHEN NOT EXISTS (SELECT 1 FROM me) THEN 403 ELSE 200 END AS status,
  CASE WHEN EXISTS (SELECT 1 FROM me) THEN json_build_object('requests', coalesce((
    SELECT json_agg(json_build_object(
        'id', r.id, 'citizen', json_build_object('id', c.id, 'name', c.name), 'decisionType', json_build_object('id', t.id, 'name', t.name),
        'unit', json_build_object('id', u.id, 'name', u.name),
        'registeredBy', CASE WHEN r.registered_by IS NULL THEN NULL ELSE json_build_object('id', r.registered_by, 'name', coalesce(rb.name, '')) END,
        'onBehalfOf', CASE WHEN r.on_behalf_of IS NULL THEN NULL ELSE json_build_object('id', r.on_behalf_of, 'name', coalesce(ob.name, '')) END,
        'byCitizen', r.by_citizen, 'urgency', r.urgency, 'receivedOn', r.received_on, 'due', r.due_on,
        'daysLeft', json_build_object('workingDays', ${workingDaysSql(TODAY, 'r.due_on', "r.deadline -> 'extraClosedDays'")}, 'calendarDays', r.due_on - ${TODAY}),
        'breached', ${TODAY} > r.due_on, 'status', r.status, 'decidedOn', r.decided_on,
        'hasDialogue', EXISTS (SELECT 1 FROM dialogue_contacts dc WHERE dc.municipality_id = r.municipality_id AND dc.request_id = r.id),
        'breachLetter', EXISTS (SELECT 1 FROM letters l WHERE l.municipality_id = r.municipality_id AND l.subject_type = 'request' AND l.subject_id = r.id
                                AND l.kind = 'deadlineBreach')
      ) ORDER BY r.n)
    FROM rows r
    JOIN citizens c ON c.municipality_id = r.municipality_id AND c.id = r.citizen_id
    JOIN decision_types t ON t.municipality_id = r.municipality_id AND t.id = r.decision_type_id
    JOIN units u ON u.municipality_id = r.municipality_id AND u.id = r.unit_id
    LEFT JOIN staff rb ON rb.municipality_id = r.municipality_id AND rb.id = r.registered_by
    LEFT JOIN staff ob ON ob.municipality_id = r.municipality_id AND ob.id = r.on_behalf_of), '[]'::json),
    'more', EXISTS (SELECT 1 FROM found WHERE n > 500))::text END AS body`;

const floorStatements = {
  floor_plan_by_id: planStatement('id'),
  floor_own_plan: planStatement('own'),
  floor_work_list: WORK_LIST,
  floor_access_log: accessLogStatement(false),
  floor_access_log_filtered: accessLogStatement(true),
  floor_calendar: CALENDAR,
  floor_request_list: REQUEST_LIST,
  floor_own_decisions: OWN_DECISIONS,
  floor_feedback_staff: FEEDBACK_STAFF,
  floor_feedback_own: FEEDBACK_OWN,
  floor_feedback_aggregates: process.env.DATABASE_URL ? FEEDBACK_AGGREGATES_PG : FEEDBACK_AGGREGATES_PGLITE,
  floor_coordination_results: COORDINATION_RESULTS,
  floor_coordination_pulses: COORDINATION_PULSES,
} as const;
type StatementName = keyof typeof floorStatements;

// ---- The engine: pg with named prepared statements, or PGlite in this process ---------------

interface Engine {
  run(name: StatementName, params: unknown[]): Promise<{ status: number; body: string | null }>;
  close(): Promise<void>;
}

async function openEngine(): Promise<Engine> {
  if (process.env.DATABASE_URL) {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: POOL });
    pool.on('error', () => {});
    return {
      async run(name, params) {
        const res = await pool.query<{ status: number; body: string | null }>({ name, text: floorStatements[name], values: params });
        return res.rows[0]!;
      },
      close: () => pool.end(),
    };
  }
  const dataDir = process.env.DATA_DIR;
  if (!dataDir) throw new Error('DATABASE_URL or DATA_DIR');
  const { PGlite } = await import('@electric-sql/pglite');
  const client = await PGlite.create(path.join(dataDir, 'pglite'));
  return {
    async run(name, params) {
      // One connection: PGlite runs one statement at a time; each request is one statement.
      const res = await client.query<{ status: number; body: string | null }>(floorStatements[name], params);
      return res.rows[0]!;
    },
    close: () => client.close(),
  };
}

// ---- HTTP -----------------------------------------------------------------------------------

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const READ_BASES: readonly string[] = readBases;
const MESSAGES: Record<number, [string, string]> = {
  400: ['VALIDATION', 'Invalid request'],
  401: ['UNAUTHENTICATED', 'Not signed in'],
  403: ['FORBIDDEN', 'Not allowed'],
  404: ['NOT_FOUND', 'Not found'],
  409: ['CONFLICT', 'Someone else changed this first'],
  500: ['INTERNAL', 'Something went wrong'],
};

function tokenOf(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === COOKIE) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** The statement and its parameters for a request, or the status to answer without the database. */
function route(url: URL, token: string, requestId: string): { name: StatementName; params: unknown[] } | number {
  const base = [token, IDLE_SECONDS, requestId];
  const p = url.pathname;
  if (p === '/api/me/plan') return url.search ? 400 : { name: 'floor_own_plan', params: base };
  if (p === '/api/worklist') return url.search ? 400 : { name: 'floor_work_list', params: base };
  // calendarQuery (from, to) is not served by the floor: only the default window.
  if (p === '/api/me/calendar') return url.search ? 404 : { name: 'floor_calendar', params: base };
  // Issue 14: the request list (its defaults only) and the citizen's decisions page; both count working days ($4).
  if (p === '/api/requests') return url.search ? 404 : { name: 'floor_request_list', params: [...base, CLOSED_DAYS] };
  if (p === '/api/me/decisions') return url.search ? 400 : { name: 'floor_own_decisions', params: [...base, CLOSED_DAYS] };
  // Issue 15: the feedback pages (floor-feedback.ts).
  if (p === '/api/me/feedback') return url.search ? 400 : { name: 'floor_feedback_own', params: base };
  const feedback = /^\/api\/citizens\/([^/]+)\/feedback$/.exec(p);
  if (feedback) return UUID.test(feedback[1]!) && !url.search ? { name: 'floor_feedback_staff', params: [...base, feedback[1]] } : 400;
  if (p === '/api/feedback/aggregates') {
    // aggregatesQuery (domain/feedback.ts): from and to calendar dates, by month or quarter (default quarter); nothing else.
    const q = url.searchParams;
    for (const k of q.keys()) if (!['from', 'to', 'by'].includes(k)) return 400;
    const by = q.get('by') ?? 'quarter';
    if (!calendarDate.safeParse(q.get('from')).success || !calendarDate.safeParse(q.get('to')).success || !['month', 'quarter'].includes(by)) return 400;
    return { name: 'floor_feedback_aggregates', params: [...base, q.get('from'), q.get('to'), by] };
  }
  // Issue 16: a closed wave's heat map and a citizen's coordination pulses (floor-coordination.ts).
  const results = /^\/api\/coordination\/waves\/([^/]+)\/results$/.exec(p);
  if (results) return UUID.test(results[1]!) && !url.search ? { name: 'floor_coordination_results', params: [...base, results[1]] } : 400;
  const pulses = /^\/api\/citizens\/([^/]+)\/coordination-pulses$/.exec(p);
  if (pulses) return UUID.test(pulses[1]!) && !url.search ? { name: 'floor_coordination_pulses', params: [...base, pulses[1]] } : 400;
  if (p.startsWith('/api/plans/') && p.indexOf('/', 11) < 0) {
    const id = p.slice(11);
    return UUID.test(id) && !url.search ? { name: 'floor_plan_by_id', params: [...base, id] } : 400;
  }
  if (p === '/api/me/access-log') {
    // accessLogQuery (domain/consent.ts): limit 1–200 (default 50), before a positive id, unitId, basis; nothing else.
    const q = url.searchParams;
    for (const k of q.keys()) if (!['limit', 'before', 'unitId', 'basis'].includes(k)) return 400;
    const limit = q.has('limit') ? Number(q.get('limit')) : 50;
    const before = q.has('before') ? Number(q.get('before')) : null;
    const unitId = q.get('unitId');
    const basis = q.get('basis');
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) return 400;
    if (before !== null && (!Number.isSafeInteger(before) || before < 1)) return 400;
    if (unitId !== null && !UUID.test(unitId)) return 400;
    if (basis !== null && !READ_BASES.includes(basis)) return 400;
    const page = [...base, limit, before ?? '9223372036854775807'];
    return unitId !== null || basis !== null ? { name: 'floor_access_log_filtered', params: [...page, unitId, basis] } : { name: 'floor_access_log', params: page };
  }
  return 404;
}

async function main() {
  const engine = await openEngine();
  const send = (res: http.ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const error = (res: http.ServerResponse, status: number, requestId: string) => {
    const [code, message] = MESSAGES[status] ?? MESSAGES[500]!;
    send(res, status, JSON.stringify({ error: { code, message, requestId } }));
  };
  const server = http.createServer((req, res) => {
    const requestId = randomUUID();
    if (req.method !== 'GET') return error(res, 404, requestId);
    let url: URL;
    let token: string | undefined;
    try {
      url = new URL(req.url ?? '/', 'http://floor');
      token = tokenOf(req.headers.cookie);
    } catch {
      return error(res, 400, requestId);
    }
    const r = route(url, token ?? '', requestId);
    if (typeof r === 'number') return error(res, r, requestId);
    // No cookie: nobody is signed in; the app answers 401 without asking the database either.
    if (!token) return error(res, 401, requestId);
    engine.run(r.name, r.params).then(
      ({ status, body }) => (status === 200 && body != null ? send(res, 200, body) : error(res, status, requestId)),
      (err) => {
        console.error(`floor: ${r.name}: ${(err as Error).message}`);
        error(res, 500, requestId);
      },
    );
  });
  server.keepAliveTimeout = 60_000;
  server.listen(PORT, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    console.log(`Floor is running: http://127.0.0.1:${port}`);
  });
  const stop = () => server.close(() => engine.close().then(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
