import { sql } from 'drizzle-orm';
import type { Actor } from '@sammen/domain/access';
import { waitingGoals, type PlanView } from '@sammen/domain/plans';
import { preparedQuery, query, type Db } from '../../platform/db.ts';
import { JsonText } from '../../platform/json-text.ts';
import { accessOf, planRowColumns, visibleTo, type PlanRow, type SqlActor } from '../access/access.sql.ts';
import { readLogInsert, type ReadLogValues } from '../audit/audit.service.ts';
import { changeVisible, insertChanges, seenUpTo, personJson, selectPlanDocuments, type PlanSelector } from './plans.repository.ts';
import type { planChanges } from './plans.schema.ts';

// The plan's read model (decisions/0008). The plan page is the most read page of Sammen; built
// from the tables on every read it cost an 81-node plan in PostgreSQL and a parse and re-serialise
// in the server. Now every change to a plan rebuilds its document, in the change's transaction,
// as JSON text split into the parts consent governs (plan_documents, plans.schema.ts), and the
// page is one statement: what this reader may see from the live consents and involvements, the
// access-log row, the "last seen" mark, and the permitted parts as text — sent without parsing.
// Consent is never part of the document, so revoking one still blocks the very next read.

/** The plan as a document of parts: what `rebuildPlanDocuments` stores for one plan. */
function partsOf(plan: PlanRow, newest: number, doc: Awaited<ReturnType<typeof selectPlanDocuments>>[number]['doc']) {
  const waiting = waitingGoals(doc.goals);
  const head = JSON.stringify({ id: doc.id, version: doc.version, createdAt: doc.createdAt, updatedAt: doc.updatedAt, citizen: doc.citizen, coordinator: doc.coordinator });
  return {
    municipality_id: plan.municipality_id,
    plan_id: plan.id,
    version: plan.version,
    last_change_id: newest,
    // The members every reader sees, without the braces: the page statement adds its own after them.
    head: head.slice(1, -1),
    life_story: doc.lifeStory ? JSON.stringify(doc.lifeStory) : null,
    wishes: doc.wishes ? JSON.stringify(doc.wishes) : null,
    disagreement_procedure: JSON.stringify(doc.disagreementProcedure),
    goals: JSON.stringify(doc.goals.map((g) => ({ ...g, waiting: waiting.has(g.id) }))),
    effort_unit_ids: doc.efforts.map((e) => e.unit.id),
    effort_areas: doc.efforts.map((e) => e.area),
    efforts: doc.efforts.map((e) => JSON.stringify(e)),
    efforts_without_goals: doc.efforts.map((e) => JSON.stringify({ ...e, goalIds: [] })),
    agreements: JSON.stringify(doc.agreements),
    follow_up_staff_ids: doc.followUps.map((f) => f.staff.id),
    follow_ups: doc.followUps.map((f) => JSON.stringify(f)),
    comment_author_kinds: doc.comments.map((c) => c.author.kind),
    comment_author_ids: doc.comments.map((c) => c.author.id),
    comments: doc.comments.map((c) => JSON.stringify(c)),
  };
}

const upsertDocuments = preparedQuery(
  () => sql`INSERT INTO plan_documents (municipality_id, plan_id, version, last_change_id, head, life_story, wishes, disagreement_procedure, goals,
      effort_unit_ids, effort_areas, efforts, efforts_without_goals, agreements, follow_up_staff_ids, follow_ups,
      comment_author_kinds, comment_author_ids, comments, built_at)
    SELECT x.municipality_id, x.plan_id, x.version, x.last_change_id, x.head, x.life_story, x.wishes, x.disagreement_procedure, x.goals,
      ARRAY(SELECT jsonb_array_elements_text(x.effort_unit_ids))::uuid[], ARRAY(SELECT jsonb_array_elements_text(x.effort_areas)),
      ARRAY(SELECT jsonb_array_elements_text(x.efforts)), ARRAY(SELECT jsonb_array_elements_text(x.efforts_without_goals)), x.agreements,
      ARRAY(SELECT jsonb_array_elements_text(x.follow_up_staff_ids))::uuid[], ARRAY(SELECT jsonb_array_elements_text(x.follow_ups)),
      ARRAY(SELECT jsonb_array_elements_text(x.comment_author_kinds)), ARRAY(SELECT jsonb_array_elements_text(x.comment_author_ids))::uuid[],
      ARRAY(SELECT jsonb_array_elements_text(x.comments)), now()
    FROM jsonb_to_recordset(${sql.placeholder('rows')}::jsonb) AS x(municipality_id uuid, plan_id uuid, version int, last_change_id bigint, head text,
      life_story text, wishes text, disagreement_procedure text, goals text, effort_unit_ids jsonb, effort_areas jsonb, efforts jsonb,
      efforts_without_goals jsonb, agreements text, follow_up_staff_ids jsonb, follow_ups jsonb, comment_author_kinds jsonb,
      comment_author_ids jsonb, comments jsonb)
    ON CONFLICT (municipality_id, plan_id) DO UPDATE SET version = EXCLUDED.version, last_change_id = EXCLUDED.last_change_id,
      head = EXCLUDED.head, life_story = EXCLUDED.life_story, wishes = EXCLUDED.wishes, disagreement_procedure = EXCLUDED.disagreement_procedure,
      goals = EXCLUDED.goals, effort_unit_ids = EXCLUDED.effort_unit_ids, effort_areas = EXCLUDED.effort_areas, efforts = EXCLUDED.efforts,
      efforts_without_goals = EXCLUDED.efforts_without_goals, agreements = EXCLUDED.agreements, follow_up_staff_ids = EXCLUDED.follow_up_staff_ids,
      follow_ups = EXCLUDED.follow_ups, comment_author_kinds = EXCLUDED.comment_author_kinds, comment_author_ids = EXCLUDED.comment_author_ids,
      comments = EXCLUDED.comments, built_at = now()`,
);

