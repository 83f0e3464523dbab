import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  caseWork,
  complaintView,
  ownDecisionsView,
  requestView,
  type closeComplaintInput,
  type recordComplaintContactInput,
  type registerComplaintInput,
  type registerOwnComplaintInput,
  type registerOwnRequestInput,
} from '@sammen/domain/decisions';
import { citizenSummary } from '@sammen/domain/identity';
import { ApiError, apiGet, apiSend } from '../../app/api.ts';
import { listUnits, searchCitizens } from '../identity/identity.api.ts';

// Calls to the complaints module, as TanStack Query hooks: the complaint list and one complaint
// with its contacts and closing, registering one from a call or a letter, the caseworker's
// deadlines (the work list), and the citizen's own page (/api/me/...). Every answer is parsed by
// the domain contract. Only ids go into addresses: never a name or free text.

const enc = encodeURIComponent;
type In<T extends z.ZodType> = z.input<T>;

export const complaintKeys = {
  all: ['complaints'] as const,
  list: (status: string) => ['complaints', 'list', status] as const,
  one: (complaintId: string) => ['complaints', 'one', complaintId] as const,
  /** The request of a complained decision, for the decisions that may replace it. */
  request: (requestId: string) => ['complaints', 'request', requestId] as const,
  citizen: (citizenId: string) => ['complaints', 'citizen', citizenId] as const,
  caseWork: ['caseWork'] as const,
  own: ['ownDecisions'] as const,
};

const complaintList = z.object({ complaints: z.array(complaintView) });
const created = z.object({ id: z.string() });

// ---- Staff ---------------------------------------------------------------------------------

export type ComplaintStatusFilter = 'open' | 'closed' | 'all';

export function useComplaints(status: ComplaintStatusFilter) {
  return useQuery({ queryKey: complaintKeys.list(status), queryFn: () => apiGet(`/api/complaints?status=${status}`, complaintList) });
}

export function useComplaint(complaintId: string) {
  return useQuery({ queryKey: complaintKeys.one(complaintId), queryFn: () => apiGet(`/api/complaints/${enc(complaintId)}`, complaintView) });
}

/** The request a complained decision belongs to: its decisions, to pick the one issued on reassessment. */
export function useComplainedRequest(requestId: string | undefined) {
  return useQuery({
    queryKey: complaintKeys.request(requestId ?? ''),
    queryFn: () => apiGet(`/api/requests/${enc(requestId!)}`, requestView),
    enabled: requestId !== undefined,
    staleTime: 0,
  });
}

/** The citizen a complaint is registered for (opening it is written to the citizen's access log). */
export function useCitizen(citizenId: string | undefined) {
  return useQuery({
    queryKey: complaintKeys.citizen(citizenId ?? ''),
    queryFn: () => apiGet(`/api/citizens/${enc(citizenId!)}`, citizenSummary),
    enabled: Boolean(citizenId),
  });
}

/** A POST, so the name searched for never ends up in an address. */
export function useCitizenSearch() {
  return useMutation({ mutationFn: (q: string) => searchCitizens(q.trim()) });
}

export function useUnits() {
  return useQuery({ queryKey: ['units'], queryFn: listUnits, staleTime: 5 * 60_000 });
}

function useInvalidateComplaints() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: complaintKeys.all }),
      client.invalidateQueries({ queryKey: complaintKeys.caseWork }),
    ]);
}

export function useRegisterComplaint() {
  const invalidate = useInvalidateComplaints();
  return useMutation({
    mutationFn: (input: In<typeof registerComplaintInput>) => apiSend('POST', '/api/complaints', input, complaintView),
    onSuccess: () => invalidate(),
  });
}

export function useRecordComplaintContact(complaintId: string) {
  const client = useQueryClient();
  const invalidate = useInvalidateComplaints();
  return useMutation({
    mutationFn: (input: In<typeof recordComplaintContactInput>) => apiSend('POST', `/api/complaints/${enc(complaintId)}/contacts`, input, complaintView),
    onSuccess: (complaint) => {
      client.setQueryData(complaintKeys.one(complaintId), complaint);
      return invalidate();
    },
  });
}

export function useCloseComplaint(complaintId: string) {
  const client = useQueryClient();
  const invalidate = useInvalidateComplaints();
  return useMutation({
    mutationFn: (input: In<typeof closeComplaintInput>) => apiSend('POST', `/api/complaints/${enc(complaintId)}/close`, input, complaintView),
    onSuccess: (complaint) => {
      client.setQueryData(complaintKeys.one(complaintId), complaint);
      return invalidate();
    },
  });
}

/** Due and overdue deadlines of the actor's current unit: a unit switch clears the cache (session.tsx). */
export function useCaseWork() {
  return useQuery({ queryKey: complaintKeys.caseWork, queryFn: () => apiGet('/api/case-work', caseWork) });
}

// ---- The citizen's own page ------------------------------------------------------------------

export function useOwnDecisions() {
  return useQuery({ queryKey: complaintKeys.own, queryFn: () => apiGet('/api/me/decisions', ownDecisionsView) });
}

export function useSubmitOwnComplaint() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: In<typeof registerOwnComplaintInput>) => apiSend('POST', '/api/me/complaints', input, created),
    onSuccess: () => client.invalidateQueries({ queryKey: complaintKeys.own }),
  });
}

export function useSubmitOwnRequest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: In<typeof registerOwnRequestInput>) => apiSend('POST', '/api/me/requests', input, created),
    onSuccess: () => client.invalidateQueries({ queryKey: complaintKeys.own }),
  });
}

/** An error as an ApiError, whatever was thrown. */
export const apiErrorOf = (err: unknown): ApiError => (err instanceof ApiError ? err : new ApiError('NETWORK', 0));
