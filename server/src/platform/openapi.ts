import type { FastifyInstance, RouteOptions } from 'fastify';
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorCodes, errorReasons, type ErrorBody, type ErrorCode } from '@sammen/domain/errors';
import { planView } from '@sammen/domain/plans';
import type { Config } from './config.ts';
import { statusOf } from './errors.ts';
import { csrfCookie, sessionCookie } from './http.ts';

// The API description (/api/openapi.json): the zod schemas say what a route takes and gives on
// success; this file adds, once for all routes, what else it can answer. The error answers are
// derived from what the route declares (its access, its input, its rate limit, whether it reads
// citizen data), as error codes — the status of each comes from statusOf, the one switch — plus
// a short reviewed table of what a declaration cannot tell. test/openapi.test.ts drives every
// route into its errors and fails on any status its operation does not document.

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What each error code means for an integrator; exhaustive, so a new code must say what it is. */
const meaning: Record<ErrorCode, string> = {
  VALIDATION: 'the input does not fit the schema or a rule of the module; `field` names where, `reason` (with `params`) says why',
  BAD_JSON: 'the body is not valid JSON',
  UNAUTHENTICATED: 'no session, or the session has ended',
  FORBIDDEN: 'the signed-in person may not do this',
  CONSENT_REQUIRED: 'the citizen has not consented to share this part of the plan with your unit',
  CSRF_INVALID: 'the `x-csrf-token` header is missing or wrong, or the request comes from another site (Origin)',
  NOT_FOUND: 'not found, or not yours to see: both answer the same',
  CONFLICT: 'someone else did it first',
  PAYLOAD_TOO_LARGE: 'the body is larger than 1 MB',
  UNSUPPORTED_MEDIA_TYPE: 'the body is not JSON (`Content-Type: application/json`)',
  RATE_LIMITED: 'too many requests from this address within a minute; wait and try again',
  LOGIN_FAILED: 'the login is refused',
  NOT_READY: 'the service cannot serve yet',
  INTERNAL: 'something went wrong on our side; the `requestId` finds it in the logs',
};

/**
 * What a route's declaration cannot tell: answers a module's rule gives, reviewed here route by
 * route (a route file declares its access and its schemas, not each refusal of its use case).
 */
