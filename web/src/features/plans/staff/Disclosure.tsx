import { useRef, useState, type ReactNode } from 'react';

/** A button that opens a form below it; the form closes itself when saved or cancelled. */
export function Disclosure({ label, srSuffix, children, disabled }: { label: string; srSuffix?: string; children: (close: () => void) => ReactNode; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    // Focus returns to the button unless a save moves it somewhere more useful.
    setTimeout(() => {
      if (document.activeElement === document.body) button.current?.focus();
    });
  };
  return (
    <div className="sammen-disclosure sammen-no-print">
      <button ref={button} type="button" className="button button-tertiary" aria-expanded={open} disabled={disabled} onClick={() => setOpen(!open)}>
        {label}
        {srSuffix && <span className="sr-only"> {srSuffix}</span>}
      </button>
      {open && <div className="sammen-disclosure-body">{children(close)}</div>}
    </div>
  );
}
