import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addFollowUpInput, LIMITS } from '@sammen/domain/plans';
import { Select, TextArea, TextInput } from '../../../app/form.tsx';
import { addFollowUp } from '../plans.api.ts';
import { today } from '../parts.tsx';
import { PlanForm, usePlanContext, usePlanWrite } from '../write.tsx';
import { staffOptions, type Lookups } from './options.ts';

/** A follow-up: a date, who follows up, and on what. */
export function FollowUpForm({ lookups, onDone, defaultStaffId }: { lookups: Lookups; onDone: () => void; defaultStaffId: string }) {
  const { t } = useTranslation();
  const { plan } = usePlanContext();
  const write = usePlanWrite();
  const [dueOn, setDueOn] = useState(today());
  const [staffId, setStaffId] = useState(defaultStaffId);
  const [note, setNote] = useState('');
  return (
    <PlanForm
      write={write}
      submitLabel={t('planForm.followUp.submit')}
      onCancel={onDone}
      compare={(current) => [
        { label: t('planForm.followUp.note'), mine: `${dueOn}: ${note}`, theirs: current.followUps.filter((f) => !f.doneAt).map((f) => `${f.dueOn}: ${f.note}`).join('\n') },
      ]}
      onSubmit={() =>
        void write
          .run({
            schema: addFollowUpInput,
            input: (baseVersion) => ({ baseVersion, dueOn, staffId, note }),
            send: (input) => addFollowUp(plan.id, input),
            focusId: 'followups-heading',
          })
          .then((p) => p && onDone())
      }
    >
      <TextInput type="date" label={t('planForm.followUp.dueOn')} value={dueOn} onChange={setDueOn} error={write.errorAt('dueOn')} />
      <Select label={t('planForm.followUp.staff')} value={staffId} onChange={setStaffId} options={staffOptions(lookups.staff)} error={write.errorAt('staffId')} />
      <TextArea label={t('planForm.followUp.note')} value={note} onChange={setNote} rows={2} maxLength={LIMITS.description} error={write.errorAt('note')} />
    </PlanForm>
  );
}
