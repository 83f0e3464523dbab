import { useEffect, useState } from 'react';
import { ApiError } from './api.ts';

export type Loadable<T> = { status: 'loading' } | { status: 'failed'; error: ApiError } | { status: 'ready'; data: T };

/** Loads data for a page; reloads when deps change and ignores answers that arrive too late. */
export function useApi<T>(load: () => Promise<T>, deps: unknown[]): Loadable<T> {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    load().then(
      (data) => current && setState({ status: 'ready', data }),
      (err: unknown) => current && setState({ status: 'failed', error: err instanceof ApiError ? err : new ApiError('BAD_RESPONSE', 0) }),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return state;
}
