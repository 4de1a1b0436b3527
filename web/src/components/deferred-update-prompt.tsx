import { lazy, Suspense, useEffect, useState } from 'react';

const UpdatePrompt = lazy(() => import('./update-prompt').then((m) => ({ default: m.UpdatePrompt })));

/** When the browser is idle after the page has loaded (at most this long after). */
const IDLE_TIMEOUT_MS = 2000;

function afterLoadAndIdle(run: () => void): () => void {
  let cancelled = false;
  let idle: number | undefined;
  const schedule = () => {
    if (cancelled) return;
    if (typeof window.requestIdleCallback === 'function')
      idle = window.requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS });
    else idle = window.setTimeout(run, 0);
  };
  if (document.readyState === 'complete') schedule();
  else window.addEventListener('load', schedule, { once: true });
  return () => {
    cancelled = true;
    window.removeEventListener('load', schedule);
    if (idle === undefined) return;
    if (typeof window.cancelIdleCallback === 'function') window.cancelIdleCallback(idle);
    else window.clearTimeout(idle);
  };
}

/**
 * The "new version available" prompt, and with it the service worker's registration, once the page has loaded
 * and the browser is idle: registering starts the worker's download of the whole app shell, which has no business
 * competing with the first page for the network and the main thread (decision 0080). Until then nothing shows,
 * as before registration.
 */
export function DeferredUpdatePrompt() {
  const [ready, setReady] = useState(false);
  useEffect(() => afterLoadAndIdle(() => setReady(true)), []);
  if (!ready) return null;
  return (
    <Suspense fallback={null}>
      <UpdatePrompt />
    </Suspense>
  );
}
