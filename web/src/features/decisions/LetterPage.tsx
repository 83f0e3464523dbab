import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { apiErrorOf } from '../calendar/calendar.api.ts';
import { useFormat } from '../plans/parts.tsx';
import { useLetter } from './decisions.api.ts';
import './decisions.css';

// A letter to the citizen as a document to read, print or save as PDF: /breve/:letterId for
// staff and /borger/breve/:letterId for the citizen (the same component). The print stylesheet
// hides the header, menus and buttons. The page that links here may pass where "back" goes
// (`state.back`); else it is the area's list of decisions.

export function LetterPage({ back }: { back?: string }) {
  const { t } = useTranslation();
  const { letterId = '' } = useParams();
  const location = useLocation();
  const citizenArea = location.pathname.startsWith('/borger/');
  const fromState = (location.state as { back?: unknown } | null)?.back;
  const backTo = typeof fromState === 'string' && fromState.startsWith('/') ? fromState : (back ?? (citizenArea ? '/borger/afgoerelser' : '/afgoerelser'));
  const letter = useLetter(letterId);
  const f = useFormat();
  const data = letter.data;
  return (
    <div className="sammen-print sammen-letter-page">
      <p className="sammen-back sammen-no-print">
        <Link to={backTo}>{t('letters.back')}</Link>
      </p>
      {letter.isPending && <Loading />}
      {letter.isError && !data && (
        <Page title={t('letters.titleUnknown')}>
          <ErrorAlert error={apiErrorOf(letter.error)} />
        </Page>
      )}
      {data && (
        <Page title={data.title}>
          <p className="sammen-no-print">
            <button type="button" className="button button-primary" onClick={() => window.print()}>
              {t('letters.print')}
            </button>
          </p>
          <dl className="sammen-facts sammen-letter-facts">
            <dt>{t('letters.to')}</dt>
            <dd>{data.citizen.name}</dd>
            <dt>{t('letters.date')}</dt>
            <dd>{f.date(data.createdAt)}</dd>
            <dt>{t('letters.status')}</dt>
            <dd>{data.status === 'sent' && data.sentAt ? t('letters.sentAt', { when: f.dateTime(data.sentAt) }) : t('letters.outbox')}</dd>
            {!citizenArea && (
              <>
                <dt>{t('letters.lix')}</dt>
                <dd>{data.lix}</dd>
              </>
            )}
          </dl>
          <article className="sammen-letter" aria-label={t('letters.bodyLabel')}>
            {data.body.split(/\n{2,}/).map((paragraph, i) => (
              <p key={i} className="sammen-prewrap">
                {paragraph}
              </p>
            ))}
          </article>
        </Page>
      )}
    </div>
  );
}
