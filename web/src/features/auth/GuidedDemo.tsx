import { useTranslation } from 'react-i18next';
import type { DemoPersona } from './auth.api.ts';
import { demoScenarios } from './demoScenarios.ts';

/**
 * "Where do I start?": each story the product can play, in one sentence, with its people as
 * "Log ind som …" buttons in the order the story goes and what to look for as each.
 * A person the demo seed does not have is left out (web/e2e/demo.test.ts fails then).
 */
export function GuidedDemo({ personas, busy, onLogin }: { personas: DemoPersona[]; busy: boolean; onLogin: (p: DemoPersona) => void }) {
  const { t } = useTranslation();
  const find = (name: string, kind: DemoPersona['kind']) => personas.find((p) => p.name === name && p.kind === kind);
  return (
    <section className="sammen-section sammen-guide" aria-labelledby="guide-heading">
      <h2 id="guide-heading">{t('login.guide.heading')}</h2>
      <p>{t('login.guide.intro')}</p>
      <ul className="card-row sammen-guide-list">
        {demoScenarios.map((s) => {
          const steps = s.steps.flatMap((step) => {
            const p = find(step.name, step.kind);
            return p ? [{ ...step, persona: p }] : [];
          });
          if (!steps.length) return null;
          return (
            <li key={s.key}>
              <section className="card sammen-guide-scenario" aria-labelledby={`guide-${s.key}`}>
                <div className="card-content">
                  <h3 id={`guide-${s.key}`} className="card-heading">
                    {t(`login.guide.${s.key}.title`)}
                  </h3>
                  <p>{t(`login.guide.${s.key}.story`)}</p>
                  <ol className="sammen-guide-steps">
                    {steps.map((step) => (
                      <li key={step.persona.id}>
                        <button
                          type="button"
                          className="button button-secondary"
                          disabled={busy}
                          onClick={() => onLogin(step.persona)}
                        >
                          {t('login.guide.loginAs', { role: t(`login.guide.roles.${step.role}`), name: step.persona.name })}
                        </button>
                        <p className="sammen-guide-look">{t(`login.guide.${s.key}.steps.${step.look}`)}</p>
                      </li>
                    ))}
                  </ol>
                </div>
              </section>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
