import { useTranslation } from 'react-i18next';
import type { PlanView } from '@sammen/domain/plans';
import { HiddenNotice, sees } from '../../consent/PlanAccess.tsx';
import { PlanTextForm } from '../forms/PlanTextForm.tsx';
import { AuthorMark, CommentForm, Comments, NewMark, type NewsIndex } from '../parts.tsx';
import { Disclosure } from './Disclosure.tsx';

/** The citizen's own words: life story and wishes, side by side. */
export function CitizenWordsSection({ plan, news }: { plan: PlanView; news: NewsIndex }) {
  const { t } = useTranslation();
  return (
    <section className="sammen-section" aria-labelledby="words-heading">
      <h2 id="words-heading">{t('plan.wordsHeading')}</h2>
      <div className="sammen-two-col">
        <CitizenText plan={plan} field="lifeStory" title={t('plan.lifeStory')} isNew={news.lifeStory} news={news} />
        <CitizenText plan={plan} field="wishes" title={t('plan.wishes')} isNew={news.wishes} news={news} />
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
