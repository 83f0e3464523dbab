import { Navigate, Outlet, useLocation } from 'react-router';
import type { SessionView } from '@sammen/domain/identity';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { useSessionContext } from '../../app/session.tsx';

/** Where each kind of person belongs: staff in the staff area, citizens and proxies at /borger. */
export function homeOf(session: SessionView): string {
  return session.kind === 'staff' ? '/' : '/borger';
}

/**
 * Guards an area of the app. Not signed in → the login page; signed in as the other side →
 * that side's home. The server refuses the data anyway; this only saves a wrong turn.
 */
export function RequireSession({ area }: { area: 'staff' | 'citizen' }) {
  const { state } = useSessionContext();
  const location = useLocation();

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'failed') {
    return (
      <main id="main-content" className="container sammen-main">
        <ErrorAlert error={state.error} />
      </main>
    );
  }
  const { session } = state;
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  const isStaff = session.kind === 'staff';
  if ((area === 'staff') !== isStaff) return <Navigate to={homeOf(session)} replace />;
  return <Outlet />;
}
