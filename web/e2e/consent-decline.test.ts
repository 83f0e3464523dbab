import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { errorMessageOf, seriousAxeViolations, useServerAndBrowser } from './harness.ts';

// Issue 11, point 5, on the seeded demo: Anne proposed that the family department may see
// Michael's goals, health and work. Michael says no, and why; Anne's colleague sees the answer.

const e2e = useServerAndBrowser();

async function as(name: string) {
  const v = await e2e.open({ width: 768, height: 1024 });
  await v.page.goto('/login');
  await v.page.getByRole('button', { name: `Log ind som ${name}` }).click();
  await v.page.waitForURL((u) => u.pathname !== '/login');
  return v.page;
}

const group = (page: Page, heading: RegExp) => page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: heading }) });
const REASON = 'Jeg vil selv fortælle familieafdelingen om mit helbred.';

test('Michael says no to the proposal, with a reason; too long a reason is named at the field', { timeout: 120_000 }, async () => {
  const michael = await as('Michael Sørensen');
  await michael.goto('/borger/samtykker');
  const waiting = group(michael, /^Venter på dig/);
  await waiting.getByText('Familieafdelingen vil gerne se: dine mål, helbred og arbejde').waitFor();
  await waiting.getByRole('button', { name: 'Nej tak til Familieafdelingen' }).click();
  const reason = waiting.getByLabel(/Hvorfor ikke\?/);
  await reason.fill('x'.repeat(501));
  expect(await errorMessageOf(reason)).toContain('Skriv højst 500 tegn.');
  expect(await waiting.getByRole('button', { name: 'Ja, sig nej tak' }).isDisabled()).toBe(true);
  await reason.fill(REASON);
  expect(await seriousAxeViolations(michael)).toEqual([]);
  await waiting.getByRole('button', { name: 'Ja, sig nej tak' }).click();

  await michael.getByRole('status').getByText('Du har sagt nej tak. Familieafdelingen kan ikke se dine mål, helbred og arbejde.').waitFor();
  const declined = group(michael, /^Du har sagt nej tak/);
  await declined.getByText(`Du skrev: ${REASON}`).waitFor();
  expect(await michael.getByRole('heading', { level: 2, name: /Venter på dig/ }).count()).toBe(0);
  expect(await seriousAxeViolations(michael)).toEqual([]);
});

test('staff of the family department see that Michael said no, and why', { timeout: 90_000 }, async () => {
  const anne = await as('Anne Kjær');
  await anne.getByLabel('Borgerens navn').fill('Michael Sørensen');
  await anne.getByRole('button', { name: 'Søg', exact: true }).click();
  await anne.getByRole('table', { name: 'Borgere, der passer til søgningen' }).getByRole('link', { name: 'Michael Sørensen' }).click();
  await anne.getByRole('heading', { level: 1, name: 'Michael Sørensen' }).waitFor();
  const citizenId = new URL(anne.url()).pathname.split('/').pop()!;
  await anne.goto(`/borgere/${citizenId}/samtykker`);
  const row = anne.locator('.sammen-consent-table tbody tr').filter({ hasText: 'Familieafdelingen' });
  await row.getByText('Borgeren sagde nej').waitFor();
  await row.getByText(`Borgerens begrundelse: ${REASON}`).waitFor();
  expect(await seriousAxeViolations(anne)).toEqual([]);
});
