import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bands, type Band, type WaveResultsView } from '@sammen/domain/coordination';
import { arcBetween, flaggedPairs, formatScore, heatCell, langOf, localeOf, resultMatrix, type HeatView } from './coordination.format.ts';
import { GROUP_BOX, layoutGroups } from './groupNetwork.layout.ts';
import { Select } from '../../app/form.tsx';
import { ScrollRegion } from './HeatMap.tsx';
import './coordination.css';

// The groups as a network: a box per group, and for every pair two directed arcs — how a rates b,
// and how b rates a — bent to opposite sides so both show, each with an arrow head. An arc's band
// is told by its line (strong: thick and solid; moderate: long dashes; weak: short dashes), its
// colour and its number; a hidden tie is a thin dotted grey arc without a number. The picture is
// one image with a name; the table below it says the same in rows, for a screen reader.

const lineOf: Record<Band | 'hidden', { width: number; dash?: string }> = {
  strong: { width: 4 },
  moderate: { width: 2.5, dash: '12 5' },
  weak: { width: 2, dash: '4 4' },
  hidden: { width: 1.5, dash: '1 5' },
};

interface Arc {
  from: string;
  to: string;
  kind: Band | 'hidden';
  score: number | null;
  n: number | null;
  flagged: boolean;
}

/** The arcs of the map: every between-group tie the viewer sees, shown or hidden, in wave order. */
function arcsOf(results: WaveResultsView, view: HeatView): Arc[] {
  const flagged = flaggedPairs(results.asymmetries, view);
  return resultMatrix(results).flatMap((row) =>
    row.cells.flatMap((c): Arc[] => {
      if (c.within || c.outOfView) return [];
      const cell = heatCell(c.cell, view, results.settings.bands);
      const base = { from: row.raterGroupId, to: c.ratedGroupId, flagged: flagged.has(`${row.raterGroupId}|${c.ratedGroupId}`) };
      if (cell.kind === 'hidden') return [{ ...base, kind: 'hidden', score: null, n: null }];
      if (cell.kind === 'shown') return [{ ...base, kind: cell.band, score: cell.score, n: cell.n }];
      return [];
    }),
  );
}

/** A group's name on two lines at most, broken between words. */
function nameLines(name: string, max = 20): string[] {
  const out: string[] = [];
  let line = '';
  for (const w of name.split(/\s+/)) {
    if (!line) line = w;
    else if (`${line} ${w}`.length <= max) line = `${line} ${w}`;
    else {
      out.push(line);
      line = w;
    }
  }
  if (line) out.push(line);
  return out.length > 2 ? [out[0]!, `${out.slice(1).join(' ').slice(0, max - 1)}…`] : out;
}

