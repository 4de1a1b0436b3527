import { OfflineReason } from './offline-banner';

/**
 * The button that sends something to the practice system: disabled while offline, with the reason beside it
 * (and named by it for screen readers), and its label changed while the request is on its way.
 */
export function OnlineActionButton({
  online,
  pending,
  label,
  pendingLabel,
  action,
  onClick,
}: {
  online: boolean;
  pending: boolean;
  label: string;
  pendingLabel: string;
  /** What cannot be done offline, completing "You cannot … while you’re offline". */
  action: string;
  onClick: () => void;
}) {
  return (
    <>
      <button
        type="button"
        className="nhsuk-button"
        onClick={onClick}
        disabled={!online || pending}
        aria-describedby={online ? undefined : 'offline-reason'}
      >
        {pending ? pendingLabel : label}
      </button>
      {!online ? <OfflineReason action={action} /> : null}
    </>
  );
}
