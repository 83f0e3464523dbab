import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SurveyInstrumentView } from '@sammen/domain/coordination';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { Success } from '../../app/Success.tsx';
import { apiErrorOf } from '../calendar/calendar.api.ts';
import { useSaveSurveyInstrument, useSurveyInstruments } from './coordination.api.ts';
import { itemsInOrder, langOf } from './coordination.format.ts';
import { CoordinationSettingsForm } from './CoordinationSettingsForm.tsx';
import { SurveyInstrumentForm } from './SurveyInstrumentForm.tsx';
import './coordination.css';

// "Spørgeskemaer og indstillinger" (leaders, admins): Sammen's own wording, shown as it is with
// its licence (it is not the licensed Relational Coordination Survey), the municipality's
// licensed wordings (added here, as data), and the settings: the anonymity threshold, the bands,
// the flags and who sees what.

export function SurveyInstrumentsPage() {
  const { t } = useTranslation();
  const list = useSurveyInstruments();
  const [done, setDone] = useState('');
  return (
    <Page title={t('coordination.instruments.title')}>
      <p className="font-lead">{t('coordination.instruments.intro')}</p>
      <p>
        <Link to="/samarbejde">{t('coordination.backToLanding')}</Link>
      </p>
      <Success text={done} />
      {list.isPending && <Loading />}
      {list.isError && <ErrorAlert error={apiErrorOf(list.error)} />}
      {list.data && (
        <section className="sammen-section" aria-labelledby="coordination-instruments-heading">
          <h2 id="coordination-instruments-heading">{t('coordination.instruments.listHeading')}</h2>
          <ul className="sammen-cards">
            {list.data.instruments.map((i) => (
              <InstrumentCard key={i.id} instrument={i} onSaved={setDone} />
            ))}
          </ul>
        </section>
      )}
      <section className="sammen-section" aria-labelledby="coordination-settings-heading">
        <h2 id="coordination-settings-heading">{t('coordination.settings.heading')}</h2>
        <p>{t('coordination.settings.intro')}</p>
        <CoordinationSettingsForm onSaved={() => setDone(t('coordination.settings.saved'))} />
      </section>
      <section className="sammen-section" aria-labelledby="coordination-new-instrument-heading">
        <h2 id="coordination-new-instrument-heading">{t('coordination.instruments.newHeading')}</h2>
        <p>{t('coordination.instruments.newIntro')}</p>
        <SurveyInstrumentForm labelledBy="coordination-new-instrument-heading" onSaved={(name) => setDone(t('coordination.instruments.created', { name }))} />
      </section>
    </Page>
  );
}

function InstrumentCard({ instrument, onSaved }: { instrument: SurveyInstrumentView; onSaved: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const d = instrument.definition;
  const save = useSaveSurveyInstrument();
  const [editing, setEditing] = useState(false);
  const headingId = `survey-instrument-${instrument.id}`;
  const own = instrument.origin === 'sammen';
  const name = d.name[lang];

  const toggleActive = () =>
    save.mutate(
      { id: instrument.id, definition: d, active: !instrument.active },
      { onSuccess: (saved) => onSaved(t(saved.active ? 'coordination.instruments.activated' : 'coordination.instruments.deactivated', { name })) },
    );

  return (
    <li className="sammen-card sammen-coordination-instrument">
      <h3 id={headingId}>
        {name} <span className={`badge ${instrument.active ? 'badge-success' : 'badge-info'}`}>{instrument.active ? t('coordination.instruments.active') : t('coordination.instruments.inactive')}</span>
      </h3>
      <dl className="sammen-facts">
        <dt>{t('coordination.instruments.wordingSource')}</dt>
        <dd>{t(`coordination.instruments.sources.${d.wordingSource}`)}</dd>
        <dt>{t('coordination.instruments.licence')}</dt>
        <dd>{d.licence}</dd>
        <dt>{t('coordination.instruments.inUse')}</dt>
        <dd>{instrument.inUse ? t('coordination.instruments.inUseYes') : t('coordination.instruments.inUseNo')}</dd>
      </dl>
      {d.wordingSource === 'sammen' && <p className="sammen-coordination-licence">{t('coordination.licence.sammen')}</p>}
      <details className="sammen-coordination-items">
        <summary>{t('coordination.instruments.itemsSummary', { count: d.items.length })}</summary>
        <p>{d.intro[lang]}</p>
        <ol>
          {itemsInOrder(d.items).map((item) => (
            <li key={item.dimension}>
              <strong>{t(`coordination.dimensions.${item.dimension}`)}:</strong> {item.wording[lang]}
              <span className="sammen-muted sammen-coordination-options">
                {' '}
                {t('coordination.instruments.options', { options: item.options.map((o) => `${o.label[lang]} (${o.score})`).join(', ') })}
              </span>
            </li>
          ))}
        </ol>
      </details>
      {save.isError && <ErrorAlert error={apiErrorOf(save.error)} />}
      {!own && (
        <div className="sammen-coordination-actions">
          <button type="button" className="button button-secondary" aria-describedby={headingId} disabled={save.isPending} onClick={toggleActive}>
            {instrument.active ? t('coordination.instruments.deactivate') : t('coordination.instruments.activate')}
          </button>
          {!instrument.inUse && (
            <button type="button" className="button button-secondary" aria-expanded={editing} aria-describedby={headingId} onClick={() => setEditing(!editing)}>
              {t('coordination.instruments.edit')}
            </button>
          )}
        </div>
      )}
      {editing && (
        <SurveyInstrumentForm
          instrument={instrument}
          labelledBy={headingId}
          onSaved={(saved) => {
            setEditing(false);
            onSaved(t('coordination.instruments.saved', { name: saved }));
          }}
        />
      )}
    </li>
  );
}
