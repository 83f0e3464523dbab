import type { CourseView, FeedbackAlert, MeetingView } from '@sammen/domain/feedback';

// Pure helpers for the feedback pages: a course as rows (one per conversation, with what the
// citizen answered or that they did not answer), the chart's points, and numbers as people read
// them. A declined rating is its own state, never a score: the chart leaves it out, the table
// says so in words.

/** What one conversation of a course shows for one kind of rating. */
export type Answer = { total: number } | { declined: true } | null;

export interface ConversationRow {
  conversation: number;
  /** When it was held, when the reader sees the meeting. */
  heldAt: string | null;
  outcome: Answer;
  meeting: Answer;
  /** The expected outcome total at this conversation, and how many courses it rests on (null: not shown). */
  expected: { value: number; courses: number } | null;
}

const answerOf = (total: number | null | undefined, declined: boolean): Answer =>
  typeof total === 'number' ? { total } : declined ? { declined: true } : null;

/**
 * The course's conversations in order, from 1 to the last one held or expected (the expected
 * trajectory reaches beyond today's conversation, so the reader sees where courses like this go).
 */
export function conversationRows(course: CourseView, meetings: readonly MeetingView[]): ConversationRow[] {
  const mine = meetings.filter((m) => m.unit.id === course.unit.id);
  const byNumber = new Map(mine.map((m) => [m.conversation, m]));
  const points = course.trajectory?.points ?? [];
  const lastExpected = points.reduce((last, p) => (p.expected !== null ? Math.max(last, p.conversation) : last), 0);
  const lastHeld = Math.max(course.outcomeTotals.length, course.meetingTotals.length, ...mine.map((m) => m.conversation), 0);
  const n = Math.max(lastHeld, lastExpected);
  return Array.from({ length: n }, (_, i) => {
    const conversation = i + 1;
    const m = byNumber.get(conversation);
    const point = points.find((p) => p.conversation === conversation);
    return {
      conversation,
      heldAt: m?.heldAt ?? null,
      outcome: answerOf(course.outcomeTotals[i], m?.outcome?.declined ?? false),
      meeting: answerOf(course.meetingTotals[i], m?.meeting?.declined ?? false),
      expected: point && point.expected !== null ? { value: point.expected, courses: point.courses } : null,
    };
  });
}

/** The chart's points: a declined or missing rating is no point at all. */
export function chartPoints(rows: readonly ConversationRow[]) {
  const value = (a: Answer) => (a && 'total' in a ? a.total : null);
  return rows.map((r) => ({ conversation: r.conversation, outcome: value(r.outcome), meeting: value(r.meeting), expected: r.expected?.value ?? null }));
}

/** A total as people read it: whole numbers as they are, others with one decimal. */
export function formatNumber(n: number, locale: string): string {
  return n.toLocaleString(locale, { maximumFractionDigits: 1 });
}

/** A difference with its sign: "+11", "−4", "0". */
export function signed(n: number, locale: string): string {
  const text = formatNumber(Math.abs(n), locale);
  return n > 0 ? `+${text}` : n < 0 ? `−${text}` : text;
}

/** A share as a whole percentage. */
export const percent = (share: number) => Math.round(share * 100);

/** The key of an alert's words (feedback.alerts.kinds.*) and its numbers. */
export function alertWords(alert: FeedbackAlert, locale: string): { key: string; params: Record<string, string | number> } {
  const n = (x: number) => formatNumber(x, locale);
  switch (alert.kind) {
    case 'belowCutoff':
      return { key: `feedback.alerts.kinds.belowCutoff.${alert.cutoff.comparator}`, params: { total: n(alert.total), cutoff: n(alert.cutoff.value), meeting: alert.meeting } };
    case 'drop':
      return { key: 'feedback.alerts.kinds.drop', params: { fall: n(alert.fall), previous: n(alert.previous), total: n(alert.total), meeting: alert.meeting } };
    case 'notProgressing':
      return { key: 'feedback.alerts.kinds.notProgressing', params: { latest: n(alert.latest), expected: n(alert.expected), conversation: alert.conversation, shortfall: n(alert.shortfall) } };
  }
}
