import { Link } from 'react-router';
import { BackLink } from '../../components/back-link';
import { ErrorPanel } from '../../components/error-panel';
import type { ChosenSlot } from './use-chosen-slot';

/**
 * A step that needs the chosen slot, while it is not there: still loading, could not be loaded, or no longer
 * free (with the way back to the list).
 */
export function ChosenSlotUnavailable({
  chosen,
  title,
  back,
  slotsPath,
}: {
  chosen: Exclude<ChosenSlot, { status: 'found' }>;
  title: string;
  back: string;
  slotsPath: string;
}) {
  return (
    <>
      <BackLink to={back} />
      <h1>{title}</h1>
      {chosen.status === 'loading' ? (
        <p className="nhsuk-body" role="status">
          Loading…
        </p>
      ) : chosen.status === 'error' ? (
        <ErrorPanel error={chosen.error} />
      ) : (
        <SlotGone to={slotsPath} />
      )}
    </>
  );
}

export function SlotGone({ to }: { to: string }) {
  return (
    <>
      <p className="nhsuk-body">The time you chose is no longer free.</p>
      <p className="nhsuk-body">
        <Link to={to}>Choose another time</Link>
      </p>
    </>
  );
}
