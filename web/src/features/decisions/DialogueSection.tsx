import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '@sammen/domain/access';
import { dialogueKinds, recordDialogueInput, type DialogueView, type RequestView } from '@sammen/domain/decisions';
import { TextArea } from '../../app/form.tsx';
import { actorOf, useStaffSession } from '../../app/session.tsx';
import { Success } from '../../app/Success.tsx';
import { FormErrors, Input, useFormErrors } from '../calendar/parts.tsx';
import { todayLocal } from '../calendar/time.ts';
import { useFormat } from '../plans/parts.tsx';
import { useRecordDialogue } from './decisions.api.ts';
import { dialogueInput, type DialogueValues } from './decisions.format.ts';

// "Dialog med borgeren": the calls and meetings before a decision (what was checked, what the
// citizen proposed, the alternatives, the summary agreed), or why contact was not possible with
// the attempts made. A refusal or partial grant cannot be issued before one is recorded.

const MAX_ATTEMPTS = 20;
const fields = [
  'kind',
  'contactOn',
  'factsChecked',
  'citizenProposal',
  'alternatives',
  'agreedSummary',
  'servesAsHearing',
  'reason',
  'attempts',
  ...Array.from({ length: MAX_ATTEMPTS }, (_, i) => [`attempts.${i}.on`, `attempts.${i}.how`]).flat(),
];

export function DialogueSection({ request }: { request: RequestView }) {
  const { t } = useTranslation();
  const session = useStaffSession();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState('');
  // Also after the decision: a talk before a new decision on reassessment of a complaint.
  const mayRecord = request.status !== 'withdrawn' && can(actorOf(session), 'dialogue.record');
  const contacts = [...request.dialogue].sort((a, b) => (b.contactOn ?? b.recordedAt).localeCompare(a.contactOn ?? a.recordedAt));
  return (
    <section className="sammen-section" aria-labelledby="request-dialogue">
      <h2 id="request-dialogue">
        {t('decisions.dialogue.heading')} <span className="sammen-count">({request.dialogue.length})</span>
      </h2>
      <p>{t('decisions.dialogue.intro')}</p>
      {contacts.length === 0 ? (
        <p>{t('decisions.dialogue.none')}</p>
      ) : (
        <ul className="sammen-cards">
          {contacts.map((c) => (
            <DialogueCard key={c.id} contact={c} />
          ))}
        </ul>
      )}
      <Success text={done} />
      {mayRecord &&
        (open ? (
          <DialogueForm
            requestId={request.id}
            onCancel={() => setOpen(false)}
            onDone={() => {
              setOpen(false);
              setDone(t('decisions.dialogue.saved'));
            }}
          />
        ) : (
          <button type="button" className="button button-secondary" onClick={() => (setOpen(true), setDone(''))}>
            {t('decisions.dialogue.record')}
          </button>
        ))}
    </section>
  );
}

