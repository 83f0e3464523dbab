import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3-force';
import { seededRandom } from '../network/layout.ts';
import type { Point } from './coordination.format.ts';

// Where each work group sits on the group network map. The groups start on a circle in the wave's
// order (clockwise from the top) and d3-force pulls groups with shown ties a little together and
// pushes every box apart. Deterministic, as the citizen network map is: a seeded random source
// and a fixed number of ticks, so the same results give the same picture on every screen.

/** Half the width and height of a group's box on the map (its name on up to two lines). */
export const GROUP_BOX = { w: 96, h: 30 };

export interface PlacedWorkGroup extends Point {
  id: string;
}

export interface GroupLayout {
  box: { x: number; y: number; width: number; height: number };
  groups: PlacedWorkGroup[];
}

interface Node extends SimulationNodeDatum {
  id: string;
  home: Point;
}

const TICKS = 300;

export function layoutGroups(groupIds: readonly string[], ties: readonly { from: string; to: string }[], width: number): GroupLayout {
  const count = groupIds.length;
  const center = { x: width / 2, y: width / 2 };
  // Room on the circle for every box, and never a cramped circle for two or three groups.
  const radius = Math.max(170, (count * (GROUP_BOX.w * 2 + 90)) / (2 * Math.PI));
  const nodes: Node[] = groupIds.map((id, i) => {
    const angle = (2 * Math.PI * i) / Math.max(count, 1);
    const home = { x: center.x + radius * Math.sin(angle), y: center.y - radius * Math.cos(angle) };
    return { id, home, ...home };
  });
  const known = new Set(groupIds);
  const seen = new Set<string>();
  const links: SimulationLinkDatum<Node>[] = [];
  for (const t of ties) {
    const pair = [t.from, t.to].sort().join('|');
    if (t.from === t.to || !known.has(t.from) || !known.has(t.to) || seen.has(pair)) continue;
    seen.add(pair);
    links.push({ source: t.from, target: t.to });
  }

  if (count > 1) {
    forceSimulation<Node>(nodes)
      .stop()
      .randomSource(seededRandom(16))
      .force('charge', forceManyBody<Node>().strength(-600))
      .force('collide', forceCollide<Node>(GROUP_BOX.w + 24).iterations(2))
      .force(
        'link',
        forceLink<Node, SimulationLinkDatum<Node>>(links)
          .id((n) => n.id)
          .distance(radius * 1.2)
          .strength(0.05),
      )
      // The circle stays recognisable: every group is drawn back towards its place in wave order.
      .force('x', forceX<Node>((n) => n.home.x).strength(0.3))
      .force('y', forceY<Node>((n) => n.home.y).strength(0.3))
      .tick(TICKS);
  }

  const round = (v: number | undefined) => Math.round((v ?? 0) * 10) / 10;
  const groups = nodes.map((n) => ({ id: n.id, x: round(n.x), y: round(n.y) }));
  // Room for the boxes and for the arcs that bend outside them.
  const margin = 70;
  const xs = groups.map((g) => g.x);
  const ys = groups.map((g) => g.y);
  const minX = Math.floor(Math.min(...xs, center.x) - GROUP_BOX.w - margin);
  const maxX = Math.ceil(Math.max(...xs, center.x) + GROUP_BOX.w + margin);
  const minY = Math.floor(Math.min(...ys, center.y) - GROUP_BOX.h - margin);
  const maxY = Math.ceil(Math.max(...ys, center.y) + GROUP_BOX.h + margin);
  return { box: { x: minX, y: minY, width: maxX - minX, height: maxY - minY }, groups };
}
