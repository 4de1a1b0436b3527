/** Why an action is not available offline, beside the disabled control. */
export function OfflineReason({ action }: { action: string }) {
  return (
    <p className="nhsuk-body app-offline-reason" id="offline-reason">
      You cannot {action} while you’re offline. Check your internet connection.
    </p>
  );
}
