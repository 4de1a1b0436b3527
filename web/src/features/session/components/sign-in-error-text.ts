// The words for a failed sign-in, loaded by the start page only when it has one to explain (decision 0080).
import type { SignInErrorCode } from '@gpbook/shared/session';

/** NHS login's help on proving who you are (photo ID, or the registration details from your GP surgery). */
export const PROVE_WHO_YOU_ARE_HELP = 'https://help.login.nhs.uk/provewhoyouare';

/**
 * The NHS website's GP surgery finder, which gives each surgery's phone number. Before a patient has proved who they
 * are, NHS login does not tell us their surgery (its GP registration details come only with the high level of
 * identity verification), so we cannot give the number ourselves: we say where to find it.
 */
export const FIND_YOUR_GP_SURGERY = 'https://www.nhs.uk/service-search/find-a-gp';
const findSurgeryPhone = { text: 'Find your GP surgery’s phone number', href: FIND_YOUR_GP_SURGERY };

export interface SignInErrorText {
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

export const signInErrorText: Record<SignInErrorCode, SignInErrorText> = {
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
