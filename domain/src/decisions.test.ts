import { describe, expect, test } from 'vitest';
import {
  appealGuidance,
  breachLetter,
  complaintReceiptLetter,
  decisionLetter,
  decisionTypeInput,
  draftDecisionInput,
  isNegative,
  median,
  reasonsLix,
  recordDialogueInput,
} from './decisions.ts';
import { DEFAULT_WORKING_DAY_RULES } from './workdays.ts';

const rules = DEFAULT_WORKING_DAY_RULES;
const unit = '6f1c1b5e-8d3a-4c2e-9f4a-1b2c3d4e5f60';

describe('which decisions need a dialogue first (DESIGN invariant 6)', () => {
  test('a refusal and a partial grant do; a grant does not', () => {
    expect(isNegative('refused')).toBe(true);
    expect(isNegative('partlyGranted')).toBe(true);
    expect(isNegative('granted')).toBe(false);
  });
});

describe('the contracts refuse what the issue calls bad input', () => {
  test('a decision type with no processing deadline names the field', () => {
    const r = decisionTypeInput.safeParse({ name: 'Kursus', legalBasis: 'LAB kapitel 11', unitId: unit });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['processingDeadline']);
  });
  test('a decision type gets Ankestyrelsen and 4 weeks to complain unless it says otherwise', () => {
    const r = decisionTypeInput.parse({ name: 'Kursus', legalBasis: 'LAB kapitel 11', unitId: unit, processingDeadline: { kind: 'weeks', weeks: 4 } });
    expect(r.appealBody).toBe('Ankestyrelsen');
    expect(r.complaintDeadline).toEqual({ kind: 'weeks', weeks: 4 });
  });
  test('a decision without reasons or legal basis is refused field by field', () => {
    const r = draftDecisionInput.safeParse({ outcome: 'refused', legalBasis: ' ', considerations: '', keyFacts: 'Fakta' });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['considerations', 'legalBasis']);
  });
  test('contact not possible needs a reason; a call needs the facts checked and the agreed summary', () => {
    expect(recordDialogueInput.safeParse({ kind: 'notPossible', reason: '' }).success).toBe(false);
    expect(recordDialogueInput.safeParse({ kind: 'notPossible', reason: 'Tre opkald uden svar', attempts: [{ on: '2026-11-02', how: 'Telefon' }] }).success).toBe(true);
    const call = recordDialogueInput.safeParse({ kind: 'phone', contactOn: '2026-11-02', factsChecked: '', agreedSummary: '' });
    expect(call.success).toBe(false);
    expect(call.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['agreedSummary', 'factsChecked']);
  });
});

describe('appeal guidance (forvaltningsloven § 25) from the decision type', () => {
  test('says where, how and by when — 4 weeks, moved past Easter to the next working day', () => {
    // 4 weeks from Thursday 5 March 2026 is Thursday 2 April 2026, skærtorsdag; then langfredag,
    // the weekend and 2. påskedag: the next working day is Tuesday 7 April 2026.
    const g = appealGuidance({ appealBody: 'Ankestyrelsen', complaintDeadline: { kind: 'weeks', weeks: 4 }, unitName: 'Jobcentret' }, '2026-03-05', rules);
    expect(g.due).toBe('2026-04-07');
    expect(g.text).toContain('tirsdag den 7. april 2026');
    expect(g.text).toContain('Jobcentret');
    expect(g.text).toContain('Ankestyrelsen');
    expect(g.text).toContain('4 uger');
  });
  test('is plain Danish', () => {
    const g = appealGuidance({ appealBody: 'Ankestyrelsen', complaintDeadline: { kind: 'weeks', weeks: 4 }, unitName: 'Jobcentret' }, '2026-11-02', rules);
    expect(reasonsLix({ considerations: g.text, keyFacts: '' })).toBeLessThanOrEqual(40);
  });
});

describe('letters', () => {
  const decision = {
    citizenName: 'Mads Jensen', typeName: 'Kursus', outcome: 'partlyGranted' as const, legalBasis: 'Lov om en aktiv beskæftigelsesindsats, kapitel 11',
    considerations: 'Du får kurset. Du får ikke betalt transport, for du bor tæt på skolen.', keyFacts: 'Du bor 2 km fra skolen.', decidedOn: '2026-11-02',
    efforts: [{ title: 'Kokkekursus', link: 'grants' as const }], appealGuidance: 'Du kan klage.', unitName: 'Jobcentret', caseworkerName: 'Kasper Lund',
  };
  test('the decision letter carries the outcome, the reasons, the legal basis, the efforts and the appeal guidance', () => {
    const l = decisionLetter(decision);
    expect(l.title).toBe('Afgørelse: Kursus');
    for (const part of ['Du får en del af det', decision.considerations, decision.keyFacts, decision.legalBasis, 'Du får: Kokkekursus.', 'Du kan klage.', 'Kasper Lund']) expect(l.body).toContain(part);
    expect(l.lix).toBeGreaterThan(0);
  });
  test('the breach letter says when the decision can be expected', () => {
    const l = breachLetter({ citizenName: 'Mads', typeName: 'Kursus', receivedOn: '2026-09-01', due: '2026-09-29', expectedBy: '2026-11-20', note: '', unitName: 'Jobcentret', caseworkerName: 'Kasper Lund' });
    expect(l.body).toContain('fredag den 20. november 2026');
    expect(l.body).toContain('29. september 2026');
    expect(l.lix).toBeLessThanOrEqual(40);
  });
  test('the complaint receipt names the day we call at the latest, and the reassessment only for a decision', () => {
    const about = complaintReceiptLetter({ citizenName: 'Lone', receivedOn: '2026-04-01', contactBy: '2026-04-07', reassessBy: '2026-04-29', appealBody: 'Ankestyrelsen', unitName: 'Voksen' });
    expect(about.body).toContain('tirsdag den 7. april 2026');
    expect(about.body).toContain('Ankestyrelsen');
    const treatment = complaintReceiptLetter({ citizenName: 'Lone', receivedOn: '2026-04-01', contactBy: '2026-04-07', reassessBy: null, appealBody: null, unitName: 'Voksen' });
    expect(treatment.body).not.toContain('Ankestyrelsen');
    expect(treatment.lix).toBeLessThanOrEqual(40);
  });
});

test('median', () => {
  expect(median([])).toBeNull();
  expect(median([3, 1, 2])).toBe(2);
  expect(median([4, 1, 2, 3])).toBe(2.5);
});
