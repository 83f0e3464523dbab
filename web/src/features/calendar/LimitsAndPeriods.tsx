import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '@sammen/domain/access';
import { addPlanPeriodInput, setLoadLimitsInput, type CalendarView } from '@sammen/domain/appointments';
import type { LoadLimits, PlanPeriod } from '@sammen/domain/collisions';
import type { Unit } from '@sammen/domain/identity';
import { CheckboxGroup, TextArea } from '../../app/form.tsx';
import { actorOf, useStaffSession } from '../../app/session.tsx';
import { useAddPlanPeriod, useSetLoadLimits } from './calendar.api.ts';
import { useCalendarFormat } from './format.ts';
import { FormErrors, Input, useFormErrors } from './parts.tsx';
import { Success } from '../../app/Success.tsx';
import { todayLocal } from './time.ts';

// The citizen's load limits (the municipality's, lowered for this citizen) and the plan's
// periods ("the family comes first", an exemption). Changing them is for caseworkers,
// coordinators and leaders; the server decides, and a refusal is shown as its message.

const limitKeys = ['hoursPerDay', 'appointmentsPerDay', 'hoursPerWeek', 'appointmentsPerWeek'] as const;

/**
 * A form that opens from a button (for those who may use it), and the confirmation after it —
 * the shape both sections share.
 */
function FormBehindButton({ mayOpen, label, children }: { mayOpen: boolean; label: string; children: (onDone: (message: string) => void, onCancel: () => void) => ReactNode }) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState('');
  return (
    <>
      <Success text={done} />
      {mayOpen &&
        (open ? (
          children(
            (message) => {
              setOpen(false);
              setDone(message);
            },
            () => setOpen(false),
          )
        ) : (
          <button type="button" className="button button-secondary" onClick={() => (setOpen(true), setDone(''))}>
            {label}
          </button>
        ))}
    </>
  );
}

export function LoadLimitsSection({ citizenId, limits }: { citizenId: string; limits: LoadLimits }) {
  const { t } = useTranslation();
  const session = useStaffSession();
  const mayChange = can(actorOf(session), 'calendar.limits');
  return (
    <section className="sammen-section" aria-labelledby="calendar-limits">
      <h2 id="calendar-limits">{t('calendar.limits.heading')}</h2>
      <p>{t('calendar.limits.intro')}</p>
      <dl className="sammen-facts">
        {limitKeys.map((k) => (
          <div key={k}>
            <dt>{t(`calendar.limits.${k}`)}</dt>
            <dd>{limits[k] === undefined ? t('calendar.limits.none') : limits[k]}</dd>
          </div>
        ))}
      </dl>
      <FormBehindButton mayOpen={mayChange} label={t('calendar.limits.change')}>
        {(onDone, onCancel) => <LimitsForm citizenId={citizenId} limits={limits} onDone={onDone} onCancel={onCancel} />}
      </FormBehindButton>
    </section>
  );
}

