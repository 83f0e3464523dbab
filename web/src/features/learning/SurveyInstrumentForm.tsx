import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { dimensions, surveyInstrumentInput, type Dimension, type SurveyInstrumentView } from '@sammen/domain/coordination';
import { Select, TextArea } from '../../app/form.tsx';
import { FormErrors, Input, useFormErrors } from '../calendar/parts.tsx';
import { useSaveSurveyInstrument } from './coordination.api.ts';

// "Tilføj en licenseret ordlyd": the wording of a survey the municipality holds a licence for,
// entered as data — names and intro in Danish and English, one question per dimension (seven)
// with five answer options each, in the order they are shown, and the score (1–5) each gives.
// Checked with the same contract as the server; a refused field is shown at the field.

type OptionRow = { da: string; en: string; score: string };
type ItemRow = { da: string; en: string; options: OptionRow[] };

const emptyItem = (): ItemRow => ({ da: '', en: '', options: [1, 2, 3, 4, 5].map((s) => ({ da: '', en: '', score: String(s) })) });

function rowsOf(instrument: SurveyInstrumentView | undefined): Record<Dimension, ItemRow> {
  return Object.fromEntries(
    dimensions.map((d) => {
      const item = instrument?.definition.items.find((i) => i.dimension === d);
      return [d, item ? { da: item.wording.da, en: item.wording.en, options: item.options.map((o) => ({ da: o.label.da, en: o.label.en, score: String(o.score) })) } : emptyItem()];
    }),
  ) as Record<Dimension, ItemRow>;
}

