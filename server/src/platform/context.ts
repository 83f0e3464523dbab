import type { Actor } from '@sammen/domain/access';
import type { Config } from './config.ts';
import type { Db } from './db.ts';
import { AppError } from './errors.ts';

/** Everything a use case needs to know about the request it serves. */
export interface Ctx {
  db: Db;
  config: Config;
  requestId: string;
  /** Undefined on public routes before login. */
  actor?: Actor;
  /** The session behind the actor, when there is one. */
  sessionId?: string;
  /** Whether the route declared that it reads citizen data (undefined outside HTTP, e.g. jobs and tests). */
  readsCitizenData?: boolean;
  /** How many reads went through the one reader (platform/reader.ts) in this request. */
  citizenDataReads?: number;
}

export type SignedInCtx = Ctx & { actor: Actor };

/** The staff member behind a request, for use cases only staff reach (403 for anyone else). */
export const staffActor = (ctx: SignedInCtx) => {
  if (ctx.actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  return ctx.actor;
};