const particular: [route: string, code: ErrorCode, why: string][] = [
  ['GET /api/ready', 'NOT_READY', 'the database does not answer, or a migration is not applied'],
  ['POST /api/auth/demo/login', 'NOT_FOUND', 'no such demo persona (`field: id`)'],
  ['POST /api/auth/demo/login', 'LOGIN_FAILED', 'the proxy is not valid today, or the staff member has no role in any unit'],
  ['PUT /api/auth/unit', 'NOT_FOUND', 'you have no role in that unit (`field: unitId`)'],
  ['POST /api/citizens/:citizenId/plan', 'CONFLICT', 'the citizen already has an active plan: there is one plan per citizen (`reason: planExists`)'],
  ['POST /api/me/consents/:consentId/give', 'CONFLICT', 'the consent is already given or revoked'],
  ['POST /api/me/consents/:consentId/revoke', 'CONFLICT', 'the consent is already revoked'],
  ['POST /api/me/consents/:consentId/decline', 'CONFLICT', 'the proposal is already given, declined or revoked'],
  ['POST /api/citizens/:citizenId/involvement-requests', 'CONFLICT', 'your unit is already involved in the plan, or has asked and waits for an answer'],
  ['POST /api/citizens/:citizenId/appointments', 'CONFLICT', 'the booking collides with other demands on the citizen and `acceptCollisions` gives no reason to book anyway (`reason: collisionsFound`): nothing was saved; `collisions` beside `error` lists them as your unit may see them'],
  ['POST /api/collisions/:collisionId/decision', 'CONFLICT', 'someone decided the collision first (`reason: alreadyEnded`)'],
  ['POST /api/citizens/:citizenId/network/:memberId/end', 'CONFLICT', 'the person has already left the network (`reason: alreadyEnded`)'],
  ['PUT /api/me/relatives/:proxyId/scopes', 'CONFLICT', 'the relative’s access has ended (`reason: alreadyEnded`)'],
  ['POST /api/me/relatives/:proxyId/end', 'CONFLICT', 'the relative’s access has already ended (`reason: alreadyEnded`)'],
  // Decisions (issue 14).
  ['POST /api/decision-types', 'CONFLICT', 'another decision type of the municipality has this name (`field: name`)'],
  ['PUT /api/decision-types/:decisionTypeId', 'CONFLICT', 'another decision type of the municipality has this name (`field: name`)'],
  ['POST /api/requests', 'VALIDATION', 'the input does not fit the schema or a rule of the module; `field` names where, `reason` says why — here also `receivedOn` after today (`inTheFuture`) or more than 365 days back (`tooOld`), a decision type no longer in use (`inactive`), a colleague who is not active staff of the municipality (`notStaffOfMunicipality`)'],
  ['POST /api/me/requests', 'VALIDATION', 'the input does not fit the schema or a rule of the module; `field` names where, `reason` says why — here also a decision type no longer in use (`inactive`)'],
  ['POST /api/requests/:requestId/dialogue', 'VALIDATION', 'the input does not fit the schema or a rule of the module; `field` names where, `reason` says why — here also a contact day after today (`inTheFuture`)'],
  ['POST /api/requests/:requestId/dialogue', 'CONFLICT', 'the request is withdrawn (`reason: alreadyEnded`)'],
  ['PUT /api/requests/:requestId/draft-decision', 'VALIDATION', 'the input does not fit the schema or a rule of the module; `field` names where, `reason` says why — here also an effort that is not in the citizen’s plan (`field: efforts.N.effortId`, `reason: notEffortOfPlan`)'],
  ['PUT /api/requests/:requestId/draft-decision', 'FORBIDDEN', 'the signed-in person may not do this; or your unit does not decide the request (`reason: notDecidingUnit`)'],
  ['PUT /api/requests/:requestId/draft-decision', 'CONFLICT', 'the request is already decided and no complaint about its decision is open (`reason: alreadyEnded`)'],
  ['POST /api/requests/:requestId/decision', 'VALIDATION', 'the input does not fit the schema or a rule of the module; `field` names where, `reason` says why — here also no saved draft (`reason: noDraft`); a refusal or partial grant with no dialogue contact recorded (`field: outcome`, `reason: dialogueRequired`): nothing changes and the draft stays; a complaint that is not open about a decision on this request (`field: complaintId`, `reason: notDecisionOfCitizen`)'],
  ['POST /api/requests/:requestId/decision', 'FORBIDDEN', 'the signed-in person may not do this; or your unit does not decide the request (`reason: notDecidingUnit`)'],
  ['POST /api/requests/:requestId/decision', 'CONFLICT', 'the request is already decided (`reason: alreadyEnded`)'],
  ['POST /api/requests/:requestId/breach-letter', 'VALIDATION', 'the input does not fit the schema or a rule of the module; `field` names where, `reason` says why — here also the deadline is not breached (`reason: notBreached`), `expectedBy` before today (`inThePast`)'],
  ['POST /api/requests/:requestId/breach-letter', 'FORBIDDEN', 'the signed-in person may not do this; or your unit does not decide the request (`reason: notDecidingUnit`)'],
  ['POST /api/requests/:requestId/breach-letter', 'CONFLICT', 'the request is already decided (`reason: alreadyEnded`)'],
  // Complaints (issue 14).
  ['POST /api/me/complaints', 'VALIDATION', 'the input does not fit the schema or a rule of the module; `field` names where, `reason` says why — here also a decision that is not one of your issued decisions (`field: decisionId`, `reason: notDecisionOfCitizen` — the same whether it exists or not), a unit not of the municipality (`field: unitId`, `reason: notUnitOfMunicipality`), or no unit named and no plan whose coordinating unit could take it (`field: unitId`, `reason: required`)'],
  ['POST /api/complaints', 'VALIDATION', 'the input does not fit the schema or a rule of the module; `field` names where, `reason` says why — here also `receivedOn` after today (`inTheFuture`) or more than 365 days back (`tooOld`), a decision that is not an issued decision of this citizen (`field: decisionId`, `reason: notDecisionOfCitizen`), a unit not of the municipality (`field: unitId`, `reason: notUnitOfMunicipality`), or no unit and no plan (`field: unitId`, `reason: required`)'],
  ['POST /api/complaints/:complaintId/contacts', 'VALIDATION', 'the input does not fit the schema or a rule of the module; `field` names where, `reason` says why — here also a contact day after today (`field: contactOn`, `reason: inTheFuture`) or before the complaint was received (`field: contactOn`, `reason: endBeforeStart`)'],
  ['POST /api/complaints/:complaintId/contacts', 'CONFLICT', 'the complaint is closed (`reason: alreadyEnded`)'],
  ['POST /api/complaints/:complaintId/close', 'VALIDATION', 'the input does not fit the schema or a rule of the module; `field` names where, `reason` says why — here also an outcome that does not fit what the complaint is about (`field: outcome`, `reason: outcomeNotAllowed`), a new decision that is not an issued decision replacing the one complained about (`field: newDecisionId`, `reason: notReplacingDecision`)'],
  ['POST /api/complaints/:complaintId/close', 'FORBIDDEN', 'the signed-in person may not do this; or your unit does not handle the complaint (about a decision: `reason: notDecidingUnit`)'],
  ['POST /api/complaints/:complaintId/close', 'CONFLICT', 'the complaint is already closed (`reason: alreadyEnded`)'],
  // Feedback (issue 15).
  ['PUT /api/feedback/instruments/:instrumentId', 'CONFLICT', 'ratings were given with the instrument and the change touches its items, scales or scoring (`reason: instrumentInUse`, `field` names what): add a new instrument instead'],
  ['POST /api/feedback/instruments/:instrumentId/norms', 'VALIDATION', 'the input does not fit the schema or a rule of the module; `field` names where, `reason` says why — here also an instrument that is not an outcome instrument (`field: instrumentId`, `reason: wrongInstrument`), too few first ratings or non-clinical totals to compute from (`field: clinical` or `nonClinicalTotals`, `reason: tooFew` with `min` and `n`), a total outside the instrument’s scale (`field: nonClinicalTotals.N`)'],
  ['POST /api/citizens/:citizenId/feedback/meetings', 'VALIDATION', 'the input does not fit the schema or a rule of the module; `field` names where, `reason` says why — here also an appointment that is not this citizen’s with your unit (`field: appointmentId`, `reason: notAppointmentOfCitizen`) or was cancelled (`reason: alreadyEnded`), no area and no appointment to take it from (`field: area`, `reason: required`), `heldAt` in the future (`inTheFuture`) or more than 365 days back (`tooOld`)'],
  ['POST /api/citizens/:citizenId/feedback/meetings', 'CONFLICT', 'someone recorded a meeting for the same appointment at the same moment; ask again to get it'],
  ['POST /api/feedback/meetings/:meetingId/links', 'VALIDATION', 'the input does not fit the schema or a rule of the module; `field` names where, `reason` says why — here also an instrument that is not active or measures the other kind (`field: outcomeInstrumentId` or `meetingInstrumentId`, `reason: wrongInstrument`), or no active instrument for the citizen’s age (`reason: required`)'],
  ['POST /api/feedback/meetings/:meetingId/links', 'CONFLICT', 'the meeting already has a rating of a kind asked for (`field: kinds`, `reason: alreadyRated`)'],
  ['POST /api/ratings/open', 'NOT_FOUND', 'no rating link has this code'],
  ['POST /api/ratings/open', 'CONFLICT', 'the link has been used (`reason: linkUsed`) or has run out (`reason: linkExpired`), or the meeting has been rated (`reason: alreadyRated`)'],
  ['POST /api/ratings', 'NOT_FOUND', 'no rating link has this code'],
  ['POST /api/ratings', 'VALIDATION', 'the input does not fit the schema or a rule of the module; `field` names where, `reason` says why — here also a kind the link does not ask for, or twice (`field: ratings.N.kind`), an answer missing, off the item’s scale or for an item the form lacks (`field: ratings.N.answers.<item>`): nothing is saved'],
  ['POST /api/ratings', 'CONFLICT', 'the link has been used (`reason: linkUsed`) or has run out (`reason: linkExpired`), or the meeting already has that rating (`field: ratings.N.kind`, `reason: alreadyRated`): nothing is saved'],
  ['GET /api/feedback/aggregates', 'VALIDATION', 'the input does not fit the schema or a rule of the module; `field` names where, `reason` says why — here also `to` before `from` (`endBeforeStart`) or more than 731 days after it (`tooLarge`)'],
  // Coordination survey (issue 16).
  ['POST /api/coordination/groups', 'VALIDATION', 'the input does not fit the schema or a rule of the module; `field` names where, `reason` says why — here also a unit that is not the municipality’s (`field: unitIds`, `reason: notUnitOfMunicipality`)'],
  ['POST /api/coordination/groups', 'CONFLICT', 'another work group of the municipality has this name (`field: name`)'],
  ['PUT /api/coordination/groups/:groupId', 'VALIDATION', 'the input does not fit the schema or a rule of the module; `field` names where, `reason` says why — here also a unit that is not the municipality’s (`field: unitIds`, `reason: notUnitOfMunicipality`)'],
  ['PUT /api/coordination/groups/:groupId', 'CONFLICT', 'another work group of the municipality has this name (`field: name`)'],
  ['PUT /api/coordination/instruments/:instrumentId', 'VALIDATION', 'the input does not fit the schema or a rule of the module; `field` names where, `reason` says why — here also a change of Sammen’s own wording (`field: definition`, `reason: invalidValue`): only whether it is offered may change'],
  ['PUT /api/coordination/instruments/:instrumentId', 'CONFLICT', 'a wave has used the instrument and the change touches its wording (`field: definition`, `reason: instrumentInUse`): add a new instrument instead'],
  ['PUT /api/coordination/settings', 'CONFLICT', 'the anonymity threshold would go down while a wave or a coordination pulse is open (`field: anonymityThreshold`, `reason: openSurveys`): those asked were promised it; nothing is saved. Raising it is always allowed'],
  ['POST /api/coordination/waves', 'VALIDATION', 'the input does not fit the schema or a rule of the module; `field` names where, `reason` says why — here also a group chosen twice (`field: groupIds.N`, `reason: invalidValue`) or not active (`reason: notGroupOfWave`), an instrument not offered (`field: instrumentId`, `reason: invalidValue`), a last day before today (`field: closesOn`, `reason: inThePast`)'],
  ['POST /api/coordination/waves', 'NOT_FOUND', 'no such instrument (`field: instrumentId`) or work group (`field: groupIds.N`) in the municipality'],
  ['POST /api/coordination/waves/:waveId/remind', 'CONFLICT', 'the wave is closed (`reason: waveClosed`)'],
  ['POST /api/coordination/waves/:waveId/close', 'CONFLICT', 'the wave is already closed (`reason: waveClosed`)'],
  ['GET /api/coordination/waves/:waveId/results', 'FORBIDDEN', 'the signed-in person may not do this: the municipality shows results to leaders and analysts only, or to staff for their own group and you are in none of the wave’s groups'],
  ['GET /api/coordination/waves/:waveId/results', 'CONFLICT', 'the wave is open: results exist once it is closed (`reason: waveOpen`); its counts are in `GET /api/coordination/waves/{waveId}`'],
  ['GET /api/coordination/waves/:waveId/results.csv', 'FORBIDDEN', 'the signed-in person may not do this: the municipality shows results to leaders and analysts only, or to staff for their own group and you are in none of the wave’s groups'],
  ['GET /api/coordination/waves/:waveId/results.csv', 'CONFLICT', 'the wave is open: results exist once it is closed (`reason: waveOpen`)'],
  ['GET /api/coordination/trends', 'NOT_FOUND', 'no such instrument in the municipality'],
  ['GET /api/coordination/waves/:waveId/form', 'NOT_FOUND', 'no such wave, or you are not invited to it: both answer the same'],
  ['GET /api/coordination/waves/:waveId/form', 'CONFLICT', 'you have answered (`reason: alreadyAnswered`), or the wave is closed or its last day has passed (`reason: waveClosed`)'],
  ['POST /api/coordination/waves/:waveId/responses', 'VALIDATION', 'the input does not fit the schema or a rule of the module; `field` names where, `reason` says why — here also a group that is not one of the wave’s (`field: ties.N.groupId`, `reason: notGroupOfWave`) or rated twice (`reason: invalidValue`), a rated group with fewer answered questions than the municipality’s `minAnsweredItems` (`field: ties.N.answers`, `reason: tooFew`, `params.min`): nothing is saved'],
  ['POST /api/coordination/waves/:waveId/responses', 'NOT_FOUND', 'no such wave, or you are not invited to it: both answer the same'],
  ['POST /api/coordination/waves/:waveId/responses', 'CONFLICT', 'you have answered (`reason: alreadyAnswered`), or the wave is closed or its last day has passed (`reason: waveClosed`): nothing is saved'],
  // Coordination pulse (issue 16).
  ['POST /api/citizens/:citizenId/coordination-pulses', 'FORBIDDEN', 'the signed-in person may not do this: only the plan’s coordinator, or a leader of the coordinating unit, starts a pulse'],
  ['POST /api/citizens/:citizenId/coordination-pulses', 'CONFLICT', 'the citizen already has an open pulse (`reason: pulseOpen`), or nobody in the units involved in the plan besides you can be asked (`reason: nobodyToAsk`)'],
  ['POST /api/coordination-pulses/:pulseId/answers', 'NOT_FOUND', 'no such pulse, or you were not asked in it: both answer the same'],
  ['POST /api/coordination-pulses/:pulseId/answers', 'CONFLICT', 'you have answered (`reason: alreadyAnswered`), or the pulse is closed or its days have run out (`reason: waveClosed`): nothing is saved'],
  ['POST /api/coordination-pulses/:pulseId/close', 'FORBIDDEN', 'the signed-in person may not do this: only the plan’s coordinator, or a leader of the coordinating unit, closes a pulse'],
  ['POST /api/coordination-pulses/:pulseId/close', 'CONFLICT', 'the pulse is already closed (`reason: waveClosed`)'],
  ['POST /api/me/coordination-pulses/:pulseId/answer', 'CONFLICT', 'you have answered (`reason: alreadyAnswered`), or the pulse is closed or its days have run out (`reason: waveClosed`): nothing is saved'],
  ['GET /api/coordination/pulse-aggregates', 'VALIDATION', 'the input does not fit the schema or a rule of the module; `field` names where, `reason` says why — here also a `quarter` not shaped like 2026-Q3 (`invalidFormat`), not ended yet (`inTheFuture`) or before 1900 (`invalidValue`)'],
];

