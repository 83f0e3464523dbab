import { createHash, randomBytes } from 'node:crypto';
import type { Actor, ProxyScope, RoleInUnit } from '@sammen/domain/access';
import type { DemoLoginInput, Persona, SessionView } from '@sammen/domain/identity';
import type { Config } from '../../platform/config.ts';
import type { Ctx, SignedInCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { recordEvent } from '../audit/audit.service.ts';
import {
  listPersonas,
  selectPersonaMunicipality,
  selectStaffRoles,
  selectValidProxy,
} from '../identity/identity.repository.ts';
import { insertSession, selectLiveSession, updateSessionEnded, updateSessionLastSeen, updateSessionUnit } from './auth.repository.ts';

// Sessions live in the database so any number of app servers share them. The cookie holds a
// random 256-bit token; the database holds only its SHA-256.

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface ResolvedSession {
  id: string;
  actor: Actor;
  view: SessionView;
}

/** Finds the live session for a cookie token and who is behind it, or undefined. One statement. */
export async function resolveSession(db: Db, config: Config, token: string): Promise<ResolvedSession | undefined> {
  const id = hashToken(token);
  const s = await selectLiveSession(db, id, config.sessionIdleMs);
  // A disabled staff member, a proxy no longer valid or a citizen gone: logged out on this request.
  if (!s?.person) return undefined;
  const municipality = { id: s.municipality_id, name: s.municipality_name };
  const expiresAt = new Date(s.expires_at).toISOString();
  const person = s.person;
  let resolved: ResolvedSession;
  if (person.kind === 'staff') {
    const roles = person.roles;
    // A staff member with no roles left is logged out too.
    if (!roles.length) return undefined;
    const unitId = roles.some((r) => r.unitId === s.unit_id) ? s.unit_id! : roles[0]!.unitId;
    resolved = {
      id,
      actor: { kind: 'staff', municipalityId: s.municipality_id, staffId: s.actor_id, unitId, roles: roles.map(({ unitId, role }) => ({ unitId, role })) },
      view: { kind: 'staff', staffId: s.actor_id, name: person.name, title: person.title, municipality, unitId, roles, expiresAt },
    };
  } else if (person.kind === 'citizen') {
    resolved = {
      id,
      actor: { kind: 'citizen', municipalityId: s.municipality_id, citizenId: s.actor_id },
      view: { kind: 'citizen', citizenId: s.actor_id, name: person.name, municipality, expiresAt },
    };
  } else {
    const scopes = person.scopes as ProxyScope[];
    resolved = {
      id,
      actor: { kind: 'proxy', municipalityId: s.municipality_id, proxyId: s.actor_id, citizenId: person.citizenId, scopes },
      view: { kind: 'proxy', proxyId: s.actor_id, citizenId: person.citizenId, name: person.name, citizenName: person.citizenName, scopes, municipality, expiresAt },
    };
  }
  if (s.refresh) await updateSessionLastSeen(db, id);
  return resolved;
}

export interface NewLogin {
  municipalityId: string;
  actorKind: 'staff' | 'citizen' | 'proxy';
  actorId: string;
  method: 'demo' | 'oidc';
}

/**
 * Starts a session. Any session the browser already had is ended first, so the id always
 * changes at login. Returns the token for the cookie.
 */
export async function startSession(ctx: Ctx, login: NewLogin, previousToken?: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await ctx.db.transaction(async (tx) => {
    if (previousToken && ctx.actor && ctx.sessionId === hashToken(previousToken)) {
      await updateSessionEnded(tx, ctx.sessionId);
      await recordEvent(tx, ctx, { kind: 'auth', action: 'session.logout', details: { reason: 'new login' } });
    } else if (previousToken) {
      await updateSessionEnded(tx, hashToken(previousToken));
    }
    let unitId: string | null = null;
    let roles: RoleInUnit[] = [];
    if (login.actorKind === 'staff') {
      roles = await selectStaffRoles(tx, login.municipalityId, login.actorId);
      if (!roles.length) throw new AppError('LOGIN_FAILED', 'This staff member has no role in any unit');
      unitId = roles[0]!.unitId;
    }
    await insertSession(tx, {
      id: hashToken(token),
      municipalityId: login.municipalityId,
      actorKind: login.actorKind,
      actorId: login.actorId,
      unitId,
      loginMethod: login.method,
      expiresAt: new Date(Date.now() + ctx.config.sessionMaxMs),
    });
    // The actor of a login is the person logging in, never whoever used the browser before.
    await recordEvent(tx, { ...ctx, actor: loginActor(login, roles, unitId) }, {
      kind: 'auth',
      action: 'session.login',
      subjectType: login.actorKind,
      subjectId: login.actorId,
      citizenId: login.actorKind === 'citizen' ? login.actorId : undefined,
      details: { method: login.method },
    });
  });
  return token;
}

function loginActor(login: NewLogin, roles: RoleInUnit[], unitId: string | null): Actor {
  const { municipalityId, actorId } = login;
  switch (login.actorKind) {
    case 'staff':
      return { kind: 'staff', municipalityId, staffId: actorId, roles: roles.map(({ unitId, role }) => ({ unitId, role })), unitId: unitId! };
    case 'citizen':
      return { kind: 'citizen', municipalityId, citizenId: actorId };
    case 'proxy':
      return { kind: 'proxy', municipalityId, proxyId: actorId, citizenId: '', scopes: [] };
  }
}

export async function endSession(ctx: SignedInCtx) {
  await ctx.db.transaction(async (tx) => {
    await updateSessionEnded(tx, ctx.sessionId!);
    await recordEvent(tx, ctx, { kind: 'auth', action: 'session.logout' });
  });
}

export async function switchUnit(ctx: SignedInCtx, unitId: string) {
  const actor = ctx.actor;
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  // A unit you hold no role in does not exist for this purpose.
  if (!actor.roles.some((r) => r.unitId === unitId)) throw new AppError('NOT_FOUND', 'You have no role in that unit', 'unitId');
  await ctx.db.transaction(async (tx) => {
    await updateSessionUnit(tx, ctx.sessionId!, unitId);
    await recordEvent(tx, ctx, { kind: 'auth', action: 'session.switchUnit', subjectType: 'unit', subjectId: unitId });
  });
}

// ---- Demo persona picker (demo mode only) ---------------------------------------------

export async function listDemoPersonas(ctx: Ctx): Promise<(Persona & { municipality: string })[]> {
  assertDemo(ctx.config);
  return listPersonas(ctx.db);
}

export async function loginAsPersona(ctx: Ctx, input: DemoLoginInput, previousToken?: string) {
  assertDemo(ctx.config);
  const municipalityId = await selectPersonaMunicipality(ctx.db, input.kind, input.id);
  if (!municipalityId) throw new AppError('NOT_FOUND', 'No such demo persona', 'id');
  if (input.kind === 'proxy' && !(await selectValidProxy(ctx.db, municipalityId, input.id))) {
    throw new AppError('LOGIN_FAILED', 'This proxy is not valid today');
  }
  return startSession(ctx, { municipalityId, actorKind: input.kind, actorId: input.id, method: 'demo' }, previousToken);
}

function assertDemo(config: Config) {
  // Defence in depth: the routes are not even registered outside demo mode.
  if (!config.demoMode) throw new AppError('NOT_FOUND');
}
