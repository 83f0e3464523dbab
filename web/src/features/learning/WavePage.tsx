import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can } from '@sammen/domain/access';
import type { WaveView } from '@sammen/domain/coordination';
import { AlertIcon } from '../../app/AlertIcon.tsx';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { Success } from '../../app/Success.tsx';
import { actorOf, useStaffSession } from '../../app/session.tsx';
import { apiErrorOf } from '../calendar/calendar.api.ts';
import { useCalendarFormat } from '../calendar/format.ts';
import { useCloseWave, useRemindWave, useWave, useWaveResults } from './coordination.api.ts';
import { responseRate } from './coordination.format.ts';
import { WaveResults } from './WaveResults.tsx';
import './coordination.css';

// One wave. Open: how many have answered in each group (asked for again every 15 s — the counts,
// never who), a reminder to those who have not, and closing it (after a confirmation). Closed:
// the results. Staff who do not manage waves come here by link and see the results the
// municipality lets them see; an open wave has none yet.

export function WavePage() {
  const { waveId = '' } = useParams();
  const session = useStaffSession();
  const manages = can(actorOf(session), 'coordination.manage');
  return manages ? <ManagedWave waveId={waveId} /> : <ResultsOnly waveId={waveId} />;
}

function ManagedWave({ waveId }: { waveId: string }) {
  const { t } = useTranslation();
  const wave = useWave(waveId);
  const closed = wave.data?.status === 'closed';
  const results = useWaveResults(waveId, closed);
  const [done, setDone] = useState('');
  const opened = (useLocation().state as { opened?: boolean } | null)?.opened === true;
  const title = wave.data?.name ?? t('coordination.wave.title');
  return (
    <Page title={title}>
      <p>
        <Link to="/samarbejde">{t('coordination.backToLanding')}</Link>
      </p>
      <Success text={done || (opened && wave.data?.status === 'open' ? t('coordination.wave.opened', { count: wave.data.invited }) : '')} />
      {wave.isPending && <Loading />}
      {wave.isError && <ErrorAlert error={apiErrorOf(wave.error)} />}
      {wave.data && wave.data.status === 'open' && <OpenWave wave={wave.data} onDone={setDone} />}
      {closed && results.isPending && <Loading />}
      {closed && results.isError && <ErrorAlert error={apiErrorOf(results.error)} />}
      {results.data && <WaveResults results={results.data} manages />}
    </Page>
  );
}

function ResultsOnly({ waveId }: { waveId: string }) {
  const { t } = useTranslation();
  const results = useWaveResults(waveId);
  return (
    <Page title={results.data?.wave.name ?? t('coordination.wave.title')}>
      <p>
        <Link to="/samarbejde">{t('coordination.backToLanding')}</Link>
      </p>
      {results.isPending && <Loading />}
      {results.isError && <ErrorAlert error={apiErrorOf(results.error)} />}
      {results.data && <WaveResults results={results.data} manages={false} />}
    </Page>
  );
}

function OpenWave({ wave, onDone }: { wave: WaveView; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const f = useCalendarFormat();
  const remind = useRemindWave(wave.id);
  const close = useCloseWave(wave.id);
  const [confirming, setConfirming] = useState(false);
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const total = responseRate(wave.answered, wave.invited);
  return (
    <>
      <dl className="sammen-facts">
        <dt>{t('coordination.wave.focalWork')}</dt>
        <dd>{wave.focalWork}</dd>
        <dt>{t('coordination.wave.instrument')}</dt>
        <dd>{wave.instrument.name[lang]}</dd>
        <dt>{t('coordination.wave.status')}</dt>
        <dd>{t('coordination.wave.openUntil', { date: f.date(wave.closesOn) })}</dd>
        <dt>{t('coordination.wave.reminded')}</dt>
        <dd>{wave.remindedAt ? f.dateTime(wave.remindedAt) : t('coordination.wave.notReminded')}</dd>
      </dl>
      <section className="sammen-section" aria-labelledby="wave-rates-heading">
        <h2 id="wave-rates-heading">{t('coordination.wave.ratesHeading')}</h2>
        <p>{t('coordination.wave.ratesIntro')}</p>
        <div className="table--responsive-scroll">
          <table className="table table--zebra sammen-coordination-rates">
            <caption>{t('coordination.wave.ratesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('coordination.wave.group')}</th>
                <th scope="col" className="sammen-number">
                  {t('coordination.wave.invited')}
                </th>
                <th scope="col" className="sammen-number">
                  {t('coordination.wave.answered')}
                </th>
                <th scope="col" className="sammen-number">
                  {t('coordination.wave.rate')}
                </th>
              </tr>
            </thead>
            <tbody>
              {wave.groups.map((g) => {
                const rate = responseRate(g.answered, g.invited);
                return (
                  <tr key={g.id}>
                    <th scope="row">{g.name}</th>
                    <td className="sammen-number">{g.invited}</td>
                    <td className="sammen-number">{g.answered}</td>
                    <td className="sammen-number">{rate === null ? '–' : `${rate} %`}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('coordination.wave.total')}</th>
                <td className="sammen-number">{wave.invited}</td>
                <td className="sammen-number">{wave.answered}</td>
                <td className="sammen-number">{total === null ? '–' : `${total} %`}</td>
              </tr>
            </tfoot>
          </table>
        </div>
        <p className="sammen-muted">{t('coordination.wave.liveNote')}</p>
      </section>
      <section className="sammen-section" aria-labelledby="wave-actions-heading">
        <h2 id="wave-actions-heading">{t('coordination.wave.actionsHeading')}</h2>
        {remind.isError && <ErrorAlert error={apiErrorOf(remind.error)} />}
        {close.isError && <ErrorAlert error={apiErrorOf(close.error)} />}
        <div className="sammen-coordination-actions">
          <button type="button" className="button button-secondary" disabled={remind.isPending} onClick={() => remind.mutate(undefined, { onSuccess: () => onDone(t('coordination.wave.remindedDone')) })}>
            {t('coordination.wave.remind')}
          </button>
          {!confirming && (
            <button type="button" className="button button-primary" onClick={() => setConfirming(true)}>
              {t('coordination.wave.close')}
            </button>
          )}
        </div>
        {confirming && (
          <div className="alert alert-warning sammen-coordination-confirm" role="group" aria-labelledby="wave-close-confirm">
            <AlertIcon variant="warning" />
            <div className="alert-body">
              <p className="alert-heading" id="wave-close-confirm">
                {t('coordination.wave.confirmHeading')}
              </p>
              <p className="alert-text">{t('coordination.wave.confirmText', { answered: wave.answered, invited: wave.invited })}</p>
              <div className="sammen-coordination-actions">
                <button
                  type="button"
                  className="button button-primary"
                  disabled={close.isPending}
                  onClick={() => close.mutate(undefined, { onSuccess: () => onDone(t('coordination.wave.closedDone')) })}
                  // Focus moves to the confirmation the person just asked for.
                  autoFocus
                >
                  {t('coordination.wave.confirmClose')}
                </button>
                <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
                  {t('coordination.wave.cancel')}
                </button>
              </div>
            </div>
          </div>
        )}
      </section>
    </>
  );
}
