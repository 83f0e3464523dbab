import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { NetworkPerson, NetworkView } from '@sammen/domain/network';
import { today } from '../plans/parts.tsx';
import { hasEnded, layoutNetwork, step, type PlacedGroup } from './layout.ts';
import { useNetworkWords, type NetworkNs } from './parts.tsx';

// The network as a picture: the citizen in the centre, the units around, the people outside
// their unit. Every person is a button (Tab, or the arrow keys between them); choosing one shows
// their details beside the map. The list on the same page says the same, for anyone who prefers
// it. Kinds of people differ by shape and a legend in words, never by colour alone.

const kindsInLegend: NetworkPerson['kind'][] = ['staff', 'partner', 'relative', 'volunteer', 'other'];

/** The mark for a kind of person, centred on 0,0. */
function Mark({ kind, ended, size = 20 }: { kind: NetworkPerson['kind']; ended: boolean; size?: number }) {
  const cls = `sammen-map-mark sammen-map-mark-${kind}${ended ? ' sammen-map-mark-ended' : ''}`;
  const s = size;
  switch (kind) {
    case 'staff':
      return <circle className={cls} r={s} />;
    case 'partner':
      return <rect className={cls} x={-s * 0.9} y={-s * 0.9} width={s * 1.8} height={s * 1.8} rx={3} />;
    case 'relative':
      return <polygon className={cls} points={`0,${-s * 1.15} ${s * 1.15},0 0,${s * 1.15} ${-s * 1.15},0`} />;
    case 'volunteer':
      return <polygon className={cls} points={`0,${-s * 1.15} ${s * 1.1},${s * 0.85} ${-s * 1.1},${s * 0.85}`} />;
    default: {
      const pts = Array.from({ length: 6 }, (_, i) => `${Math.round(s * Math.cos((Math.PI / 3) * i) * 10) / 10},${Math.round(s * Math.sin((Math.PI / 3) * i) * 10) / 10}`).join(' ');
      return <polygon className={cls} points={pts} />;
    }
  }
}

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase())
    .filter((_, i, all) => i === 0 || i === all.length - 1)
    .join('');

/** Shortened at a word boundary, so the visible words are whole words of the accessible name. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  // One long word is shown whole: half a word would not match what a screen reader says.
  if (space <= max / 3) return text;
  return `${cut.slice(0, space).replace(/[\s,.;:–-]+$/, '')}…`;
}

/** A unit's name on two lines at most, broken between words. */
function lines(text: string, max: number): string[] {
  const words = text.split(/\s+/);
  const out: string[] = [];
  let line = '';
  for (const w of words) {
    if (!line) line = w;
    else if (`${line} ${w}`.length <= max) line = `${line} ${w}`;
    else {
      out.push(line);
      line = w;
    }
  }
  if (line) out.push(line);
  return out.length > 2 ? [out[0]!, clip(out.slice(1).join(' '), max)] : out;
}

