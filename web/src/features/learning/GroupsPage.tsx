import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { staffRoles, type StaffRole } from '@sammen/domain/access';
import { workGroupInput, type WorkGroupView } from '@sammen/domain/coordination';
import type { Unit } from '@sammen/domain/identity';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { CheckboxGroup } from '../../app/form.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { Success } from '../../app/Success.tsx';
import { apiErrorOf } from '../calendar/calendar.api.ts';
import { FormErrors, Input, useFormErrors } from '../calendar/parts.tsx';
import { listUnits } from '../identity/identity.api.ts';
import { useSaveWorkGroup, useWorkGroups } from './coordination.api.ts';
import './coordination.css';

// "Arbejdsgrupper" (leaders, admins): the groups a coordination survey asks about, mapped from
// the organisation — one or more units, and when roles are chosen only staff with one of them.
// A group that has been part of a wave is never deleted; it can be made inactive.

export function GroupsPage() {
  const { t } = useTranslation();
  const groups = useWorkGroups();
  const units = useQuery({ queryKey: ['units'], queryFn: listUnits });
  const [done, setDone] = useState('');
  const [editing, setEditing] = useState<string>();
  return (
    <Page title={t('coordination.groups.title')}>
      <p className="font-lead">{t('coordination.groups.intro')}</p>
      <p>
        <Link to="/samarbejde">{t('coordination.backToLanding')}</Link>
      </p>
      <Success text={done} />
      {(groups.isPending || units.isPending) && <Loading />}
      {groups.isError && <ErrorAlert error={apiErrorOf(groups.error)} />}
      {units.isError && <ErrorAlert error={apiErrorOf(units.error)} />}
      {groups.data && units.data && (
        <>
          <section className="sammen-section" aria-labelledby="coordination-groups-heading">
            <h2 id="coordination-groups-heading">{t('coordination.groups.listHeading')}</h2>
            {groups.data.groups.length === 0 ? (
              <p>{t('coordination.groups.none')}</p>
            ) : (
              <ul className="sammen-cards">
                {groups.data.groups.map((g) => (
                  <GroupCard
                    key={g.id}
                    group={g}
                    units={units.data}
                    editing={editing === g.id}
                    onEdit={() => setEditing(editing === g.id ? undefined : g.id)}
                    onSaved={(name) => {
                      setEditing(undefined);
                      setDone(t('coordination.groups.saved', { name }));
                    }}
                  />
                ))}
              </ul>
            )}
          </section>
          <section className="sammen-section" aria-labelledby="coordination-new-group-heading">
            <h2 id="coordination-new-group-heading">{t('coordination.groups.newHeading')}</h2>
            <GroupForm units={units.data} labelledBy="coordination-new-group-heading" onSaved={(name) => setDone(t('coordination.groups.created', { name }))} />
          </section>
        </>
      )}
    </Page>
  );
}

function GroupCard({ group, units, editing, onEdit, onSaved }: { group: WorkGroupView; units: Unit[]; editing: boolean; onEdit: () => void; onSaved: (name: string) => void }) {
  const { t } = useTranslation();
  const headingId = `group-${group.id}`;
  const unitNames = group.unitIds.map((id) => units.find((u) => u.id === id)?.name ?? t('coordination.groups.unknownUnit'));
  return (
    <li className="sammen-card">
      <h3 id={headingId}>
        {group.name}{' '}
        <span className={`badge ${group.active ? 'badge-success' : 'badge-info'}`}>{group.active ? t('coordination.groups.active') : t('coordination.groups.inactive')}</span>
      </h3>
      <dl className="sammen-facts">
        <dt>{t('coordination.groups.units')}</dt>
        <dd>{unitNames.join(', ')}</dd>
        <dt>{t('coordination.groups.roles')}</dt>
        <dd>{group.roles.length === 0 ? t('coordination.groups.allRoles') : group.roles.map((r) => t(`roles.${r}`)).join(', ')}</dd>
        <dt>{t('coordination.groups.members')}</dt>
        <dd>{t('coordination.groups.membersValue', { count: group.members })}</dd>
      </dl>
      <button type="button" className="button button-secondary" aria-expanded={editing} aria-describedby={headingId} onClick={onEdit}>
        {t('coordination.groups.edit')}
      </button>
      {editing && <GroupForm group={group} units={units} labelledBy={headingId} onSaved={onSaved} />}
    </li>
  );
}

function GroupForm({ group, units, labelledBy, onSaved }: { group?: WorkGroupView; units: Unit[]; labelledBy: string; onSaved: (name: string) => void }) {
  const { t } = useTranslation();
  const save = useSaveWorkGroup();
  const errors = useFormErrors(['name', 'unitIds', 'roles', 'active']);
  const [name, setName] = useState(group?.name ?? '');
  const [unitIds, setUnitIds] = useState<string[]>(group?.unitIds ?? []);
  const [roles, setRoles] = useState<string[]>(group?.roles ?? []);
  const [active, setActive] = useState(group?.active ?? true);
  const activeId = `${labelledBy}-active`;

  function submit(e: FormEvent) {
    e.preventDefault();
    const input = errors.check(workGroupInput, { name, unitIds, roles: roles as StaffRole[], active });
    if (!input) return;
    save.mutate(
      { id: group?.id, ...input },
      {
        onSuccess: (saved) => {
          if (!group) {
            setName('');
            setUnitIds([]);
            setRoles([]);
            setActive(true);
          }
          onSaved(saved.name);
        },
        onError: errors.fail,
      },
    );
  }

  return (
    <form className="sammen-coordination-form" onSubmit={submit} noValidate aria-labelledby={labelledBy}>
      <FormErrors formError={errors.formError} error={errors.error} />
      <Input label={t('coordination.groups.name')} value={name} onChange={setName} error={errors.errorAt('name')} maxLength={120} />
      <CheckboxGroup
        legend={t('coordination.groups.units')}
        hint={t('coordination.groups.unitsHint')}
        error={errors.errorAt('unitIds')}
        value={unitIds}
        onChange={setUnitIds}
        options={[...units].sort((a, b) => a.name.localeCompare(b.name, 'da')).map((u) => ({ value: u.id, label: u.name }))}
      />
      <CheckboxGroup
        legend={t('coordination.groups.roles')}
        hint={t('coordination.groups.rolesHint')}
        error={errors.errorAt('roles')}
        value={roles}
        onChange={setRoles}
        options={staffRoles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
      />
      <div className="form-group">
        <div className="form-group-checkbox">
          <input id={activeId} type="checkbox" className="form-checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
          <label htmlFor={activeId}>{t('coordination.groups.activeLabel')}</label>
        </div>
      </div>
      <button type="submit" className="button button-primary" disabled={save.isPending}>
        {group ? t('coordination.groups.save') : t('coordination.groups.add')}
      </button>
    </form>
  );
}
