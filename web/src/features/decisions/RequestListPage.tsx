import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can } from '@sammen/domain/access';
import type { RequestListItem } from '@sammen/domain/decisions';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Select } from '../../app/form.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { actorOf, useStaffSession } from '../../app/session.tsx';
import { apiErrorOf } from '../calendar/calendar.api.ts';
import { useRequests, type ListSide, type ListStatus } from './decisions.api.ts';
import { TimeLeftText, UrgentBadge } from './RequestParts.tsx';

// "Afgørelser": the requests my unit decides and the requests we sent to another unit, open or
// decided, with the time left in words. The filter is in the address (fixed words only), so the
// back link from a request returns to the same list.

const statuses: ListStatus[] = ['open', 'decided', 'all'];
const sides: ListSide[] = ['authority', 'requester', 'all'];
const pick = <T extends string>(value: string | null, allowed: T[], fallback: T): T => (allowed.includes(value as T) ? (value as T) : fallback);

export function RequestListPage() {
  const { t } = useTranslation();
  const session = useStaffSession();
  const [search, setSearch] = useSearchParams();
  const status = pick(search.get('status'), statuses, 'open');
  const side = pick(search.get('side'), sides, 'all');
  const list = useRequests(status, side);
  const showFigures = can(actorOf(session), 'caseFigures.read');
  const change = (key: 'status' | 'side', value: string) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set(key, value);
        return next;
      },
      { replace: true },
    );

  return (
    <Page title={t('decisions.list.title')}>
      <p className="font-lead">{t('decisions.list.intro')}</p>
      <div className="sammen-plan-links sammen-decision-links">
        <Link className="button button-primary" to="/afgoerelser/ny">
          {t('decisions.list.register')}
        </Link>
        {showFigures && <Link to="/afgoerelser/tal">{t('caseFigures.link')}</Link>}
      </div>
      <div className="sammen-filters">
        <Select label={t('decisions.list.side')} value={side} onChange={(v) => change('side', v)} options={sides.map((s) => ({ value: s, label: t(`decisions.list.sides.${s}`) }))} />
        <Select label={t('decisions.list.status')} value={status} onChange={(v) => change('status', v)} options={statuses.map((s) => ({ value: s, label: t(`decisions.list.statuses.${s}`) }))} />
      </div>
      {list.isPending && <Loading />}
      {list.isError && <ErrorAlert error={apiErrorOf(list.error)} />}
      {list.data && (
        <>
          <p className="sammen-result-count" role="status">
            {t('decisions.list.count', { count: list.data.requests.length })}
            {list.isFetching && <span className="sr-only"> {t('app.loading')}</span>}
          </p>
          {list.data.more && <p>{t('decisions.list.more', { count: list.data.requests.length })}</p>}
          {list.data.requests.length > 0 && <RequestTable requests={list.data.requests} />}
        </>
      )}
    </Page>
  );
}

/** Open requests first, the earliest due first; decided ones after, the latest first. */
const byDue = (a: RequestListItem, b: RequestListItem) =>
  Number(b.status === 'open') - Number(a.status === 'open') || (a.status === 'open' ? a.due.localeCompare(b.due) : (b.decidedOn ?? '').localeCompare(a.decidedOn ?? ''));

function RequestTable({ requests }: { requests: RequestListItem[] }) {
  const { t, i18n } = useTranslation();
  // Short dates keep the table readable on a tablet: "23. nov. 2026".
  const short = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'da-DK', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
  const f = { date: (d: string) => short.format(new Date(`${d.slice(0, 10)}T12:00:00Z`)) };
  return (
    <div className="table--responsive-scroll">
      <table className="table table--zebra sammen-requests">
        <caption className="sr-only">{t('decisions.list.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('decisions.fields.citizen')}</th>
            <th scope="col">{t('decisions.fields.decisionType')}</th>
            <th scope="col">{t('decisions.fields.from')}</th>
            <th scope="col">{t('decisions.fields.receivedOn')}</th>
            <th scope="col">{t('decisions.fields.due')}</th>
            <th scope="col">{t('decisions.fields.state')}</th>
          </tr>
        </thead>
        <tbody>
          {[...requests].sort(byDue).map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/afgoerelser/${encodeURIComponent(r.id)}`}>{r.citizen.name}</Link>
                {r.urgency === 'urgent' && (
                  <>
                    {' '}
                    <UrgentBadge />
                  </>
                )}
              </td>
              <td>
                {r.decisionType.name}
                <div className="sammen-muted">{t('decisions.list.decidedBy', { unit: r.unit.name })}</div>
              </td>
              <td>{r.byCitizen ? t('decisions.byCitizen') : (r.onBehalfOf ?? r.registeredBy)?.name ?? '–'}</td>
              <td>{f.date(r.receivedOn)}</td>
              <td>{f.date(r.due)}</td>
              <td>
                {r.status === 'decided' && r.decidedOn ? t('decisions.list.decidedOn', { date: f.date(r.decidedOn) }) : <TimeLeftText request={r} />}
                {r.status === 'open' && r.breached && <div className="sammen-muted">{r.breachLetter ? t('decisions.list.breachLetterSent') : t('decisions.list.breachLetterMissing')}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
