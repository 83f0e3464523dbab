import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { bookAppointmentInput, type BookAppointmentInput, type CalendarView } from '@sammen/domain/appointments';
import { weekdays, type Weekday } from '@sammen/domain/calendar';
import type { CollisionView } from '@sammen/domain/collisions';
import { effortAreas } from '@sammen/domain/plans';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { CheckboxGroup, Select, TextArea } from '../../app/form.tsx';
import { Page } from '../../app/Page.tsx';
import { validate } from '../../app/reasons.ts';
import { useStaffSession } from '../../app/session.tsx';
import { getCitizen, listUnits } from '../identity/identity.api.ts';
import { getStaffDirectory } from '../plans/plans.api.ts';
import { apiErrorOf, calendarKeys, collisionsOf, useBook, useBookingCheck } from './calendar.api.ts';
import { CollisionBody, useCollisionWords, type UnitNames } from './CollisionText.tsx';
import { FormErrors, Input, useDebounced, useFormErrors } from './parts.tsx';
import { WEEKS_SHOWN, addDays, mondayOf, todayLocal, toInstant, weekdayOf } from './time.ts';

// Booking an appointment (or a weekly or daily series) for a citizen, with live feedback: while
// the form is filled in, the server checks the booking against the citizen's whole calendar,
// the load limits and the plan, and the collisions are shown in plain words before saving.
// Booking anyway takes a reason, which the coordinator sees.

interface Draft {
  unitId: string;
  title: string;
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  travel: string;
  mandatory: boolean;
  consequence: string;
  area: string;
  staffIds: string[];
  repeat: 'none' | 'weekly' | 'daily';
  byWeekday: Weekday[];
  endBy: 'until' | 'count';
  until: string;
  count: string;
}

/** The form's values as the booking contract reads them (times in Copenhagen with their offset). */
export function bookingOf(d: Draft, acceptCollisions?: string): BookAppointmentInput {
  const recurrence =
    d.repeat === 'none'
      ? undefined
      : {
          freq: d.repeat,
          interval: 1,
          ...(d.repeat === 'weekly' && { byWeekday: d.byWeekday.length ? d.byWeekday : [weekdayOf(d.date)] }),
          ...(d.endBy === 'until' ? { until: d.until } : { count: d.count.trim() === '' ? Number.NaN : Number(d.count) }),
        };
  return {
    unitId: d.unitId,
    title: d.title,
    start: toInstant(d.date, d.startTime),
    end: toInstant(d.date, d.endTime),
    place: d.place,
    travelMinutes: d.travel.trim() === '' ? 0 : Number(d.travel),
    mandatory: d.mandatory,
    consequence: d.mandatory ? d.consequence : '',
    ...(d.area && { area: d.area as BookAppointmentInput['area'] }),
    staffIds: d.staffIds,
    ...(recurrence && { recurrence }),
    ...(acceptCollisions !== undefined && { acceptCollisions }),
  };
}

const fields = ['unitId', 'title', 'start', 'end', 'place', 'travelMinutes', 'mandatory', 'consequence', 'area', 'staffIds', 'recurrence', 'recurrence.byWeekday', 'recurrence.until', 'recurrence.count', 'acceptCollisions'] as const;

export function BookingPage() {
  const { t } = useTranslation();
  const { citizenId = '' } = useParams();
  const citizen = useQuery({ queryKey: ['citizen', citizenId], queryFn: () => getCitizen(citizenId) });
  const back = `/borgere/${encodeURIComponent(citizenId)}/kalender`;
  return (
    <>
      <p className="sammen-back">
        <Link to={back}>{t('calendar.booking.back')}</Link>
      </p>
      <Page title={citizen.data ? t('calendar.booking.titleFor', { name: citizen.data.name }) : t('calendar.booking.title')}>
        {citizen.isError ? <ErrorAlert error={apiErrorOf(citizen.error)} /> : <BookingForm citizenId={citizenId} />}
      </Page>
    </>
  );
}

