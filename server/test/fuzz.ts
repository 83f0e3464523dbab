import fc from 'fast-check';
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance, FastifySchema } from 'fastify';
import type { z } from 'zod';
import { query, type Database } from '../src/platform/db.ts';

// The parts of the fuzz test (test/fuzz.test.ts) that do not depend on one world: what Fastify
// saw before it validated, what a zod schema expects field by field, the hostile values, and the
// database checks (has the plan changed; is a text stored exactly as it was sent).

// ---- What the server saw -------------------------------------------------------------------

/** One request as Fastify parsed it, before the route's zod schemas ran. */
export interface Seen {
  route: string;
  schema?: FastifySchema;
  body: unknown;
  params: unknown;
  query: unknown;
}

/**
 * Records, for each request that reaches validation, the route that took it, the route's
 * schemas and the input as parsed. A preValidation hook added after buildApp and before ready
 * applies to every route, so no platform code learns about the fuzz test.
 */
export function watchValidation(app: FastifyInstance) {
  const watch: { last?: Seen; schemas: Map<string, FastifySchema | undefined> } = { schemas: new Map() };
  app.addHook('preValidation', async (req) => {
    const route = `${req.method} ${req.routeOptions.url}`;
    watch.last = { route, schema: req.routeOptions.schema, body: req.body, params: req.params, query: req.query };
    watch.schemas.set(route, req.routeOptions.schema);
  });
  return watch;
}

// ---- What a zod schema expects -------------------------------------------------------------

export type FieldKind = 'text' | 'id' | 'date' | 'number' | 'enum' | 'boolean' | 'array' | 'object' | 'other';

type AnyZod = z.ZodType & { _zod: { def: Record<string, any> } };
const defOf = (s: unknown) => (s as AnyZod)._zod.def;

/** The schema under optional/nullable/default wrappers (and the input side of a pipe). */
export function unwrap(schema: unknown): AnyZod {
  let s = schema as AnyZod;
  for (;;) {
    const def = defOf(s);
    if (['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional'].includes(def.type)) s = def.innerType;
    else if (def.type === 'pipe') s = def.in;
    else return s;
  }
}

export function kindOf(schema: unknown): FieldKind {
  const s = unwrap(schema);
  const def = defOf(s);
  switch (def.type) {
    case 'string':
      return def.format === 'uuid' ? 'id' : def.format === 'date' ? 'date' : 'text';
    case 'number':
    case 'int':
      return 'number';
    case 'enum':
    case 'literal':
      return 'enum';
    case 'boolean':
      return 'boolean';
    case 'array':
      return 'array';
    case 'object':
      return 'object';
    default:
      return 'other';
  }
}

/** The fields of an object schema (refined or not), or none. */
export function shapeOf(schema: unknown): Record<string, AnyZod> {
  if (!schema) return {};
  const s = unwrap(schema);
  return defOf(s).type === 'object' ? (defOf(s).shape as Record<string, AnyZod>) : {};
}

export const elementOf = (schema: unknown) => defOf(unwrap(schema)).element as AnyZod;

/** A value the schema accepts, for a field nobody gave a valid example of. */
export function plausible(schema: unknown, key: string, idsFor: (key: string) => string[], today: string): fc.Arbitrary<unknown> {
  const s = unwrap(schema) as AnyZod & { minLength?: number | null; maxLength?: number | null; minValue?: number | null; maxValue?: number | null; options?: unknown[] };
  switch (kindOf(s)) {
    case 'id': {
      const ids = idsFor(key);
      return ids.length ? fc.constantFrom(...ids) : fc.uuid();
    }
    case 'date':
      return fc.constant(today);
    case 'text': {
      const sentence = 'Akut henvendelse fra borgerens læge i weekenden om ro i hverdagen';
      return fc.constant(sentence.slice(0, Math.max(s.minLength ?? 0, Math.min(s.maxLength ?? sentence.length, sentence.length))));
    }
    case 'number':
      return fc.constant(Math.max(1, s.minValue ?? 1));
    case 'enum':
      return defOf(s).type === 'literal' ? fc.constant(defOf(s).values[0]) : fc.constantFrom(...(s.options ?? []));
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const one = plausible(elementOf(s), key.replace(/s$/, ''), idsFor, today);
      // As many as the contract asks for at least (a wave needs two groups); ids each different.
      const min = Math.max(1, ...((defOf(s).checks ?? []) as unknown[]).map((c) => (defOf(c).check === 'min_length' ? Number(defOf(c).minimum) : 1)));
      if (min === 1) return one.map((v) => [v]);
      if (kindOf(elementOf(s)) === 'id') return fc.array(fc.uuid(), { minLength: min, maxLength: min }).map((fresh) => [...new Set([...idsFor(key.replace(/s$/, '')), ...fresh])].slice(0, min));
      return fc.array(one, { minLength: min, maxLength: min });
    }
    case 'object':
      return fc.record(Object.fromEntries(Object.entries(shapeOf(s)).map(([k, v]) => [k, plausible(v, k, idsFor, today)])));
    default:
      // A union (e.g. a deadline period): its first option.
      if (defOf(s).type === 'union' && Array.isArray(defOf(s).options)) return plausible(defOf(s).options[0], key, idsFor, today);
      return fc.constant(undefined);
  }
}

