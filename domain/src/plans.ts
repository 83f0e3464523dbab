import { z } from 'zod';
import { calendarDate, int4, optionalText, queryCursor, queryInt4, requiredText, version } from './fields.ts';
import { id } from './identity.ts';

// Contracts of the plans module: the citizen's one plan. Every write carries the plan version
// it was based on (`baseVersion`); a stale write gets 409 with the current plan.

export const goalStatuses = ['not_started', 'in_progress', 'reached', 'paused', 'dropped'] as const;
export const goalStatus = z.enum(goalStatuses);
export type GoalStatus = z.infer<typeof goalStatus>;

export const effortKinds = ['effort', 'exemption'] as const;
export const effortKind = z.enum(effortKinds);

/** What an effort is about; other units see another unit's effort only with consent for its area. */
export const effortAreas = ['health', 'family', 'economy', 'work', 'housing', 'education', 'other'] as const;
export const effortArea = z.enum(effortAreas);
export type EffortArea = z.infer<typeof effortArea>;

/** The sections of a plan that a consent can name (see domain/src/consent.ts). */
export const planSections = ['life_story', 'wishes', 'goals', 'agreements', 'comments', ...effortAreas] as const;
export const planSection = z.enum(planSections);
export type PlanSection = z.infer<typeof planSection>;

export const authorKind = z.enum(['citizen', 'proxy', 'staff']);
export type AuthorKind = z.infer<typeof authorKind>;
export const person = z.object({ kind: z.enum(['citizen', 'proxy', 'staff', 'system']), id: z.string().nullable(), name: z.string() });

export const commentTargets = ['plan', 'life_story', 'wishes', 'goal', 'effort', 'agreement'] as const;
export const commentTarget = z.enum(commentTargets);

/** A calendar date, YYYY-MM-DD, as stored and shown. Inputs take `calendarDate` (fields.ts), which also bounds the year. */
export const isoDate = z.iso.date();

const text = (max: number) => requiredText(max);

export const LIMITS = { longText: 20_000, wording: 500, description: 2_000, title: 200, comment: 4_000, code: 50 } as const;

const baseVersion = version;

export const authoredText = z.object({ text: z.string(), author: person, updatedAt: z.string() }).nullable();

export const goalView = z.object({
  id,
  position: z.number().int(),
  wording: z.string(),
  wordingAuthor: person,
  professionalDescription: z.string(),
  classificationCode: z.string().nullable(),
  status: goalStatus,
  statusChangedBy: person,
  statusChangedAt: z.string(),
  dependsOn: z.array(id),
  /** A prerequisite goal is not reached yet. */
  waiting: z.boolean(),
});
export type GoalView = z.infer<typeof goalView>;

export const supportLevelView = z.object({ level: z.string(), validFrom: isoDate, note: z.string(), recordedBy: person, recordedAt: z.string() });

export const effortView = z.object({
  id,
  unit: z.object({ id, name: z.string() }),
  title: z.string(),
  kind: effortKind,
  area: effortArea,
  responsible: z.object({ id, name: z.string() }).nullable(),
  legalBasis: z.string(),
  startsOn: isoDate,
  endsOn: isoDate.nullable(),
  goalIds: z.array(id),
  /** Newest first; the first one valid today is the current level. */
  supportLevels: z.array(supportLevelView),
});
export type EffortView = z.infer<typeof effortView>;

export const agreementView = z.object({ id, responsibleUnit: z.object({ id, name: z.string() }), text: z.string(), createdAt: z.string() });
export const followUpView = z.object({ id, dueOn: isoDate, staff: z.object({ id, name: z.string() }), note: z.string(), doneAt: z.string().nullable() });
export const commentView = z.object({ id, author: person, targetType: commentTarget, targetId: id.nullable(), text: z.string(), createdAt: z.string() });

