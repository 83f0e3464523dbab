import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  aggregatesView,
  citizenFeedbackView,
  feedbackAlertsView,
  feedbackSettings,
  instrumentView,
  instrumentsView,
  meetingView,
  normsView,
  ownFeedbackView,
  ratingFormView,
  ratingLinkView,
  submitRatingsView,
  type FeedbackSettings,
  type SubmitRatingsInput,
  type instrumentInput,
  type normsInput,
  type ratingLinkInput,
  type recordMeetingInput,
} from '@sammen/domain/feedback';
import { apiGet, apiSend, ok } from '../../app/api.ts';

// Calls to the feedback module (issue 15) as TanStack Query hooks: a citizen's meetings and
// ratings (staff and the citizen's own), recording a meeting and starting a rating, the public
// rating itself, the unit's alerts, the instruments and settings, and the leaders' aggregates.
// Every answer is parsed with the domain contract. Only ids, dates and fixed words go into
// addresses; the rating's secret travels in a body, never in an address the server sees.

const enc = encodeURIComponent;
type In<T extends z.ZodType> = z.input<T>;

export const feedbackKeys = {
  citizen: (citizenId: string) => ['feedback', 'citizen', citizenId] as const,
  own: ['feedback', 'own'] as const,
  alerts: ['feedback', 'alerts'] as const,
  instruments: ['feedback', 'instruments'] as const,
  aggregates: (from: string, to: string, by: string) => ['feedback', 'aggregates', from, to, by] as const,
  rating: (token: string) => ['rating', token] as const,
};

const citizenPath = (citizenId: string) => `/api/citizens/${enc(citizenId)}/feedback`;

// ---- A citizen's meetings and ratings --------------------------------------------------------

export function useCitizenFeedback(citizenId: string) {
  return useQuery({
    queryKey: feedbackKeys.citizen(citizenId),
    queryFn: () => apiGet(citizenPath(citizenId), citizenFeedbackView),
    // Never another citizen's chart while the next one loads.
    placeholderData: (previous) => (previous?.citizen.id === citizenId ? previous : undefined),
  });
}

export function useOwnFeedback() {
  return useQuery({ queryKey: feedbackKeys.own, queryFn: () => apiGet('/api/me/feedback', ownFeedbackView) });
}

export function useRecordMeeting(citizenId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: In<typeof recordMeetingInput>) => apiSend('POST', `${citizenPath(citizenId)}/meetings`, input, meetingView),
    onSuccess: () => client.invalidateQueries({ queryKey: feedbackKeys.citizen(citizenId) }),
  });
}

/**
 * A rating on this screen or by link. In tablet mode the server ends the staff member's
 * session in the same answer: the caller hands the screen over and clears what was cached.
 */
export function useCreateRatingLink() {
  return useMutation({
    mutationFn: ({ meetingId, ...input }: In<typeof ratingLinkInput> & { meetingId: string }) =>
      apiSend('POST', `/api/feedback/meetings/${enc(meetingId)}/links`, input, ratingLinkView),
  });
}

// ---- The rating (public: the token is the only key) -------------------------------------------

export function useRatingForm(token: string, enabled: boolean) {
  return useQuery({
    queryKey: feedbackKeys.rating(token),
    queryFn: () => apiSend('POST', '/api/ratings/open', { token }, ratingFormView),
    enabled: enabled && token !== '',
    retry: false,
    staleTime: Infinity,
    gcTime: 0,
  });
}

export function useSubmitRatings() {
  return useMutation({ mutationFn: (input: SubmitRatingsInput) => apiSend('POST', '/api/ratings', input, submitRatingsView) });
}

// ---- The unit's alerts -----------------------------------------------------------------------

export function useFeedbackAlerts() {
  return useQuery({ queryKey: feedbackKeys.alerts, queryFn: () => apiGet('/api/feedback/alerts', feedbackAlertsView) });
}

export function useMarkAlertSeen() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ratingId: string) => apiSend('POST', `/api/feedback/alerts/${enc(ratingId)}/seen`, {}, ok),
    onSuccess: () => client.invalidateQueries({ queryKey: feedbackKeys.alerts }),
  });
}

// ---- Instruments, norms and settings ---------------------------------------------------------

export function useInstruments() {
  return useQuery({ queryKey: feedbackKeys.instruments, queryFn: () => apiGet('/api/feedback/instruments', instrumentsView) });
}

export function useSaveInstrument() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: In<typeof instrumentInput> & { id?: string }) =>
      id ? apiSend('PUT', `/api/feedback/instruments/${enc(id)}`, input, instrumentView) : apiSend('POST', '/api/feedback/instruments', input, instrumentView),
    onSuccess: () => client.invalidateQueries({ queryKey: feedbackKeys.instruments }),
  });
}

export function useComputeNorms(instrumentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: In<typeof normsInput>) => apiSend('POST', `/api/feedback/instruments/${enc(instrumentId)}/norms`, input, normsView),
    onSuccess: (view) => (view.applied ? client.invalidateQueries({ queryKey: feedbackKeys.instruments }) : undefined),
  });
}

export function useSaveFeedbackSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: FeedbackSettings) => apiSend('PUT', '/api/feedback/settings', input, feedbackSettings),
    onSuccess: () => client.invalidateQueries({ queryKey: feedbackKeys.instruments }),
  });
}

// ---- Leaders' aggregates -----------------------------------------------------------------------

export type AggregateBy = 'month' | 'quarter';

export function useAggregates(from: string, to: string, by: AggregateBy) {
  return useQuery({
    queryKey: feedbackKeys.aggregates(from, to, by),
    queryFn: () => apiGet(`/api/feedback/aggregates?${new URLSearchParams({ from, to, by }).toString()}`, aggregatesView),
    enabled: from !== '' && to !== '',
    placeholderData: keepPreviousData,
  });
}
