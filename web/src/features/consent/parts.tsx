import { useTranslation } from 'react-i18next';
import { planSections, type ConsentView, type PlanSection } from '@sammen/domain/consent';
import { ApiError } from '../../app/api.ts';
import { useFormat } from '../plans/parts.tsx';
import './consent.css';

// Words and small pieces shared by the consent pages: plain labels for the sections of a
// plan, lists in the page's language, and form fields that show one translated message.

export type Audience = 'citizen' | 'staff';

/** "dine mål, aftaler, arbejde og familie" (citizen) or "mål, aftaler, arbejde og familie" (staff). */
export function useSectionWords() {
  const { t, i18n } = useTranslation();
  const list = new Intl.ListFormat(i18n.language === 'en' ? 'en-GB' : 'da-DK', { style: 'long', type: 'conjunction' });
  const word = (s: string, audience: Audience) => t(`consent.sections.${audience}.${s}`, { defaultValue: s });
  const ordered = (sections: readonly string[]) => [...sections].sort((a, b) => planSections.indexOf(a as PlanSection) - planSections.indexOf(b as PlanSection));
  return {
    word,
    /** The sections in their usual order, joined as a sentence. */
    list: (sections: readonly string[], audience: Audience) => list.format(ordered(sections).map((s) => word(s, audience))),
    join: (words: string[]) => list.format(words),
  };
}

/** When a time is on the same day it reads "kl. 10.12"; otherwise date and time. */
export function useTimeWords() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'da-DK';
  const format = useFormat();
  return {
    ...format,
    time: (iso: string) => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso)),
  };
}

/** How a consent was given: in the portal, on paper or orally; by the citizen or a relative. */
export function useHowGiven() {
  const { t } = useTranslation();
  return (c: ConsentView, audience: Audience) => {
    if (!c.givenBy) return c.proposedBy ? t('consent.how.proposedBy', { name: c.proposedBy.name }) : '';
    const who = c.givenBy.kind === 'proxy' ? t('consent.how.byProxy', { name: c.givenBy.name }) : audience === 'citizen' ? t('consent.how.byYou') : t('consent.how.byCitizen');
    return t(`consent.how.${c.method}`, { who });
  };
}

export const stateOrder = ['proposed', 'active', 'pending', 'expired', 'revoked', 'declined'] as const;

export function errorOf(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError('NETWORK', 0);
}

