import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PlanView } from '@sammen/domain/plans';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { useApi } from '../../app/useApi.ts';
import { getOwnPlan, getPlan } from './plans.api.ts';
import { AuthorMark, StatusChip, SupportLevels, useFormat } from './parts.tsx';

/**
 * The plan as a document to print or save as PDF: the whole plan read-only, in one column.
 * The print stylesheet hides the header, menus and buttons.
 */
export function PrintPlanPage({ own }: { own: boolean }) {
  const { t } = useTranslation();
  const { planId = '' } = useParams();
  const plan = useApi(() => (own ? getOwnPlan() : getPlan(planId)), [own, planId]);
  const back = own ? '/borger/plan' : `/planer/${planId}`;
  return (
    <div className="sammen-print">
      <p className="sammen-back sammen-no-print">
        <Link to={back}>{t('print.back')}</Link>
      </p>
      {plan.status === 'loading' && <Loading />}
      {plan.status === 'failed' && (
        <Page title={t('plan.titleUnknown')}>
          <ErrorAlert error={plan.error} />
        </Page>
      )}
      {plan.status === 'ready' && (
        <Page title={t('plan.title', { name: plan.data.citizen.name })}>
          <p className="sammen-no-print">
            <button type="button" className="button button-primary" onClick={() => window.print()}>
              {t('print.button')}
            </button>
          </p>
          <PlanDocument plan={plan.data} viewer={own ? 'citizen' : 'staff'} />
        </Page>
      )}
    </div>
  );
}

function PlanDocument({ plan, viewer }: { plan: PlanView; viewer: 'staff' | 'citizen' }) {
  const { t } = useTranslation();
  const format = useFormat();
  const byId = new Map(plan.goals.map((g) => [g.id, g]));
  return (
    <>
      <dl className="sammen-facts">
        <dt>{t('plan.coordinator')}</dt>
        <dd>{t('plan.coordinatorIn', { name: plan.coordinator.name, unit: plan.coordinator.unit.name })}</dd>
        <dt>{t('plan.version')}</dt>
        <dd>{t('plan.versionValue', { version: plan.version, date: format.dateTime(plan.updatedAt) })}</dd>
        <dt>{t('print.printedOn')}</dt>
        <dd>{format.dateTime(new Date().toISOString())}</dd>
      </dl>

      {(['lifeStory', 'wishes'] as const).map((field) => (
        <section key={field} className="sammen-print-section" aria-labelledby={`print-${field}`}>
          <h2 id={`print-${field}`}>{t(`plan.${field}`)}</h2>
          {plan[field]?.text ? (
            <>
              <p className="sammen-meta">
                <AuthorMark author={plan[field].author} viewer={viewer} />
              </p>
              <p className="sammen-prewrap">{plan[field].text}</p>
            </>
          ) : (
            <p>{t('plan.notWritten')}</p>
          )}
        </section>
      ))}

      <section className="sammen-print-section" aria-labelledby="print-goals">
        <h2 id="print-goals">{t('plan.goals')}</h2>
        {plan.goals.length === 0 && <p>{t('plan.noGoals')}</p>}
        <ol className="sammen-print-goals">
          {plan.goals.map((g) => (
            <li key={g.id}>
              <h3>{g.wording}</h3>
              <p className="sammen-meta">
                <StatusChip status={g.status} /> <AuthorMark author={g.wordingAuthor} viewer={viewer} />
              </p>
              {g.dependsOn.length > 0 && (
                <p>
                  {(g.waiting ? t('plan.waitingFor', { goals: '' }) : t('plan.after', { goals: '' })).trim()}{' '}
                  {g.dependsOn
                    .map((id) => byId.get(id))
                    .filter((x) => x !== undefined)
                    .map((x) => `“${x.wording}”`)
                    .join(', ')}
                </p>
              )}
              {g.professionalDescription && (
                <p>
                  <strong>{t('plan.professional')}:</strong> {g.professionalDescription}
                </p>
              )}
            </li>
          ))}
        </ol>
      </section>

      <section className="sammen-print-section" aria-labelledby="print-efforts">
        <h2 id="print-efforts">{t('plan.who')}</h2>
        {plan.efforts.length === 0 ? (
          <p>{t('plan.noEfforts')}</p>
        ) : (
          <table className="table table--compact">
            <caption className="sr-only">{t('plan.whoCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('plan.unit')}</th>
                <th scope="col">{t('plan.effort')}</th>
                <th scope="col">{t('plan.responsible')}</th>
                <th scope="col">{t('plan.period')}</th>
                <th scope="col">{t('plan.supportLevel')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.efforts.map((e) => (
                <tr key={e.id}>
                  <td>{e.unit.name}</td>
                  <td>
                    {e.title}
                    {e.kind === 'exemption' && ` (${t('planParts.kind.exemption')})`}
                    {e.legalBasis && <div className="sammen-muted">{e.legalBasis}</div>}
                  </td>
                  <td>{e.responsible?.name ?? t('plan.noResponsible')}</td>
                  <td>{e.endsOn ? t('plan.fromTo', { from: format.date(e.startsOn), to: format.date(e.endsOn) }) : t('plan.fromOpen', { from: format.date(e.startsOn) })}</td>
                  <td>
                    <SupportLevels levels={e.supportLevels} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="sammen-print-section" aria-labelledby="print-agreements">
        <h2 id="print-agreements">{t('plan.agreements')}</h2>
        {plan.agreements.length === 0 && <p>{t('plan.noAgreements')}</p>}
        <ul>
          {plan.agreements.map((a) => (
            <li key={a.id}>
              <strong>{a.responsibleUnit.name}:</strong> {a.text}
            </li>
          ))}
        </ul>
        <h3>{t('plan.disagreement')}</h3>
        <p className="sammen-prewrap">{plan.disagreementProcedure || t('plan.noDisagreement')}</p>
      </section>

      {viewer === 'staff' && plan.followUps.some((f) => !f.doneAt) && (
        <section className="sammen-print-section" aria-labelledby="print-followups">
          <h2 id="print-followups">{t('plan.followUps')}</h2>
          <ul>
            {plan.followUps
              .filter((f) => !f.doneAt)
              .map((f) => (
                <li key={f.id}>
                  {format.date(f.dueOn)} · {f.staff.name}
                  {f.note && `: ${f.note}`}
                </li>
              ))}
          </ul>
        </section>
      )}
    </>
  );
}
