import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  networkDistribution,
  networkView,
  relativesView,
  type changeRelativeScopesInput,
  type endNetworkPersonInput,
  type inviteRelativeInput,
  type NetworkView,
  type recordNetworkPersonInput,
  type RelativesView,
} from '@sammen/domain/network';
import { apiGet, apiSend } from '../../app/api.ts';

// The network and the relatives, read with TanStack Query. A write answers with the whole new
// view, which replaces the cached one: no second request, and the page shows what the server saw.

type In<S extends z.ZodType> = z.input<S>;
const enc = encodeURIComponent;

export const networkKeys = {
  citizen: (citizenId: string) => ['network', 'citizen', citizenId] as const,
  own: ['network', 'me'] as const,
  statistics: ['network', 'statistics'] as const,
  relatives: ['relatives', 'me'] as const,
};

export const useCitizenNetwork = (citizenId: string) =>
  useQuery({ queryKey: networkKeys.citizen(citizenId), queryFn: () => apiGet(`/api/citizens/${enc(citizenId)}/network`, networkView) });

export const useOwnNetwork = () => useQuery({ queryKey: networkKeys.own, queryFn: () => apiGet('/api/me/network', networkView) });

export const useNetworkStatistics = () => useQuery({ queryKey: networkKeys.statistics, queryFn: () => apiGet('/api/network/statistics', networkDistribution) });

export function useRecordPerson(citizenId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: In<typeof recordNetworkPersonInput>) => apiSend('POST', `/api/citizens/${enc(citizenId)}/network`, input, networkView),
    onSuccess: (view: NetworkView) => client.setQueryData(networkKeys.citizen(citizenId), view),
  });
}

/** A recorded member's id is the uuid in their key, `member:<uuid>`. */
export const memberIdOf = (key: string) => (key.startsWith('member:') ? key.slice('member:'.length) : undefined);

export function useEndPerson(citizenId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ memberId, ...input }: In<typeof endNetworkPersonInput> & { memberId: string }) =>
      apiSend('POST', `/api/citizens/${enc(citizenId)}/network/${enc(memberId)}/end`, input, networkView),
    onSuccess: (view: NetworkView) => client.setQueryData(networkKeys.citizen(citizenId), view),
  });
}

export const useRelatives = () => useQuery({ queryKey: networkKeys.relatives, queryFn: () => apiGet('/api/me/relatives', relativesView) });

function useRelativesWrite<V>(send: (vars: V) => Promise<RelativesView>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (view: RelativesView) => {
      client.setQueryData(networkKeys.relatives, view);
      // A relative's access shows in the network too.
      void client.invalidateQueries({ queryKey: networkKeys.own });
    },
  });
}

export const useInviteRelative = () => useRelativesWrite((input: In<typeof inviteRelativeInput>) => apiSend('POST', '/api/me/relatives', input, relativesView));

export const useChangeRelativeScopes = () =>
  useRelativesWrite(({ proxyId, ...input }: In<typeof changeRelativeScopesInput> & { proxyId: string }) =>
    apiSend('PUT', `/api/me/relatives/${enc(proxyId)}/scopes`, input, relativesView),
  );

export const useEndRelative = () => useRelativesWrite((proxyId: string) => apiSend('POST', `/api/me/relatives/${enc(proxyId)}/end`, {}, relativesView));
