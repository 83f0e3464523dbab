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
import { getStaffDirectory, getWorkList } from './use-cases/work-list.ts';

const plan = { 200: planView };
const planParams = z.strictObject({ planId: id });

export function planRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/worklist', { config: { access: 'worklist.read', readsCitizenData: true }, schema: { response: { 200: workList } } }, async (req) => getWorkList(signedIn(req)));

  r.get(
    '/api/staff/directory',
    {
      config: { access: 'staff.directory' },
      schema: { response: { 200: z.array(z.object({ id, name: z.string(), title: z.string(), units: z.array(z.object({ id, name: z.string() })).nullable() })) } },
    },
    async (req) => getStaffDirectory(signedIn(req)),
  );

  r.get('/api/citizens/:citizenId/plan', { config: { access: 'plan.read', readsCitizenData: true }, schema: { params: z.strictObject({ citizenId: id }), response: plan } }, async (req) =>
    getPlanOfCitizen(signedIn(req), req.params.citizenId),
  );

  r.get(
    '/api/citizens/:citizenId/plan/summary',
    { config: { access: 'plan.read', readsCitizenData: true }, schema: { params: z.strictObject({ citizenId: id }), response: { 200: planSummary } } },
    async (req) => getPlanSummaryOfCitizen(signedIn(req), req.params.citizenId),
  );

  r.post(
    '/api/citizens/:citizenId/plan',
    { config: { access: 'plan.create', readsCitizenData: true }, schema: { params: z.strictObject({ citizenId: id }), body: createPlanInput, response: plan } },
    async (req) => createPlan(signedIn(req), req.params.citizenId, req.body),
  );

  r.get('/api/me/plan', { config: { access: 'plan.read', readsCitizenData: true }, schema: { response: plan } }, async (req) => getOwnPlan(signedIn(req)));

  r.get('/api/plans/:planId', { config: { access: 'plan.read', readsCitizenData: true }, schema: { params: planParams, response: plan } }, async (req) =>
    getPlan(signedIn(req), req.params.planId),
  );

  r.get(
    '/api/plans/:planId/history',
    { config: { access: 'plan.read', readsCitizenData: true }, schema: { params: planParams, querystring: historyQuery, response: { 200: historyPage } } },
    async (req) => getPlanHistory(signedIn(req), req.params.planId, req.query),
  );

  // Staff edit everything; the citizen (or a proxy with the scope) writes their own words.
  // The route admits either; the use case decides which action applies to who is asking.
  r.patch('/api/plans/:planId', { config: { access: 'plan.write', readsCitizenData: true }, schema: { params: planParams, body: updatePlanInput, response: plan } }, async (req) =>
    updatePlan(signedIn(req), req.params.planId, req.body),
  );

  r.post('/api/plans/:planId/goals', { config: { access: 'plan.edit', readsCitizenData: true }, schema: { params: planParams, body: addGoalInput, response: plan } }, async (req) =>
    addGoal(signedIn(req), req.params.planId, req.body),
  );

  r.patch(
    '/api/plans/:planId/goals/:goalId',
    { config: { access: 'plan.write', readsCitizenData: true }, schema: { params: z.strictObject({ planId: id, goalId: id }), body: updateGoalInput, response: plan } },
    async (req) => updateGoalOfPlan(signedIn(req), req.params.planId, req.params.goalId, req.body),
  );

  r.post('/api/plans/:planId/efforts', { config: { access: 'plan.edit', readsCitizenData: true }, schema: { params: planParams, body: addEffortInput, response: plan } }, async (req) =>
    addEffort(signedIn(req), req.params.planId, req.body),
  );

  r.patch(
    '/api/plans/:planId/efforts/:effortId',
    { config: { access: 'plan.edit', readsCitizenData: true }, schema: { params: z.strictObject({ planId: id, effortId: id }), body: updateEffortInput, response: plan } },
    async (req) => updateEffortOfPlan(signedIn(req), req.params.planId, req.params.effortId, req.body),
  );

  r.post(
    '/api/plans/:planId/efforts/:effortId/support-levels',
    { config: { access: 'plan.edit', readsCitizenData: true }, schema: { params: z.strictObject({ planId: id, effortId: id }), body: addSupportLevelInput, response: plan } },
    async (req) => addSupportLevel(signedIn(req), req.params.planId, req.params.effortId, req.body),
  );

  r.post('/api/plans/:planId/agreements', { config: { access: 'plan.edit', readsCitizenData: true }, schema: { params: planParams, body: addAgreementInput, response: plan } }, async (req) =>
    addAgreement(signedIn(req), req.params.planId, req.body),
  );

  r.put('/api/plans/:planId/coordinator', { config: { access: 'plan.edit', readsCitizenData: true }, schema: { params: planParams, body: handOverInput, response: plan } }, async (req) =>
    handOverCoordination(signedIn(req), req.params.planId, req.body),
  );

  r.post('/api/plans/:planId/follow-ups', { config: { access: 'plan.edit', readsCitizenData: true }, schema: { params: planParams, body: addFollowUpInput, response: plan } }, async (req) =>
    addFollowUp(signedIn(req), req.params.planId, req.body),
  );

  r.post(
    '/api/plans/:planId/follow-ups/:followUpId/done',
    { config: { access: 'plan.edit', readsCitizenData: true }, schema: { params: z.strictObject({ planId: id, followUpId: id }), body: completeFollowUpInput, response: plan } },
    async (req) => completeFollowUp(signedIn(req), req.params.planId, req.params.followUpId, req.body.baseVersion),
  );

  r.post('/api/plans/:planId/comments', { config: { access: 'plan.comment', readsCitizenData: true }, schema: { params: planParams, body: addCommentInput, response: plan } }, async (req) =>
    addComment(signedIn(req), req.params.planId, req.body),
  );
}
