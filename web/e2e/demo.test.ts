import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import da from '../src/app/i18n/da.json';
import { demoScenarios } from '../src/features/auth/demoScenarios.ts';
import { launchBrowser, screenshot, seriousAxeViolations, startServer, visit, type RunningServer, type Visit } from './harness.ts';

// The guided demo on the login page (issue 11, point 1): every "Log ind som …" button of every
// story leads to a working page. And the layout of cards, action rows, alerts and the header
// (point 6), measured in the browser.

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

async function open(viewport = { width: 1280, height: 900 }) {
  const v = await visit(browser, server.url, viewport);
  visits.push(v);
  return v.page;
}

async function expectAccessible(page: Page) {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

const guide = da.login.guide;
type ScenarioKey = keyof Omit<typeof guide, 'heading' | 'intro' | 'loginAs' | 'roles'>;

/** The guided demo's card for one story. */
const scenarioCard = (page: Page, key: string) =>
  page.locator('.sammen-guide-scenario').filter({ has: page.getByRole('heading', { level: 3, name: guide[key as ScenarioKey].title, exact: true }) });

async function loginAs(page: Page, name: string) {
  await page.goto('/login');
  await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor({ timeout: 20_000 });
  await page.getByRole('button', { name: `Log ind som ${name}`, exact: true }).click();
  await page.waitForURL((u) => u.pathname !== '/login');
  await page.getByRole('heading', { level: 1 }).waitFor();
}

describe('the guided demo', () => {
  test('the login page tells each story with its people in order, above the full list', async () => {
    const page = await open();
    await page.goto('/login');
    await page.getByRole('heading', { level: 2, name: guide.heading }).waitFor();
    for (const s of demoScenarios) {
      const card = scenarioCard(page, s.key);
      await card.getByText(guide[s.key as ScenarioKey].story).waitFor();
      // Every person of the story is in the seed, in the order the story goes.
      const labels = await card.getByRole('button').allTextContents();
      expect(labels.map((l) => l.trim())).toEqual(
        s.steps.map((step) => guide.loginAs.replace('{{role}}', guide.roles[step.role]).replace('{{name}}', step.name)),
      );
    }
    // The full persona list is still there, below the stories.
    for (const group of ['Medarbejdere', 'Borgere', 'Pårørende']) await page.getByRole('heading', { level: 3, name: group, exact: true }).waitFor();
    const guideTop = (await page.getByRole('heading', { level: 2, name: guide.heading }).boundingBox())!.y;
    const listTop = (await page.getByRole('heading', { level: 2, name: da.login.demoHeading }).boundingBox())!.y;
    expect(guideTop).toBeLessThan(listTop);
    // The citizens' entrance is explained where the citizens are.
    await page.getByText(da.login.citizenEntrance).waitFor();
    await screenshot(page, 'login-guided-demo');
    await expectAccessible(page);
  });

  test('every "Log ind som …" button of every story lands on a working page', { timeout: 480_000 }, async () => {
    for (const s of demoScenarios) {
      for (const step of s.steps) {
        const label = guide.loginAs.replace('{{role}}', guide.roles[step.role]).replace('{{name}}', step.name);
        const v = await visit(browser, server.url, { width: 1280, height: 900 });
        const page = v.page;
        await page.goto('/login');
              await scenarioCard(page, s.key).getByRole('button', { name: label, exact: true }).click();
        await page.waitForURL((u) => u.pathname !== '/login');
        const where = `${s.key} → ${step.name}`;
        const h1 = page.getByRole('heading', { level: 1 });
        await h1.waitFor();
        expect((await h1.textContent())?.trim(), where).toBeTruthy();
        // Signed in as that person: the header names them.
        await page.getByRole('banner').getByText(step.name, { exact: true }).waitFor();
        expect(await page.locator('.alert-error').count(), `${where}: an error is shown`).toBe(0);
        expect(await seriousAxeViolations(page), where).toEqual([]);
        await v.close();
        expect(v.foreignRequests, `${where}: requests to other origins`).toEqual([]);
        expect(v.cspViolations, `${where}: Content-Security-Policy refusals`).toEqual([]);
      }
    }
  });

  test('/borger says it is the citizen’s entrance, for citizens and relatives', async () => {
    for (const name of ['Gerda Andersen', 'Hans-Jørgen Andersen']) {
      const page = await open();
      await loginAs(page, name);
      await page.getByText(da.borger.entrance).waitFor();
    }
  });
});

/** Inner padding of each visible element matched, in px: [top, right, bottom, left]. */
async function paddings(page: Page, selector: string) {
  return page.locator(selector).evaluateAll((els) =>
    els
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .map((el) => {
        const s = getComputedStyle(el);
        return [s.paddingTop, s.paddingRight, s.paddingBottom, s.paddingLeft].map((p) => parseFloat(p));
      }),
  );
}

async function expectPaddedCards(page: Page, selector: string, what: string) {
  const found = await paddings(page, selector);
  expect(found.length, `${what}: no cards found`).toBeGreaterThan(0);
  for (const p of found) expect(Math.min(...p), `${what}: a card's text touches its border (${p.join(' ')})`).toBeGreaterThanOrEqual(8);
}

/** The buttons in each row of actions share a line: their bottoms within 2 px. */
async function expectButtonRowsAligned(page: Page) {
  const rows = await page.locator('.sammen-actions').evaluateAll((els) =>
    els.map((row) =>
      [...row.querySelectorAll('.button')]
        .filter((b) => (b as HTMLElement).offsetParent !== null)
        .map((b) => {
          const r = b.getBoundingClientRect();
          return { text: b.textContent?.trim() ?? '', top: r.top, bottom: r.bottom };
        }),
    ),
  );
  const withTwo = rows.filter((r) => r.length >= 2);
  expect(withTwo.length, 'no row with two buttons').toBeGreaterThan(0);
  for (const row of withTwo) {
    const bottoms = row.map((b) => b.bottom);
    const tops = row.map((b) => b.top);
    expect(Math.max(...bottoms) - Math.min(...bottoms), `bottoms differ: ${JSON.stringify(row)}`).toBeLessThanOrEqual(2);
    expect(Math.max(...tops) - Math.min(...tops), `tops differ: ${JSON.stringify(row)}`).toBeLessThanOrEqual(2);
  }
}

/** No alert keeps an empty gap for an icon it does not have. */
async function expectAlertsWithoutGap(page: Page) {
  const alerts = await page.locator('.alert').evaluateAll((els) =>
    els
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .map((el) => {
        const box = el.getBoundingClientRect();
        const icon = el.querySelector(':scope > .alert-icon');
        const body = el.querySelector(':scope > .alert-body') ?? el.firstElementChild;
        const iconBox = icon?.getBoundingClientRect();
        return {
          text: el.textContent?.slice(0, 40) ?? '',
          iconWidth: iconBox?.width ?? 0,
          firstContent: (iconBox ?? body!.getBoundingClientRect()).left - box.left,
        };
      }),
  );
  expect(alerts.length, 'no alert found').toBeGreaterThan(0);
  for (const a of alerts) {
    // dkfds: 4 px bar, then the padding, then the icon (or, without one, the text).
    expect(a.firstContent, `empty gap in "${a.text}"`).toBeLessThanOrEqual(28);
    if (a.iconWidth) expect(a.iconWidth, `icon of "${a.text}"`).toBeGreaterThan(10);
  }
}

describe('layout (dkfds cards, button rows, alerts, header)', () => {
  test('the citizen’s plan: padded cards, action buttons on one line', async () => {
    const page = await open();
    await loginAs(page, 'Sara Nielsen');
    await page.goto('/borger/plan');
    await page.getByRole('heading', { level: 2, name: 'Dine mål' }).waitFor();
    await expectPaddedCards(page, '.sammen-goals > li', 'goals');
    await expectPaddedCards(page, '#helpers-heading ~ ul > li', 'efforts');
    await expectButtonRowsAligned(page);
  });

  test('staff: the work list and the plan’s goals and efforts are padded cards', async () => {
    const page = await open();
    await loginAs(page, 'Mette Dahl');
    await page.locator('main .sammen-card').first().waitFor();
    await expectPaddedCards(page, 'main .sammen-card', 'work list');
    await page.getByLabel('Borgerens navn').fill('Sara Nielsen');
    await page.getByRole('button', { name: 'Søg', exact: true }).click();
    await page.getByRole('table', { name: 'Borgere, der passer til søgningen' }).getByRole('link', { name: 'Sara Nielsen' }).click();
    await page.getByRole('link', { name: 'Åbn plan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Plan for Sara Nielsen' }).waitFor();
    await expectPaddedCards(page, 'main .sammen-card', 'goals and efforts');
  });

  test('alerts show their icon, or no gap for one', async () => {
    const page = await open();
    await page.goto('/login?error=oidc');
    await page.getByRole('alert').waitFor();
    await expectAlertsWithoutGap(page);
    // A relative who may only read: the calm "you can read, not write" notice.
    await loginAs(page, 'Grethe Sørensen');
    await page.goto('/borger/plan');
    await page.locator('.alert-info').first().waitFor();
    await expectAlertsWithoutGap(page);
  });

  test('at tablet width "Log af" keeps its own size', async () => {
    const page = await open({ width: 768, height: 1024 });
    await loginAs(page, 'Anne Kjær');
    const header = (await page.getByRole('banner').boundingBox())!;
    const logout = (await page.getByRole('button', { name: 'Log af' }).boundingBox())!;
    expect(logout.width).toBeLessThan(header.width / 2);
    await screenshot(page, 'header-tablet');
  });
});
