import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CollisionRecordView } from '@sammen/domain/appointments';
import type { AppointmentRef, CollisionView, HiddenAppointmentRef, PlanPeriod, TimeClash } from '@sammen/domain/collisions';
import { useCalendarFormat } from './format.ts';
import { dayOf, weekNumber } from './time.ts';

// A collision in plain words, for staff: what clashes, when, and the appointments in it as the
// reader may see them. Another unit's appointment that consent does not cover is "another
// appointment" with its time — never its title, place or unit unless the calendar already shows
// the unit ("Optaget – Psykiatrien").

/** Names for units, and the unit of a hidden appointment when the calendar shows it. */
export interface UnitNames {
  unit: (unitId: string) => string | undefined;
  /** The unit of another unit's appointment the reader sees only as busy time, found by its times. */
  hiddenUnit: (start: string, end: string) => string | undefined;
}

export const noNames: UnitNames = { unit: () => undefined, hiddenUnit: () => undefined };

type Ref = AppointmentRef | HiddenAppointmentRef;
const isHidden = (r: Ref): r is HiddenAppointmentRef => 'hidden' in r && r.hidden;

export function useCollisionWords(names: UnitNames) {
  const { t } = useTranslation();
  const f = useCalendarFormat();

  /** One appointment in a collision, as a line of text. */
  const appointment = (r: Ref) => {
    const when = `${f.day(dayOf(r.start))} ${f.timeRange(r.start, r.end)}`;
    if (isHidden(r)) {
      const unit = names.hiddenUnit(r.start, r.end);
      return unit ? t('calendar.collision.hiddenAt', { unit, when }) : t('calendar.collision.hidden', { when });
    }
    const unit = names.unit(r.unitId);
    return unit ? t('calendar.collision.appointmentAt', { title: r.title, unit, when }) : t('calendar.collision.appointment', { title: r.title, when });
  };

  const clash = (c: TimeClash) =>
    c.type === 'overlap'
      ? t('calendar.collision.overlap', { duration: f.duration(c.overlapMinutes) })
      : t('calendar.collision.travel', { gap: f.duration(c.gapMinutes), travel: f.duration(c.travelMinutes) });

  const period = (p: PlanPeriod) => (p.to ? t('calendar.period.range', { from: f.date(p.from), to: f.date(p.to) }) : t('calendar.period.openEnded', { from: f.date(p.from) }));

  /** When it happens: a day, or an ISO week. */
  const when = (c: CollisionView) => {
    if (c.kind === 'load' && c.week) return t('calendar.collision.inWeek', { week: weekNumber(c.week) });
    const day = 'day' in c && c.day ? c.day : c.appointments[0] ? dayOf(c.appointments[0].start) : '';
    return day ? f.day(day) : '';
  };

  /** What is wrong, in one or more sentences. */
  const explain = (c: CollisionView): string[] => {
    switch (c.kind) {
      case 'time':
        return [clash(c.detail)];
      case 'load': {
        const d = c.detail;
        const span = d.period === 'week' && c.week ? t('calendar.collision.onWeek', { week: weekNumber(c.week) }) : t('calendar.collision.onDay', { day: when(c) });
        const lines: string[] = [];
        if (d.exceeded.includes('appointments'))
          lines.push(t('calendar.collision.tooManyAppointments', { when: span, count: d.mandatoryAppointments, limit: d.period === 'day' ? d.limits.appointmentsPerDay : d.limits.appointmentsPerWeek }));
        if (d.exceeded.includes('hours'))
          lines.push(
            t('calendar.collision.tooManyHours', {
              when: span,
              hours: f.duration(d.mandatoryMinutes),
              limit: f.duration(((d.period === 'day' ? d.limits.hoursPerDay : d.limits.hoursPerWeek) ?? 0) * 60),
            }),
          );
        return lines;
      }
      case 'plan_contradiction':
        return c.detail.periods.map((p) =>
          t(p.kind === 'exemption' ? 'calendar.collision.exempt' : 'calendar.collision.planFirst', { reason: p.reason, period: period(p) }),
        );
      case 'consequence_risk':
        return [
          t('calendar.collision.missed'),
          clash(c.detail.clash),
          c.detail.consequence ? t('calendar.collision.consequence', { consequence: c.detail.consequence }) : '',
        ].filter(Boolean);
    }
  };

  return { appointment, explain, when, period, kind: (c: CollisionView) => t(`calendar.collision.kinds.${c.kind}`) };
}

/** The body of one collision: what is wrong and the appointments in it. */
export function CollisionBody({ collision: c, names }: { collision: CollisionView; names: UnitNames }) {
  const { t } = useTranslation();
  const words = useCollisionWords(names);
  const units = c.unitIds.map((u) => names.unit(u)).filter((n): n is string => Boolean(n));
  return (
    <>
      {words.explain(c).map((line) => (
        <p key={line}>{line}</p>
      ))}
      <ul className="sammen-collision-appointments" aria-label={t('calendar.collision.appointmentsLabel')}>
        {c.appointments.map((a, i) => (
          <li key={isHidden(a) ? `hidden-${i}` : a.id}>
            {words.appointment(a)}
            {a.mandatory && (
              <>
                {' '}
                <MandatoryBadge />
              </>
            )}
          </li>
        ))}
      </ul>
      {units.length > 0 && <p className="sammen-muted">{t('calendar.collision.units', { units: units.join(', ') })}</p>}
      {c.hiddenAppointments > 0 && <p className="sammen-muted">{t('calendar.collision.hiddenNote', { count: c.hiddenAppointments })}</p>}
    </>
  );
}

/** "Mødepligt" as a word with a symbol, never by colour alone. */
export function MandatoryBadge({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <span className="badge badge-warning sammen-mandatory">
      <span aria-hidden="true">! </span>
      {children ?? t('calendar.mandatory')}
    </span>
  );
}

/** A stored collision's status as text with a symbol. */
export function CollisionStatus({ record }: { record: Pick<CollisionRecordView, 'status'> }) {
  const { t } = useTranslation();
  const symbol = { open: '⚠', resolved: '✓', accepted: '✓' }[record.status];
  const tone = { open: 'badge-error', resolved: 'badge-success', accepted: 'badge-info' }[record.status];
  return (
    <span className={`badge ${tone}`}>
      <span aria-hidden="true">{symbol} </span>
      {t(`calendar.collision.status.${record.status}`)}
    </span>
  );
}
