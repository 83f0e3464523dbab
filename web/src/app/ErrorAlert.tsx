import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api.ts';
import { useSessionContext } from './session.tsx';

/** One friendly, translated message per error code; the request id only when support needs it. */
export function ErrorAlert({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  const { refresh } = useSessionContext();

  // The session ended behind our back (idle timeout, logout elsewhere): asking again lets the
  // route guard send the person to the login page.
  useEffect(() => {
    if (error.code === 'UNAUTHENTICATED') void refresh();
  }, [error, refresh]);

  return (
    <div className="alert alert-error" role="alert">
      <div className="alert-body">
        <p className="alert-heading">{t('errors.heading')}</p>
        <p className="alert-text">{t(`errors.${error.code}`)}</p>
        {error.code === 'INTERNAL' && error.requestId && <p className="alert-text">{t('errors.requestId', { id: error.requestId })}</p>}
      </div>
    </div>
  );
}
