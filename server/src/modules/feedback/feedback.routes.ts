import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { id } from '@sammen/domain/identity';
import {
  aggregatesQuery,
  aggregatesView,
  citizenFeedbackView,
  feedbackAlertsView,
  feedbackSettings,
  instrumentInput,
  instrumentView,
  instrumentsView,
  meetingView,
  normsInput,
  normsView,
  openRatingInput,
  ownFeedbackView,
  ratingFormView,
  ratingLinkInput,
  ratingLinkView,
  recordMeetingInput,
  submitRatingsInput,
  submitRatingsView,
} from '@sammen/domain/feedback';
import { sessionCookie, signedIn } from '../../platform/http.ts';
import { getAggregates } from './feedback.aggregates.ts';
import { listAlerts, markAlertSeen } from './feedback.alerts.ts';
import { addInstrument, changeInstrument, changeSettings, computeInstrumentNorms, listInstruments } from './feedback.instruments.ts';
import { recordMeeting, startRating } from './feedback.meetings.ts';
import { openRating, submitRatings } from './feedback.ratings.ts';
import { getCitizenFeedback, getOwnFeedback } from './feedback.views.ts';

// The citizen's voice after every meeting (issue 15): instruments and settings (admin), the
// citizen's feedback page and own page, meetings and the start of a rating, the citizen's rating
// itself (public: the secret in the link is the key), alerts in the work list, leaders' aggregates.

const tags = ['feedback'];
const empty = z.strictObject({});
const ok = z.object({ ok: z.literal(true) });
const citizenParams = z.strictObject({ citizenId: id });
const instrumentParams = z.strictObject({ instrumentId: id });

