import { Link } from 'react-router';
import { OfflineReason } from './offline-reason';

/**
 * In place of the action after a write whose outcome is not known: until the patient has seen what the practice's
 * system now holds, another try could book twice, or could not say truly whether it worked.
 */
export function GoToAppointments({ reverse = false }: { reverse?: boolean }) {
  return (
    <Link
      className={reverse ? 'nhsuk-button nhsuk-button--reverse' : 'nhsuk-button'}
      to="/"
      draggable="false"
    >
      Go to your appointments
    </Link>
  );
}

/**
 * The button that sends something to the practice system: disabled while offline, with the reason beside it
 * (and named by it for screen readers), and its label changed while the request is on its way. After an attempt
 * whose outcome is not known, the way to the appointments instead ({@link GoToAppointments}).
 */
export function OnlineActionButton({
  online,
  pending,
  label,
  pendingLabel,
  action,
  onClick,
  outcomeUnknown = false,
}: {
  online: boolean;
  pending: boolean;
  label: string;
  pendingLabel: string;
  /** What cannot be done offline, completing "You cannot … while you’re offline". */
  action: string;
  onClick: () => void;
  /** The last attempt's outcome is not known: the practice may hold it. */
  outcomeUnknown?: boolean;
}) {
  if (outcomeUnknown) return <GoToAppointments />;
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
