import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { submitSurveyInput, type Dimension, type SurveyFormView, type SurveyItem } from '@sammen/domain/coordination';
import { ApiError } from '../../app/api.ts';
import { AlertIcon } from '../../app/AlertIcon.tsx';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { apiErrorOf } from '../calendar/calendar.api.ts';
import { useCalendarFormat } from '../calendar/format.ts';
import { FormErrors, useFormErrors } from '../calendar/parts.tsx';
import { useSubmitSurvey, useSurveyForm } from './coordination.api.ts';
import { itemsInOrder, langOf, ownGroupFirst, tiesOf, withFocalWork, withGroup, type FormAnswers } from './coordination.format.ts';
import './coordination.css';

// The survey itself: for each group of the wave — my own group first, marked as such — "Do you
// work with this group?" and, when I do, the seven questions about it, each a group of radio
// buttons with the options in the order the instrument lists them. Only my group is kept with
// the answers; nobody can see what I answered. One answer per person: after it, a plain message.
// A group I say I work with needs at least the municipality's minimum of the seven answered
// (minAnsweredItems): fewer would be left out of every score at the close, so the form says how
// many up front and refuses fewer at that group before sending, as the server does.

/** The first group I work with that has fewer answered questions than `min`: its place among the ties, or -1. */
function firstTieWithTooFew(ties: readonly { answers: Partial<Record<Dimension, number | null>> }[], min: number): number {
  return ties.findIndex((tie) => Object.values(tie.answers).filter((a) => a !== null && a !== undefined).length < min);
}

export function SurveyFormPage() {
  const { waveId = '' } = useParams();
  const { t } = useTranslation();
  const form = useSurveyForm(waveId);
  const [sent, setSent] = useState(false);
  const [already, setAlready] = useState(false);
  const refused = form.error instanceof ApiError && form.error.status === 409 ? form.error.reason : undefined;
  const title = form.data ? t('coordination.form.title', { name: form.data.name }) : t('coordination.form.titlePlain');
  return (
    <Page title={title}>
      {form.isPending && <Loading />}
      {sent ? (
        <Thanks />
      ) : already || refused === 'alreadyAnswered' ? (
        <Plain text={t('coordination.form.alreadyAnswered')} />
      ) : refused === 'waveClosed' ? (
        <Plain text={t('coordination.form.waveClosed')} />
      ) : form.isError ? (
        <ErrorAlert error={apiErrorOf(form.error)} />
      ) : form.data ? (
        <SurveyForm form={form.data} onSent={() => setSent(true)} onAlready={() => setAlready(true)} />
      ) : null}
    </Page>
  );
}

function Plain({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="alert alert-info" role="status">
        <AlertIcon variant="info" />
        <div className="alert-body">
          <p className="alert-text">{text}</p>
        </div>
      </div>
      <p>
        <Link to="/samarbejde">{t('coordination.backToLanding')}</Link>
      </p>
    </>
  );
}

function Thanks() {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="sammen-section sammen-coordination-thanks" aria-labelledby="survey-thanks-heading">
      <h2 id="survey-thanks-heading" ref={heading} tabIndex={-1}>
        {t('coordination.form.thanksHeading')}
      </h2>
      <p>{t('coordination.form.thanksText')}</p>
      <p>
        <Link to="/samarbejde">{t('coordination.backToLanding')}</Link>
      </p>
    </section>
  );
}

