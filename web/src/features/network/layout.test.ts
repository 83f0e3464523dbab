import { describe, expect, test } from 'vitest';
import { networkView, type NetworkPerson, type NetworkView } from '@sammen/domain/network';
import { groupNetwork, hasEnded, layoutNetwork, seededRandom, step } from './layout.ts';

// Scenario 1: Michael, five professionals from four units, and his mother.

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const jobcenter = { id: uuid(1), name: 'Jobcenter Fjordby' };
const family = { id: uuid(2), name: 'Familieafdelingen' };
const nursing = { id: uuid(3), name: 'Hjemmesygeplejen' };
const adults = { id: uuid(4), name: 'Voksenhandicap' };

const person = (n: number, kind: NetworkPerson['kind'], name: string, role: string, unit: { id: string; name: string } | null, extra: Partial<NetworkPerson> = {}): NetworkPerson => ({
  key: `${kind === 'relative' ? 'proxy' : 'staff'}:${uuid(100 + n)}`,
  kind,
  source: kind === 'relative' ? 'proxy' : 'plan',
  coordinator: false,
  name,
  role,
  title: null,
  unit,
  efforts: [],
  since: '2025-01-01',
  until: null,
  contact: '',
  expects: [],
  next: null,
  ...extra,
});

const michael: NetworkView = networkView.parse({
  citizen: { id: uuid(99), name: 'Michael Sørensen' },
  units: [
    { ...family, relation: 'effort' },
    { ...jobcenter, relation: 'coordinator' },
    { ...nursing, relation: 'effort' },
    { ...adults, relation: 'involved' },
  ],
  people: [
    person(1, 'staff', 'Anne Kjær', 'Sagsbehandler', jobcenter),
    person(2, 'staff', 'Thomas Berg', 'Mentor', jobcenter),
    person(3, 'staff', 'Lise Holm', 'Sagsbehandler, familie', family),
    person(4, 'staff', 'Peter Lund', 'Sygeplejerske', nursing),
    person(5, 'staff', 'Sara Nør', 'Socialrådgiver', adults),
    person(6, 'relative', 'Grethe Sørensen', 'Mor', null),
  ],
  counts: { professionals: 5, caseworkerChanges12Months: 1 },
});

const size = { width: 900, height: 700 };
const distance = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

describe('groupNetwork', () => {
  test('the coordinating unit first, then units with efforts, involved units, and relatives last', () => {
    const groups = groupNetwork(michael);
    expect(groups.map((g) => g.name ?? g.key)).toEqual(['Jobcenter Fjordby', 'Familieafdelingen', 'Hjemmesygeplejen', 'Voksenhandicap', 'private']);
    expect(groups[0]!.people.map((p) => p.name)).toEqual(['Anne Kjær', 'Thomas Berg']);
    expect(groups.at(-1)!.people.map((p) => p.name)).toEqual(['Grethe Sørensen']);
  });

  test('a partner from a unit outside the plan gets its own group; a professional without a unit too', () => {
    const other = { id: uuid(5), name: 'Misbrugscentret' };
    const view = { ...michael, people: [...michael.people, person(7, 'partner', 'Ole Dam', 'Behandler', other), person(8, 'partner', 'Eva Kim', 'Psykolog', null)] };
    const groups = groupNetwork(view);
    expect(groups.map((g) => g.key)).toEqual([`unit:${jobcenter.id}`, `unit:${family.id}`, `unit:${nursing.id}`, `unit:${adults.id}`, `unit:${other.id}`, 'noUnit', 'private']);
    expect(groups.find((g) => g.key === `unit:${other.id}`)!.relation).toBeNull();
  });
});

describe('layoutNetwork', () => {
  const layout = layoutNetwork(michael, size);

  test('is deterministic: the same network gives the same picture', () => {
    expect(layoutNetwork(michael, size)).toEqual(layout);
  });

  test('places the citizen in the centre, units in a ring around, people outside their unit', () => {
    expect(layout.center).toEqual({ x: 450, y: 350 });
    const unitRing = Math.max(...layout.groups.map((g) => distance(g, layout.center)));
    for (const p of layout.people) expect(distance(p, layout.center)).toBeGreaterThan(unitRing);
    expect(layout.people).toHaveLength(6);
  });

  test('every person is nearer their own group than any other group', () => {
    for (const p of layout.people) {
      const own = layout.groups.find((g) => g.key === p.groupKey)!;
      const nearest = [...layout.groups].sort((a, b) => distance(a, p) - distance(b, p))[0]!;
      expect(nearest.key, p.person.name).toBe(own.key);
    }
  });

  test('no two marks overlap, and the box holds them all', () => {
    const marks = [layout.center, ...layout.groups, ...layout.people];
    for (let i = 0; i < marks.length; i++) for (let j = i + 1; j < marks.length; j++) expect(distance(marks[i]!, marks[j]!)).toBeGreaterThan(60);
    const { box } = layout;
    for (const m of marks) {
      expect(m.x).toBeGreaterThan(box.x);
      expect(m.x).toBeLessThan(box.x + box.width);
      expect(m.y).toBeGreaterThan(box.y);
      expect(m.y).toBeLessThan(box.y + box.height);
    }
  });

  test('copes with an empty network and a crowded unit', () => {
    const empty = layoutNetwork({ ...michael, units: [], people: [] }, size);
    expect(empty.groups).toEqual([]);
    expect(empty.people).toEqual([]);
    const crowd = Array.from({ length: 24 }, (_, i) => person(20 + i, 'staff', `Medarbejder ${i}`, 'Hjemmehjælper', nursing));
    const big = layoutNetwork({ ...michael, people: [...michael.people, ...crowd] }, size);
    expect(big.people).toHaveLength(30);
    for (const p of big.people) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
  });
});

describe('helpers', () => {
  test('seededRandom repeats itself and stays in [0, 1)', () => {
    const a = seededRandom(1);
    const b = seededRandom(1);
    const xs = Array.from({ length: 100 }, () => a());
    expect(xs).toEqual(Array.from({ length: 100 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  test('arrow keys move through the people and wrap round', () => {
    expect(step(3, 2, 'ArrowRight')).toBe(0);
    expect(step(3, 0, 'ArrowLeft')).toBe(2);
    expect(step(3, 1, 'End')).toBe(2);
    expect(step(3, 1, 'Home')).toBe(0);
    expect(step(3, 1, 'a')).toBeUndefined();
    expect(step(0, 0, 'ArrowRight')).toBeUndefined();
  });

  test('a person has ended after their last day', () => {
    expect(hasEnded({ until: null }, '2026-03-01')).toBe(false);
    expect(hasEnded({ until: '2026-03-01' }, '2026-03-01')).toBe(false);
    expect(hasEnded({ until: '2026-02-28' }, '2026-03-01')).toBe(true);
  });
});