export function NetworkMap({ view, ns, renderDetails }: { view: NetworkView; ns: NetworkNs; renderDetails: (person: NetworkPerson, headingId: string) => ReactNode }) {
  const { t } = useTranslation();
  const words = useNetworkWords(ns);
  const id = useId();
  const container = useRef<HTMLDivElement>(null);
  const details = useRef<HTMLDivElement>(null);
  const nodes = useRef<(SVGGElement | null)[]>([]);
  const [width, setWidth] = useState(900);
  const [selected, setSelected] = useState<string>();
  const now = today();

  // The layout follows the width in steps of 100px, so a resize does not redraw on every pixel.
  useEffect(() => {
    const el = container.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const w = Math.max(600, Math.round((entry?.contentRect.width ?? 900) / 100) * 100);
      setWidth(w);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const layout = useMemo(() => layoutNetwork(view, { width, height: Math.round(width * 0.8) }), [view, width]);
  const chosen = layout.people.find((p) => p.person.key === selected)?.person;

  function choose(key: string, pointer: boolean) {
    setSelected(key === selected ? undefined : key);
    // On a tablet the details may sit below the map: bring them into view after a tap.
    if (pointer) setTimeout(() => details.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' }));
  }

  function onKey(e: KeyboardEvent<SVGGElement>, index: number, key: string) {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      choose(key, false);
      return;
    }
    const next = step(layout.people.length, index, e.key);
    if (next !== undefined) {
      e.preventDefault();
      nodes.current[next]?.focus();
    }
  }

  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const detailsHeading = `${id}-details`;
  const groupOf = new Map(layout.groups.map((g) => [g.key, g]));

  return (
    <div className="sammen-map-layout">
      <div className="sammen-map" ref={container}>
        <p className="form-hint" id={`${id}-help`}>
          {t(`${ns}.map.help`)}
        </p>
        <svg
          className="sammen-map-svg"
          viewBox={`${layout.box.x} ${layout.box.y} ${layout.box.width} ${layout.box.height}`}
          role="group"
          aria-labelledby={titleId}
          aria-describedby={`${descId} ${id}-help`}
        >
          <title id={titleId}>{t(`${ns}.map.title`, { name: view.citizen.name })}</title>
          <desc id={descId}>{t(`${ns}.map.description`, { count: view.people.length, name: view.citizen.name })}</desc>
          <g aria-hidden="true" className="sammen-map-links">
            {layout.groups.map((g) => (
              <line key={g.key} x1={layout.center.x} y1={layout.center.y} x2={g.x} y2={g.y} />
            ))}
            {layout.people.map((p) => {
              const g = groupOf.get(p.groupKey)!;
              return <line key={`${p.groupKey}|${p.person.key}`} x1={g.x} y1={g.y} x2={p.x} y2={p.y} />;
            })}
          </g>
          <g aria-hidden="true">
            {layout.groups.map((g) => (
              <GroupHub key={g.key} group={g} name={words.groupName(g)} relation={g.relation ? t(`${ns}.relations.${g.relation}`) : ''} />
            ))}
            <g className="sammen-map-citizen" transform={`translate(${layout.center.x} ${layout.center.y})`}>
              <circle r={44} />
              <text className="sammen-map-initials" y={6}>
                {initials(view.citizen.name)}
              </text>
              <text className="sammen-map-name" y={66}>
                {view.citizen.name}
              </text>
            </g>
          </g>
          {layout.people.map((p, i) => {
            const ended = hasEnded(p.person, now);
            const isSelected = p.person.key === selected;
            // The accessible name starts with the visible label (name, then role or "Stoppet"), as WCAG 2.5.3 asks.
            return (
              <g
                key={`${p.groupKey}|${p.person.key}`}
                ref={(el) => {
                  nodes.current[i] = el;
                }}
                className="sammen-map-node"
                transform={`translate(${p.x} ${p.y})`}
                role="button"
                tabIndex={0}
                aria-label={words.accessibleName(p.person, ended)}
                aria-pressed={isSelected}
                aria-controls={detailsHeading}
                onClick={(e) => choose(p.person.key, e.detail > 0)}
                onKeyDown={(e) => onKey(e, i, p.person.key)}
              >
                {/* The whole mark and its label answer a tap: at least 44 by 44 px. */}
                <rect className="sammen-map-hit" x={-64} y={-28} width={128} height={92} rx={6} />
                {/* One text, two lines; the space between them keeps the words apart for assistive technology. */}
                <text y={40}>
                  <tspan className="sammen-map-name" x={0}>
                    {clip(p.person.name, 20)}
                  </tspan>{' '}
                  <tspan className="sammen-map-role" x={0} dy={17}>
                    {ended ? t(`${ns}.map.endedShort`) : clip(p.person.role, 22)}
                  </tspan>
                </text>
              </g>
            );
          })}
          {/* The marks lie over the buttons (a hovered or chosen button's background stays behind them) and let taps through. */}
          <g aria-hidden="true" className="sammen-map-marks">
            {layout.people.map((p) => (
              <g key={`${p.groupKey}|${p.person.key}`} transform={`translate(${p.x} ${p.y})`}>
                <Mark kind={p.person.kind} ended={hasEnded(p.person, now)} />
                <text className="sammen-map-initials" y={5}>
                  {initials(p.person.name)}
                </text>
              </g>
            ))}
          </g>
        </svg>
        <ul className="sammen-map-legend" aria-label={t(`${ns}.map.legend`)}>
          {kindsInLegend.map((k) => (
            <li key={k}>
              <svg viewBox="-14 -14 28 28" width="28" height="28" aria-hidden="true" focusable="false">
                <Mark kind={k} ended={false} size={10} />
              </svg>
              {words.kind(k)}
            </li>
          ))}
          <li>
            <svg viewBox="-14 -14 28 28" width="28" height="28" aria-hidden="true" focusable="false">
              <Mark kind="staff" ended size={10} />
            </svg>
            {t(`${ns}.map.legendEnded`)}
          </li>
        </ul>
      </div>
      <div className="sammen-map-details" ref={details} aria-live="polite">
        {chosen ? (
          <div className="sammen-card">{renderDetails(chosen, detailsHeading)}</div>
        ) : (
          <p id={detailsHeading} className="sammen-muted">
            {t(`${ns}.map.choose`)}
          </p>
        )}
      </div>
    </div>
  );
}

function GroupHub({ group, name, relation }: { group: PlacedGroup; name: string; relation: string }) {
  const nameLines = lines(name, 18);
  const height = 24 + nameLines.length * 17 + (relation ? 16 : 0);
  return (
    <g className={`sammen-map-group sammen-map-group-${group.kind}${group.relation === 'coordinator' ? ' sammen-map-group-coordinator' : ''}`} transform={`translate(${group.x} ${group.y})`}>
      <rect x={-78} y={-height / 2} width={156} height={height} rx={8} />
      {nameLines.map((line, i) => (
        <text key={i} className="sammen-map-group-name" y={-height / 2 + 22 + i * 17}>
          {line}
        </text>
      ))}
      {relation && (
        <text className="sammen-map-group-relation" y={-height / 2 + 22 + nameLines.length * 17}>
          {relation}
        </text>
      )}
    </g>
  );
}
