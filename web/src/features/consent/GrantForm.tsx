import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { giveConsentInput, planSections, recordConsentInput } from '@sammen/domain/consent';
import { ApiError } from '../../app/api.ts';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { today } from '../plans/parts.tsx';
import { CheckboxGroup, Select, TextArea, TextInput } from '../../app/form.tsx';
import { errorOf, type Audience } from './parts.tsx';

// One form for a consent: the citizen gives one, staff propose one, or staff record one given
// on paper or orally. Checked with the same schema the server uses before it is sent.

export type GrantMode = 'give' | 'propose' | 'record';

export interface GrantValues {
  recipientUnitId: string;
  sections: string[];
  purpose: string;
  startsOn: string;
  endsOn: string | null;
  method?: 'paper' | 'oral';
  note?: string;
  givenBy?: 'citizen';
}

export function GrantForm(props: {
  mode: GrantMode;
  audience: Audience;
  units: { id: string; name: string }[];
  onSubmit: (values: GrantValues) => Promise<void>;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const k = `consent.form.${props.audience}`;
  const [unitId, setUnitId] = useState('');
  const [sections, setSections] = useState<string[]>([]);
  const [purpose, setPurpose] = useState('');
  const [startsOn, setStartsOn] = useState(today());
  const [endsOn, setEndsOn] = useState('');
  const [method, setMethod] = useState<'paper' | 'oral'>('paper');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const message = (field: string) => t(`consent.form.errors.${field}`, { defaultValue: t('consent.form.errors.other') });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(undefined);
    const values: GrantValues = { recipientUnitId: unitId, sections, purpose, startsOn, endsOn: endsOn || null };
    if (props.mode === 'record') Object.assign(values, { method, note, givenBy: 'citizen' });
    const schema = props.mode === 'record' ? recordConsentInput : giveConsentInput;
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'other');
        found[field] ??= message(field);
      }
      setErrors(found);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await props.onSubmit(values);
    } catch (err) {
      const error = errorOf(err);
      if (error.code === 'VALIDATION' && error.field) setErrors({ [error.field.split('.')[0]!]: message(error.field.split('.')[0]!) });
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="sammen-consent-form" noValidate onSubmit={(e) => void submit(e)}>
      <Select
        label={t(`${k}.unit`)}
        hint={t(`${k}.unitHint`)}
        error={errors.recipientUnitId}
        value={unitId}
        onChange={setUnitId}
        empty={t('consent.form.chooseUnit')}
        options={props.units.map((u) => ({ value: u.id, label: u.name }))}
      />
      <CheckboxGroup
        legend={t(`${k}.sections`)}
        hint={t(`${k}.sectionsHint`)}
        error={errors.sections}
        value={sections}
        onChange={setSections}
        options={planSections.map((s) => ({ value: s, label: t(`consent.sections.choice.${s}`) }))}
      />
      <TextArea rows={3} label={t(`${k}.purpose`)} hint={t(`${k}.purposeHint`)} error={errors.purpose} value={purpose} onChange={setPurpose} maxLength={500} />
      <div className="sammen-form-row">
        <TextInput label={t('consent.form.startsOn')} error={errors.startsOn} value={startsOn} onChange={setStartsOn} type="date" />
        <TextInput label={t('consent.form.endsOn')} hint={t(`${k}.endsOnHint`)} error={errors.endsOn} value={endsOn} onChange={setEndsOn} type="date" />
      </div>
      {props.mode === 'record' && (
        <>
          <Select
            label={t('consent.form.method')}
            value={method}
            onChange={(v) => setMethod(v as 'paper' | 'oral')}
            options={[
              { value: 'paper', label: t('consent.form.methods.paper') },
              { value: 'oral', label: t('consent.form.methods.oral') },
            ]}
          />
          <TextArea rows={3} label={t('consent.form.note')} hint={t('consent.form.noteHint')} error={errors.note} value={note} onChange={setNote} maxLength={1000} />
        </>
      )}
      {failure && <ErrorAlert error={failure} />}
      <div className="sammen-form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t(`consent.form.submit.${props.mode}`)}
        </button>
        {props.onCancel && (
          <button type="button" className="button button-secondary" onClick={props.onCancel}>
            {t('consent.form.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
