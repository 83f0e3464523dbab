import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addSupportLevelInput, LIMITS } from '@sammen/domain/plans';
import { TextArea, TextInput } from '../../../app/form.tsx';
import { addSupportLevel } from '../plans.api.ts';
import { today } from '../parts.tsx';
import { PlanForm, usePlanContext, usePlanWrite } from '../write.tsx';

/** A new support level for an effort, from a date; the earlier ones stay in its history. */
export function SupportLevelForm({ effortId, onDone }: { effortId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { plan } = usePlanContext();
  const write = usePlanWrite();
  const [level, setLevel] = useState('');
  const [validFrom, setValidFrom] = useState(today());
  const [note, setNote] = useState('');
  return (
    <PlanForm
      write={write}
      submitLabel={t('planForm.save')}
      onCancel={onDone}
      compare={(current) => [
        {
          label: t('planForm.support.level'),
          mine: level,
          theirs: current.efforts.find((e) => e.id === effortId)?.supportLevels.map((l) => l.level).join(' ← ') ?? '',
        },
      ]}
      onSubmit={() =>
        void write
          .run({
            schema: addSupportLevelInput,
            input: (baseVersion) => ({ baseVersion, level, validFrom, note }),
            send: (input) => addSupportLevel(plan.id, effortId, input),
            focusId: `effort-${effortId}`,
          })
          .then((p) => p && onDone())
      }
    >
      <TextInput label={t('planForm.support.level')} hint={t('planForm.effort.supportLevelHint')} value={level} onChange={setLevel} maxLength={LIMITS.title} error={write.errorAt('level')} />
      <TextInput type="date" label={t('planForm.support.validFrom')} value={validFrom} onChange={setValidFrom} error={write.errorAt('validFrom')} />
      <TextArea label={t('planForm.support.note')} value={note} onChange={setNote} rows={2} maxLength={LIMITS.description} error={write.errorAt('note')} />
    </PlanForm>
  );
}
