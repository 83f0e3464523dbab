import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AsymmetryView, WaveResultsView } from '@sammen/domain/coordination';
import { AlertIcon } from '../../app/AlertIcon.tsx';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { apiErrorOf } from '../calendar/calendar.api.ts';
import { useCalendarFormat } from '../calendar/format.ts';
import { resultsCsvPath, useTrends } from './coordination.api.ts';
import { formatCoefficient, formatScore, langOf, localeOf, responseRate, signedScore, type HeatView } from './coordination.format.ts';
import { GroupNetworkMap } from './GroupNetworkMap.tsx';
import { HeatMap, HeatViewToggle, ScrollRegion } from './HeatMap.tsx';
import { TrendChart } from './TrendChart.tsx';
import './coordination.css';

// A closed wave's results, in the order they are read: what was asked and who answered, the
// asymmetries first (the pairs that see their collaboration differently), then the heat map and
// the network map (one toggle for both), each group's scores, the change across waves, how much
// to trust the numbers (alpha, agreement, ties not counted), the download, and the wording's
// name and licence. Every number here was made by the server from shown cells only. A viewer who
// sees their own group only gets no index, alpha or count of ties left out (made of every shown
// cell, they would narrow down the cells between other groups): those lines are left out for them.

export function WaveResults({ results, manages }: { results: WaveResultsView; manages: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const locale = localeOf(lang);
  const f = useCalendarFormat();
  const [view, setView] = useState<HeatView>('all');
  const { wave } = results;
  const names = new Map(wave.groups.map((g) => [g.id, g.name]));
  const nameOf = (id: string) => names.get(id) ?? t('coordination.results.unknownGroup');
  const rate = responseRate(wave.answered, wave.invited);
  const threshold = results.settings.anonymityThreshold;
  const ownGroupOnly = results.visibility === 'ownGroup';

  return (
    <>
      <dl className="sammen-facts">
        <dt>{t('coordination.wave.focalWork')}</dt>
        <dd>{wave.focalWork}</dd>
        <dt>{t('coordination.wave.instrument')}</dt>
        <dd>{results.instrument.name[lang]}</dd>
        <dt>{t('coordination.wave.status')}</dt>
        <dd>{t('coordination.wave.closedOn', { date: f.date(wave.closedAt ?? wave.closesOn) })}</dd>
        <dt>{t('coordination.wave.answered')}</dt>
        <dd>{t('coordination.results.answeredValue', { answered: wave.answered, invited: wave.invited, pct: rate ?? 0 })}</dd>
        {!ownGroupOnly && (
          <>
            <dt>{t('coordination.results.index')}</dt>
            <dd>
              {results.index === null ? t('coordination.results.noIndex') : formatScore(results.index, locale)}
              {results.previous && results.previous.index !== null && results.index !== null && (
                <span className="sammen-muted"> {t('coordination.results.indexChange', { change: signedScore(results.index - results.previous.index, locale), name: results.previous.name })}</span>
              )}
            </dd>
          </>
        )}
      </dl>
      {ownGroupOnly && (
        <div className="alert alert-info">
          <AlertIcon variant="info" />
          <div className="alert-body">
            <p className="alert-text">{t('coordination.results.ownGroupOnly', { group: results.ownGroupId ? nameOf(results.ownGroupId) : '' })}</p>
          </div>
        </div>
      )}
      <p className="sammen-muted">{t('coordination.results.privacy', { threshold })}</p>

      <section className="sammen-section" aria-labelledby="results-asymmetries-heading">
        <h2 id="results-asymmetries-heading">{t('coordination.results.asymmetriesHeading')}</h2>
        <p>{t('coordination.results.asymmetriesIntro', { flag: formatScore(results.settings.asymmetryFlag, locale) })}</p>
        <Asymmetries asymmetries={results.asymmetries} nameOf={nameOf} />
      </section>

      <section className="sammen-section" aria-labelledby="results-heat-heading">
        <h2 id="results-heat-heading">{t('coordination.results.heatHeading')}</h2>
        <p>{t('coordination.results.heatIntro')}</p>
        <HeatViewToggle value={view} onChange={setView} />
        <p className="sammen-coordination-bands">
          {t('coordination.results.bandsExplained', {
            moderate: formatScore(results.settings.bands.moderateFrom, locale),
            strong: formatScore(results.settings.bands.strongFrom, locale),
            comparator: t(`coordination.results.comparators.${results.settings.bands.boundary}`),
          })}
        </p>
        <HeatMap results={results} view={view} nameOf={nameOf} />
      </section>

      <section className="sammen-section" aria-labelledby="results-map-heading">
        <h2 id="results-map-heading">{t('coordination.results.mapHeading')}</h2>
        <p>{t('coordination.results.mapIntro')}</p>
        <GroupNetworkMap results={results} view={view} nameOf={nameOf} />
      </section>

      <section className="sammen-section" aria-labelledby="results-groups-heading">
        <h2 id="results-groups-heading">{t('coordination.results.groupsHeading')}</h2>
        <GroupScores results={results} nameOf={nameOf} />
      </section>

      {manages && (
        <section className="sammen-section" aria-labelledby="results-trends-heading">
          <h2 id="results-trends-heading">{t('coordination.trends.heading')}</h2>
          <p>{t('coordination.trends.intro', { instrument: results.instrument.name[lang] })}</p>
          <Trends instrumentId={wave.instrument.id} waveId={wave.id} nameOf={(id, fallback) => names.get(id) ?? fallback} />
        </section>
      )}

      <section className="sammen-section" aria-labelledby="results-trust-heading">
        <h2 id="results-trust-heading">{t('coordination.results.trustHeading')}</h2>
        <ul className="sammen-coordination-notes">
          {!ownGroupOnly && (
            <li>
              {results.reliability.alpha === null
                ? t('coordination.results.alphaNone', { ties: results.reliability.ties })
                : t('coordination.results.alpha', { alpha: formatCoefficient(results.reliability.alpha, locale), ties: results.reliability.ties })}
            </li>
          )}
          <li>{t('coordination.results.agreement', { flag: formatCoefficient(results.settings.agreementFlag, locale) })}</li>
          {results.excludedTies > 0 && <li>{t('coordination.results.excluded', { count: results.excludedTies, min: results.settings.minAnsweredItems })}</li>}
          <li>{t('coordination.results.hiddenNote', { threshold })}</li>
        </ul>
      </section>

      <section className="sammen-section" aria-labelledby="results-download-heading">
        <h2 id="results-download-heading">{t('coordination.results.downloadHeading')}</h2>
        <p>{t('coordination.results.downloadIntro')}</p>
        <p>
          <a href={resultsCsvPath(wave.id, lang)} download>
            {t('coordination.results.download', { name: wave.name })}
          </a>
        </p>
      </section>

      <section className="sammen-section" aria-labelledby="results-wording-heading">
        <h2 id="results-wording-heading">{t('coordination.results.wordingHeading')}</h2>
        <p>
          <strong>{results.instrument.name[lang]}</strong>
        </p>
        {results.instrument.wordingSource === 'sammen' && <p className="sammen-coordination-licence">{t('coordination.licence.sammen')}</p>}
        <p>{results.instrument.licence}</p>
      </section>
    </>
  );
}

function Asymmetries({ asymmetries, nameOf }: { asymmetries: AsymmetryView[]; nameOf: (id: string) => string }) {
  const { t } = useTranslation();
  if (asymmetries.length === 0) return <p>{t('coordination.results.noAsymmetries')}</p>;
  // The flagged pairs are what to talk about; the rest are there for whoever wants them.
  const flagged = asymmetries.filter((a) => a.flagged);
  const rest = asymmetries.filter((a) => !a.flagged);
  return (
    <>
      {flagged.length === 0 ? <p>{t('coordination.results.noneFlagged')}</p> : <AsymmetryList asymmetries={flagged} nameOf={nameOf} />}
      {rest.length > 0 && (
        <details className="sammen-coordination-more-pairs">
          <summary>{t('coordination.results.otherPairs', { count: rest.length })}</summary>
          <AsymmetryList asymmetries={rest} nameOf={nameOf} />
        </details>
      )}
    </>
  );
}

function AsymmetryList({ asymmetries, nameOf }: { asymmetries: AsymmetryView[]; nameOf: (id: string) => string }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(langOf(i18n.language));
  const s = (n: number) => formatScore(n, locale);
  return (
    <ul className="sammen-cards sammen-coordination-asymmetries">
      {asymmetries.map((a) => {
        const pair = { a: nameOf(a.a), b: nameOf(a.b) };
        const dims = a.dimensions.filter((d) => d.flagged && d.difference !== null);
        return (
          <li key={`${a.a}|${a.b}`} className={`sammen-card${a.flagged ? ' sammen-coordination-flagged' : ''}`}>
            <p className="sammen-card-title">
              {a.flagged && (
                <span className="badge badge-warning">
                  <span aria-hidden="true">⚠ </span>
                  {t('coordination.results.flagged')}
                </span>
              )}{' '}
              {t('coordination.results.pair', pair)}
            </p>
            <p>
              {t('coordination.results.aToB', { ...pair, score: s(a.aToB) })} {t('coordination.results.bToA', { ...pair, score: s(a.bToA) })}{' '}
              <strong>{t('coordination.results.difference', { difference: s(Math.abs(a.difference)) })}</strong>
            </p>
            {dims.length > 0 && (
              <p className="sammen-muted">
                {t('coordination.results.dimensionsFlagged', {
                  list: dims.map((d) => `${t(`coordination.dimensions.${d.dimension}`)} (${signedScore(d.difference!, locale)})`).join(', '),
                  a: pair.a,
                })}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function GroupScores({ results, nameOf }: { results: WaveResultsView; nameOf: (id: string) => string }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(langOf(i18n.language));
  const score = (v: number | null) => (v === null ? t('coordination.results.noIndex') : formatScore(v, locale));
  const caption = t('coordination.results.groupsCaption');
  const byId = new Map(results.wave.groups.map((g) => [g.id, g]));
  return (
    <ScrollRegion label={caption}>
      <table className="table table--zebra sammen-coordination-groups">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('coordination.wave.group')}</th>
            <th scope="col" className="sammen-number">
              {t('coordination.results.respondents')}
            </th>
            <th scope="col" className="sammen-number">
              {t('coordination.results.asRater')}
            </th>
            <th scope="col" className="sammen-number">
              {t('coordination.results.asRated')}
            </th>
          </tr>
        </thead>
        <tbody>
          {results.groups.map((g) => {
            const invited = byId.get(g.groupId)?.invited;
            return (
              <tr key={g.groupId}>
                <th scope="row">{nameOf(g.groupId)}</th>
                <td className="sammen-number">{invited === undefined ? g.respondents : t('coordination.results.respondentsOf', { answered: g.respondents, invited })}</td>
                <td className="sammen-number">{score(g.asRater)}</td>
                <td className="sammen-number">{score(g.asRated)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function Trends({ instrumentId, waveId, nameOf }: { instrumentId: string; waveId: string; nameOf: (id: string, fallback: string) => string }) {
  const trends = useTrends(instrumentId);
  if (trends.isPending) return <Loading />;
  if (trends.isError) return <ErrorAlert error={apiErrorOf(trends.error)} />;
  return <TrendChart trends={trends.data} currentWaveId={waveId} nameOf={nameOf} />;
}
