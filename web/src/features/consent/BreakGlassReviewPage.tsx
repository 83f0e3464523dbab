import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { reviewBreakGlassInput, type BreakGlassView } from '@sammen/domain/consent';
import { ApiError } from '../../app/api.ts';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { topField, useReasonText, validate, type Problem } from '../../app/reasons.ts';
import { useStaffSession } from '../../app/session.tsx';
import { useApi } from '../../app/useApi.ts';
import { listBreakGlassForReview, reviewBreakGlass } from './consent.api.ts';
import { TextArea } from '../../app/form.tsx';
import { useReadWhat } from './AccessLogPage.tsx';
import { errorOf, useTimeWords } from './parts.tsx';
import { Success } from '../../app/Success.tsx';

// "Nødadgange til gennemsyn": a leader looks at every break-glass use in the unit, the
// unreviewed first, and notes whether it was justified.

export function BreakGlassReviewPage() {
  const { t } = useTranslation();
  const session = useStaffSession();
  const loaded = useApi(listBreakGlassForReview, [session.unitId]);
  const [changed, setChanged] = useState<BreakGlassView[]>();
  const [done, setDone] = useState('');
  const list = changed ?? (loaded.status === 'ready' ? loaded.data : undefined);
  const sorted = list && [...list].sort((a, b) => Number(Boolean(a.reviewedAt)) - Number(Boolean(b.reviewedAt)) || b.startedAt.localeCompare(a.startedAt));
  const open = sorted?.filter((b) => !b.reviewedAt) ?? [];
  const reviewed = sorted?.filter((b) => b.reviewedAt) ?? [];

  return (
    <Page title={t('review.title')}>
      <p className="font-lead">{t('review.intro')}</p>
      <Success text={done} />
      {loaded.status === 'loading' && <Loading />}
      {loaded.status === 'failed' && <ErrorAlert error={loaded.error} />}
      {sorted && (
        <>
          <section className="sammen-section" aria-labelledby="review-open">
            <h2 id="review-open">{t('review.open', { count: open.length })}</h2>
            {!open.length && <p>{t('review.none')}</p>}
            <ul className="sammen-cards">
              {open.map((b) => (
                <BreakGlassItem
                  key={b.id}
                  item={b}
                  onReviewed={(next) => {
                    setChanged(next);
                    setDone(t('review.done', { name: b.staff.name }));
                  }}
                />
              ))}
            </ul>
          </section>
          {reviewed.length > 0 && (
            <section className="sammen-section" aria-labelledby="review-done">
              <h2 id="review-done">{t('review.reviewed', { count: reviewed.length })}</h2>
              <ul className="sammen-cards">
                {reviewed.map((b) => (
                  <BreakGlassItem key={b.id} item={b} />
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </Page>
  );
}

function BreakGlassItem({ item: b, onReviewed }: { item: BreakGlassView; onReviewed?: (next: BreakGlassView[]) => void }) {
  const { t } = useTranslation();
  const time = useTimeWords();
  const readWhat = useReadWhat();
  const reasonText = useReasonText();
  const [note, setNote] = useState('');
  const [noteProblem, setNoteProblem] = useState<Problem>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    const checked = validate(reviewBreakGlassInput, { note });
    if (!checked.ok) {
      setNoteProblem(checked.problems[0]);
      return;
    }
    setNoteProblem(undefined);
    setBusy(true);
    try {
      onReviewed?.(await reviewBreakGlass(b.id, checked.data.note));
    } catch (err) {
      const failure = errorOf(err);
      if (failure.code === 'VALIDATION' && topField(failure) === 'note') setNoteProblem(failure);
      else setError(failure);
      setBusy(false);
    }
  }

  const headingId = `bg-${b.id}`;
  return (
    <li className="sammen-card sammen-break-glass" aria-labelledby={headingId}>
      <h3 id={headingId} className="sammen-card-title">
        {t('review.itemTitle', { staff: b.staff.name, citizen: b.citizen.name })}
      </h3>
      <dl className="sammen-facts sammen-facts-compact">
        <dt>{t('review.when')}</dt>
        <dd>{t('review.period', { from: time.dateTime(b.startedAt), to: time.time(b.expiresAt) })}</dd>
        <dt>{t('review.unit')}</dt>
        <dd>{b.unit.name}</dd>
        <dt>{t('review.reason')}</dt>
        <dd className="sammen-prewrap">{b.reason}</dd>
        <dt>{t('review.opened')}</dt>
        <dd>
          {b.reads.length ? (
            <ul className="sammen-plain-list">
              {b.reads.map((r, i) => (
                <li key={i}>
                  {time.dateTime(r.at)}: {readWhat({ action: r.action, sections: r.sections })}
                </li>
              ))}
            </ul>
          ) : (
            t('review.openedNothing')
          )}
        </dd>
        {b.reviewedAt && (
          <>
            <dt>{t('review.reviewedBy')}</dt>
            <dd>
              {t('review.reviewedLine', { name: b.reviewedBy?.name ?? '', date: time.dateTime(b.reviewedAt) })}: {b.reviewNote}
            </dd>
          </>
        )}
      </dl>
      {!b.reviewedAt && onReviewed && (
        <form noValidate onSubmit={(e) => void submit(e)}>
          <TextArea label={t('review.note')} hint={t('review.noteHint')} error={reasonText(noteProblem)} value={note} onChange={setNote} rows={2} maxLength={1000} />
          {error && <ErrorAlert error={error} />}
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('review.submit')}
            <span className="sr-only"> – {t('review.itemTitle', { staff: b.staff.name, citizen: b.citizen.name })}</span>
          </button>
        </form>
      )}
    </li>
  );
}
