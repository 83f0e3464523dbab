import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../platform/schema.ts';
import { actorKind, municipalities } from '../identity/identity.schema.ts';

// Sessions and pending OpenID Connect logins. Written out by hand, not with tenantTable: a session
// is keyed by the hash of its token, a login flow by the hash of its state (before anyone is known).

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token; the token itself is never stored. */
    id: text('id').primaryKey(),
    municipalityId: uuid('municipality_id').notNull().references(() => municipalities.id),
    actorKind: actorKind('actor_kind').notNull(),
    actorId: uuid('actor_id').notNull(),
    /** For staff: the unit they are working in now. */
    unitId: uuid('unit_id'),
    loginMethod: text('login_method').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [index('sessions_actor').on(t.municipalityId, t.actorKind, t.actorId)],
);

/** One pending OpenID Connect login: single-use state, nonce and PKCE verifier. */
export const loginFlows = pgTable('login_flows', {
  stateHash: text('state_hash').primaryKey(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  createdAt: createdAt(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});
