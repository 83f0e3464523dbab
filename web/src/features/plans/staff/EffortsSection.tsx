import { useTranslation } from 'react-i18next';
import type { PlanView } from '@sammen/domain/plans';
import { HiddenEffortsNotice, sees } from '../../consent/PlanAccess.tsx';
import { AddEffortForm } from '../forms/AddEffortForm.tsx';
import type { Lookups } from '../forms/options.ts';
import { SupportLevelForm } from '../forms/SupportLevelForm.tsx';
import { CommentForm, Comments, NewMark, SupportLevels, useFormat, type NewsIndex } from '../parts.tsx';
import { Disclosure } from './Disclosure.tsx';

/** The efforts, grouped by the unit that delivers them, each with its support levels. */
export function EffortsSection({ plan, news, lookups }: { plan: PlanView; news: NewsIndex; lookups: Lookups | undefined }) {
  const { t } = useTranslation();
  return (
    <section className="sammen-section" aria-labelledby="efforts-heading">
      <h2 id="efforts-heading" tabIndex={-1}>
        {t('plan.efforts')}
      </h2>
      <EffortsByUnit plan={plan} news={news} />
      <HiddenEffortsNotice plan={plan} />
      {lookups && (
        <Disclosure label={t('planForm.effort.open')} disabled={!plan.goals.length}>
          {(close) => <AddEffortForm lookups={lookups} onDone={close} />}
        </Disclosure>
      )}
      {!plan.goals.length && sees(plan, 'goals') && <p className="form-hint">{t('plan.effortNeedsGoal')}</p>}
    </section>
  );
}

function EffortsByUnit({ plan, news }: { plan: PlanView; news: NewsIndex }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!plan.efforts.length) return <p>{t('plan.noEfforts')}</p>;
  const units = [...new Map(plan.efforts.map((e) => [e.unit.id, e.unit.name])).entries()];
  const goalById = new Map(plan.goals.map((g) => [g.id, g]));
  return (
    <>
      {units.map(([unitId, unitName]) => (
        <div key={unitId} className="sammen-unit-group">
          <h3>{unitName}</h3>
          <ul className="sammen-cards">
            {plan.efforts
              .filter((e) => e.unit.id === unitId)
              .map((e) => (
                <li key={e.id} className={`sammen-card${news.effort(e.id) ? ' sammen-new' : ''}`}>
                  <h4 id={`effort-${e.id}`} tabIndex={-1} className="sammen-card-title">
                    {e.title} {e.kind === 'exemption' && <span className="badge badge-warning">{t('planParts.kind.exemption')}</span>} <NewMark show={news.effort(e.id)} />
                  </h4>
                  <dl className="sammen-facts sammen-facts-compact">
                    <dt>{t('plan.responsible')}</dt>
                    <dd>{e.responsible?.name ?? t('plan.noResponsible')}</dd>
                    {e.legalBasis && (
                      <>
                        <dt>{t('plan.legalBasis')}</dt>
                        <dd>{e.legalBasis}</dd>
                      </>
                    )}
                    <dt>{t('plan.period')}</dt>
                    <dd>{e.endsOn ? t('plan.fromTo', { from: format.date(e.startsOn), to: format.date(e.endsOn) }) : t('plan.fromOpen', { from: format.date(e.startsOn) })}</dd>
                    <dt>{t('plan.forGoals')}</dt>
                    <dd>
                      {e.goalIds
                        .map((id) => goalById.get(id))
                        .filter((g) => g !== undefined)
                        .map((g) => `${g.position}. ${g.wording}`)
                        .join('; ')}
                    </dd>
                  </dl>
                  <SupportLevels levels={e.supportLevels} />
                  <Comments plan={plan} target="effort" targetId={e.id} news={news} viewer="staff" />
                  <div className="sammen-actions">
                    <Disclosure label={t('planForm.support.open')} srSuffix={t('planForm.support.openFor', { effort: e.title })}>
                      {(close) => <SupportLevelForm effortId={e.id} onDone={close} />}
                    </Disclosure>
                    <CommentForm target="effort" targetId={e.id} label={t('plan.commentOn', { what: e.title })} focusId={`effort-${e.id}`} />
                  </div>
                </li>
              ))}
          </ul>
        </div>
      ))}
    </>
  );
}
