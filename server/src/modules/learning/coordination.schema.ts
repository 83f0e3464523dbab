import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantRef, tenantTable } from '../../platform/schema.ts';
import { citizens, municipalityRef, staff, staffRole, units } from '../identity/identity.schema.ts';

// Who works well with whom (issue 16): the coordination survey between work groups (groups,
// instruments, waves, invitations, responses) and the coordination pulse around one citizen.
// Pseudonymous by construction: a response row holds the respondent's group and the answers,
// no staff id, no time, no link to the invitation; invitations (who may still answer) are
// deleted when a wave or pulse closes, leaving only the counts per group.

/** A survey's wording as data (domain `surveyInstrumentDefinition`). */
export const coordinationInstruments = tenantTable(
  'coordination_instruments',
  {
    /** `sammen`: shipped with Sammen; `municipality`: entered by the municipality (e.g. a licensed wording). */
    origin: text('origin', { enum: ['sammen', 'municipality'] }).notNull(),
    definition: jsonb('definition').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [municipalityRef(t), tenantRef(t, t.updatedBy, staff)],
);

/** Thresholds, bands, flags and who sees what (domain `coordinationSettings`); no row: the defaults. */
export const coordinationSettings = pgTable(
  'coordination_settings',
  {
    municipalityId: uuid('municipality_id').primaryKey(),
    settings: jsonb('settings').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [municipalityRef(t)],
);

/** A work group mapped from the organisation: staff with a role in one of the units (and, when named, one of the roles). */
export const coordinationGroups = tenantTable(
  'coordination_groups',
  {
    name: text('name').notNull(),
    /** Checked against `units` on every write (an array cannot carry a foreign key). */
    unitIds: uuid('unit_ids').array().notNull(),
    /** Empty: every role. */
    roles: staffRole('roles').array().notNull().default(sql`'{}'`),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [municipalityRef(t), uniqueIndex('coordination_groups_name').on(t.municipalityId, t.name)],
);

/** A wave of the survey. `definition` and `settings` are frozen copies; `results` (domain `WaveScores`) is computed once, at close. */
export const coordinationWaves = tenantTable(
  'coordination_waves',
  {
    name: text('name').notNull(),
    instrumentId: uuid('instrument_id').notNull(),
    definition: jsonb('definition').notNull(),
    focalWork: text('focal_work').notNull(),
    openedBy: uuid('opened_by').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    /** The last day to answer (Europe/Copenhagen); the close job closes it the day after. */
    closesOn: date('closes_on', { mode: 'string' }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    settings: jsonb('settings'),
    results: jsonb('results'),
  },
  (t) => [
    tenantRef(t, t.instrumentId, coordinationInstruments),
    tenantRef(t, t.openedBy, staff),
    index('coordination_waves_instrument').on(t.municipalityId, t.instrumentId, t.closedAt),
    index('coordination_waves_open').on(t.closesOn).where(sql`${t.closedAt} IS NULL`),
    check('coordination_waves_results_when_closed', sql`(${t.results} IS NULL) OR (${t.closedAt} IS NOT NULL)`),
  ],
);

/** The wave's groups in row/column order, with the group's name then, and how many were invited and answered. */
export const coordinationWaveGroups = pgTable(
  'coordination_wave_groups',
  {
    municipalityId: uuid('municipality_id').notNull(),
    waveId: uuid('wave_id').notNull(),
    groupId: uuid('group_id').notNull(),
    position: smallint('position').notNull(),
    name: text('name').notNull(),
    invited: integer('invited').notNull().default(0),
    answered: integer('answered').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.waveId, t.groupId] }),
    tenantRef(t, t.waveId, coordinationWaves),
    tenantRef(t, t.groupId, coordinationGroups),
    check('coordination_wave_groups_answered', sql`${t.answered} BETWEEN 0 AND ${t.invited}`),
  ],
);

/** Who may still answer an open wave, and as which group. Deleted at close. */
export const coordinationInvitations = pgTable(
  'coordination_invitations',
  {
    municipalityId: uuid('municipality_id').notNull(),
    waveId: uuid('wave_id').notNull(),
    staffId: uuid('staff_id').notNull(),
    groupId: uuid('group_id').notNull(),
    answered: boolean('answered').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.waveId, t.staffId] }),
    tenantRef(t, t.waveId, coordinationWaves),
    tenantRef(t, t.staffId, staff),
    tenantRef(t, t.groupId, coordinationGroups),
    index('coordination_invitations_staff').on(t.municipalityId, t.staffId),
  ],
);

