import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { apiErrorOf, useCalendarFeed, useCreateFeed, useStopFeed } from './calendar.api.ts';
import { useCalendarFormat } from './format.ts';
import { Success } from '../../app/Success.tsx';

// "Få kalenderen på din telefon": the citizen's own iCalendar subscription. The address is a
// secret: it is shown once, when it is made, and never kept by the page afterwards. A new one
// makes the old stop working; stopping ends it.

export function CalendarFeed() {
  const { t } = useTranslation();
  const f = useCalendarFormat();
  const id = useId();
  const feed = useCalendarFeed(true);
  const create = useCreateFeed();
  const stop = useStopFeed();
  const [url, setUrl] = useState<string>();
  const [copied, setCopied] = useState('');
  const [done, setDone] = useState('');
  const [confirmStop, setConfirmStop] = useState(false);
  const addressRef = useRef<HTMLInputElement>(null);
  const error = create.error ?? stop.error ?? (feed.isError ? feed.error : null);

  function make(renew: boolean) {
    setCopied('');
    setDone('');
    create.mutate(undefined, {
      onSuccess: (made) => {
        setUrl(made.url ?? undefined);
        setDone(renew ? t('borgerCalendar.feed.renewed') : t('borgerCalendar.feed.made'));
        setTimeout(() => addressRef.current?.focus());
      },
    });
  }

  async function copy() {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied(t('borgerCalendar.feed.copied'));
    } catch {
      // No clipboard (an old browser, or not allowed): select the text so it can be copied by hand.
      addressRef.current?.select();
      setCopied(t('borgerCalendar.feed.copyByHand'));
    }
  }

  return (
    <section className="sammen-section sammen-feed" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('borgerCalendar.feed.heading')}</h2>
      <p>{t('borgerCalendar.feed.intro')}</p>
      <Success text={done} />
      {error && <ErrorAlert error={apiErrorOf(error)} />}
      {feed.isPending && <Loading />}

      {url && (
        <div className="sammen-feed-address">
          <div className="form-group">
            <label className="form-label" htmlFor={`${id}-url`}>
              {t('borgerCalendar.feed.address')}
            </label>
            <span className="form-hint" id={`${id}-hint`}>
              {t('borgerCalendar.feed.onlyNow')}
            </span>
            <input ref={addressRef} id={`${id}-url`} className="form-input" readOnly value={url} aria-describedby={`${id}-hint`} onFocus={(e) => e.target.select()} />
          </div>
          <p className="sammen-form-actions">
            <button type="button" className="button button-primary" onClick={() => void copy()}>
              {t('borgerCalendar.feed.copy')}
            </button>
            <a className="button button-secondary" href={url.replace(/^https?:/, 'webcal:')}>
              {t('borgerCalendar.feed.openInCalendar')}
            </a>
          </p>
          <p role="status" className="sammen-saved">
            {copied}
          </p>
          <h3>{t('borgerCalendar.feed.howHeading')}</h3>
          <ol>
            <li>{t('borgerCalendar.feed.how1')}</li>
            <li>{t('borgerCalendar.feed.how2')}</li>
            <li>{t('borgerCalendar.feed.how3')}</li>
            <li>{t('borgerCalendar.feed.how4')}</li>
          </ol>
          <p>{t('borgerCalendar.feed.secret')}</p>
        </div>
      )}

      {feed.data && !feed.data.active && !url && (
        <p>
          <button type="button" className="button button-primary" disabled={create.isPending} onClick={() => make(false)}>
            {t('borgerCalendar.feed.create')}
          </button>
        </p>
      )}

      {feed.data?.active && (
        <>
          {!url && <p>{feed.data.createdAt ? t('borgerCalendar.feed.activeSince', { date: f.date(feed.data.createdAt) }) : t('borgerCalendar.feed.active')}</p>}
          <p>{t('borgerCalendar.feed.lostHint')}</p>
          <div className="sammen-form-actions">
            <button type="button" className="button button-secondary" disabled={create.isPending} onClick={() => make(true)}>
              {t('borgerCalendar.feed.renew')}
            </button>
            {!confirmStop && (
              <button type="button" className="button button-secondary" onClick={() => setConfirmStop(true)}>
                {t('borgerCalendar.feed.stop')}
              </button>
            )}
          </div>
          {confirmStop && (
            <div className="alert alert-warning sammen-feed-confirm">
              <div className="alert-body">
                <p className="alert-text">{t('borgerCalendar.feed.stopConfirm')}</p>
                <div className="sammen-form-actions">
                  <button
                    type="button"
                    className="button button-primary"
                    disabled={stop.isPending}
                    onClick={() =>
                      stop.mutate(undefined, {
                        onSuccess: () => {
                          setUrl(undefined);
                          setConfirmStop(false);
                          setDone(t('borgerCalendar.feed.stopped'));
                        },
                      })
                    }
                  >
                    {t('borgerCalendar.feed.stopYes')}
                  </button>
                  <button type="button" className="button button-secondary" onClick={() => setConfirmStop(false)}>
                    {t('borgerCalendar.feed.stopNo')}
                  </button>
                </div>
              </div>
            </div>
          )}
        </>
      )}
    </section>
  );
}
