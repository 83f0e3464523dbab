import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays, localDate } from '@sammen/domain/calendar';
import { errorMessageOf, seriousAxeViolations, useServerAndBrowser } from './harness.ts';

// Scenarios 2 and 4 of shared/SCENARIOS.md, on the seeded demo, as the guided demo on the login
// page tells them (login.guide.waiting and login.guide.complaint), with axe on every page.
//
// 2. Rasmus (UU) sees the urgent request he sent for Mads, with the days left; Kasper (jobcenter)
//    opens it, reads why it is urgent and the deadline in words, can book a joint meeting, is
//    refused a partial grant before talking with Mads (the draft stays), records the meeting and
//    issues the decision; its letter is printable. He writes the letter about the breached
//    deadline on Michael's request. Mads reads the decision and its letter; Eva sees the figures.
// 4. Lone reads her partly granted decision (why, and how to complain), sees the complaint she
//    sent about it and complains in her own words about how she was met; Lars switches to the
//    adult department, sees the complaint's call deadline on his start page and under Klager,
//    records the call — the deadlines stay the same — and closes it as resolved in dialogue.
//    Lone sees it closed; Eva sees it in the figures.
// And one citizen page in English.

const e2e = useServerAndBrowser();

async function as(name: string, viewport = { width: 1024, height: 1000 }) {
  const v = await e2e.open(viewport);
  await v.page.goto('/login');
  await v.page.getByRole('button', { name: `Log ind som ${name}` }).click();
  await v.page.waitForURL((u) => u.pathname !== '/login');
  return v.page;
}

async function expectAccessible(page: Page) {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();
const status = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text }).waitFor();

const MADS_REQUEST = 'Vejledning og opkvalificering (kursus): Mads Jensen';
const MICHAEL_REQUEST = 'Vejledning og opkvalificering (kursus): Michael Sørensen';

