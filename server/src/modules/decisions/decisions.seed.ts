import { addDays, localDate } from '@sammen/domain/calendar';
import { APPEAL_DEADLINE, DEFAULT_PERSONAL_CONTACT_DAYS, deadline, type DeadlinePeriod } from '@sammen/domain/deadlines';
import { appealGuidance, decisionLetter, DEFAULT_APPEAL_BODY, reasonsLix, type DecisionOutcome } from '@sammen/domain/decisions';
import { DEFAULT_WORKING_DAY_RULES, workingDaysBetween } from '@sammen/domain/workdays';
import type { Db } from '../../platform/db.ts';
import type { Demo, ModuleSeed } from '../../platform/seed.ts';
import { involvementRequests } from '../plans/plans.schema.ts';
import { caseSettings, decisionRequests, decisionTypes, decisions, dialogueContacts, letters } from './decisions.schema.ts';

export const seed: ModuleSeed = { name: 'decisions', after: ['identity', 'plans'], run: seedDecisions };

// Scenario 2 (shared/SCENARIOS.md): the UU counsellor Rasmus has Mads motivated for a cooking
// course; he registers the request for the jobcenter himself, urgent, in his own words. It is
// left open so the guided demo can play it: Kasper Lund books a joint meeting, records the
// dialogue and grants. Beside it: a request the jobcenter has let run past its deadline, and
// decided ones (with their dialogue and letters) so the figures are not empty. Dates count back
// from today; ids are demo ids. Decision type ids: demoId('decision-type:<key>') — kursus,
// merudgifter, familiebehandling — for other seeds (complaints) to refer to.

const types: { key: string; name: string; legalBasis: string; unit: string; period: DeadlinePeriod }[] = [
  { key: 'kursus', name: 'Vejledning og opkvalificering (kursus)', legalBasis: 'Lov om en aktiv beskæftigelsesindsats, kapitel 11', unit: 'jobcenter', period: { kind: 'weeks', weeks: 4 } },
  { key: 'merudgifter', name: 'Dækning af merudgifter', legalBasis: 'Serviceloven § 100', unit: 'voksen', period: { kind: 'weeks', weeks: 8 } },
  { key: 'familiebehandling', name: 'Familiebehandling', legalBasis: 'Barnets lov § 32', unit: 'familie', period: { kind: 'weeks', weeks: 8 } },
];
const unitOfType = Object.fromEntries(types.map((t) => [t.key, t.unit]));
const unitNames: Record<string, string> = { jobcenter: 'Jobcenter Fjordby', voksen: 'Voksen- og Handicapafdelingen', familie: 'Familieafdelingen' };
const staffNames: Record<string, string> = { kasper: 'Kasper Lund', lars: 'Lars Østergaard', mette: 'Mette Dahl' };
const citizenNames: Record<string, string> = { mads: 'Mads Jensen', michael: 'Michael Sørensen', emil: 'Emil Rasmussen', jonas: 'Jonas Pedersen', katrine: 'Katrine Mortensen', amina: 'Amina Yusuf' };

interface DemoRequest {
  key: string;
  citizen: keyof typeof citizenNames;
  type: string;
  description: string;
  urgency?: 'urgent';
  urgencyNote?: string;
  /** Staff key and their unit; none: the citizen applied in Sammen. */
  by?: [string, string];
  onBehalfOf?: string;
  /** Calendar days before today, or working days. */
  received: number | { workingDays: number };
  dialogue?: { kind: 'phone' | 'meeting'; daysAgo: number; facts: string; proposal: string; summary: string };
  decision?: { by: string; daysAgo: number; outcome: DecisionOutcome; considerations: string; keyFacts: string };
}

