import type { Db } from '../../platform/db.ts';
import { selectUnitKind, unscopedActivePlanIdOfCitizen } from './plans.repository.ts';

// What the plans module offers other modules. Its own use cases live in use-cases/, one file
// per part of the plan; routes import them from there.

/** The citizen's active plan id whether or not the actor is involved: for break-glass only. */
export const findActivePlanIdForBreakGlass = (tx: Db, municipalityId: string, citizenId: string) => unscopedActivePlanIdOfCitizen(tx, municipalityId, citizenId);

/** The kind of a unit of the municipality, or undefined when it is not one. */
export const findUnitKind = (tx: Db, municipalityId: string, unitId: string) => selectUnitKind(tx, municipalityId, unitId);

export { getOwnPlan, getPlanHistory } from './use-cases/read-plan.ts';
