import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can } from '@sammen/domain/access';
import type { WaveView } from '@sammen/domain/coordination';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { actorOf, useStaffSession } from '../../app/session.tsx';
import { apiErrorOf } from '../calendar/calendar.api.ts';
import { useCalendarFormat } from '../calendar/format.ts';
import { useWaves } from './coordination.api.ts';
import { langOf, responseRate } from './coordination.format.ts';
import { InvitationList } from './CoordinationInvitations.tsx';
import './coordination.css';

// "Samarbejde" (every staff member): my open invitations to a coordination survey. Leaders and
// admins also see every wave (open ones with their response rate, closed ones with a way to the
// results), start a new one, and find the groups, the instruments and settings, and the pulse
// overview. Other staff see the closed waves whose results the municipality lets them see.

export function CoordinationPage() {
  const { t } = useTranslation();
  const session = useStaffSession();
  const actor = actorOf(session);
  const manages = can(actor, 'coordination.manage');
  const seesPulses = can(actor, 'coordinationPulse.aggregates');
  return (
    <Page title={t('coordination.landing.title')}>
      <p className="font-lead">{t('coordination.landing.intro')}</p>
      <section className="sammen-section" aria-labelledby="coordination-invitations-heading">
        <h2 id="coordination-invitations-heading">{t('coordination.invitations.heading')}</h2>
        <InvitationList showNone />
      </section>
      {manages ? <Waves /> : <Results />}
      {(manages || seesPulses) && (
        <section className="sammen-section" aria-labelledby="coordination-more-heading">
          <h2 id="coordination-more-heading">{t('coordination.landing.moreHeading')}</h2>
          <ul className="sammen-coordination-links">
            {manages && (
              <>
                <li>
                  <Link to="/samarbejde/grupper">{t('coordination.groups.title')}</Link>
                  <span className="sammen-muted"> — {t('coordination.landing.groupsText')}</span>
                </li>
                <li>
                  <Link to="/samarbejde/instrumenter">{t('coordination.instruments.title')}</Link>
                  <span className="sammen-muted"> — {t('coordination.landing.instrumentsText')}</span>
                </li>
              </>
            )}
            {seesPulses && (
              <li>
                <Link to="/samarbejde/puls">{t('coordination.landing.pulseLink')}</Link>
                <span className="sammen-muted"> — {t('coordination.landing.pulseText')}</span>
              </li>
            )}
          </ul>
        </section>
      )}
    </Page>
  );
}

function Waves() {
  const { t } = useTranslation();
  const waves = useWaves();
  const open = waves.data?.waves.filter((w) => w.status === 'open') ?? [];
  const closed = waves.data?.waves.filter((w) => w.status === 'closed') ?? [];
  return (
    <section className="sammen-section" aria-labelledby="coordination-waves-heading">
      <h2 id="coordination-waves-heading">{t('coordination.landing.wavesHeading')}</h2>
      <p>
        <Link to="/samarbejde/maalinger/ny" className="button button-primary">
          {t('coordination.landing.start')}
        </Link>
      </p>
      {waves.isPending && <Loading />}
      {waves.isError && <ErrorAlert error={apiErrorOf(waves.error)} />}
      {waves.data && waves.data.waves.length === 0 && <p>{t('coordination.landing.noWaves')}</p>}
      {open.length > 0 && <WaveTable waves={open} caption={t('coordination.landing.openCaption')} />}
      {closed.length > 0 && <WaveTable waves={closed} caption={t('coordination.landing.closedCaption')} />}
    </section>
  );
}

/**
 * Staff who do not manage waves: the closed waves whose results they may see (the server lists
 * only those, by the municipality's settings — perhaps none, and then nothing shows here).
 */
function Results() {
  const { t } = useTranslation();
  const waves = useWaves();
  if (!waves.isError && !waves.data?.waves.length) return null;
  return (
    <section className="sammen-section" aria-labelledby="coordination-results-heading">
      <h2 id="coordination-results-heading">{t('coordination.landing.resultsHeading')}</h2>
      {waves.isError && <ErrorAlert error={apiErrorOf(waves.error)} />}
      {waves.data && (
        <>
          <p>{t('coordination.landing.resultsIntro')}</p>
          <WaveTable waves={waves.data.waves} caption={t('coordination.landing.closedCaption')} />
        </>
      )}
    </section>
  );
}

function WaveTable({ waves, caption }: { waves: WaveView[]; caption: string }) {
  const { t, i18n } = useTranslation();
  const f = useCalendarFormat();
  const lang = langOf(i18n.language);
  return (
    <div className="table--responsive-scroll">
      <table className="table table--zebra sammen-coordination-waves">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('coordination.landing.wave')}</th>
            <th scope="col">{t('coordination.landing.instrument')}</th>
            <th scope="col" className="sammen-number">
              {t('coordination.landing.groups')}
            </th>
            <th scope="col">{t('coordination.landing.answered')}</th>
            <th scope="col">{t('coordination.landing.when')}</th>
          </tr>
        </thead>
        <tbody>
          {waves.map((w) => {
            const rate = responseRate(w.answered, w.invited);
            return (
              <tr key={w.id}>
                <th scope="row">
                  <Link to={`/samarbejde/maalinger/${encodeURIComponent(w.id)}`}>{w.name}</Link>
                  <span className="sammen-coordination-sub">{w.focalWork}</span>
                </th>
                <td>{w.instrument.name[lang]}</td>
                <td className="sammen-number">{w.groups.length}</td>
                <td>{t('coordination.landing.answeredValue', { answered: w.answered, invited: w.invited, pct: rate ?? 0 })}</td>
                <td>{w.status === 'open' ? t('coordination.landing.closesOn', { date: f.date(w.closesOn) }) : t('coordination.landing.closedAt', { date: f.date(w.closedAt ?? w.closesOn) })}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
