import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addGoalInput, LIMITS } from '@sammen/domain/plans';
import { CheckboxGroup, TextInput } from '../../../app/form.tsx';
import { addGoal } from '../plans.api.ts';
import { PlanForm, usePlanContext, usePlanWrite, type MergeField } from '../write.tsx';
import { GoalProfessionalFields, professionalErrors } from './GoalProfessionalFields.tsx';
import { goalOptions } from './options.ts';

/** A new goal in the citizen's words, with what staff add and the goals it waits for. */
export function AddGoalForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { plan } = usePlanContext();
  const write = usePlanWrite();
  const [wording, setWording] = useState('');
  const [description, setDescription] = useState('');
  const [code, setCode] = useState('');
  const [dependsOn, setDependsOn] = useState<string[]>([]);
  return (
    <PlanForm
      write={write}
      submitLabel={t('planForm.addGoal.submit')}
      onCancel={onDone}
      compare={(current): MergeField[] => [
        { label: t('planForm.addGoal.wording'), mine: wording, theirs: current.goals.map((g) => `${g.position}. ${g.wording}`).join('\n') },
      ]}
      onSubmit={() =>
        void write
          .run({
            schema: addGoalInput,
            input: (baseVersion) => ({ baseVersion, wording, professionalDescription: description, classificationCode: code, dependsOn }),
            send: (input) => addGoal(plan.id, input),
            focusId: 'goals-heading',
          })
          .then((p) => p && onDone())
      }
    >
      <TextInput label={t('planForm.addGoal.wording')} hint={t('planForm.addGoal.wordingHint')} value={wording} onChange={setWording} maxLength={LIMITS.wording} error={write.errorAt('wording')} />
      <GoalProfessionalFields description={description} setDescription={setDescription} code={code} setCode={setCode} errors={professionalErrors(write)} />
      <CheckboxGroup
        legend={t('planForm.goal.dependsOn')}
        hint={t('planForm.goal.dependsOnHint')}
        none={t('planForm.goal.noOtherGoals')}
        options={goalOptions(plan)}
        value={dependsOn}
        onChange={setDependsOn}
        error={write.errorAt('dependsOn')}
      />
    </PlanForm>
  );
}
