import { rebuildStalePlanDocuments } from '../modules/plans/plan-document.ts';
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../platform/db.ts';
import type { CprKeys } from '../platform/cpr.ts';
import type { ModuleSeed } from '../platform/seed.ts';
import { auditEvents } from '../modules/audit/audit.schema.ts';
import { municipalities } from '../modules/identity/identity.schema.ts';
import { DEMO_MUNICIPALITY_CODE, seed as identity } from '../modules/identity/identity.seed.ts';
import { seed as plans } from '../modules/plans/plans.seed.ts';
import { seed as consent } from '../modules/consent/consent.seed.ts';
import { seed as calendar } from '../modules/calendar/calendar.seed.ts';
import { seed as network } from '../modules/network/network.seed.ts';
import { seed as decisions } from '../modules/decisions/decisions.seed.ts';
import { seed as complaints } from '../modules/decisions/complaints.seed.ts';
import { seed as feedback } from '../modules/feedback/feedback.seed.ts';
import { seed as learning } from '../modules/learning/learning.seed.ts';

// The seed runner: the demo municipality Fjordby Kommune, built from each module's demo data
// (modules/<m>/<m>.seed.ts) in the order their `after` lists give. Deterministic: the same ids
// every time, so links and tests of the demo stay stable.

const moduleSeeds: ModuleSeed[] = [identity, plans, consent, network, calendar, decisions, complaints, feedback, learning];

/** A stable UUID for a demo key. */
export const demoId = (key: string) => {
  const h = createHash('sha256').update(`sammen-demo:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/**
 * The seeds in an order where each runs after every seed it names in `after`; otherwise in the
 * order given. Throws on a name nobody seeds, a name seeded twice, or a circle.
 */
export function orderSeeds(seeds: readonly ModuleSeed[]): ModuleSeed[] {
  const byName = new Map<string, ModuleSeed>();
  for (const s of seeds) {
    if (byName.has(s.name)) throw new Error(`Two seeds are named '${s.name}'`);
    byName.set(s.name, s);
  }
  const ordered: ModuleSeed[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (s: ModuleSeed, path: string[]) => {
    if (state.get(s.name) === 'done') return;
    if (state.get(s.name) === 'visiting') {
      throw new Error(`Seeds wait for each other in a circle: ${[...path.slice(path.indexOf(s.name)), s.name].join(' → ')}`);
    }
    state.set(s.name, 'visiting');
    for (const name of s.after) {
      const first = byName.get(name);
      if (!first) throw new Error(`Seed '${s.name}' runs after '${name}', but there is no seed named '${name}'`);
      visit(first, [...path, s.name]);
    }
    state.set(s.name, 'done');
    ordered.push(s);
  };
  for (const s of seeds) visit(s, []);
  return ordered;
}

/** Seeds the demo municipality once. Returns false when it already exists. */
export async function seedDemo(db: Db, keys: CprKeys): Promise<boolean> {
  const seeds = orderSeeds(moduleSeeds);
  return db.transaction(async (tx) => {
    // Several servers may start at once on one database: one seeds, the others find it done.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7420003)`);
    const existing = await tx.select({ id: municipalities.id }).from(municipalities).where(eq(municipalities.code, DEMO_MUNICIPALITY_CODE));
    if (existing.length) return false;
    const demo = { municipalityId: demoId('municipality'), demoId, keys };
    const counts: Record<string, number> = {};
    for (const s of seeds) Object.assign(counts, await s.run(tx, demo));
    // The seeds write plans straight into their tables: their read model is built once, here.
    await rebuildStalePlanDocuments(tx);
    await tx.insert(auditEvents).values({
      municipalityId: demo.municipalityId,
      actorKind: 'system',
      kind: 'write',
      action: 'municipality.seeded',
      details: counts,
    });
    return true;
  });
}
