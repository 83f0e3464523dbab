import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '@sammen/domain/access';
import type { PlanView } from '@sammen/domain/plans';
import { DANISH_TODAY, preparedQuery, query, type Db } from '../../platform/db.ts';
import { accessOf, planRowColumns, sectionsParam, visibleTo, type PlanRow, type SqlActor } from '../access/access.sql.ts';
import { readLogInsert, type ReadLogValues } from '../audit/audit.service.ts';
import {
  agreements,
  effortGoals,
  efforts,
  followUps,
  involvementRequests,
  goalDependencies,
  goals,
  planChanges,
  planComments,
  plans,
  supportLevels,
} from './plans.schema.ts';

// Storage of plans. Every read of a plan is filtered by the access module's fragments
// (`visibleTo`, `accessOf`): a plan that the actor is not involved in does not exist for them.

export type AuthorKindValue = 'citizen' | 'proxy' | 'staff' | 'system';


/**
 * The one "last seen" rule, for the plan page's "Nyt siden sidst" and the work list's "changed by
 * the citizen" (decisions/0007): everything after the viewer's mark in `plan_views` is new, and a
 * viewer who never opened the plan has seen nothing of it — mark 0, so every change by others is
 * new on the first visit, in both places. (Before, the plan page took a first visit as "seen up
 * to the newest change" while the work list counted from the start: the list said "6 changes",
 * the page showed none, and the list then said nothing changed.)
 */
export const seenUpTo = (views: string) => sql.raw(`coalesce(${views}.last_seen_change_id, 0)`);

/**
 * Whether a plan change row may be shown to a reader with these sections (in SQL, `acc`):
 * comments need 'comments'; texts, goals and agreements their section; an effort its area,
 * unless it is the reader's own unit's; the plan's creation and hand-overs are always shown.
 */
export function changeVisible(ch: string, ownUnit: unknown): SQL {
  return sql`(CASE
      WHEN ${sql.raw(ch)}.change_type LIKE 'comment.%' THEN 'comments' = ANY(acc.sections)
      WHEN ${sql.raw(ch)}.target_type = 'life_story' THEN 'life_story' = ANY(acc.sections)
      WHEN ${sql.raw(ch)}.target_type = 'wishes' THEN 'wishes' = ANY(acc.sections)
      WHEN ${sql.raw(ch)}.target_type = 'goal' THEN 'goals' = ANY(acc.sections)
      WHEN ${sql.raw(ch)}.target_type = 'agreement' OR ${sql.raw(ch)}.change_type = 'disagreementProcedure.changed' THEN 'agreements' = ANY(acc.sections)
      WHEN ${sql.raw(ch)}.target_type = 'follow_up' THEN acc.basis NOT IN ('involvement', 'consent')
      WHEN ${sql.raw(ch)}.target_type = 'effort' THEN EXISTS (SELECT 1 FROM efforts ce WHERE ce.municipality_id = ${sql.raw(ch)}.municipality_id
          AND ce.id = ${sql.raw(ch)}.target_id AND (ce.unit_id = ${ownUnit}::uuid OR ce.area::text = ANY(acc.sections)))
      ELSE true END)`;
}

/** The citizen's active plan id, seen or not: for break-glass access only. */
export async function unscopedActivePlanIdOfCitizen(db: Db, municipalityId: string, citizenId: string) {
  const rows = await query<{ id: string }>(db, sql`SELECT id::text AS id FROM plans WHERE municipality_id = ${municipalityId} AND citizen_id = ${citizenId} AND status = 'active'`);
  return rows[0]?.id;
}

/** Whether the citizen has an active plan at all, seen or not: only to refuse a second one. */
export async function unscopedActivePlanExists(db: Db, municipalityId: string, citizenId: string) {
  const rows = await query<{ n: number }>(
    db,
    sql`SELECT count(*) AS n FROM plans WHERE municipality_id = ${municipalityId} AND citizen_id = ${citizenId} AND status = 'active'`,
  );
  return Number(rows[0]!.n) > 0;
}

/** A person as JSON {kind, id, name}, whoever they are. */
export function personJson(kind: string, idCol: string): SQL {
  return sql.raw(`json_build_object('kind', ${kind}, 'id', ${idCol}, 'name', CASE ${kind}
    WHEN 'staff' THEN (SELECT x.name FROM staff x WHERE x.municipality_id = p.municipality_id AND x.id = ${idCol})
    WHEN 'citizen' THEN (SELECT x.name FROM citizens x WHERE x.municipality_id = p.municipality_id AND x.id = ${idCol})
    WHEN 'proxy' THEN (SELECT x.name FROM proxies x WHERE x.municipality_id = p.municipality_id AND x.id = ${idCol})
    ELSE 'Sammen' END)`);
}

