import { can, type Action } from '@sammen/domain/access';
import type { SignedInCtx } from './context.ts';
import type { Db } from './db.ts';
import { AppError } from './errors.ts';
import { findScope, ruleSubjectOf, type Scope, type ScopeSubject } from '../modules/access/access.service.ts';
import { readLogValues, recordReads, type ReadEntry, type ReadLogValues } from '../modules/audit/audit.service.ts';

// The one reader of citizen data. Every read of a citizen's data goes through here: it resolves
// what this actor may see of this citizen (404 when nothing), checks the action against what it
// found (403), runs the module's load with that scope, and writes the access-log row — all in
// one transaction. The citizen reading their own data writes no row; staff and proxies write one
// per citizen read. A route whose response carries citizen data declares `readsCitizenData`;
// platform/http.ts refuses to answer such a route unless its data came through here, and refuses
// the reader on a route that does not declare it — so a module cannot forget its log row.

export type { Scope } from '../modules/access/access.service.ts';

export interface ReadSpec {
  /** The action checked against the citizen and plan found; also the log row's action unless `logAs`. */
  action: Action;
  /** The log row's action when the read is a particular use of `action`, e.g. 'plan.history.read'. */
  logAs?: string;
  /** Why the data is read, in the words the citizen sees in "Hvem har kigget". */
  purpose: string;
  /** The sections this read shows, when fewer than the scope allows (a summary shows none). */
  sectionsShown?: string[];
}

const PURPOSE = { staff: 'Koordinering af borgerens plan', proxy: 'Pårørende læser planen' } as const;

/** The purpose a read of the plan has for this actor. */
export const planReadPurpose = (ctx: SignedInCtx) => PURPOSE[ctx.actor.kind === 'proxy' ? 'proxy' : 'staff'];

function markRead(ctx: SignedInCtx) {
  if (ctx.readsCitizenData === false) {
    // A programming error, not the user's: the route must declare what it reads.
    throw new Error('This route reads citizen data but does not declare readsCitizenData');
  }
  ctx.citizenDataReads = (ctx.citizenDataReads ?? 0) + 1;
}

const logEntry = (ctx: SignedInCtx, spec: ReadSpec, scope: Scope): ReadEntry => ({
  action: spec.logAs ?? spec.action,
  citizenId: scope.citizenId,
  subjectType: scope.plan ? 'plan' : 'citizen',
  subjectId: scope.plan?.id ?? scope.citizenId,
  purpose: spec.purpose,
  details: { sections: spec.sectionsShown ?? scope.sections, basis: scope.basis, consentIds: scope.consentIds, breakGlassId: scope.breakGlassId },
});

async function finish(tx: Db, ctx: SignedInCtx, spec: ReadSpec, scope: Scope) {
  if (!can(ctx.actor, spec.action, ruleSubjectOf(scope))) throw new AppError('FORBIDDEN');
  markRead(ctx);
  if (ctx.actor.kind !== 'citizen') await recordReads(tx, ctx, [logEntry(ctx, spec, scope)]);
}

const inTx = <T>(ctx: SignedInCtx, tx: Db | undefined, work: (tx: Db) => Promise<T>) => (tx ? work(tx) : ctx.db.transaction(work));

/**
 * Reads one citizen's data: scope, load, log — or 404. Pass `tx` to read inside a transaction
 * that is already open (a write that answers with what it changed).
 */
export function readCitizenData<T>(
  ctx: SignedInCtx,
  spec: ReadSpec & { subject: ScopeSubject },
  load: (tx: Db, scope: Scope) => Promise<T>,
  tx?: Db,
): Promise<T> {
  return inTx(ctx, tx, async (tx) => {
    const scope = await findScope(tx, ctx.actor, spec.subject);
    if (!scope) throw new AppError('NOT_FOUND');
    await finish(tx, ctx, spec, scope);
    return load(tx, scope);
  });
}

/**
 * The same, for a page whose one statement also writes its access-log row (the plan page read
 * from its read model, decisions/0008): no transaction, one round trip. The statement must insert
 * the row with `readLogInsert` (modules/audit) — exactly one row when it returns data, none when
 * it finds nothing — and `load` gets the values to fill it with (undefined for the citizen
 * reading their own data, who is not logged). Because the row is written before this function
 * sees the scope, the action is checked first against what the statement can find at most: its
 * SQL is scoped to the actor's municipality and, for a citizen or proxy, to their own citizen.
 */
export async function readCitizenDataLoggedByStatement<T>(
  ctx: SignedInCtx,
  spec: ReadSpec,
  load: (tx: Db, log: ReadLogValues | undefined) => Promise<{ scope: Scope; data: T } | undefined>,
  tx?: Db,
): Promise<T> {
  const actor = ctx.actor;
  const reachable = { municipalityId: actor.municipalityId, citizenId: 'citizenId' in actor ? actor.citizenId : undefined };
  if (!can(actor, spec.action, reachable)) throw new AppError('FORBIDDEN');
  if (spec.logAs || spec.sectionsShown) throw new Error('A read logged by its statement logs its action and the sections it applied');
  const found = await load(tx ?? ctx.db, actor.kind === 'citizen' ? undefined : readLogValues(ctx, spec));
  if (!found) throw new AppError('NOT_FOUND');
  // Holds by construction (the statement cannot find another municipality's or citizen's data);
  // checked again so a rule that comes to depend on the plan cannot be bypassed here.
  if (!can(actor, spec.action, ruleSubjectOf(found.scope))) throw new AppError('FORBIDDEN');
  markRead(ctx);
  return found.data;
}

/**
 * A list that shows several citizens (a work list, a search, the leader's break-glass review):
 * `load` scopes itself in SQL and says which citizens it showed; one row per citizen is logged.
 */
export function readCitizenList<T>(
  ctx: SignedInCtx,
  spec: ReadSpec & { subjectType: string },
  load: (tx: Db) => Promise<{ data: T; citizenIds: string[] }>,
): Promise<T> {
  return ctx.db.transaction(async (tx) => {
    if (!can(ctx.actor, spec.action)) throw new AppError('FORBIDDEN');
    const { data, citizenIds } = await load(tx);
    markRead(ctx);
    if (ctx.actor.kind !== 'citizen') {
      const entry = (citizenId: string): ReadEntry => ({ action: spec.logAs ?? spec.action, citizenId, subjectType: spec.subjectType, subjectId: citizenId, purpose: spec.purpose, details: { sections: [] } });
      await recordReads(tx, ctx, [...new Set(citizenIds)].map(entry));
    }
    return data;
  });
}

/**
 * A list whose one statement scopes itself in SQL and writes one access-log row per citizen it
 * shows (`readLogInsert`, filled with `log`): the work list. Staff only; no transaction.
 */
export async function readCitizenListLoggedByStatement<T>(ctx: SignedInCtx, spec: ReadSpec, load: (db: Db, log: ReadLogValues) => Promise<T>): Promise<T> {
  if (ctx.actor.kind !== 'staff' || !can(ctx.actor, spec.action)) throw new AppError('FORBIDDEN');
  const data = await load(ctx.db, readLogValues(ctx, spec));
  markRead(ctx);
  return data;
}
