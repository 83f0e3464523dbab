import { useRef, useState, type ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can } from '@sammen/domain/access';
import type { ChangeView, PlanView } from '@sammen/domain/plans';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { actorOf, useStaffSession } from '../../app/session.tsx';
import { useApi } from '../../app/useApi.ts';
import { listUnits } from '../identity/identity.api.ts';
import { getPlan, getPlanHistory, getStaffDirectory } from './plans.api.ts';
import { AuthorMark, CommentForm, Comments, NewMark, NewsBox, newsIndex, StatusChip, SupportLevels, useDescribeChange, useFormat, type NewsIndex } from './parts.tsx';
import { usePlanState } from './planState.tsx';
import { AccessBanner, HiddenEffortsNotice, HiddenNotice, sees } from '../consent/PlanAccess.tsx';
import { AddEffortForm, AddGoalForm, AgreementForm, EditGoalForm, FollowUpDone, FollowUpForm, HandOverForm, PlanTextForm, SupportLevelForm, type Lookups } from './StaffForms.tsx';
import { PlanProvider } from './write.tsx';

/**
 * The whole plan on one screen for staff (tablet first): who the citizen is and who
 * coordinates, what is new, the citizen's own words, goals in order, who does what, agreements,
 * follow-ups, comments and history — with a form for each change.
 */
export function StaffPlanPage() {
  const { t } = useTranslation();
  const { planId = '' } = useParams();
  const location = useLocation();
  const carried = (location.state as { news?: ChangeView[] } | null)?.news;
  const { state, news, saved, context } = usePlanState(() => getPlan(planId), planId, carried);
  const session = useStaffSession();
  const lookups = useApi(async (): Promise<Lookups> => {
    const [units, staff] = await Promise.all([listUnits(), getStaffDirectory()]);
    return { units, staff };
  }, [session.unitId]);

  return (
    <>
      <p className="sammen-back sammen-no-print">
        <Link to="/">{t('plan.backToStart')}</Link>
      </p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && (
        <Page title={t('plan.titleUnknown')}>
          <ErrorAlert error={state.error} />
        </Page>
      )}
      {state.status === 'ready' && context && (
        <PlanProvider value={context}>
          <Page title={t('plan.title', { name: state.plan.citizen.name })}>
            <p role="status" className="sammen-saved">
              {saved}
            </p>
            {lookups.status === 'failed' && <ErrorAlert error={lookups.error} />}
            <StaffPlan plan={state.plan} news={news} lookups={lookups.status === 'ready' ? lookups.data : undefined} />
          </Page>
        </PlanProvider>
      )}
    </>
  );
}

/** A button that opens a form below it; the form closes itself when saved or cancelled. */
function Disclosure({ label, srSuffix, children, disabled }: { label: string; srSuffix?: string; children: (close: () => void) => ReactNode; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    // Focus returns to the button unless a save moves it somewhere more useful.
    setTimeout(() => {
      if (document.activeElement === document.body) button.current?.focus();
    });
  };
  return (
    <div className="sammen-disclosure sammen-no-print">
      <button ref={button} type="button" className="button button-tertiary" aria-expanded={open} disabled={disabled} onClick={() => setOpen(!open)}>
        {label}
        {srSuffix && <span className="sr-only"> {srSuffix}</span>}
      </button>
      {open && <div className="sammen-disclosure-body">{children(close)}</div>}
    </div>
  );
}

