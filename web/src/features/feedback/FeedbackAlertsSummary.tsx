import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can } from '@sammen/domain/access';
import type { FeedbackAlertItem } from '@sammen/domain/feedback';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { actorOf, useStaffSession } from '../../app/session.tsx';
import { apiErrorOf } from '../calendar/calendar.api.ts';
import { useCalendarFormat } from '../calendar/format.ts';
import { useFeedbackAlerts, useMarkAlertSeen } from './feedback.api.ts';
import { alertWords } from './feedback.format.ts';
import './feedback.css';

/**
 * The work list's "Borgernes vurderinger": ratings of my unit's meetings that alerted (a low
 * meeting total, a drop, not progressing as expected), until someone in the unit has seen them.
 * Each with the way to the citizen's feedback page. Its own query.
 */
export function FeedbackAlertsSummary() {
  const { t } = useTranslation();
  const session = useStaffSession();
  const alerts = useFeedbackAlerts();
  const seen = useMarkAlertSeen();
  const [done, setDone] = useState('');
  const mayMark = can(actorOf(session), 'feedback.record');

  return (
    <section className="sammen-section sammen-worklist-feedback" aria-labelledby="worklist-feedback-heading">
      <h2 id="worklist-feedback-heading">{t('feedback.alerts.heading')}</h2>
      <p role="status" className="sammen-saved">
        {done}
      </p>
      {alerts.isError && <ErrorAlert error={apiErrorOf(alerts.error)} />}
      {seen.isError && <ErrorAlert error={apiErrorOf(seen.error)} />}
      {alerts.isPending && <p className="sammen-muted">{t('app.loading')}</p>}
      {alerts.data && alerts.data.alerts.length === 0 && <p>{t('feedback.alerts.none')}</p>}
      {alerts.data && alerts.data.alerts.length > 0 && (
        <ul className="sammen-cards sammen-feedback-alerts">
          {alerts.data.alerts.map((a) => (
            <Item
              key={a.ratingId}
              item={a}
              mayMark={mayMark}
              busy={seen.isPending}
              onSeen={() => seen.mutate(a.ratingId, { onSuccess: () => setDone(t('feedback.alerts.marked', { name: a.citizen.name })) })}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function Item({ item, mayMark, busy, onSeen }: { item: FeedbackAlertItem; mayMark: boolean; busy: boolean; onSeen: () => void }) {
  const { t } = useTranslation();
  const f = useCalendarFormat();
  return (
    <li className="sammen-card sammen-feedback-alert">
      <p className="sammen-card-title">
        <Link to={`/borgere/${encodeURIComponent(item.citizen.id)}/feedback`}>{item.citizen.name}</Link>
        {' · '}
        {t('feedback.alerts.meetingOn', { when: f.dateTime(item.heldAt), staff: item.staff.name })}
      </p>
      <ul className="sammen-feedback-alert-list">
        {item.alerts.map((alert, i) => {
          const { key, params } = alertWords(alert, f.locale);
          return (
            <li key={i}>
              <span className="sammen-feedback-alert-mark" aria-hidden="true">
                !{' '}
              </span>
              {t(key, params)}
            </li>
          );
        })}
      </ul>
      {mayMark && (
        <button type="button" className="button button-secondary" disabled={busy} onClick={onSeen} aria-label={t('feedback.alerts.seenFor', { name: item.citizen.name, when: f.dateTime(item.heldAt) })}>
          {t('feedback.alerts.seen')}
        </button>
      )}
    </li>
  );
}
