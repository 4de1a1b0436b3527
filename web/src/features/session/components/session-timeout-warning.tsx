import { formatLondonTime } from '@gpbook/shared/time';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { failureSource } from '../../../lib/api-client';
import { getSession, setSessionState, type SessionState } from '../api/get-session';
import { useRefreshSession } from '../api/refresh-session';
import { useSignOut } from '../api/sign-out';

/** How long before the session ends the patient is warned. */
export const WARNING_BEFORE_MS = 2 * 60 * 1000;

/**
 * When the session ends, on the device's clock: the idle expiry, or the absolute one if that comes first, moved
 * by how far the device's clock is from the server's (a phone's clock can be minutes out).
 */
function endsAt(state: SessionState | undefined): number | undefined {
  if (state?.status !== 'signed-in') return undefined;
  const serverEnd = Math.min(
    Date.parse(state.session.idleExpiresAt),
    Date.parse(state.session.absoluteExpiresAt),
  );
  return serverEnd - state.clockOffsetMs;
}

/**
 * Warns two minutes before the session ends, in a modal alert dialog that takes focus, and offers to stay
 * signed in. Every other /api call moves the idle expiry on without us knowing, so before warning it re-reads
 * GET /api/session (which does not extend it) and only warns if the end is still near.
 */
export function SessionTimeoutWarning({ state }: { state: SessionState | undefined }) {
  const queryClient = useQueryClient();
  const [warning, setWarning] = useState(false);
  const end = endsAt(state);

  useEffect(() => {
    if (end === undefined) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout>;
    const check = async () => {
      // Re-reading the session settles it: a later end re-runs this effect; signed out is handled by the guard.
      const fresh = await getSession().catch(() => undefined);
      if (cancelled) return;
      if (fresh) setSessionState(queryClient, fresh);
      const freshEnd = endsAt(fresh);
      if (fresh === undefined || (freshEnd === end && Date.now() >= end - WARNING_BEFORE_MS)) {
        if (Date.now() >= end) {
          // Ended: say so to the rest of the app, which sends the patient to sign in again.
          setSessionState(queryClient, { status: 'signed-out', why: 'expired' });
        } else {
          setWarning(true);
          timer = setTimeout(() => void check(), Math.max(1000, end - Date.now()));
        }
      }
    };
    timer = setTimeout(() => void check(), Math.max(0, end - WARNING_BEFORE_MS - Date.now()));
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [end, queryClient]);

  if (!warning || end === undefined) return null;
  return <TimeoutDialog endsAt={end} onStay={() => setWarning(false)} />;
}

function TimeoutDialog({ endsAt: end, onStay }: { endsAt: number; onStay: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const refresh = useRefreshSession();
  const signOut = useSignOut();
  const [returnFocus] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    // A modal <dialog> makes the rest of the page inert and keeps focus inside; jsdom lacks showModal.
    if (typeof element.showModal === 'function') {
      if (!element.open) element.showModal();
    } else element.setAttribute('open', '');
    element.querySelector<HTMLElement>('h2')?.focus();
    return () => {
      if (typeof element.close === 'function' && element.open) element.close();
      returnFocus?.focus();
    };
  }, [returnFocus]);

  const stay = () =>
    refresh.mutate(undefined, {
      onSuccess: onStay,
    });

  return (
    <dialog
      ref={dialog}
      className="app-timeout-dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="timeout-title"
      aria-describedby="timeout-body"
      onCancel={(event) => {
        // Escape means "not now": the patient is still here, so keep them signed in.
        event.preventDefault();
        stay();
      }}
    >
      <h2 className="nhsuk-heading-m" id="timeout-title" tabIndex={-1}>
        You’re about to be signed out
      </h2>
      <div id="timeout-body">
        <p className="nhsuk-body">
          For your security, we will sign you out at {formatLondonTime(new Date(end))} if you do not do
          anything.
        </p>
        <p className="nhsuk-body">Anything you have not finished will be lost.</p>
      </div>
      {refresh.isError ? (
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error: </span>
          We could not keep you signed in.{' '}
          {failureSource(refresh.error) === 'offline'
            ? 'Check your internet connection and try again.'
            : 'This service did not answer. Try again in a moment.'}
        </p>
      ) : null}
      <div className="nhsuk-button-group">
        <button type="button" className="nhsuk-button" onClick={stay} disabled={refresh.isPending}>
          Stay signed in
        </button>
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          onClick={() => signOut.mutate()}
          disabled={signOut.isPending}
        >
          Sign out
        </button>
      </div>
    </dialog>
  );
}
