import { useTranslation } from 'react-i18next';
import type { PlanView } from '@sammen/domain/plans';
import { useStaffSession } from '../../../app/session.tsx';
import { FollowUpDone } from '../forms/FollowUpDone.tsx';
import { FollowUpForm } from '../forms/FollowUpForm.tsx';
import type { Lookups } from '../forms/options.ts';
import { NewMark, useFormat, type NewsIndex } from '../parts.tsx';
import { Disclosure } from './Disclosure.tsx';

/** Follow-ups, open ones first by date; each can be marked done here. */
export function FollowUpsSection({ plan, news, lookups }: { plan: PlanView; news: NewsIndex; lookups: Lookups | undefined }) {
  const { t } = useTranslation();
  const session = useStaffSession();
  return (
    <section className="sammen-section" aria-labelledby="followups-heading">
      <h2 id="followups-heading" tabIndex={-1}>
        {t('plan.followUps')}
      </h2>
      {(plan.access.basis === 'involvement' || plan.access.basis === 'consent') && <p className="form-hint">{t('plan.followUpsOwnOnly')}</p>}
      <FollowUps plan={plan} news={news} />
      {lookups && (
        <Disclosure label={t('planForm.followUp.open')}>
          {(close) => <FollowUpForm lookups={lookups} onDone={close} defaultStaffId={session.staffId} />}
        </Disclosure>
      )}
    </section>
  );
}

function FollowUps({ plan, news }: { plan: PlanView; news: NewsIndex }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!plan.followUps.length) return <p>{t('plan.noFollowUps')}</p>;
  const sorted = [...plan.followUps].sort((a, b) => Number(Boolean(a.doneAt)) - Number(Boolean(b.doneAt)) || a.dueOn.localeCompare(b.dueOn));
  return (
    <ul className="sammen-cards">
      {sorted.map((f) => (
        <li key={f.id} className={`sammen-card sammen-followup${news.followUp(f.id) ? ' sammen-new' : ''}`}>
          <p className="sammen-card-title">
            <NewMark show={news.followUp(f.id)} /> {format.date(f.dueOn)} · {f.staff.name}{' '}
            {f.doneAt ? <span className="badge badge-success">✓ {t('plan.followUpDone', { date: format.date(f.doneAt) })}</span> : <span className="badge">{t('plan.followUpOpen')}</span>}
          </p>
          {f.note && <p>{f.note}</p>}
          {!f.doneAt && <FollowUpDone followUpId={f.id} label={t('plan.followUpDoneFor', { date: format.date(f.dueOn) })} />}
        </li>
      ))}
    </ul>
  );
}
