import { asResponse } from '../../platform/json-text.ts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { id } from '@sammen/domain/identity';
import {
  addAgreementInput,
  addCommentInput,
  addEffortInput,
  addFollowUpInput,
  addGoalInput,
  addSupportLevelInput,
  completeFollowUpInput,
  createPlanInput,
  handOverInput,
  involvementDecisionInput,
  involvementRequestInput,
  involvementRequestResult,
  historyPage,
  historyQuery,
  planSummary,
  planView,
  updateEffortInput,
  updateGoalInput,
  updatePlanInput,
  workList,
} from '@sammen/domain/plans';
import { signedIn } from '../../platform/http.ts';
import { addComment } from './use-cases/comments.ts';
import { addAgreement, addFollowUp, completeFollowUp, handOverCoordination } from './use-cases/coordination.ts';
import { createPlan } from './use-cases/create-plan.ts';
import { addEffort, addSupportLevel, updateEffortOfPlan } from './use-cases/efforts.ts';
import { addGoal, updateGoalOfPlan } from './use-cases/goals.ts';
import { getOwnPlan, getPlan, getPlanHistory, getPlanOfCitizen, getPlanSummaryOfCitizen } from './use-cases/read-plan.ts';
import { updatePlan } from './use-cases/update-plan.ts';
import { decideInvolvement, requestInvolvement } from './use-cases/involvement.ts';
import { getStaffDirectory, getWorkList } from './use-cases/work-list.ts';

const plan = { 200: planView };
const planParams = z.strictObject({ planId: id });

