import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AppointmentView } from '@sammen/domain/appointments';
import type { CitizenFeedbackView, FeedbackKind, MeetingView, RatingLinkView } from '@sammen/domain/feedback';
import { effortAreas, type EffortArea } from '@sammen/domain/plans';
import { CheckboxGroup, Select } from '../../app/form.tsx';
import { useStaffSession } from '../../app/session.tsx';
import { FormErrors, useFormErrors } from '../calendar/parts.tsx';
import { useCitizenCalendar } from '../calendar/calendar.api.ts';
import { useCalendarFormat } from '../calendar/format.ts';
import { addDays, todayLocal } from '../calendar/time.ts';
import { useCreateRatingLink, useRecordMeeting } from './feedback.api.ts';
import { RETURN_TO_KEY } from './returnTo.ts';

// "Nyt møde": the meeting just held, from the citizen's recent appointments with my unit or
// without one (then its plan area), and then its rating — on this screen, handed to the citizen
// (the server ends my session so nothing of it is left on the screen), or as a link to send.

const RECENT_DAYS = 14;

export function NewMeeting({ view, onRecorded }: { view: CitizenFeedbackView; onRecorded: (m: MeetingView) => void }) {
  const { t } = useTranslation();
  const session = useStaffSession();
  const f = useCalendarFormat();
  const today = todayLocal();
  const calendar = useCitizenCalendar(view.citizen.id, addDays(today, -RECENT_DAYS), today);
  const record = useRecordMeeting(view.citizen.id);
  const errors = useFormErrors(['appointmentId', 'area', 'heldAt']);
  const [appointmentId, setAppointmentId] = useState('');
  const [area, setArea] = useState('');

  const recorded = new Set(view.meetings.map((m) => m.appointmentId).filter(Boolean));
  const choices: AppointmentView[] = (calendar.data?.appointments ?? [])
    .filter((a) => a.unit.id === session.unitId && !a.hidden && !a.status.startsWith('cancelled') && !recorded.has(a.id))
    .sort((a, b) => b.start.localeCompare(a.start));
  const appointment = choices.find((a) => a.id === appointmentId);
  const needsArea = !appointment || appointment.area === null;

  function submit(e: FormEvent) {
    e.preventDefault();
    errors.reset();
    if (needsArea && !area) {
      errors.show({ field: 'area', reason: 'required' });
      return;
    }
    // A meeting from an appointment was held when it started (if that has passed); else now.
    const heldAt = appointment && Date.parse(appointment.start) <= Date.now() ? appointment.start : undefined;
    record.mutate(
      { appointmentId: appointment?.id ?? null, ...(heldAt && { heldAt }), ...(needsArea && { area: area as EffortArea }) },
      {
        onSuccess: (meeting) => {
          setAppointmentId('');
          setArea('');
          onRecorded(meeting);
        },
        onError: errors.fail,
      },
    );
  }

  return (
    <form className="sammen-feedback-meeting" onSubmit={submit} noValidate aria-labelledby="feedback-new-heading">
      <p>{t('feedback.meeting.intro')}</p>
      <FormErrors formError={errors.formError} error={errors.error} />
      {calendar.isError && <p className="sammen-muted">{t('feedback.meeting.noCalendar')}</p>}
      <Select
        label={t('feedback.meeting.appointment')}
        hint={t('feedback.meeting.appointmentHint', { count: RECENT_DAYS })}
        error={errors.errorAt('appointmentId')}
        value={appointmentId}
        onChange={setAppointmentId}
        empty={t('feedback.meeting.noAppointment')}
        options={choices.map((a) => ({ value: a.id, label: t('feedback.meeting.appointmentOption', { when: f.dateTime(a.start), title: a.title }) }))}
      />
      {needsArea && (
        <Select
          label={t('feedback.meeting.area')}
          hint={t('feedback.meeting.areaHint')}
          error={errors.errorAt('area')}
          value={area}
          onChange={setArea}
          empty={t('feedback.meeting.chooseArea')}
          options={effortAreas.map((a) => ({ value: a, label: t(`calendar.areas.${a}`) }))}
        />
      )}
      {errors.errorAt('heldAt') && <p className="form-error-message">{errors.errorAt('heldAt')}</p>}
      <button type="submit" className="button button-primary" disabled={record.isPending}>
        {t('feedback.meeting.record')}
      </button>
    </form>
  );
}

const kinds: FeedbackKind[] = ['outcome', 'meeting'];