// ---- Hostile values ------------------------------------------------------------------------

const codeUnit = fc.nat(0xffff).map((c) => String.fromCharCode(c));
const padded = (s: string) => `Akut henvendelse fra borgerens læge ${s} i weekenden`;

const specialTexts = [
  '\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\ud800y', '\udc00\ud800', '\ud83d', // NUL and lone surrogates
  '😀', '👩‍👩‍👧‍👦', 'e\u0301\u0301\u0301', 'Z̷̢͎a̸l̶g̵o̷', '\u202eevil\u202c', 'שלום עולם', 'مرحبا', '\u200b', '\u200d', '\ufeff', '\u2028\u2029', '\u00a0', // unicode edges
  '', ' ', '\t\n\r ', '\u0007\u001b[31m', '\u007f', '\u0085', '\ufffe', '\uffff', '𝕏', 'Æblegrød på Ærø',
  "'; DROP TABLE plans; --", '<script>alert(1)</script>', '%00', '\\u0000', '{{constructor}}', '${process.exit()}', 'null', 'undefined', '1e400',
];

/** The texts that failed the server in issue 10, inside a sentence long enough for every minimum. */
const unstorableTexts = ['\u0000', 'x\u0000', '\ud800', '\udbff', '\udc00', 'x\ud800y', '\udc00\ud800', '😀\ud83d'].map(padded);

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...unstorableTexts) },
  { weight: 2, arbitrary: fc.constantFrom(...specialTexts) },
  { weight: 3, arbitrary: fc.constantFrom(...specialTexts).map(padded) },
  { weight: 2, arbitrary: fc.string({ unit: codeUnit, maxLength: 30 }).map(padded) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  // Over every limit in the contracts (100 … 20,000), and over the 1 MB body limit.
  { weight: 2, arbitrary: fc.constantFrom(11, 101, 201, 501, 1_001, 2_001, 4_001, 20_001, 60_000).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.constantFrom(2_001, 20_001).map((n) => '😀'.repeat(n / 2 + 1)) },
  { weight: 1, arbitrary: fc.constant('y'.repeat(1_100_000)) },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  // Beyond int4, which failed every versioned write in issue 10.
  { weight: 3, arbitrary: fc.constantFrom(2_147_483_648, 2_147_483_647, -2_147_483_649, 4_294_967_296, 2 ** 53 - 1) },
  { weight: 3, arbitrary: fc.constantFrom(-2_147_483_648, 0, -1, 1, 0.5, -0.5, 1.0000001, 1e21, 1e308, -1e308, 5e-324, -0, 2 ** 53, 2 ** 63) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
);

const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const hostileDate: fc.Arbitrary<string> = fc.oneof(
  // Years PostgreSQL has not (0000) or the contracts do not take, which failed in issue 10.
  { weight: 2, arbitrary: fc.constantFrom('0000-01-01', '0000-06-15', '0000-12-31', '1899-12-31', '2201-01-01', '9999-12-31') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '0000-01-01', '0000-12-31', '0001-01-01', '1899-12-31', '1900-01-01', '2200-12-31', '2201-01-01', '9999-12-31', '2024-02-30', '2023-02-29', '2024-02-29',
      '2024-13-01', '2024-00-10', '2024-01-00', '2024-1-1', '20240101', '2024-01-01T00:00:00Z', '+002024-01-01', '-0001-01-01', '10000-01-01', '2024-01-01\u0000', ' 2024-01-01', 'infinity', 'epoch', 'today',
    ),
  },
  { weight: 2, arbitrary: fc.tuple(fc.nat(9999), fc.nat(13), fc.nat(32)).map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`) },
);

export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, 1, '', '1', [], {}, [null], [[]], { a: 1 }, { length: 1 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** JSON that a body field or a whole body must not turn into a 500. */
export function hostileValue(kind: FieldKind, ids: fc.Arbitrary<string>, element?: FieldKind): fc.Arbitrary<unknown> {
  const any = fc.oneof(hostileText, hostileNumber, hostileDate, wrongType, ids);
  const specific: fc.Arbitrary<unknown> | undefined = {
    text: hostileText,
    id: ids,
    date: hostileDate,
    number: hostileNumber,
    array: element
      ? fc.oneof(
          fc.array(hostileValue(element, ids), { minLength: 1, maxLength: 3 }),
          fc.constantFrom(21, 100, 5_000).map((n) => Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`)),
        )
      : undefined,
  }[kind as string];
  return specific ? fc.oneof({ weight: 3, arbitrary: specific }, { weight: 1, arbitrary: any }) : any;
}

