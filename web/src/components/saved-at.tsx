import { formatLondonDate, formatLondonTime } from '@gpbook/shared/time';

/** Says that what is shown is the copy kept on the device, from when, and that it cannot be changed offline. */
export function SavedAt({ savedAt, what }: { savedAt: string; what: 'list' | 'appointment' }) {
  return (
    <div className="nhsuk-inset-text">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <p>
        This is your {what} as it was on {formatLondonDate(savedAt)} at {formatLondonTime(savedAt)}. It may
        have changed since. You can see it, but not change it, until you’re back online.
      </p>
    </div>
  );
}
