import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { id } from '@sammen/domain/identity';
import {
  breachLetterInput,
  caseFiguresQuery,
  caseFiguresView,
  caseSettingsInput,
  caseSettingsView,
  decisionTypeInput,
  decisionTypeView,
  draftDecisionInput,
  issueDecisionInput,
  letterView,
  recordDialogueInput,
  registerOwnRequestInput,
  registerRequestInput,
  requestListView,
  requestListQuery,
  requestView,
} from '@sammen/domain/decisions';
import { signedIn } from '../../platform/http.ts';
import { caseFigures } from './decisions.figures.ts';
import {
  changeDecisionType,
  createDecisionType,
  getCaseSettings,
  getLetter,
  getRequest,
  issueDecision,
  listDecisionTypes,
  listRequests,
  recordDialogue,
  registerOwnRequest,
  registerRequest,
  saveDraft,
  setCaseSettings,
  writeBreachLetter,
} from './decisions.service.ts';

// Decisions made in dialogue (issue 14): decision types and the deadline setting, requests and
// their clock, the dialogue, the draft and the decision, the breach letter, letters, figures.
// Complaints, the citizen's page and the work list are complaints.routes.ts.

const tags = ['decisions'];
const requestParams = z.strictObject({ requestId: id });

export function decisionsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // Decision types and the municipality's deadline setting (no citizen data).
  r.get('/api/decision-types', { config: { access: 'decisionType.read' }, schema: { operationId: 'listDecisionTypes', summary: 'The municipality’s decision types with their published deadlines (the citizen sees the active ones)', tags, response: { 200: z.object({ decisionTypes: z.array(decisionTypeView) }) } } }, async (req) =>
    listDecisionTypes(signedIn(req)),
  );
  r.post('/api/decision-types', { config: { access: 'decisionType.manage' }, schema: { operationId: 'createDecisionType', summary: 'A decision type with its legal basis, deciding unit and processing deadline', tags, body: decisionTypeInput, response: { 201: decisionTypeView } } }, async (req, reply) =>
    reply.status(201).send(await createDecisionType(signedIn(req), req.body)),
  );
  r.put(
    '/api/decision-types/:decisionTypeId',
    { config: { access: 'decisionType.manage' }, schema: { operationId: 'changeDecisionType', summary: 'Change a decision type (running deadlines keep theirs)', tags, params: z.strictObject({ decisionTypeId: id }), body: decisionTypeInput, response: { 200: decisionTypeView } } },
    async (req) => changeDecisionType(signedIn(req), req.params.decisionTypeId, req.body),
  );
  r.get('/api/case-settings', { config: { access: 'decisionType.read' }, schema: { operationId: 'getCaseSettings', summary: 'Which extra days are closed, and the personal-contact deadline on complaints', tags, response: { 200: caseSettingsView } } }, async (req) =>
    getCaseSettings(signedIn(req)),
  );
  r.put('/api/case-settings', { config: { access: 'caseSettings.manage' }, schema: { operationId: 'setCaseSettings', summary: 'Set the deadline setting: it applies to deadlines computed from now on', tags, body: caseSettingsInput, response: { 200: caseSettingsView } } }, async (req) =>
    setCaseSettings(signedIn(req), req.body),
  );

  // Requests and their clock.
  r.get('/api/requests', { config: { access: 'request.read', readsCitizenData: true }, schema: { operationId: 'listRequests', summary: 'Requests my unit decides, or that my unit (or I) sent', tags, querystring: requestListQuery, response: { 200: requestListView } } }, async (req) =>
    listRequests(signedIn(req), req.query),
  );
  r.post('/api/requests', { config: { access: 'request.register', readsCitizenData: true }, schema: { operationId: 'registerRequest', summary: 'Register a request, one’s own or on behalf of a colleague, with its urgency; the deadline starts on the day of receipt', tags, body: registerRequestInput, response: { 201: requestView } } }, async (req, reply) =>
    reply.status(201).send(await registerRequest(signedIn(req), req.body)),
  );
  r.get('/api/requests/:requestId', { config: { access: 'request.read', readsCitizenData: true }, schema: { operationId: 'getRequest', summary: 'A request: its deadline in words, days left, dialogue, decisions and letters', tags, params: requestParams, response: { 200: requestView } } }, async (req) =>
    getRequest(signedIn(req), req.params.requestId),
  );
  r.post(
    '/api/requests/:requestId/dialogue',
    { config: { access: 'dialogue.record', readsCitizenData: true }, schema: { operationId: 'recordDialogue', summary: 'Record a call or meeting with the citizen before the decision, or why contact was not possible', tags, params: requestParams, body: recordDialogueInput, response: { 200: requestView } } },
    async (req) => recordDialogue(signedIn(req), req.params.requestId, req.body),
  );
  r.put(
    '/api/requests/:requestId/draft-decision',
    { config: { access: 'decision.make', readsCitizenData: true }, schema: { operationId: 'saveDraftDecision', summary: 'Save the decision as it is written (the deciding unit); LIX of the reasons is stored', tags, params: requestParams, body: draftDecisionInput, response: { 200: requestView } } },
    async (req) => saveDraft(signedIn(req), req.params.requestId, req.body),
  );
  r.post(
    '/api/requests/:requestId/decision',
    { config: { access: 'decision.make', readsCitizenData: true }, schema: { operationId: 'issueDecision', summary: 'Issue the saved draft with appeal guidance and a letter; a refusal or partial grant needs a dialogue contact first', tags, params: requestParams, body: issueDecisionInput, response: { 200: requestView } } },
    async (req) => issueDecision(signedIn(req), req.params.requestId, req.body),
  );
  r.post(
    '/api/requests/:requestId/breach-letter',
    { config: { access: 'decision.make', readsCitizenData: true }, schema: { operationId: 'writeBreachLetter', summary: 'Tell the citizen in writing that the deadline is breached, and when to expect a decision', tags, params: requestParams, body: breachLetterInput, response: { 200: requestView } } },
    async (req) => writeBreachLetter(signedIn(req), req.params.requestId, req.body),
  );
  r.post('/api/me/requests', { config: { access: 'request.submitOwn', readsCitizenData: true }, schema: { operationId: 'registerOwnRequest', summary: 'Apply for something, in my own words', tags, body: registerOwnRequestInput, response: { 201: z.object({ id }) } } }, async (req, reply) =>
    reply.status(201).send(await registerOwnRequest(signedIn(req), req.body)),
  );

  // Letters and figures.
  r.get('/api/letters/:letterId', { config: { access: 'letter.read', readsCitizenData: true }, schema: { operationId: 'getLetter', summary: 'A letter to the citizen: my own, or one about a request or complaint my unit sees', tags, params: z.strictObject({ letterId: id }), response: { 200: letterView } } }, async (req) =>
    getLetter(signedIn(req), req.params.letterId),
  );
  r.get('/api/case-figures', { config: { access: 'caseFigures.read' }, schema: { operationId: 'getCaseFigures', summary: 'Time to decision, dialogue before negative decisions, complaints’ contact and outcomes (counts only; default the last 365 days)', tags, querystring: caseFiguresQuery, response: { 200: caseFiguresView } } }, async (req) =>
    caseFigures(signedIn(req), req.query),
  );
}