const requests: DemoRequest[] = [
  {
    key: 'mads', citizen: 'mads', type: 'kursus', by: ['rasmus', 'uu'], received: { workingDays: 3 }, urgency: 'urgent',
    description: 'Mads søger om at starte på FGU madspor (forberedende grunduddannelse) fra januar.',
    urgencyNote: 'Mads er klar nu. Han har selv fundet madsporet og været med til en prøvedag. Hvis han skal vente to måneder, mister vi ham igen.',
  },
  {
    key: 'michael', citizen: 'michael', type: 'kursus', by: ['thomas', 'jobcenter'], received: 70,
    description: 'Truckcertifikat, så Michael kan søge lagerjob igen, når han er klar.',
  },
  {
    key: 'emil', citizen: 'emil', type: 'kursus', by: ['kasper', 'jobcenter'], received: 40,
    description: 'Kursus i kundeservice (3 uger) som forberedelse til praktik.',
    dialogue: { kind: 'meeting', daysAgo: 24, facts: 'Emil vil gerne arbejde med mennesker. Han har ingen erfaring med kundeservice.', proposal: 'Starte med en praktik i en butik.', summary: 'Emil tager kurset først og starter i praktik bagefter.' },
    decision: { by: 'kasper', daysAgo: 21, outcome: 'granted', considerations: 'Kurset giver dig det, du mangler for at komme i praktik.', keyFacts: 'Du vil gerne arbejde med mennesker. Du har ikke prøvet kundeservice før.' },
  },
  {
    key: 'jonas', citizen: 'jonas', type: 'kursus', received: 55,
    description: 'Jeg vil gerne tage kørekort til lastbil.',
    dialogue: { kind: 'phone', daysAgo: 33, facts: 'Jonas har ikke almindeligt kørekort endnu.', proposal: 'Tage almindeligt kørekort først.', summary: 'Lastbilkørekort kræver almindeligt kørekort. Vi ser på det igen bagefter.' },
    decision: { by: 'kasper', daysAgo: 30, outcome: 'refused', considerations: 'Du skal have almindeligt kørekort, før du kan tage kørekort til lastbil.', keyFacts: 'Du har ikke kørekort endnu. Det talte vi om i telefonen.' },
  },
  {
    key: 'katrine', citizen: 'katrine', type: 'merudgifter', by: ['lars', 'voksen'], received: 110,
    description: 'Merudgifter til særlig kost og transport til behandling.',
    dialogue: { kind: 'phone', daysAgo: 40, facts: 'Katrine har kvitteringer for transporten. Kosten er ordineret af lægen.', proposal: 'Få dækket transporten hver måned.', summary: 'Vi dækker transport og kost efter kvitteringer.' },
    decision: { by: 'lars', daysAgo: 38, outcome: 'partlyGranted', considerations: 'Du får dækket transport og kost. Du får ikke dækket taxa, fordi der går en bus.', keyFacts: 'Lægen har ordineret kosten. Der går en bus til hospitalet.' },
  },
  {
    key: 'amina', citizen: 'amina', type: 'familiebehandling', by: ['louise', 'familie'], received: 12,
    description: 'Amina ønsker hjælp til rutiner for familien efter flytningen.',
  },
];

/** The day `n` working days before `today` (for Mads: received three working days ago). */
function workingDaysBack(today: string, n: number) {
  let day = today;
  while (workingDaysBetween(day, today, DEFAULT_WORKING_DAY_RULES) < n) day = addDays(day, -1);
  return day;
}

