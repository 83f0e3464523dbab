import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { proxyScopes, type ProxyScope } from '@sammen/domain/access';
import { changeRelativeScopesInput, inviteRelativeInput, type RelativeView, type RelativesView } from '@sammen/domain/network';
import { ApiError } from '../../app/api.ts';
import { AlertIcon } from '../../app/AlertIcon.tsx';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { CheckboxGroup, TextInput } from '../../app/form.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { topField, useReasonText, validate, type Problem } from '../../app/reasons.ts';
import { useSession } from '../../app/session.tsx';
import { firstName, useVoice } from '../../app/voice.ts';
import { useChangeRelativeScopes, useEndRelative, useInviteRelative, useRelatives } from './network.api.ts';
import { errorOf, inSentence, useNetworkWords } from './parts.tsx';
import { Success } from '../../app/Success.tsx';

// "Mine pårørende": who from the citizen's family (or others they trust) may help them in Sammen,
// and with what. The citizen changes what each may do, stops access, and invites someone new.
// For a child the guardians manage this; a relative reads it about the citizen.

export function RelativesPage() {
  const { t } = useTranslation();
  const { say } = useVoice();
  const relatives = useRelatives();
  const [done, setDone] = useState('');
  const statusRef = useRef<HTMLDivElement>(null);
  const failure = relatives.error ? errorOf(relatives.error) : undefined;

  const announce = (message: string) => {
    setDone(message);
    setTimeout(() => statusRef.current?.focus());
  };

  return (
    <>
      <p className="sammen-back">
        <Link to="/borger">{t('relatives.back')}</Link>
      </p>
      <Page title={say('relatives.title')}>
        <p className="font-lead">{say('relatives.intro')}</p>
        <div ref={statusRef} tabIndex={-1} className="sammen-network-focus">
          <Success text={done} />
        </div>
        {relatives.isPending && <Loading />}
        {failure &&
          (failure.code === 'FORBIDDEN' ? (
            <div className="alert alert-info" role="alert">
              <AlertIcon variant="info" />
              <div className="alert-body">
                <p className="alert-heading">{t('relatives.forbiddenHeading')}</p>
                <p className="alert-text">{say('relatives.forbidden')}</p>
              </div>
            </div>
          ) : (
            <ErrorAlert error={failure} />
          ))}
        {relatives.data && <Relatives view={relatives.data} announce={announce} />}
      </Page>
    </>
  );
}

/** The three things a relative may do, in plain words for the citizen (or about the citizen, for a relative). */
function useScopeWords() {
  const { say } = useVoice();
  return (scope: ProxyScope) => say(`relatives.scopes.${scope.replace('.', '_')}`);
}

function Relatives({ view, announce }: { view: RelativesView; announce: (message: string) => void }) {
  const { say } = useVoice();
  const session = useSession();
  const active = view.relatives.filter((r) => r.active);
  const ended = view.relatives.filter((r) => !r.active);
  const guardianProxy = session.kind === 'proxy' && view.relatives.some((r) => r.id === session.proxyId && r.guardian);

  return (
    <>
      {view.minor && (
        <div className="alert alert-info">
          <AlertIcon variant="info" />
          <div className="alert-body">
            <p className="alert-text">{guardianProxy ? say('relatives.minorGuardian') : say('relatives.minor')}</p>
          </div>
        </div>
      )}
      {view.mayManage && session.kind === 'citizen' && <p>{say('relatives.youDecide')}</p>}
      {!view.mayManage && !view.minor && <p>{say('relatives.readOnly')}</p>}

      <section className="sammen-section" aria-labelledby="relatives-active">
        <h2 id="relatives-active">{say('relatives.activeHeading')}</h2>
        {active.length ? (
          <ul className="sammen-cards">
            {active.map((r) => (
              <RelativeCard key={r.id} relative={r} mayManage={view.mayManage} announce={announce} />
            ))}
          </ul>
        ) : (
          <p>{say('relatives.none')}</p>
        )}
      </section>

      {ended.length > 0 && <EndedRelatives relatives={ended} />}

      {view.mayManage && <InviteRelative announce={announce} />}
    </>
  );
}

