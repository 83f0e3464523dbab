import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { NetworkPerson, NetworkView } from '@sammen/domain/network';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { useSession } from '../../app/session.tsx';
import { firstName, useVoice } from '../../app/voice.ts';
import { today } from '../plans/parts.tsx';
import { groupNetwork, hasEnded } from './layout.ts';
import { useOwnNetwork } from './network.api.ts';
import { NetworkMap } from './NetworkMap.tsx';
import { errorOf, inSentence, useNetworkWords } from './parts.tsx';

// "Hvem er omkring mig": everyone who helps the citizen, one card each, in plain words — who they
// are, what they help with, what they expect, when the citizen sees them next and how to reach
// them. The map shows the same people, after the cards. A relative reads it about the citizen.

const professional = (p: NetworkPerson) => p.kind === 'staff' || p.kind === 'partner';

/** The word the server puts first in the coordinator's role (server/src/modules/network/network-view.ts). */

export function CitizenNetworkPage() {
  const { t } = useTranslation();
  const { say } = useVoice();
  const network = useOwnNetwork();
  const failure = network.error ? errorOf(network.error) : undefined;

  return (
    <>
      <p className="sammen-back">
        <Link to="/borger">{t('borgerNetwork.back')}</Link>
      </p>
      <Page title={say('borgerNetwork.title')}>
        <p className="font-lead">{say('borgerNetwork.intro')}</p>
        {network.isPending && <Loading />}
        {failure &&
          (failure.code === 'FORBIDDEN' ? (
            <div className="alert alert-info" role="alert">
              <div className="alert-body">
                <p className="alert-text">{say('borgerNetwork.forbidden')}</p>
              </div>
            </div>
          ) : (
            <ErrorAlert error={failure} />
          ))}
        {network.data && <Network view={network.data} />}
      </Page>
    </>
  );
}

function Network({ view }: { view: NetworkView }) {
  const { t } = useTranslation();
  const { say } = useVoice();
  const session = useSession();
  const [showMap, setShowMap] = useState(false);
  // Cards in the same order as the map: the coordinating unit first.
  const people = groupNetwork(view).flatMap((g) => g.people);
  const helpers = people.filter(professional);
  const others = people.filter((p) => !professional(p));
  const { professionals, caseworkerChanges12Months: changes } = view.counts;

  return (
    <>
      <ul className="sammen-network-counts">
        <li>{say('borgerNetwork.counts.professionals', { count: professionals })}</li>
        <li>{say('borgerNetwork.counts.changes', { count: changes })}</li>
      </ul>

      <section className="sammen-section" aria-labelledby="network-helpers">
        <h2 id="network-helpers">{say('borgerNetwork.helpersHeading')}</h2>
        {helpers.length ? <Cards people={helpers} /> : <p>{say('borgerNetwork.noHelpers')}</p>}
      </section>

      <section className="sammen-section" aria-labelledby="network-others">
        <h2 id="network-others">{say('borgerNetwork.othersHeading')}</h2>
        {others.length ? <Cards people={others} /> : <p>{say('borgerNetwork.noOthers')}</p>}
        {session.kind === 'citizen' && (
          <p>
            <Link to="/borger/paaroerende">{t('borgerNetwork.relativesLink')}</Link>
          </p>
        )}
      </section>

      {people.length > 0 && (
        <section className="sammen-section" aria-labelledby="network-map">
          <h2 id="network-map">{t('borgerNetwork.mapHeading')}</h2>
          <p>{say('borgerNetwork.mapIntro')}</p>
          <button type="button" className="button button-secondary" aria-expanded={showMap} onClick={() => setShowMap(!showMap)}>
            {showMap ? t('borgerNetwork.hideMap') : t('borgerNetwork.showMap')}
          </button>
          {showMap && <NetworkMap view={view} ns="borgerNetwork" renderDetails={(p, headingId) => <PersonCardBody person={p} headingId={headingId} />} />}
        </section>
      )}
    </>
  );
}

function Cards({ people }: { people: NetworkPerson[] }) {
  return (
    <ul className="sammen-cards sammen-network-cards">
      {people.map((p) => (
        <li key={p.key} className="sammen-card" aria-labelledby={`person-${p.key}`}>
          <PersonCardBody person={p} headingId={`person-${p.key}`} />
        </li>
      ))}
    </ul>
  );
}

/** One person in plain words: who, what they help with, what they expect, next time, how to reach them. */
export function PersonCardBody({ person: p, headingId }: { person: NetworkPerson; headingId: string }) {
  const { t } = useTranslation();
  const { say } = useVoice();
  const words = useNetworkWords('borgerNetwork');
  const ended = hasEnded(p, today());
  const first = firstName(p.name);
  // The role is a person's part in the plan ("Tovholder, Aktivering …") or their relation ("Mor");
  // in a sentence the job title reads best: "Thomas Berg er din mentor fra Jobcenter Fjordby."
  const parts = p.role.split(', ');
  const role = inSentence(p.title || parts[0] || words.kind(p.kind));
  const coordinator = p.coordinator;
  const efforts = p.efforts.filter((e) => e.title.toLowerCase() !== role.toLowerCase());
  return (
    <>
      <h3 id={headingId} className="sammen-card-title">
        {p.name}
      </h3>
      <p>{p.unit ? say('borgerNetwork.who.unit', { name: p.name, role, unit: p.unit.name }) : say('borgerNetwork.who.noUnit', { name: p.name, role })}</p>
      {ended && p.until ? (
        <p className="sammen-network-ended-mark">{t('borgerNetwork.ended', { date: words.date(p.until) })}</p>
      ) : (
        p.since && <p className="sammen-muted">{t('borgerNetwork.since', { date: words.date(p.since) })}</p>
      )}
      {coordinator && <p>{say('borgerNetwork.coordinator', { first })}</p>}
      {efforts.length > 0 && <p>{say('borgerNetwork.helpsWith', { first, efforts: words.join(efforts.map((e) => e.title)) })}</p>}
      {p.expects.length > 0 && (
        <div className="sammen-network-expects">
          <p className="sammen-label">{say('borgerNetwork.expects')}</p>
          <ul>
            {p.expects.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      {p.next && !ended && (
        <p>
          <strong>{say('borgerNetwork.next', { first })}</strong> {words.when(p.next.start)}. <span className="sammen-muted">{p.next.title}</span>
        </p>
      )}
      {p.contact && (
        <p>
          <strong>{t('borgerNetwork.contact', { first })}</strong> <span className="sammen-network-contact">{p.contact}</span>
        </p>
      )}
    </>
  );
}
