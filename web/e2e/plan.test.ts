import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { errorMessageOf, launchBrowser, screenshot, seriousAxeViolations, startServer, visit, type RunningServer, type Visit } from './harness.ts';

// The plan: a caseworker builds it with the citizen's goals, efforts from two units and an
// agreement; the citizen rewrites a goal in their own words and comments; the caseworker sees
// it as new. And two people saving the same text: the second sees both versions and chooses.

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

async function open(viewport = { width: 768, height: 1024 }) {
  const v = await visit(browser, server.url, viewport);
  visits.push(v);
  return v.page;
}

afterEach(async () => {
  for (const v of visits.splice(0)) {
    await v.close();
    expect(v.foreignRequests, 'requests to other origins').toEqual([]);
    expect(v.cspViolations, 'Content-Security-Policy refusals').toEqual([]);
  }
});

async function expectAccessible(page: Page) {
  expect(await seriousAxeViolations(page)).toEqual([]);
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

/** Search for a citizen from the staff start page, open them and create their plan. */
async function createPlanFor(page: Page, name: string) {
  await page.getByLabel('Borgerens navn').fill(name);
  await page.getByRole('button', { name: 'Søg', exact: true }).click();
  await page.getByRole('link', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.getByRole('button', { name: 'Opret plan' }).click();
  await page.waitForURL('**/planer/*');
  await page.getByRole('heading', { level: 1, name: `Plan for ${name}` }).waitFor();
}

const section = (page: Page, heading: string) => page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: heading, exact: true }) });
const goalCard = (page: Page, wording: string) => page.locator('.sammen-goal').filter({ has: page.getByRole('heading', { level: 3, name: wording }) });
const saved = (page: Page) => page.getByRole('status').filter({ hasText: /Gemt kl\./ });

async function save(scope: Locator, page: Page, button = 'Gem') {
  await scope.getByRole('button', { name: button, exact: true }).click();
  await saved(page).waitFor();
}

