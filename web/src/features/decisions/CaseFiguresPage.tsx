import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CaseFiguresView } from '@sammen/domain/decisions';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { apiErrorOf } from '../calendar/calendar.api.ts';
import { Input } from '../calendar/parts.tsx';
import { useFormat } from '../plans/parts.tsx';
import { useCaseFigures } from './decisions.api.ts';
import { share } from './decisions.format.ts';
import { usePeriodText } from './RequestParts.tsx';

// "Tal for afgørelser og klager" (leaders): time from request to decision per decision type,
// how many negative decisions came after a dialogue, and how complaints were met and ended.
// Counts only, no names. Tables first; a bar beside a share is decoration (aria-hidden).

export function CaseFiguresPage() {
  const { t } = useTranslation();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [asked, setAsked] = useState({ from: '', to: '' });
  const figures = useCaseFigures(asked.from, asked.to);
  const f = useFormat();

  function submit(e: FormEvent) {
    e.preventDefault();
    setAsked({ from, to });
  }

  return (
    <>
      <p className="sammen-back">
        <Link to="/afgoerelser">{t('caseFigures.back')}</Link>
      </p>
      <Page title={t('caseFigures.title')}>
        <p className="font-lead">{t('caseFigures.intro')}</p>
        <form className="sammen-filters" onSubmit={submit} noValidate aria-label={t('caseFigures.periodLabel')}>
          <Input label={t('caseFigures.from')} type="date" value={from} onChange={setFrom} />
          <Input label={t('caseFigures.to')} type="date" value={to} onChange={setTo} />
          <div className="form-group">
            <button type="submit" className="button button-secondary">
              {t('caseFigures.show')}
            </button>
          </div>
        </form>
        {figures.isPending && <Loading />}
        {figures.isError && <ErrorAlert error={apiErrorOf(figures.error)} />}
        {figures.data && (
          <>
            <p className="sammen-result-count" role="status">
              {t('caseFigures.period', { from: f.date(figures.data.from), to: f.date(figures.data.to) })}
              {figures.isFetching && <span className="sr-only"> {t('app.loading')}</span>}
            </p>
            <DecisionTypeFigures figures={figures.data} />
            <DialogueFigures figures={figures.data} />
            <ComplaintFigures figures={figures.data} />
          </>
        )}
      </Page>
    </>
  );
}

/** "7 af 9 (78 %)" with a bar; "–" when there is nothing to count. */
function Share({ part, whole }: { part: number; whole: number }) {
  const { t } = useTranslation();
  const pct = share(part, whole);
  if (pct === null) return <>{t('caseFigures.none')}</>;
  return (
    <span className="sammen-share">
      <span>{t('caseFigures.share', { part, whole, pct })}</span>
      <span className="sammen-bar" aria-hidden="true">
        <span className="sammen-bar-fill" style={{ width: `${pct}%` }} />
      </span>
    </span>
  );
}

