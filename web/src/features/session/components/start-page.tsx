import { SIGN_IN_ERROR_PARAM, signInErrorCodes, type SignInErrorCode } from '@gpbook/shared/session';
import { useEffect, useRef } from 'react';
import { useDocumentTitle } from '../../../lib/document-title';
import { lazyModule } from '../../../lib/lazy-module';
import { signInHref } from '../sign-in-path';
import type { SignInErrorText } from './sign-in-error-text';
import { useQueryParams } from '../../../lib/query-params';

function isSignInErrorCode(value: string | null): value is SignInErrorCode {
  return (signInErrorCodes as readonly (string | null)[]).includes(value);
}

/** If the words for sign-in errors cannot be loaded: only what the code itself establishes. */
const SIGN_IN_DID_NOT_WORK: SignInErrorText = {
  title: 'Sorry, we could not sign you in',
  body: 'Try again. If it keeps happening, phone your GP surgery to book an appointment.',
  help: [],
  canRetry: true,
};

const useSignInErrorTexts = lazyModule(() => import('./sign-in-error-text').then((m) => m.signInErrorText));

/**
 * What to say about a failed sign-in (`?signin_error=`): loaded only then, not with every start page (decision
 * 0080); 'loading' until it is there.
 */
function useSignInError(code: SignInErrorCode | undefined): SignInErrorText | 'loading' | undefined {
  const texts = useSignInErrorTexts(code !== undefined);
  if (code === undefined) return undefined;
  if (texts === 'failed') return SIGN_IN_DID_NOT_WORK;
  return texts ? texts[code] : 'loading';
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
  const params = useQueryParams();
  const errorCode = params.get(SIGN_IN_ERROR_PARAM);
  const loadingSignInError = useSignInError(isSignInErrorCode(errorCode) ? errorCode : undefined);
  const signInError = loadingSignInError === 'loading' ? undefined : loadingSignInError;
  const expired = params.get('reason') === 'expired';
  const signedOut = params.get('signed_out') === '1';
  const deepLink = returnTo !== '/' && !expired && !signInError;
  const message = useRef<HTMLDivElement>(null);
  useDocumentTitle(
    loadingSignInError || deepLink || expired ? 'Sign in' : 'Book a GP appointment',
    loadingSignInError !== undefined,
  );

  useEffect(() => {
    if (signInError) message.current?.focus();
  }, [signInError]);

  // The page shows whole once the words for the error are there (a moment), rather than without them first.
  if (loadingSignInError === 'loading') {
    return (
      <p className="nhsuk-u-visually-hidden" role="status">
        Loading…
      </p>
    );
  }
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
