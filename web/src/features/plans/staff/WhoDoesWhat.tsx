import { useTranslation } from 'react-i18next';
import type { PlanView } from '@sammen/domain/plans';

/** Every effort in one table: unit, what, who is responsible, for which goals. */
export function WhoDoesWhat({ plan }: { plan: PlanView }) {
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
