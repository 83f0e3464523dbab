import { and, eq, ilike, isNull, sql } from 'drizzle-orm';
import type { ProxyScope, RoleInUnit } from '@sammen/domain/access';
import { query, type Db } from '../../platform/db.ts';
import { citizens, municipalities, proxies, staff, staffRoleAssignments, units } from './identity.schema.ts';
import { DEMO_MUNICIPALITY_CODE } from './identity.seed.ts';

// Storage of municipalities, units, staff, citizens and proxies. Every function takes the
// municipality it works in; nothing here crosses tenants.

export async function selectMunicipality(db: Db, id: string) {
  const [row] = await db.select({ id: municipalities.id, name: municipalities.name }).from(municipalities).where(eq(municipalities.id, id));
  return row;
}

export async function listUnits(db: Db, municipalityId: string) {
  return db
    .select({ id: units.id, parentId: units.parentId, name: units.name, kind: units.kind, isPartner: units.isPartner })
    .from(units)
    .where(eq(units.municipalityId, municipalityId))
    .orderBy(units.name);
}

export async function selectStaffRoles(db: Db, municipalityId: string, staffId: string): Promise<(RoleInUnit & { unitName: string })[]> {
  return db
    .select({ unitId: staffRoleAssignments.unitId, role: staffRoleAssignments.role, unitName: units.name })
    .from(staffRoleAssignments)
    .innerJoin(units, and(eq(units.municipalityId, staffRoleAssignments.municipalityId), eq(units.id, staffRoleAssignments.unitId)))
    .where(and(eq(staffRoleAssignments.municipalityId, municipalityId), eq(staffRoleAssignments.staffId, staffId)))
    .orderBy(units.name, staffRoleAssignments.role);
}

export async function selectActiveStaff(db: Db, municipalityId: string, staffId: string) {
  const [row] = await db
    .select({ id: staff.id, name: staff.name, title: staff.title })
    .from(staff)
    .where(and(eq(staff.municipalityId, municipalityId), eq(staff.id, staffId), isNull(staff.disabledAt)));
  return row;
}

export async function selectStaffByOidc(db: Db, issuer: string, subject: string) {
  const [row] = await db
    .select({ id: staff.id, municipalityId: staff.municipalityId, disabledAt: staff.disabledAt })
    .from(staff)
    .where(and(eq(staff.oidcIssuer, issuer), eq(staff.oidcSubject, subject)));
  return row;
}

export async function listStaff(db: Db, municipalityId: string) {
  const rows = await query<{ id: string; name: string; title: string; roles: { unitId: string; unitName: string; role: string }[] }>(
    db,
    sql`SELECT s.id::text AS id, s.name, s.title,
          coalesce(json_agg(json_build_object('unitId', r.unit_id, 'unitName', u.name, 'role', r.role) ORDER BY u.name, r.role)
                   FILTER (WHERE r.role IS NOT NULL), '[]') AS roles
        FROM staff s
        LEFT JOIN staff_roles r ON r.municipality_id = s.municipality_id AND r.staff_id = s.id
        LEFT JOIN units u ON u.municipality_id = r.municipality_id AND u.id = r.unit_id
        WHERE s.municipality_id = ${municipalityId} AND s.disabled_at IS NULL
        GROUP BY s.id, s.name, s.title
        ORDER BY s.name`,
  );
  return rows.map((r) => ({ ...r, roles: typeof r.roles === 'string' ? JSON.parse(r.roles) : r.roles }));
}

export async function selectCitizen(db: Db, municipalityId: string, citizenId: string) {
  const [row] = await db
    .select({ id: citizens.id, name: citizens.name, birthDate: citizens.birthDate })
    .from(citizens)
    .where(and(eq(citizens.municipalityId, municipalityId), eq(citizens.id, citizenId)));
  return row;
}

export async function selectCitizenByCprHash(db: Db, municipalityId: string, cprHash: string) {
  const [row] = await db
    .select({ id: citizens.id, name: citizens.name, birthDate: citizens.birthDate })
    .from(citizens)
    .where(and(eq(citizens.municipalityId, municipalityId), eq(citizens.cprHash, cprHash)));
  return row;
}

