import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import da from '../src/app/i18n/da.json';
import en from '../src/app/i18n/en.json';
import { launchBrowser, screenshot, seriousAxeViolations, startServer, visit, type RunningServer, type Visit } from './harness.ts';

// One journey per role's main task, each page checked with axe, against the real server.

let server: RunningServer;
let browser: Browser;
let current: Visit | undefined;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(viewport?: { width: number; height: number }) {
  current = await visit(browser, server.url, viewport);
  return current.page;
}

// Every journey ends with the same promises: nothing left the origin, the CSP refused nothing.
afterEach(async () => {
  if (!current) return;
  const { foreignRequests, cspViolations, close } = current;
  current = undefined;
  await close();
  expect(foreignRequests, 'requests to other origins').toEqual([]);
  expect(cspViolations, 'Content-Security-Policy refusals').toEqual([]);
});

async function expectAccessible(page: Page) {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

async function loginAs(page: Page, name: string) {
  await page.goto('/login');
  await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
  await page.getByRole('button', { name: `Log ind som ${name}` }).click();
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

describe('staff', () => {
  test('a caseworker finds a citizen, reads it in English, and logs out', async () => {
    const page = await open();
    await page.goto('/');
    await page.waitForURL('**/login');
    await expectAccessible(page);

    await loginAs(page, 'Anne Kjær');
    await page.waitForURL((u) => u.pathname === '/');
    // The header says who is logged in, where, and in which municipality (waitFor fails if not).
    const header = page.getByRole('banner');
    await header.getByText('Anne Kjær').waitFor();
    await header.getByText('Jobcenter Fjordby').waitFor();
    await header.getByText('Fjordby Kommune').waitFor();
    expect(await heading(page).textContent()).toBe('Velkommen, Anne Kjær');
    // A caseworker is not a leader: no staff list in the menu.
    expect(await page.getByRole('link', { name: 'Medarbejdere' }).count()).toBe(0);
    await expectAccessible(page);

    await page.getByLabel('Borgerens navn').fill('Sørensen');
    await page.getByRole('button', { name: 'Søg', exact: true }).click();
    const michael = page.getByRole('table', { name: 'Borgere, der passer til søgningen' }).getByRole('link', { name: 'Michael Sørensen' });
    await michael.waitFor();
    expect(page.url()).not.toContain('S%C3%B8rensen'); // the name stays out of the address bar
    await screenshot(page, 'staff-start');
    await expectAccessible(page);

    await michael.click();
    await page.waitForURL('**/borgere/*');
    await page.getByRole('heading', { level: 1, name: 'Michael Sørensen' }).waitFor();
    await page.getByText('1982').waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Back to home' }).waitFor();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Dansk' }).click();
    await page.getByRole('link', { name: 'Tilbage til forsiden' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('da');

    // Staff who open the citizen area are sent back to their own.
    await page.goto('/borger');
    await page.waitForURL((u) => u.pathname === '/');

    await page.getByRole('button', { name: 'Log af' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
    // The session is really gone: the staff area sends us back to login.
    await page.goto('/');
    await page.waitForURL('**/login');
  });

  test('a leader sees the staff list', async () => {
    const page = await open();
    await loginAs(page, 'Birgitte Holm');
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Medarbejdere' }).click();
    await page.waitForURL('**/medarbejdere');
    await page.getByRole('heading', { level: 1, name: 'Medarbejdere' }).waitFor();
    const table = page.getByRole('table');
    await table.getByRole('rowheader', { name: 'Anne Kjær' }).waitFor();
    await table.getByText('Tovholder i Jobcenter Fjordby').first().waitFor();
    await expectAccessible(page);

    // Keyboard users can skip the header: the first Tab reaches the skip link, which leads to main.
    await page.goto('/medarbejdere');
    await page.getByRole('heading', { level: 1, name: 'Medarbejdere' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Gå til sidens indhold');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
  });

  test('staff with roles in several units get a unit switcher; a refused switch is explained', async () => {
    // No demo persona has roles in two units yet, so the browser is told Anne also works in
    // Bostøtten. The server still decides: it refuses the switch, and the page must say so.
    const page = await open();
    await page.route('**/api/auth/session', async (route) => {
      const response = await route.fetch();
      if (!response.ok()) return route.fulfill({ response });
      const session = await response.json();
      const units = await (await page.request.get('/api/units')).json();
      const bostoette = units.find((u: { name: string }) => u.name === 'Bostøtten');
      session.roles.push({ unitId: bostoette.id, unitName: bostoette.name, role: 'frontline' });
      await route.fulfill({ response, json: session });
    });
    await loginAs(page, 'Anne Kjær');
    await page.waitForURL((u) => u.pathname === '/');
    const unit = page.getByRole('banner').getByLabel('Du arbejder i');
    expect(await unit.inputValue()).not.toBe('');
    await unit.selectOption({ label: 'Bostøtten' });
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Skift', exact: true }).click();
    await page.getByRole('banner').getByRole('alert').waitFor();
    expect(await page.getByRole('banner').getByRole('alert').textContent()).toMatch(/adgang|finde/);
  });

  test('a server error is shown as one friendly message with the request id for support', async () => {
    const page = await open();
    await page.route('**/api/citizens/search', (route) =>
      route.fulfill({ status: 500, json: { error: { code: 'INTERNAL', message: 'boom at line 42', requestId: 'req-4711' } } }),
    );
    await loginAs(page, 'Anne Kjær');
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByLabel('Borgerens navn').fill('Sørensen');
    await page.getByRole('button', { name: 'Søg', exact: true }).click();
    const alert = page.getByRole('main').getByRole('alert');
    await alert.getByText('Der skete en fejl hos os').waitFor();
    const text = await alert.textContent();
    expect(text).toContain('req-4711');
    expect(text).not.toContain('boom'); // the server's own message is for developers, not people
    await expectAccessible(page);
  });

  test('the start page fits a tablet (768 × 1024) and a phone (375 × 667) without sideways scrolling', async () => {
    const page = await open({ width: 768, height: 1024 });
    await loginAs(page, 'Anne Kjær');
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByLabel('Borgerens navn').fill('Sørensen');
    await page.getByRole('button', { name: 'Søg', exact: true }).click();
    await page.getByRole('table', { name: 'Borgere, der passer til søgningen' }).getByRole('link', { name: 'Michael Sørensen' }).waitFor();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await expectAccessible(page);

    await page.setViewportSize({ width: 375, height: 667 });
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'staff-start-phone');
  });
});

describe('citizen and relative', () => {
  test('a citizen lands on her own page, in plain Danish, and logs out', async () => {
    const page = await open();
    await loginAs(page, 'Sara Nielsen');
    await page.waitForURL('**/borger');
    expect(await heading(page).textContent()).toBe('Hej Sara Nielsen');
    await page.getByText('Planen er din.').waitFor();
    await screenshot(page, 'citizen-home');
    await expectAccessible(page);

    // Citizens who open the staff area are sent back to their own.
    await page.goto('/medarbejdere');
    await page.waitForURL('**/borger');

    await page.getByRole('button', { name: 'Log af' }).click();
    await page.waitForURL('**/login');
  });

  test('a relative sees whose behalf they act on and what they may do', async () => {
    const page = await open();
    await loginAs(page, 'Grethe Sørensen');
    await page.waitForURL('**/borger');
    await page.getByText('Du hjælper Michael Sørensen.').waitFor();
    await page.getByRole('listitem').filter({ hasText: 'se planen' }).waitFor();
    await expectAccessible(page);
  });
});

describe('login page', () => {
  test('a failed OIDC login is explained', async () => {
    const page = await open();
    await page.goto('/login?error=oidc');
    await page.getByRole('alert').getByText('Vi kunne ikke logge dig ind med din arbejdskonto').waitFor();
    await expectAccessible(page);
  });

  test('the accessibility check finds a planted problem (so a pass means something)', async () => {
    const page = await open();
    await page.goto('/login');
    await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
    await page.evaluate(() => document.querySelector('main')!.append(Object.assign(document.createElement('input'), { type: 'text' })));
    expect((await seriousAxeViolations(page)).join('\n')).toMatch(/critical label/);
  });

  test('the persona picker groups staff, citizens and relatives', async () => {
    const page = await open();
    await page.goto('/login');
    for (const group of ['Medarbejdere', 'Borgere', 'Pårørende']) {
      await page.getByRole('heading', { level: 3, name: group, exact: true }).waitFor();
    }
    await screenshot(page, 'login');
  });
});

test('Danish and English have the same texts', () => {
  const keys = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
  expect(keys(en).sort()).toEqual(keys(da).sort());
});
