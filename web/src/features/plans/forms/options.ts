import type { Unit } from '@sammen/domain/identity';
import type { PlanView } from '@sammen/domain/plans';
import type { StaffDirectoryEntry } from '../plans.api.ts';

// What the staff forms offer to choose from: the municipality's units and staff (loaded once
// by the plan page) and the plan's own goals.

export interface Lookups {
  units: Unit[];
  staff: StaffDirectoryEntry[];
}

export function goalOptions(plan: PlanView, except?: string) {
  return plan.goals.filter((g) => g.id !== except).map((g) => ({ value: g.id, label: `${g.position}. ${g.wording}` }));
}

export const staffOptions = (staff: StaffDirectoryEntry[]) => staff.map((s) => ({ value: s.id, label: `${s.name} (${s.title})` }));
