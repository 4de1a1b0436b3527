import { useRegisterSW } from 'virtual:pwa-register/react';

/** Tells the patient a new version is ready and lets them choose when to reload into it. */
export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW();
  if (!needRefresh) return null;
  return (
    <div className="nhsuk-width-container">
      <div className="nhsuk-inset-text app-update-prompt" role="status">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>A new version of this service is available.</p>
        <div className="nhsuk-button-group">
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
            onClick={() => void updateServiceWorker(true)}
          >
            Update now
          </button>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
            onClick={() => setNeedRefresh(false)}
          >
            Not now
          </button>
        </div>
      </div>
    </div>
  );
}