/** Builds the documents of these plans from the tables, as they are in `db` (a transaction: as it is in it). */
export async function rebuildPlanDocuments(db: Db, municipalityId: string, planIds: string[]) {
  if (!planIds.length) return;
  const built = await selectPlanDocuments(db, municipalityId, planIds);
  await upsertDocuments(db, { rows: JSON.stringify(built.map((b) => partsOf(b.plan, b.newest, b.doc))) });
}

/**
 * A change to a plan: its history rows and its rebuilt document, in the caller's transaction.
 * Every writer of a plan calls this (changePlan, addComment, createPlan), so the document can
 * never be older than a committed change; a read that still finds one older (a plan written by a
 * seed or an older release) rebuilds it first.
 */
export async function recordPlanChanges(tx: Db, municipalityId: string, planId: string, changes: (typeof planChanges.$inferInsert)[]) {
  await insertChanges(tx, changes);
  await rebuildPlanDocuments(tx, municipalityId, [planId]);
}

/**
 * Builds every missing or stale document, a batch at a time, each batch its own transaction:
 * after a migration, a seed or a synthetic load, so that the first reads need not. Returns how many.
 */
export async function rebuildStalePlanDocuments(db: Db, batch = 500): Promise<number> {
  let total = 0;
  let after = { m: '00000000-0000-0000-0000-000000000000', id: '00000000-0000-0000-0000-000000000000' };
  for (;;) {
    // Through every plan by key, a batch at a time: the cost stays linear in the number of plans.
    const rows = await query<{ municipality_id: string; id: string; stale: boolean }>(
      db,
      sql`SELECT p.municipality_id::text AS municipality_id, p.id::text AS id,
            (d.plan_id IS NULL OR d.version <> p.version OR d.last_change_id <> coalesce(
              (SELECT max(x.id) FROM plan_changes x WHERE x.municipality_id = p.municipality_id AND x.plan_id = p.id), 0)) AS stale
          FROM plans p
          LEFT JOIN plan_documents d ON d.municipality_id = p.municipality_id AND d.plan_id = p.id
          WHERE (p.municipality_id, p.id) > (${after.m}::uuid, ${after.id}::uuid)
          ORDER BY p.municipality_id, p.id LIMIT ${batch}`,
    );
    if (!rows.length) return total;
    after = { m: rows.at(-1)!.municipality_id, id: rows.at(-1)!.id };
    const byMunicipality = new Map<string, string[]>();
    for (const r of rows.filter((r) => r.stale)) byMunicipality.set(r.municipality_id, [...(byMunicipality.get(r.municipality_id) ?? []), r.id]);
    if (!byMunicipality.size) continue;
    await db.transaction(async (tx) => {
      for (const [m, ids] of byMunicipality) await rebuildPlanDocuments(tx, m, ids);
    });
    for (const ids of byMunicipality.values()) total += ids.length;
  }
}

// ---- The page read ------------------------------------------------------------------------

type Selector = 'planId' | 'citizenId' | 'foundVisible';
const statements = new Map<string, ReturnType<typeof pageStatement>>();

const has = (section: string) => sql.raw(`'${section}' = ANY(acc.sections)`);

