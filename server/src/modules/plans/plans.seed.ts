import { eq } from 'drizzle-orm';
import type { EffortArea, GoalStatus } from '@sammen/domain/plans';
import type { Db } from '../../platform/db.ts';
import type { Demo, ModuleSeed } from '../../platform/seed.ts';
import { agreements, effortGoals, efforts, followUps, goalDependencies, goals,
  involvementRequests, planChanges, planComments, plans, supportLevels } from './plans.schema.ts';

// Demo plans for the scenarios in shared/SCENARIOS.md: Sara (3, first this then that),
// Michael (1, the collision nobody saw), Mads (2), Gerda (6) and two more in other states.
// Written straight into the tables with back-dated history, as if the plans had lived a while.

export const seed: ModuleSeed = { name: 'plans', after: ['identity'], run: seedPlans };

/** What each demo unit's efforts are about, for consent by area. */
const areaOfUnit: Record<string, EffortArea> = {
  jobcenter: 'work', familie: 'family', bostoette: 'housing', psykiatri: 'health', hjemmepleje: 'health', uu: 'education', sundhedspleje: 'health', voksen: 'other',
};

type Who = `staff:${string}` | `citizen:${string}` | `proxy:${string}`;

interface DemoGoal {
  key: string;
  wording: string;
  by: Who;
  description?: string;
  code?: string;
  status: GoalStatus;
  dependsOn?: string[];
}
interface DemoEffort {
  key: string;
  unit: string;
  title: string;
  kind?: 'effort' | 'exemption';
  responsible?: string;
  legalBasis?: string;
  startsOn: string;
  endsOn?: string;
  goals: string[];
  levels?: [string, string, string?][];
}
interface DemoPlan {
  citizen: string;
  coordinator: string;
  unit: string;
  created: string;
  lifeStory?: [string, Who];
  wishes?: [string, Who];
  disagreementProcedure?: string;
  goals: DemoGoal[];
  efforts: DemoEffort[];
  agreements: [string, string][];
  followUp?: [string, number, string];
  comments?: [Who, 'plan' | 'goal' | 'wishes', string | null, string, string][];
}

