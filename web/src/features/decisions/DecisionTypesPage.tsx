import { useId, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { can } from '@sammen/domain/access';
import { caseSettingsInput, decisionTypeInput, DEFAULT_APPEAL_BODY, type DecisionTypeView } from '@sammen/domain/decisions';
import { APPEAL_DEADLINE, type DeadlinePeriod } from '@sammen/domain/deadlines';
import { extraClosedDayKinds, extraClosedDayNames, type ExtraClosedDay } from '@sammen/domain/workdays';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { CheckboxGroup, Select, TextArea } from '../../app/form.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { actorOf, useStaffSession } from '../../app/session.tsx';
import { Success } from '../../app/Success.tsx';
import { apiErrorOf } from '../calendar/calendar.api.ts';
import { FormErrors, Input, useFormErrors } from '../calendar/parts.tsx';
import { listUnits } from '../identity/identity.api.ts';
import { useCaseSettings, useDecisionTypes, useSaveCaseSettings, useSaveDecisionType } from './decisions.api.ts';
import { periodOf, periodParts } from './decisions.format.ts';
import { usePeriodText } from './RequestParts.tsx';

// "Afgørelsestyper" (admin): the kinds of decision the municipality makes, each with its
// published processing deadline, deciding unit and appeal body; and the municipality's case
// settings — which extra days count as closed, and the personal-contact deadline on complaints.

export function DecisionTypesPage() {
  const { t } = useTranslation();
  const session = useStaffSession();
  const mayManage = can(actorOf(session), 'decisionType.manage');
  const maySettings = can(actorOf(session), 'caseSettings.manage');
  const types = useDecisionTypes();
  const [editing, setEditing] = useState<string | 'new'>();
  const [done, setDone] = useState('');
  const list = [...(types.data?.decisionTypes ?? [])].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name, 'da'));
  const finish = (message: string) => {
    setEditing(undefined);
    setDone(message);
  };

  return (
    <Page title={t('decisionTypes.title')}>
      <p className="font-lead">{t('decisionTypes.intro')}</p>
      <section className="sammen-section" aria-labelledby="types-list">
        <h2 id="types-list">{t('decisionTypes.listHeading')}</h2>
        <Success text={done} />
        {types.isPending && <Loading />}
        {types.isError && <ErrorAlert error={apiErrorOf(types.error)} />}
        {types.data && list.length === 0 && <p>{t('decisionTypes.none')}</p>}
        {list.length > 0 && (
          <ul className="sammen-cards">
            {list.map((d) => (
              <li key={d.id} className="sammen-card">
                {editing === d.id ? (
                  <DecisionTypeForm type={d} onCancel={() => setEditing(undefined)} onDone={() => finish(t('decisionTypes.saved', { name: d.name }))} />
                ) : (
                  <DecisionTypeCard type={d} mayEdit={mayManage} onEdit={() => (setEditing(d.id), setDone(''))} />
                )}
              </li>
            ))}
          </ul>
        )}
        {mayManage &&
          (editing === 'new' ? (
            <div className="sammen-card">
              <DecisionTypeForm onCancel={() => setEditing(undefined)} onDone={(name) => finish(t('decisionTypes.created', { name }))} />
            </div>
          ) : (
            <button type="button" className="button button-primary" onClick={() => (setEditing('new'), setDone(''))}>
              {t('decisionTypes.create')}
            </button>
          ))}
      </section>
      <CaseSettingsSection mayChange={maySettings} />
    </Page>
  );
}

function DecisionTypeCard({ type: d, mayEdit, onEdit }: { type: DecisionTypeView; mayEdit: boolean; onEdit: () => void }) {
  const { t } = useTranslation();
  const periodText = usePeriodText();
  return (
    <>
      <h3 className="h4">
        {d.name} {!d.active && <span className="badge">{t('decisionTypes.inactive')}</span>}
      </h3>
      <dl className="sammen-facts">
        <dt>{t('decisionTypes.fields.legalBasis')}</dt>
        <dd>{d.legalBasis}</dd>
        <dt>{t('decisionTypes.fields.processingDeadline')}</dt>
        <dd>{periodText(d.processingDeadline)}</dd>
        <dt>{t('decisionTypes.fields.unit')}</dt>
        <dd>{d.unit.name}</dd>
        <dt>{t('decisionTypes.fields.appealBody')}</dt>
        <dd>{d.appealBody}</dd>
        <dt>{t('decisionTypes.fields.complaintDeadline')}</dt>
        <dd>{periodText(d.complaintDeadline)}</dd>
      </dl>
      {mayEdit && (
        <button type="button" className="button button-secondary" onClick={onEdit}>
          {t('decisionTypes.edit')}
          <span className="sr-only"> {d.name}</span>
        </button>
      )}
    </>
  );
}

