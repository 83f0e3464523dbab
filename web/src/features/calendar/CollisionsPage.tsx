import { useId, useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { decideCollisionInput, type CollisionRecordView } from '@sammen/domain/appointments';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Select, TextArea } from '../../app/form.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { listUnits } from '../identity/identity.api.ts';
import { apiErrorOf, useCollisions, useDecideCollision } from './calendar.api.ts';
import { CollisionBody, CollisionStatus, useCollisionWords, type UnitNames } from './CollisionText.tsx';
import { useCalendarFormat } from './format.ts';
import { FormErrors, useFormErrors } from './parts.tsx';
import { Success } from '../../app/Success.tsx';

// "Kollisioner": the coordinator's list of collisions across their citizens, grouped by citizen,
// with what the booker wrote when they booked anyway, and the two decisions: resolved (the
// appointments were moved) or accepted (it can stand, and why).

type Status = 'open' | 'accepted' | 'resolved';

export function CollisionsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status>('open');
  const [done, setDone] = useState('');
  const list = useCollisions(status);
  const units = useQuery({ queryKey: ['units'], queryFn: listUnits, staleTime: 5 * 60_000 });
  const names = useMemo<UnitNames>(() => {
    const byId = new Map((units.data ?? []).map((u) => [u.id, u.name]));
    return { unit: (id) => byId.get(id), hiddenUnit: () => undefined };
  }, [units.data]);

  const groups = useMemo(() => {
    const m = new Map<string, { name: string; items: CollisionRecordView[] }>();
    for (const c of list.data?.collisions ?? []) {
      const g = m.get(c.citizen.id) ?? { name: c.citizen.name, items: [] };
      g.items.push(c);
      m.set(c.citizen.id, g);
    }
    return [...m].sort((a, b) => a[1].name.localeCompare(b[1].name, 'da'));
  }, [list.data]);

  return (
    <>
      <p className="sammen-back">
        <Link to="/">{t('calendar.collisions.back')}</Link>
      </p>
      <Page title={t('calendar.collisions.title')}>
        <p className="font-lead">{t('calendar.collisions.intro')}</p>
        <div className="sammen-filters">
          <Select
            label={t('calendar.collisions.filter')}
            value={status}
            onChange={(v) => (setStatus(v as Status), setDone(''))}
            options={(['open', 'accepted', 'resolved'] as const).map((s) => ({ value: s, label: t(`calendar.collisions.filters.${s}`) }))}
          />
        </div>
        <Success text={done} />
        {list.isPending && <Loading />}
        {list.isError && <ErrorAlert error={apiErrorOf(list.error)} />}
        {list.data && (
          <>
            <p className="sammen-result-count" role="status">
              {t('calendar.collisions.count', { count: list.data.collisions.length, status: t(`calendar.collisions.filters.${status}`).toLowerCase() })}
            </p>
            {groups.map(([citizenId, g]) => (
              <section key={citizenId} className="sammen-section" aria-labelledby={`citizen-${citizenId}`}>
                <h2 id={`citizen-${citizenId}`}>
                  {g.name} <span className="sammen-count">({g.items.length})</span>
                </h2>
                <p>
                  <Link to={`/borgere/${encodeURIComponent(citizenId)}/kalender`}>{t('calendar.collisions.openCalendar', { name: g.name })}</Link>
                </p>
                <ul className="sammen-cards">
                  {g.items.map((c) => (
                    <CollisionCard key={c.id} record={c} names={names} onDecided={setDone} />
                  ))}
                </ul>
              </section>
            ))}
          </>
        )}
      </Page>
    </>
  );
}

function CollisionCard({ record: c, names, onDecided }: { record: CollisionRecordView; names: UnitNames; onDecided: (message: string) => void }) {
  const { t } = useTranslation();
  const f = useCalendarFormat();
  const words = useCollisionWords(names);
  const [deciding, setDeciding] = useState<'resolved' | 'accepted'>();
  const title = `${words.kind(c.collision)} · ${words.when(c.collision)}`;
  return (
    <li className={`sammen-card sammen-collision sammen-collision-${c.status}`}>
      <h3 className="h4">
        <span aria-hidden="true">⚠ </span>
        {title}
      </h3>
      <p>
        <CollisionStatus record={c} /> <span className="sammen-muted">{t('calendar.collisions.detected', { when: f.dateTime(c.detectedAt) })}</span>
      </p>
      <CollisionBody collision={c.collision} names={names} />
      {c.statusReason && (
        <p className="sammen-collision-reason">
          <strong>{t(c.status === 'open' ? 'calendar.collisions.bookerReason' : 'calendar.collisions.decisionReason')}</strong> <span className="sammen-prewrap">{c.statusReason}</span>
        </p>
      )}
      {c.status === 'open' &&
        (deciding ? (
          <DecisionForm collisionId={c.id} status={deciding} about={title} onCancel={() => setDeciding(undefined)} onDone={(m) => (setDeciding(undefined), onDecided(m))} />
        ) : (
          <div className="sammen-form-actions">
            <button type="button" className="button button-secondary" onClick={() => setDeciding('resolved')}>
              {t('calendar.collisions.resolve')}
              <span className="sr-only"> – {title}</span>
            </button>
            <button type="button" className="button button-secondary" onClick={() => setDeciding('accepted')}>
              {t('calendar.collisions.accept')}
              <span className="sr-only"> – {title}</span>
            </button>
          </div>
        ))}
    </li>
  );
}

function DecisionForm({ collisionId, status, about, onCancel, onDone }: { collisionId: string; status: 'resolved' | 'accepted'; about: string; onCancel: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const decide = useDecideCollision();
  const errors = useFormErrors(['reason', 'status']);

  function submit(e: FormEvent) {
    e.preventDefault();
    const input = errors.check(decideCollisionInput, { status, reason });
    if (!input) return;
    decide.mutate({ collisionId, ...input }, { onSuccess: () => onDone(t(`calendar.collisions.decided.${status}`, { about })), onError: errors.fail });
  }

  return (
    <form className="sammen-calendar-form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`}>{t(`calendar.collisions.formHeading.${status}`)}</h4>
      <FormErrors formError={errors.formError} error={errors.error} />
      <TextArea label={t(`calendar.collisions.reason.${status}`)} hint={t(`calendar.collisions.reasonHint.${status}`)} value={reason} onChange={setReason} rows={3} maxLength={500} error={errors.errorAt('reason')} />
      <div className="sammen-form-actions">
        <button type="submit" className="button button-primary" disabled={decide.isPending}>
          {t(`calendar.collisions.save.${status}`)}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('calendar.cancel')}
        </button>
      </div>
    </form>
  );
}
