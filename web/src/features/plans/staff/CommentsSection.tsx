import { useTranslation } from 'react-i18next';
import type { PlanView } from '@sammen/domain/plans';
import { HiddenNotice, sees } from '../../consent/PlanAccess.tsx';
import { CommentForm, Comments, type NewsIndex } from '../parts.tsx';

/** Comments on the plan as a whole. */
export function CommentsSection({ plan, news }: { plan: PlanView; news: NewsIndex }) {
  const { t } = useTranslation();
  return (
    <section className="sammen-section" aria-labelledby="comments-heading">
      <h2 id="comments-heading" tabIndex={-1}>
        {t('plan.comments')}
      </h2>
      <p className="form-hint">{t('plan.commentsHint')}</p>
      {!sees(plan, 'comments') && <HiddenNotice section="comments" />}
      <Comments plan={plan} target="plan" news={news} viewer="staff" />
      <CommentForm target="plan" label={t('plan.commentOnPlan')} focusId="comments-heading" />
    </section>
  );
}
