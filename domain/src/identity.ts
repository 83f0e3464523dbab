import { z } from 'zod';
import { proxyScopes, staffRoles } from './access.ts';
import { int4, optionalText } from './fields.ts';

// Contracts of the identity module: who is signed in, units, staff, citizens, personas.

export const id = z.uuid();

export const unitKinds = [
  'administration',
  'jobcenter',
  'family',
  'adult_disability',
  'housing_support',
  'youth_guidance',
  'home_care',
  'health_visitors',
  'library',
  'partner',
] as const;
export const unitKind = z.enum(unitKinds);
export type UnitKind = z.infer<typeof unitKind>;

export const unit = z.object({
  id,
  parentId: id.nullable(),
  name: z.string(),
  kind: unitKind,
  isPartner: z.boolean(),
});
export type Unit = z.infer<typeof unit>;

export const roleInUnit = z.object({
  unitId: id,
  unitName: z.string(),
  role: z.enum(staffRoles),
});

export const sessionView = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('staff'),
    staffId: id,
    name: z.string(),
    title: z.string(),
    municipality: z.object({ id, name: z.string() }),
    unitId: id,
    roles: z.array(roleInUnit),
    expiresAt: z.string(),
  }),
  z.object({
    kind: z.literal('citizen'),
    citizenId: id,
    name: z.string(),
    municipality: z.object({ id, name: z.string() }),
    expiresAt: z.string(),
  }),
  z.object({
    kind: z.literal('proxy'),
    proxyId: id,
    citizenId: id,
    name: z.string(),
    citizenName: z.string(),
    scopes: z.array(z.enum(proxyScopes)),
    municipality: z.object({ id, name: z.string() }),
    expiresAt: z.string(),
  }),
]);
export type SessionView = z.infer<typeof sessionView>;

export const personaKind = z.enum(['staff', 'citizen', 'proxy']);
export const persona = z.object({
  kind: personaKind,
  id,
  name: z.string(),
  description: z.string(),
});
export type Persona = z.infer<typeof persona>;

export const demoLoginInput = z.strictObject({ kind: personaKind, id });
export type DemoLoginInput = z.infer<typeof demoLoginInput>;

export const switchUnitInput = z.strictObject({ unitId: id });

export const loginMethods = z.object({ demo: z.boolean(), oidc: z.boolean() });

export const staffMember = z.object({
  id,
  name: z.string(),
  title: z.string(),
  roles: z.array(roleInUnit),
});

export const citizenSummary = z.object({ id, name: z.string(), birthYear: z.number().int() });
export type CitizenSummary = z.infer<typeof citizenSummary>;

/** A staff search for citizens. Sent as a POST body: names never go into URLs. */
export const citizenSearchInput = z.strictObject({
  q: optionalText(100).optional(),
  limit: int4(1, 100).default(25),
});

/** A CPR number: ten digits, optionally with a dash after the birth date. Never logged. */
export const cprNumber = z
  .string()
  .regex(/^\d{6}-?\d{4}$/, 'A CPR number is ten digits, e.g. 010190-1234')
  .transform((s) => s.replace('-', ''));
