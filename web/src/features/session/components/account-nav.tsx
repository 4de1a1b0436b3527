import type { SessionResponse } from '@gpbook/shared/session';
import { useSignOut } from '../api/sign-out';

/**
 * The header's account area: who is signed in, and a sign-out button (NHS.UK header "with account"). Without a
 * session answer (our service did not answer when the page loaded, though this browser was signed in) only the
 * button shows: the name is not kept on the device, and signing out still forgets everything here. `reserved`: the
 * session answer is on its way, so the area takes its place in the header but is not shown (the name would come
 * in before the button and move it: a layout shift).
 */
export function AccountNav({
  session,
  reserved = false,
}: {
  session?: SessionResponse | undefined;
  reserved?: boolean;
}) {
  const signOut = useSignOut();
  return (
    <nav className={`nhsuk-header__account${reserved ? ' app-reserved' : ''}`} aria-label="Account">
      <ul className="nhsuk-header__account-list">
        {session ? (
          <li className="nhsuk-header__account-item">
            <svg
              className="nhsuk-icon nhsuk-icon--user"
              xmlns="http://www.w3.org/2000/svg"
              viewBox="0 0 24 24"
              width="16"
              height="16"
              focusable="false"
              aria-hidden="true"
            >
              <path d="M12 1a11 11 0 1 1 0 22 11 11 0 0 1 0-22Zm0 2a9 9 0 0 0-5 16.5V18a4 4 0 0 1 4-4h2a4 4 0 0 1 4 4v1.5A9 9 0 0 0 12 3Zm0 3a3.5 3.5 0 1 1-3.5 3.5A3.4 3.4 0 0 1 12 6Z" />
            </svg>
            <span className="nhsuk-u-visually-hidden">Signed in as </span>
            {session.user.displayName}
          </li>
        ) : null}
        <li className="nhsuk-header__account-item">
          <form
            className="nhsuk-header__account-form"
            action="/auth/logout"
            method="post"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              signOut.mutate();
            }}
          >
            {session ? <input type="hidden" name="csrfToken" value={session.csrfToken} /> : null}
            <button className="nhsuk-header__account-button" type="submit" disabled={signOut.isPending}>
              Sign out
            </button>
          </form>
        </li>
      </ul>
    </nav>
  );
}
