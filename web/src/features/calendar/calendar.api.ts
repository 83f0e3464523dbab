import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  appointmentView,
  bookingCheckView,
  bookingResult,
  calendarFeedView,
  calendarView,
  collisionRecordView,
  type BookAppointmentInput,
  type addPlanPeriodInput,
  type decideCollisionInput,
  type recordAttendanceInput,
  type setLoadLimitsInput,
} from '@sammen/domain/appointments';
import { collisionView, type CollisionView } from '@sammen/domain/collisions';
import { ApiError, apiGet, apiSend } from '../../app/api.ts';

// Calls to the calendar module, as TanStack Query hooks: the citizen's calendar (staff and the
// citizen's own), booking with its live collision check, attendance, the coordinator's
// collisions, load limits, the plan's periods and the citizen's subscription.
// Only ids and dates go into addresses: never a name or free text.

const enc = encodeURIComponent;
type In<T extends z.ZodType> = z.input<T>;

export const calendarKeys = {
  all: ['calendar'] as const,
  citizen: (citizenId: string) => ['calendar', 'citizen', citizenId] as const,
  range: (citizenId: string, from: string, to: string) => ['calendar', 'citizen', citizenId, from, to] as const,
  own: (from: string, to: string) => ['calendar', 'own', from, to] as const,
  collisions: (status: string) => ['collisions', status] as const,
  allCollisions: ['collisions'] as const,
  feed: ['calendar', 'feed'] as const,
};

const range = (from: string, to: string) => new URLSearchParams({ from, to }).toString();
const citizenPath = (citizenId: string) => `/api/citizens/${enc(citizenId)}`;

// ---- Reading -------------------------------------------------------------------------------

export function useCitizenCalendar(citizenId: string, from: string, to: string) {
  return useQuery({
    queryKey: calendarKeys.range(citizenId, from, to),
    queryFn: () => apiGet(`${citizenPath(citizenId)}/calendar?${range(from, to)}`, calendarView),
    // Other weeks of the same citizen stay on screen while the next ones load; never another citizen's.
    placeholderData: (previous) => (previous?.citizen.id === citizenId ? previous : undefined),
  });
}

export function useOwnCalendar(from: string, to: string) {
  return useQuery({
    queryKey: calendarKeys.own(from, to),
    queryFn: () => apiGet(`/api/me/calendar?${range(from, to)}`, calendarView),
    placeholderData: keepPreviousData,
  });
}

export const collisionList = z.object({ collisions: z.array(collisionRecordView) });

export function useCollisions(status: 'open' | 'resolved' | 'accepted') {
  return useQuery({
    queryKey: calendarKeys.collisions(status),
    queryFn: () => apiGet(`/api/collisions?status=${status}`, collisionList),
  });
}

// ---- Booking -------------------------------------------------------------------------------

/**
 * The collisions a booking would make, asked while the form is filled in. `input` is undefined
 * while the form is incomplete or invalid: nothing is asked then. The previous answer stays on
 * screen while the next one is on its way, so the feedback does not flicker.
 */
export function useBookingCheck(citizenId: string, input: BookAppointmentInput | undefined) {
  return useQuery({
    queryKey: ['bookingCheck', citizenId, input],
    queryFn: () => apiSend('POST', `${citizenPath(citizenId)}/appointments/check`, input!, bookingCheckView),
    enabled: input !== undefined,
    placeholderData: keepPreviousData,
    staleTime: 0,
    gcTime: 5_000,
    retry: false,
  });
}

const refusedBooking = z.object({ collisions: z.array(collisionView) });

/** The collisions a 409 collisionsFound carries; undefined for any other error. */
export function collisionsOf(err: unknown): CollisionView[] | undefined {
  if (!(err instanceof ApiError) || err.code !== 'CONFLICT' || err.reason !== 'collisionsFound') return undefined;
  return refusedBooking.safeParse(err.body).data?.collisions;
}

export function useBook(citizenId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: BookAppointmentInput) => apiSend('POST', `${citizenPath(citizenId)}/appointments`, input, bookingResult),
    onSuccess: () => invalidateCalendar(client, citizenId),
  });
}

function invalidateCalendar(client: ReturnType<typeof useQueryClient>, citizenId?: string) {
  return Promise.all([
    client.invalidateQueries({ queryKey: citizenId ? calendarKeys.citizen(citizenId) : calendarKeys.all }),
    client.invalidateQueries({ queryKey: calendarKeys.allCollisions }),
  ]);
}

export function useRecordAttendance(citizenId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ appointmentId, ...input }: In<typeof recordAttendanceInput> & { appointmentId: string }) =>
      apiSend('POST', `/api/appointments/${enc(appointmentId)}/attendance`, input, appointmentView),
    onSuccess: () => invalidateCalendar(client, citizenId),
  });
}

// ---- Collisions, limits and the plan's periods -----------------------------------------------

export function useDecideCollision() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ collisionId, ...input }: In<typeof decideCollisionInput> & { collisionId: string }) =>
      apiSend('POST', `/api/collisions/${enc(collisionId)}/decision`, input, collisionRecordView),
    onSuccess: () => invalidateCalendar(client),
  });
}

export function useSetLoadLimits(citizenId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: In<typeof setLoadLimitsInput>) => apiSend('PUT', `${citizenPath(citizenId)}/load-limits`, input, z.unknown()),
    onSuccess: () => invalidateCalendar(client, citizenId),
  });
}

export function useAddPlanPeriod(citizenId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: In<typeof addPlanPeriodInput>) => apiSend('POST', `${citizenPath(citizenId)}/plan-periods`, input, z.unknown()),
    onSuccess: () => invalidateCalendar(client, citizenId),
  });
}

// ---- The citizen's subscription ------------------------------------------------------------

export function useCalendarFeed(enabled: boolean) {
  return useQuery({ queryKey: calendarKeys.feed, queryFn: () => apiGet('/api/me/calendar/feed', calendarFeedView), enabled });
}

/** Create or renew: the answer carries the address, once. It is kept only on screen, never in the cache. */
export function useCreateFeed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiSend('POST', '/api/me/calendar/feed', {}, calendarFeedView),
    onSuccess: (feed) => client.setQueryData(calendarKeys.feed, { ...feed, url: null }),
  });
}

export function useStopFeed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiSend('DELETE', '/api/me/calendar/feed', {}, calendarFeedView),
    onSuccess: (feed) => client.setQueryData(calendarKeys.feed, feed),
  });
}

/** An error as an ApiError, whatever was thrown. */
export const apiErrorOf = (err: unknown): ApiError => (err instanceof ApiError ? err : new ApiError('NETWORK', 0));
