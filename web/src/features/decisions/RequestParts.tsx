import { useTranslation } from 'react-i18next';
import type { DeadlinePeriod } from '@sammen/domain/deadlines';
import type { RequestListItem } from '@sammen/domain/decisions';
import { periodParts, timeLeft } from './decisions.format.ts';
import './decisions.css';

// Small pieces the decision pages share: time left in words, the urgency mark, a period in words.
// State is said in words with a symbol, never by colour alone.

export function TimeLeftText({ request }: { request: Pick<RequestListItem, 'status' | 'breached' | 'daysLeft'> }) {
  const { t } = useTranslation();
  const left = timeLeft(request);
  const text = t(`decisions.timeLeft.${left.key}`, { count: left.count });
  if (left.key === 'overdue')
    return (
      <span className="badge badge-error sammen-time-left">
        <span aria-hidden="true">⚠ </span>
        {text}
      </span>
    );
  if (left.key === 'today')
    return (
      <span className="badge badge-warning sammen-time-left">
        <span aria-hidden="true">! </span>
        {text}
      </span>
    );
  return <span className="sammen-time-left">{text}</span>;
}

export function UrgentBadge() {
  const { t } = useTranslation();
  return (
    <span className="badge badge-warning">
      <span aria-hidden="true">! </span>
      {t('decisions.urgent')}
    </span>
  );
}

/** "10 arbejdsdage", "4 uger", "3 måneder" in the page's language. */
export function usePeriodText() {
  const { t } = useTranslation();
  return (p: DeadlinePeriod) => {
    const { key, count } = periodParts(p);
    return t(`decisionTypes.period.${key}`, { count });
  };
}
