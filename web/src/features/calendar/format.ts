import { useTranslation } from 'react-i18next';
import { TIME_ZONE } from '@sammen/domain/calendar';

// Times and days as people in Denmark read them: Copenhagen time, whatever the device's zone.

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

/** A calendar date (YYYY-MM-DD) as a Date that formats as that date in UTC. */
const noon = (date: string) => new Date(`${date}T12:00:00Z`);

export function useCalendarFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'da-DK';
  const time = (iso: string) => formatter(locale, { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  const day = (date: string) => formatter(locale, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }).format(noon(date));
  /** A day as a heading: "Mandag 30. marts" (only the first letter capitalised, as in Danish). */
  const dayHeading = (date: string) => {
    const text = day(date);
    return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
  };
  const shortDate = (date: string) => formatter(locale, { timeZone: 'UTC', day: 'numeric', month: 'short' }).format(noon(date));
  const date = (d: string) => formatter(locale, { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(noon(d.slice(0, 10)));
  const dateTime = (iso: string) =>
    formatter(locale, { timeZone: TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  /** "08:00–11:00", or with the date when it ends on another day. */
  const timeRange = (start: string, end: string) => {
    const sameDay = formatter('en-CA', { timeZone: TIME_ZONE, dateStyle: 'short' });
    const s = new Date(start);
    const e = new Date(end);
    return sameDay.format(s) === sameDay.format(e) ? `${time(start)}–${time(end)}` : `${time(start)} – ${dateTime(end)}`;
  };
  /** A day and time: "mandag 30. marts kl. 08:00" / "Monday 30 March at 08:00". */
  const when = (iso: string, localDay: string) => `${day(localDay)} ${i18n.language === 'en' ? 'at' : 'kl.'} ${time(iso)}`;
  /** Minutes as hours and minutes: "2 t 30 min" / "2 h 30 min". */
  const duration = (minutes: number) => {
    const h = Math.floor(minutes / 60);
    const m = Math.round(minutes % 60);
    const hourWord = i18n.language === 'en' ? 'h' : 't';
    return [h ? `${h} ${hourWord}` : '', m || !h ? `${m} min` : ''].filter(Boolean).join(' ');
  };
  return { time, day, dayHeading, shortDate, date, dateTime, timeRange, when, duration, locale };
}
