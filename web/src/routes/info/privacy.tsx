import { Link } from 'react-router';
import { ServiceOperatorDetails } from '../../features/service/components/service-operator';
import { InfoPage } from './info-page';

/**
 * What this service does with personal information, as its code does it: the NHS login claims the BFF takes
 * (docs/nhs-login.md), what its session holds (bff/src/identity/sessions/store.ts), what it sends to GP surgeries
 * over GP Connect, what its logs leave out (bff/src/logger.ts) and what the browser keeps (see the cookies page).
 * The organisation that runs the service, the data controller, is named with its contact details from the server's
 * configuration (SERVICE_OPERATOR_*, `GET /api/service`).
 */
export function PrivacyRoute() {
  return (
    <InfoPage title="Privacy notice">
      <p className="nhsuk-body-l">
        This notice explains what information this service uses about you, where it comes from, who it goes to
        and how long we keep it.
      </p>

      <h2>Who is responsible for your information</h2>
      <p className="nhsuk-body">
        The organisation that runs this service is responsible for the information the service itself handles.
        Your GP surgery is responsible for your GP record and for your appointments in its system.
      </p>
      <ServiceOperatorDetails purpose="privacy" />

      <h2>What we get from NHS login</h2>
      <p className="nhsuk-body">When you sign in with NHS login, NHS login gives this service your:</p>
      <ul className="nhsuk-list nhsuk-list--bullet">
        <li>name</li>
        <li>date of birth</li>
        <li>NHS number</li>
        <li>GP surgery</li>
        <li>mobile phone number, if NHS login has one for you</li>
      </ul>
      <p className="nhsuk-body">
        We never see your NHS login password, and we do not keep NHS login’s sign-in tokens.
      </p>

      <h2>What we send to GP surgeries</h2>
      <p className="nhsuk-body">
        This service talks to your GP surgery’s own system through GP Connect, the NHS’s secure way for
        systems to share appointments.
      </p>
      <ul className="nhsuk-list nhsuk-list--bullet">
        <li>To find your record, we send your NHS number.</li>
        <li>
          When you book, we send the time you chose, the reason and any extra information you gave, and for a
          phone appointment the number to call. The surgery team can read these.
        </li>
        <li>When you cancel, we send the reason you gave.</li>
        <li>
          If you book at another GP surgery in your area, that surgery may need to add you as a temporary
          patient. We send it your NHS number, name and date of birth so it can do this.
        </li>
      </ul>
      <p className="nhsuk-body">
        Each request says it was made by you through this service, so your GP surgery’s records show who
        booked or changed an appointment.
      </p>

      <h2>How long we keep it</h2>
      <p className="nhsuk-body">
        While you are signed in, our server keeps the details NHS login gave us, to know who you are. They are
        deleted when you sign out, after 30 minutes without using the service, or 12 hours after you signed
        in.
      </p>
      <p className="nhsuk-body">
        We do not keep your appointments: they stay in your GP surgery’s system. Your browser keeps a copy of
        your upcoming appointments so you can see them offline, until you sign out.{' '}
        <Link to="/cookies">Read about what this service keeps in your browser</Link>.
      </p>
      <p className="nhsuk-body">
        Our records of how the service is running (logs) leave out your name, NHS number, date of birth and
        anything you type, such as the reason for an appointment.
      </p>

      <h2>Your rights</h2>
      <p className="nhsuk-body">
        You can ask what information is held about you, and ask for it to be corrected. For your GP record and
        your appointments, ask your GP surgery. To complain about how your information is used, you can
        contact the <a href="https://ico.org.uk/make-a-complaint/">Information Commissioner’s Office (ICO)</a>
        .
      </p>
    </InfoPage>
  );
}
