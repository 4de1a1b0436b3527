import { lazy, Suspense } from 'react';
import { useLoadedAndIdle } from '../components/after-load-and-idle';
import type { SessionState } from '../features/session/api/get-session';

const SessionNotices = lazy(() => import('./session-notices').then((m) => ({ default: m.SessionNotices })));

/**
 * The offline banner and the session-ending warning, fetched once the page has loaded and the browser is idle:
 * neither is needed to show the first page (the warning comes minutes before the session ends, and offline the
 * service worker serves its chunk as it does the page's), so they are left out of the first download (decision
 * 0080).
 */
export function DeferredSessionNotices({ state }: { state: SessionState | undefined }) {
  if (!useLoadedAndIdle()) return null;
  return (
    <Suspense fallback={null}>
      <SessionNotices state={state} />
    </Suspense>
  );
}
