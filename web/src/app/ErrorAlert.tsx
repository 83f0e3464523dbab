import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ClientErrorCode } from './api.ts';
import { AlertIcon } from './AlertIcon.tsx';
import { useReasonText } from './reasons.ts';
import da from './i18n/da.json';
import en from './i18n/en.json';
import { useSessionContext } from './session.tsx';

// A new error code in domain/src/errors.ts fails the type check here until both languages explain it.
const messagesDa: Record<ClientErrorCode, string> = da.errors;
const messagesEn: Record<ClientErrorCode, string> = en.errors;
void messagesDa;
void messagesEn;

/**
 * One friendly, translated message per error code — or, when the server said why (a reason),
 * that reason's words; the request id only when support needs it.
 */
export function ErrorAlert({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  const { refresh } = useSessionContext();

  // The session ended behind our back (idle timeout, logout elsewhere): asking again lets the
  // route guard send the person to the login page.
  useEffect(() => {
    if (error.code === 'UNAUTHENTICATED') void refresh();
  }, [error, refresh]);

  return (
    <div className="alert alert-error" role="alert">
      <AlertIcon variant="error" />
      <div className="alert-body">
        <p className="alert-heading">{t('errors.heading')}</p>
        <p className="alert-text">{error.reason ? reasonText(error) : t(`errors.${error.code}`)}</p>
        {error.code === 'INTERNAL' && error.requestId && <p className="alert-text">{t('errors.requestId', { id: error.requestId })}</p>}
      </div>
    </div>
  );
}
