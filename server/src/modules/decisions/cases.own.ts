import { sql } from 'drizzle-orm';
import { daysLeft, explainDeadline, isBreached, type Deadline } from '@sammen/domain/deadlines';
import type { DecisionView, LetterView, OwnDecisionsView } from '@sammen/domain/decisions';
import type { SignedInCtx } from '../../platform/context.ts';
import { query, type Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { readCitizenData } from '../../platform/reader.ts';
import { caseSettingsOf, danishToday } from './cases.common.ts';
import { complaintViews } from './complaints.service.ts';

// The citizen's decisions page (GET /api/me/decisions, /borger/afgoerelser): their requests with
// the deadline in words and the days left, their issued decisions (never a draft) with reasons,
// appeal guidance and letter, their complaints with both deadlines, their letters, and the
// decision types they may apply for. Read here in SQL of its own, scoped to the one citizen.

const PURPOSE = 'Pårørende læser borgerens afgørelser og klager';

type Person = { id: string; name: string } | null;
const person = (id: string | null, name: string | null): Person => (id === null ? null : { id, name: name ?? '' });
const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
const isoText = (col: string) => sql.raw(`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

interface RequestRow extends Record<string, unknown> {
  id: string;
  citizen_name: string;
  type_id: string;
  type_name: string;
  unit_id: string;
  unit_name: string;
  registered_by_id: string | null;
  registered_by_name: string | null;
  on_behalf_of_id: string | null;
  on_behalf_of_name: string | null;
  by_citizen: boolean;
  urgency: 'normal' | 'urgent';
  received_on: string;
  due_on: string;
  deadline: Deadline | string;
  status: 'open' | 'decided' | 'withdrawn';
  decided_on: string | null;
  has_dialogue: boolean;
  breach_letter: boolean;
  description: string;
}

function selectOwnRequests(db: Db, municipalityId: string, citizenId: string) {
  return query<RequestRow>(
    db,
    sql`SELECT r.id::text AS id, ci.name AS citizen_name, t.id::text AS type_id, t.name AS type_name, u.id::text AS unit_id, u.name AS unit_name,
          rb.id::text AS registered_by_id, rb.name AS registered_by_name, ob.id::text AS on_behalf_of_id, ob.name AS on_behalf_of_name,
          r.by_citizen, r.urgency, r.received_on::text AS received_on, r.due_on::text AS due_on, r.deadline, r.status, r.decided_on::text AS decided_on,
          EXISTS (SELECT 1 FROM dialogue_contacts dc WHERE dc.municipality_id = r.municipality_id AND dc.request_id = r.id) AS has_dialogue,
          EXISTS (SELECT 1 FROM letters l WHERE l.municipality_id = r.municipality_id AND l.citizen_id = r.citizen_id AND l.kind = 'deadlineBreach'
            AND l.subject_type = 'request' AND l.subject_id = r.id) AS breach_letter,
          r.description
        FROM decision_requests r
          JOIN citizens ci ON ci.municipality_id = r.municipality_id AND ci.id = r.citizen_id
          JOIN decision_types t ON t.municipality_id = r.municipality_id AND t.id = r.decision_type_id
          JOIN units u ON u.municipality_id = r.municipality_id AND u.id = r.unit_id
          LEFT JOIN staff rb ON rb.municipality_id = r.municipality_id AND rb.id = r.registered_by
          LEFT JOIN staff ob ON ob.municipality_id = r.municipality_id AND ob.id = r.on_behalf_of
        WHERE r.municipality_id = ${municipalityId}::uuid AND r.citizen_id = ${citizenId}::uuid
        ORDER BY r.received_on DESC, r.created_at DESC, r.id`,
  );
}

interface DecisionRow extends Record<string, unknown> {
  id: string;
  request_id: string;
  type_id: string;
  type_name: string;
  outcome: DecisionView['outcome'];
  legal_basis: string;
  considerations: string;
  key_facts: string;
  lix: number;
  efforts: DecisionView['efforts'] | string;
  decided_on: string | null;
  decided_by_id: string | null;
  decided_by_name: string | null;
  appeal_guidance: string;
  complaint_deadline: Deadline | string | null;
  replaces_decision_id: string | null;
  letter_id: string | null;
}

/** Issued decisions only: a draft is the caseworker's, not yet the citizen's. */
function selectOwnDecisions(db: Db, municipalityId: string, citizenId: string) {
  return query<DecisionRow>(
    db,
    sql`SELECT d.id::text AS id, d.request_id::text AS request_id, t.id::text AS type_id, t.name AS type_name, d.outcome, d.legal_basis, d.considerations,
          d.key_facts, d.lix, d.decided_on::text AS decided_on, s.id::text AS decided_by_id, s.name AS decided_by_name, d.appeal_guidance,
          d.complaint_deadline, d.replaces_decision_id::text AS replaces_decision_id, d.letter_id::text AS letter_id,
          coalesce((SELECT json_agg(json_build_object('effortId', e.value->>'effortId', 'link', e.value->>'link', 'title', coalesce(ef.title, '')) ORDER BY e.ordinality)
            FROM jsonb_array_elements(d.efforts) WITH ORDINALITY e
              LEFT JOIN efforts ef ON ef.municipality_id = d.municipality_id AND ef.id::text = e.value->>'effortId'), '[]'::json) AS efforts
        FROM decisions d
          JOIN decision_types t ON t.municipality_id = d.municipality_id AND t.id = d.decision_type_id
          LEFT JOIN staff s ON s.municipality_id = d.municipality_id AND s.id = d.decided_by
        WHERE d.municipality_id = ${municipalityId}::uuid AND d.citizen_id = ${citizenId}::uuid AND d.status = 'issued'
        ORDER BY d.decided_on DESC NULLS LAST, d.created_at DESC, d.id`,
  );
}

interface LetterRow extends Record<string, unknown> {
  id: string;
  kind: LetterView['kind'];
  citizen_name: string;
  title: string;
  body: string;
  lix: number;
  created_at: string;
  status: 'outbox' | 'sent';
  sent_at: string | null;
}

function selectOwnLetters(db: Db, municipalityId: string, citizenId: string) {
  return query<LetterRow>(
    db,
    sql`SELECT l.id::text AS id, l.kind, ci.name AS citizen_name, l.title, l.body, l.lix, ${isoText('l.created_at')} AS created_at, l.status, ${isoText('l.sent_at')} AS sent_at
        FROM letters l JOIN citizens ci ON ci.municipality_id = l.municipality_id AND ci.id = l.citizen_id
        WHERE l.municipality_id = ${municipalityId}::uuid AND l.citizen_id = ${citizenId}::uuid
        ORDER BY l.created_at DESC, l.id`,
  );
}

function selectActiveTypes(db: Db, municipalityId: string) {
  return query<{ id: string; name: string }>(db, sql`SELECT id::text AS id, name FROM decision_types WHERE municipality_id = ${municipalityId}::uuid AND active ORDER BY name, id`);
}

/** The page for the citizen, or for a proxy who may read the plan (logged for the proxy). */
export function getOwnDecisions(ctx: SignedInCtx, now = Date.now()): Promise<OwnDecisionsView> {
  const actor = ctx.actor;
  if (actor.kind !== 'citizen' && actor.kind !== 'proxy') throw new AppError('FORBIDDEN');
  const today = danishToday(now);
  return readCitizenData(ctx, { action: 'decision.readOwn', purpose: PURPOSE, subject: { own: true } }, async (tx, scope) => {
    const m = scope.municipalityId;
    const citizenId = scope.citizenId;
    const { rules } = await caseSettingsOf(tx, m);
    const [requests, decisions, complaints, letters, types] = [
      await selectOwnRequests(tx, m, citizenId),
      await selectOwnDecisions(tx, m, citizenId),
      await complaintViews(tx, m, sql`c.citizen_id = ${citizenId}::uuid`, today),
      await selectOwnLetters(tx, m, citizenId),
      await selectActiveTypes(tx, m),
    ];
    return {
      requests: requests.map((r) => {
        const d = json<Deadline>(r.deadline);
        return {
          id: r.id,
          citizen: { id: citizenId, name: r.citizen_name },
          decisionType: { id: r.type_id, name: r.type_name },
          unit: { id: r.unit_id, name: r.unit_name },
          registeredBy: person(r.registered_by_id, r.registered_by_name),
          onBehalfOf: person(r.on_behalf_of_id, r.on_behalf_of_name),
          byCitizen: r.by_citizen,
          urgency: r.urgency,
          receivedOn: r.received_on,
          due: r.due_on,
          daysLeft: daysLeft(r.due_on, today, rules),
          breached: r.status === 'open' && isBreached(r.due_on, today),
          status: r.status,
          decidedOn: r.decided_on,
          hasDialogue: r.has_dialogue,
          breachLetter: r.breach_letter,
          description: r.description,
          deadlineExplained: explainDeadline(d),
        };
      }),
      decisions: decisions.map(
        (d): DecisionView => ({
          id: d.id,
          requestId: d.request_id,
          decisionType: { id: d.type_id, name: d.type_name },
          status: 'issued',
          outcome: d.outcome,
          legalBasis: d.legal_basis,
          considerations: d.considerations,
          keyFacts: d.key_facts,
          lix: d.lix,
          efforts: json(d.efforts),
          decidedOn: d.decided_on,
          decidedBy: person(d.decided_by_id, d.decided_by_name),
          appealGuidance: d.appeal_guidance,
          complaintDeadline: d.complaint_deadline === null ? null : json<Deadline>(d.complaint_deadline),
          replacesDecisionId: d.replaces_decision_id,
          letterId: d.letter_id,
        }),
      ),
      complaints,
      letters: letters.map((l) => ({
        id: l.id, kind: l.kind, citizen: { id: citizenId, name: l.citizen_name }, title: l.title, body: l.body, lix: l.lix, createdAt: l.created_at, status: l.status, sentAt: l.sent_at,
      })),
      decisionTypes: types,
    };
  });
}

