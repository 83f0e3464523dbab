import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

let firstPage = true;

/**
 * Every page has one h1 and a document title. After a navigation inside the app, focus moves to
 * the h1 so screen-reader and keyboard users start at the new content (as on a full page load).
 */
export function Page({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${title} – ${t('app.titleSuffix')}`;
  }, [title, t]);

  useEffect(() => {
    if (firstPage) firstPage = false;
    else heading.current?.focus();
  }, []);

  return (
    <>
      <h1 ref={heading} tabIndex={-1} className="sammen-page-heading">
        {title}
      </h1>
      {children}
    </>
  );
}
