import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { useApi } from '../../app/useApi.ts';
import { getCitizen } from './identity.api.ts';
import { CitizenPlanLink } from '../plans/CitizenPlanLink.tsx';

/** The citizen summary as staff see it. Opening it is written to the citizen's access log. */
export function CitizenPage() {
  const { t } = useTranslation();
  const { citizenId = '' } = useParams();
  const citizen = useApi(() => getCitizen(citizenId), [citizenId]);

  return (
    <>
      <p className="sammen-back">
        <Link to="/">{t('citizen.back')}</Link>
      </p>
      {citizen.status === 'loading' && <Loading />}
      {citizen.status === 'failed' && (
        <Page title={t('citizen.title')}>
          <ErrorAlert error={citizen.error} />
        </Page>
      )}
      {citizen.status === 'ready' && (
        <Page title={citizen.data.name}>
          <h2>{t('citizen.facts')}</h2>
          <dl className="sammen-facts">
            <dt>{t('citizen.name')}</dt>
            <dd>{citizen.data.name}</dd>
            <dt>{t('citizen.birthYear')}</dt>
            <dd>{citizen.data.birthYear}</dd>
          </dl>
          <CitizenPlanLink citizenId={citizen.data.id} />
          <p>
            <Link to={`/borgere/${encodeURIComponent(citizen.data.id)}/netvaerk`}>{t('network.link')}</Link>
          </p>
          <p>
            <Link to={`/borgere/${encodeURIComponent(citizen.data.id)}/kalender`}>{t('calendar.link')}</Link>
          </p>
          <p>
            <Link to={`/borgere/${encodeURIComponent(citizen.data.id)}/feedback`}>{t('feedback.link')}</Link>
          </p>
          <p>
            <Link to={`/afgoerelser/ny?citizenId=${encodeURIComponent(citizen.data.id)}`}>{t('decisions.citizenLink')}</Link>
          </p>
          <p>
            <Link to={`/klager/ny?citizenId=${encodeURIComponent(citizen.data.id)}`}>{t('complaints.registerForCitizen')}</Link>
          </p>
        </Page>
      )}
    </>
  );
}
