import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, seriousAxeViolations, startServer, visit, type RunningServer, type Visit } from './harness.ts';

// The words on the screen (issue 11): a relative is spoken to as themselves, about the citizen
// (point 3); the exemption sentence has its verb, help that has ended reads as past, a relative
// is "søn af", the access log counts looks, and the staff consent form speaks as staff (point 7).

let server: RunningServer;
let browser: Browser;
const visits: Visit[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async () => {
  for (const v of visits.splice(0)) {
    await v.close();
    expect(v.foreignRequests, 'requests to other origins').toEqual([]);
    expect(v.cspViolations, 'Content-Security-Policy refusals').toEqual([]);
  }
});

async function as(name: string) {
  const v = await visit(browser, server.url, { width: 1280, height: 900 });
  visits.push(v);
  const page = v.page;
  await page.goto('/login');
  await page.getByRole('button', { name: `Log ind som ${name}`, exact: true }).click();
  await page.waitForURL((u) => u.pathname !== '/login');
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

async function expectAccessible(page: Page) {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

const mainText = async (page: Page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ');

describe('a relative is spoken to as themselves, about the citizen', () => {
  test('Hans-Jørgen reads "Gerdas plan", not "Dit liv indtil nu"', async () => {
    const page = await as('Hans-Jørgen Andersen');
    await page.goto('/borger/plan');
    await page.getByRole('heading', { level: 1, name: 'Gerdas plan', exact: true }).waitFor();
    for (const h of ['Gerdas liv indtil nu', 'Det ønsker Gerda', 'Gerdas mål', 'Hvem hjælper Gerda']) {
      await page.getByRole('heading', { level: 2, name: h }).waitFor();
    }
    await page.getByText('Gerdas kontakt er Maria Lindholm.').waitFor();
    // He wrote Gerda's life story himself (demo seed); she wrote her goals.
    await page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: 'Gerdas liv indtil nu' }) }).getByText('Skrevet af dig', { exact: true }).waitFor();
    await page.getByText('Gerdas egne ord', { exact: true }).first().waitFor();
    const text = await mainText(page);
    for (const wrong of ['Dit liv indtil nu', 'Dine mål', 'Hvem hjælper dig', 'Det ønsker du', 'Din kontakt', 'Hans-Jørgen Andersen (pårørende)', 'Dine egne ord']) {
      expect(text).not.toContain(wrong);
    }
    await expectAccessible(page);

    await page.goto('/borger/samtykker');
    await page.getByRole('heading', { level: 1, name: 'Samtykker' }).waitFor();
    await page.getByText('Her kan du se, hvem der må se hvad i Gerdas plan – og hvorfor.').waitFor();
    await page.getByText('Gerda har ikke givet nogen samtykker endnu.').waitFor();
    expect(await mainText(page)).not.toContain('Du har ikke givet nogen samtykker');
    // The new-consent form asks him about Gerda's parts of the plan.
    await page.getByRole('button', { name: 'Giv et nyt samtykke' }).click();
    await page.getByLabel('Gerdas livshistorie', { exact: true }).waitFor();
    await page.getByLabel('Gerdas mål', { exact: true }).waitFor();
    expect(await page.getByLabel('Din livshistorie', { exact: true }).count()).toBe(0);
    await expectAccessible(page);

    // In English too.
    await page.getByRole('button', { name: 'English' }).click();
    await page.goto('/borger/plan');
    await page.getByRole('heading', { level: 1, name: 'Gerda’s plan', exact: true }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Gerda’s goals' }).waitFor();
  });

  test('Gerda herself is still "du"', async () => {
    const page = await as('Gerda Andersen');
    await page.goto('/borger/plan');
    await page.getByRole('heading', { level: 1, name: 'Din plan', exact: true }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Dit liv indtil nu' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Dine mål' }).waitFor();
  });
});

describe('words', () => {
  test('the exemption says what it means, and help that has ended reads as past', async () => {
    const page = await as('Sara Nielsen');
    await page.goto('/borger/plan');
    await page.getByRole('heading', { level: 2, name: 'Hvem hjælper dig' }).waitFor();
    const text = await mainText(page);
    expect(text).not.toContain('Du skal ikke det her');
    // Sara's exemption ran from 15 May 2025 to 31 May 2026 (demo seed).
    const exemption = page.locator('li').filter({ hasText: 'Fritaget for beskæftigelsespligt' });
    if (Date.now() > Date.parse('2026-06-01')) {
      await page.getByRole('heading', { level: 3, name: 'Hjælp, der er slut' }).waitFor();
      await exemption.getByText('Du var fritaget i denne periode. Den er slut nu.').waitFor();
      await exemption.getByText('Din kontakt var Anne Kjær.').waitFor();
      await exemption.getByText(/Det er slut nu\.$/).waitFor();
      // Listed under "ended", after the help that goes on.
      const ended = page.getByRole('list', { name: 'Hjælp, der er slut' });
      await ended.getByText('Fritaget for beskæftigelsespligt', { exact: false }).waitFor();
    } else {
      await exemption.getByText('Du er fritaget i denne periode.').waitFor();
    }
    await expectAccessible(page);
  });

  test('a relative is "søn af", not "søn til", on the login page', async () => {
    const v = await visit(browser, server.url);
    visits.push(v);
    await v.page.goto('/login');
    await v.page.getByText('Søn af Gerda Andersen', { exact: true }).waitFor();
    expect(await v.page.getByText(/ til Gerda Andersen$/).count()).toBe(0);
  });

  test('"Hvem har kigget" counts looks, not "gange"', async () => {
    const page = await as('Sara Nielsen');
    await page.goto('/borger/hvem-har-kigget');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.locator('table').first().waitFor();
    expect(await mainText(page)).not.toMatch(/Viser \d+ gange?\./);
  });

  test('the staff consent form speaks about the citizen, not to them', async () => {
    const page = await as('Mette Dahl');
    await page.getByLabel('Borgerens navn').fill('Sara Nielsen');
    await page.getByRole('button', { name: 'Søg', exact: true }).click();
    await page.getByRole('table', { name: 'Borgere, der passer til søgningen' }).getByRole('link', { name: 'Sara Nielsen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sara Nielsen' }).waitFor();
    const citizenPath = new URL(page.url()).pathname;
    await page.goto(`${citizenPath}/samtykker`);
    await page.getByRole('button', { name: 'Registrér samtykke givet på papir eller mundtligt' }).click();
    await page.getByLabel('Borgerens livshistorie', { exact: true }).waitFor();
    await page.getByLabel('Borgerens ønsker til eget liv', { exact: true }).waitFor();
    const form = (await page.locator('form').last().innerText()).replace(/\s+/g, ' ');
    for (const wrong of ['Din livshistorie', 'Dine ønsker', 'Dine mål']) expect(form).not.toContain(wrong);
    await expectAccessible(page);
  });
});
