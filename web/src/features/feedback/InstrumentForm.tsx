import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { comparators, instrumentInput, type Comparator, type InstrumentDefinition } from '@sammen/domain/feedback';
import { CheckboxGroup, Select } from '../../app/form.tsx';
import { FormErrors, Input, useFormErrors } from '../calendar/parts.tsx';
import { useSaveInstrument } from './feedback.api.ts';

// "Nyt skema": a municipality's own instrument (e.g. a licensed form it has the right to use),
// entered as data: names and intro in both languages, its questions with their scale and the
// words at both ends, how the total is made and read, when it alerts, who it is for, the licence.
// Checked with the same contract as the server; a refused field is shown at the field.

type ItemRow = { key: string; da: string; en: string; min: string; max: string; step: string; lowDa: string; lowEn: string; highDa: string; highEn: string };
const emptyItem = (): ItemRow => ({ key: '', da: '', en: '', min: '0', max: '10', step: '1', lowDa: '', lowEn: '', highDa: '', highEn: '' });

/** A number field's text as a number ('' stays empty, so the contract can say it is required). */
export const numberOf = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s.trim().replace(',', '.')));

const groups = ['adults', 'youth', 'children'] as const;

export function InstrumentForm({ onSaved }: { onSaved: (name: string) => void }) {
  const { t } = useTranslation();
  const save = useSaveInstrument();
  const [v, setV] = useState({
    nameDa: '', nameEn: '', introDa: '', introEn: '', kind: 'outcome', method: 'sum', higherIsBetter: true,
    cutoff: '', comparator: 'lt' as Comparator, reliableChange: '', belowCutoff: false, drop: '',
    presentation: 'slider', licence: '', active: true, targetGroups: ['adults'] as string[],
  });
  const [items, setItems] = useState<ItemRow[]>([emptyItem()]);
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((prev) => ({ ...prev, [k]: value }));
  const setItem = (i: number, k: keyof ItemRow, value: string) => setItems((prev) => prev.map((row, j) => (j === i ? { ...row, [k]: value } : row)));
  const itemFields = items.flatMap((_, i) => ['key', 'wording.da', 'wording.en', 'min', 'max', 'step', 'anchors.low.da', 'anchors.low.en', 'anchors.high.da', 'anchors.high.en'].map((f) => `definition.items.${i}.${f}`));
  const fields = [
    'definition.name.da', 'definition.name.en', 'definition.intro.da', 'definition.intro.en', 'definition.items', ...itemFields,
    'definition.total.cutoff.value', 'definition.total.reliableChange', 'definition.total.alerts.drop', 'definition.targetGroups', 'definition.licence',
  ];
  const errors = useFormErrors(fields);
  const at = (f: string) => errors.errorAt(`definition.${f}`);

  function submit(e: FormEvent) {
    e.preventDefault();
    const definition = {
      name: { da: v.nameDa, en: v.nameEn },
      intro: { da: v.introDa, en: v.introEn },
      items: items.map((r) => ({
        key: r.key.trim(),
        wording: { da: r.da, en: r.en },
        min: numberOf(r.min),
        max: numberOf(r.max),
        step: numberOf(r.step),
        anchors: { low: { da: r.lowDa, en: r.lowEn }, high: { da: r.highDa, en: r.highEn } },
      })),
      total: {
        kind: v.kind,
        method: v.method,
        higherIsBetter: v.higherIsBetter,
        cutoff: { value: numberOf(v.cutoff), comparator: v.comparator },
        reliableChange: numberOf(v.reliableChange),
        alerts: { belowCutoff: v.belowCutoff, drop: v.drop.trim() === '' ? null : numberOf(v.drop) },
      },
      presentation: v.presentation,
      targetGroups: v.targetGroups,
      licence: v.licence,
      normsStatus: 'local_not_validated',
      normsBasis: null,
    };
    const input = errors.check(instrumentInput, { definition, active: v.active });
    if (!input) return;
    save.mutate(input, {
      onSuccess: (saved) => onSaved((saved.definition as InstrumentDefinition).name.da),
      onError: errors.fail,
    });
  }

  return (
    <form className="sammen-feedback-instrument-form" onSubmit={submit} noValidate aria-labelledby="feedback-new-instrument-heading">
      <FormErrors formError={errors.formError} error={errors.error} />
      <div className="sammen-feedback-pair">
        <Input label={t('feedback.instruments.form.nameDa')} value={v.nameDa} onChange={(x) => set('nameDa', x)} error={at('name.da')} maxLength={120} />
        <Input label={t('feedback.instruments.form.nameEn')} value={v.nameEn} onChange={(x) => set('nameEn', x)} error={at('name.en')} maxLength={120} />
        <Input label={t('feedback.instruments.form.introDa')} value={v.introDa} onChange={(x) => set('introDa', x)} error={at('intro.da')} maxLength={300} />
        <Input label={t('feedback.instruments.form.introEn')} value={v.introEn} onChange={(x) => set('introEn', x)} error={at('intro.en')} maxLength={300} />
      </div>
      <div className="sammen-filters">
        <Select label={t('feedback.instruments.form.kind')} value={v.kind} onChange={(x) => set('kind', x)} options={(['outcome', 'meeting'] as const).map((k) => ({ value: k, label: t(`feedback.instruments.kinds.${k}`) }))} />
        <Select label={t('feedback.instruments.form.method')} value={v.method} onChange={(x) => set('method', x)} options={(['sum', 'mean'] as const).map((k) => ({ value: k, label: t(`feedback.instruments.methods.${k}`) }))} />
        <Select
          label={t('feedback.instruments.form.direction')}
          value={v.higherIsBetter ? 'higher' : 'lower'}
          onChange={(x) => set('higherIsBetter', x === 'higher')}
          options={(['higher', 'lower'] as const).map((k) => ({ value: k, label: t(`feedback.instruments.directions.${k}`) }))}
        />
        <Select label={t('feedback.instruments.form.presentation')} value={v.presentation} onChange={(x) => set('presentation', x)} options={(['slider', 'faces'] as const).map((k) => ({ value: k, label: t(`feedback.instruments.presentations.${k}`) }))} />
      </div>

      <fieldset className="sammen-feedback-items">
        <legend className="h4">{t('feedback.instruments.form.items')}</legend>
        {errors.errorAt('definition.items') && <p className="form-error-message">{errors.errorAt('definition.items')}</p>}
        {items.map((row, i) => {
          const it = (f: string) => at(`items.${i}.${f}`);
          return (
            <fieldset key={i} className="sammen-feedback-item-row">
              <legend>{t('feedback.instruments.form.item', { n: i + 1 })}</legend>
              <div className="sammen-filters">
                <Input label={t('feedback.instruments.form.key')} hint={t('feedback.instruments.form.keyHint')} value={row.key} onChange={(x) => setItem(i, 'key', x)} error={it('key')} width="m" maxLength={40} />
                <Input label={t('feedback.instruments.form.min')} value={row.min} onChange={(x) => setItem(i, 'min', x)} error={it('min')} width="s" inputMode="decimal" />
                <Input label={t('feedback.instruments.form.max')} value={row.max} onChange={(x) => setItem(i, 'max', x)} error={it('max')} width="s" inputMode="decimal" />
                <Input label={t('feedback.instruments.form.step')} value={row.step} onChange={(x) => setItem(i, 'step', x)} error={it('step')} width="s" inputMode="decimal" />
              </div>
              <div className="sammen-feedback-pair">
                <Input label={t('feedback.instruments.form.wordingDa')} value={row.da} onChange={(x) => setItem(i, 'da', x)} error={it('wording.da')} maxLength={300} />
                <Input label={t('feedback.instruments.form.wordingEn')} value={row.en} onChange={(x) => setItem(i, 'en', x)} error={it('wording.en')} maxLength={300} />
                <Input label={t('feedback.instruments.form.lowDa')} value={row.lowDa} onChange={(x) => setItem(i, 'lowDa', x)} error={it('anchors.low.da')} maxLength={60} />
                <Input label={t('feedback.instruments.form.lowEn')} value={row.lowEn} onChange={(x) => setItem(i, 'lowEn', x)} error={it('anchors.low.en')} maxLength={60} />
                <Input label={t('feedback.instruments.form.highDa')} value={row.highDa} onChange={(x) => setItem(i, 'highDa', x)} error={it('anchors.high.da')} maxLength={60} />
                <Input label={t('feedback.instruments.form.highEn')} value={row.highEn} onChange={(x) => setItem(i, 'highEn', x)} error={it('anchors.high.en')} maxLength={60} />
              </div>
              {items.length > 1 && (
                <button type="button" className="button button-tertiary" onClick={() => setItems((prev) => prev.filter((_, j) => j !== i))}>
                  {t('feedback.instruments.form.removeItem', { n: i + 1 })}
                </button>
              )}
            </fieldset>
          );
        })}
        <button type="button" className="button button-secondary" onClick={() => setItems((prev) => [...prev, emptyItem()])}>
          {t('feedback.instruments.form.addItem')}
        </button>
      </fieldset>

      <div className="sammen-filters">
        <Select
          label={t('feedback.instruments.form.comparator')}
          value={v.comparator}
          onChange={(x) => set('comparator', comparators.includes(x as Comparator) ? (x as Comparator) : 'lt')}
          options={comparators.map((c) => ({ value: c, label: t(`feedback.instruments.comparators.${c}`) }))}
        />
        <Input label={t('feedback.instruments.form.cutoff')} value={v.cutoff} onChange={(x) => set('cutoff', x)} error={at('total.cutoff.value')} width="s" inputMode="decimal" />
        <Input label={t('feedback.instruments.form.reliableChange')} value={v.reliableChange} onChange={(x) => set('reliableChange', x)} error={at('total.reliableChange')} width="s" inputMode="decimal" />
        <Input label={t('feedback.instruments.form.drop')} hint={t('feedback.instruments.form.dropHint')} value={v.drop} onChange={(x) => set('drop', x)} error={at('total.alerts.drop')} width="s" inputMode="decimal" />
      </div>
      <div className="form-group">
        <div className="form-group-checkbox">
          <input id="instrument-below-cutoff" type="checkbox" className="form-checkbox" checked={v.belowCutoff} onChange={(e) => set('belowCutoff', e.target.checked)} />
          <label htmlFor="instrument-below-cutoff">{t('feedback.instruments.form.belowCutoff')}</label>
        </div>
      </div>
      <CheckboxGroup
        legend={t('feedback.instruments.form.targetGroups')}
        error={at('targetGroups')}
        value={v.targetGroups}
        onChange={(x) => set('targetGroups', x)}
        options={groups.map((g) => ({ value: g, label: t(`feedback.instruments.groups.${g}`) }))}
      />
      <Input label={t('feedback.instruments.form.licence')} hint={t('feedback.instruments.form.licenceHint')} value={v.licence} onChange={(x) => set('licence', x)} error={at('licence')} maxLength={1000} />
      <div className="form-group">
        <div className="form-group-checkbox">
          <input id="instrument-active" type="checkbox" className="form-checkbox" checked={v.active} onChange={(e) => set('active', e.target.checked)} />
          <label htmlFor="instrument-active">{t('feedback.instruments.form.active')}</label>
        </div>
      </div>
      <button type="submit" className="button button-primary" disabled={save.isPending}>
        {t('feedback.instruments.form.save')}
      </button>
    </form>
  );
}
