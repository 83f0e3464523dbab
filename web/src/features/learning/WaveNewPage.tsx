import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { openWaveInput } from '@sammen/domain/coordination';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { CheckboxGroup, Select } from '../../app/form.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { apiErrorOf } from '../calendar/calendar.api.ts';
import { FormErrors, Input, useFormErrors } from '../calendar/parts.tsx';
import { addDays, todayLocal } from '../calendar/time.ts';
import { useOpenWave, useSurveyInstruments, useWorkGroups } from './coordination.api.ts';
import { langOf } from './coordination.format.ts';
import './coordination.css';

// "Start en måling" (leaders, admins): a wave's name, the instrument, the focal work the
// questions are about, the groups (rows and columns of the results follow the order they are
// chosen in, which can be changed) and the last day to answer. Opening it invites every member.

export function WaveNewPage() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const navigate = useNavigate();
  const instruments = useSurveyInstruments();
  const groups = useWorkGroups();
  const open = useOpenWave();
  const errors = useFormErrors(['name', 'instrumentId', 'focalWork', 'groupIds', 'closesOn']);
  const [name, setName] = useState('');
  const [instrumentId, setInstrumentId] = useState('');
  const [focalWork, setFocalWork] = useState('');
  const [groupIds, setGroupIds] = useState<string[]>([]);
  const [closesOn, setClosesOn] = useState(() => addDays(todayLocal(), 14));

  const activeInstruments = instruments.data?.instruments.filter((i) => i.active) ?? [];
  const activeGroups = groups.data?.groups.filter((g) => g.active) ?? [];
  const chosenInstrument = instrumentId || activeInstruments[0]?.id || '';
  const nameOf = (id: string) => groups.data?.groups.find((g) => g.id === id)?.name ?? '';

  const move = (index: number, by: -1 | 1) =>
    setGroupIds((prev) => {
      const next = [...prev];
      const [g] = next.splice(index, 1);
      next.splice(index + by, 0, g!);
      return next;
    });

  function submit(e: FormEvent) {
    e.preventDefault();
    const input = errors.check(openWaveInput, { name, instrumentId: chosenInstrument, focalWork, groupIds, closesOn });
    if (!input) return;
    open.mutate(input, {
      onSuccess: (wave) => void navigate(`/samarbejde/maalinger/${encodeURIComponent(wave.id)}`, { state: { opened: true } }),
      onError: errors.fail,
    });
  }

  return (
    <Page title={t('coordination.newWave.title')}>
      <p className="font-lead">{t('coordination.newWave.intro')}</p>
      <p>
        <Link to="/samarbejde">{t('coordination.backToLanding')}</Link>
      </p>
      {(instruments.isPending || groups.isPending) && <Loading />}
      {instruments.isError && <ErrorAlert error={apiErrorOf(instruments.error)} />}
      {groups.isError && <ErrorAlert error={apiErrorOf(groups.error)} />}
      {instruments.data && groups.data && (
        <form className="sammen-coordination-form" onSubmit={submit} noValidate aria-label={t('coordination.newWave.title')}>
          <FormErrors formError={errors.formError} error={errors.error} />
          <Input label={t('coordination.newWave.name')} hint={t('coordination.newWave.nameHint')} value={name} onChange={setName} error={errors.errorAt('name')} maxLength={120} />
          <Select
            label={t('coordination.newWave.instrument')}
            hint={t('coordination.newWave.instrumentHint')}
            value={chosenInstrument}
            onChange={setInstrumentId}
            error={errors.errorAt('instrumentId')}
            options={activeInstruments.map((i) => ({ value: i.id, label: i.definition.name[lang] }))}
          />
          <Input label={t('coordination.newWave.focalWork')} hint={t('coordination.newWave.focalWorkHint')} value={focalWork} onChange={setFocalWork} error={errors.errorAt('focalWork')} maxLength={200} />
          <CheckboxGroup
            legend={t('coordination.newWave.groups')}
            hint={t('coordination.newWave.groupsHint')}
            error={errors.errorAt('groupIds')}
            value={groupIds}
            onChange={setGroupIds}
            none={t('coordination.newWave.noGroups')}
            options={activeGroups.map((g) => ({ value: g.id, label: t('coordination.newWave.groupOption', { name: g.name, count: g.members }) }))}
          />
          {groupIds.length > 0 && (
            <div className="sammen-coordination-order">
              <p className="form-label" id="wave-order-heading">
                {t('coordination.newWave.order')}
              </p>
              <ol aria-labelledby="wave-order-heading">
                {groupIds.map((id, i) => (
                  <li key={id}>
                    <span>{nameOf(id)}</span>
                    <button type="button" className="button button-tertiary" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('coordination.newWave.moveUp', { name: nameOf(id) })}>
                      {t('coordination.newWave.up')}
                    </button>
                    <button
                      type="button"
                      className="button button-tertiary"
                      disabled={i === groupIds.length - 1}
                      onClick={() => move(i, 1)}
                      aria-label={t('coordination.newWave.moveDown', { name: nameOf(id) })}
                    >
                      {t('coordination.newWave.down')}
                    </button>
                  </li>
                ))}
              </ol>
            </div>
          )}
          <Input label={t('coordination.newWave.closesOn')} hint={t('coordination.newWave.closesOnHint')} type="date" value={closesOn} onChange={setClosesOn} error={errors.errorAt('closesOn')} />
          <button type="submit" className="button button-primary" disabled={open.isPending}>
            {t('coordination.newWave.open')}
          </button>
        </form>
      )}
    </Page>
  );
}
