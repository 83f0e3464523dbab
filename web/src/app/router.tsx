import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { RequireSession } from '../features/auth/RequireSession.tsx';
import { BookingPage } from '../features/calendar/BookingForm.tsx';
import { CitizenCalendarPage } from '../features/calendar/CitizenCalendarPage.tsx';
import { CollisionsPage } from '../features/calendar/CollisionsPage.tsx';
import { StaffCalendarPage } from '../features/calendar/StaffCalendarPage.tsx';
import { AccessLogPage } from '../features/consent/AccessLogPage.tsx';
import { BreakGlassReviewPage } from '../features/consent/BreakGlassReviewPage.tsx';
import { CitizenConsentsPage } from '../features/consent/CitizenConsentsPage.tsx';
import { MyDataPage } from '../features/consent/MyDataPage.tsx';
import { CitizenNetworkPage } from '../features/network/CitizenNetworkPage.tsx';
import { NetworkPage } from '../features/network/NetworkPage.tsx';
import { CaseFiguresPage } from '../features/decisions/CaseFiguresPage.tsx';
import { ComplaintListPage } from '../features/decisions/ComplaintListPage.tsx';
import { ComplaintPage } from '../features/decisions/ComplaintPage.tsx';
import { DecisionTypesPage } from '../features/decisions/DecisionTypesPage.tsx';
import { LetterPage } from '../features/decisions/LetterPage.tsx';
import { OwnDecisionsPage } from '../features/decisions/OwnDecisionsPage.tsx';
import { RegisterComplaintPage } from '../features/decisions/RegisterComplaintPage.tsx';
import { RegisterRequestPage } from '../features/decisions/RegisterRequestPage.tsx';
import { RequestListPage } from '../features/decisions/RequestListPage.tsx';
import { RequestPage } from '../features/decisions/RequestPage.tsx';
import { NetworkStatisticsPage } from '../features/network/NetworkStatisticsPage.tsx';
import { RelativesPage } from '../features/network/RelativesPage.tsx';
import { StaffConsentsPage } from '../features/consent/StaffConsentsPage.tsx';
import { CitizenHomePage } from '../features/identity/CitizenHomePage.tsx';
import { CitizenPage } from '../features/identity/CitizenPage.tsx';
import { StaffListPage } from '../features/identity/StaffListPage.tsx';
import { StaffStartPage } from '../features/identity/StaffStartPage.tsx';
import { CitizenPlanPage } from '../features/plans/CitizenPlanPage.tsx';
import { PrintPlanPage } from '../features/plans/PrintPlanPage.tsx';
import { StaffPlanPage } from '../features/plans/StaffPlanPage.tsx';
import { InstrumentsPage } from '../features/feedback/InstrumentsPage.tsx';
import { RatingPage } from '../features/feedback/RatingPage.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { Shell } from './Shell.tsx';

