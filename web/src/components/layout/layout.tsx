import type { ReactNode } from 'react';
import { Link, Outlet } from 'react-router';
import { DeferredUpdatePrompt } from '../deferred-update-prompt';

/**
 * The NHS logo, drawn from the symbol in index.html (outside the app's root, so it stays when React replaces the
 * page frame there): the page frame and the app share one copy of its outline, which is not in the app's script.
 */
export function NhsLogo() {
  return (
    <svg
      className="nhsuk-header__logo"
      viewBox="0 0 200 80"
      height="40"
      width="100"
      focusable="false"
      aria-hidden="true"
    >
      <use href="#nhsuk-logo" />
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
