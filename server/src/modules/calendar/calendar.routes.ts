import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { id } from '@sammen/domain/identity';
import {
  addPlanPeriodInput,
  appointmentView,
  bookAppointmentInput,
  bookingCheckView,
  bookingResult,
  calendarFeedView,
  calendarQuery,
  calendarView,
  collisionListQuery,
  collisionRecordView,
  decideCollisionInput,
  recordAttendanceInput,
  setLoadLimitsInput,
} from '@sammen/domain/appointments';
import { signedIn } from '../../platform/http.ts';
import { bookAppointment, checkAppointment, parseBooking } from './calendar.booking.ts';
import { endFeed, feedCalendar, getFeed, renewFeed } from './calendar.feed.ts';
import { addPlanPeriod, decideCollision, getCitizenCalendar, getOwnCalendar, listCollisions, recordAttendance, setLoadLimits } from './calendar.service.ts';

const citizenParams = z.strictObject({ citizenId: id });
const tags = ['calendar'];
const empty = z.strictObject({});

export function calendarRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { config } = app.sammen;

  // The citizen's one calendar, as staff involved in the plan and as the citizen see it.
  r.get('/api/citizens/:citizenId/calendar', { config: { access: 'calendar.read', readsCitizenData: true }, schema: { operationId: 'getCitizenCalendar', summary: 'A citizen’s appointments from every unit, with collisions', tags, params: citizenParams, querystring: calendarQuery, response: { 200: calendarView } } }, async (req) =>
    getCitizenCalendar(signedIn(req), req.params.citizenId, req.query),
  );
  r.get('/api/me/calendar', { config: { access: 'calendar.read', readsCitizenData: true }, schema: { operationId: 'getOwnCalendar', summary: 'My appointments from every unit', tags, querystring: calendarQuery, response: { 200: calendarView } } }, async (req) =>
    getOwnCalendar(signedIn(req), req.query),
  );

  // Booking: the check first (as the form changes), then the booking.
  r.post(
    '/api/citizens/:citizenId/appointments/check',
    { config: { access: 'calendar.book', readsCitizenData: true }, schema: { operationId: 'checkAppointment', summary: 'What a booking would collide with, before it is saved', tags, params: citizenParams, body: bookAppointmentInput(), response: { 200: bookingCheckView } } },
    async (req) => checkAppointment(signedIn(req), req.params.citizenId, parseBooking(req.body)),
  );
  r.post(
    '/api/citizens/:citizenId/appointments',
    { config: { access: 'calendar.book', readsCitizenData: true }, schema: { operationId: 'bookAppointment', summary: 'Book an appointment or a series; a collision needs a reason (acceptCollisions)', tags, params: citizenParams, body: bookAppointmentInput(), response: { 201: bookingResult } } },
    async (req, reply) => {
      const result = await bookAppointment(signedIn(req), req.params.citizenId, parseBooking(req.body));
      return reply.status(201).send(result);
    },
  );
  r.post(
    '/api/appointments/:appointmentId/attendance',
    { config: { access: 'calendar.attendance', readsCitizenData: true }, schema: { operationId: 'recordAttendance', summary: 'Record whether the citizen came, or cancel', tags, params: z.strictObject({ appointmentId: id }), body: recordAttendanceInput, response: { 200: appointmentView } } },
    async (req) => recordAttendance(signedIn(req), req.params.appointmentId, req.body),
  );

  // Collisions: the work list and decisions.
  r.get('/api/collisions', { config: { access: 'collision.read', readsCitizenData: true }, schema: { operationId: 'listCollisions', summary: 'Collisions of the citizens my unit coordinates or has appointments with', tags, querystring: collisionListQuery, response: { 200: z.object({ collisions: z.array(collisionRecordView) }) } } }, async (req) =>
    listCollisions(signedIn(req), req.query),
  );
  r.post(
    '/api/collisions/:collisionId/decision',
    { config: { access: 'collision.decide', readsCitizenData: true }, schema: { operationId: 'decideCollision', summary: 'Resolve a collision, or accept it with a reason', tags, params: z.strictObject({ collisionId: id }), body: decideCollisionInput, response: { 200: collisionRecordView } } },
    async (req) => decideCollision(signedIn(req), req.params.collisionId, req.body),
  );

  // What the citizen can be asked: the coordinator's limits and the plan's periods.
  r.put(
    '/api/citizens/:citizenId/load-limits',
    { config: { access: 'calendar.limits', readsCitizenData: true }, schema: { operationId: 'setLoadLimits', summary: 'Lower the citizen’s load limits below the municipality’s', tags, params: citizenParams, body: setLoadLimitsInput, response: { 200: calendarView } } },
    async (req) => setLoadLimits(signedIn(req), req.params.citizenId, req.body),
  );
  r.post(
    '/api/citizens/:citizenId/plan-periods',
    { config: { access: 'calendar.limits', readsCitizenData: true }, schema: { operationId: 'addPlanPeriod', summary: 'A period of the plan that some units’ demands go against', tags, params: citizenParams, body: addPlanPeriodInput, response: { 200: calendarView } } },
    async (req) => addPlanPeriod(signedIn(req), req.params.citizenId, req.body),
  );

  // The citizen's iCalendar subscription.
  r.get('/api/me/calendar/feed', { config: { access: 'calendar.feed', readsCitizenData: true }, schema: { operationId: 'getCalendarFeed', summary: 'Whether my calendar subscription is active', tags, response: { 200: calendarFeedView } } }, async (req) =>
    getFeed(signedIn(req)),
  );
  r.post('/api/me/calendar/feed', { config: { access: 'calendar.feed', readsCitizenData: true }, schema: { operationId: 'renewCalendarFeed', summary: 'Create or renew my calendar subscription; the address is shown once', tags, body: empty, response: { 200: calendarFeedView } } }, async (req) =>
    renewFeed(signedIn(req)),
  );
  r.delete('/api/me/calendar/feed', { config: { access: 'calendar.feed', readsCitizenData: true }, schema: { operationId: 'revokeCalendarFeed', summary: 'End my calendar subscription', tags, response: { 200: calendarFeedView } } }, async (req) =>
    endFeed(signedIn(req)),
  );
  // For calendar apps, which have no session: the secret in the address is the key (calendar.feed.ts).
  r.get(
    '/api/calendar-feeds/:token',
    {
      config: { access: 'public', rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: { operationId: 'getCalendarFeedIcs', summary: 'A citizen’s appointments as iCalendar (text/calendar), by the subscription’s secret address', tags, params: z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be the 43 characters of a subscription address') }) },
    },
    async (req, reply) => {
      const ics = await feedCalendar(req.ctx, req.params.token);
      return reply.type('text/calendar; charset=utf-8').header('Content-Disposition', 'inline; filename="sammen.ics"').send(ics);
    },
  );
}
