import { can, type Action, type Actor } from '@sammen/domain/access';
import { defaultEffortArea } from '@sammen/domain/consent';
import {
  findDependencyCycle,
  waitingGoals,
  type addAgreementInput,
  type addCommentInput,
  type addEffortInput,
  type addFollowUpInput,
  type addGoalInput,
  type addSupportLevelInput,
  type createPlanInput,
  type handOverInput,
  type PlanSection,
  type PlanView,
  type updateEffortInput,
  type updateGoalInput,
  type updatePlanInput,
  type WorkList,
} from '@sammen/domain/plans';
import type { z } from 'zod';
import type { SignedInCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { recordEvent, recordRead } from '../audit/audit.service.ts';
import { findActiveStaff, listStaffRoles } from '../identity/identity.service.ts';
import {
  citizenExists,
  insertAgreement,
  insertChanges,
  insertComment,
  insertEffort,
  insertFollowUp,
  insertGoal,
  insertPlan,
  insertSupportLevel,
  listGoalsOfPlan,
  listPlanChanges,
  listStaffDirectory,
  replaceEffortGoals,
  replaceGoalDependencies,
  selectEffort,
  selectPlanAccess,
  selectPlanPage,
  selectPlanTexts,
  selectVisibleActivePlanOfCitizen,
  selectVisiblePlan,
  selectWorkList,
  upsertPlanView,
  staffHasRoleIn,
  selectUnitKind,
  unscopedActivePlanIdOfCitizen,
  unscopedActivePlanExists,
  updateEffort,
  updateFollowUpDone,
  updateGoal,
  updatePlanFields,
  updatePlanVersion,
  type PlanAccess,
  type PlanSelector,
  type PlanRow,
} from './plans.repository.ts';

// The citizen's one plan: read it, change it with a version check, keep every change.

type Person = { kind: 'citizen' | 'proxy' | 'staff'; id: string };

function personOf(actor: Actor): Person {
  switch (actor.kind) {
    case 'staff':
      return { kind: 'staff', id: actor.staffId };
    case 'citizen':
      return { kind: 'citizen', id: actor.citizenId };
    case 'proxy':
      return { kind: 'proxy', id: actor.proxyId };
    case 'system':
      throw new AppError('FORBIDDEN');
  }
}

const subjectOf = (plan: PlanRow) => ({
  municipalityId: plan.municipality_id,
  citizenId: plan.citizen_id,
  coordinatorId: plan.coordinator_id,
  unitId: plan.coordinator_unit_id,
});

const READ_PURPOSE = { staff: 'Koordinering af borgerens plan', proxy: 'Pårørende læser planen' } as const;

/**
 * Loads the whole plan for the actor in one statement (a plan they cannot see is 404), logs the
 * read, and moves their "last seen" mark — in the caller's transaction.
 */
async function loadView(tx: Db, ctx: SignedInCtx, which: PlanSelector): Promise<PlanView> {
  const viewer = personOf(ctx.actor);
  const page = await selectPlanPage(tx, ctx.actor, which, viewer);
  if (!page) throw new AppError('NOT_FOUND', 'citizenId' in which ? 'No plan you can see' : 'No such plan');
  const { plan, doc } = page;
  // A plan found visible earlier in the transaction was checked for the action being done.
  if (!('foundVisible' in which) && !can(ctx.actor, 'plan.read', subjectOf(plan))) throw new AppError('FORBIDDEN');
  if (page.newest > (page.lastSeen ?? -1)) {
    await upsertPlanView(tx, plan.municipality_id, plan.id, viewer, page.newest);
  }
  if (ctx.actor.kind !== 'citizen') {
    await recordRead(tx, ctx, {
      action: 'plan.read',
      citizenId: plan.citizen_id,
      subjectType: 'plan',
      subjectId: plan.id,
      purpose: READ_PURPOSE[ctx.actor.kind === 'proxy' ? 'proxy' : 'staff'],
      details: { sections: doc.access.sections, basis: doc.access.basis, consentIds: doc.access.consentIds, breakGlassId: doc.access.breakGlassId },
    });
  }
  const waiting = waitingGoals(doc.goals);
  return { ...doc, goals: doc.goals.map((g) => ({ ...g, waiting: waiting.has(g.id) })) };
}

async function visiblePlan(tx: Db, ctx: SignedInCtx, planId: string, action: Action) {
  const plan = await selectVisiblePlan(tx, ctx.actor, planId);
  if (!plan) throw new AppError('NOT_FOUND', 'No such plan');
  if (!can(ctx.actor, action, subjectOf(plan))) throw new AppError('FORBIDDEN');
  return plan;
}

export async function getPlan(ctx: SignedInCtx, planId: string): Promise<PlanView> {
  return ctx.db.transaction(async (tx) => loadView(tx, ctx, { planId }));
}

/** The active plan of a citizen, as far as the actor may see it. */
export async function getPlanOfCitizen(ctx: SignedInCtx, citizenId: string): Promise<PlanView> {
  return ctx.db.transaction(async (tx) => loadView(tx, ctx, { citizenId }));
}

/** Whether the staff member can open a plan for the citizen. A read of citizen data, so it is logged. */
export async function getPlanSummaryOfCitizen(ctx: SignedInCtx, citizenId: string) {
  return ctx.db.transaction(async (tx) => {
    const plan = await selectVisibleActivePlanOfCitizen(tx, ctx.actor, citizenId);
    if (!plan) throw new AppError('NOT_FOUND', 'No plan you can see');
    const coordinator = await findActiveStaff(tx, plan.municipality_id, plan.coordinator_id);
    await recordRead(tx, ctx, { action: 'plan.summary.read', citizenId, subjectType: 'plan', subjectId: plan.id, purpose: READ_PURPOSE.staff, details: { sections: [], basis: 'involvement' } });
    return { planId: plan.id, version: plan.version, coordinator: { id: plan.coordinator_id, name: coordinator?.name ?? '' } };
  });
}

export async function getOwnPlan(ctx: SignedInCtx): Promise<PlanView> {
  const actor = ctx.actor;
  if (actor.kind !== 'citizen' && actor.kind !== 'proxy') throw new AppError('FORBIDDEN');
  return getPlanOfCitizen(ctx, actor.citizenId);
}

export async function getPlanHistory(ctx: SignedInCtx, planId: string) {
  return ctx.db.transaction(async (tx) => {
    const plan = await visiblePlan(tx, ctx, planId, 'plan.read');
    if (ctx.actor.kind !== 'citizen') {
      const access = await selectPlanAccess(tx, ctx.actor, plan.municipality_id, plan.id);
      await recordRead(tx, ctx, {
        action: 'plan.history.read', citizenId: plan.citizen_id, subjectType: 'plan', subjectId: plan.id, purpose: READ_PURPOSE.staff,
        details: { sections: access.sections, basis: access.basis, consentIds: access.consentIds, breakGlassId: access.breakGlassId },
      });
    }
    return listPlanChanges(tx, ctx.actor, plan.municipality_id, plan.id, 500);
  });
}

/** What the writer may see, with the checks a write makes: a unit cannot change what it cannot see. */
interface Access extends PlanAccess {
  require(section: PlanSection): void;
  requireEffort(effort: { unitId: string; area: string }): void;
  requireCoordination(): void;
}

function accessChecker(access: PlanAccess, actor: Actor): Access {
  const ownUnit = actor.kind === 'staff' ? actor.unitId : undefined;
  return {
    ...access,
    require(section) {
      if (!access.sections.includes(section)) throw new AppError('CONSENT_REQUIRED');
    },
    requireEffort(effort) {
      if (effort.unitId !== ownUnit && !access.sections.includes(effort.area)) throw new AppError('CONSENT_REQUIRED');
    },
    requireCoordination() {
      if (access.basis === 'involvement' || access.basis === 'consent') throw new AppError('FORBIDDEN', 'Follow-ups are kept by the coordinating unit');
    },
  };
}

interface Change {
  changeType: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Every change to a plan goes through here: the plan must be visible and the action allowed;
 * the version must still be the one the writer saw (else 409 with the current plan); the
 * change, its history rows and its audit row commit together — or nothing does.
 */
async function changePlan(
  ctx: SignedInCtx,
  planId: string,
  baseVersion: number,
  action: Action,
  work: (tx: Db, plan: PlanRow, author: Person, access: Access) => Promise<Change[]>,
): Promise<PlanView> {
  const result = await ctx.db.transaction(async (tx) => {
    const plan = await visiblePlan(tx, ctx, planId, action);
    const access = accessChecker(await selectPlanAccess(tx, ctx.actor, plan.municipality_id, plan.id), ctx.actor);
    const version = await updatePlanVersion(tx, plan.municipality_id, plan.id, baseVersion);
    if (!version) return { conflict: true as const };
    const author = personOf(ctx.actor);
    const changes = await work(tx, plan, author, access);
    await insertChanges(
      tx,
      changes.map((c) => ({
        municipalityId: plan.municipality_id,
        planId: plan.id,
        version,
        actorKind: author.kind,
        actorId: author.id,
        changeType: c.changeType,
        targetType: c.targetType,
        targetId: c.targetId ?? null,
        before: c.before ?? null,
        after: c.after ?? null,
      })),
    );
    await recordEvent(tx, ctx, {
      kind: 'write',
      action,
      citizenId: plan.citizen_id,
      subjectType: 'plan',
      subjectId: plan.id,
      details: { changes: changes.map((c) => c.changeType), version },
    });
    return { view: await loadView(tx, ctx, { foundVisible: plan }) };
  });
  if ('conflict' in result) {
    const current = await getPlan(ctx, planId);
    throw new AppError('CONFLICT', `Someone else changed the plan first (now version ${current.version}). Nothing of yours was saved yet.`, undefined, { current });
  }
  return result.view;
}

const isStaff = (actor: Actor) => actor.kind === 'staff';

export async function createPlan(ctx: SignedInCtx, citizenId: string, input: z.infer<typeof createPlanInput>): Promise<PlanView> {
  const actor = ctx.actor;
  if (actor.kind !== 'staff' || !can(actor, 'plan.create')) throw new AppError('FORBIDDEN');
  const planId = await ctx.db.transaction(async (tx) => {
    if (!(await citizenExists(tx, actor.municipalityId, citizenId))) throw new AppError('NOT_FOUND', 'No such citizen');
    if (await unscopedActivePlanExists(tx, actor.municipalityId, citizenId)) {
      throw new AppError('CONFLICT', 'The citizen already has an active plan: there is one plan per citizen', 'citizenId');
    }
    const coordinatorId = input.coordinatorId ?? actor.staffId;
    const coordinatorUnitId = coordinatorId === actor.staffId ? actor.unitId : await firstUnitOf(tx, actor.municipalityId, coordinatorId);
    if (!coordinatorUnitId) throw new AppError('VALIDATION', 'coordinatorId: is not a staff member of this municipality', 'coordinatorId');
    const now = new Date();
    const id = await insertPlan(tx, {
      municipalityId: actor.municipalityId,
      citizenId,
      coordinatorId,
      coordinatorUnitId,
      ...(input.lifeStory ? { lifeStory: input.lifeStory, lifeStoryAuthorKind: 'staff', lifeStoryAuthorId: actor.staffId, lifeStoryUpdatedAt: now } : {}),
      ...(input.wishes ? { wishes: input.wishes, wishesAuthorKind: 'staff', wishesAuthorId: actor.staffId, wishesUpdatedAt: now } : {}),
    });
    await insertChanges(tx, [
      { municipalityId: actor.municipalityId, planId: id, version: 1, actorKind: 'staff', actorId: actor.staffId, changeType: 'plan.created', targetType: 'plan', targetId: id, after: { coordinatorId, coordinatorUnitId } },
    ]);
    await recordEvent(tx, ctx, { kind: 'write', action: 'plan.create', citizenId, subjectType: 'plan', subjectId: id });
    return id;
  });
  return getPlan(ctx, planId);
}

async function firstUnitOf(tx: Db, municipalityId: string, staffId: string) {
  const roles = await listStaffRoles(tx, municipalityId, staffId);
  return (roles.find((r) => r.role === 'coordinator') ?? roles.find((r) => r.role !== 'partner'))?.unitId;
}

export function updatePlan(ctx: SignedInCtx, planId: string, input: z.infer<typeof updatePlanInput>) {
  const staff = isStaff(ctx.actor);
  if (!staff && input.disagreementProcedure !== undefined) throw new AppError('FORBIDDEN', 'Only staff set how disagreements are settled');
  return changePlan(ctx, planId, input.baseVersion, staff ? 'plan.edit' : 'plan.coauthor', async (tx, plan, author, access) => {
    if (input.lifeStory !== undefined) access.require('life_story');
    if (input.wishes !== undefined) access.require('wishes');
    if (input.disagreementProcedure !== undefined) access.require('agreements');
    const before = await selectPlanTexts(tx, plan.municipality_id, plan.id);
    const now = new Date();
    const changes: Change[] = [];
    const fields: Parameters<typeof updatePlanFields>[3] = {};
    if (input.lifeStory !== undefined && input.lifeStory !== before.lifeStory) {
      Object.assign(fields, { lifeStory: input.lifeStory, lifeStoryAuthorKind: author.kind, lifeStoryAuthorId: author.id, lifeStoryUpdatedAt: now });
      changes.push({ changeType: 'lifeStory.changed', targetType: 'life_story', before: before.lifeStory, after: input.lifeStory });
    }
    if (input.wishes !== undefined && input.wishes !== before.wishes) {
      Object.assign(fields, { wishes: input.wishes, wishesAuthorKind: author.kind, wishesAuthorId: author.id, wishesUpdatedAt: now });
      changes.push({ changeType: 'wishes.changed', targetType: 'wishes', before: before.wishes, after: input.wishes });
    }
    if (input.disagreementProcedure !== undefined && input.disagreementProcedure !== before.disagreementProcedure) {
      fields.disagreementProcedure = input.disagreementProcedure;
      changes.push({ changeType: 'disagreementProcedure.changed', targetType: 'plan', before: before.disagreementProcedure, after: input.disagreementProcedure });
    }
    if (changes.length) await updatePlanFields(tx, plan.municipality_id, plan.id, fields);
    return changes;
  });
}

/** The goal ids must be goals of this plan. */
function assertGoalsOfPlan(planGoalIds: Set<string>, ids: string[], field: string) {
  const unknown = ids.find((id) => !planGoalIds.has(id));
  if (unknown) throw new AppError('VALIDATION', `${field}: ${unknown} is not a goal of this plan`, field);
}

export function addGoal(ctx: SignedInCtx, planId: string, input: z.infer<typeof addGoalInput>) {
  return changePlan(ctx, planId, input.baseVersion, 'plan.edit', async (tx, plan, author, access) => {
    access.require('goals');
    const existing = await listGoalsOfPlan(tx, plan.municipality_id, plan.id);
    assertGoalsOfPlan(new Set(existing.map((g) => g.id)), input.dependsOn, 'dependsOn');
    const goalId = await insertGoal(tx, {
      municipalityId: plan.municipality_id,
      planId: plan.id,
      position: existing.length + 1,
      wording: input.wording,
      wordingAuthorKind: author.kind,
      wordingAuthorId: author.id,
      professionalDescription: input.professionalDescription ?? '',
      classificationCode: input.classificationCode || null,
      statusChangedByKind: author.kind,
      statusChangedById: author.id,
    });
    await replaceGoalDependencies(tx, plan.municipality_id, goalId, [...new Set(input.dependsOn)]);
    return [{ changeType: 'goal.added', targetType: 'goal', targetId: goalId, after: { wording: input.wording, dependsOn: input.dependsOn } }];
  });
}

export function updateGoalOfPlan(ctx: SignedInCtx, planId: string, goalId: string, input: z.infer<typeof updateGoalInput>) {
  const staff = isStaff(ctx.actor);
  const { baseVersion, wording, ...professional } = input;
  if (!staff && Object.values(professional).some((v) => v !== undefined)) {
    throw new AppError('FORBIDDEN', 'The citizen writes the wording of a goal; staff keep status, order and dependencies');
  }
  return changePlan(ctx, planId, baseVersion, staff ? 'plan.edit' : 'plan.coauthor', async (tx, plan, author, access) => {
    access.require('goals');
    const goals = await listGoalsOfPlan(tx, plan.municipality_id, plan.id);
    const goal = goals.find((g) => g.id === goalId);
    if (!goal) throw new AppError('NOT_FOUND', 'No such goal in this plan');
    const changes: Change[] = [];
    const fields: Parameters<typeof updateGoal>[3] = {};
    if (wording !== undefined && wording !== goal.wording) {
      Object.assign(fields, { wording, wordingAuthorKind: author.kind, wordingAuthorId: author.id });
      changes.push({ changeType: 'goal.wordingChanged', targetType: 'goal', targetId: goalId, before: goal.wording, after: wording });
    }
    if (input.professionalDescription !== undefined && input.professionalDescription !== goal.professional_description) {
      fields.professionalDescription = input.professionalDescription;
      changes.push({ changeType: 'goal.descriptionChanged', targetType: 'goal', targetId: goalId, before: goal.professional_description, after: input.professionalDescription });
    }
    if (input.classificationCode !== undefined && (input.classificationCode || null) !== goal.classification_code) {
      fields.classificationCode = input.classificationCode || null;
      changes.push({ changeType: 'goal.classificationChanged', targetType: 'goal', targetId: goalId, before: goal.classification_code, after: fields.classificationCode });
    }
    if (input.status !== undefined && input.status !== goal.status) {
      Object.assign(fields, { status: input.status, statusChangedByKind: author.kind, statusChangedById: author.id, statusChangedAt: new Date() });
      changes.push({ changeType: 'goal.statusChanged', targetType: 'goal', targetId: goalId, before: goal.status, after: input.status });
    }
    if (input.dependsOn !== undefined) {
      const dependsOn = [...new Set(input.dependsOn)];
      if (dependsOn.includes(goalId)) throw new AppError('VALIDATION', 'dependsOn: a goal cannot depend on itself', 'dependsOn');
      assertGoalsOfPlan(new Set(goals.map((g) => g.id)), dependsOn, 'dependsOn');
      const cycle = findDependencyCycle(goals.map((g) => ({ id: g.id, dependsOn: g.id === goalId ? dependsOn : g.depends_on })));
      if (cycle) throw new AppError('VALIDATION', 'dependsOn: this would make goals wait for each other in a circle', 'dependsOn');
      if ([...dependsOn].sort().join() !== [...goal.depends_on].sort().join()) {
        await replaceGoalDependencies(tx, plan.municipality_id, goalId, dependsOn);
        changes.push({ changeType: 'goal.dependenciesChanged', targetType: 'goal', targetId: goalId, before: goal.depends_on, after: dependsOn });
      }
    }
    if (input.position !== undefined && input.position !== goal.position) {
      const order = goals.filter((g) => g.id !== goalId);
      order.splice(Math.min(input.position, goals.length) - 1, 0, goal);
      for (const [i, g] of order.entries()) if (g.position !== i + 1) await updateGoal(tx, plan.municipality_id, g.id, { position: i + 1 });
      changes.push({ changeType: 'goal.moved', targetType: 'goal', targetId: goalId, before: goal.position, after: input.position });
    }
    if (Object.keys(fields).length) await updateGoal(tx, plan.municipality_id, goalId, fields);
    return changes;
  });
}

async function assertUnit(tx: Db, municipalityId: string, unitId: string, field: string): Promise<string> {
  const kind = await selectUnitKind(tx, municipalityId, unitId);
  if (!kind) throw new AppError('VALIDATION', `${field}: is not a unit of this municipality`, field);
  return kind;
}

/** An effort of the plan that the writer can see: their own unit's, or one whose area they may see. */
async function visibleEffort(tx: Db, access: Access, municipalityId: string, planId: string, effortId: string) {
  const effort = await selectEffort(tx, municipalityId, planId, effortId);
  if (!effort) throw new AppError('NOT_FOUND', 'No such effort in this plan');
  try {
    access.requireEffort(effort);
  } catch {
    throw new AppError('NOT_FOUND', 'No such effort in this plan');
  }
  return effort;
}

async function assertStaff(tx: Db, municipalityId: string, staffId: string, field: string, unitId?: string) {
  if (!(await staffHasRoleIn(tx, municipalityId, staffId, unitId))) {
    throw new AppError('VALIDATION', `${field}: is not a staff member ${unitId ? 'of that unit' : 'of this municipality'}`, field);
  }
}

export function addEffort(ctx: SignedInCtx, planId: string, input: z.infer<typeof addEffortInput>) {
  return changePlan(ctx, planId, input.baseVersion, 'plan.edit', async (tx, plan, author, access) => {
    const m = plan.municipality_id;
    const unitKind = await assertUnit(tx, m, input.unitId, 'unitId');
    const area = input.area ?? defaultEffortArea(unitKind);
    access.requireEffort({ unitId: input.unitId, area });
    access.require('goals');
    if (input.responsibleStaffId) await assertStaff(tx, m, input.responsibleStaffId, 'responsibleStaffId');
    const goals = await listGoalsOfPlan(tx, m, plan.id);
    assertGoalsOfPlan(new Set(goals.map((g) => g.id)), input.goalIds, 'goalIds');
    const effortId = await insertEffort(tx, {
      municipalityId: m,
      planId: plan.id,
      unitId: input.unitId,
      responsibleStaffId: input.responsibleStaffId ?? null,
      title: input.title,
      kind: input.kind,
      area,
      legalBasis: input.legalBasis,
      startsOn: input.startsOn,
      endsOn: input.endsOn ?? null,
    });
    await replaceEffortGoals(tx, m, effortId, [...new Set(input.goalIds)]);
    if (input.supportLevel) {
      await insertSupportLevel(tx, { municipalityId: m, effortId, level: input.supportLevel, validFrom: input.startsOn, recordedByKind: author.kind, recordedById: author.id });
    }
    const { baseVersion: _, ...after } = input;
    return [{ changeType: 'effort.added', targetType: 'effort', targetId: effortId, after }];
  });
}

export function updateEffortOfPlan(ctx: SignedInCtx, planId: string, effortId: string, input: z.infer<typeof updateEffortInput>) {
  return changePlan(ctx, planId, input.baseVersion, 'plan.edit', async (tx, plan, _author, access) => {
    const m = plan.municipality_id;
    const effort = await visibleEffort(tx, access, m, plan.id, effortId);
    if (input.area !== undefined) access.requireEffort({ unitId: effort.unitId, area: input.area });
    if (input.goalIds !== undefined) access.require('goals');
    const startsOn = input.startsOn ?? effort.startsOn;
    const endsOn = input.endsOn === undefined ? effort.endsOn : input.endsOn;
    if (endsOn && endsOn < startsOn) throw new AppError('VALIDATION', 'endsOn: must not be before the start date', 'endsOn');
    if (input.responsibleStaffId) await assertStaff(tx, m, input.responsibleStaffId, 'responsibleStaffId');
    const { baseVersion: _, goalIds, ...fields } = input;
    if (goalIds) {
      const goals = await listGoalsOfPlan(tx, m, plan.id);
      assertGoalsOfPlan(new Set(goals.map((g) => g.id)), goalIds, 'goalIds');
      await replaceEffortGoals(tx, m, effortId, [...new Set(goalIds)]);
    }
    if (Object.keys(fields).length) await updateEffort(tx, m, effortId, fields);
    const before = Object.fromEntries(Object.keys(fields).map((k) => [k, effort[k as keyof typeof effort]]));
    return [{ changeType: 'effort.changed', targetType: 'effort', targetId: effortId, before, after: { ...fields, ...(goalIds ? { goalIds } : {}) } }];
  });
}

export function addSupportLevel(ctx: SignedInCtx, planId: string, effortId: string, input: z.infer<typeof addSupportLevelInput>) {
  return changePlan(ctx, planId, input.baseVersion, 'plan.edit', async (tx, plan, author, access) => {
    await visibleEffort(tx, access, plan.municipality_id, plan.id, effortId);
    await insertSupportLevel(tx, { municipalityId: plan.municipality_id, effortId, level: input.level, validFrom: input.validFrom, note: input.note, recordedByKind: author.kind, recordedById: author.id });
    return [{ changeType: 'effort.supportLevelChanged', targetType: 'effort', targetId: effortId, after: { level: input.level, validFrom: input.validFrom } }];
  });
}

export function addAgreement(ctx: SignedInCtx, planId: string, input: z.infer<typeof addAgreementInput>) {
  return changePlan(ctx, planId, input.baseVersion, 'plan.edit', async (tx, plan, _author, access) => {
    access.require('agreements');
    await assertUnit(tx, plan.municipality_id, input.responsibleUnitId, 'responsibleUnitId');
    const id = await insertAgreement(tx, { municipalityId: plan.municipality_id, planId: plan.id, responsibleUnitId: input.responsibleUnitId, text: input.text });
    return [{ changeType: 'agreement.added', targetType: 'agreement', targetId: id, after: { responsibleUnitId: input.responsibleUnitId, text: input.text } }];
  });
}

/**
 * Coordination moves to another staff member, possibly in another unit (a young person
 * turning 18 moves from the family department to the adult department). The plan, its goals
 * and its history stay; only the coordinator changes.
 */
export function handOverCoordination(ctx: SignedInCtx, planId: string, input: z.infer<typeof handOverInput>) {
  return changePlan(ctx, planId, input.baseVersion, 'plan.handOver', async (tx, plan) => {
    await assertStaff(tx, plan.municipality_id, input.coordinatorId, 'coordinatorId', input.unitId);
    await updatePlanFields(tx, plan.municipality_id, plan.id, { coordinatorId: input.coordinatorId, coordinatorUnitId: input.unitId });
    return [
      {
        changeType: 'coordinator.handedOver',
        targetType: 'plan',
        before: { coordinatorId: plan.coordinator_id, unitId: plan.coordinator_unit_id },
        after: { coordinatorId: input.coordinatorId, unitId: input.unitId },
      },
    ];
  });
}

export function addFollowUp(ctx: SignedInCtx, planId: string, input: z.infer<typeof addFollowUpInput>) {
  return changePlan(ctx, planId, input.baseVersion, 'plan.edit', async (tx, plan, _author, access) => {
    access.requireCoordination();
    await assertStaff(tx, plan.municipality_id, input.staffId, 'staffId');
    const id = await insertFollowUp(tx, { municipalityId: plan.municipality_id, planId: plan.id, staffId: input.staffId, dueOn: input.dueOn, note: input.note });
    return [{ changeType: 'followUp.added', targetType: 'follow_up', targetId: id, after: { dueOn: input.dueOn, staffId: input.staffId } }];
  });
}

export function completeFollowUp(ctx: SignedInCtx, planId: string, followUpId: string, baseVersion: number) {
  return changePlan(ctx, planId, baseVersion, 'plan.edit', async (tx, plan, _author, access) => {
    access.requireCoordination();
    if (!(await updateFollowUpDone(tx, plan.municipality_id, plan.id, followUpId))) throw new AppError('NOT_FOUND', 'No such follow-up in this plan');
    return [{ changeType: 'followUp.done', targetType: 'follow_up', targetId: followUpId }];
  });
}

/** Comments are added, never edited; they do not change the plan's version, so they never conflict. */
export async function addComment(ctx: SignedInCtx, planId: string, input: z.infer<typeof addCommentInput>): Promise<PlanView> {
  return ctx.db.transaction(async (tx) => {
    const plan = await visiblePlan(tx, ctx, planId, 'plan.comment');
    const needsTarget = ['goal', 'effort', 'agreement'].includes(input.targetType);
    if (needsTarget !== Boolean(input.targetId)) {
      throw new AppError('VALIDATION', needsTarget ? 'targetId: say which one' : 'targetId: must be empty for this kind of comment', 'targetId');
    }
    if (input.targetId) {
      const { doc } = (await selectPlanPage(tx, ctx.actor, { foundVisible: plan }, personOf(ctx.actor)))!;
      const pool = input.targetType === 'goal' ? doc.goals : input.targetType === 'effort' ? doc.efforts : doc.agreements;
      if (!pool.some((x: { id: string }) => x.id === input.targetId)) throw new AppError('VALIDATION', 'targetId: is not part of this plan', 'targetId');
    }
    const author = personOf(ctx.actor);
    const id = await insertComment(tx, { municipalityId: plan.municipality_id, planId: plan.id, authorKind: author.kind, authorId: author.id, targetType: input.targetType, targetId: input.targetId, text: input.text });
    await insertChanges(tx, [
      { municipalityId: plan.municipality_id, planId: plan.id, version: plan.version, actorKind: author.kind, actorId: author.id, changeType: 'comment.added', targetType: input.targetType, targetId: input.targetId, after: { commentId: id, text: input.text } },
    ]);
    await recordEvent(tx, ctx, { kind: 'write', action: 'plan.comment', citizenId: plan.citizen_id, subjectType: 'plan', subjectId: plan.id });
    return loadView(tx, ctx, { foundVisible: plan });
  });
}

export async function getWorkList(ctx: SignedInCtx, today = new Date()): Promise<WorkList> {
  const actor = ctx.actor;
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  const horizon = new Date(today.getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
  return selectWorkList(ctx.db, actor.municipalityId, actor.staffId, horizon);
}

export function getStaffDirectory(ctx: SignedInCtx) {
  return listStaffDirectory(ctx.db, ctx.actor.municipalityId);
}

// ---- For other modules (consent) ------------------------------------------------------------

/**
 * The citizen's active plan as far as a staff member is involved in it, with what they may see
 * of it. Not found when they are not involved: the consents of that citizen do not exist for them.
 */
export async function getInvolvement(tx: Db, actor: Actor, citizenId: string) {
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  const plan = await selectVisibleActivePlanOfCitizen(tx, actor, citizenId);
  if (!plan) throw new AppError('NOT_FOUND', 'No plan you are involved in');
  return { actor, plan, access: await selectPlanAccess(tx, actor, plan.municipality_id, plan.id) };
}

/** The citizen's active plan id whether or not the actor is involved: for break-glass only. */
export const findActivePlanIdForBreakGlass = (tx: Db, municipalityId: string, citizenId: string) => unscopedActivePlanIdOfCitizen(tx, municipalityId, citizenId);

/** The kind of a unit of the municipality, or undefined when it is not one. */
export const findUnitKind = (tx: Db, municipalityId: string, unitId: string) => selectUnitKind(tx, municipalityId, unitId);
