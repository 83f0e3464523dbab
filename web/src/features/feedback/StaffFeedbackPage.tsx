import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can } from '@sammen/domain/access';
import type { CitizenFeedbackView, CourseView, MeetingView, RatingView } from '@sammen/domain/feedback';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { actorOf, useStaffSession } from '../../app/session.tsx';
import { Success } from '../../app/Success.tsx';
import { useCalendarFormat } from '../calendar/format.ts';
import { apiErrorOf } from '../calendar/calendar.api.ts';
import { CourseCharts } from './CourseChart.tsx';
import { useCitizenFeedback } from './feedback.api.ts';
import { formatNumber, signed } from './feedback.format.ts';
import { NewMeeting, RatingStart } from './NewMeeting.tsx';
import { ScrollArea } from './parts.tsx';

// "Borgerens vurderinger" (staff): each course with one unit as a chart and its table, the change
// in words with its numbers, the expected trajectory and what it rests on; every meeting this
// reader may see on one timeline (a declined rating is said in words, never as a low score; units
// whose meetings are rated low are marked); and, for those who hold meetings, a new meeting and
// its rating — on this screen (the staff member's session ends) or by a link.

export function StaffFeedbackPage() {
  const { t } = useTranslation();
  const { citizenId = '' } = useParams();
  const feedback = useCitizenFeedback(citizenId);

  return (
    <>
      <p className="sammen-back">
        <Link to={`/borgere/${encodeURIComponent(citizenId)}`}>{t('feedback.staff.back')}</Link>
      </p>
      {feedback.isPending && <Loading />}
      {feedback.isError && (
        <Page title={t('feedback.staff.titleUnknown')}>
          <ErrorAlert error={apiErrorOf(feedback.error)} />
        </Page>
      )}
      {feedback.data && <FeedbackSections view={feedback.data} />}
    </>
  );
}

function FeedbackSections({ view }: { view: CitizenFeedbackView }) {
  const { t } = useTranslation();
  const session = useStaffSession();
  const mayRecord = can(actorOf(session), 'feedback.record');
  const [selected, setSelected] = useState<string>();
  const [done, setDone] = useState('');
  const ratingHeading = useRef<HTMLHeadingElement>(null);
  const selectedMeeting = view.meetings.find((m) => m.id === selected);

  function choose(meeting: MeetingView, message = '') {
    setSelected(meeting.id);
    setDone(message);
    setTimeout(() => ratingHeading.current?.focus());
  }

  return (
    <Page title={t('feedback.staff.title', { name: view.citizen.name })}>
      <p className="font-lead">{t('feedback.staff.intro')}</p>
      {!view.complete && (
        <div className="alert alert-info" role="note">
          <div className="alert-body">
            <p className="alert-text">{t('feedback.staff.incomplete')}</p>
          </div>
        </div>
      )}
      <Success text={done} />

      {mayRecord && (
        <section className="sammen-section" aria-labelledby="feedback-new-heading">
          <h2 id="feedback-new-heading">{t('feedback.meeting.heading')}</h2>
          <NewMeeting view={view} onRecorded={(m) => choose(m, t('feedback.meeting.recorded', { n: m.conversation }))} />
          {selectedMeeting && (
            <div className="sammen-feedback-rate">
              <h3 ref={ratingHeading} tabIndex={-1} id="feedback-rate-heading">
                {t('feedback.rate.heading', { n: selectedMeeting.conversation })}
              </h3>
              <RatingStart key={selectedMeeting.id} citizenId={view.citizen.id} meeting={selectedMeeting} instruments={view.instruments} />
            </div>
          )}
        </section>
      )}

      <section className="sammen-section" aria-labelledby="feedback-courses-heading">
        <h2 id="feedback-courses-heading">{t('feedback.courses.heading')}</h2>
        {view.courses.length === 0 ? <p>{t('feedback.courses.none')}</p> : view.courses.map((c) => <Course key={c.unit.id} course={c} view={view} />)}
      </section>

      <section className="sammen-section" aria-labelledby="feedback-timeline-heading">
        <h2 id="feedback-timeline-heading">{t('feedback.timeline.heading')}</h2>
        <Timeline view={view} onRate={mayRecord ? (m) => choose(m) : undefined} myUnitId={session.unitId} />
      </section>
    </Page>
  );
}

