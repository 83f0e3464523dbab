import { describe, expect, test } from 'vitest';
import type { CourseView, MeetingView, RatingView } from '@sammen/domain/feedback';
import { alertWords, chartPoints, conversationRows, formatNumber, signed } from './feedback.format.ts';

const unit = { id: '00000000-0000-4000-8000-000000000001', name: 'Jobcenter Fjordby' };
const other = { id: '00000000-0000-4000-8000-000000000002', name: 'Misbrugscenter' };

const rating = (kind: 'outcome' | 'meeting', total: number | null): RatingView => ({
  id: `00000000-0000-4000-8000-0000000001${kind === 'outcome' ? '1' : '2'}${total ?? 0}`.slice(0, 36),
  kind,
  instrumentId: '00000000-0000-4000-8000-000000000009',
  declined: total === null,
  total,
  answers: null,
  givenVia: 'tablet',
  givenAt: '2026-03-02T10:00:00Z',
});

const meeting = (conversation: number, u = unit, outcome: RatingView | null = null, meetingRating: RatingView | null = null): MeetingView => ({
  id: `00000000-0000-4000-8000-00000000010${conversation}`,
  unit: u,
  staff: { id: '00000000-0000-4000-8000-000000000003', name: 'Kasper Lund' },
  appointmentId: null,
  area: 'work',
  heldAt: `2026-03-0${conversation}T09:00:00Z`,
  conversation,
  outcome,
  meeting: meetingRating,
  alerts: [],
});

const course = (over: Partial<CourseView> = {}): CourseView => ({
  unit,
  outcomeInstrument: null,
  meetingInstrument: null,
  outcomeTotals: [18, null, 24],
  meetingTotals: [30, 36, null],
  change: null,
  trajectory: null,
  progress: null,
  ...over,
});

describe('a course as rows', () => {
  test('a declined rating is its own state, a missing one is null, and neither is a point in the chart', () => {
    const meetings = [meeting(1, unit, rating('outcome', 18), rating('meeting', 30)), meeting(2, unit, rating('outcome', null), rating('meeting', 36)), meeting(3, unit, rating('outcome', 24), null), meeting(1, other)];
    const rows = conversationRows(course(), meetings);
    expect(rows.map((r) => r.outcome)).toEqual([{ total: 18 }, { declined: true }, { total: 24 }]);
    expect(rows.map((r) => r.meeting)).toEqual([{ total: 30 }, { total: 36 }, null]);
    expect(rows.map((r) => r.heldAt)).toEqual(['2026-03-01T09:00:00Z', '2026-03-02T09:00:00Z', '2026-03-03T09:00:00Z']);
    expect(chartPoints(rows).map((p) => p.outcome)).toEqual([18, null, 24]);
  });

  test('the expected trajectory reaches beyond the last conversation; hidden points are not shown', () => {
    const trajectory = {
      start: 18, band: 4, minCourses: 10, maxConversations: 5, matchedCourses: 14,
      points: [
        { conversation: 1, expected: 18.5, courses: 14 },
        { conversation: 2, expected: 21, courses: 13 },
        { conversation: 3, expected: 23, courses: 12 },
        { conversation: 4, expected: 25, courses: 11 },
        { conversation: 5, expected: null, courses: 4 },
      ],
    };
    const rows = conversationRows(course({ trajectory }), []);
    expect(rows).toHaveLength(4);
    expect(rows[3]).toMatchObject({ conversation: 4, heldAt: null, outcome: null, expected: { value: 25, courses: 11 } });
  });
});

describe('numbers and alerts in words', () => {
  test('totals keep one decimal at most, differences carry their sign', () => {
    expect(formatNumber(24.37, 'da-DK')).toBe('24,4');
    expect(formatNumber(29, 'da-DK')).toBe('29');
    expect(signed(11, 'da-DK')).toBe('+11');
    expect(signed(-4.5, 'en-GB')).toBe('−4.5');
    expect(signed(0, 'da-DK')).toBe('0');
  });

  test('each alert names its words and numbers', () => {
    expect(alertWords({ kind: 'belowCutoff', meeting: 3, total: 22, cutoff: { value: 34, comparator: 'lt' } }, 'da-DK')).toEqual({
      key: 'feedback.alerts.kinds.belowCutoff.lt',
      params: { total: '22', cutoff: '34', meeting: 3 },
    });
    expect(alertWords({ kind: 'drop', meeting: 3, total: 30, previousMeeting: 2, previous: 36, fall: 6, threshold: 4 }, 'da-DK').key).toBe('feedback.alerts.kinds.drop');
    expect(alertWords({ kind: 'notProgressing', conversation: 4, latest: 19, expected: 26.5, shortfall: 7.5, margin: 5 }, 'da-DK').params).toMatchObject({ latest: '19', expected: '26,5' });
  });
});
