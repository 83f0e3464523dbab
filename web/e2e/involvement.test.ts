import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { errorMessageOf, seriousAxeViolations, useServerAndBrowser } from './harness.ts';

// One plan per citizen, and no dead end: a unit that finds the citizen already has a plan it
// cannot see is told who coordinates it and asks to be involved; the coordinator answers from
// the work list. (Scenario 1: home care asks to join Michael's plan for his diabetes.)

const e2e = useServerAndBrowser();

async function open(viewport = { width: 768, height: 1024 }) {
  const v = await e2e.open(viewport);
  return v.page;
}

async function loginAs(page: Page, name: string) {
  await page.goto('/login');
  await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
  await page.getByRole('button', { name: `Log ind som ${name}` }).click();
}

async function logout(page: Page) {
  await page.getByRole('button', { name: 'Log af' }).click();
  await page.waitForURL('**/login');
}

test('a unit asks to join a plan it cannot see; the coordinator accepts or declines in the work list', { timeout: 90_000 }, async () => {
  const page = await open();

  // Anne coordinates Michael's plan: home care's request waits in her work list (demo data).
  await loginAs(page, 'Anne Kjær');
  const requests = page.getByRole('region', { name: 'Enheder, der vil være med i en plan' });
  await requests.getByText('Hanne Poulsen fra Hjemmeplejen Syd vil gerne være med i planen for Michael Sørensen').waitFor();
  await expect(requests.getByText(/insulin og blodsukker/).isVisible()).resolves.toBe(true);
  expect(await seriousAxeViolations(page)).toEqual([]);
  await requests.getByRole('button', { name: 'Tag med i planen: Hjemmeplejen Syd, planen for Michael Sørensen' }).click();
  await page.getByText('Hjemmeplejen Syd er nu med i planen for Michael Sørensen.').waitFor();
  await expect(page.getByRole('region', { name: 'Enheder, der vil være med i en plan' }).count()).resolves.toBe(0);
  await logout(page);

  // Lise, who leads the library, tries to open a plan for Sara, who already has one.
  await loginAs(page, 'Lise Vang');
  await page.getByLabel('Borgerens navn').fill('Sara Nielsen');
  await page.getByRole('button', { name: 'Søg', exact: true }).click();
  await page.getByRole('link', { name: 'Sara Nielsen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sara Nielsen' }).waitFor();
  await page.getByRole('button', { name: 'Opret plan' }).click();
  await page.getByText('Borgeren har allerede en plan. Mette Dahl (Familieafdelingen) er tovholder.').waitFor();
  const reason = page.getByLabel('Hvorfor skal din enhed være med?');
  await page.getByRole('button', { name: 'Bed om at komme med' }).click();
  // Too short to send: told at the field, in plain Danish.
  await expect(errorMessageOf(reason)).resolves.toMatch(/Udfyld feltet|mindst 10 tegn/);
  await reason.fill('Sara låner bøger til Ella og spørger os om hjælp til ansøgninger.');
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Bed om at komme med' }).click();
  await page.getByText('Din anmodning er sendt til Mette Dahl. Du får adgang, når Mette Dahl har sagt ja.').waitFor();
  await logout(page);

  // Mette sees it in English too, and declines.
  await loginAs(page, 'Mette Dahl');
  await page.getByRole('button', { name: 'English' }).click();
  const inEnglish = page.getByRole('region', { name: 'Units that want to join a plan' });
  await inEnglish.getByText('Lise Vang from Fjordby Bibliotek would like to join the plan for Sara Nielsen').waitFor();
  expect(await seriousAxeViolations(page)).toEqual([]);
  await inEnglish.getByRole('button', { name: 'Decline: Fjordby Bibliotek, the plan for Sara Nielsen' }).click();
  await page.getByText('You declined Fjordby Bibliotek joining the plan for Sara Nielsen.').waitFor();
  await page.getByRole('button', { name: 'Dansk' }).click();
});
