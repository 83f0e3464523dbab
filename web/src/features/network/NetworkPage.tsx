import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { NetworkPerson, NetworkView } from '@sammen/domain/network';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { today } from '../plans/parts.tsx';
import { hasEnded } from './layout.ts';
import { useCitizenNetwork } from './network.api.ts';
import { NetworkList } from './NetworkList.tsx';
import { NetworkMap } from './NetworkMap.tsx';
import { errorOf, useNetworkWords } from './parts.tsx';
import { Success } from '../../app/Success.tsx';
import { RecordPersonForm } from './RecordPersonForm.tsx';

// "Netværk omkring <navn>" for staff: how many professionals, how often the coordinator changed,
// everyone as a list (the default) or a map, and recording someone the citizen names.

export function NetworkPage() {
  const { t } = useTranslation();
  const { citizenId = '' } = useParams();
  const network = useCitizenNetwork(citizenId);
  const [done, setDone] = useState('');
  const statusRef = useRef<HTMLDivElement>(null);

  const announce = (message: string) => {
    setDone(message);
    setTimeout(() => statusRef.current?.focus());
  };

  return (
    <>
      <p className="sammen-back">
        <Link to={`/borgere/${citizenId}`}>{t('network.back')}</Link>
      </p>
      {network.isPending && <Loading />}
      {network.isError && (
        <Page title={t('network.titleUnknown')}>
          <ErrorAlert error={errorOf(network.error)} />
        </Page>
      )}
      {network.data && (
        <Page title={t('network.title', { name: network.data.citizen.name })}>
          <div ref={statusRef} tabIndex={-1} className="sammen-network-focus">
            <Success text={done} />
          </div>
          <Counts view={network.data} />
          <People view={network.data} onEnded={(name) => announce(t('network.end.done', { name }))} />
          <AddPerson view={network.data} onRecorded={(name) => announce(t('network.record.done', { name }))} />
        </Page>
      )}
    </>
  );
}

function Counts({ view }: { view: NetworkView }) {
  const { t } = useTranslation();
  return (
    <section className="sammen-section" aria-labelledby="network-counts">
      <h2 id="network-counts">{t('network.counts.heading')}</h2>
      <ul className="sammen-network-counts">
        <li>
          <span className="sammen-network-number">{view.counts.professionals}</span> {t('network.counts.professionals', { count: view.counts.professionals })}
        </li>
        <li>
          <span className="sammen-network-number">{view.counts.caseworkerChanges12Months}</span>{' '}
          {t('network.counts.changes', { count: view.counts.caseworkerChanges12Months })}
        </li>
      </ul>
    </section>
  );
}

function People({ view, onEnded }: { view: NetworkView; onEnded: (name: string) => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'list' | 'map'>('list');
  return (
    <section className="sammen-section" aria-labelledby="network-people">
      <h2 id="network-people">{t('network.people', { count: view.people.length })}</h2>
      <div className="sammen-network-toggle" role="group" aria-label={t('network.view.label')}>
        <button type="button" className={`button ${mode === 'list' ? 'button-primary' : 'button-secondary'}`} aria-pressed={mode === 'list'} onClick={() => setMode('list')}>
          {t('network.view.list')}
        </button>
        <button type="button" className={`button ${mode === 'map' ? 'button-primary' : 'button-secondary'}`} aria-pressed={mode === 'map'} onClick={() => setMode('map')}>
          {t('network.view.map')}
        </button>
      </div>
      <p className="form-hint">{t('network.view.same')}</p>
      {mode === 'list' ? <NetworkList view={view} onEnded={onEnded} /> : <NetworkMap view={view} ns="network" renderDetails={(p, headingId) => <PersonFacts person={p} headingId={headingId} />} />}
    </section>
  );
}

/** Everything about one person, for the map's details panel. */
export function PersonFacts({ person: p, headingId }: { person: NetworkPerson; headingId: string }) {
  const { t } = useTranslation();
  const words = useNetworkWords('network');
  const ended = hasEnded(p, today());
  return (
    <>
      <h3 id={headingId} className="sammen-card-title">
        {p.name}
      </h3>
      <p className="sammen-muted">
        {words.kind(p.kind)} · {t(`network.sources.${p.source}`)}
        {ended && ` · ${t('network.list.ended')}`}
      </p>
      <dl className="sammen-facts sammen-facts-compact">
        <dt>{t('network.list.role')}</dt>
        <dd>{p.role}</dd>
        {p.title && (
          <>
            <dt>{t('network.details.title')}</dt>
            <dd>{p.title}</dd>
          </>
        )}
        {p.unit && (
          <>
            <dt>{t('network.details.unit')}</dt>
            <dd>{p.unit.name}</dd>
          </>
        )}
        <dt>{t('network.list.efforts')}</dt>
        <dd>{p.efforts.length ? words.join(p.efforts.map((e) => e.title)) : t('network.list.none')}</dd>
        <dt>{t('network.list.period')}</dt>
        <dd>{words.period(p) || t('network.list.none')}</dd>
        <dt>{t('network.list.contact')}</dt>
        <dd className="sammen-network-contact">{p.contact || t('network.list.none')}</dd>
        <dt>{t('network.list.next')}</dt>
        <dd>{p.next ? `${words.when(p.next.start)} – ${p.next.title}` : t('network.list.none')}</dd>
      </dl>
      {p.expects.length > 0 && (
        <>
          <p className="sammen-label">{t('network.details.expects')}</p>
          <ul>
            {p.expects.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function AddPerson({ view, onRecorded }: { view: NetworkView; onRecorded: (name: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    setTimeout(() => button.current?.focus());
  };
  return (
    <section className="sammen-section" aria-labelledby="network-add">
      <h2 id="network-add">{t('network.record.sectionHeading')}</h2>
      <p>{t('network.record.intro')}</p>
      {!open ? (
        <button ref={button} type="button" className="button button-secondary" aria-expanded={false} onClick={() => setOpen(true)}>
          {t('network.record.open')}
        </button>
      ) : (
        <RecordPersonForm
          view={view}
          onCancel={close}
          onRecorded={(name) => {
            setOpen(false);
            onRecorded(name);
          }}
        />
      )}
    </section>
  );
}
