import { sql } from 'drizzle-orm';
import { explainDeadline, type Deadline } from '@sammen/domain/deadlines';
import type { OwnDecisionsView } from '@sammen/domain/decisions';
import type { SignedInCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { readCitizenData } from '../../platform/reader.ts';
import { danishToday } from './cases.common.ts';
import { complaintViews } from './complaints.service.ts';
import { fromJson, selectDecisionTypes, selectEffortTitles, selectIssuedDecisionsOfCitizen, selectLettersOfCitizen, selectRequestsOfCitizen } from './decisions.repository.ts';
import { decisionView, effortIdsOf, letterView, requestListItem } from './decisions.views.ts';

// The citizen's decisions page (GET /api/me/decisions, /borger/afgoerelser): their requests with
// the deadline in words and the days left, their issued decisions (never a draft) with reasons,
// appeal guidance and letter, their complaints with both deadlines, their letters, and the
// decision types they may apply for. The same rows and views as the staff pages, scoped to the
// one citizen.

const PURPOSE = 'Pårørende læser borgerens afgørelser og klager';

/** The page for the citizen, or for a proxy who may read the plan (logged for the proxy). */
export function getOwnDecisions(ctx: SignedInCtx, now = Date.now()): Promise<OwnDecisionsView> {
  const actor = ctx.actor;
  if (actor.kind !== 'citizen' && actor.kind !== 'proxy') throw new AppError('FORBIDDEN');
  const today = danishToday(now);
  return readCitizenData(ctx, { action: 'decision.readOwn', purpose: PURPOSE, subject: { own: true } }, async (tx, scope) => {
    const m = scope.municipalityId;
    const citizenId = scope.citizenId;
    const [requests, decisions, complaints, letters, types] = [
      await selectRequestsOfCitizen(tx, m, citizenId),
      await selectIssuedDecisionsOfCitizen(tx, m, citizenId),
      await complaintViews(tx, m, sql`c.citizen_id = ${citizenId}::uuid`, today),
      await selectLettersOfCitizen(tx, m, citizenId),
      await selectDecisionTypes(tx, m, true),
    ];
    const effortTitles = await selectEffortTitles(tx, m, effortIdsOf(decisions));
    return {
      requests: requests.map((r) => ({ ...requestListItem(r, today), description: r.description, deadlineExplained: explainDeadline(fromJson<Deadline>(r.deadline)) })),
      decisions: decisions.map((d) => decisionView(d, effortTitles)),
      complaints,
      letters: letters.map(letterView),
      decisionTypes: types.map((t) => ({ id: t.id, name: t.name })),
    };
  });
}
