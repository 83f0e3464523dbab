import { useState } from 'react';
import './plans.css';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { addCommentInput, currentSupportLevel, type ChangeView, type GoalStatus, type PlanView } from '@sammen/domain/plans';
import { addComment } from './plans.api.ts';
import { TextArea } from '../../app/form.tsx';
import { PlanForm, usePlanContext, usePlanWrite } from './write.tsx';

// Small pieces shared by the staff plan page, the citizen's plan page and the print page.

type Person = PlanView['goals'][number]['wordingAuthor'];
type CommentTarget = PlanView['comments'][number]['targetType'];

/** Today in the browser's time zone, YYYY-MM-DD. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'da-DK';
  return {
    date: (iso: string) => {
      const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
      return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(y!, m! - 1, d!));
    },
    dateTime: (iso: string) => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso)),
  };
}

/**
 * Who wrote a text. The citizen's own words are marked so nobody mistakes them for a
 * caseworker's summary; `viewer` words it for the citizen ("Dine egne ord") or for staff.
 */
export function AuthorMark({ author, viewer }: { author: Person; viewer: 'staff' | 'citizen' }) {
  const { t } = useTranslation();
  if (author.kind === 'citizen') {
    return <span className="badge badge-success sammen-own-words">{viewer === 'citizen' ? t('planParts.ownWordsYou') : t('planParts.ownWords', { name: author.name })}</span>;
  }
  if (author.kind === 'proxy') return <span className="badge badge-info">{t('planParts.byProxy', { name: author.name })}</span>;
  return <span className="sammen-by">{t('planParts.by', { name: author.name })}</span>;
}

/** A goal's status as text (with a symbol), never by colour alone. */
export function StatusChip({ status }: { status: GoalStatus }) {
  const { t } = useTranslation();
  const tone = { not_started: '', in_progress: 'badge-info', reached: 'badge-success', paused: 'badge-warning', dropped: 'badge-error' }[status];
  const symbol = { not_started: '○', in_progress: '◐', reached: '✓', paused: '‖', dropped: '✕' }[status];
  return (
    <span className={`badge sammen-status ${tone}`}>
      <span aria-hidden="true">{symbol} </span>
      {t(`planParts.status.${status}`)}
    </span>
  );
}

