import { useTranslation } from 'react-i18next';
import { useSession } from './session.tsx';

// The citizen's pages are also read by a relative acting for the citizen (a proxy). The citizen
// is spoken to as "du" ("Dit liv indtil nu"); a relative is spoken to as themselves, about the
// citizen ("Gerdas liv indtil nu"). A key with a `_proxy` variant in the catalogues is said that
// way to a relative (i18next's context); without one, the same words serve both.

/** The first name, as a relative would say it: "Gerda" for "Gerda Andersen". */
export function firstName(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] ?? fullName;
}

/** "Gerdas", "Mads'" in Danish; "Gerda's", "Mads'" in English. */
export function possessive(name: string, language: string): string {
  if (language.startsWith('en')) return /s$/i.test(name) ? `${name}’` : `${name}’s`;
  return /[sxz]$/i.test(name) ? `${name}'` : `${name}s`;
}

export interface Voice {
  /** True when a relative is signed in for the citizen. */
  proxy: boolean;
  /** The citizen's first name ('' for the citizen themselves). */
  citizen: string;
  /** t() that picks a key's `_proxy` words for a relative, with {{citizen}} and {{citizens}} (possessive) filled in. */
  say: (key: string, params?: Record<string, unknown>) => string;
}

export function useVoice(): Voice {
  const { t, i18n } = useTranslation();
  const session = useSession();
  if (session.kind !== 'proxy') return { proxy: false, citizen: '', say: (key, params) => t(key, params ?? {}) };
  const citizen = firstName(session.citizenName);
  const citizens = possessive(citizen, i18n.language);
  return { proxy: true, citizen, say: (key, params) => t(key, { ...params, context: 'proxy', citizen, citizens }) };
}
