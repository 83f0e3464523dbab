import { rebuildStalePlanDocuments } from '../modules/plans/plan-document.ts';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { loadSyntheticCalendar } from './synthetic-calendar.ts';
import { loadSyntheticCases } from './synthetic-cases.ts';
import { loadSyntheticFeedback } from './synthetic-feedback.ts';
import { loadSyntheticCoordination } from './synthetic-coordination.ts';
import type { Db } from '../platform/db.ts';
import { encryptCpr, hashCpr, type CprKeys } from '../platform/cpr.ts';
import { defaultEffortArea } from '@sammen/domain/consent';

// A synthetic municipality for load tests (issue 5): Skovlund Kommune, code 997 (fictional).
// Deterministic: one fixed random seed drives every choice, so the same size gives the same
// people, plans and access log on every machine (CPR ciphertexts differ: the IV is random).
// The distributions are written down in docs/performance.md; change them there too.
//
// Rows are bulk-loaded with INSERT … SELECT FROM json_to_recordset($1) in batches, which works
// the same on PGlite and PostgreSQL. The access log is generated inside the database
// (INSERT … SELECT FROM generate_series), in transactions of AUDIT_TX_ROWS rows, and sealed
// afterwards by the ordinary sealer.

export const SYNTHETIC_MUNICIPALITY_CODE = '997';
export const SYNTHETIC_MUNICIPALITY_NAME = 'Skovlund Kommune';

export const syntheticSizes = {
  small: 2_000,
  medium: 20_000,
  large: 100_000,
} as const;
export type SyntheticSize = keyof typeof syntheticSizes;

export interface SyntheticOptions {
  citizens: number;
  /** Access-log rows per citizen on average, deep histories included (20M / 100k = 200). */
  auditPerCitizen?: number;
  /** Citizens whose plan has a 10,000-row access history (deep paging). */
  deepCitizens?: number;
  deepRows?: number;
  seed?: number;
  /** Seal the access log after loading (the sealer of the audit module). */
  seal?: (municipalityId: string) => Promise<number>;
  log?: (line: string) => void;
}

export interface SyntheticReport {
  municipalityId: string;
  counts: Record<string, number>;
  seconds: Record<string, number>;
  totalSeconds: number;
}

/** "Today" of the synthetic data: dates are fixed so every load is the same. */
export const SYNTHETIC_TODAY = '2026-11-01';
const TODAY_MS = Date.parse(`${SYNTHETIC_TODAY}T00:00:00Z`);
const DAY = 86_400_000;
const AUDIT_TX_ROWS = 10_000;
const BATCH = 5_000;

// ---- Randomness -------------------------------------------------------------------------

/**
 * sfc32: a small, fast PRNG with 128 bits of state, so the streams of 100,000 citizens do
 * not overlap (mulberry32's 32-bit state did, and repeated whole plans).
 */
