import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, seriousAxeViolations, useServerAndBrowser } from './harness.ts';

// The coordination pulse of scenario 7 (issue 16), on the seeded demo, with axe on every page:
// Anne coordinates Michael's plan and starts a pulse from the plan page; Kasper, Mette and
// Thomas — professionals in his plan — each answer three questions; Michael answers his one
// question on /borger (told that his coordinator sees it); Anne closes the pulse and sees the
// means with how many answered and Michael's own answer. Kasper, who does not coordinate, sees
// only how many answered. Eva, a leader, sees the figures per coordinating unit.

const e2e = useServerAndBrowser();

async function as(name: string, viewport = { width: 1280, height: 1000 }) {
  const v = await e2e.open(viewport);
  await v.page.goto('/login');
  // The demo's people load after the page: on a busy machine, give them longer than a click's wait.
  const button = v.page.getByRole('button', { name: `Log ind som ${name}`, exact: true });
  await button.waitFor({ timeout: 20_000 });
  await button.click();
  await v.page.waitForURL((u) => u.pathname !== '/login');
  await v.page.getByRole('heading', { level: 1 }).waitFor();
  return v.page;
}

async function expectAccessible(page: Page) {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

const QUESTIONS = {
  sharedPicture: 'Har vi, der arbejder med Michael Sørensen, det samme billede af, hvad der er vigtigt nu?',
  timelyKnowledge: 'Får du det, du skal vide om Michael Sørensen, i tide?',
  solveTogether: 'Når noget går galt for Michael Sørensen, løser vi det så sammen?',
};
const SCALE = ['1 Slet ikke', '2 Lidt', '3 Til dels', '4 For det meste', '5 Helt'];

/** The pulse that is open now (there may be a closed one from the demo seed below it). */
const openPulse = (page: Page) => page.locator('.sammen-pulse-card').filter({ hasText: 'Åben' });

async function answer(page: Page, path: string, scores: [number, number, number]) {
  await page.goto(path);
  await h1(page, 'Samarbejdspuls: Michael Sørensen');
  const pulse = openPulse(page);
  const form = pulse.getByRole('form', { name: 'Dit svar' });
  // Sending with questions unanswered is refused, said at each question, and nothing is sent.
  await form.getByRole('button', { name: 'Send mit svar' }).click();
  await form.getByText('Du mangler at svare på 3 spørgsmål.').waitFor();
  for (const [i, question] of Object.values(QUESTIONS).entries()) {
    const group = form.getByRole('group', { name: question });
    await group.getByText('Vælg et svar.').waitFor();
    await group.getByRole('radio', { name: SCALE[scores[i]! - 1] }).check();
  }
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Send mit svar' }).click();
  await page.getByRole('status').filter({ hasText: 'Tak for dit svar. Det er gemt uden dit navn.' }).waitFor();
  await form.waitFor({ state: 'detached' });
  // Not the coordinator: the count, never the results.
  await pulse.getByText('Tovholderen ser resultatet, når pulsen er lukket.').waitFor();
}

test('scenario 7: a coordination pulse around Michael — started, answered by three professionals and by Michael, closed, its results for the coordinator only', { timeout: 240_000 }, async () => {
  // Anne opens Michael's plan and, from there, his coordination pulse.
  const anne = await as('Anne Kjær');
  await anne.getByLabel('Borgerens navn').fill('Michael Sørensen');
  await anne.getByRole('button', { name: 'Søg', exact: true }).click();
  await anne.getByRole('table', { name: 'Borgere, der passer til søgningen' }).getByRole('link', { name: 'Michael Sørensen', exact: true }).click();
  await h1(anne, 'Michael Sørensen');
  await anne.getByRole('link', { name: 'Åbn plan' }).click();
  await h1(anne, 'Plan for Michael Sørensen');
  await anne.getByRole('link', { name: 'Samarbejdspuls', exact: true }).click();
  await h1(anne, 'Samarbejdspuls: Michael Sørensen');
  const path = new URL(anne.url()).pathname;
  expect(path).toMatch(/^\/borgere\/[0-9a-f-]{36}\/samarbejde$/);
  await expectAccessible(anne);

  // She starts a pulse: every professional of the plan's units is asked, she is not.
  await anne.getByRole('button', { name: 'Start samarbejdspuls' }).click();
  const started = anne.getByRole('status').filter({ hasText: /^Samarbejdspulsen er startet\. \d+ fagpersoner er spurgt\.$/ });
  await started.waitFor();
  const invited = Number(/(\d+) fagpersoner/.exec((await started.textContent()) ?? '')![1]);
  expect(invited).toBeGreaterThanOrEqual(3);
  await anne.getByText('Der er en åben samarbejdspuls. Du kan starte en ny, når den er lukket.').waitFor();
  const pulse = openPulse(anne);
  await pulse.getByText(`0 af ${invited} fagpersoner har svaret`).waitFor();
  await pulse.getByText('Borgeren har ikke svaret').waitFor();
  expect(await pulse.getByRole('form', { name: 'Dit svar' }).count(), 'the coordinator is not asked').toBe(0);
  await expectAccessible(anne);
  await screenshot(anne, 'pulse-started');

  // Three professionals around Michael answer (one of them on a tablet).
  await answer(await as('Kasper Lund'), path, [5, 2, 4]);
  await answer(await as('Mette Dahl', { width: 768, height: 1024 }), path, [4, 3, 4]);
  const thomas = await as('Thomas Berg');
  await answer(thomas, path, [4, 2, 5]);
  await openPulse(thomas).getByText(`3 af ${invited} fagpersoner har svaret`).waitFor();
  await screenshot(thomas, 'pulse-answered');

  // Michael, on a tablet: the one question on his home page, and that his coordinator sees the answer.
  const michael = await as('Michael Sørensen', { width: 768, height: 1024 });
  const card = michael.getByRole('region', { name: 'Hvor godt arbejder de sammen for dig?' });
  await card.getByText('Din tovholder kan se dit svar.').waitFor();
  await expectAccessible(michael);
  await card.getByRole('button', { name: 'Send mit svar' }).click();
  await card.getByText('Vælg et svar først.').waitFor();
  const choice = card.getByRole('group', { name: 'Vælg det svar, der passer bedst' }).getByText('4 Godt', { exact: true });
  const box = await choice.boundingBox();
  expect(box!.height, 'a large target').toBeGreaterThanOrEqual(44);
  await choice.click();
  expect(await card.getByRole('radio', { name: '4 Godt' }).isChecked()).toBe(true);
  await screenshot(michael, 'pulse-citizen');
  await card.getByRole('button', { name: 'Send mit svar' }).click();
  await michael.getByRole('heading', { level: 2, name: 'Tak for dit svar!' }).waitFor();
  await expectAccessible(michael);
  // Answered: the question is not asked again.
  await michael.reload();
  await h1(michael, /^Hej/);
  await michael.waitForLoadState('networkidle');
  expect(await michael.getByRole('region', { name: 'Hvor godt arbejder de sammen for dig?' }).count()).toBe(0);

  // Anne closes the pulse (after "are you sure") and sees the results.
  await anne.reload();
  await h1(anne, 'Samarbejdspuls: Michael Sørensen');
  await pulse.getByText(`3 af ${invited} fagpersoner har svaret`).waitFor();
  await pulse.getByText('Borgeren har svaret', { exact: true }).waitFor();
  await pulse.getByRole('button', { name: 'Luk pulsen' }).click();
  await anne.getByText('Vil du lukke pulsen nu? Ingen kan svare bagefter, og du ser resultatet med det samme.').waitFor();
  await expectAccessible(anne);
  await anne.getByRole('button', { name: 'Ja, luk pulsen' }).click();
  await anne.getByRole('status').filter({ hasText: 'Pulsen er lukket. Resultatet står under pulsen.' }).waitFor();
  const newest = anne.locator('.sammen-pulse-card').first();
  await newest.getByText('Lukket', { exact: true }).waitFor();
  const results = newest.getByRole('table', { name: 'Fagpersonernes svar (3 har svaret)' });
  const rows = await results.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())));
  // (5+4+4)/3 = 4,3; (2+3+2)/3 = 2,3; (4+4+5)/3 = 4,3 — each from 3 answers.
  expect(rows).toEqual([
    [QUESTIONS.sharedPicture, '4,3', '3'],
    [QUESTIONS.timelyKnowledge, '2,3', '3'],
    [QUESTIONS.solveTogether, '4,3', '3'],
  ]);
  await newest.getByText('Michael Sørensen svarede selv: 4 — »Godt«.').waitFor();
  await expectAccessible(anne);
  await screenshot(anne, 'pulse-results');

  // Kasper does not coordinate: the counts, no results.
  const kasper = await as('Kasper Lund');
  await kasper.goto(path);
  await h1(kasper, 'Samarbejdspuls: Michael Sørensen');
  const closed = kasper.locator('.sammen-pulse-card').first();
  await closed.getByText(`3 af ${invited} fagpersoner har svaret`).waitFor();
  await closed.getByText('Tovholderen ser resultatet.', { exact: true }).waitFor();
  expect(await kasper.getByRole('table').count()).toBe(0);
  expect(await kasper.getByRole('button', { name: 'Start samarbejdspuls' }).count()).toBe(0);
  expect(await kasper.getByText('4,3').count()).toBe(0);
  await expectAccessible(kasper);

  // Eva, a leader: the pulses per coordinating unit in one quarter that has ended (so not today's
  // pulse; and never a free range: two overlapping ones could be subtracted). The last ended
  // quarter is chosen; the earlier ones are offered, newest first.
  const eva = await as('Eva Clausen');
  await eva.goto('/samarbejde/puls');
  await h1(eva, 'Samarbejdspuls pr. enhed');
  await eva.getByRole('status').filter({ hasText: /(lukket puls|lukkede pulser) i perioden/ }).waitFor();
  const quarter = eva.getByLabel('Kvartal');
  expect(await quarter.inputValue()).toMatch(/^\d{4}-Q[1-4]$/);
  const offered = await quarter.locator('option').allTextContents();
  expect(offered).toHaveLength(8);
  for (const label of offered) expect(label).toMatch(/^[1-4]\. kvartal \d{4}$/);
  expect(await quarter.locator('option:checked').textContent()).toBe(offered[0]);
  if (await eva.getByRole('table').count()) {
    const table = eva.getByRole('table', { name: /^Samarbejdspuls pr\. enhed, / });
    await table.getByRole('rowheader', { name: 'I alt (viste enheder)' }).waitFor();
  } else {
    await eva.getByText('Der er ingen lukkede pulser i perioden.').waitFor();
  }
  await expectAccessible(eva);
  await screenshot(eva, 'pulse-aggregates');
});

