import { lazy, Suspense } from 'react';
import { useLoadedAndIdle } from './after-load-and-idle';

const UpdatePrompt = lazy(() => import('./update-prompt').then((m) => ({ default: m.UpdatePrompt })));

/**
 * The "new version available" prompt, and with it the service worker's registration, once the page has loaded
 * and the browser is idle: registering starts the worker's download of the whole app shell, which has no business
 * competing with the first page for the network and the main thread (decision 0080). Until then nothing shows,
 * as before registration.
 */
export function DeferredUpdatePrompt() {
  if (!useLoadedAndIdle()) return null;
  return (
    <Suspense fallback={null}>
      <UpdatePrompt />
    </Suspense>
  );
}
