import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '@sammen/domain/access';
import { breachLetterInput, type RequestView } from '@sammen/domain/decisions';
import { DEFAULT_LIX_THRESHOLD } from '@sammen/domain/readability';
import { TextArea } from '../../app/form.tsx';
import { actorOf, useStaffSession } from '../../app/session.tsx';
import { Success } from '../../app/Success.tsx';
import { FormErrors, Input, useFormErrors } from '../calendar/parts.tsx';
import { todayLocal } from '../calendar/time.ts';
import { useFormat } from '../plans/parts.tsx';
import { useBreachLetter } from './decisions.api.ts';

// The processing deadline is breached: the citizen must be told in writing, with the day a
// decision can be expected (retssikkerhedsloven § 3, stk. 2). Shown only while it is breached
// and open; the deciding unit writes the letter.

export function BreachLetterSection({ request }: { request: RequestView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const session = useStaffSession();
  const [done, setDone] = useState('');
  if (!request.breached || request.status !== 'open') return null;
  const mayWrite = request.mayDecide && can(actorOf(session), 'decision.make');
  return (
    <section className="sammen-section sammen-breach" aria-labelledby="request-breach">
      <h2 id="request-breach">
        <span aria-hidden="true">⚠ </span>
        {t('decisions.breach.heading')}
      </h2>
      <p>{t('decisions.breach.intro', { date: f.date(request.due) })}</p>
      <p>
        <strong>{request.breachLetter ? t('decisions.breach.sent') : t('decisions.breach.notSent')}</strong>
      </p>
      <Success text={done} />
      {mayWrite && <BreachLetterForm requestId={request.id} again={request.breachLetter} onDone={() => setDone(t('decisions.breach.saved'))} />}
    </section>
  );
}

function BreachLetterForm({ requestId, again, onDone }: { requestId: string; again: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [expectedBy, setExpectedBy] = useState('');
  const [note, setNote] = useState('');
  const send = useBreachLetter(requestId);
  const errors = useFormErrors(['expectedBy', 'note']);

  function submit(e: FormEvent) {
    e.preventDefault();
    const input = errors.check(breachLetterInput, { expectedBy, note });
    if (!input) return;
    send.mutate(input, {
      onSuccess: () => {
        setExpectedBy('');
        setNote('');
        onDone();
      },
      onError: errors.fail,
    });
  }

  return (
    <form className="sammen-calendar-form sammen-decision-form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{again ? t('decisions.breach.formHeadingAgain') : t('decisions.breach.formHeading')}</h3>
      <FormErrors formError={errors.formError} error={errors.error} />
      <Input label={t('decisions.breach.expectedBy')} hint={t('decisions.breach.expectedByHint')} type="date" min={todayLocal()} value={expectedBy} onChange={setExpectedBy} error={errors.errorAt('expectedBy')} />
      <TextArea label={t('decisions.breach.note')} hint={t('decisions.breach.noteHint')} value={note} onChange={setNote} rows={3} maxLength={2000} lixThreshold={DEFAULT_LIX_THRESHOLD} error={errors.errorAt('note')} />
      <div className="sammen-form-actions">
        <button type="submit" className="button button-primary" disabled={send.isPending}>
          {t('decisions.breach.send')}
        </button>
        {send.isPending && (
          <span role="status" className="sammen-saving">
            {t('decisions.saving')}
          </span>
        )}
      </div>
    </form>
  );
}
