import { sql } from 'drizzle-orm';
import { addDays } from '@sammen/domain/calendar';
import { APPEAL_DEADLINE, REASSESSMENT_DEADLINE, deadline } from '@sammen/domain/deadlines';
import { appealGuidance, complaintReceiptLetter, decisionLetter, type ComplaintOutcome, type DecisionOutcome } from '@sammen/domain/decisions';
import { DEFAULT_WORKING_DAY_RULES, isWorkingDay, type WorkingDayRules } from '@sammen/domain/workdays';
import { query, type Db } from '../../platform/db.ts';
import type { Demo, ModuleSeed } from '../../platform/seed.ts';
import { caseSettingsOf, danishToday } from './cases.common.ts';

export const seed: ModuleSeed = { name: 'complaints', after: ['identity', 'plans', 'decisions'], run: seedComplaints };

// Scenario 4 (shared/SCENARIOS.md): Lone Hansen's "Dækning af merudgifter" was partly granted by
// Lars Østergaard (Voksen- og Handicapafdelingen) after a phone call; yesterday (the previous
// working day) she complained from the portal in her own words. The complaint is open and nobody
// has called yet — so the guided demo can play it: Lars calls, records the contact, and closes
// it resolved in dialogue or forwarded. Besides: closed complaints of other citizens with
// different outcomes and learning categories, and one whose personal contact is overdue, so the
// figures and the work list are not empty. Dates count back from today in working days.

const MERUDGIFTER = 'Dækning af merudgifter';

/** The working day `n` working days before `day`. */
function workingDaysBefore(day: string, n: number, rules: WorkingDayRules = DEFAULT_WORKING_DAY_RULES) {
  let d = day;
  for (let counted = 0; counted < n; ) {
    d = addDays(d, -1);
    if (isWorkingDay(d, rules)) counted++;
  }
  return d;
}

const one = async <T extends Record<string, unknown>>(tx: Db, statement: ReturnType<typeof sql>) => (await query<T>(tx, statement))[0]!;

interface DemoDecision {
  key: string;
  citizen: string;
  outcome: DecisionOutcome;
  receivedOn: string;
  decidedOn: string;
  considerations: string;
  keyFacts: string;
}

