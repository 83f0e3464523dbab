import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, updatePlanInput, type PlanView } from '@sammen/domain/plans';
import { TextArea } from '../../../app/form.tsx';
import { updatePlan } from '../plans.api.ts';
import { PlanForm, usePlanContext, usePlanWrite } from '../write.tsx';

type TextKey = 'lifeStory' | 'wishes' | 'disagreementProcedure';

function textOf(plan: PlanView, key: TextKey): string {
  return key === 'disagreementProcedure' ? plan.disagreementProcedure : (plan[key]?.text ?? '');
}
function authorOf(plan: PlanView, key: TextKey): string | undefined {
  return key === 'disagreementProcedure' ? undefined : plan[key]?.author.name;
}

/** Life story, wishes (the citizen's words, which staff may write down with them) or the disagreement procedure. */
export function PlanTextForm({ field, label, hint, onDone, focusId, lix }: { field: TextKey; label: string; hint?: string; onDone: () => void; focusId: string; lix: boolean }) {
  const { t } = useTranslation();
  const { plan } = usePlanContext();
  const write = usePlanWrite();
  const [value, setValue] = useState(() => textOf(plan, field));
  const max = field === 'disagreementProcedure' ? LIMITS.description : LIMITS.longText;
  return (
    <PlanForm
      write={write}
      submitLabel={t('planForm.save')}
      onCancel={onDone}
      compare={(current) => [
        {
          label,
          mine: value,
          theirs: textOf(current, field),
          theirsBy: authorOf(current, field),
          merge: () => setValue(`${textOf(current, field)}\n\n${value}`),
        },
      ]}
      onSubmit={() =>
        void write
          .run({ schema: updatePlanInput, input: (baseVersion) => ({ baseVersion, [field]: value }), send: (input) => updatePlan(plan.id, input), focusId })
          .then((p) => p && onDone())
      }
    >
      <TextArea label={label} hint={hint} value={value} onChange={setValue} rows={6} maxLength={max} error={write.errorAt(field)} lixThreshold={lix ? plan.lixThreshold : undefined} />
    </PlanForm>
  );
}
