import { Link } from 'react-router';
import { InfoPage } from './info-page';

/**
 * What this service keeps in the patient's browser, each thing named as the code names it: the three cookies the
 * BFF sets (bff/src/identity/sessions/cookies.ts), the CSRF token in memory (web/src/lib/csrf.ts), the service
 * worker's copy of the app (web/vite.config.ts) and the offline copy of the appointments
 * (web/src/lib/appointments-cache.ts). Change this page when any of them changes.
 */
const cookies = [
  {
    name: 'gpbook_session',
    purpose:
      'Keeps you signed in. It holds a random code that means nothing outside this service: your details stay on our server. The pages’ own code cannot read it.',
    deleted:
      'When you sign out, or 12 hours after you signed in. If you do nothing for 30 minutes, the code it holds stops working.',
  },
  {
    name: 'gpbook_signed_in',
    purpose:
      'Tells this service’s pages that you may be signed in, so they only ask our server who you are when you might be. It holds only the number 1.',
    deleted: 'At the same time as gpbook_session.',
  },
  {
    name: 'gpbook_signin',
    purpose:
      'Used only while you sign in with NHS login, to check that what comes back from NHS login belongs to the sign-in you started. It holds a random code.',
    deleted: 'When you finish signing in, or after 10 minutes.',
  },
] as const;

export function CookiesRoute() {
  return (
    <InfoPage title="Cookies">
      <p className="nhsuk-body-l">
        This service puts 3 small files (cookies) in your browser to keep you signed in securely. We do not
        use cookies to track you or to measure how you use the service, and no other company puts cookies
        through this service.
      </p>
      <p className="nhsuk-body">
        These cookies are needed for the service to work, so we do not ask for your consent to use them.
      </p>

      <h2>Cookies we use</h2>
      {cookies.map((cookie) => (
        <section key={cookie.name} aria-labelledby={`cookie-${cookie.name}`}>
          <h3 id={`cookie-${cookie.name}`}>
            <code>{cookie.name}</code>
          </h3>
          <dl className="nhsuk-summary-list">
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">What it is for</dt>
              <dd className="nhsuk-summary-list__value">{cookie.purpose}</dd>
            </div>
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">When it is deleted</dt>
              <dd className="nhsuk-summary-list__value">{cookie.deleted}</dd>
            </div>
          </dl>
        </section>
      ))}
      <p className="nhsuk-body">
        On a secure (https) address, each name starts with <code>__Host-</code>, which stops any other website
        setting them.
      </p>

      <h2>Other things this service keeps in your browser</h2>
      <h3>A copy of your upcoming appointments</h3>
      <p className="nhsuk-body">
        When you look at your appointments, we keep a copy of the list in your browser’s storage, so you can
        still see it when you’re offline. It has each appointment’s date and time, the GP surgery, who it is
        with, the reason and any extra information you gave, and the number to call for a phone appointment.
        It is marked with a code that stands for you in this service, not with your name or NHS number.
      </p>
      <p className="nhsuk-body">
        We delete it when you sign out, and when someone else signs in to this service in the same browser. If
        you use a shared device, always sign out.
      </p>
      <h3>A security code while a page is open</h3>
      <p className="nhsuk-body">
        When you are signed in, the page holds a random code from our server and sends it with every change
        you make, so that another website cannot make changes in your name. It is kept only while the page is
        open and is never saved.
      </p>
      <h3>This service’s own files</h3>
      <p className="nhsuk-body">
        So the service opens quickly and works offline, your browser keeps a copy of this service’s pages,
        code, styles and images. It holds nothing about you, and is replaced when we update the service.
      </p>

      <h2>NHS login</h2>
      <p className="nhsuk-body">
        You sign in on NHS login’s own website, which uses its own cookies. NHS login explains these on its
        website.
      </p>

      <h2>Removing what this service keeps</h2>
      <p className="nhsuk-body">
        Signing out deletes the session cookies and the copy of your appointments. You can also clear this
        website’s data in your browser’s settings at any time.
      </p>
      <p className="nhsuk-body">
        <Link to="/privacy">Read how we use your information</Link>
      </p>
    </InfoPage>
  );
}
