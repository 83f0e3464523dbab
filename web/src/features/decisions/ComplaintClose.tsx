import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { closeComplaintInput, learningCategories, type ComplaintOutcome as Outcome, type ComplaintView } from '@sammen/domain/decisions';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Select, TextArea } from '../../app/form.tsx';
import { Loading } from '../../app/Loading.tsx';
import { useCalendarFormat } from '../calendar/format.ts';
import { FormErrors, useFormErrors } from '../calendar/parts.tsx';
import { apiErrorOf, useCloseComplaint, useComplainedRequest } from './complaints.api.ts';
import { outcomesFor, replacingDecisions } from './complaints.rules.ts';
import { Fact, RadioGroup, Words } from './ComplaintParts.tsx';

// How a complaint ends, and the form that ends it. The outcomes offered are those the server
// allows for what the complaint is about; "decision changed" needs the new decision issued on
// the request first (on the request page), and is then chosen from that request's decisions.

const fields = ['outcome', 'citizenWords', 'newDecisionId', 'note', 'answer', 'learningCategory'] as const;
type LearningCategory = (typeof learningCategories)[number];

export function CloseComplaint({ complaint: c, onDone }: { complaint: ComplaintView; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const close = useCloseComplaint(c.id);
  const errors = useFormErrors(fields);
  const [outcome, setOutcome] = useState<Outcome>();
  const [citizenWords, setCitizenWords] = useState('');
  const [newDecisionId, setNewDecisionId] = useState<string>();
  const [note, setNote] = useState('');
  const [answer, setAnswer] = useState('');
  const [learningCategory, setLearningCategory] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!outcome) return errors.show({ field: 'outcome', reason: 'required' });
    const values =
      outcome === 'resolvedInDialogue'
        ? { outcome, citizenWords, learningCategory }
        : outcome === 'decisionChanged'
          ? { outcome, newDecisionId, learningCategory }
          : outcome === 'forwarded'
            ? { outcome, note, learningCategory }
            : { outcome, answer, learningCategory };
    const input = errors.check(closeComplaintInput, values);
    if (!input) return;
    // Awaited, not mutate's callbacks: the closed complaint replaces this form, and callbacks of an unmounted form are dropped.
    await close.mutateAsync(input).then(() => onDone(t(`complaints.close.done.${input.outcome}`)), errors.fail);
  }

  return (
    <section className="sammen-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('complaints.close.heading')}</h2>
      <p>{t(c.about === 'decision' ? 'complaints.close.introDecision' : 'complaints.close.introTreatment')}</p>
      <form className="sammen-complaint-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-heading`}>
        <FormErrors formError={errors.formError} error={errors.error} />
        <RadioGroup
          legend={t('complaints.close.outcome')}
          error={errors.errorAt('outcome')}
          value={outcome}
          onChange={(o) => (setOutcome(o), errors.reset())}
          options={outcomesFor(c.about).map((o) => ({ value: o, label: t(`complaints.close.outcomes.${o}`), hint: t(`complaints.close.outcomeHints.${o}`) }))}
        />
        {outcome === 'resolvedInDialogue' && (
          <TextArea
            label={t('complaints.close.citizenWords')}
            hint={t('complaints.close.citizenWordsHint')}
            value={citizenWords}
            onChange={setCitizenWords}
            rows={4}
            maxLength={8000}
            error={errors.errorAt('citizenWords')}
          />
        )}
        {outcome === 'decisionChanged' && c.decision && (
          <NewDecision complaint={c} requestId={c.decision.requestId} decisionId={c.decision.id} value={newDecisionId} onChange={setNewDecisionId} error={errors.errorAt('newDecisionId')} />
        )}
        {outcome === 'forwarded' && (
          <TextArea label={t('complaints.close.note')} hint={t('complaints.close.noteHint')} value={note} onChange={setNote} rows={4} maxLength={8000} error={errors.errorAt('note')} />
        )}
        {outcome === 'answered' && (
          <TextArea label={t('complaints.close.answer')} hint={t('complaints.close.answerHint')} value={answer} onChange={setAnswer} rows={5} maxLength={8000} error={errors.errorAt('answer')} />
        )}
        {outcome && (
          <Select
            label={t('complaints.close.learningCategory')}
            hint={t('complaints.close.learningCategoryHint')}
            value={learningCategory}
            onChange={setLearningCategory}
            empty={t('complaints.close.chooseCategory')}
            options={learningCategories.map((k) => ({ value: k, label: t(`complaints.learningCategories.${k}`) }))}
            error={errors.errorAt('learningCategory')}
          />
        )}
        <div className="sammen-form-actions">
          <button type="submit" className="button button-primary" disabled={close.isPending}>
            {t('complaints.close.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The decisions issued on reassessment of the complained one; or the way to issue one first. */
function NewDecision(props: { complaint: ComplaintView; requestId: string; decisionId: string; value: string | undefined; onChange: (id: string) => void; error?: string }) {
  const { t } = useTranslation();
  const f = useCalendarFormat();
  const request = useComplainedRequest(props.requestId);
  const candidates = request.data ? replacingDecisions(request.data.decisions, props.decisionId) : [];
  const requestLink = `/afgoerelser/${encodeURIComponent(props.requestId)}?complaintId=${encodeURIComponent(props.complaint.id)}`;

  if (request.isPending) return <Loading />;
  if (request.isError) return <ErrorAlert error={apiErrorOf(request.error)} />;
  return (
    <>
      {candidates.length === 0 ? (
        <div className={`form-group${props.error ? ' form-error' : ''}`}>
          <p className="form-label">{t('complaints.close.newDecision')}</p>
          {props.error && (
            <p className="form-error-message">
              <span className="sr-only">{t('planForm.errorPrefix')} </span>
              {props.error}
            </p>
          )}
          <p>{t('complaints.close.noNewDecision')}</p>
        </div>
      ) : (
        <RadioGroup
          legend={t('complaints.close.newDecision')}
          hint={t('complaints.close.newDecisionHint')}
          error={props.error}
          value={props.value}
          onChange={props.onChange}
          options={candidates.map((d) => ({
            value: d.id,
            label: t('complaints.close.newDecisionOption', {
              type: d.decisionType.name,
              outcome: t(`complaints.decisionOutcomes.${d.outcome}`).toLowerCase(),
              date: d.decidedOn ? f.date(d.decidedOn) : '–',
            }),
          }))}
        />
      )}
      <p className="sammen-form-actions">
        <Link to={requestLink}>{t('complaints.close.issueNewDecision')}</Link>
        <button type="button" className="button button-secondary" onClick={() => void request.refetch()} disabled={request.isFetching}>
          {t('complaints.close.refresh')}
        </button>
      </p>
    </>
  );
}

/** A closed complaint: how it ended, in whose words, and what we learned. */
export function ComplaintOutcome({ complaint: c }: { complaint: ComplaintView }) {
  const { t } = useTranslation();
  const f = useCalendarFormat();
  if (c.status === 'open') return null;
  return (
    <section className="sammen-section" aria-labelledby="complaint-outcome">
      <h2 id="complaint-outcome">{t('complaints.outcome.heading')}</h2>
      <dl className="sammen-facts">
        <Fact label={t('complaints.outcome.outcome')}>{t(`complaints.close.outcomes.${c.status}`)}</Fact>
        {c.closedOn && <Fact label={t('complaints.outcome.closedOn')}>{f.date(c.closedOn)}</Fact>}
        {c.forwardedTo && <Fact label={t('complaints.outcome.forwardedTo')}>{c.forwardedTo}</Fact>}
        {c.newDecisionId && c.decision && (
          <Fact label={t('complaints.outcome.newDecision')}>
            <Link to={`/afgoerelser/${encodeURIComponent(c.decision.requestId)}`}>{t('complaints.outcome.newDecisionLink')}</Link>
          </Fact>
        )}
        {c.learningCategory && <Fact label={t('complaints.outcome.learningCategory')}>{t(`complaints.learningCategories.${c.learningCategory as LearningCategory}`)}</Fact>}
      </dl>
      {c.citizenWords && (
        <>
          <h3 className="h4">{t('complaints.outcome.citizenWords')}</h3>
          <Words text={c.citizenWords} />
        </>
      )}
      {c.answer && (
        <>
          <h3 className="h4">{t('complaints.outcome.answer')}</h3>
          <p className="sammen-prewrap">{c.answer}</p>
        </>
      )}
    </section>
  );
}
