import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { recordNetworkPersonInput, type NetworkPersonKind, type NetworkView } from '@sammen/domain/network';
import { ApiError } from '../../app/api.ts';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Select, TextInput } from '../../app/form.tsx';
import { Loading } from '../../app/Loading.tsx';
import { topField, useReasonText, validate, type Problem } from '../../app/reasons.ts';
import { listUnits } from '../identity/identity.api.ts';
import { staffOptions } from '../plans/forms/options.ts';
import { getStaffDirectory } from '../plans/plans.api.ts';
import { useRecordPerson } from './network.api.ts';
import { errorOf } from './parts.tsx';

// "Tilføj person": someone the citizen names (a partner, a volunteer, a relative without access,
// someone else) or a second staff member on an effort. Checked with the shared contract first;
// a refused field is shown at the field, as in every other form.

const kinds: NetworkPersonKind[] = ['partner', 'staff', 'relative', 'volunteer', 'other'];
const fields = ['kind', 'staffId', 'name', 'role', 'contact', 'unitId', 'effortId', 'since', 'until'] as const;
type FieldName = (typeof fields)[number];

export function RecordPersonForm({ view, onRecorded, onCancel }: { view: NetworkView; onRecorded: (name: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  const record = useRecordPerson(view.citizen.id);
  const units = useQuery({ queryKey: ['units'], queryFn: listUnits });
  const staff = useQuery({ queryKey: ['staff', 'directory'], queryFn: getStaffDirectory });
  const [values, setValues] = useState<Record<FieldName, string>>({ kind: 'partner', staffId: '', name: '', role: '', contact: '', unitId: '', effortId: '', since: '', until: '' });
  const [problem, setProblem] = useState<Problem>();
  const [error, setError] = useState<ApiError>();
  const set = (field: FieldName) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const isStaff = values.kind === 'staff';

  // The plan's efforts, as the network shows them (every effort someone is responsible for).
  const efforts = [...new Map(view.people.flatMap((p) => p.efforts).map((e) => [e.id, e.title])).entries()]
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'da'));

  const errorAt = (field: FieldName) => (problem && topField(problem) === field ? reasonText(problem) : undefined);
  const unplaced = problem && !fields.includes(topField(problem) as FieldName) ? reasonText(problem) : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(undefined);
    setError(undefined);
    const input = {
      kind: values.kind,
      ...(isStaff ? { staffId: values.staffId || undefined } : { name: values.name }),
      role: values.role,
      contact: values.contact,
      ...(values.unitId && { unitId: values.unitId }),
      ...(values.effortId && { effortId: values.effortId }),
      ...(values.since && { since: values.since }),
      ...(values.until && { until: values.until }),
    };
    // The contract leaves name and staff optional; one of them names the person.
    if (isStaff && !values.staffId) return setProblem({ field: 'staffId', reason: 'required' });
    if (!isStaff && !values.name.trim()) return setProblem({ field: 'name', reason: 'required' });
    const checked = validate(recordNetworkPersonInput, input);
    if (!checked.ok) return setProblem(checked.problems[0]);
    if (values.since && values.until && values.until < values.since) return setProblem({ field: 'until', reason: 'endBeforeStart' });
    try {
      await record.mutateAsync(checked.data);
      const name = isStaff ? (staff.data?.find((s) => s.id === values.staffId)?.name ?? '') : values.name.trim();
      onRecorded(name);
    } catch (err) {
      const failure = errorOf(err);
      if (failure.code === 'VALIDATION' || failure.field) setProblem(failure);
      else setError(failure);
    }
  }

  if (units.isPending || staff.isPending) return <Loading />;
  const lookupError = units.error ?? staff.error;

  return (
    <form className="sammen-plan-form sammen-network-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="record-person-heading">
      <h3 id="record-person-heading">{t('network.record.heading')}</h3>
      {lookupError && <ErrorAlert error={errorOf(lookupError)} />}
      {unplaced && (
        <div className="alert alert-error" role="alert">
          <div className="alert-body">
            <p className="alert-text">{unplaced}</p>
          </div>
        </div>
      )}
      <Select
        label={t('network.record.kind')}
        value={values.kind}
        onChange={set('kind')}
        error={errorAt('kind')}
        options={kinds.map((k) => ({ value: k, label: t(`network.record.kinds.${k}`) }))}
      />
      {isStaff ? (
        <Select label={t('network.record.staff')} hint={t('network.record.staffHint')} value={values.staffId} onChange={set('staffId')} error={errorAt('staffId')} empty={t('network.record.choose')} options={staffOptions(staff.data ?? [])} />
      ) : (
        <TextInput label={t('network.record.name')} value={values.name} onChange={set('name')} error={errorAt('name')} maxLength={200} />
      )}
      <TextInput label={t('network.record.role')} hint={t('network.record.roleHint')} value={values.role} onChange={set('role')} error={errorAt('role')} maxLength={200} />
      <TextInput label={t('network.record.contact')} hint={t('network.record.contactHint')} value={values.contact} onChange={set('contact')} error={errorAt('contact')} maxLength={200} />
      <Select
        label={t('network.record.unit')}
        hint={t('network.record.unitHint')}
        value={values.unitId}
        onChange={set('unitId')}
        error={errorAt('unitId')}
        empty={t('network.record.noUnit')}
        options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
      />
      <Select
        label={t('network.record.effort')}
        hint={efforts.length ? t('network.record.effortHint') : t('network.record.noEfforts')}
        value={values.effortId}
        onChange={set('effortId')}
        error={errorAt('effortId')}
        empty={t('network.record.noEffort')}
        options={efforts}
      />
      <div className="sammen-form-row">
        <TextInput type="date" label={t('network.record.since')} value={values.since} onChange={set('since')} error={errorAt('since')} />
        <TextInput type="date" label={t('network.record.until')} hint={t('network.record.untilHint')} value={values.until} onChange={set('until')} error={errorAt('until')} />
      </div>
      {error && <ErrorAlert error={error} />}
      <div className="sammen-form-actions">
        <button type="submit" className="button button-primary" disabled={record.isPending}>
          {t('network.record.submit')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('network.record.cancel')}
        </button>
      </div>
    </form>
  );
}
