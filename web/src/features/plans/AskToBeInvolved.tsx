import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { involvementRequestInput, type ExistingPlan } from '@sammen/domain/plans';
import { ApiError } from '../../app/api.ts';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { TextArea } from '../../app/form.tsx';
import { topField, useReasonText, validate, type Problem } from '../../app/reasons.ts';
import { requestInvolvement } from './plans.api.ts';

/**
 * The citizen already has a plan (one per citizen): who coordinates it, and — when the unit cannot
 * see it — a way to ask to be involved, which the coordinator answers from their work list.
 */
export function AskToBeInvolved({ citizenId, existing }: { citizenId: string; existing: ExistingPlan }) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(existing.requestPending);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    const checked = validate(involvementRequestInput, { reason });
    if (!checked.ok) return setProblem(checked.problems[0]);
    setProblem(undefined);
    setBusy(true);
    try {
      await requestInvolvement(citizenId, checked.data);
      setSent(true);
    } catch (err) {
      const apiError = err instanceof ApiError ? err : new ApiError('NETWORK', 0);
      if (apiError.code === 'VALIDATION' && topField(apiError) === 'reason') setProblem(apiError);
      else setError(apiError);
    } finally {
      setBusy(false);
    }
  }

  const who = { name: existing.coordinator.name, unit: existing.unit.name };
  return (
    <div className="alert alert-info sammen-ask-involved" role="status">
      <div className="alert-body">
        <p className="alert-heading">{t('involvement.exists', who)}</p>
        {existing.planId ? (
          <Link className="button button-primary" to={`/planer/${existing.planId}`}>
            {t('citizenPlan.open')}
          </Link>
        ) : sent ? (
          <p className="alert-text">{t('involvement.sent', who)}</p>
        ) : (
          <form noValidate onSubmit={(e) => void submit(e)}>
            <p className="alert-text">{t('involvement.intro', who)}</p>
            <TextArea
              label={t('involvement.reason')}
              hint={t('involvement.reasonHint')}
              error={reasonText(problem)}
              value={reason}
              onChange={setReason}
              rows={3}
              maxLength={2000}
              inputId="involvement-reason"
            />
            {error && <ErrorAlert error={error} />}
            <button type="submit" className="button button-primary" disabled={busy}>
              {t('involvement.submit')}
            </button>
          </form>
        )}
      </div>
    </div>
  );
}