describe('the plan', () => {
  test('a caseworker builds a plan; the citizen rewrites a goal and comments; the caseworker sees what is new', { timeout: 150_000 }, async () => {
    const page = await open();
    await loginAs(page, 'Anne Kjær');
    await page.waitForURL((u) => u.pathname === '/');
    // The work list is on the start page, next to the search.
    await page.getByRole('heading', { level: 2, name: 'Mine planer' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Opfølgning inden for 7 dage' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Ændret af borgeren siden sidst' }).waitFor();
    await expectAccessible(page);

    await page.getByLabel('Borgerens navn').fill('Ulrik Holm');
    await page.getByRole('button', { name: 'Søg', exact: true }).click();
    await page.getByRole('link', { name: 'Ulrik Holm' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ulrik Holm' }).waitFor();
    await page.getByRole('button', { name: 'Opret plan' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Opret plan' }).click();
    await page.waitForURL('**/planer/*');
    await page.getByRole('heading', { level: 1, name: 'Plan for Ulrik Holm' }).waitFor();
    await page.getByText('Anne Kjær, Jobcenter Fjordby').waitFor();

    // Goal 1, the home goal. An empty wording is refused at the field (by the form's own check
    // with the shared contract) and nothing typed is lost.
    const goals = section(page, 'Mål');
    await goals.getByRole('button', { name: 'Tilføj mål' }).click();
    const description = goals.getByLabel('Faglig beskrivelse');
    await description.fill('Borgeren ønsker stabilitet i boligsituationen forud for beskæftigelsesrettede indsatser, herunder økonomisk rådgivning.');
    await goals.getByText(/LIX \d+: (svær|meget svær)/).waitFor();
    await goals.getByText('Svær at læse.').waitFor();
    await goals.getByRole('button', { name: 'Tilføj mål', exact: true }).last().click();
    await goals.locator('.form-error-message').getByText('Udfyld feltet.').waitFor();
    expect(await goals.getByLabel('Målet med borgerens ord').getAttribute('aria-invalid')).toBe('true');
    expect(await errorMessageOf(goals.getByLabel('Målet med borgerens ord'))).toBe('Fejl: Udfyld feltet.');
    expect(await description.inputValue()).toContain('stabilitet');
    await description.fill('Ulrik vil have en fast bolig. Han får hjælp til at betale husleje.');
    await goals.getByText(/LIX \d+: (meget let|let|middel)/).waitFor();
    await goals.getByLabel('Målet med borgerens ord').fill('Have et trygt sted at bo');
    await goals.getByRole('button', { name: 'Tilføj mål', exact: true }).last().click();
    await saved(page).waitFor();
    await goalCard(page, 'Have et trygt sted at bo').waitFor();

    // Goal 2, the job goal, waits for the home goal.
    await goals.getByRole('button', { name: 'Tilføj mål' }).click();
    await goals.getByLabel('Målet med borgerens ord').fill('Komme i arbejde');
    await goals.getByRole('group', { name: /Venter på/ }).getByLabel('1. Have et trygt sted at bo').check();
    await goals.getByRole('button', { name: 'Tilføj mål', exact: true }).last().click();
    const job = goalCard(page, 'Komme i arbejde');
    await job.getByText('Venter på: “Have et trygt sted at bo”').waitFor();
    await job.getByText('Ikke startet').waitFor();

    // Efforts from two units: family treatment with a support level, and a job-duty exemption.
    const efforts = section(page, 'Indsatser efter enhed');
    await efforts.getByRole('button', { name: 'Tilføj indsats' }).click();
    await efforts.getByLabel('Enhed, der udfører indsatsen').selectOption({ label: 'Familieafdelingen' });
    await efforts.getByLabel('Indsats', { exact: true }).fill('Familiebehandling');
    await efforts.getByLabel('Ansvarlig medarbejder').selectOption({ label: 'Sofie Winther (Familiebehandler)' });
    await efforts.getByLabel('Hjemmel (valgfri)').fill('Serviceloven § 85');
    await efforts.getByLabel('Startdato').fill('2026-01-05');
    await efforts.getByLabel('1. Have et trygt sted at bo').check();
    await efforts.getByLabel('Støtteniveau (valgfri)').fill('Pakke 5');
    await efforts.getByRole('button', { name: 'Tilføj indsats', exact: true }).last().click();
    await saved(page).waitFor();
    await efforts.getByRole('heading', { level: 3, name: 'Familieafdelingen' }).waitFor();

    await efforts.getByRole('button', { name: 'Tilføj indsats' }).click();
    await efforts.getByLabel('Enhed, der udfører indsatsen').selectOption({ label: 'Jobcenter Fjordby' });
    await efforts.getByLabel('Indsats', { exact: true }).fill('Fritaget for jobsøgning');
    await efforts.getByLabel('Type', { exact: true }).selectOption({ label: 'Fritagelse' });
    await efforts.getByLabel('Startdato').fill('2026-01-05');
    await efforts.getByLabel('Slutdato (valgfri)').fill('2026-06-30');
    await efforts.getByLabel('1. Have et trygt sted at bo').check();
    await efforts.getByRole('button', { name: 'Tilføj indsats', exact: true }).last().click();
    await efforts.getByRole('heading', { level: 3, name: 'Jobcenter Fjordby' }).waitFor();
    await efforts.getByRole('heading', { level: 4, name: /Fritaget for jobsøgning/ }).getByText('Fritagelse').waitFor();

    // The support level goes down: Pakke 5 → Pakke 2.
    await efforts.getByRole('button', { name: 'Skift støtteniveau for Familiebehandling' }).click();
    await efforts.getByLabel('Nyt støtteniveau').fill('Pakke 2');
    await save(efforts, page);
    await efforts.getByText('Støtte nu: Pakke 2').waitFor();
    expect(await efforts.locator('.sammen-support-history').textContent()).toMatch(/Pakke 5.*→.*Pakke 2/);

    // Who does what, at a glance.
    const who = section(page, 'Hvem gør hvad');
    await who.getByRole('cell', { name: 'Sofie Winther' }).waitFor();

    // An agreement with the family department.
    const agreements = section(page, 'Samarbejdsaftaler');
    await agreements.getByRole('button', { name: 'Tilføj aftale' }).click();
    await agreements.getByLabel('Ansvarlig enhed').selectOption({ label: 'Familieafdelingen' });
    await agreements.getByLabel('Aftalen').fill('Familieafdelingen kalder til møde hver måned. Alle kommer.');
    await agreements.getByRole('button', { name: 'Tilføj aftale', exact: true }).last().click();
    await agreements.getByText('Ansvarlig: Familieafdelingen').waitFor();

    // A follow-up for the caseworker herself, due today: it shows on her work list.
    const followUps = section(page, 'Opfølgning');
    await followUps.getByRole('button', { name: 'Tilføj opfølgning' }).click();
    await followUps.getByLabel('Hvad skal der følges op på?').fill('Ring til Ulrik om boligen');
    await followUps.getByRole('button', { name: 'Tilføj opfølgning', exact: true }).last().click();
    await followUps.getByText('Ring til Ulrik om boligen').waitFor();

    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'staff-plan-tablet');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page);

    // The printable plan.
    await page.getByRole('link', { name: 'Print / gem som PDF' }).click();
    await page.waitForURL('**/print');
    await page.getByRole('button', { name: 'Print / gem som PDF' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Hvem gør hvad' }).waitFor();
    await screenshot(page, 'staff-plan-print');
    await expectAccessible(page);
    // The header is there on screen and left out of the print (not merely missing).
    expect(await page.getByRole('banner').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('banner').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    // The follow-up is on the work list, and can be marked done there.
    await page.goto('/');
    const due = section(page, 'Opfølgning inden for 7 dage');
    await due.getByText('Ring til Ulrik om boligen').waitFor();
    await due.getByRole('button', { name: /Udført: opfølgning for Ulrik Holm/ }).click();
    await due.getByText('Opfølgningen er markeret som udført.').waitFor();
    await due.getByText('Ring til Ulrik om boligen').waitFor({ state: 'detached' });
    await expectAccessible(page);
    await logout(page);

    // The citizen reads the plan, rewrites the job goal in his own words, and comments.
    await loginAs(page, 'Ulrik Holm');
    await page.waitForURL('**/borger');
    await page.getByRole('link', { name: 'Se din plan' }).click();
    await page.waitForURL('**/borger/plan');
    await page.getByRole('heading', { level: 1, name: 'Din plan' }).waitFor();
    const helpers = section(page, 'Hvem hjælper dig');
    await helpers.getByText('Familieafdelingen: Familiebehandling').waitFor();
    await helpers.getByText('Din kontakt er Sofie Winther.').waitFor();
    await expectAccessible(page);

    const mine = goalCard(page, 'Komme i arbejde');
    await mine.getByText('Først skal dette nås: “Have et trygt sted at bo”').waitFor();
    await mine.getByRole('button', { name: 'Skriv målet med dine ord' }).click();
    await mine.getByLabel('Målet med dine ord').fill('Jeg vil gerne have et job igen');
    await save(mine, page);
    const rewritten = goalCard(page, 'Jeg vil gerne have et job igen');
    await rewritten.getByText('Dine egne ord').waitFor();
    // Focus moves to the goal that was saved.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Jeg vil gerne have et job igen');

    await rewritten.getByRole('button', { name: /Kommentér/ }).click();
    await rewritten.getByLabel(/Din kommentar til/).fill('Det er det vigtigste for mig.');
    await rewritten.getByRole('button', { name: 'Send kommentar' }).click();
    await rewritten.getByText('Det er det vigtigste for mig.').waitFor();

    const wishes = section(page, 'Det ønsker du');
    await wishes.getByRole('button', { name: 'Skriv dine ønsker' }).click();
    await wishes.getByLabel('Det ønsker du').fill('Jeg vil have ro. Og se mine venner.');
    await save(wishes, page);
    await wishes.getByText('Jeg vil have ro. Og se mine venner.').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'citizen-plan');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Print planen' }).click();
    await page.waitForURL('**/borger/plan/print');
    await page.getByRole('button', { name: 'Print / gem som PDF' }).waitFor();
    await expectAccessible(page);
    await logout(page);

    // The caseworker sees the citizen's change on her work list and, in the plan, as new.
    await loginAs(page, 'Anne Kjær');
    await page.waitForURL((u) => u.pathname === '/');
    const changed = section(page, 'Ændret af borgeren siden sidst');
    await changed.getByText(/3 ændringer/).waitFor();
    await changed.getByRole('link', { name: 'Planen for Ulrik Holm' }).click();
    await page.waitForURL('**/planer/*');
    const news = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: /Nyt siden sidst/ }) });
    await news.getByText('skrev målet “Jeg vil gerne have et job igen” med egne ord').waitFor();
    await news.getByText('(før: “Komme i arbejde”, nu: “Jeg vil gerne have et job igen”)').waitFor();
    await news.getByText('ændrede ønskerne').waitFor();
    await news.getByText('skrev en kommentar').waitFor();
    const highlighted = goalCard(page, 'Jeg vil gerne have et job igen');
    expect(await highlighted.getAttribute('class')).toContain('sammen-new');
    await highlighted.getByText('Nyt', { exact: true }).first().waitFor();
    await highlighted.getByText('Borgerens egne ord · skrevet af Ulrik Holm').waitFor();
    await highlighted.getByText('Det er det vigtigste for mig.').waitFor();
    await section(page, 'Borgerens livshistorie og ønsker').getByText('Borgerens egne ord · skrevet af Ulrik Holm').waitFor();
    await expectAccessible(page);

    // The history lists every change, newest first.
    await page.getByRole('button', { name: 'Vis alle ændringer' }).click();
    await section(page, 'Historik').getByText('oprettede planen').waitFor();
  });

  test('two saves of the same text: the second sees both versions, chooses, and nothing is lost', { timeout: 90_000 }, async () => {
    const first = await open({ width: 1280, height: 900 });
    await loginAs(first, 'Anne Kjær');
    await first.waitForURL((u) => u.pathname === '/');
    await createPlanFor(first, 'Zenia Buch');
    const planUrl = first.url();

    const second = await open({ width: 1280, height: 900 });
    await loginAs(second, 'Anne Kjær');
    await second.waitForURL((u) => u.pathname === '/');
    await second.goto(planUrl);
    await second.getByRole('heading', { level: 1, name: 'Plan for Zenia Buch' }).waitFor();

    // Both open the wishes; the first saves.
    const wishesIn = (page: Page) => page.locator('.sammen-card').filter({ has: page.getByRole('heading', { level: 3, name: 'Ønsker til eget liv' }) });
    await wishesIn(first).getByRole('button', { name: 'Ret ønsker til eget liv' }).click();
    await wishesIn(second).getByRole('button', { name: 'Ret ønsker til eget liv' }).click();
    await wishesIn(first).getByLabel('Ønsker til eget liv').fill('Zenia vil gerne flytte tættere på sin søster.');
    await save(wishesIn(first), first);
    await wishesIn(first).locator('blockquote').getByText('Zenia vil gerne flytte tættere på sin søster.').waitFor();

    // The second, still on the old version, saves: the server refuses, and both versions are shown.
    await wishesIn(second).getByLabel('Ønsker til eget liv').fill('Zenia vil gerne starte på et kursus.');
    await wishesIn(second).getByRole('button', { name: 'Gem', exact: true }).click();
    const conflict = second.getByRole('alert').filter({ hasText: 'En anden har ændret planen, mens du skrev' });
    await conflict.waitFor();
    await conflict.locator('[data-side="mine"]').getByText('Zenia vil gerne starte på et kursus.').waitFor();
    await conflict.locator('[data-side="theirs"]').getByText('Zenia vil gerne flytte tættere på sin søster.').waitFor();
    await conflict.getByText('Det, der står nu (skrevet af Anne Kjær)').waitFor();
    await expectAccessible(second);
    await screenshot(second, 'plan-conflict');

    // Merge: both texts into the field, then save the merged text on the current version.
    await conflict.getByRole('button', { name: 'Sæt begge tekster ind i feltet' }).click();
    const field = wishesIn(second).getByLabel('Ønsker til eget liv');
    expect(await field.inputValue()).toBe('Zenia vil gerne flytte tættere på sin søster.\n\nZenia vil gerne starte på et kursus.');
    await field.fill('Zenia vil gerne flytte tættere på sin søster og starte på et kursus.');
    await save(wishesIn(second), second, 'Gem det, der står i felterne');
    await wishesIn(second).getByText('Zenia vil gerne flytte tættere på sin søster og starte på et kursus.').waitFor();
    expect(await second.getByRole('alert').filter({ hasText: 'En anden har ændret planen' }).count()).toBe(0);

    // The first, now behind, tries again and this time keeps what is there.
    await wishesIn(first).getByRole('button', { name: 'Ret ønsker til eget liv' }).click();
    await wishesIn(first).getByLabel('Ønsker til eget liv').fill('Noget helt andet.');
    await wishesIn(first).getByRole('button', { name: 'Gem', exact: true }).click();
    const again = first.getByRole('alert').filter({ hasText: 'En anden har ændret planen, mens du skrev' });
    await again.getByRole('button', { name: 'Behold det, der står nu' }).click();
    await wishesIn(first).getByText('Zenia vil gerne flytte tættere på sin søster og starte på et kursus.').waitFor();

    // And "take mine" saves the writer's version as it is.
    await wishesIn(second).getByRole('button', { name: 'Ret ønsker til eget liv' }).click();
    await wishesIn(first).getByRole('button', { name: 'Ret ønsker til eget liv' }).click();
    await wishesIn(first).getByLabel('Ønsker til eget liv').fill('Version fra første fane.');
    await save(wishesIn(first), first);
    await wishesIn(first).locator('blockquote').getByText('Version fra første fane.').waitFor();
    await wishesIn(second).getByLabel('Ønsker til eget liv').fill('Version fra anden fane.');
    await wishesIn(second).getByRole('button', { name: 'Gem', exact: true }).click();
    await second.getByRole('alert').getByRole('button', { name: 'Gem min udgave' }).click();
    await wishesIn(second).locator('blockquote').getByText('Version fra anden fane.').waitFor();
    await first.reload();
    await wishesIn(first).locator('blockquote').getByText('Version fra anden fane.').waitFor();
  });

  test('a refused field is told by its reason, in the page’s language, never in the server’s English', { timeout: 60_000 }, async () => {
    const page = await open();
    await loginAs(page, 'Anne Kjær');
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByLabel('Borgerens navn').fill('Michael Sørensen');
    await page.getByRole('button', { name: 'Søg', exact: true }).click();
    await page.getByRole('table', { name: 'Borgere, der passer til søgningen' }).getByRole('link', { name: 'Michael Sørensen' }).click();
    await page.getByRole('link', { name: 'Åbn plan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Plan for Michael Sørensen' }).waitFor();

    // The server's answers are made up here, so this checks the web's half of the contract: a
    // reason with its limits, a reason at a nested field, a reason this web does not know, and
    // a reason at a field the form does not show.
    const refusals: object[] = [];
    const refuse = (error: object) => refusals.push({ code: 'VALIDATION', requestId: 'req-e2e', ...error });
    await page.route('**/api/plans/*/{goals,comments}', (route) => route.fulfill({ status: 400, json: { error: refusals.shift() } }));

    const goals = section(page, 'Mål');
    await goals.getByRole('button', { name: 'Tilføj mål' }).click();
    const wording = goals.getByLabel('Målet med borgerens ord');
    const dependsOn = goals.getByRole('group', { name: /Venter på/ });
    const submit = () => goals.getByRole('button', { name: 'Tilføj mål', exact: true }).last().click();
    await wording.fill('Få en fast hverdag');
    const expectError = (field: Locator, text: string) => expect.poll(() => errorMessageOf(field), { timeout: 8_000 }).toBe(text);

    refuse({ message: 'wording: must be at most 500 characters', field: 'wording', reason: 'tooLong', params: { max: 500 } });
    await submit();
    await expectError(wording, 'Fejl: Teksten må højst være 500 tegn.');
    expect(await wording.getAttribute('aria-invalid')).toBe('true');
    // The reason is kept, not the words: another language says the same.
    await page.getByRole('button', { name: 'English' }).click();
    await expectError(section(page, 'Goals').getByLabel("The goal in the citizen's words"), 'Error: The text can be at most 500 characters.');
    await page.getByRole('button', { name: 'Dansk' }).click();
    await expectError(wording, 'Fejl: Teksten må højst være 500 tegn.');

    refuse({ message: 'dependsOn: this would make goals wait for each other in a circle', field: 'dependsOn.0', reason: 'dependencyCycle' });
    await submit();
    await expectError(dependsOn, 'Fejl: Målene ville vente på hinanden i ring. Vælg et andet mål.');
    expect(await errorMessageOf(wording)).toBe('');

    refuse({ message: 'wording: a rule from a newer server', field: 'wording', reason: 'somethingNew', params: { max: 1 } });
    await submit();
    await expectError(wording, 'Fejl: Tjek feltet, og prøv igen.');
    expect(await goals.textContent()).not.toContain('newer server');
    await expectAccessible(page);
    await goals.getByRole('button', { name: 'Fortryd' }).click();

    const comments = section(page, 'Kommentarer til hele planen');
    await comments.getByRole('button', { name: /Kommentér/ }).click();
    await comments.getByLabel('Kommentar til planen').fill('Husk mødet på torsdag.');
    refuse({ message: 'targetId: is not part of this plan', field: 'targetId', reason: 'targetNotInPlan' });
    await comments.getByRole('button', { name: 'Send kommentar' }).click();
    await comments.getByRole('alert').getByText('Det, du skriver om, er ikke i planen længere. Genindlæs siden.').waitFor();
    expect(await comments.textContent()).not.toContain('is not part of this plan');
    expect(refusals).toEqual([]); // every made-up answer was asked for
  });
});
