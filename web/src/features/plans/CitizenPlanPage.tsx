import { useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LIMITS, updateGoalInput, type ChangeView, type GoalView, type PlanView } from '@sammen/domain/plans';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { useSession } from '../../app/session.tsx';
import { useVoice } from '../../app/voice.ts';
import { AlertIcon } from '../../app/AlertIcon.tsx';
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
  const { say } = useVoice();
  const session = useSession();
  const { state, news, saved, context } = usePlanState(getOwnPlan, 'own');
  const mayWrite = session.kind === 'citizen' || (session.kind === 'proxy' && session.scopes.includes('plan.comment'));
  const title = say('borgerPlan.title');

  return (
    <>
      <p className="sammen-back sammen-no-print">
        <Link to="/borger">{say('borgerPlan.back')}</Link>
      </p>
      <Page title={title}>
        {state.status === 'loading' && <Loading />}
        {state.status === 'failed' &&
          (state.error.code === 'NOT_FOUND' ? <p>{session.kind === 'proxy' ? say('borgerPlan.noneProxy') : say('borgerPlan.none')}</p> : <ErrorAlert error={state.error} />)}
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
  const { say } = useVoice();
  const isNew = newsIndex(news);
  const viewer = proxy ? 'staff' : 'citizen';
  return (
    <div className="sammen-plan sammen-plain">
      <p className="font-lead">{proxy ? say('borgerPlan.introProxy', { name: plan.citizen.name }) : say('borgerPlan.intro')}</p>
      {!proxy && (
        <p className="sammen-no-print">
          {say('borgerPlan.whoSees')} <Link to="/borger/samtykker">{say('borgerPlan.consentsLink')}</Link>
        </p>
      )}
      {!mayWrite && (
        <div className="alert alert-info">
          <AlertIcon variant="info" />
          <div className="alert-body">
            <p className="alert-text">{say('borgerPlan.readOnly')}</p>
          </div>
        </div>
      )}
      <p className="sammen-plan-links sammen-no-print">
        <Link to="/borger/plan/print">{say('borgerPlan.print')}</Link>
      </p>
      <NewsBox heading={say('borgerPlan.news')} plan={plan} news={news} />

      <section className="sammen-section" aria-labelledby="lifeStory-heading">
        <OwnText plan={plan} viewer={viewer} field="lifeStory" mayWrite={mayWrite} isNew={isNew.lifeStory} news={isNew} />
      </section>
      <section className="sammen-section" aria-labelledby="wishes-heading">
        <OwnText plan={plan} viewer={viewer} field="wishes" mayWrite={mayWrite} isNew={isNew.wishes} news={isNew} />
      </section>

      <section className="sammen-section" aria-labelledby="goals-heading">
        <h2 id="goals-heading" tabIndex={-1}>
          {say('borgerPlan.goals')}
        </h2>
        {plan.goals.length === 0 ? <p>{say('borgerPlan.noGoals')}</p> : <p>{say('borgerPlan.goalsIntro')}</p>}
        <ol className="sammen-goals">
          {plan.goals.map((g) => (
            <CitizenGoal key={g.id} viewer={viewer} plan={plan} goal={g} mayWrite={mayWrite} news={isNew} />
          ))}
        </ol>
      </section>

      <HelpersSection plan={plan} />

      <section className="sammen-section" aria-labelledby="agreements-heading">
        <h2 id="agreements-heading">{say('borgerPlan.agreements')}</h2>
        {plan.agreements.length === 0 && <p>{say('borgerPlan.noAgreements')}</p>}
        <ul className="sammen-cards">
          {plan.agreements.map((a) => (
            <li key={a.id} className={`sammen-card${isNew.agreement(a.id) ? ' sammen-new' : ''}`}>
              <p className="sammen-card-title">
                <NewMark show={isNew.agreement(a.id)} /> {a.responsibleUnit.name}
              </p>
              <p className="sammen-prewrap">{a.text}</p>
              <Comments plan={plan} target="agreement" targetId={a.id} news={isNew} viewer={viewer} />
              {mayWrite && <CommentForm target="agreement" targetId={a.id} label={say('borgerPlan.commentOn', { what: a.responsibleUnit.name })} />}
            </li>
          ))}
        </ul>
        <h3>{say('borgerPlan.disagreement')}</h3>
        <p className="sammen-prewrap">{plan.disagreementProcedure || say('borgerPlan.noDisagreement')}</p>
      </section>

      <section className="sammen-section" aria-labelledby="comments-heading">
        <h2 id="comments-heading" tabIndex={-1}>
          {say('borgerPlan.comments')}
        </h2>
        <Comments plan={plan} target="plan" news={isNew} viewer={viewer} />
        {mayWrite && <CommentForm target="plan" label={say('borgerPlan.commentOnPlan')} focusId="comments-heading" />}
      </section>
    </div>
  );
}


