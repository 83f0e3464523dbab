import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can } from '@sammen/domain/access';
import type { ConsentView, PlanSection } from '@sammen/domain/consent';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { actorOf, useStaffSession } from '../../app/session.tsx';
import { useApi } from '../../app/useApi.ts';
import { getCitizen, listUnits } from '../identity/identity.api.ts';
import { listCitizenConsents, proposeConsent, recordConsent } from './consent.api.ts';
import { GrantForm, type GrantValues } from './GrantForm.tsx';
import { stateOrder, useHowGiven, useSectionWords, useTimeWords } from './parts.tsx';
import { Success } from '../../app/Success.tsx';
import { DeclinedByCitizen } from './DeclineProposal.tsx';

// A citizen's consents as staff see them (the coordinating unit sees all, others those naming
// their unit): propose one for the citizen to give in the portal, or record one given on paper
// or orally.

export function StaffConsentsPage() {
  const { t } = useTranslation();
  const { citizenId = '' } = useParams();
  const session = useStaffSession();
  const [changed, setChanged] = useState<ConsentView[]>();
  const [done, setDone] = useState('');
  const [open, setOpen] = useState<'propose' | 'record' | undefined>();
  const loaded = useApi(() => listCitizenConsents(citizenId), [citizenId, session.unitId]);
  // The name is a nicety: partners may see a plan without looking the citizen up.
  const citizen = useApi(() => getCitizen(citizenId).catch(() => undefined), [citizenId]);
  const units = useApi(listUnits, [session.unitId]);
  const consents = changed ?? (loaded.status === 'ready' ? loaded.data : undefined);
  const name = citizen.status === 'ready' ? citizen.data?.name : undefined;
  const mayRecord = can(actorOf(session), 'consent.record');

  const submit = (mode: 'propose' | 'record') => async (values: GrantValues) => {
    const input = { ...values, sections: values.sections as PlanSection[] };
    const next = mode === 'propose' ? await proposeConsent(citizenId, input) : await recordConsent(citizenId, { ...input, method: values.method!, note: values.note!, givenBy: 'citizen' });
    setChanged(next);
    setOpen(undefined);
    setDone(t(mode === 'propose' ? 'staffConsent.proposed' : 'staffConsent.recorded'));
  };

  return (
    <>
      <p className="sammen-back">
        <Link to={`/borgere/${citizenId}`}>{t('staffConsent.back')}</Link>
      </p>
      <Page title={name ? t('staffConsent.titleFor', { name }) : t('staffConsent.title')}>
        <p className="font-lead">{t('staffConsent.intro')}</p>
        <Success text={done} />
        {loaded.status === 'loading' && <Loading />}
        {loaded.status === 'failed' && <ErrorAlert error={loaded.error} />}
        {consents && <ConsentTable consents={consents} />}
        {consents && (
          <section className="sammen-section" aria-labelledby="consent-actions-heading">
            <h2 id="consent-actions-heading">{t('staffConsent.newHeading')}</h2>
            <p>{t('staffConsent.newIntro')}</p>
            {units.status === 'failed' && <ErrorAlert error={units.error} />}
            <div className="sammen-actions">
              <button type="button" className="button button-secondary" aria-expanded={open === 'propose'} onClick={() => setOpen(open === 'propose' ? undefined : 'propose')}>
                {t('staffConsent.propose')}
              </button>
              {mayRecord && (
                <button type="button" className="button button-secondary" aria-expanded={open === 'record'} onClick={() => setOpen(open === 'record' ? undefined : 'record')}>
                  {t('staffConsent.record')}
                </button>
              )}
            </div>
            {open && units.status === 'ready' && (
              <div className="sammen-disclosure-body">
                <h3>{t(`staffConsent.${open}Heading`)}</h3>
                <p className="form-hint">{t(`staffConsent.${open}Hint`)}</p>
                <GrantForm key={open} mode={open} audience="staff" units={units.data} onSubmit={submit(open)} onCancel={() => setOpen(undefined)} />
              </div>
            )}
          </section>
        )}
      </Page>
    </>
  );
}

function ConsentTable({ consents }: { consents: ConsentView[] }) {
  const { t } = useTranslation();
  const words = useSectionWords();
  const time = useTimeWords();
  const howGiven = useHowGiven();
  if (!consents.length) return <p>{t('staffConsent.none')}</p>;
  const sorted = [...consents].sort((a, b) => stateOrder.indexOf(a.state) - stateOrder.indexOf(b.state));
  return (
    <table className="table table--compact sammen-consent-table">
      <caption className="sr-only">{t('staffConsent.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('staffConsent.recipient')}</th>
          <th scope="col">{t('staffConsent.sections')}</th>
          <th scope="col">{t('staffConsent.purpose')}</th>
          <th scope="col">{t('staffConsent.period')}</th>
          <th scope="col">{t('staffConsent.state')}</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((c) => (
          <tr key={c.id}>
            <td>{c.recipient.name}</td>
            <td>{words.list(c.sections, 'staff')}</td>
            <td className="sammen-prewrap">{c.purpose}</td>
            <td>{c.endsOn ? t('borgerConsent.fromTo', { from: time.date(c.startsOn), to: time.date(c.endsOn) }) : t('borgerConsent.fromOpen', { from: time.date(c.startsOn) })}</td>
            <td>
              <span className={`badge ${c.state === 'active' ? 'badge-success' : c.state === 'proposed' ? 'badge-info' : ''}`}>{t(`staffConsent.states.${c.state}`)}</span>
              <br />
              <span className="sammen-muted">{howGiven(c, 'staff')}</span>
              <DeclinedByCitizen consent={c} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
