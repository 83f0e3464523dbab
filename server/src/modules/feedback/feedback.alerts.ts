import type { FeedbackAlert, FeedbackAlertsView } from '@sammen/domain/feedback';
import type { SignedInCtx } from '../../platform/context.ts';
import { staffActor } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { readCitizenList } from '../../platform/reader.ts';
import { recordEvent } from '../audit/audit.service.ts';
import { fromJson, selectOpenAlerts, selectRatingOfUnit, updateAlertSeen } from './feedback.repository.ts';

// Ratings that alerted the unit that held the meeting (a low or dropping meeting rating, an
// outcome behind the expected trajectory), in the unit's work list until someone there has seen
// them. Only the unit that held the meeting gets them: it is the one to act on them.

const PURPOSE = 'Tilbagemeldinger, der kalder på opfølgning';
/** Older alerts have been acted on, or will not be: the work list shows the last 60 days. */
const ALERT_DAYS = 60;
const MAX_ALERTS = 100;

/** GET /api/feedback/alerts: one access-log row per citizen shown. */
export function listAlerts(ctx: SignedInCtx): Promise<FeedbackAlertsView> {
  const actor = staffActor(ctx);
  return readCitizenList(ctx, { action: 'feedback.alerts', purpose: PURPOSE, subjectType: 'citizen' }, async (tx) => {
    const rows = await selectOpenAlerts(tx, actor.municipalityId, actor.unitId, { days: ALERT_DAYS, limit: MAX_ALERTS });
    const alerts = rows.map((r) => ({
      ratingId: r.rating_id, meetingId: r.meeting_id, citizen: { id: r.citizen_id, name: r.citizen_name }, heldAt: new Date(r.held_at).toISOString(),
      staff: { id: r.staff_id, name: r.staff_name }, kind: r.kind, alerts: fromJson<FeedbackAlert[]>(r.alerts),
    }));
    return { data: { alerts }, citizenIds: rows.map((r) => r.citizen_id) };
  });
}

/** POST /api/feedback/alerts/:ratingId/seen: by the unit that held the meeting (else 404); seen twice is seen once. */
export function markAlertSeen(ctx: SignedInCtx, ratingId: string): Promise<{ ok: true }> {
  const actor = staffActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const rating = await selectRatingOfUnit(tx, actor.municipalityId, ratingId, actor.unitId);
    if (!rating) throw new AppError('NOT_FOUND');
    if (!rating.seen) {
      await updateAlertSeen(tx, actor.municipalityId, ratingId, actor.staffId);
      await recordEvent(tx, ctx, { kind: 'write', action: 'feedback.alertSeen', citizenId: rating.citizen_id, subjectType: 'feedbackRating', subjectId: ratingId });
    }
    return { ok: true as const };
  });
}
