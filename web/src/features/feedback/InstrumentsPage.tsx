import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { comparators, feedbackSettings, instrumentInput, totalRange, type Comparator, type FeedbackSettings, type InstrumentDefinition, type InstrumentView } from '@sammen/domain/feedback';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Select } from '../../app/form.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { Success } from '../../app/Success.tsx';
import { apiErrorOf } from '../calendar/calendar.api.ts';
import { FormErrors, Input, useFormErrors } from '../calendar/parts.tsx';
import { useInstruments, useSaveFeedbackSettings, useSaveInstrument } from './feedback.api.ts';
import { formatNumber } from './feedback.format.ts';
import { InstrumentForm, numberOf } from './InstrumentForm.tsx';
import { NormsForm } from './NormsForm.tsx';
import './feedback.css';

// "Skemaer til vurderinger" (admin): the municipality's instruments — what each asks, how its
// total is read (cutoff, reliable change, alerts), whether its norms are its own yet, its licence,
// whether it is in use and how many ratings it has; changing the reading of one, computing local
// norms, adding a new one; and the settings for the expected trajectory and rating links.

export function InstrumentsPage() {
  const { t } = useTranslation();
  const list = useInstruments();
  const [done, setDone] = useState('');
  return (
    <Page title={t('feedback.instruments.title')}>
      <p className="font-lead">{t('feedback.instruments.intro')}</p>
      <Success text={done} />
      {list.isPending && <Loading />}
      {list.isError && <ErrorAlert error={apiErrorOf(list.error)} />}
      {list.data && (
        <>
          <section className="sammen-section" aria-labelledby="feedback-instruments-heading">
            <h2 id="feedback-instruments-heading">{t('feedback.instruments.listHeading')}</h2>
            <ul className="sammen-cards">
              {list.data.instruments.map((i) => (
                <InstrumentCard key={i.id} instrument={i} onSaved={setDone} />
              ))}
            </ul>
          </section>
          <section className="sammen-section" aria-labelledby="feedback-settings-heading">
            <h2 id="feedback-settings-heading">{t('feedback.settings.heading')}</h2>
            <p>{t('feedback.settings.intro')}</p>
            <SettingsForm key={JSON.stringify(list.data.settings)} settings={list.data.settings} onSaved={() => setDone(t('feedback.settings.saved'))} />
          </section>
          <section className="sammen-section" aria-labelledby="feedback-new-instrument-heading">
            <h2 id="feedback-new-instrument-heading">{t('feedback.instruments.newHeading')}</h2>
            <p>{t('feedback.instruments.newIntro')}</p>
            <InstrumentForm onSaved={(name) => setDone(t('feedback.instruments.created', { name }))} />
          </section>
        </>
      )}
    </Page>
  );
}