/** The plan document as SQL builds it: the plan view before the service marks waiting goals. */
export type PlanDocument = Omit<PlanView, 'goals'> & { goals: Omit<PlanView['goals'][number], 'waiting'>[] };

/**
 * Which plan a page shows: a plan by id or a citizen's active plan, as far as the actor may see
 * it; or a plan the caller found visible earlier in the same transaction, whose write may have
 * moved it out of the actor's reach (a hand-over to another unit) — it is shown as it now is.
 */
export type PlanSelector = { planId: string } | { citizenId: string } | { foundVisible: PlanRow };

export interface PlanPage {
  plan: PlanRow;
  /** The viewer's mark in the plan's history (null: never opened it), and the newest change now. */
  lastSeen: number | null;
  newest: number;
  /** The plan as JSON; its shape is checked by the route's response schema. */
  doc: PlanDocument;
}

type PlanSelectorKind = 'planId' | 'citizenId' | 'foundVisible';
const planPageStatements = new Map<string, ReturnType<typeof planPageStatement>>();
const placeholder = (name: string) => sql.placeholder(name);

/**
 * The plan page's statement for one kind of actor and selector, rendered to SQL text once. With
 * selector 'document' it builds the whole plan of the plans in `target` (a uuid[]) as the
 * citizen sees it, without what depends on a reader (their new changes): the source of the read
 * model (plan-document.ts), and the reference the read model is tested against.
 */
