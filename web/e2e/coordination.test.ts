import { expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { errorMessageOf, screenshot, seriousAxeViolations, useServerAndBrowser } from './harness.ts';

// Scenario 7 of shared/SCENARIOS.md (issue 16), on the seeded demo, with axe on every page:
// Eva Clausen (analyst) opens a coordination survey for Jobcenter Fjordby, Familieafdelingen and
// Fjordby Bibliotek. Three of the jobcenter rate the family department strong, three of the family
// department rate the jobcenter weak, and one librarian answers — too few to be shown. Eva closes
// the wave: the asymmetry is listed first and flagged, the heat map shows it in both directions
// with n in every cell, the librarian's row says "skjult", and the network map draws both arrows.
// Then the seeded closed waves: "Efterår 2026" with its trends, the CSV, the tablet view.

const e2e = useServerAndBrowser();

async function loginAs(page: Page, name: string) {
  await page.getByRole('button', { name: `Log ind som ${name}` }).click();
  await page.waitForURL((u) => u.pathname !== '/login');
}

/** Logs the current persona out (when anyone is logged in) and the next one in. */
async function switchTo(page: Page, name: string) {
  const logout = page.getByRole('button', { name: 'Log af' });
  if (await logout.count()) {
    await logout.click();
    await page.waitForURL((u) => u.pathname === '/login');
  } else {
    await page.goto('/login');
  }
  await loginAs(page, name);
}

async function expectAccessible(page: Page) {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

/** The cells of a table's body rows, as the text a reader sees (th and td alike; lines joined by a space). */
async function rowsOf(table: Locator): Promise<string[][]> {
  await table.waitFor();
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll<HTMLElement>('th, td')].map((c) => c.innerText.replace(/\s+/g, ' ').trim())));
}

type Answer = 'no' | number;

/**
 * Answers the survey: per group (by the start of its heading) "Nej", or "Ja" and the same option
 * position in all seven questions. Checks that the own group comes first.
 */
async function answer(page: Page, waveId: string, ownGroup: string, answers: Record<string, Answer>) {
  await page.goto(`/samarbejde/maalinger/${waveId}/svar`);
  await h1(page, 'Samarbejdsmåling: E2E-måling');
  const first = page.locator('main section h2').first();
  await expect(first.textContent()).resolves.toBe(`${ownGroup} din egen gruppe`);
  for (const [group, choice] of Object.entries(answers)) {
    const region = page.getByRole('region', { name: new RegExp(`^${group}`) });
    const works = region.getByRole('group', { name: `Arbejder du med ${group}?` });
    await works.getByRole('radio', { name: choice === 'no' ? 'Nej' : 'Ja', exact: true }).check();
    if (choice === 'no') continue;
    const questions = region.getByRole('group').filter({ hasNot: page.getByRole('radio', { name: 'Ja', exact: true }) });
    await expect(questions.count()).resolves.toBe(7);
    for (let q = 0; q < 7; q++) await questions.nth(q).getByRole('radio').nth(choice).check();
  }
  await page.getByRole('button', { name: 'Send mine svar' }).click();
  await page.getByRole('heading', { level: 2, name: 'Tak for dine svar' }).waitFor();
}

