import { z } from 'zod';
import { proxyScopes } from './access.ts';
import { calendarDate, optionalText, requiredText } from './fields.ts';
import { id } from './identity.ts';

// The network (netværk): everyone around the citizen — staff of the units involved in the plan,
// partner staff, relatives, volunteers and others — with their role in the citizen's life, since
// and until when, and how to reach them. Staff come from the plan (coordinator, each effort's
// responsible person) and from people recorded on the network; relatives with access are the
// citizen's proxies, which the citizen manages in /borger.

export const NETWORK_LIMITS = { name: 200, role: 200, contact: 200, relation: 100 } as const;

export const networkPersonKinds = ['staff', 'partner', 'relative', 'volunteer', 'other'] as const;
export const networkPersonKind = z.enum(networkPersonKinds);
export type NetworkPersonKind = z.infer<typeof networkPersonKind>;

/** Where a person on the network comes from: the plan, a recorded network row, or a proxy (relative with access). */
export const networkSources = ['plan', 'recorded', 'proxy'] as const;

export const networkPerson = z.object({
  /** Stable within the network: `staff:<id>`, `member:<id>` or `proxy:<id>`. */
  key: z.string(),
  kind: networkPersonKind,
  source: z.enum(networkSources),
  /** The plan's coordinator (tovholder): the citizen's contact person. */
  coordinator: z.boolean(),
  name: z.string(),
  /** Their role in the citizen's life, e.g. "Sagsbehandler, aktivering" or "Mor". */
  role: z.string(),
  /** Staff: their job title. */
  title: z.string().nullable(),
  unit: z.object({ id, name: z.string() }).nullable(),
  /** The plan's efforts they are responsible for (several people can share one effort). */
  efforts: z.array(z.object({ id, title: z.string() })),
  since: z.string().nullable(),
  until: z.string().nullable(),
  /** How to reach them (phone, e-mail, as written); '' when not recorded. */
  contact: z.string(),
  /** For the citizen, in plain words: what this person's unit asks of them (mandatory appointments). */
  expects: z.array(z.string()),
  /** Their next appointment with the citizen, when the reader may see it. */
  next: z.object({ start: z.string(), title: z.string() }).nullable(),
});
export type NetworkPerson = z.infer<typeof networkPerson>;

export const networkUnit = z.object({
  id,
  name: z.string(),
  /** coordinator: holds the plan; effort: delivers an effort; involved: accepted involvement request. */
  relation: z.enum(['coordinator', 'effort', 'involved']),
});

export const networkCounts = z.object({
  /** Distinct professionals (staff and partner staff) involved today. */
  professionals: z.number().int(),
  /** How often the plan's coordinator changed in the last 12 months. */
  caseworkerChanges12Months: z.number().int(),
});

export const networkView = z.object({
  citizen: z.object({ id, name: z.string() }),
  units: z.array(networkUnit),
  people: z.array(networkPerson),
  counts: networkCounts,
});
export type NetworkView = z.infer<typeof networkView>;

/** Staff record someone the citizen names: a partner, volunteer, relative (without access) or other. */
export const recordNetworkPersonInput = z.strictObject({
  kind: z.enum(['staff', 'partner', 'relative', 'volunteer', 'other']),
  /** For kind 'staff': a staff member of the municipality (e.g. a second support worker on an effort). */
  staffId: id.optional(),
  /** Required unless staffId is given. */
  name: optionalText(NETWORK_LIMITS.name).optional(),
  role: requiredText(NETWORK_LIMITS.role),
  contact: optionalText(NETWORK_LIMITS.contact).default(''),
  unitId: id.optional(),
  /** The effort they share responsibility for. */
  effortId: id.optional(),
  since: calendarDate.optional(),
  until: calendarDate.optional(),
});
export type RecordNetworkPersonInput = z.infer<typeof recordNetworkPersonInput>;

export const endNetworkPersonInput = z.strictObject({ until: calendarDate });

/** Across the municipality: how many citizens have n professionals, and n caseworker changes. */
export const networkDistribution = z.object({
  citizens: z.number().int(),
  professionals: z.array(z.object({ count: z.number().int(), citizens: z.number().int() })),
  caseworkerChanges12Months: z.array(z.object({ count: z.number().int(), citizens: z.number().int() })),
});
export type NetworkDistribution = z.infer<typeof networkDistribution>;

// ---- Relatives, managed by the citizen --------------------------------------------------

export const proxyScopeEnum = z.enum(proxyScopes);

export const relativeView = z.object({
  id,
  name: z.string(),
  /** In the citizen's words: "mor", "værge". */
  relation: z.string(),
  scopes: z.array(proxyScopeEnum),
  /** A guardian (forældremyndighedsindehaver) of a minor: manages the minor's relatives. */
  guardian: z.boolean(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  active: z.boolean(),
});
export type RelativeView = z.infer<typeof relativeView>;

export const relativesView = z.object({
  relatives: z.array(relativeView),
  /** True when the citizen is under 18: their guardians manage relatives, with the rules for minors. */
  minor: z.boolean(),
  /** What the reader may do here. */
  mayManage: z.boolean(),
});
export type RelativesView = z.infer<typeof relativesView>;

export const inviteRelativeInput = z.strictObject({
  name: requiredText(NETWORK_LIMITS.name),
  relation: requiredText(NETWORK_LIMITS.relation),
  scopes: z.array(proxyScopeEnum).min(1).max(proxyScopes.length),
});
export type InviteRelativeInput = z.infer<typeof inviteRelativeInput>;

export const changeRelativeScopesInput = z.strictObject({ scopes: z.array(proxyScopeEnum).min(1).max(proxyScopes.length) });