/** Path or query text as a client could send it, already percent-encoded (some of it not valid UTF-8). */
export const rawSegments = ['%00', 'a%00b', '%ED%A0%80', '%ED%B0%80', '%FF', '%C0%AF', '%', '%zz', '%E0%A4%A', '..%2F..%2Fetc%2Fpasswd', '%2e%2e', '%20', '%F0%9F%98%80', 'null', 'undefined', '__proto__', 'constructor', '0', '-1'];

/** A string percent-encoded for a URL, lone surrogates as the (invalid) bytes a careless client sends. */
export function encodeRaw(s: string) {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const next = s.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(s.slice(i, i + 2));
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out += `%${(0xe0 | (c >> 12)).toString(16)}%${(0x80 | ((c >> 6) & 0x3f)).toString(16)}%${(0x80 | (c & 0x3f)).toString(16)}`.toUpperCase();
    } else out += encodeURIComponent(s[i]!);
  }
  return out;
}

/** What kind of hostile value this is, for grouping what the fuzzer found. */
export function classOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length > 20 ? `array of ${value.length}` : value.some((v) => classOf(v) !== 'text' && classOf(v) !== 'uuid') ? `array with ${value.map(classOf).find((c) => c !== 'text' && c !== 'uuid')}` : 'array';
  switch (typeof value) {
    case 'string': {
      if (value.includes('\u0000')) return 'text with NUL';
      if (!isWellFormed(value)) return 'text with a lone surrogate';
      const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      if (date) return date[1] === '0000' ? 'date in year 0000' : Number(date[1]) < 1900 || Number(date[1]) > 2200 ? 'date out of range' : 'date';
      if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return 'uuid';
      if (value.length > 1_000) return 'long text';
      return /[^\x20-\x7e]/.test(value) ? 'unicode text' : 'text';
    }
    case 'number':
      if (!Number.isInteger(value)) return 'float';
      if (value > 2_147_483_647 || value < -2_147_483_648) return 'integer beyond int4';
      return value < 0 ? 'negative integer' : 'integer';
    default:
      return typeof value;
  }
}

export const isWellFormed = (s: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

/** Every string in a JSON value. */
export function* strings(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const v of value) yield* strings(v);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) yield* strings(v);
}

// ---- One fuzzed request --------------------------------------------------------------------

/** How a fuzzed request differs from a valid call of its route. */
export type Mutation =
  | { kind: 'valid' }
  | { kind: 'fields'; fields: [string, unknown][] }
  | { kind: 'extra'; key: string; value: unknown }
  | { kind: 'body'; value: unknown }
  | { kind: 'param'; name: string; raw: string }
  | { kind: 'query'; raw: string }
  | { kind: 'raw'; label: string }
  | { kind: 'csrf'; label: 'no token' | 'wrong token' | 'other origin' };

