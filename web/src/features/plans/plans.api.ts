import { z } from 'zod';
import { id } from '@sammen/domain/identity';
import {
  existingPlan,
  historyPage,
  involvementRequestResult,
  planView,
  workList,
  type addAgreementInput,
  type addCommentInput,
  type addEffortInput,
  type addFollowUpInput,
  type addGoalInput,
  type addSupportLevelInput,
  type createPlanInput,
  type handOverInput,
  type involvementDecisionInput,
  type involvementRequestInput,
  type ExistingPlan,
  type PlanView,
  type updateEffortInput,
  type updateGoalInput,
  type updatePlanInput,
} from '@sammen/domain/plans';
import { ApiError, apiGet, apiSend } from '../../app/api.ts';

// Calls to the plans module. Every write answers with the whole new plan; a stale write is a
// CONFLICT carrying the current plan (see conflictOf).

const enc = encodeURIComponent;
type In<T extends z.ZodType> = z.input<T>;

export const getWorkList = () => apiGet('/api/worklist', workList);
export const getPlan = (planId: string) => apiGet(`/api/plans/${enc(planId)}`, planView);
export const getOwnPlan = () => apiGet('/api/me/plan', planView);
/** One page of the plan's history, newest first; `before` continues from the previous page's `nextBefore`. */
export const getPlanHistory = (planId: string, before?: number) =>
  apiGet(`/api/plans/${enc(planId)}/history${before ? `?before=${before}` : ''}`, historyPage);

/** The citizen's plan as far as the staff member can see it, or undefined when there is none they can see. */
export async function findPlanOfCitizen(citizenId: string): Promise<PlanView | undefined> {
  try {
    return await apiGet(`/api/citizens/${enc(citizenId)}/plan`, planView);
  } catch (err) {
    if (err instanceof ApiError && err.code === 'NOT_FOUND') return undefined;
    throw err;
  }
}

export const createPlan = (citizenId: string, input: In<typeof createPlanInput>) => apiSend('POST', `/api/citizens/${enc(citizenId)}/plan`, input, planView);

const plan = (planId: string) => `/api/plans/${enc(planId)}`;

export const updatePlan = (planId: string, input: In<typeof updatePlanInput>) => apiSend('PATCH', plan(planId), input, planView);
export const addGoal = (planId: string, input: In<typeof addGoalInput>) => apiSend('POST', `${plan(planId)}/goals`, input, planView);
export const updateGoal = (planId: string, goalId: string, input: In<typeof updateGoalInput>) =>
  apiSend('PATCH', `${plan(planId)}/goals/${enc(goalId)}`, input, planView);
export const addEffort = (planId: string, input: In<typeof addEffortInput>) => apiSend('POST', `${plan(planId)}/efforts`, input, planView);
export const updateEffort = (planId: string, effortId: string, input: In<typeof updateEffortInput>) =>
  apiSend('PATCH', `${plan(planId)}/efforts/${enc(effortId)}`, input, planView);
export const addSupportLevel = (planId: string, effortId: string, input: In<typeof addSupportLevelInput>) =>
  apiSend('POST', `${plan(planId)}/efforts/${enc(effortId)}/support-levels`, input, planView);
export const addAgreement = (planId: string, input: In<typeof addAgreementInput>) => apiSend('POST', `${plan(planId)}/agreements`, input, planView);
export const handOver = (planId: string, input: In<typeof handOverInput>) => apiSend('PUT', `${plan(planId)}/coordinator`, input, planView);
export const addFollowUp = (planId: string, input: In<typeof addFollowUpInput>) => apiSend('POST', `${plan(planId)}/follow-ups`, input, planView);
export const completeFollowUp = (planId: string, followUpId: string, baseVersion: number) =>
  apiSend('POST', `${plan(planId)}/follow-ups/${enc(followUpId)}/done`, { baseVersion }, planView);
export const addComment = (planId: string, input: In<typeof addCommentInput>) => apiSend('POST', `${plan(planId)}/comments`, input, planView);

export const staffDirectoryEntry = z.object({ id, name: z.string(), title: z.string(), units: z.array(z.object({ id, name: z.string() })).nullable() });
export type StaffDirectoryEntry = z.infer<typeof staffDirectoryEntry>;
export const getStaffDirectory = () => apiGet('/api/staff/directory', z.array(staffDirectoryEntry));

const conflictCurrent = z.object({ current: planView });

/** The plan as it is now, when the error is a version conflict that carries it. */
export function conflictOf(err: unknown): PlanView | undefined {
  if (!(err instanceof ApiError) || err.code !== 'CONFLICT') return undefined;
  const parsed = conflictCurrent.safeParse(err.body);
  return parsed.success ? parsed.data.current : undefined;
}

// ---- Asking to be involved -------------------------------------------------------------------

const existingPlanBody = z.object({ existingPlan });

/** Who coordinates the citizen's plan, when creating one failed because there is one already. */
export function existingPlanOf(err: unknown): ExistingPlan | undefined {
  if (!(err instanceof ApiError) || err.code !== 'CONFLICT') return undefined;
  const parsed = existingPlanBody.safeParse(err.body);
  return parsed.success ? parsed.data.existingPlan : undefined;
}

export const requestInvolvement = (citizenId: string, input: In<typeof involvementRequestInput>) =>
  apiSend('POST', `/api/citizens/${enc(citizenId)}/involvement-requests`, input, involvementRequestResult);
export const decideInvolvement = (requestId: string, input: In<typeof involvementDecisionInput>) =>
  apiSend('POST', `/api/involvement-requests/${enc(requestId)}/decision`, input, involvementRequestResult);
