import { useTranslation } from 'react-i18next';
import type { PlanView } from '@sammen/domain/plans';
import { HiddenNotice, sees } from '../../consent/PlanAccess.tsx';
import { AddGoalForm } from '../forms/AddGoalForm.tsx';
import { EditGoalForm } from '../forms/EditGoalForm.tsx';
import { AuthorMark, CommentForm, Comments, NewMark, StatusChip, type NewsIndex } from '../parts.tsx';
import { Disclosure } from './Disclosure.tsx';

/** The goals in order: the citizen's words, what staff add, what each waits for, and its efforts. */
export function GoalsSection({ plan, news }: { plan: PlanView; news: NewsIndex }) {
  const { t } = useTranslation();
  return (
    <section className="sammen-section" aria-labelledby="goals-heading">
      <h2 id="goals-heading" tabIndex={-1}>
        {t('plan.goals')}
      </h2>
      {!sees(plan, 'goals') ? <HiddenNotice section="goals" /> : plan.goals.length === 0 && <p>{t('plan.noGoals')}</p>}
      <ol className="sammen-goals">
        {plan.goals.map((g) => (
          <GoalCard key={g.id} plan={plan} goal={g} news={news} />
        ))}
      </ol>
      {sees(plan, 'goals') && <Disclosure label={t('planForm.addGoal.open')}>{(close) => <AddGoalForm onDone={close} />}</Disclosure>}
    </section>
  );
}

function GoalCard({ plan, goal, news }: { plan: PlanView; goal: PlanView['goals'][number]; news: NewsIndex }) {
  const { t } = useTranslation();
  const byId = new Map(plan.goals.map((g) => [g.id, g]));
  const prerequisites = goal.dependsOn.map((id) => byId.get(id)).filter((g) => g !== undefined);
  const waitingFor = prerequisites.filter((g) => g.status !== 'reached');
  const efforts = plan.efforts.filter((e) => e.goalIds.includes(goal.id));
  const isNew = news.goal(goal.id);
  return (
    <li className={`sammen-card sammen-goal${isNew ? ' sammen-new' : ''}`}>
      <h3 id={`goal-${goal.id}`} tabIndex={-1} className="sammen-goal-title">
        <span className="sammen-goal-no">{t('plan.goalNo', { n: goal.position })}</span> {goal.wording}
      </h3>
      <p className="sammen-meta">
        <NewMark show={isNew} /> <StatusChip status={goal.status} /> <AuthorMark author={goal.wordingAuthor} viewer="staff" />
        {goal.classificationCode && <span className="sammen-muted"> · {t('plan.code', { code: goal.classificationCode })}</span>}
      </p>
      {goal.waiting && waitingFor.length > 0 && (
        <p className="sammen-waiting">
          {t('plan.waitingFor', { goals: waitingFor.map((g) => `“${g.wording}”`).join(', ') })}
        </p>
      )}
      {prerequisites.length > 0 && !goal.waiting && <p className="sammen-muted">{t('plan.after', { goals: prerequisites.map((g) => `“${g.wording}”`).join(', ') })}</p>}
      <div className="sammen-two-col sammen-goal-body">
        <div>
          <p className="sammen-label">{t('plan.citizenWording')}</p>
          <p className="sammen-words">{goal.wording}</p>
        </div>
        <div>
          <p className="sammen-label">{t('plan.professional')}</p>
          <p className="sammen-prewrap">{goal.professionalDescription || <span className="sammen-muted">{t('plan.noDescription')}</span>}</p>
        </div>
      </div>
      {efforts.length > 0 && <p className="sammen-muted">{t('plan.goalEfforts', { efforts: efforts.map((e) => `${e.title} (${e.unit.name})`).join(', ') })}</p>}
      <Comments plan={plan} target="goal" targetId={goal.id} news={news} viewer="staff" />
      <div className="sammen-actions">
        <Disclosure label={t('planForm.goal.open')} srSuffix={t('planForm.goal.openFor', { goal: goal.wording })}>
          {(close) => <EditGoalForm goal={goal} onDone={close} />}
        </Disclosure>
        <CommentForm target="goal" targetId={goal.id} label={t('plan.commentOn', { what: goal.wording })} focusId={`goal-${goal.id}`} />
      </div>
    </li>
  );
}