const demoPlans: DemoPlan[] = [
  {
    citizen: 'sara',
    coordinator: 'mette',
    unit: 'familie',
    created: '2025-05-12',
    lifeStory: [
      'Jeg er 36 år og mor til William og Ella. Jeg har haft en psykisk sygdom siden jeg var ung. I perioder har jeg haft svært ved at klare hverdagen. Da William var 13, kom han i plejefamilie. Det var det sværeste i mit liv. Nu har jeg det bedre, og jeg tager min medicin.',
      'citizen:sara',
    ],
    wishes: ['Jeg vil have William hjem igen. Jeg vil have en hverdag, hvor vi spiser sammen og kommer op om morgenen. Senere vil jeg gerne arbejde, måske i et køkken.', 'citizen:sara'],
    disagreementProcedure:
      'Uenighed tages op på det fælles møde hver 6. uge. Kan vi ikke blive enige, aftaler lederne af Familieafdelingen og Jobcentret en løsning inden 14 dage. Sara hører om det, før noget bliver besluttet.',
    goals: [
      { key: 'home', wording: 'Faste rutiner derhjemme, så hverdagen hænger sammen', by: 'citizen:sara', description: 'Stabil døgnrytme, struktur på måltider og skolegang for Ella.', status: 'reached' },
      { key: 'william', wording: 'William skal bo hjemme hos mig igen', by: 'citizen:sara', description: 'Hjemgivelse efter anbringelse, med støtte i overgangen.', code: 'SEL-HJEMGIV', status: 'reached', dependsOn: ['home'] },
      { key: 'job', wording: 'Komme i gang med jobtræning, når det hjemme er stabilt', by: 'citizen:sara', description: 'Virksomhedspraktik på deltid med mentor.', status: 'in_progress', dependsOn: ['home'] },
      { key: 'health', wording: 'Have det godt med mig selv og tage min medicin', by: 'staff:nadia', status: 'in_progress' },
    ],
    efforts: [
      { key: 'exempt', unit: 'jobcenter', title: 'Fritaget for beskæftigelsespligt', kind: 'exemption', responsible: 'anne', legalBasis: 'Lov om aktiv beskæftigelsesindsats', startsOn: '2025-05-15', endsOn: '2026-05-31', goals: ['home'] },
      { key: 'consultant', unit: 'familie', title: 'Familiekonsulent i hjemmet', responsible: 'louise', legalBasis: 'Barnets lov § 32', startsOn: '2025-09-01', endsOn: '2026-02-28', goals: ['home', 'william'] },
      { key: 'relief', unit: 'familie', title: 'Aflastning for Ella hver anden weekend', responsible: 'sofie', legalBasis: 'Barnets lov § 32', startsOn: '2025-06-01', endsOn: '2026-03-31', goals: ['home'] },
      { key: 'housing', unit: 'bostoette', title: 'Bostøtte', responsible: 'camilla', legalBasis: 'Serviceloven § 85', startsOn: '2025-05-15', goals: ['home', 'health'],
        levels: [['Pakke 5', '2025-05-15', 'Besøg fire gange om ugen'], ['Pakke 3', '2025-12-01', 'Rutinerne holder'], ['Pakke 2', '2026-08-01', 'William er hjemme; færre besøg']] },
      { key: 'psych', unit: 'psykiatri', title: 'Ambulant behandling i psykiatrien', responsible: 'nadia', legalBasis: 'Sundhedsloven', startsOn: '2025-03-01', goals: ['health'] },
      { key: 'training', unit: 'jobcenter', title: 'Jobtræning 15 timer om ugen i kantine', responsible: 'anne', legalBasis: 'Lov om aktiv beskæftigelsesindsats', startsOn: '2026-06-01', goals: ['job'],
        levels: [['10 timer', '2026-06-01'], ['15 timer', '2026-09-01', 'Går godt']] },
    ],
    agreements: [
      ['familie', 'Familieafdelingen indkalder til fælles møde hver 6. uge med Sara, Jobcentret og psykiatrien.'],
      ['jobcenter', 'Jobcentret starter først jobtræning, når målet om faste rutiner er nået.'],
      ['psykiatri', 'Psykiatrien står for medicin og behandling og siger til, hvis Sara får det dårligere.'],
    ],
    followUp: ['mette', 3, 'Månedlig opfølgning med Sara'],
    comments: [
      ['citizen:sara', 'goal', 'job', 'Jeg glæder mig, men jeg er også nervøs for at skulle møde tidligt.', '2026-05-20'],
      ['staff:anne', 'goal', 'job', 'Vi starter med 10 timer og ser, hvordan det går.', '2026-05-22'],
    ],
  },
  {
    citizen: 'michael',
    coordinator: 'anne',
    unit: 'jobcenter',
    created: '2026-08-04',
    lifeStory: ['Jeg har arbejdet som lagermand i 15 år. Sidste år blev jeg skilt, og jeg fik en depression. Mine børn bor hos deres mor. Min diabetes er svær at styre, når jeg har det dårligt.', 'citizen:michael'],
    wishes: ['Jeg vil se mine børn og være en god far. Jeg vil have et arbejde igen, men først skal jeg have det bedre.', 'citizen:michael'],
    disagreementProcedure: 'Tovholderen samler parterne inden for en uge. Michael er med, når der skal findes en løsning.',
    goals: [
      { key: 'family', wording: 'Stabilisere familiesituationen først', by: 'citizen:michael', description: 'Samvær med børnene på plads; forældreevneundersøgelse gennemført.', status: 'in_progress' },
      { key: 'diabetes', wording: 'Få styr på min diabetes', by: 'citizen:michael', status: 'in_progress' },
      { key: 'work', wording: 'Komme tilbage i arbejde på et lager', by: 'citizen:michael', status: 'not_started', dependsOn: ['family', 'diabetes'] },
    ],
    efforts: [
      { key: 'activation', unit: 'jobcenter', title: 'Aktivering tre formiddage om ugen', responsible: 'anne', legalBasis: 'Lov om aktiv beskæftigelsesindsats', startsOn: '2026-09-01', goals: ['work'] },
      { key: 'mentor', unit: 'jobcenter', title: 'Mentor', responsible: 'thomas', legalBasis: 'Lov om aktiv beskæftigelsesindsats § 31', startsOn: '2026-09-01', goals: ['work', 'family'] },
      { key: 'assessment', unit: 'familie', title: 'Forældreevneundersøgelse', responsible: 'mette', legalBasis: 'Barnets lov § 20', startsOn: '2026-10-01', endsOn: '2027-01-31', goals: ['family'] },
      { key: 'nurse', unit: 'hjemmepleje', title: 'Hjemmesygepleje: diabetes', responsible: 'hanne', legalBasis: 'Sundhedsloven § 138', startsOn: '2026-08-15', goals: ['diabetes'], levels: [['2 besøg om ugen', '2026-08-15']] },
      { key: 'social', unit: 'voksen', title: 'Samtaler med socialrådgiver', responsible: 'lars', legalBasis: 'Serviceloven § 10', startsOn: '2026-08-20', goals: ['family'] },
    ],
    agreements: [
      ['jobcenter', 'Jobcentret er tovholder og samler alle aftaler i planen.'],
      ['familie', 'Familieafdelingen lægger møder, så de ikke falder på aktiveringsdage.'],
    ],
    followUp: ['anne', 1, 'Tjek at møderne ikke kolliderer med aktivering'],
    comments: [['proxy:grethe', 'plan', null, 'Michael sover dårligt for tiden. Kan mødet flyttes til eftermiddag?', '2026-11-10']],
  },
  {
    citizen: 'mads',
    coordinator: 'rasmus',
    unit: 'uu',
    created: '2026-09-15',
    lifeStory: ['Jeg droppede ud af teknisk skole. Jeg har været hjemme i et år og spillet meget.', 'citizen:mads'],
    wishes: ['Jeg vil gerne lære at lave mad. Måske blive kok.', 'citizen:mads'],
    goals: [
      { key: 'course', wording: 'Starte på et kokkekursus', by: 'citizen:mads', description: 'Forberedende grunduddannelse (FGU), madspor.', status: 'not_started' },
      { key: 'routine', wording: 'Komme op om morgenen', by: 'citizen:mads', status: 'in_progress' },
    ],
    efforts: [{ key: 'guidance', unit: 'uu', title: 'Vejledningssamtaler hver uge', responsible: 'rasmus', startsOn: '2026-09-15', goals: ['course', 'routine'] }],
    agreements: [['uu', 'UU søger om FGU-forløb og følger op hver uge.']],
    followUp: ['rasmus', 2, 'Ring til Mads om svar på ansøgningen'],
  },
  {
    citizen: 'gerda',
    coordinator: 'tina',
    unit: 'hjemmepleje',
    created: '2026-10-01',
    lifeStory: ['Jeg har boet i Fjordby hele mit liv og var syerske. Min mand døde for tre år siden. Jeg elsker mine roser.', 'proxy:hans-jorgen'],
    wishes: ['Jeg vil blive boende i mit hus og passe min have så længe som muligt.', 'citizen:gerda'],
    goals: [
      { key: 'home', wording: 'Blive boende i mit eget hus', by: 'citizen:gerda', status: 'in_progress' },
      { key: 'garden', wording: 'Kunne gå ud i haven hver dag', by: 'citizen:gerda', description: 'Træning af gang og balance.', status: 'in_progress' },
    ],
    efforts: [
      { key: 'care', unit: 'hjemmepleje', title: 'Hjemmehjælp morgen og aften', responsible: 'maria', legalBasis: 'Serviceloven § 83', startsOn: '2026-10-01', goals: ['home'], levels: [['Morgen og aften', '2026-10-01']] },
    ],
    agreements: [['hjemmepleje', 'Hjemmeplejen starter hvert besøg med at spørge, hvordan Gerda har det.']],
  },
  {
    citizen: 'lone',
    coordinator: 'kasper',
    unit: 'jobcenter',
    created: '2026-02-02',
    wishes: ['Jeg vil have ro på økonomien og et job med faste timer.', 'citizen:lone'],
    goals: [
      { key: 'economy', wording: 'Ro på økonomien', by: 'citizen:lone', status: 'paused' },
      { key: 'job', wording: 'Et job med faste timer', by: 'citizen:lone', status: 'in_progress' },
    ],
    efforts: [{ key: 'course', unit: 'jobcenter', title: 'Jobsøgningskursus', responsible: 'kasper', startsOn: '2026-03-01', endsOn: '2026-05-31', goals: ['job'] }],
    agreements: [],
  },
  {
    citizen: 'emil',
    coordinator: 'kasper',
    unit: 'jobcenter',
    created: '2026-10-20',
    goals: [{ key: 'talk', wording: 'Finde ud af, hvad jeg vil', by: 'staff:kasper', status: 'not_started' }],
    efforts: [],
    agreements: [],
  },
];

