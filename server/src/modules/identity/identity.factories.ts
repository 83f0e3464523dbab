import { randomBytes } from 'node:crypto';
import type { ProxyScope, StaffRole } from '@sammen/domain/access';
import type { UnitKind } from '@sammen/domain/identity';
import type { Database } from '../../platform/db.ts';
import { encryptCpr, hashCpr } from '../../platform/cpr.ts';
import { testConfig } from '../../../test/helpers.ts';
import { citizens, municipalities, proxies, staff, staffRoleAssignments, units } from './identity.schema.ts';

// Test factories for identity's rows. Each makes unique data, so no test depends on the seed
// or on another test.

let counter = 0;
const unique = (prefix: string) => `${prefix} ${process.pid}-${++counter}-${randomBytes(3).toString('hex')}`;

export async function aMunicipality(database: Database, name = unique('Testkommune')) {
  const code = `t${randomBytes(4).toString('hex')}`;
  const [row] = await database.db.insert(municipalities).values({ code, name }).returning();
  return row!;
}

export async function aUnit(database: Database, municipalityId: string, kind: UnitKind = 'jobcenter', name = unique('Enhed')) {
  const [row] = await database.db.insert(units).values({ municipalityId, name, kind, isPartner: kind === 'partner' }).returning();
  return row!;
}

export async function aStaffMember(database: Database, municipalityId: string, roles: [string, StaffRole][], extra: Partial<typeof staff.$inferInsert> = {}) {
  const [row] = await database.db.insert(staff).values({ municipalityId, name: unique('Medarbejder'), title: 'Sagsbehandler', ...extra }).returning();
  if (roles.length) {
    await database.db.insert(staffRoleAssignments).values(roles.map(([unitId, role]) => ({ municipalityId, staffId: row!.id, unitId, role })));
  }
  return row!;
}

const testKeys = testConfig();

export async function aCitizen(database: Database, municipalityId: string, name = unique('Borger'), cpr = `0101${String(10 + (counter % 80)).padStart(2, '0')}${String(1000 + (++counter % 9000))}`) {
  const [row] = await database.db
    .insert(citizens)
    .values({ municipalityId, name, birthDate: '1980-01-01', cprEncrypted: encryptCpr(testKeys, cpr), cprHash: hashCpr(testKeys, cpr) })
    .returning();
  return row!;
}

export async function aProxy(database: Database, municipalityId: string, citizenId: string, scopes: ProxyScope[], extra: Partial<typeof proxies.$inferInsert> = {}) {
  const [row] = await database.db.insert(proxies).values({ municipalityId, citizenId, name: unique('Pårørende'), relation: 'mor', scopes, ...extra }).returning();
  return row!;
}

/** A municipality with a jobcenter, a caseworker, a citizen and a citizen of its own. */
export async function aSmallMunicipality(database: Database) {
  const municipality = await aMunicipality(database);
  const jobcenter = await aUnit(database, municipality.id, 'jobcenter');
  const family = await aUnit(database, municipality.id, 'family');
  const caseworker = await aStaffMember(database, municipality.id, [[jobcenter.id, 'caseworker'], [family.id, 'coordinator']]);
  const admin = await aStaffMember(database, municipality.id, [[jobcenter.id, 'admin']]);
  const citizen = await aCitizen(database, municipality.id);
  return { municipality, jobcenter, family, caseworker, admin, citizen };
}
