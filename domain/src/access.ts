// Every action that can be granted, and the pure rule for it.
// Routes declare one of these (or 'public'); the server checks `can` before the handler
// and services check it again against the subject they loaded. Rules never touch the
// database: what an actor may *see* is filtered in SQL, what it may *do* is decided here.

export const staffRoles = ['frontline', 'caseworker', 'coordinator', 'leader', 'admin', 'partner'] as const;
export type StaffRole = (typeof staffRoles)[number];

export interface RoleInUnit {
  unitId: string;
  role: StaffRole;
}

export type Actor =
  | { kind: 'staff'; municipalityId: string; staffId: string; roles: RoleInUnit[]; unitId: string }
  | { kind: 'citizen'; municipalityId: string; citizenId: string }
  | { kind: 'proxy'; municipalityId: string; proxyId: string; citizenId: string; scopes: ProxyScope[] }
  | { kind: 'system'; municipalityId: string; job: string };

export const proxyScopes = ['plan.read', 'plan.comment', 'consent.manage'] as const;
export type ProxyScope = (typeof proxyScopes)[number];

/** What a rule may look at besides the actor: the thing acted on, already loaded and in reach. */
export interface Subject {
  municipalityId?: string;
  citizenId?: string;
  unitId?: string;
  /** For a plan: its coordinator. */
  coordinatorId?: string;
}

type Rule = (actor: Actor, subject: Subject) => boolean;

const sameMunicipality = (actor: Actor, subject: Subject) =>
  subject.municipalityId === undefined || subject.municipalityId === actor.municipalityId;

const isStaff = (actor: Actor): actor is Extract<Actor, { kind: 'staff' }> => actor.kind === 'staff';

/** The roles the staff member holds in the unit they are working in right now. */
export function activeRoles(actor: Actor): StaffRole[] {
  if (!isStaff(actor)) return [];
  return actor.roles.filter((r) => r.unitId === actor.unitId).map((r) => r.role);
}

const hasActiveRole =
  (...roles: StaffRole[]): Rule =>
  (actor, subject) =>
    sameMunicipality(actor, subject) && activeRoles(actor).some((r) => roles.includes(r));

const municipalStaff: StaffRole[] = ['frontline', 'caseworker', 'coordinator', 'leader', 'admin'];

const isTheCitizen: Rule = (actor, subject) =>
  actor.kind === 'citizen' &&
  sameMunicipality(actor, subject) &&
  (subject.citizenId === undefined || subject.citizenId === actor.citizenId);

const anySignedIn: Rule = (actor) => actor.kind !== 'system';

const anyStaff: Rule = (actor, subject) => isStaff(actor) && sameMunicipality(actor, subject) && activeRoles(actor).length > 0;

/** The citizen themself, or a proxy for that citizen holding the scope. */
const citizenOrProxyWith =
  (scope: ProxyScope): Rule =>
  (actor, subject) =>
    isTheCitizen(actor, subject) ||
    (actor.kind === 'proxy' &&
      sameMunicipality(actor, subject) &&
      (subject.citizenId === undefined || subject.citizenId === actor.citizenId) &&
      actor.scopes.includes(scope));

const either =
  (...rules: Rule[]): Rule =>
  (actor, subject) =>
    rules.some((r) => r(actor, subject));

/** The plan's coordinator, or a leader of the unit that coordinates it. */
const coordinatesPlan: Rule = (actor, subject) =>
  isStaff(actor) &&
  sameMunicipality(actor, subject) &&
  (actor.staffId === subject.coordinatorId || (activeRoles(actor).includes('leader') && actor.unitId === subject.unitId));

/**
 * The table of actions. Adding a feature starts here: name the action, write its rule,
 * declare it on the route. A test snapshots this table next to the routes that use it.
 */
