import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AppointmentView, CalendarView, CollisionRecordView } from '@sammen/domain/appointments';
import type { AppointmentRef, HiddenAppointmentRef } from '@sammen/domain/collisions';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { useSession } from '../../app/session.tsx';
import { useVoice } from '../../app/voice.ts';
import { apiErrorOf, useOwnCalendar } from './calendar.api.ts';
import { CalendarFeed } from './CalendarFeed.tsx';
import { useCalendarFormat } from './format.ts';
import './calendar.css';
import { RangeNav, useAppointmentsByDay } from './parts.tsx';
import { WEEKS_SHOWN, addDays, dayOf, defaultRange, isoWeek, mondaysBetween, readDate, weekNumber } from './time.ts';

// "Min kalender": every appointment from every unit in one list, week by week, in plain Danish —
// what the citizen must come to, what happens if they do not, whom they meet and where — and
// collisions explained without office words. A relative with the right to read the plan sees the
// same, spoken to about the citizen, and cannot subscribe.

export function CitizenCalendarPage() {
  const { say } = useVoice();
  const session = useSession();
  const [search] = useSearchParams();
  const fallback = defaultRange();
  const from = readDate(search.get('from')) ?? fallback.from;
  const to = readDate(search.get('to')) ?? addDays(from, WEEKS_SHOWN * 7 - 1);
  const calendar = useOwnCalendar(from, to);
  const data = calendar.data;

  return (
    <>
      <p className="sammen-back">
        <Link to="/borger">{say('borgerCalendar.back')}</Link>
      </p>
      <Page title={say('borgerCalendar.title')}>
        <p className="font-lead">{say('borgerCalendar.intro')}</p>
        {calendar.isPending && <Loading />}
        {calendar.isError && <ErrorAlert error={apiErrorOf(calendar.error)} />}
        {data && (
          <>
            <RangeNav base="/borger/kalender" words="borgerCalendar" from={from} to={to} loading={calendar.isFetching} />
            <Collisions calendar={data} />
            <Weeks calendar={data} from={from} to={to} />
          </>
        )}
        {session.kind === 'citizen' && <CalendarFeed />}
      </Page>
    </>
  );
}