function SurveyForm({ form, onSent, onAlready }: { form: SurveyFormView; onSent: () => void; onAlready: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const f = useCalendarFormat();
  const submit = useSubmitSurvey(form.waveId);
  const groups = ownGroupFirst(form.groups, form.group.id);
  const items = itemsInOrder(form.instrument.items);
  const [answers, setAnswers] = useState<FormAnswers>({});
  // The contract's paths name a tie by its place among the groups I work with.
  const working = groups.filter((g) => answers[g.id]?.works === true);
  const tieIndex = (groupId: string) => working.findIndex((g) => g.id === groupId);
  const fields = ['ties', ...working.flatMap((_, i) => [`ties.${i}.groupId`, `ties.${i}.answers`, ...items.map((it) => `ties.${i}.answers.${it.dimension}`)])];
  const errors = useFormErrors(fields);

  const setWorks = (groupId: string, works: boolean) => setAnswers((prev) => ({ ...prev, [groupId]: { works, answers: prev[groupId]?.answers ?? {} } }));
  const setAnswer = (groupId: string, dimension: Dimension, position: number) =>
    setAnswers((prev) => ({ ...prev, [groupId]: { works: true, answers: { ...prev[groupId]?.answers, [dimension]: position } } }));

  function send(e: FormEvent) {
    e.preventDefault();
    const input = errors.check(submitSurveyInput, { ties: tiesOf(groups, answers) });
    if (!input) return;
    const tooFew = firstTieWithTooFew(input.ties, form.minAnsweredItems);
    if (tooFew >= 0) {
      errors.show({ field: `ties.${tooFew}.answers`, reason: 'tooFew', params: { min: form.minAnsweredItems } });
      return;
    }
    submit.mutate(input, {
      onSuccess: onSent,
      onError: (err) => (err instanceof ApiError && err.reason === 'alreadyAnswered' ? onAlready() : errors.fail(err)),
    });
  }

  return (
    <>
      <p className="font-lead">{withFocalWork(form.instrument.intro[lang], form.focalWork)}</p>
      <ul className="sammen-coordination-notes">
        <li>{t('coordination.form.asGroup', { group: form.group.name })}</li>
        <li>{t('coordination.form.privacy', { threshold: form.anonymityThreshold })}</li>
        <li>{t('coordination.form.closesOn', { date: f.date(form.closesOn) })}</li>
      </ul>
      <form className="sammen-coordination-survey" onSubmit={send} noValidate aria-label={t('coordination.form.formLabel', { name: form.name })}>
        <FormErrors formError={errors.formError} error={errors.error} />
        {errors.errorAt('ties') && (
          <div className="alert alert-error" role="alert">
            <AlertIcon variant="error" />
            <div className="alert-body">
              <p className="alert-text">{t('coordination.form.chooseOne')}</p>
            </div>
          </div>
        )}
        {groups.map((g) => {
          const i = tieIndex(g.id);
          return (
            <GroupQuestions
              key={g.id}
              group={g}
              items={items}
              lang={lang}
              works={answers[g.id]?.works}
              chosen={answers[g.id]?.answers ?? {}}
              onWorks={(w) => setWorks(g.id, w)}
              onAnswer={(d, p) => setAnswer(g.id, d, p)}
              minAnswered={form.minAnsweredItems}
              worksError={i >= 0 ? errors.errorAt(`ties.${i}.groupId`) : undefined}
              tooFew={i >= 0 && errors.errorAt(`ties.${i}.answers`) !== undefined}
              itemError={(d) => (i >= 0 ? errors.errorAt(`ties.${i}.answers.${d}`) : undefined)}
            />
          );
        })}
        <button type="submit" className="button button-primary" disabled={submit.isPending}>
          {t('coordination.form.send')}
        </button>
      </form>
    </>
  );
}

function GroupQuestions(props: {
  group: { id: string; name: string; own: boolean };
  items: SurveyItem[];
  lang: 'da' | 'en';
  works: boolean | undefined;
  chosen: Partial<Record<Dimension, number>>;
  onWorks: (works: boolean) => void;
  onAnswer: (dimension: Dimension, position: number) => void;
  /** How many of the seven must be answered when I work with the group. */
  minAnswered: number;
  worksError?: string;
  /** Fewer than `minAnswered` answered: said at the group's questions, in words about this group. */
  tooFew: boolean;
  itemError: (dimension: Dimension) => string | undefined;
}) {
  const { group, items, lang, works, chosen, minAnswered, tooFew } = props;
  const { t } = useTranslation();
  const id = useId();
  const headingId = `${id}-heading`;
  const hintId = `${id}-items-hint`;
  const tooFewId = `${id}-too-few`;
  const all = minAnswered >= items.length;
  return (
    <section className={`sammen-coordination-group${group.own ? ' sammen-coordination-own' : ''}`} aria-labelledby={headingId}>
      <h2 id={headingId}>
        {group.name}
        {group.own && (
          <>
            {' '}
            <span className="badge badge-info">{t('coordination.form.ownGroup')}</span>
          </>
        )}
      </h2>
      <RadioGroup
        name={`${id}-works`}
        legend={t('coordination.form.worksWith', { group: group.name })}
        options={[t('coordination.form.yes'), t('coordination.form.no')]}
        value={works === undefined ? undefined : works ? 0 : 1}
        onChange={(p) => props.onWorks(p === 0)}
        error={props.worksError}
        inline
      />
      {works === true && (
        <div className={`sammen-coordination-items-answer${tooFew ? ' form-error' : ''}`}>
          <p className="form-hint" id={hintId}>
            {all ? t('coordination.form.itemsHintAll') : t('coordination.form.itemsHintMin', { min: minAnswered })}
          </p>
          {tooFew && (
            <p className="form-error-message" id={tooFewId} role="alert">
              <span className="sr-only">{t('planForm.errorPrefix')} </span>
              {all ? t('coordination.form.tooFewAll', { group: group.name }) : t('coordination.form.tooFewMin', { min: minAnswered, group: group.name })}
            </p>
          )}
          {items.map((item) => (
            <RadioGroup
              key={item.dimension}
              name={`${id}-${item.dimension}`}
              legend={withGroup(item.wording[lang], group.name)}
              options={item.options.map((o) => o.label[lang])}
              value={chosen[item.dimension]}
              onChange={(p) => props.onAnswer(item.dimension, p)}
              error={props.itemError(item.dimension)}
              describedBy={tooFew && chosen[item.dimension] === undefined ? tooFewId : undefined}
            />
          ))}
        </div>
      )}
    </section>
  );
}

/** One question as a fieldset: its legend, its error (tied to the group), its options in list order. */
function RadioGroup(props: {
  name: string;
  legend: string;
  options: string[];
  value: number | undefined;
  onChange: (position: number) => void;
  error?: string;
  /** Another text that says what is wrong with this question, e.g. the group's "answer at least". */
  describedBy?: string;
  inline?: boolean;
}) {
  const { t } = useTranslation();
  const errorId = `${props.name}-error`;
  const describedBy = [props.error ? errorId : undefined, props.describedBy].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={`form-group sammen-coordination-question${props.error ? ' form-error' : ''}`} aria-describedby={describedBy}>
      <legend className="form-label">{props.legend}</legend>
      {props.error && (
        <span className="form-error-message" id={errorId}>
          <span className="sr-only">{t('planForm.errorPrefix')} </span>
          {props.error}
        </span>
      )}
      <ul className={`nobullet-list sammen-radios${props.inline ? ' sammen-coordination-inline' : ''}`}>
        {props.options.map((label, position) => (
          <li key={position}>
            <input id={`${props.name}-${position}`} className="form-radio" type="radio" name={props.name} checked={props.value === position} onChange={() => props.onChange(position)} />
            <label htmlFor={`${props.name}-${position}`}>{label}</label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