export function RatingStart({ citizenId, meeting, instruments }: { citizenId: string; meeting: MeetingView; instruments: CitizenFeedbackView['instruments'] }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateRatingLink();
  const errors = useFormErrors(['kinds', 'outcomeInstrumentId', 'meetingInstrumentId']);
  const open = kinds.filter((k) => meeting[k] === null);
  const [chosen, setChosen] = useState<string[]>(open);
  const [instrument, setInstrument] = useState<Record<FeedbackKind, string>>({ outcome: '', meeting: '' });
  const [sent, setSent] = useState<RatingLinkView>();
  const lang = i18n.language === 'en' ? 'en' : 'da';

  if (open.length === 0) return <p>{t('feedback.rate.allRated')}</p>;

  async function start(mode: 'tablet' | 'link') {
    errors.reset();
    setSent(undefined);
    if (chosen.length === 0) {
      errors.show({ field: 'kinds', reason: 'tooFew', params: { min: 1 } });
      return;
    }
    const input = {
      meetingId: meeting.id,
      mode,
      kinds: kinds.filter((k) => chosen.includes(k)),
      ...(instrument.outcome && chosen.includes('outcome') && { outcomeInstrumentId: instrument.outcome }),
      ...(instrument.meeting && chosen.includes('meeting') && { meetingInstrumentId: instrument.meeting }),
    };
    // The screen is handed to the citizen: where to come back to after logging in again.
    if (mode === 'tablet') sessionStorage.setItem(RETURN_TO_KEY, `/borgere/${encodeURIComponent(citizenId)}/feedback`);
    try {
      const link = await create.mutateAsync(input);
      // The server has ended the session; the rating page forgets it in this tab and every other.
      if (mode === 'tablet') await navigate(link.path, { replace: true });
      else setSent(link);
    } catch (err) {
      if (mode === 'tablet') sessionStorage.removeItem(RETURN_TO_KEY);
      errors.fail(err);
    }
  }

  return (
    <div className="sammen-feedback-start">
      <FormErrors formError={errors.formError} error={errors.error} />
      <CheckboxGroup
        legend={t('feedback.rate.kinds')}
        error={errors.errorAt('kinds')}
        value={chosen}
        onChange={setChosen}
        options={open.map((k) => ({ value: k, label: t(`feedback.rate.kind.${k}`) }))}
      />
      {open
        .filter((k) => chosen.includes(k))
        .map((k) => (
          <Select
            key={k}
            label={t(`feedback.rate.instrument.${k}`)}
            error={errors.errorAt(`${k}InstrumentId`)}
            value={instrument[k]}
            onChange={(v) => setInstrument((prev) => ({ ...prev, [k]: v }))}
            empty={t('feedback.rate.byAge')}
            options={instruments.filter((i) => i.kind === k).map((i) => ({ value: i.id, label: i.name[lang] }))}
          />
        ))}
      <div className="sammen-feedback-start-buttons">
        <div>
          <button type="button" className="button button-primary" disabled={create.isPending} onClick={() => void start('tablet')} aria-describedby="feedback-tablet-hint">
            {t('feedback.rate.tablet')}
          </button>
          <p id="feedback-tablet-hint" className="form-hint">
            {t('feedback.rate.tabletHint')}
          </p>
        </div>
        <div>
          <button type="button" className="button button-secondary" disabled={create.isPending} onClick={() => void start('link')}>
            {t('feedback.rate.link')}
          </button>
        </div>
      </div>
      {sent && <SentLink link={sent} />}
    </div>
  );
}

function SentLink({ link }: { link: RatingLinkView }) {
  const { t } = useTranslation();
  const f = useCalendarFormat();
  const id = useId();
  const [copied, setCopied] = useState('');
  const url = new URL(link.path, window.location.origin).href;

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(t('feedback.rate.copied'));
    } catch {
      setCopied(t('feedback.rate.copyFailed'));
    }
  }

  return (
    <div className="sammen-feedback-link">
      <div className="form-group">
        <label className="form-label" htmlFor={id}>
          {t('feedback.rate.linkLabel')}
        </label>
        <span className="form-hint" id={`${id}-hint`}>
          {t('feedback.rate.linkExpires', { when: f.dateTime(link.expiresAt) })}
        </span>
        <input id={id} className="form-input sammen-feedback-link-input" readOnly value={url} aria-describedby={`${id}-hint`} onFocus={(e) => e.currentTarget.select()} />
      </div>
      <button type="button" className="button button-secondary" onClick={() => void copy()}>
        {t('feedback.rate.copy')}
      </button>
      <p role="status" className="sammen-saved">
        {copied}
      </p>
      <p className="sammen-muted">{t('feedback.rate.notSent')}</p>
    </div>
  );
}