function Course({ course, view }: { course: CourseView; view: CitizenFeedbackView }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'da-DK';
  const n = (x: number) => formatNumber(x, locale);
  const headingId = `feedback-course-${course.unit.id}`;
  const low = view.lowUnits.includes(course.unit.id);
  const { change, progress, trajectory, outcomeInstrument } = course;
  const notValidated = [course.outcomeInstrument, course.meetingInstrument].some((i) => i?.normsStatus === 'local_not_validated');
  const shownPoints = trajectory?.points.filter((p) => p.expected !== null).length ?? 0;

  return (
    <section className="sammen-feedback-course" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {course.unit.name}
        {low && (
          <>
            {' '}
            <span className="badge badge-warning">{t('feedback.lowUnit')}</span>
          </>
        )}
      </h3>
      {notValidated && (
        <p>
          <span className="badge badge-info">{t('feedback.courses.notValidated')}</span> <span className="sammen-muted">{t('feedback.courses.notValidatedHint')}</span>
        </p>
      )}
      {change ? (
        <p className="sammen-feedback-change">
          <strong>{t(`feedback.change.kinds.${change.classification}`)}</strong>
          {': '}
          {t('feedback.change.numbers', { first: n(change.first), latest: n(change.latest), difference: signed(change.difference, locale), threshold: n(change.threshold) })}
          {change.crossedCutoff && <> {t(`feedback.change.crossed.${change.crossedCutoff}`, { cutoff: n(change.cutoff.value) })}</>}
        </p>
      ) : (
        outcomeInstrument && <p>{t('feedback.change.tooFew')}</p>
      )}
      {progress?.status === 'notProgressing' && progress.latest !== null && progress.expected !== null && (
        <div className="alert alert-warning sammen-feedback-progress">
          <div className="alert-body">
            <p className="alert-text">
              <strong>{t('feedback.progress.notProgressingHeading')}</strong>{' '}
              {t('feedback.progress.notProgressing', { conversation: progress.conversation, latest: n(progress.latest), expected: n(progress.expected), margin: n(progress.margin) })}
            </p>
          </div>
        </div>
      )}
      {progress?.status === 'asExpected' && progress.latest !== null && progress.expected !== null && (
        <p>{t('feedback.progress.asExpected', { conversation: progress.conversation, latest: n(progress.latest), expected: n(progress.expected) })}</p>
      )}
      {trajectory &&
        (shownPoints > 0 ? (
          <p className="sammen-muted">{t('feedback.trajectory.restsOn', { count: trajectory.matchedCourses, band: n(trajectory.band), start: n(trajectory.start) })}</p>
        ) : (
          <p className="sammen-muted">{t('feedback.trajectory.tooFew', { count: trajectory.matchedCourses, min: trajectory.minCourses })}</p>
        ))}
      <CourseCharts course={course} meetings={view.meetings} words="feedback.chart" showExpected />
    </section>
  );
}

function Timeline({ view, onRate, myUnitId }: { view: CitizenFeedbackView; onRate?: (m: MeetingView) => void; myUnitId: string }) {
  const { t, i18n } = useTranslation();
  const f = useCalendarFormat();
  const locale = i18n.language === 'en' ? 'en-GB' : 'da-DK';
  const meetings = [...view.meetings].sort((a, b) => a.heldAt.localeCompare(b.heldAt) || a.id.localeCompare(b.id));
  if (meetings.length === 0) return <p>{t('feedback.timeline.none')}</p>;
  const rating = (r: RatingView | null) => (r === null ? t('feedback.chart.notRated') : r.declined || r.total === null ? t('feedback.chart.declined') : formatNumber(r.total, locale));
  return (
    <ScrollArea label={t('feedback.timeline.caption', { name: view.citizen.name })}>
      <table className="table table--zebra sammen-feedback-timeline">
        <caption className="sr-only">{t('feedback.timeline.caption', { name: view.citizen.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('feedback.timeline.date')}</th>
            <th scope="col">{t('feedback.timeline.unit')}</th>
            <th scope="col" className="sammen-number">
              {t('feedback.timeline.conversation')}
            </th>
            <th scope="col" className="sammen-number">
              {t('feedback.chart.outcomeColumn')}
            </th>
            <th scope="col" className="sammen-number">
              {t('feedback.chart.meetingColumn')}
            </th>
            <th scope="col">{t('feedback.timeline.staff')}</th>
            {onRate && <th scope="col">{t('feedback.timeline.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {meetings.map((m) => {
            const low = view.lowUnits.includes(m.unit.id);
            const open = m.unit.id === myUnitId && (m.outcome === null || m.meeting === null);
            return (
              <tr key={m.id} className={low ? 'sammen-feedback-low' : undefined}>
                <td>{f.dateTime(m.heldAt)}</td>
                <td>
                  {m.unit.name}
                  {low && <div className="badge badge-warning">{t('feedback.lowUnit')}</div>}
                </td>
                <td className="sammen-number">{m.conversation}</td>
                <td className="sammen-number">{rating(m.outcome)}</td>
                <td className="sammen-number">{rating(m.meeting)}</td>
                <td>{m.staff.name}</td>
                {onRate && (
                  <td>
                    {open && (
                      <button type="button" className="button button-secondary sammen-small-button" onClick={() => onRate(m)} aria-label={t('feedback.timeline.rateLabel', { date: f.dateTime(m.heldAt) })}>
                        {t('feedback.timeline.rate')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollArea>
  );
}
