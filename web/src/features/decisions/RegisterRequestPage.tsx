import { useId, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CitizenSummary } from '@sammen/domain/identity';
import { registerRequestInput, urgencies } from '@sammen/domain/decisions';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Select, TextArea } from '../../app/form.tsx';
import { Page } from '../../app/Page.tsx';
import { useStaffSession } from '../../app/session.tsx';
import { apiErrorOf } from '../calendar/calendar.api.ts';
import { FormErrors, Input, useFormErrors } from '../calendar/parts.tsx';
import { todayLocal } from '../calendar/time.ts';
import { getCitizen, searchCitizens } from '../identity/identity.api.ts';
import { getStaffDirectory } from '../plans/plans.api.ts';
import { useDecisionTypes, useRegisterRequest } from './decisions.api.ts';
import { usePeriodText } from './RequestParts.tsx';

// Registering a request for a citizen (scenario 2): what is asked, the decision type with its
// published deadline, the urgency the colleague states, and — when registered on a frontline
// colleague's behalf — who it comes from. The clock starts on the day it was received.

const fields = ['citizenId', 'decisionTypeId', 'description', 'urgency', 'urgencyNote', 'onBehalfOfStaffId', 'receivedOn'] as const;

export function RegisterRequestPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const citizenId = search.get('citizenId') ?? '';
  const choose = (id: string) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set('citizenId', id);
        else next.delete('citizenId');
        return next;
      },
      { replace: true },
    );
  return (
    <>
      <p className="sammen-back">
        <Link to={citizenId ? `/borgere/${encodeURIComponent(citizenId)}` : '/afgoerelser'}>{citizenId ? t('decisions.register.backToCitizen') : t('decisions.register.back')}</Link>
      </p>
      <Page title={t('decisions.register.title')}>
        <p className="font-lead">{t('decisions.register.intro')}</p>
        <RegisterForm citizenId={citizenId} onChooseCitizen={choose} />
      </Page>
    </>
  );
}

