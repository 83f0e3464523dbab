// Error codes shared by server and web. The server maps each to one HTTP status
// (server/src/platform/errors.ts); the web shows one message per code.

export const errorCodes = [
  'VALIDATION',
  'BAD_JSON',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONSENT_REQUIRED',
  'CSRF_INVALID',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'LOGIN_FAILED',
  'NOT_READY',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/**
 * Why a request was refused, as data: the web translates `errors.reasons.<reason>` by key (with
 * `params`), never by reading the English message. The code decides the status; the reason says
 * what to tell the person. Schema checks give the first group; module rules the rest.
 */
export const errorReasons = [
  // From the shared zod contracts (any field).
  'required',
  'tooShort',
  'tooLong',
  'tooFew',
  'tooMany',
  'tooSmall',
  'tooLarge',
  'invalidFormat',
  'invalidDate',
  /** NUL or half of a surrogate pair: refused, never silently changed (domain/src/fields.ts). */
  'invalidCharacters',
  'invalidType',
  'invalidValue',
  'unknownField',
  'endBeforeStart',
  'endNotAfterStart',
  /** An appointment may last at most 24 hours (domain/src/calendar.ts). */
  'longerThan24h',
  /** A new appointment cannot start before now. */
  'inThePast',
  /** A recurring series must end: a last date or a number of times. */
  'recurrenceUnbounded',
  /** A series may yield at most `max` appointments. */
  'tooManyOccurrences',
  // Module rules (a field that names something that is not there, or a rule of the plan).
  'notGoalOfPlan',
  'dependsOnSelf',
  'dependencyCycle',
  'notUnitOfMunicipality',
  'notStaffOfMunicipality',
  'notStaffOfUnit',
  'notProxyOfCitizen',
  'targetRequired',
  'targetNotAllowed',
  'targetNotInPlan',
  'planExists',
  'staleVersion',
  // The network and the calendar (issue 13).
  /** The booking collides with other demands on the citizen; book anyway only with a reason. */
  'collisionsFound',
  /** A relative or guardian may not give more than they hold themselves. */
  'scopeWiderThanOwn',
  /** A relative cannot invite or name themselves. */
  'cannotInviteSelf',
  /** The unit is not involved in the citizen's plan. */
  'unitNotInvolved',
  /** The thing is already ended, cancelled or decided. */
  'alreadyEnded',
  // Decisions and complaints (issue 14).
  /** A refusal or partial grant needs a recorded dialogue contact (or why contact was not possible) before it is issued. */
  'dialogueRequired',
  /** A date that cannot be after today (a contact, a day of receipt). */
  'inTheFuture',
  /** A day of receipt more than a year back. */
  'tooOld',
  /** The decision complained about is not one of this citizen's issued decisions. */
  'notDecisionOfCitizen',
  /** An effort that is not in the citizen's plan. */
  'notEffortOfPlan',
  /** Only the unit that decides the request may do this. */
  'notDecidingUnit',
  /** There is no saved draft to issue. */
  'noDraft',
  /** The deadline is not breached (yet): no breach letter. */
  'notBreached',
  /** The new decision is not an issued decision on the same request, replacing the one complained about. */
  'notReplacingDecision',
  /** The outcome does not fit what the complaint is about. */
  'outcomeNotAllowed',
  /** The decision type is not active. */
  'inactive',
  // Feedback (issue 15).
  /** The appointment is not one of this citizen's, or not the unit's own. */
  'notAppointmentOfCitizen',
  /** A rating link or tablet session has been used; it works once. */
  'linkUsed',
  /** A rating link or tablet session has run out. */
  'linkExpired',
  /** This meeting already has that rating. */
  'alreadyRated',
  /** The instrument measures the other kind (outcome or meeting), or is not active. */
  'wrongInstrument',
  /** An instrument that ratings were given with keeps its items and scale: add a new one instead. */
  'instrumentInUse',
  // Coordination survey and pulse (issue 16).
  /** The wave or pulse is closed: no more answers, no reminders. */
  'waveClosed',
  /** Results exist only once the wave is closed. */
  'waveOpen',
  /** This person has answered already; an invitation works once. */
  'alreadyAnswered',
  /** The group is not one of the wave's groups, or not one of the municipality's active groups. */
  'notGroupOfWave',
  /** The plan already has an open coordination pulse. */
  'pulseOpen',
  /** Nobody in the citizen's network besides the coordinator can be asked. */
  'nobodyToAsk',
  /** The anonymity threshold cannot be lowered while a wave or a coordination pulse is open: those asked were promised it. */
  'openSurveys',
] as const;
export type ErrorReason = (typeof errorReasons)[number];

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    /** The field the problem is in, as a dotted path, when there is one. */
    field?: string;
    /** Why, as a key the web translates (with `params`, e.g. `{ max: 200 }`). */
    reason?: ErrorReason;
    params?: Record<string, string | number>;
    requestId: string;
  };
}
