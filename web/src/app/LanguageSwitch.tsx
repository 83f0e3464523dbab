import { useTranslation } from 'react-i18next';
import { changeLanguage, languages } from './i18n/index.ts';

/** Each language is named in its own language, so anyone can find theirs. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <ul className="sammen-language" aria-label={t('language.label')}>
      {languages.map((lng) => (
        <li key={lng}>
          <button
            type="button"
            className="function-link"
            lang={lng}
            aria-pressed={i18n.language === lng}
            onClick={() => void changeLanguage(lng)}
          >
            {t(`language.${lng}`, { lng })}
          </button>
        </li>
      ))}
    </ul>
  );
}