function planPageStatement(kind: Actor['kind'], selector: PlanSelectorKind | 'document') {
  const p = Object.fromEntries(
    ['municipalityId', 'staffId', 'unitId', 'citizenId', 'viewerKind', 'viewerId', 'target'].map((n) => [n, placeholder(n)]),
  );
  const sqlActor: SqlActor = { kind, municipalityId: p.municipalityId, staffId: p.staffId, unitId: p.unitId, citizenId: p.citizenId };
  const document = selector === 'document';
  const chosen =
    selector === 'document'
      ? sql`p.municipality_id = ${p.municipalityId} AND p.id = ANY(${p.target}::uuid[])`
      : selector === 'foundVisible'
      ? sql`p.municipality_id = ${p.municipalityId} AND p.id = ${p.target}`
      : sql`${selector === 'planId' ? sql`p.id = ${p.target}` : sql`p.citizen_id = ${p.target} AND p.status = 'active'`} AND ${visibleTo(sqlActor)}`;
  const changesSinceLastSeen = document
    ? sql``
    : sql`,
      'changesSinceLastSeen', coalesce((SELECT json_agg(json_build_object('id', ch.id, 'version', ch.version, 'at', ch.at,
          'changeType', ch.change_type, 'targetType', ch.target_type, 'targetId', ch.target_id, 'before', ch.before, 'after', ch.after,
          'actor', ${personJson('ch.actor_kind::text', 'ch.actor_id')}) ORDER BY ch.id)
        FROM plan_changes ch WHERE ch.municipality_id = p.municipality_id AND ch.plan_id = p.id AND ch.id > ${seenUpTo('v')}
          AND NOT (ch.actor_kind::text = ${p.viewerKind} AND ch.actor_id IS NOT DISTINCT FROM ${p.viewerId}::uuid)
          AND ${changeVisible('ch', p.unitId)}), '[]'::json)`;
  const viewerJoins = document
    ? sql`CROSS JOIN LATERAL (SELECT NULL::bigint AS last_seen_change_id) v
    CROSS JOIN LATERAL (SELECT max(x.id) AS newest FROM plan_changes x WHERE x.municipality_id = p.municipality_id AND x.plan_id = p.id) nw`
    : sql`LEFT JOIN plan_views v ON v.municipality_id = p.municipality_id AND v.plan_id = p.id AND v.viewer_kind = ${p.viewerKind} AND v.viewer_id = ${p.viewerId}
    CROSS JOIN LATERAL (SELECT max(x.id) AS newest FROM plan_changes x WHERE x.municipality_id = p.municipality_id AND x.plan_id = p.id) nw`;
  return preparedQuery<PlanRow & { last_seen: number | null; newest: number | null; doc: unknown }>(
    () =>
      sql`SELECT ${planRowColumns}, v.last_seen_change_id AS last_seen, nw.newest, json_build_object(
      'id', p.id, 'version', p.version, 'createdAt', p.created_at, 'updatedAt', p.updated_at,
      'citizen', json_build_object('id', c.id, 'name', c.name),
      'coordinator', json_build_object('id', s.id, 'name', s.name, 'unit', json_build_object('id', u.id, 'name', u.name)),
      'access', json_build_object('sections', acc.sections, 'basis', acc.basis, 'consentIds', acc.consent_ids, 'breakGlassId', acc.break_glass_id),
      'lifeStory', CASE WHEN p.life_story IS NULL OR NOT 'life_story' = ANY(acc.sections) THEN NULL ELSE json_build_object('text', p.life_story, 'updatedAt', p.life_story_updated_at,
          'author', ${personJson('p.life_story_author_kind::text', 'p.life_story_author_id')}) END,
      'wishes', CASE WHEN p.wishes IS NULL OR NOT 'wishes' = ANY(acc.sections) THEN NULL ELSE json_build_object('text', p.wishes, 'updatedAt', p.wishes_updated_at,
          'author', ${personJson('p.wishes_author_kind::text', 'p.wishes_author_id')}) END,
      'disagreementProcedure', CASE WHEN 'agreements' = ANY(acc.sections) THEN p.disagreement_procedure ELSE '' END,
      'lixThreshold', m.lix_threshold,
      'goals', coalesce((SELECT json_agg(json_build_object(
          'id', g.id, 'position', g.position, 'wording', g.wording,
          'wordingAuthor', ${personJson('g.wording_author_kind::text', 'g.wording_author_id')},
          'professionalDescription', g.professional_description, 'classificationCode', g.classification_code,
          'status', g.status, 'statusChangedAt', g.status_changed_at,
          'statusChangedBy', ${personJson('g.status_changed_by_kind::text', 'g.status_changed_by_id')},
          'dependsOn', coalesce((SELECT json_agg(d.depends_on_goal_id ORDER BY d.depends_on_goal_id) FROM goal_dependencies d
                                 WHERE d.municipality_id = g.municipality_id AND d.goal_id = g.id), '[]'::json)
        ) ORDER BY g.position, g.created_at) FROM goals g WHERE g.municipality_id = p.municipality_id AND g.plan_id = p.id
          AND 'goals' = ANY(acc.sections)), '[]'::json),
      'efforts', coalesce((SELECT json_agg(json_build_object(
          'id', e.id, 'title', e.title, 'kind', e.kind, 'area', e.area, 'legalBasis', e.legal_basis, 'startsOn', e.starts_on, 'endsOn', e.ends_on,
          'unit', json_build_object('id', eu.id, 'name', eu.name),
          'responsible', CASE WHEN rs.id IS NULL THEN NULL ELSE json_build_object('id', rs.id, 'name', rs.name) END,
          'goalIds', coalesce((SELECT json_agg(eg.goal_id ORDER BY eg.goal_id) FROM effort_goals eg
                               WHERE eg.municipality_id = e.municipality_id AND eg.effort_id = e.id AND 'goals' = ANY(acc.sections)), '[]'::json),
          'supportLevels', coalesce((SELECT json_agg(json_build_object('level', sl.level, 'validFrom', sl.valid_from, 'note', sl.note,
                 'recordedAt', sl.recorded_at, 'recordedBy', ${personJson('sl.recorded_by_kind::text', 'sl.recorded_by_id')})
               ORDER BY sl.valid_from DESC, sl.recorded_at DESC)
               FROM support_levels sl WHERE sl.municipality_id = e.municipality_id AND sl.effort_id = e.id), '[]'::json)
        ) ORDER BY e.starts_on, e.created_at)
        FROM efforts e JOIN units eu ON eu.municipality_id = e.municipality_id AND eu.id = e.unit_id
        LEFT JOIN staff rs ON rs.municipality_id = e.municipality_id AND rs.id = e.responsible_staff_id
        WHERE e.municipality_id = p.municipality_id AND e.plan_id = p.id
          AND (e.unit_id = ${p.unitId}::uuid OR e.area::text = ANY(acc.sections))), '[]'::json),
      'agreements', coalesce((SELECT json_agg(json_build_object('id', a.id, 'text', a.text, 'createdAt', a.created_at,
          'responsibleUnit', json_build_object('id', au.id, 'name', au.name)) ORDER BY a.created_at)
        FROM agreements a JOIN units au ON au.municipality_id = a.municipality_id AND au.id = a.responsible_unit_id
        WHERE a.municipality_id = p.municipality_id AND a.plan_id = p.id AND 'agreements' = ANY(acc.sections)), '[]'::json),
      'followUps', coalesce((SELECT json_agg(json_build_object('id', f.id, 'dueOn', f.due_on, 'note', f.note, 'doneAt', f.done_at,
          'staff', json_build_object('id', fs.id, 'name', fs.name)) ORDER BY f.due_on)
        FROM follow_ups f JOIN staff fs ON fs.municipality_id = f.municipality_id AND fs.id = f.staff_id
        WHERE f.municipality_id = p.municipality_id AND f.plan_id = p.id
          AND (acc.basis NOT IN ('involvement', 'consent') OR f.staff_id = ${p.staffId}::uuid)), '[]'::json),
      'comments', coalesce((SELECT json_agg(json_build_object('id', pc.id, 'targetType', pc.target_type, 'targetId', pc.target_id,
          'text', pc.text, 'createdAt', pc.created_at, 'author', ${personJson('pc.author_kind::text', 'pc.author_id')}) ORDER BY pc.created_at)
        FROM plan_comments pc WHERE pc.municipality_id = p.municipality_id AND pc.plan_id = p.id
          AND ('comments' = ANY(acc.sections) OR (pc.author_kind::text = ${p.viewerKind} AND pc.author_id = ${p.viewerId}::uuid))), '[]'::json)${changesSinceLastSeen}
    ) AS doc
    FROM plans p
    JOIN municipalities m ON m.id = p.municipality_id
    JOIN citizens c ON c.municipality_id = p.municipality_id AND c.id = p.citizen_id
    JOIN staff s ON s.municipality_id = p.municipality_id AND s.id = p.coordinator_id
    JOIN units u ON u.municipality_id = p.municipality_id AND u.id = p.coordinator_unit_id
    CROSS JOIN LATERAL (${accessOf(sqlActor)}) acc
    ${viewerJoins}
    WHERE ${chosen}`,
  );
}

