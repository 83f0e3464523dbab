import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { addDays, fromWallClock, localDate, TIME_ZONE } from '@sammen/domain/calendar';
import { DEFAULT_COORDINATION_SETTINGS, dimensions, SAMMEN_SURVEY_INSTRUMENT, type CoordinationSettings } from '@sammen/domain/coordination';
import { pulseSummary, scoreWave } from '@sammen/domain/coordination-engine';
import { query, type Db } from '../platform/db.ts';
import { ensureSurveyInstrument } from '../modules/learning/coordination.store.ts';

// The synthetic municipality's coordination survey and pulses (issue 16), for `npm run bench`:
// - 100 work groups mapped onto its units (the units other than the administration, in turn;
//   a unit that carries several groups has them split by role: every role, the caseworkers and
//   coordinators, the frontline, the leaders), named "Gruppe 001 …".
// - Two closed waves of Sammen's instrument, half a year apart (the earlier one is the later
//   one's `previous`), each with all 100 groups and 20 respondents per group (20–24 invited).
//   Each group works with its neighbours in the wave's order (up to 7 either side, fewer the
//   further away), and each respondent rates their own group and the neighbours they work with
//   — about ten ties — so most cells hold 10–20 ties and the far ones 0–5 (hidden below 3). A
//   group's answers follow its generosity as a rater and the rated group's standing, with noise;
//   every fifth group is an "authority" the others rate lower than it rates them (the asymmetry);
//   one item in two hundred is skipped (about one tie in thirty then does not count: complete cases). Results are computed
//   by the engine (scoreWave) with the default settings, frozen with the wave, as the close does.
// - Pulses: for one plan in ten (by the plan's hash), 1–3 closed pulses over the last year among
//   the staff responsible for the plan's efforts (the coordinator left out), 0–all of them
//   answering, the citizen seven times in ten; results by the engine (pulseSummary). For a third
//   of those plans, an open pulse too (started 0–9 days ago), with invitations, some answered.
// Deterministic by hashes of the municipality and the plan (as synthetic-feedback.ts); dates are
// relative to the day it is loaded. Rows go in by INSERT … SELECT FROM json_to_recordset, in batches.

const GROUPS = 100;
const RESPONDENTS = 20;
const BATCH = 5_000;
/** Items answered: a tie with one skipped is not counted (minAnsweredItems 7). */
const SKIP = 0.005;
/** The chance that a respondent works with a group `d` places away in the wave's order (d = 1…7). */
const CONTACT = [0.95, 0.9, 0.75, 0.6, 0.45, 0.2, 0.1];
const ROLE_SPLITS: { label: string; roles: string[] }[] = [
  { label: '', roles: [] },
  { label: ' (sagsbehandlere)', roles: ['caseworker', 'coordinator'] },
  { label: ' (frontlinje)', roles: ['frontline'] },
  { label: ' (ledere)', roles: ['leader'] },
];