export function SurveyInstrumentForm({ instrument, labelledBy, onSaved }: { instrument?: SurveyInstrumentView; labelledBy: string; onSaved: (name: string) => void }) {
  const { t } = useTranslation();
  const save = useSaveSurveyInstrument();
  const d = instrument?.definition;
  const [v, setV] = useState({
    nameDa: d?.name.da ?? '',
    nameEn: d?.name.en ?? '',
    introDa: d?.intro.da ?? '',
    introEn: d?.intro.en ?? '',
    licence: d?.licence ?? '',
    active: instrument?.active ?? true,
  });
  const [items, setItems] = useState(() => rowsOf(instrument));
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((prev) => ({ ...prev, [k]: value }));
  const setItem = (dim: Dimension, change: Partial<ItemRow>) => setItems((prev) => ({ ...prev, [dim]: { ...prev[dim], ...change } }));
  const setOption = (dim: Dimension, j: number, change: Partial<OptionRow>) =>
    setItems((prev) => ({ ...prev, [dim]: { ...prev[dim], options: prev[dim].options.map((o, k) => (k === j ? { ...o, ...change } : o)) } }));

  const itemFields = dimensions.flatMap((_, i) => [
    `definition.items.${i}.wording.da`,
    `definition.items.${i}.wording.en`,
    `definition.items.${i}.options`,
    ...[0, 1, 2, 3, 4].flatMap((j) => ['label.da', 'label.en', 'score'].map((f) => `definition.items.${i}.options.${j}.${f}`)),
  ]);
  const errors = useFormErrors(['definition.name.da', 'definition.name.en', 'definition.intro.da', 'definition.intro.en', 'definition.licence', 'definition.items', ...itemFields]);
  const at = (field: string) => errors.errorAt(`definition.${field}`);
  const prefix = `${labelledBy}-form`;

  function submit(e: FormEvent) {
    e.preventDefault();
    const definition = {
      name: { da: v.nameDa, en: v.nameEn },
      intro: { da: v.introDa, en: v.introEn },
      items: dimensions.map((dim) => ({
        dimension: dim,
        wording: { da: items[dim].da, en: items[dim].en },
        options: items[dim].options.map((o) => ({ label: { da: o.da, en: o.en }, score: Number(o.score) })),
      })),
      licence: v.licence,
      wordingSource: 'licensed' as const,
    };
    const input = errors.check(surveyInstrumentInput, { definition, active: v.active });
    if (!input) return;
    save.mutate({ id: instrument?.id, ...input }, { onSuccess: (saved) => onSaved(saved.definition.name.da), onError: errors.fail });
  }

  return (
    <form className="sammen-coordination-form" onSubmit={submit} noValidate aria-labelledby={labelledBy}>
      <FormErrors formError={errors.formError} error={errors.error} />
      <div className="sammen-coordination-pair">
        <Input label={t('coordination.instrumentForm.nameDa')} value={v.nameDa} onChange={(x) => set('nameDa', x)} error={at('name.da')} maxLength={120} />
        <Input label={t('coordination.instrumentForm.nameEn')} value={v.nameEn} onChange={(x) => set('nameEn', x)} error={at('name.en')} maxLength={120} />
      </div>
      <div className="sammen-coordination-pair">
        <TextArea label={t('coordination.instrumentForm.introDa')} hint={t('coordination.instrumentForm.introHint')} value={v.introDa} onChange={(x) => set('introDa', x)} error={at('intro.da')} maxLength={600} rows={3} />
        <TextArea label={t('coordination.instrumentForm.introEn')} hint={t('coordination.instrumentForm.introHint')} value={v.introEn} onChange={(x) => set('introEn', x)} error={at('intro.en')} maxLength={600} rows={3} />
      </div>
      {at('items') && <p className="form-error-message">{at('items')}</p>}
      {dimensions.map((dim, i) => {
        const row = items[dim];
        const it = (f: string) => at(`items.${i}.${f}`);
        return (
          <fieldset key={dim} className="sammen-coordination-item-fieldset" aria-describedby={it('options') ? `${prefix}-${dim}-options-error` : undefined}>
            <legend className="h4">{t('coordination.instrumentForm.itemLegend', { n: i + 1, dimension: t(`coordination.dimensions.${dim}`) })}</legend>
            <div className="sammen-coordination-pair">
              <TextArea label={t('coordination.instrumentForm.wordingDa')} hint={t('coordination.instrumentForm.wordingHint')} value={row.da} onChange={(x) => setItem(dim, { da: x })} error={it('wording.da')} maxLength={300} rows={2} />
              <TextArea label={t('coordination.instrumentForm.wordingEn')} hint={t('coordination.instrumentForm.wordingHint')} value={row.en} onChange={(x) => setItem(dim, { en: x })} error={it('wording.en')} maxLength={300} rows={2} />
            </div>
            {it('options') && (
              <p className="form-error-message" id={`${prefix}-${dim}-options-error`}>
                {it('options')}
              </p>
            )}
            <ol className="sammen-coordination-option-rows">
              {row.options.map((o, j) => (
                <li key={j} className="sammen-coordination-option-row">
                  <Input label={t('coordination.instrumentForm.optionDa', { n: j + 1 })} value={o.da} onChange={(x) => setOption(dim, j, { da: x })} error={it(`options.${j}.label.da`)} maxLength={80} />
                  <Input label={t('coordination.instrumentForm.optionEn', { n: j + 1 })} value={o.en} onChange={(x) => setOption(dim, j, { en: x })} error={it(`options.${j}.label.en`)} maxLength={80} />
                  <Select
                    label={t('coordination.instrumentForm.score', { n: j + 1 })}
                    value={o.score}
                    onChange={(x) => setOption(dim, j, { score: x })}
                    error={it(`options.${j}.score`)}
                    options={['1', '2', '3', '4', '5'].map((s) => ({ value: s, label: s }))}
                  />
                </li>
              ))}
            </ol>
          </fieldset>
        );
      })}
      <TextArea label={t('coordination.instrumentForm.licence')} hint={t('coordination.instrumentForm.licenceHint')} value={v.licence} onChange={(x) => set('licence', x)} error={at('licence')} maxLength={1000} rows={3} />
      <div className="form-group">
        <div className="form-group-checkbox">
          <input id={`${prefix}-active`} type="checkbox" className="form-checkbox" checked={v.active} onChange={(e) => set('active', e.target.checked)} />
          <label htmlFor={`${prefix}-active`}>{t('coordination.instrumentForm.active')}</label>
        </div>
      </div>
      <button type="submit" className="button button-primary" disabled={save.isPending}>
        {instrument ? t('coordination.instrumentForm.saveChanges') : t('coordination.instrumentForm.save')}
      </button>
    </form>
  );
}
