import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A wide table's horizontal scroll area. When the table is wider than the screen, the area can
 * be scrolled with the keyboard (it takes focus, named by the table's caption), as WCAG asks of
 * a region that scrolls; when it fits, it is no extra stop for the keyboard.
 */
export function ScrollArea({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} className="table--responsive-scroll sammen-scroll-area" {...(scrolls && { tabIndex: 0, role: 'group', 'aria-label': label })}>
      {children}
    </div>
  );
}
