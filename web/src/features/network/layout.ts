import { forceCollide, forceLink, forceRadial, forceSimulation, forceX, forceY, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3-force';
import type { NetworkPerson, NetworkView } from '@sammen/domain/network';

// Where everyone sits on the network map: the citizen in the centre, the units in a ring around
// (a sector each, as wide as its number of people), each person outside their unit, and the
// relatives, volunteers and others in a sector of their own. Pure and deterministic: d3-force
// runs synchronously for a fixed number of ticks with a seeded random source, so the same
// network gives the same picture on every device and in the unit test.

export type GroupKind = 'unit' | 'noUnit' | 'private';
export type UnitRelation = NetworkView['units'][number]['relation'];

export interface NetworkGroup {
  key: string;
  kind: GroupKind;
  /** The unit's name; null for the two groups without a unit. */
  name: string | null;
  /** How the unit is part of the plan; null for a unit only a person names (a partner's). */
  relation: UnitRelation | null;
  people: NetworkPerson[];
}

export interface Point {
  x: number;
  y: number;
}

export interface PlacedGroup extends NetworkGroup, Point {}

export interface PlacedPerson extends Point {
  person: NetworkPerson;
  groupKey: string;
}

export interface NetworkLayout {
  /** The area the nodes use, with room for their labels: use it as the SVG's viewBox. */
  box: { x: number; y: number; width: number; height: number };
  center: Point;
  groups: PlacedGroup[];
  /** In reading order: group by group, clockwise from the top. */
  people: PlacedPerson[];
}

export interface MapSize {
  width: number;
  height: number;
}

const privateKinds: ReadonlySet<NetworkPerson['kind']> = new Set(['relative', 'volunteer', 'other']);
const relationOrder: Record<UnitRelation, number> = { coordinator: 0, effort: 1, involved: 2 };

/**
 * The groups, in the order the list and the map show them: the coordinating unit, units with
 * efforts, involved units, units only a person names, people without a unit, then relatives and
 * others. Empty units of the plan are kept (they are part of the plan, even with nobody named).
 */
export function groupNetwork(view: NetworkView): NetworkGroup[] {
  const units = [...view.units].sort((a, b) => relationOrder[a.relation] - relationOrder[b.relation] || a.name.localeCompare(b.name, 'da'));
  const groups = new Map<string, NetworkGroup>();
  for (const u of units) groups.set(`unit:${u.id}`, { key: `unit:${u.id}`, kind: 'unit', name: u.name, relation: u.relation, people: [] });
  const extra: NetworkGroup[] = [];
  const noUnit: NetworkGroup = { key: 'noUnit', kind: 'noUnit', name: null, relation: null, people: [] };
  const others: NetworkGroup = { key: 'private', kind: 'private', name: null, relation: null, people: [] };
  for (const p of view.people) {
    if (privateKinds.has(p.kind)) others.people.push(p);
    else if (!p.unit) noUnit.people.push(p);
    else {
      const key = `unit:${p.unit.id}`;
      let g = groups.get(key);
      if (!g) {
        g = { key, kind: 'unit', name: p.unit.name, relation: null, people: [] };
        groups.set(key, g);
        extra.push(g);
      }
      g.people.push(p);
    }
  }
  extra.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'da'));
  const ordered = [...units.map((u) => groups.get(`unit:${u.id}`)!), ...extra];
  if (noUnit.people.length) ordered.push(noUnit);
  if (others.people.length) ordered.push(others);
  return ordered;
}

/** A small seeded generator (mulberry32): the same numbers on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SimNode extends SimulationNodeDatum {
  id: string;
  type: 'citizen' | 'group' | 'person';
  ring: number;
  home: Point;
  size: number;
}

/** Half the width a person's label needs; the collision radius keeps labels apart. */
const PERSON_RADIUS = 62;
const GROUP_RADIUS = 80;
const TICKS = 300;