function RelativeCard({ relative: r, mayManage, announce }: { relative: RelativeView; mayManage: boolean; announce: (message: string) => void }) {
  const { t } = useTranslation();
  const { say } = useVoice();
  const words = useNetworkWords('borgerNetwork');
  const scopeWord = useScopeWords();
  const session = useSession();
  const isYou = session.kind === 'proxy' && session.proxyId === r.id;
  const headingId = `relative-${r.id}`;
  return (
    <li className="sammen-card" aria-labelledby={headingId}>
      <h3 id={headingId} className="sammen-card-title">
        {r.name}
        {isYou && <span className="sammen-muted"> ({t('relatives.you')})</span>}
      </h3>
      <p>{say('relatives.relation', { name: firstName(r.name), relation: inSentence(r.relation) })}</p>
      {r.guardian && <p className="badge badge-info">{t('relatives.guardian')}</p>}
      <p className="sammen-muted">{t('relatives.since', { date: words.date(r.validFrom) })}</p>
      {mayManage ? (
        <>
          <ScopesForm relative={r} announce={announce} />
          <StopAccess relative={r} announce={announce} />
        </>
      ) : (
        <>
          <p className="sammen-label">{t('relatives.mayHeading', { name: firstName(r.name) })}</p>
          <ul>
            {proxyScopes
              .filter((s) => r.scopes.includes(s))
              .map((s) => (
                <li key={s}>{scopeWord(s)}</li>
              ))}
          </ul>
        </>
      )}
    </li>
  );
}

function ScopesForm({ relative: r, announce }: { relative: RelativeView; announce: (message: string) => void }) {
  const { t } = useTranslation();
  const scopeWord = useScopeWords();
  const reasonText = useReasonText();
  const change = useChangeRelativeScopes();
  const [scopes, setScopes] = useState<string[]>(r.scopes);
  const [problem, setProblem] = useState<Problem>();
  const [error, setError] = useState<ApiError>();
  const name = firstName(r.name);
  const changed = scopes.length !== r.scopes.length || scopes.some((s) => !r.scopes.includes(s as ProxyScope));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(undefined);
    setError(undefined);
    if (!changed) return announce(t('relatives.scopesUnchanged', { name }));
    const ordered = proxyScopes.filter((s) => scopes.includes(s));
    const checked = validate(changeRelativeScopesInput, { scopes: ordered });
    if (!checked.ok) return setProblem(checked.problems[0]);
    try {
      await change.mutateAsync({ proxyId: r.id, ...checked.data });
      announce(t('relatives.scopesSaved', { name }));
    } catch (err) {
      const failure = errorOf(err);
      if (failure.code === 'VALIDATION' || failure.reason) setProblem(failure);
      else setError(failure);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="sammen-relative-scopes">
      <CheckboxGroup
        legend={t('relatives.mayHeading', { name })}
        hint={t('relatives.atLeastOne')}
        error={problem && (topField(problem) ?? 'scopes') === 'scopes' ? reasonText(problem) : undefined}
        options={proxyScopes.map((s) => ({ value: s, label: scopeWord(s) }))}
        value={scopes}
        onChange={setScopes}
      />
      {error && <ErrorAlert error={error} />}
      <button type="submit" className="button button-primary" disabled={change.isPending}>
        {t('relatives.save')}
        <span className="sr-only"> {t('relatives.forName', { name: r.name })}</span>
      </button>
    </form>
  );
}

function StopAccess({ relative: r, announce }: { relative: RelativeView; announce: (message: string) => void }) {
  const { t } = useTranslation();
  const { say } = useVoice();
  const end = useEndRelative();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ApiError>();
  const openButton = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const name = firstName(r.name);

  async function stop() {
    setError(undefined);
    try {
      await end.mutateAsync(r.id);
      announce(say('relatives.stopped', { name: r.name }));
    } catch (err) {
      setError(errorOf(err));
    }
  }

  if (!confirming)
    return (
      <div className="sammen-actions">
        <button
          ref={openButton}
          type="button"
          className="button button-secondary"
          onClick={() => {
            setConfirming(true);
            setTimeout(() => heading.current?.focus());
          }}
        >
          {t('relatives.stop')}
          <span className="sr-only"> {t('relatives.forName', { name: r.name })}</span>
        </button>
      </div>
    );
  return (
    <div className="alert alert-warning sammen-relative-stop" role="group" aria-labelledby={`stop-${r.id}`}>
      <AlertIcon variant="warning" />
      <div className="alert-body">
        <h4 id={`stop-${r.id}`} ref={heading} tabIndex={-1} className="alert-heading">
          {t('relatives.stopHeading', { name })}
        </h4>
        <p className="alert-text">{say('relatives.stopText', { name })}</p>
        {error && <ErrorAlert error={error} />}
        <div className="sammen-form-actions">
          <button type="button" className="button button-primary" disabled={end.isPending} onClick={() => void stop()}>
            {t('relatives.stopConfirm')}
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setConfirming(false);
              setTimeout(() => openButton.current?.focus());
            }}
          >
            {t('relatives.stopCancel')}
          </button>
        </div>
      </div>
    </div>
  );
}

