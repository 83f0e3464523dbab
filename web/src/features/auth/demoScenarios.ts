import type { DemoPersona } from './auth.api.ts';

type PersonaKind = DemoPersona['kind'];

// The guided demo on the login page (demo mode only): the stories of shared/SCENARIOS.md the
// product can play today, each with its people in the order the story goes. The people are
// matched by name and kind against /api/auth/demo/personas, so the server needs no list of its
// own; a person the seed no longer has is left out (and web/e2e/demo.test.ts fails).
// The words live in the i18n catalogues under login.guide.<scenario> and login.guide.roles.
// When a module lands, add its scenario here (see STYLE.md, "Growing a module").

export type DemoRole = 'citizen' | 'relative' | 'coordinator' | 'caseworker' | 'housingSupport' | 'mentor' | 'leader' | 'nurse' | 'counsellor';

export interface DemoStep {
  /** The persona's name exactly as the seed has it. */
  name: string;
  kind: PersonaKind;
  /** What the person is in this story, for the button: "Log ind som tovholder Mette Dahl". */
  role: DemoRole;
  /** The i18n key (under login.guide.<scenario>.steps) of what to look for as this person. */
  look: string;
}

export interface DemoScenario {
  /** The i18n key under login.guide: title, story. */
  key: string;
  steps: DemoStep[];
}

export const demoScenarios: DemoScenario[] = [
  {
    key: 'collision',
    steps: [
      { name: 'Mette Dahl', kind: 'staff', role: 'caseworker', look: 'mette' },
      { name: 'Anne Kjær', kind: 'staff', role: 'coordinator', look: 'anne' },
      { name: 'Michael Sørensen', kind: 'citizen', role: 'citizen', look: 'michael' },
    ],
  },
  {
    key: 'waiting',
    steps: [
      { name: 'Rasmus Vestergaard', kind: 'staff', role: 'counsellor', look: 'rasmus' },
      { name: 'Kasper Lund', kind: 'staff', role: 'caseworker', look: 'kasper' },
      { name: 'Mads Jensen', kind: 'citizen', role: 'citizen', look: 'mads' },
      { name: 'Eva Clausen', kind: 'staff', role: 'leader', look: 'eva' },
    ],
  },
  {
    key: 'complaint',
    steps: [
      { name: 'Lone Hansen', kind: 'citizen', role: 'citizen', look: 'lone' },
      { name: 'Lars Østergaard', kind: 'staff', role: 'caseworker', look: 'lars' },
      { name: 'Eva Clausen', kind: 'staff', role: 'leader', look: 'eva' },
    ],
  },
  {
    key: 'feedback',
    steps: [
      { name: 'Kasper Lund', kind: 'staff', role: 'caseworker', look: 'kasper' },
      { name: 'Emil Rasmussen', kind: 'citizen', role: 'citizen', look: 'emil' },
      { name: 'Birgitte Holm', kind: 'staff', role: 'leader', look: 'birgitte' },
    ],
  },
  {
    key: 'coordination',
    steps: [
      { name: 'Eva Clausen', kind: 'staff', role: 'leader', look: 'eva' },
      { name: 'Anne Kjær', kind: 'staff', role: 'coordinator', look: 'anne' },
      { name: 'Emil Rasmussen', kind: 'citizen', role: 'citizen', look: 'emil' },
    ],
  },
  {
    key: 'firstThis',
    steps: [
      { name: 'Sara Nielsen', kind: 'citizen', role: 'citizen', look: 'sara' },
      { name: 'Mette Dahl', kind: 'staff', role: 'coordinator', look: 'mette' },
      { name: 'Anne Kjær', kind: 'staff', role: 'caseworker', look: 'anne' },
      { name: 'Camilla Juhl', kind: 'staff', role: 'housingSupport', look: 'camilla' },
    ],
  },
  {
    key: 'consent',
    steps: [
      { name: 'Sara Nielsen', kind: 'citizen', role: 'citizen', look: 'sara' },
      { name: 'Michael Sørensen', kind: 'citizen', role: 'citizen', look: 'michael' },
    ],
  },
  {
    key: 'breakGlass',
    steps: [
      { name: 'Thomas Berg', kind: 'staff', role: 'mentor', look: 'thomas' },
      { name: 'Birgitte Holm', kind: 'staff', role: 'leader', look: 'birgitte' },
      { name: 'Gerda Andersen', kind: 'citizen', role: 'citizen', look: 'gerda' },
    ],
  },
  {
    key: 'relative',
    steps: [
      { name: 'Hans-Jørgen Andersen', kind: 'proxy', role: 'relative', look: 'hansJorgen' },
      { name: 'Gerda Andersen', kind: 'citizen', role: 'citizen', look: 'gerda' },
      { name: 'Tina Krogh', kind: 'staff', role: 'coordinator', look: 'tina' },
    ],
  },
  {
    key: 'handOver',
    steps: [
      { name: 'Rasmus Vestergaard', kind: 'staff', role: 'counsellor', look: 'rasmus' },
      { name: 'Mads Jensen', kind: 'citizen', role: 'citizen', look: 'mads' },
      { name: 'Lene Jensen', kind: 'proxy', role: 'relative', look: 'lene' },
    ],
  },
  {
    key: 'askToJoin',
    steps: [
      { name: 'Hanne Poulsen', kind: 'staff', role: 'nurse', look: 'hanne' },
      { name: 'Anne Kjær', kind: 'staff', role: 'coordinator', look: 'anne' },
    ],
  },
];
