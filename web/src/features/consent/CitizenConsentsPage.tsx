import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { BreakGlassView, ConsentView } from '@sammen/domain/consent';
import { ApiError } from '../../app/api.ts';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { useSession } from '../../app/session.tsx';
import { useApi } from '../../app/useApi.ts';
import { useVoice } from '../../app/voice.ts';
import { AlertIcon } from '../../app/AlertIcon.tsx';
import { getOwnPlan } from '../plans/plans.api.ts';
import { acceptProposal, getRevocationImpact, giveConsent, listOwnConsents, revokeConsent, type OwnConsents } from './consent.api.ts';
import { DeclineProposal } from './DeclineProposal.tsx';
import { GrantForm } from './GrantForm.tsx';
import { errorOf, stateOrder, useHowGiven, useSectionWords, useTimeWords } from './parts.tsx';
import { Success } from '../../app/Success.tsx';

// "Samtykker": every consent in plain Danish, grouped by state, with accepting a proposal,
// revoking (after seeing what it changes), giving a new one, and every break-glass access.

export function CitizenConsentsPage() {
  const { t } = useTranslation();
  const { say } = useVoice();
  const loaded = useApi(listOwnConsents, []);
  const [data, setData] = useState<OwnConsents>();
  const [done, setDone] = useState('');
  const statusRef = useRef<HTMLDivElement>(null);
  const current = data ?? (loaded.status === 'ready' ? loaded.data : undefined);

  /** After a change: show the new list and say what happened, where focus can find it. */
  const changed = (next: OwnConsents, message: string) => {
    setData(next);
    setDone(message);
    setTimeout(() => statusRef.current?.focus());
  };

  return (
    <>
      <p className="sammen-back">
        <Link to="/borger">{t('borgerConsent.back')}</Link>
      </p>
      <Page title={t('borgerConsent.title')}>
        <p className="font-lead">{say('borgerConsent.intro')}</p>
        <p>{say('borgerConsent.revokeAnyTime')}</p>
        <p>
          <Link to="/borger/hvem-har-kigget">{say('borgerConsent.whoLooked')}</Link>
        </p>
        <div ref={statusRef} tabIndex={-1} className="sammen-focus-target">
          <Success text={done} />
        </div>
        {loaded.status === 'loading' && !current && <Loading />}
        {loaded.status === 'failed' && <ErrorAlert error={loaded.error} />}
        {current && (
          <>
            <ConsentGroups consents={current.consents} onChanged={changed} />
            <BreakGlassList items={current.breakGlass} />
            <NewConsent consents={current.consents} onGiven={(next) => changed(next, say('borgerConsent.given'))} />
          </>
        )}
      </Page>
    </>
  );
}

