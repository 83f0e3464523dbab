import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { id } from '@sammen/domain/identity';
import {
  caseWork,
  closeComplaintInput,
  complaintListQuery,
  complaintView,
  ownDecisionsView,
  recordComplaintContactInput,
  registerComplaintInput,
  registerOwnComplaintInput,
} from '@sammen/domain/decisions';
import { signedIn } from '../../platform/http.ts';
import { getOwnDecisions } from './cases.own.ts';
import { getCaseWork } from './cases.work.ts';
import { closeComplaint, getComplaint, listComplaints, recordComplaintContact, registerComplaint, registerOwnComplaint } from './complaints.service.ts';

// Complaints answered by a person, the caseworker's work list of deadlines and the citizen's
// decisions page (issue 14). Decisions, requests and letters are decisions.routes.ts.

const tags = ['complaints'];
const complaintParams = z.strictObject({ complaintId: id });

export function complaintsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // The citizen's page: requests, decisions, complaints, letters; and a complaint in their own words.
  r.get('/api/me/decisions', { config: { access: 'decision.readOwn', readsCitizenData: true }, schema: { operationId: 'getOwnDecisions', summary: 'My requests with their deadlines, decisions, complaints and letters', tags, response: { 200: ownDecisionsView } } }, async (req) =>
    getOwnDecisions(signedIn(req)),
  );
  r.post(
    '/api/me/complaints',
    { config: { access: 'complaint.submitOwn', readsCitizenData: true }, schema: { operationId: 'registerOwnComplaint', summary: 'Complain in my own words, about a decision or about how I was met', tags, body: registerOwnComplaintInput, response: { 201: z.object({ id }) } } },
    async (req, reply) => reply.status(201).send(await registerOwnComplaint(signedIn(req), req.body)),
  );

  // Staff: the complaints the unit handles or follows; one complaint; contacts; the close.
  r.get('/api/complaints', { config: { access: 'complaint.read', readsCitizenData: true }, schema: { operationId: 'listComplaints', summary: 'Complaints my unit handles or follows', tags, querystring: complaintListQuery, response: { 200: z.object({ complaints: z.array(complaintView) }) } } }, async (req) =>
    listComplaints(signedIn(req), req.query),
  );
  r.post(
    '/api/complaints',
    { config: { access: 'complaint.register', readsCitizenData: true }, schema: { operationId: 'registerComplaint', summary: 'Register a complaint from a call, letter, e-mail or meeting; the deadlines start on the day of receipt', tags, body: registerComplaintInput, response: { 201: complaintView } } },
    async (req, reply) => reply.status(201).send(await registerComplaint(signedIn(req), req.body)),
  );
  r.get('/api/complaints/:complaintId', { config: { access: 'complaint.read', readsCitizenData: true }, schema: { operationId: 'getComplaint', summary: 'A complaint with its deadlines, contacts and outcome', tags, params: complaintParams, response: { 200: complaintView } } }, async (req) =>
    getComplaint(signedIn(req), req.params.complaintId),
  );
  r.post(
    '/api/complaints/:complaintId/contacts',
    { config: { access: 'complaint.handle', readsCitizenData: true }, schema: { operationId: 'recordComplaintContact', summary: 'Record a personal contact with the citizen (the deadlines do not change)', tags, params: complaintParams, body: recordComplaintContactInput, response: { 200: complaintView } } },
    async (req) => recordComplaintContact(signedIn(req), req.params.complaintId, req.body),
  );
  r.post(
    '/api/complaints/:complaintId/close',
    { config: { access: 'complaint.handle', readsCitizenData: true }, schema: { operationId: 'closeComplaint', summary: 'Close a complaint: resolved in dialogue, decision changed, forwarded or answered', tags, params: complaintParams, body: closeComplaintInput, response: { 200: complaintView } } },
    async (req) => closeComplaint(signedIn(req), req.params.complaintId, req.body),
  );

  // The caseworker's deadlines.
  r.get('/api/case-work', { config: { access: 'caseWork.read', readsCitizenData: true }, schema: { operationId: 'getCaseWork', summary: 'Due and overdue deadlines of requests and complaints in my unit', tags, response: { 200: caseWork } } }, async (req) =>
    getCaseWork(signedIn(req)),
  );
}