/** Routes whose success is a file, not a JSON answer: its media type, and what it holds. */
const files: Record<string, { type: string; description: string }> = {
  'GET /api/coordination/waves/:waveId/results.csv': {
    type: 'text/csv',
    description:
      'The shown cells of the closed wave as you may see them, one row each: rating group, rated group, n, score, band, the seven dimensions, agreement. ' +
      'UTF-8 with a byte-order mark, `;`-separated; with `lang=da` (the default) decimals have a comma. Hidden cells are left out.',
  },
};

/** Routes whose success is a redirect of the browser, not a JSON answer. */
const redirects: Record<string, string> = {
  'GET /api/auth/oidc/start': 'To the identity provider, with the login state in a short-lived cookie.',
  'GET /api/auth/oidc/callback': 'Into the app (`/`) with a session cookie, or to `/login?error=oidc` when the login is refused.',
};

interface RouteFacts {
  method: string;
  url: string;
  config: RouteOptions['config'];
  /** The route's schema as JSON Schema (after the zod provider's transform). */
  schema: { params?: unknown; querystring?: unknown; body?: { properties?: Record<string, unknown> } };
}

interface Cause {
  why: string;
  /** The body beyond the error, when there is more: a stale plan write carries the current plan. */
  body?: 'PlanConflict';
}

