import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { FeedbackKind, RatingFormView, SubmitRatingsInput } from '@sammen/domain/feedback';
import { ApiError, forgetCsrfToken } from '../../app/api.ts';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { BareFrame } from '../../app/BareFrame.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { useSessionContext } from '../../app/session.tsx';
import { useCalendarFormat } from '../calendar/format.ts';
import { dayOf } from '../calendar/time.ts';
import { useRatingForm, useSubmitRatings } from './feedback.api.ts';
import { RatingItem, type ItemAnswer } from './RatingItem.tsx';
import './feedback.css';

// "/vurdering": the citizen rates a meeting, on the staff member's screen or from a link. Outside
// both shells: no menu, no names, nothing of the plan — the unit, the day and the questions. The
// secret is in the address's fragment (never sent to the server in an address); the page asks
// with it in a body. Plain Danish, large targets, Danish or English at the top. Declining is a
// choice of its own, never a low score.

type FormState = { declined: boolean; answers: Record<string, ItemAnswer> };

export function RatingPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const { ended } = useSessionContext();
  const token = location.hash.replace(/^#/, '');
  const [checked, setChecked] = useState(false);

  // Whatever was signed in on this screen is gone (the server ended a staff session that handed
  // the screen over): forget it here, in every other tab of this browser, and everything cached
  // for it — without asking the network, so nothing can stay behind — before anything is shown.
  useEffect(() => {
    forgetCsrfToken();
    ended();
    setChecked(true);
  }, [ended]);

  const form = useRatingForm(token, checked);

  return (
    <BareFrame className="sammen-rating-page">
      {!token ? (
        <Page title={t('rating.title')}>
          <Problem text={t('rating.errors.noCode')} />
          <StaffLogin />
        </Page>
      ) : !checked || form.isPending ? (
        <Loading />
      ) : form.isError ? (
        <Page title={t('rating.title')}>
          <OpenProblem error={form.error} />
          <StaffLogin />
        </Page>
      ) : (
        <RatingForms token={token} view={form.data} />
      )}
    </BareFrame>
  );
}

function Problem({ text }: { text: string }) {
  return (
    <div className="alert alert-warning" role="alert">
      <div className="alert-body">
        <p className="alert-text">{text}</p>
      </div>
    </div>
  );
}

/** Why a rating cannot be opened or sent, in plain words; anything unusual as the usual alert. */
function OpenProblem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const err = error instanceof ApiError ? error : new ApiError('NETWORK', 0);
  if (err.reason === 'linkUsed' || err.reason === 'alreadyRated') return <Problem text={t('rating.errors.linkUsed')} />;
  if (err.reason === 'linkExpired') return <Problem text={t('rating.errors.linkExpired')} />;
  if (err.code === 'NOT_FOUND' || err.code === 'VALIDATION') return <Problem text={t('rating.errors.notFound')} />;
  return <ErrorAlert error={err} />;
}

/** The way back for the staff member whose screen it is. */
function StaffLogin({ primary = false }: { primary?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <p className="sammen-rating-staff">
      <button type="button" className={`button ${primary ? 'button-primary' : 'button-secondary'}`} onClick={() => void navigate('/login', { replace: true })}>
        {t('rating.staffLogin')}
      </button>
    </p>
  );
}

function RatingForms({ token, view }: { token: string; view: RatingFormView }) {
  const { t, i18n } = useTranslation();
  const f = useCalendarFormat();
  const submit = useSubmitRatings();
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const [forms, setForms] = useState<Record<string, FormState>>(() =>
    Object.fromEntries(view.forms.map((form) => [form.kind, { declined: false, answers: Object.fromEntries(form.items.map((it) => [it.key, undefined])) }])),
  );
  const [missing, setMissing] = useState<Set<string>>(new Set());
  const formRef = useRef<HTMLFormElement>(null);
  const [saved, setSaved] = useState(false);

  const update = (kind: FeedbackKind, change: (s: FormState) => FormState) => setForms((prev) => ({ ...prev, [kind]: change(prev[kind]!) }));

  function send(e: FormEvent) {
    e.preventDefault();
    const unanswered = new Set(
      view.forms.flatMap((form) => (forms[form.kind]!.declined ? [] : form.items.filter((it) => forms[form.kind]!.answers[it.key] === undefined).map((it) => `${form.kind}.${it.key}`))),
    );
    setMissing(unanswered);
    if (unanswered.size) {
      // The first question without an answer gets the focus; its message says what to do.
      setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const input: SubmitRatingsInput = {
      token,
      ratings: view.forms.map((form) => {
        const state = forms[form.kind]!;
        return state.declined
          ? { kind: form.kind, declined: true as const }
          : { kind: form.kind, declined: false as const, answers: Object.fromEntries(Object.entries(state.answers).map(([k, v]) => [k, v as number])) };
      }),
    };
    submit.mutate(input, { onSuccess: () => setSaved(true) });
  }

  if (saved) {
    return (
      <Page key="thanks" title={t('rating.thanks.title')}>
        <p className="font-lead">{view.mode === 'tablet' ? t('rating.thanks.tablet') : t('rating.thanks.link')}</p>
        {view.mode === 'tablet' && <StaffLogin primary />}
      </Page>
    );
  }

  return (
    <Page key="rate" title={t('rating.title')}>
      <p className="font-lead">{t('rating.intro', { unit: view.unitName, date: f.date(dayOf(view.heldAt)) })}</p>
      <p>{view.forms.every((form) => form.presentation === 'faces') ? t('rating.howToFaces') : t('rating.howTo')}</p>
      {submit.isError && <OpenProblem error={submit.error} />}
      <form ref={formRef} onSubmit={send} noValidate className="sammen-rating-form">
        {view.forms.map((form) => {
          const state = forms[form.kind]!;
          const headingId = `rating-${form.kind}`;
          return (
            <section key={form.kind} className="sammen-rating-section" aria-labelledby={headingId}>
              <h2 id={headingId}>{form.name[lang]}</h2>
              <p className="sammen-rating-intro">{form.intro[lang]}</p>
              <div className="form-group sammen-rating-decline">
                <div className="form-group-checkbox">
                  <input
                    id={`${headingId}-decline`}
                    type="checkbox"
                    className="form-checkbox"
                    checked={state.declined}
                    onChange={(e) => update(form.kind, (s) => ({ ...s, declined: e.target.checked }))}
                  />
                  <label htmlFor={`${headingId}-decline`}>{t('rating.decline')}</label>
                </div>
              </div>
              {state.declined ? (
                <p className="sammen-rating-declined">{t('rating.declined')}</p>
              ) : (
                form.items.map((item) => (
                  <RatingItem
                    key={item.key}
                    item={item}
                    lang={lang}
                    faces={form.presentation === 'faces'}
                    value={state.answers[item.key]}
                    missing={missing.has(`${form.kind}.${item.key}`)}
                    onChange={(v) => {
                      update(form.kind, (s) => ({ ...s, answers: { ...s.answers, [item.key]: v } }));
                      setMissing((prev) => {
                        const next = new Set(prev);
                        next.delete(`${form.kind}.${item.key}`);
                        return next;
                      });
                    }}
                  />
                ))
              )}
            </section>
          );
        })}
        {missing.size > 0 && <Problem text={t('rating.missing', { count: missing.size })} />}
        <button type="submit" className="button button-primary sammen-rating-send" disabled={submit.isPending}>
          {t('rating.send')}
        </button>
      </form>
    </Page>
  );
}
