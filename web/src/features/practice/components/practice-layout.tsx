import { staffRoleDisplay, type StaffSessionResponse } from '@gpbook/shared/staff-session';
import { PRACTICE_VIEW_PATH, STAFF_LOGOUT_PATH } from '@gpbook/shared/staff-session';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { NhsLogo } from '../../../components/layout/layout';
import { useStaffSignOut } from '../api/staff-session';

/** The header's account area for staff: who is signed in, in which role, and sign out (POST with CSRF). */
function StaffAccount({ session }: { session: StaffSessionResponse }) {
  const signOut = useStaffSignOut();
  return (
    <nav className="nhsuk-header__account" aria-label="Account">
      <ul className="nhsuk-header__account-list">
        <li className="nhsuk-header__account-item">
          <span className="nhsuk-u-visually-hidden">Signed in as </span>
          {session.user.displayName} ({staffRoleDisplay[session.role].toLowerCase()})
        </li>
        <li className="nhsuk-header__account-item">
          <form
            className="nhsuk-header__account-form"
            action={STAFF_LOGOUT_PATH}
            method="post"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              signOut.mutate(session.csrfToken);
            }}
          >
            <button className="nhsuk-header__account-button" type="submit" disabled={signOut.isPending}>
              Sign out
            </button>
          </form>
        </li>
      </ul>
    </nav>
  );
}

/**
 * The practice view's page frame: the NHS.UK header named for staff, their account, and a footer that sends
 * patients to the patient service. Not the patient app's frame: it knows nothing of the patient's session.
 */
export function PracticeLayout({
  session,
  children,
}: {
  session: StaffSessionResponse | undefined;
  children: ReactNode;
}) {
  return (
    <>
      <a className="nhsuk-skip-link" href="#maincontent">
        Skip to main content
      </a>
      <header className="nhsuk-header" role="banner">
        <div className="nhsuk-header__container nhsuk-width-container">
          <div className="nhsuk-header__service">
            <Link
              className="nhsuk-header__service-logo"
              to={PRACTICE_VIEW_PATH}
              aria-label="NHS GP appointments practice view homepage"
            >
              <NhsLogo />
              <span className="nhsuk-header__service-name">GP appointments: practice view</span>
            </Link>
          </div>
          {session ? <StaffAccount session={session} /> : null}
        </div>
      </header>
      <div className="nhsuk-width-container">
        <main className="nhsuk-main-wrapper" id="maincontent" tabIndex={-1}>
          {children}
        </main>
      </div>
      <footer className="nhsuk-footer" role="contentinfo">
        <div className="nhsuk-footer__container nhsuk-width-container">
          <div className="nhsuk-footer__meta">
            <h2 className="nhsuk-u-visually-hidden">Support links</h2>
            <ul className="nhsuk-footer__list">
              <li className="nhsuk-footer__list-item">
                <Link className="nhsuk-footer__list-item-link" to="/accessibility">
                  Accessibility statement
                </Link>
              </li>
              <li className="nhsuk-footer__list-item">
                <Link className="nhsuk-footer__list-item-link" to="/">
                  Book a GP appointment (for patients)
                </Link>
              </li>
            </ul>
            <p className="nhsuk-body-s">
              The practice view is for GP practice staff. It shows what booking services can see in your
              appointment book; it books nothing.
            </p>
            <p className="nhsuk-footer__copyright">© NHS England</p>
          </div>
        </div>
      </footer>
    </>
  );
}