/**
 * The plan page from the read model for one kind of actor and selector, rendered once. One
 * statement: which plan and what of it this reader may see (access module), whether its document
 * is current, the access-log row (not for the citizen's own read) and the new "last seen" mark —
 * both only when the document is current and so returned — and the page as JSON text.
 */
function pageStatement(kind: Actor['kind'], selector: Selector) {
  const p = Object.fromEntries(['municipalityId', 'staffId', 'unitId', 'citizenId', 'viewerKind', 'viewerId', 'target'].map((n) => [n, sql.placeholder(n)]));
  const sqlActor: SqlActor = { kind, municipalityId: p.municipalityId, staffId: p.staffId, unitId: p.unitId, citizenId: p.citizenId };
  const chosen =
    selector === 'foundVisible'
      ? sql`p.municipality_id = ${p.municipalityId} AND p.id = ${p.target}`
      : sql`${selector === 'planId' ? sql`p.id = ${p.target}` : sql`p.citizen_id = ${p.target} AND p.status = 'active'`} AND ${visibleTo(sqlActor)}`;
  const logged =
    kind === 'citizen'
      ? sql``
      : sql`, logged AS (${readLogInsert(sql`page`, {
          citizenId: sql`x.citizen_id`,
          subjectType: 'plan',
          subjectId: sql`x.id::text`,
          details: sql`jsonb_build_object('sections', to_jsonb(x.sections), 'basis', x.basis, 'consentIds', to_jsonb(x.consent_ids), 'breakGlassId', x.break_glass_id)`,
          where: sql`x.current`,
        })} RETURNING 1)`;
  const access = sql`json_build_object('sections', acc.sections, 'basis', acc.basis, 'consentIds', acc.consent_ids, 'breakGlassId', acc.break_glass_id)`;
  return preparedQuery<PlanRow & { current: boolean; access: unknown; doc: string | null }>(
    () => sql`WITH page AS (
      SELECT p.id, p.municipality_id, p.citizen_id, p.version, p.coordinator_id, p.coordinator_unit_id,
        acc.sections, acc.basis, acc.consent_ids, acc.break_glass_id, v.last_seen_change_id, nw.newest, m.lix_threshold,
        (d.plan_id IS NOT NULL AND d.version = p.version AND d.last_change_id = coalesce(nw.newest, 0)) AS current,
        d.head, d.life_story, d.wishes, d.disagreement_procedure, d.goals, d.effort_unit_ids, d.effort_areas, d.efforts, d.efforts_without_goals,
        d.agreements, d.follow_up_staff_ids, d.follow_ups, d.comment_author_kinds, d.comment_author_ids, d.comments
      FROM plans p
      JOIN municipalities m ON m.id = p.municipality_id
      CROSS JOIN LATERAL (${accessOf(sqlActor)}) acc
      LEFT JOIN plan_documents d ON d.municipality_id = p.municipality_id AND d.plan_id = p.id
      LEFT JOIN plan_views v ON v.municipality_id = p.municipality_id AND v.plan_id = p.id AND v.viewer_kind = ${p.viewerKind} AND v.viewer_id = ${p.viewerId}
      CROSS JOIN LATERAL (SELECT max(x.id) AS newest FROM plan_changes x WHERE x.municipality_id = p.municipality_id AND x.plan_id = p.id) nw
      WHERE ${chosen}
    )${logged}, marked AS (
      INSERT INTO plan_views (municipality_id, plan_id, viewer_kind, viewer_id, last_seen_change_id)
      SELECT x.municipality_id, x.id, ${p.viewerKind}, ${p.viewerId}, x.newest FROM page x
      WHERE x.current AND x.newest > coalesce(x.last_seen_change_id, -1)
      ON CONFLICT (municipality_id, plan_id, viewer_kind, viewer_id)
      DO UPDATE SET last_seen_change_id = greatest(plan_views.last_seen_change_id, EXCLUDED.last_seen_change_id), seen_at = now()
      RETURNING 1
    )
    SELECT ${planRowColumns}, acc.current, ${access} AS access, CASE WHEN acc.current THEN concat('{', acc.head,
      ',"access":', ${access},
      ',"lifeStory":', CASE WHEN ${has('life_story')} THEN coalesce(acc.life_story, 'null') ELSE 'null' END,
      ',"wishes":', CASE WHEN ${has('wishes')} THEN coalesce(acc.wishes, 'null') ELSE 'null' END,
      ',"disagreementProcedure":', CASE WHEN ${has('agreements')} THEN acc.disagreement_procedure ELSE '""' END,
      ',"lixThreshold":', acc.lix_threshold,
      ',"goals":', CASE WHEN ${has('goals')} THEN acc.goals ELSE '[]' END,
      ',"efforts":[', (SELECT string_agg(CASE WHEN ${has('goals')} THEN e.j ELSE e.n END, ',' ORDER BY e.i)
          FROM unnest(acc.efforts, acc.efforts_without_goals, acc.effort_unit_ids, acc.effort_areas) WITH ORDINALITY AS e(j, n, u, a, i)
          WHERE e.u = ${p.unitId}::uuid OR e.a = ANY(acc.sections)),
      '],"agreements":', CASE WHEN ${has('agreements')} THEN acc.agreements ELSE '[]' END,
      ',"followUps":[', (SELECT string_agg(f.j, ',' ORDER BY f.i) FROM unnest(acc.follow_ups, acc.follow_up_staff_ids) WITH ORDINALITY AS f(j, s, i)
          WHERE acc.basis NOT IN ('involvement', 'consent') OR f.s = ${p.staffId}::uuid),
      '],"comments":[', (SELECT string_agg(c.j, ',' ORDER BY c.i) FROM unnest(acc.comments, acc.comment_author_kinds, acc.comment_author_ids) WITH ORDINALITY AS c(j, k, a, i)
          WHERE ${has('comments')} OR (c.k = ${p.viewerKind} AND c.a = ${p.viewerId}::uuid)),
      '],"changesSinceLastSeen":', coalesce((SELECT json_agg(json_build_object('id', ch.id, 'version', ch.version, 'at', ch.at,
          'changeType', ch.change_type, 'targetType', ch.target_type, 'targetId', ch.target_id, 'before', ch.before, 'after', ch.after,
          'actor', ${personJson('ch.actor_kind::text', 'ch.actor_id')}) ORDER BY ch.id)
        FROM plan_changes ch WHERE ch.municipality_id = p.municipality_id AND ch.plan_id = p.id AND ch.id > ${seenUpTo('acc')}
          AND NOT (ch.actor_kind::text = ${p.viewerKind} AND ch.actor_id IS NOT DISTINCT FROM ${p.viewerId}::uuid)
          AND ${changeVisible('ch', p.unitId)}), '[]'::json),
      '}') END AS doc
    FROM page acc CROSS JOIN LATERAL (SELECT acc.id, acc.municipality_id, acc.citizen_id, acc.version, acc.coordinator_id, acc.coordinator_unit_id) p`,
  );
}

