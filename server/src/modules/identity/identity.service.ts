import type { CitizenSummary } from '@sammen/domain/identity';
import type { SignedInCtx } from '../../platform/context.ts';
import { readCitizenData, readCitizenList } from '../../platform/reader.ts';
import type { Db } from '../../platform/db.ts';
import {
  insertProxy,
  listCitizens,
  listStaff,
  listUnits,
  selectActiveStaff,
  selectCitizen,
  selectProxiesOfCitizen,
  selectProxyOfCitizen,
  selectStaffRoles,
  selectValidProxy,
  updateProxyEnded,
  updateProxyScopes,
} from './identity.repository.ts';

const toSummary = (c: { id: string; name: string; birthDate: string }): CitizenSummary => ({
  id: c.id,
  name: c.name,
  birthYear: Number(String(c.birthDate).slice(0, 4)),
});

export function listMunicipalityUnits(ctx: SignedInCtx) {
  return listUnits(ctx.db, ctx.actor.municipalityId);
}

export function listMunicipalityStaff(ctx: SignedInCtx) {
  return listStaff(ctx.db, ctx.actor.municipalityId);
}

/** A staff search for citizens. Every citizen shown is a read, and is logged as one. */
export function searchCitizens(ctx: SignedInCtx, search: { q?: string; limit: number }) {
  return readCitizenList(ctx, { action: 'citizen.list', purpose: 'Søgning efter borger', subjectType: 'citizen' }, async (tx) => {
    const found = await listCitizens(tx, ctx.actor.municipalityId, { name: search.q, limit: search.limit });
    return { data: found.map(toSummary), citizenIds: found.map((c) => c.id) };
  });
}

/** A citizen as the register knows them (name, birth year): any municipal staff, logged. */
export function getCitizen(ctx: SignedInCtx, citizenId: string) {
  return readCitizenData(ctx, { action: 'citizen.read', purpose: 'Opslag på borger', subject: { register: citizenId }, sectionsShown: [] }, async (tx, scope) =>
    toSummary((await selectCitizen(tx, scope.municipalityId, scope.citizenId))!),
  );
}

export function getOwnProfile(ctx: SignedInCtx) {
  return readCitizenData(ctx, { action: 'citizen.readOwn', purpose: 'Mine oplysninger', subject: { own: true } }, async (tx, scope) =>
    toSummary((await selectCitizen(tx, scope.municipalityId, scope.citizenId))!),
  );
}

// ---- For other modules (they call this service, never the repository) -------------------

/** An active staff member of the municipality, or undefined. */
export const findActiveStaff = (db: Db, municipalityId: string, staffId: string) => selectActiveStaff(db, municipalityId, staffId);

/** The roles a staff member holds, per unit. */
export const listStaffRoles = (db: Db, municipalityId: string, staffId: string) => selectStaffRoles(db, municipalityId, staffId);

/** A citizen of the municipality, or undefined. */
export const findCitizen = (db: Db, municipalityId: string, citizenId: string) => selectCitizen(db, municipalityId, citizenId);

/** A proxy that is valid today, or undefined. */
export const findValidProxy = (db: Db, municipalityId: string, proxyId: string) => selectValidProxy(db, municipalityId, proxyId);

// The citizen's proxies, as the relatives page (modules/network/relatives.ts) manages them. Who
// may manage them is decided there; these only store, always within the citizen.

/** Every proxy of the citizen, ended ones too, with whether each is valid now. */
export const listProxiesOfCitizen = (db: Db, municipalityId: string, citizenId: string) => selectProxiesOfCitizen(db, municipalityId, citizenId);

/** One proxy of the citizen, ended or not; undefined for another citizen's proxy. */
export const findProxyOfCitizen = (db: Db, municipalityId: string, citizenId: string, proxyId: string) => selectProxyOfCitizen(db, municipalityId, citizenId, proxyId);

/** A new proxy (never a guardian: guardianship comes from the register), valid from now. */
export const addProxy = (db: Db, proxy: Parameters<typeof insertProxy>[1]) => insertProxy(db, proxy);

/** New scopes for a proxy still valid; false when it has ended. Effective on the proxy's next request (sessions read scopes live). */
export const changeProxyScopes = (db: Db, municipalityId: string, citizenId: string, proxyId: string, scopes: Parameters<typeof updateProxyScopes>[4]) =>
  updateProxyScopes(db, municipalityId, citizenId, proxyId, scopes);

/** Ends a proxy now; false when it had already ended. Its sessions stop on their next request. */
export const endProxy = (db: Db, municipalityId: string, citizenId: string, proxyId: string) => updateProxyEnded(db, municipalityId, citizenId, proxyId);