function OwnText({ plan, viewer, field, mayWrite, isNew, news }: { plan: PlanView; viewer: 'staff' | 'citizen'; field: 'lifeStory' | 'wishes'; mayWrite: boolean; isNew: boolean; news: NewsIndex }) {
  const { t } = useTranslation();
  const { say } = useVoice();
  const text = plan[field];
  const headingId = `${field}-heading`;
  const target = field === 'lifeStory' ? 'life_story' : 'wishes';
  return (
    <div className={`sammen-card${isNew ? ' sammen-new' : ''}`}>
      <h2 id={headingId} tabIndex={-1}>
        {say(`borgerPlan.${field}`)} <NewMark show={isNew} />
      </h2>
      <p className="form-hint">{say(`borgerPlan.${field}Hint`)}</p>
      {text?.text ? (
        <>
          <p className="sammen-meta">
            <Author author={text.author} viewer={viewer} />
          </p>
          <blockquote className="sammen-words sammen-prewrap">{text.text}</blockquote>
        </>
      ) : (
        <p className="sammen-muted">{say('borgerPlan.empty')}</p>
      )}
      <Comments plan={plan} target={target} news={news} viewer={viewer} />
      {mayWrite && (
        <div className="sammen-actions">
          <Toggle label={text?.text ? say(`borgerPlan.${field}Edit`) : say(`borgerPlan.${field}Write`)}>
            {(close) => <PlanTextForm field={field} label={say(`borgerPlan.${field}`)} hint={say('borgerPlan.writeHint')} onDone={close} focusId={headingId} lix={false} />}
          </Toggle>
          <CommentForm target={target} label={say('borgerPlan.commentOn', { what: say(`borgerPlan.${field}`) })} focusId={headingId} />
        </div>
      )}
    </div>
  );
}

/**
 * Who wrote a text. A relative reads "Gerdas egne ord" and, for what they wrote themselves,
 * "Skrevet af dig" — not their own name with "(pårørende)" after it.
 */
function Author({ author, viewer }: { author: GoalView['wordingAuthor']; viewer: 'staff' | 'citizen' }) {
  const session = useSession();
  const { say } = useVoice();
  if (session.kind === 'proxy' && author.kind === 'citizen') return <span className="badge badge-success sammen-own-words">{say('borgerPlan.ownWords')}</span>;
  if (session.kind === 'proxy' && author.kind === 'proxy' && author.id === session.proxyId) return <span className="badge badge-info">{say('borgerPlan.byYou')}</span>;
  return <AuthorMark author={author} viewer={viewer} />;
}

function CitizenGoal({ plan, viewer, goal, mayWrite, news }: { plan: PlanView; viewer: 'staff' | 'citizen'; goal: GoalView; mayWrite: boolean; news: NewsIndex }) {
  const { t } = useTranslation();
  const { say } = useVoice();
  const first = goal.dependsOn.map((id) => plan.goals.find((g) => g.id === id)).filter((g) => g !== undefined && g.status !== 'reached');
  const isNew = news.goal(goal.id);
  return (
    <li className={`sammen-card sammen-goal${isNew ? ' sammen-new' : ''}`}>
      <h3 id={`goal-${goal.id}`} tabIndex={-1} className="sammen-goal-title">
        <span className="sammen-goal-no">{t('plan.goalNo', { n: goal.position })}</span> {goal.wording}
      </h3>
      <p className="sammen-meta">
        <NewMark show={isNew} /> <StatusChip status={goal.status} /> <Author author={goal.wordingAuthor} viewer={viewer} />
      </p>
      {goal.waiting && first.length > 0 && (
        <p className="sammen-waiting">
          {say('borgerPlan.waiting', { goals: first.map((g) => `“${g!.wording}”`).join(', ') })}
        </p>
      )}
      {goal.professionalDescription && (
        <>
          <p className="sammen-label">{say('borgerPlan.staffWrote')}</p>
          <p className="sammen-prewrap">{goal.professionalDescription}</p>
        </>
      )}
      <Comments plan={plan} target="goal" targetId={goal.id} news={news} viewer={viewer} />
      {mayWrite && (
        <div className="sammen-actions">
          <Toggle label={say('borgerPlan.goalEdit')}>{(close) => <GoalWordingForm goal={goal} onDone={close} />}</Toggle>
          <CommentForm target="goal" targetId={goal.id} label={say('borgerPlan.commentOn', { what: goal.wording })} focusId={`goal-${goal.id}`} />
        </div>
      )}
    </li>
  );
}

