import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { giveConsentInput, planSections, recordConsentInput } from '@sammen/domain/consent';
import { ApiError } from '../../app/api.ts';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { topField, useReasonText, validate, type Problem } from '../../app/reasons.ts';
import { today } from '../plans/parts.tsx';
import { CheckboxGroup, Select, TextArea, TextInput } from '../../app/form.tsx';
import { useVoice } from '../../app/voice.ts';
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
  // Three voices: the citizen ("din plan"), a relative for the citizen ("Gerdas plan"), staff.
  const { say, proxy } = useVoice();
  const k = `consent.form.${props.audience}`;
  const choiceContext = props.audience === 'staff' ? 'staff' : proxy ? 'proxy' : undefined;
  const [unitId, setUnitId] = useState('');
  const [sections, setSections] = useState<string[]>([]);
  const [purpose, setPurpose] = useState('');
  const [startsOn, setStartsOn] = useState(today());
  const [endsOn, setEndsOn] = useState('');
  const [method, setMethod] = useState<'paper' | 'oral'>('paper');
  const [note, setNote] = useState('');
  // Kept as reasons, not words, so a change of language also changes the messages shown.
  const [problems, setProblems] = useState<Record<string, Problem>>({});
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const reasonText = useReasonText();
  const shown = ['recipientUnitId', 'sections', 'purpose', 'startsOn', 'endsOn', ...(props.mode === 'record' ? ['note'] : [])];
  const errorAt = (field: string) => reasonText(problems[field]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(undefined);
    const values: GrantValues = { recipientUnitId: unitId, sections, purpose, startsOn, endsOn: endsOn || null };
    if (props.mode === 'record') Object.assign(values, { method, note, givenBy: 'citizen' });
    const schema = props.mode === 'record' ? recordConsentInput : giveConsentInput;
    const checked = validate(schema, values);
    if (!checked.ok) {
      const found: Record<string, Problem> = {};
      for (const problem of checked.problems) found[topField(problem) ?? ''] ??= problem;
      setProblems(found);
      return;
    }
    setProblems({});
    setBusy(true);
    try {
      await props.onSubmit(values);
    } catch (err) {
      const error = errorOf(err);
      // A refused field the form shows is marked there; anything else is said above the button.
      const field = topField(error);
      if (error.code === 'VALIDATION' && field && shown.includes(field)) setProblems({ [field]: error });
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="sammen-consent-form" noValidate onSubmit={(e) => void submit(e)}>
      <Select
        label={t(`${k}.unit`)}
        hint={say(`${k}.unitHint`)}
        error={errorAt('recipientUnitId')}
        value={unitId}
        onChange={setUnitId}
        empty={t('consent.form.chooseUnit')}
        options={props.units.map((u) => ({ value: u.id, label: u.name }))}
      />
      <CheckboxGroup
        legend={t(`${k}.sections`)}
        hint={t(`${k}.sectionsHint`)}
        error={errorAt('sections')}
        value={sections}
        onChange={setSections}
        // Staff see the citizen's parts named as the citizen's ("Borgerens livshistorie"), not "Din livshistorie".
        options={planSections.map((s) => ({ value: s, label: say(`consent.sections.choice.${s}`, { context: choiceContext }) }))}
      />
      <TextArea rows={3} label={t(`${k}.purpose`)} hint={say(`${k}.purposeHint`)} error={errorAt('purpose')} value={purpose} onChange={setPurpose} maxLength={500} />
      <div className="sammen-form-row">
        <TextInput label={t('consent.form.startsOn')} error={errorAt('startsOn')} value={startsOn} onChange={setStartsOn} type="date" />
        <TextInput label={t('consent.form.endsOn')} hint={say(`${k}.endsOnHint`)} error={errorAt('endsOn')} value={endsOn} onChange={setEndsOn} type="date" />
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
          <TextArea rows={3} label={t('consent.form.note')} hint={t('consent.form.noteHint')} error={errorAt('note')} value={note} onChange={setNote} maxLength={1000} />
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
