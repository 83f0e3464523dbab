import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { RequireSession } from '../features/auth/RequireSession.tsx';
import { AccessLogPage } from '../features/consent/AccessLogPage.tsx';
import { BreakGlassReviewPage } from '../features/consent/BreakGlassReviewPage.tsx';
import { CitizenConsentsPage } from '../features/consent/CitizenConsentsPage.tsx';
import { MyDataPage } from '../features/consent/MyDataPage.tsx';
import { StaffConsentsPage } from '../features/consent/StaffConsentsPage.tsx';
import { CitizenHomePage } from '../features/identity/CitizenHomePage.tsx';
import { CitizenPage } from '../features/identity/CitizenPage.tsx';
import { StaffListPage } from '../features/identity/StaffListPage.tsx';
import { StaffStartPage } from '../features/identity/StaffStartPage.tsx';
import { CitizenPlanPage } from '../features/plans/CitizenPlanPage.tsx';
import { PrintPlanPage } from '../features/plans/PrintPlanPage.tsx';
import { StaffPlanPage } from '../features/plans/StaffPlanPage.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { Shell } from './Shell.tsx';

// Staff work at /, citizens and proxies at /borger. Later modules add their pages as children
// of the area they belong to (e.g. /borgere/:citizenId/plan, /borger/plan).
export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireSession area="staff" />,
    children: [
      {
        element: <Shell />,
        children: [
          { index: true, element: <StaffStartPage /> },
          { path: 'borgere/:citizenId', element: <CitizenPage /> },
          { path: 'borgere/:citizenId/samtykker', element: <StaffConsentsPage /> },
          { path: 'nodadgang', element: <BreakGlassReviewPage /> },
          { path: 'medarbejdere', element: <StaffListPage /> },
          { path: 'planer/:planId', element: <StaffPlanPage /> },
          { path: 'planer/:planId/print', element: <PrintPlanPage own={false} /> },
        ],
      },
    ],
  },
  {
    path: '/borger',
    element: <RequireSession area="citizen" />,
    children: [
      {
        element: <Shell />,
        children: [
          { index: true, element: <CitizenHomePage /> },
          { path: 'plan', element: <CitizenPlanPage /> },
          { path: 'plan/print', element: <PrintPlanPage own /> },
          { path: 'samtykker', element: <CitizenConsentsPage /> },
          { path: 'hvem-har-kigget', element: <AccessLogPage /> },
          { path: 'mine-data', element: <MyDataPage /> },
        ],
      },
    ],
  },
  { path: '*', element: <RequireSession area="staff" />, children: [{ element: <Shell />, children: [{ path: '*', element: <NotFoundPage /> }] }] },
]);