async function seedDecisions(tx: Db, { municipalityId, demoId }: Demo) {
  const today = localDate(Date.now());
  const rules = DEFAULT_WORKING_DAY_RULES;
  await tx.insert(caseSettings).values({ municipalityId, workingDayRules: rules, personalContactDays: DEFAULT_PERSONAL_CONTACT_DAYS });
  await tx.insert(decisionTypes).values(
    types.map((t) => ({
      municipalityId, id: demoId(`decision-type:${t.key}`), name: t.name, legalBasis: t.legalBasis, processingDeadline: t.period,
      unitId: demoId(`unit:${t.unit}`), appealBody: DEFAULT_APPEAL_BODY, complaintDeadline: APPEAL_DEADLINE,
    })),
  );

  let decided = 0;
  for (const r of requests) {
    const type = types.find((t) => t.key === r.type)!;
    const receivedOn = typeof r.received === 'number' ? addDays(today, -r.received) : workingDaysBack(today, r.received.workingDays);
    const due = deadline(type.period, receivedOn, rules);
    const id = demoId(`request:${r.key}`);
    const citizenId = demoId(`citizen:${r.citizen}`);
    const unit = unitOfType[r.type]!;
    await tx.insert(decisionRequests).values({
      municipalityId, id, citizenId, decisionTypeId: demoId(`decision-type:${r.type}`), unitId: demoId(`unit:${unit}`), description: r.description,
      urgency: r.urgency ?? 'normal', urgencyNote: r.urgencyNote ?? '', byCitizen: !r.by, registeredBy: r.by ? demoId(`staff:${r.by[0]}`) : null,
      requesterUnitId: r.by ? demoId(`unit:${r.by[1]}`) : null, onBehalfOf: r.onBehalfOf ? demoId(`staff:${r.onBehalfOf}`) : null,
      receivedOn, dueOn: due.due, deadline: due, status: r.decision ? 'decided' : 'open', decidedOn: r.decision ? addDays(today, -r.decision.daysAgo) : null,
    });
    const contactId = demoId(`dialogue:${r.key}`);
    if (r.dialogue) {
      await tx.insert(dialogueContacts).values({
        municipalityId, id: contactId, requestId: id, citizenId, kind: r.dialogue.kind, contactOn: addDays(today, -r.dialogue.daysAgo), factsChecked: r.dialogue.facts,
        citizenProposal: r.dialogue.proposal, agreedSummary: r.dialogue.summary, recordedBy: demoId(`staff:${r.decision?.by ?? 'kasper'}`),
        recordedAt: new Date(`${addDays(today, -r.dialogue.daysAgo)}T12:00:00Z`),
      });
    }
    if (r.decision) {
      const decidedOn = addDays(today, -r.decision.daysAgo);
      const guidance = appealGuidance({ appealBody: DEFAULT_APPEAL_BODY, complaintDeadline: APPEAL_DEADLINE, unitName: unitNames[unit]! }, decidedOn, rules).text;
      const decisionId = demoId(`decision:${r.key}`);
      const letterId = demoId(`letter:decision:${r.key}`);
      const text = decisionLetter({
        citizenName: citizenNames[r.citizen]!, typeName: type.name, outcome: r.decision.outcome, legalBasis: type.legalBasis, considerations: r.decision.considerations,
        keyFacts: r.decision.keyFacts, decidedOn, efforts: [], appealGuidance: guidance, unitName: unitNames[unit]!, caseworkerName: staffNames[r.decision.by]!,
      });
      await tx.insert(decisions).values({
        municipalityId, id: decisionId, requestId: id, citizenId, decisionTypeId: demoId(`decision-type:${r.type}`), unitId: demoId(`unit:${unit}`), status: 'issued',
        outcome: r.decision.outcome, legalBasis: type.legalBasis, considerations: r.decision.considerations, keyFacts: r.decision.keyFacts, lix: reasonsLix(r.decision),
        decidedOn, decidedBy: demoId(`staff:${r.decision.by}`), dialogueContactId: r.dialogue ? contactId : null, appealGuidance: guidance,
        complaintDeadline: deadline(APPEAL_DEADLINE, decidedOn, rules), letterId, draftedBy: demoId(`staff:${r.decision.by}`),
      });
      await tx.insert(letters).values({
        municipalityId, id: letterId, citizenId, kind: 'decision', subjectType: 'decision', subjectId: decisionId, title: text.title, body: text.body, lix: text.lix,
        createdBy: demoId(`staff:${r.decision.by}`), createdAt: new Date(`${decidedOn}T12:00:00Z`),
      });
      decided += 1;
    }
  }
  // The jobcenter pays Mads's education allowance and is in his plan (Rasmus accepted it): so
  // Kasper can book the joint meeting with Mads and Rasmus in Mads's calendar (decisions/0011).
  await tx.insert(involvementRequests).values({
    municipalityId, id: demoId('involvement:mads:jobcenter'), planId: demoId('plan:mads'), unitId: demoId('unit:jobcenter'), requestedById: demoId('staff:kasper'),
    reason: 'Jobcentret udbetaler uddannelseshjælp til Mads og skal træffe afgørelse om kurset.', createdAt: new Date(`${addDays(today, -20)}T09:00:00Z`),
    decision: 'accepted', decidedAt: new Date(`${addDays(today, -19)}T09:00:00Z`), decidedById: demoId('staff:rasmus'),
  });
  return { decisionTypes: types.length, requests: requests.length, decisions: decided };
}
