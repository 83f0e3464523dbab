import { z } from 'zod';
import { id } from '@sammen/domain/identity';
import {
  accessLogPage,
  breakGlassView,
  consentView,
  planSection,
  readBasis,
  type breakGlassInput,
  type giveConsentInput,
  type proposeConsentInput,
  type recordConsentInput,
} from '@sammen/domain/consent';
import { changeView, planView } from '@sammen/domain/plans';
import { apiGet, apiSend } from '../../app/api.ts';

// Calls to the consent module: the citizen's consents, break-glass access, "who looked".

const enc = encodeURIComponent;
type In<T extends z.ZodType> = z.input<T>;

export const ownConsents = z.object({ consents: z.array(consentView), breakGlass: z.array(breakGlassView) });
export type OwnConsents = z.infer<typeof ownConsents>;

// ---- The citizen's side ------------------------------------------------------------------

export const listOwnConsents = () => apiGet('/api/me/consents', ownConsents);
export const giveConsent = (input: In<typeof giveConsentInput>) => apiSend('POST', '/api/me/consents', input, ownConsents);
export const acceptProposal = (consentId: string) => apiSend('POST', `/api/me/consents/${enc(consentId)}/give`, {}, ownConsents);
export const declineProposal = (consentId: string, reason: string) => apiSend('POST', `/api/me/consents/${enc(consentId)}/decline`, { reason }, ownConsents);
export const revokeConsent = (consentId: string) => apiSend('POST', `/api/me/consents/${enc(consentId)}/revoke`, {}, ownConsents);

export const revocationImpact = z.object({ consentId: id, loses: z.array(planSection), keeps: z.array(planSection) });
export const getRevocationImpact = (consentId: string) => apiGet(`/api/me/consents/${enc(consentId)}/impact`, revocationImpact);

export interface AccessLogFilter {
  before?: number;
  limit?: number;
  unitId?: string;
  basis?: z.infer<typeof readBasis>;
}

/** Only ids, numbers and fixed words go into the query string: never a name or free text. */
export function getAccessLog(filter: AccessLogFilter) {
  const q = new URLSearchParams();
  if (filter.before) q.set('before', String(filter.before));
  q.set('limit', String(filter.limit ?? 20));
  if (filter.unitId) q.set('unitId', filter.unitId);
  if (filter.basis) q.set('basis', filter.basis);
  return apiGet(`/api/me/access-log?${q.toString()}`, accessLogPage);
}

/** The download link; the browser saves the JSON file the server names. */
export const exportUrl = '/api/me/export';

/** The same export, parsed for the readable "Mine data" page. Unknown parts are kept as they are. */
export const ownExport = z.object({
  exportedAt: z.string(),
  profile: z.object({ name: z.string(), birthDate: z.string() }).nullable(),
  // The plan and its history are shown when they read as today's shapes; the file has them as they are.
  plan: z.unknown().transform((v) => planView.safeParse(v).data ?? null),
  history: z.unknown().transform((v) => z.array(changeView).safeParse(v).data ?? []),
  consents: z.array(consentView),
  breakGlass: z.array(breakGlassView),
  accessLog: accessLogPage.shape.entries,
});
export type OwnExport = z.infer<typeof ownExport>;
export const getOwnExport = () => apiGet(exportUrl, ownExport);

// ---- The staff side ------------------------------------------------------------------------

const citizen = (citizenId: string) => `/api/citizens/${enc(citizenId)}`;

export const listCitizenConsents = (citizenId: string) => apiGet(`${citizen(citizenId)}/consents`, z.array(consentView));
export const proposeConsent = (citizenId: string, input: In<typeof proposeConsentInput>) =>
  apiSend('POST', `${citizen(citizenId)}/consents/proposals`, input, z.array(consentView));
export const recordConsent = (citizenId: string, input: In<typeof recordConsentInput>) =>
  apiSend('POST', `${citizen(citizenId)}/consents/records`, input, z.array(consentView));

export const breakGlassOpened = z.object({ id, planId: id, expiresAt: z.string() });
export const openBreakGlass = (citizenId: string, input: In<typeof breakGlassInput>) => apiSend('POST', `${citizen(citizenId)}/break-glass`, input, breakGlassOpened);

export const listBreakGlassForReview = () => apiGet('/api/break-glass', z.array(breakGlassView));
export const reviewBreakGlass = (breakGlassId: string, note: string) => apiSend('POST', `/api/break-glass/${enc(breakGlassId)}/review`, { note }, z.array(breakGlassView));
