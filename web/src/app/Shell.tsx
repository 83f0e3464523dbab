import { NavLink, Outlet, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can } from '@sammen/domain/access';
import { actorOf, useSession, useSessionContext } from './session.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { UnitSwitcher } from '../features/identity/UnitSwitcher.tsx';

/** The frame around every signed-in page: skip link, header, main landmark, footer. */
export function Shell() {
  const { t } = useTranslation();
  const session = useSession();
  const { logout } = useSessionContext();
  const navigate = useNavigate();

  async function onLogout() {
    await logout().catch(() => undefined); // logged out locally even if the server is unreachable
    await navigate('/login', { replace: true });
  }

  const home = session.kind === 'staff' ? '/' : '/borger';
  const showStaffList = session.kind === 'staff' && can(actorOf(session), 'staff.list');
  const showReview = session.kind === 'staff' && can(actorOf(session), 'breakGlass.review');
  const showNetworkStatistics = session.kind === 'staff' && can(actorOf(session), 'network.statistics');
  const showDecisionTypes = session.kind === 'staff' && can(actorOf(session), 'decisionType.manage');
  const showFeedbackAggregates = session.kind === 'staff' && can(actorOf(session), 'feedback.aggregates');
  const showFeedbackInstruments = session.kind === 'staff' && can(actorOf(session), 'feedbackInstrument.manage');

  return (
    <div className="sammen-page">
      <a className="skipnav" href="#main-content">
        {t('app.skipLink')}
      </a>
      <header className="header sammen-header">
        <div className="portal-info">
          <div className="portal-info-inner container sammen-portal">
            <span className="sammen-municipality">{session.municipality.name}</span>
            <LanguageSwitch />
          </div>
        </div>
        <div className="solution-info">
          <div className="solution-info-inner container sammen-solution">
            <div className="solution-heading">
              <NavLink to={home}>{t('app.name')}</NavLink>
            </div>
            <div className="sammen-who">
              <p className="sammen-user">
                <strong>{session.name}</strong>
                {session.kind === 'staff' && <span>{session.title}</span>}
                {session.kind === 'proxy' && <span>{t('header.onBehalfOf', { name: session.citizenName })}</span>}
              </p>
              {session.kind === 'staff' && <UnitSwitcher session={session} />}
              <button type="button" className="button button-secondary sammen-logout" onClick={() => void onLogout()}>
                {t('header.logout')}
              </button>
            </div>
          </div>
        </div>
        {session.kind === 'staff' && (
          <nav className="sammen-nav" aria-label={t('app.mainMenu')}>
            <div className="container">
              <ul>
                <li>
                  <NavLink to="/" end>
                    {t('nav.start')}
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/kollisioner">{t('calendar.nav')}</NavLink>
                </li>
                <li>
                  <NavLink to="/afgoerelser">{t('decisions.nav')}</NavLink>
                </li>
                <li>
                  <NavLink to="/klager">{t('complaints.nav')}</NavLink>
                </li>
                <li>
                  <NavLink to="/samarbejde">{t('coordination.nav')}</NavLink>
                </li>
                {showReview && (
                  <li>
                    <NavLink to="/nodadgang">{t('nav.breakGlass')}</NavLink>
                  </li>
                )}
                {showNetworkStatistics && (
                  <li>
                    <NavLink to="/netvaerk/statistik">{t('network.statistics.nav')}</NavLink>
                  </li>
                )}
                {showStaffList && (
                  <li>
                    <NavLink to="/medarbejdere">{t('nav.staff')}</NavLink>
                  </li>
                )}
                {showDecisionTypes && (
                  <li>
                    <NavLink to="/afgoerelsestyper">{t('decisionTypes.nav')}</NavLink>
                  </li>
                )}
                {showFeedbackAggregates && (
                  <li>
                    <NavLink to="/feedback/enheder">{t('feedback.aggregates.nav')}</NavLink>
                  </li>
                )}
                {showFeedbackInstruments && (
                  <li>
                    <NavLink to="/feedback/instrumenter">{t('feedback.instruments.nav')}</NavLink>
                  </li>
                )}
              </ul>
            </div>
          </nav>
        )}
      </header>
      <main id="main-content" className="container sammen-main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer>
        <div className="footer">
          <div className="container">
            <p>{t('app.footer')}</p>
          </div>
        </div>
      </footer>
    </div>
  );
}