/**
 * The plan page in one statement and one round trip: the plan if `actor` may see it at all
 * (else undefined), what they may see of it, the viewer's "last seen" mark, and the whole plan
 * as one JSON document with the changes since that mark. Efforts, goals and the rest come in
 * their display order. What is "new" follows `seenUpTo`: on the first visit, everything others did.
 */
export async function selectPlanPage(db: Db, actor: Actor, which: PlanSelector, viewer: { kind: string; id: string }): Promise<PlanPage | undefined> {
  const selector: PlanSelectorKind = 'foundVisible' in which ? 'foundVisible' : 'planId' in which ? 'planId' : 'citizenId';
  const key = `${actor.kind}:${selector}`;
  let statement = planPageStatements.get(key);
  if (!statement) planPageStatements.set(key, (statement = planPageStatement(actor.kind, selector)));
  const staff = actor.kind === 'staff' ? actor : undefined;
  const rows = await statement(db, {
    municipalityId: actor.municipalityId,
    staffId: staff?.staffId ?? null,
    unitId: staff?.unitId ?? null,
    citizenId: 'citizenId' in actor ? actor.citizenId : null,
    viewerKind: viewer.kind,
    viewerId: viewer.id,
    target: 'foundVisible' in which ? which.foundVisible.id : 'planId' in which ? which.planId : which.citizenId,
  });
  const row = rows[0];
  if (!row) return undefined;
  const { last_seen, newest, doc, ...plan } = row;
  return {
    plan: plan as PlanRow,
    lastSeen: last_seen == null ? null : Number(last_seen),
    newest: Number(newest ?? 0),
    doc: (typeof doc === 'string' ? JSON.parse(doc) : doc) as PlanDocument,
  };
}

/**
 * The whole of each plan in `planIds`, as the citizen sees it and as no particular reader sees
 * it (no "new since last seen"), with the newest change id: the source of the read model.
 */
export async function selectPlanDocuments(db: Db, municipalityId: string, planIds: string[]) {
  const key = 'document';
  let statement = planPageStatements.get(key);
  if (!statement) planPageStatements.set(key, (statement = planPageStatement('citizen', 'document')));
  const rows = await statement(db, {
    municipalityId,
    staffId: null,
    unitId: null,
    citizenId: null,
    viewerKind: 'system',
    viewerId: null,
    target: `{${planIds.join(',')}}`,
  });
  return rows.map(({ last_seen: _, newest, doc, ...plan }) => ({
    plan: plan as PlanRow,
    newest: Number(newest ?? 0),
    doc: (typeof doc === 'string' ? JSON.parse(doc) : doc) as PlanDocument,
  }));
}

