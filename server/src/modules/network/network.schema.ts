import { date, index, pgEnum, text, uuid } from 'drizzle-orm/pg-core';
import { networkPersonKinds } from '@sammen/domain/network';
import { createdAt, tenantRef, tenantTable } from '../../platform/schema.ts';
import { citizens, staff, units } from '../identity/identity.schema.ts';
import { efforts } from '../plans/plans.schema.ts';

// The network (issue 13): the people around a citizen that the plan does not already name —
// partner staff, volunteers, relatives without access, a second support worker on an effort.
// Staff from the plan (coordinator, each effort's responsible person) and relatives with access
// (proxies) are read from their own tables; these rows add the rest.

export const networkPersonKind = pgEnum('network_person_kind', networkPersonKinds);

export const networkMembers = tenantTable(
  'network_members',
  {
    citizenId: uuid('citizen_id').notNull(),
    kind: networkPersonKind('kind').notNull(),
    /** A staff member of the municipality, for kind 'staff' (their name and unit come from identity). */
    staffId: uuid('staff_id'),
    name: text('name').notNull().default(''),
    role: text('role').notNull(),
    contact: text('contact').notNull().default(''),
    unitId: uuid('unit_id'),
    /** The effort they share responsibility for (an effort can have more than one responsible person). */
    effortId: uuid('effort_id'),
    since: date('since'),
    until: date('until'),
    recordedBy: uuid('recorded_by'),
    createdAt: createdAt(),
  },
  (t) => [
    tenantRef(t, t.citizenId, citizens),
    tenantRef(t, t.staffId, staff),
    tenantRef(t, t.unitId, units),
    tenantRef(t, t.effortId, efforts),
    tenantRef(t, t.recordedBy, staff),
    index('network_members_citizen').on(t.municipalityId, t.citizenId),
  ],
);
