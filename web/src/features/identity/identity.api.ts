import { z } from 'zod';
import { citizenSummary, staffMember, unit } from '@sammen/domain/identity';
import { apiGet, apiSend } from '../../app/api.ts';

export const listUnits = () => apiGet('/api/units', z.array(unit));
export const listStaff = () => apiGet('/api/staff', z.array(staffMember));
/** A POST, not a GET with ?q=: a citizen's name must never end up in a URL or an access log line. */
export const searchCitizens = (q: string, limit = 25) => apiSend('POST', '/api/citizens/search', { q, limit }, z.array(citizenSummary));
export const getCitizen = (citizenId: string) => apiGet(`/api/citizens/${encodeURIComponent(citizenId)}`, citizenSummary);
export const getOwnProfile = () => apiGet('/api/me', citizenSummary);
