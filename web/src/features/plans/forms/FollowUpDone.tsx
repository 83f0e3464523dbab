import { useTranslation } from 'react-i18next';
import { completeFollowUpInput } from '@sammen/domain/plans';
import { completeFollowUp } from '../plans.api.ts';
import { PlanForm, usePlanContext, usePlanWrite } from '../write.tsx';

/** "Udført" on a follow-up: a one-click write, which can conflict like any other. */
export function FollowUpDone({ followUpId, label }: { followUpId: string; label: string }) {
  const { t } = useTranslation();
  const { plan } = usePlanContext();
  const write = usePlanWrite();
  return (
    <PlanForm
      write={write}
      className="sammen-inline-form"
      submitLabel={t('planForm.followUp.done')}
      submitAriaLabel={label}
      compare={() => [{ label, mine: t('planForm.followUp.done'), theirs: t('planForm.followUp.notDone') }]}
      onSubmit={() =>
        void write.run({
          schema: completeFollowUpInput,
          input: (baseVersion) => ({ baseVersion }),
          send: (input) => completeFollowUp(plan.id, followUpId, input.baseVersion),
          focusId: 'followups-heading',
        })
      }
    >
      {null}
    </PlanForm>
  );
}
