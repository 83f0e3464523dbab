import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addEffortInput, LIMITS } from '@sammen/domain/plans';
import { CheckboxGroup, Select, TextInput } from '../../../app/form.tsx';
import { addEffort } from '../plans.api.ts';
import { today } from '../parts.tsx';
import { PlanForm, usePlanContext, usePlanWrite } from '../write.tsx';
import { goalOptions, staffOptions, type Lookups } from './options.ts';

/** An effort (or an exemption) by a unit, for one or more goals, optionally with its first support level. */
export function AddEffortForm({ lookups, onDone }: { lookups: Lookups; onDone: () => void }) {
  const { t } = useTranslation();
  const { plan } = usePlanContext();
  const write = usePlanWrite();
  const [unitId, setUnitId] = useState('');
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<'effort' | 'exemption'>('effort');
  const [responsible, setResponsible] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const [startsOn, setStartsOn] = useState(today());
  const [endsOn, setEndsOn] = useState('');
  const [goalIds, setGoalIds] = useState<string[]>([]);
  const [supportLevel, setSupportLevel] = useState('');
  const unitStaff = lookups.staff.filter((s) => !unitId || s.units?.some((u) => u.id === unitId));
  return (
    <PlanForm
      write={write}
      submitLabel={t('planForm.effort.submit')}
      onCancel={onDone}
      compare={(current) => [{ label: t('planForm.effort.title'), mine: title, theirs: current.efforts.map((e) => `${e.unit.name}: ${e.title}`).join('\n') }]}
      onSubmit={() =>
        void write
          .run({
            schema: addEffortInput,
            input: (baseVersion) => ({
              baseVersion,
              unitId,
              title,
              kind,
              responsibleStaffId: responsible || null,
              legalBasis,
              startsOn,
              endsOn: endsOn || null,
              goalIds,
              ...(supportLevel ? { supportLevel } : {}),
            }),
            send: (input) => addEffort(plan.id, input),
            focusId: 'efforts-heading',
          })
          .then((p) => p && onDone())
      }
    >
      <Select
        label={t('planForm.effort.unit')}
        value={unitId}
        onChange={setUnitId}
        empty={t('planForm.choose')}
        options={lookups.units.map((u) => ({ value: u.id, label: u.name }))}
        error={write.errorAt('unitId')}
      />
      <TextInput label={t('planForm.effort.title')} hint={t('planForm.effort.titleHint')} value={title} onChange={setTitle} maxLength={LIMITS.title} error={write.errorAt('title')} />
      <Select
        label={t('planForm.effort.kind')}
        value={kind}
        onChange={(v) => setKind(v as 'effort' | 'exemption')}
        options={[
          { value: 'effort', label: t('planParts.kind.effort') },
          { value: 'exemption', label: t('planParts.kind.exemption') },
        ]}
        error={write.errorAt('kind')}
      />
      <Select
        label={t('planForm.effort.responsible')}
        value={responsible}
        onChange={setResponsible}
        empty={t('planForm.nobody')}
        options={staffOptions(unitStaff)}
        error={write.errorAt('responsibleStaffId')}
      />
      <TextInput label={t('planForm.effort.legalBasis')} hint={t('planForm.effort.legalBasisHint')} value={legalBasis} onChange={setLegalBasis} maxLength={LIMITS.title} error={write.errorAt('legalBasis')} />
      <div className="sammen-form-row">
        <TextInput type="date" label={t('planForm.effort.startsOn')} value={startsOn} onChange={setStartsOn} error={write.errorAt('startsOn')} />
        <TextInput type="date" label={t('planForm.effort.endsOn')} hint={t('planForm.effort.endsOnHint')} value={endsOn} onChange={setEndsOn} error={write.errorAt('endsOn')} />
      </div>
      <CheckboxGroup
        legend={t('planForm.effort.goals')}
        hint={t('planForm.effort.goalsHint')}
        none={t('planForm.effort.noGoals')}
        options={goalOptions(plan)}
        value={goalIds}
        onChange={setGoalIds}
        error={write.errorAt('goalIds')}
      />
      <TextInput label={t('planForm.effort.supportLevel')} hint={t('planForm.effort.supportLevelHint')} value={supportLevel} onChange={setSupportLevel} maxLength={LIMITS.title} error={write.errorAt('supportLevel')} />
    </PlanForm>
  );
}
