import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '@sammen/domain/identity';
import { ApiError } from '../../app/api.ts';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { useSessionContext } from '../../app/session.tsx';
import { switchUnit } from '../auth/auth.api.ts';

type StaffSession = Extract<SessionView, { kind: 'staff' }>;

/** Shows the unit the staff member works in; lets them switch when they have roles in several. */
export function UnitSwitcher({ session }: { session: StaffSession }) {
  const { t } = useTranslation();
  const { refresh } = useSessionContext();
  const navigate = useNavigate();
  const selectId = useId();
  const [chosen, setChosen] = useState(session.unitId);
  const [error, setError] = useState<ApiError>();

  const units = [...new Map(session.roles.map((r) => [r.unitId, r.unitName])).entries()].map(([id, name]) => ({ id, name }));
  const current = units.find((u) => u.id === session.unitId)?.name ?? '';

  if (units.length < 2) {
    return (
      <p className="sammen-unit">
        {t('header.unitLabel')} <strong>{current}</strong>
      </p>
    );
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    try {
      await switchUnit(chosen);
      await refresh();
      // Lists and access differ per unit, so start over from the start page.
      await navigate('/');
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError('NETWORK', 0));
    }
  }

  return (
    <form className="sammen-unit sammen-unit-form" onSubmit={(e) => void onSubmit(e)}>
      <div className="form-group">
        <label className="form-label" htmlFor={selectId}>
          {t('header.unitLabel')}
        </label>
        <select id={selectId} className="form-select" value={chosen} onChange={(e) => setChosen(e.target.value)}>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button-tertiary">
        {t('header.change')}
      </button>
      {error && <ErrorAlert error={error} />}
    </form>
  );
}
