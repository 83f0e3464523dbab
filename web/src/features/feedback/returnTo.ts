import type { SessionView } from '@sammen/domain/identity';

// Where a staff member returns after handing the screen to a citizen for a rating: the staff
// page sets it before the server ends the session; the login page sends the next staff login
// there and then forgets it. Only a path inside the staff area, and only for a staff login — a
// citizen who logs in on the same screen goes to their own home (and the path is forgotten).

export const RETURN_TO_KEY = 'sammen.returnTo';

function stored(): string | null {
  try {
    return sessionStorage.getItem(RETURN_TO_KEY);
  } catch {
    return null; // storage switched off: the start page it is
  }
}

/** The path to return to for a login of this kind, if any (reading does not forget it: see forgetReturnTo). */
export function returnToFor(kind: SessionView['kind']): string | undefined {
  const path = stored();
  if (kind !== 'staff' || !path) return undefined;
  const inStaffArea = /^\/(?!\/)[A-Za-z0-9/_%-]*$/.test(path) && path !== '/borger' && !path.startsWith('/borger/');
  return inStaffArea ? path : undefined;
}

export function forgetReturnTo() {
  try {
    sessionStorage.removeItem(RETURN_TO_KEY);
  } catch {
    // nothing was kept
  }
}
