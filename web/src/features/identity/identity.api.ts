import { z } from 'zod';
import { citizenSummary, staffMember, unit } from '@sammen/domain/identity';
import { apiGet, query } from '../../app/api.ts';

export const listUnits = () => apiGet('/api/units', z.array(unit));
export const listStaff = () => apiGet('/api/staff', z.array(staffMember));
export const searchCitizens = (q: string, limit = 25) => apiGet(`/api/citizens${query({ q, limit })}`, z.array(citizenSummary));
export const getCitizen = (citizenId: string) => apiGet(`/api/citizens/${encodeURIComponent(citizenId)}`, citizenSummary);
export const getOwnProfile = () => apiGet('/api/me', citizenSummary);