const hashId = (key: string) => {
  const h = createHash('sha256').update(`sammen-synthetic-coordination:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** A small seeded generator (mulberry32): each stream from its own key. */
function rng(key: string) {
  let a = createHash('md5').update(key).digest().readUInt32LE(0);
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), chance: (p: number) => next() < p };
}

/** Rows into a table in batches: one INSERT … SELECT FROM json_to_recordset each. */
async function insertRows(db: Db, table: string, columns: [string, string][], rows: Record<string, unknown>[]) {
  const cols = columns.map(([c]) => `"${c}"`).join(', ');
  const defs = columns.map(([c, type]) => `"${c}" ${type}`).join(', ');
  for (let i = 0; i < rows.length; i += BATCH) {
    const json = JSON.stringify(rows.slice(i, i + BATCH));
    await db.execute(sql`INSERT INTO ${sql.raw(table)} (${sql.raw(cols)}) SELECT ${sql.raw(cols)} FROM json_to_recordset(${json}::json) AS x(${sql.raw(defs)})`);
  }
  return rows.length;
}

/** 08:00 Danish time `days` from `today`. */
const morning = (today: string, days: number, minutes = 480) => new Date(fromWallClock(Date.parse(`${addDays(today, days)}T00:00:00Z`) + minutes * 60_000, TIME_ZONE)).toISOString();

export async function loadSyntheticCoordination(db: Db, municipalityId: string): Promise<Record<string, number>> {
  const m = municipalityId;
  const today = localDate(Date.now());
  const instrumentId = await ensureSurveyInstrument(db, m);
  const units = await query<{ id: string; name: string }>(db, sql`SELECT id::text AS id, name FROM units WHERE municipality_id = ${m} AND kind <> 'administration' ORDER BY name, id`);
  const [opener] = await query<{ id: string }>(db, sql`SELECT staff_id::text AS id FROM staff_roles WHERE municipality_id = ${m} AND role IN ('leader', 'admin') ORDER BY role DESC, staff_id LIMIT 1`);
  if (!units.length || !opener) throw new Error('synthetic-coordination.ts: load the municipality (units, staff) first');

  // The groups, in the waves' order.
  const groups = Array.from({ length: GROUPS }, (_, g) => {
    const unit = units[g % units.length]!;
    const split = ROLE_SPLITS[Math.floor(g / units.length) % ROLE_SPLITS.length]!;
    const r = rng(`${m}:group:${g}`);
    return {
      id: hashId(`${m}:group:${g}`),
      name: `Gruppe ${String(g + 1).padStart(3, '0')}: ${unit.name}${split.label}`,
      unitIds: [unit.id],
      roles: split.roles,
      authority: g % 5 === 0,
      /** How high the group rates others, and how high others rate it. */
      generosity: (r.next() - 0.5) * 0.8,
      standing: 2.9 + r.next() * 1.4,
    };
  });
  await insertRows(db, 'coordination_groups', [['municipality_id', 'uuid'], ['id', 'uuid'], ['name', 'text'], ['unit_ids', 'uuid[]'], ['roles', 'staff_role[]'], ['active', 'boolean']],
    groups.map((g) => ({ municipality_id: m, id: g.id, name: g.name, unit_ids: g.unitIds, roles: g.roles, active: true })));
  const groupIds = groups.map((g) => g.id);

  const settings: CoordinationSettings = DEFAULT_COORDINATION_SETTINGS;
  const waves = [
    { key: 'previous', name: 'Skovlund samarbejdsmåling, forår', openedDaysAgo: 240, rise: 0 },
    { key: 'latest', name: 'Skovlund samarbejdsmåling, efterår', openedDaysAgo: 60, rise: 0.25 },
  ];
  let responses = 0;
  let shownCells = 0;
  for (const wave of waves) {
    const waveId = hashId(`${m}:wave:${wave.key}`);
    const waveResponses: { groupId: string; ties: { groupId: string; scores: (number | null)[] }[] }[] = [];
    groups.forEach((rater, g) => {
      for (let i = 0; i < RESPONDENTS; i++) {
        const r = rng(`${m}:${wave.key}:${g}:${i}`);
        const ties: { groupId: string; scores: (number | null)[] }[] = [];
        for (let d = -CONTACT.length; d <= CONTACT.length; d++) {
          const k = g + d;
          if (k < 0 || k >= GROUPS) continue;
          if (d !== 0 && !r.chance(CONTACT[Math.abs(d) - 1]!)) continue;
          const rated = groups[k]!;
          // Authorities rate the others well and are rated lower by them — less so in the later wave.
          const gap = d === 0 ? 0 : rater.authority && !rated.authority ? 0.5 : rated.authority && !rater.authority ? -0.9 + wave.rise : 0;
          const target = (d === 0 ? 4.3 : rated.standing) + rater.generosity + gap + wave.rise / 2;
          const scores = dimensions.map((_, item) =>
            r.chance(SKIP) ? null : Math.max(1, Math.min(5, Math.round(target + (item % 3 - 1) * 0.2 + (r.next() - 0.5) * 1.8))));
          ties.push({ groupId: rated.id, scores });
        }
        waveResponses.push({ groupId: rater.id, ties });
      }
    });
    const results = scoreWave({ groupIds, responses: waveResponses, settings });
    shownCells += results.cells.filter((c) => !c.suppressed).length;
    const closesOn = addDays(today, 21 - wave.openedDaysAgo);
    await db.execute(sql`INSERT INTO coordination_waves (municipality_id, id, name, instrument_id, definition, focal_work, opened_by, opened_at, closes_on, closed_at, reminded_at, settings, results)
      VALUES (${m}, ${waveId}, ${wave.name}, ${instrumentId}, ${JSON.stringify(SAMMEN_SURVEY_INSTRUMENT)}::jsonb, 'borgere med komplekse forløb', ${opener.id},
        ${morning(today, -wave.openedDaysAgo)}::timestamptz, ${closesOn}::date, ${morning(today, 22 - wave.openedDaysAgo, 135)}::timestamptz,
        ${morning(today, 14 - wave.openedDaysAgo, 540)}::timestamptz, ${JSON.stringify(settings)}::jsonb, ${JSON.stringify(results)}::jsonb)`);
    await insertRows(db, 'coordination_wave_groups', [['municipality_id', 'uuid'], ['wave_id', 'uuid'], ['group_id', 'uuid'], ['position', 'smallint'], ['name', 'text'], ['invited', 'int'], ['answered', 'int']],
      groups.map((gr, position) => ({ municipality_id: m, wave_id: waveId, group_id: gr.id, position, name: gr.name, invited: RESPONDENTS + (position % 5), answered: RESPONDENTS })));
    responses += await insertRows(db, 'coordination_responses', [['municipality_id', 'uuid'], ['wave_id', 'uuid'], ['group_id', 'uuid'], ['ties', 'jsonb']],
      waveResponses.map((x) => ({ municipality_id: m, wave_id: waveId, group_id: x.groupId, ties: x.ties })));
  }

  const pulses = await loadPulses(db, m, today);
  return { coordination_groups: GROUPS, coordination_waves: waves.length, coordination_responses: responses, coordination_shown_cells: shownCells, ...pulses };
}

/** The pulses: see the top of the file. */
async function loadPulses(db: Db, m: string, today: string) {
  const threshold = DEFAULT_COORDINATION_SETTINGS.anonymityThreshold;
  const plans = await query<{ id: string; citizen_id: string; coordinator_id: string; unit_id: string; helpers: string[] | string }>(
    db,
    sql`SELECT p.id::text AS id, p.citizen_id::text AS citizen_id, p.coordinator_id::text AS coordinator_id, p.coordinator_unit_id::text AS unit_id,
          coalesce((SELECT array_agg(DISTINCT e.responsible_staff_id::text) FROM efforts e WHERE e.municipality_id = p.municipality_id AND e.plan_id = p.id
                    AND e.responsible_staff_id IS NOT NULL AND e.responsible_staff_id <> p.coordinator_id), '{}') AS helpers
        FROM plans p WHERE p.municipality_id = ${m} AND p.status = 'active' AND abs(hashtext(p.id::text || ':pulse')::bigint) % 10 = 0
        ORDER BY p.id`,
  );
  // text[] comes back as an array from pg and as '{a,b}' text from PGlite.
  const list = (v: string[] | string) => (Array.isArray(v) ? v : v.length > 2 ? v.slice(1, -1).split(',') : []);
  const pulseRows: Record<string, unknown>[] = [];
  const answerRows: Record<string, unknown>[] = [];
  const citizenRows: Record<string, unknown>[] = [];
  const invitationRows: Record<string, unknown>[] = [];
  for (const p of plans) {
    const helpers = list(p.helpers).sort();
    if (!helpers.length) continue;
    const r = rng(`${m}:pulses:${p.id}`);
    const closed = r.int(1, 3);
    const open = r.chance(1 / 3);
    for (let k = 0; k < closed + (open ? 1 : 0); k++) {
      const isOpen = k === closed;
      const id = hashId(`${m}:pulse:${p.id}:${k}`);
      const answered = r.int(isOpen ? 0 : Math.min(2, helpers.length), helpers.length);
      const level = 2.5 + r.next() * 2;
      const answers = Array.from({ length: answered }, () =>
        [0, 1, 2].map((q) => Math.max(1, Math.min(5, Math.round(level + (q - 1) * 0.3 + (r.next() - 0.5) * 2))))) as [number, number, number][];
      const citizen = !isOpen && r.chance(0.7) ? Math.max(1, Math.min(5, Math.round(level + (r.next() - 0.5) * 2))) : null;
      const startedDaysAgo = isOpen ? r.int(0, 9) : 30 + 100 * (closed - 1 - k) + r.int(0, 60);
      const startedAt = morning(today, -startedDaysAgo, r.int(16, 28) * 30);
      const closesAt = new Date(Date.parse(startedAt) + DEFAULT_COORDINATION_SETTINGS.pulseDays * 86_400_000).toISOString();
      pulseRows.push({
        municipality_id: m, id, citizen_id: p.citizen_id, unit_id: p.unit_id, started_by: p.coordinator_id, started_at: startedAt, closes_at: closesAt,
        closed_at: isOpen ? null : new Date(Date.parse(closesAt) + 20 * 60_000).toISOString(), invited: helpers.length, answered,
        threshold: isOpen ? null : threshold, results: isOpen ? null : pulseSummary(answers, citizen, threshold),
      });
      for (const scores of answers) answerRows.push({ municipality_id: m, pulse_id: id, scores });
      if (citizen !== null) citizenRows.push({ municipality_id: m, pulse_id: id, score: citizen, answered_by: 'citizen', answered_at: new Date(Date.parse(startedAt) + 3 * 86_400_000).toISOString() });
      if (isOpen) helpers.forEach((staffId, n) => invitationRows.push({ municipality_id: m, pulse_id: id, staff_id: staffId, answered: n < answered }));
    }
  }
  await insertRows(db, 'coordination_pulses', [['municipality_id', 'uuid'], ['id', 'uuid'], ['citizen_id', 'uuid'], ['unit_id', 'uuid'], ['started_by', 'uuid'], ['started_at', 'timestamptz'],
    ['closes_at', 'timestamptz'], ['closed_at', 'timestamptz'], ['invited', 'int'], ['answered', 'int'], ['threshold', 'smallint'], ['results', 'jsonb']], pulseRows);
  await insertRows(db, 'coordination_pulse_answers', [['municipality_id', 'uuid'], ['pulse_id', 'uuid'], ['scores', 'smallint[]']], answerRows);
  await insertRows(db, 'coordination_pulse_citizen_answers', [['municipality_id', 'uuid'], ['pulse_id', 'uuid'], ['score', 'smallint'], ['answered_by', 'text'], ['answered_at', 'timestamptz']], citizenRows);
  await insertRows(db, 'coordination_pulse_invitations', [['municipality_id', 'uuid'], ['pulse_id', 'uuid'], ['staff_id', 'uuid'], ['answered', 'boolean']], invitationRows);
  return { coordination_pulses: pulseRows.length, coordination_pulse_answers: answerRows.length };
}