function LimitsForm({ citizenId, limits, onDone, onCancel }: { citizenId: string; limits: LoadLimits; onDone: (message: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<(typeof limitKeys)[number], string>>(() => {
    const v = { hoursPerDay: '', appointmentsPerDay: '', hoursPerWeek: '', appointmentsPerWeek: '' };
    for (const k of limitKeys) if (limits[k] !== undefined) v[k] = String(limits[k]);
    return v;
  });
  const [reason, setReason] = useState('');
  const save = useSetLoadLimits(citizenId);
  const errors = useFormErrors([...limitKeys.map((k) => `limits.${k}`), 'limits', 'reason']);

  function submit(e: FormEvent) {
    e.preventDefault();
    const chosen: Record<string, number> = {};
    for (const k of limitKeys) if (values[k].trim() !== '') chosen[k] = Number(values[k].replace(',', '.'));
    const input = errors.check(setLoadLimitsInput, { limits: chosen, reason });
    if (!input) return;
    save.mutate(input, { onSuccess: () => onDone(t('calendar.limits.saved')), onError: errors.fail });
  }

  return (
    <form className="sammen-calendar-form" onSubmit={submit} noValidate>
      <h3>{t('calendar.limits.formHeading')}</h3>
      <p className="form-hint">{t('calendar.limits.formHint')}</p>
      <FormErrors formError={errors.formError} error={errors.error} />
      <div className="sammen-form-row">
        {limitKeys.map((k) => (
          <Input
            key={k}
            label={t(`calendar.limits.${k}`)}
            type="number"
            width="s"
            min={0}
            step={k.startsWith('hours') ? 0.5 : 1}
            inputMode={k.startsWith('hours') ? 'decimal' : 'numeric'}
            value={values[k]}
            onChange={(v) => setValues((prev) => ({ ...prev, [k]: v }))}
            error={errors.errorAt(`limits.${k}`)}
          />
        ))}
      </div>
      <TextArea label={t('calendar.limits.reason')} hint={t('calendar.limits.reasonHint')} value={reason} onChange={setReason} rows={3} maxLength={500} error={errors.errorAt('reason')} />
      <div className="sammen-form-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {t('calendar.limits.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('calendar.cancel')}
        </button>
      </div>
    </form>
  );
}

export function PlanPeriodsSection({ citizenId, periods, units }: { citizenId: string; periods: CalendarView['planPeriods']; units: Unit[] }) {
  const { t } = useTranslation();
  const f = useCalendarFormat();
  const session = useStaffSession();
  const mayChange = can(actorOf(session), 'calendar.limits');
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? t('calendar.periods.unknownUnit');
  const span = (p: PlanPeriod) => (p.to ? t('calendar.period.range', { from: f.date(p.from), to: f.date(p.to) }) : t('calendar.period.openEnded', { from: f.date(p.from) }));

  return (
    <section className="sammen-section" aria-labelledby="calendar-periods">
      <h2 id="calendar-periods">{t('calendar.periods.heading')}</h2>
      <p>{t('calendar.periods.intro')}</p>
      {periods.length === 0 ? (
        <p>{t('calendar.periods.none')}</p>
      ) : (
        <div className="table--responsive-scroll">
          <table className="table table--zebra">
            <caption className="sr-only">{t('calendar.periods.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('calendar.periods.kind')}</th>
                <th scope="col">{t('calendar.periods.when')}</th>
                <th scope="col">{t('calendar.periods.units')}</th>
                <th scope="col">{t('calendar.periods.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {periods.map((p) => (
                <tr key={p.id}>
                  <td>{t(`calendar.periods.kinds.${p.kind}`)}</td>
                  <td>{span(p)}</td>
                  <td>{p.unitIds === 'all' ? t('calendar.periods.allUnits') : p.unitIds.map(unitName).join(', ')}</td>
                  <td className="sammen-prewrap">{p.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <FormBehindButton mayOpen={mayChange} label={t('calendar.periods.add')}>
        {(onDone, onCancel) => <PeriodForm citizenId={citizenId} units={units} onDone={onDone} onCancel={onCancel} />}
      </FormBehindButton>
    </section>
  );
}

function PeriodForm({ citizenId, units, onDone, onCancel }: { citizenId: string; units: Unit[]; onDone: (message: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [from, setFrom] = useState(todayLocal());
  const [to, setTo] = useState('');
  const [kind, setKind] = useState<'priority' | 'exemption'>('priority');
  const [scope, setScope] = useState<'all' | 'some'>('all');
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const save = useAddPlanPeriod(citizenId);
  const errors = useFormErrors(['from', 'to', 'kind', 'unitIds', 'reason']);

  function submit(e: FormEvent) {
    e.preventDefault();
    const input = errors.check(addPlanPeriodInput, { from, to: to || null, kind, unitIds: scope === 'all' ? 'all' : unitIds, reason });
    if (!input) return;
    save.mutate(input, { onSuccess: () => onDone(t('calendar.periods.saved')), onError: errors.fail });
  }

  return (
    <form className="sammen-calendar-form" onSubmit={submit} noValidate>
      <h3>{t('calendar.periods.formHeading')}</h3>
      <FormErrors formError={errors.formError} error={errors.error} />
      <fieldset className="form-group">
        <legend className="form-label">{t('calendar.periods.kind')}</legend>
        <ul className="nobullet-list sammen-radios">
          {(['priority', 'exemption'] as const).map((k) => (
            <li key={k}>
              <input id={`${id}-${k}`} className="form-radio" type="radio" name={`${id}-kind`} checked={kind === k} onChange={() => setKind(k)} />
              <label htmlFor={`${id}-${k}`}>
                {t(`calendar.periods.kinds.${k}`)}
                <span className="form-hint sammen-radio-hint">{t(`calendar.periods.kindHints.${k}`)}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="sammen-form-row">
        <Input label={t('calendar.periods.from')} type="date" value={from} onChange={setFrom} error={errors.errorAt('from')} />
        <Input label={t('calendar.periods.to')} hint={t('calendar.periods.toHint')} type="date" value={to} onChange={setTo} error={errors.errorAt('to')} />
      </div>
      <fieldset className={`form-group${errors.errorAt('unitIds') && scope === 'all' ? ' form-error' : ''}`}>
        <legend className="form-label">{t('calendar.periods.units')}</legend>
        <ul className="nobullet-list sammen-radios">
          {(['all', 'some'] as const).map((s) => (
            <li key={s}>
              <input id={`${id}-${s}`} className="form-radio" type="radio" name={`${id}-scope`} checked={scope === s} onChange={() => setScope(s)} />
              <label htmlFor={`${id}-${s}`}>{t(`calendar.periods.scope.${s}`)}</label>
            </li>
          ))}
        </ul>
      </fieldset>
      {scope === 'some' && (
        <CheckboxGroup
          legend={t('calendar.periods.chooseUnits')}
          options={units.map((u) => ({ value: u.id, label: u.name }))}
          value={unitIds}
          onChange={setUnitIds}
          error={errors.errorAt('unitIds')}
        />
      )}
      <TextArea label={t('calendar.periods.reason')} hint={t('calendar.periods.reasonHint')} value={reason} onChange={setReason} rows={3} maxLength={500} error={errors.errorAt('reason')} />
      <div className="sammen-form-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {t('calendar.periods.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('calendar.cancel')}
        </button>
      </div>
    </form>
  );
}
