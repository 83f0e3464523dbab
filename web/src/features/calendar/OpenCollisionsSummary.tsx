import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { apiErrorOf, useCollisions } from './calendar.api.ts';
import './calendar.css';

/** The work list's "Kollisioner": how many open collisions wait, and the way to them. Its own query. */
export function OpenCollisionsSummary() {
  const { t } = useTranslation();
  const open = useCollisions('open');
  return (
    <section className="sammen-section sammen-worklist-collisions" aria-labelledby="worklist-collisions-heading">
      <h2 id="worklist-collisions-heading">{t('calendar.workList.heading')}</h2>
      {open.isError && <ErrorAlert error={apiErrorOf(open.error)} />}
      {open.data && (
        <p>
          {open.data.collisions.length > 0 && <span aria-hidden="true">⚠ </span>}
          {t('calendar.workList.open', { count: open.data.collisions.length })}
        </p>
      )}
      <p>
        <Link to="/kollisioner">{t('calendar.workList.link')}</Link>
      </p>
    </section>
  );
}
