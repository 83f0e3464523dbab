import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can } from '@sammen/domain/access';
import type { PlanView } from '@sammen/domain/plans';
import { actorOf, useStaffSession } from '../../../app/session.tsx';
import { HandOverForm } from '../forms/HandOverForm.tsx';
import type { Lookups } from '../forms/options.ts';
import { NewMark, useFormat, type NewsIndex } from '../parts.tsx';
import { Disclosure } from './Disclosure.tsx';

/** Who the citizen is, who coordinates, which version this is; links out, and the hand-over. */
export function PlanHeader({ plan, news, lookups }: { plan: PlanView; news: NewsIndex; lookups: Lookups | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useStaffSession();
  const mayHandOver = can(actorOf(session), 'plan.handOver', {
    municipalityId: session.municipality.id,
    coordinatorId: plan.coordinator.id,
    unitId: plan.coordinator.unit.id,
  });
  return (
    <section className="sammen-plan-header" id="plan-header" tabIndex={-1} aria-label={t('plan.facts')}>
      <dl className="sammen-facts">
        <dt>{t('plan.citizen')}</dt>
        <dd>{plan.citizen.name}</dd>
        <dt>{t('plan.coordinator')}</dt>
        <dd>
          {t('plan.coordinatorIn', { name: plan.coordinator.name, unit: plan.coordinator.unit.name })} <NewMark show={news.coordinator} />
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
  );
}