export const changeView = z.object({
  id: z.number().int(),
  version: z.number().int(),
  at: z.string(),
  actor: person,
  changeType: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type ChangeView = z.infer<typeof changeView>;

export const planView = z.object({
  id,
  citizen: z.object({ id, name: z.string() }),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  coordinator: z.object({ id, name: z.string(), unit: z.object({ id, name: z.string() }) }),
  lifeStory: authoredText,
  wishes: authoredText,
  disagreementProcedure: z.string(),
  goals: z.array(goalView),
  efforts: z.array(effortView),
  agreements: z.array(agreementView),
  followUps: z.array(followUpView),
  comments: z.array(commentView),
  /** What others changed since this person last opened the plan (oldest first). */
  changesSinceLastSeen: z.array(changeView),
  lixThreshold: z.number().int(),
  /** What this reader may see, and on what basis; sections not listed are left out, not masked. */
  access: z.object({
    sections: z.array(planSection),
    basis: z.enum(['own', 'proxy', 'coordination', 'consent', 'involvement', 'break_glass']),
    consentIds: z.array(id),
    breakGlassId: id.nullable(),
  }),
});
export type PlanView = z.infer<typeof planView>;

export const conflictBody = z.object({
  error: z.object({ code: z.literal('CONFLICT'), message: z.string(), requestId: z.string() }),
  current: planView,
});

// ---- Inputs ---------------------------------------------------------------------------

export const createPlanInput = z.strictObject({
  coordinatorId: id.optional(),
  lifeStory: optionalText(LIMITS.longText).optional(),
  wishes: optionalText(LIMITS.longText).optional(),
});

export const updatePlanInput = z.strictObject({
  baseVersion,
  lifeStory: optionalText(LIMITS.longText).optional(),
  wishes: optionalText(LIMITS.longText).optional(),
  disagreementProcedure: optionalText(LIMITS.description).optional(),
});

export const addGoalInput = z.strictObject({
  baseVersion,
  wording: text(LIMITS.wording),
  professionalDescription: optionalText(LIMITS.description).optional(),
  classificationCode: optionalText(LIMITS.code).optional(),
  dependsOn: z.array(id).max(20).default([]),
});

export const updateGoalInput = z.strictObject({
  baseVersion,
  wording: text(LIMITS.wording).optional(),
  professionalDescription: optionalText(LIMITS.description).optional(),
  classificationCode: optionalText(LIMITS.code).nullable().optional(),
  status: goalStatus.optional(),
  dependsOn: z.array(id).max(20).optional(),
  position: int4(1).optional(),
});

const effortFields = {
  title: text(LIMITS.title),
  kind: effortKind.default('effort'),
  /** Defaults from the unit's kind (jobcenter → work, family department → family, …). */
  area: effortArea.optional(),
  unitId: id,
  responsibleStaffId: id.nullable().optional(),
  legalBasis: optionalText(LIMITS.title).default(''),
  startsOn: calendarDate,
  endsOn: calendarDate.nullable().optional(),
  goalIds: z.array(id).min(1, 'link the effort to at least one goal').max(20),
};

const endNotBeforeStart = (e: { startsOn?: string; endsOn?: string | null }) => !e.startsOn || !e.endsOn || e.endsOn >= e.startsOn;
const endIssue = { message: 'must not be before the start date', path: ['endsOn'], params: { reason: 'endBeforeStart' } };

export const addEffortInput = z
  .strictObject({ baseVersion, ...effortFields, supportLevel: optionalText(LIMITS.title).optional() })
  .refine(endNotBeforeStart, endIssue);

export const updateEffortInput = z
  .strictObject({
    baseVersion,
    title: effortFields.title.optional(),
    area: effortArea.optional(),
    responsibleStaffId: effortFields.responsibleStaffId,
    legalBasis: optionalText(LIMITS.title).optional(),
    startsOn: calendarDate.optional(),
    endsOn: calendarDate.nullable().optional(),
    goalIds: effortFields.goalIds.optional(),
  })
  .refine(endNotBeforeStart, endIssue);

export const addSupportLevelInput = z.strictObject({
  baseVersion,
  level: text(LIMITS.title),
  validFrom: calendarDate,
  note: optionalText(LIMITS.description).default(''),
});

export const addAgreementInput = z.strictObject({ baseVersion, responsibleUnitId: id, text: text(LIMITS.description) });

export const handOverInput = z.strictObject({ baseVersion, coordinatorId: id, unitId: id });

export const addFollowUpInput = z.strictObject({ baseVersion, dueOn: calendarDate, staffId: id, note: optionalText(LIMITS.description).default('') });

export const completeFollowUpInput = z.strictObject({ baseVersion });

export const addCommentInput = z.strictObject({ targetType: commentTarget, targetId: id.nullable().default(null), text: text(LIMITS.comment) });

// ---- Work list ------------------------------------------------------------------------

export const workList = z.object({
  myPlans: z.array(z.object({ planId: id, planVersion: z.number().int(), citizenId: id, citizenName: z.string(), updatedAt: z.string(), goals: z.number().int(), goalsReached: z.number().int() })),
  followUpsDue: z.array(z.object({ followUpId: id, planId: id, planVersion: z.number().int(), citizenId: id, citizenName: z.string(), dueOn: isoDate, note: z.string() })),
  changedByCitizen: z.array(z.object({ planId: id, citizenName: z.string(), changedAt: z.string(), changes: z.number().int() })),
  /** Units that asked to be involved in a plan the staff member coordinates, not yet answered. */
  involvementRequests: z.array(
    z.object({
      id,
      planId: id,
      citizenId: id,
      citizenName: z.string(),
      unit: z.object({ id, name: z.string() }),
      requestedBy: z.object({ id, name: z.string() }),
      reason: z.string(),
      createdAt: z.string(),
    }),
  ),
});
export type WorkList = z.infer<typeof workList>;

/** That a plan exists and can be opened, without reading it (the "seen" mark does not move). */
export const planSummary = z.object({ planId: id, version: z.number().int(), coordinator: z.object({ id, name: z.string() }) });

// ---- Pure rules -----------------------------------------------------------------------

/** The goals that are waiting: at least one goal they depend on is not reached. */
export function waitingGoals(goals: { id: string; status: GoalStatus; dependsOn: string[] }[]): Set<string> {
  const status = new Map(goals.map((g) => [g.id, g.status]));
  return new Set(goals.filter((g) => g.dependsOn.some((d) => status.get(d) !== 'reached')).map((g) => g.id));
}

/** A dependency cycle among goals, as the ids along it, or undefined when there is none. */
export function findDependencyCycle(goals: { id: string; dependsOn: string[] }[]): string[] | undefined {
  const edges = new Map(goals.map((g) => [g.id, g.dependsOn]));
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'visiting') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'visiting');
    path.push(node);
    for (const next of edges.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const g of goals) {
    const cycle = visit(g.id);
    if (cycle) return cycle;
  }
  return undefined;
}