async function seedPlans(tx: Db, { municipalityId, demoId }: Demo) {
  const person = (who: Who) => {
    const [kind, key] = who.split(':') as ['staff' | 'citizen' | 'proxy', string];
    return { kind, id: demoId(`${kind}:${key}`) };
  };
  const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  for (const p of demoPlans) {
    const planId = demoId(`plan:${p.citizen}`);
    const coordinator = person(`staff:${p.coordinator}`);
    const goalId = (key: string) => demoId(`goal:${p.citizen}:${key}`);
    const effortId = (key: string) => demoId(`effort:${p.citizen}:${key}`);
    const at = (date: string) => new Date(`${date}T09:00:00Z`);
    // Versions are given once every change is written down, in date order (see below).
    const history: (typeof planChanges.$inferInsert)[] = [];
    const change = (date: string, who: { kind: 'staff' | 'citizen' | 'proxy'; id: string }, changeType: string, targetType: string, targetId: string | null, after: unknown, before: unknown = null) => {
      history.push({ municipalityId, planId, version: 0, actorKind: who.kind, actorId: who.id, changeType, targetType, targetId, before, after, at: at(date < p.created ? p.created : date) });
    };
    history.push({ municipalityId, planId, version: 0, actorKind: 'staff', actorId: coordinator.id, changeType: 'plan.created', targetType: 'plan', targetId: planId, after: {}, at: at(p.created) });

    await tx.insert(plans).values({
      municipalityId,
      id: planId,
      citizenId: demoId(`citizen:${p.citizen}`),
      coordinatorId: coordinator.id,
      coordinatorUnitId: demoId(`unit:${p.unit}`),
      disagreementProcedure: p.disagreementProcedure ?? '',
      createdAt: at(p.created),
      ...(p.lifeStory ? { lifeStory: p.lifeStory[0], lifeStoryAuthorKind: person(p.lifeStory[1]).kind, lifeStoryAuthorId: person(p.lifeStory[1]).id, lifeStoryUpdatedAt: at(p.created) } : {}),
      ...(p.wishes ? { wishes: p.wishes[0], wishesAuthorKind: person(p.wishes[1]).kind, wishesAuthorId: person(p.wishes[1]).id, wishesUpdatedAt: at(p.created) } : {}),
    });
    if (p.lifeStory) change(p.created, person(p.lifeStory[1]), 'lifeStory.changed', 'life_story', null, p.lifeStory[0]);
    if (p.wishes) change(p.created, person(p.wishes[1]), 'wishes.changed', 'wishes', null, p.wishes[0]);

    for (const [i, g] of p.goals.entries()) {
      const author = person(g.by);
      await tx.insert(goals).values({
        municipalityId, id: goalId(g.key), planId, position: i + 1, wording: g.wording, wordingAuthorKind: author.kind, wordingAuthorId: author.id,
        professionalDescription: g.description ?? '', classificationCode: g.code ?? null, status: g.status,
        statusChangedByKind: 'staff', statusChangedById: coordinator.id, statusChangedAt: at(p.created), createdAt: at(p.created),
      });
      change(p.created, author, 'goal.added', 'goal', goalId(g.key), { wording: g.wording });
      if (g.status !== 'not_started') change(p.created, coordinator, 'goal.statusChanged', 'goal', goalId(g.key), g.status, 'not_started');
    }
    for (const g of p.goals) {
      for (const d of g.dependsOn ?? []) await tx.insert(goalDependencies).values({ municipalityId, goalId: goalId(g.key), dependsOnGoalId: goalId(d) });
    }
    for (const e of p.efforts) {
      await tx.insert(efforts).values({
        municipalityId, id: effortId(e.key), planId, unitId: demoId(`unit:${e.unit}`), responsibleStaffId: e.responsible ? demoId(`staff:${e.responsible}`) : null,
        title: e.title, kind: e.kind ?? 'effort', area: areaOfUnit[e.unit] ?? 'other', legalBasis: e.legalBasis ?? '', startsOn: e.startsOn, endsOn: e.endsOn ?? null, createdAt: at(e.startsOn),
      });
      await tx.insert(effortGoals).values(e.goals.map((g) => ({ municipalityId, effortId: effortId(e.key), goalId: goalId(g) })));
      change(e.startsOn, coordinator, 'effort.added', 'effort', effortId(e.key), { title: e.title, startsOn: e.startsOn });
      for (const [level, validFrom, note] of e.levels ?? []) {
        await tx.insert(supportLevels).values({ municipalityId, effortId: effortId(e.key), level, validFrom, note: note ?? '', recordedByKind: 'staff', recordedById: coordinator.id, recordedAt: at(validFrom) });
        change(validFrom, coordinator, 'effort.supportLevelChanged', 'effort', effortId(e.key), { level, validFrom });
      }
    }
    for (const [unit, text] of p.agreements) {
      await tx.insert(agreements).values({ municipalityId, planId, responsibleUnitId: demoId(`unit:${unit}`), text, createdAt: at(p.created) });
      change(p.created, coordinator, 'agreement.added', 'agreement', null, { text });
    }
    if (p.followUp) {
      const [staffKey, inDays, note] = p.followUp;
      await tx.insert(followUps).values({ municipalityId, planId, staffId: demoId(`staff:${staffKey}`), dueOn: dayOffset(inDays), note });
    }
    for (const [who, targetType, targetKey, text, date] of p.comments ?? []) {
      const author = person(who);
      const targetId = targetKey ? goalId(targetKey) : null;
      await tx.insert(planComments).values({ municipalityId, planId, authorKind: author.kind, authorId: author.id, targetType, targetId, text, createdAt: at(date) });
      change(date, author, 'comment.added', targetType, targetId, { text });
    }
    // The history is written by hand, so it is put in order here (issue 11: it showed version 16
    // twice and versions out of date order): sorted by date (stable, so a day's changes keep the
    // order they were written in), a minute apart within a day, and each its own version, 1, 2, 3…
    // — seeded comments too, so no two rows of the history show the same version.
    history.sort((a, b) => (a.at as Date).getTime() - (b.at as Date).getTime());
    let previous = 0;
    for (const [i, h] of history.entries()) {
      const t = Math.max((h.at as Date).getTime(), previous + 60_000);
      h.at = new Date(t);
      h.version = i + 1;
      previous = t;
    }
    await tx.insert(planChanges).values(history);
    await tx.update(plans).set({ version: history.length, updatedAt: history.at(-1)!.at as Date }).where(eq(plans.id, planId));
  }
  // Home care's nurse found that Michael already has a plan (Anne coordinates it) and asked to be
  // part of it for his diabetes: waiting in Anne's work list.
  await tx.insert(involvementRequests).values({
    municipalityId,
    id: demoId('involvement:michael:hjemmepleje'),
    planId: demoId('plan:michael'),
    unitId: demoId('unit:hjemmepleje'),
    requestedById: demoId('staff:hanne'),
    reason: 'Vi skal hjælpe Michael med insulin og blodsukker om morgenen og vil gerne koordinere tiderne med jobcentret.',
  });
  return { plans: demoPlans.length, involvementRequests: 1 };
}