export async function listCitizens(db: Db, municipalityId: string, search: { name?: string; limit: number }) {
  return db
    .select({ id: citizens.id, name: citizens.name, birthDate: citizens.birthDate })
    .from(citizens)
    .where(
      and(
        eq(citizens.municipalityId, municipalityId),
        search.name ? ilike(citizens.name, `%${search.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
      ),
    )
    .orderBy(citizens.name)
    .limit(search.limit);
}

/** A proxy that is valid now: started, not ended. */
export async function selectValidProxy(db: Db, municipalityId: string, proxyId: string) {
  const [row] = await db
    .select({ id: proxies.id, name: proxies.name, citizenId: proxies.citizenId, scopes: proxies.scopes, guardian: proxies.guardian, citizenName: citizens.name })
    .from(proxies)
    .innerJoin(citizens, and(eq(citizens.municipalityId, proxies.municipalityId), eq(citizens.id, proxies.citizenId)))
    .where(
      and(
        eq(proxies.municipalityId, municipalityId),
        eq(proxies.id, proxyId),
        sql`${proxies.validFrom} <= now()`,
        sql`(${proxies.validTo} IS NULL OR ${proxies.validTo} > now())`,
      ),
    );
  return row;
}

// ---- A citizen's proxies, as the citizen (or a guardian of a minor) manages them ---------

const proxyColumns = {
  id: proxies.id,
  name: proxies.name,
  relation: proxies.relation,
  scopes: proxies.scopes,
  guardian: proxies.guardian,
  validFrom: proxies.validFrom,
  validTo: proxies.validTo,
  active: sql<boolean>`(${proxies.validFrom} <= now() AND (${proxies.validTo} IS NULL OR ${proxies.validTo} > now()))`,
};
const stillValid = sql`(${proxies.validTo} IS NULL OR ${proxies.validTo} > now())`;

/** Every proxy of the citizen, ended ones too (the citizen sees whom they gave access, and until when). */
export async function selectProxiesOfCitizen(db: Db, municipalityId: string, citizenId: string) {
  return db
    .select(proxyColumns)
    .from(proxies)
    .where(and(eq(proxies.municipalityId, municipalityId), eq(proxies.citizenId, citizenId)))
    .orderBy(proxies.validFrom, proxies.name);
}

/** One proxy of the citizen (ended or not), or undefined — another citizen's proxy is not found. */
export async function selectProxyOfCitizen(db: Db, municipalityId: string, citizenId: string, proxyId: string) {
  const [row] = await db
    .select(proxyColumns)
    .from(proxies)
    .where(and(eq(proxies.municipalityId, municipalityId), eq(proxies.citizenId, citizenId), eq(proxies.id, proxyId)));
  return row;
}

export async function insertProxy(db: Db, values: { municipalityId: string; citizenId: string; name: string; relation: string; scopes: ProxyScope[] }) {
  const [row] = await db.insert(proxies).values({ ...values, guardian: false }).returning({ id: proxies.id });
  return row!.id;
}

/** Changes what a proxy that is still valid may do; false when there is none. */
export async function updateProxyScopes(db: Db, municipalityId: string, citizenId: string, proxyId: string, scopes: ProxyScope[]) {
  const rows = await db
    .update(proxies)
    .set({ scopes })
    .where(and(eq(proxies.municipalityId, municipalityId), eq(proxies.citizenId, citizenId), eq(proxies.id, proxyId), stillValid))
    .returning({ id: proxies.id });
  return rows.length > 0;
}

/** Ends a proxy that is still valid, now; false when there is none. */
export async function updateProxyEnded(db: Db, municipalityId: string, citizenId: string, proxyId: string) {
  const rows = await db
    .update(proxies)
    .set({ validTo: sql`now()` })
    .where(and(eq(proxies.municipalityId, municipalityId), eq(proxies.citizenId, citizenId), eq(proxies.id, proxyId), stillValid))
    .returning({ id: proxies.id });
  return rows.length > 0;
}

/**
 * Everyone a demo visitor may log in as — in the demo municipality only, so a
 * synthetic municipality loaded beside it does not put 100,000 people in the picker.
 */
export async function listPersonas(db: Db) {
  return query<{ kind: 'staff' | 'citizen' | 'proxy'; id: string; name: string; description: string; municipality: string }>(
    db,
    sql`SELECT 'staff' AS kind, s.id::text AS id, s.name, s.title || ' · ' || string_agg(DISTINCT u.name, ', ') AS description, m.name AS municipality
          FROM staff s JOIN municipalities m ON m.id = s.municipality_id
          JOIN staff_roles r ON r.municipality_id = s.municipality_id AND r.staff_id = s.id
          JOIN units u ON u.municipality_id = r.municipality_id AND u.id = r.unit_id
         WHERE s.disabled_at IS NULL AND m.code = ${DEMO_MUNICIPALITY_CODE}
         GROUP BY s.id, s.name, s.title, m.name
        UNION ALL
        SELECT 'citizen', c.id::text, c.name, 'Borger, født ' || extract(year FROM c.birth_date)::text, m.name
          FROM citizens c JOIN municipalities m ON m.id = c.municipality_id
         WHERE m.code = ${DEMO_MUNICIPALITY_CODE}
        UNION ALL
        SELECT 'proxy', p.id::text, p.name, initcap(p.relation) || ' til ' || c.name, m.name
          FROM proxies p JOIN citizens c ON c.municipality_id = p.municipality_id AND c.id = p.citizen_id
          JOIN municipalities m ON m.id = p.municipality_id
         WHERE m.code = ${DEMO_MUNICIPALITY_CODE} AND (p.valid_to IS NULL OR p.valid_to > now())
        ORDER BY 5, 1 DESC, 3`,
  );
}

/** Finds which municipality a persona belongs to; demo login only. */
export async function selectPersonaMunicipality(db: Db, kind: 'staff' | 'citizen' | 'proxy', id: string) {
  const table = kind === 'staff' ? staff : kind === 'citizen' ? citizens : proxies;
  const [row] = await db.select({ municipalityId: table.municipalityId }).from(table).where(eq(table.id, id));
  return row?.municipalityId;
}
