import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can } from '@sammen/domain/access';
import { breakGlassInput } from '@sammen/domain/consent';
import { ApiError } from '../../app/api.ts';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { topField, useReasonText, validate, type Problem } from '../../app/reasons.ts';
import { actorOf, useStaffSession } from '../../app/session.tsx';
import { openBreakGlass } from './consent.api.ts';
import { Select, TextArea } from '../../app/form.tsx';
import { errorOf } from './parts.tsx';

// Break-glass: a staff member who cannot see the plan opens it for an urgent reason. The
// reason is shown to the citizen and the unit's leader; the access runs out by itself.

const durations = [15, 30, 60, 120, 240];

export function BreakGlassAction({ citizenId }: { citizenId: string }) {
  const { t } = useTranslation();
  const session = useStaffSession();
  const navigate = useNavigate();
  const reasonText = useReasonText();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState('60');
  const [reasonProblem, setReasonProblem] = useState<Problem>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  if (!can(actorOf(session), 'breakGlass.open')) return null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    // Only the reason can be wrong: the duration is chosen from the allowed ones.
    const checked = validate(breakGlassInput, { reason, minutes: Number(minutes) });
    if (!checked.ok) {
      setReasonProblem(checked.problems[0]);
      return;
    }
    setReasonProblem(undefined);
    setBusy(true);
    try {
      const opened = await openBreakGlass(citizenId, checked.data);
      await navigate(`/planer/${opened.planId}`, { state: { breakGlass: { id: opened.id, expiresAt: opened.expiresAt } } });
    } catch (err) {
      const failure = errorOf(err);
      if (failure.code === 'VALIDATION' && topField(failure) === 'reason') setReasonProblem(failure);
      else setError(failure);
      setBusy(false);
    }
  }

  return (
    <section className="sammen-section sammen-break-glass-action" aria-labelledby="break-glass-heading">
      <h2 id="break-glass-heading">{t('breakGlass.heading')}</h2>
      <p>{t('breakGlass.intro')}</p>
      {!open ? (
        <button type="button" className="button button-secondary" aria-expanded={false} onClick={() => setOpen(true)}>
          {t('breakGlass.open')}
        </button>
      ) : (
        <form noValidate onSubmit={(e) => void submit(e)} className="sammen-consent-form">
          <div className="alert alert-warning">
            <div className="alert-body">
              <p className="alert-heading">{t('breakGlass.warningHeading')}</p>
              <ul className="alert-text">
                <li>{t('breakGlass.warningLogged')}</li>
                <li>{t('breakGlass.warningCitizen')}</li>
                <li>{t('breakGlass.warningLeader')}</li>
              </ul>
            </div>
          </div>
          <TextArea label={t('breakGlass.reason')} hint={t('breakGlass.reasonHint')} error={reasonText(reasonProblem)} value={reason} onChange={setReason} rows={4} maxLength={1000} />
          <Select
            label={t('breakGlass.minutes')}
            value={minutes}
            onChange={setMinutes}
            options={durations.map((m) => ({ value: String(m), label: t('breakGlass.duration', { count: m }) }))}
          />
          {error &&
            (error.code === 'NOT_FOUND' ? (
              <div className="alert alert-info" role="alert">
                <div className="alert-body">
                  <p className="alert-text">{t('breakGlass.noPlan')}</p>
                </div>
              </div>
            ) : (
              <ErrorAlert error={error} />
            ))}
          <div className="sammen-form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {t('breakGlass.confirm')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
              {t('consent.form.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