function ConsentGroups({ consents, onChanged }: { consents: ConsentView[]; onChanged: (next: OwnConsents, message: string) => void }) {
  const { t } = useTranslation();
  const { say } = useVoice();
  if (!consents.length) return <p>{say('borgerConsent.none')}</p>;
  return (
    <>
      {stateOrder.map((state) => {
        const list = consents.filter((c) => c.state === state);
        if (!list.length) return null;
        return (
          <section key={state} className="sammen-section" aria-labelledby={`consents-${state}`}>
            <h2 id={`consents-${state}`}>
              {t(`borgerConsent.groups.${state}`)} <span className="sammen-count">({list.length})</span>
            </h2>
            {state === 'proposed' && <p>{t('borgerConsent.proposedIntro')}</p>}
            <ul className="sammen-cards">
              {list.map((c) => (
                <ConsentCard key={c.id} consent={c} onChanged={onChanged} />
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}

/** Who gave a consent, told to a relative: "Gerda Andersen", or "dig" when it was this relative. */
function useGivenFor() {
  const { t } = useTranslation();
  return (c: ConsentView, proxyId: string, citizenName: string) => {
    if (!c.givenBy) return c.proposedBy ? t('consent.how.proposedBy', { name: c.proposedBy.name }) : '';
    const who =
      c.givenBy.kind === 'proxy' ? (c.givenBy.id === proxyId ? t('consent.how.byYou') : t('consent.how.byProxy', { name: c.givenBy.name })) : c.givenBy.kind === 'citizen' ? citizenName : c.givenBy.name;
    return t(`consent.how.${c.method}`, { who });
  };
}

function ConsentCard({ consent: c, onChanged }: { consent: ConsentView; onChanged: (next: OwnConsents, message: string) => void }) {
  const { t } = useTranslation();
  const words = useSectionWords();
  const time = useTimeWords();
  const howGiven = useHowGiven();
  const givenFor = useGivenFor();
  const session = useSession();
  const mayManage = session.kind === 'citizen' || (session.kind === 'proxy' && session.scopes.includes('consent.manage'));
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const unit = c.recipient.name;
  const audience = session.kind === 'proxy' ? 'staff' : 'citizen';
  const sections = words.list(c.sections, audience);
  const verb = c.state === 'proposed' || c.state === 'declined' ? 'wantsToSee' : c.state === 'active' || c.state === 'pending' ? 'maySee' : 'mightSee';
  const headingId = `consent-${c.id}`;

  async function accept() {
    setBusy(true);
    setError(undefined);
    try {
      onChanged(await acceptProposal(c.id), t('borgerConsent.accepted', { unit, sections }));
    } catch (err) {
      setError(errorOf(err));
      setBusy(false);
    }
  }

  return (
    <li className={`sammen-card sammen-consent sammen-consent-${c.state}`} aria-labelledby={headingId}>
      <h3 id={headingId} className="sammen-card-title">
        {unit}
      </h3>
      <p className="sammen-consent-what">{t(`borgerConsent.${verb}`, { unit, sections })}</p>
      <dl className="sammen-facts sammen-facts-compact">
        <dt>{t('borgerConsent.why')}</dt>
        <dd className="sammen-prewrap">{c.purpose}</dd>
        <dt>{t('borgerConsent.period')}</dt>
        <dd>{c.endsOn ? t('borgerConsent.fromTo', { from: time.date(c.startsOn), to: time.date(c.endsOn) }) : t('borgerConsent.fromOpen', { from: time.date(c.startsOn) })}</dd>
        <dt>{t('borgerConsent.how')}</dt>
        <dd>
          {session.kind === 'proxy' ? givenFor(c, session.proxyId, session.citizenName) : howGiven(c, 'citizen')}
          {c.givenAt && <span className="sammen-muted"> · {time.date(c.givenAt)}</span>}
          {c.note && <span className="sammen-muted"> · {c.note}</span>}
        </dd>
        {c.revokedAt && (
          <>
            <dt>{t('borgerConsent.revokedHeading')}</dt>
            <dd>{t('borgerConsent.revokedOn', { date: time.date(c.revokedAt), who: c.revokedBy?.kind === 'citizen' && session.kind === 'citizen' ? t('consent.how.byYou') : c.revokedBy?.kind === 'proxy' && c.revokedBy.id === (session.kind === 'proxy' ? session.proxyId : undefined) ? t('consent.how.byYou') : (c.revokedBy?.name ?? '') })}</dd>
          </>
        )}
      </dl>
      {error && <ErrorAlert error={error} />}
      {mayManage && c.state === 'proposed' && (
        <div className="sammen-actions">
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void accept()}>
            {t('borgerConsent.accept')}
            <span className="sr-only"> {t('borgerConsent.toUnit', { unit })}</span>
          </button>
        </div>
      )}
      <DeclineProposal consent={c} mayManage={mayManage} onChanged={onChanged} />
      {mayManage && (c.state === 'active' || c.state === 'pending') && !confirming && (
        <div className="sammen-actions">
          <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
            {t('borgerConsent.revoke')}
            <span className="sr-only"> {t('borgerConsent.toUnit', { unit })}</span>
          </button>
        </div>
      )}
      {confirming && <RevokeConfirm consent={c} onCancel={() => setConfirming(false)} onChanged={onChanged} />}
    </li>
  );
}

/** The step before a revocation: what the unit will no longer see, and what it keeps. */
function RevokeConfirm({ consent: c, onCancel, onChanged }: { consent: ConsentView; onCancel: () => void; onChanged: (next: OwnConsents, message: string) => void }) {
  const { t } = useTranslation();
  const words = useSectionWords();
  const impact = useApi(() => getRevocationImpact(c.id), [c.id]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const unit = c.recipient.name;
  const headingRef = useRef<HTMLHeadingElement>(null);

  async function confirm(loses: string[]) {
    setBusy(true);
    setError(undefined);
    try {
      const next = await revokeConsent(c.id);
      onChanged(next, loses.length ? t('borgerConsent.revoked', { unit, sections: words.list(loses, 'citizen') }) : t('borgerConsent.revokedNothingLost', { unit }));
    } catch (err) {
      setError(errorOf(err));
      setBusy(false);
    }
  }

  return (
    <div className="alert alert-warning sammen-revoke" role="group" aria-labelledby={`revoke-${c.id}`}>
      <AlertIcon variant="warning" />
      <div className="alert-body">
        <h4 id={`revoke-${c.id}`} ref={headingRef} className="alert-heading" tabIndex={-1}>
          {t('borgerConsent.confirmHeading', { unit })}
        </h4>
        {impact.status === 'loading' && <Loading />}
        {impact.status === 'failed' && <ErrorAlert error={impact.error} />}
        {impact.status === 'ready' && (
          <>
            {impact.data.loses.length > 0 && <p className="alert-text">{t('borgerConsent.willLose', { unit, sections: words.list(impact.data.loses, 'citizen') })}</p>}
            {impact.data.keeps.length > 0 && <p className="alert-text">{t('borgerConsent.willKeep', { unit, sections: words.list(impact.data.keeps, 'citizen') })}</p>}
            <p className="alert-text">{t('borgerConsent.nextTime', { unit })}</p>
            {error && <ErrorAlert error={error} />}
            <div className="sammen-form-actions">
              <button type="button" className="button button-primary" disabled={busy} onClick={() => void confirm(impact.data.loses)}>
                {t('borgerConsent.confirm')}
              </button>
              <button type="button" className="button button-secondary" onClick={onCancel}>
                {t('borgerConsent.keep')}
              </button>
            </div>
          </>
        )}
      </div>
    </div>
  );
}

export function BreakGlassList({ items, audience = 'citizen' }: { items: BreakGlassView[]; audience?: 'citizen' | 'export' }) {
  const { t } = useTranslation();
  const time = useTimeWords();
  if (!items.length) return audience === 'citizen' ? null : <p>{t('borgerConsent.noBreakGlass')}</p>;
  return (
    <section className="sammen-section" aria-labelledby={`break-glass-${audience}`}>
      <h2 id={`break-glass-${audience}`}>{t('borgerConsent.breakGlassHeading')}</h2>
      <p>{t('borgerConsent.breakGlassIntro')}</p>
      <ul className="sammen-cards">
        {items.map((b) => (
          <li key={b.id} className="sammen-card sammen-break-glass">
            <p className="sammen-card-title">
              {t('borgerConsent.breakGlassLine', { name: b.staff.name, unit: b.unit.name, date: time.date(b.startedAt), time: time.time(b.startedAt) })}
            </p>
            <p className="sammen-prewrap">{b.reason}</p>
            <p className="sammen-muted">
              {new Date(b.expiresAt) > new Date()
                ? t('borgerConsent.breakGlassUntil', { time: time.time(b.expiresAt) })
                : t('borgerConsent.breakGlassEnded', { date: time.date(b.expiresAt), time: time.time(b.expiresAt) })}{' '}
              {b.reviewedAt ? t('borgerConsent.breakGlassReviewed', { name: b.reviewedBy?.name ?? '' }) : t('borgerConsent.breakGlassNotReviewed')}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Giving a new consent; the units to choose from are those in the plan and in earlier consents. */
function NewConsent({ consents, onGiven }: { consents: ConsentView[]; onGiven: (next: OwnConsents) => void }) {
  const { t } = useTranslation();
  const { say } = useVoice();
  const [open, setOpen] = useState(false);
  return (
    <section className="sammen-section" aria-labelledby="new-consent-heading">
      <h2 id="new-consent-heading">{t('borgerConsent.newHeading')}</h2>
      <p>{say('borgerConsent.newIntro')}</p>
      {!open ? (
        <button type="button" className="button button-secondary" aria-expanded={false} onClick={() => setOpen(true)}>
          {t('borgerConsent.newOpen')}
        </button>
      ) : (
        <NewConsentForm
          consents={consents}
          onCancel={() => setOpen(false)}
          onGiven={(next) => {
            setOpen(false);
            onGiven(next);
          }}
        />
      )}
    </section>
  );
}

function NewConsentForm({ consents, onGiven, onCancel }: { consents: ConsentView[]; onGiven: (next: OwnConsents) => void; onCancel: () => void }) {
  const session = useSession();
  const mayReadPlan = session.kind === 'citizen' || (session.kind === 'proxy' && session.scopes.includes('plan.read'));
  // The citizen has no list of all units: the plan's units and earlier recipients are the choice.
  const units = useApi(async () => {
    const byId = new Map<string, string>();
    if (mayReadPlan) {
      const plan = await getOwnPlan().catch((err: unknown) => {
        if (err instanceof ApiError && err.code === 'NOT_FOUND') return undefined;
        throw err;
      });
      if (plan) {
        byId.set(plan.coordinator.unit.id, plan.coordinator.unit.name);
        for (const e of plan.efforts) byId.set(e.unit.id, e.unit.name);
      }
    }
    for (const c of consents) byId.set(c.recipient.id, c.recipient.name);
    return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'da'));
  }, []);
  if (units.status === 'loading') return <Loading />;
  if (units.status === 'failed') return <ErrorAlert error={units.error} />;
  return (
    <GrantForm
      mode="give"
      audience="citizen"
      units={units.data}
      onCancel={onCancel}
      onSubmit={async (values) => onGiven(await giveConsent({ recipientUnitId: values.recipientUnitId, sections: values.sections as never, purpose: values.purpose, startsOn: values.startsOn, endsOn: values.endsOn }))}
    />
  );
}