test('scenario 2: an urgent request is seen by both units, decided after a talk, and the breached deadline is told in writing', { timeout: 150_000 }, async () => {
  // Rasmus, the UU counsellor, sees the request he sent to the jobcenter: urgent, with the days left.
  const rasmus = await as('Rasmus Vestergaard');
  await rasmus.getByRole('navigation').getByRole('link', { name: 'Afgørelser', exact: true }).click();
  await h1(rasmus, 'Afgørelser');
  await rasmus.getByLabel('Vis').selectOption('requester');
  const sent = rasmus.locator('main table tbody tr').filter({ has: rasmus.getByRole('link', { name: 'Mads Jensen' }) });
  await sent.waitFor();
  await sent.getByText('Haster').waitFor();
  await sent.getByText(/\d+ arbejdsdage? tilbage/).waitFor();
  await sent.getByText('Afgøres af Jobcenter Fjordby').waitFor();
  await expectAccessible(rasmus);

  // Kasper, the jobcenter's caseworker, opens it from his list of requests to decide.
  const kasper = await as('Kasper Lund');
  await kasper.getByRole('navigation').getByRole('link', { name: 'Afgørelser', exact: true }).click();
  await h1(kasper, 'Afgørelser');
  await kasper.getByLabel('Vis').selectOption('authority');
  await kasper.locator('main table').getByRole('link', { name: 'Mads Jensen' }).click();
  await h1(kasper, MADS_REQUEST);
  const head = kasper.getByRole('region', { name: 'Om ansøgningen' });
  await head.getByText('Haster').first().waitFor();
  await head.getByText(/Hvis han skal vente to måneder, mister vi ham igen/).waitFor();
  await head.getByText(/Fristen er 4 uger fra .+ Den udløber /).waitFor();
  await head.getByText(/\d+ arbejdsdage? tilbage/).waitFor();
  await expectAccessible(kasper);

  // A joint meeting instead of a decision on paper: the booking page for Mads (booking itself is tested elsewhere).
  await head.getByRole('link', { name: 'Book et fælles møde' }).click();
  await h1(kasper, 'Book en aftale for Mads Jensen');
  await kasper.getByLabel('Titel').waitFor();
  await expectAccessible(kasper);
  await kasper.goBack();
  await h1(kasper, MADS_REQUEST);

  // A partial grant before any talk with Mads: saved as a draft, refused at the outcome, the draft stays.
  const decision = kasper.getByRole('region', { name: 'Afgørelse', exact: true });
  const outcome = decision.getByRole('group', { name: 'Resultat' });
  await outcome.getByLabel('Delvis bevilget').check();
  await outcome.getByText('Et afslag eller en delvis bevilling kræver, at I har talt med borgeren først.').waitFor();
  await decision.getByLabel('Hvorfor: de vigtigste hensyn').fill('Du kan starte på madsporet i januar. Vi betaler ikke for knivsættet. Det låner skolen dig.');
  await decision.getByLabel('Det har vi lagt vægt på').fill('Du har været på en prøvedag. Du vil gerne være kok. Skolen har knive, du kan låne.');
  await decision.getByRole('button', { name: 'Gem udkast' }).click();
  await status(kasper, 'Udkastet er gemt.');
  await decision.getByRole('heading', { name: 'Udkast til afgørelse' }).waitFor();
  await decision.getByRole('button', { name: 'Træf afgørelse' }).click();
  await outcome.locator('.form-error-message').filter({ hasText: 'kræver, at I har talt med borgeren først' }).waitFor();
  expect(await errorMessageOf(outcome)).toContain('Skriv samtalen ind, eller skriv hvorfor det ikke kunne lade sig gøre.');
  await expect(outcome.getByLabel('Delvis bevilget').isChecked()).resolves.toBe(true);
  await decision.getByRole('heading', { name: 'Udkast til afgørelse' }).waitFor();
  await expectAccessible(kasper);

  // The joint meeting with Mads and Rasmus, written in as the dialogue.
  const dialogue = kasper.getByRole('region', { name: /^Dialog med borgeren/ });
  await dialogue.getByRole('button', { name: 'Skriv en samtale ind' }).click();
  await dialogue.getByRole('heading', { name: 'Ny samtale' }).waitFor();
  await dialogue.getByLabel('Møde', { exact: true }).check();
  await dialogue.getByLabel('Oplysninger, I har tjekket sammen').fill('Mads har været på prøvedag på madsporet. Start i januar.');
  await dialogue.getByLabel('Borgerens eget forslag').fill('Mads vil gerne have sit eget knivsæt.');
  await dialogue.getByLabel('Andre muligheder, I har talt om').fill('Skolen låner knive ud.');
  await dialogue.getByLabel('Det, I blev enige om').fill('Mads starter i januar og låner knive på skolen. Rasmus følger med de første uger.');
  await dialogue.getByLabel('Samtalen er også partshøring').check();
  await expectAccessible(kasper);
  await dialogue.getByRole('button', { name: 'Gem samtalen' }).click();
  await status(kasper, 'Samtalen er gemt.');
  await dialogue.getByRole('heading', { name: /^Møde / }).waitFor();

  // Now the partial grant can be issued: the letter is made.
  await decision.getByRole('button', { name: 'Træf afgørelse' }).click();
  await status(kasper, 'Afgørelsen er truffet, og brevet til borgeren er lavet.');
  await decision.getByRole('heading', { name: /^Delvis bevilget · truffet / }).waitFor();
  await kasper.getByRole('region', { name: 'Om ansøgningen' }).getByText('Afgjort', { exact: true }).waitFor();
  await expectAccessible(kasper);

  // The decision letter: a document to read, print or save as PDF.
  await decision.getByRole('link', { name: 'Se brevet med afgørelsen' }).click();
  await h1(kasper, 'Afgørelse: Vejledning og opkvalificering (kursus)');
  const letter = kasper.getByRole('article', { name: 'Brevet' });
  await letter.getByText(/Du kan starte på madsporet i januar/).waitFor();
  await expectAccessible(kasper);
  await kasper.evaluate(() => {
    (window as unknown as { printed: boolean }).printed = false;
    window.print = () => ((window as unknown as { printed: boolean }).printed = true);
  });
  await kasper.getByRole('button', { name: 'Udskriv eller gem som PDF' }).click();
  await expect(kasper.evaluate(() => (window as unknown as { printed: boolean }).printed)).resolves.toBe(true);
  await kasper.emulateMedia({ media: 'print' });
  await expect(kasper.locator('header').isVisible()).resolves.toBe(false);
  await expect(kasper.getByRole('button', { name: 'Udskriv eller gem som PDF' }).isVisible()).resolves.toBe(false);
  await expect(letter.isVisible()).resolves.toBe(true);
  await kasper.emulateMedia({ media: 'screen' });
  await kasper.getByRole('link', { name: 'Tilbage' }).click();
  await h1(kasper, MADS_REQUEST);

  // Michael's request has run past its deadline: Kasper writes the letter the law requires.
  await kasper.getByRole('link', { name: 'Tilbage til afgørelser' }).click();
  await h1(kasper, 'Afgørelser');
  const breachedRow = kasper.locator('main table tbody tr').filter({ has: kasper.getByRole('link', { name: 'Michael Sørensen' }) });
  await breachedRow.getByText('Fristen er overskredet').waitFor();
  await breachedRow.getByText('Borgeren har ikke fået brev om fristen.').waitFor();
  await breachedRow.getByRole('link', { name: 'Michael Sørensen' }).click();
  await h1(kasper, MICHAEL_REQUEST);
  const breach = kasper.getByRole('region', { name: /Fristen er overskredet/ });
  await breach.getByText('Borgeren har ikke fået brev om fristen endnu.').waitFor();
  await expectAccessible(kasper);
  await breach.getByLabel('Svar senest').fill(addDays(localDate(Date.now()), 14));
  await breach.getByLabel('Besked til borgeren (kan udelades)').fill('Vi venter på et svar fra køreskolen. Vi skriver, så snart vi har det.');
  await breach.getByRole('button', { name: 'Lav brevet til borgeren' }).click();
  await status(kasper, 'Brevet om fristen er lavet.');
  await breach.getByText('Borgeren har fået brev om fristen.').waitFor();
  await breach.getByRole('heading', { name: 'Skriv et nyt brev om fristen' }).waitFor();
  const letters = kasper.getByRole('region', { name: /^Breve til borgeren/ });
  await letters.getByText(/Brev om frist/).waitFor();
  await expectAccessible(kasper);
  await letters.getByRole('link', { name: 'Din sag tager længere tid: Vejledning og opkvalificering (kursus)' }).click();
  await h1(kasper, 'Din sag tager længere tid: Vejledning og opkvalificering (kursus)');
  await kasper.getByRole('article', { name: 'Brevet' }).getByText(/køreskolen/).waitFor();
  await kasper.getByRole('article', { name: 'Brevet' }).getByText(/^Du kan regne med et svar senest /).waitFor();
  await expectAccessible(kasper);

  // Mads, on his own page: the decision, why, how to complain, and the letter.
  const mads = await as('Mads Jensen', { width: 768, height: 1024 });
  await mads.getByRole('link', { name: 'Afgørelser og klager' }).click();
  await h1(mads, 'Afgørelser og klager');
  const own = mads.getByRole('region', { name: 'Dine afgørelser' });
  const card = own.getByRole('listitem').filter({ has: mads.getByRole('heading', { name: 'Vejledning og opkvalificering (kursus)' }) });
  await card.getByText('Du får en del af det, du har søgt om.').waitFor();
  await card.getByText(/Vi betaler ikke for knivsættet/).waitFor();
  await card.getByRole('heading', { name: 'Sådan klager du' }).waitFor();
  await card.getByText(/^Klag senest /).waitFor();
  await mads.getByRole('region', { name: 'Dine ansøgninger' }).getByText(/^Vi har svaret /).waitFor();
  await expectAccessible(mads);
  await card.getByRole('link', { name: 'Læs brevet' }).click();
  await mads.waitForURL('**/borger/breve/**');
  await h1(mads, 'Afgørelse: Vejledning og opkvalificering (kursus)');
  await mads.getByRole('article', { name: 'Brevet' }).getByText(/Du kan starte på madsporet i januar/).waitFor();
  await expectAccessible(mads);

  // Eva, the leader: the time from request to decision per type, and whether the deadline held.
  const eva = await as('Eva Clausen');
  await eva.getByRole('navigation').getByRole('link', { name: 'Afgørelser', exact: true }).click();
  await h1(eva, 'Afgørelser');
  await eva.getByRole('link', { name: 'Tal for afgørelser og klager' }).click();
  await h1(eva, 'Tal for afgørelser og klager');
  const types = eva.getByRole('region', { name: 'Tid fra ansøgning til afgørelse' });
  await types.getByRole('rowheader', { name: 'Vejledning og opkvalificering (kursus)' }).waitFor();
  await eva.getByRole('region', { name: 'Dialog før afslag' }).waitFor();
  await expectAccessible(eva);
});

