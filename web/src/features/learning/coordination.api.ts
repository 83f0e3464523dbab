import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  coordinationSettings,
  invitationsView,
  surveyFormView,
  surveyInstrumentView,
  trendsView,
  waveResultsView,
  waveView,
  wavesView,
  workGroupView,
  workGroupsView,
  type CoordinationSettings,
  type OpenWaveInput,
  type SubmitSurveyInput,
  type WorkGroupInput,
  type surveyInstrumentInput,
} from '@sammen/domain/coordination';
import { apiGet, apiSend, ok } from '../../app/api.ts';

// Calls to the coordination survey (issue 16) as TanStack Query hooks: work groups, instruments
// and settings, waves (open, remind, close), a closed wave's results and the trends across waves,
// and — for every staff member — my invitations, the form and the answer. Every answer is parsed
// with the domain contract. Only ids go into addresses.

const enc = encodeURIComponent;
type In<T extends z.ZodType> = z.input<T>;

export const coordinationKeys = {
  all: ['coordination'] as const,
  groups: ['coordination', 'groups'] as const,
  instruments: ['coordination', 'instruments'] as const,
  settings: ['coordination', 'settings'] as const,
  waves: ['coordination', 'waves'] as const,
  wave: (waveId: string) => ['coordination', 'waves', waveId] as const,
  results: (waveId: string) => ['coordination', 'results', waveId] as const,
  trends: (instrumentId: string) => ['coordination', 'trends', instrumentId] as const,
  invitations: ['coordination', 'invitations'] as const,
  form: (waveId: string) => ['coordination', 'form', waveId] as const,
};

const wavePath = (waveId: string) => `/api/coordination/waves/${enc(waveId)}`;

/** Where a closed wave's numbers can be downloaded (shown cells only; the server decides who may), in the page's language. */
export const resultsCsvPath = (waveId: string, lang: 'da' | 'en') => `${wavePath(waveId)}/results.csv?lang=${lang}`;

// ---- Work groups ---------------------------------------------------------------------------------

export function useWorkGroups(enabled = true) {
  return useQuery({ queryKey: coordinationKeys.groups, queryFn: () => apiGet('/api/coordination/groups', workGroupsView), enabled });
}

export function useSaveWorkGroup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: WorkGroupInput & { id?: string }) =>
      id ? apiSend('PUT', `/api/coordination/groups/${enc(id)}`, input, workGroupView) : apiSend('POST', '/api/coordination/groups', input, workGroupView),
    onSuccess: () => client.invalidateQueries({ queryKey: coordinationKeys.groups }),
  });
}

// ---- Instruments and settings ------------------------------------------------------------------

const instrumentsView = z.object({ instruments: z.array(surveyInstrumentView) });

export function useSurveyInstruments(enabled = true) {
  return useQuery({ queryKey: coordinationKeys.instruments, queryFn: () => apiGet('/api/coordination/instruments', instrumentsView), enabled });
}

export function useSaveSurveyInstrument() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: In<typeof surveyInstrumentInput> & { id?: string }) =>
      id
        ? apiSend('PUT', `/api/coordination/instruments/${enc(id)}`, input, surveyInstrumentView)
        : apiSend('POST', '/api/coordination/instruments', input, surveyInstrumentView),
    onSuccess: () => client.invalidateQueries({ queryKey: coordinationKeys.instruments }),
  });
}

export function useCoordinationSettings() {
  return useQuery({ queryKey: coordinationKeys.settings, queryFn: () => apiGet('/api/coordination/settings', coordinationSettings) });
}

export function useSaveCoordinationSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CoordinationSettings) => apiSend('PUT', '/api/coordination/settings', input, coordinationSettings),
    onSuccess: (saved) => client.setQueryData(coordinationKeys.settings, saved),
  });
}

// ---- Waves ---------------------------------------------------------------------------------------

export function useWaves(enabled = true) {
  return useQuery({ queryKey: coordinationKeys.waves, queryFn: () => apiGet('/api/coordination/waves', wavesView), enabled });
}

/** One wave; while it is open its response counts are live, so they are asked for again every 15 s. */
export function useWave(waveId: string, enabled = true) {
  return useQuery({
    queryKey: coordinationKeys.wave(waveId),
    queryFn: () => apiGet(wavePath(waveId), waveView),
    enabled,
    refetchInterval: (query) => (query.state.data?.status === 'open' ? 15_000 : false),
  });
}

export function useOpenWave() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: OpenWaveInput) => apiSend('POST', '/api/coordination/waves', input, waveView),
    onSuccess: () => client.invalidateQueries({ queryKey: coordinationKeys.all }),
  });
}

export function useRemindWave(waveId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiSend('POST', `${wavePath(waveId)}/remind`, {}, waveView),
    onSuccess: (wave) => {
      client.setQueryData(coordinationKeys.wave(waveId), wave);
      void client.invalidateQueries({ queryKey: coordinationKeys.waves });
    },
  });
}

export function useCloseWave(waveId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiSend('POST', `${wavePath(waveId)}/close`, {}, waveView),
    onSuccess: (wave) => {
      client.setQueryData(coordinationKeys.wave(waveId), wave);
      void client.invalidateQueries({ queryKey: coordinationKeys.waves });
      void client.invalidateQueries({ queryKey: coordinationKeys.invitations });
    },
  });
}

// ---- Results -------------------------------------------------------------------------------------

export function useWaveResults(waveId: string, enabled = true) {
  return useQuery({ queryKey: coordinationKeys.results(waveId), queryFn: () => apiGet(`${wavePath(waveId)}/results`, waveResultsView), enabled, retry: false });
}

export function useTrends(instrumentId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: coordinationKeys.trends(instrumentId ?? ''),
    queryFn: () => apiGet(`/api/coordination/trends?${new URLSearchParams({ instrumentId: instrumentId ?? '' }).toString()}`, trendsView),
    enabled: enabled && Boolean(instrumentId),
  });
}

// ---- Answering -------------------------------------------------------------------------------------

export function useInvitations() {
  return useQuery({ queryKey: coordinationKeys.invitations, queryFn: () => apiGet('/api/coordination/invitations', invitationsView) });
}

export function useSurveyForm(waveId: string, enabled = true) {
  return useQuery({
    queryKey: coordinationKeys.form(waveId),
    queryFn: () => apiGet(`${wavePath(waveId)}/form`, surveyFormView),
    enabled,
    retry: false,
    // The form is read once: a refetch after answering would only say "already answered".
    staleTime: Infinity,
  });
}

export function useSubmitSurvey(waveId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SubmitSurveyInput) => apiSend('POST', `${wavePath(waveId)}/responses`, input, ok),
    onSuccess: () => client.invalidateQueries({ queryKey: coordinationKeys.invitations }),
  });
}
