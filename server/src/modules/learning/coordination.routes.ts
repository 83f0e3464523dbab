import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { id } from '@sammen/domain/identity';
import {
  coordinationSettings,
  invitationsView,
  openWaveInput,
  submitSurveyInput,
  surveyFormView,
  surveyInstrumentInput,
  surveyInstrumentView,
  trendsQuery,
  trendsView,
  waveResultsView,
  wavesView,
  waveView,
  workGroupInput,
  workGroupsView,
  workGroupView,
} from '@sammen/domain/coordination';
import { signedIn } from '../../platform/http.ts';
import { getForm, listInvitations, submitResponse } from './coordination.answers.ts';
import { addGroup, changeGroup, listGroups } from './coordination.groups.ts';
import { addInstrument, changeInstrument, changeSettings, getSettings, listInstruments } from './coordination.instruments.ts';
import { getResults, getResultsCsv } from './coordination.results.ts';
import { closeWave, getTrends, getWave, listWaves, openWave, remindWave } from './coordination.waves.ts';

// Who works well with whom (issue 16), the survey: work groups, instruments and settings, waves
// (open, remind, close, live counts), results of closed waves and their trends (leaders and
// admins as analysts; other staff as the settings say), and answering one's own invitation. No
// route returns a response or says who answered what.

const tags = ['coordination'];
const empty = z.strictObject({});
const ok = z.object({ ok: z.literal(true) });
const groupParams = z.strictObject({ groupId: id });
const instrumentParams = z.strictObject({ instrumentId: id });
const waveParams = z.strictObject({ waveId: id });
const csvQuery = z.strictObject({ lang: z.enum(['da', 'en']).optional() });