/** The error codes a route can answer, each with what it means here. */
function errorsOf({ method, url, config, schema }: RouteFacts): Map<ErrorCode, Cause> {
  const codes = new Map<ErrorCode, Cause>();
  const add = (code: ErrorCode, why = meaning[code], body?: Cause['body']) => codes.set(code, { why, body });
  const signedIn = config?.access !== 'public';
  const carriesBody = UNSAFE.has(method);
  const versioned = schema.body?.properties?.baseVersion !== undefined;

  if (carriesBody || schema.params || schema.querystring || schema.body) add('VALIDATION');
  if (carriesBody) {
    // Body parsing and the CSRF check come before the route: any write can meet them.
    add('BAD_JSON');
    add('PAYLOAD_TOO_LARGE');
    add('UNSUPPORTED_MEDIA_TYPE');
    add('CSRF_INVALID');
  }
  if (signedIn) {
    add('UNAUTHENTICATED');
    add('FORBIDDEN');
  }
  // A path names something; the reader answers 404 when the actor may see nothing of the citizen.
  if (url.includes('/:') || config?.readsCitizenData) add('NOT_FOUND');
  if (versioned) {
    // Plan writes (platform: changePlan): what the unit may change depends on the citizen's consent,
    // and a write based on a version that is no longer current changes nothing.
    add('CONSENT_REQUIRED');
    add('CONFLICT', 'the plan changed since `baseVersion`: nothing was saved, and `current` is the plan as it is now', 'PlanConflict');
  }
  if (config?.rateLimit) add('RATE_LIMITED');
  for (const [route, code, why] of particular) if (route === `${method} ${url}`) add(code, why);
  add('INTERNAL');
  return codes;
}

