import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { WaveResultsView } from '@sammen/domain/coordination';
import { flaggedPairs, formatScore, heatCell, heatViews, langOf, localeOf, previousScore, resultMatrix, type HeatCell, type HeatView } from './coordination.format.ts';
import './coordination.css';

// The heat map: rating groups in the rows, rated groups in the columns, in the same order, so a
// pair's two directions mirror each other across the diagonal (the group's own, within-group tie,
// kept apart). Each cell says its score, its band in words (the colour only repeats it) and its
// n; a cell with too few respondents says it is hidden and shows no number. The toggle shows one
// of the seven dimensions instead of the overall score, to see which one drives a weak tie.

/** "Samlet" and the seven dimensions, as a radio group (its own fieldset and legend). */
export function HeatViewToggle({ value, onChange }: { value: HeatView; onChange: (v: HeatView) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className="form-group sammen-coordination-toggle">
      <legend className="form-label">{t('coordination.results.viewLegend')}</legend>
      <ul className="nobullet-list sammen-radios">
        {heatViews.map((v) => (
          <li key={v}>
            <input id={`${id}-${v}`} className="form-radio" type="radio" name={`${id}-view`} checked={value === v} onChange={() => onChange(v)} />
            <label htmlFor={`${id}-${v}`}>{v === 'all' ? t('coordination.results.viewAll') : t(`coordination.dimensions.${v}`)}</label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** A wide table's scroll area: its own region with a name, reachable by keyboard, as on a tablet it scrolls sideways. */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="sammen-coordination-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

export function HeatMap({ results, view, nameOf }: { results: WaveResultsView; view: HeatView; nameOf: (groupId: string) => string }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(langOf(i18n.language));
  const rows = resultMatrix(results);
  const flagged = flaggedPairs(results.asymmetries, view);
  const viewName = view === 'all' ? t('coordination.results.viewAll') : t(`coordination.dimensions.${view}`);
  const caption = t('coordination.results.heatCaption', { view: viewName });
  const threshold = results.settings.anonymityThreshold;

  return (
    <ScrollRegion label={caption}>
      <table className="table sammen-coordination-heat">
        <caption>
          {caption}
          <span className="sammen-coordination-caption-note">{t('coordination.results.heatHow')}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col" className="sammen-coordination-corner">
              {t('coordination.results.corner')}
            </th>
            {rows.map((r) => (
              <th key={r.raterGroupId} scope="col">
                {nameOf(r.raterGroupId)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.raterGroupId}>
              <th scope="row">{nameOf(row.raterGroupId)}</th>
              {row.cells.map((c) => {
                if (c.outOfView) {
                  return (
                    <td key={c.ratedGroupId} className="sammen-heat-cell sammen-heat-out">
                      {t('coordination.results.outOfView')}
                    </td>
                  );
                }
                const shown = heatCell(c.cell, view, results.settings.bands);
                const before = view === 'all' && !c.within ? previousScore(results.previous, row.raterGroupId, c.ratedGroupId) : undefined;
                return (
                  <Cell
                    key={c.ratedGroupId}
                    cell={shown}
                    within={c.within}
                    flagged={flagged.has(`${row.raterGroupId}|${c.ratedGroupId}`)}
                    before={before === undefined ? undefined : formatScore(before, locale)}
                    threshold={threshold}
                    locale={locale}
                  />
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function Cell({ cell, within, flagged, before, threshold, locale }: { cell: HeatCell; within: boolean; flagged: boolean; before?: string; threshold: number; locale: string }) {
  const { t } = useTranslation();
  const withinMark = within && <span className="sammen-heat-within">{t('coordination.results.within')}</span>;
  switch (cell.kind) {
    case 'none':
      return (
        <td className={`sammen-heat-cell sammen-heat-none${within ? ' sammen-heat-diagonal' : ''}`}>
          {withinMark}
          <span className="sammen-heat-note">{t('coordination.results.noTies')}</span>
        </td>
      );
    case 'hidden':
      return (
        <td className={`sammen-heat-cell sammen-heat-hidden${within ? ' sammen-heat-diagonal' : ''}`}>
          {withinMark}
          <span className="sammen-heat-note">{t('coordination.results.hidden', { threshold })}</span>
        </td>
      );
    case 'noScore':
      return (
        <td className={`sammen-heat-cell sammen-heat-none${within ? ' sammen-heat-diagonal' : ''}`}>
          {withinMark}
          <span className="sammen-heat-note">{t('coordination.results.noScore', { threshold })}</span>
          <span className="sammen-heat-n">{t('coordination.results.n', { n: cell.n })}</span>
        </td>
      );
    case 'shown':
      return (
        <td className={`sammen-heat-cell sammen-heat-${cell.band}${within ? ' sammen-heat-diagonal' : ''}${flagged ? ' sammen-heat-flagged' : ''}`}>
          {withinMark}
          <span className="sammen-heat-score">{formatScore(cell.score, locale)}</span>
          <span className="sammen-heat-band">{t(`coordination.bands.${cell.band}`)}</span>
          <span className="sammen-heat-n">{t('coordination.results.n', { n: cell.n })}</span>
          {before !== undefined && <span className="sammen-heat-before">{t('coordination.results.before', { score: before })}</span>}
          {cell.lowAgreement && <span className="sammen-heat-agreement">{t('coordination.results.lowAgreementShort')}</span>}
          {flagged && (
            <span className="sammen-heat-flag">
              <span aria-hidden="true">⚠ </span>
              {t('coordination.results.flaggedShort')}
            </span>
          )}
        </td>
      );
  }
}