export function coordinationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // Work groups.
  r.get('/api/coordination/groups', { config: { access: 'coordination.manage' }, schema: { operationId: 'listCoordinationGroups', summary: 'The municipality’s work groups, with how many members each has now', tags, response: { 200: workGroupsView } } }, async (req) =>
    listGroups(signedIn(req)),
  );
  r.post(
    '/api/coordination/groups',
    { config: { access: 'coordination.manage' }, schema: { operationId: 'addCoordinationGroup', summary: 'Map a work group from the organisation: units and, optionally, roles', tags, body: workGroupInput, response: { 201: workGroupView } } },
    async (req, reply) => reply.status(201).send(await addGroup(signedIn(req), req.body)),
  );
  r.put(
    '/api/coordination/groups/:groupId',
    { config: { access: 'coordination.manage' }, schema: { operationId: 'changeCoordinationGroup', summary: 'Change a work group’s name, units, roles or whether it is active', tags, params: groupParams, body: workGroupInput, response: { 200: workGroupView } } },
    async (req) => changeGroup(signedIn(req), req.params.groupId, req.body),
  );

  // Instruments and settings.
  r.get(
    '/api/coordination/instruments',
    { config: { access: 'coordination.manage' }, schema: { operationId: 'listCoordinationInstruments', summary: 'The survey’s instruments: Sammen’s own wording and any the municipality entered', tags, response: { 200: z.object({ instruments: z.array(surveyInstrumentView) }) } } },
    async (req) => listInstruments(signedIn(req)),
  );
  r.post(
    '/api/coordination/instruments',
    { config: { access: 'coordination.manage' }, schema: { operationId: 'addCoordinationInstrument', summary: 'Enter an instrument’s wording, e.g. a licensed one', tags, body: surveyInstrumentInput, response: { 201: surveyInstrumentView } } },
    async (req, reply) => reply.status(201).send(await addInstrument(signedIn(req), req.body)),
  );
  r.put(
    '/api/coordination/instruments/:instrumentId',
    { config: { access: 'coordination.manage' }, schema: { operationId: 'changeCoordinationInstrument', summary: 'Change whether an instrument is offered, and its wording while no wave has used it', tags, params: instrumentParams, body: surveyInstrumentInput, response: { 200: surveyInstrumentView } } },
    async (req) => changeInstrument(signedIn(req), req.params.instrumentId, req.body),
  );
  r.get('/api/coordination/settings', { config: { access: 'coordination.manage' }, schema: { operationId: 'getCoordinationSettings', summary: 'Anonymity threshold, bands, flags and who sees results', tags, response: { 200: coordinationSettings } } }, async (req) =>
    getSettings(signedIn(req)),
  );
  r.put(
    '/api/coordination/settings',
    { config: { access: 'coordination.manage' }, schema: { operationId: 'changeCoordinationSettings', summary: 'Change the settings; closed waves keep the settings they were scored with', tags, body: coordinationSettings, response: { 200: coordinationSettings } } },
    async (req) => changeSettings(signedIn(req), req.body),
  );

  // Waves.
  // Any staff member: leaders and admins get every wave; others the closed waves whose results they may see (the service decides by settings.staffSee).
  r.get(
    '/api/coordination/waves',
    { config: { access: 'coordination.results' }, schema: { operationId: 'listCoordinationWaves', summary: 'The waves, newest first, with response counts per group: every wave for leaders and admins, for other staff the closed waves whose results they may see', tags, response: { 200: wavesView } } },
    async (req) => listWaves(signedIn(req)),
  );
  r.post(
    '/api/coordination/waves',
    { config: { access: 'coordination.manage' }, schema: { operationId: 'openCoordinationWave', summary: 'Open a wave for chosen groups: every member is invited once, in the first group they belong to', tags, body: openWaveInput, response: { 201: waveView } } },
    async (req, reply) => reply.status(201).send(await openWave(signedIn(req), req.body)),
  );
  r.get(
    '/api/coordination/waves/:waveId',
    { config: { access: 'coordination.manage' }, schema: { operationId: 'getCoordinationWave', summary: 'A wave with its live response counts per group', tags, params: waveParams, response: { 200: waveView } } },
    async (req) => getWave(signedIn(req), req.params.waveId),
  );
  r.post(
    '/api/coordination/waves/:waveId/remind',
    { config: { access: 'coordination.manage' }, schema: { operationId: 'remindCoordinationWave', summary: 'Remind those who have not answered an open wave', tags, params: waveParams, body: empty, response: { 200: waveView } } },
    async (req) => remindWave(signedIn(req), req.params.waveId),
  );
  r.post(
    '/api/coordination/waves/:waveId/close',
    { config: { access: 'coordination.manage' }, schema: { operationId: 'closeCoordinationWave', summary: 'Close a wave: its results are computed and who was asked is forgotten', tags, params: waveParams, body: empty, response: { 200: waveView } } },
    async (req) => closeWave(signedIn(req), req.params.waveId),
  );
  r.get(
    '/api/coordination/waves/:waveId/results',
    { config: { access: 'coordination.results' }, schema: { operationId: 'getCoordinationResults', summary: 'A closed wave’s results as I may see them; cells with too few respondents hidden', tags, params: waveParams, response: { 200: waveResultsView } } },
    async (req) => getResults(signedIn(req), req.params.waveId),
  );
  r.get(
    '/api/coordination/waves/:waveId/results.csv',
    {
      config: { access: 'coordination.results' },
      schema: { operationId: 'getCoordinationResultsCsv', summary: 'A closed wave’s shown cells as CSV (semicolon-separated, for Excel), as I may see them', tags, params: waveParams, querystring: csvQuery },
    },
    async (req, reply) => {
      const { fileName, csv } = await getResultsCsv(signedIn(req), req.params.waveId, req.query.lang ?? 'da');
      return reply.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${fileName}"`).send(csv);
    },
  );
  r.get(
    '/api/coordination/trends',
    { config: { access: 'coordination.manage' }, schema: { operationId: 'getCoordinationTrends', summary: 'The closed waves of one instrument, oldest first: the index and each group’s scores', tags, querystring: trendsQuery, response: { 200: trendsView } } },
    async (req) => getTrends(signedIn(req), req.query.instrumentId),
  );

  // Answering.
  r.get('/api/coordination/invitations', { config: { access: 'coordination.respond' }, schema: { operationId: 'listCoordinationInvitations', summary: 'My unanswered invitations in open waves', tags, response: { 200: invitationsView } } }, async (req) =>
    listInvitations(signedIn(req)),
  );
  r.get(
    '/api/coordination/waves/:waveId/form',
    { config: { access: 'coordination.respond' }, schema: { operationId: 'getCoordinationForm', summary: 'The questions of a wave I am invited to, with the group I answer as', tags, params: waveParams, response: { 200: surveyFormView } } },
    async (req) => getForm(signedIn(req), req.params.waveId),
  );
  r.post(
    '/api/coordination/waves/:waveId/responses',
    { config: { access: 'coordination.respond' }, schema: { operationId: 'answerCoordinationWave', summary: 'My answer to a wave, once; stored with my group only', tags, params: waveParams, body: submitSurveyInput, response: { 201: ok } } },
    async (req, reply) => reply.status(201).send(await submitResponse(signedIn(req), req.params.waveId, req.body)),
  );
}
