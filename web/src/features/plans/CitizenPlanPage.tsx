import { useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LIMITS, updateGoalInput, type ChangeView, type GoalView, type PlanView } from '@sammen/domain/plans';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { useSession } from '../../app/session.tsx';
import { getOwnPlan, updateGoal } from './plans.api.ts';
import { AuthorMark, CommentForm, Comments, NewMark, NewsBox, newsIndex, StatusChip, useFormat, type NewsIndex } from './parts.tsx';
import { usePlanState } from './planState.tsx';
import { PlanTextForm } from './forms/PlanTextForm.tsx';
import { TextInput } from '../../app/form.tsx';
import { PlanForm, PlanProvider, usePlanContext, usePlanWrite } from './write.tsx';

// The citizen's own plan, in plain Danish: short sentences, everyday words. The citizen (or a
// relative allowed to) writes their life story, wishes and the words of each goal, and
// comments on anything; everything else is read here and written by staff.

export function CitizenPlanPage() {
  const { t } = useTranslation();
  const session = useSession();
  const { state, news, saved, context } = usePlanState(getOwnPlan, 'own');
  const mayWrite = session.kind === 'citizen' || (session.kind === 'proxy' && session.scopes.includes('plan.comment'));
  const title = session.kind === 'proxy' ? t('borgerPlan.titleProxy', { name: session.citizenName }) : t('borgerPlan.title');

  return (
    <>
      <p className="sammen-back sammen-no-print">
        <Link to="/borger">{t('borgerPlan.back')}</Link>
      </p>
      <Page title={title}>
        {state.status === 'loading' && <Loading />}
        {state.status === 'failed' &&
          (state.error.code === 'NOT_FOUND' ? <p>{session.kind === 'proxy' ? t('borgerPlan.noneProxy') : t('borgerPlan.none')}</p> : <ErrorAlert error={state.error} />)}
        {state.status === 'ready' && context && (
          <PlanProvider value={context}>
            <p role="status" className="sammen-saved">
              {saved}
            </p>
            <CitizenPlan plan={state.plan} news={news} mayWrite={mayWrite} proxy={session.kind === 'proxy'} />
          </PlanProvider>
        )}
      </Page>
    </>
  );
}

function Toggle({ label, children }: { label: string; children: (close: () => void) => ReactNode }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    setTimeout(() => {
      if (document.activeElement === document.body) button.current?.focus();
    });
  };
  return (
    <div className="sammen-disclosure sammen-no-print">
      <button ref={button} type="button" className="button button-secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
        {label}
      </button>
      {open && <div className="sammen-disclosure-body">{children(close)}</div>}
    </div>
  );
}

