import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { AlertIcon } from '../../app/AlertIcon.tsx';
import { ErrorAlert } from '../../app/ErrorAlert.tsx';
import { BareFrame } from '../../app/BareFrame.tsx';
import { Loading } from '../../app/Loading.tsx';
import { Page } from '../../app/Page.tsx';
import { useSessionContext } from '../../app/session.tsx';
import { useApi } from '../../app/useApi.ts';
import { fetchLoginMethods, listDemoPersonas, loginAsPersona, oidcStartUrl, type DemoPersona } from './auth.api.ts';
import { homeOf } from './RequireSession.tsx';
import { GuidedDemo } from './GuidedDemo.tsx';
import { forgetReturnTo, returnToFor } from '../feedback/returnTo.ts';

const groups = ['staff', 'citizen', 'proxy'] as const;

export function LoginPage() {
  const { t } = useTranslation();
  const { state } = useSessionContext();
  const [params] = useSearchParams();
  const session = state.status === 'ready' ? state.session : undefined;
  // A staff member who handed the screen to a citizen for a rating returns to where they were (once).
  useEffect(() => {
    if (session) forgetReturnTo();
  }, [session]);

  if (session) return <Navigate to={returnToFor(session.kind) ?? homeOf(session)} replace />;

  return (
    <BareFrame>
      <Page title={t('login.title')}>
        <p className="font-lead">{t('login.intro')}</p>
        {params.get('error') === 'oidc' && (
          <div className="alert alert-error" role="alert">
            <AlertIcon variant="error" />
            <div className="alert-body">
              <p className="alert-text">{t('login.oidcError')}</p>
            </div>
          </div>
        )}
        <LoginMethods />
      </Page>
    </BareFrame>
  );
}

function LoginMethods() {
  const { t } = useTranslation();
  const methods = useApi(fetchLoginMethods, []);
  if (methods.status === 'loading') return <Loading />;
  if (methods.status === 'failed') return <ErrorAlert error={methods.error} />;
  const { demo, oidc } = methods.data;
  if (!demo && !oidc) return <p>{t('login.noMethods')}</p>;
  return (
    <>
      {oidc && (
        <section className="sammen-section" aria-labelledby="oidc-heading">
          <h2 id="oidc-heading">{t('login.oidcHeading')}</h2>
          <p>{t('login.oidcIntro')}</p>
          {/* A full page navigation: the identity provider takes over and sends the browser back. */}
          <a className="button button-primary" href={oidcStartUrl}>
            {t('login.oidc')}
          </a>
        </section>
      )}
      {demo && <PersonaPicker />}
    </>
  );
}

function PersonaPicker() {
  const { t } = useTranslation();
  // The server describes a relative as "Søn til Gerda Andersen" (in Danish only); said here as
  // "Søn af Gerda Andersen" / "Son of …". A staff title or "Borger, født 1941" is shown as sent.
  const describe = (p: DemoPersona) => {
    const relative = p.kind === 'proxy' ? /^(\S+) til (.+)$/.exec(p.description) : null;
    if (relative) return t('login.relativeOf', { relation: t(`login.relations.${relative[1]!.toLowerCase()}`, { defaultValue: relative[1] }), citizen: relative[2] });
    return p.description;
  };
  const personas = useApi(listDemoPersonas, []);
  const { refresh } = useSessionContext();
  const navigate = useNavigate();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<ApiError>();

  async function login(p: DemoPersona) {
    setBusy(p.id);
    setError(undefined);
    try {
      await loginAsPersona({ kind: p.kind, id: p.id });
      const back = returnToFor(p.kind);
      const session = await refresh();
      if (session) await navigate(back ?? homeOf(session), { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError('NETWORK', 0));
    } finally {
      setBusy(undefined);
    }
  }

  if (personas.status === 'loading') return <Loading />;
  if (personas.status === 'failed') return <ErrorAlert error={personas.error} />;

  return (
    <>
      {error && <ErrorAlert error={error} />}
      <GuidedDemo personas={personas.data} busy={busy !== undefined} onLogin={(p) => void login(p)} />
      <section className="sammen-section" aria-labelledby="demo-heading">
        <h2 id="demo-heading">{t('login.demoHeading')}</h2>
        <p>{t('login.demoIntro')}</p>
        {groups.map((kind) => {
          const inGroup = personas.data.filter((p) => p.kind === kind);
          if (!inGroup.length) return null;
          return (
            <section key={kind} className="sammen-persona-group" aria-labelledby={`personas-${kind}`}>
              <h3 id={`personas-${kind}`}>{t(`login.groups.${kind}`)}</h3>
              {kind === 'citizen' && <p>{t('login.citizenEntrance')}</p>}
              <ul className="sammen-personas">
                {inGroup.map((p) => (
                  <li key={p.id} className="sammen-persona">
                    <button
                      type="button"
                      className="button button-secondary"
                      aria-label={t('login.loginAs', { name: p.name })}
                      aria-describedby={`persona-${p.id}`}
                      disabled={busy !== undefined}
                      onClick={() => void login(p)}
                    >
                      {p.name}
                    </button>
                    <span id={`persona-${p.id}`} className="sammen-persona-description" lang={p.kind === 'proxy' ? undefined : 'da'}>
                      {describe(p)}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </section>
    </>
  );
}