test('scenario 7: a wave opened, answered by personas, closed — the asymmetry flagged, small groups hidden', { timeout: 240_000 }, async () => {
  const { page } = await e2e.open({ width: 1280, height: 1000 });
  await page.goto('/login');
  await loginAs(page, 'Eva Clausen');

  // The landing page: the waves, and the way to start one.
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Samarbejde' }).click();
  await h1(page, 'Samarbejde');
  await page.getByRole('table', { name: 'Lukkede målinger' }).getByRole('link', { name: 'Forår 2026' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Start en måling' }).click();
  await h1(page, 'Start en måling');

  // Refused at the field it is about: no name, one group only.
  await page.getByRole('checkbox', { name: /^Jobcenter Fjordby/ }).check();
  await page.getByRole('button', { name: 'Start målingen' }).click();
  await expect(errorMessageOf(page.getByLabel('Navn', { exact: true }))).resolves.toContain('Udfyld feltet.');
  await page.getByLabel('Navn', { exact: true }).fill('E2E-måling');
  await page.getByLabel('Hvad handler målingen om?').fill('borgere i e2e-testen');
  await page.getByRole('button', { name: 'Start målingen' }).click();
  await page.getByText('Vælg mindst 2.').waitFor();
  await page.getByRole('checkbox', { name: /^Familieafdelingen/ }).check();
  await page.getByRole('checkbox', { name: /^Fjordby Bibliotek/ }).check();
  // Rows and columns follow the chosen order.
  await expect(page.locator('.sammen-coordination-order li > span').allTextContents()).resolves.toEqual(['Jobcenter Fjordby', 'Familieafdelingen', 'Fjordby Bibliotek']);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Start målingen' }).click();

  // The open wave: live counts per group, nothing else.
  await page.waitForURL((u) => /^\/samarbejde\/maalinger\/[0-9a-f-]{36}$/.test(u.pathname));
  const waveId = new URL(page.url()).pathname.split('/').at(-1)!;
  await h1(page, 'E2E-måling');
  await page.getByText(/Målingen er startet\. \d+ medarbejdere er inviteret\./).waitFor();
  const rates = await rowsOf(page.getByRole('table', { name: 'Svar pr. gruppe' }));
  expect(rates.map((r) => [r[0], r[2]])).toEqual([
    ['Jobcenter Fjordby', '0'],
    ['Familieafdelingen', '0'],
    ['Fjordby Bibliotek', '0'],
  ]);
  await expectAccessible(page);
  await screenshot(page, 'coordination-open-wave');

  // Kasper finds the invitation in his work list.
  await switchTo(page, 'Kasper Lund');
  const invited = page.getByRole('region', { name: 'Du er inviteret til en samarbejdsmåling' });
  await invited.getByRole('link', { name: 'Svar på E2E-måling' }).click();
  await h1(page, 'Samarbejdsmåling: E2E-måling');
  // Nothing chosen: refused, nothing saved.
  await page.getByRole('button', { name: 'Send mine svar' }).click();
  await page.getByText('Svar ja til mindst én gruppe, du arbejder med.').waitFor();
  await page.getByRole('region', { name: /^Familieafdelingen/ }).getByRole('radio', { name: 'Ja', exact: true }).check();
  await expectAccessible(page);
  await screenshot(page, 'coordination-form');
  // The jobcenter rates the family department at the top of every scale (5), the library at 4.
  const jobcenter = { 'Jobcenter Fjordby': 'no', Familieafdelingen: 4, 'Fjordby Bibliotek': 3 } as const;
  await answer(page, waveId, 'Jobcenter Fjordby', jobcenter);
  await expectAccessible(page);
  // A second answer: a plain message, not a form.
  await page.goto(`/samarbejde/maalinger/${waveId}/svar`);
  await page.getByText('Du har allerede svaret på denne måling.').waitFor();

  for (const name of ['Thomas Berg', 'Birgitte Holm']) {
    await switchTo(page, name);
    await answer(page, waveId, 'Jobcenter Fjordby', jobcenter);
  }
  // The family department rates the jobcenter low (2) — and not the library.
  for (const name of ['Mette Dahl', 'Sofie Winther', 'Louise Brandt']) {
    await switchTo(page, name);
    await answer(page, waveId, 'Familieafdelingen', { Familieafdelingen: 'no', 'Jobcenter Fjordby': 1, 'Fjordby Bibliotek': 'no' });
  }
  // One librarian: too few to be shown.
  await switchTo(page, 'Peter Iversen');
  await answer(page, waveId, 'Fjordby Bibliotek', { 'Fjordby Bibliotek': 'no', 'Jobcenter Fjordby': 2, Familieafdelingen: 2 });

  // Eva sees the counts, then closes the wave.
  await switchTo(page, 'Eva Clausen');
  await page.goto(`/samarbejde/maalinger/${waveId}`);
  await h1(page, 'E2E-måling');
  const counted = await rowsOf(page.getByRole('table', { name: 'Svar pr. gruppe' }));
  expect(counted.map((r) => [r[0], r[2]])).toEqual([
    ['Jobcenter Fjordby', '3'],
    ['Familieafdelingen', '3'],
    ['Fjordby Bibliotek', '1'],
  ]);
  await page.getByRole('button', { name: 'Luk målingen' }).click();
  await page.getByText('Vil du lukke målingen nu?').waitFor();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Ja, luk målingen' }).click();
  await page.getByText('Målingen er lukket. Resultaterne står herunder.').waitFor();

  // Asymmetries first: the jobcenter and the family department, flagged.
  const asymmetries = page.getByRole('region', { name: 'Hvor ser grupperne samarbejdet forskelligt?' });
  const firstPair = asymmetries.getByRole('listitem').first();
  await firstPair.getByText('Markeret: skævt samarbejde').waitFor();
  await firstPair.getByText('Jobcenter Fjordby og Familieafdelingen').waitFor();
  await firstPair.getByText('Forskel: 3,00.').waitFor();
  const headings = await page.locator('main h2').allTextContents();
  expect(headings.indexOf('Hvor ser grupperne samarbejdet forskelligt?')).toBeLessThan(headings.indexOf('Varmekort'));

  // The heat map: same order in rows and columns, band in words, n in every shown cell, hidden cells said.
  const heat = page.getByRole('table', { name: /^Samarbejdet mellem grupperne: Samlet/ });
  const columns = await heat.locator('thead th').allTextContents();
  expect(columns.slice(1)).toEqual(['Jobcenter Fjordby', 'Familieafdelingen', 'Fjordby Bibliotek']);
  const heatRows = await rowsOf(heat);
  expect(heatRows.map((r) => r[0])).toEqual(['Jobcenter Fjordby', 'Familieafdelingen', 'Fjordby Bibliotek']);
  // The seeded "Efterår 2026" used the same instrument: a cell may say what it was then.
  expect(heatRows[0]![2]).toMatch(/^5,00 stærkt n = 3 (før: \d,\d\d )?⚠ skævt$/);
  expect(heatRows[0]![3]).toMatch(/^4,00 stærkt n = 3( før: \d,\d\d)?$/);
  expect(heatRows[1]![1]).toMatch(/^2,00 svagt n = 3 (før: \d,\d\d )?⚠ skævt$/);
  expect(heatRows[2]![1]).toBe('skjult (færre end 3)');
  expect(heatRows[2]![2]).toBe('skjult (færre end 3)');
  expect(heatRows[1]![3]).toBe('ingen svar');
  // The region scrolls on its own and can be reached by keyboard.
  const scroll = page.getByRole('region', { name: /^Samarbejdet mellem grupperne: Samlet/ });
  await expect(scroll.getAttribute('tabindex')).resolves.toBe('0');

  // One dimension at a time.
  await page.getByRole('group', { name: 'Vis' }).getByRole('radio', { name: 'Gensidig respekt' }).check();
  await page.getByRole('table', { name: /^Samarbejdet mellem grupperne: Gensidig respekt/ }).waitFor();

  // The network map: an image with a name, and its table.
  await page.getByRole('img', { name: /^Netværkskort over 3 grupper \(Gensidig respekt\): 3 pile med tal og 2 skjulte/ }).waitFor();
  await page.getByRole('group', { name: 'Vis' }).getByRole('radio', { name: 'Samlet' }).check();
  await page.getByText('Vis kortet som tabel').click();
  const arcs = await rowsOf(page.getByRole('table', { name: 'Pilene på netværkskortet: Samlet' }));
  expect(arcs).toContainEqual(['Jobcenter Fjordby', 'Familieafdelingen', '5,00', 'stærkt', '3', 'skævt']);
  expect(arcs).toContainEqual(['Familieafdelingen', 'Jobcenter Fjordby', '2,00', 'svagt', '3', 'skævt']);
  expect(arcs).toContainEqual(['Fjordby Bibliotek', 'Jobcenter Fjordby', 'skjult (færre end 3)', '–']);
  // Sammen's wording is not the licensed survey, and says so.
  await page.getByText('Sammens egen formulering — ikke Relational Coordination Survey.').first().waitFor();
  await expectAccessible(page);
  await screenshot(page, 'coordination-results');
});

test('the seeded closed waves: results, trends, CSV, on a tablet; groups and instruments', { timeout: 120_000 }, async () => {
  const { page } = await e2e.open({ width: 768, height: 1024 });
  await page.goto('/login');
  await loginAs(page, 'Eva Clausen');
  await page.goto('/samarbejde');
  await page.getByRole('table', { name: 'Lukkede målinger' }).getByRole('link', { name: 'Efterår 2026' }).click();
  await h1(page, 'Efterår 2026');
  const autumnPath = new URL(page.url()).pathname;
  const asymmetries = page.getByRole('region', { name: 'Hvor ser grupperne samarbejdet forskelligt?' });
  await asymmetries.getByText('Markeret: skævt samarbejde').first().waitFor();
  const heat = page.getByRole('table', { name: /^Samarbejdet mellem grupperne: Samlet/ });
  await heat.getByText('skjult (færre end 3)').first().waitFor();
  await heat.getByText(/^før: /).first().waitFor();
  // On a tablet the heat map is wider than the screen: it scrolls inside its own region.
  const scroll = page.getByRole('region', { name: /^Samarbejdet mellem grupperne: Samlet/ });
  expect(await scroll.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  // Trends: the closed waves of Sammen's instrument, oldest first (the seeded two, then any this
  // file closed before).
  const trends = page.getByRole('table', { name: 'Hver gruppe i hver måling' });
  const waves = await trends.locator('thead th').allTextContents();
  expect(waves[1]).toMatch(/^Forår 2026/);
  expect(waves[2]).toMatch(/^Efterår 2026/);
  await page.getByRole('img', { name: /^Samlet indeks pr\. måling: Forår 2026: \d,\d\d; Efterår 2026: \d,\d\d/ }).waitFor();
  // The download: shown cells only, semicolons, decimal commas.
  const href = await page.getByRole('link', { name: 'Hent tallene for Efterår 2026 (CSV)' }).getAttribute('href');
  const csv = await page.evaluate(async (url) => {
    const res = await fetch(url!);
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  }, href);
  expect(csv.status).toBe(200);
  expect(csv.type).toContain('text/csv');
  expect(csv.text.split('\n')[0]).toContain(';');
  expect(csv.text).toMatch(/\d,\d/);
  // Eight groups crowd the map: one group's arrows can be shown alone.
  await page.getByLabel('Vis pilene for').selectOption({ label: 'Jobcenter Fjordby' });
  await page.getByRole('img', { name: /Kun pilene til og fra Jobcenter Fjordby er vist\.$/ }).waitFor();
  await expectAccessible(page);
  await screenshot(page, 'coordination-seeded-tablet');

  // Groups, and instruments with the settings.
  await page.goto('/samarbejde/grupper');
  await h1(page, 'Arbejdsgrupper');
  await page.getByRole('heading', { level: 3, name: /^Jobcenter Fjordby/ }).waitFor();
  await expectAccessible(page);
  await page.goto('/samarbejde/instrumenter');
  await h1(page, 'Spørgeskemaer og indstillinger');
  await page.getByRole('heading', { level: 3, name: /^Sammens samarbejdsmåling/ }).waitFor();
  await page.getByLabel('Mindste antal svar i en celle').waitFor();
  // A threshold below 2 is refused at its field.
  await page.getByLabel('Mindste antal svar i en celle').fill('1');
  await page.getByRole('button', { name: 'Gem indstillingerne' }).click();
  await expect(errorMessageOf(page.getByLabel('Mindste antal svar i en celle'))).resolves.toContain('Tallet skal være mindst 2.');
  await expectAccessible(page);

  // Staff who are not leaders find the closed waves of their own group on the landing page — not
  // the open one, and no way to start one — and see their own group's figures only (the default setting).
  await page.getByRole('button', { name: 'Log af' }).click();
  await page.waitForURL((u) => u.pathname === '/login');
  await loginAs(page, 'Kasper Lund');
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Samarbejde' }).click();
  await h1(page, 'Samarbejde');
  const results = page.getByRole('region', { name: 'Resultater' });
  const closedWaves = results.getByRole('table', { name: 'Lukkede målinger' });
  await closedWaves.getByRole('link', { name: 'Forår 2026' }).waitFor();
  await expect(closedWaves.getByRole('link', { name: 'Vinter 2026' }).count()).resolves.toBe(0);
  await expect(page.getByRole('link', { name: 'Start en måling' }).count()).resolves.toBe(0);
  await expectAccessible(page);
  await closedWaves.getByRole('link', { name: 'Efterår 2026' }).click();
  await h1(page, 'Efterår 2026');
  expect(new URL(page.url()).pathname).toBe(autumnPath);
  await page.getByText('Du ser kun de tal, der handler om din egen gruppe, Jobcenter Fjordby.').waitFor();
  await page.getByRole('table', { name: /^Samarbejdet mellem grupperne: Samlet/ }).getByText('ikke vist for dig').first().waitFor();
  await expect(page.getByRole('heading', { name: 'Udvikling over tid' }).count()).resolves.toBe(0);
  await expectAccessible(page);
});
