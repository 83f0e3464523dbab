import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, LabelList, Line, LineChart, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { CourseView, InstrumentSummary, MeetingView } from '@sammen/domain/feedback';
import { useVoice } from '../../app/voice.ts';
import { useCalendarFormat } from '../calendar/format.ts';
import { dayOf } from '../calendar/time.ts';
import { chartPoints, conversationRows, formatNumber, type Answer, type ConversationRow } from './feedback.format.ts';
import { ScrollArea } from './parts.tsx';
import './feedback.css';

// One course (the citizen with one unit) as two line charts — how life is going (outcome) and
// how the conversations went (meeting) — and the same numbers in a table below. The charts are
// pictures with a name (role="img"); the table is their text alternative, always shown. Lines
// differ by pattern and the cutoff is labelled, never told by colour alone.

export type ChartWords = 'feedback.chart' | 'borgerFeedback.chart';

const INK = '#1a1a1a';
const BLUE = '#0059b3';
const GREY = '#454545';
const RED = '#b51d09';

export function CourseCharts({ course, meetings, words, showExpected }: { course: CourseView; meetings: readonly MeetingView[]; words: ChartWords; showExpected: boolean }) {
  const rows = conversationRows(course, meetings);
  const shown = showExpected ? rows : rows.filter((r) => r.heldAt !== null || r.outcome !== null || r.meeting !== null);
  if (shown.length === 0) return null;
  return (
    <>
      <div className="sammen-feedback-charts">
        {course.outcomeInstrument && <TotalChart kind="outcome" instrument={course.outcomeInstrument} rows={shown} words={words} showExpected={showExpected} trajectoryCourses={course.trajectory?.matchedCourses ?? 0} />}
        {course.meetingInstrument && <TotalChart kind="meeting" instrument={course.meetingInstrument} rows={shown} words={words} showExpected={false} trajectoryCourses={0} />}
      </div>
      <NumbersTable unit={course.unit.name} rows={shown} words={words} showExpected={showExpected && course.outcomeInstrument !== null} />
    </>
  );
}

function TotalChart(props: { kind: 'outcome' | 'meeting'; instrument: InstrumentSummary; rows: ConversationRow[]; words: ChartWords; showExpected: boolean; trajectoryCourses: number }) {
  const { kind, instrument, rows, words, showExpected } = props;
  const { i18n } = useTranslation();
  const { say } = useVoice();
  const captionId = useId();
  const locale = i18n.language === 'en' ? 'en-GB' : 'da-DK';
  const n = (x: number) => formatNumber(x, locale);
  const data = chartPoints(rows);
  const key = kind === 'outcome' ? 'outcome' : 'meeting';
  const values = data.map((d) => d[key]).filter((v): v is number => v !== null);
  const hasExpected = showExpected && data.some((d) => d.expected !== null);
  const name = instrument.name[i18n.language === 'en' ? 'en' : 'da'];
  const cutoff = instrument.cutoff.value;
  const summary = values.length
    ? say(`${words}.summary`, { name, values: values.map(n).join(', '), cutoff: n(cutoff) })
    : say(`${words}.summaryNone`, { name });

  return (
    <figure className="sammen-feedback-chart" aria-labelledby={captionId}>
      <figcaption id={captionId} className="sammen-feedback-chart-caption">
        {say(`${words}.${kind}Heading`, { name })}
      </figcaption>
      <div className="sammen-feedback-chart-box">
        <ResponsiveContainer width="100%" height={260}>
          <LineChart data={data} margin={{ top: 20, right: 24, bottom: 24, left: 0 }} accessibilityLayer={false} role="img" aria-label={summary}>
            <CartesianGrid stroke="#d6d6d6" strokeDasharray="2 4" />
            <XAxis
              dataKey="conversation"
              type="number"
              domain={[1, Math.max(rows.length, 2)]}
              ticks={rows.map((r) => r.conversation)}
              allowDecimals={false}
              stroke={GREY}
              tick={{ fill: INK }}
              label={{ value: say(`${words}.conversation`), position: 'insideBottom', offset: -12, fill: INK }}
            />
            <YAxis domain={[instrument.range.min, instrument.range.max]} allowDecimals={false} stroke={GREY} tick={{ fill: INK }} width={40} />
            <ReferenceLine
              y={cutoff}
              stroke={RED}
              strokeDasharray="2 3"
              strokeWidth={2}
              label={{ value: say(`${words}.cutoffLabel`, { cutoff: n(cutoff) }), position: 'insideBottomRight', fill: INK, fontSize: 13 }}
            />
            {hasExpected && <Line type="linear" dataKey="expected" stroke={GREY} strokeWidth={2} strokeDasharray="8 5" dot={false} connectNulls isAnimationActive={false} />}
            <Line type="linear" dataKey={key} stroke={BLUE} strokeWidth={3} dot={{ r: 5, fill: BLUE, stroke: BLUE }} connectNulls isAnimationActive={false}>
              <LabelList dataKey={key} position="top" fill={INK} fontSize={13} formatter={(v: unknown) => (typeof v === 'number' ? n(v) : '')} />
            </Line>
          </LineChart>
        </ResponsiveContainer>
      </div>
      <ul className="sammen-feedback-legend">
        <li>
          <span className="sammen-legend-line sammen-legend-solid" aria-hidden="true" /> {say(`${words}.${kind}Line`)}
        </li>
        {hasExpected && (
          <li>
            <span className="sammen-legend-line sammen-legend-dashed" aria-hidden="true" /> {say(`${words}.expectedLine`, { count: props.trajectoryCourses })}
          </li>
        )}
        <li>
          <span className="sammen-legend-line sammen-legend-dotted" aria-hidden="true" /> {say(`${words}.cutoffLine`, { cutoff: n(cutoff) })}
        </li>
      </ul>
    </figure>
  );
}

function NumbersTable({ unit, rows, words, showExpected }: { unit: string; rows: ConversationRow[]; words: ChartWords; showExpected: boolean }) {
  const { i18n } = useTranslation();
  const { say } = useVoice();
  const f = useCalendarFormat();
  const locale = i18n.language === 'en' ? 'en-GB' : 'da-DK';
  const answer = (a: Answer) => (a === null ? say(`${words}.notRated`) : 'total' in a ? formatNumber(a.total, locale) : say(`${words}.declined`));
  return (
    <ScrollArea label={say(`${words}.tableCaption`, { unit })}>
      <table className="table table--zebra sammen-feedback-numbers">
        <caption>{say(`${words}.tableCaption`, { unit })}</caption>
        <thead>
          <tr>
            <th scope="col">{say(`${words}.conversation`)}</th>
            <th scope="col">{say(`${words}.date`)}</th>
            <th scope="col" className="sammen-number">
              {say(`${words}.outcomeColumn`)}
            </th>
            {showExpected && (
              <th scope="col" className="sammen-number">
                {say(`${words}.expectedColumn`)}
              </th>
            )}
            <th scope="col" className="sammen-number">
              {say(`${words}.meetingColumn`)}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.conversation}>
              <th scope="row">{say(`${words}.conversationNo`, { n: r.conversation })}</th>
              <td>{r.heldAt ? f.date(dayOf(r.heldAt)) : say(`${words}.notHeld`)}</td>
              <td className="sammen-number">{r.heldAt || r.outcome ? answer(r.outcome) : '–'}</td>
              {showExpected && (
                <td className="sammen-number">{r.expected ? say(`${words}.expectedValue`, { value: formatNumber(r.expected.value, locale), count: r.expected.courses }) : '–'}</td>
              )}
              <td className="sammen-number">{r.heldAt || r.meeting ? answer(r.meeting) : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  );
}
