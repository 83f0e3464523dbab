import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import da from './da.json';
import en from './en.json';

// Danish first, English second. Only the language code is remembered (in localStorage):
// nothing personal is ever stored in the browser.

export const languages = ['da', 'en'] as const;
export type Language = (typeof languages)[number];
const storageKey = 'sammen.language';

function rememberedLanguage(): Language {
  try {
    const saved = localStorage.getItem(storageKey);
    return languages.includes(saved as Language) ? (saved as Language) : 'da';
  } catch {
    return 'da'; // storage can be switched off; Danish is the default anyway
  }
}

export function changeLanguage(lng: Language) {
  try {
    localStorage.setItem(storageKey, lng);
  } catch {
    // the choice then lasts until the page is reloaded
  }
  return i18n.changeLanguage(lng);
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  resources: { da: { translation: da }, en: { translation: en } },
  lng: rememberedLanguage(),
  fallbackLng: 'da',
  interpolation: { escapeValue: false }, // React escapes
  showSupportNotice: false, // no advertising in the citizen's console
});
document.documentElement.lang = i18n.language;

export default i18n;
