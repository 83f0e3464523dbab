import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { registerOwnComplaintInput, registerOwnRequestInput, type OwnDecisionsView } from '@sammen/domain/decisions';
import { ApiError } from '../../app/api.ts';
import { Select, TextArea } from '../../app/form.tsx';
import { useVoice } from '../../app/voice.ts';
import { FormErrors, useFormErrors } from '../calendar/parts.tsx';
import { useSubmitOwnComplaint, useSubmitOwnRequest } from './complaints.api.ts';

// The citizen's two forms: a complaint in their own words (one text box, no form to fill in,
// about a decision or about how they were met), and applying for something (what, and in their
// own words what they need).

/**
 * A button that opens one text box for a complaint. Closed again after sending; the page says
 * it arrived and shows it under "Dine klager".
 */
export function OwnComplaintForm({ decisionId, openLabel, announce, level }: { decisionId: string | null; openLabel: string; announce: (message: string) => void; level: 3 | 4 }) {
  const { say } = useVoice();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [noUnit, setNoUnit] = useState(false);
  const send = useSubmitOwnComplaint();
  const errors = useFormErrors(['text']);
  const openButton = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (open) heading.current?.focus();
  }, [open]);

  function close() {
    setOpen(false);
    setTimeout(() => openButton.current?.focus());
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setNoUnit(false);
    const input = errors.check(registerOwnComplaintInput, { decisionId, unitId: null, text });
    if (!input) return;
    // Awaited, not mutate's callbacks: the decision's card replaces this form once the complaint is there.
    try {
      await send.mutateAsync(input);
    } catch (err) {
      // About how they were met, with no plan to tell us which unit: we cannot know whom to give it to.
      if (err instanceof ApiError && err.field === 'unitId') {
        errors.reset();
        setNoUnit(true);
      } else errors.fail(err);
      return;
    }
    setText('');
    setOpen(false);
    errors.reset();
    announce(say(decisionId ? 'borgerCases.complaint.sentDecision' : 'borgerCases.complaint.sentTreatment'));
  }

  const Heading = level === 3 ? 'h3' : 'h4';
  if (!open)
    return (
      <p>
        <button ref={openButton} type="button" className="button button-primary" onClick={() => setOpen(true)}>
          {openLabel}
        </button>
      </p>
    );
  return (
    <form className="sammen-complaint-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-heading`}>
      <Heading id={`${id}-heading`} ref={heading} tabIndex={-1} className="h4">
        {openLabel}
      </Heading>
      <p>{say('borgerCases.complaint.howTo')}</p>
      <FormErrors formError={noUnit ? say('borgerCases.complaint.noUnit') : errors.formError} error={errors.error} />
      <TextArea
        label={say(decisionId ? 'borgerCases.complaint.textDecision' : 'borgerCases.complaint.textTreatment')}
        hint={say('borgerCases.complaint.textHint')}
        value={text}
        onChange={setText}
        rows={7}
        maxLength={8000}
        error={errors.errorAt('text')}
      />
      <p>{say('borgerCases.complaint.next')}</p>
      <div className="sammen-form-actions">
        <button type="submit" className="button button-primary" disabled={send.isPending}>
          {say('borgerCases.complaint.send')}
        </button>
        <button type="button" className="button button-secondary" onClick={close}>
          {say('borgerCases.cancel')}
        </button>
      </div>
    </form>
  );
}

/** "Søg om noget": what (the kinds of decisions the municipality makes) and, in their own words, what they need. */
export function OwnRequestForm({ decisionTypes, announce }: { decisionTypes: OwnDecisionsView['decisionTypes']; announce: (message: string) => void }) {
  const { say } = useVoice();
  const [decisionTypeId, setDecisionTypeId] = useState('');
  const [description, setDescription] = useState('');
  const send = useSubmitOwnRequest();
  const errors = useFormErrors(['decisionTypeId', 'description']);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = errors.check(registerOwnRequestInput, { decisionTypeId, description });
    if (!input) return;
    try {
      await send.mutateAsync(input);
    } catch (err) {
      return errors.fail(err);
    }
    setDecisionTypeId('');
    setDescription('');
    announce(say('borgerCases.apply.sent'));
  }

  return (
    <section className="sammen-section" aria-labelledby="own-apply">
      <h2 id="own-apply">{say('borgerCases.apply.heading')}</h2>
      {decisionTypes.length === 0 ? (
        <p>{say('borgerCases.apply.none')}</p>
      ) : (
        <>
          <p>{say('borgerCases.apply.intro')}</p>
          <form className="sammen-complaint-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="own-apply">
            <FormErrors formError={errors.formError} error={errors.error} />
            <Select
              label={say('borgerCases.apply.what')}
              value={decisionTypeId}
              onChange={setDecisionTypeId}
              empty={say('borgerCases.apply.choose')}
              options={decisionTypes.map((d) => ({ value: d.id, label: d.name }))}
              error={errors.errorAt('decisionTypeId')}
            />
            <TextArea
              label={say('borgerCases.apply.text')}
              hint={say('borgerCases.apply.textHint')}
              value={description}
              onChange={setDescription}
              rows={6}
              maxLength={8000}
              error={errors.errorAt('description')}
            />
            <div className="sammen-form-actions">
              <button type="submit" className="button button-primary" disabled={send.isPending}>
                {say('borgerCases.apply.send')}
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
