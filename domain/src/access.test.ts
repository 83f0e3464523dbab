import { describe, expect, test } from 'vitest';
import { activeRoles, can, type Actor, type RoleInUnit } from './access.ts';

const staff = (roles: RoleInUnit[], unitId = roles[0]?.unitId ?? 'u1'): Actor => ({
  kind: 'staff',
  municipalityId: 'm1',
  staffId: 's1',
  unitId,
  roles,
});
const citizen: Actor = { kind: 'citizen', municipalityId: 'm1', citizenId: 'c1' };

describe('can', () => {
  test('roles count only in the unit the staff member works in now', () => {
    const twoUnits = staff([{ unitId: 'u1', role: 'frontline' }, { unitId: 'u2', role: 'admin' }], 'u1');
    expect(activeRoles(twoUnits)).toEqual(['frontline']);
    expect(can(twoUnits, 'audit.verify')).toBe(false);
    expect(can({ ...twoUnits, unitId: 'u2' } as Actor, 'audit.verify')).toBe(true);
  });

  test('nothing is allowed across municipalities', () => {
    const admin = staff([{ unitId: 'u1', role: 'admin' }]);
    expect(can(admin, 'citizen.read', { municipalityId: 'm1' })).toBe(true);
    expect(can(admin, 'citizen.read', { municipalityId: 'm2' })).toBe(false);
    expect(can(admin, 'staff.list', { municipalityId: 'm2' })).toBe(false);
  });

  test('a citizen reads only their own profile', () => {
    expect(can(citizen, 'citizen.readOwn', { citizenId: 'c1' })).toBe(true);
    expect(can(citizen, 'citizen.readOwn', { citizenId: 'c2' })).toBe(false);
    expect(can(citizen, 'citizen.read', { citizenId: 'c1' })).toBe(false);
  });

  test('partners have no municipal look-up rights', () => {
    const partner = staff([{ unitId: 'p1', role: 'partner' }]);
    expect(can(partner, 'citizen.list')).toBe(false);
    expect(can(partner, 'citizen.read')).toBe(false);
    expect(can(partner, 'unit.list')).toBe(true);
  });

  test('the system actor is never allowed through can (jobs act through unscoped functions)', () => {
    expect(can({ kind: 'system', municipalityId: 'm1', job: 'x' }, 'session.read')).toBe(false);
  });

  test('an error inside a rule denies', () => {
    const broken = { kind: 'staff', municipalityId: 'm1', staffId: 's', unitId: 'u', roles: null } as unknown as Actor;
    expect(can(broken, 'staff.list')).toBe(false);
  });
});