/** Takes the next version if the plan is still at `baseVersion`; undefined when someone got there first. */
export async function updatePlanVersion(db: Db, municipalityId: string, planId: string, baseVersion: number) {
  const rows = await query<{ version: number }>(
    db,
    sql`UPDATE plans SET version = version + 1, updated_at = now()
        WHERE municipality_id = ${municipalityId} AND id = ${planId} AND version = ${baseVersion} RETURNING version`,
  );
  return rows[0]?.version;
}

export async function insertPlan(db: Db, plan: typeof plans.$inferInsert) {
  const [row] = await db.insert(plans).values(plan).returning({ id: plans.id });
  return row!.id;
}

export async function updatePlanFields(db: Db, municipalityId: string, planId: string, fields: Partial<typeof plans.$inferInsert>) {
  await db.update(plans).set(fields).where(and(eq(plans.municipalityId, municipalityId), eq(plans.id, planId)));
}

export async function selectPlanTexts(db: Db, municipalityId: string, planId: string) {
  const [row] = await query<{ lifeStory: string | null; wishes: string | null; disagreementProcedure: string }>(
    db,
    sql`SELECT life_story AS "lifeStory", wishes, disagreement_procedure AS "disagreementProcedure"
        FROM plans WHERE municipality_id = ${municipalityId} AND id = ${planId}`,
  );
  return row!;
}

export async function listGoalsOfPlan(db: Db, municipalityId: string, planId: string) {
  const rows = await query<{ id: string; position: number; wording: string; professional_description: string; classification_code: string | null; status: string; depends_on: string[] | string }>(
    db,
    sql`SELECT g.id::text AS id, g.position, g.wording, g.professional_description, g.classification_code, g.status::text AS status,
          coalesce((SELECT json_agg(d.depends_on_goal_id::text) FROM goal_dependencies d WHERE d.municipality_id = g.municipality_id AND d.goal_id = g.id), '[]'::json) AS depends_on
        FROM goals g WHERE g.municipality_id = ${municipalityId} AND g.plan_id = ${planId} ORDER BY g.position`,
  );
  return rows.map((r) => ({ ...r, depends_on: (typeof r.depends_on === 'string' ? JSON.parse(r.depends_on) : r.depends_on) as string[] }));
}

export async function insertGoal(db: Db, goal: typeof goals.$inferInsert) {
  const [row] = await db.insert(goals).values(goal).returning({ id: goals.id });
  return row!.id;
}

export async function updateGoal(db: Db, municipalityId: string, goalId: string, fields: Partial<typeof goals.$inferInsert>) {
  await db.update(goals).set(fields).where(and(eq(goals.municipalityId, municipalityId), eq(goals.id, goalId)));
}

export async function replaceGoalDependencies(db: Db, municipalityId: string, goalId: string, dependsOn: string[]) {
  await db.delete(goalDependencies).where(and(eq(goalDependencies.municipalityId, municipalityId), eq(goalDependencies.goalId, goalId)));
  if (dependsOn.length) await db.insert(goalDependencies).values(dependsOn.map((d) => ({ municipalityId, goalId, dependsOnGoalId: d })));
}

export async function selectEffort(db: Db, municipalityId: string, planId: string, effortId: string) {
  const [row] = await db
    .select()
    .from(efforts)
    .where(and(eq(efforts.municipalityId, municipalityId), eq(efforts.planId, planId), eq(efforts.id, effortId)));
  return row;
}

export async function insertEffort(db: Db, effort: typeof efforts.$inferInsert) {
  const [row] = await db.insert(efforts).values(effort).returning({ id: efforts.id });
  return row!.id;
}

export async function updateEffort(db: Db, municipalityId: string, effortId: string, fields: Partial<typeof efforts.$inferInsert>) {
  await db.update(efforts).set(fields).where(and(eq(efforts.municipalityId, municipalityId), eq(efforts.id, effortId)));
}

export async function listEffortGoalIds(db: Db, municipalityId: string, effortId: string) {
  const rows = await query<{ goal_id: string }>(db, sql`SELECT goal_id::text AS goal_id FROM effort_goals WHERE municipality_id = ${municipalityId} AND effort_id = ${effortId}`);
  return rows.map((r) => r.goal_id);
}

export async function replaceEffortGoals(db: Db, municipalityId: string, effortId: string, goalIds: string[]) {
  await db.delete(effortGoals).where(and(eq(effortGoals.municipalityId, municipalityId), eq(effortGoals.effortId, effortId)));
  await db.insert(effortGoals).values(goalIds.map((goalId) => ({ municipalityId, effortId, goalId })));
}

export async function insertSupportLevel(db: Db, level: typeof supportLevels.$inferInsert) {
  await db.insert(supportLevels).values(level);
}

