import { AlertIcon } from './AlertIcon.tsx';

/**
 * A calm confirmation that something worked. The live region is always there (empty, and not
 * shown, until there is a text), so a screen reader announces the text when it appears.
 */
export function Success({ text }: { text: string }) {
  return (
    <div role="status" className="sammen-status-region">
      {text && (
        <div className="alert alert-success">
          <AlertIcon variant="success" />
          <div className="alert-body">
            <p className="alert-text">{text}</p>
          </div>
        </div>
      )}
    </div>
  );
}
