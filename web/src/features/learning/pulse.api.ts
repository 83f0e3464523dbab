import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { citizenPulsesView, ownPulseView, pulseAggregatesView, pulseView, type AnswerPulseInput } from '@sammen/domain/coordination';
import { planSummary } from '@sammen/domain/plans';
import { apiGet, apiSend, ApiError, ok } from '../../app/api.ts';
import { getCitizen } from '../identity/identity.api.ts';

// Calls for the coordination pulse (issue 16) as TanStack Query hooks: a citizen's pulses (start,
// answer, close), the citizen's own one question, and the leaders' figures per coordinating unit.
// Every answer is parsed with the domain contract. Only ids and dates go into addresses.

const enc = encodeURIComponent;

export const pulseKeys = {
  citizen: (citizenId: string) => ['pulse', 'citizen', citizenId] as const,
  about: (citizenId: string) => ['pulse', 'about', citizenId] as const,
  own: ['pulse', 'own'] as const,
  aggregates: (quarter: string) => ['pulse', 'aggregates', quarter] as const,
};

const citizenPath = (citizenId: string) => `/api/citizens/${enc(citizenId)}/coordination-pulses`;

// ---- A citizen's pulses (staff) ----------------------------------------------------------------

export function useCitizenPulses(citizenId: string) {
  return useQuery({
    queryKey: pulseKeys.citizen(citizenId),
    queryFn: () => apiGet(citizenPath(citizenId), citizenPulsesView),
    // Never another citizen's pulses while the next one loads.
    placeholderData: (previous) => (previous?.pulses.every((p) => p.citizenId === citizenId) ? previous : undefined),
  });
}

/**
 * The citizen's name and who coordinates the plan (the summary shows no section of it), so the
 * page can name the citizen and offer "start" to the coordinator before any pulse exists. No
 * plan the reader may see: no coordinator (the pulses route answers for itself).
 */
export function usePulseSubject(citizenId: string) {
  return useQuery({
    queryKey: pulseKeys.about(citizenId),
    queryFn: async () => {
      const [citizen, plan] = await Promise.all([
        getCitizen(citizenId),
        apiGet(`/api/citizens/${enc(citizenId)}/plan/summary`, planSummary).catch((err: unknown) => {
          if (err instanceof ApiError && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN' || err.code === 'CONSENT_REQUIRED')) return null;
          throw err;
        }),
      ]);
      return { name: citizen.name, coordinatorId: plan?.coordinator.id ?? null };
    },
  });
}

export function useStartPulse(citizenId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiSend('POST', citizenPath(citizenId), {}, pulseView),
    onSuccess: () => client.invalidateQueries({ queryKey: pulseKeys.citizen(citizenId) }),
  });
}

export function useAnswerPulse(citizenId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ pulseId, answers }: AnswerPulseInput & { pulseId: string }) => apiSend('POST', `/api/coordination-pulses/${enc(pulseId)}/answers`, { answers }, ok),
    onSuccess: () => client.invalidateQueries({ queryKey: pulseKeys.citizen(citizenId) }),
  });
}

export function useClosePulse(citizenId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (pulseId: string) => apiSend('POST', `/api/coordination-pulses/${enc(pulseId)}/close`, {}, pulseView),
    onSuccess: () => client.invalidateQueries({ queryKey: pulseKeys.citizen(citizenId) }),
  });
}

// ---- The citizen's own question ---------------------------------------------------------------

export function useOwnPulse(enabled: boolean) {
  return useQuery({ queryKey: pulseKeys.own, queryFn: () => apiGet('/api/me/coordination-pulse', ownPulseView), enabled });
}

export function useAnswerOwnPulse() {
  return useMutation({
    mutationFn: ({ pulseId, score }: { pulseId: string; score: number }) => apiSend('POST', `/api/me/coordination-pulses/${enc(pulseId)}/answer`, { score }, ok),
  });
}

// ---- Leaders' figures per coordinating unit ---------------------------------------------------

/** One ended quarter ('2026-Q3'); empty: the server's default, the last quarter that has ended. */
export function usePulseAggregates(quarter: string) {
  return useQuery({
    queryKey: pulseKeys.aggregates(quarter),
    queryFn: () => apiGet(`/api/coordination/pulse-aggregates${quarter ? `?quarter=${enc(quarter)}` : ''}`, pulseAggregatesView),
    placeholderData: keepPreviousData,
  });
}

export type PulseAggregates = z.infer<typeof pulseAggregatesView>;
