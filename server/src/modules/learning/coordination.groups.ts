import type { WorkGroupInput, WorkGroupView } from '@sammen/domain/coordination';
import type { Db } from '../../platform/db.ts';
import type { SignedInCtx } from '../../platform/context.ts';
import { staffActor } from '../../platform/context.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { recordEvent } from '../audit/audit.service.ts';
import { insertGroup, selectGroupIdByName, selectGroups, selectGroupsByIds, selectUnknownUnitIds, updateGroup, type GroupRow } from './coordination.repository.ts';

// Work groups (issue 16), mapped from the organisation: a group is the staff with a role in one of
// its units and, when it names roles, one of those. Membership is worked out when a wave opens (and
// for who sees their own group's results), never stored per person.

export const groupView = (r: GroupRow): WorkGroupView => ({ id: r.id, name: r.name, unitIds: r.unit_ids, roles: r.roles, active: r.active, members: r.members });

/** GET /api/coordination/groups: every group, active or not, by name. */
export async function listGroups(ctx: SignedInCtx): Promise<{ groups: WorkGroupView[] }> {
  return { groups: (await selectGroups(ctx.db, staffActor(ctx).municipalityId)).map(groupView) };
}

/** The input with each unit once (a unit named twice is the same unit), its units checked against the municipality's and its name free. */
async function checkedGroup(tx: Db, municipalityId: string, input: WorkGroupInput, exceptId?: string) {
  const unitIds = [...new Set(input.unitIds)];
  const roles = [...new Set(input.roles)];
  // An array column cannot carry a foreign key: the units are checked on every write.
  const unknown = await selectUnknownUnitIds(tx, municipalityId, unitIds);
  if (unknown.length) throw invalid('unitIds', 'notUnitOfMunicipality', `${unknown.length === 1 ? 'a unit is' : 'units are'} not of the municipality`);
  if (await selectGroupIdByName(tx, municipalityId, input.name, exceptId)) throw new AppError('CONFLICT', 'Another work group has this name', 'name');
  return { ...input, unitIds, roles };
}

/** POST /api/coordination/groups. */
export function addGroup(ctx: SignedInCtx, input: WorkGroupInput): Promise<WorkGroupView> {
  const actor = staffActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const id = await insertGroup(tx, actor.municipalityId, await checkedGroup(tx, actor.municipalityId, input));
    await recordEvent(tx, ctx, { kind: 'write', action: 'coordination.groupAdded', subjectType: 'coordinationGroup', subjectId: id });
    return groupView((await selectGroupsByIds(tx, actor.municipalityId, [id]))[0]!);
  });
}

/** PUT /api/coordination/groups/:groupId. Waves already opened keep the group's name then and whom they invited. */
export function changeGroup(ctx: SignedInCtx, groupId: string, input: WorkGroupInput): Promise<WorkGroupView> {
  const actor = staffActor(ctx);
  return ctx.db.transaction(async (tx) => {
    if (!(await selectGroupsByIds(tx, actor.municipalityId, [groupId])).length) throw new AppError('NOT_FOUND');
    await updateGroup(tx, actor.municipalityId, groupId, await checkedGroup(tx, actor.municipalityId, input, groupId));
    await recordEvent(tx, ctx, { kind: 'write', action: 'coordination.groupChanged', subjectType: 'coordinationGroup', subjectId: groupId, details: { active: input.active } });
    return groupView((await selectGroupsByIds(tx, actor.municipalityId, [groupId]))[0]!);
  });
}
