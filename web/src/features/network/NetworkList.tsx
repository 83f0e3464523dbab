import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { endNetworkPersonInput, type NetworkPerson, type NetworkView } from '@sammen/domain/network';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { TextInput } from '../../app/form.tsx';
import { topField, useReasonText, validate, type Problem } from '../../app/reasons.ts';
import { ApiError } from '../../app/api.ts';
import { today } from '../plans/parts.tsx';
import { groupNetwork, hasEnded } from './layout.ts';
import { memberIdOf, useEndPerson } from './network.api.ts';
import { errorOf, useNetworkWords } from './parts.tsx';

// The network as tables, one per unit (the coordinating unit first), then people without a unit,
// then relatives and others: the same content as the map, and the default view for staff.

export function NetworkList({ view, onEnded }: { view: NetworkView; onEnded: (name: string) => void }) {
  const { t } = useTranslation();
  const words = useNetworkWords('network');
  const groups = groupNetwork(view);
  if (!groups.length) return <p>{t('network.list.empty')}</p>;
  const now = today();
  return (
    <div className="sammen-network-list">
      {groups.map((g) => {
        const captionId = `network-group-${g.key.replace(/[^a-zA-Z0-9-]/g, '-')}`;
        const canEnd = g.people.some((p) => memberIdOf(p.key) && mayEnd(p, now));
        return (
          <div key={g.key} className="sammen-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
            <table className="table table--compact sammen-network-table">
              <caption id={captionId}>
                {words.groupName(g)}
                {g.relation && <span className="sammen-muted"> – {t(`network.relations.${g.relation}`)}</span>}
                <span className="sammen-muted"> ({t('network.list.peopleCount', { count: g.people.length })})</span>
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('network.list.name')}</th>
                  <th scope="col">{t('network.list.role')}</th>
                  <th scope="col">{t('network.list.efforts')}</th>
                  <th scope="col">{t('network.list.period')}</th>
                  <th scope="col">{t('network.list.contact')}</th>
                  <th scope="col">{t('network.list.next')}</th>
                  {canEnd && (
                    <th scope="col">
                      <span className="sr-only">{t('network.list.actions')}</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {g.people.length === 0 && (
                  <tr>
                    <td colSpan={canEnd ? 7 : 6} className="sammen-muted">
                      {t('network.list.nobodyNamed')}
                    </td>
                  </tr>
                )}
                {g.people.map((p) => (
                  <PersonRow key={p.key} person={p} ended={hasEnded(p, now)} citizenId={view.citizen.id} actions={canEnd} onEnded={onEnded} />
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </div>
  );
}

/** A recorded person can be ended until their last day has come. */
const mayEnd = (p: NetworkPerson, now: string) => !p.until || p.until.slice(0, 10) > now;

function PersonRow({ person: p, ended, citizenId, actions, onEnded }: { person: NetworkPerson; ended: boolean; citizenId: string; actions: boolean; onEnded: (name: string) => void }) {
  const { t } = useTranslation();
  const words = useNetworkWords('network');
  const memberId = memberIdOf(p.key);
  return (
    <tr className={ended ? 'sammen-network-ended' : undefined}>
      <th scope="row">
        {p.name}
        <span className="sammen-network-sub">
          {words.kind(p.kind)}
          {p.source === 'proxy' && ` · ${t('network.sources.proxy')}`}
        </span>
      </th>
      <td>
        {p.role}
        {p.title && p.title !== p.role && <span className="sammen-network-sub">{p.title}</span>}
      </td>
      <td>{p.efforts.length ? words.join(p.efforts.map((e) => e.title)) : <span className="sammen-muted">{t('network.list.none')}</span>}</td>
      <td>
        {words.period(p) || <span className="sammen-muted">{t('network.list.none')}</span>}
        {ended && <span className="sammen-network-sub sammen-network-ended-mark">{t('network.list.ended')}</span>}
      </td>
      <td className="sammen-network-contact">{p.contact || <span className="sammen-muted">{t('network.list.none')}</span>}</td>
      <td>
        {p.next ? (
          <>
            {words.when(p.next.start)}
            <span className="sammen-network-sub">{p.next.title}</span>
          </>
        ) : (
          <span className="sammen-muted">{t('network.list.none')}</span>
        )}
      </td>
      {actions && <td>{memberId && mayEnd(p, today()) && <EndPerson citizenId={citizenId} memberId={memberId} name={p.name} since={p.since} onEnded={onEnded} />}</td>}
    </tr>
  );
}

/** "Afslut": the last day a recorded person is part of the network. */
function EndPerson({ citizenId, memberId, name, since, onEnded }: { citizenId: string; memberId: string; name: string; since: string | null; onEnded: (name: string) => void }) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  const end = useEndPerson(citizenId);
  const [open, setOpen] = useState(false);
  const [until, setUntil] = useState(today());
  const [problem, setProblem] = useState<Problem>();
  const [error, setError] = useState<ApiError>();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(undefined);
    setError(undefined);
    const checked = validate(endNetworkPersonInput, { until });
    if (!checked.ok) return setProblem(checked.problems[0]);
    if (since && until < since.slice(0, 10)) return setProblem({ field: 'until', reason: 'endBeforeStart' });
    try {
      await end.mutateAsync({ memberId, until });
      setOpen(false);
      onEnded(name);
    } catch (err) {
      const failure = errorOf(err);
      if (failure.code === 'VALIDATION') setProblem(failure);
      else setError(failure);
    }
  }

  if (!open)
    return (
      <button type="button" className="button button-secondary sammen-network-end" aria-expanded={false} onClick={() => setOpen(true)}>
        {t('network.end.open')}
        <span className="sr-only"> {name}</span>
      </button>
    );
  return (
    <form className="sammen-network-end-form" onSubmit={(e) => void submit(e)} aria-label={t('network.end.formLabel', { name })} noValidate>
      <TextInput type="date" label={t('network.end.until')} value={until} onChange={setUntil} error={problem && (topField(problem) ?? 'until') === 'until' ? reasonText(problem) : undefined} />
      {error && <ErrorAlert error={error} />}
      <div className="sammen-form-actions">
        <button type="submit" className="button button-primary" disabled={end.isPending}>
          {t('network.end.confirm')}
          <span className="sr-only"> {name}</span>
        </button>
        <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
          {t('network.end.cancel')}
        </button>
      </div>
    </form>
  );
}