// Staff work at /, citizens and proxies at /borger. Later modules add their pages as children
// of the area they belong to (e.g. /borgere/:citizenId/plan, /borger/plan).
export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // The citizen's rating (issue 15): outside both areas and their shells — no menu, no names.
  { path: '/vurdering', element: <RatingPage /> },
  {
    element: <RequireSession area="staff" />,
    children: [
      {
        element: <Shell />,
        children: [
          { index: true, element: <StaffStartPage /> },
          { path: 'borgere/:citizenId', element: <CitizenPage /> },
          { path: 'borgere/:citizenId/samtykker', element: <StaffConsentsPage /> },
          { path: 'borgere/:citizenId/netvaerk', element: <NetworkPage /> },
          { path: 'netvaerk/statistik', element: <NetworkStatisticsPage /> },
          { path: 'borgere/:citizenId/kalender', element: <StaffCalendarPage /> },
          { path: 'borgere/:citizenId/kalender/ny', element: <BookingPage /> },
          { path: 'kollisioner', element: <CollisionsPage /> },
          { path: 'nodadgang', element: <BreakGlassReviewPage /> },
          { path: 'medarbejdere', element: <StaffListPage /> },
          { path: 'planer/:planId', element: <StaffPlanPage /> },
          { path: 'planer/:planId/print', element: <PrintPlanPage own={false} /> },
          // Decisions (issue 14): 'ny' and 'tal' are listed before ':requestId' (react-router ranks static segments first anyway).
          { path: 'afgoerelser', element: <RequestListPage /> },
          { path: 'afgoerelser/ny', element: <RegisterRequestPage /> },
          { path: 'afgoerelser/tal', element: <CaseFiguresPage /> },
          { path: 'afgoerelser/:requestId', element: <RequestPage /> },
          { path: 'afgoerelsestyper', element: <DecisionTypesPage /> },
          { path: 'breve/:letterId', element: <LetterPage /> },
          { path: 'klager', element: <ComplaintListPage /> },
          { path: 'klager/ny', element: <RegisterComplaintPage /> },
          { path: 'klager/:complaintId', element: <ComplaintPage /> },
          // Feedback (issue 15).
          // The pages with charts load the chart library when they are opened, not with every page.
          { path: 'borgere/:citizenId/feedback', lazy: async () => ({ Component: (await import('../features/feedback/StaffFeedbackPage.tsx')).StaffFeedbackPage }) },
          { path: 'feedback/instrumenter', element: <InstrumentsPage /> },
          { path: 'feedback/enheder', lazy: async () => ({ Component: (await import('../features/feedback/AggregatesPage.tsx')).AggregatesPage }) },
          // The coordination pulse (issue 16).
          { path: 'borgere/:citizenId/samarbejde', lazy: async () => ({ Component: (await import('../features/learning/PulsePage.tsx')).PulsePage }) },
          { path: 'samarbejde/puls', lazy: async () => ({ Component: (await import('../features/learning/PulseAggregatesPage.tsx')).PulseAggregatesPage }) },
          // The coordination survey (issue 16): its own chunk; the results page brings the chart library.
          { path: 'samarbejde', lazy: async () => ({ Component: (await import('../features/learning/CoordinationPage.tsx')).CoordinationPage }) },
          { path: 'samarbejde/grupper', lazy: async () => ({ Component: (await import('../features/learning/GroupsPage.tsx')).GroupsPage }) },
          { path: 'samarbejde/instrumenter', lazy: async () => ({ Component: (await import('../features/learning/SurveyInstrumentsPage.tsx')).SurveyInstrumentsPage }) },
          { path: 'samarbejde/maalinger/ny', lazy: async () => ({ Component: (await import('../features/learning/WaveNewPage.tsx')).WaveNewPage }) },
          { path: 'samarbejde/maalinger/:waveId', lazy: async () => ({ Component: (await import('../features/learning/WavePage.tsx')).WavePage }) },
          { path: 'samarbejde/maalinger/:waveId/svar', lazy: async () => ({ Component: (await import('../features/learning/SurveyFormPage.tsx')).SurveyFormPage }) },
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
          { path: 'netvaerk', element: <CitizenNetworkPage /> },
          { path: 'paaroerende', element: <RelativesPage /> },
          { path: 'kalender', element: <CitizenCalendarPage /> },
          { path: 'afgoerelser', element: <OwnDecisionsPage /> },
          { path: 'feedback', lazy: async () => ({ Component: (await import('../features/feedback/OwnFeedbackPage.tsx')).OwnFeedbackPage }) },
          { path: 'breve/:letterId', element: <LetterPage /> },
          { path: 'hvem-har-kigget', element: <AccessLogPage /> },
          { path: 'mine-data', element: <MyDataPage /> },
        ],
      },
    ],
  },
  { path: '*', element: <RequireSession area="staff" />, children: [{ element: <Shell />, children: [{ path: '*', element: <NotFoundPage /> }] }] },
]);