/** Who must be signed in, and which requests carry the CSRF token. */
function securityOf(method: string, config: RouteOptions['config']) {
  const scheme: Record<string, string[]> = {};
  if (config?.access !== 'public') scheme.sessionCookie = [];
  if (UNSAFE.has(method)) scheme.csrfToken = [];
  return Object.keys(scheme).length ? [scheme] : [];
}

// The one error shape (domain/src/errors.ts), as a schema for the description.
const errorDetail = z.object({
  code: z.enum(errorCodes),
  message: z.string().describe('For developers and logs; the web shows a message per `code` and `reason`.'),
  field: z.string().optional().describe('The field the problem is in, as a dotted path.'),
  reason: z.enum(errorReasons).optional().describe('Why, as a key to translate, with `params`.'),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  requestId: z.string(),
});
const errorBody = z.object({ error: errorDetail }) satisfies z.ZodType<ErrorBody>;
const planConflict = errorBody.extend({ current: planView.describe('The plan as it is now.') });

function componentSchemas() {
  const registry = z.registry<{ id: string }>();
  registry.add(errorDetail, { id: 'Error' });
  registry.add(errorBody, { id: 'ErrorBody' });
  registry.add(planView, { id: 'Plan' });
  registry.add(planConflict, { id: 'PlanConflict' });
  const { schemas } = z.toJSONSchema(registry, { target: 'openapi-3.0', io: 'output', uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(Object.entries(schemas).map(([id, { $id: _, ...schema }]) => [id, schema]));
}

/**
 * zod writes a record with enum keys (every key required, e.g. a score per dimension) as
 * `required` keys with `additionalProperties` and no `properties`; OpenAPI linters read those as
 * required properties nobody defined. Here each required key becomes a property of the record's
 * value schema — the same object, said the way the description expects.
 */
function withRecordKeysAsProperties(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withRecordKeysAsProperties);
  if (!node || typeof node !== 'object') return node;
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, withRecordKeysAsProperties(v)])) as Record<string, unknown>;
  const { required, additionalProperties, properties } = out;
  if (Array.isArray(required) && required.length && additionalProperties && typeof additionalProperties === 'object' && !properties) {
    out.properties = Object.fromEntries(required.map((key: string) => [key, additionalProperties]));
  }
  return out;
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