function CitizenPlan({ plan, news, mayWrite, proxy }: { plan: PlanView; news: ChangeView[]; mayWrite: boolean; proxy: boolean }) {
  const { t } = useTranslation();
  const isNew = newsIndex(news);
  const viewer = proxy ? 'staff' : 'citizen';
  return (
    <div className="sammen-plan sammen-plain">
      <p className="font-lead">{proxy ? t('borgerPlan.introProxy', { name: plan.citizen.name }) : t('borgerPlan.intro')}</p>
      {!proxy && (
        <p className="sammen-no-print">
          {t('borgerPlan.whoSees')} <Link to="/borger/samtykker">{t('borgerPlan.consentsLink')}</Link>
        </p>
      )}
      {!mayWrite && (
        <div className="alert alert-info">
          <div className="alert-body">
            <p className="alert-text">{t('borgerPlan.readOnly')}</p>
          </div>
        </div>
      )}
      <p className="sammen-plan-links sammen-no-print">
        <Link to="/borger/plan/print">{t('borgerPlan.print')}</Link>
      </p>
      <NewsBox heading={t('borgerPlan.news')} plan={plan} news={news} />

      <section className="sammen-section" aria-labelledby="lifeStory-heading">
        <OwnText plan={plan} viewer={viewer} field="lifeStory" mayWrite={mayWrite} isNew={isNew.lifeStory} news={isNew} />
      </section>
      <section className="sammen-section" aria-labelledby="wishes-heading">
        <OwnText plan={plan} viewer={viewer} field="wishes" mayWrite={mayWrite} isNew={isNew.wishes} news={isNew} />
      </section>

      <section className="sammen-section" aria-labelledby="goals-heading">
        <h2 id="goals-heading" tabIndex={-1}>
          {t('borgerPlan.goals')}
        </h2>
        {plan.goals.length === 0 ? <p>{t('borgerPlan.noGoals')}</p> : <p>{t('borgerPlan.goalsIntro')}</p>}
        <ol className="sammen-goals">
          {plan.goals.map((g) => (
            <CitizenGoal key={g.id} viewer={viewer} plan={plan} goal={g} mayWrite={mayWrite} news={isNew} />
          ))}
        </ol>
      </section>

      <HelpersSection plan={plan} />

      <section className="sammen-section" aria-labelledby="agreements-heading">
        <h2 id="agreements-heading">{t('borgerPlan.agreements')}</h2>
        {plan.agreements.length === 0 && <p>{t('borgerPlan.noAgreements')}</p>}
        <ul className="sammen-cards">
          {plan.agreements.map((a) => (
            <li key={a.id} className={`sammen-card${isNew.agreement(a.id) ? ' sammen-new' : ''}`}>
              <p className="sammen-card-title">
                <NewMark show={isNew.agreement(a.id)} /> {a.responsibleUnit.name}
              </p>
              <p className="sammen-prewrap">{a.text}</p>
              <Comments plan={plan} target="agreement" targetId={a.id} news={isNew} viewer={viewer} />
              {mayWrite && <CommentForm target="agreement" targetId={a.id} label={t('borgerPlan.commentOn', { what: a.responsibleUnit.name })} />}
            </li>
          ))}
        </ul>
        <h3>{t('borgerPlan.disagreement')}</h3>
        <p className="sammen-prewrap">{plan.disagreementProcedure || t('borgerPlan.noDisagreement')}</p>
      </section>

      <section className="sammen-section" aria-labelledby="comments-heading">
        <h2 id="comments-heading" tabIndex={-1}>
          {t('borgerPlan.comments')}
        </h2>
        <Comments plan={plan} target="plan" news={isNew} viewer={viewer} />
        {mayWrite && <CommentForm target="plan" label={t('borgerPlan.commentOnPlan')} focusId="comments-heading" />}
      </section>
    </div>
  );
}


function OwnText({ plan, viewer, field, mayWrite, isNew, news }: { plan: PlanView; viewer: 'staff' | 'citizen'; field: 'lifeStory' | 'wishes'; mayWrite: boolean; isNew: boolean; news: NewsIndex }) {
  const { t } = useTranslation();
  const text = plan[field];
  const headingId = `${field}-heading`;
  const target = field === 'lifeStory' ? 'life_story' : 'wishes';
  return (
    <div className={`sammen-card${isNew ? ' sammen-new' : ''}`}>
      <h2 id={headingId} tabIndex={-1}>
        {t(`borgerPlan.${field}`)} <NewMark show={isNew} />
      </h2>
      <p className="form-hint">{t(`borgerPlan.${field}Hint`)}</p>
      {text?.text ? (
        <>
          <p className="sammen-meta">
            <AuthorMark author={text.author} viewer={viewer} />
          </p>
          <blockquote className="sammen-words sammen-prewrap">{text.text}</blockquote>
        </>
      ) : (
        <p className="sammen-muted">{t('borgerPlan.empty')}</p>
      )}
      <Comments plan={plan} target={target} news={news} viewer={viewer} />
      {mayWrite && (
        <div className="sammen-actions">
          <Toggle label={text?.text ? t(`borgerPlan.${field}Edit`) : t(`borgerPlan.${field}Write`)}>
            {(close) => <PlanTextForm field={field} label={t(`borgerPlan.${field}`)} hint={t('borgerPlan.writeHint')} onDone={close} focusId={headingId} lix={false} />}
          </Toggle>
          <CommentForm target={target} label={t('borgerPlan.commentOn', { what: t(`borgerPlan.${field}`) })} focusId={headingId} />
        </div>
      )}
    </div>
  );
}

