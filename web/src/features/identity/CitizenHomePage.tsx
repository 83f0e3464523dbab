import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../app/Page.tsx';
import { useSession } from '../../app/session.tsx';
import { possessive } from '../../app/voice.ts';
import { PulseOwnCard } from '../learning/PulseOwnCard.tsx';

/** The citizen's own page, in plain Danish: short sentences, everyday words. */
export function CitizenHomePage() {
  const { t, i18n } = useTranslation();
  const session = useSession();

  if (session.kind === 'proxy') {
    const citizen = session.citizenName;
    return (
      <Page title={t('borger.hello', { name: session.name })}>
        <p className="font-lead">{t('borger.proxyIntro', { citizen })}</p>
        <h2>{t('borger.proxyMayHeading')}</h2>
        {session.scopes.length ? (
          <>
            <p>{t('borger.proxyMay', { citizen })}</p>
            <ul>
              {session.scopes.map((s) => (
                <li key={s}>{t(`borger.scopes.${s}`)}</li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t('borger.proxyNone', { citizen })}</p>
        )}
        {session.scopes.includes('consent.manage') && (
          <p>
            <Link to="/borger/samtykker">{t('borger.consentsProxy', { citizen })}</Link>
          </p>
        )}
        {session.scopes.includes('plan.read') && (
          <p>
            <Link className="button button-primary" to="/borger/plan">
              {t('borger.openPlanProxy', { citizen })}
            </Link>
          </p>
        )}
        {session.scopes.includes('plan.read') && (
          <p>
            <Link to="/borger/kalender">{t('borgerCalendar.homeLinkProxy', { citizen })}</Link>
          </p>
        )}
        {session.scopes.includes('plan.read') && (
          <p>
            <Link to="/borger/afgoerelser">{t('borgerCases.homeLink', { context: 'proxy', citizen })}</Link>
          </p>
        )}
        {session.scopes.includes('plan.read') && (
          <p>
            <Link to="/borger/feedback">{t('borgerFeedback.homeLink', { context: 'proxy', citizen })}</Link>
          </p>
        )}
        <PulseOwnCard />
        {session.scopes.includes('plan.read') && (
          <p>
            <Link to="/borger/netvaerk">{t('borgerNetwork.homeLink_proxy', { citizen })}</Link>
          </p>
        )}
        {session.scopes.includes('consent.manage') && (
          <p>
            <Link to="/borger/paaroerende">{t('relatives.homeLink_proxy', { citizens: possessive(citizen, i18n.language) })}</Link>
          </p>
        )}
        <p className="sammen-muted sammen-entrance">{t('borger.entrance')}</p>
      </Page>
    );
  }

  return (
    <Page title={t('borger.hello', { name: session.name })}>
      <p className="font-lead">{t('borger.intro')}</p>
      <p>{t('borger.plan')}</p>
      <p>
        <Link className="button button-primary" to="/borger/plan">
          {t('borger.openPlan')}
        </Link>
      </p>
      <p>{t('borger.together')}</p>
      <p>
        <Link to="/borger/kalender">{t('borgerCalendar.homeLink')}</Link>
      </p>
      <p>{t('borgerCases.homeText')}</p>
      <p>
        <Link to="/borger/afgoerelser">{t('borgerCases.homeLink')}</Link>
      </p>
      <p>
        <Link to="/borger/feedback">{t('borgerFeedback.homeLink')}</Link>
      </p>
      <PulseOwnCard />
      <h2>{t('borgerNetwork.homeHeading')}</h2>
      <ul className="sammen-link-list">
        <li>
          <Link to="/borger/netvaerk">{t('borgerNetwork.homeLink')}</Link>
        </li>
        <li>
          <Link to="/borger/paaroerende">{t('relatives.homeLink')}</Link>
        </li>
      </ul>
      <h2>{t('borger.dataHeading')}</h2>
      <p>{t('borger.dataIntro')}</p>
      <ul className="sammen-link-list">
        <li>
          <Link to="/borger/samtykker">{t('borger.consents')}</Link>
        </li>
        <li>
          <Link to="/borger/hvem-har-kigget">{t('borger.whoLooked')}</Link>
        </li>
      </ul>
      <p className="sammen-muted sammen-entrance">{t('borger.entrance')}</p>
    </Page>
  );
}
