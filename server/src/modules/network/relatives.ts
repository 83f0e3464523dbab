import { can, type Actor, type ProxyScope } from '@sammen/domain/access';
import type { InviteRelativeInput, RelativesView } from '@sammen/domain/network';
import type { SignedInCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { readCitizenData } from '../../platform/reader.ts';
import { recordEvent } from '../audit/audit.service.ts';
import { addProxy, changeProxyScopes, endProxy, findCitizen, findProxyOfCitizen, findValidProxy, listProxiesOfCitizen } from '../identity/identity.service.ts';

// Relatives (pårørende) with access to the citizen's plan: proxies the citizen manages in
// /borger — invite, change what each may do, end their access.
//
// Who manages them:
// - an adult citizen, themself;
// - for a minor (under 18 today), a guardian (forældremyndighedsindehaver: a proxy with
//   `guardian`), never the minor (403), and only within the guardian's own scopes
//   (`scopeWiderThanOwn`). A guardian cannot change or end a guardian's access — their own or
//   the other parent's (403): custody comes from the register, not from an invitation, so
//   invitations never make a guardian;
// - no other proxy (403), even one with consent.manage: they may read this page, not change it.
// Ending an access that has already ended is 409 with reason `alreadyEnded`; a proxy of another
// citizen is 404. Every change is audited in its own transaction and works from the relative's
// very next request: each request resolves the proxy's validity and scopes live
// (auth.repository `selectLiveSession`), nothing is cached in the session row.

type CitizenSide = Extract<Actor, { kind: 'citizen' | 'proxy' }>;
type Manager = { kind: 'citizen' } | { kind: 'guardian'; proxyId: string; name: string; scopes: ProxyScope[] };

const PURPOSE = 'Pårørende og deres adgang';

/** The Danish calendar day today, 'YYYY-MM-DD'. */
const danishToday = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date());

/** Under 18 today (a birthday today counts as turned). */
export function isMinor(birthDate: string, today = danishToday()) {
  const [y, md] = [Number(today.slice(0, 4)), today.slice(4)];
  return String(birthDate).slice(0, 10) > `${String(y - 18).padStart(4, '0')}${md}`;
}

function citizenSide(ctx: SignedInCtx): CitizenSide {
  const actor = ctx.actor;
  if (actor.kind !== 'citizen' && actor.kind !== 'proxy') throw new AppError('FORBIDDEN');
  return actor;
}

async function citizenOf(tx: Db, actor: CitizenSide) {
  const citizen = await findCitizen(tx, actor.municipalityId, actor.citizenId);
  if (!citizen) throw new AppError('NOT_FOUND');
  return { name: citizen.name, minor: isMinor(String(citizen.birthDate)) };
}

/** Whether the reader may manage the citizen's relatives, and as whom; undefined when not. */
async function managerOf(tx: Db, actor: CitizenSide, minor: boolean): Promise<Manager | undefined> {
  if (!can(actor, 'relatives.manage', { municipalityId: actor.municipalityId, citizenId: actor.citizenId })) return undefined;
  if (actor.kind === 'citizen') return minor ? undefined : { kind: 'citizen' };
  const proxy = await findValidProxy(tx, actor.municipalityId, actor.proxyId);
  if (!proxy?.guardian || !minor) return undefined;
  return { kind: 'guardian', proxyId: proxy.id, name: proxy.name, scopes: actor.scopes };
}

async function requireManager(tx: Db, ctx: SignedInCtx) {
  const actor = citizenSide(ctx);
  const citizen = await citizenOf(tx, actor);
  const manager = await managerOf(tx, actor, citizen.minor);
  if (!manager) {
    throw new AppError('FORBIDDEN', citizen.minor ? 'Under 18, the guardians manage who may follow the plan' : 'Only the citizen manages their relatives');
  }
  return { actor, citizen, manager };
}

function assertWithinOwn(manager: Manager, scopes: ProxyScope[]) {
  if (manager.kind !== 'guardian') return;
  const wider = scopes.filter((s) => !manager.scopes.includes(s));
  if (wider.length) throw invalid('scopes', 'scopeWiderThanOwn', `a guardian can give only what they may do themself (not ${wider.join(', ')})`);
}

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase('da').replace(/\s+/g, ' ') === b.trim().toLocaleLowerCase('da').replace(/\s+/g, ' ');

