import { formatLondonTime } from '@gpbook/shared/time';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { failureSource } from '../lib/api-client';

/** How long before a session ends the person is warned. */
export const WARNING_BEFORE_MS = 2 * 60 * 1000;

/** Ends this close are one end, measured twice. */
const SAME_END_MS = 5_000;

function sameEnd(a: number | undefined, b: number | undefined): boolean {
  return a === undefined || b === undefined ? a === b : Math.abs(a - b) <= SAME_END_MS;
}

/** What the warning needs to know and do about one kind of session (a patient's, a member of staff's). */
export interface SessionEnd {
  /** When the session ends, on the device's clock; undefined when nobody is signed in. */
  endsAt: number | undefined;
  /**
   * Reads the session again without extending it, and records what it found: its end on the device's clock (a
   * later one when other requests moved it on; undefined when it has gone), or undefined when it could not be read.
   */
  recheck: () => Promise<{ endsAt: number | undefined } | undefined>;
  /** The session has ended: tell the rest of the app, which asks the person to sign in again. */
  ended: () => void;
  /** "Stay signed in": extends the session (and records its new end). */
  stay: () => Promise<unknown>;
  signOut: () => void;
  signingOut: boolean;
}

/**
 * Warns two minutes before the session ends, in a modal alert dialog that takes focus, and offers to stay
 * signed in. Every other request moves the idle expiry on without the page knowing, so before warning it reads the
 * session again (which does not extend it) and only warns if the end is still near.
 */
export function TimeoutWarning({ session }: { session: SessionEnd }) {
  const [warning, setWarning] = useState(false);
  // Each answer measures the clock offset again, so the same end comes back a few milliseconds apart (network
  // jitter): taken as the same end, or every re-read would restart the timer and read again at once.
  const [end, setEnd] = useState(session.endsAt);
  if (!sameEnd(session.endsAt, end)) setEnd(session.endsAt);
  // The session's callbacks are made afresh on each render; the timer depends on the end alone.
  const recheck = useEffectEvent(() => session.recheck());
  const ended = useEffectEvent(() => session.ended());

  useEffect(() => {
    if (end === undefined) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout>;
    const check = async () => {
      // Reading the session again settles it: a later end re-runs this effect; signed out is the guard's to handle.
      const fresh = await recheck().catch(() => undefined);
      if (cancelled) return;
      if (fresh === undefined || (sameEnd(fresh.endsAt, end) && Date.now() >= end - WARNING_BEFORE_MS)) {
        if (Date.now() >= end) ended();
        else {
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
  }, [end]);

  if (!warning || end === undefined) return null;
  return <TimeoutDialog endsAt={end} session={session} onStayed={() => setWarning(false)} />;
}

function TimeoutDialog({
  endsAt: end,
  session,
  onStayed,
}: {
  endsAt: number;
  session: SessionEnd;
  onStayed: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [staying, setStaying] = useState<{ pending: boolean; error?: unknown }>({ pending: false });
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

  const stay = () => {
    if (staying.pending) return;
    setStaying({ pending: true });
    session.stay().then(
      () => {
        setStaying({ pending: false });
        onStayed();
      },
      (error: unknown) => setStaying({ pending: false, error }),
    );
  };

  return (
    <dialog
      ref={dialog}
      className="app-timeout-dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="timeout-title"
      aria-describedby="timeout-body"
      onCancel={(event) => {
        // Escape means "not now": the person is still here, so keep them signed in.
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
      {staying.error !== undefined ? (
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error: </span>
          We could not keep you signed in.{' '}
          {failureSource(staying.error) === 'offline'
            ? 'Check your internet connection and try again.'
            : 'This service did not answer. Try again in a moment.'}
        </p>
      ) : null}
      <div className="nhsuk-button-group">
        <button type="button" className="nhsuk-button" onClick={stay} disabled={staying.pending}>
          Stay signed in
        </button>
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          onClick={session.signOut}
          disabled={session.signingOut}
        >
          Sign out
        </button>
      </div>
    </dialog>
  );
}
