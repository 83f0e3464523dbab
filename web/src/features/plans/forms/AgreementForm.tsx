import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addAgreementInput, LIMITS } from '@sammen/domain/plans';
import { Select, TextArea } from '../../../app/form.tsx';
import { addAgreement } from '../plans.api.ts';
import { PlanForm, usePlanContext, usePlanWrite } from '../write.tsx';
import type { Lookups } from './options.ts';

/** A cooperation agreement: what a unit takes responsibility for. */
export function AgreementForm({ lookups, onDone }: { lookups: Lookups; onDone: () => void }) {
  const { t } = useTranslation();
  const { plan } = usePlanContext();
  const write = usePlanWrite();
  const [unitId, setUnitId] = useState('');
  const [text, setText] = useState('');
  return (
    <PlanForm
      write={write}
      submitLabel={t('planForm.agreement.submit')}
      onCancel={onDone}
      compare={(current) => [{ label: t('planForm.agreement.text'), mine: text, theirs: current.agreements.map((a) => `${a.responsibleUnit.name}: ${a.text}`).join('\n') }]}
      onSubmit={() =>
        void write
          .run({
            schema: addAgreementInput,
            input: (baseVersion) => ({ baseVersion, responsibleUnitId: unitId, text }),
            send: (input) => addAgreement(plan.id, input),
            focusId: 'agreements-heading',
          })
          .then((p) => p && onDone())
      }
    >
      <Select
        label={t('planForm.agreement.unit')}
        value={unitId}
        onChange={setUnitId}
        empty={t('planForm.choose')}
        options={lookups.units.map((u) => ({ value: u.id, label: u.name }))}
        error={write.errorAt('responsibleUnitId')}
      />
      <TextArea
        label={t('planForm.agreement.text')}
        hint={t('planForm.agreement.textHint')}
        value={text}
        onChange={setText}
        maxLength={LIMITS.description}
        error={write.errorAt('text')}
        lixThreshold={plan.lixThreshold}
      />
    </PlanForm>
  );
}
