import { z } from 'zod';
import { calendarDate, int4, optionalText, queryCursor, queryInt4, requiredText } from './fields.ts';
import { id } from './identity.ts';
import { isoDate, person, planSection, planSections, type EffortArea } from './plans.ts';

// Contracts of the consent module. A consent is concrete (retssikkerhedsloven § 11 a): which
// sections of the plan, to which unit or partner, for which purpose, from when to when.

export { effortAreas, effortArea, planSections, planSection, type EffortArea, type PlanSection } from './plans.ts';

/** The area an effort is about when nobody says otherwise: from the kind of unit delivering it. */
export function defaultEffortArea(unitKind: string): EffortArea {
  const byKind: Record<string, EffortArea> = {
    jobcenter: 'work',
    family: 'family',
    health_visitors: 'health',
    home_care: 'health',
    housing_support: 'housing',
    youth_guidance: 'education',
  };
  return byKind[unitKind] ?? 'other';
}


export const consentMethods = ['portal', 'paper', 'oral'] as const;
export const consentMethod = z.enum(consentMethods);

/** 'declined': the citizen said no to a proposal (issue 11); it never comes into force. */
export const consentStates = ['proposed', 'pending', 'active', 'expired', 'revoked', 'declined'] as const;
export const consentState = z.enum(consentStates);
export type ConsentState = z.infer<typeof consentState>;

/** Why a reader could see the citizen's data. Shown in "Hvem har kigget". */
export const readBases = ['involvement', 'coordination', 'consent', 'break_glass', 'own', 'proxy'] as const;
export const readBasis = z.enum(readBases);
/** The role someone had in one read, shown in "Hvem har kigget" (derived from the read's basis). */
export const readRoles = ['coordinating', 'involved', 'consent', 'break_glass', 'proxy'] as const;
export const readRole = z.enum(readRoles);

const purpose = requiredText(500, 10, 'say in plain words what the information will be used for (at least 10 characters)');
const sections = z.array(planSection).min(1, 'name at least one section').max(planSections.length);

const grantFields = {
  recipientUnitId: id,
  sections,
  purpose,
  startsOn: calendarDate,
  endsOn: calendarDate.nullable().optional(),
};
const endAfterStart = (c: { startsOn?: string; endsOn?: string | null }) => !c.startsOn || !c.endsOn || c.endsOn > c.startsOn;
const endIssue = { message: 'must be after the start date', path: ['endsOn'], params: { reason: 'endNotAfterStart' } };

/** Staff propose; the citizen gives it in the portal. */
export const proposeConsentInput = z.strictObject(grantFields).refine(endAfterStart, endIssue);
/** The citizen (or a proxy with the right) gives a consent in the portal. */
export const giveConsentInput = z.strictObject(grantFields).refine(endAfterStart, endIssue);
/** Staff record a consent given on paper (scanned) or orally; the note says how. */
export const recordConsentInput = z
  .strictObject({
    ...grantFields,
    method: z.enum(['paper', 'oral']),
    note: requiredText(1000, 5, 'say how and when the consent was given'),
    givenBy: z.enum(['citizen', 'proxy']),
    proxyId: id.optional(),
  })
  .refine(endAfterStart, endIssue)
  .refine((c) => c.givenBy !== 'proxy' || c.proxyId, { message: 'say which proxy gave it', path: ['proxyId'], params: { reason: 'required' } });

/** The citizen says no to a proposal; the reason is optional and shown to the staff who proposed it. */
export const declineProposalInput = z.strictObject({ reason: optionalText(500).default('') });

export const consentView = z.object({
  id,
  citizenId: id,
  recipient: z.object({ id, name: z.string(), isPartner: z.boolean() }),
  sections: z.array(planSection),
  purpose: z.string(),
  startsOn: isoDate,
  endsOn: isoDate.nullable(),
  method: consentMethod,
  note: z.string(),
  state: consentState,
  givenBy: person.nullable(),
  givenAt: z.string().nullable(),
  proposedBy: person.nullable(),
  revokedBy: person.nullable(),
  revokedAt: z.string().nullable(),
  declinedAt: z.string().nullable(),
  /** Why the citizen said no to the proposal; may be empty. */
  declineReason: z.string(),
});
export type ConsentView = z.infer<typeof consentView>;

export const breakGlassInput = z.strictObject({
  reason: requiredText(1000, 20, 'describe the urgent reason (at least 20 characters)'),
  minutes: int4(5, 240).default(60),
});

export const breakGlassView = z.object({
  id,
  citizen: z.object({ id, name: z.string() }),
  planId: id,
  staff: z.object({ id, name: z.string() }),
  unit: z.object({ id, name: z.string() }),
  reason: z.string(),
  startedAt: z.string(),
  expiresAt: z.string(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.object({ id, name: z.string() }).nullable(),
  reviewNote: z.string(),
  /** What was opened under it: every read the staff member made with this break-glass, in order. */
  reads: z.array(z.object({ at: z.string(), action: z.string(), sections: z.array(z.string()) })),
});
export type BreakGlassView = z.infer<typeof breakGlassView>;

export const reviewBreakGlassInput = z.strictObject({ note: requiredText(1000, 2, 'must be at least 2 characters') });

export const accessLogQuery = z.strictObject({
  /** Keyset paging: entries older than this id. */
  before: queryCursor().optional(),
  limit: queryInt4(1, 200).default(50),
  unitId: id.optional(),
  basis: readBasis.optional(),
});

export const accessLogEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  unit: z.object({ id, name: z.string() }).nullable(),
  /** The role the reader had in this read, from its basis (not the roles they hold in their unit); null for a list or search. */
  role: readRole.nullable(),
  /** The same for every read by one person from one unit, and nothing else about them: to group reads into visits. */
  readerKey: z.string(),
  /** The reader's name, where the municipality shows names; otherwise null. */
  personName: z.string().nullable(),
  readerKind: z.enum(['staff', 'proxy', 'citizen', 'system']),
  action: z.string(),
  sections: z.array(z.string()),
  basis: z.string().nullable(),
  purpose: z.string().nullable(),
});
export const accessLogPage = z.object({ entries: z.array(accessLogEntry), nextBefore: z.number().int().nullable() });
export type AccessLogPage = z.infer<typeof accessLogPage>;
export type AccessLogEntry = z.infer<typeof accessLogEntry>;

/** Reads by one person closer together than this are one visit (opening the plan reads several things). */
export const VISIT_GAP_MS = 30 * 60_000;

/**
 * "Hvem har kigget" shows one line per visit, with every read one click away: reads (newest
 * first) by the same reader, each within VISIT_GAP_MS of the next one of theirs, are one visit.
 * Every read stays a row in the audit table; this is only how they are shown.
 */
export function groupVisits(entries: readonly AccessLogEntry[]): { id: number; reads: AccessLogEntry[] }[] {
  const visits: { id: number; reads: AccessLogEntry[] }[] = [];
  const open = new Map<string, { id: number; reads: AccessLogEntry[] }>();
  for (const e of entries) {
    const visit = open.get(e.readerKey);
    const oldest = visit?.reads.at(-1);
    if (visit && oldest && new Date(oldest.at).getTime() - new Date(e.at).getTime() <= VISIT_GAP_MS) {
      visit.reads.push(e);
    } else {
      const started = { id: e.id, reads: [e] };
      visits.push(started);
      open.set(e.readerKey, started);
    }
  }
  return visits;
}
