import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousAxeViolations, useServerAndBrowser } from './harness.ts';

// Issue 11, point 4, on the seeded demo: one visit by Mette to Sara's plan reads several things
// (her work list, the plan, its history); every read stays in the log, but Sara sees one line for
// the visit with each read one click away, and the role each person had in their reads — Anne
// reads Sara's plan with Sara's consent, she does not coordinate it.

const e2e = useServerAndBrowser();

async function as(name: string) {
  const v = await e2e.open({ width: 768, height: 1024 });
  await v.page.goto('/login');
  await v.page.getByRole('button', { name: `Log ind som ${name}` }).click();
  await v.page.waitForURL((u) => u.pathname !== '/login');
  return v.page;
}

const section = (page: Page, heading: string | RegExp) => page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: heading }) });

test('one line per visit, the reads behind it, and the role the person had in that read', { timeout: 120_000 }, async () => {
  const mette = await as('Mette Dahl');
  await mette.waitForURL((u) => u.pathname === '/');
  await section(mette, 'Mine planer').getByRole('link', { name: 'Sara Nielsen', exact: true }).click();
  await mette.getByRole('heading', { level: 1, name: 'Plan for Sara Nielsen' }).waitFor();
  await mette.getByRole('button', { name: 'Vis alle ændringer' }).click();
  await section(mette, 'Historik').getByText('oprettede planen').waitFor();

  const sara = await as('Sara Nielsen');
  await sara.goto('/borger/hvem-har-kigget');
  await sara.getByRole('heading', { level: 1, name: 'Hvem har kigget' }).waitFor();
  const rows = sara.locator('.sammen-reads tbody tr');
  await rows.first().waitFor();
  // Mette's visit is one line: she coordinates the plan, and the reads are one click away.
  const visitRow = rows.first();
  expect(await visitRow.innerText()).toContain('Mette Dahl (tovholder for din plan)');
  expect(await rows.nth(1).innerText()).not.toContain('Mette Dahl');
  const summary = visitRow.locator('summary');
  const count = Number((await summary.innerText()).match(/(\d+)/)![1]);
  expect(count).toBeGreaterThanOrEqual(3);
  await summary.click();
  expect(await visitRow.locator('details li').count()).toBe(count);
  await visitRow.locator('details li').filter({ hasText: 'historikken i din plan' }).waitFor();
  expect(await seriousAxeViolations(sara)).toEqual([]);

  // Anne (a coordinator in the jobcenter) read with Sara's consent: that is her role here.
  const anne = rows.filter({ hasText: 'Anne Kjær' });
  await anne.first().waitFor();
  for (const text of await anne.allInnerTexts()) {
    expect(text).toContain('Anne Kjær (med dit samtykke)');
    expect(text.toLowerCase()).not.toContain('tovholder');
  }
  await sara.getByRole('status').getByText(/Listen viser \d+ besøg\./).waitFor();
});

test('in English too', { timeout: 60_000 }, async () => {
  const sara = await as('Sara Nielsen');
  await sara.goto('/borger/hvem-har-kigget');
  await sara.getByRole('heading', { level: 1, name: 'Hvem har kigget' }).waitFor();
  await sara.getByRole('button', { name: 'English' }).click();
  const rows = sara.locator('.sammen-reads tbody tr');
  await rows.filter({ hasText: 'Anne Kjær (with your consent)' }).first().waitFor();
  await rows.filter({ hasText: 'Mette Dahl (coordinator of your plan)' }).first().waitFor();
  expect(await seriousAxeViolations(sara)).toEqual([]);
});