function CitizenGoal({ plan, viewer, goal, mayWrite, news }: { plan: PlanView; viewer: 'staff' | 'citizen'; goal: GoalView; mayWrite: boolean; news: NewsIndex }) {
  const { t } = useTranslation();
  const first = goal.dependsOn.map((id) => plan.goals.find((g) => g.id === id)).filter((g) => g !== undefined && g.status !== 'reached');
  const isNew = news.goal(goal.id);
  return (
    <li className={`sammen-card sammen-goal${isNew ? ' sammen-new' : ''}`}>
      <h3 id={`goal-${goal.id}`} tabIndex={-1} className="sammen-goal-title">
        <span className="sammen-goal-no">{t('plan.goalNo', { n: goal.position })}</span> {goal.wording}
      </h3>
      <p className="sammen-meta">
        <NewMark show={isNew} /> <StatusChip status={goal.status} /> <AuthorMark author={goal.wordingAuthor} viewer={viewer} />
      </p>
      {goal.waiting && first.length > 0 && (
        <p className="sammen-waiting">
          {t('borgerPlan.waiting', { goals: first.map((g) => `“${g!.wording}”`).join(', ') })}
        </p>
      )}
      {goal.professionalDescription && (
        <>
          <p className="sammen-label">{t('borgerPlan.staffWrote')}</p>
          <p className="sammen-prewrap">{goal.professionalDescription}</p>
        </>
      )}
      <Comments plan={plan} target="goal" targetId={goal.id} news={news} viewer={viewer} />
      {mayWrite && (
        <div className="sammen-actions">
          <Toggle label={t('borgerPlan.goalEdit')}>{(close) => <GoalWordingForm goal={goal} onDone={close} />}</Toggle>
          <CommentForm target="goal" targetId={goal.id} label={t('borgerPlan.commentOn', { what: goal.wording })} focusId={`goal-${goal.id}`} />
        </div>
      )}
    </li>
  );
}

function GoalWordingForm({ goal, onDone }: { goal: GoalView; onDone: () => void }) {
  const { t } = useTranslation();
  const { plan } = usePlanContext();
  const write = usePlanWrite();
  const [wording, setWording] = useState(goal.wording);
  return (
    <PlanForm
      write={write}
      submitLabel={t('planForm.save')}
      onCancel={onDone}
      compare={(current) => {
        const now = current.goals.find((g) => g.id === goal.id);
        return [{ label: t('borgerPlan.goalWording'), mine: wording, theirs: now?.wording ?? '', theirsBy: now?.wordingAuthor.name, merge: () => setWording(`${now?.wording ?? ''} ${wording}`) }];
      }}
      onSubmit={() =>
        void write
          .run({ schema: updateGoalInput, input: (baseVersion) => ({ baseVersion, wording }), send: (input) => updateGoal(plan.id, goal.id, input), focusId: `goal-${goal.id}` })
          .then((p) => p && onDone())
      }
    >
      <TextInput label={t('borgerPlan.goalWording')} hint={t('borgerPlan.goalWordingHint')} value={wording} onChange={setWording} maxLength={LIMITS.wording} error={write.errorAt('wording')} />
    </PlanForm>
  );
}

/** Who helps: one line per effort, in everyday words. */
function HelpersSection({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="sammen-section" aria-labelledby="helpers-heading">
      <h2 id="helpers-heading">{t('borgerPlan.helpers')}</h2>
      {plan.efforts.length === 0 && <p>{t('borgerPlan.noHelpers')}</p>}
      <ul className="sammen-cards">
        {plan.efforts.map((e) => (
          <li key={e.id} className="sammen-card">
            <p className="sammen-card-title">
              {e.unit.name}: {e.title}
            </p>
            {e.kind === 'exemption' && <p>{t('borgerPlan.exemption')}</p>}
            <p>{e.responsible ? t('borgerPlan.contact', { name: e.responsible.name }) : t('borgerPlan.noContact')}</p>
            <p>{e.endsOn ? t('borgerPlan.period', { from: format.date(e.startsOn), to: format.date(e.endsOn) }) : t('borgerPlan.periodOpen', { from: format.date(e.startsOn) })}</p>
          </li>
        ))}
      </ul>
      <p>{t('borgerPlan.coordinator', { name: plan.coordinator.name, unit: plan.coordinator.unit.name })}</p>
    </section>
  );
}