type Operation = { responses: Record<string, unknown>; [k: string]: unknown };
type OpenApiDocument = { paths: Record<string, Record<string, Operation>>; components?: Record<string, unknown>; [k: string]: unknown };

/** The options of @fastify/swagger: the document's frame, and each operation's errors and security. */
export function openApiOptions(config: Config): FastifyDynamicSwaggerOptions {
  const errors = new Map<string, Map<ErrorCode, Cause>>();
  return {
    openapi: {
      info: {
        title: 'Sammen API',
        version: '0.1.0',
        description:
          'One plan per citizen, owned by the citizen. Every error answers with one shape, `{ error: { code, message, field?, reason?, params?, requestId } }`; ' +
          'the status follows from `code`.',
        license: { name: 'EUPL-1.2', url: 'https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12' },
      },
      servers: [{ url: '/', description: 'This server' }],
      tags: [
        { name: 'platform', description: 'Health, readiness and this description.' },
        { name: 'auth', description: 'Login, the session, the CSRF token.' },
        { name: 'identity', description: 'Units, staff and citizens as the municipality knows them.' },
        { name: 'plans', description: 'The citizen’s plan: goals, efforts, agreements, follow-ups, comments, history; the work list.' },
        { name: 'consent', description: 'Consents, the citizen’s access log and data export, break-glass access.' },
        { name: 'calendar', description: 'The citizen’s one calendar: appointments from every unit, booking with the collision check, attendance, collisions, load limits, plan periods, the iCalendar subscription.' },
        { name: 'network', description: 'Everyone around a citizen (professionals, relatives, volunteers), and the relatives the citizen gives access.' },
        { name: 'feedback', description: 'The citizen’s ratings after every meeting: instruments, meetings, rating links, alerts, change over a course, leaders’ aggregates.' },
        { name: 'coordination', description: 'Who works well with whom: the coordination survey between work groups (groups, instruments, waves, answers, results of closed waves with small cells hidden) and the coordination pulse around one citizen.' },
      ],
      components: {
        securitySchemes: {
          sessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: sessionCookie.name(config),
            description: 'The session, set by a login (OpenID Connect for staff; the persona picker in demo mode). It ends when idle too long and after a maximum lifetime.',
          },
          csrfToken: {
            type: 'apiKey',
            in: 'header',
            name: 'x-csrf-token',
            description:
              `Every POST, PUT, PATCH and DELETE carries the token from \`GET /api/auth/csrf\` in this header, with the \`${csrfCookie(config)}\` cookie that call sets. ` +
              'A write whose `Origin` is another site is refused even with a token.',
          },
        },
      },
    },
    transform: (input) => {
      const { route, url } = input;
      // The web app's fallback serves pages, not the API.
      if (!url.startsWith('/api/')) return { schema: { hide: true }, url };
      const schema = withRecordKeysAsProperties(jsonSchemaTransform(input as Parameters<typeof jsonSchemaTransform>[0]).schema ?? {}) as Record<string, unknown>;
      const method = String(route.method);
      errors.set(`${method} ${openApiPath(url)}`, errorsOf({ method, url, config: route.config, schema: schema as RouteFacts['schema'] }));
      return { schema: { ...schema, security: securityOf(method, route.config) }, url };
    },
    transformObject: (input) => {
      const doc = (input as { openapiObject: unknown }).openapiObject as OpenApiDocument;
      for (const [path, item] of Object.entries(doc.paths)) {
        for (const [method, operation] of Object.entries(item)) {
          const key = `${method.toUpperCase()} ${path}`;
          const responses: Record<string, unknown> = { ...operation.responses };
          const fastifyKey = key.replace(/\{(\w+)\}/g, ':$1');
          if (redirects[fastifyKey]) {
            delete responses['200'];
            responses['302'] = { description: redirects[fastifyKey], headers: { Location: { schema: { type: 'string' } } } };
          }
          const file = files[fastifyKey];
          if (file) {
            responses['200'] = {
              description: file.description,
              headers: { 'Content-Disposition': { description: 'An attachment, with the file’s name.', schema: { type: 'string' } } },
              content: { [file.type]: { schema: { type: 'string' } } },
            };
          }
          const byStatus = new Map<number, [ErrorCode, Cause][]>();
          const ordered = [...(errors.get(key) ?? [])].sort(([a], [b]) => errorCodes.indexOf(a) - errorCodes.indexOf(b));
          for (const [code, cause] of ordered) byStatus.set(statusOf(code), [...(byStatus.get(statusOf(code)) ?? []), [code, cause]]);
          for (const [status, causes] of byStatus) {
            const schema = ref(causes.find(([, cause]) => cause.body)?.[1].body ?? 'ErrorBody');
            responses[status] ??= {
              description: causes.map(([code, { why }]) => `- \`${code}\`: ${why}`).join('\n'),
              ...(status === 429 ? { headers: { 'Retry-After': { description: 'Seconds until a new attempt is counted.', schema: { type: 'integer' } } } } : {}),
              content: { 'application/json': { schema } },
            };
          }
          operation.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
        }
      }
      doc.components = { ...doc.components, schemas: { ...(doc.components?.schemas as object), ...componentSchemas() } };
      return doc;
    },
  };
}

