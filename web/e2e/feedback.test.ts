import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { errorMessageOf, screenshot, seriousAxeViolations, useServerAndBrowser } from './harness.ts';

// Scenario 5 of shared/SCENARIOS.md (issue 15), on the seeded demo, with axe on every page:
// Kasper (jobcenter) opens Emil's ratings — five conversations, how life is going from 14 to 29 —
// records today's meeting and hands his screen to Emil ("Bedøm på denne skærm"). The rating page
// shows nothing of Kasper's session (the server ended it); Emil rates the conversation on four
// sliders well within a minute. Kasper logs in again and is back on Emil's page with the new
// meeting; the low rating waits in his work list. Birgitte, the jobcenter's leader, sees the
// units' figures with the small unit hidden; Morten sees the instruments; Emil sees his own chart.

const e2e = useServerAndBrowser();

async function as(name: string, viewport = { width: 1280, height: 1000 }) {
  const v = await e2e.open(viewport);
  await v.page.goto('/login');
  await loginAs(v.page, name);
  return v.page;
}

async function loginAs(page: Page, name: string) {
  await page.getByRole('button', { name: `Log ind som ${name}` }).click();
  await page.waitForURL((u) => u.pathname !== '/login');
}

async function expectAccessible(page: Page) {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

async function openCitizen(page: Page, name: string) {
  await page.getByLabel('Borgerens navn').fill(name);
  await page.getByRole('button', { name: 'Søg', exact: true }).click();
  await page.getByRole('table', { name: 'Borgere, der passer til søgningen' }).getByRole('link', { name, exact: true }).click();
  await h1(page, name);
}

/** The cells of a table's rows, as text (th and td alike). */
async function rowsOf(page: Page, caption: string): Promise<string[][]> {
  const table = page.getByRole('table', { name: caption });
  await table.waitFor();
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())));
}

const MEETING_QUESTIONS = ['Jeg blev mødt med respekt', 'Jeg blev lyttet til', 'Jeg forstod, hvad der blev sagt, og hvad der sker nu', 'Alt i alt var det en god samtale for mig'];

