import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ChangeView, PlanView } from '@sammen/domain/plans';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { useStaffSession } from '../../app/session.tsx';
import { useApi } from '../../app/useApi.ts';
import { AccessBanner } from '../consent/PlanAccess.tsx';
import { listUnits } from '../identity/identity.api.ts';
import type { Lookups } from './forms/options.ts';
import { NewsBox, newsIndex } from './parts.tsx';
import { usePlanState } from './planState.tsx';
import { getPlan, getStaffDirectory } from './plans.api.ts';
import { AgreementsSection } from './staff/AgreementsSection.tsx';
import { CitizenWordsSection } from './staff/CitizenWordsSection.tsx';
import { CommentsSection } from './staff/CommentsSection.tsx';
import { EffortsSection } from './staff/EffortsSection.tsx';
import { FollowUpsSection } from './staff/FollowUpsSection.tsx';
import { GoalsSection } from './staff/GoalsSection.tsx';
import { HistorySection } from './staff/HistorySection.tsx';
import { PlanHeader } from './staff/PlanHeader.tsx';
import { WhoDoesWhat } from './staff/WhoDoesWhat.tsx';
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
            <p className="sammen-no-print">
              <Link to={`/borgere/${encodeURIComponent(state.plan.citizen.id)}/kalender`}>{t('calendar.link')}</Link>
            </p>
            <p className="sammen-no-print">
              <Link to={`/borgere/${encodeURIComponent(state.plan.citizen.id)}/feedback`}>{t('feedback.link')}</Link>
            </p>
            <p className="sammen-no-print">
              <Link to={`/borgere/${encodeURIComponent(state.plan.citizen.id)}/samarbejde`}>{t('pulse.link')}</Link>
            </p>
            <p className="sammen-no-print">
              <Link to={`/borgere/${encodeURIComponent(state.plan.citizen.id)}/netvaerk`}>{t('network.title', { name: state.plan.citizen.name })}</Link>
            </p>
            {lookups.status === 'failed' && <ErrorAlert error={lookups.error} />}
            <StaffPlan plan={state.plan} news={news} lookups={lookups.status === 'ready' ? lookups.data : undefined} />
          </Page>
        </PlanProvider>
      )}
    </>
  );
}

/** The sections in reading order; each one is its own file under staff/, each form under forms/. */
function StaffPlan({ plan, news, lookups }: { plan: PlanView; news: ChangeView[]; lookups: Lookups | undefined }) {
  const { t } = useTranslation();
  const isNew = newsIndex(news);
  return (
    <div className="sammen-plan">
      <PlanHeader plan={plan} news={isNew} lookups={lookups} />
      <AccessBanner plan={plan} />
      <NewsBox heading={t('plan.news', { count: news.length })} forStaff plan={plan} news={news} />
      <WhoDoesWhat plan={plan} />
      <CitizenWordsSection plan={plan} news={isNew} />
      <GoalsSection plan={plan} news={isNew} />
      <EffortsSection plan={plan} news={isNew} lookups={lookups} />
      <AgreementsSection plan={plan} news={isNew} lookups={lookups} />
      <FollowUpsSection plan={plan} news={isNew} lookups={lookups} />
      <CommentsSection plan={plan} news={isNew} />
      <HistorySection plan={plan} />
    </div>
  );
}
