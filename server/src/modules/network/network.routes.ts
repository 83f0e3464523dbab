import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { id } from '@sammen/domain/identity';
import {
  changeRelativeScopesInput,
  endNetworkPersonInput,
  inviteRelativeInput,
  networkDistribution,
  networkView,
  recordNetworkPersonInput,
  relativesView,
} from '@sammen/domain/network';
import { signedIn } from '../../platform/http.ts';
import { endNetworkPerson, getCitizenNetwork, getNetworkDistribution, getOwnNetwork, recordNetworkPerson } from './network.service.ts';
import { changeRelativeScopes, endRelative, inviteRelative, listRelatives } from './relatives.ts';

// The network around a citizen, and the relatives the citizen gives access (issue 13). Every
// write answers with the whole view: 201 when it adds a person (record, invite), 200 otherwise.

const citizenParams = z.strictObject({ citizenId: id });
const memberParams = z.strictObject({ citizenId: id, memberId: id });
const proxyParams = z.strictObject({ proxyId: id });
const empty = z.strictObject({});
const network = { 200: networkView };
const relatives = { 200: relativesView };
const tags = ['network'];

export function networkRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // Staff, through a plan their unit is involved in.
  r.get('/api/citizens/:citizenId/network', { config: { access: 'network.read', readsCitizenData: true }, schema: { operationId: 'getCitizenNetwork', summary: 'Everyone around a citizen: professionals, relatives, volunteers', tags, params: citizenParams, response: network } }, async (req) =>
    getCitizenNetwork(signedIn(req), req.params.citizenId),
  );
  r.post('/api/citizens/:citizenId/network', { config: { access: 'network.record', readsCitizenData: true }, schema: { operationId: 'recordNetworkPerson', summary: 'Record a person on the citizen’s network', tags, params: citizenParams, body: recordNetworkPersonInput, response: { 201: networkView } } }, async (req, reply) =>
    reply.status(201).send(await recordNetworkPerson(signedIn(req), req.params.citizenId, req.body)),
  );
  r.post('/api/citizens/:citizenId/network/:memberId/end', { config: { access: 'network.record', readsCitizenData: true }, schema: { operationId: 'endNetworkPerson', summary: 'A recorded person leaves the citizen’s network', tags, params: memberParams, body: endNetworkPersonInput, response: network } }, async (req) =>
    endNetworkPerson(signedIn(req), req.params.citizenId, req.params.memberId, req.body.until),
  );
  r.get('/api/network/statistics', { config: { access: 'network.statistics' }, schema: { operationId: 'getNetworkDistribution', summary: 'How many professionals and caseworker changes citizens have (counts only)', tags, response: { 200: networkDistribution } } }, async (req) =>
    getNetworkDistribution(signedIn(req)),
  );

  // The citizen's side.
  r.get('/api/me/network', { config: { access: 'network.read', readsCitizenData: true }, schema: { operationId: 'getOwnNetwork', summary: 'The people around me', tags, response: network } }, async (req) =>
    getOwnNetwork(signedIn(req)),
  );
  r.get('/api/me/relatives', { config: { access: 'relatives.readOwn', readsCitizenData: true }, schema: { operationId: 'listRelatives', summary: 'My relatives and what each may do', tags, response: relatives } }, async (req) =>
    listRelatives(signedIn(req)),
  );
  r.post('/api/me/relatives', { config: { access: 'relatives.manage', readsCitizenData: true }, schema: { operationId: 'inviteRelative', summary: 'Give a relative access', tags, body: inviteRelativeInput, response: { 201: relativesView } } }, async (req, reply) =>
    reply.status(201).send(await inviteRelative(signedIn(req), req.body)),
  );
  r.put('/api/me/relatives/:proxyId/scopes', { config: { access: 'relatives.manage', readsCitizenData: true }, schema: { operationId: 'changeRelativeScopes', summary: 'Change what a relative may do', tags, params: proxyParams, body: changeRelativeScopesInput, response: relatives } }, async (req) =>
    changeRelativeScopes(signedIn(req), req.params.proxyId, req.body.scopes),
  );
  r.post('/api/me/relatives/:proxyId/end', { config: { access: 'relatives.manage', readsCitizenData: true }, schema: { operationId: 'endRelative', summary: 'End a relative’s access', tags, params: proxyParams, body: empty, response: relatives } }, async (req) =>
    endRelative(signedIn(req), req.params.proxyId),
  );
}