test('scenario 5: a meeting rated on the staff member’s screen, the course over five conversations, the alert and the aggregates', { timeout: 180_000 }, async () => {
  // Kasper's work list: Lone's low rating is the one nobody has seen.
  const kasper = await as('Kasper Lund');
  const alerts = kasper.getByRole('region', { name: 'Borgernes vurderinger' });
  await alerts.getByRole('link', { name: 'Lone Hansen' }).waitFor();
  await alerts.getByText('Mødet fik 29 — under grænsen 34').waitFor();
  await expectAccessible(kasper);

  // Emil's ratings: five conversations, the chart with its table, the change in words and numbers.
  await openCitizen(kasper, 'Emil Rasmussen');
  await kasper.getByRole('link', { name: 'Borgerens vurderinger af møderne' }).click();
  await h1(kasper, 'Vurderinger: Emil Rasmussen');
  const citizenPath = new URL(kasper.url()).pathname;
  expect(citizenPath).toMatch(/^\/borgere\/[0-9a-f-]{36}\/feedback$/);
  const course = kasper.getByRole('region', { name: /^Jobcenter Fjordby/ });
  await course.getByRole('figure', { name: 'Sådan går det: samlet score pr. samtale' }).waitFor();
  await course.getByRole('img', { name: /14, 17, 21, 24, 29/ }).waitFor();
  await course.getByText('Klinisk betydende forbedring').waitFor();
  await course.getByText('fra 14 til 29 (+15; grænsen er 6)').waitFor();
  await course.getByText(/Det forventede forløb bygger på \d+ andre forløb/).waitFor();
  await course.getByText('Lokale normer, ikke valideret').waitFor();
  const numbers = await rowsOf(kasper, 'Tallene bag graferne: Jobcenter Fjordby');
  expect(numbers.slice(0, 5).map((r) => [r[0], r[2]])).toEqual([
    ['Samtale 1', '14'],
    ['Samtale 2', '17'],
    ['Samtale 3', '21'],
    ['Samtale 4', '24'],
    ['Samtale 5', '29'],
  ]);
  // Conversation 4's meeting rating was declined: said in words, never a low score.
  expect(numbers[3]!.at(-1)).toBe('Ønskede ikke at svare');
  await expectAccessible(kasper);
  await screenshot(kasper, 'feedback-staff');

  // Today's meeting, without an appointment: its area, then the rating on this screen (the conversation only).
  const newMeeting = kasper.getByRole('region', { name: 'Nyt møde' });
  await newMeeting.getByLabel('Aftale i kalenderen').selectOption('');
  await newMeeting.getByLabel('Område i planen').selectOption('work');
  await newMeeting.getByRole('button', { name: 'Skriv mødet ind' }).click();
  await kasper.getByRole('status').filter({ hasText: 'Mødet er skrevet ind som samtale 6.' }).waitFor();
  await newMeeting.getByRole('heading', { name: 'Bedøm samtale 6' }).waitFor();
  await newMeeting.getByLabel('Sådan går det (før eller i starten af samtalen)').uncheck();
  await expectAccessible(kasper);
  await newMeeting.getByRole('button', { name: 'Bedøm på denne skærm' }).click();

  // Citizen mode: the rating page, and nothing of Kasper's session left.
  await kasper.waitForURL((u) => u.pathname === '/vurdering' && u.hash.length > 40);
  await h1(kasper, 'Hvordan gik det?');
  const page = kasper;
  const body = await page.locator('body').innerText();
  expect(body).not.toContain('Kasper Lund');
  expect(body).not.toContain('Emil Rasmussen');
  await expect(page.getByRole('navigation', { name: 'Hovedmenu' }).count()).resolves.toBe(0);
  expect(await page.evaluate(async () => (await fetch('/api/auth/session')).status)).toBe(401);
  await page.getByText(/Du talte med Jobcenter Fjordby den /).waitFor();
  await expectAccessible(page);
  await screenshot(page, 'feedback-rating');

  // The language toggle: English, and back.
  await page.getByRole('button', { name: 'English' }).click();
  await h1(page, 'How did it go?');
  await page.getByLabel('I was treated with respect').waitFor();
  await page.getByRole('button', { name: 'Dansk' }).click();
  await h1(page, 'Hvordan gik det?');

  // The rating itself, timed: four sliders and send.
  const started = Date.now();
  const sliders = MEETING_QUESTIONS.map((q) => page.getByLabel(q, { exact: true }));
  expect(await Promise.all(sliders.map((s) => s.getAttribute('type')))).toEqual(['range', 'range', 'range', 'range']);
  // Sending with a question unanswered is refused at the question, nothing is saved.
  await page.getByRole('button', { name: 'Send mit svar' }).click();
  await page.getByText('Du mangler at svare på 4 spørgsmål.').waitFor();
  for (const [i, value] of ['3', '2', '3', '2'].entries()) await sliders[i]!.fill(value);
  await page.getByText('Du har valgt 2').first().waitFor();
  await screenshot(page, 'feedback-rating-filled');
  await page.getByRole('button', { name: 'Send mit svar' }).click();
  await h1(page, 'Tak!');
  await page.getByText('Tak for din vurdering. Giv skærmen tilbage.').waitFor();
  const seconds = (Date.now() - started) / 1000;
  expect(seconds).toBeLessThan(60);
  await expectAccessible(page);
  // The touch targets on the rating page are at least 44 × 44 px.
  const staffButton = page.getByRole('button', { name: 'Medarbejder: log ind igen' });
  const box = await staffButton.boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);

  // Kasper logs in again and is back on Emil's page, with the new meeting rated 10.
  await staffButton.click();
  await page.waitForURL((u) => u.pathname === '/login');
  await loginAs(page, 'Kasper Lund');
  await page.waitForURL((u) => u.pathname === citizenPath);
  await h1(page, 'Vurderinger: Emil Rasmussen');
  const timeline = await rowsOf(page, 'Alle møder med Emil Rasmussen, som du kan se');
  expect(timeline).toHaveLength(6);
  expect(timeline[5]![1]).toMatch(/^Jobcenter Fjordby/);
  expect(timeline[5]!.slice(2, 5)).toEqual(['6', 'Ikke bedømt', '10']);

  // The low rating alerts in his work list: under the cutoff, and a fall from the last one.
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Forside' }).click();
  const emilAlert = page.getByRole('region', { name: 'Borgernes vurderinger' }).getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Emil Rasmussen' }) });
  await emilAlert.getByText('Mødet fik 10 — under grænsen 34').waitFor();
  await emilAlert.getByText('Faldt 29 point fra sidste møde (39 → 10)').waitFor();
  await expectAccessible(page);
  await emilAlert.getByRole('button', { name: /^Set: vurderingen fra Emil Rasmussen/ }).click();
  await page.getByRole('status').filter({ hasText: 'Vurderingen fra Emil Rasmussen er markeret som set.' }).waitFor();
  await emilAlert.waitFor({ state: 'detached' });

  // Birgitte, the jobcenter's leader: the units' figures, the small unit hidden.
  const birgitte = await as('Birgitte Holm');
  await birgitte.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Vurderinger pr. enhed' }).click();
  await h1(birgitte, 'Vurderinger pr. enhed');
  // The page (its chart library loaded when it is opened) also opens on its own, e.g. after a reload.
  await birgitte.reload();
  await h1(birgitte, 'Vurderinger pr. enhed');
  await birgitte.getByRole('table', { name: /^Vurderinger pr. enhed, / }).first().waitFor();
  const bostoette = birgitte.getByRole('row', { name: /Bostøtten/ }).first();
  await bostoette.getByText('Skjult — færre end 5 borgere').first().waitFor();
  await birgitte.getByRole('figure', { name: /Gennemsnit for »Jeg blev mødt med respekt« pr. enhed/ }).first().waitFor();
  await expectAccessible(birgitte);
  await screenshot(birgitte, 'feedback-aggregates');

  // Morten, the administrator: the instruments with their norms status and licence.
  const morten = await as('Morten Kristiansen');
  await morten.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Skemaer til vurderinger' }).click();
  await h1(morten, 'Skemaer til vurderinger');
  await morten.getByRole('heading', { level: 3, name: /^Sådan går det/ }).waitFor();
  await morten.getByText('Lokale normer, ikke valideret (foreløbige tal)').first().waitFor();
  await expectAccessible(morten);
  await screenshot(morten, 'feedback-instruments');
  // Local norms for "Sådan går det": the municipality's first ratings against a comparison group (shown, not saved).
  const outcomeCard = morten.getByRole('listitem').filter({ has: morten.getByRole('heading', { level: 3, name: /^Sådan går det/ }) });
  await outcomeCard.getByRole('button', { name: 'Beregn lokale normer' }).click();
  const norms = outcomeCard.getByRole('form', { name: 'Beregn lokale normer' });
  await norms.getByLabel('Reliabilitet').fill('0,85');
  await norms.getByLabel('Scorer fra sammenligningsgruppen').fill(Array.from({ length: 40 }, (_, i) => 26 + (i % 11)).join('\n'));
  await norms.getByRole('button', { name: 'Beregn', exact: true }).click();
  await norms.getByText('Beregnede normer (ikke gemt)').first().waitFor();
  await norms.getByRole('row', { name: /Sammenligningsgruppe/ }).getByText(/^40 scorer, gennemsnit/).waitFor();
  await norms.getByRole('button', { name: 'Gem normerne' }).waitFor();
  await expectAccessible(morten);

  // Emil in /borger: his own chart in plain words, the declined rating said as such.
  const emil = await as('Emil Rasmussen');
  await emil.getByRole('link', { name: 'Sådan er det gået for dig' }).click();
  await h1(emil, 'Sådan er det gået for dig');
  await emil.getByText('Det går bedre. Du startede på 14. Nu er du på 29.').waitFor();
  const own = await rowsOf(emil, 'Dine svar til Jobcenter Fjordby som tal');
  expect(own[3]!.at(-1)).toBe('Du svarede ikke');
  expect(own[5]!.at(-1)).toBe('10');
  await emil.getByRole('img', { name: /dine svar er 14, 17, 21, 24, 29/ }).waitFor();
  await expectAccessible(emil);
  await screenshot(emil, 'feedback-own');
});

