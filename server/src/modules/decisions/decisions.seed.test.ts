import { afterAll, beforeAll, expect, test } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../platform/db.ts';
import { demoId, seedDemo } from '../../db/seed.ts';
import { as, testApp, testConfig, testDatabase } from '../../../test/helpers.ts';
import { today } from '../../../test/dates.ts';

// The demo plays scenario 2: Mads's urgent request from UU waits, open, for the jobcenter's
// Kasper Lund to meet him and decide; the figures have decided requests and a breached one.

let database: Database;
let app: FastifyInstance;
beforeAll(async () => {
  database = await testDatabase();
  await seedDemo(database.db, testConfig());
  app = await testApp(database);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

test('scenario 2 in the demo: Rasmus’s urgent request for Mads, open, three working days in; Kasper can meet, grant and send the letter', async () => {
  const kasper = await as(app, 'staff', demoId('staff:kasper'));
  const rasmus = await as(app, 'staff', demoId('staff:rasmus'));
  const id = demoId('request:mads');
  const page = await kasper.get(`/api/requests/${id}`);
  expect(page.statusCode, page.body).toBe(200);
  const r = page.json();
  expect(r).toMatchObject({ citizen: { name: 'Mads Jensen' }, registeredBy: { name: 'Rasmus Vestergaard' }, urgency: 'urgent', status: 'open', mayDecide: true, breached: false });
  expect(r.decisionType.name).toBe('Vejledning og opkvalificering (kursus)');
  expect((await rasmus.get('/api/requests?side=requester')).json().requests.map((x: { id: string }) => x.id)).toContain(id);

  const breached = (await kasper.get('/api/requests?side=authority')).json().requests.filter((x: { breached: boolean }) => x.breached);
  expect(breached.map((x: { citizen: { name: string } }) => x.citizen.name)).toContain('Michael Sørensen');

  expect((await kasper.post(`/api/requests/${id}/dialogue`, { kind: 'meeting', contactOn: today(), factsChecked: 'Mads vil starte i januar', agreedSummary: 'Madsporet fra januar' })).statusCode).toBe(200);
  expect((await kasper.put(`/api/requests/${id}/draft-decision`, { outcome: 'granted', legalBasis: 'Lov om en aktiv beskæftigelsesindsats, kapitel 11', considerations: 'Du er klar nu.', keyFacts: 'Vi har mødtes med dig og Rasmus.' })).statusCode).toBe(200);
  const issued = await kasper.post(`/api/requests/${id}/decision`, {});
  expect(issued.statusCode, issued.body).toBe(200);
  const mads = await as(app, 'citizen', demoId('citizen:mads'));
  expect((await mads.get(`/api/letters/${issued.json().decisions[0].letterId}`)).json().body).toContain('Kære Mads Jensen');
});

test('the figures are not empty: decided requests per type, negative decisions after dialogue', async () => {
  const birgitte = await as(app, 'staff', demoId('staff:birgitte'));
  const res = await birgitte.get('/api/case-figures');
  expect(res.statusCode, res.body).toBe(200);
  const f = res.json();
  const kursus = f.decisionTypes.find((t: { decisionType: { name: string } }) => t.decisionType.name === 'Vejledning og opkvalificering (kursus)');
  expect(kursus.decided).toBeGreaterThanOrEqual(2);
  expect(kursus.openBreached).toBeGreaterThanOrEqual(1);
  expect(f.negativeDecisions).toBeGreaterThanOrEqual(2);
  expect(f.negativeAfterContact).toBe(f.negativeDecisions);
});
