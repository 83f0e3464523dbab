import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ComplaintView } from '@sammen/domain/decisions';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Select } from '../../app/form.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { Success } from '../../app/Success.tsx';
import { useCalendarFormat } from '../calendar/format.ts';
import { apiErrorOf, useComplaints, type ComplaintStatusFilter } from './complaints.api.ts';
import { contactOverdue, reassessmentOverdue } from './complaints.rules.ts';
import { TimeLeft } from './ComplaintParts.tsx';

// "Klager": the complaints my unit handles or may see, open or closed — who, about what, when it
// arrived, and the personal-contact deadline with the days left, marked when it has passed.

const filters = ['open', 'closed', 'all'] as const;

export function ComplaintListPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ComplaintStatusFilter>('open');
  const list = useComplaints(status);
  const location = useLocation();
  const arrived = (location.state as { done?: string } | null)?.done ?? '';
  const [done, setDone] = useState('');
  // Said after the page is there, so the live region announces it.
  useEffect(() => {
    if (!arrived) return;
    const timer = setTimeout(() => setDone(arrived), 100);
    return () => clearTimeout(timer);
  }, [arrived]);
  const complaints = list.data?.complaints ?? [];

  return (
    <>
      <p className="sammen-back">
        <Link to="/">{t('complaints.back')}</Link>
      </p>
      <Page title={t('complaints.list.title')}>
        <p className="font-lead">{t('complaints.list.intro')}</p>
        <Success text={done} />
        <p>
          <Link className="button button-primary" to="/klager/ny">
            {t('complaints.list.register')}
          </Link>
        </p>
        <div className="sammen-filters">
          <Select
            label={t('complaints.list.filter')}
            value={status}
            onChange={(v) => setStatus(v as ComplaintStatusFilter)}
            options={filters.map((s) => ({ value: s, label: t(`complaints.list.filters.${s}`) }))}
          />
        </div>
        {list.isPending && <Loading />}
        {list.isError && <ErrorAlert error={apiErrorOf(list.error)} />}
        {list.data && (
          <>
            <p className="sammen-result-count" role="status">
              {t('complaints.list.count', { count: complaints.length })}
            </p>
            {complaints.length > 0 && <ComplaintTable complaints={complaints} />}
          </>
        )}
      </Page>
    </>
  );
}

function ComplaintTable({ complaints }: { complaints: ComplaintView[] }) {
  const { t } = useTranslation();
  const f = useCalendarFormat();
  return (
    <div className="table--responsive-scroll">
      <table className="table table--zebra sammen-complaint-table">
        <caption className="sr-only">{t('complaints.list.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('complaints.list.citizen')}</th>
            <th scope="col">{t('complaints.list.about')}</th>
            <th scope="col">{t('complaints.list.received')}</th>
            <th scope="col">{t('complaints.list.contactDeadline')}</th>
            <th scope="col">{t('complaints.list.status')}</th>
          </tr>
        </thead>
        <tbody>
          {complaints.map((c) => (
            <tr key={c.id}>
              <td>
                <Link to={`/klager/${encodeURIComponent(c.id)}`}>{c.citizen.name}</Link>
              </td>
              <td>
                <AboutText complaint={c} />
                <br />
                <span className="sammen-muted">{c.unit.name}</span>
              </td>
              <td>
                {f.date(c.receivedOn)}
                <br />
                <span className="sammen-muted">{t(`complaints.channels.${c.channel}`)}</span>
              </td>
              <td>
                {f.date(c.contactDeadline.due)}
                <br />
                {c.firstContactOn ? (
                  <span className="sammen-muted">{t('complaints.list.contacted', { date: f.date(c.firstContactOn) })}</span>
                ) : c.status === 'open' ? (
                  <TimeLeft daysLeft={c.contactDaysLeft} words="complaints.timeLeft" />
                ) : (
                  <span className="sammen-muted">{t('complaints.list.noContact')}</span>
                )}
              </td>
              <td>
                {t(`complaints.statuses.${c.status}`)}
                {(contactOverdue(c) || reassessmentOverdue(c)) && (
                  <>
                    <br />
                    <span className="badge badge-warning">
                      <span aria-hidden="true">! </span>
                      {t(contactOverdue(c) ? 'complaints.list.contactOverdue' : 'complaints.list.reassessmentOverdue')}
                    </span>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What a complaint is about, for staff: the decision's type and outcome, or how the citizen was met. */
export function AboutText({ complaint: c }: { complaint: ComplaintView }) {
  const { t } = useTranslation();
  return c.decision ? (
    <>{t('complaints.aboutDecision', { type: c.decision.decisionType, outcome: t(`complaints.decisionOutcomes.${c.decision.outcome}`).toLowerCase() })}</>
  ) : (
    <>{t('complaints.aboutTreatment')}</>
  );
}