/** "Pakke 5 → Pakke 2", oldest first, with the level in force today. */
export function SupportLevels({ levels }: { levels: PlanView['efforts'][number]['supportLevels'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!levels.length) return null;
  const current = currentSupportLevel(levels, today());
  const oldestFirst = [...levels].reverse();
  return (
    <div className="sammen-support">
      <p className="sammen-support-current">
        {current ? t('planParts.supportNow', { level: current.level }) : t('planParts.supportNone')}
      </p>
      {levels.length > 1 && (
        <p className="sammen-support-history">
          <span>{t('planParts.supportHistory')} </span>
          {oldestFirst.map((l, i) => (
            <span key={`${l.level}-${l.validFrom}-${i}`}>
              {i > 0 && <span aria-label={t('planParts.then')}> → </span>}
              <span title={format.date(l.validFrom)}>
                {l.level} ({t('planParts.from', { date: format.date(l.validFrom) })})
              </span>
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

/** The parts of the plan others changed since this person last looked, by what they touched. */
export function newsIndex(news: ChangeView[]) {
  const targets = new Set(news.map((c) => `${c.targetType}:${c.targetId ?? ''}`));
  const commentIds = new Set(
    news.filter((c) => c.changeType === 'comment.added').map((c) => z.object({ commentId: z.string() }).safeParse(c.after).data?.commentId ?? ''),
  );
  return {
    goal: (id: string) => news.some((c) => c.targetType === 'goal' && c.targetId === id && c.changeType !== 'comment.added'),
    effort: (id: string) => news.some((c) => c.targetType === 'effort' && c.targetId === id && c.changeType !== 'comment.added'),
    agreement: (id: string) => targets.has(`agreement:${id}`) && news.some((c) => c.targetId === id && c.changeType === 'agreement.added'),
    lifeStory: news.some((c) => c.changeType === 'lifeStory.changed'),
    wishes: news.some((c) => c.changeType === 'wishes.changed'),
    disagreement: news.some((c) => c.changeType === 'disagreementProcedure.changed'),
    comment: (id: string) => commentIds.has(id),
    followUp: (id: string) => targets.has(`follow_up:${id}`),
    coordinator: news.some((c) => c.changeType === 'coordinator.handedOver'),
  };
}
export type NewsIndex = ReturnType<typeof newsIndex>;

export function NewMark({ show }: { show: boolean }) {
  const { t } = useTranslation();
  if (!show) return null;
  return <span className="badge badge-warning sammen-new-mark">{t('planParts.new')}</span>;
}

/** Comments on one part of the plan, oldest first, each with its author. */
export function Comments({ plan, target, targetId, news, viewer }: { plan: PlanView; target: CommentTarget; targetId?: string; news: NewsIndex; viewer: 'staff' | 'citizen' }) {
  const { t } = useTranslation();
  const format = useFormat();
  const list = plan.comments.filter((c) => c.targetType === target && (targetId === undefined || c.targetId === targetId));
  if (!list.length) return null;
  return (
    <ul className="sammen-comments" aria-label={t('planParts.commentsLabel')}>
      {list.map((c) => (
        <li key={c.id} className={`sammen-comment${news.comment(c.id) ? ' sammen-new' : ''}`}>
          <p className="sammen-comment-meta">
            <NewMark show={news.comment(c.id)} /> <strong>{c.author.name}</strong>
            {c.author.kind === 'citizen' && <span> · {viewer === 'citizen' ? t('planParts.you') : t('planParts.citizen')}</span>}
            {c.author.kind === 'proxy' && <span> · {t('planParts.proxy')}</span>} · <span>{format.dateTime(c.createdAt)}</span>
          </p>
          <p className="sammen-prewrap">{c.text}</p>
        </li>
      ))}
    </ul>
  );
}

/** "Kommentér" behind a disclosure; comments never conflict (no version). */
export function CommentForm({ target, targetId, label, focusId }: { target: CommentTarget; targetId?: string; label: string; focusId?: string }) {
  const { t } = useTranslation();
  const { plan } = usePlanContext();
  const write = usePlanWrite();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  if (!open) {
    return (
      <button type="button" className="button button-tertiary sammen-no-print" onClick={() => setOpen(true)}>
        {t('planParts.comment')}
        <span className="sr-only"> – {label}</span>
      </button>
    );
  }
  return (
    <PlanForm
      write={write}
      submitLabel={t('planParts.sendComment')}
      onCancel={() => setOpen(false)}
      compare={() => []}
      onSubmit={() =>
        void write.run({ schema: addCommentInput, input: () => ({ targetType: target, targetId: targetId ?? null, text }), send: (input) => addComment(plan.id, input), focusId }).then((p) => {
          if (p) {
            setText('');
            setOpen(false);
          }
        })
      }
    >
      <TextArea label={label} value={text} onChange={setText} rows={3} error={write.errorAt('text')} maxLength={4000} />
    </PlanForm>
  );
}

/** A short, human line for one change in the "new since last time" box and the history. */
export function useDescribeChange() {
  const { t } = useTranslation();
  return (c: ChangeView, plan: PlanView): string => {
    const goal = plan.goals.find((g) => g.id === c.targetId);
    const effort = plan.efforts.find((e) => e.id === c.targetId);
    const what = goal ? `“${goal.wording}”` : effort ? `“${effort.title}”` : '';
    const key = `planParts.changes.${c.changeType.replace('.', '_')}`;
    const text = t(key, { what, defaultValue: '' });
    return text || t('planParts.changes.other', { type: c.changeType });
  };
}

/**
 * "Nyt siden sidst": what others changed since this person last opened the plan. Staff also see
 * whether the citizen or a relative made the change, and a goal's old and new wording.
 */
export function NewsBox({ plan, news, heading, forStaff = false }: { plan: PlanView; news: ChangeView[]; heading: string; forStaff?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const describe = useDescribeChange();
  if (!news.length) return null;
  return (
    <section className="alert alert-info sammen-news" aria-labelledby="news-heading">
      <div className="alert-body">
        <h2 id="news-heading" className="alert-heading h3">
          {heading}
        </h2>
        <ul>
          {news.map((c) => (
            <li key={c.id}>
              <strong>{c.actor.name}</strong>
              {forStaff && c.actor.kind === 'citizen' && <span> ({t('planParts.citizen')})</span>}
              {forStaff && c.actor.kind === 'proxy' && <span> ({t('planParts.proxy')})</span>}: {describe(c, plan)} <span className="sammen-muted">· {format.dateTime(c.at)}</span>
              {forStaff && c.changeType === 'goal.wordingChanged' && typeof c.before === 'string' && typeof c.after === 'string' && (
                <span className="sammen-news-diff">
                  {' '}
                  {t('plan.wasNow', { before: c.before, after: c.after })}
                </span>
              )}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
