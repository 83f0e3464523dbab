import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SessionView } from '@sammen/domain/identity';
import type { Actor } from '@sammen/domain/access';
import { findSession, logout as endSession } from '../features/auth/auth.api.ts';
import { ApiError } from './api.ts';
import { queryClient } from './query.ts';

// Who is signed in, loaded once and refreshed after login, logout and unit switches.
// Kept in memory only: a reload asks the server again.

type SessionState =
  | { status: 'loading' }
  | { status: 'failed'; error: ApiError }
  | { status: 'ready'; session: SessionView | undefined };

interface SessionContextValue {
  state: SessionState;
  refresh: () => Promise<SessionView | undefined>;
  logout: () => Promise<void>;
  /** The server ended the session (the tablet's citizen mode): forget it here and in every other tab, now. */
  ended: () => void;
}

// Other tabs of the same browser hear when a session ends, so none keeps showing what it had
// loaded (a tablet handed to a citizen may have the work list open in another tab).
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('sammen.session');

const SessionContext = createContext<SessionContextValue | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const session = await findSession();
      // A new login or unit sees other data: nothing cached for the previous one is shown.
      queryClient.clear();
      setState({ status: 'ready', session });
      return session;
    } catch (err) {
      setState({ status: 'failed', error: err instanceof ApiError ? err : new ApiError('NETWORK', 0) });
      return undefined;
    }
  }, []);

  const forget = useCallback(() => {
    queryClient.clear();
    setState({ status: 'ready', session: undefined });
  }, []);

  const ended = useCallback(() => {
    forget();
    channel?.postMessage('ended');
  }, [forget]);

  const logout = useCallback(async () => {
    try {
      await endSession();
    } finally {
      ended();
    }
  }, [ended]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    if (!channel) return;
    const onMessage = (e: MessageEvent) => {
      if (e.data === 'ended') forget();
    };
    channel.addEventListener('message', onMessage);
    return () => channel.removeEventListener('message', onMessage);
  }, [forget]);

  const value = useMemo(() => ({ state, refresh, logout, ended }), [state, refresh, logout, ended]);
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSessionContext(): SessionContextValue {
  const ctx = use(SessionContext);
  if (!ctx) throw new Error('useSessionContext outside SessionProvider');
  return ctx;
}

/** The signed-in person; only for pages behind a guard, where there always is one. */
export function useSession(): SessionView {
  const { state } = useSessionContext();
  if (state.status !== 'ready' || !state.session) throw new Error('useSession outside a guarded page');
  return state.session;
}

export function useStaffSession() {
  const session = useSession();
  if (session.kind !== 'staff') throw new Error('useStaffSession on a non-staff page');
  return session;
}

/** The session as the shared access rules see it, so the web hides what the server would refuse. */
export function actorOf(session: Extract<SessionView, { kind: 'staff' }>): Actor {
  return { kind: 'staff', municipalityId: session.municipality.id, staffId: session.staffId, roles: session.roles, unitId: session.unitId };
}
