import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { citizenSearchInput, citizenSummary, id, staffMember, unit } from '@sammen/domain/identity';
import { signedIn } from '../../platform/http.ts';
import { getCitizen, getOwnProfile, listMunicipalityStaff, listMunicipalityUnits, searchCitizens } from './identity.service.ts';

export function identityRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/units', { config: { access: 'unit.list' }, schema: { operationId: 'listUnits', summary: 'The units of my municipality', tags: ['identity'], response: { 200: z.array(unit) } } }, async (req) =>
    listMunicipalityUnits(signedIn(req)),
  );

  r.get('/api/staff', { config: { access: 'staff.list' }, schema: { operationId: 'listStaff', summary: 'The staff of my municipality', tags: ['identity'], response: { 200: z.array(staffMember) } } }, async (req) =>
    listMunicipalityStaff(signedIn(req)),
  );

  r.post(
    '/api/citizens/search',
    // Searching for citizens is rate-limited like login: a scraper should not walk the register.
    { config: { access: 'citizen.list', readsCitizenData: true, rateLimit: { max: 120, timeWindow: '1 minute' } }, schema: { operationId: 'searchCitizens', summary: 'Search the citizens of my municipality', tags: ['identity'], body: citizenSearchInput, response: { 200: z.array(citizenSummary) } } },
    async (req) => searchCitizens(signedIn(req), req.body),
  );

  r.get(
    '/api/citizens/:citizenId',
    { config: { access: 'citizen.read', readsCitizenData: true }, schema: { operationId: 'getCitizen', summary: 'A citizen as the municipal register knows them', tags: ['identity'], params: z.strictObject({ citizenId: id }), response: { 200: citizenSummary } } },
    async (req) => getCitizen(signedIn(req), req.params.citizenId),
  );

  r.get('/api/me', { config: { access: 'citizen.readOwn', readsCitizenData: true }, schema: { operationId: 'getOwnProfile', summary: 'The citizen I am, or am a proxy for', tags: ['identity'], response: { 200: citizenSummary } } }, async (req) =>
    getOwnProfile(signedIn(req)),
  );
}
