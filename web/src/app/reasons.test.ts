import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { addEffortInput, addGoalInput, updateGoalInput } from '@sammen/domain/plans';
import { giveConsentInput } from '@sammen/domain/consent';
import { topField, validate } from './reasons.ts';

// The form's own check must give the same reason keys the server gives for the same contract,
// so a refused field reads the same whichever side refused it.

const goal = '6f1c1b5e-8d3a-4c2e-9f4a-1b2c3d4e5f60';
const problems = (schema: z.ZodType, values: unknown) => {
  const checked = validate(schema, values);
  return checked.ok ? [] : checked.problems;
};

describe('zod issues become reasons', () => {
  test('an empty or blank text is required; a long one is too long, with its limit', () => {
    expect(problems(addGoalInput, { baseVersion: 1, wording: '   ' })).toEqual([{ field: 'wording', reason: 'required' }]);
    expect(problems(addGoalInput, { baseVersion: 1, wording: 'x'.repeat(501) })).toEqual([{ field: 'wording', reason: 'tooLong', params: { max: 500 } }]);
  });

  test('a text below its minimum is too short, with the minimum', () => {
    expect(problems(giveConsentInput, { recipientUnitId: goal, sections: ['goals'], purpose: 'kort', startsOn: '2026-01-01' })).toEqual([
      { field: 'purpose', reason: 'tooShort', params: { min: 10 } },
    ]);
  });

  test('lists, numbers, dates, choices and ids', () => {
    const effort = { baseVersion: 1, unitId: '', title: 'Mentor', startsOn: '2026-02-30', goalIds: [], kind: 'other' };
    expect(problems(addEffortInput, effort)).toEqual([
      { field: 'kind', reason: 'invalidValue' },
      { field: 'unitId', reason: 'required' },
      { field: 'startsOn', reason: 'invalidDate' },
      { field: 'goalIds', reason: 'tooFew', params: { min: 1 } },
    ]);
    expect(problems(updateGoalInput, { baseVersion: 1, position: 0 })).toEqual([{ field: 'position', reason: 'tooSmall', params: { min: 1 } }]);
    expect(problems(updateGoalInput, { baseVersion: 1, dependsOn: Array(21).fill(goal) })).toEqual([{ field: 'dependsOn', reason: 'tooMany', params: { max: 20 } }]);
    expect(problems(updateGoalInput, { baseVersion: 1, dependsOn: ['nope'] })).toEqual([{ field: 'dependsOn.0', reason: 'invalidFormat' }]);
    expect(problems(updateGoalInput, { baseVersion: 1, position: 'first' })).toEqual([{ field: 'position', reason: 'invalidType' }]);
    expect(problems(updateGoalInput, {})).toEqual([{ field: 'baseVersion', reason: 'required' }]);
  });

  test('an unknown field is named, as the server names it', () => {
    expect(problems(updateGoalInput, { baseVersion: 1, colour: 'red' })).toEqual([{ field: 'colour', reason: 'unknownField' }]);
  });

  test('a rule of the contract gives the reason it names, with its params; without one, no reason', () => {
    const rule = z.object({ n: z.number() }).refine((v) => v.n > 2, { path: ['n'], params: { reason: 'tooSmall', min: 3, note: { nested: true } } });
    expect(problems(rule, { n: 1 })).toEqual([{ field: 'n', reason: 'tooSmall', params: { min: 3 } }]);
    expect(problems(z.object({ n: z.number() }).refine(() => false, { path: ['n'], params: { reason: 'notAReason' } }), { n: 1 })).toEqual([{ field: 'n' }]);
    expect(problems(z.object({ n: z.number() }).refine(() => false, { path: ['n'] }), { n: 1 })).toEqual([{ field: 'n' }]);
  });

  test('a form field is the first part of the path', () => {
    expect(topField({ field: 'dependsOn.0' })).toBe('dependsOn');
    expect(topField({})).toBeUndefined();
  });
});