export const rules = {
  'session.read': anySignedIn,
  'session.end': anySignedIn,
  'session.switchUnit': (actor) => isStaff(actor),
  'unit.list': (actor, subject) => isStaff(actor) && sameMunicipality(actor, subject),
  'staff.list': hasActiveRole('leader', 'admin'),
  // Until involvements exist (issue 4), any municipal staff role may look a citizen up;
  // every such read is written to the access log.
  'citizen.list': hasActiveRole(...municipalStaff),
  'citizen.read': hasActiveRole(...municipalStaff),
  'citizen.readOwn': isTheCitizen,
  'audit.verify': hasActiveRole('admin'),
  'staff.directory': anyStaff,
  // Plans. Which plans a staff member can see at all is decided in SQL by involvement (their
  // unit coordinates the plan or delivers an effort on it); these rules decide what they may do.
  'plan.create': hasActiveRole('caseworker', 'coordinator', 'leader'),
  'plan.read': either(anyStaff, citizenOrProxyWith('plan.read')),
  'plan.edit': anyStaff,
  /** Write the citizen's own words: life story, wishes, the wording of goals. */
  'plan.coauthor': citizenOrProxyWith('plan.comment'),
  /** A route that staff (plan.edit) and the citizen (plan.coauthor) share; the use case checks which applies. */
  'plan.write': either(anyStaff, citizenOrProxyWith('plan.comment')),
  'plan.comment': either(anyStaff, citizenOrProxyWith('plan.comment')),
  'plan.handOver': coordinatesPlan,
  'worklist.read': anyStaff,
  /** Ask to be involved in a plan one's unit cannot see; the coordinator (or a leader of the coordinating unit) answers. */
  'plan.requestInvolvement': anyStaff,
  'plan.decideInvolvement': coordinatesPlan,
  // Consent. The citizen (or a proxy with the right) gives and revokes; staff propose, and
  // record consents given on paper or orally. Which citizens' consents staff see is SQL-scoped.
  'consent.readOwn': citizenOrProxyWith('consent.manage'),
  'consent.manage': citizenOrProxyWith('consent.manage'),
  'consent.read': anyStaff,
  'consent.propose': anyStaff,
  'consent.record': hasActiveRole('caseworker', 'coordinator', 'leader'),
  'accessLog.readOwn': citizenOrProxyWith('consent.manage'),
  'export.readOwn': isTheCitizen,
  'breakGlass.open': hasActiveRole(...municipalStaff),
  'breakGlass.review': hasActiveRole('leader'),
  // The network (issue 13). Who is around a citizen follows the plan's visibility (SQL); the
  // citizen and a proxy who may read the plan see it too.
  'network.read': either(anyStaff, citizenOrProxyWith('plan.read')),
  /** Record a partner, volunteer, relative or other person the citizen names. */
  'network.record': anyStaff,
  /** The distribution of network sizes and caseworker changes across the municipality. */
  'network.statistics': hasActiveRole('leader', 'admin'),
  /** The citizen's relatives and what each may do. */
  'relatives.readOwn': citizenOrProxyWith('consent.manage'),
  /** Invite a relative, change what they may do, end their access: the citizen, or a guardian of a minor (the service checks which). */
  'relatives.manage': citizenOrProxyWith('consent.manage'),
  // The calendar and collisions (issue 13).
  'calendar.read': either(anyStaff, citizenOrProxyWith('plan.read')),
  'calendar.book': anyStaff,
  'calendar.attendance': anyStaff,
  /** Per-citizen load limits and the plan's periods (exemptions, "this first"). */
  'calendar.limits': hasActiveRole('caseworker', 'coordinator', 'leader'),
  /** The citizen's own iCalendar subscription: create, renew, revoke. */
  'calendar.feed': isTheCitizen,
  'collision.read': anyStaff,
  'collision.decide': anyStaff,
  // Decisions and complaints (issue 14). Which requests and complaints staff see is SQL-scoped:
  // the unit that decides (or handles the complaint), the unit that sent the request, and the
  // plan's coordinating unit. The service checks that decisions are made by the deciding unit.
  'decisionType.read': anySignedIn,
  'decisionType.manage': hasActiveRole('admin'),
  'caseSettings.manage': hasActiveRole('admin'),
  /** Register a request: one's own, or on behalf of a frontline colleague. Municipal staff: a partner asks through the plan's coordinator. */
  'request.register': hasActiveRole(...municipalStaff),
  'request.read': anyStaff,
  /** The citizen's requests, decisions, complaints and letters (and a proxy's who may read the plan). */
  'decision.readOwn': citizenOrProxyWith('plan.read'),
  /** Apply or complain from /borger: the citizen, or a proxy who may write in the plan. */
  'request.submitOwn': citizenOrProxyWith('plan.comment'),
  'complaint.submitOwn': citizenOrProxyWith('plan.comment'),
  /** Record a dialogue contact before a decision. */
  'dialogue.record': hasActiveRole('caseworker', 'coordinator', 'leader'),
  /** Draft, issue a decision, and write the deadline-breach letter: caseworkers with authority and leaders of the deciding unit. */
  'decision.make': hasActiveRole('caseworker', 'leader'),
  'complaint.register': hasActiveRole(...municipalStaff),
  'complaint.read': anyStaff,
  /** Record a personal contact on a complaint and close it. */
  'complaint.handle': hasActiveRole('caseworker', 'coordinator', 'leader'),
  'caseWork.read': anyStaff,
  'letter.read': either(anyStaff, citizenOrProxyWith('plan.read')),
  /** Time to decision, dialogue before negative decisions, complaints' contact and outcomes. */
  'caseFigures.read': hasActiveRole('leader', 'admin'),
  // Feedback (issue 15). Which meetings a staff member sees is SQL-scoped like appointments: the
  // unit that held it, the coordinating unit, others when a consent in force names its area.
  /** The instruments to pick from when a rating starts, and the settings. */
  'feedbackInstrument.read': anyStaff,
  /** Enter, change and retire instruments; compute local norms; the trajectory settings. */
  'feedbackInstrument.manage': hasActiveRole('admin'),
  /** Read the citizen's meetings and ratings (the chart, the timeline). */
  'feedback.read': anyStaff,
  /** Record a meeting, start a rating on the tablet or by link, mark an alert seen. Anyone who holds meetings with citizens. */
  'feedback.record': hasActiveRole('frontline', 'caseworker', 'coordinator', 'leader', 'partner'),
  /** The unit's ratings that alerted and are not yet seen (the work list). */
  'feedback.alerts': anyStaff,
  /** The citizen's own chart in /borger (and a proxy's who may read the plan). */
  'feedback.readOwn': citizenOrProxyWith('plan.read'),
  /** Leaders' aggregates per unit, small groups hidden. */
  'feedback.aggregates': hasActiveRole('leader', 'admin'),
  // Coordination survey and pulse (issue 16). Leaders and admins act as analysts (DESIGN.md §2:
  // "leader / analyst"). No action returns a response: only results of closed waves, with small
  // cells hidden.
  /** Work groups, survey instruments, settings; open, remind and close waves; trends. */
  'coordination.manage': hasActiveRole('leader', 'admin'),
  /** A closed wave's results: leaders and admins all; other staff as the settings say (the service decides; 'none' is 403). */
  'coordination.results': anyStaff,
  /** See one's invitations and answer a wave one is invited to. */
  'coordination.respond': anyStaff,
  /** The citizen's pulses, as far as the plan is visible (SQL); answer one's own invitation. */
  'coordinationPulse.read': anyStaff,
  'coordinationPulse.answer': anyStaff,
  /** Start and close a pulse and read its results: the plan's coordinator or a leader of the coordinating unit (checked in the service). */
  'coordinationPulse.manage': coordinatesPlan,
  /** The citizen's one question (and a proxy's who may write in the plan). */
  'coordinationPulse.answerOwn': citizenOrProxyWith('plan.comment'),
  /** Pulses per coordinating unit, small groups hidden. */
  'coordinationPulse.aggregates': hasActiveRole('leader', 'admin'),
} satisfies Record<string, Rule>;

export type Action = keyof typeof rules;
export const actions = Object.keys(rules) as Action[];

/** A route's declaration: the action it performs, or that it is open to anyone. */
export type RouteAccess = Action | 'public';

export function can(actor: Actor, action: Action, subject: Subject = {}): boolean {
  if (actor.kind === 'system') return false;
  try {
    return rules[action](actor, subject);
  } catch {
    // An error inside an access check denies; it never allows.
    return false;
  }
}
