import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CaseWorkItem } from '@sammen/domain/decisions';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { useCalendarFormat } from '../calendar/format.ts';
import { apiErrorOf, useCaseWork } from './complaints.api.ts';
import { caseWorkLink, groupCaseWork } from './complaints.rules.ts';
import { TimeLeft } from './ComplaintParts.tsx';

/**
 * The work list's "Frister": requests my unit decides and complaints it handles whose deadline
 * has passed or falls within a few working days, each with the way to it. Its own query.
 */
export function CaseWorkSummary() {
  const { t } = useTranslation();
  const work = useCaseWork();
  const groups = work.data ? groupCaseWork(work.data.items) : undefined;

  return (
    <section className="sammen-section sammen-worklist-casework" aria-labelledby="worklist-casework-heading">
      <h2 id="worklist-casework-heading">{t('caseWork.heading')}</h2>
      {work.isError && <ErrorAlert error={apiErrorOf(work.error)} />}
      {work.isPending && <p className="sammen-muted">{t('app.loading')}</p>}
      {groups && groups.overdue.length === 0 && groups.due.length === 0 && <p>{t('caseWork.none')}</p>}
      {groups && groups.overdue.length > 0 && <Group id="casework-overdue" heading={t('caseWork.overdueHeading', { count: groups.overdue.length })} items={groups.overdue} />}
      {groups && groups.due.length > 0 && <Group id="casework-due" heading={t('caseWork.dueHeading', { count: groups.due.length })} items={groups.due} />}
      <ul className="sammen-link-list nobullet-list">
        <li>
          <Link to="/klager">{t('caseWork.complaintsLink')}</Link>
        </li>
      </ul>
    </section>
  );
}

function Group({ id, heading, items }: { id: string; heading: string; items: CaseWorkItem[] }) {
  return (
    <>
      <h3 id={id} className="h4">
        {heading}
      </h3>
      <ul className="sammen-cards sammen-casework-list" aria-labelledby={id}>
        {items.map((item) => (
          <Item key={`${item.kind}-${item.subjectId}`} item={item} />
        ))}
      </ul>
    </>
  );
}

function Item({ item }: { item: CaseWorkItem }) {
  const { t } = useTranslation();
  const f = useCalendarFormat();
  return (
    <li className="sammen-card">
      <p className="sammen-card-title">
        <Link to={caseWorkLink(item)}>{t(`caseWork.kinds.${item.kind}`, { name: item.citizen.name })}</Link>
      </p>
      <p>{item.title}</p>
      <p>
        {t('caseWork.due', { date: f.date(item.due) })} · <TimeLeft daysLeft={item.daysLeft} words="caseWork.timeLeft" />
      </p>
      {item.remindedAt && <p className="sammen-muted">{t('caseWork.reminded', { when: f.dateTime(item.remindedAt) })}</p>}
    </li>
  );
}