function DecisionTypeFigures({ figures }: { figures: CaseFiguresView }) {
  const { t, i18n } = useTranslation();
  const f = { locale: i18n.language === 'en' ? 'en-GB' : 'da-DK' };
  const periodText = usePeriodText();
  return (
    <section className="sammen-section" aria-labelledby="figures-types">
      <h2 id="figures-types">{t('caseFigures.types.heading')}</h2>
      {figures.decisionTypes.length === 0 ? (
        <p>{t('caseFigures.types.none')}</p>
      ) : (
        <div className="table--responsive-scroll">
          <table className="table table--zebra sammen-figures">
            <caption className="sr-only">{t('caseFigures.types.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('caseFigures.types.type')}</th>
                <th scope="col">{t('caseFigures.types.deadline')}</th>
                <th scope="col" className="sammen-number">
                  {t('caseFigures.types.decided')}
                </th>
                <th scope="col" className="sammen-number">
                  {t('caseFigures.types.medianDays')}
                </th>
                <th scope="col">{t('caseFigures.types.withinDeadline')}</th>
                <th scope="col" className="sammen-number">
                  {t('caseFigures.types.openBreached')}
                </th>
              </tr>
            </thead>
            <tbody>
              {figures.decisionTypes.map((row) => (
                <tr key={row.decisionType.id}>
                  <th scope="row">{row.decisionType.name}</th>
                  <td>{periodText(row.processingDeadline)}</td>
                  <td className="sammen-number">{row.decided}</td>
                  <td className="sammen-number">{row.medianDays === null ? t('caseFigures.none') : t('caseFigures.days', { count: row.medianDays, n: row.medianDays.toLocaleString(f.locale) })}</td>
                  <td>
                    <Share part={row.withinDeadline} whole={row.decided} />
                  </td>
                  <td className="sammen-number">{row.openBreached}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function FactsTable({ id, caption, rows }: { id: string; caption: string; rows: { label: string; value: ReactNode }[] }) {
  return (
    <div className="table--responsive-scroll">
      <table className="table sammen-figures" id={id}>
        <caption className="sr-only">{caption}</caption>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td>{r.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DialogueFigures({ figures: x }: { figures: CaseFiguresView }) {
  const { t } = useTranslation();
  return (
    <section className="sammen-section" aria-labelledby="figures-dialogue">
      <h2 id="figures-dialogue">{t('caseFigures.dialogue.heading')}</h2>
      <p>{t('caseFigures.dialogue.intro')}</p>
      <FactsTable
        id="figures-dialogue-table"
        caption={t('caseFigures.dialogue.heading')}
        rows={[
          { label: t('caseFigures.dialogue.negative'), value: x.negativeDecisions },
          { label: t('caseFigures.dialogue.afterContact'), value: <Share part={x.negativeAfterContact} whole={x.negativeDecisions} /> },
          { label: t('caseFigures.dialogue.notPossible'), value: <Share part={x.negativeContactNotPossible} whole={x.negativeDecisions} /> },
        ]}
      />
    </section>
  );
}

function ComplaintFigures({ figures: x }: { figures: CaseFiguresView }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'da-DK';
  return (
    <section className="sammen-section" aria-labelledby="figures-complaints">
      <h2 id="figures-complaints">{t('caseFigures.complaints.heading')}</h2>
      <FactsTable
        id="figures-complaints-table"
        caption={t('caseFigures.complaints.heading')}
        rows={[
          { label: t('caseFigures.complaints.received'), value: x.complaints },
          {
            label: t('caseFigures.complaints.medianToContact'),
            value: x.medianWorkingDaysToContact === null ? t('caseFigures.none') : t('caseFigures.workingDays', { count: x.medianWorkingDaysToContact, n: x.medianWorkingDaysToContact.toLocaleString(locale) }),
          },
          { label: t('caseFigures.complaints.contactedInTime'), value: <Share part={x.contactedInTime} whole={x.complaints} /> },
          { label: t('caseFigures.complaints.closed'), value: x.closed },
          { label: t('caseFigures.complaints.resolvedInDialogue'), value: <Share part={x.resolvedInDialogue} whole={x.closed} /> },
          { label: t('caseFigures.complaints.decisionChanged'), value: <Share part={x.decisionChanged} whole={x.closed} /> },
          { label: t('caseFigures.complaints.forwarded'), value: <Share part={x.forwarded} whole={x.closed} /> },
          { label: t('caseFigures.complaints.forwardedInTime'), value: <Share part={x.forwardedInTime} whole={x.forwarded} /> },
        ]}
      />
      <h3>{t('caseFigures.learning.heading')}</h3>
      {x.byLearningCategory.every((c) => c.count === 0) ? (
        <p>{t('caseFigures.learning.none')}</p>
      ) : (
        <FactsTable
          id="figures-learning-table"
          caption={t('caseFigures.learning.heading')}
          rows={[...x.byLearningCategory]
            .sort((a, b) => b.count - a.count)
            .map((c) => ({ label: t(`caseFigures.learning.categories.${c.category}`), value: <Share part={c.count} whole={x.closed} /> }))}
        />
      )}
    </section>
  );
}