/** One respondent's answers: their group and `ties` ([{ groupId, scores: (1–5 | null)[7] in `dimensions` order }]). Nothing else. */
export const coordinationResponses = tenantTable(
  'coordination_responses',
  {
    waveId: uuid('wave_id').notNull(),
    groupId: uuid('group_id').notNull(),
    ties: jsonb('ties').notNull(),
  },
  (t) => [tenantRef(t, t.waveId, coordinationWaves), tenantRef(t, t.groupId, coordinationGroups), index('coordination_responses_wave').on(t.municipalityId, t.waveId)],
);

/** A coordination pulse around one citizen, started by the plan's coordinating unit. `results` (domain `PulseResults`) is computed at close. */
export const coordinationPulses = tenantTable(
  'coordination_pulses',
  {
    citizenId: uuid('citizen_id').notNull(),
    /** The plan's coordinating unit when it started: its leaders see the aggregate. */
    unitId: uuid('unit_id').notNull(),
    startedBy: uuid('started_by').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    invited: integer('invited').notNull(),
    answered: integer('answered').notNull().default(0),
    /** The anonymity threshold in force when it closed. */
    threshold: smallint('threshold'),
    results: jsonb('results'),
  },
  (t) => [
    tenantRef(t, t.citizenId, citizens),
    tenantRef(t, t.unitId, units),
    tenantRef(t, t.startedBy, staff),
    uniqueIndex('coordination_pulses_one_open').on(t.municipalityId, t.citizenId).where(sql`${t.closedAt} IS NULL`),
    index('coordination_pulses_unit').on(t.municipalityId, t.unitId, t.closedAt),
    index('coordination_pulses_open').on(t.closesAt).where(sql`${t.closedAt} IS NULL`),
    check('coordination_pulses_answered', sql`${t.answered} BETWEEN 0 AND ${t.invited}`),
  ],
);

/** Who may still answer an open pulse. Deleted at close. */
export const coordinationPulseInvitations = pgTable(
  'coordination_pulse_invitations',
  {
    municipalityId: uuid('municipality_id').notNull(),
    pulseId: uuid('pulse_id').notNull(),
    staffId: uuid('staff_id').notNull(),
    answered: boolean('answered').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.pulseId, t.staffId] }),
    tenantRef(t, t.pulseId, coordinationPulses),
    tenantRef(t, t.staffId, staff),
    index('coordination_pulse_invitations_staff').on(t.municipalityId, t.staffId),
  ],
);

/** A professional's answers to a pulse (`scores`: the three items in `pulseItems` order, 1–5). No staff id, no time. */
export const coordinationPulseAnswers = tenantTable(
  'coordination_pulse_answers',
  {
    pulseId: uuid('pulse_id').notNull(),
    scores: smallint('scores').array().notNull(),
  },
  (t) => [tenantRef(t, t.pulseId, coordinationPulses), index('coordination_pulse_answers_pulse').on(t.municipalityId, t.pulseId)],
);

/** The citizen's one answer to a pulse: not anonymous — the citizen is told the coordinator sees it. */
export const coordinationPulseCitizenAnswers = pgTable(
  'coordination_pulse_citizen_answers',
  {
    municipalityId: uuid('municipality_id').notNull(),
    pulseId: uuid('pulse_id').notNull(),
    score: smallint('score').notNull(),
    answeredBy: text('answered_by', { enum: ['citizen', 'proxy'] }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.pulseId] }),
    tenantRef(t, t.pulseId, coordinationPulses),
    check('coordination_pulse_citizen_score', sql`${t.score} BETWEEN 1 AND 5`),
  ],
);
