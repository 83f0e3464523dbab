import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsentView } from '@sammen/domain/consent';
import { declineProposalInput } from '@sammen/domain/consent';
import { ApiError } from '../../app/api.ts';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { TextArea } from '../../app/form.tsx';
import { declineProposal, type OwnConsents } from './consent.api.ts';
import { errorOf, useSectionWords, useTimeWords } from './parts.tsx';

// Saying no to a consent staff proposed (issue 11): a "No, thank you" beside "Yes", then an
// optional reason the staff who asked will see. A declined proposal says when, and the reason.

export function DeclineProposal({ consent: c, mayManage, onChanged }: { consent: ConsentView; mayManage: boolean; onChanged: (next: OwnConsents, message: string) => void }) {
  const { t } = useTranslation();
  const time = useTimeWords();
  const [open, setOpen] = useState(false);
  if (c.state === 'declined') {
    return (
      <p className="sammen-muted">
        {c.declinedAt && t('borgerConsent.declinedOn', { date: time.date(c.declinedAt) })}
        {c.declineReason && ` ${t('borgerConsent.declinedReason', { reason: c.declineReason })}`}
      </p>
    );
  }
  if (!mayManage || c.state !== 'proposed') return null;
  if (!open) {
    return (
      <div className="sammen-actions">
        <button type="button" className="button button-secondary" aria-expanded={false} onClick={() => setOpen(true)}>
          {t('borgerConsent.decline')}
          <span className="sr-only"> {t('borgerConsent.toUnit', { unit: c.recipient.name })}</span>
        </button>
      </div>
    );
  }
  return <DeclineForm consent={c} onCancel={() => setOpen(false)} onChanged={onChanged} />;
}

function DeclineForm({ consent: c, onCancel, onChanged }: { consent: ConsentView; onCancel: () => void; onChanged: (next: OwnConsents, message: string) => void }) {
  const { t } = useTranslation();
  const words = useSectionWords();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const unit = c.recipient.name;
  const tooLong = !declineProposalInput.safeParse({ reason }).success;

  async function decline() {
    setBusy(true);
    setError(undefined);
    try {
      onChanged(await declineProposal(c.id, reason.trim()), t('borgerConsent.declined', { unit, sections: words.list(c.sections, 'citizen') }));
    } catch (err) {
      setError(errorOf(err));
      setBusy(false);
    }
  }

  return (
    <form
      className="sammen-decline"
      aria-labelledby={`decline-${c.id}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!tooLong) void decline();
      }}
    >
      <h4 id={`decline-${c.id}`}>{t('borgerConsent.declineHeading', { unit })}</h4>
      <TextArea
        label={t('borgerConsent.declineReason')}
        hint={t('borgerConsent.declineHint')}
        error={tooLong ? t('borgerConsent.declineTooLong') : undefined}
        value={reason}
        onChange={setReason}
        rows={3}
        inputId={`decline-reason-${c.id}`}
      />
      {error && <ErrorAlert error={error} />}
      <div className="sammen-form-actions">
        <button type="submit" className="button button-primary" disabled={busy || tooLong}>
          {t('borgerConsent.declineConfirm')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('borgerConsent.declineCancel')}
        </button>
      </div>
    </form>
  );
}

/** For staff: the citizen said no to the proposal, and why (when they said). */
export function DeclinedByCitizen({ consent: c }: { consent: ConsentView }) {
  const { t } = useTranslation();
  if (c.state !== 'declined' || !c.declineReason) return null;
  return (
    <>
      <br />
      <span className="sammen-prewrap">{t('staffConsent.declineReason', { reason: c.declineReason })}</span>
    </>
  );
}
