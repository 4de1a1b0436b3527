import type { ReactNode } from 'react';
import { Link, Outlet } from 'react-router';
import { DeferredUpdatePrompt } from '../deferred-update-prompt';

export function NhsLogo() {
  return (
    <svg
      className="nhsuk-header__logo"
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 200 80"
      height="40"
      width="100"
      focusable="false"
      aria-hidden="true"
    >
      <path
        fill="currentcolor"
        d="M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z"
      />
    </svg>
  );
}

/** A link in the footer's list. */
export interface FooterLink {
  text: string;
  to: string;
}

/**
 * The NHS.UK page frame of a service: skip link, header with the service's name (linking to its home) and the
 * account area, what goes above the page (banners), the main content, and the footer with its links and a note.
 * The patient app (`Layout`) and the practice view each give it their own.
 */
export function PageFrame({
  service,
  account,
  beforeMain,
  footerLinks,
  footerNote,
  children,
}: {
  service: { name: string; home: string; homeLabel: string };
  account?: ReactNode;
  beforeMain?: ReactNode;
  footerLinks: readonly FooterLink[];
  footerNote: ReactNode;
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
            <Link className="nhsuk-header__service-logo" to={service.home} aria-label={service.homeLabel}>
              <NhsLogo />
              <span className="nhsuk-header__service-name">{service.name}</span>
            </Link>
          </div>
          {account}
        </div>
      </header>
      {beforeMain}
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
              {footerLinks.map((link) => (
                <li className="nhsuk-footer__list-item" key={link.to}>
                  <Link className="nhsuk-footer__list-item-link" to={link.to}>
                    {link.text}
                  </Link>
                </li>
              ))}
            </ul>
            <p className="nhsuk-body-s">{footerNote}</p>
            <p className="nhsuk-footer__copyright">© NHS England</p>
          </div>
        </div>
      </footer>
    </>
  );
}

const PATIENT_FOOTER_LINKS: readonly FooterLink[] = [
  { text: 'Accessibility statement', to: '/accessibility' },
  { text: 'Privacy notice', to: '/privacy' },
  { text: 'Cookies', to: '/cookies' },
];

/** The patient app's page frame. */
export function Layout({
  children,
  account,
  notices,
}: {
  children?: ReactNode;
  /** The header's account area (who is signed in, sign out). */
  account?: ReactNode;
  /** Banners above the page: offline, session ending. */
  notices?: ReactNode;
}) {
  return (
    <PageFrame
      service={{ name: 'Book a GP appointment', home: '/', homeLabel: 'NHS Book a GP appointment homepage' }}
      account={account}
      beforeMain={
        <>
          <DeferredUpdatePrompt />
          {notices}
        </>
      }
      footerLinks={PATIENT_FOOTER_LINKS}
      footerNote="This service books appointments through your GP surgery’s own system. In an emergency, call 999."
    >
      {children ?? <Outlet />}
    </PageFrame>
  );
}
