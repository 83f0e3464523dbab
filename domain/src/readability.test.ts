import { describe, expect, test } from 'vitest';
import { lixLevel, readability } from './readability.ts';

describe('LIX', () => {
  test('words per sentence plus percentage of words longer than six letters', () => {
    // 9 words, 2 sentences, 2 long words (beskæftigelse, arbejdsmarkedet): 4.5 + 22.2 = 26.7
    const r = readability('Jeg vil gerne i beskæftigelse. Først arbejdsmarkedet, så mig.');
    expect(r).toEqual({ words: 9, sentences: 2, longWords: 2, lix: 27 });
  });

  test('short, plain Danish scores low; official Danish scores high', () => {
    expect(readability('Du får hjælp. Vi ringer til dig. Du kan sige nej.').lix).toBeLessThan(20);
    const official =
      'Kommunalbestyrelsen træffer afgørelse om tilkendelse af socialpædagogisk støtte efter servicelovens bestemmelser, ' +
      'herunder vurdering af funktionsevnenedsættelsens karakter og omfang samt borgerens ressourcer og netværk.';
    expect(readability(official).lix).toBeGreaterThan(55);
    expect(lixLevel(readability(official).lix)).toBe('very_hard');
  });

  test('line breaks end sentences; empty text is zero', () => {
    expect(readability('Stabil hverdag\nJobtræning senere').sentences).toBe(2);
    expect(readability('  ').lix).toBe(0);
  });

  test('letters only count toward long words, hyphenated words are one word', () => {
    expect(readability('UU-vejleder 12345678.').longWords).toBe(1);
  });
});
