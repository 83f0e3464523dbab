import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { recordComplaintContactInput, type ComplaintView } from '@sammen/domain/decisions';
import { TextArea } from '../../app/form.tsx';
import { useCalendarFormat } from '../calendar/format.ts';
import { FormErrors, Input, useFormErrors } from '../calendar/parts.tsx';
import { todayLocal } from '../calendar/time.ts';
import { useRecordComplaintContact } from './complaints.api.ts';
import { RadioGroup } from './ComplaintParts.tsx';

// The personal contacts on a complaint — a call or a meeting: what the citizen said (listened),
// the summary, the questions asked, what was agreed — and the form to record one.

type Contact = ComplaintView['contacts'][number];
const fields = ['kind', 'contactOn', 'listened', 'summary', 'openQuestions', 'agreed'] as const;

export function ComplaintContacts({ complaint: c, mayRecord, onDone }: { complaint: ComplaintView; mayRecord: boolean; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [recording, setRecording] = useState(false);
  const openButton = useRef<HTMLButtonElement>(null);
  const contacts = [...c.contacts].sort((a, b) => b.contactOn.localeCompare(a.contactOn));

  return (
    <section className="sammen-section" aria-labelledby="complaint-contacts">
      <h2 id="complaint-contacts">{t('complaints.contacts.heading')}</h2>
      {contacts.length === 0 ? (
        <p>{t('complaints.contacts.none')}</p>
      ) : (
        <ul className="sammen-cards">
          {contacts.map((contact) => (
            <ContactCard key={contact.id} contact={contact} />
          ))}
        </ul>
      )}
      {mayRecord &&
        (recording ? (
          <RecordContact
            complaint={c}
            onCancel={() => {
              setRecording(false);
              setTimeout(() => openButton.current?.focus());
            }}
            onDone={(m) => {
              setRecording(false);
              onDone(m);
            }}
          />
        ) : (
          <p>
            <button ref={openButton} type="button" className="button button-primary" onClick={() => setRecording(true)}>
              {t('complaints.contacts.record')}
            </button>
          </p>
        ))}
    </section>
  );
}

function ContactCard({ contact: k }: { contact: Contact }) {
  const { t } = useTranslation();
  const f = useCalendarFormat();
  const id = `contact-${k.id}`;
  return (
    <li className="sammen-card" aria-labelledby={id}>
      <h3 id={id} className="h4">
        {t('complaints.contacts.cardHeading', { kind: t(`complaints.contacts.kinds.${k.kind}`), date: f.date(k.contactOn) })}
      </h3>
      {k.recordedBy && <p className="sammen-muted">{t('complaints.contacts.by', { name: k.recordedBy.name })}</p>}
      <p className="sammen-label">{t('complaints.contacts.listened')}</p>
      <p className="sammen-prewrap">{k.listened}</p>
      <p className="sammen-label">{t('complaints.contacts.summary')}</p>
      <p className="sammen-prewrap">{k.summary}</p>
      {k.openQuestions && (
        <>
          <p className="sammen-label">{t('complaints.contacts.openQuestions')}</p>
          <p className="sammen-prewrap">{k.openQuestions}</p>
        </>
      )}
      {k.agreed && (
        <>
          <p className="sammen-label">{t('complaints.contacts.agreed')}</p>
          <p className="sammen-prewrap">{k.agreed}</p>
        </>
      )}
    </li>
  );
}

function RecordContact({ complaint: c, onCancel, onDone }: { complaint: ComplaintView; onCancel: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const today = todayLocal();
  const record = useRecordComplaintContact(c.id);
  const errors = useFormErrors(fields);
  const [kind, setKind] = useState<'phone' | 'meeting'>('phone');
  const [contactOn, setContactOn] = useState(today);
  const [listened, setListened] = useState('');
  const [summary, setSummary] = useState('');
  const [openQuestions, setOpenQuestions] = useState('');
  const [agreed, setAgreed] = useState('');

  useEffect(() => heading.current?.focus(), []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = errors.check(recordComplaintContactInput, { kind, contactOn, listened, summary, openQuestions, agreed });
    if (!input) return;
    await record.mutateAsync(input).then(() => onDone(t('complaints.contacts.saved')), errors.fail);
  }

  return (
    <form className="sammen-complaint-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} ref={heading} tabIndex={-1}>
        {t('complaints.contacts.formHeading')}
      </h3>
      <p className="form-hint">{t('complaints.contacts.formHint')}</p>
      <FormErrors formError={errors.formError} error={errors.error} />
      <RadioGroup
        legend={t('complaints.contacts.kind')}
        error={errors.errorAt('kind')}
        value={kind}
        onChange={setKind}
        options={(['phone', 'meeting'] as const).map((k) => ({ value: k, label: t(`complaints.contacts.kinds.${k}`) }))}
      />
      <Input label={t('complaints.contacts.contactOn')} hint={t('complaints.contacts.contactOnHint')} type="date" width="s" min={c.receivedOn} max={today} value={contactOn} onChange={setContactOn} error={errors.errorAt('contactOn')} />
      <TextArea label={t('complaints.contacts.listened')} hint={t('complaints.contacts.listenedHint')} value={listened} onChange={setListened} rows={4} maxLength={8000} error={errors.errorAt('listened')} />
      <TextArea label={t('complaints.contacts.summary')} hint={t('complaints.contacts.summaryHint')} value={summary} onChange={setSummary} rows={4} maxLength={8000} error={errors.errorAt('summary')} />
      <TextArea
        label={t('complaints.contacts.openQuestions')}
        hint={t('complaints.contacts.openQuestionsHint')}
        value={openQuestions}
        onChange={setOpenQuestions}
        rows={3}
        maxLength={8000}
        error={errors.errorAt('openQuestions')}
      />
      <TextArea label={t('complaints.contacts.agreed')} hint={t('complaints.contacts.agreedHint')} value={agreed} onChange={setAgreed} rows={3} maxLength={8000} error={errors.errorAt('agreed')} />
      <div className="sammen-form-actions">
        <button type="submit" className="button button-primary" disabled={record.isPending}>
          {t('complaints.contacts.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('complaints.cancel')}
        </button>
      </div>
    </form>
  );
}