export async function insertAgreement(db: Db, agreement: typeof agreements.$inferInsert) {
  const [row] = await db.insert(agreements).values(agreement).returning({ id: agreements.id });
  return row!.id;
}

export async function insertFollowUp(db: Db, followUp: typeof followUps.$inferInsert) {
  const [row] = await db.insert(followUps).values(followUp).returning({ id: followUps.id });
  return row!.id;
}

export async function updateFollowUpDone(db: Db, municipalityId: string, planId: string, followUpId: string) {
  const rows = await db
    .update(followUps)
    .set({ doneAt: sql`now()` })
    .where(and(eq(followUps.municipalityId, municipalityId), eq(followUps.planId, planId), eq(followUps.id, followUpId)))
    .returning({ id: followUps.id });
  return rows.length > 0;
}

export async function insertComment(db: Db, comment: typeof planComments.$inferInsert) {
  const [row] = await db.insert(planComments).values(comment).returning({ id: planComments.id });
  return row!.id;
}

/** The history rows of one change, in order, as one prepared statement whatever their number. */
export async function insertChanges(db: Db, changes: (typeof planChanges.$inferInsert)[]) {
  if (!changes.length) return;
  const rows = changes.map((c) => ({
    municipality_id: c.municipalityId, plan_id: c.planId, version: c.version, actor_kind: c.actorKind, actor_id: c.actorId ?? null,
    change_type: c.changeType, target_type: c.targetType, target_id: c.targetId ?? null, before: c.before ?? null, after: c.after ?? null,
  }));
  await query(
    db,
    sql`INSERT INTO plan_changes (municipality_id, plan_id, version, actor_kind, actor_id, change_type, target_type, target_id, before, after)
        SELECT x.municipality_id, x.plan_id, x.version, x.actor_kind::author_kind, x.actor_id, x.change_type, x.target_type, x.target_id, x.before, x.after
        FROM ROWS FROM (jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
            AS (municipality_id uuid, plan_id uuid, version int, actor_kind text, actor_id uuid, change_type text, target_type text,
                target_id uuid, before jsonb, after jsonb))
          WITH ORDINALITY AS x(municipality_id, plan_id, version, actor_kind, actor_id, change_type, target_type, target_id, before, after, n)
        ORDER BY x.n`,
  );
}

/** One page of the plan's history, newest first (older than `before`), as far as the reader's scope (sections, basis) shows it. */
export async function listPlanChanges(
  db: Db,
  actor: Actor,
  scope: { municipalityId: string; planId: string; sections: string[]; basis: string | null },
  page: { before?: number; limit: number },
) {
  const ownUnit = actor.kind === 'staff' ? actor.unitId : null;
  const rows = await query<{ doc: unknown }>(
    db,
    sql`SELECT coalesce(json_agg(x.j ORDER BY x.id DESC), '[]'::json) AS doc FROM (
          SELECT ch.id, json_build_object('id', ch.id, 'version', ch.version, 'at', ch.at, 'changeType', ch.change_type,
            'targetType', ch.target_type, 'targetId', ch.target_id, 'before', ch.before, 'after', ch.after,
            'actor', ${personJson('ch.actor_kind::text', 'ch.actor_id')}) AS j
          FROM plan_changes ch JOIN plans p ON p.municipality_id = ch.municipality_id AND p.id = ch.plan_id
          CROSS JOIN (SELECT ${sectionsParam(scope.sections)} AS sections, ${scope.basis}::text AS basis) acc
          WHERE ch.municipality_id = ${scope.municipalityId} AND ch.plan_id = ${scope.planId} AND ${changeVisible('ch', ownUnit)}
            ${page.before ? sql`AND ch.id < ${page.before}` : sql``}
          ORDER BY ch.id DESC LIMIT ${page.limit}) x`,
  );
  const doc = rows[0]?.doc;
  return (typeof doc === 'string' ? JSON.parse(doc) : doc) as { id: number }[];
}

/** Which of these ids are staff of the municipality with a role in the unit (or any unit). */
export async function staffHasRoleIn(db: Db, municipalityId: string, staffId: string, unitId?: string) {
  const rows = await query<{ n: number }>(
    db,
    sql`SELECT count(*) AS n FROM staff s JOIN staff_roles r ON r.municipality_id = s.municipality_id AND r.staff_id = s.id
        WHERE s.municipality_id = ${municipalityId} AND s.id = ${staffId} AND s.disabled_at IS NULL
          ${unitId ? sql`AND r.unit_id = ${unitId}` : sql``}`,
  );
  return Number(rows[0]!.n) > 0;
}