function GoalWordingForm({ goal, onDone }: { goal: GoalView; onDone: () => void }) {
  const { t } = useTranslation();
  const { say } = useVoice();
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
        return [{ label: say('borgerPlan.goalWording'), mine: wording, theirs: now?.wording ?? '', theirsBy: now?.wordingAuthor.name, merge: () => setWording(`${now?.wording ?? ''} ${wording}`) }];
      }}
      onSubmit={() =>
        void write
          .run({ schema: updateGoalInput, input: (baseVersion) => ({ baseVersion, wording }), send: (input) => updateGoal(plan.id, goal.id, input), focusId: `goal-${goal.id}` })
          .then((p) => p && onDone())
      }
    >
      <TextInput label={say('borgerPlan.goalWording')} hint={say('borgerPlan.goalWordingHint')} value={wording} onChange={setWording} maxLength={LIMITS.wording} error={write.errorAt('wording')} />
    </PlanForm>
  );
}

/** Who helps: one line per effort, in everyday words; help that has ended is told as past. */
function HelpersSection({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const { say } = useVoice();
  const today = localToday();
  const current = plan.efforts.filter((e) => !e.endsOn || e.endsOn >= today);
  const ended = plan.efforts.filter((e) => e.endsOn && e.endsOn < today);
  return (
    <section className="sammen-section" aria-labelledby="helpers-heading">
      <h2 id="helpers-heading">{say('borgerPlan.helpers')}</h2>
      {plan.efforts.length === 0 && <p>{say('borgerPlan.noHelpers')}</p>}
      {current.length > 0 && (
        <ul className="sammen-cards">
          {current.map((e) => (
            <Helper key={e.id} effort={e} today={today} />
          ))}
        </ul>
      )}
      {ended.length > 0 && (
        <>
          <h3 id="helpers-ended-heading">{say('borgerPlan.helpersEnded')}</h3>
          <ul className="sammen-cards" aria-labelledby="helpers-ended-heading">
            {ended.map((e) => (
              <Helper key={e.id} effort={e} today={today} />
            ))}
          </ul>
        </>
      )}
      <p>{t('borgerPlan.coordinator', { name: plan.coordinator.name, unit: plan.coordinator.unit.name })}</p>
    </section>
  );
}

function Helper({ effort: e, today }: { effort: PlanView['efforts'][number]; today: string }) {
  const { say } = useVoice();
  const format = useFormat();
  const when = e.endsOn && e.endsOn < today ? 'past' : e.startsOn > today ? 'later' : 'now';
  return (
    <li className={`sammen-card sammen-helper sammen-helper-${when}`}>
      <p className="sammen-card-title">
        {e.unit.name}: {e.title}
      </p>
      {e.kind === 'exemption' && <p>{say(when === 'past' ? 'borgerPlan.exemptionPast' : when === 'later' ? 'borgerPlan.exemptionLater' : 'borgerPlan.exemption')}</p>}
      {e.responsible ? (
        <p>{say(when === 'past' ? 'borgerPlan.contactPast' : 'borgerPlan.contact', { name: e.responsible.name })}</p>
      ) : (
        when !== 'past' && <p>{say('borgerPlan.noContact')}</p>
      )}
      <p>
        {when === 'past'
          ? say('borgerPlan.periodPast', { from: format.date(e.startsOn), to: format.date(e.endsOn!) })
          : when === 'later'
            ? say(e.endsOn ? 'borgerPlan.periodLater' : 'borgerPlan.periodLaterOpen', { from: format.date(e.startsOn), to: e.endsOn ? format.date(e.endsOn) : '' })
            : e.endsOn
              ? say('borgerPlan.period', { from: format.date(e.startsOn), to: format.date(e.endsOn) })
              : say('borgerPlan.periodOpen', { from: format.date(e.startsOn) })}
      </p>
    </li>
  );
}

/** Today as YYYY-MM-DD where the reader is, to compare with an effort's dates. */
function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