function Weeks({ calendar, from, to }: { calendar: CalendarView; from: string; to: string }) {
  const { t } = useTranslation();
  const { say } = useVoice();
  const f = useCalendarFormat();
  const byDay = useAppointmentsByDay(calendar.appointments);
  const shownCollisions = new Set(calendar.collisions.map((c) => c.id));

  return (
    <section className="sammen-section" aria-labelledby="own-weeks">
      <h2 id="own-weeks">{say('borgerCalendar.appointmentsHeading')}</h2>
      {calendar.appointments.length === 0 && <p>{say('borgerCalendar.noAppointments')}</p>}
      {mondaysBetween(from, to).map((monday) => {
        const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i)).filter((d) => byDay.has(d));
        return (
          <section key={monday} className="sammen-week" aria-labelledby={`own-week-${monday}`}>
            <h3 id={`own-week-${monday}`}>
              {t('borgerCalendar.week', { week: weekNumber(isoWeek(monday)) })}{' '}
              <span className="sammen-week-dates">{t('borgerCalendar.weekDates', { from: f.shortDate(monday), to: f.shortDate(addDays(monday, 6)) })}</span>
            </h3>
            {days.length === 0 && <p className="sammen-muted">{t('borgerCalendar.noAppointmentsWeek')}</p>}
            {days.map((day) => (
              <div key={day} className="sammen-day">
                <h4 className="sammen-day-heading">{f.dayHeading(day)}</h4>
                <ul className="sammen-appointments">
                  {byDay.get(day)!.map((a) => (
                    <OwnAppointment key={a.id} appointment={a} shownCollisions={shownCollisions} />
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

function OwnAppointment({ appointment: a, shownCollisions }: { appointment: AppointmentView; shownCollisions: Set<string> }) {
  const { t } = useTranslation();
  const { say } = useVoice();
  const f = useCalendarFormat();
  const cancelled = a.status.startsWith('cancelled');
  const collisionId = a.collisionIds.find((id) => shownCollisions.has(id));
  return (
    <li className={`sammen-appointment${a.collisionIds.length ? ' sammen-appointment-collision' : ''}${cancelled ? ' sammen-appointment-cancelled' : ''}`}>
      <p className="sammen-appointment-time">{f.timeRange(a.start, a.end)}</p>
      <div className="sammen-appointment-body">
        <p className="sammen-appointment-title">
          <strong>{a.hidden ? t('borgerCalendar.busy') : a.title}</strong>
        </p>
        <p>{t('borgerCalendar.from', { unit: a.unit.name })}</p>
        {a.status !== 'planned' && <p className="sammen-own-status">{say(`borgerCalendar.status.${a.status}`)}</p>}
        {a.mandatory && !cancelled && (
          <p className="sammen-must">
            <span className="badge badge-warning sammen-mandatory">
              <span aria-hidden="true">! </span>
              {say('borgerCalendar.mustAttend')}
            </span>
          </p>
        )}
        {a.mandatory && !cancelled && a.consequence && <p>{say('borgerCalendar.ifNot', { consequence: a.consequence })}</p>}
        {a.with.length > 0 && <p>{say('borgerCalendar.with', { names: a.with.map((p) => p.name).join(', ') })}</p>}
        {a.place && <p>{t('borgerCalendar.place', { place: a.place })}</p>}
        {a.travelMinutes > 0 && <p>{t('borgerCalendar.travel', { duration: f.duration(a.travelMinutes) })}</p>}
        {a.collisionIds.length > 0 && (
          <p className="sammen-collision-mark">
            <span aria-hidden="true">⚠ </span>
            {say('borgerCalendar.inCollision')} {collisionId && <a href={`#own-collision-${collisionId}`}>{t('borgerCalendar.readMore')}</a>}
          </p>
        )}
      </div>
    </li>
  );
}

/** Collisions in plain words: what is wrong, which appointments, and that the coordinator knows. */
function Collisions({ calendar }: { calendar: CalendarView }) {
  const { say } = useVoice();
  if (!calendar.collisions.length) return null;
  return (
    <section className="sammen-section" aria-labelledby="own-collisions">
      <h2 id="own-collisions">{say('borgerCalendar.collisionsHeading')}</h2>
      <ul className="sammen-cards">
        {calendar.collisions.map((c) => (
          <OwnCollision key={c.id} record={c} />
        ))}
      </ul>
    </section>
  );
}

function OwnCollision({ record }: { record: CollisionRecordView }) {
  const { t } = useTranslation();
  const { say } = useVoice();
  const f = useCalendarFormat();
  const c = record.collision;
  const headingKey =
    c.kind === 'time' ? (c.detail.type === 'overlap' ? 'overlap' : 'travel') : c.kind === 'load' ? (c.detail.period === 'day' ? 'loadDay' : 'loadWeek') : c.kind === 'plan_contradiction' ? 'plan' : 'missed';
  const when = c.kind === 'load' && c.week ? t('borgerCalendar.collision.inWeek', { week: weekNumber(c.week) }) : 'day' in c && c.day ? f.day(c.day) : '';
  const line = (a: AppointmentRef | HiddenAppointmentRef) => {
    const time = `${f.day(dayOf(a.start))} ${f.timeRange(a.start, a.end)}`;
    return 'hidden' in a ? t('borgerCalendar.collision.otherAppointment', { time }) : t('borgerCalendar.collision.appointment', { title: a.title, time });
  };
  return (
    <li id={`own-collision-${record.id}`} tabIndex={-1} className="sammen-card sammen-collision">
      <h3 className="h4">
        <span aria-hidden="true">⚠ </span>
        {say(`borgerCalendar.collision.headings.${headingKey}`)}
        {when && <> · {when}</>}
      </h3>
      {c.kind === 'plan_contradiction' ? (
        c.detail.periods.map((p, i) => <p key={i}>{say('borgerCalendar.collision.texts.plan', { reason: p.reason.trim().replace(/[.!?]+$/, '') })}</p>)
      ) : (
        <p>{say(`borgerCalendar.collision.texts.${headingKey}`)}</p>
      )}
      <ul>
        {c.appointments.map((a, i) => (
          <li key={i}>{line(a)}</li>
        ))}
      </ul>
      <p>
        <strong>{say(`borgerCalendar.collision.status.${record.status}`)}</strong>
      </p>
    </li>
  );
}
