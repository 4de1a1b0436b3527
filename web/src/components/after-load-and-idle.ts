import { useEffect, useState } from 'react';

/** When the browser is idle after the page has loaded (at most this long after). */
const IDLE_TIMEOUT_MS = 2000;

/** Runs `run` once the page has loaded and the browser is idle (or at most two seconds after the load). */
export function afterLoadAndIdle(run: () => void): () => void {
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
 * False until the page has loaded and the browser is idle (or at most two seconds after the load): for what the
 * first page does not need to show itself, fetched and run only then (decision 0080).
 */
export function useLoadedAndIdle(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => afterLoadAndIdle(() => setReady(true)), []);
  return ready;
}
