import { useTranslation } from 'react-i18next';
import type { NetworkPerson } from '@sammen/domain/network';
import { ApiError } from '../../app/api.ts';
import { AlertIcon } from '../../app/AlertIcon.tsx';
import { useFormat } from '../plans/parts.tsx';
import type { NetworkGroup } from './layout.ts';
import './network.css';

// Words shared by the network pages. `ns` is the catalogue namespace: `network` speaks to staff,
// `borgerNetwork` to the citizen (and a relative) in plain words.

export type NetworkNs = 'network' | 'borgerNetwork';

export function useNetworkWords(ns: NetworkNs) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const locale = i18n.language === 'en' ? 'en-GB' : 'da-DK';
  const list = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  const kind = (k: NetworkPerson['kind']) => t(`${ns}.kinds.${k}`);
  const groupName = (g: Pick<NetworkGroup, 'kind' | 'name'>) => (g.kind === 'unit' ? (g.name ?? '') : t(`${ns}.groups.${g.kind}`));
  const period = (p: Pick<NetworkPerson, 'since' | 'until'>) => {
    if (p.since && p.until) return t(`${ns}.period.fromTo`, { from: format.date(p.since), to: format.date(p.until) });
    if (p.since) return t(`${ns}.period.from`, { from: format.date(p.since) });
    if (p.until) return t(`${ns}.period.to`, { to: format.date(p.until) });
    return '';
  };
  /** "tirsdag den 4. marts 2026 kl. 09.00" */
  const when = (iso: string) => new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
  /** What a screen reader says for a person on the map: "Thomas Berg, Mentor, Jobcenter Fjordby". */
  const accessibleName = (p: NetworkPerson, ended: boolean) =>
    [p.name, ended && p.until ? t(`${ns}.map.ended`, { date: format.date(p.until) }) : '', p.role, p.unit?.name ?? kind(p.kind)].filter(Boolean).join(', ');
  return { kind, groupName, period, when, accessibleName, date: format.date, join: (items: string[]) => list.format(items) };
}

/** "Mentor" → "mentor" inside a sentence; "ADHD-coach" and "Jobcenter X" keep their capitals. */
export function inSentence(role: string): string {
  const [first, second] = [role.charAt(0), role.charAt(1)];
  if (!first || !second || second !== second.toLowerCase()) return role;
  if (/\s[A-ZÆØÅ]/.test(role)) return role;
  return first.toLowerCase() + role.slice(1);
}

export function errorOf(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError('NETWORK', 0);
}

