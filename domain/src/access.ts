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