/** The page of one plan as JSON text, with the plan's key facts and the scope it applied. */
export interface PlanPageText {
  plan: PlanRow;
  scope: { sections: string[]; basis: string; consentIds: string[]; breakGlassId: string | null };
  text: JsonText<PlanView>;
}

/**
 * The plan page from the read model, in one statement (see `pageStatement`); undefined when the
 * actor may see no such plan. `log` fills the access-log row (undefined: the citizen's own read).
 * A document older than the plan is rebuilt first (in `tx` if given) and the page read again.
 */
export async function selectPlanPageText(
  db: Db,
  actor: Actor,
  which: PlanSelector,
  viewer: { kind: string; id: string },
  log: ReadLogValues | undefined,
): Promise<PlanPageText | undefined> {
  const selector: Selector = 'foundVisible' in which ? 'foundVisible' : 'planId' in which ? 'planId' : 'citizenId';
  const key = `${actor.kind}:${selector}`;
  let statement = statements.get(key);
  if (!statement) statements.set(key, (statement = pageStatement(actor.kind, selector)));
  const staff = actor.kind === 'staff' ? actor : undefined;
  const values = {
    municipalityId: actor.municipalityId,
    staffId: staff?.staffId ?? null,
    unitId: staff?.unitId ?? null,
    citizenId: 'citizenId' in actor ? actor.citizenId : null,
    viewerKind: viewer.kind,
    viewerId: viewer.id,
    target: 'foundVisible' in which ? which.foundVisible.id : 'planId' in which ? which.planId : which.citizenId,
    ...(log ?? {}),
  };
  for (let attempt = 0; ; attempt++) {
    const [row] = await statement(db, values);
    if (!row) return undefined;
    const { current, access, doc, ...plan } = row;
    if (current && doc != null) {
      const scope = (typeof access === 'string' ? JSON.parse(access) : access) as PlanPageText['scope'];
      return { plan: plan as unknown as PlanRow, scope, text: new JsonText<PlanView>(doc) };
    }
    // Written before the read model existed, or by a seed: build it, then read (and log) the page.
    if (attempt >= 3) throw new Error(`The document of plan ${plan.id} stays stale`);
    await db.transaction((tx) => rebuildPlanDocuments(tx, plan.municipality_id as string, [plan.id as string]));
  }
}
