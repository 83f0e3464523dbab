import {
  customType,
  foreignKey,
  pgTable,
  primaryKey,
  timestamp,
  uuid,
  type AnyPgColumn,
  type PgColumnBuilderBase,
  type PgTableExtraConfigValue,
} from 'drizzle-orm/pg-core';
import type { BuildExtraConfigColumns } from 'drizzle-orm';

// Column helpers shared by the modules' tables (modules/<m>/<m>.schema.ts). This file declares
// no table or enum of its own, so drizzle-kit does not need to read it.

/** PostgreSQL's 64-bit transaction id; read as text so both drivers agree. */
export const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

const tenantColumns = () => ({
  municipalityId: uuid('municipality_id').notNull(),
  id: uuid('id').notNull().defaultRandom(),
});

type TenantColumns = ReturnType<typeof tenantColumns>;

/**
 * A tenant table: `municipality_id` and `id` first, primary key `(municipality_id, id)`.
 * Every foreign key into it includes municipality_id (see `tenantRef`), so a row can never
 * point into another municipality. tenantTable adds no foreign key of municipality_id itself
 * to `municipalities`: the tables that have one add `municipalityRef` (identity) in `extra`.
 */
export function tenantTable<TName extends string, TColumns extends Record<string, PgColumnBuilderBase>>(
  name: TName,
  columns: TColumns,
  extra: (t: BuildExtraConfigColumns<TName, TenantColumns & TColumns, 'pg'>) => PgTableExtraConfigValue[] = () => [],
) {
  return pgTable(name, { ...tenantColumns(), ...columns }, (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    ...extra(t as BuildExtraConfigColumns<TName, TenantColumns & TColumns, 'pg'>),
  ]);
}

/**
 * A foreign key from `column` of a tenant row to another tenant table's `(municipality_id, id)`.
 * Unnamed, as the hand-written ones were: drizzle names it
 * `<table>_municipality_id_<column>_<target>_municipality_id_id_fk`.
 */
export const tenantRef = (
  t: { municipalityId: AnyPgColumn },
  column: AnyPgColumn,
  target: { municipalityId: AnyPgColumn; id: AnyPgColumn },
) => foreignKey({ columns: [t.municipalityId, column], foreignColumns: [target.municipalityId, target.id] });
