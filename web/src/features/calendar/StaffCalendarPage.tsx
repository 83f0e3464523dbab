import { useMemo, useState, type FormEvent } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { recordAttendanceInput, type AppointmentView, type CalendarView, type CollisionRecordView } from '@sammen/domain/appointments';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { useStaffSession } from '../../app/session.tsx';
import { TextArea } from '../../app/form.tsx';
import { listUnits } from '../identity/identity.api.ts';
import { apiErrorOf, useCitizenCalendar, useRecordAttendance } from './calendar.api.ts';
import { CollisionBody, CollisionStatus, MandatoryBadge, useCollisionWords, type UnitNames } from './CollisionText.tsx';
import { useCalendarFormat } from './format.ts';
import { LoadLimitsSection, PlanPeriodsSection } from './LimitsAndPeriods.tsx';
import { FormErrors, RangeNav, useAppointmentsByDay, useFormErrors } from './parts.tsx';
import { Success } from '../../app/Success.tsx';
import { WEEKS_SHOWN, addDays, dayOf, defaultRange, isoWeek, mondaysBetween, readDate, weekNumber } from './time.ts';

// The citizen's one calendar as staff see it: every unit's appointments week by week (another
// unit's without consent as busy time only), the collisions in the period, attendance for the
// reader's own unit, and the citizen's load limits and the plan's periods.

export function StaffCalendarPage() {
  const { t } = useTranslation();
  const { citizenId = '' } = useParams();
  const [search] = useSearchParams();
  const location = useLocation();
  const booked = (location.state as { booked?: { appointments: number; collisions: number } } | null)?.booked;
  const fallback = defaultRange();
  const from = readDate(search.get('from')) ?? fallback.from;
  const to = readDate(search.get('to')) ?? addDays(from, WEEKS_SHOWN * 7 - 1);
  const calendar = useCitizenCalendar(citizenId, from, to);
  const units = useQuery({ queryKey: ['units'], queryFn: listUnits, staleTime: 5 * 60_000 });
  const data = calendar.data;
  const names = useUnitNames(data, units.data);

  return (
    <>
      <p className="sammen-back">
        <Link to={`/borgere/${encodeURIComponent(citizenId)}`}>{t('calendar.back')}</Link>
      </p>
      {calendar.isPending && <Loading />}
      {calendar.isError && !data && (
        <Page title={t('calendar.titleUnknown')}>
          <ErrorAlert error={apiErrorOf(calendar.error)} />
        </Page>
      )}
      {data && (
        <Page title={t('calendar.title', { name: data.citizen.name })}>
          <Success
            text={
              booked
                ? [t('calendar.booked', { count: booked.appointments }), booked.collisions ? t('calendar.bookedWithCollisions', { count: booked.collisions }) : ''].filter(Boolean).join(' ')
                : ''
            }
          />
          <p>
            <Link className="button button-primary" to={`/borgere/${encodeURIComponent(citizenId)}/kalender/ny`}>
              {t('calendar.book')}
            </Link>
          </p>
          {calendar.isError && <ErrorAlert error={apiErrorOf(calendar.error)} />}
          <RangeNav base={`/borgere/${encodeURIComponent(citizenId)}/kalender`} words="calendar" from={from} to={to} loading={calendar.isFetching} />
          <CollisionsSection collisions={data.collisions} names={names} />
          <Weeks calendar={data} from={from} to={to} />
          <LoadLimitsSection citizenId={citizenId} limits={data.limits} />
          <PlanPeriodsSection citizenId={citizenId} periods={data.planPeriods} units={units.data ?? []} />
        </Page>
      )}
    </>
  );
}

/** Unit names from the calendar itself and the municipality's list of units. */
export function useUnitNames(calendar: CalendarView | undefined, units: { id: string; name: string }[] | undefined): UnitNames {
  return useMemo(() => {
    const byId = new Map<string, string>();
    for (const u of units ?? []) byId.set(u.id, u.name);
    for (const a of calendar?.appointments ?? []) byId.set(a.unit.id, a.unit.name);
    const hidden = calendar?.appointments.filter((a) => a.hidden) ?? [];
    return {
      unit: (id) => byId.get(id),
      hiddenUnit: (start, end) => hidden.find((a) => Date.parse(a.start) === Date.parse(start) && Date.parse(a.end) === Date.parse(end))?.unit.name,
    };
  }, [calendar, units]);
}


/** Open collisions first, then by when they were found. */
const openFirst = (a: CollisionRecordView, b: CollisionRecordView) => Number(b.status === 'open') - Number(a.status === 'open') || a.detectedAt.localeCompare(b.detectedAt);

