import { alertIconPaths } from './alertIcons.ts';

export type AlertVariant = keyof typeof alertIconPaths;

/**
 * The icon dkfds' alert markup expects as the alert's first child (`.alert > svg.alert-icon`):
 * the alert keeps room for it on the left, so an alert without it shows an empty gap.
 * Decorative: the alert's own text says what it is.
 */
export function AlertIcon({ variant }: { variant: AlertVariant }) {
  const icon = alertIconPaths[variant];
  return (
    <svg className="icon-svg alert-icon" viewBox={icon.viewBox} focusable="false" aria-hidden="true">
      <path d={icon.d} />
    </svg>
  );
}