/** The support level in force on a day: the newest one that started on or before it. */
export function currentSupportLevel<T extends { validFrom: string }>(levels: T[], today: string): T | undefined {
  return [...levels].filter((l) => l.validFrom <= today).sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
}

/** The plan's history, keyset-paged newest first like the access log: changes older than `before`. */
export const historyQuery = z.strictObject({
  before: queryCursor().optional(),
  limit: queryInt4(1, 200).default(50),
});
export const historyPage = z.object({ entries: z.array(changeView), nextBefore: z.number().int().nullable() });
export type HistoryPage = z.infer<typeof historyPage>;

// ---- A unit asks to be involved in a plan it cannot see ----------------------------------

/** What staff who cannot see a citizen's plan are told when they try to open a second one. */
export const existingPlan = z.object({
  coordinator: z.object({ name: z.string() }),
  unit: z.object({ name: z.string() }),
  /** Set when the asker can already see the plan. */
  planId: id.nullable(),
  /** Whether the asker's unit already has a request waiting for an answer. */
  requestPending: z.boolean(),
});
export type ExistingPlan = z.infer<typeof existingPlan>;

export const involvementRequestInput = z.strictObject({
  reason: requiredText(LIMITS.description, 10, 'say why your unit needs to be involved (at least 10 characters)'),
});
export const involvementDecisionInput = z.strictObject({
  decision: z.enum(['accepted', 'declined']),
  note: optionalText(LIMITS.description).default(''),
});
export const involvementRequestResult = z.object({ id, status: z.enum(['pending', 'accepted', 'declined']) });
