import { useTranslation } from 'react-i18next';
import type { PlanView } from '@sammen/domain/plans';
import { HiddenNotice, sees } from '../../consent/PlanAccess.tsx';
import { AgreementForm } from '../forms/AgreementForm.tsx';
import type { Lookups } from '../forms/options.ts';
import { PlanTextForm } from '../forms/PlanTextForm.tsx';
import { CommentForm, Comments, NewMark, type NewsIndex } from '../parts.tsx';
import { Disclosure } from './Disclosure.tsx';

/** Cooperation agreements between the units, and what happens when the parties disagree. */
export function AgreementsSection({ plan, news, lookups }: { plan: PlanView; news: NewsIndex; lookups: Lookups | undefined }) {
  const { t } = useTranslation();
  return (
    <section className="sammen-section" aria-labelledby="agreements-heading">
      <h2 id="agreements-heading" tabIndex={-1}>
        {t('plan.agreements')}
      </h2>
      {!sees(plan, 'agreements') ? <HiddenNotice section="agreements" /> : plan.agreements.length === 0 && <p>{t('plan.noAgreements')}</p>}
      <ul className="sammen-cards">
        {plan.agreements.map((a) => (
          <li key={a.id} className={`sammen-card${news.agreement(a.id) ? ' sammen-new' : ''}`}>
            <p className="sammen-card-title">
              <NewMark show={news.agreement(a.id)} /> {t('plan.responsibleUnit', { unit: a.responsibleUnit.name })}
            </p>
            <p className="sammen-prewrap">{a.text}</p>
            <Comments plan={plan} target="agreement" targetId={a.id} news={news} viewer="staff" />
            <CommentForm target="agreement" targetId={a.id} label={t('plan.commentOn', { what: a.responsibleUnit.name })} />
          </li>
        ))}
      </ul>
      {lookups && sees(plan, 'agreements') && <Disclosure label={t('planForm.agreement.open')}>{(close) => <AgreementForm lookups={lookups} onDone={close} />}</Disclosure>}

      {sees(plan, 'agreements') && (
        <>
          <h3 id="disagreement-heading" tabIndex={-1}>
            {t('plan.disagreement')} <NewMark show={news.disagreement} />
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
  );
}
