import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api.ts';

// Server state for the pages (TanStack Query). New pages read with useQuery and write with
// useMutation, invalidating the keys they change; older pages still use useApi until they are
// touched. Citizen data is never kept after it is not shown: short gcTime, and the cache is
// cleared on logout (session.tsx).

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx answer will not change on retry; a network blip may.
      retry: (failures, err) => failures < 2 && !(err instanceof ApiError && err.status >= 400 && err.status < 500),
      staleTime: 10_000,
      gcTime: 60_000,
      refetchOnWindowFocus: false,
    },
  },
});