const periodKinds: DeadlinePeriod['kind'][] = ['workingDays', 'weeks', 'months'];
const fields = ['name', 'legalBasis', 'processingDeadline', 'unitId', 'appealBody', 'complaintDeadline', 'active'];

/** A period as two inputs: a number and its unit. */
function PeriodInput({ legend, hint, kind, amount, onKind, onAmount, error }: { legend: string; hint?: string; kind: DeadlinePeriod['kind']; amount: string; onKind: (k: DeadlinePeriod['kind']) => void; onAmount: (v: string) => void; error?: string }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className={`form-group sammen-period${error ? ' form-error' : ''}`} aria-describedby={[hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}>
      <legend className="form-label">{legend}</legend>
      {hint && (
        <span className="form-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="form-error-message" id={`${id}-error`}>
          {error}
        </span>
      )}
      <div className="sammen-form-row">
        <Input label={t('decisionTypes.period.amount')} type="number" width="s" min={1} inputMode="numeric" value={amount} onChange={onAmount} />
        <Select label={t('decisionTypes.period.unit')} value={kind} onChange={(v) => onKind(v as DeadlinePeriod['kind'])} options={periodKinds.map((k) => ({ value: k, label: t(`decisionTypes.period.kinds.${k}`) }))} />
      </div>
    </fieldset>
  );
}