function DialogueCard({ contact: c }: { contact: DialogueView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const heading = c.contactOn ? t('decisions.dialogue.cardHeading', { kind: t(`decisions.dialogue.kinds.${c.kind}`), date: f.date(c.contactOn) }) : t(`decisions.dialogue.kinds.${c.kind}`);
  return (
    <li className="sammen-card sammen-dialogue">
      <h3 className="h4">{heading}</h3>
      <p className="sammen-meta">
        {c.servesAsHearing && <span className="badge badge-info">{t('decisions.dialogue.hearingBadge')}</span>}
        <span className="sammen-by">{t('decisions.dialogue.recordedBy', { name: c.recordedBy?.name ?? t('decisions.unknownPerson'), when: f.dateTime(c.recordedAt) })}</span>
      </p>
      {c.kind === 'notPossible' ? (
        <dl className="sammen-facts">
          <dt>{t('decisions.dialogue.fields.reason')}</dt>
          <dd className="sammen-prewrap">{c.reason}</dd>
          <dt>{t('decisions.dialogue.fields.attempts')}</dt>
          <dd>
            {c.attempts.length === 0 ? (
              t('decisions.dialogue.noAttempts')
            ) : (
              <ul className="sammen-plain-list">
                {c.attempts.map((a, i) => (
                  <li key={i}>{t('decisions.dialogue.attempt', { date: f.date(a.on), how: a.how })}</li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
      ) : (
        <dl className="sammen-facts">
          <dt>{t('decisions.dialogue.fields.factsChecked')}</dt>
          <dd className="sammen-prewrap">{c.factsChecked}</dd>
          {c.citizenProposal && (
            <>
              <dt>{t('decisions.dialogue.fields.citizenProposal')}</dt>
              <dd className="sammen-prewrap">{c.citizenProposal}</dd>
            </>
          )}
          {c.alternatives && (
            <>
              <dt>{t('decisions.dialogue.fields.alternatives')}</dt>
              <dd className="sammen-prewrap">{c.alternatives}</dd>
            </>
          )}
          <dt>{t('decisions.dialogue.fields.agreedSummary')}</dt>
          <dd className="sammen-prewrap">{c.agreedSummary}</dd>
        </dl>
      )}
    </li>
  );
}

function DialogueForm({ requestId, onCancel, onDone }: { requestId: string; onCancel: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [v, setV] = useState<DialogueValues>(() => ({
    kind: 'phone',
    contactOn: todayLocal(),
    factsChecked: '',
    citizenProposal: '',
    alternatives: '',
    agreedSummary: '',
    servesAsHearing: false,
    reason: '',
    attempts: [{ on: todayLocal(), how: '' }],
  }));
  const set = <K extends keyof DialogueValues>(key: K, value: DialogueValues[K]) => setV((prev) => ({ ...prev, [key]: value }));
  const setAttempt = (i: number, key: 'on' | 'how', value: string) => set('attempts', v.attempts.map((a, j) => (j === i ? { ...a, [key]: value } : a)));
  const record = useRecordDialogue(requestId);
  const errors = useFormErrors(fields);

  function submit(e: FormEvent) {
    e.preventDefault();
    const input = errors.check(recordDialogueInput, dialogueInput(v));
    if (!input) return;
    record.mutate(input, { onSuccess: onDone, onError: errors.fail });
  }

  return (
    <form className="sammen-calendar-form sammen-decision-form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('decisions.dialogue.formHeading')}</h3>
      <FormErrors formError={errors.formError} error={errors.error} />
      <fieldset className={`form-group${errors.errorAt('kind') ? ' form-error' : ''}`} aria-describedby={errors.errorAt('kind') ? `${id}-kind-error` : undefined}>
        <legend className="form-label">{t('decisions.dialogue.fields.kind')}</legend>
        {errors.errorAt('kind') && (
          <span className="form-error-message" id={`${id}-kind-error`}>
            {errors.errorAt('kind')}
          </span>
        )}
        <ul className="nobullet-list sammen-radios">
          {dialogueKinds.map((k) => (
            <li key={k}>
              <input id={`${id}-${k}`} className="form-radio" type="radio" name={`${id}-kind`} checked={v.kind === k} onChange={() => set('kind', k)} />
              <label htmlFor={`${id}-${k}`}>{t(`decisions.dialogue.kinds.${k}`)}</label>
            </li>
          ))}
        </ul>
      </fieldset>
      {v.kind === 'notPossible' ? (
        <>
          <TextArea label={t('decisions.dialogue.fields.reason')} hint={t('decisions.dialogue.reasonHint')} value={v.reason} onChange={(x) => set('reason', x)} rows={3} maxLength={8000} error={errors.errorAt('reason')} />
          <fieldset
            className={`form-group sammen-attempts${errors.errorAt('attempts') ? ' form-error' : ''}`}
            aria-describedby={[`${id}-attempts-hint`, errors.errorAt('attempts') ? `${id}-attempts-error` : ''].filter(Boolean).join(' ')}
          >
            <legend className="form-label">{t('decisions.dialogue.fields.attempts')}</legend>
            <span className="form-hint" id={`${id}-attempts-hint`}>
              {t('decisions.dialogue.attemptsHint')}
            </span>
            {errors.errorAt('attempts') && (
              <span className="form-error-message" id={`${id}-attempts-error`}>
                {errors.errorAt('attempts')}
              </span>
            )}
            {v.attempts.map((a, i) => (
              <div key={i} className="sammen-form-row sammen-attempt">
                <Input label={t('decisions.dialogue.attemptOn', { n: i + 1 })} type="date" value={a.on} max={todayLocal()} onChange={(x) => setAttempt(i, 'on', x)} error={errors.errorAt(`attempts.${i}.on`)} />
                <Input label={t('decisions.dialogue.attemptHow', { n: i + 1 })} hint={t('decisions.dialogue.attemptHowHint')} value={a.how} maxLength={200} onChange={(x) => setAttempt(i, 'how', x)} error={errors.errorAt(`attempts.${i}.how`)} />
                {v.attempts.length > 1 && (
                  <button type="button" className="button button-tertiary sammen-attempt-remove" onClick={() => set('attempts', v.attempts.filter((_, j) => j !== i))}>
                    {t('decisions.dialogue.removeAttempt', { n: i + 1 })}
                  </button>
                )}
              </div>
            ))}
            {v.attempts.length < MAX_ATTEMPTS && (
              <button type="button" className="button button-tertiary" onClick={() => set('attempts', [...v.attempts, { on: todayLocal(), how: '' }])}>
                {t('decisions.dialogue.addAttempt')}
              </button>
            )}
          </fieldset>
        </>
      ) : (
        <>
          <Input label={t('decisions.dialogue.fields.contactOn')} type="date" value={v.contactOn} max={todayLocal()} onChange={(x) => set('contactOn', x)} error={errors.errorAt('contactOn')} />
          <TextArea label={t('decisions.dialogue.fields.factsChecked')} hint={t('decisions.dialogue.factsHint')} value={v.factsChecked} onChange={(x) => set('factsChecked', x)} rows={3} maxLength={8000} error={errors.errorAt('factsChecked')} />
          <TextArea label={t('decisions.dialogue.fields.citizenProposal')} hint={t('decisions.dialogue.proposalHint')} value={v.citizenProposal} onChange={(x) => set('citizenProposal', x)} rows={3} maxLength={8000} error={errors.errorAt('citizenProposal')} />
          <TextArea label={t('decisions.dialogue.fields.alternatives')} hint={t('decisions.dialogue.alternativesHint')} value={v.alternatives} onChange={(x) => set('alternatives', x)} rows={3} maxLength={8000} error={errors.errorAt('alternatives')} />
          <TextArea label={t('decisions.dialogue.fields.agreedSummary')} hint={t('decisions.dialogue.summaryHint')} value={v.agreedSummary} onChange={(x) => set('agreedSummary', x)} rows={3} maxLength={8000} error={errors.errorAt('agreedSummary')} />
          <div className="form-group">
            <div className="form-group-checkbox">
              <input id={`${id}-hearing`} type="checkbox" className="form-checkbox" aria-describedby={`${id}-hearing-hint`} checked={v.servesAsHearing} onChange={(e) => set('servesAsHearing', e.target.checked)} />
              <label className="form-label" htmlFor={`${id}-hearing`}>
                {t('decisions.dialogue.fields.servesAsHearing')}
              </label>
              <span className="form-hint" id={`${id}-hearing-hint`}>
                {t('decisions.dialogue.hearingHint')}
              </span>
            </div>
          </div>
        </>
      )}
      <div className="sammen-form-actions">
        <button type="submit" className="button button-primary" disabled={record.isPending}>
          {t('decisions.dialogue.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('decisions.cancel')}
        </button>
      </div>
    </form>
  );
}