function InstrumentCard({ instrument, onSaved }: { instrument: InstrumentView; onSaved: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const locale = lang === 'en' ? 'en-GB' : 'da-DK';
  const n = (x: number) => formatNumber(x, locale);
  const d = instrument.definition as InstrumentDefinition;
  const [open, setOpen] = useState<'edit' | 'norms' | null>(null);
  const headingId = `instrument-${instrument.id}`;
  const range = totalRange(d);
  return (
    <li className="sammen-card sammen-feedback-instrument">
      <h3 id={headingId}>
        {d.name[lang]}{' '}
        <span className={`badge ${instrument.active ? 'badge-success' : 'badge-info'}`}>{instrument.active ? t('feedback.instruments.active') : t('feedback.instruments.inactive')}</span>
      </h3>
      <dl className="sammen-facts">
        <dt>{t('feedback.instruments.kind')}</dt>
        <dd>{t(`feedback.instruments.kinds.${d.total.kind}`)}</dd>
        <dt>{t('feedback.instruments.origin')}</dt>
        <dd>{t(`feedback.instruments.origins.${instrument.origin}`)}</dd>
        <dt>{t('feedback.instruments.targetGroups')}</dt>
        <dd>{d.targetGroups.map((g) => t(`feedback.instruments.groups.${g}`)).join(', ')}</dd>
        <dt>{t('feedback.instruments.total')}</dt>
        <dd>{t('feedback.instruments.totalText', { method: t(`feedback.instruments.methods.${d.total.method}`), min: n(range.min), max: n(range.max), direction: t(`feedback.instruments.directions.${d.total.higherIsBetter ? 'higher' : 'lower'}`) })}</dd>
        <dt>{t('feedback.instruments.cutoff')}</dt>
        <dd>{t(`feedback.instruments.comparators.${d.total.cutoff.comparator}`)} {n(d.total.cutoff.value)}</dd>
        <dt>{t('feedback.instruments.reliableChange')}</dt>
        <dd>{t('feedback.instruments.points', { value: n(d.total.reliableChange) })}</dd>
        <dt>{t('feedback.instruments.alerts')}</dt>
        <dd>
          {[d.total.alerts.belowCutoff ? t('feedback.instruments.alertBelow') : '', d.total.alerts.drop !== null ? t('feedback.instruments.alertDrop', { value: n(d.total.alerts.drop) }) : '']
            .filter(Boolean)
            .join('; ') || t('feedback.instruments.alertNone')}
        </dd>
        <dt>{t('feedback.instruments.norms')}</dt>
        <dd>
          {d.normsStatus === 'local_computed' && d.normsBasis
            ? t('feedback.instruments.normsComputed', { clinical: d.normsBasis.clinical, nonClinical: d.normsBasis.nonClinical, reliability: n(d.normsBasis.reliability) })
            : t('feedback.instruments.normsNotValidated')}
        </dd>
        <dt>{t('feedback.instruments.ratings')}</dt>
        <dd>{instrument.ratings}</dd>
        <dt>{t('feedback.instruments.licence')}</dt>
        <dd>{d.licence}</dd>
      </dl>
      <details className="sammen-feedback-items-details">
        <summary>{t('feedback.instruments.itemsSummary', { count: d.items.length })}</summary>
        <ol>
          {d.items.map((it) => (
            <li key={it.key}>
              {it.wording[lang]}{' '}
              <span className="sammen-muted">{t('feedback.instruments.itemScale', { min: n(it.min), max: n(it.max), low: it.anchors.low[lang], high: it.anchors.high[lang] })}</span>
            </li>
          ))}
        </ol>
      </details>
      <div className="sammen-feedback-card-actions">
        <button type="button" className="button button-secondary" aria-expanded={open === 'edit'} aria-describedby={headingId} onClick={() => setOpen(open === 'edit' ? null : 'edit')}>
          {t('feedback.instruments.edit')}
        </button>
        {d.total.kind === 'outcome' && (
          <button type="button" className="button button-secondary" aria-expanded={open === 'norms'} aria-describedby={headingId} onClick={() => setOpen(open === 'norms' ? null : 'norms')}>
            {t('feedback.norms.open')}
          </button>
        )}
      </div>
      {open === 'edit' && (
        <EditReading
          instrument={instrument}
          onSaved={() => {
            setOpen(null);
            onSaved(t('feedback.instruments.saved', { name: d.name[lang] }));
          }}
        />
      )}
      {open === 'norms' && <NormsForm instrument={instrument} onApplied={() => onSaved(t('feedback.norms.applied', { name: d.name[lang] }))} />}
    </li>
  );
}

/** How the total is read and whether it is in use: the parts that may change after ratings were given. */
function EditReading({ instrument, onSaved }: { instrument: InstrumentView; onSaved: () => void }) {
  const { t } = useTranslation();
  const d = instrument.definition as InstrumentDefinition;
  const save = useSaveInstrument();
  const errors = useFormErrors(['definition.total.cutoff.value', 'definition.total.reliableChange', 'definition.total.alerts.drop']);
  const [v, setV] = useState({
    cutoff: String(d.total.cutoff.value),
    comparator: d.total.cutoff.comparator,
    reliableChange: String(d.total.reliableChange),
    belowCutoff: d.total.alerts.belowCutoff,
    drop: d.total.alerts.drop === null ? '' : String(d.total.alerts.drop),
    active: instrument.active,
  });
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((prev) => ({ ...prev, [k]: value }));
  const formId = `edit-${instrument.id}`;

  function submit(e: FormEvent) {
    e.preventDefault();
    const definition = {
      ...d,
      total: {
        ...d.total,
        cutoff: { value: numberOf(v.cutoff), comparator: v.comparator },
        reliableChange: numberOf(v.reliableChange),
        alerts: { belowCutoff: v.belowCutoff, drop: v.drop.trim() === '' ? null : numberOf(v.drop) },
      },
    };
    const input = errors.check(instrumentInput, { definition, active: v.active });
    if (!input) return;
    save.mutate({ id: instrument.id, ...input }, { onSuccess: onSaved, onError: errors.fail });
  }

  return (
    <form className="sammen-feedback-edit" onSubmit={submit} noValidate aria-label={t('feedback.instruments.editLabel', { name: d.name.da })}>
      <FormErrors formError={errors.formError} error={errors.error} />
      <div className="sammen-filters">
        <Select
          label={t('feedback.instruments.form.comparator')}
          value={v.comparator}
          onChange={(x) => set('comparator', comparators.includes(x as Comparator) ? (x as Comparator) : 'lt')}
          options={comparators.map((c) => ({ value: c, label: t(`feedback.instruments.comparators.${c}`) }))}
        />
        <Input label={t('feedback.instruments.form.cutoff')} value={v.cutoff} onChange={(x) => set('cutoff', x)} error={errors.errorAt('definition.total.cutoff.value')} width="s" inputMode="decimal" />
        <Input label={t('feedback.instruments.form.reliableChange')} value={v.reliableChange} onChange={(x) => set('reliableChange', x)} error={errors.errorAt('definition.total.reliableChange')} width="s" inputMode="decimal" />
        <Input label={t('feedback.instruments.form.drop')} hint={t('feedback.instruments.form.dropHint')} value={v.drop} onChange={(x) => set('drop', x)} error={errors.errorAt('definition.total.alerts.drop')} width="s" inputMode="decimal" />
      </div>
      <div className="form-group">
        <div className="form-group-checkbox">
          <input id={`${formId}-below`} type="checkbox" className="form-checkbox" checked={v.belowCutoff} onChange={(e) => set('belowCutoff', e.target.checked)} />
          <label htmlFor={`${formId}-below`}>{t('feedback.instruments.form.belowCutoff')}</label>
        </div>
      </div>
      <div className="form-group">
        <div className="form-group-checkbox">
          <input id={`${formId}-active`} type="checkbox" className="form-checkbox" checked={v.active} onChange={(e) => set('active', e.target.checked)} />
          <label htmlFor={`${formId}-active`}>{t('feedback.instruments.form.active')}</label>
        </div>
      </div>
      <button type="submit" className="button button-primary" disabled={save.isPending}>
        {t('feedback.instruments.saveReading')}
      </button>
    </form>
  );
}

const settingKeys = ['band', 'minCourses', 'maxConversations', 'margin', 'linkHours', 'tabletMinutes'] as const;

function SettingsForm({ settings, onSaved }: { settings: FeedbackSettings; onSaved: () => void }) {
  const { t } = useTranslation();
  const save = useSaveFeedbackSettings();
  const errors = useFormErrors([...settingKeys]);
  const [v, setV] = useState<Record<(typeof settingKeys)[number], string>>(() => Object.fromEntries(settingKeys.map((k) => [k, String(settings[k])])) as Record<(typeof settingKeys)[number], string>);

  function submit(e: FormEvent) {
    e.preventDefault();
    const input = errors.check(feedbackSettings, Object.fromEntries(settingKeys.map((k) => [k, numberOf(v[k])])));
    if (!input) return;
    save.mutate(input, { onSuccess: onSaved, onError: errors.fail });
  }

  return (
    <form className="sammen-feedback-settings-form" onSubmit={submit} noValidate aria-labelledby="feedback-settings-heading">
      <FormErrors formError={errors.formError} error={errors.error} />
      <div className="sammen-feedback-settings">
        {settingKeys.map((k) => (
          <Input key={k} label={t(`feedback.settings.${k}`)} hint={t(`feedback.settings.${k}Hint`)} value={v[k]} onChange={(x) => setV((prev) => ({ ...prev, [k]: x }))} error={errors.errorAt(k)} width="s" inputMode="decimal" />
        ))}
      </div>
      <button type="submit" className="button button-primary" disabled={save.isPending}>
        {t('feedback.settings.save')}
      </button>
    </form>
  );
}
