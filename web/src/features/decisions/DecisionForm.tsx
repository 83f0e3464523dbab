import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can } from '@sammen/domain/access';
import { decisionOutcomes, draftDecisionInput, isNegative, type DecisionView, type RequestView } from '@sammen/domain/decisions';
import { DEFAULT_LIX_THRESHOLD } from '@sammen/domain/readability';
import { Field, LixMeter, Select, TextArea } from '../../app/form.tsx';
import { actorOf, useStaffSession } from '../../app/session.tsx';
import { Success } from '../../app/Success.tsx';
import { FormErrors, useFormErrors } from '../calendar/parts.tsx';
import { useFormat } from '../plans/parts.tsx';
import { useDecisionTypes, useIssueDecision, useSaveDraft } from './decisions.api.ts';
import { draftInput, initialDraft, type DraftValues } from './decisions.format.ts';

// The decision: the ones issued (with their letter and a way to register a complaint), and the
// draft the deciding unit writes — outcome, legal basis (from the decision type), the main
// considerations and key facts in plain Danish with their LIX while writing, the plan's efforts
// it grants or ends. "Træf afgørelse" saves the draft and issues it; a refusal or partial grant
// without a dialogue contact is refused by the server, shown at the outcome, and the draft stays.

// complaintId is not a field of the form: its refusal shows above the form.
const fields = ['outcome', 'legalBasis', 'considerations', 'keyFacts', 'efforts'];

export function DecisionSection({ request, complaintId }: { request: RequestView; complaintId: string | null }) {
  const { t } = useTranslation();
  const session = useStaffSession();
  const issued = request.decisions.filter((d) => d.status === 'issued').sort((a, b) => (b.decidedOn ?? '').localeCompare(a.decidedOn ?? ''));
  const mayMake = request.mayDecide && can(actorOf(session), 'decision.make');
  // A new decision on reassessment of a complaint: one, then the form closes (the address loses ?complaintId).
  const [, setSearch] = useSearchParams();
  const [reassessed, setReassessed] = useState(false);
  const formOpen = mayMake && (request.status === 'open' || (complaintId !== null && !reassessed));
  // Said here, not in the form: the form closes once the request is decided.
  const [issuedText, setIssuedText] = useState('');
  const onIssued = () => {
    setIssuedText(t('decisions.decision.issued'));
    if (complaintId !== null) {
      setReassessed(true);
      setSearch({}, { replace: true });
    }
  };
  return (
    <section className="sammen-section" aria-labelledby="request-decision">
      <h2 id="request-decision">{t('decisions.decision.heading')}</h2>
      <Success text={issuedText} />
      {issued.length > 0 && (
        <ul className="sammen-cards">
          {issued.map((d) => (
            <IssuedDecision key={d.id} decision={d} citizenId={request.citizen.id} />
          ))}
        </ul>
      )}
      {!request.mayDecide && request.status === 'open' && <p>{t('decisions.decision.otherUnit', { unit: request.unit.name })}</p>}
      {request.mayDecide && !mayMake && request.status === 'open' && <p>{t('decisions.decision.noRole')}</p>}
      {formOpen && <DecisionForm key={request.id} request={request} complaintId={complaintId} onIssued={onIssued} />}
    </section>
  );
}

