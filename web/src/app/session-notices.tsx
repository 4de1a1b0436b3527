import { OfflineBanner } from '../components/offline-banner';
import type { SessionState } from '../features/session/api/get-session';
import { SessionTimeoutWarning } from '../features/session/components/session-timeout-warning';

/** The banners above every patient page: offline, and the warning before the session ends. */
export function SessionNotices({ state }: { state: SessionState | undefined }) {
  return (
    <>
      <OfflineBanner />
      <SessionTimeoutWarning state={state} />
    </>
  );
}
