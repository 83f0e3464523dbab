import type { CprKeys } from './cpr.ts';
import type { Db } from './db.ts';

// The shape of a module's demo data (modules/<m>/<m>.seed.ts); db/seed.ts runs them in order.

/** What every module's seed is given: the demo municipality and how to name its rows. */
export interface Demo {
  municipalityId: string;
  /** A stable UUID for a demo key ('citizen:sara'): the same every time, so links and tests stay put. */
  demoId: (key: string) => string;
  /** For storing CPR numbers as the server reads them. */
  keys: CprKeys;
}

export interface ModuleSeed {
  name: string;
  /** The modules whose demo rows this one refers to; their seeds run first. */
  after: readonly string[];
  /** Runs in the runner's one transaction. Counts it returns go into the `municipality.seeded` audit event. */
  run: (tx: Db, demo: Demo) => Promise<Record<string, number> | void>;
}