function StaffPlan({ plan, news, lookups }: { plan: PlanView; news: ChangeView[]; lookups: Lookups | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useStaffSession();
  const isNew = newsIndex(news);
  const mayHandOver = can(actorOf(session), 'plan.handOver', {
    municipalityId: session.municipality.id,
    coordinatorId: plan.coordinator.id,
    unitId: plan.coordinator.unit.id,
  });

  return (
    <div className="sammen-plan">
      <section className="sammen-plan-header" id="plan-header" tabIndex={-1} aria-label={t('plan.facts')}>
        <dl className="sammen-facts">
          <dt>{t('plan.citizen')}</dt>
          <dd>{plan.citizen.name}</dd>
          <dt>{t('plan.coordinator')}</dt>
          <dd>
            {t('plan.coordinatorIn', { name: plan.coordinator.name, unit: plan.coordinator.unit.name })} <NewMark show={isNew.coordinator} />
          </dd>
          <dt>{t('plan.version')}</dt>
          <dd>{t('plan.versionValue', { version: plan.version, date: format.dateTime(plan.updatedAt) })}</dd>
        </dl>
        <p className="sammen-plan-links sammen-no-print">
          <Link to={`/planer/${plan.id}/print`}>{t('plan.print')}</Link>
          <a href="#history-heading">{t('plan.historyLink')}</a>
          <Link to={`/borgere/${plan.citizen.id}/samtykker`}>{t('plan.consentsLink')}</Link>
        </p>
        {mayHandOver && lookups && (
          <Disclosure label={t('planForm.handOver.open')}>{(close) => <HandOverForm lookups={lookups} onDone={close} />}</Disclosure>
        )}
      </section>

      <AccessBanner plan={plan} />
      <NewsBox heading={t('plan.news', { count: news.length })} forStaff plan={plan} news={news} />
      <WhoDoesWhat plan={plan} />

      <section className="sammen-section" aria-labelledby="words-heading">
        <h2 id="words-heading">{t('plan.wordsHeading')}</h2>
        <div className="sammen-two-col">
          <CitizenText plan={plan} field="lifeStory" title={t('plan.lifeStory')} isNew={isNew.lifeStory} news={isNew} />
          <CitizenText plan={plan} field="wishes" title={t('plan.wishes')} isNew={isNew.wishes} news={isNew} />
        </div>
      </section>

      <section className="sammen-section" aria-labelledby="goals-heading">
        <h2 id="goals-heading" tabIndex={-1}>
          {t('plan.goals')}
        </h2>
        {!sees(plan, 'goals') ? <HiddenNotice section="goals" /> : plan.goals.length === 0 && <p>{t('plan.noGoals')}</p>}
        <ol className="sammen-goals">
          {plan.goals.map((g) => (
            <GoalCard key={g.id} plan={plan} goal={g} news={isNew} />
          ))}
        </ol>
        {sees(plan, 'goals') && <Disclosure label={t('planForm.addGoal.open')}>{(close) => <AddGoalForm onDone={close} />}</Disclosure>}
      </section>

      <section className="sammen-section" aria-labelledby="efforts-heading">
        <h2 id="efforts-heading" tabIndex={-1}>
          {t('plan.efforts')}
        </h2>
        <EffortsByUnit plan={plan} news={isNew} />
        <HiddenEffortsNotice plan={plan} />
        {lookups && (
          <Disclosure label={t('planForm.effort.open')} disabled={!plan.goals.length}>
            {(close) => <AddEffortForm lookups={lookups} onDone={close} />}
          </Disclosure>
        )}
        {!plan.goals.length && sees(plan, 'goals') && <p className="form-hint">{t('plan.effortNeedsGoal')}</p>}
      </section>

      <section className="sammen-section" aria-labelledby="agreements-heading">
        <h2 id="agreements-heading" tabIndex={-1}>
          {t('plan.agreements')}
        </h2>
        {!sees(plan, 'agreements') ? <HiddenNotice section="agreements" /> : plan.agreements.length === 0 && <p>{t('plan.noAgreements')}</p>}
        <ul className="sammen-cards">
          {plan.agreements.map((a) => (
            <li key={a.id} className={`sammen-card${isNew.agreement(a.id) ? ' sammen-new' : ''}`}>
              <p className="sammen-card-title">
                <NewMark show={isNew.agreement(a.id)} /> {t('plan.responsibleUnit', { unit: a.responsibleUnit.name })}
              </p>
              <p className="sammen-prewrap">{a.text}</p>
              <Comments plan={plan} target="agreement" targetId={a.id} news={isNew} viewer="staff" />
              <CommentForm target="agreement" targetId={a.id} label={t('plan.commentOn', { what: a.responsibleUnit.name })} />
            </li>
          ))}
        </ul>
        {lookups && sees(plan, 'agreements') && <Disclosure label={t('planForm.agreement.open')}>{(close) => <AgreementForm lookups={lookups} onDone={close} />}</Disclosure>}

        {sees(plan, 'agreements') && (
          <>
        <h3 id="disagreement-heading" tabIndex={-1}>
          {t('plan.disagreement')} <NewMark show={isNew.disagreement} />
        </h3>
        <p className="sammen-prewrap">{plan.disagreementProcedure || t('plan.noDisagreement')}</p>
        <Disclosure label={t('planForm.disagreement.open')}>
          {(close) => (
            <PlanTextForm field="disagreementProcedure" label={t('plan.disagreement')} hint={t('planForm.disagreement.hint')} onDone={close} focusId="disagreement-heading" lix />
          )}
        </Disclosure>
          </>
        )}
      </section>

      <section className="sammen-section" aria-labelledby="followups-heading">
        <h2 id="followups-heading" tabIndex={-1}>
          {t('plan.followUps')}
        </h2>
        {(plan.access.basis === 'involvement' || plan.access.basis === 'consent') && <p className="form-hint">{t('plan.followUpsOwnOnly')}</p>}
        <FollowUps plan={plan} news={isNew} />
        {lookups && (
          <Disclosure label={t('planForm.followUp.open')}>
            {(close) => <FollowUpForm lookups={lookups} onDone={close} defaultStaffId={session.staffId} />}
          </Disclosure>
        )}
      </section>

      <section className="sammen-section" aria-labelledby="comments-heading">
        <h2 id="comments-heading" tabIndex={-1}>
          {t('plan.comments')}
        </h2>
        <p className="form-hint">{t('plan.commentsHint')}</p>
        {!sees(plan, 'comments') && <HiddenNotice section="comments" />}
        <Comments plan={plan} target="plan" news={isNew} viewer="staff" />
        <CommentForm target="plan" label={t('plan.commentOnPlan')} focusId="comments-heading" />
      </section>

      <History plan={plan} />
    </div>
  );
}


/** Every effort in one table: unit, what, who is responsible, for which goals. */
function WhoDoesWhat({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  if (!plan.efforts.length) return null;
  const goalNo = new Map(plan.goals.map((g) => [g.id, g.position]));
  return (
    <section className="sammen-section" aria-labelledby="who-heading">
      <h2 id="who-heading">{t('plan.who')}</h2>
      <div className="table--responsive-scroll">
        <table className="table table--compact sammen-who-table">
          <caption className="sr-only">{t('plan.whoCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('plan.unit')}</th>
              <th scope="col">{t('plan.effort')}</th>
              <th scope="col">{t('plan.responsible')}</th>
              <th scope="col">{t('plan.forGoals')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.efforts.map((e) => (
              <tr key={e.id}>
                <td>{e.unit.name}</td>
                <td>
                  {e.title}
                  {e.kind === 'exemption' && <span className="badge badge-warning sammen-inline-badge">{t('planParts.kind.exemption')}</span>}
                </td>
                <td>{e.responsible?.name ?? t('plan.noResponsible')}</td>
                <td>{e.goalIds.map((id) => goalNo.get(id)).filter(Boolean).sort().join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function CitizenText({ plan, field, title, isNew, news }: { plan: PlanView; field: 'lifeStory' | 'wishes'; title: string; isNew: boolean; news: NewsIndex }) {
  const { t } = useTranslation();
  const text = plan[field];
  const headingId = `${field}-heading`;
  return (
    <div className={`sammen-card${isNew ? ' sammen-new' : ''}`}>
      <h3 id={headingId} tabIndex={-1}>
        {title} <NewMark show={isNew} />
      </h3>
      {!sees(plan, field === 'lifeStory' ? 'life_story' : 'wishes') ? (
        <HiddenNotice section={field === 'lifeStory' ? 'life_story' : 'wishes'} />
      ) : text?.text ? (
        <>
          <p className="sammen-meta">
            <AuthorMark author={text.author} viewer="staff" />
          </p>
          <blockquote className="sammen-words sammen-prewrap">{text.text}</blockquote>
        </>
      ) : (
        <p className="sammen-muted">{t('plan.notWritten')}</p>
      )}
      <Comments plan={plan} target={field === 'lifeStory' ? 'life_story' : 'wishes'} news={news} viewer="staff" />
      {sees(plan, field === 'lifeStory' ? 'life_story' : 'wishes') && (
      <div className="sammen-actions">
        <Disclosure label={t('planForm.editText', { what: title.toLowerCase() })}>
          {(close) => <PlanTextForm field={field} label={title} hint={t('planForm.citizenWordsHint')} onDone={close} focusId={headingId} lix={false} />}
        </Disclosure>
        <CommentForm target={field === 'lifeStory' ? 'life_story' : 'wishes'} label={t('plan.commentOn', { what: title.toLowerCase() })} focusId={headingId} />
      </div>
      )}
    </div>
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

function History({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const describe = useDescribeChange();
  const [shown, setShown] = useState(false);
  return (
    <section className="sammen-section sammen-no-print" aria-labelledby="history-heading">
      <h2 id="history-heading" tabIndex={-1}>
        {t('plan.history')}
      </h2>
      {!shown ? (
        <button type="button" className="button button-secondary" onClick={() => setShown(true)}>
          {t('plan.showHistory')}
        </button>
      ) : (
        <HistoryList plan={plan} describe={describe} format={format} />
      )}
    </section>
  );
}

function HistoryList({ plan, describe, format }: { plan: PlanView; describe: ReturnType<typeof useDescribeChange>; format: ReturnType<typeof useFormat> }) {
  const { t } = useTranslation();
  const history = useApi(() => getPlanHistory(plan.id), [plan.id, plan.version]);
  if (history.status === 'loading') return <Loading />;
  if (history.status === 'failed') return <ErrorAlert error={history.error} />;
  return (
    <ol className="sammen-history" reversed>
      {history.data.map((c) => (
        <li key={c.id}>
          <span className="sammen-muted">
            {format.dateTime(c.at)} · {t('plan.versionShort', { version: c.version })}
          </span>{' '}
          <strong>{c.actor.name}</strong>: {describe(c, plan)}
        </li>
      ))}
    </ol>
  );
}
