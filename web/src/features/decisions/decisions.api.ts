import { useMutation, useQuery, useQueryClient, keepPreviousData } from '@tanstack/react-query';
import { z } from 'zod';
import {
  caseFiguresView,
  caseSettingsView,
  decisionTypeView,
  letterView,
  requestListItem,
  requestListView,
  requestView,
  type RequestView,
  type breachLetterInput,
  type caseSettingsInput,
  type decisionTypeInput,
  type draftDecisionInput,
  type issueDecisionInput,
  type recordDialogueInput,
  type registerRequestInput,
} from '@sammen/domain/decisions';
import { apiGet, apiSend } from '../../app/api.ts';

// Calls to the decisions module (issue 14) as TanStack Query hooks: decision types and the
// municipality's case settings, requests and their page (dialogue, draft, issue, breach letter),
// letters and the leaders' figures. Every answer is parsed with the domain contract.
// Only ids, dates and fixed words go into addresses: never a name or free text.

const enc = encodeURIComponent;
type In<T extends z.ZodType> = z.input<T>;

export const decisionKeys = {
  types: ['decisionTypes'] as const,
  settings: ['caseSettings'] as const,
  requests: ['requests'] as const,
  requestList: (status: string, side: string) => ['requests', 'list', status, side] as const,
  request: (requestId: string) => ['requests', 'one', requestId] as const,
  letter: (letterId: string) => ['letters', letterId] as const,
  figures: (from: string, to: string) => ['caseFigures', from, to] as const,
};

// ---- Decision types and case settings ---------------------------------------------------------

const decisionTypeList = z.object({ decisionTypes: z.array(decisionTypeView) });

export function useDecisionTypes() {
  return useQuery({ queryKey: decisionKeys.types, queryFn: () => apiGet('/api/decision-types', decisionTypeList), staleTime: 60_000 });
}

export function useSaveDecisionType() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: In<typeof decisionTypeInput> & { id?: string }) =>
      id ? apiSend('PUT', `/api/decision-types/${enc(id)}`, input, decisionTypeView) : apiSend('POST', '/api/decision-types', input, decisionTypeView),
    onSuccess: () => client.invalidateQueries({ queryKey: decisionKeys.types }),
  });
}

export function useCaseSettings() {
  return useQuery({ queryKey: decisionKeys.settings, queryFn: () => apiGet('/api/case-settings', caseSettingsView), staleTime: 60_000 });
}

export function useSaveCaseSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: In<typeof caseSettingsInput>) => apiSend('PUT', '/api/case-settings', input, caseSettingsView),
    onSuccess: (settings) => client.setQueryData(decisionKeys.settings, settings),
  });
}

// ---- Requests --------------------------------------------------------------------------------

export type ListStatus = 'open' | 'decided' | 'all';
export type ListSide = 'authority' | 'requester' | 'all';


export function useRequests(status: ListStatus, side: ListSide) {
  return useQuery({
    queryKey: decisionKeys.requestList(status, side),
    queryFn: () => apiGet(`/api/requests?${new URLSearchParams({ status, side }).toString()}`, requestListView),
    placeholderData: keepPreviousData,
  });
}

export function useRequest(requestId: string) {
  return useQuery({ queryKey: decisionKeys.request(requestId), queryFn: () => apiGet(`/api/requests/${enc(requestId)}`, requestView) });
}

export function useRegisterRequest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: In<typeof registerRequestInput>) => apiSend('POST', '/api/requests', input, requestView),
    onSuccess: (request) => {
      client.setQueryData(decisionKeys.request(request.id), request);
      return client.invalidateQueries({ queryKey: decisionKeys.requests, predicate: (q) => q.queryKey[1] === 'list' });
    },
  });
}

/** A change on the request page answers with the whole request: it replaces the cached one. */
function useRequestChange<I>(requestId: string, send: (input: I) => Promise<RequestView>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (request) => {
      client.setQueryData(decisionKeys.request(requestId), request);
      return client.invalidateQueries({ queryKey: decisionKeys.requests, predicate: (q) => q.queryKey[1] === 'list' });
    },
  });
}

const requestPath = (requestId: string) => `/api/requests/${enc(requestId)}`;

export const useRecordDialogue = (requestId: string) =>
  useRequestChange(requestId, (input: In<typeof recordDialogueInput>) => apiSend('POST', `${requestPath(requestId)}/dialogue`, input, requestView));

export const useSaveDraft = (requestId: string) =>
  useRequestChange(requestId, (input: In<typeof draftDecisionInput>) => apiSend('PUT', `${requestPath(requestId)}/draft-decision`, input, requestView));

export const useIssueDecision = (requestId: string) =>
  useRequestChange(requestId, (input: In<typeof issueDecisionInput>) => apiSend('POST', `${requestPath(requestId)}/decision`, input, requestView));

export const useBreachLetter = (requestId: string) =>
  useRequestChange(requestId, (input: In<typeof breachLetterInput>) => apiSend('POST', `${requestPath(requestId)}/breach-letter`, input, requestView));

/** The draft kept in the cache even when issuing it was refused (the server saved it first). */
export function useRefreshRequest(requestId: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: decisionKeys.request(requestId) });
}

// ---- Letters and figures ---------------------------------------------------------------------

export function useLetter(letterId: string) {
  return useQuery({ queryKey: decisionKeys.letter(letterId), queryFn: () => apiGet(`/api/letters/${enc(letterId)}`, letterView) });
}

export function useCaseFigures(from: string, to: string) {
  const query = new URLSearchParams({ ...(from && { from }), ...(to && { to }) }).toString();
  return useQuery({
    queryKey: decisionKeys.figures(from, to),
    queryFn: () => apiGet(`/api/case-figures${query ? `?${query}` : ''}`, caseFiguresView),
    placeholderData: keepPreviousData,
  });
}