test('a used or unknown rating link is told in plain words', async () => {
  const { page } = await e2e.open();
  await page.goto('/vurdering#' + 'A'.repeat(43));
  await h1(page, 'Hvordan gik det?');
  await page.getByText('Vi kan ikke finde det, du skal svare på. Tjek, at linket er rigtigt.').waitFor();
  await page.getByRole('button', { name: 'Medarbejder: log ind igen' }).waitFor();
  await expectAccessible(page);
});

test('a rating by link, with the children’s faces, works once; the rating page on a phone', async () => {
  // Kasper records a meeting with Lone and makes a link, with the children's form (faces) for the conversation.
  const kasper = await as('Kasper Lund');
  await openCitizen(kasper, 'Lone Hansen');
  await kasper.getByRole('link', { name: 'Borgerens vurderinger af møderne' }).click();
  await h1(kasper, 'Vurderinger: Lone Hansen');
  const newMeeting = kasper.getByRole('region', { name: 'Nyt møde' });
  await newMeeting.getByLabel('Område i planen').selectOption('work');
  await newMeeting.getByRole('button', { name: 'Skriv mødet ind' }).click();
  await newMeeting.getByRole('heading', { name: 'Bedøm samtale 5' }).waitFor();
  await newMeeting.getByLabel('Sådan går det (før eller i starten af samtalen)').uncheck();
  await newMeeting.getByLabel('Skema: om samtalen').selectOption({ label: 'Om vores snak' });
  await newMeeting.getByRole('button', { name: 'Send et link' }).click();
  const link = await newMeeting.getByLabel('Link til borgeren').inputValue();
  expect(link).toMatch(/\/vurdering#[A-Za-z0-9_-]{43}$/);
  await newMeeting.getByText(/Digital Post og sms er ikke bygget/).waitFor();
  await expectAccessible(kasper);
  // Kasper is still logged in: a link does not end his session.
  expect(await kasper.evaluate(async () => (await fetch('/api/auth/session')).status)).toBe(200);

  // Lone opens it on her phone: faces, each a radio button with its number and words as its name.
  const { page } = await e2e.open({ width: 390, height: 844 });
  await page.goto(link);
  await h1(page, 'Hvordan gik det?');
  await page.getByRole('heading', { name: 'Om vores snak' }).waitFor();
  const kind = page.getByRole('group', { name: 'De var søde og rare mod mig' });
  await kind.getByRole('radio', { name: '0 Nej' }).waitFor();
  await kind.getByRole('radio', { name: '10 Ja, helt' }).waitFor();
  await expectAccessible(page);
  for (const [question, face] of [['De var søde og rare mod mig', '9 af 10'], ['De hørte efter, hvad jeg sagde', '8 af 10'], ['Jeg ved, hvad der skal ske nu', '10 Ja, helt'], ['Det var en god snak', '9 af 10']] as const) {
    await page.getByRole('group', { name: question }).getByText(face.split(' ')[0]!, { exact: true }).click();
    expect(await page.getByRole('group', { name: question }).getByRole('radio', { name: face }).isChecked()).toBe(true);
  }
  await screenshot(page, 'feedback-faces-phone');
  const face = await page.locator('.sammen-face-label').first().boundingBox();
  expect(Math.min(face!.width, face!.height)).toBeGreaterThanOrEqual(44);
  await page.getByRole('button', { name: 'Send mit svar' }).click();
  await page.getByText('Tak for din vurdering. Du kan lukke siden nu.').waitFor();
  await expect(page.getByRole('button', { name: 'Medarbejder: log ind igen' }).count()).resolves.toBe(0);
  await screenshot(page, 'feedback-rating-phone');

  // The link works once.
  await page.goto('/login');
  await page.goto(link);
  await page.getByText('Der er allerede svaret her. Et link virker kun én gang. Tak for hjælpen.').waitFor();
  await expectAccessible(page);
});

test('the instruments page refuses bad input at the field; the staff page on a tablet', async () => {
  const morten = await as('Morten Kristiansen');
  await morten.goto('/feedback/instrumenter');
  await h1(morten, 'Skemaer til vurderinger');
  // A new form with nothing filled in: each field says what is missing.
  const create = morten.getByRole('form', { name: 'Nyt skema' });
  await create.getByRole('button', { name: 'Opret skemaet' }).click();
  await create.locator('.form-error-message').first().waitFor();
  expect(await errorMessageOf(create.getByLabel('Navn på dansk'))).toContain('Udfyld feltet.');
  await expectAccessible(morten);
  // A cutoff beyond the total's scale is refused at the cutoff.
  const meetingCard = morten.getByRole('listitem').filter({ has: morten.getByRole('heading', { level: 3, name: /^Om samtalen/ }) });
  await meetingCard.getByRole('button', { name: 'Ret skæringspunkt, alarmer og brug' }).click();
  const edit = meetingCard.getByRole('form', { name: /^Ret skemaet/ });
  await edit.getByLabel('Skæringspunkt', { exact: true }).fill('45');
  await edit.getByRole('button', { name: 'Gem ændringerne' }).click();
  await expect.poll(() => errorMessageOf(edit.getByLabel('Skæringspunkt', { exact: true }))).toContain('40');
  // The settings: saved as they are.
  await morten.getByRole('button', { name: 'Gem indstillingerne' }).click();
  await morten.getByRole('status').filter({ hasText: 'Indstillingerne er gemt.' }).waitFor();
  await expectAccessible(morten);

  // Kasper's view of Emil's ratings on a tablet held upright.
  const kasper = await as('Kasper Lund', { width: 768, height: 1024 });
  await openCitizen(kasper, 'Emil Rasmussen');
  await kasper.getByRole('link', { name: 'Borgerens vurderinger af møderne' }).click();
  await h1(kasper, 'Vurderinger: Emil Rasmussen');
  await kasper.getByRole('table', { name: 'Tallene bag graferne: Jobcenter Fjordby' }).waitFor();
  await expectAccessible(kasper);
  await screenshot(kasper, 'feedback-staff-tablet');
});
