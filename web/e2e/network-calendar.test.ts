import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays, localDate, mondayOf } from '@sammen/domain/calendar';
import { seriousAxeViolations, useServerAndBrowser } from './harness.ts';

// Scenario 1 of shared/SCENARIOS.md, on the seeded demo: Michael must attend activation three
// mornings a week. The family department books a meeting on one of those mornings: the booker
// sees the collision before saving and books anyway with a reason; the coordinator sees it in
// her work list and collision list, with the plan's "family first" period flagged against the
// activation; Michael sees it in his one calendar and who is around him. Then he ends his
// mother's access, and her very next request is refused.

const e2e = useServerAndBrowser();

async function as(name: string, viewport = { width: 1024, height: 1000 }) {
  const v = await e2e.open(viewport);
  await v.page.goto('/login');
  await v.page.getByRole('button', { name: `Log ind som ${name}` }).click();
  await v.page.waitForURL((u) => u.pathname !== '/login');
  return v.page;
}

async function openCitizen(page: Page, name: string) {
  await page.getByLabel('Borgerens navn').fill(name);
  await page.getByRole('button', { name: 'Søg', exact: true }).click();
  // In the search's results: the start page's own lists (plans, deadlines) may name the citizen too.
  await page.getByRole('table', { name: 'Borgere, der passer til søgningen' }).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** Friday of next week in Denmark: an activation morning in the seeded series. */
const nextFriday = () => addDays(mondayOf(localDate(Date.now())), 11);

test('scenario 1: a colliding booking is seen by the booker, the coordinator and the citizen', { timeout: 150_000 }, async () => {
  // Mette, the family department's caseworker, books a meeting on an activation morning.
  const mette = await as('Mette Dahl');
  await openCitizen(mette, 'Michael Sørensen');
  await mette.getByRole('link', { name: 'Kalender' }).click();
  await mette.getByRole('heading', { level: 1, name: 'Kalender for Michael Sørensen' }).waitFor();
  expect(await seriousAxeViolations(mette)).toEqual([]);
  await mette.getByRole('link', { name: 'Book en aftale' }).click();
  await mette.getByLabel('Titel').fill('Samtale om samvær med børnene');
  await mette.getByLabel('Dato').fill(nextFriday());
  await mette.getByLabel('Starttidspunkt').fill('09:00');
  await mette.getByLabel('Sluttidspunkt').fill('10:00');
  await mette.getByLabel('Sted', { exact: true }).fill('Familieafdelingen, Torvet 3');
  await mette.getByLabel('Område i planen').selectOption('family');
  // The check runs while the form is filled in: the collision is shown before anything is saved.
  const feedback = mette.locator('[aria-live="polite"]').filter({ hasText: /kollision|Aftalerne overlapper/i });
  await feedback.getByText(/Aftalerne overlapper/).first().waitFor({ timeout: 15_000 });
  const save = mette.getByRole('button', { name: 'Book alligevel' });
  await save.waitFor();
  expect(await seriousAxeViolations(mette)).toEqual([]);
  await mette.getByLabel('Begrundelse for at booke alligevel').fill('Psykologen kan kun fredag formiddag. Tovholderen er orienteret.');
  await save.click();
  await mette.getByRole('status').filter({ hasText: 'booket' }).waitFor();
  await mette.locator('.sammen-collision-mark').first().waitFor();

  // Anne coordinates Michael's plan: the collision waits in her work list, with Mette's reason.
  const anne = await as('Anne Kjær');
  await anne.getByRole('link', { name: 'Se kollisionerne' }).click();
  await anne.getByRole('heading', { level: 1, name: 'Kollisioner' }).waitFor();
  const main = anne.locator('main');
  await main.getByText('Psykologen kan kun fredag formiddag. Tovholderen er orienteret.').first().waitFor();
  // The plan's "family first" period makes the jobcenter's mandatory activation contradict it.
  await main.getByText(/Stabilisere familiesituationen først/).first().waitFor();
  expect(await seriousAxeViolations(anne)).toEqual([]);

  // Anne's view of Michael's network: his five professionals and his mother, and the map.
  await anne.goto('/');
  await openCitizen(anne, 'Michael Sørensen');
  await anne.getByRole('link', { name: /Netværk/ }).click();
  await anne.getByRole('heading', { level: 1, name: 'Netværk omkring Michael Sørensen' }).waitFor();
  for (const person of ['Anne Kjær', 'Thomas Berg', 'Mette Dahl', 'Hanne Poulsen', 'Lars Østergaard', 'Grethe Sørensen']) {
    await anne.locator('main table th[scope=row]').filter({ hasText: person }).first().waitFor();
  }
  expect(await seriousAxeViolations(anne)).toEqual([]);
  await anne.getByRole('button', { name: 'Kort' }).click();
  await anne.locator('svg').getByRole('button', { name: /Thomas Berg/ }).first().waitFor();
  expect(await seriousAxeViolations(anne)).toEqual([]);

  // Michael sees everything in one calendar, in plain words, on a tablet.
  const michael = await as('Michael Sørensen', { width: 768, height: 1024 });
  await michael.getByRole('link', { name: /Min kalender/ }).click();
  await michael.getByRole('heading', { level: 1, name: 'Min kalender' }).waitFor();
  await michael.getByText('Samtale om samvær med børnene').first().waitFor();
  await michael.getByText('Du skal møde op').first().waitFor();
  await michael.getByText('Den her aftale passer ikke med en anden aftale.').first().waitFor();
  expect(await seriousAxeViolations(michael)).toEqual([]);
  await michael.goto('/borger/netvaerk');
  await michael.getByRole('heading', { level: 1, name: 'Hvem er omkring mig' }).waitFor();
  await michael.getByText(/Thomas Berg/).first().waitFor();
  expect(await seriousAxeViolations(michael)).toEqual([]);
});

test('a citizen ends a relative’s access in /borger, and the relative’s next request is refused', { timeout: 90_000 }, async () => {
  const grethe = await as('Grethe Sørensen');
  await grethe.goto('/borger/kalender');
  await grethe.getByRole('heading', { level: 1, name: /^Kalender for Michael/ }).waitFor();

  const michael = await as('Michael Sørensen', { width: 768, height: 1024 });
  await michael.goto('/borger/paaroerende');
  await michael.getByRole('heading', { level: 1, name: 'Mine pårørende' }).waitFor();
  expect(await seriousAxeViolations(michael)).toEqual([]);
  await michael.getByRole('button', { name: /Stop adgang/ }).first().click();
  await michael.getByRole('button', { name: 'Ja, stop adgangen' }).click();
  await michael.getByText('Grethe Sørensen har ikke adgang mere.').waitFor();
  expect(await seriousAxeViolations(michael)).toEqual([]);

  // Her very next request: the session no longer resolves, and she is back at the login.
  await grethe.reload();
  await grethe.waitForURL('**/login');
  await expect(grethe.getByRole('button', { name: 'Log ind som Grethe Sørensen' }).count()).resolves.toBe(0);
});
