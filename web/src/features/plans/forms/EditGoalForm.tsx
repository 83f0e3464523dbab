import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { goalStatuses, LIMITS, updateGoalInput, type GoalStatus, type GoalView } from '@sammen/domain/plans';
import { CheckboxGroup, Select, TextInput } from '../../../app/form.tsx';
import { updateGoal } from '../plans.api.ts';
import { PlanForm, usePlanContext, usePlanWrite, type MergeField } from '../write.tsx';
import { GoalProfessionalFields, professionalErrors } from './GoalProfessionalFields.tsx';
import { goalOptions } from './options.ts';

/** Change a goal: wording, what staff add, status, the goals it waits for, its place in the order. */
export function EditGoalForm({ goal, onDone }: { goal: GoalView; onDone: () => void }) {
  const { t } = useTranslation();
  const { plan } = usePlanContext();
  const write = usePlanWrite();
  const [wording, setWording] = useState(goal.wording);
  const [description, setDescription] = useState(goal.professionalDescription);
  const [code, setCode] = useState(goal.classificationCode ?? '');
  const [status, setStatus] = useState<GoalStatus>(goal.status);
  const [dependsOn, setDependsOn] = useState<string[]>(goal.dependsOn);
  const [position, setPosition] = useState(String(goal.position));

  function submit() {
    // Send only what changed, so a merge is about the fields this person touched.
    const changed: Omit<z.input<typeof updateGoalInput>, 'baseVersion'> = {};
    if (wording !== goal.wording) changed.wording = wording;
    if (description !== goal.professionalDescription) changed.professionalDescription = description;
    if (code !== (goal.classificationCode ?? '')) changed.classificationCode = code;
    if (status !== goal.status) changed.status = status;
    if ([...dependsOn].sort().join() !== [...goal.dependsOn].sort().join()) changed.dependsOn = dependsOn;
    if (Number(position) !== goal.position) changed.position = Number(position);
    void write
      .run({ schema: updateGoalInput, input: (baseVersion) => ({ ...changed, baseVersion }), send: (input) => updateGoal(plan.id, goal.id, input), focusId: `goal-${goal.id}` })
      .then((p) => p && onDone());
  }

  return (
    <PlanForm
      write={write}
      submitLabel={t('planForm.save')}
      onCancel={onDone}
      onSubmit={submit}
      compare={(current) => {
        const now = current.goals.find((g) => g.id === goal.id);
        const fields: MergeField[] = [];
        if (wording !== goal.wording || now?.wording !== goal.wording) {
          fields.push({ label: t('planForm.goal.wording'), mine: wording, theirs: now?.wording ?? '', theirsBy: now?.wordingAuthor.name, merge: () => setWording(`${now?.wording ?? ''} ${wording}`) });
        }
        if (description !== goal.professionalDescription) {
          fields.push({ label: t('planForm.goal.description'), mine: description, theirs: now?.professionalDescription ?? '', merge: () => setDescription(`${now?.professionalDescription ?? ''}\n\n${description}`) });
        }
        if (status !== goal.status) fields.push({ label: t('planForm.goal.status'), mine: t(`planParts.status.${status}`), theirs: now ? t(`planParts.status.${now.status}`) : '' });
        if (!fields.length) fields.push({ label: t('planForm.goal.wording'), mine: wording, theirs: now?.wording ?? '' });
        return fields;
      }}
    >
      <TextInput label={t('planForm.goal.wording')} hint={t('planForm.goal.wordingHint')} value={wording} onChange={setWording} maxLength={LIMITS.wording} error={write.errorAt('wording')} />
      <GoalProfessionalFields description={description} setDescription={setDescription} code={code} setCode={setCode} errors={professionalErrors(write)} />
      <Select
        label={t('planForm.goal.status')}
        value={status}
        onChange={(v) => setStatus(v as GoalStatus)}
        options={goalStatuses.map((s) => ({ value: s, label: t(`planParts.status.${s}`) }))}
        error={write.errorAt('status')}
      />
      <CheckboxGroup
        legend={t('planForm.goal.dependsOn')}
        hint={t('planForm.goal.dependsOnHint')}
        none={t('planForm.goal.noOtherGoals')}
        options={goalOptions(plan, goal.id)}
        value={dependsOn}
        onChange={setDependsOn}
        error={write.errorAt('dependsOn')}
      />
      <TextInput
        type="number"
        label={t('planForm.goal.position')}
        hint={t('planForm.goal.positionHint', { count: plan.goals.length })}
        min={1}
        max={plan.goals.length}
        value={position}
        onChange={setPosition}
        error={write.errorAt('position')}
      />
    </PlanForm>
  );
}