function DecisionTypeForm({ type, onCancel, onDone }: { type?: DecisionTypeView; onCancel: () => void; onDone: (name: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const session = useStaffSession();
  const units = useQuery({ queryKey: ['units'], queryFn: listUnits, staleTime: 5 * 60_000 });
  const processing = type ? periodParts(type.processingDeadline) : { key: 'workingDays' as const, count: 10 };
  const complaint = periodParts(type?.complaintDeadline ?? APPEAL_DEADLINE);
  const [name, setName] = useState(type?.name ?? '');
  const [legalBasis, setLegalBasis] = useState(type?.legalBasis ?? '');
  const [pKind, setPKind] = useState<DeadlinePeriod['kind']>(processing.key);
  const [pAmount, setPAmount] = useState(String(processing.count));
  const [unitId, setUnitId] = useState(type?.unit.id ?? session.unitId);
  const [appealBody, setAppealBody] = useState(type?.appealBody ?? DEFAULT_APPEAL_BODY);
  const [cKind, setCKind] = useState<DeadlinePeriod['kind']>(complaint.key);
  const [cAmount, setCAmount] = useState(String(complaint.count));
  const [active, setActive] = useState(type?.active ?? true);
  const save = useSaveDecisionType();
  const errors = useFormErrors(fields);

  function submit(e: FormEvent) {
    e.preventDefault();
    const input = errors.check(decisionTypeInput, {
      name,
      legalBasis,
      processingDeadline: periodOf(pKind, pAmount),
      unitId,
      appealBody,
      complaintDeadline: periodOf(cKind, cAmount),
      active,
    });
    if (!input) return;
    save.mutate({ ...input, ...(type && { id: type.id }) }, { onSuccess: (saved) => onDone(saved.name), onError: errors.fail });
  }

  return (
    <form className="sammen-calendar-form sammen-decision-form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{type ? t('decisionTypes.editHeading', { name: type.name }) : t('decisionTypes.createHeading')}</h3>
      <FormErrors formError={errors.formError} error={errors.error} />
      {units.isError && <ErrorAlert error={apiErrorOf(units.error)} />}
      <Input label={t('decisionTypes.fields.name')} value={name} onChange={setName} maxLength={200} error={errors.errorAt('name')} />
      <TextArea label={t('decisionTypes.fields.legalBasis')} hint={t('decisionTypes.legalBasisHint')} value={legalBasis} onChange={setLegalBasis} rows={2} maxLength={1000} error={errors.errorAt('legalBasis')} />
      <PeriodInput
        legend={t('decisionTypes.fields.processingDeadline')}
        hint={t('decisionTypes.processingHint')}
        kind={pKind}
        amount={pAmount}
        onKind={setPKind}
        onAmount={setPAmount}
        error={errors.errorAt('processingDeadline')}
      />
      <Select
        label={t('decisionTypes.fields.unit')}
        hint={t('decisionTypes.unitHint')}
        value={unitId}
        onChange={setUnitId}
        options={(units.data ?? (type ? [type.unit] : [])).map((u) => ({ value: u.id, label: u.name }))}
        error={errors.errorAt('unitId')}
      />
      <Input label={t('decisionTypes.fields.appealBody')} value={appealBody} onChange={setAppealBody} maxLength={200} error={errors.errorAt('appealBody')} />
      <PeriodInput
        legend={t('decisionTypes.fields.complaintDeadline')}
        hint={t('decisionTypes.complaintHint')}
        kind={cKind}
        amount={cAmount}
        onKind={setCKind}
        onAmount={setCAmount}
        error={errors.errorAt('complaintDeadline')}
      />
      <div className="form-group">
        <div className="form-group-checkbox">
          <input id={`${id}-active`} type="checkbox" className="form-checkbox" aria-describedby={`${id}-active-hint`} checked={active} onChange={(e) => setActive(e.target.checked)} />
          <label className="form-label" htmlFor={`${id}-active`}>
            {t('decisionTypes.fields.active')}
          </label>
          <span className="form-hint" id={`${id}-active-hint`}>
            {t('decisionTypes.activeHint')}
          </span>
        </div>
      </div>
      <div className="sammen-form-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {t('decisionTypes.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('decisions.cancel')}
        </button>
      </div>
    </form>
  );
}

function CaseSettingsSection({ mayChange }: { mayChange: boolean }) {
  const { t } = useTranslation();
  const settings = useCaseSettings();
  const [done, setDone] = useState('');
  return (
    <section className="sammen-section" aria-labelledby="case-settings">
      <h2 id="case-settings">{t('decisionTypes.settings.heading')}</h2>
      <p>{t('decisionTypes.settings.intro')}</p>
      <Success text={done} />
      {settings.isPending && <Loading />}
      {settings.isError && <ErrorAlert error={apiErrorOf(settings.error)} />}
      {settings.data &&
        (mayChange ? (
          <CaseSettingsForm key={JSON.stringify(settings.data)} onSaving={() => setDone('')} onDone={() => setDone(t('decisionTypes.settings.saved'))} closed={settings.data.workingDayRules.extraClosedDays} personalContactDays={settings.data.personalContactDays} />
        ) : (
          <dl className="sammen-facts">
            <dt>{t('decisionTypes.settings.closedDays')}</dt>
            <dd>
              {settings.data.workingDayRules.extraClosedDays.length
                ? settings.data.workingDayRules.extraClosedDays.map((d) => extraClosedDayNames[d as ExtraClosedDay] ?? d).join(', ')
                : t('decisionTypes.settings.noClosedDays')}
            </dd>
            <dt>{t('decisionTypes.settings.personalContactDays')}</dt>
            <dd>{t('decisionTypes.period.workingDays', { count: settings.data.personalContactDays })}</dd>
          </dl>
        ))}
    </section>
  );
}

function CaseSettingsForm({ closed, personalContactDays, onSaving, onDone }: { closed: string[]; personalContactDays: number; onSaving: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [days, setDays] = useState<string[]>(closed);
  const [contactDays, setContactDays] = useState(String(personalContactDays));
  const save = useSaveCaseSettings();
  const errors = useFormErrors(['workingDayRules', 'workingDayRules.extraClosedDays', 'personalContactDays']);

  function submit(e: FormEvent) {
    e.preventDefault();
    onSaving();
    const input = errors.check(caseSettingsInput, {
      // In the order of the list, so a saved setting reads the same way every time.
      workingDayRules: { extraClosedDays: extraClosedDayKinds.filter((k) => days.includes(k)) },
      personalContactDays: contactDays.trim() === '' ? Number.NaN : Number(contactDays),
    });
    if (!input) return;
    save.mutate(input, { onSuccess: onDone, onError: errors.fail });
  }

  return (
    <form className="sammen-calendar-form sammen-decision-form" onSubmit={submit} noValidate>
      <FormErrors formError={errors.formError} error={errors.error} />
      <CheckboxGroup
        legend={t('decisionTypes.settings.closedDays')}
        hint={t('decisionTypes.settings.closedDaysHint')}
        options={extraClosedDayKinds.map((k) => ({ value: k, label: extraClosedDayNames[k] }))}
        value={days}
        onChange={setDays}
        error={errors.errorAt('workingDayRules.extraClosedDays') ?? errors.errorAt('workingDayRules')}
      />
      <Input
        label={t('decisionTypes.settings.personalContactDays')}
        hint={t('decisionTypes.settings.personalContactHint')}
        type="number"
        width="s"
        min={1}
        max={20}
        inputMode="numeric"
        value={contactDays}
        onChange={setContactDays}
        error={errors.errorAt('personalContactDays')}
      />
      <div className="sammen-form-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {t('decisionTypes.settings.save')}
        </button>
      </div>
    </form>
  );
}
