import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { coordinationSettings, type CoordinationSettings } from '@sammen/domain/coordination';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Select } from '../../app/form.tsx';
import { Loading } from '../../app/Loading.tsx';
import { apiErrorOf } from '../calendar/calendar.api.ts';
import { FormErrors, Input, useFormErrors } from '../calendar/parts.tsx';
import { numberOf } from '../feedback/InstrumentForm.tsx';
import { useCoordinationSettings, useSaveCoordinationSettings } from './coordination.api.ts';

// The survey's settings: when a cell is hidden, when a tie counts, where the bands start, when a
// pair is flagged, when a group's agreement is low, what staff see, and how long a pulse is open.
// A wave freezes the settings when it closes, so a change applies to waves closed after it.

const numberKeys = ['anonymityThreshold', 'minAnsweredItems', 'moderateFrom', 'strongFrom', 'asymmetryFlag', 'agreementFlag', 'pulseDays'] as const;
type NumberKey = (typeof numberKeys)[number];
const fieldOf: Record<NumberKey, string> = {
  anonymityThreshold: 'anonymityThreshold',
  minAnsweredItems: 'minAnsweredItems',
  moderateFrom: 'bands.moderateFrom',
  strongFrom: 'bands.strongFrom',
  asymmetryFlag: 'asymmetryFlag',
  agreementFlag: 'agreementFlag',
  pulseDays: 'pulseDays',
};

export function CoordinationSettingsForm({ onSaved }: { onSaved: () => void }) {
  const settings = useCoordinationSettings();
  if (settings.isPending) return <Loading />;
  if (settings.isError) return <ErrorAlert error={apiErrorOf(settings.error)} />;
  return <SettingsFields key={JSON.stringify(settings.data)} settings={settings.data} onSaved={onSaved} />;
}

function SettingsFields({ settings, onSaved }: { settings: CoordinationSettings; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const save = useSaveCoordinationSettings();
  const errors = useFormErrors([...Object.values(fieldOf), 'bands.boundary', 'staffSee']);
  const decimal = (n: number) => n.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'da-DK', { maximumFractionDigits: 2 });
  const [v, setV] = useState<Record<NumberKey, string>>({
    anonymityThreshold: String(settings.anonymityThreshold),
    minAnsweredItems: String(settings.minAnsweredItems),
    moderateFrom: decimal(settings.bands.moderateFrom),
    strongFrom: decimal(settings.bands.strongFrom),
    asymmetryFlag: decimal(settings.asymmetryFlag),
    agreementFlag: decimal(settings.agreementFlag),
    pulseDays: String(settings.pulseDays),
  });
  const [boundary, setBoundary] = useState(settings.bands.boundary);
  const [staffSee, setStaffSee] = useState(settings.staffSee);

  function submit(e: FormEvent) {
    e.preventDefault();
    const n = (k: NumberKey) => numberOf(v[k]);
    const input = errors.check(coordinationSettings, {
      anonymityThreshold: n('anonymityThreshold'),
      minAnsweredItems: n('minAnsweredItems'),
      bands: { moderateFrom: n('moderateFrom'), strongFrom: n('strongFrom'), boundary },
      asymmetryFlag: n('asymmetryFlag'),
      agreementFlag: n('agreementFlag'),
      staffSee,
      pulseDays: n('pulseDays'),
    });
    if (!input) return;
    save.mutate(input, { onSuccess: onSaved, onError: errors.fail });
  }

  return (
    <form className="sammen-coordination-form" onSubmit={submit} noValidate aria-labelledby="coordination-settings-heading">
      <FormErrors formError={errors.formError} error={errors.error} />
      <div className="sammen-coordination-settings">
        {numberKeys.map((k) => (
          <Input
            key={k}
            label={t(`coordination.settings.${k}`)}
            hint={t(`coordination.settings.${k}Hint`)}
            value={v[k]}
            onChange={(x) => setV((prev) => ({ ...prev, [k]: x }))}
            error={errors.errorAt(fieldOf[k])}
            width="s"
            inputMode={k === 'anonymityThreshold' || k === 'minAnsweredItems' || k === 'pulseDays' ? 'numeric' : 'decimal'}
          />
        ))}
        <Select
          label={t('coordination.settings.boundary')}
          hint={t('coordination.settings.boundaryHint')}
          value={boundary}
          onChange={(x) => setBoundary(x === 'exclusive' ? 'exclusive' : 'inclusive')}
          error={errors.errorAt('bands.boundary')}
          options={(['inclusive', 'exclusive'] as const).map((b) => ({ value: b, label: t(`coordination.settings.boundaries.${b}`) }))}
        />
        <Select
          label={t('coordination.settings.staffSee')}
          hint={t('coordination.settings.staffSeeHint')}
          value={staffSee}
          onChange={(x) => setStaffSee(x === 'none' || x === 'all' ? x : 'ownGroup')}
          error={errors.errorAt('staffSee')}
          options={(['none', 'ownGroup', 'all'] as const).map((s) => ({ value: s, label: t(`coordination.settings.staffSeeOptions.${s}`) }))}
        />
      </div>
      <button type="submit" className="button button-primary" disabled={save.isPending}>
        {t('coordination.settings.save')}
      </button>
    </form>
  );
}