async function seedComplaints(tx: Db, { municipalityId: m, demoId }: Demo) {
  const today = danishToday();
  const voksen = demoId('unit:voksen');
  const jobcenter = demoId('unit:jobcenter');
  const lars = demoId('staff:lars');
  const unitName = async (id: string) => (await one<{ name: string }>(tx, sql`SELECT name FROM units WHERE municipality_id = ${m} AND id = ${id}`)).name;
  const citizenName = async (id: string) => (await one<{ name: string }>(tx, sql`SELECT name FROM citizens WHERE municipality_id = ${m} AND id = ${id}`)).name;
  const voksenName = await unitName(voksen);
  const larsName = (await one<{ name: string }>(tx, sql`SELECT name FROM staff WHERE municipality_id = ${m} AND id = ${lars}`)).name;

  // The decision type the decisions module's seed makes (decisions.seed.ts: demoId('decision-type:merudgifter')).
  const type = await one<{ id: string; legal_basis: string; appeal_body: string; processing_deadline: unknown; complaint_deadline: unknown }>(
    tx,
    sql`SELECT id::text AS id, legal_basis, appeal_body, processing_deadline, complaint_deadline FROM decision_types WHERE municipality_id = ${m} AND id = ${demoId('decision-type:merudgifter')}`,
  );
  const { rules, personalContactDays } = await caseSettingsOf(tx, m);
  const period = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

  const letter = async (citizenId: string, kind: 'decision' | 'complaintReceipt', subjectType: 'decision' | 'complaint', subjectId: string, text: { title: string; body: string; lix: number }, by: string | null, at: string) =>
    (
      await one<{ id: string }>(
        tx,
        sql`INSERT INTO letters (municipality_id, citizen_id, kind, subject_type, subject_id, title, body, lix, created_by, created_at)
            VALUES (${m}, ${citizenId}, ${kind}, ${subjectType}, ${subjectId}, ${text.title}, ${text.body}, ${text.lix}, ${by}, ${`${at}T10:00:00Z`}::timestamptz)
            RETURNING id::text AS id`,
      )
    ).id;

  /** A request, the phone call before the decision, the issued decision and its letter. */
  const decided = async (d: DemoDecision) => {
    const citizenId = demoId(`citizen:${d.citizen}`);
    const requestId = demoId(`request:complaints:${d.key}`);
    const due = deadline(period(type.processing_deadline), d.receivedOn, rules);
    await query(
      tx,
      sql`INSERT INTO decision_requests (municipality_id, id, citizen_id, decision_type_id, unit_id, description, by_citizen, received_on, due_on, deadline, status, decided_on)
          VALUES (${m}, ${requestId}, ${citizenId}, ${type.id}, ${voksen}, 'Jeg har fået flere udgifter til medicin og transport på grund af min sygdom.', true,
            ${d.receivedOn}, ${due.due}, ${JSON.stringify(due)}::jsonb, 'decided', ${d.decidedOn})`,
    );
    const contactId = demoId(`dialogue:complaints:${d.key}`);
    await query(
      tx,
      sql`INSERT INTO dialogue_contacts (municipality_id, id, request_id, citizen_id, kind, contact_on, facts_checked, citizen_proposal, alternatives, agreed_summary, serves_as_hearing, recorded_by)
          VALUES (${m}, ${contactId}, ${requestId}, ${citizenId}, 'phone', ${workingDaysBefore(d.decidedOn, 2)}, 'Udgifterne til medicin og kørsel til behandling.',
            'At få dækket alle udgifter til kørsel.', 'Kørsel med flextrafik i stedet for taxa.', 'Vi dækker medicin. Kørsel dækkes, når der ikke er offentlig transport.', true, ${lars})`,
    );
    const guidance = appealGuidance({ appealBody: type.appeal_body, complaintDeadline: period(type.complaint_deadline), unitName: voksenName }, d.decidedOn, rules);
    const decisionId = demoId(`decision:complaints:${d.key}`);
    await query(
      tx,
      sql`INSERT INTO decisions (municipality_id, id, request_id, citizen_id, decision_type_id, unit_id, status, outcome, legal_basis, considerations, key_facts, lix,
            decided_on, decided_by, dialogue_contact_id, appeal_guidance, complaint_deadline, drafted_by)
          VALUES (${m}, ${decisionId}, ${requestId}, ${citizenId}, ${type.id}, ${voksen}, 'issued', ${d.outcome}, ${type.legal_basis}, ${d.considerations}, ${d.keyFacts}, 28,
            ${d.decidedOn}, ${lars}, ${contactId}, ${guidance.text}, ${JSON.stringify(deadline(period(type.complaint_deadline), d.decidedOn, rules))}::jsonb, ${lars})`,
    );
    const text = decisionLetter({
      citizenName: await citizenName(citizenId), typeName: MERUDGIFTER, outcome: d.outcome, legalBasis: type.legal_basis, considerations: d.considerations, keyFacts: d.keyFacts,
      decidedOn: d.decidedOn, efforts: [], appealGuidance: guidance.text, unitName: voksenName, caseworkerName: larsName,
    });
    const letterId = await letter(citizenId, 'decision', 'decision', decisionId, text, lars, d.decidedOn);
    await query(tx, sql`UPDATE decisions SET letter_id = ${letterId} WHERE municipality_id = ${m} AND id = ${decisionId}`);
    return { citizenId, requestId, decisionId };
  };

  /** A complaint with its deadlines as computed on receipt and its receipt letter; closed when `closed` says so. */
  const complaint = async (c: {
    key: string;
    citizenId: string;
    decisionId?: string;
    unitId: string;
    channel: 'portal' | 'phone' | 'letter' | 'email' | 'meeting';
    text: string;
    receivedOn: string;
    contact?: { on: string; listened: string; summary: string; agreed?: string };
    closed?: { outcome: ComplaintOutcome; on: string; learningCategory: string; citizenWords?: string; answer?: string; newDecisionId?: string; note?: string };
  }) => {
    const id = demoId(`complaint:${c.key}`);
    const contactDeadline = deadline({ kind: 'workingDays', days: personalContactDays }, c.receivedOn, rules);
    const reassessment = c.decisionId ? deadline(REASSESSMENT_DEADLINE, c.receivedOn, rules) : null;
    const closed = c.closed;
    await query(
      tx,
      sql`INSERT INTO complaints (municipality_id, id, citizen_id, decision_id, unit_id, about, channel, text, registered_by, received_on, contact_due, contact_deadline,
            reassessment_due, reassessment_deadline, first_contact_on, status, closed_on, closed_by, citizen_words, answer, new_decision_id, forwarded_to, forward_note, learning_category, created_at)
          VALUES (${m}, ${id}, ${c.citizenId}, ${c.decisionId ?? null}, ${c.unitId}, ${c.decisionId ? 'decision' : 'treatment'}, ${c.channel}, ${c.text},
            ${c.channel === 'portal' ? null : lars}, ${c.receivedOn}, ${contactDeadline.due}, ${JSON.stringify(contactDeadline)}::jsonb,
            ${reassessment?.due ?? null}, ${reassessment ? JSON.stringify(reassessment) : null}::jsonb, ${c.contact?.on ?? null},
            ${closed?.outcome ?? 'open'}, ${closed?.on ?? null}, ${closed ? lars : null}, ${closed?.citizenWords ?? ''}, ${closed?.answer ?? ''}, ${closed?.newDecisionId ?? null},
            ${closed?.outcome === 'forwarded' ? type.appeal_body : null}, ${closed?.note ?? ''}, ${closed?.learningCategory ?? null}, ${`${c.receivedOn}T09:00:00Z`}::timestamptz)`,
    );
    if (c.contact) {
      await query(
        tx,
        sql`INSERT INTO complaint_contacts (municipality_id, complaint_id, kind, contact_on, listened, summary, agreed, recorded_by)
            VALUES (${m}, ${id}, 'phone', ${c.contact.on}, ${c.contact.listened}, ${c.contact.summary}, ${c.contact.agreed ?? ''}, ${lars})`,
      );
    }
    const unit = await unitName(c.unitId);
    const receipt = complaintReceiptLetter({
      citizenName: await citizenName(c.citizenId), receivedOn: c.receivedOn, contactBy: contactDeadline.due, reassessBy: reassessment?.due ?? null,
      appealBody: c.decisionId ? type.appeal_body : null, unitName: unit,
    });
    const letterId = await letter(c.citizenId, 'complaintReceipt', 'complaint', id, receipt, null, c.receivedOn);
    await query(tx, sql`UPDATE complaints SET receipt_letter_id = ${letterId} WHERE municipality_id = ${m} AND id = ${id}`);
    return id;
  };

  // Lone: decided two weeks ago after a phone call; her complaint came from the portal on the previous working day.
  const loneDecidedOn = workingDaysBefore(today, 10);
  const lone = await decided({
    key: 'lone', citizen: 'lone', outcome: 'partlyGranted', receivedOn: workingDaysBefore(loneDecidedOn, 25), decidedOn: loneDecidedOn,
    considerations: 'Du får dækket udgiften til medicin. Du får ikke dækket taxa til behandling, fordi du kan køre med flextrafik.',
    keyFacts: 'Du bruger 650 kr. om måneden på medicin. Der kører flextrafik fra din adresse til sygehuset.',
  });
  await complaint({
    key: 'lone', citizenId: lone.citizenId, decisionId: lone.decisionId, unitId: voksen, channel: 'portal', receivedOn: workingDaysBefore(today, 1),
    text: 'Jeg forstår ikke, hvorfor jeg ikke kan få taxa. Flextrafik kommer tit for sent, og så når jeg ikke min behandling. Jeg vil gerne have, at I ser på det igen.',
  });

  // Closed complaints of other citizens, for the figures; and one whose contact is overdue, for the work list.
  const birthe = await decided({ key: 'birthe', citizen: 'citizen-1', outcome: 'refused', receivedOn: workingDaysBefore(today, 80), decidedOn: workingDaysBefore(today, 60), considerations: 'Udgiften er ikke en følge af din funktionsnedsættelse.', keyFacts: 'Du har søgt om hjælp til et nyt køleskab.' });
  await complaint({
    key: 'birthe', citizenId: birthe.citizenId, decisionId: birthe.decisionId, unitId: voksen, channel: 'phone', receivedOn: workingDaysBefore(today, 55),
    text: 'Hun ringede og sagde, at hun ikke forstod brevet.',
    contact: { on: workingDaysBefore(today, 54), listened: 'Brevet var svært at forstå.', summary: 'Birthe havde troet, at hun mistede hele sin hjælp.', agreed: 'Vi sender et kort brev med det vigtigste.' },
    closed: { outcome: 'resolvedInDialogue', on: workingDaysBefore(today, 54), learningCategory: 'communication', citizenWords: 'Nu forstår jeg det. Jeg trækker klagen.' },
  });
  const erik = await decided({ key: 'erik', citizen: 'citizen-4', outcome: 'refused', receivedOn: workingDaysBefore(today, 90), decidedOn: workingDaysBefore(today, 70), considerations: 'Der er ikke tale om en varig lidelse.', keyFacts: 'Lægen skriver, at du bliver rask inden for et halvt år.' });
  await complaint({
    key: 'erik', citizenId: erik.citizenId, decisionId: erik.decisionId, unitId: voksen, channel: 'letter', receivedOn: workingDaysBefore(today, 65),
    text: 'Jeg er uenig i, at min sygdom ikke er varig. Jeg har haft den i tre år.',
    contact: { on: workingDaysBefore(today, 63), listened: 'Erik har haft smerter i tre år.', summary: 'Erik mener, at lægens vurdering er forkert.', agreed: 'Vi sender klagen videre, da vi fastholder afgørelsen.' },
    closed: { outcome: 'forwarded', on: workingDaysBefore(today, 50), learningCategory: 'lawApplication', note: 'Afgørelsen fastholdes på baggrund af lægens udtalelse.' },
  });
  const kirsten = await decided({ key: 'kirsten', citizen: 'citizen-10', outcome: 'partlyGranted', receivedOn: workingDaysBefore(today, 70), decidedOn: workingDaysBefore(today, 45), considerations: 'Du får dækket en del af udgiften til diætkost.', keyFacts: 'Vi har regnet med 400 kr. om måneden.' });
  const kirstenNew = demoId('decision:complaints:kirsten:new');
  await query(
    tx,
    sql`INSERT INTO decisions (municipality_id, id, request_id, citizen_id, decision_type_id, unit_id, status, outcome, legal_basis, considerations, key_facts, lix,
          decided_on, decided_by, appeal_guidance, complaint_deadline, replaces_decision_id, drafted_by)
        SELECT municipality_id, ${kirstenNew}, request_id, citizen_id, decision_type_id, unit_id, 'issued', 'granted', legal_basis,
          'Du får dækket hele udgiften til diætkost.', 'Dine kvitteringer viser 900 kr. om måneden.', 25, ${workingDaysBefore(today, 30)}, ${lars}, appeal_guidance,
          ${JSON.stringify(deadline(APPEAL_DEADLINE, workingDaysBefore(today, 30), rules))}::jsonb, id, ${lars}
        FROM decisions WHERE municipality_id = ${m} AND id = ${kirsten.decisionId}`,
  );
  await complaint({
    key: 'kirsten', citizenId: kirsten.citizenId, decisionId: kirsten.decisionId, unitId: voksen, channel: 'email', receivedOn: workingDaysBefore(today, 40),
    text: 'I har regnet forkert. Jeg bruger meget mere end 400 kr.',
    contact: { on: workingDaysBefore(today, 39), listened: 'Kirsten har kvitteringer for mere.', summary: 'Beløbet var skønnet, ikke regnet ud fra kvitteringer.', agreed: 'Kirsten sender kvitteringerne.' },
    closed: { outcome: 'decisionChanged', on: workingDaysBefore(today, 30), learningCategory: 'factsWrong', newDecisionId: kirstenNew },
  });
  await complaint({
    key: 'niels', citizenId: demoId('citizen:citizen-13'), unitId: jobcenter, channel: 'meeting', receivedOn: workingDaysBefore(today, 35),
    text: 'Jeg ventede en time i receptionen, og ingen sagde noget.',
    contact: { on: workingDaysBefore(today, 34), listened: 'Niels følte sig glemt.', summary: 'Der var fejl i vores kø-system den dag.' },
    closed: { outcome: 'answered', on: workingDaysBefore(today, 33), learningCategory: 'waitingTime', answer: 'Vi har rettet kø-systemet og beklager ventetiden.' },
  });
  await complaint({
    key: 'tove', citizenId: demoId('citizen:citizen-18'), unitId: voksen, channel: 'phone', receivedOn: workingDaysBefore(today, 20),
    text: 'Jeg blev sendt rundt mellem tre afdelinger.',
    contact: { on: workingDaysBefore(today, 17), listened: 'Tove fik ikke svar på, hvem der havde hendes sag.', summary: 'Afdelingerne talte ikke sammen om hende.' },
    closed: { outcome: 'resolvedInDialogue', on: workingDaysBefore(today, 17), learningCategory: 'coordination', citizenWords: 'Det er fint nu, hvor jeg ved, hvem jeg skal ringe til.' },
  });
  // Open, and nobody has called: the personal contact is overdue.
  await complaint({
    key: 'carsten', citizenId: demoId('citizen:citizen-2'), unitId: voksen, channel: 'letter', receivedOn: workingDaysBefore(today, 5),
    text: 'Min bostøtte kommer ikke til de aftalte tider.',
  });
  return { complaints: 7 };
}