const short = (v: unknown) => {
  const s = typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…(${v.length})` : v) : JSON.stringify(v);
  return s && s.length > 80 ? `${s.slice(0, 80)}…` : s;
};

export function describeMutation(m: Mutation) {
  switch (m.kind) {
    case 'valid':
      return 'the valid call';
    case 'fields':
      return m.fields.map(([k, v]) => `body.${k} = ${classOf(v)} ${short(v)}`).join(', ');
    case 'extra':
      return `extra key ${JSON.stringify(m.key)} = ${short(m.value)}`;
    case 'body':
      return `body = ${classOf(m.value)} ${short(m.value)}`;
    case 'param':
      return `:${m.name} = ${short(m.raw)}`;
    case 'query':
      return `?${short(m.raw)}`;
    case 'raw':
      return `payload: ${m.label}`;
    case 'csrf':
      return m.label;
  }
}

/** The short name a failure is grouped by: route, status and the kind of hostile value. */
export function classOfMutation(m: Mutation) {
  switch (m.kind) {
    case 'fields':
      return m.fields.map(([k, v]) => `body.${k}: ${classOf(v)}`).join(' + ');
    case 'extra':
      return `extra key ${m.key}`;
    case 'body':
      return `body: ${classOf(m.value)}`;
    case 'param':
      return `:${m.name}`;
    default:
      return describeMutation(m).split(' = ')[0]!;
  }
}

type Payload = [payload: string, contentType: string | undefined];
const json = 'application/json';

/** Bodies that are not JSON, not an object, not JSON's type, or too much of it — by name, from a valid body. */
export const rawPayloads: Record<string, (base: Record<string, unknown>, key: string) => Payload> = {
  'broken JSON': () => ['{"a":', json],
  'empty with JSON type': () => ['', json],
  'JSON as text/plain': (base) => [JSON.stringify(base), 'text/plain'],
  'form encoded': () => ['a=1&b=2', 'application/x-www-form-urlencoded'],
  'no content type': (base) => [JSON.stringify(base), undefined],
  'JSON with charset': (base) => [JSON.stringify(base), 'application/json; charset=utf-8'],
  'byte order mark': (base) => [`\ufeff${JSON.stringify(base)}`, json],
  'nested 10,000 deep': () => [`${'['.repeat(10_000)}${']'.repeat(10_000)}`, json],
  '1e400': () => ['1e400', json],
  'over 1 MB': (base) => [JSON.stringify({ ...base, pad: 'x'.repeat(1_100_000) }), json],
  // The same key twice: the last one counts, and it is checked like any other.
  'duplicated key, hostile last': (base, key) => [`${JSON.stringify(base).slice(0, -1)}${Object.keys(base).length ? ',' : ''}"${key}":"a\\u0000"}`, json],
  'duplicated key, hostile first': (base, key) => [`{"${key}":2147483648${Object.keys(base).length ? ',' : ''}${JSON.stringify(base).slice(1)}`, json],
  '__proto__ pollution': () => ['{"__proto__":{"isAdmin":true,"baseVersion":1}}', json],
  'constructor.prototype pollution': () => ['{"constructor":{"prototype":{"isAdmin":true}}}', json],
};

// ---- The database --------------------------------------------------------------------------

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

async function columns(database: Database) {
  return query<{ table_name: string; column_name: string; data_type: string }>(
    database.db,
    sql`SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
        JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
        WHERE c.table_schema = 'public' ORDER BY c.table_name, c.ordinal_position`,
  );
}

/**
 * A fingerprint of one plan, table by table: its row and every row that hangs off it (tables
 * with a plan_id, and tables with an <x>_id whose <x>s table has one: support levels, goal
 * dependencies). Found from the catalogue, so a new table of the plan is in it without anyone
 * listing it.
 */
export async function planFingerprint(database: Database) {
  const cols = await columns(database);
  const byTable = new Map<string, Set<string>>();
  for (const c of cols) byTable.set(c.table_name, (byTable.get(c.table_name) ?? new Set()).add(c.column_name));
  const withPlan = [...byTable].filter(([, cs]) => cs.has('plan_id')).map(([t]) => t);
  return async (planId: string): Promise<Record<string, string>> => {
    const parts: SQL[] = [sql`SELECT 'plans' AS t, p::text AS x FROM plans p WHERE p.id = ${planId}`];
    for (const [table, cs] of byTable) {
      if (cs.has('plan_id')) parts.push(sql`SELECT ${table}::text, t::text FROM ${ident(table)} t WHERE t.plan_id = ${planId}`);
      else
        for (const c of cs) {
          const parent = c.endsWith('_id') ? `${c.slice(0, -3)}s` : '';
          if (withPlan.includes(parent)) parts.push(sql`SELECT ${table}::text, t::text FROM ${ident(table)} t WHERE t.${ident(c)} IN (SELECT id FROM ${ident(parent)} WHERE plan_id = ${planId})`);
        }
    }
    const rows = await query<{ t: string; fp: string }>(database.db, sql`SELECT t, md5(string_agg(x, '|' ORDER BY x)) AS fp FROM (${sql.join(parts, sql` UNION ALL `)}) s GROUP BY t`);
    return Object.fromEntries(rows.map((r) => [r.t, r.fp]));
  };
}

/** The tables whose rows differ between two fingerprints. */
export const changedTables = (a: Record<string, string>, b: Record<string, string>) =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((t) => a[t] !== b[t]).sort();

/** Whether a well-formed text is stored, exactly, in any text column. */
export async function storedTextFinder(database: Database) {
  const texts = (await columns(database)).filter((c) => c.data_type === 'text' || c.data_type === 'character varying');
  return async (text: string) => {
    const parts = texts.map((c) => sql`SELECT 1 AS hit FROM ${ident(c.table_name)} WHERE ${ident(c.column_name)} = ${text}`);
    const rows = await query<{ hit: number }>(database.db, sql`SELECT hit FROM (${sql.join(parts, sql` UNION ALL `)}) s LIMIT 1`);
    return rows.length > 0;
  };
}

/** The newest write in the audit trail: a write that stored something has moved it. */
export async function lastWrite(database: Database) {
  const [row] = await query<{ n: string | number | null }>(database.db, sql`SELECT max(id) AS n FROM audit_events WHERE kind = 'write'`);
  return Number(row?.n ?? 0);
}
