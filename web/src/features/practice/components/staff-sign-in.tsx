import {
  STAFF_LOGIN_PATH,
  STAFF_SIGN_IN_ERROR_PARAM,
  staffSignInErrorCodes,
  type StaffSignInErrorCode,
} from '@gpbook/shared/staff-session';
import { Link } from 'react-router';
import { ErrorSummary } from '../../../components/error-summary';
import { useDocumentTitle } from '../../../lib/document-title';
import { patientMayBeSignedIn, type StaffSessionState } from '../api/staff-session';
import { WarningCallout } from '../../../components/warning-callout';
import { useQueryParams } from '../../../lib/query-params';

const signInErrorText: Record<StaffSignInErrorCode, string> = {
  no_practice_role:
    'Your smartcard does not hold a role at a practice that uses this service. Ask your registration authority or practice manager to add one.',
  signin_cancelled: 'You did not finish signing in. Sign in again to continue.',
  signin_failed: 'Sorry, we could not sign you in. Try again.',
};

function isSignInErrorCode(value: string | null): value is StaffSignInErrorCode {
  return (staffSignInErrorCodes as readonly (string | null)[]).includes(value);
}

/**
 * The practice view's start for someone not signed in as staff: what it is for, and staff sign-in (a full-page
 * navigation to the BFF, which sends them to NHS CIS2, or the demo's staff accounts). A patient who comes here is
 * told plainly that it is for practice staff, and where their own appointments are.
 */
export function StaffSignInPage({
  why,
}: {
  why: Extract<StaffSessionState, { status: 'signed-out' }>['why'];
}) {
  const params = useQueryParams();
  const code = params.get(STAFF_SIGN_IN_ERROR_PARAM);
  const signInError = isSignInErrorCode(code) ? signInErrorText[code] : undefined;
  const patient = patientMayBeSignedIn();
  useDocumentTitle('Practice view: sign in', signInError !== undefined);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {signInError ? (
          <ErrorSummary errors={[]} title="You are not signed in" description={signInError} />
        ) : null}
        <h1>Practice view for GP practice staff</h1>
        {patient ? (
          <WarningCallout title="This page is for GP practice staff">
            <p>
              You’re signed in as a patient. Patients cannot use the practice view, and it shows nothing about
              you.
            </p>
            <p>
              <Link to="/">Go to your appointments</Link>
            </p>
          </WarningCallout>
        ) : null}
        {why === 'expired' ? (
          <div className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>For your security, you were signed out because you did nothing for a while. Sign in again.</p>
          </div>
        ) : null}
        {why === 'signed-out' ? (
          <div className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>You have signed out.</p>
          </div>
        ) : null}
        <p>Practice staff can use the practice view to:</p>
        <ul>
          <li>
            see which appointments this app, NHS 111 and other GP practices can book in your appointment book
          </li>
          <li>find out why a slot is not offered to one of them</li>
          <li>change the rules that decide what each of them is offered (practice managers only)</li>
        </ul>
        <p>Sign in with your NHS smartcard or other NHS Care Identity Service 2 (CIS2) sign-in.</p>
        <a className="nhsuk-button" href={STAFF_LOGIN_PATH} draggable={false}>
          Sign in with your smartcard (NHS CIS2)
        </a>
        <p className="nhsuk-hint">In this demonstration you choose a member of practice staff instead.</p>
        {!patient ? (
          <p>
            If you are a patient, <Link to="/">book or check your GP appointments</Link>.
          </p>
        ) : null}
      </div>
    </div>
  );
}