test('only the coordinator may start a pulse', async () => {
  // Thomas works with Michael but does not coordinate his plan: no start button; the server agrees.
  const thomas = await as('Thomas Berg');
  await thomas.getByLabel('Borgerens navn').fill('Michael Sørensen');
  await thomas.getByRole('button', { name: 'Søg', exact: true }).click();
  await thomas.getByRole('table', { name: 'Borgere, der passer til søgningen' }).getByRole('link', { name: 'Michael Sørensen', exact: true }).click();
  await h1(thomas, 'Michael Sørensen');
  const citizenId = new URL(thomas.url()).pathname.split('/')[2]!;
  await thomas.goto(`/borgere/${citizenId}/samarbejde`);
  await h1(thomas, 'Samarbejdspuls: Michael Sørensen');
  expect(await thomas.getByRole('button', { name: 'Start samarbejdspuls' }).count()).toBe(0);
  const status = await thomas.evaluate(async (id) => {
    const { token } = (await (await fetch('/api/auth/csrf')).json()) as { token: string };
    const res = await fetch(`/api/citizens/${id}/coordination-pulses`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': token }, body: '{}' });
    return res.status;
  }, citizenId);
  expect(status).toBe(403);
  await expectAccessible(thomas);
});

test('a pulse with fewer answers than the threshold: its means are hidden, and so said', { timeout: 120_000 }, async () => {
  // Mette coordinates Sara's plan; only Anne answers before Mette closes the pulse.
  const mette = await as('Mette Dahl');
  await mette.getByLabel('Borgerens navn').fill('Sara Nielsen');
  await mette.getByRole('button', { name: 'Søg', exact: true }).click();
  await mette.getByRole('table', { name: 'Borgere, der passer til søgningen' }).getByRole('link', { name: 'Sara Nielsen', exact: true }).click();
  await h1(mette, 'Sara Nielsen');
  const path = `${new URL(mette.url()).pathname}/samarbejde`;
  await mette.goto(path);
  await h1(mette, 'Samarbejdspuls: Sara Nielsen');
  await mette.getByRole('button', { name: 'Start samarbejdspuls' }).click();
  await mette.getByRole('status').filter({ hasText: /^Samarbejdspulsen er startet\./ }).waitFor();

  const anne = await as('Anne Kjær');
  await anne.goto(path);
  await h1(anne, 'Samarbejdspuls: Sara Nielsen');
  const form = openPulse(anne).getByRole('form', { name: 'Dit svar' });
  for (const question of ['Har vi, der arbejder med Sara Nielsen, det samme billede af, hvad der er vigtigt nu?', 'Får du det, du skal vide om Sara Nielsen, i tide?', 'Når noget går galt for Sara Nielsen, løser vi det så sammen?'])
    await form.getByRole('group', { name: question }).getByRole('radio', { name: '3 Til dels' }).check();
  await form.getByRole('button', { name: 'Send mit svar' }).click();
  await anne.getByRole('status').filter({ hasText: 'Tak for dit svar.' }).waitFor();

  await mette.reload();
  await h1(mette, 'Samarbejdspuls: Sara Nielsen');
  await openPulse(mette).getByRole('button', { name: 'Luk pulsen' }).click();
  await mette.getByRole('button', { name: 'Ja, luk pulsen' }).click();
  const results = mette.locator('.sammen-pulse-card').first().getByRole('table', { name: 'Fagpersonernes svar (1 har svaret)' });
  await results.waitFor();
  const rows = await results.locator('tbody tr td').allTextContents();
  expect(rows.map((r) => r.trim())).toEqual(['skjult — færre end 3 svar', 'skjult — færre end 3 svar', 'skjult — færre end 3 svar']);
  await mette.getByText('Sara Nielsen svarede ikke selv.').waitFor();
  await expectAccessible(mette);
  await screenshot(mette, 'pulse-hidden');
});