function RegisterForm({ citizenId, onChooseCitizen }: { citizenId: string; onChooseCitizen: (id: string) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useStaffSession();
  const formId = useId();
  const types = useDecisionTypes();
  const staff = useQuery({ queryKey: ['staffDirectory'], queryFn: getStaffDirectory, staleTime: 5 * 60_000 });
  const periodText = usePeriodText();
  const [decisionTypeId, setDecisionTypeId] = useState('');
  const [description, setDescription] = useState('');
  const [urgency, setUrgency] = useState<(typeof urgencies)[number]>('normal');
  const [urgencyNote, setUrgencyNote] = useState('');
  const [onBehalfOf, setOnBehalfOf] = useState('');
  const [receivedOn, setReceivedOn] = useState(todayLocal());
  const errors = useFormErrors(fields);
  const register = useRegisterRequest();

  const activeTypes = (types.data?.decisionTypes ?? []).filter((d) => d.active);
  const chosenType = activeTypes.find((d) => d.id === decisionTypeId);
  const colleagues = useMemo(
    () =>
      (staff.data ?? [])
        .filter((s) => s.id !== session.staffId)
        .sort((a, b) => a.name.localeCompare(b.name, 'da'))
        .map((s) => ({ value: s.id, label: `${s.name} (${[s.title, ...(s.units ?? []).map((u) => u.name)].filter(Boolean).join(', ')})` })),
    [staff.data, session.staffId],
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    const input = errors.check(registerRequestInput, {
      citizenId,
      decisionTypeId,
      description,
      urgency,
      urgencyNote: urgency === 'urgent' ? urgencyNote : '',
      onBehalfOfStaffId: onBehalfOf || null,
      receivedOn,
    });
    if (!input) return;
    register.mutate(input, {
      onSuccess: (request) => void navigate(`/afgoerelser/${encodeURIComponent(request.id)}`, { state: { registered: true } }),
      onError: errors.fail,
    });
  }

  return (
    <>
      <CitizenPicker citizenId={citizenId} onChoose={onChooseCitizen} error={errors.errorAt('citizenId')} />
      <form id={formId} className="sammen-calendar-form sammen-decision-form" onSubmit={submit} noValidate aria-labelledby={`${formId}-heading`}>
        <h2 id={`${formId}-heading`}>{t('decisions.register.requestHeading')}</h2>
        <FormErrors formError={errors.formError} error={errors.error} />
        {types.isError && <ErrorAlert error={apiErrorOf(types.error)} />}
        <Select
          label={t('decisions.fields.decisionType')}
          hint={t('decisions.register.typeHint')}
          value={decisionTypeId}
          onChange={setDecisionTypeId}
          empty={types.isPending ? t('app.loading') : t('decisions.register.chooseType')}
          options={activeTypes.map((d) => ({ value: d.id, label: `${d.name} – ${d.unit.name}` }))}
          error={errors.errorAt('decisionTypeId')}
        />
        {chosenType && (
          <p className="sammen-type-facts" aria-live="polite">
            {t('decisions.register.typeFacts', { deadline: periodText(chosenType.processingDeadline), unit: chosenType.unit.name, legalBasis: chosenType.legalBasis })}
          </p>
        )}
        <TextArea
          label={t('decisions.fields.description')}
          hint={t('decisions.register.descriptionHint')}
          value={description}
          onChange={setDescription}
          rows={5}
          maxLength={8000}
          error={errors.errorAt('description')}
        />
        <fieldset className={`form-group${errors.errorAt('urgency') ? ' form-error' : ''}`} aria-describedby={errors.errorAt('urgency') ? `${formId}-urgency-error` : undefined}>
          <legend className="form-label">{t('decisions.fields.urgency')}</legend>
          {errors.errorAt('urgency') && (
            <span className="form-error-message" id={`${formId}-urgency-error`}>
              {errors.errorAt('urgency')}
            </span>
          )}
          <ul className="nobullet-list sammen-radios">
            {urgencies.map((u) => (
              <li key={u}>
                <input id={`${formId}-urgency-${u}`} className="form-radio" type="radio" name={`${formId}-urgency`} checked={urgency === u} onChange={() => setUrgency(u)} />
                <label htmlFor={`${formId}-urgency-${u}`}>{t(`decisions.urgencies.${u}`)}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        {urgency === 'urgent' && (
          <TextArea
            label={t('decisions.fields.urgencyNote')}
            hint={t('decisions.register.urgencyNoteHint')}
            value={urgencyNote}
            onChange={setUrgencyNote}
            rows={3}
            maxLength={2000}
            error={errors.errorAt('urgencyNote')}
          />
        )}
        <Select
          label={t('decisions.fields.onBehalfOf')}
          hint={t('decisions.register.onBehalfOfHint')}
          value={onBehalfOf}
          onChange={setOnBehalfOf}
          empty={t('decisions.register.myself')}
          options={colleagues}
          error={errors.errorAt('onBehalfOfStaffId')}
        />
        <Input
          label={t('decisions.fields.receivedOn')}
          hint={t('decisions.register.receivedOnHint')}
          type="date"
          value={receivedOn}
          max={todayLocal()}
          onChange={setReceivedOn}
          error={errors.errorAt('receivedOn')}
        />
        <div className="sammen-form-actions">
          <button type="submit" className="button button-primary" disabled={register.isPending}>
            {t('decisions.register.save')}
          </button>
          <Link className="button button-secondary" to="/afgoerelser">
            {t('decisions.cancel')}
          </Link>
          {register.isPending && (
            <span role="status" className="sammen-saving">
              {t('decisions.saving')}
            </span>
          )}
        </div>
      </form>
    </>
  );
}

type SearchState = { status: 'idle' } | { status: 'searching' } | { status: 'done'; citizens: CitizenSummary[] } | { status: 'failed'; error: unknown };

/**
 * The citizen the request is for: given in the address (from the citizen's page), or found by
 * a search as on the start page — the name is sent in a POST body, never in the address.
 */
function CitizenPicker({ citizenId, onChoose, error }: { citizenId: string; onChoose: (id: string) => void; error?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const citizen = useQuery({ queryKey: ['citizen', citizenId], queryFn: () => getCitizen(citizenId), enabled: citizenId !== '' });
  const [q, setQ] = useState('');
  const [state, setState] = useState<SearchState>({ status: 'idle' });

  async function onSearch(e: FormEvent) {
    e.preventDefault();
    setState({ status: 'searching' });
    try {
      setState({ status: 'done', citizens: await searchCitizens(q.trim(), 10) });
    } catch (err) {
      setState({ status: 'failed', error: err });
    }
  }

  return (
    <section className={`sammen-section sammen-citizen-picker${error ? ' form-error' : ''}`} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('decisions.fields.citizen')}</h2>
      {error && (
        <span className="form-error-message" id={`${id}-error`}>
          {error}
        </span>
      )}
      {citizenId ? (
        <>
          {citizen.isError && <ErrorAlert error={apiErrorOf(citizen.error)} />}
          <p className="sammen-chosen-citizen">
            <strong>{citizen.data ? t('decisions.register.citizenChosen', { name: citizen.data.name, year: citizen.data.birthYear }) : t('app.loading')}</strong>
          </p>
          <button type="button" className="button button-tertiary" onClick={() => (onChoose(''), setState({ status: 'idle' }))}>
            {t('decisions.register.otherCitizen')}
          </button>
        </>
      ) : (
        <>
          <form role="search" aria-labelledby={`${id}-heading`} onSubmit={(e) => void onSearch(e)}>
            <div className="form-group">
              <label className="form-label" htmlFor={`${id}-q`}>
                {t('staffStart.searchLabel')}
              </label>
              <span className="form-hint" id={`${id}-hint`}>
                {t('staffStart.searchHint')}
              </span>
              <div className="sammen-search-row">
                <input
                  id={`${id}-q`}
                  className="form-input"
                  type="search"
                  autoComplete="off"
                  maxLength={100}
                  aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
                  aria-invalid={error ? true : undefined}
                  value={q}
                  onChange={(e) => setQ(e.target.value)}
                />
                <button type="submit" className="button button-secondary" disabled={state.status === 'searching'}>
                  {t('staffStart.search')}
                </button>
              </div>
            </div>
          </form>
          <div aria-live="polite">
            {state.status === 'failed' && <ErrorAlert error={apiErrorOf(state.error)} />}
            {state.status === 'done' &&
              (state.citizens.length === 0 ? (
                <p className="sammen-result-count">{t('staffStart.noResults')}</p>
              ) : (
                <ul className="nobullet-list sammen-picker-results">
                  {state.citizens.map((c) => (
                    <li key={c.id}>
                      <button type="button" className="button button-tertiary" onClick={() => onChoose(c.id)}>
                        {t('decisions.register.choose', { name: c.name, year: c.birthYear })}
                      </button>
                    </li>
                  ))}
                </ul>
              ))}
          </div>
        </>
      )}
    </section>
  );
}
