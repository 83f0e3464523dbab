import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CourseView, OwnFeedbackView } from '@sammen/domain/feedback';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { useVoice } from '../../app/voice.ts';
import { apiErrorOf } from '../calendar/calendar.api.ts';
import { CourseCharts } from './CourseChart.tsx';
import { useOwnFeedback } from './feedback.api.ts';
import { formatNumber } from './feedback.format.ts';

// "Sådan er det gået for dig" in /borger: the citizen's own answers after each conversation, per
// place they talk with, as a chart and the same numbers in a table. Plain Danish, short
// sentences. A question the citizen did not answer says so ("Du svarede ikke"), never a low score.

export function OwnFeedbackPage() {
  const { say } = useVoice();
  const own = useOwnFeedback();
  return (
    <>
      <p className="sammen-back">
        <Link to="/borger">{say('borgerFeedback.back')}</Link>
      </p>
      <Page title={say('borgerFeedback.title')}>
        <p className="font-lead">{say('borgerFeedback.intro')}</p>
        <p>{say('borgerFeedback.why')}</p>
        {own.isPending && <Loading />}
        {own.isError && <ErrorAlert error={apiErrorOf(own.error)} />}
        {own.data && <Courses view={own.data} />}
      </Page>
    </>
  );
}

function Courses({ view }: { view: OwnFeedbackView }) {
  const { say } = useVoice();
  if (view.courses.length === 0) return <p>{say('borgerFeedback.none')}</p>;
  return (
    <>
      {view.courses.map((c) => (
        <Course key={c.unit.id} course={c} view={view} />
      ))}
    </>
  );
}

function Course({ course, view }: { course: CourseView; view: OwnFeedbackView }) {
  const { say } = useVoice();
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'da-DK';
  const n = (x: number) => formatNumber(x, locale);
  const headingId = `own-course-${course.unit.id}`;
  const { change } = course;
  const trend = !change ? null : change.classification === 'noReliableChange' ? 'same' : change.improvement > 0 ? 'better' : 'worse';
  return (
    <section className="sammen-section sammen-feedback-course" aria-labelledby={headingId}>
      <h2 id={headingId}>{say('borgerFeedback.unitHeading', { unit: course.unit.name })}</h2>
      {change && trend && <p className="sammen-feedback-change">{say(`borgerFeedback.trend.${trend}`, { first: n(change.first), latest: n(change.latest) })}</p>}
      {!change && course.outcomeInstrument && <p>{say('borgerFeedback.trend.tooFew')}</p>}
      <CourseCharts course={course} meetings={view.meetings} words="borgerFeedback.chart" showExpected={false} />
    </section>
  );
}
