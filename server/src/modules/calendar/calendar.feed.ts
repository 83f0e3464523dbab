import { createHash, randomBytes } from 'node:crypto';
import ical, { ICalEventStatus } from 'ical-generator';
import type { CalendarFeedView } from '@sammen/domain/appointments';
import { TIME_ZONE } from '@sammen/domain/calendar';
import type { Ctx, SignedInCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { readCitizenData } from '../../platform/reader.ts';
import { recordEvent } from '../audit/audit.service.ts';
import { revokeFeed, selectFeed, selectFeedCalendar, upsertFeed } from './calendar.repository.ts';

// The citizen's iCalendar subscription: all their appointments in their own calendar app. The
// address carries a 256-bit secret; only its SHA-256 is stored, so the address is shown once
// (when created or renewed) and a copy of the database cannot subscribe. Renewing replaces the
// secret — the old address stops at once — and revoking ends it.
//
// The public feed route and the one reader: a calendar app has no session, so the feed route is
// `public` and cannot go through readCitizenData (which needs an actor, and which platform/http.ts
// refuses on a route that does not declare readsCitizenData). The token is the citizen's own
// capability, handed only to the citizen: a request with it is the citizen reading their own data,
// for which the reader writes no access-log row either. So the route reads the calendar itself,
// scoped by the token in the same statement, and logs nothing — as the reader would.

const FEED_DAYS_BACK = 30;
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const PURPOSE = 'Borgerens kalenderabonnement';

function feedView(row: { created_at: Date; revoked_at: Date | null } | undefined, url: string | null = null): CalendarFeedView {
  const active = !!row && row.revoked_at === null;
  return { active, createdAt: active ? new Date(row!.created_at).toISOString() : null, url };
}

export function getFeed(ctx: SignedInCtx) {
  return readCitizenData(ctx, { action: 'calendar.feed', purpose: PURPOSE, subject: { own: true } }, async (tx, scope) => feedView(await selectFeed(tx, scope.municipalityId, scope.citizenId)));
}

/** Creates or renews the subscription; the answer is the one time the address is shown. */
export function renewFeed(ctx: SignedInCtx) {
  return readCitizenData(ctx, { action: 'calendar.feed', purpose: PURPOSE, subject: { own: true } }, async (tx, scope) => {
    const token = randomBytes(32).toString('base64url');
    const createdAt = await upsertFeed(tx, scope.municipalityId, scope.citizenId, hashToken(token));
    await recordEvent(tx, ctx, { kind: 'write', action: 'calendar.feedRenewed', citizenId: scope.citizenId, subjectType: 'citizen', subjectId: scope.citizenId });
    return feedView({ created_at: createdAt, revoked_at: null }, `${ctx.config.publicUrl}/api/calendar-feeds/${token}`);
  });
}

export function endFeed(ctx: SignedInCtx) {
  return readCitizenData(ctx, { action: 'calendar.feed', purpose: PURPOSE, subject: { own: true } }, async (tx, scope) => {
    await revokeFeed(tx, scope.municipalityId, scope.citizenId);
    await recordEvent(tx, ctx, { kind: 'write', action: 'calendar.feedRevoked', citizenId: scope.citizenId, subjectType: 'citizen', subjectId: scope.citizenId });
    return feedView(undefined);
  });
}

/** Europe/Copenhagen as a VTIMEZONE (the EU rule since 1996), so every calendar app agrees on the times. */
const copenhagen = () => [
  'BEGIN:VTIMEZONE', `TZID:${TIME_ZONE}`, `X-LIC-LOCATION:${TIME_ZONE}`,
  'BEGIN:DAYLIGHT', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'TZNAME:CEST', 'DTSTART:19700329T020000', 'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'END:DAYLIGHT',
  'BEGIN:STANDARD', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'TZNAME:CET', 'DTSTART:19701025T030000', 'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/**
 * The feed for a token: the citizen's appointments from 30 days back, with titles, places and
 * units — no CPR number, no notes. An unknown or revoked token is 404, like any other address.
 */
export async function feedCalendar(ctx: Ctx, token: string): Promise<string> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw new AppError('NOT_FOUND');
  const rows = await selectFeedCalendar(ctx.db, hashToken(token), new Date(Date.now() - FEED_DAYS_BACK * 86_400_000));
  if (!rows.length) throw new AppError('NOT_FOUND');
  const calendar = ical({ name: 'Mine aftaler (Sammen)', prodId: { company: 'Sammen', product: 'kalender', language: 'DA' }, timezone: { name: TIME_ZONE, generator: copenhagen } });
  for (const a of rows) {
    if (!a.id) continue;
    const cancelled = a.status?.startsWith('cancelled') ?? false;
    calendar.createEvent({
      id: `${a.id}@sammen`,
      start: new Date(a.starts_at!),
      end: new Date(a.ends_at!),
      timezone: TIME_ZONE,
      summary: `${a.title}${a.mandatory ? ' (mødepligt)' : ''}`,
      location: a.place || null,
      description: a.unit_name ?? '',
      organizer: undefined,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      lastModified: a.updated_at ? new Date(a.updated_at) : undefined,
    });
  }
  return calendar.toString();
}