test('scenario 4: a complaint is met by a call, recorded, and resolved in dialogue, with the legal deadlines unchanged', { timeout: 150_000 }, async () => {
  // Lone reads her partly granted decision, why, and how to complain; her complaint about it is there.
  const lone = await as('Lone Hansen', { width: 768, height: 1024 });
  await lone.getByRole('link', { name: 'Afgørelser og klager' }).click();
  await h1(lone, 'Afgørelser og klager');
  const decisions = lone.getByRole('region', { name: 'Dine afgørelser' });
  const decision = decisions.getByRole('listitem').filter({ has: lone.getByRole('heading', { name: 'Dækning af merudgifter' }) });
  await decision.getByText('Du får en del af det, du har søgt om.').waitFor();
  await decision.getByText(/Du får ikke dækket taxa til behandling/).waitFor();
  await decision.getByRole('heading', { name: 'Sådan klager du' }).waitFor();
  await decision.getByText(/Ankestyrelsen/).first().waitFor();
  await decision.getByText('Du har klaget over det her svar.').waitFor();
  const complaints = lone.getByRole('region', { name: 'Dine klager' });
  const decisionComplaint = complaints.getByRole('listitem').filter({ has: lone.getByRole('heading', { name: 'Klage over: Dækning af merudgifter' }) });
  await decisionComplaint.getByText(/^Vi ringer til dig senest /).waitFor();
  await decisionComplaint.getByText(/Flextrafik kommer tit for sent/).waitFor();
  await expectAccessible(lone);

  // She also says, in her own words in one text box, how she was met.
  await lone.getByRole('button', { name: 'Klag over, hvordan du blev mødt' }).click();
  await lone.getByLabel('Hvad skete der?').fill('Jeg ventede længe på svar, og ingen ringede tilbage, da jeg spurgte til min sag.');
  await expectAccessible(lone);
  await lone.getByRole('button', { name: 'Send klagen' }).click();
  await status(lone, 'Tak, fordi du siger det til os. Vi ringer til dig snart.');
  const treatment = complaints.getByRole('listitem').filter({ has: lone.getByRole('heading', { name: 'Klage over, hvordan du blev mødt' }) });
  await treatment.getByText(/ingen ringede tilbage/).waitFor();
  await treatment.getByText(/^Vi ringer til dig senest /).waitFor();
  const progress = treatment.getByRole('list', { name: 'Så langt er klagen nået:' });
  await progress.locator('.sammen-progress-done').filter({ hasText: 'Vi har fået klagen' }).waitFor();
  await progress.locator('[aria-current="step"]').filter({ hasText: 'Vi har ringet til dig' }).waitFor();
  await expectAccessible(lone);

  // Lars works in two units: first he switches to the adult department, which handles the complaint.
  const lars = await as('Lars Østergaard');
  await lars.getByLabel('Du arbejder i').selectOption({ label: 'Voksen- og Handicapafdelingen' });
  await lars.getByRole('button', { name: 'Skift', exact: true }).click();
  const deadlines = lars.getByRole('region', { name: 'Frister' });
  const call = deadlines.getByRole('listitem').filter({ has: lars.getByRole('link', { name: 'Ring til Lone Hansen om klagen' }) });
  await call.getByText(/^Frist /).waitFor();
  await expectAccessible(lars);

  await lars.getByRole('navigation').getByRole('link', { name: 'Klager', exact: true }).click();
  await h1(lars, 'Klager');
  const row = lars.locator('main table tbody tr').filter({ hasText: 'Klage over afgørelsen: Dækning af merudgifter' }).filter({ has: lars.getByRole('link', { name: 'Lone Hansen' }) });
  await row.getByText(/arbejdsdage? tilbage|Fristen udløber i dag/).waitFor();
  await expectAccessible(lars);
  await row.getByRole('link', { name: 'Lone Hansen' }).click();
  await h1(lars, 'Klage fra Lone Hansen');
  await lars.getByRole('region', { name: 'Borgerens egne ord' }).getByText(/Flextrafik kommer tit for sent/).waitFor();
  const clocks = lars.getByRole('region', { name: 'Frister' });
  await clocks.getByText('En samtale stopper ikke fristerne').waitFor();
  const before = await clocks.locator('.sammen-deadline-due').allTextContents();
  expect(before).toHaveLength(2); // personal contact, and reassessment
  await expectAccessible(lars);

  // The call: what she said, the summary, the open questions, what they agreed.
  const contacts = lars.getByRole('region', { name: 'Samtaler med borgeren' });
  await contacts.getByRole('button', { name: 'Registrér en samtale' }).click();
  await contacts.getByLabel('Telefonsamtale').check();
  await contacts.getByLabel('Det sagde borgeren').fill('Flextrafik kommer for sent, og så misser Lone sin behandling. Hun vil bare kunne komme til tiden.');
  await contacts.getByLabel('Sammenfatning').fill('Det er ikke taxaen, Lone vil have. Hun vil være sikker på at nå sin behandling.');
  await contacts.getByLabel('Åbne spørgsmål, du stillede').fill('Hvad ville gøre en forskel for dig? Hvornår på dagen er din behandling?');
  await contacts.getByLabel('Det aftalte I').fill('Vi bestiller flextrafik med fast afhentning en time før. Lone trækker klagen.');
  await expectAccessible(lars);
  await contacts.getByRole('button', { name: 'Gem samtalen' }).click();
  await status(lars, 'Samtalen er gemt. Fristerne er de samme.');
  await contacts.getByRole('heading', { name: /^Telefonsamtale / }).waitFor();
  await clocks.getByText(/^Borgeren blev kontaktet .+ – inden fristen\.$/).waitFor();
  // Talking with her moved neither clock.
  expect(await clocks.locator('.sammen-deadline-due').allTextContents()).toEqual(before);

  // Resolved in dialogue, in her words, with what we learn from it.
  await lars.getByRole('group', { name: 'Hvordan slutter klagen?' }).getByLabel('Løst i dialog').check();
  await lars.getByRole('textbox', { name: 'Borgerens egne ord' }).fill('Når flextrafik henter mig en time før, er det fint. Jeg trækker klagen.');
  await lars.getByLabel('Hvad kan vi lære?').selectOption({ label: 'Kommunikation' });
  await expectAccessible(lars);
  await lars.getByRole('button', { name: 'Afslut klagen' }).click();
  await status(lars, 'Klagen er afsluttet som løst i dialog.');
  const ended = lars.getByRole('region', { name: 'Sådan sluttede klagen' });
  await ended.getByText('Løst i dialog', { exact: true }).waitFor();
  await ended.getByText('Kommunikation', { exact: true }).waitFor();
  await ended.getByText(/Jeg trækker klagen\./).waitFor();
  expect(await clocks.locator('.sammen-deadline-due').allTextContents()).toEqual(before);
  await expectAccessible(lars);

  // Lone sees it closed, and how.
  await lone.reload();
  await h1(lone, 'Afgørelser og klager');
  await decisionComplaint.getByText('Vi har talt sammen. Du har trukket klagen tilbage.').waitFor();
  await decisionComplaint.locator('.sammen-progress-done').filter({ hasText: 'Afsluttet' }).waitFor();
  await expectAccessible(lone);

  // Eva: the share resolved in dialogue and the time to the first call.
  const eva = await as('Eva Clausen');
  await eva.goto('/afgoerelser/tal');
  await h1(eva, 'Tal for afgørelser og klager');
  const figures = eva.getByRole('region', { name: 'Klager' });
  await figures.getByRole('rowheader', { name: 'Løst i dialog' }).waitFor();
  await figures.getByRole('rowheader', { name: 'Typisk tid til personlig kontakt (median)' }).waitFor();
  await expectAccessible(eva);
});

test('a citizen reads decisions and complaints in English', { timeout: 60_000 }, async () => {
  const lone = await as('Lone Hansen', { width: 768, height: 1024 });
  await lone.goto('/borger/afgoerelser');
  await h1(lone, 'Afgørelser og klager');
  await lone.getByRole('button', { name: 'English' }).click();
  await h1(lone, 'Decisions and complaints');
  expect(await lone.getAttribute('html', 'lang')).toBe('en');
  await lone.getByRole('region', { name: 'Your decisions' }).getByRole('heading', { name: 'Dækning af merudgifter' }).waitFor();
  await lone.getByRole('region', { name: 'Your complaints' }).waitFor();
  await expectAccessible(lone);
});
