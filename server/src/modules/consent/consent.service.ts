import { sql } from 'drizzle-orm';
import { can, type Actor } from '@sammen/domain/access';
import type { AccessLogPage, ConsentView, breakGlassInput, giveConsentInput, proposeConsentInput, recordConsentInput } from '@sammen/domain/consent';
import type { z } from 'zod';
import type { SignedInCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { readCitizenData, readCitizenDataLoggedByStatement, readCitizenList } from '../../platform/reader.ts';
import { findScope } from '../access/access.service.ts';
import { recordEvent } from '../audit/audit.service.ts';
import { findCitizen, findValidProxy } from '../identity/identity.service.ts';
import { findActivePlanIdForBreakGlass, findUnitKind, getOwnPlan, getPlanHistory } from '../plans/plans.service.ts';
import {
  insertBreakGlass,
  insertConsent,
  listBreakGlass,
  listConsentsOfCitizen,
  selectAccessLogPage,
  selectConsentOfCitizen,
  selectSectionsKeptWithout,
  updateBreakGlassReviewed,
  updateConsentDeclined,
  updateConsentGiven,
  updateConsentRevokedAt,
} from './consent.repository.ts';

// Consent the citizen controls, break-glass access, and "who looked at my data".

type CitizenSide = Extract<Actor, { kind: 'citizen' | 'proxy' }>;

function citizenSide(ctx: SignedInCtx, action: 'consent.readOwn' | 'consent.manage' | 'accessLog.readOwn'): CitizenSide {
  const actor = ctx.actor;
  if (actor.kind !== 'citizen' && actor.kind !== 'proxy') throw new AppError('FORBIDDEN');
  if (!can(actor, action, { citizenId: actor.citizenId })) throw new AppError('FORBIDDEN', 'Your proxy does not cover consents');
  return actor;
}

const byOf = (actor: CitizenSide) => (actor.kind === 'citizen' ? { kind: 'citizen' as const, id: actor.citizenId } : { kind: 'proxy' as const, id: actor.proxyId });

async function assertRecipient(tx: Db, municipalityId: string, unitId: string) {
  if (!(await findUnitKind(tx, municipalityId, unitId))) throw invalid('recipientUnitId', 'notUnitOfMunicipality', 'is not a unit or partner of this municipality');
}

const OWN_PURPOSE = 'Samtykker og adgang til borgerens data';

export function listOwnConsents(ctx: SignedInCtx) {
  return readCitizenData(ctx, { action: 'consent.readOwn', purpose: OWN_PURPOSE, subject: { own: true } }, async (tx, scope) => {
    const consents = (await listConsentsOfCitizen(tx, scope.municipalityId, scope.citizenId)) as ConsentView[];
    const breakGlass = await listBreakGlass(tx, scope.municipalityId, sql`b.citizen_id = ${scope.citizenId}`);
    return { consents, breakGlass };
  });
}

/** The citizen gives a new consent in the portal. */
export async function giveConsent(ctx: SignedInCtx, input: z.infer<typeof giveConsentInput>) {
  const actor = citizenSide(ctx, 'consent.manage');
  await ctx.db.transaction(async (tx) => {
    await assertRecipient(tx, actor.municipalityId, input.recipientUnitId);
    const giver = byOf(actor);
    const id = await insertConsent(tx, {
      municipalityId: actor.municipalityId,
      citizenId: actor.citizenId,
      recipientUnitId: input.recipientUnitId,
      sections: [...new Set(input.sections)],
      purpose: input.purpose,
      startsOn: input.startsOn,
      endsOn: input.endsOn ?? null,
      method: 'portal',
      givenAt: new Date(),
      givenByKind: giver.kind,
      givenById: giver.id,
    });
    await recordEvent(tx, ctx, { kind: 'write', action: 'consent.given', citizenId: actor.citizenId, subjectType: 'consent', subjectId: id, details: { sections: input.sections } });
  });
  return listOwnConsents(ctx);
}

/**
 * One of the citizen's own consents changes state: found among their own (else 404), changed
 * only if it is still in the state the change needs (else 409), audited in the same transaction.
 */
async function changeOwnConsent(
  ctx: SignedInCtx,
  consentId: string,
  action: 'consent.given' | 'consent.revoked' | 'consent.declined',
  change: (tx: Db, municipalityId: string, by: ReturnType<typeof byOf>) => Promise<boolean>,
  conflict: string,
) {
  const actor = citizenSide(ctx, 'consent.manage');
  await ctx.db.transaction(async (tx) => {
    if (!(await selectConsentOfCitizen(tx, actor.municipalityId, actor.citizenId, consentId))) throw new AppError('NOT_FOUND', 'No such consent');
    if (!(await change(tx, actor.municipalityId, byOf(actor)))) throw new AppError('CONFLICT', conflict);
    await recordEvent(tx, ctx, { kind: 'write', action, citizenId: actor.citizenId, subjectType: 'consent', subjectId: consentId });
  });
  return listOwnConsents(ctx);
}

/** The citizen gives a consent that staff proposed. */
export const acceptProposal = (ctx: SignedInCtx, consentId: string) =>
  changeOwnConsent(ctx, consentId, 'consent.given', (tx, m, by) => updateConsentGiven(tx, m, consentId, by), 'This consent is already given or revoked');

/**
 * The citizen says no to a proposal, with an optional reason the proposing staff see with the
 * consent. The reason stays in `consents`, not in the audit row (free text stays out of logs).
 */
export const declineProposal = (ctx: SignedInCtx, consentId: string, reason: string) =>
  changeOwnConsent(ctx, consentId, 'consent.declined', (tx, m, by) => updateConsentDeclined(tx, m, consentId, by, reason), 'This consent is no longer a proposal: it is given, revoked or declined');

/** Revoking works from the very next request: access is computed from the consents on every read. */
export const revokeConsent = (ctx: SignedInCtx, consentId: string) =>
  changeOwnConsent(ctx, consentId, 'consent.revoked', (tx, m, by) => updateConsentRevokedAt(tx, m, consentId, by), 'This consent is already revoked');

/** What the unit will no longer see if the citizen revokes this consent (other consents may still cover some). */
export function revocationImpact(ctx: SignedInCtx, consentId: string) {
  return readCitizenData(ctx, { action: 'consent.readOwn', purpose: OWN_PURPOSE, subject: { own: true } }, async (tx, { municipalityId, citizenId }) => {
    const consent = await selectConsentOfCitizen(tx, municipalityId, citizenId, consentId);
    if (!consent) throw new AppError('NOT_FOUND', 'No such consent');
    const kept = new Set(await selectSectionsKeptWithout(tx, municipalityId, citizenId, consent.recipientUnitId, consentId));
    return { consentId, loses: consent.sections.filter((s) => !kept.has(s)), keeps: consent.sections.filter((s) => kept.has(s)) };
  });
}

// ---- Staff side -------------------------------------------------------------------------

/** Staff reach a citizen's consents only through the plan they are involved in; else 404. */
async function involvedPlan(tx: Db, ctx: SignedInCtx, citizenId: string) {
  const actor = ctx.actor;
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  const scope = await findScope(tx, actor, { citizenId });
  if (!scope) throw new AppError('NOT_FOUND', 'No plan you are involved in');
  return { actor, scope };
}

export function listCitizenConsents(ctx: SignedInCtx, citizenId: string) {
  const actor = ctx.actor;
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  return readCitizenData(ctx, { action: 'consent.read', purpose: 'Samtykker i borgerens plan', subject: { citizenId }, sectionsShown: [] }, async (tx, scope) => {
    // The coordinating unit sees every consent; other units only those that name them.
    const onlyOwn = scope.basis === 'coordination' ? undefined : actor.unitId;
    return (await listConsentsOfCitizen(tx, scope.municipalityId, citizenId, onlyOwn)) as ConsentView[];
  });
}

export async function proposeConsent(ctx: SignedInCtx, citizenId: string, input: z.infer<typeof proposeConsentInput>) {
  await ctx.db.transaction(async (tx) => {
    const { actor } = await involvedPlan(tx, ctx, citizenId);
    await assertRecipient(tx, actor.municipalityId, input.recipientUnitId);
    const id = await insertConsent(tx, {
      municipalityId: actor.municipalityId,
      citizenId,
      recipientUnitId: input.recipientUnitId,
      sections: [...new Set(input.sections)],
      purpose: input.purpose,
      startsOn: input.startsOn,
      endsOn: input.endsOn ?? null,
      method: 'portal',
      proposedByStaffId: actor.staffId,
    });
    await recordEvent(tx, ctx, { kind: 'write', action: 'consent.proposed', citizenId, subjectType: 'consent', subjectId: id });
  });
  return listCitizenConsents(ctx, citizenId);
}

/** A consent given on paper (scanned) or orally, recorded by staff and marked as such. */
export async function recordConsent(ctx: SignedInCtx, citizenId: string, input: z.infer<typeof recordConsentInput>) {
  await ctx.db.transaction(async (tx) => {
    const { actor } = await involvedPlan(tx, ctx, citizenId);
    await assertRecipient(tx, actor.municipalityId, input.recipientUnitId);
    let giver = { kind: 'citizen' as 'citizen' | 'proxy', id: citizenId };
    if (input.givenBy === 'proxy') {
      const proxy = await findValidProxy(tx, actor.municipalityId, input.proxyId!);
      if (!proxy || proxy.citizenId !== citizenId || !proxy.scopes.includes('consent.manage')) {
        throw invalid('proxyId', 'notProxyOfCitizen', 'is not a proxy of this citizen allowed to give consent');
      }
      giver = { kind: 'proxy', id: proxy.id };
    }
    const id = await insertConsent(tx, {
      municipalityId: actor.municipalityId,
      citizenId,
      recipientUnitId: input.recipientUnitId,
      sections: [...new Set(input.sections)],
      purpose: input.purpose,
      startsOn: input.startsOn,
      endsOn: input.endsOn ?? null,
      method: input.method,
      note: input.note,
      givenAt: new Date(),
      givenByKind: giver.kind,
      givenById: giver.id,
      recordedByStaffId: actor.staffId,
    });
    await recordEvent(tx, ctx, { kind: 'write', action: 'consent.recorded', citizenId, subjectType: 'consent', subjectId: id, details: { method: input.method } });
  });
  return listCitizenConsents(ctx, citizenId);
}

// ---- Break-glass ------------------------------------------------------------------------

export async function openBreakGlass(ctx: SignedInCtx, citizenId: string, input: z.infer<typeof breakGlassInput>) {
  const actor = ctx.actor;
  if (actor.kind !== 'staff' || !can(actor, 'breakGlass.open')) throw new AppError('FORBIDDEN');
  return ctx.db.transaction(async (tx) => {
    if (!(await findCitizen(tx, actor.municipalityId, citizenId))) throw new AppError('NOT_FOUND', 'No such citizen');
    const planId = await findActivePlanIdForBreakGlass(tx, actor.municipalityId, citizenId);
    if (!planId) throw new AppError('NOT_FOUND', 'The citizen has no plan');
    const created = await insertBreakGlass(tx, {
      municipalityId: actor.municipalityId,
      citizenId,
      planId,
      staffId: actor.staffId,
      unitId: actor.unitId,
      reason: input.reason,
      expiresAt: new Date(Date.now() + input.minutes * 60_000),
    });
    // The reason is kept in break_glass (shown to the citizen and the leader), not in the log line.
    await recordEvent(tx, ctx, { kind: 'write', action: 'breakGlass.opened', citizenId, subjectType: 'break_glass', subjectId: created.id, details: { minutes: input.minutes } });
    return { id: created.id, planId, expiresAt: created.expiresAt.toISOString() };
  });
}

/** The leader's review of their unit's break-glass access. It names citizens and reasons: each citizen on it is a logged read. */
export function listBreakGlassForReview(ctx: SignedInCtx) {
  const actor = ctx.actor;
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  return readCitizenList(ctx, { action: 'breakGlass.review', purpose: 'Leders gennemgang af nødadgang', subjectType: 'break_glass' }, async (tx) => {
    const data = await listBreakGlass(tx, actor.municipalityId, sql`b.unit_id = ${actor.unitId}`);
    return { data, citizenIds: data.map((b) => b.citizen.id) };
  });
}

export async function reviewBreakGlass(ctx: SignedInCtx, id: string, note: string) {
  const actor = ctx.actor;
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  await ctx.db.transaction(async (tx) => {
    if (!(await updateBreakGlassReviewed(tx, actor.municipalityId, id, actor.unitId, actor.staffId, note))) {
      throw new AppError('NOT_FOUND', 'No unreviewed break-glass access of your unit with that id');
    }
    await recordEvent(tx, ctx, { kind: 'write', action: 'breakGlass.reviewed', subjectType: 'break_glass', subjectId: id });
  });
  return listBreakGlassForReview(ctx);
}

// ---- Who looked at my data ----------------------------------------------------------------

export function getAccessLog(ctx: SignedInCtx, page: { before?: number; limit: number; unitId?: string; basis?: string }): Promise<AccessLogPage> {
  const actor = ctx.actor;
  if (actor.kind === 'citizen') {
    // The citizen reading their own log writes no row, and the session that named them has just
    // found them: the page is the one statement, with no transaction around it (decisions/0008).
    const scope = { municipalityId: actor.municipalityId, citizenId: actor.citizenId, plan: null, sections: [], basis: 'own', consentIds: [], breakGlassId: null };
    return readCitizenDataLoggedByStatement(ctx, { action: 'accessLog.readOwn', purpose: 'Hvem har kigget' }, async (db) => ({ scope, data: await accessLogPageOf(db, scope, page) }));
  }
  // A proxy's read is logged, before the page is read, so it is on the page it reads.
  return readCitizenData(ctx, { action: 'accessLog.readOwn', purpose: 'Hvem har kigget', subject: { own: true }, sectionsShown: [] }, (tx, scope) => accessLogPageOf(tx, scope, page));
}

async function accessLogPageOf(tx: Db, scope: { municipalityId: string; citizenId: string }, page: { before?: number; limit: number; unitId?: string; basis?: string }): Promise<AccessLogPage> {
  const rows = await selectAccessLogPage(tx, scope.municipalityId, scope.citizenId, page);
  return {
    entries: rows.map((r) => ({
      id: Number(r.id),
      at: new Date(r.at).toISOString(),
      unit: r.unit_id ? { id: r.unit_id, name: r.unit_name ?? '' } : null,
      role: r.read_role as AccessLogPage['entries'][number]['role'],
      readerKey: r.reader_key,
      personName: r.person_name,
      readerKind: r.actor_kind as 'staff' | 'proxy' | 'citizen' | 'system',
      action: r.action,
      sections: Array.isArray(r.sections) ? r.sections : [],
      basis: r.basis,
      purpose: r.purpose,
    })),
    nextBefore: rows.length === page.limit ? Number(rows.at(-1)!.id) : null,
  };
}

/** Everything Sammen holds about the citizen (GDPR art. 15), including who read it and why. */
export async function exportOwnData(ctx: SignedInCtx) {
  const actor = ctx.actor;
  if (actor.kind !== 'citizen') throw new AppError('FORBIDDEN');
  const profile = await readCitizenData(ctx, { action: 'export.readOwn', purpose: 'Mine data', subject: { own: true } }, (tx, s) => findCitizen(tx, s.municipalityId, s.citizenId));
  let plan: unknown = null;
  let history: unknown = [];
  try {
    const own = (await getOwnPlan(ctx)).parse();
    plan = own;
    const changes: unknown[] = [];
    for (let before: number | undefined; ; ) {
      const page = await getPlanHistory(ctx, own.id, { before, limit: 200 });
      changes.push(...page.entries);
      if (!page.nextBefore) break;
      before = page.nextBefore;
    }
    history = changes;
  } catch (err) {
    if ((err as AppError).code !== 'NOT_FOUND') throw err;
  }
  const { consents, breakGlass } = await listOwnConsents(ctx);
  const accessLog: AccessLogPage['entries'] = [];
  let before: number | undefined;
  for (;;) {
    const page = await getAccessLog(ctx, { before, limit: 200 });
    accessLog.push(...page.entries);
    if (!page.nextBefore) break;
    before = page.nextBefore;
  }
  await ctx.db.transaction((tx) => recordEvent(tx, ctx, { kind: 'write', action: 'export.created', citizenId: actor.citizenId }));
  return { exportedAt: new Date().toISOString(), profile, plan, history, consents, breakGlass, accessLog };
}