export function planRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/worklist', { config: { access: 'worklist.read', readsCitizenData: true }, schema: { operationId: 'getWorkList', summary: 'My work list: my plans and the follow-ups due', tags: ['plans'], response: { 200: workList } } }, async (req) => asResponse(await getWorkList(signedIn(req))));

  r.get(
    '/api/staff/directory',
    {
      config: { access: 'staff.directory' },
      schema: { operationId: 'getStaffDirectory', summary: 'Who works where in my municipality', tags: ['plans'], response: { 200: z.array(z.object({ id, name: z.string(), title: z.string(), units: z.array(z.object({ id, name: z.string() })).nullable() })) } },
    },
    async (req) => getStaffDirectory(signedIn(req)),
  );

  r.get('/api/citizens/:citizenId/plan', { config: { access: 'plan.read', readsCitizenData: true }, schema: { operationId: 'getPlanOfCitizen', summary: 'A citizen’s plan', tags: ['plans'], params: z.strictObject({ citizenId: id }), response: plan } }, async (req) =>
    asResponse(await getPlanOfCitizen(signedIn(req), req.params.citizenId)),
  );

  r.get(
    '/api/citizens/:citizenId/plan/summary',
    { config: { access: 'plan.read', readsCitizenData: true }, schema: { operationId: 'getPlanSummaryOfCitizen', summary: 'A summary of a citizen’s plan, without its sections', tags: ['plans'], params: z.strictObject({ citizenId: id }), response: { 200: planSummary } } },
    async (req) => getPlanSummaryOfCitizen(signedIn(req), req.params.citizenId),
  );

  r.post(
    '/api/citizens/:citizenId/plan',
    { config: { access: 'plan.create', readsCitizenData: true }, schema: { operationId: 'createPlan', summary: 'Create a citizen’s plan', tags: ['plans'], params: z.strictObject({ citizenId: id }), body: createPlanInput, response: plan } },
    async (req) => asResponse(await createPlan(signedIn(req), req.params.citizenId, req.body)),
  );

  r.get('/api/me/plan', { config: { access: 'plan.read', readsCitizenData: true }, schema: { operationId: 'getOwnPlan', summary: 'My own plan (as the citizen or their proxy)', tags: ['plans'], response: plan } }, async (req) => asResponse(await getOwnPlan(signedIn(req))));

  r.get('/api/plans/:planId', { config: { access: 'plan.read', readsCitizenData: true }, schema: { operationId: 'getPlan', summary: 'A plan', tags: ['plans'], params: planParams, response: plan } }, async (req) =>
    asResponse(await getPlan(signedIn(req), req.params.planId)),
  );

  r.get(
    '/api/plans/:planId/history',
    { config: { access: 'plan.read', readsCitizenData: true }, schema: { operationId: 'getPlanHistory', summary: 'What changed in a plan, when and by whom', tags: ['plans'], params: planParams, querystring: historyQuery, response: { 200: historyPage } } },
    async (req) => getPlanHistory(signedIn(req), req.params.planId, req.query),
  );

  // Staff edit everything; the citizen (or a proxy with the scope) writes their own words.
  // The route admits either; the use case decides which action applies to who is asking.
  r.patch('/api/plans/:planId', { config: { access: 'plan.write', readsCitizenData: true }, schema: { operationId: 'updatePlan', summary: 'Change the plan’s wishes, life story or how disagreements are settled', tags: ['plans'], params: planParams, body: updatePlanInput, response: plan } }, async (req) =>
    asResponse(await updatePlan(signedIn(req), req.params.planId, req.body)),
  );

  r.post('/api/plans/:planId/goals', { config: { access: 'plan.edit', readsCitizenData: true }, schema: { operationId: 'addGoal', summary: 'Add a goal', tags: ['plans'], params: planParams, body: addGoalInput, response: plan } }, async (req) =>
    asResponse(await addGoal(signedIn(req), req.params.planId, req.body)),
  );

  r.patch(
    '/api/plans/:planId/goals/:goalId',
    { config: { access: 'plan.write', readsCitizenData: true }, schema: { operationId: 'updateGoal', summary: 'Change a goal', tags: ['plans'], params: z.strictObject({ planId: id, goalId: id }), body: updateGoalInput, response: plan } },
    async (req) => asResponse(await updateGoalOfPlan(signedIn(req), req.params.planId, req.params.goalId, req.body)),
  );

  r.post('/api/plans/:planId/efforts', { config: { access: 'plan.edit', readsCitizenData: true }, schema: { operationId: 'addEffort', summary: 'Add an effort', tags: ['plans'], params: planParams, body: addEffortInput, response: plan } }, async (req) =>
    asResponse(await addEffort(signedIn(req), req.params.planId, req.body)),
  );

  r.patch(
    '/api/plans/:planId/efforts/:effortId',
    { config: { access: 'plan.edit', readsCitizenData: true }, schema: { operationId: 'updateEffort', summary: 'Change an effort', tags: ['plans'], params: z.strictObject({ planId: id, effortId: id }), body: updateEffortInput, response: plan } },
    async (req) => asResponse(await updateEffortOfPlan(signedIn(req), req.params.planId, req.params.effortId, req.body)),
  );

  r.post(
    '/api/plans/:planId/efforts/:effortId/support-levels',
    { config: { access: 'plan.edit', readsCitizenData: true }, schema: { operationId: 'addSupportLevel', summary: 'Set an effort’s support level from a date', tags: ['plans'], params: z.strictObject({ planId: id, effortId: id }), body: addSupportLevelInput, response: plan } },
    async (req) => asResponse(await addSupportLevel(signedIn(req), req.params.planId, req.params.effortId, req.body)),
  );

  r.post('/api/plans/:planId/agreements', { config: { access: 'plan.edit', readsCitizenData: true }, schema: { operationId: 'addAgreement', summary: 'Add an agreement', tags: ['plans'], params: planParams, body: addAgreementInput, response: plan } }, async (req) =>
    asResponse(await addAgreement(signedIn(req), req.params.planId, req.body)),
  );

  r.put('/api/plans/:planId/coordinator', { config: { access: 'plan.edit', readsCitizenData: true }, schema: { operationId: 'handOverCoordination', summary: 'Hand the coordination of the plan over', tags: ['plans'], params: planParams, body: handOverInput, response: plan } }, async (req) =>
    asResponse(await handOverCoordination(signedIn(req), req.params.planId, req.body)),
  );

  r.post('/api/plans/:planId/follow-ups', { config: { access: 'plan.edit', readsCitizenData: true }, schema: { operationId: 'addFollowUp', summary: 'Add a follow-up', tags: ['plans'], params: planParams, body: addFollowUpInput, response: plan } }, async (req) =>
    asResponse(await addFollowUp(signedIn(req), req.params.planId, req.body)),
  );

  r.post(
    '/api/plans/:planId/follow-ups/:followUpId/done',
    { config: { access: 'plan.edit', readsCitizenData: true }, schema: { operationId: 'completeFollowUp', summary: 'Mark a follow-up done', tags: ['plans'], params: z.strictObject({ planId: id, followUpId: id }), body: completeFollowUpInput, response: plan } },
    async (req) => asResponse(await completeFollowUp(signedIn(req), req.params.planId, req.params.followUpId, req.body.baseVersion)),
  );

  // A unit that cannot see the citizen's plan asks to be involved; the coordinator answers.
  r.post(
    '/api/citizens/:citizenId/involvement-requests',
    { config: { access: 'plan.requestInvolvement' }, schema: { operationId: 'requestInvolvement', summary: 'Ask for my unit to be involved in a citizen’s plan', tags: ['plans'], params: z.strictObject({ citizenId: id }), body: involvementRequestInput, response: { 200: involvementRequestResult } } },
    async (req) => requestInvolvement(signedIn(req), req.params.citizenId, req.body),
  );
  r.post(
    '/api/involvement-requests/:requestId/decision',
    // The route admits staff; the use case checks that they coordinate the plan (plan.decideInvolvement).
    { config: { access: 'plan.edit' }, schema: { operationId: 'decideInvolvement', summary: 'Accept or decline a unit’s request to be involved', tags: ['plans'], params: z.strictObject({ requestId: id }), body: involvementDecisionInput, response: { 200: involvementRequestResult } } },
    async (req) => decideInvolvement(signedIn(req), req.params.requestId, req.body),
  );

  r.post('/api/plans/:planId/comments', { config: { access: 'plan.comment', readsCitizenData: true }, schema: { operationId: 'addComment', summary: 'Comment on the plan or a part of it', tags: ['plans'], params: planParams, body: addCommentInput, response: plan } }, async (req) =>
    asResponse(await addComment(signedIn(req), req.params.planId, req.body)),
  );
}
