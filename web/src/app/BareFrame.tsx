import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch.tsx';

/**
 * The page frame outside both shells — the login page, the citizen's rating page: the skip link,
 * the app's name and the language switch, and nothing of anyone's session.
 */
export function BareFrame({ className = '', children }: { className?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className={`sammen-page ${className}`.trim()}>
      <a className="skipnav" href="#main-content">
        {t('app.skipLink')}
      </a>
      <header className="header sammen-header">
        <div className="portal-info">
          <div className="portal-info-inner container sammen-portal">
            <span className="sammen-municipality">{t('app.name')}</span>
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <main id="main-content" className="container sammen-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