/** The citizen's relatives: everyone they gave access, ended ones too; the citizen, or a proxy with consent.manage. */
export function listRelatives(ctx: SignedInCtx, tx?: Db): Promise<RelativesView> {
  const actor = citizenSide(ctx);
  return readCitizenData(
    ctx,
    { action: 'relatives.readOwn', purpose: PURPOSE, subject: { own: true }, sectionsShown: [] },
    async (tx, scope) => {
      const citizen = await citizenOf(tx, actor);
      const rows = await listProxiesOfCitizen(tx, scope.municipalityId, scope.citizenId);
      return {
        relatives: rows.map((r) => ({
          id: r.id, name: r.name, relation: r.relation, scopes: r.scopes, guardian: r.guardian,
          validFrom: new Date(r.validFrom).toISOString(), validTo: r.validTo ? new Date(r.validTo).toISOString() : null, active: Boolean(r.active),
        })),
        minor: citizen.minor,
        mayManage: (await managerOf(tx, actor, citizen.minor)) !== undefined,
      };
    },
    tx,
  );
}

/** Invite a relative: a new proxy, valid from now. */
export function inviteRelative(ctx: SignedInCtx, input: InviteRelativeInput) {
  return ctx.db.transaction(async (tx) => {
    const { actor, manager } = await requireManager(tx, ctx);
    const scopes = [...new Set(input.scopes)];
    assertWithinOwn(manager, scopes);
    if (manager.kind === 'guardian' && sameName(input.name, manager.name)) throw invalid('name', 'cannotInviteSelf', 'a guardian cannot invite themself');
    const id = await addProxy(tx, { municipalityId: actor.municipalityId, citizenId: actor.citizenId, name: input.name, relation: input.relation, scopes });
    await recordEvent(tx, ctx, { kind: 'write', action: 'relative.invited', citizenId: actor.citizenId, subjectType: 'proxy', subjectId: id, details: { scopes } });
    return listRelatives(ctx, tx);
  });
}

/** The relative to change: this citizen's (else 404), not a guardian when a guardian changes it (403), still valid (else 409). */
async function targetOf(tx: Db, ctx: SignedInCtx, proxyId: string) {
  const { actor, manager } = await requireManager(tx, ctx);
  const target = await findProxyOfCitizen(tx, actor.municipalityId, actor.citizenId, proxyId);
  if (!target) throw new AppError('NOT_FOUND', 'No such relative');
  if (manager.kind === 'guardian' && target.guardian) throw new AppError('FORBIDDEN', 'A guardian cannot change a guardian’s access, their own included');
  const ended = () => new AppError('CONFLICT', 'This relative’s access has already ended', 'proxyId', undefined, 'alreadyEnded');
  if (!target.active) throw ended();
  return { actor, manager, target, ended };
}

/** Change what a relative may do; from their next request. */
export function changeRelativeScopes(ctx: SignedInCtx, proxyId: string, requested: ProxyScope[]) {
  return ctx.db.transaction(async (tx) => {
    const { actor, manager, target, ended } = await targetOf(tx, ctx, proxyId);
    const scopes = [...new Set(requested)];
    assertWithinOwn(manager, scopes);
    if (!(await changeProxyScopes(tx, actor.municipalityId, actor.citizenId, proxyId, scopes))) throw ended();
    await recordEvent(tx, ctx, { kind: 'write', action: 'relative.scopesChanged', citizenId: actor.citizenId, subjectType: 'proxy', subjectId: proxyId, details: { before: target.scopes, after: scopes } });
    return listRelatives(ctx, tx);
  });
}

/** End a relative's access now; their next request is refused (401: their session no longer resolves). */
export function endRelative(ctx: SignedInCtx, proxyId: string) {
  return ctx.db.transaction(async (tx) => {
    const { actor, ended } = await targetOf(tx, ctx, proxyId);
    if (!(await endProxy(tx, actor.municipalityId, actor.citizenId, proxyId))) throw ended();
    await recordEvent(tx, ctx, { kind: 'write', action: 'relative.ended', citizenId: actor.citizenId, subjectType: 'proxy', subjectId: proxyId });
    return listRelatives(ctx, tx);
  });
}
