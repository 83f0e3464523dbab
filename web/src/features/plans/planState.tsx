import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChangeView, PlanView } from '@sammen/domain/plans';
import { ApiError } from '../../app/api.ts';
import type { PlanContextValue } from './write.tsx';

export type PlanState = { status: 'loading' } | { status: 'failed'; error: ApiError } | { status: 'ready'; plan: PlanView };

function mergeNews(a: ChangeView[], b: ChangeView[]): ChangeView[] {
  const byId = new Map([...a, ...b].map((c) => [c.id, c]));
  return [...byId.values()].sort((x, y) => x.id - y.id);
}

/**
 * A plan page's state. The server moves the "last seen" mark on every read, so what was new
 * when the page opened is kept for as long as the page is open, and news from later answers
 * (a conflict shows what others just did) is added to it.
 */
export function usePlanState(load: () => Promise<PlanView>, key: string, carriedNews: ChangeView[] = []) {
  const { t } = useTranslation();
  const [state, setState] = useState<PlanState>({ status: 'loading' });
  const [news, setNews] = useState<ChangeView[]>([]);
  const [saved, setSaved] = useState('');
  const focusAfterSave = useRef<string | undefined>(undefined);

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    load().then(
      (plan) => {
        if (!current) return;
        setState({ status: 'ready', plan });
        setNews(mergeNews(carriedNews, plan.changesSinceLastSeen));
      },
      (err: unknown) => current && setState({ status: 'failed', error: err instanceof ApiError ? err : new ApiError('BAD_RESPONSE', 0) }),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const replacePlan = useCallback((plan: PlanView) => {
    setState({ status: 'ready', plan });
    setNews((prev) => mergeNews(prev, plan.changesSinceLastSeen));
  }, []);

  const announceSaved = useCallback(
    (focusId?: string) => {
      setSaved(t('planParts.saved', { time: new Date().toLocaleTimeString() }));
      focusAfterSave.current = focusId;
    },
    [t],
  );

  // Focus moves after the saved plan is on the screen, to the part that was saved.
  useEffect(() => {
    const id = focusAfterSave.current;
    if (!id) return;
    focusAfterSave.current = undefined;
    document.getElementById(id)?.focus();
  });

  const context: PlanContextValue | undefined = useMemo(
    () => (state.status === 'ready' ? { plan: state.plan, replacePlan, announceSaved } : undefined),
    [state, replacePlan, announceSaved],
  );

  return { state, news, saved, context };
}