function EndedRelatives({ relatives }: { relatives: RelativeView[] }) {
  const { t } = useTranslation();
  const words = useNetworkWords('borgerNetwork');
  return (
    <section className="sammen-section" aria-labelledby="relatives-ended">
      <h2 id="relatives-ended">{t('relatives.endedHeading')}</h2>
      <ul className="sammen-network-ended-list">
        {relatives.map((r) => (
          <li key={r.id}>
            <strong>{r.name}</strong> ({r.relation}).{' '}
            {r.validTo ? t('relatives.endedOn', { date: words.date(r.validTo) }) : t('relatives.endedNoDate')}
          </li>
        ))}
      </ul>
    </section>
  );
}

const inviteFields = ['name', 'relation', 'scopes'] as const;

function InviteRelative({ announce }: { announce: (message: string) => void }) {
  const { t } = useTranslation();
  const { say } = useVoice();
  const scopeWord = useScopeWords();
  const reasonText = useReasonText();
  const invite = useInviteRelative();
  const [name, setName] = useState('');
  const [relation, setRelation] = useState('');
  const [scopes, setScopes] = useState<string[]>(['plan.read']);
  const [problem, setProblem] = useState<Problem>();
  const [error, setError] = useState<ApiError>();
  const errorAt = (field: (typeof inviteFields)[number]) => (problem && topField(problem) === field ? reasonText(problem) : undefined);
  const unplaced = problem && !inviteFields.includes(topField(problem) as never) ? reasonText(problem) : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(undefined);
    setError(undefined);
    const checked = validate(inviteRelativeInput, { name, relation, scopes: proxyScopes.filter((s) => scopes.includes(s)) });
    if (!checked.ok) return setProblem(checked.problems[0]);
    try {
      await invite.mutateAsync(checked.data);
      announce(say('relatives.invited', { name: checked.data.name }));
      setName('');
      setRelation('');
      setScopes(['plan.read']);
    } catch (err) {
      const failure = errorOf(err);
      if (failure.code === 'VALIDATION' || failure.reason) setProblem(failure);
      else setError(failure);
    }
  }

  return (
    <section className="sammen-section" aria-labelledby="relatives-invite">
      <h2 id="relatives-invite">{t('relatives.inviteHeading')}</h2>
      <p>{say('relatives.inviteIntro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate className="sammen-relative-invite">
        {unplaced && (
          <div className="alert alert-error" role="alert">
            <AlertIcon variant="error" />
            <div className="alert-body">
              <p className="alert-text">{unplaced}</p>
            </div>
          </div>
        )}
        <TextInput label={t('relatives.name')} value={name} onChange={setName} error={errorAt('name')} maxLength={200} />
        <TextInput label={say('relatives.relationLabel')} hint={t('relatives.relationHint')} value={relation} onChange={setRelation} error={errorAt('relation')} maxLength={100} />
        <CheckboxGroup
          legend={t('relatives.inviteMay')}
          hint={t('relatives.atLeastOne')}
          error={errorAt('scopes')}
          options={proxyScopes.map((s) => ({ value: s, label: scopeWord(s) }))}
          value={scopes}
          onChange={setScopes}
        />
        {error && <ErrorAlert error={error} />}
        <button type="submit" className="button button-primary" disabled={invite.isPending}>
          {t('relatives.inviteSubmit')}
        </button>
      </form>
    </section>
  );
}
