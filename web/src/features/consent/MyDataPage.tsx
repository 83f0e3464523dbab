import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { useApi } from '../../app/useApi.ts';
import { StatusChip } from '../plans/parts.tsx';
import { ReadsTable } from './AccessLogPage.tsx';
import { BreakGlassList } from './CitizenConsentsPage.tsx';
import { exportUrl, getOwnExport, type OwnExport } from './consent.api.ts';
import { useHowGiven, useSectionWords, useTimeWords } from './parts.tsx';

// "Mine data": the same copy as the JSON download (GDPR art. 15), laid out to read and print.

export function MyDataPage() {
  const { t } = useTranslation();
  const data = useApi(getOwnExport, []);
  return (
    <>
      <p className="sammen-back sammen-no-print">
        <Link to="/borger/hvem-har-kigget">{t('myData.back')}</Link>
      </p>
      <Page title={t('myData.title')}>
        {data.status === 'loading' && <Loading />}
        {data.status === 'failed' && <ErrorAlert error={data.error} />}
        {data.status === 'ready' && <MyData data={data.data} />}
      </Page>
    </>
  );
}

function MyData({ data }: { data: OwnExport }) {
  const { t } = useTranslation();
  const time = useTimeWords();
  const words = useSectionWords();
  const howGiven = useHowGiven();
  const plan = data.plan;
  return (
    <div className="sammen-my-data">
      <p className="font-lead">{t('myData.intro', { date: time.dateTime(data.exportedAt) })}</p>
      <p className="sammen-actions sammen-no-print">
        <button type="button" className="button button-primary" onClick={() => window.print()}>
          {t('myData.print')}
        </button>
        <a className="button button-secondary" href={exportUrl} download>
          {t('accessLog.download')}
        </a>
      </p>

      <section className="sammen-section" aria-labelledby="data-profile">
        <h2 id="data-profile">{t('myData.profile')}</h2>
        {data.profile && (
          <dl className="sammen-facts">
            <dt>{t('citizen.name')}</dt>
            <dd>{data.profile.name}</dd>
            <dt>{t('myData.birthDate')}</dt>
            <dd>{time.date(data.profile.birthDate)}</dd>
          </dl>
        )}
      </section>

      <section className="sammen-section" aria-labelledby="data-plan">
        <h2 id="data-plan">{t('myData.plan')}</h2>
        {!plan ? (
          <p>{t('myData.noPlan')}</p>
        ) : (
          <>
            <p>{t('myData.planFacts', { name: plan.coordinator.name, unit: plan.coordinator.unit.name, version: plan.version })}</p>
            <h3>{t('plan.lifeStory')}</h3>
            <p className="sammen-prewrap">{plan.lifeStory?.text || t('plan.notWritten')}</p>
            <h3>{t('plan.wishes')}</h3>
            <p className="sammen-prewrap">{plan.wishes?.text || t('plan.notWritten')}</p>
            <h3>{t('plan.goals')}</h3>
            <ol>
              {plan.goals.map((g) => (
                <li key={g.id}>
                  {g.wording} <StatusChip status={g.status} />
                </li>
              ))}
            </ol>
            <h3>{t('myData.efforts')}</h3>
            <ul>
              {plan.efforts.map((e) => (
                <li key={e.id}>
                  {e.title} – {e.unit.name}
                </li>
              ))}
            </ul>
            <h3>{t('plan.agreements')}</h3>
            <ul>
              {plan.agreements.map((a) => (
                <li key={a.id}>
                  {a.responsibleUnit.name}: {a.text}
                </li>
              ))}
            </ul>
            <p className="sammen-muted">{t('myData.history', { count: data.history.length })}</p>
          </>
        )}
      </section>

      <section className="sammen-section" aria-labelledby="data-consents">
        <h2 id="data-consents">{t('borgerConsent.title')}</h2>
        {!data.consents.length && <p>{t('borgerConsent.none')}</p>}
        <ul className="sammen-cards">
          {data.consents.map((c) => (
            <li key={c.id} className="sammen-card">
              <p className="sammen-card-title">
                {c.recipient.name} · {t(`borgerConsent.state.${c.state}`)}
              </p>
              <p>{t('borgerConsent.maySee', { unit: c.recipient.name, sections: words.list(c.sections, 'citizen') })}</p>
              <p className="sammen-muted">
                {c.purpose} · {c.endsOn ? t('borgerConsent.fromTo', { from: time.date(c.startsOn), to: time.date(c.endsOn) }) : t('borgerConsent.fromOpen', { from: time.date(c.startsOn) })} ·{' '}
                {howGiven(c, 'citizen')}
              </p>
            </li>
          ))}
        </ul>
      </section>

      <BreakGlassList items={data.breakGlass} audience="export" />

      <section className="sammen-section" aria-labelledby="data-reads">
        <h2 id="data-reads">{t('myData.reads', { count: data.accessLog.length })}</h2>
        <ReadsTable entries={data.accessLog} />
      </section>
    </div>
  );
}
