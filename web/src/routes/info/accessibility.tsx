import { ServiceOperatorDetails } from '../../features/service/components/service-operator';
import { InfoPage } from './info-page';

/**
 * The accessibility statement, in the shape the Public Sector Bodies (Websites and Mobile Applications) (No. 2)
 * Accessibility Regulations 2018 ask for, and true to how the service is tested (e2e/tests: axe on every screen,
 * 360 px wide, keyboard journeys).
 */
export function AccessibilityRoute() {
  return (
    <InfoPage title="Accessibility statement">
      <p className="nhsuk-body-l">
        This statement is about the Book a GP appointment service. We want as many people as possible to be
        able to use it.
      </p>
      <p className="nhsuk-body">For example, you should be able to:</p>
      <ul className="nhsuk-list nhsuk-list--bullet">
        <li>change colours, contrast and fonts using your browser or device settings</li>
        <li>zoom in up to 400% without the text spilling off the screen</li>
        <li>use the whole service with a keyboard, speech recognition software or a screen reader</li>
        <li>use it on a small phone screen, down to 320 pixels wide</li>
      </ul>
      <p className="nhsuk-body">
        AbilityNet has{' '}
        <a href="https://mcmw.abilitynet.org.uk/">advice on making your device easier to use</a> if you have a
        disability.
      </p>

      <h2>How accessible this service is</h2>
      <p className="nhsuk-body">
        We build the service with the NHS digital service manual’s components and test every screen:
      </p>
      <ul className="nhsuk-list nhsuk-list--bullet">
        <li>
          with automated checks (axe) against the Web Content Accessibility Guidelines (WCAG) 2.1 level AA
        </li>
        <li>at the width of a small phone</li>
        <li>by going through booking with a keyboard only</li>
      </ul>
      <p className="nhsuk-body">
        We have not yet had the service audited by an independent accessibility specialist, and we have not
        yet checked it against every part of WCAG 2.2. Automated checks find only some problems. If you find
        one, we want to know.
      </p>
      <p className="nhsuk-body">Things you should know:</p>
      <ul className="nhsuk-list nhsuk-list--bullet">
        <li>
          For your security, we sign you out after 30 minutes without activity. We warn you 2 minutes before,
          and you can choose to stay signed in.
        </li>
        <li>You sign in on NHS login’s website, which has its own accessibility statement.</li>
      </ul>

      <h2>What to do if you cannot use this service</h2>
      <p className="nhsuk-body">
        If you cannot book, change or cancel an appointment with this service, phone your GP surgery. They can
        do it for you.
      </p>

      <h2>Reporting accessibility problems</h2>
      <p className="nhsuk-body">
        Tell us about any problem you find with this service’s accessibility, or if you need information in a
        different format, through the organisation that runs this service.
      </p>
      <ServiceOperatorDetails purpose="accessibility" />

      <h2>Enforcement procedure</h2>
      <p className="nhsuk-body">
        The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies
        (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the “accessibility
        regulations”). If you’re not happy with how we respond to your complaint, contact the{' '}
        <a href="https://www.equalityadvisoryservice.com/">Equality Advisory and Support Service (EASS)</a>.
      </p>

      <h2>Preparation of this statement</h2>
      <p className="nhsuk-body">This statement was prepared on 30 November 2026.</p>
    </InfoPage>
  );
}
