import { formatLondonDate, formatLondonTime } from '@gpbook/shared/time';

/**
 * Says that what is shown is the copy kept on the device, and from when; offline, that it cannot be changed until
 * the device is back online.
 */
export function SavedAt({
  savedAt,
  what,
  offline = true,
}: {
  savedAt: string;
  what: 'list' | 'appointment';
  offline?: boolean;
}) {
  return (
    <div className="nhsuk-inset-text">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <p>
        This is your {what} as it was on {formatLondonDate(savedAt)} at {formatLondonTime(savedAt)}. It may
        have changed since.{offline ? ' You can see it, but not change it, until you’re back online.' : ''}
      </p>
    </div>
  );
}
