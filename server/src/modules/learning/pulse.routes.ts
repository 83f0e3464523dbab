import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { id } from '@sammen/domain/identity';
import {
  answerOwnPulseInput,
  answerPulseInput,
  citizenPulsesView,
  ownPulseView,
  pulseAggregatesQuery,
  pulseAggregatesView,
  pulseView,
  startPulseInput,
} from '@sammen/domain/coordination';
import { signedIn } from '../../platform/http.ts';
import { getPulseAggregates } from './pulse.aggregates.ts';
import { answerOwnPulse, getOwnPulse } from './pulse.own.ts';
import { answerPulse, closePulse, listCitizenPulses, startPulse } from './pulse.service.ts';

// The coordination pulse around one citizen (issue 16): the citizen's pulses as involved staff
// see them, started and closed by the coordinator (the service checks coordinationPulse.manage
// against the plan, as plans.routes.ts does for decideInvolvement), answered by the professionals
// asked and by the citizen, and the leaders' aggregates per coordinating unit.

const tags = ['coordination'];
const empty = z.strictObject({});
const ok = z.object({ ok: z.literal(true) });
const citizenParams = z.strictObject({ citizenId: id });
const pulseParams = z.strictObject({ pulseId: id });

export function pulseRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // Staff, through a plan their unit is involved in.
  r.get(
    '/api/citizens/:citizenId/coordination-pulses',
    { config: { access: 'coordinationPulse.read', readsCitizenData: true }, schema: { operationId: 'listCoordinationPulses', summary: 'A citizen’s coordination pulses: may I answer, do I coordinate, and (closed, for the coordinator) the results', tags, params: citizenParams, response: { 200: citizenPulsesView } } },
    async (req) => listCitizenPulses(signedIn(req), req.params.citizenId),
  );
  r.post(
    '/api/citizens/:citizenId/coordination-pulses',
    { config: { access: 'coordinationPulse.answer', readsCitizenData: true }, schema: { operationId: 'startCoordinationPulse', summary: 'The coordinator asks the professionals around the citizen (and the citizen) how well they work together', tags, params: citizenParams, body: startPulseInput, response: { 201: pulseView } } },
    async (req, reply) => reply.status(201).send(await startPulse(signedIn(req), req.params.citizenId)),
  );
  r.post(
    '/api/coordination-pulses/:pulseId/answers',
    { config: { access: 'coordinationPulse.answer' }, schema: { operationId: 'answerCoordinationPulse', summary: 'My answer to a pulse I was asked in; kept without my name', tags, params: pulseParams, body: answerPulseInput, response: { 201: ok } } },
    async (req, reply) => reply.status(201).send(await answerPulse(signedIn(req), req.params.pulseId, req.body)),
  );
  r.post(
    '/api/coordination-pulses/:pulseId/close',
    { config: { access: 'coordinationPulse.answer', readsCitizenData: true }, schema: { operationId: 'closeCoordinationPulse', summary: 'The coordinator closes a pulse; its results are computed now', tags, params: pulseParams, body: empty, response: { 200: pulseView } } },
    async (req) => closePulse(signedIn(req), req.params.pulseId),
  );

  // The citizen (or a proxy who may write in the plan).
  r.get(
    '/api/me/coordination-pulse',
    { config: { access: 'coordinationPulse.answerOwn', readsCitizenData: true }, schema: { operationId: 'getOwnCoordinationPulse', summary: 'The open pulse I have not answered, if any', tags, response: { 200: ownPulseView } } },
    async (req) => getOwnPulse(signedIn(req)),
  );
  r.post(
    '/api/me/coordination-pulses/:pulseId/answer',
    { config: { access: 'coordinationPulse.answerOwn' }, schema: { operationId: 'answerOwnCoordinationPulse', summary: 'My answer: how well they work together for me (my coordinator sees it)', tags, params: pulseParams, body: answerOwnPulseInput, response: { 201: ok } } },
    async (req, reply) => reply.status(201).send(await answerOwnPulse(signedIn(req), req.params.pulseId, req.body)),
  );

  // Leaders and admins.
  r.get(
    '/api/coordination/pulse-aggregates',
    { config: { access: 'coordinationPulse.aggregates' }, schema: { operationId: 'getCoordinationPulseAggregates', summary: 'Pulses per coordinating unit in one ended quarter (never a free range: no two periods overlap); small groups hidden', tags, querystring: pulseAggregatesQuery, response: { 200: pulseAggregatesView } } },
    async (req) => getPulseAggregates(signedIn(req), req.query),
  );
}
