import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousAxeViolations, useServerAndBrowser } from './harness.ts';

// Issue 11, points 2 and 8, on the seeded demo: Mette has never opened Sara's plan. The work list
// says Sara changed it; the plan shows those changes under "Nyt siden sidst" (before, the first
// visit showed nothing and the work list then said nothing changed). The plan's history has one
// version per change, newest first (before, version 16 came twice and versions out of date order).

const e2e = useServerAndBrowser();

async function as(name: string) {
  const v = await e2e.open({ width: 1280, height: 900 });
  await v.page.goto('/login');
  await v.page.getByRole('button', { name: `Log ind som ${name}` }).click();
  await v.page.waitForURL((u) => u.pathname !== '/login');
  return v.page;
}

const section = (page: Page, heading: string | RegExp) => page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: heading }) });

test('the first visit: what the work list counts is what the plan shows as new, and then neither does', { timeout: 120_000 }, async () => {
  const mette = await as('Mette Dahl');
  await mette.waitForURL((u) => u.pathname === '/');
  const changed = section(mette, 'Ændret af borgeren siden sidst');
  const card = changed.locator('li').filter({ has: mette.getByRole('link', { name: 'Planen for Sara Nielsen' }) });
  const counted = Number((await card.getByText(/\d+ ændring/).innerText()).match(/(\d+) ændring/)![1]);
  expect(counted).toBeGreaterThan(0);
  expect(await seriousAxeViolations(mette)).toEqual([]);

  await card.getByRole('link', { name: 'Planen for Sara Nielsen' }).click();
  await mette.getByRole('heading', { level: 1, name: 'Plan for Sara Nielsen' }).waitFor();
  const news = section(mette, /Nyt siden sidst/);
  await news.waitFor();
  // Every change the work list counted is there, marked as the citizen's.
  expect(await news.locator('li').filter({ hasText: 'Sara Nielsen (borger)' }).count()).toBe(counted);
  expect(await seriousAxeViolations(mette)).toEqual([]);

  await mette.goto('/');
  await section(mette, 'Ændret af borgeren siden sidst').getByText('Ingen borgere har ændret i deres plan, siden du kiggede sidst.').waitFor();
  expect(await section(mette, 'Ændret af borgeren siden sidst').getByRole('link', { name: 'Planen for Sara Nielsen' }).count()).toBe(0);
});

test('the seeded history: one version per change, newest first, in date order', { timeout: 120_000 }, async () => {
  const mette = await as('Mette Dahl');
  await section(mette, 'Mine planer').getByRole('link', { name: 'Sara Nielsen', exact: true }).click();
  await mette.getByRole('heading', { level: 1, name: 'Plan for Sara Nielsen' }).waitFor();
  await mette.getByRole('button', { name: 'Vis alle ændringer' }).click();
  const history = section(mette, 'Historik');
  await history.getByText('oprettede planen').waitFor({ timeout: 4_000 }).catch(async () => {
    // More than one page: load the rest.
    while (await history.getByRole('button', { name: 'Vis ældre ændringer' }).count()) {
      await history.getByRole('button', { name: 'Vis ældre ændringer' }).click();
      await mette.waitForTimeout(300);
    }
  });
  await history.getByText('oprettede planen').waitFor();
  const versions = (await history.locator('.sammen-history li').allInnerTexts()).map((line) => Number(line.match(/· v(\d+)/)![1]));
  expect(versions.length).toBeGreaterThan(16);
  expect(versions).toEqual(versions.map((_, i) => versions.length - i));
  expect(await seriousAxeViolations(mette)).toEqual([]);
});
