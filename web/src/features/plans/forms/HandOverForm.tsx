import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { handOverInput } from '@sammen/domain/plans';
import { Select } from '../../../app/form.tsx';
import { handOver } from '../plans.api.ts';
import { PlanForm, usePlanContext, usePlanWrite } from '../write.tsx';
import { staffOptions, type Lookups } from './options.ts';

/** Hands the coordination over to another staff member, in one of their units. */
export function HandOverForm({ lookups, onDone }: { lookups: Lookups; onDone: () => void }) {
  const { t } = useTranslation();
  const { plan } = usePlanContext();
  const write = usePlanWrite();
  const [staffId, setStaffId] = useState('');
  const chosen = lookups.staff.find((s) => s.id === staffId);
  const [unitId, setUnitId] = useState('');
  const units = chosen?.units ?? [];
  return (
    <PlanForm
      write={write}
      submitLabel={t('planForm.handOver.submit')}
      onCancel={onDone}
      compare={(current) => [{ label: t('planForm.handOver.staff'), mine: chosen?.name ?? '', theirs: `${current.coordinator.name} (${current.coordinator.unit.name})` }]}
      onSubmit={() =>
        void write
          .run({
            schema: handOverInput,
            input: (baseVersion) => ({ baseVersion, coordinatorId: staffId, unitId: unitId || units[0]?.id || '' }),
            send: (input) => handOver(plan.id, input),
            focusId: 'plan-header',
          })
          .then((p) => p && onDone())
      }
    >
      <Select
        label={t('planForm.handOver.staff')}
        value={staffId}
        onChange={(v) => {
          setStaffId(v);
          setUnitId('');
        }}
        empty={t('planForm.choose')}
        options={staffOptions(lookups.staff.filter((s) => s.id !== plan.coordinator.id))}
        error={write.errorAt('coordinatorId')}
      />
      <Select
        label={t('planForm.handOver.unit')}
        hint={t('planForm.handOver.unitHint')}
        value={unitId || units[0]?.id || ''}
        onChange={setUnitId}
        options={units.map((u) => ({ value: u.id, label: u.name }))}
        error={write.errorAt('unitId')}
      />
    </PlanForm>
  );
}
