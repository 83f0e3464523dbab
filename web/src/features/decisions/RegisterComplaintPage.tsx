import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { complaintChannels, registerComplaintInput } from '@sammen/domain/decisions';
import type { CitizenSummary } from '@sammen/domain/identity';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Select, TextArea } from '../../app/form.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { useStaffSession } from '../../app/session.tsx';
import { FormErrors, Input, useFormErrors } from '../calendar/parts.tsx';
import { useCalendarFormat } from '../calendar/format.ts';
import { todayLocal } from '../calendar/time.ts';
import { apiErrorOf, useCitizen, useCitizenSearch, useComplainedRequest, useRegisterComplaint, useUnits } from './complaints.api.ts';
import { RadioGroup } from './ComplaintParts.tsx';

// "Registrér en klage": a complaint that came by phone, letter, e-mail or at a meeting, in the
// citizen's words — about a decision (from the request page: ?citizenId=&decisionId=&requestId=)
// or about how the citizen was met, handled by a unit from the unit list (by default the
// coordinating unit of the citizen's plan). The receipt letter is written when it is saved.

type Channel = Exclude<(typeof complaintChannels)[number], 'portal'>;
const channels = complaintChannels.filter((c): c is Channel => c !== 'portal');
const fields = ['citizenId', 'decisionId', 'unitId', 'channel', 'text', 'receivedOn'] as const;

export function RegisterComplaintPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const citizenId = search.get('citizenId') ?? '';
  const citizen = useCitizen(citizenId || undefined);

  const choose = (id: string | undefined) => {
    const next = new URLSearchParams(search);
    if (id) next.set('citizenId', id);
    else {
      // Another citizen: the decision named in the address was the previous citizen's.
      next.delete('citizenId');
      next.delete('decisionId');
      next.delete('requestId');
    }
    setSearch(next);
  };

  return (
    <>
      <p className="sammen-back">
        <Link to="/klager">{t('complaints.register.back')}</Link>
      </p>
      <Page title={t('complaints.register.title')}>
        <p className="font-lead">{t('complaints.register.intro')}</p>
        {!citizenId && <CitizenPicker onChosen={(c) => choose(c.id)} />}
        {citizenId && citizen.isPending && <Loading />}
        {citizenId && citizen.isError && <ErrorAlert error={apiErrorOf(citizen.error)} />}
        {citizen.data && (
          <>
            <section className="sammen-section" aria-labelledby="complaint-citizen">
              <h2 id="complaint-citizen">{t('complaints.register.citizenHeading')}</h2>
              <p>
                <strong>{citizen.data.name}</strong> ({t('complaints.register.born', { year: citizen.data.birthYear })})
              </p>
              <p>
                <button type="button" className="button button-secondary" onClick={() => choose(undefined)}>
                  {t('complaints.register.otherCitizen')}
                </button>
              </p>
            </section>
            <RegisterForm citizen={citizen.data} decisionId={search.get('decisionId') ?? undefined} requestId={search.get('requestId') ?? undefined} />
          </>
        )}
      </Page>
    </>
  );
}