function CollisionsSection({ collisions, names }: { collisions: CollisionRecordView[]; names: UnitNames }) {
  const { t } = useTranslation();
  const words = useCollisionWords(names);
  return (
    <section className="sammen-section" aria-labelledby="calendar-collisions">
      <h2 id="calendar-collisions">
        {t('calendar.collisionsHeading')} <span className="sammen-count">({collisions.length})</span>
      </h2>
      {collisions.length === 0 ? (
        <p>{t('calendar.noCollisions')}</p>
      ) : (
        <ul className="sammen-cards">
          {[...collisions].sort(openFirst).map((c) => (
            <li key={c.id} id={`collision-${c.id}`} tabIndex={-1} className={`sammen-card sammen-collision sammen-collision-${c.status}`}>
              <h3 className="h4">
                <span aria-hidden="true">⚠ </span>
                {words.kind(c.collision)} · {words.when(c.collision)}
              </h3>
              <p>
                <CollisionStatus record={c} />
              </p>
              <CollisionBody collision={c.collision} names={names} />
              {c.statusReason && <p>{t(c.status === 'open' ? 'calendar.collision.bookedAnyway' : 'calendar.collision.decisionReason', { reason: c.statusReason })}</p>}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/kollisioner">{t('calendar.allCollisions')}</Link>
      </p>
    </section>
  );
}

function Weeks({ calendar, from, to }: { calendar: CalendarView; from: string; to: string }) {
  const { t } = useTranslation();
  const f = useCalendarFormat();
  const byDay = useAppointmentsByDay(calendar.appointments);
  const collisionIds = new Set(calendar.collisions.map((c) => c.id));

  return (
    <section className="sammen-section" aria-labelledby="calendar-weeks">
      <h2 id="calendar-weeks">{t('calendar.appointmentsHeading')}</h2>
      {mondaysBetween(from, to).map((monday) => {
        const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i)).filter((d) => byDay.has(d));
        const week = weekNumber(isoWeek(monday));
        return (
          <section key={monday} className="sammen-week" aria-labelledby={`week-${monday}`}>
            <h3 id={`week-${monday}`}>
              {t('calendar.week', { week })} <span className="sammen-week-dates">{t('calendar.weekDates', { from: f.shortDate(monday), to: f.shortDate(addDays(monday, 6)) })}</span>
            </h3>
            {days.length === 0 && <p className="sammen-muted">{t('calendar.noAppointmentsWeek')}</p>}
            {days.map((day) => (
              <div key={day} className="sammen-day">
                <h4 className="sammen-day-heading">{f.dayHeading(day)}</h4>
                <ul className="sammen-appointments">
                  {byDay.get(day)!.map((a) => (
                    <AppointmentItem key={a.id} appointment={a} citizenId={calendar.citizen.id} collisionIds={collisionIds} coordinatorUnitId={calendar.coordinatorUnitId} />
                  ))}
                </ul>
              </div>
            ))}
          </section>
        );
      })}
    </section>
  );
}

function AppointmentItem({ appointment: a, citizenId, collisionIds, coordinatorUnitId }: { appointment: AppointmentView; citizenId: string; collisionIds: Set<string>; coordinatorUnitId: string | null }) {
  const { t } = useTranslation();
  const f = useCalendarFormat();
  const session = useStaffSession();
  const inCollision = a.collisionIds.length > 0;
  const cls = `sammen-appointment${a.hidden ? ' sammen-appointment-hidden' : ''}${inCollision ? ' sammen-appointment-collision' : ''}${a.status.startsWith('cancelled') ? ' sammen-appointment-cancelled' : ''}`;

  if (a.hidden) {
    return (
      <li className={cls}>
        <p className="sammen-appointment-time">{f.timeRange(a.start, a.end)}</p>
        <div className="sammen-appointment-body">
          <p className="sammen-appointment-title">
            {t('calendar.busy', { unit: a.unit.name })} {a.mandatory && <MandatoryBadge />}
          </p>
          <p className="sammen-muted">{t('calendar.hiddenNote')}</p>
          <CollisionMark appointment={a} collisionIds={collisionIds} />
        </div>
      </li>
    );
  }

  return (
    <li className={cls}>
      <p className="sammen-appointment-time">{f.timeRange(a.start, a.end)}</p>
      <div className="sammen-appointment-body">
        <p className="sammen-appointment-title">
          <strong>{a.title}</strong> {a.mandatory && <MandatoryBadge />} {a.status !== 'planned' && <AttendanceBadge status={a.status} />}
        </p>
        <dl className="sammen-appointment-facts">
          <dt>{t('calendar.fields.unit')}</dt>
          <dd>{a.unit.name}</dd>
          {a.place && (
            <>
              <dt>{t('calendar.fields.place')}</dt>
              <dd>{a.place}</dd>
            </>
          )}
          {a.with.length > 0 && (
            <>
              <dt>{t('calendar.fields.with')}</dt>
              <dd>{a.with.map((p) => p.name).join(', ')}</dd>
            </>
          )}
          {a.travelMinutes > 0 && (
            <>
              <dt>{t('calendar.fields.travel')}</dt>
              <dd>{f.duration(a.travelMinutes)}</dd>
            </>
          )}
          {a.mandatory && a.consequence && (
            <>
              <dt>{t('calendar.fields.consequence')}</dt>
              <dd>{a.consequence}</dd>
            </>
          )}
          {a.statusNote && (
            <>
              <dt>{t('calendar.fields.statusNote')}</dt>
              <dd>{a.statusNote}</dd>
            </>
          )}
        </dl>
        <CollisionMark appointment={a} collisionIds={collisionIds} />
        {(a.unit.id === session.unitId || coordinatorUnitId === session.unitId) && <AttendanceControl appointment={a} citizenId={citizenId} />}
      </div>
    </li>
  );
}

function CollisionMark({ appointment: a, collisionIds }: { appointment: AppointmentView; collisionIds: Set<string> }) {
  const { t } = useTranslation();
  if (!a.collisionIds.length) return null;
  return (
    <p className="sammen-collision-mark">
      <span aria-hidden="true">⚠ </span>
      <strong>{t('calendar.inCollision', { count: a.collisionIds.length })}</strong>{' '}
      {a.collisionIds.map((id, i) => (
        <span key={id}>
          {i > 0 && ', '}
          {collisionIds.has(id) ? <a href={`#collision-${id}`}>{t('calendar.seeCollision', { n: i + 1 })}</a> : <Link to="/kollisioner">{t('calendar.seeCollision', { n: i + 1 })}</Link>}
        </span>
      ))}
    </p>
  );
}

export function AttendanceBadge({ status }: { status: AppointmentView['status'] }) {
  const { t } = useTranslation();
  const symbol = { planned: '', attended: '✓', missed: '✕', cancelled_by_citizen: '–', cancelled_by_unit: '–' }[status];
  const tone = { planned: '', attended: 'badge-success', missed: 'badge-error', cancelled_by_citizen: '', cancelled_by_unit: '' }[status];
  return (
    <span className={`badge ${tone}`}>
      <span aria-hidden="true">{symbol} </span>
      {t(`calendar.attendance.status.${status}`)}
    </span>
  );
}

const attendanceChoices = ['attended', 'missed', 'cancelled_by_citizen', 'cancelled_by_unit'] as const;

/** Mødt / Udeblev / Aflyst: for the reader's own unit's appointments. */
function AttendanceControl({ appointment: a, citizenId }: { appointment: AppointmentView; citizenId: string }) {
  const { t } = useTranslation();
  const f = useCalendarFormat();
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<(typeof attendanceChoices)[number] | ''>(a.status === 'planned' ? '' : a.status);
  const [note, setNote] = useState(a.statusNote);
  const [saved, setSaved] = useState('');
  const record = useRecordAttendance(citizenId);
  const errors = useFormErrors(['status', 'note']);
  const name = `attendance-${a.id}`;
  // Whether the citizen came can be said once it has begun; before that it can only be cancelled.
  const started = Date.parse(a.start) <= Date.now();
  const choices = attendanceChoices.filter((s) => started || s.startsWith('cancelled'));

  function submit(e: FormEvent) {
    e.preventDefault();
    const input = errors.check(recordAttendanceInput, { status, note });
    if (!input) return;
    record.mutate(
      { appointmentId: a.id, ...input },
      {
        onSuccess: () => {
          setOpen(false);
          setSaved(t('calendar.attendance.saved', { status: t(`calendar.attendance.status.${input.status}`) }));
        },
        onError: errors.fail,
      },
    );
  }

  return (
    <div className="sammen-attendance">
      <div role="status" className="sammen-saved">
        {saved}
      </div>
      {!open ? (
        <button type="button" className="button button-tertiary" onClick={() => (setOpen(true), setSaved(''))}>
          {started ? t('calendar.attendance.open') : t('calendar.attendance.cancelOpen')}
          <span className="sr-only"> – {t('calendar.attendance.for', { title: a.title, when: f.when(a.start, dayOf(a.start)) })}</span>
        </button>
      ) : (
        <form onSubmit={submit} noValidate className="sammen-attendance-form">
          <FormErrors formError={errors.formError} error={errors.error} />
          <fieldset className={`form-group${errors.errorAt('status') ? ' form-error' : ''}`}>
            <legend className="form-label">{t(started ? 'calendar.attendance.legend' : 'calendar.attendance.cancelLegend', { title: a.title })}</legend>
            {errors.errorAt('status') && <span className="form-error-message">{errors.errorAt('status')}</span>}
            <ul className="nobullet-list sammen-radios">
              {choices.map((s) => (
                <li key={s}>
                  <input id={`${name}-${s}`} className="form-radio" type="radio" name={name} value={s} checked={status === s} onChange={() => setStatus(s)} />
                  <label htmlFor={`${name}-${s}`}>{t(`calendar.attendance.choice.${s}`)}</label>
                </li>
              ))}
            </ul>
          </fieldset>
          <TextArea label={t('calendar.attendance.note')} hint={t('calendar.attendance.noteHint')} value={note} onChange={setNote} rows={2} maxLength={500} error={errors.errorAt('note')} />
          <div className="sammen-form-actions">
            <button type="submit" className="button button-primary" disabled={record.isPending}>
              {t('calendar.attendance.save')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => (setOpen(false), errors.reset())}>
              {t('calendar.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