export function layoutNetwork(view: NetworkView, size: MapSize): NetworkLayout {
  const groups = groupNetwork(view);
  const center = { x: size.width / 2, y: size.height / 2 };
  const base = Math.min(size.width, size.height);
  const groupRing = Math.max(180, base * 0.28);
  const personRing = Math.max(groupRing + 150, base * 0.5);

  // Each group gets a sector as wide as its people (an empty unit counts as one), clockwise from the top.
  const weights = groups.map((g) => Math.max(1, g.people.length));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const at = (angle: number, r: number): Point => ({ x: center.x + r * Math.sin(angle), y: center.y - r * Math.cos(angle) });

  const nodes: SimNode[] = [{ id: 'citizen', type: 'citizen', ring: 0, home: center, size: 70, x: center.x, y: center.y, fx: center.x, fy: center.y }];
  const links: SimulationLinkDatum<SimNode>[] = [];
  let start = 0;
  groups.forEach((g, gi) => {
    const sweep = (2 * Math.PI * weights[gi]!) / total;
    const mid = start + sweep / 2;
    const home = at(mid, groupRing);
    nodes.push({ id: g.key, type: 'group', ring: groupRing, home, size: GROUP_RADIUS, ...home });
    links.push({ source: 'citizen', target: g.key });
    // Crowded sectors put every other person on an outer ring, so labels do not overlap.
    const arc = (sweep * personRing) / Math.max(1, g.people.length);
    const stagger = arc < PERSON_RADIUS * 2 ? 110 : 0;
    g.people.forEach((p, pi) => {
      const angle = start + (sweep * (pi + 0.5)) / g.people.length;
      const ring = personRing + (pi % 2 === 1 ? stagger : 0);
      const pos = at(angle, ring);
      nodes.push({ id: `${g.key}|${p.key}`, type: 'person', ring, home: pos, size: PERSON_RADIUS, ...pos });
      links.push({ source: g.key, target: `${g.key}|${p.key}` });
    });
    start += sweep;
  });

  const simulation = forceSimulation<SimNode>(nodes)
    .stop()
    .randomSource(seededRandom(13))
    .force('radial', forceRadial<SimNode>((n) => n.ring, center.x, center.y).strength((n) => (n.type === 'citizen' ? 0 : 0.8)))
    .force('collide', forceCollide<SimNode>((n) => n.size).iterations(2))
    .force(
      'link',
      forceLink<SimNode, SimulationLinkDatum<SimNode>>(links)
        .id((n) => n.id)
        .distance((l) => ((l.source as SimNode).type === 'citizen' ? groupRing : personRing - groupRing))
        .strength(0.2),
    )
    // Keeps every node near its sector, so a group's people stay together around it.
    .force('x', forceX<SimNode>((n) => n.home.x).strength(0.25))
    .force('y', forceY<SimNode>((n) => n.home.y).strength(0.25));
  simulation.tick(TICKS);

  const round = (v: number | undefined) => Math.round((v ?? 0) * 10) / 10;
  const byId = new Map(nodes.map((n) => [n.id, { x: round(n.x), y: round(n.y) }]));
  const placedGroups: PlacedGroup[] = groups.map((g) => ({ ...g, ...byId.get(g.key)! }));
  const people: PlacedPerson[] = groups.flatMap((g) => g.people.map((p) => ({ person: p, groupKey: g.key, ...byId.get(`${g.key}|${p.key}`)! })));

  // The box around every node and its label (labels sit below a person's mark).
  const xs = [center.x, ...placedGroups.map((g) => g.x), ...people.map((p) => p.x)];
  const ys = [center.y, ...placedGroups.map((g) => g.y), ...people.map((p) => p.y)];
  const minX = Math.floor(Math.min(...xs) - PERSON_RADIUS - 24);
  const maxX = Math.ceil(Math.max(...xs) + PERSON_RADIUS + 24);
  const minY = Math.floor(Math.min(...ys) - 50);
  const maxY = Math.ceil(Math.max(...ys) + 80);
  return { box: { x: minX, y: minY, width: maxX - minX, height: maxY - minY }, center, groups: placedGroups, people };
}

/** The next person for the arrow keys: forwards or backwards in reading order, wrapping round. */
export function step(count: number, index: number, key: string): number | undefined {
  if (!count) return undefined;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return (index + 1) % count;
    case 'ArrowLeft':
    case 'ArrowUp':
      return (index - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}

/** A person is no longer part of the network once their last day is before today. */
export const hasEnded = (p: Pick<NetworkPerson, 'until'>, today: string) => p.until !== null && p.until.slice(0, 10) < today;
