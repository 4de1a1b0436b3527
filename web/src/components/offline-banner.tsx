import { useOnlineStatus } from '../lib/online-status';

/** Says, politely, that the device is offline and what still works. */
export function OfflineBanner() {
  const online = useOnlineStatus();
  return (
    <div role="status" className="app-offline-status">
      {online ? null : (
        <div className="nhsuk-width-container">
          <div
            className="nhsuk-notification-banner app-offline-banner"
            aria-labelledby="offline-banner-title"
          >
            <div className="nhsuk-notification-banner__header">
              <h2 className="nhsuk-notification-banner__title" id="offline-banner-title">
                You’re offline
              </h2>
            </div>
            <div className="nhsuk-notification-banner__content">
              <p className="nhsuk-notification-banner__heading">
                You can see your appointments, but you cannot book, change or cancel them.
              </p>
              <p>Check your internet connection. This page will update when you’re back online.</p>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