export async function selectUnitKind(db: Db, municipalityId: string, unitId: string): Promise<string | undefined> {
  const rows = await query<{ kind: string }>(db, sql`SELECT kind::text AS kind FROM units WHERE municipality_id = ${municipalityId} AND id = ${unitId}`);
  return rows[0]?.kind;
}

export async function citizenExists(db: Db, municipalityId: string, citizenId: string) {
  const rows = await query<{ n: number }>(db, sql`SELECT count(*) AS n FROM citizens WHERE municipality_id = ${municipalityId} AND id = ${citizenId}`);
  return Number(rows[0]!.n) > 0;
}

const workListStatement = preparedQuery<{ doc: string }>(() => {
  const m = sql.placeholder('municipalityId');
  const staffId = sql.placeholder('staffId');
  return sql`WITH mine AS (
      SELECT p.municipality_id, p.id, p.version, p.citizen_id, c.name, p.updated_at
      FROM plans p JOIN citizens c ON c.municipality_id = p.municipality_id AND c.id = p.citizen_id
      WHERE p.municipality_id = ${m} AND p.coordinator_id = ${staffId} AND p.status = 'active'
    ), due AS (
      SELECT f.municipality_id, f.id, f.due_on, f.note, p.id AS plan_id, p.version, p.citizen_id, c.name
      FROM follow_ups f JOIN plans p ON p.municipality_id = f.municipality_id AND p.id = f.plan_id
      JOIN citizens c ON c.municipality_id = p.municipality_id AND c.id = p.citizen_id
      WHERE f.municipality_id = ${m} AND f.staff_id = ${staffId} AND f.done_at IS NULL AND f.due_on <= ${sql.raw(DANISH_TODAY)} + 7
    ), asking AS (
      SELECT ir.municipality_id, ir.id, ir.reason, ir.created_at, p.id AS plan_id, p.citizen_id, c.name, u.id AS unit_id, u.name AS unit_name,
        rs.id AS requested_by_id, rs.name AS requested_by_name
      FROM involvement_requests ir JOIN plans p ON p.municipality_id = ir.municipality_id AND p.id = ir.plan_id
      JOIN citizens c ON c.municipality_id = p.municipality_id AND c.id = p.citizen_id
      JOIN units u ON u.municipality_id = ir.municipality_id AND u.id = ir.unit_id
      JOIN staff rs ON rs.municipality_id = ir.municipality_id AND rs.id = ir.requested_by_id
      WHERE ir.municipality_id = ${m} AND ir.decision IS NULL AND p.coordinator_id = ${staffId} AND p.status = 'active'
    ), shown AS (
      SELECT DISTINCT municipality_id, citizen_id FROM (SELECT municipality_id, citizen_id FROM mine UNION ALL
        SELECT municipality_id, citizen_id FROM due UNION ALL SELECT municipality_id, citizen_id FROM asking) s
    ), logged AS (${readLogInsert(sql`shown`, {
      citizenId: sql`x.citizen_id`,
      subjectType: 'plan',
      subjectId: sql`x.citizen_id::text`,
      details: sql`'{"sections":[]}'::jsonb`,
      where: sql`true`,
    })} RETURNING 1)
    SELECT json_build_object(
      'myPlans', coalesce((SELECT json_agg(json_build_object('planId', p.id, 'planVersion', p.version, 'citizenId', p.citizen_id, 'citizenName', p.name, 'updatedAt', p.updated_at,
          'goals', (SELECT count(*) FROM goals g WHERE g.municipality_id = p.municipality_id AND g.plan_id = p.id),
          'goalsReached', (SELECT count(*) FROM goals g WHERE g.municipality_id = p.municipality_id AND g.plan_id = p.id AND g.status = 'reached'))
          ORDER BY p.name) FROM mine p), '[]'::json),
      'followUpsDue', coalesce((SELECT json_agg(json_build_object('followUpId', f.id, 'planId', f.plan_id, 'planVersion', f.version, 'citizenId', f.citizen_id,
          'citizenName', f.name, 'dueOn', f.due_on, 'note', f.note) ORDER BY f.due_on) FROM due f), '[]'::json),
      'changedByCitizen', coalesce((SELECT json_agg(json_build_object('planId', x.plan_id, 'citizenName', x.name, 'changedAt', x.changed_at,
          'changes', x.n) ORDER BY x.changed_at DESC) FROM (
          SELECT p.id AS plan_id, p.name, max(ch.at) AS changed_at, count(*) AS n
          FROM mine p
          JOIN plan_changes ch ON ch.municipality_id = p.municipality_id AND ch.plan_id = p.id AND ch.actor_kind IN ('citizen', 'proxy')
          LEFT JOIN plan_views v ON v.municipality_id = p.municipality_id AND v.plan_id = p.id AND v.viewer_kind = 'staff' AND v.viewer_id = ${staffId}
          WHERE ch.id > ${seenUpTo('v')}
          GROUP BY p.id, p.name) x), '[]'::json),
      'involvementRequests', coalesce((SELECT json_agg(json_build_object('id', a.id, 'planId', a.plan_id, 'citizenId', a.citizen_id, 'citizenName', a.name,
          'unit', json_build_object('id', a.unit_id, 'name', a.unit_name), 'requestedBy', json_build_object('id', a.requested_by_id, 'name', a.requested_by_name),
          'reason', a.reason, 'createdAt', a.created_at) ORDER BY a.created_at) FROM asking a), '[]'::json)
    )::text AS doc`;
});

