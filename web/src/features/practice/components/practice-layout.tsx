import { staffRoleDisplay, type StaffSessionResponse } from '@gpbook/shared/staff-session';
import { PRACTICE_VIEW_PATH, STAFF_LOGOUT_PATH } from '@gpbook/shared/staff-session';
import type { ReactNode } from 'react';
import { PageFrame, type FooterLink } from '../../../components/layout/layout';
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

const PRACTICE_FOOTER_LINKS: readonly FooterLink[] = [
  { text: 'Accessibility statement', to: '/accessibility' },
  { text: 'Book a GP appointment (for patients)', to: '/' },
];

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
    <PageFrame
      service={{
        name: 'GP appointments: practice view',
        home: PRACTICE_VIEW_PATH,
        homeLabel: 'NHS GP appointments practice view homepage',
      }}
      account={session ? <StaffAccount session={session} /> : null}
      footerLinks={PRACTICE_FOOTER_LINKS}
      footerNote="The practice view is for GP practice staff. It shows what booking services can see in your appointment book; it books nothing."
    >
      {children}
    </PageFrame>
  );
}
