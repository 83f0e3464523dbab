import { can } from '@sammen/domain/access';
import type { CitizenSummary } from '@sammen/domain/identity';
import type { SignedInCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { recordRead } from '../audit/audit.service.ts';
import type { Db } from '../../platform/db.ts';
import { listCitizens, listStaff, listUnits, selectActiveStaff, selectCitizen, selectStaffRoles, selectValidProxy } from './identity.repository.ts';

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
export async function searchCitizens(ctx: SignedInCtx, search: { q?: string; limit: number }) {
  return ctx.db.transaction(async (tx) => {
    const found = await listCitizens(tx, ctx.actor.municipalityId, { name: search.q, limit: search.limit });
    for (const c of found) {
      await recordRead(tx, ctx, { action: 'citizen.list', citizenId: c.id, subjectType: 'citizen', subjectId: c.id, purpose: 'Søgning efter borger' });
    }
    return found.map(toSummary);
  });
}

export async function getCitizen(ctx: SignedInCtx, citizenId: string) {
  return ctx.db.transaction(async (tx) => {
    const citizen = await selectCitizen(tx, ctx.actor.municipalityId, citizenId);
    if (!citizen) throw new AppError('NOT_FOUND');
    if (!can(ctx.actor, 'citizen.read', { municipalityId: ctx.actor.municipalityId, citizenId })) throw new AppError('FORBIDDEN');
    await recordRead(tx, ctx, { action: 'citizen.read', citizenId, subjectType: 'citizen', subjectId: citizenId, purpose: 'Opslag på borger' });
    return toSummary(citizen);
  });
}

export async function getOwnProfile(ctx: SignedInCtx) {
  if (ctx.actor.kind !== 'citizen') throw new AppError('FORBIDDEN');
  const citizen = await selectCitizen(ctx.db, ctx.actor.municipalityId, ctx.actor.citizenId);
  if (!citizen) throw new AppError('NOT_FOUND');
  return toSummary(citizen);
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
