import { useId, useState, type FormEvent } from 'react';
import { Link, Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CitizenSummary } from '@sammen/domain/identity';
import { ApiError } from '../../app/api.ts';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Page } from '../../app/Page.tsx';
import { useStaffSession } from '../../app/session.tsx';
import { searchCitizens } from './identity.api.ts';
import { WorkList } from '../plans/WorkList.tsx';
import { forgetReturnTo, returnToFor } from '../feedback/returnTo.ts';

export function StaffStartPage() {
  const { t } = useTranslation();
  const session = useStaffSession();
  // Back from handing the screen to a citizen (a rating on the tablet): a login by single sign-on
  // lands here, the demo login page goes there itself.
  const [returnTo] = useState(() => returnToFor('staff'));
  if (returnTo) {
    forgetReturnTo();
    return <Navigate to={returnTo} replace />;
  }
  return (
    <Page title={t('staffStart.welcome', { name: session.name })}>
      <CitizenSearch />
      <WorkList unitId={session.unitId} />
    </Page>
  );
}

type SearchState = { status: 'idle' } | { status: 'searching' } | { status: 'done'; citizens: CitizenSummary[] } | { status: 'failed'; error: ApiError };

/**
 * The search term stays in the page, never in the address bar: a citizen's name in a URL
 * would end up in browser history and server logs.
 */
function CitizenSearch() {
  const { t } = useTranslation();
  const inputId = useId();
  const hintId = useId();
  const [q, setQ] = useState('');
  const [state, setState] = useState<SearchState>({ status: 'idle' });

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setState({ status: 'searching' });
    try {
      setState({ status: 'done', citizens: await searchCitizens(q.trim()) });
    } catch (err) {
      setState({ status: 'failed', error: err instanceof ApiError ? err : new ApiError('NETWORK', 0) });
    }
  }

  return (
    <section className="sammen-section" aria-labelledby="search-heading">
      <h2 id="search-heading">{t('staffStart.searchHeading')}</h2>
      <form role="search" aria-labelledby="search-heading" onSubmit={(e) => void onSubmit(e)} className="sammen-search">
        <div className="form-group">
          <label className="form-label" htmlFor={inputId}>
            {t('staffStart.searchLabel')}
          </label>
          <span className="form-hint" id={hintId}>
            {t('staffStart.searchHint')}
          </span>
          <div className="sammen-search-row">
            <input
              id={inputId}
              className="form-input"
              type="search"
              name="q"
              autoComplete="off"
              maxLength={100}
              aria-describedby={hintId}
              value={q}
              onChange={(e) => setQ(e.target.value)}
            />
            <button type="submit" className="button button-primary" disabled={state.status === 'searching'}>
              {t('staffStart.search')}
            </button>
          </div>
        </div>
      </form>
      <p className="form-hint">{t('staffStart.logged')}</p>
      <div aria-live="polite">
        {state.status === 'failed' && <ErrorAlert error={state.error} />}
        {state.status === 'done' && <SearchResults citizens={state.citizens} />}
      </div>
    </section>
  );
}

function SearchResults({ citizens }: { citizens: CitizenSummary[] }) {
  const { t } = useTranslation();
  if (!citizens.length) return <p className="sammen-result-count">{t('staffStart.noResults')}</p>;
  return (
    <>
      <p className="sammen-result-count">{t('staffStart.results', { count: citizens.length })}</p>
      <div className="table--responsive-scroll">
        <table className="table table--zebra">
          <caption className="sr-only">{t('staffStart.resultsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staffStart.name')}</th>
              <th scope="col">{t('staffStart.birthYear')}</th>
            </tr>
          </thead>
          <tbody>
            {citizens.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/borgere/${c.id}`}>{c.name}</Link>
                </td>
                <td>{c.birthYear}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