/**
 * The staff member's work list in one statement: the plans they coordinate, their follow-ups due
 * within a week (Danish days), units asking to join their plans, what citizens changed since they
 * last looked — and one access-log row per citizen it shows (`log`, from platform/reader.ts).
 * Returned as JSON text, sent as it is.
 */
export async function selectWorkListText(db: Db, municipalityId: string, staffId: string, log: ReadLogValues) {
  const rows = await workListStatement(db, { municipalityId, staffId, ...log });
  return rows[0]!.doc;
}

export async function listStaffDirectory(db: Db, municipalityId: string) {
  const rows = await query<{ doc: unknown }>(
    db,
    sql`SELECT coalesce(json_agg(x.j ORDER BY x.name), '[]'::json) AS doc FROM (
          SELECT s.name, json_build_object('id', s.id, 'name', s.name, 'title', s.title,
            'units', (SELECT json_agg(DISTINCT jsonb_build_object('id', u.id, 'name', u.name)) FROM staff_roles r
                      JOIN units u ON u.municipality_id = r.municipality_id AND u.id = r.unit_id
                      WHERE r.municipality_id = s.municipality_id AND r.staff_id = s.id)) AS j
          FROM staff s WHERE s.municipality_id = ${municipalityId} AND s.disabled_at IS NULL) x`,
  );
  const doc = rows[0]?.doc;
  return typeof doc === 'string' ? JSON.parse(doc) : doc;
}

// ---- Involvement requests ------------------------------------------------------------------

/** Who coordinates the citizen's active plan, whether `unitId` has a request waiting, and the plan's id. Not scoped: only to tell. */
export async function unscopedActivePlanFacts(db: Db, municipalityId: string, citizenId: string, unitId: string) {
  const rows = await query<{ plan_id: string; coordinator: string; unit: string; pending: boolean }>(
    db,
    sql`SELECT p.id::text AS plan_id, s.name AS coordinator, u.name AS unit,
          EXISTS (SELECT 1 FROM involvement_requests ir WHERE ir.municipality_id = p.municipality_id AND ir.plan_id = p.id
                  AND ir.unit_id = ${unitId} AND ir.decision IS NULL) AS pending
        FROM plans p JOIN staff s ON s.municipality_id = p.municipality_id AND s.id = p.coordinator_id
        JOIN units u ON u.municipality_id = p.municipality_id AND u.id = p.coordinator_unit_id
        WHERE p.municipality_id = ${municipalityId} AND p.citizen_id = ${citizenId} AND p.status = 'active'`,
  );
  return rows[0];
}

export async function insertInvolvementRequest(db: Db, r: typeof involvementRequests.$inferInsert) {
  const [row] = await db.insert(involvementRequests).values(r).onConflictDoNothing().returning({ id: involvementRequests.id });
  return row?.id;
}

export async function selectOpenInvolvementRequest(db: Db, municipalityId: string, requestId: string) {
  const rows = await query<{ id: string; plan_id: string; unit_id: string }>(
    db,
    sql`SELECT id::text AS id, plan_id::text AS plan_id, unit_id::text AS unit_id FROM involvement_requests
        WHERE municipality_id = ${municipalityId} AND id = ${requestId} AND decision IS NULL FOR UPDATE`,
  );
  return rows[0];
}

export async function updateInvolvementDecision(db: Db, municipalityId: string, requestId: string, decision: 'accepted' | 'declined', staffId: string, note: string) {
  await query(
    db,
    sql`UPDATE involvement_requests SET decision = ${decision}, decided_at = now(), decided_by_id = ${staffId}, decision_note = ${note}
        WHERE municipality_id = ${municipalityId} AND id = ${requestId} AND decision IS NULL`,
  );
}
