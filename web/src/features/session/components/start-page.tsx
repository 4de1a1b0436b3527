import { SIGN_IN_ERROR_PARAM, signInErrorCodes, type SignInErrorCode } from '@gpbook/shared/session';
import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../../lib/document-title';
import { signInHref } from '../sign-in-path';

/** NHS login's help on proving who you are (photo ID, or the registration details from your GP surgery). */
export const PROVE_WHO_YOU_ARE_HELP = 'https://help.login.nhs.uk/provewhoyouare';

/**
 * The NHS website's GP surgery finder, which gives each surgery's phone number. Before a patient has proved who they
 * are, NHS login does not tell us their surgery (its GP registration details come only with the high level of
 * identity verification), so we cannot give the number ourselves: we say where to find it.
 */
export const FIND_YOUR_GP_SURGERY = 'https://www.nhs.uk/service-search/find-a-gp';
const findSurgeryPhone = { text: 'Find your GP surgery’s phone number', href: FIND_YOUR_GP_SURGERY };

interface SignInErrorText {
  title: string;
  body: string;
  /** Pages that help, as the error summary's links. */
  help: Array<{ text: string; href: string }>;
  /**
   * Whether signing in again could work. When it cannot (the NHS login itself must change first), "Continue with
   * NHS login" is not offered: it would only bring the patient back here.
   */
  canRetry: boolean;
  /** Instead of the sign-in button, when signing in again cannot work yet. */
  instead?: string;
}

const signInErrorText: Record<SignInErrorCode, SignInErrorText> = {
  identity_level: {
    title: 'You need to prove who you are before you can use this service',
    body: 'Your NHS login does not yet show that you have proved who you are. This service needs it, because it shows and changes your appointments at your GP surgery. If you need an appointment before then, phone your GP surgery.',
    help: [
      { text: 'Find out how to prove who you are with NHS login', href: PROVE_WHO_YOU_ARE_HELP },
      findSurgeryPhone,
    ],
    canRetry: false,
    instead:
      'You can prove who you are in the NHS App or on the NHS login website. When you have, come back to this service and sign in.',
  },
  registration_missing: {
    title: 'We could not find your GP surgery',
    body: 'Your NHS login does not show which GP surgery you are registered with. Phone your GP surgery to book an appointment.',
    help: [findSurgeryPhone],
    canRetry: false,
    instead: 'When your NHS login shows your GP surgery, come back to this service and sign in.',
  },
  signin_cancelled: {
    title: 'You did not finish signing in',
    body: 'To book or check your appointments, continue with NHS login.',
    help: [],
    canRetry: true,
  },
  signin_failed: {
    title: 'Sorry, we could not sign you in',
    body: 'Try again. If it keeps happening, phone your GP surgery to book an appointment.',
    help: [findSurgeryPhone],
    canRetry: true,
  },
};

function isSignInErrorCode(value: string | null): value is SignInErrorCode {
  return (signInErrorCodes as readonly (string | null)[]).includes(value);
}

/** Why a page sent the patient here to sign in first, from where they were going (a bookmark, a link in a message). */
function signInFor(returnTo: string): string {
  if (returnTo.startsWith('/appointments/')) return 'Sign in to see your appointment.';
  if (returnTo.startsWith('/book')) return 'Sign in to book an appointment.';
  return 'Sign in to see this page.';
}

/**
 * The start page: what the service does and "Continue with NHS login". It also explains why the patient is here:
 * a page they opened needs them signed in (and they go back to it afterwards), their session ended, they signed
 * out, or sign-in did not work (`?signin_error=`).
 */
export function StartPage({ returnTo = '/' }: { returnTo?: string }) {
  const [params] = useSearchParams();
  const errorCode = params.get(SIGN_IN_ERROR_PARAM);
  const signInError = isSignInErrorCode(errorCode) ? signInErrorText[errorCode] : undefined;
  const expired = params.get('reason') === 'expired';
  const signedOut = params.get('signed_out') === '1';
  const deepLink = returnTo !== '/' && !expired && !signInError;
  const message = useRef<HTMLDivElement>(null);
  useDocumentTitle(
    signInError || deepLink || expired ? 'Sign in' : 'Book a GP appointment',
    signInError !== undefined,
  );

  useEffect(() => {
    if (signInError) message.current?.focus();
  }, [signInError]);

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {signInError ? (
          <div className="nhsuk-error-summary" ref={message} tabIndex={-1} data-autofocus>
            <div role="alert">
              <h2 className="nhsuk-error-summary__heading">{signInError.title}</h2>
              <div className="nhsuk-error-summary__body">
                <p>{signInError.body}</p>
                {signInError.help.length > 0 ? (
                  <ul className="nhsuk-list nhsuk-error-summary__list">
                    {signInError.help.map((link) => (
                      <li key={link.href}>
                        <a href={link.href}>{link.text}</a>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
            </div>
          </div>
        ) : null}
        {expired ? (
          <div className="nhsuk-inset-text" role="status">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>For your security, you were signed out. Sign in again to carry on where you left off.</p>
          </div>
        ) : null}
        {deepLink ? (
          <div className="nhsuk-inset-text" role="status">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>{signInFor(returnTo)} After you sign in, you’ll come straight back to it.</p>
          </div>
        ) : null}
        {signedOut ? (
          <div className="nhsuk-inset-text" role="status">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>You have signed out.</p>
          </div>
        ) : null}
        <h1>Book a GP appointment</h1>
        <p className="nhsuk-body-l">
          Use this service to book, check, change or cancel appointments at your GP surgery.
        </p>
        <p className="nhsuk-body">
          You can book appointments with a GP, nurse or other healthcare professional, in person, by phone or
          by video call.
        </p>
        {signInError && !signInError.canRetry ? (
          <>
            <p className="nhsuk-body">{signInError.instead}</p>
            <p className="nhsuk-body">If you need an appointment now, phone your GP surgery.</p>
          </>
        ) : (
          <>
            <p className="nhsuk-body">
              You’ll need to sign in with NHS login. It’s the same login you use for the NHS App.
            </p>
            <a className="nhsuk-button nhsuk-button--login" href={signInHref(returnTo)} draggable="false">
              Continue with NHS login
            </a>
          </>
        )}
        <div className="nhsuk-card nhsuk-card--care nhsuk-card--care--urgent">
          <div className="nhsuk-card__heading-container">
            <h2 className="nhsuk-card__heading">
              <span role="text">
                <span className="nhsuk-u-visually-hidden">Urgent advice: </span>If you need help now
              </span>
            </h2>
            <span className="nhsuk-card--care__arrow" aria-hidden="true"></span>
          </div>
          <div className="nhsuk-card__content">
            <p>
              Call 111 or <a href="https://111.nhs.uk/">get help from 111 online</a>. In an emergency, call
              999.
            </p>
          </div>
        </div>
      </div>
    </div>
  );
}