function rng(seed: number) {
  let a = seed >>> 0, b = (seed ^ 0x9e3779b9) >>> 0, c = (seed ^ 0x85ebca6b) >>> 0, d = 1;
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let k = 0; k < 12; k++) next();
  let ids = 0;
  const r = {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    /** Picks from [value, weight] pairs. */
    weighted: <T>(xs: readonly (readonly [T, number])[]): T => {
      const total = xs.reduce((s, [, w]) => s + w, 0);
      let u = next() * total;
      for (const [v, w] of xs) if ((u -= w) < 0) return v;
      return xs[xs.length - 1]![0];
    },
    /** A version-4-shaped UUID from the stream's seed and a counter: unique, and the same every load. */
    uuid: () => {
      const h = createHash('md5').update(`${seed}:${ids++}`).digest('hex');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
  return r;
}
type Rng = ReturnType<typeof rng>;

/** A per-entity seed: the same citizen gets the same plan whatever the batch size. */
const subSeed = (seed: number, i: number) => {
  let z = (seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
};

const stableId = (seed: number, key: string) => {
  const h = createHash('sha256').update(`sammen-synthetic:${seed}:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isoTime = (ms: number) => new Date(ms).toISOString();

// ---- Names and words --------------------------------------------------------------------

const femaleNames = ['Anne', 'Kirsten', 'Mette', 'Hanne', 'Anna', 'Helle', 'Susanne', 'Lene', 'Maria', 'Marianne', 'Lone', 'Camilla', 'Pia', 'Louise', 'Charlotte', 'Bente', 'Tina', 'Gitte', 'Inge', 'Karen', 'Ida', 'Emma', 'Sofie', 'Freja', 'Clara', 'Laura', 'Alma', 'Ella', 'Maja', 'Josefine', 'Signe', 'Julie', 'Cecilie', 'Birgitte', 'Jette', 'Dorthe', 'Rikke', 'Nadia', 'Amina', 'Fatima'];
const maleNames = ['Peter', 'Michael', 'Lars', 'Jens', 'Thomas', 'Henrik', 'Søren', 'Christian', 'Martin', 'Jan', 'Morten', 'Jesper', 'Anders', 'Niels', 'Rasmus', 'Mads', 'Hans', 'Per', 'Ole', 'Kim', 'William', 'Noah', 'Oscar', 'Lucas', 'Carl', 'Oliver', 'Emil', 'Victor', 'Frederik', 'Magnus', 'Jonas', 'Mikkel', 'Kasper', 'Bo', 'Erik', 'Torben', 'Jakob', 'Simon', 'Ahmed', 'Mohammed'];
// Surnames weighted roughly by how common they are in Denmark (Danmarks Statistik, 2024).
const lastNames: [string, number][] = [
  ['Nielsen', 250], ['Jensen', 245], ['Hansen', 205], ['Andersen', 155], ['Pedersen', 155], ['Christensen', 110], ['Larsen', 108],
  ['Sørensen', 105], ['Rasmussen', 88], ['Jørgensen', 82], ['Petersen', 68], ['Madsen', 60], ['Kristensen', 58], ['Olsen', 48],
  ['Thomsen', 45], ['Christiansen', 41], ['Poulsen', 37], ['Johansen', 36], ['Møller', 35], ['Mortensen', 34], ['Knudsen', 25],
  ['Jakobsen', 24], ['Mikkelsen', 21], ['Olesen', 21], ['Frederiksen', 20], ['Laursen', 19], ['Henriksen', 19], ['Lund', 18],
  ['Schmidt', 16], ['Eriksen', 15], ['Holm', 15], ['Kristiansen', 14], ['Clausen', 13], ['Simonsen', 13], ['Svendsen', 12],
  ['Andreasen', 12], ['Iversen', 11], ['Jeppesen', 11], ['Vestergaard', 10], ['Mogensen', 10], ['Østergaard', 9], ['Ali', 8],
  ['Hassan', 6], ['Yusuf', 4], ['Karimi', 3], ['Nguyen', 3],
];

const districtNames = ['Nord', 'Syd', 'Øst', 'Vest', 'Midt', 'Havnen', 'Skoven', 'Ådalen', 'Bakken', 'Stranden', 'Lunden', 'Engen'];

const goalWordings = [
  'Komme op om morgenen og have en fast rytme', 'Have et arbejde, jeg kan holde til', 'Få styr på min økonomi', 'Bo i min egen lejlighed',
  'Se mine børn hver weekend', 'Færdiggøre 9. klasse', 'Starte på en uddannelse', 'Have det godt med mig selv', 'Tage min medicin hver dag',
  'Komme ud og gå en tur hver dag', 'Have en ven at tale med', 'Klare mine indkøb selv', 'Lave mad selv et par gange om ugen',
  'Blive boende i mit eget hjem', 'Komme i praktik', 'Stoppe med at drikke', 'Sove bedre om natten', 'Få min søn hjem igen',
  'Lære dansk, så jeg kan tale med lægen', 'Få et kørekort', 'Møde op i skolen hver dag', 'Have ro på hjemme', 'Kunne gå ned ad trappen selv',
  'Finde et fritidsjob', 'Komme til tandlæge', 'Få hjælp til post og breve', 'Spille fodbold igen', 'Have faste aftaler med min rådgiver',
];
const lifeStories = [
  'Jeg er vokset op her i byen. Jeg har haft det svært i nogle år, men nu vil jeg gerne videre.',
  'Jeg kom til Danmark for seks år siden. Jeg har to børn og vil gerne have et arbejde.',
  'Jeg har arbejdet hele mit liv, indtil jeg fik ondt i ryggen. Nu er dagene lange.',
  'Jeg bor alene, siden min mand døde. Jeg klarer meget selv, men ikke alt.',
  'Jeg gik ud af skolen i 8. klasse. Jeg er god med hænderne og kan lide motorer.',
  'Jeg har en psykisk sygdom, som kommer og går. Når jeg har det godt, vil jeg gerne bidrage.',
];
const wishTexts = [
  'Jeg vil gerne have en hverdag, der hænger sammen.', 'Jeg vil have et arbejde og mine egne penge.', 'Jeg vil blive boende derhjemme så længe som muligt.',
  'Jeg vil gerne være sammen med mine børn.', 'Jeg vil tage en uddannelse.', 'Jeg vil have færre møder og én, der holder styr på det hele.',
];
const effortTitles: Record<string, string[]> = {
  jobcenter: ['Mentor', 'Virksomhedspraktik', 'Jobsøgningsforløb', 'Ressourceforløb', 'Fritaget for beskæftigelsespligt', 'Løntilskud'],
  family: ['Familiebehandling', 'Aflastning', 'Kontaktperson til barnet', 'Forældreevneundersøgelse', 'Familiekonsulent i hjemmet'],
  housing_support: ['Bostøtte', 'Hjælp til økonomi og post', 'Støtte til indkøb og madlavning'],
  home_care: ['Hjemmehjælp', 'Hjemmesygepleje', 'Træning i hjemmet', 'Madservice'],
  health_visitors: ['Sundhedspleje', 'Ekstra hjemmebesøg'],
  adult_disability: ['Socialpædagogisk støtte', 'Botilbud', 'Ledsagelse', 'Samtaler med socialrådgiver'],
  youth_guidance: ['Vejledningssamtaler', 'Brobygning', 'Hjælp til uddannelsesvalg'],
  library: ['Lektiecafé', 'Læsegruppe'],
  partner: ['Ambulant psykiatrisk behandling', 'Misbrugsbehandling', 'Besøgsven', 'Netværksgruppe'],
};
const legalBases: Record<string, string> = {
  jobcenter: 'Lov om en aktiv beskæftigelsesindsats', family: 'Barnets lov § 32', housing_support: 'Serviceloven § 85',
  home_care: 'Serviceloven § 83', health_visitors: 'Sundhedsloven § 120', adult_disability: 'Serviceloven § 85',
  youth_guidance: 'Vejledningsloven', library: '', partner: 'Sundhedsloven',
};
const levelsOf: Record<string, string[]> = {
  housing_support: ['Pakke 1', 'Pakke 2', 'Pakke 3', 'Pakke 4', 'Pakke 5'],
  home_care: ['1 besøg om ugen', '3 besøg om ugen', 'Morgen og aften', 'Døgndækning'],
  adult_disability: ['2 timer om ugen', '5 timer om ugen', '10 timer om ugen'],
  jobcenter: ['10 timer om ugen', '15 timer om ugen', '20 timer om ugen', '37 timer om ugen'],
  family: ['Hver uge', 'Hver anden uge', 'Hver måned'],
};
const agreementTexts = [
  'indkalder til fælles møde hver 6. uge med borgeren og de andre enheder.', 'sørger for, at møder ikke falder oven i hinanden.',
  'giver besked i planen, hvis noget ændrer sig.', 'står for opfølgning og ringer til borgeren inden mødet.',
];
const commentTexts = ['Kan mødet flyttes til eftermiddag?', 'Det går bedre nu.', 'Jeg er nervøs for at starte.', 'Vi tager det op på næste møde.', 'Tak for i dag.'];

// ---- The municipality -------------------------------------------------------------------

type Kind = 'administration' | 'jobcenter' | 'family' | 'adult_disability' | 'housing_support' | 'youth_guidance' | 'home_care' | 'health_visitors' | 'library' | 'partner';
interface Unit { id: string; name: string; kind: Kind; parentId: string | null; isPartner: boolean; district: number | null }
interface Staff { id: string; name: string; title: string; unitId: string; roles: string[] }

function buildUnits(seed: number, districts: number): Unit[] {
  const u = (key: string, name: string, kind: Kind, parent: string | null, district: number | null = null): Unit =>
    ({ id: stableId(seed, `unit:${key}`), name, kind, parentId: parent ? stableId(seed, `unit:${parent}`) : null, isPartner: kind === 'partner', district });
  const list: Unit[] = [
    u('kommune', SYNTHETIC_MUNICIPALITY_NAME, 'administration', null),
    u('beskaeftigelse', 'Beskæftigelse', 'administration', 'kommune'),
    u('boernunge', 'Børn og Unge', 'administration', 'kommune'),
    u('social', 'Social og Sundhed', 'administration', 'kommune'),
    u('kultur', 'Kultur og Borgerservice', 'administration', 'kommune'),
    u('uu', 'Ungdommens Uddannelsesvejledning', 'youth_guidance', 'beskaeftigelse'),
    u('voksen', 'Voksen- og Handicapafdelingen', 'adult_disability', 'social'),
    u('bibliotek', 'Skovlund Bibliotekerne', 'library', 'kultur'),
    u('psykiatri', 'Regionspsykiatrien Skovlund', 'partner', null),
    u('misbrug', 'Rusmiddelcenter Skovlund (privat leverandør)', 'partner', null),
    u('frivillig', 'Frivilligcenter Skovlund', 'partner', null),
  ];
  for (let d = 0; d < districts; d++) {
    const n = districtNames[d % districtNames.length]! + (d >= districtNames.length ? ` ${Math.floor(d / districtNames.length) + 1}` : '');
    list.push(
      u(`jobcenter:${d}`, `Jobcenter ${n}`, 'jobcenter', 'beskaeftigelse', d),
      u(`familie:${d}`, `Familierådgivningen ${n}`, 'family', 'boernunge', d),
      u(`sundhedspleje:${d}`, `Sundhedsplejen ${n}`, 'health_visitors', 'boernunge', d),
      u(`bostoette:${d}`, `Bostøtten ${n}`, 'housing_support', 'social', d),
      u(`hjemmepleje:${d}`, `Hjemmeplejen ${n}`, 'home_care', 'social', d),
    );
  }
  return list;
}

interface Profile {
  born: number;
  female: boolean;
  district: number;
  coordKind: Kind;
  /** Kinds of the units delivering efforts, first one is usually the coordinator's own. */
  effortKinds: Kind[];
}

function ageGroup(r: Rng) {
  return r.weighted([['child', 15], ['young', 25], ['adult', 45], ['elderly', 15]] as const);
}

function profileOf(seed: number, i: number, districts: number): Profile {
  const r = rng(subSeed(seed, i));
  const group = ageGroup(r);
  const age = group === 'child' ? r.int(0, 17) : group === 'young' ? r.int(18, 29) : group === 'adult' ? r.int(30, 66) : r.int(67, 98);
  const born = TODAY_MS - age * 365.25 * DAY - r.int(0, 364) * DAY;
  const coordKind: Kind =
    group === 'child' ? (age >= 15 ? r.weighted([['youth_guidance', 50], ['family', 50]]) : age < 2 ? r.weighted([['health_visitors', 40], ['family', 60]]) : 'family')
    : group === 'young' ? r.weighted([['youth_guidance', 30], ['jobcenter', 50], ['adult_disability', 20]])
    : group === 'adult' ? r.weighted([['jobcenter', 60], ['adult_disability', 25], ['housing_support', 15]])
    : r.weighted([['home_care', 90], ['adult_disability', 10]]);
  const pool: [Kind, number][] =
    group === 'child' ? [['family', 40], ['health_visitors', 10], ['youth_guidance', 15], ['partner', 15], ['library', 10], ['home_care', 2]]
    : group === 'elderly' ? [['home_care', 50], ['housing_support', 10], ['partner', 20], ['adult_disability', 10], ['library', 5]]
    : [['jobcenter', 30], ['housing_support', 20], ['adult_disability', 15], ['partner', 20], ['family', 10], ['library', 5]];
  const nEfforts = r.weighted([[0, 5], [1, 15], [2, 20], [3, 20], [4, 15], [5, 10], [6, 7], [7, 3], [8, 2], [9, 2], [10, 1]]);
  const effortKinds: Kind[] = [];
  for (let k = 0; k < nEfforts; k++) effortKinds.push(k === 0 && r.chance(0.7) ? coordKind : r.weighted(pool));
  return { born, female: r.chance(0.5), district: r.int(0, districts - 1), coordKind, effortKinds };
}

// ---- Bulk insert --------------------------------------------------------------------------

interface Table {
  name: string;
  /** column name → SQL type, in insert order */
  columns: [string, string][];
}

const T = {
  citizens: { name: 'citizens', columns: [['municipality_id', 'uuid'], ['id', 'uuid'], ['name', 'text'], ['birth_date', 'date'], ['cpr_encrypted', 'bytea'], ['cpr_hash', 'text'], ['created_at', 'timestamptz']] },
  proxies: { name: 'proxies', columns: [['municipality_id', 'uuid'], ['id', 'uuid'], ['citizen_id', 'uuid'], ['name', 'text'], ['relation', 'text'], ['scopes', 'proxy_scope[]'], ['valid_from', 'timestamptz']] },
  plans: { name: 'plans', columns: [['municipality_id', 'uuid'], ['id', 'uuid'], ['citizen_id', 'uuid'], ['version', 'int'], ['coordinator_id', 'uuid'], ['coordinator_unit_id', 'uuid'],
    ['life_story', 'text'], ['life_story_author_kind', 'author_kind'], ['life_story_author_id', 'uuid'], ['life_story_updated_at', 'timestamptz'],
    ['wishes', 'text'], ['wishes_author_kind', 'author_kind'], ['wishes_author_id', 'uuid'], ['wishes_updated_at', 'timestamptz'],
    ['disagreement_procedure', 'text'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']] },
  goals: { name: 'goals', columns: [['municipality_id', 'uuid'], ['id', 'uuid'], ['plan_id', 'uuid'], ['position', 'int'], ['wording', 'text'], ['wording_author_kind', 'author_kind'], ['wording_author_id', 'uuid'],
    ['professional_description', 'text'], ['status', 'goal_status'], ['status_changed_by_kind', 'author_kind'], ['status_changed_by_id', 'uuid'], ['status_changed_at', 'timestamptz'], ['created_at', 'timestamptz']] },
  goal_dependencies: { name: 'goal_dependencies', columns: [['municipality_id', 'uuid'], ['goal_id', 'uuid'], ['depends_on_goal_id', 'uuid']] },
  efforts: { name: 'efforts', columns: [['municipality_id', 'uuid'], ['id', 'uuid'], ['plan_id', 'uuid'], ['unit_id', 'uuid'], ['responsible_staff_id', 'uuid'], ['title', 'text'], ['kind', 'effort_kind'],
    ['legal_basis', 'text'], ['starts_on', 'date'], ['ends_on', 'date'], ['created_at', 'timestamptz'], ['area', 'effort_area']] },
  effort_goals: { name: 'effort_goals', columns: [['municipality_id', 'uuid'], ['effort_id', 'uuid'], ['goal_id', 'uuid']] },
  support_levels: { name: 'support_levels', columns: [['municipality_id', 'uuid'], ['id', 'uuid'], ['effort_id', 'uuid'], ['level', 'text'], ['valid_from', 'date'], ['note', 'text'],
    ['recorded_by_kind', 'author_kind'], ['recorded_by_id', 'uuid'], ['recorded_at', 'timestamptz']] },
  agreements: { name: 'agreements', columns: [['municipality_id', 'uuid'], ['id', 'uuid'], ['plan_id', 'uuid'], ['responsible_unit_id', 'uuid'], ['text', 'text'], ['created_at', 'timestamptz']] },
  follow_ups: { name: 'follow_ups', columns: [['municipality_id', 'uuid'], ['id', 'uuid'], ['plan_id', 'uuid'], ['staff_id', 'uuid'], ['due_on', 'date'], ['note', 'text'], ['done_at', 'timestamptz'], ['created_at', 'timestamptz']] },
  plan_comments: { name: 'plan_comments', columns: [['municipality_id', 'uuid'], ['id', 'uuid'], ['plan_id', 'uuid'], ['author_kind', 'author_kind'], ['author_id', 'uuid'], ['target_type', 'comment_target'],
    ['target_id', 'uuid'], ['text', 'text'], ['created_at', 'timestamptz']] },
  consents: { name: 'consents', columns: [['municipality_id', 'uuid'], ['id', 'uuid'], ['citizen_id', 'uuid'], ['recipient_unit_id', 'uuid'], ['sections', 'plan_section[]'], ['purpose', 'text'],
    ['starts_on', 'date'], ['ends_on', 'date'], ['method', 'consent_method'], ['note', 'text'], ['proposed_by_staff_id', 'uuid'], ['given_at', 'timestamptz'], ['given_by_kind', 'author_kind'],
    ['given_by_id', 'uuid'], ['revoked_at', 'timestamptz'], ['revoked_by_kind', 'author_kind'], ['revoked_by_id', 'uuid'], ['created_at', 'timestamptz']] },
  plan_changes: { name: 'plan_changes', columns: [['municipality_id', 'uuid'], ['plan_id', 'uuid'], ['version', 'int'], ['actor_kind', 'author_kind'], ['actor_id', 'uuid'], ['change_type', 'text'],
    ['target_type', 'text'], ['target_id', 'uuid'], ['before', 'jsonb'], ['after', 'jsonb'], ['at', 'timestamptz']] },
} satisfies Record<string, Table>;
type TableName = keyof typeof T;
type Row = unknown[];

/** Collects rows per table and writes them in batches with one statement each. */
class Loader {
  rows = new Map<TableName, Row[]>();
  counts: Record<string, number> = {};
  seconds: Record<string, number> = {};
  constructor(public db: Db) {}

  add(table: TableName, row: Row) {
    let list = this.rows.get(table);
    if (!list) this.rows.set(table, (list = []));
    list.push(row);
  }

  async flush(table: TableName) {
    const list = this.rows.get(table);
    if (!list?.length) return;
    this.rows.set(table, []);
    const t = T[table] as Table;
    const t0 = performance.now();
    for (let i = 0; i < list.length; i += BATCH) {
      const json = JSON.stringify(list.slice(i, i + BATCH).map((r) => Object.fromEntries(t.columns.map(([c], k) => [c, r[k] ?? null]))));
      const cols = t.columns.map(([c]) => `"${c}"`).join(', ');
      const defs = t.columns.map(([c, type]) => `"${c}" ${type}`).join(', ');
      await this.db.execute(sql`INSERT INTO ${sql.raw(t.name)} (${sql.raw(cols)}) SELECT ${sql.raw(cols)} FROM json_to_recordset(${json}::json) AS x(${sql.raw(defs)})`);
    }
    this.counts[table] = (this.counts[table] ?? 0) + list.length;
    this.seconds[table] = (this.seconds[table] ?? 0) + (performance.now() - t0) / 1000;
  }

  async flushAll() {
    // Parents before children, for the foreign keys.
    for (const t of Object.keys(T) as TableName[]) await this.flush(t);
  }
}

// ---- Load ---------------------------------------------------------------------------------

export async function loadSynthetic(db: Db, keys: CprKeys, options: SyntheticOptions): Promise<SyntheticReport> {
  const seed = options.seed ?? 20_260_501;
  const log = options.log ?? (() => {});
  const nCitizens = options.citizens;
  const auditPerCitizen = options.auditPerCitizen ?? 200;
  const deepCitizens = options.deepCitizens ?? Math.max(1, Math.round(nCitizens / 10_000));
  const deepRows = options.deepRows ?? 10_000;
  const started = performance.now();
  const exists = (await db.execute(sql`SELECT 1 FROM municipalities WHERE code = ${SYNTHETIC_MUNICIPALITY_CODE}`)) as unknown as { rows: unknown[] };
  if (exists.rows.length) throw new Error(`${SYNTHETIC_MUNICIPALITY_NAME} (code ${SYNTHETIC_MUNICIPALITY_CODE}) is already loaded here: load into a fresh database`);

  const municipalityId = stableId(seed, 'municipality');
  const districts = Math.min(12, Math.max(2, Math.ceil(nCitizens / 10_000)));
  const units = buildUnits(seed, districts);
  const unitOf = (kind: Kind, district: number) =>
    units.find((u) => u.kind === kind && (u.district === district || u.district === null))!;
  const partners = units.filter((u) => u.kind === 'partner');

  // Pass 1: who each citizen is and which units work with them, to size the staff.
  const profiles: Profile[] = [];
  const planLoad = new Map<string, number>();
  const effortLoad = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const effortUnitOf = (p: Profile, kind: Kind, k: number) =>
    kind === 'partner' ? partners[(p.district + k) % partners.length]! : unitOf(kind, p.district);
  for (let i = 0; i < nCitizens; i++) {
    const p = profileOf(seed, i, districts);
    profiles.push(p);
    bump(planLoad, unitOf(p.coordKind, p.district).id);
    p.effortKinds.forEach((k, j) => bump(effortLoad, effortUnitOf(p, k, j).id));
  }

  // Staff: a caseworker coordinates about 30 plans; a frontline worker has about 40 efforts.
  const staffRng = rng(subSeed(seed, -1));
  const staff: Staff[] = [];
  const coordinatorsOf = new Map<string, Staff[]>();
  const frontlineOf = new Map<string, Staff[]>();
  const person = () => `${staffRng.chance(0.5) ? staffRng.pick(femaleNames) : staffRng.pick(maleNames)} ${staffRng.weighted(lastNames)}`;
  for (const u of units) {
    const add = (title: string, roles: string[], into?: Map<string, Staff[]>) => {
      const s: Staff = { id: stableId(seed, `staff:${staff.length}`), name: person(), title, unitId: u.id, roles };
      staff.push(s);
      if (into) into.set(u.id, [...(into.get(u.id) ?? []), s]);
    };
    if (u.kind === 'administration') {
      add(u.parentId ? 'Direktør' : 'Systemadministrator', [u.parentId ? 'leader' : 'admin']);
      continue;
    }
    const role = u.isPartner ? 'partner' : 'frontline';
    for (let k = 0; k < Math.ceil((planLoad.get(u.id) ?? 0) / 30); k++) add(u.isPartner ? 'Behandler' : 'Sagsbehandler', u.isPartner ? ['partner'] : ['caseworker', 'coordinator'], coordinatorsOf);
    for (let k = 0; k < Math.max(1, Math.ceil((effortLoad.get(u.id) ?? 0) / 40)); k++) add(u.isPartner ? 'Behandler' : 'Medarbejder', [role], frontlineOf);
    add(u.isPartner ? 'Afdelingsleder' : 'Leder', u.isPartner ? ['partner'] : ['leader']);
  }

  const load = new Loader(db);
  const timed = async <T>(label: string, count: number, work: () => Promise<T>) => {
    const t0 = performance.now();
    const result = await work();
    load.counts[label] = count;
    load.seconds[label] = (performance.now() - t0) / 1000;
    return result;
  };

  log(`${SYNTHETIC_MUNICIPALITY_NAME}: ${nCitizens} citizens with plans, ${units.length} units (${districts} districts), ${staff.length} staff`);
  const citizenIds: string[] = [];
  await db.transaction(async (tx) => {
    const txLoad = new Loader(tx);
    txLoad.counts = load.counts;
    txLoad.seconds = load.seconds;
    await timed('municipalities', 1, () =>
      tx.execute(sql`INSERT INTO municipalities (id, code, name) VALUES (${municipalityId}, ${SYNTHETIC_MUNICIPALITY_CODE}, ${SYNTHETIC_MUNICIPALITY_NAME})`));
    await timed('units', units.length, async () => {
      // Parents first: the tree is built top-down.
      for (const u of units) {
        await tx.execute(sql`INSERT INTO units (municipality_id, id, parent_id, name, kind, is_partner)
          VALUES (${municipalityId}, ${u.id}, ${u.parentId}, ${u.name}, ${u.kind}, ${u.isPartner})`);
      }
    });
    await timed('staff', staff.length, async () => {
      const json = JSON.stringify(staff.map((s, k) => ({ id: s.id, name: s.name, title: s.title, email: `medarbejder${k}@skovlund.example` })));
      await tx.execute(sql`INSERT INTO staff (municipality_id, id, name, title, email)
        SELECT ${municipalityId}::uuid, x.id, x.name, x.title, x.email FROM json_to_recordset(${json}::json) AS x(id uuid, name text, title text, email text)`);
      const roles = JSON.stringify(staff.flatMap((s) => s.roles.map((role) => ({ staff_id: s.id, unit_id: s.unitId, role }))));
      await tx.execute(sql`INSERT INTO staff_roles (municipality_id, staff_id, unit_id, role)
        SELECT ${municipalityId}::uuid, x.staff_id, x.unit_id, x.role FROM json_to_recordset(${roles}::json) AS x(staff_id uuid, unit_id uuid, role staff_role)`);
    });

    // Citizens: CPR numbers are invented from the birth date and a running number per date.
    const perDate = new Map<string, number>();
    for (let i = 0; i < nCitizens; i++) {
      const p = profiles[i]!;
      const r = rng(subSeed(seed, i) ^ 0x5eed);
      const id = r.uuid();
      citizenIds.push(id);
      const born = isoDate(p.born);
      const n = (perDate.get(born) ?? 0) + 1;
      perDate.set(born, n);
      const cpr = `${born.slice(8, 10)}${born.slice(5, 7)}${born.slice(2, 4)}${String(1000 + n * 2 + (p.female ? 0 : 1)).padStart(4, '0')}`;
      const name = `${r.pick(p.female ? femaleNames : maleNames)} ${r.weighted(lastNames)}`;
      txLoad.add('citizens', [municipalityId, id, name, born, `\\x${encryptCpr(keys, cpr).toString('hex')}`, hashCpr(keys, cpr), isoTime(TODAY_MS - r.int(30, 1500) * DAY)]);
      if (txLoad.rows.get('citizens')!.length >= 20_000) await txLoad.flush('citizens');
    }
    await txLoad.flush('citizens');

  });

  // Pass 2: the plans, in chunks of 2,000 so memory stays flat at any size, each chunk in its
  // own transaction: one long transaction would hold back pg_snapshot_xmin, and with it the
  // audit sealer of every database on the server, for the whole load.
  const chunk = new Loader(db);
  chunk.counts = load.counts;
  chunk.seconds = load.seconds;
  const flushChunk = () => db.transaction(async (tx) => {
    chunk.db = tx;
    await chunk.flushAll();
  });
  for (let i = 0; i < nCitizens; i++) {
    planOf(chunk, seed, i, municipalityId, citizenIds[i]!, profiles[i]!, {
      coordinatorUnit: unitOf(profiles[i]!.coordKind, profiles[i]!.district),
      effortUnit: (kind, k) => effortUnitOf(profiles[i]!, kind, k),
      coordinatorsOf,
      frontlineOf,
    });
    if ((i + 1) % 2_000 === 0) {
      await flushChunk();
      if ((i + 1) % 20_000 === 0) log(`  plans: ${i + 1} of ${nCitizens}`);
    }
  }
  await flushChunk();
  await timed('plan_documents', nCitizens, () => rebuildStalePlanDocuments(db, 1_000));
  // Future appointments for every plan (the calendar, collisions and their sweep); the deep
  // calendars, 500 appointments each, for the collision check at booking.
  load.counts.appointments = await timed('appointments', 0, () => loadSyntheticCalendar(db, municipalityId, deepCitizens));
  // Requests, decisions, letters and complaints (issue 14), from the plans.
  const cases = await timed('decision cases', 0, () => loadSyntheticCases(db, municipalityId));
  delete load.counts['decision cases'];
  Object.assign(load.counts, cases);
  // Meetings with three in ten citizens and their ratings (issue 15), from the plans.
  const feedback = await timed('feedback', 0, () => loadSyntheticFeedback(db, municipalityId));
  delete load.counts.feedback;
  Object.assign(load.counts, feedback);
  // 100 work groups, two closed waves of 100 groups × 20 respondents, and pulses on one plan in ten (issue 16).
  const coordination = await timed('coordination', 0, () => loadSyntheticCoordination(db, municipalityId));
  delete load.counts.coordination;
  Object.assign(load.counts, coordination);

  // The access log: generated in the database. Each transaction holds AUDIT_TX_ROWS rows, so
  // the sealer (which finds unsealed rows from the last sealed transaction on) stays linear.
  const auditTotal = nCitizens * auditPerCitizen;
  await timed('audit_events', auditTotal, () => loadAccessLog(db, municipalityId, auditTotal, deepCitizens, deepRows, seed, log));
  await db.execute(sql`ANALYZE`);

  if (options.seal) {
    const t0 = performance.now();
    const n = await options.seal(municipalityId);
    load.counts.audit_seals = n;
    load.seconds.audit_seals = (performance.now() - t0) / 1000;
  }
  return { municipalityId, counts: load.counts, seconds: load.seconds, totalSeconds: (performance.now() - started) / 1000 };
}

interface PlanContext {
  coordinatorUnit: Unit;
  effortUnit: (kind: Kind, k: number) => Unit;
  coordinatorsOf: Map<string, Staff[]>;
  frontlineOf: Map<string, Staff[]>;
}

/** One citizen's plan with goals, efforts, support levels, agreements, proxies and history. */
function planOf(load: Loader, seed: number, i: number, m: string, citizenId: string, p: Profile, c: PlanContext) {
  const r = rng(subSeed(seed, i) ^ 0x91a7);
  const planId = r.uuid();
  const coordinators = c.coordinatorsOf.get(c.coordinatorUnit.id)!;
  const coordinator = coordinators[Math.floor(r.next() * coordinators.length)]!;
  const created = TODAY_MS - r.int(14, 3 * 365) * DAY;
  const at = (daysAfterCreation: number) => Math.min(TODAY_MS - DAY, created + daysAfterCreation * DAY);
  const age = (TODAY_MS - p.born) / (365.25 * DAY);
  // History rows: [row, bumps the version]; versions are numbered after sorting by time.
  const history: [Row, boolean][] = [];
  const change = (when: number, kind: string, actor: string, changeType: string, targetType: string, targetId: string | null, after: unknown, before: unknown = null, bumps = true) => {
    history.push([[m, planId, 0, kind, actor, changeType, targetType, targetId, before, after, when], bumps]);
  };
  history.push([[m, planId, 1, 'staff', coordinator.id, 'plan.created', 'plan', planId, null, { coordinatorId: coordinator.id }, created], false]);

  // Proxies: a parent for most minors, a grown-up child for some of the elderly, a guardian now and then.
  const proxyIds: string[] = [];
  const proxyRoll = r.next();
  if ((age < 18 && proxyRoll < 0.7) || (age >= 67 && proxyRoll < 0.25) || proxyRoll < 0.05) {
    const relation = age < 18 ? r.pick(['mor', 'far']) : age >= 67 ? r.pick(['søn', 'datter']) : 'værge';
    const scopes = age < 18 ? ['plan.read', 'plan.comment', 'consent.manage'] : age >= 67 ? ['plan.read', 'plan.comment'] : ['plan.read'];
    const id = r.uuid();
    proxyIds.push(id);
    load.add('proxies', [m, id, citizenId, `${r.pick(relation === 'mor' || relation === 'datter' ? femaleNames : maleNames)} ${r.weighted(lastNames)}`, relation, scopes, isoTime(created)]);
  }

  const citizenWrites = age >= 13 && r.chance(0.75);
  const author = citizenWrites ? (['citizen', citizenId] as const) : (['staff', coordinator.id] as const);
  const lifeStory = r.chance(0.7) ? r.pick(lifeStories) : null;
  let wishes = r.chance(0.85) ? r.pick(wishTexts) : null;
  if (lifeStory) change(created, author[0], author[1], 'lifeStory.changed', 'life_story', null, lifeStory);
  if (wishes) change(created, author[0], author[1], 'wishes.changed', 'wishes', null, wishes);

  // Goals: 1–12, about 4 on average; a quarter wait for an earlier goal ("first this, then that").
  const nGoals = r.weighted([[1, 10], [2, 15], [3, 20], [4, 20], [5, 15], [6, 10], [7, 4], [8, 3], [10, 2], [12, 1]]);
  const goalIds: string[] = [];
  for (let g = 0; g < nGoals; g++) {
    const id = r.uuid();
    goalIds.push(id);
    const when = at(g * r.int(0, 60));
    const status = r.weighted([['not_started', 25], ['in_progress', 45], ['reached', 20], ['paused', 7], ['dropped', 3]]);
    const wording = r.pick(goalWordings);
    const by = citizenWrites && r.chance(0.8) ? author : (['staff', coordinator.id] as const);
    load.add('goals', [m, id, planId, g + 1, wording, by[0], by[1], r.chance(0.6) ? 'Faglig beskrivelse af målet og hvordan vi ser, at det er nået.' : '', status, 'staff', coordinator.id, isoTime(at(g * 30 + 20)), isoTime(when)]);
    change(when, by[0], by[1], 'goal.added', 'goal', id, { wording });
    if (g > 0 && r.chance(0.25)) {
      load.add('goal_dependencies', [m, id, goalIds[r.int(0, g - 1)]]);
    }
    if (status !== 'not_started') change(at(g * 30 + 20), 'staff', coordinator.id, 'goal.statusChanged', 'goal', id, status, 'not_started');
  }

  // Efforts from several units, each serving one or two goals; some with a support-level history.
  const unitsOnPlan = new Set<string>([c.coordinatorUnit.id]);
  p.effortKinds.forEach((kind, k) => {
    const unit = c.effortUnit(kind, k);
    unitsOnPlan.add(unit.id);
    const staffOfUnit = c.frontlineOf.get(unit.id) ?? c.coordinatorsOf.get(unit.id) ?? [coordinator];
    const responsible = unit.id === c.coordinatorUnit.id && r.chance(0.5) ? coordinator : staffOfUnit[Math.floor(r.next() * staffOfUnit.length)]!;
    const id = r.uuid();
    const starts = at(r.int(0, 200));
    const ends = r.chance(0.4) ? starts + r.int(60, 540) * DAY : null;
    const title = r.pick(effortTitles[unit.kind] ?? effortTitles.partner!);
    const exemption = title.startsWith('Fritaget');
    const area = unit.kind === 'partner' ? (unit.name.includes('psykiatri') ? 'health' : 'other') : defaultEffortArea(unit.kind);
    load.add('efforts', [m, id, planId, unit.id, r.chance(0.9) ? responsible.id : null, title, exemption ? 'exemption' : 'effort', legalBases[unit.kind] ?? '', isoDate(starts), ends ? isoDate(ends) : null, isoTime(starts), area]);
    change(starts, 'staff', coordinator.id, 'effort.added', 'effort', id, { title, startsOn: isoDate(starts) });
    const linked = new Set([goalIds[r.int(0, nGoals - 1)]!, ...(r.chance(0.4) ? [goalIds[r.int(0, nGoals - 1)]!] : [])]);
    for (const goalId of linked) load.add('effort_goals', [m, id, goalId]);
    const levels = levelsOf[unit.kind];
    if (levels && r.chance(0.6)) {
      let when = starts;
      for (let l = r.int(1, 4); l > 0; l--) {
        const level = r.pick(levels);
        if (when >= TODAY_MS) break;
        load.add('support_levels', [m, r.uuid(), id, level, isoDate(when), r.chance(0.3) ? 'Justeret efter opfølgning' : '', 'staff', responsible.id, isoTime(when)]);
        change(when, 'staff', responsible.id, 'effort.supportLevelChanged', 'effort', id, { level, validFrom: isoDate(when) });
        when += r.int(30, 240) * DAY;
      }
    }
  });

  const planUnits = [...unitsOnPlan];

  // Consents: each other unit on the plan usually holds one from the citizen (or a parent).
  for (const unitId of planUnits.slice(1)) {
    const state = r.weighted([['active', 70], ['revoked', 10], ['proposed', 5], ['expired', 5], ['none', 10]]);
    if (state === 'none') continue;
    const giver = proxyIds.length && age < 18 ? (['proxy', proxyIds[0]!] as const) : (['citizen', citizenId] as const);
    const starts = at(r.int(0, 60));
    const given = state === 'proposed' ? null : starts;
    const ends = state === 'expired' ? starts + r.int(30, 180) * DAY : r.chance(0.4) ? TODAY_MS + r.int(180, 720) * DAY : null;
    const sections = r.chance(0.5) ? ['goals', 'agreements'] : ['wishes', 'goals', 'agreements', 'comments', r.pick(['health', 'family', 'work', 'housing', 'education', 'other'])];
    load.add('consents', [m, r.uuid(), citizenId, unitId, sections, 'Så de kan hjælpe mig med det, vi har aftalt i planen.', isoDate(starts), ends ? isoDate(Math.max(ends, starts + DAY)) : null,
      given ? r.pick(['portal', 'portal', 'paper']) : 'portal', '', coordinator.id, given ? isoTime(given) : null, given ? giver[0] : null, given ? giver[1] : null,
      state === 'revoked' ? isoTime(at(r.int(60, 400))) : null, state === 'revoked' ? giver[0] : null, state === 'revoked' ? giver[1] : null, isoTime(starts)]);
  }
  const nAgreements = r.weighted([[0, 30], [1, 30], [2, 25], [3, 10], [4, 5]]);
  for (let a = 0; a < nAgreements; a++) {
    const unitId = planUnits[a % planUnits.length]!;
    const text = `Enheden ${r.pick(agreementTexts)}`;
    const when = at(r.int(0, 90));
    const id = r.uuid();
    load.add('agreements', [m, id, planId, unitId, text, isoTime(when)]);
    change(when, 'staff', coordinator.id, 'agreement.added', 'agreement', id, { text });
  }

  if (r.chance(0.5)) load.add('follow_ups', [m, r.uuid(), planId, coordinator.id, isoDate(TODAY_MS + r.int(-14, 45) * DAY), 'Opfølgning med borgeren', null, isoTime(created)]);
  if (r.chance(0.2)) load.add('follow_ups', [m, r.uuid(), planId, coordinator.id, isoDate(created + 30 * DAY), 'Første opfølgning', isoTime(created + 31 * DAY), isoTime(created)]);

  const nComments = r.weighted([[0, 40], [1, 30], [2, 20], [3, 10]]);
  for (let k = 0; k < nComments; k++) {
    const who = proxyIds.length && r.chance(0.2) ? (['proxy', proxyIds[0]!] as const) : citizenWrites && r.chance(0.55) ? (['citizen', citizenId] as const) : (['staff', coordinator.id] as const);
    const onGoal = r.chance(0.4);
    const targetId = onGoal ? goalIds[r.int(0, nGoals - 1)]! : null;
    const when = at(r.int(10, 700));
    const text = r.pick(commentTexts);
    load.add('plan_comments', [m, r.uuid(), planId, who[0], who[1], onGoal ? 'goal' : 'plan', targetId, text, isoTime(when)]);
    change(when, who[0], who[1], 'comment.added', onGoal ? 'goal' : 'plan', targetId, { text }, null, false);
  }

  // Later rewrites of the citizen's wishes: 0–3.
  for (let k = r.weighted([[0, 50], [1, 30], [2, 15], [3, 5]]); k > 0; k--) {
    const next = r.pick(wishTexts) + (k > 1 ? ' Og så vil jeg gerne have ro.' : '');
    change(at(r.int(30, 900)), author[0], author[1], 'wishes.changed', 'wishes', null, next, wishes);
    wishes = next;
  }

  history.sort((a, b) => (a[0][10] as number) - (b[0][10] as number));
  const updated = history[history.length - 1]![0][10] as number;
  let version = 1;
  for (const [h, bumps] of history) {
    if (bumps) version += 1;
    h[2] = version;
    h[10] = isoTime(h[10] as number);
    load.add('plan_changes', h);
  }
  const wishesAt = wishes ? isoTime(created) : null;
  load.add('plans', [m, planId, citizenId, version, coordinator.id, c.coordinatorUnit.id,
    lifeStory, lifeStory ? author[0] : null, lifeStory ? author[1] : null, lifeStory ? isoTime(created) : null,
    wishes, wishes ? author[0] : null, wishes ? author[1] : null, wishesAt,
    nAgreements ? 'Uenighed tages op på næste fælles møde. Kan vi ikke blive enige, aftaler lederne en løsning inden 14 dage.' : '',
    isoTime(created), isoTime(updated)]);
}

/**
 * The access log of plan reads, generated inside the database from numbered pick-lists:
 * who read (the plan's coordinator 60 %, a worker on one of its efforts 40 %), which plan
 * (skewed: u² over the plans, so some citizens are read far more often), when (spread over two
 * years, in id order) and why. The first `deepCitizens` plans get `deepRows` extra reads each.
 */
async function loadAccessLog(db: Db, m: string, total: number, deepCitizens: number, deepRows: number, seed: number, log: (s: string) => void) {
  await db.execute(sql`DROP TABLE IF EXISTS synthetic_readers`);
  await db.execute(sql`DROP TABLE IF EXISTS synthetic_roles`);
  await db.execute(sql`CREATE TABLE synthetic_readers AS
    WITH workers AS (
      SELECT w.plan_id, array_agg(w.staff_id ORDER BY w.staff_id) AS worker_ids, array_agg(w.unit_id ORDER BY w.staff_id) AS worker_units
      FROM (SELECT DISTINCT e.plan_id, e.responsible_staff_id AS staff_id, e.unit_id
            FROM efforts e WHERE e.municipality_id = ${m} AND e.responsible_staff_id IS NOT NULL) w
      GROUP BY w.plan_id)
    SELECT (row_number() OVER (ORDER BY p.id) - 1)::bigint AS n, p.id AS plan_id, p.citizen_id, p.coordinator_id, p.coordinator_unit_id,
      coalesce(w.worker_ids, '{}') AS worker_ids, coalesce(w.worker_units, '{}') AS worker_units
    FROM plans p LEFT JOIN workers w ON w.plan_id = p.id
    WHERE p.municipality_id = ${m}`);
  await db.execute(sql`CREATE UNIQUE INDEX ON synthetic_readers (n)`);
  await db.execute(sql`CREATE TABLE synthetic_roles AS
    SELECT r.staff_id, string_agg(r.role::text, ',' ORDER BY r.role) AS roles FROM staff_roles r WHERE r.municipality_id = ${m} GROUP BY r.staff_id`);
  await db.execute(sql`CREATE UNIQUE INDEX ON synthetic_roles (staff_id)`);
  const plans = Number(((await db.execute(sql`SELECT count(*) AS n FROM synthetic_readers`)) as unknown as { rows: { n: number }[] }).rows[0]!.n);
  const deepPlans = Math.max(1, Math.min(deepCitizens, plans));
  // Every `stride`-th row belongs to one of the deep histories, so they spread over the two years.
  const stride = Math.max(1, Math.floor(total / (deepPlans * deepRows)));
  const salt = sql.raw(`'${seed >>> 0}'`);
  const spanSeconds = 2 * 365 * 86_400;
  const startMs = TODAY_MS - spanSeconds * 1000;
  const t0 = performance.now();
  for (let from = 0; from < total; from += AUDIT_TX_ROWS) {
    const to = Math.min(total, from + AUDIT_TX_ROWS) - 1;
    // h1..h3: three independent hashes of the row number (deterministic, seeded).
    await db.execute(sql`INSERT INTO audit_events (municipality_id, occurred_at, actor_kind, actor_id, actor_role, actor_unit_id, kind, action,
        citizen_id, subject_type, subject_id, purpose, request_id, outcome, details)
      SELECT ${m}::uuid,
        to_timestamp(${startMs / 1000}::float8 + (g::float8 / ${total}) * ${spanSeconds}),
        'staff', x.staff_id, ro.roles, x.unit_id, 'read', 'plan.read',
        r.citizen_id, 'plan', r.plan_id::text,
        CASE WHEN h.h3 < 80 THEN 'Koordinering af borgerens plan' WHEN h.h3 < 88 THEN 'Forberedelse af møde med borgeren'
             WHEN h.h3 < 95 THEN 'Opfølgning på indsats' ELSE 'Sagsbehandling af ansøgning' END,
        'syn-' || g, 'ok',
        CASE WHEN x.staff_id = r.coordinator_id
          THEN '{"basis": "coordination", "sections": ["life_story", "wishes", "goals", "agreements", "comments", "health", "family", "economy", "work", "housing", "education", "other"]}'::jsonb
          ELSE '{"basis": "consent", "sections": ["goals", "agreements"]}'::jsonb END
      FROM generate_series(${from}::bigint, ${to}::bigint) g
      CROSS JOIN LATERAL (SELECT
        hashtext(${salt} || ':a:' || g)::bigint + 2147483648 AS h1, hashtext(${salt} || ':b:' || g)::bigint + 2147483648 AS h2,
        (hashtext(${salt} || ':c:' || g)::bigint + 2147483648) % 100 AS h3) h
      JOIN synthetic_readers r ON r.n = CASE WHEN g % ${stride}::bigint = 0 AND g / ${stride}::bigint < ${deepPlans * deepRows}::bigint
          THEN (g / ${stride}::bigint) % ${deepPlans}::bigint
        ELSE floor(${plans}::float8 * power((h.h1 % 1000000)::float8 / 1000000, 2))::bigint END
      CROSS JOIN LATERAL (SELECT
        CASE WHEN cardinality(r.worker_ids) = 0 OR h.h2 % 10 < 6 THEN r.coordinator_id ELSE r.worker_ids[(1 + (h.h2 / 10) % cardinality(r.worker_ids))::int] END AS staff_id,
        CASE WHEN cardinality(r.worker_ids) = 0 OR h.h2 % 10 < 6 THEN r.coordinator_unit_id ELSE r.worker_units[(1 + (h.h2 / 10) % cardinality(r.worker_ids))::int] END AS unit_id) x
      JOIN synthetic_roles ro ON ro.staff_id = x.staff_id
      ORDER BY g`);
    if ((from / AUDIT_TX_ROWS) % 100 === 99) {
      const done = to + 1;
      const s = (performance.now() - t0) / 1000;
      log(`  audit_events: ${done} of ${total} (${Math.round(done / s)} rows/s)`);
    }
  }
  await db.execute(sql`DROP TABLE synthetic_readers`);
  await db.execute(sql`DROP TABLE synthetic_roles`);
  return { plans, deepPlans, stride };
}
