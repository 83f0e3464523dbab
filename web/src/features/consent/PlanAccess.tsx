import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { effortAreas, type PlanSection } from '@sammen/domain/consent';
import type { PlanView } from '@sammen/domain/plans';
import { useStaffSession } from '../../app/session.tsx';
import { useSectionWords, useTimeWords } from './parts.tsx';

// What a staff member sees of a plan, and why — said out loud on the plan page, so a section
// left out reads as "no consent", never as "empty".

/** The name of the unit the staff member works in right now. */
export function useOwnUnitName() {
  const session = useStaffSession();
  return session.roles.find((r) => r.unitId === session.unitId)?.unitName ?? '';
}

export function sees(plan: PlanView, section: PlanSection) {
  return plan.access.sections.includes(section);
}

/** Where the break-glass page carried the time it runs out (the plan itself names only the id). */
export function useBreakGlassExpiry(plan: PlanView): string | undefined {
  const location = useLocation();
  const carried = location.state as { breakGlass?: { id: string; expiresAt: string } } | null;
  return carried?.breakGlass && carried.breakGlass.id === plan.access.breakGlassId ? carried.breakGlass.expiresAt : undefined;
}

/** "Du ser planen, fordi din enhed koordinerer den" — or with consent, or break-glass until a time. */
export function AccessBanner({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const unit = useOwnUnitName();
  const words = useSectionWords();
  const time = useTimeWords();
  const expiresAt = useBreakGlassExpiry(plan);
  const { basis, sections } = plan.access;

  if (basis === 'break_glass') {
    return (
      <div className="alert alert-warning sammen-break-glass-banner" role="note" aria-label={t('staffAccess.breakGlassLabel')}>
        <div className="alert-body">
          <p className="alert-heading">{expiresAt ? t('staffAccess.breakGlassUntil', { time: time.time(expiresAt) }) : t('staffAccess.breakGlass')}</p>
          <p className="alert-text">{t('staffAccess.breakGlassText')}</p>
        </div>
      </div>
    );
  }
  const text =
    basis === 'coordination'
      ? t('staffAccess.coordination', { unit })
      : sections.length
        ? t('staffAccess.consent', { unit, sections: words.list(sections, 'staff') })
        : t('staffAccess.involvementOnly', { unit });
  return (
    <div className="alert alert-info sammen-access-banner" role="note" aria-label={t('staffAccess.label')}>
      <div className="alert-body">
        <p className="alert-text">
          {text}{' '}
          <Link to={`/borgere/${plan.citizen.id}/samtykker`}>{t('staffAccess.consentsLink')}</Link>
        </p>
      </div>
    </div>
  );
}

/** In place of a section the unit has no consent for. */
export function HiddenNotice({ section }: { section: PlanSection }) {
  const { t } = useTranslation();
  const unit = useOwnUnitName();
  const words = useSectionWords();
  return (
    <p className="sammen-hidden-notice">
      {t('staffAccess.hidden', { unit, section: words.word(section, 'staff') })}
    </p>
  );
}

/** Other units' efforts in areas the unit has no consent for are left out: say which areas. */
export function HiddenEffortsNotice({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const unit = useOwnUnitName();
  const words = useSectionWords();
  const hidden = effortAreas.filter((a) => !sees(plan, a));
  if (!hidden.length) return null;
  return (
    <p className="sammen-hidden-notice">
      {t('staffAccess.hiddenEfforts', { unit, areas: words.list(hidden, 'staff') })}
    </p>
  );
}