/**
 * The statuses the served description documents for an operation: `url` is a route pattern
 * (`/api/plans/:planId`) or a path (`/api/plans/8c0…`, a query string is ignored). For tests that
 * check every answer they see is documented (test/openapi.test.ts, the authorization matrix).
 */
export function documentedStatuses(app: FastifyInstance, method: string, url: string): number[] {
  const doc = app.swagger() as unknown as OpenApiDocument;
  const path = openApiPath(url.split('?')[0]!);
  const segments = path.split('/');
  const template =
    doc.paths[path] ? path
    : Object.keys(doc.paths)
        .map((t) => t.split('/'))
        .filter((t) => t.length === segments.length && t.every((s, i) => s === segments[i] || (s.startsWith('{') && segments[i] !== '')))
        .filter((t) => doc.paths[t.join('/')]?.[method.toLowerCase()])
        // The most specific first: /api/citizens/search before /api/citizens/{citizenId}.
        .sort((a, b) => a.filter((s) => s.startsWith('{')).length - b.filter((s) => s.startsWith('{')).length)[0]
        ?.join('/');
  const operation = template ? doc.paths[template]?.[method.toLowerCase()] : undefined;
  return operation ? Object.keys(operation.responses).map(Number).sort() : [];
}

export interface Answer {
  method: string;
  /** The route pattern or the path that was called. */
  url: string;
  status: number;
}

/** Each answer whose status its operation does not document, once, as `METHOD url: status (documented: …)`. */
export function undocumentedAnswers(app: FastifyInstance, answers: Iterable<Answer>): string[] {
  const misses = new Set<string>();
  for (const { method, url, status } of answers) {
    const documented = documentedStatuses(app, method, url);
    if (!documented.includes(status)) misses.add(`${method} ${url}: ${status} (documented: ${documented.join(', ') || 'no such operation'})`);
  }
  return [...misses].sort();
}
