import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { groupVisits, type AccessLogPage as AccessLogPageData } from '@sammen/domain/consent';
import { ApiError } from '../../app/api.ts';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { useSession } from '../../app/session.tsx';
import { exportUrl, getAccessLog, type AccessLogFilter } from './consent.api.ts';
import { Select } from '../../app/form.tsx';
import { errorOf, useSectionWords, useTimeWords } from './parts.tsx';

// "Hvem har kigget": every read of the citizen's data by someone else, newest first — one line
// per visit (when, which unit, who in which role, what and why) with each read of the visit one
// click away — with filters, "Vis ældre" and a copy of it all.

type Entry = AccessLogPageData['entries'][number];
const PAGE = 20;
const reasons = ['coordination', 'consent', 'involvement', 'break_glass'] as const;

export function AccessLogPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [unitId, setUnitId] = useState('');
  const [basis, setBasis] = useState('');
  const [entries, setEntries] = useState<Entry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [status, setStatus] = useState<'loading' | 'ready' | 'more'>('loading');
  const [error, setError] = useState<ApiError>();
  // Units seen so far stay in the filter, so choosing one does not hide the others.
  const [units, setUnits] = useState<Map<string, string>>(new Map());
  const firstNew = useRef<number | undefined>(undefined);

  const filter = (): AccessLogFilter => ({ limit: PAGE, unitId: unitId || undefined, basis: (basis || undefined) as AccessLogFilter['basis'] });

  const remember = (list: Entry[]) =>
    setUnits((prev) => {
      const map = new Map(prev);
      for (const e of list) if (e.unit) map.set(e.unit.id, e.unit.name);
      return map.size === prev.size ? prev : map;
    });

  useEffect(() => {
    let current = true;
    setStatus('loading');
    setError(undefined);
    getAccessLog(filter()).then(
      (page) => {
        if (!current) return;
        setEntries(page.entries);
        setNext(page.nextBefore);
        remember(page.entries);
        setStatus('ready');
      },
      (err: unknown) => {
        if (!current) return;
        setError(errorOf(err));
        setStatus('ready');
      },
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [unitId, basis]);

  async function older() {
    if (!next) return;
    setStatus('more');
    setError(undefined);
    try {
      const page = await getAccessLog({ ...filter(), before: next });
      firstNew.current = page.entries[0]?.id;
      setEntries((prev) => [...prev, ...page.entries]);
      setNext(page.nextBefore);
      remember(page.entries);
    } catch (err) {
      setError(errorOf(err));
    } finally {
      setStatus('ready');
    }
  }

  // After "Vis ældre", focus moves to the visit holding the first of the reads that came in.
  useEffect(() => {
    if (firstNew.current === undefined) return;
    const visit = groupVisits(entries).find((v) => v.reads.some((r) => r.id === firstNew.current));
    if (visit) document.getElementById(`read-${visit.id}`)?.focus();
    firstNew.current = undefined;
  });

  return (
    <>
      <p className="sammen-back">
        <Link to="/borger">{t('borgerConsent.back')}</Link>
      </p>
      <Page title={t('accessLog.title')}>
        <p className="font-lead">{t('accessLog.intro')}</p>
        <p>
          {t('accessLog.consentsHint')} <Link to="/borger/samtykker">{t('accessLog.consentsLink')}</Link>
        </p>

        <form className="sammen-filters" aria-label={t('accessLog.filters')} onSubmit={(e) => e.preventDefault()}>
          <Select
            label={t('accessLog.filterUnit')}
            value={unitId}
            onChange={setUnitId}
            empty={t('accessLog.allUnits')}
            options={[...units].sort((a, b) => a[1].localeCompare(b[1], 'da')).map(([id, name]) => ({ value: id, label: name }))}
          />
          <Select
            label={t('accessLog.filterReason')}
            value={basis}
            onChange={setBasis}
            empty={t('accessLog.allReasons')}
            options={reasons.map((r) => ({ value: r, label: t(`accessLog.reasonFilter.${r}`) }))}
          />
        </form>

        {error && <ErrorAlert error={error} />}
        {status === 'loading' ? <Loading /> : <ReadsTable entries={entries} />}
        <p role="status" className="sammen-muted">
          {status !== 'loading' && t('accessLog.visitsShown', { count: groupVisits(entries).length })}
        </p>
        {next !== null && status !== 'loading' && (
          <button type="button" className="button button-secondary" disabled={status === 'more'} onClick={() => void older()}>
            {t('accessLog.older')}
          </button>
        )}

        {session.kind === 'citizen' && (
          <section className="sammen-section" aria-labelledby="copy-heading">
            <h2 id="copy-heading">{t('accessLog.copyHeading')}</h2>
            <p>{t('accessLog.copyIntro')}</p>
            <p className="sammen-actions">
              <a className="button button-secondary" href={exportUrl} download>
                {t('accessLog.download')}
              </a>
              <Link to="/borger/mine-data">{t('accessLog.readable')}</Link>
            </p>
          </section>
        )}
      </Page>
    </>
  );
}

const unique = (list: string[]) => [...new Set(list.filter(Boolean))];

/**
 * Reads as a table, one row per visit: when, who (in which role), what, why — in plain words —
 * and the visit's reads behind a disclosure. Also used on the "Mine data" page.
 */
export function ReadsTable({ entries }: { entries: Entry[] }) {
  const { t } = useTranslation();
  const time = useTimeWords();
  const what = useReadWhat();
  const why = useReadWhy();
  if (!entries.length) return <p>{t('accessLog.none')}</p>;
  const visits = groupVisits(entries);
  return (
    <table className="table table--compact sammen-reads">
      <caption className="sr-only">{t('accessLog.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('accessLog.when')}</th>
          <th scope="col">{t('accessLog.who')}</th>
          <th scope="col">{t('accessLog.what')}</th>
          <th scope="col">{t('accessLog.why')}</th>
        </tr>
      </thead>
      <tbody>
        {visits.map(({ id, reads }) => {
          const first = reads.at(-1)!;
          return (
            <tr key={id} id={`read-${id}`} tabIndex={-1} className="sammen-visit">
              <td>{time.dateTime(first.at)}</td>
              <td>
                <Who entry={reads[0]!} roles={unique(reads.map((r) => r.role ?? ''))} />
              </td>
              <td>
                {unique(reads.map(what)).join('; ')}
                {reads.length > 1 && (
                  <details className="sammen-visit-reads">
                    <summary>{t('accessLog.visitReads', { count: reads.length })}</summary>
                    <ul className="sammen-plain-list">
                      {[...reads].reverse().map((r) => (
                        <li key={r.id}>
                          {time.time(r.at)}: {what(r)} ({why(r)})
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </td>
              <td>{unique(reads.map(why)).join('; ')}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Who read: the unit, the person where the municipality shows names, and the role they had in these reads. */
function Who({ entry: e, roles: readRoles }: { entry: Entry; roles: string[] }) {
  const { t } = useTranslation();
  const roles = readRoles.map((r) => t(`accessLog.readRole.${r}`, { defaultValue: r }));
  if (e.readerKind === 'system') return <>{t('accessLog.system')}</>;
  if (e.readerKind === 'proxy') return <>{e.personName ? t('accessLog.proxyNamed', { name: e.personName }) : t('accessLog.proxy')}</>;
  return (
    <>
      <strong>{e.unit?.name ?? t('accessLog.unknownUnit')}</strong>
      <br />
      {e.personName ? `${e.personName}${roles.length ? ` (${roles.join(', ')})` : ''}` : roles.join(', ')}
    </>
  );
}

/** What was read, in plain words. */
export function useReadWhat() {
  const { t } = useTranslation();
  const words = useSectionWords();
  return (e: Pick<Entry, 'action' | 'sections'> & { purpose?: string | null }) => {
    if (e.action === 'plan.read') return e.sections.length ? t('accessLog.whatPlan', { sections: words.list(e.sections, 'citizen') }) : t('accessLog.whatOwnEffort');
    return t(`accessLog.actions.${e.action.replace(/\./g, '_')}`, { defaultValue: e.purpose ?? e.action });
  };
}

/** Why the reader could see it, in plain words. */
export function useReadWhy() {
  const { t } = useTranslation();
  return (e: Entry) => {
    // Rows written before the "consent" basis existed say "involvement"; their sections tell which it was.
    if (e.basis === 'involvement') return e.sections.length ? t('accessLog.reason.consent') : t('accessLog.reason.involvement');
    if (e.basis) return t(`accessLog.reason.${e.basis}`, { defaultValue: e.basis });
    return t(`accessLog.whyAction.${e.action.replace(/\./g, '_')}`, { defaultValue: e.purpose ?? '' });
  };
}