function BookingForm({ citizenId }: { citizenId: string }) {
  const { t } = useTranslation();
  const session = useStaffSession();
  const navigate = useNavigate();
  const client = useQueryClient();
  const units = useQuery({ queryKey: ['units'], queryFn: listUnits, staleTime: 5 * 60_000 });
  const staff = useQuery({ queryKey: ['staffDirectory'], queryFn: getStaffDirectory, staleTime: 5 * 60_000 });
  // From a request's page (decisions/RequestPage): a joint meeting, with the colleague who asked.
  const [search] = useSearchParams();
  const joint = search.get('joint') === 'request';
  const [draft, setDraft] = useState<Draft>(() => ({
    unitId: session.unitId,
    title: joint ? t('calendar.booking.jointMeetingTitle') : '',
    date: todayLocal(),
    startTime: '',
    endTime: '',
    place: '',
    travel: '',
    mandatory: false,
    consequence: '',
    area: '',
    staffIds: joint ? [...new Set([session.staffId, ...(search.get('with') ?? '').split(',').filter((id) => /^[0-9a-f-]{36}$/i.test(id))])] : [],
    repeat: 'none',
    byWeekday: [],
    endBy: 'until',
    until: '',
    count: '',
  }));
  const [reason, setReason] = useState('');
  const [allStaff, setAllStaff] = useState(false);
  /** Collisions the server gave with a refusal (409): shown until the form changes. */
  const [refused, setRefused] = useState<{ for: string; collisions: CollisionView[] }>();
  const errors = useFormErrors(fields);
  const book = useBook(citizenId);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  // The live check: only a complete, valid booking is sent, 400 ms after the last change.
  const input = bookingOf(draft);
  const complete = validate(bookAppointmentInput(new Date()), input).ok;
  const settled = useDebounced(complete ? input : undefined, 400);
  const check = useBookingCheck(citizenId, settled);
  const waiting = complete && (JSON.stringify(settled) !== JSON.stringify(input) || check.isFetching);
  const draftKey = JSON.stringify(input);
  const collisions = refused?.for === draftKey ? refused.collisions : complete ? (check.data?.collisions ?? []) : [];
  const anyway = collisions.length > 0;

  // Names for the units in the feedback, and for another unit's appointment the calendar shows as busy.
  const names = useMemo<UnitNames>(() => {
    const cached = client.getQueriesData<CalendarView>({ queryKey: calendarKeys.citizen(citizenId) }).flatMap(([, data]) => data?.appointments ?? []);
    const byId = new Map<string, string>((units.data ?? []).map((u) => [u.id, u.name]));
    for (const a of cached) byId.set(a.unit.id, a.unit.name);
    const hidden = cached.filter((a) => a.hidden);
    return {
      unit: (id) => byId.get(id),
      hiddenUnit: (start, end) => hidden.find((a) => Date.parse(a.start) === Date.parse(start) && Date.parse(a.end) === Date.parse(end))?.unit.name,
    };
  }, [client, citizenId, units.data]);

  const myUnits = useMemo(() => {
    const seen = new Map<string, string>();
    for (const r of session.roles) seen.set(r.unitId, r.unitName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [session.roles]);

  const staffOptions = useMemo(() => {
    const list = staff.data ?? [];
    const shown = allStaff ? list : list.filter((s) => !s.units || s.units.some((u) => u.id === draft.unitId) || draft.staffIds.includes(s.id));
    return shown.map((s) => ({ value: s.id, label: `${s.name} (${s.title})` }));
  }, [staff.data, allStaff, draft.unitId, draft.staffIds]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const values = bookingOf(draft, anyway ? reason : undefined);
    const checked = errors.check(bookAppointmentInput(new Date()), values);
    if (!checked) return;
    if (anyway && !reason.trim()) {
      errors.show({ field: 'acceptCollisions', reason: 'required' });
      return;
    }
    book.mutate(values, {
      onSuccess: (result) => {
        const from = mondayOf(draft.date);
        void navigate(`/borgere/${encodeURIComponent(citizenId)}/kalender?from=${from}&to=${addDays(from, WEEKS_SHOWN * 7 - 1)}`, {
          state: { booked: { appointments: result.appointments.length, collisions: result.collisions.length } },
        });
      },
      onError: (err) => {
        const found = collisionsOf(err);
        if (found) setRefused({ for: draftKey, collisions: found });
        errors.fail(err);
      },
    });
  }

  return (
    <form className="sammen-calendar-form sammen-booking" onSubmit={submit} noValidate>
      <p className="form-hint">{t('calendar.booking.intro')}</p>
      <FormErrors formError={errors.formError} error={errors.error} />
      {units.isError && <FormErrors error={apiErrorOf(units.error)} />}

      <Select label={t('calendar.fields.unit')} value={draft.unitId} onChange={(v) => set('unitId', v)} options={myUnits} error={errors.errorAt('unitId')} />
      <Input label={t('calendar.fields.title')} hint={t('calendar.booking.titleHint')} value={draft.title} onChange={(v) => set('title', v)} maxLength={200} error={errors.errorAt('title')} />
      <div className="sammen-form-row">
        <Input label={t('calendar.fields.date')} type="date" value={draft.date} onChange={(v) => set('date', v)} min={todayLocal()} />
        <Input label={t('calendar.fields.startTime')} type="time" width="s" value={draft.startTime} onChange={(v) => set('startTime', v)} error={errors.errorAt('start')} />
        <Input label={t('calendar.fields.endTime')} type="time" width="s" value={draft.endTime} onChange={(v) => set('endTime', v)} error={errors.errorAt('end')} />
      </div>
      <p className="form-hint">{t('calendar.booking.timeZoneHint')}</p>
      <Input label={t('calendar.fields.place')} value={draft.place} onChange={(v) => set('place', v)} maxLength={200} error={errors.errorAt('place')} />
      <Input
        label={t('calendar.fields.travelMinutes')}
        hint={t('calendar.booking.travelHint')}
        type="number"
        width="s"
        min={0}
        max={720}
        inputMode="numeric"
        value={draft.travel}
        onChange={(v) => set('travel', v)}
        error={errors.errorAt('travelMinutes')}
      />

      <div className="form-group">
        <div className="form-group-checkbox">
          <input id="booking-mandatory" type="checkbox" className="form-checkbox" checked={draft.mandatory} onChange={(e) => set('mandatory', e.target.checked)} />
          <label className="form-label" htmlFor="booking-mandatory">
            {t('calendar.booking.mandatory')}
          </label>
        </div>
      </div>
      {draft.mandatory && (
        <TextArea
          label={t('calendar.fields.consequence')}
          hint={t('calendar.booking.consequenceHint')}
          value={draft.consequence}
          onChange={(v) => set('consequence', v)}
          rows={2}
          maxLength={500}
          error={errors.errorAt('consequence')}
        />
      )}

      <Select
        label={t('calendar.fields.area')}
        hint={t('calendar.booking.areaHint')}
        value={draft.area}
        onChange={(v) => set('area', v)}
        empty={t('calendar.booking.noArea')}
        options={effortAreas.map((a) => ({ value: a, label: t(`calendar.areas.${a}`) }))}
        error={errors.errorAt('area')}
      />

      <CheckboxGroup
        legend={t('calendar.fields.with')}
        hint={t('calendar.booking.withHint')}
        options={staffOptions}
        value={draft.staffIds}
        onChange={(v) => set('staffIds', v)}
        none={staff.isPending ? t('app.loading') : t('calendar.booking.noStaff')}
        error={errors.errorAt('staffIds')}
      />
      <p>
        <button type="button" className="button button-tertiary" aria-pressed={allStaff} onClick={() => setAllStaff((v) => !v)}>
          {t('calendar.booking.allStaff')}
        </button>
      </p>

      <Repeat draft={draft} set={set} errorAt={errors.errorAt} />

      <Feedback complete={complete} waiting={waiting} failed={check.isError && !check.data} collisions={collisions} occurrences={check.data?.occurrences} series={draft.repeat !== 'none'} names={names} />

      {anyway && (
        <TextArea
          label={t('calendar.booking.reason')}
          hint={t('calendar.booking.reasonHint')}
          value={reason}
          onChange={setReason}
          rows={3}
          maxLength={500}
          error={errors.errorAt('acceptCollisions')}
        />
      )}
      <div className="sammen-form-actions">
        <button type="submit" className="button button-primary" disabled={book.isPending}>
          {anyway ? t('calendar.booking.bookAnyway') : t('calendar.booking.save')}
        </button>
        <Link className="button button-secondary" to={`/borgere/${encodeURIComponent(citizenId)}/kalender`}>
          {t('calendar.cancel')}
        </Link>
        {book.isPending && (
          <span role="status" className="sammen-saving">
            {t('calendar.booking.saving')}
          </span>
        )}
      </div>
    </form>
  );
}

function Repeat({ draft, set, errorAt }: { draft: Draft; set: <K extends keyof Draft>(key: K, value: Draft[K]) => void; errorAt: (field: string) => string | undefined }) {
  const { t } = useTranslation();
  const ruleError = errorAt('recurrence');
  return (
    <fieldset className={`form-group sammen-repeat${ruleError ? ' form-error' : ''}`}>
      <legend className="form-label">{t('calendar.booking.repeat')}</legend>
      {ruleError && <span className="form-error-message">{ruleError}</span>}
      <ul className="nobullet-list sammen-radios">
        {(['none', 'weekly', 'daily'] as const).map((r) => (
          <li key={r}>
            <input id={`repeat-${r}`} className="form-radio" type="radio" name="repeat" checked={draft.repeat === r} onChange={() => set('repeat', r)} />
            <label htmlFor={`repeat-${r}`}>{t(`calendar.booking.repeats.${r}`)}</label>
          </li>
        ))}
      </ul>
      {draft.repeat === 'weekly' && (
        <CheckboxGroup
          legend={t('calendar.booking.weekdays')}
          hint={t('calendar.booking.weekdaysHint')}
          options={weekdays.map((d) => ({ value: d, label: t(`calendar.weekdays.${d}`) }))}
          value={draft.byWeekday}
          onChange={(v) => set('byWeekday', v as Weekday[])}
          error={errorAt('recurrence.byWeekday')}
        />
      )}
      {draft.repeat !== 'none' && (
        <>
          <fieldset className="form-group">
            <legend className="form-label">{t('calendar.booking.endsBy')}</legend>
            <ul className="nobullet-list sammen-radios">
              {(['until', 'count'] as const).map((e) => (
                <li key={e}>
                  <input id={`ends-${e}`} className="form-radio" type="radio" name="endsBy" checked={draft.endBy === e} onChange={() => set('endBy', e)} />
                  <label htmlFor={`ends-${e}`}>{t(`calendar.booking.ends.${e}`)}</label>
                </li>
              ))}
            </ul>
          </fieldset>
          {draft.endBy === 'until' ? (
            <Input label={t('calendar.booking.until')} type="date" value={draft.until} onChange={(v) => set('until', v)} min={draft.date} error={errorAt('recurrence.until')} />
          ) : (
            <Input label={t('calendar.booking.count')} type="number" width="s" min={1} inputMode="numeric" value={draft.count} onChange={(v) => set('count', v)} error={errorAt('recurrence.count')} />
          )}
        </>
      )}
    </fieldset>
  );
}

/** The live collision check, in a polite live region that is always in the page. */
function Feedback(props: { complete: boolean; waiting: boolean; failed: boolean; collisions: CollisionView[]; occurrences?: number; series: boolean; names: UnitNames }) {
  const { t } = useTranslation();
  const words = useCollisionWords(props.names);
  let body;
  if (!props.complete) body = <p className="sammen-muted">{t('calendar.check.incomplete')}</p>;
  else if (props.waiting && !props.collisions.length) body = <p className="sammen-muted">{t('calendar.check.checking')}</p>;
  else if (props.failed) body = <p>{t('calendar.check.failed')}</p>;
  else if (!props.collisions.length)
    body = (
      <div className="alert alert-success">
        <div className="alert-body">
          <p className="alert-text">
            <span aria-hidden="true">✓ </span>
            {t('calendar.check.none')}
            {props.series && props.occurrences !== undefined && <> {t('calendar.check.occurrences', { count: props.occurrences })}</>}
          </p>
        </div>
      </div>
    );
  else
    body = (
      <div className="alert alert-warning">
        <div className="alert-body">
          <p className="alert-heading">
            <span aria-hidden="true">⚠ </span>
            {t('calendar.check.found', { count: props.collisions.length })}
          </p>
          {props.series && props.occurrences !== undefined && <p className="alert-text">{t('calendar.check.occurrences', { count: props.occurrences })}</p>}
          <ul className="sammen-check-list">
            {props.collisions.map((c) => (
              <li key={c.key}>
                <p>
                  <strong>{words.kind(c)}</strong> · {words.when(c)}
                </p>
                <CollisionBody collision={c} names={props.names} />
              </li>
            ))}
          </ul>
          <p className="alert-text">{t('calendar.check.anywayHint')}</p>
          {props.waiting && <p className="sammen-muted">{t('calendar.check.checking')}</p>}
        </div>
      </div>
    );
  return (
    <section className="sammen-check" aria-labelledby="booking-check-heading">
      <h2 id="booking-check-heading" className="h3">
        {t('calendar.check.heading')}
      </h2>
      <div aria-live="polite" aria-atomic="false">
        {body}
      </div>
    </section>
  );
}
