// LIX, the Scandinavian readability index: words per sentence plus the percentage of long
// words (more than six letters). Under 25 is very easy (children's books), 35–44 is plain
// newspaper text, 45–54 is hard (official documents), 55+ very hard.

export const DEFAULT_LIX_THRESHOLD = 45;

export interface Readability {
  lix: number;
  words: number;
  sentences: number;
  longWords: number;
}

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;
const LETTER = /\p{L}/gu;

/** LIX for a Danish text. Empty text is 0. Headlines and list items without a full stop count as sentences. */
export function readability(text: string): Readability {
  const words = text.match(WORD) ?? [];
  if (!words.length) return { lix: 0, words: 0, sentences: 0, longWords: 0 };
  // A sentence ends at . ! ? : or a line break; a number like "3.5" or an abbreviation mid-sentence is rare enough in plan text.
  const sentences = Math.max(1, text.split(/[.!?:]+(?=\s|$)|\n+/).filter((s) => s.match(WORD)).length);
  const longWords = words.filter((w) => (w.match(LETTER) ?? []).length > 6).length;
  const lix = words.length / sentences + (longWords * 100) / words.length;
  return { lix: Math.round(lix), words: words.length, sentences, longWords };
}

export function lixLevel(lix: number): 'very_easy' | 'easy' | 'medium' | 'hard' | 'very_hard' {
  if (lix < 25) return 'very_easy';
  if (lix < 35) return 'easy';
  if (lix < 45) return 'medium';
  if (lix < 55) return 'hard';
  return 'very_hard';
}
