import { useTranslation } from 'react-i18next';
import { LIMITS } from '@sammen/domain/plans';
import { TextArea, TextInput } from '../../../app/form.tsx';
import { usePlanContext, type PlanWrite } from '../write.tsx';

/** What staff write beside the citizen's wording of a goal: a description (LIX-checked) and a code. */
export function GoalProfessionalFields(props: {
  description: string;
  setDescription: (v: string) => void;
  code: string;
  setCode: (v: string) => void;
  /** The form's errors, asked for by the form itself so PlanForm knows these fields are shown. */
  errors: { description: string | undefined; code: string | undefined };
}) {
  const { t } = useTranslation();
  const { plan } = usePlanContext();
  return (
    <>
      <TextArea
        label={t('planForm.goal.description')}
        hint={t('planForm.goal.descriptionHint')}
        value={props.description}
        onChange={props.setDescription}
        maxLength={LIMITS.description}
        error={props.errors.description}
        lixThreshold={plan.lixThreshold}
      />
      <TextInput label={t('planForm.goal.code')} hint={t('planForm.goal.codeHint')} value={props.code} onChange={props.setCode} maxLength={LIMITS.code} error={props.errors.code} />
    </>
  );
}

/** The errors GoalProfessionalFields shows, read while the form renders. */
export const professionalErrors = (write: PlanWrite) => ({ description: write.errorAt('professionalDescription'), code: write.errorAt('classificationCode') });