function IssuedDecision({ decision: d, citizenId }: { decision: DecisionView; citizenId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <li className="sammen-card sammen-issued-decision">
      <h3 className="h4">
        {t(`decisions.outcomes.${d.outcome}`)}
        {d.decidedOn && ` · ${t('decisions.decision.decidedOn', { date: f.date(d.decidedOn) })}`}
      </h3>
      <p className="sammen-meta">
        {d.decidedBy && <span className="sammen-by">{t('decisions.decision.decidedBy', { name: d.decidedBy.name })}</span>}
        {d.replacesDecisionId && <span className="badge badge-info">{t('decisions.decision.replaces')}</span>}
      </p>
      <dl className="sammen-facts">
        <dt>{t('decisions.decision.fields.legalBasis')}</dt>
        <dd className="sammen-prewrap">{d.legalBasis}</dd>
        <dt>{t('decisions.decision.fields.considerations')}</dt>
        <dd className="sammen-prewrap">{d.considerations}</dd>
        <dt>{t('decisions.decision.fields.keyFacts')}</dt>
        <dd className="sammen-prewrap">{d.keyFacts}</dd>
        <dt>{t('decisions.decision.lixLabel')}</dt>
        <dd>{d.lix}</dd>
        {d.efforts.length > 0 && (
          <>
            <dt>{t('decisions.decision.fields.efforts')}</dt>
            <dd>
              <ul className="sammen-plain-list">
                {d.efforts.map((e) => (
                  <li key={e.effortId}>{t(`decisions.decision.effortLinks.${e.link}`, { title: e.title })}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {d.complaintDeadline && (
          <>
            <dt>{t('decisions.decision.complaintDeadline')}</dt>
            <dd>{f.date(d.complaintDeadline.due)}</dd>
          </>
        )}
        <dt>{t('decisions.decision.appealGuidance')}</dt>
        <dd className="sammen-prewrap">{d.appealGuidance}</dd>
      </dl>
      <p className="sammen-plan-links">
        {d.letterId && (
          <Link to={`/breve/${encodeURIComponent(d.letterId)}`} state={{ back: `/afgoerelser/${encodeURIComponent(d.requestId)}` }}>
            {t('decisions.decision.letter')}
          </Link>
        )}
        <Link to={`/klager/ny?${new URLSearchParams({ citizenId, decisionId: d.id }).toString()}`}>{t('decisions.decision.registerComplaint')}</Link>
      </p>
    </li>
  );
}

function DecisionForm({ request, complaintId, onIssued }: { request: RequestView; complaintId: string | null; onIssued: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const types = useDecisionTypes();
  const [values, setValues] = useState<Omit<DraftValues, 'legalBasis'>>(() => initialDraft(request, undefined));
  // Until the caseworker edits it, the legal basis follows the saved draft or the decision type.
  const [legalBasis, setLegalBasis] = useState<string | null>(() => request.decisions.find((d) => d.status === 'draft')?.legalBasis ?? null);
  const basis = legalBasis ?? initialDraft(request, types.data?.decisionTypes).legalBasis;
  const [done, setDone] = useState('');
  const saveDraft = useSaveDraft(request.id);
  const issue = useIssueDecision(request.id);
  const errors = useFormErrors(fields);
  const set = <K extends keyof DraftValues>(key: K, value: DraftValues[K]) => setValues((prev) => ({ ...prev, [key]: value }));
  const hasDraft = request.decisions.some((d) => d.status === 'draft');
  const needsDialogue = values.outcome !== '' && isNegative(values.outcome) && request.dialogue.length === 0;
  const busy = saveDraft.isPending || issue.isPending;
  const outcomeError = errors.errorAt('outcome');
  // The hint says what the refusal would say: shown until the refusal itself is.
  const negativeWithoutDialogue = needsDialogue && !outcomeError;

  function submit(e: FormEvent, andIssue: boolean) {
    e.preventDefault();
    setDone('');
    const input = errors.check(draftDecisionInput, draftInput({ ...values, legalBasis: basis }));
    if (!input) return;
    saveDraft.mutate(input, {
      onSuccess: () => {
        setLegalBasis(input.legalBasis);
        if (!andIssue) {
          setDone(t('decisions.decision.draftSaved'));
          return;
        }
        issue.mutate(
          { complaintId },
          {
            onSuccess: () => {
              setDone('');
              onIssued();
            },
            onError: (err) => {
              // The draft is saved either way; say so beside the refusal.
              setDone(t('decisions.decision.draftSaved'));
              errors.fail(err);
            },
          },
        );
      },
      onError: errors.fail,
    });
  }

  return (
    <form className="sammen-calendar-form sammen-decision-form" onSubmit={(e) => submit(e, false)} noValidate aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{hasDraft ? t('decisions.decision.formHeadingDraft') : t('decisions.decision.formHeading')}</h3>
      <p className="form-hint">{t('decisions.decision.formIntro')}</p>
      <Success text={done} />
      <FormErrors formError={errors.formError} error={errors.error} />
      <fieldset className={`form-group${outcomeError ? ' form-error' : ''}`} aria-describedby={[outcomeError ? `${id}-outcome-error` : '', negativeWithoutDialogue ? `${id}-outcome-hint` : ''].filter(Boolean).join(' ') || undefined}>
        <legend className="form-label">{t('decisions.decision.fields.outcome')}</legend>
        {negativeWithoutDialogue && (
          <span className="form-hint" id={`${id}-outcome-hint`}>
            {t('decisions.decision.dialogueFirst')}
          </span>
        )}
        {outcomeError && (
          <span className="form-error-message" id={`${id}-outcome-error`}>
            <span className="sr-only">{t('planForm.errorPrefix')} </span>
            {outcomeError}
          </span>
        )}
        <ul className="nobullet-list sammen-radios">
          {decisionOutcomes.map((o) => (
            <li key={o}>
              <input id={`${id}-${o}`} className="form-radio" type="radio" name={`${id}-outcome`} checked={values.outcome === o} onChange={() => set('outcome', o)} />
              <label htmlFor={`${id}-${o}`}>{t(`decisions.outcomes.${o}`)}</label>
            </li>
          ))}
        </ul>
      </fieldset>
      <TextArea label={t('decisions.decision.fields.legalBasis')} hint={t('decisions.decision.legalBasisHint')} value={basis} onChange={setLegalBasis} rows={2} maxLength={1000} error={errors.errorAt('legalBasis')} />
      <ReasonField label={t('decisions.decision.fields.considerations')} hint={t('decisions.decision.considerationsHint')} value={values.considerations} onChange={(v) => set('considerations', v)} error={errors.errorAt('considerations')} />
      <ReasonField
        label={t('decisions.decision.fields.keyFacts')}
        hint={t('decisions.decision.keyFactsHint')}
        value={values.keyFacts}
        onChange={(v) => set('keyFacts', v)}
        error={errors.errorAt('keyFacts')}
        after={
          <div className="sammen-reasons-lix">
            <p className="form-hint">
              <strong>{t('decisions.decision.lixHeading')}</strong>
            </p>
            <LixMeter text={`${values.considerations}\n${values.keyFacts}`} threshold={DEFAULT_LIX_THRESHOLD} />
          </div>
        }
      />
      {request.efforts.length > 0 && (
        <fieldset
          className={`form-group${errors.errorAt('efforts') ? ' form-error' : ''}`}
          aria-describedby={[`${id}-efforts-hint`, errors.errorAt('efforts') ? `${id}-efforts-error` : ''].filter(Boolean).join(' ')}
        >
          <legend className="form-label">{t('decisions.decision.fields.efforts')}</legend>
          <span className="form-hint" id={`${id}-efforts-hint`}>
            {t('decisions.decision.effortsHint')}
          </span>
          {errors.errorAt('efforts') && (
            <span className="form-error-message" id={`${id}-efforts-error`}>
              {errors.errorAt('efforts')}
            </span>
          )}
          {request.efforts.map((e) => (
            <Select
              key={e.id}
              label={t('decisions.decision.effortLabel', { title: e.title, unit: e.unitName })}
              value={values.efforts[e.id] ?? ''}
              onChange={(v) => set('efforts', { ...values.efforts, [e.id]: v as '' | 'grants' | 'ends' })}
              options={[
                { value: '', label: t('decisions.decision.effortChoices.none') },
                { value: 'grants', label: t('decisions.decision.effortChoices.grants') },
                { value: 'ends', label: t('decisions.decision.effortChoices.ends') },
              ]}
            />
          ))}
        </fieldset>
      )}
      <p className="form-hint">{t('decisions.decision.issueHint')}</p>
      <div className="sammen-form-actions">
        <button type="submit" className="button button-secondary" disabled={busy}>
          {t('decisions.decision.saveDraft')}
        </button>
        <button type="button" className="button button-primary" disabled={busy} onClick={(e) => submit(e, true)}>
          {t('decisions.decision.issue')}
        </button>
        {busy && (
          <span role="status" className="sammen-saving">
            {t('decisions.saving')}
          </span>
        )}
      </div>
    </form>
  );
}

/** A reason written for the citizen: a text area that can carry the LIX meter of the whole reasons. */
function ReasonField(props: { label: string; hint: string; value: string; onChange: (v: string) => void; error?: string; after?: ReactNode }) {
  return (
    <Field label={props.label} hint={props.hint} error={props.error} after={props.after}>
      {({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          className="form-input"
          rows={5}
          maxLength={8000}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
