import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { id } from '@sammen/domain/identity';
import {
  accessLogPage,
  accessLogQuery,
  breakGlassInput,
  breakGlassView,
  consentView,
  declineProposalInput,
  giveConsentInput,
  planSection,
  proposeConsentInput,
  recordConsentInput,
  reviewBreakGlassInput,
} from '@sammen/domain/consent';
import { signedIn } from '../../platform/http.ts';
import {
  acceptProposal,
  declineProposal,
  exportOwnData,
  getAccessLog,
  giveConsent,
  listBreakGlassForReview,
  listCitizenConsents,
  listOwnConsents,
  openBreakGlass,
  proposeConsent,
  recordConsent,
  revocationImpact,
  reviewBreakGlass,
  revokeConsent,
} from './consent.service.ts';

const ownConsents = { 200: z.object({ consents: z.array(consentView), breakGlass: z.array(breakGlassView) }) };
const consentParams = z.strictObject({ consentId: id });
const citizenParams = z.strictObject({ citizenId: id });
const empty = z.strictObject({});

export function consentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { config } = app.sammen;

  // The citizen's side.
  r.get('/api/me/consents', { config: { access: 'consent.readOwn', readsCitizenData: true }, schema: { operationId: 'listOwnConsents', summary: 'My consents, and break-glass access to my plan', tags: ['consent'], response: ownConsents } }, async (req) => listOwnConsents(signedIn(req)));
  r.post('/api/me/consents', { config: { access: 'consent.manage', readsCitizenData: true }, schema: { operationId: 'giveConsent', summary: 'Give a consent', tags: ['consent'], body: giveConsentInput, response: ownConsents } }, async (req) =>
    giveConsent(signedIn(req), req.body),
  );
  r.post('/api/me/consents/:consentId/give', { config: { access: 'consent.manage', readsCitizenData: true }, schema: { operationId: 'acceptConsentProposal', summary: 'Give a consent that staff proposed', tags: ['consent'], params: consentParams, body: empty, response: ownConsents } }, async (req) =>
    acceptProposal(signedIn(req), req.params.consentId),
  );
  r.post('/api/me/consents/:consentId/decline', { config: { access: 'consent.manage', readsCitizenData: true }, schema: { operationId: 'declineConsentProposal', summary: 'Say no to a consent that staff proposed, with an optional reason', tags: ['consent'], params: consentParams, body: declineProposalInput, response: ownConsents } }, async (req) =>
    declineProposal(signedIn(req), req.params.consentId, req.body.reason),
  );
  r.post('/api/me/consents/:consentId/revoke', { config: { access: 'consent.manage', readsCitizenData: true }, schema: { operationId: 'revokeConsent', summary: 'Revoke a consent', tags: ['consent'], params: consentParams, body: empty, response: ownConsents } }, async (req) =>
    revokeConsent(signedIn(req), req.params.consentId),
  );
  r.get(
    '/api/me/consents/:consentId/impact',
    { config: { access: 'consent.readOwn', readsCitizenData: true }, schema: { operationId: 'getRevocationImpact', summary: 'What a unit would no longer see if I revoked a consent', tags: ['consent'], params: consentParams, response: { 200: z.object({ consentId: id, loses: z.array(planSection), keeps: z.array(planSection) }) } } },
    async (req) => revocationImpact(signedIn(req), req.params.consentId),
  );
  r.get('/api/me/access-log', { config: { access: 'accessLog.readOwn', readsCitizenData: true }, schema: { operationId: 'getOwnAccessLog', summary: 'Who has read my data, and why', tags: ['consent'], querystring: accessLogQuery, response: { 200: accessLogPage } } }, async (req) =>
    getAccessLog(signedIn(req), req.query),
  );
  r.get(
    '/api/me/export',
    { config: { access: 'export.readOwn', readsCitizenData: true, rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } }, schema: { operationId: 'exportOwnData', summary: 'All my data, as a file', tags: ['consent'] } },
    async (req, reply) => {
      reply.header('Content-Disposition', 'attachment; filename="sammen-mine-data.json"');
      return exportOwnData(signedIn(req));
    },
  );

  // The staff side, reached through a citizen's plan.
  r.get('/api/citizens/:citizenId/consents', { config: { access: 'consent.read', readsCitizenData: true }, schema: { operationId: 'listCitizenConsents', summary: 'A citizen’s consents', tags: ['consent'], params: citizenParams, response: { 200: z.array(consentView) } } }, async (req) =>
    listCitizenConsents(signedIn(req), req.params.citizenId),
  );
  r.post(
    '/api/citizens/:citizenId/consents/proposals',
    { config: { access: 'consent.propose', readsCitizenData: true }, schema: { operationId: 'proposeConsent', summary: 'Propose a consent to the citizen', tags: ['consent'], params: citizenParams, body: proposeConsentInput, response: { 200: z.array(consentView) } } },
    async (req) => proposeConsent(signedIn(req), req.params.citizenId, req.body),
  );
  r.post(
    '/api/citizens/:citizenId/consents/records',
    { config: { access: 'consent.record', readsCitizenData: true }, schema: { operationId: 'recordConsent', summary: 'Record a consent given on paper or orally', tags: ['consent'], params: citizenParams, body: recordConsentInput, response: { 200: z.array(consentView) } } },
    async (req) => recordConsent(signedIn(req), req.params.citizenId, req.body),
  );

  r.post(
    '/api/citizens/:citizenId/break-glass',
    { config: { access: 'breakGlass.open' }, schema: { operationId: 'openBreakGlass', summary: 'Open a citizen’s plan in an emergency (break-glass)', tags: ['consent'], params: citizenParams, body: breakGlassInput, response: { 200: z.object({ id, planId: id, expiresAt: z.string() }) } } },
    async (req) => openBreakGlass(signedIn(req), req.params.citizenId, req.body),
  );
  r.get('/api/break-glass', { config: { access: 'breakGlass.review', readsCitizenData: true }, schema: { operationId: 'listBreakGlassForReview', summary: 'Break-glass access my unit’s leader has to review', tags: ['consent'], response: { 200: z.array(breakGlassView) } } }, async (req) =>
    listBreakGlassForReview(signedIn(req)),
  );
  r.post(
    '/api/break-glass/:breakGlassId/review',
    { config: { access: 'breakGlass.review', readsCitizenData: true }, schema: { operationId: 'reviewBreakGlass', summary: 'Mark a break-glass access reviewed', tags: ['consent'], params: z.strictObject({ breakGlassId: id }), body: reviewBreakGlassInput, response: { 200: z.array(breakGlassView) } } },
    async (req) => reviewBreakGlass(signedIn(req), req.params.breakGlassId, req.body.note),
  );
}
