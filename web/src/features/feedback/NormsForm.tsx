import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { normsInput, type InstrumentView, type NormsView } from '@sammen/domain/feedback';
import { ApiError } from '../../app/api.ts';
import { TextArea } from '../../app/form.tsx';
import { FormErrors, Input, useFormErrors } from '../calendar/parts.tsx';
import { useComputeNorms } from './feedback.api.ts';
import { formatNumber } from './feedback.format.ts';
import { numberOf } from './InstrumentForm.tsx';

// Local norms for an outcome instrument (Jacobson & Truax): the clinical sample is the first
// total of every course with it in the municipality (the server counts them); the admin brings
// the non-clinical totals (e.g. a population survey with the same form) and the instrument's
// reliability. "Beregn" shows the numbers and what they rest on; "Gem normerne" saves them.

/** Totals as typed: one per line or separated by spaces or semicolons; a decimal comma is read as a point. */
export function parseTotals(text: string): number[] {
  return text
    .split(/[\s;]+/)
    .filter(Boolean)
    .map((s) => Number(s.replace(',', '.')));
}

export function NormsForm({ instrument, onApplied }: { instrument: InstrumentView; onApplied: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'da-DK';
  const n = (x: number) => x.toLocaleString(locale, { maximumFractionDigits: 2 });
  const compute = useComputeNorms(instrument.id);
  const errors = useFormErrors(['reliability', 'nonClinicalTotals', 'nonClinical']);
  const [clinical, setClinical] = useState<ApiError>();
  const [reliability, setReliability] = useState('');
  const [totals, setTotals] = useState('');
  const [result, setResult] = useState<NormsView>();
  const id = `norms-${instrument.id}`;

  function run(apply: boolean) {
    setResult(undefined);
    setClinical(undefined);
    const input = errors.check(normsInput, { reliability: numberOf(reliability), nonClinicalTotals: parseTotals(totals), apply });
    if (!input) return;
    compute.mutate(input, {
      onSuccess: (view) => {
        setResult(view);
        if (view.applied) onApplied();
      },
      // The clinical sample is the municipality's own first ratings: nothing to correct in the form.
      onError: (err) => (err instanceof ApiError && err.field === 'clinical' ? setClinical(err) : errors.fail(err)),
    });
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    run(false);
  };

  const nonClinicalError = errors.errorAt('nonClinicalTotals') ?? errors.errorAt('nonClinical');

  return (
    <form className="sammen-feedback-norms" onSubmit={submit} noValidate aria-label={t('feedback.norms.label')}>
      <p>{t('feedback.norms.intro')}</p>
      <FormErrors formError={errors.formError} error={errors.error} />
      {clinical && (
        <div className="alert alert-warning" role="alert">
          <div className="alert-body">
            <p className="alert-text">
              {clinical.reason === 'tooFew'
                ? t('feedback.norms.clinicalTooFew', { n: clinical.params?.n ?? 0, min: clinical.params?.min ?? 0 })
                : t('feedback.norms.clinicalInvalid')}
            </p>
          </div>
        </div>
      )}
      <Input label={t('feedback.norms.reliability')} hint={t('feedback.norms.reliabilityHint')} value={reliability} onChange={setReliability} error={errors.errorAt('reliability')} width="s" inputMode="decimal" />
      <TextArea label={t('feedback.norms.totals')} hint={t('feedback.norms.totalsHint')} value={totals} onChange={setTotals} error={nonClinicalError} rows={6} inputId={`${id}-totals`} />
      <div className="sammen-feedback-card-actions">
        <button type="submit" className="button button-secondary" disabled={compute.isPending}>
          {t('feedback.norms.compute')}
        </button>
        {result && !result.applied && (
          <button type="button" className="button button-primary" disabled={compute.isPending} onClick={() => run(true)}>
            {t('feedback.norms.apply')}
          </button>
        )}
      </div>
      <div role="status">
        {result && (
          <div className="sammen-feedback-norms-result">
            <p>
              <strong>{result.applied ? t('feedback.norms.savedHeading') : t('feedback.norms.resultHeading')}</strong>
            </p>
            <table className="table sammen-figures">
              <caption className="sr-only">{t('feedback.norms.resultHeading')}</caption>
              <tbody>
                <tr>
                  <th scope="row">{t('feedback.norms.cutoff')}</th>
                  <td>{n(result.norms.cutoff)}</td>
                </tr>
                <tr>
                  <th scope="row">{t('feedback.norms.reliableChange')}</th>
                  <td>{n(result.norms.reliableChange)}</td>
                </tr>
                <tr>
                  <th scope="row">{t('feedback.norms.clinical')}</th>
                  <td>{t('feedback.norms.sample', { n: result.norms.clinical.n, mean: formatNumber(result.norms.clinical.mean, locale), sd: n(result.norms.clinical.sd) })}</td>
                </tr>
                <tr>
                  <th scope="row">{t('feedback.norms.nonClinical')}</th>
                  <td>{t('feedback.norms.sample', { n: result.norms.nonClinical.n, mean: formatNumber(result.norms.nonClinical.mean, locale), sd: n(result.norms.nonClinical.sd) })}</td>
                </tr>
                <tr>
                  <th scope="row">{t('feedback.norms.reliability')}</th>
                  <td>{n(result.norms.reliability)}</td>
                </tr>
              </tbody>
            </table>
          </div>
        )}
      </div>
    </form>
  );
}
