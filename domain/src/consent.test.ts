import { expect, test } from 'vitest';
import { groupVisits, type AccessLogEntry } from './consent.ts';

// Issue 11, point 4: one staff visit to the plan reads several things; the citizen sees one line.

let id = 100;
const read = (readerKey: string, at: string, action = 'plan.read'): AccessLogEntry => ({
  id: id--, at, unit: null, role: 'coordinating', readerKey, personName: null, readerKind: 'staff', action, sections: [], basis: 'coordination', purpose: null,
});

test('reads by one person within half an hour of each other are one visit; others and later reads are their own', () => {
  const entries = [
    read('mette', '2026-11-12T10:20:00Z', 'consent.read'),
    read('anne', '2026-11-12T10:19:00Z'),
    read('mette', '2026-11-12T10:05:00Z', 'plan.history.read'),
    read('mette', '2026-11-12T10:00:00Z'),
    read('mette', '2026-11-12T10:00:00Z'),
    read('mette', '2026-11-12T09:00:00Z'),
  ];
  const visits = groupVisits(entries);
  expect(visits.map((v) => v.reads.length)).toEqual([4, 1, 1]);
  expect(visits[0]!.id).toBe(entries[0]!.id);
  expect(visits.flatMap((v) => v.reads)).toHaveLength(entries.length);
});