/** Finds the citizen by name; the name stays in the page (a POST), never in the address. */
function CitizenPicker({ onChosen }: { onChosen: (c: CitizenSummary) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState('');
  const found = useCitizenSearch();

  function submit(e: FormEvent) {
    e.preventDefault();
    if (q.trim()) found.mutate(q);
  }

  return (
    <section className="sammen-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('complaints.register.findCitizen')}</h2>
      <form role="search" aria-labelledby={`${id}-heading`} onSubmit={submit} className="sammen-search">
        <div className="form-group">
          <label className="form-label" htmlFor={`${id}-q`}>
            {t('complaints.register.searchLabel')}
          </label>
          <div className="sammen-search-row">
            <input id={`${id}-q`} className="form-input" type="search" autoComplete="off" maxLength={100} value={q} onChange={(e) => setQ(e.target.value)} />
            <button type="submit" className="button button-primary" disabled={found.isPending}>
              {t('complaints.register.search')}
            </button>
          </div>
        </div>
      </form>
      <div aria-live="polite">
        {found.isError && <ErrorAlert error={apiErrorOf(found.error)} />}
        {found.data &&
          (found.data.length === 0 ? (
            <p className="sammen-result-count">{t('complaints.register.noResults')}</p>
          ) : (
            <ul className="sammen-link-list nobullet-list">
              {found.data.map((c) => (
                <li key={c.id}>
                  <button type="button" className="button button-secondary" onClick={() => onChosen(c)}>
                    {t('complaints.register.choose', { name: c.name, year: c.birthYear })}
                  </button>
                </li>
              ))}
            </ul>
          ))}
      </div>
    </section>
  );
}

function RegisterForm({ citizen, decisionId, requestId }: { citizen: CitizenSummary; decisionId?: string; requestId?: string }) {
  const { t } = useTranslation();
  const f = useCalendarFormat();
  const navigate = useNavigate();
  const session = useStaffSession();
  const today = todayLocal();
  const units = useUnits();
  const request = useComplainedRequest(decisionId ? requestId : undefined);
  const decision = request.data?.decisions.find((d) => d.id === decisionId);
  const register = useRegisterComplaint();
  const errors = useFormErrors(fields);

  const [about, setAbout] = useState<'decision' | 'treatment'>(decisionId ? 'decision' : 'treatment');
  const [unitId, setUnitId] = useState('');
  const [channel, setChannel] = useState<Channel>();
  const [text, setText] = useState('');
  const [receivedOn, setReceivedOn] = useState(today);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = errors.check(registerComplaintInput, {
      citizenId: citizen.id,
      decisionId: about === 'decision' ? (decisionId ?? null) : null,
      unitId: about === 'treatment' && unitId ? unitId : null,
      channel,
      text,
      receivedOn: receivedOn || undefined,
    });
    if (!input) return;
    let c;
    try {
      c = await register.mutateAsync(input);
    } catch (err) {
      return errors.fail(err);
    }
    // Handled by another unit than mine: I may not see it afterwards, so back to the list with the message.
    if (c.unit.id === session.unitId) await navigate(`/klager/${encodeURIComponent(c.id)}`, { state: { done: t('complaints.register.done', { name: citizen.name }) } });
    else await navigate('/klager', { state: { done: t('complaints.register.doneOtherUnit', { name: citizen.name, unit: c.unit.name }) } });
  }

  return (
    <form className="sammen-complaint-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="complaint-form-heading">
      <h2 id="complaint-form-heading">{t('complaints.register.formHeading')}</h2>
      <FormErrors formError={errors.formError ?? errors.errorAt('citizenId')} error={errors.error} />
      {decisionId ? (
        <RadioGroup
          legend={t('complaints.register.about')}
          error={errors.errorAt('decisionId')}
          value={about}
          onChange={setAbout}
          options={[
            {
              value: 'decision',
              label: t('complaints.register.aboutDecision'),
              hint: decision
                ? t('complaints.register.decisionHint', {
                    type: decision.decisionType.name,
                    outcome: t(`complaints.decisionOutcomes.${decision.outcome}`).toLowerCase(),
                    date: decision.decidedOn ? f.date(decision.decidedOn) : '–',
                  })
                : undefined,
            },
            { value: 'treatment', label: t('complaints.register.aboutTreatment') },
          ]}
        />
      ) : (
        <p>
          <strong>{t('complaints.register.about')}</strong> {t('complaints.register.aboutTreatment')}.{' '}
          <span className="sammen-muted">{t('complaints.register.aboutDecisionHow')}</span>
        </p>
      )}
      {about === 'treatment' && (
        <Select
          label={t('complaints.register.unit')}
          hint={t('complaints.register.unitHint')}
          error={errors.errorAt('unitId') ?? (units.isError ? t('complaints.register.unitsFailed') : undefined)}
          value={unitId}
          onChange={setUnitId}
          empty={t('complaints.register.unitDefault')}
          options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
        />
      )}
      <RadioGroup
        legend={t('complaints.register.channel')}
        error={errors.errorAt('channel')}
        value={channel}
        onChange={setChannel}
        options={channels.map((c) => ({ value: c, label: t(`complaints.channels.${c}`) }))}
      />
      <TextArea
        label={t('complaints.register.text')}
        hint={t('complaints.register.textHint')}
        value={text}
        onChange={setText}
        rows={6}
        maxLength={8000}
        error={errors.errorAt('text')}
      />
      <Input
        label={t('complaints.register.receivedOn')}
        hint={t('complaints.register.receivedOnHint')}
        type="date"
        width="s"
        max={today}
        value={receivedOn}
        onChange={setReceivedOn}
        error={errors.errorAt('receivedOn')}
      />
      <div className="sammen-form-actions">
        <button type="submit" className="button button-primary" disabled={register.isPending}>
          {t('complaints.register.submit')}
        </button>
        <Link className="button button-secondary" to="/klager">
          {t('complaints.cancel')}
        </Link>
      </div>
    </form>
  );
}