export function GroupNetworkMap({ results, view, nameOf }: { results: WaveResultsView; view: HeatView; nameOf: (groupId: string) => string }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(langOf(i18n.language));
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const arcs = useMemo(() => arcsOf(results, view), [results, view]);
  const groupIds = useMemo(() => {
    const own = results.visibility === 'ownGroup' ? results.ownGroupId : null;
    // Seeing one's own group only: the map has that group and the groups it has a tie with.
    return own ? results.groupIds.filter((g) => g === own || arcs.some((a) => a.from === g || a.to === g)) : results.groupIds;
  }, [results, arcs]);
  const layout = useMemo(() => layoutGroups(groupIds, arcs, 800), [groupIds, arcs]);
  const at = new Map(layout.groups.map((g) => [g.id, g]));
  // With many groups the arcs crowd the middle: one group's arcs (to and from it) can be shown alone.
  const [focus, setFocus] = useState('');
  const drawn = focus ? arcs.filter((a) => a.from === focus || a.to === focus) : arcs;
  const viewName = view === 'all' ? t('coordination.results.viewAll') : t(`coordination.dimensions.${view}`);
  const shown = drawn.filter((a) => a.kind !== 'hidden');
  const label = [
    t('coordination.results.mapLabel', { groups: groupIds.length, view: viewName, shown: shown.length, hidden: drawn.length - shown.length }),
    focus ? t('coordination.results.mapFocusLabel', { group: nameOf(focus) }) : '',
  ]
    .filter(Boolean)
    .join(' ');
  const tableCaption = focus ? t('coordination.results.mapTableCaptionFocus', { view: viewName, group: nameOf(focus) }) : t('coordination.results.mapTableCaption', { view: viewName });

  return (
    <figure className="sammen-coordination-map">
      {groupIds.length > 2 && (
        <div className="sammen-coordination-map-focus">
          <Select
            label={t('coordination.results.mapFocus')}
            value={focus}
            onChange={setFocus}
            empty={t('coordination.results.mapFocusAll')}
            options={groupIds.map((g) => ({ value: g, label: nameOf(g) }))}
          />
        </div>
      )}
      <svg className="sammen-coordination-map-svg" viewBox={`${layout.box.x} ${layout.box.y} ${layout.box.width} ${layout.box.height}`} role="img" aria-label={label}>
        <defs>
          {[...bands, 'hidden' as const].map((b) => (
            <marker key={b} id={`${id}-arrow-${b}`} viewBox="0 0 10 10" refX="10" refY="5" markerWidth="13" markerHeight="13" markerUnits="userSpaceOnUse" orient="auto">
              <path d="M0,0 L10,5 L0,10 z" className={`sammen-arc-head sammen-arc-${b}`} />
            </marker>
          ))}
        </defs>
        <g>
          {drawn.map((a) => {
            const from = at.get(a.from);
            const to = at.get(a.to);
            if (!from || !to) return null;
            const { d, label: mid } = arcBetween(from, to, GROUP_BOX);
            const line = lineOf[a.kind];
            return (
              <g key={`${a.from}|${a.to}`} className={`sammen-arc sammen-arc-${a.kind}${a.flagged ? ' sammen-arc-flagged' : ''}`}>
                <path d={d} fill="none" strokeWidth={line.width} strokeDasharray={line.dash} markerEnd={`url(#${id}-arrow-${a.kind})`} />
                {a.score !== null && (
                  <g transform={`translate(${mid.x} ${mid.y})`}>
                    <rect x={a.flagged ? -30 : -22} y={-11} width={a.flagged ? 60 : 44} height={22} rx={4} className="sammen-arc-label-bg" />
                    <text y={5} className="sammen-arc-label">
                      {a.flagged ? `⚠ ${formatScore(a.score, locale)}` : formatScore(a.score, locale)}
                    </text>
                  </g>
                )}
              </g>
            );
          })}
        </g>
        <g>
          {layout.groups.map((g) => {
            const lines = nameLines(nameOf(g.id));
            return (
              <g key={g.id} className={`sammen-map-workgroup${g.id === focus ? ' sammen-map-workgroup-focus' : ''}`} transform={`translate(${g.x} ${g.y})`}>
                <rect x={-GROUP_BOX.w} y={-GROUP_BOX.h} width={GROUP_BOX.w * 2} height={GROUP_BOX.h * 2} rx={8} />
                {lines.map((l, i) => (
                  <text key={i} y={(i - (lines.length - 1) / 2) * 17 + 5}>
                    {l}
                  </text>
                ))}
              </g>
            );
          })}
        </g>
      </svg>
      <figcaption>
        <ul className="sammen-coordination-legend" aria-label={t('coordination.results.legend')}>
          {(['strong', 'moderate', 'weak', 'hidden'] as const).map((b) => (
            <li key={b}>
              <svg viewBox="0 0 44 12" width="44" height="12" aria-hidden="true" focusable="false">
                <line x1="2" y1="6" x2="42" y2="6" className={`sammen-arc-${b}`} strokeWidth={lineOf[b].width} strokeDasharray={lineOf[b].dash} />
              </svg>
              {b === 'hidden' ? t('coordination.results.legendHidden', { threshold: results.settings.anonymityThreshold }) : t(`coordination.results.legendBand.${b}`)}
            </li>
          ))}
          <li>
            <span aria-hidden="true">⚠ </span>
            {t('coordination.results.legendFlagged')}
          </li>
        </ul>
        <p className="sammen-muted">{t('coordination.results.mapHow')}</p>
      </figcaption>
      <details className="sammen-coordination-map-table">
        <summary>{t('coordination.results.mapTableSummary')}</summary>
        <ScrollRegion label={tableCaption}>
          <table className="table table--zebra">
            <caption>{tableCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('coordination.results.from')}</th>
                <th scope="col">{t('coordination.results.to')}</th>
                <th scope="col" className="sammen-number">
                  {t('coordination.results.score')}
                </th>
                <th scope="col">{t('coordination.results.band')}</th>
                <th scope="col" className="sammen-number">
                  {t('coordination.results.respondentsN')}
                </th>
                <th scope="col">{t('coordination.results.asymmetry')}</th>
              </tr>
            </thead>
            <tbody>
              {drawn.map((a) => (
                <tr key={`${a.from}|${a.to}`}>
                  <th scope="row">{nameOf(a.from)}</th>
                  <td>{nameOf(a.to)}</td>
                  {a.kind === 'hidden' ? (
                    <td colSpan={3}>{t('coordination.results.hidden', { threshold: results.settings.anonymityThreshold })}</td>
                  ) : (
                    <>
                      <td className="sammen-number">{a.score === null ? '–' : formatScore(a.score, locale)}</td>
                      <td>{t(`coordination.bands.${a.kind}`)}</td>
                      <td className="sammen-number">{a.n}</td>
                    </>
                  )}
                  <td>{a.flagged ? t('coordination.results.flaggedShort') : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </details>
    </figure>
  );
}