export function feedbackRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { config } = app.sammen;

  // Instruments, norms and settings.
  r.get('/api/feedback/instruments', { config: { access: 'feedbackInstrument.read' }, schema: { operationId: 'listFeedbackInstruments', summary: 'The municipality’s feedback instruments and settings', tags, response: { 200: instrumentsView } } }, async (req) =>
    listInstruments(signedIn(req)),
  );
  r.post(
    '/api/feedback/instruments',
    { config: { access: 'feedbackInstrument.manage' }, schema: { operationId: 'addFeedbackInstrument', summary: 'Enter an instrument of the municipality’s own', tags, body: instrumentInput, response: { 201: instrumentView } } },
    async (req, reply) => reply.status(201).send(await addInstrument(signedIn(req), req.body)),
  );
  r.put(
    '/api/feedback/instruments/:instrumentId',
    { config: { access: 'feedbackInstrument.manage' }, schema: { operationId: 'changeFeedbackInstrument', summary: 'Change an instrument’s wording, cutoff, reliable change, alerts or whether it is offered', tags, params: instrumentParams, body: instrumentInput, response: { 200: instrumentView } } },
    async (req) => changeInstrument(signedIn(req), req.params.instrumentId, req.body),
  );
  r.post(
    '/api/feedback/instruments/:instrumentId/norms',
    { config: { access: 'feedbackInstrument.manage' }, schema: { operationId: 'computeFeedbackNorms', summary: 'Compute (and optionally save) the municipality’s own norms for an outcome instrument', tags, params: instrumentParams, body: normsInput, response: { 200: normsView } } },
    async (req) => computeInstrumentNorms(signedIn(req), req.params.instrumentId, req.body),
  );
  r.put('/api/feedback/settings', { config: { access: 'feedbackInstrument.manage' }, schema: { operationId: 'changeFeedbackSettings', summary: 'The expected trajectory’s settings and how long rating links work', tags, body: feedbackSettings, response: { 200: feedbackSettings } } }, async (req) =>
    changeSettings(signedIn(req), req.body),
  );

  // The citizen's feedback: staff through the plan, the citizen and a proxy as their own.
  r.get('/api/citizens/:citizenId/feedback', { config: { access: 'feedback.read', readsCitizenData: true }, schema: { operationId: 'getCitizenFeedback', summary: 'A citizen’s meetings and ratings as I may see them, with each course’s change and expected trajectory', tags, params: citizenParams, response: { 200: citizenFeedbackView } } }, async (req) =>
    getCitizenFeedback(signedIn(req), req.params.citizenId),
  );
  r.get('/api/me/feedback', { config: { access: 'feedback.readOwn', readsCitizenData: true }, schema: { operationId: 'getOwnFeedback', summary: 'My meetings and how I rated them', tags, response: { 200: ownFeedbackView } } }, async (req) =>
    getOwnFeedback(signedIn(req)),
  );

  // A meeting, and the start of its rating.
  r.post(
    '/api/citizens/:citizenId/feedback/meetings',
    { config: { access: 'feedback.record', readsCitizenData: true }, schema: { operationId: 'recordFeedbackMeeting', summary: 'Record a meeting my unit held with the citizen (again for the same appointment: the one there is, 200)', tags, params: citizenParams, body: recordMeetingInput, response: { 200: meetingView, 201: meetingView } } },
    async (req, reply) => {
      const { created, meeting } = await recordMeeting(signedIn(req), req.params.citizenId, req.body);
      return reply.status(created ? 201 : 200).send(meeting);
    },
  );
  r.post(
    '/api/feedback/meetings/:meetingId/links',
    { config: { access: 'feedback.record' }, schema: { operationId: 'startFeedbackRating', summary: 'Start a rating on this tablet (ends my session) or as a link for the citizen', tags, params: z.strictObject({ meetingId: id }), body: ratingLinkInput, response: { 201: ratingLinkView } } },
    async (req, reply) => {
      const view = await startRating(signedIn(req), req.params.meetingId, req.body);
      // Tablet mode: the session ended in the service; the browser forgets it here, as at logout.
      if (view.mode === 'tablet') reply.clearCookie(sessionCookie.name(config), sessionCookie.options(config));
      return reply.status(201).send(view);
    },
  );

  // The citizen's rating: no session, the link's secret is the key. POST, so the secret stays out of URLs.
  r.post('/api/ratings/open', { config: { access: 'public' }, schema: { operationId: 'openRating', summary: 'The forms a rating link asks the citizen to fill in', tags, body: openRatingInput, response: { 200: ratingFormView } } }, async (req) =>
    openRating(req.ctx, req.body.token),
  );
  r.post('/api/ratings', { config: { access: 'public' }, schema: { operationId: 'submitRatings', summary: 'The citizen’s ratings of a meeting, or the choice not to rate; the link works once', tags, body: submitRatingsInput, response: { 201: submitRatingsView } } }, async (req, reply) =>
    reply.status(201).send(await submitRatings(req.ctx, req.body)),
  );

  // The unit's alerts, and the leaders' aggregates.
  r.get('/api/feedback/alerts', { config: { access: 'feedback.alerts', readsCitizenData: true }, schema: { operationId: 'listFeedbackAlerts', summary: 'Ratings of my unit’s meetings that alerted and nobody here has seen', tags, response: { 200: feedbackAlertsView } } }, async (req) =>
    listAlerts(signedIn(req)),
  );
  r.post(
    '/api/feedback/alerts/:ratingId/seen',
    { config: { access: 'feedback.record' }, schema: { operationId: 'markFeedbackAlertSeen', summary: 'Mark an alert as seen for my unit', tags, params: z.strictObject({ ratingId: id }), body: empty, response: { 200: ok } } },
    async (req) => markAlertSeen(signedIn(req), req.params.ratingId),
  );
  r.get('/api/feedback/aggregates', { config: { access: 'feedback.aggregates' }, schema: { operationId: 'getFeedbackAggregates', summary: 'Meetings, ratings and improvement per unit and period; small groups hidden', tags, querystring: aggregatesQuery, response: { 200: aggregatesView } } }, async (req) =>
    getAggregates(signedIn(req), req.query),
  );
}
