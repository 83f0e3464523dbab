import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { useStaffSession } from '../../app/session.tsx';
import { useApi } from '../../app/useApi.ts';
import { listStaff } from './identity.api.ts';

/** Everyone on the municipality's staff, for leaders and admins (others get a 403 message). */
export function StaffListPage() {
  const { t } = useTranslation();
  const session = useStaffSession();
  const staff = useApi(listStaff, [session.unitId]);

  return (
    <Page title={t('staffList.title')}>
      <p>{t('staffList.intro', { municipality: session.municipality.name })}</p>
      {staff.status === 'loading' && <Loading />}
      {staff.status === 'failed' && <ErrorAlert error={staff.error} />}
      {staff.status === 'ready' && (
        <div className="table--responsive-scroll">
          <table className="table table--zebra">
            <caption className="sr-only">{t('staffList.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('staffList.name')}</th>
                <th scope="col">{t('staffList.jobTitle')}</th>
                <th scope="col">{t('staffList.roles')}</th>
              </tr>
            </thead>
            <tbody>
              {staff.data.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.name}</th>
                  <td lang="da">{s.title}</td>
                  <td>
                    <ul className="sammen-plain-list">
                      {s.roles.map((r) => (
                        <li key={`${r.unitId}-${r.role}`}>{t('staffList.roleInUnit', { role: t(`roles.${r.role}`), unit: r.unitName })}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
