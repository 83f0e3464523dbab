import { can } from '@sammen/domain/access';
import { futureAppointmentsOf } from '../calendar/calendar.service.ts';
import type { NetworkDistribution, NetworkView, RecordNetworkPersonInput } from '@sammen/domain/network';
import type { SignedInCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { readCitizenData, type Scope } from '../../platform/reader.ts';
import { findScope, ruleSubjectOf } from '../access/access.service.ts';
import { recordEvent } from '../audit/audit.service.ts';
import { findActiveStaff } from '../identity/identity.service.ts';
import { findUnitKind } from '../plans/plans.service.ts';
import { buildNetwork, type Viewer } from './network-view.ts';
import {
  effortInPlan,
  insertMember,
  selectCitizenAndToday,
  selectCoordinator,
  selectDistribution,
  selectEfforts,
  selectInvolvedUnits,
  selectMember,
  selectMembers,
  selectProxies,
  updateMemberUntil,
} from './network.repository.ts';

// The network (netværk): everyone around the citizen, read through the one reader — staff reach
// it through a plan they are involved in (else 404), the citizen and a proxy who may read the plan
// reach their own. Staff record the people the plan does not name; every change is audited in
// its own transaction.

const PURPOSE = { staff: 'Borgerens netværk', own: 'Mit netværk' } as const;

async function loadNetwork(tx: Db, scope: Scope, viewer: Viewer): Promise<NetworkView> {
  const { municipalityId, citizenId } = scope;
  const citizen = (await selectCitizenAndToday(tx, municipalityId, citizenId))!;
  const planId = scope.plan?.id;
  return buildNetwork(
    {
      citizen: { id: citizen.id, name: citizen.name },
      today: citizen.today,
      coordinator: planId ? await selectCoordinator(tx, municipalityId, planId) : undefined,
      efforts: planId ? await selectEfforts(tx, municipalityId, planId) : [],
      involvedUnits: planId ? await selectInvolvedUnits(tx, municipalityId, planId) : [],
      members: await selectMembers(tx, municipalityId, citizenId),
      proxies: await selectProxies(tx, municipalityId, citizenId),
      appointments: await futureAppointmentsOf(tx, municipalityId, citizenId),
    },
    viewer,
  );
}

/** A citizen's network as involved staff see it (the consent rule: network-view.ts). */
export function getCitizenNetwork(ctx: SignedInCtx, citizenId: string, tx?: Db) {
  const actor = ctx.actor;
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  return readCitizenData(
    ctx,
    { action: 'network.read', purpose: PURPOSE.staff, subject: { citizenId } },
    (tx, scope) => loadNetwork(tx, scope, { kind: 'staff', unitId: actor.unitId, sections: scope.sections }),
    tx,
  );
}

/** The citizen's own network (or, for a proxy who may read the plan, the citizen's): everything. */
export function getOwnNetwork(ctx: SignedInCtx) {
  return readCitizenData(ctx, { action: 'network.read', purpose: PURPOSE.own, subject: { own: true } }, (tx, scope) => loadNetwork(tx, scope, { kind: 'own' }));
}

/** A write on the network: staff of a unit involved in the citizen's active plan (else 404); break-glass only reads. */
async function involvedScope(tx: Db, ctx: SignedInCtx, citizenId: string) {
  const actor = ctx.actor;
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  const scope = await findScope(tx, actor, { citizenId });
  if (!scope?.plan) throw new AppError('NOT_FOUND', 'No plan you are involved in');
  if (scope.basis === 'break_glass') throw new AppError('FORBIDDEN', 'Break-glass access is for reading only');
  if (!can(actor, 'network.record', ruleSubjectOf(scope))) throw new AppError('FORBIDDEN');
  return { actor, scope, plan: scope.plan };
}

/** Staff record a person the citizen names: a partner, a volunteer, a relative (without access — that is the citizen's to give), a second support worker on an effort. */
export function recordNetworkPerson(ctx: SignedInCtx, citizenId: string, input: RecordNetworkPersonInput) {
  return ctx.db.transaction(async (tx) => {
    const { actor, plan } = await involvedScope(tx, ctx, citizenId);
    const m = actor.municipalityId;
    let name = input.name ?? '';
    if (input.staffId) {
      const staff = await findActiveStaff(tx, m, input.staffId);
      if (!staff) throw invalid('staffId', 'notStaffOfMunicipality', 'is not a staff member of this municipality');
      name = name || staff.name;
    } else if (!name) {
      throw invalid('name', 'required', 'is required unless staffId names a staff member');
    }
    if (input.unitId && !(await findUnitKind(tx, m, input.unitId))) throw invalid('unitId', 'notUnitOfMunicipality', 'is not a unit or partner of this municipality');
    if (input.effortId && !(await effortInPlan(tx, m, plan.id, input.effortId))) throw invalid('effortId', 'targetNotInPlan', 'is not an effort of this citizen’s plan');
    if (input.since && input.until && input.until < input.since) throw invalid('until', 'endBeforeStart', 'must not be before since');
    const id = await insertMember(tx, {
      municipalityId: m, citizenId, kind: input.kind, staffId: input.staffId ?? null, name, role: input.role, contact: input.contact,
      unitId: input.unitId ?? null, effortId: input.effortId ?? null, since: input.since ?? null, until: input.until ?? null, recordedBy: actor.staffId,
    });
    await recordEvent(tx, ctx, { kind: 'write', action: 'network.recorded', citizenId, subjectType: 'network_member', subjectId: id, details: { kind: input.kind } });
    return getCitizenNetwork(ctx, citizenId, tx);
  });
}

/** A person recorded on the network leaves it on `until` (their last day on it). */
export function endNetworkPerson(ctx: SignedInCtx, citizenId: string, memberId: string, until: string) {
  return ctx.db.transaction(async (tx) => {
    const { actor } = await involvedScope(tx, ctx, citizenId);
    const member = await selectMember(tx, actor.municipalityId, citizenId, memberId);
    if (!member) throw new AppError('NOT_FOUND', 'No such person on this citizen’s network');
    if (member.ended) throw new AppError('CONFLICT', 'This person has already left the network', 'memberId', undefined, 'alreadyEnded');
    if (member.since && until < member.since) throw invalid('until', 'endBeforeStart', 'must not be before since');
    await updateMemberUntil(tx, actor.municipalityId, memberId, until);
    await recordEvent(tx, ctx, { kind: 'write', action: 'network.ended', citizenId, subjectType: 'network_member', subjectId: memberId, details: { until } });
    return getCitizenNetwork(ctx, citizenId, tx);
  });
}

/**
 * How many citizens with an active plan have n professionals around them, and n caseworker
 * changes in 12 months. Aggregates only — no citizen is named or identified, so nothing here is a
 * read of one citizen's data and no access-log row is written (the route does not declare
 * readsCitizenData); that it was looked at is not audited either, like the staff lists.
 */
export async function getNetworkDistribution(ctx: SignedInCtx): Promise<NetworkDistribution> {
  if (!can(ctx.actor, 'network.statistics')) throw new AppError('FORBIDDEN');
  const rows = await selectDistribution(ctx.db, ctx.actor.municipalityId);
  const of = (dimension: string) => rows.filter((r) => r.dimension === dimension).map((r) => ({ count: Number(r.count), citizens: Number(r.citizens) }));
  const professionals = of('professionals');
  return { citizens: professionals.reduce((n, r) => n + r.citizens, 0), professionals, caseworkerChanges12Months: of('changes') };
}
