import type { DemoAccount } from './accounts.js';
import type { DemoStaffAccount } from './staff-accounts.js';

/**
 * The demo IdP's pages: plain server-rendered HTML with the NHS.UK design system's CSS (served by the IdP
 * itself), no script at all, so the strict CSP holds. Every choice is a real <button> in a form.
 */

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => escapes[char] ?? char);
}

const NHS_LOGO = `<svg class="nhsuk-header__logo" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 80" height="40" width="100" focusable="false" role="img" aria-label="NHS"><title>NHS</title><path fill="currentcolor" d="M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z"/></svg>`;

export function layout(title: string, main: string, serviceName = 'NHS login (demo)'): string {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – ${escapeHtml(serviceName)}</title>
<link rel="stylesheet" href="/nhsuk-frontend.min.css">
<link rel="icon" href="/assets/images/favicon.svg" type="image/svg+xml">
</head>
<body>
<a class="nhsuk-skip-link" href="#maincontent">Skip to main content</a>
<header class="nhsuk-header" role="banner">
  <div class="nhsuk-header__container nhsuk-width-container">
    <div class="nhsuk-header__service">
      <span class="nhsuk-header__service-logo">${NHS_LOGO}</span>
      <span class="nhsuk-header__service-name">${escapeHtml(serviceName)}</span>
    </div>
  </div>
</header>
<div class="nhsuk-width-container">
<main class="nhsuk-main-wrapper" id="maincontent">
${main}
</main>
</div>
</body>
</html>`;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

function spacedNhsNumber(value: string): string {
  return `${value.slice(0, 3)} ${value.slice(3, 6)} ${value.slice(6)}`;
}

function accountButton(account: DemoAccount, index: number): string {
  const hintId = `account-${index}-hint`;
  const born = dateFormat.format(new Date(`${account.birthDate}T00:00:00Z`));
  return `<li class="nhsuk-u-margin-bottom-4">
  <button class="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-1" type="submit" name="account" value="${escapeHtml(account.sub)}" aria-describedby="${hintId}">
    Sign in as ${escapeHtml(account.givenName)} ${escapeHtml(account.familyName)}
  </button>
  <p class="nhsuk-hint nhsuk-u-font-size-16" id="${hintId}">Born ${born}. NHS number ${spacedNhsNumber(account.nhsNumber)}. Identity verified to ${escapeHtml(account.vot.slice(0, 2))}.</p>
</li>`;
}

/** The sign-in page: the seed's patients grouped by practice, and the P5-only person apart, with a warning. */
export function signInPage(uid: string, accounts: DemoAccount[], clientName: string): string {
  const verified = accounts.filter((account) => account.vot.startsWith('P9'));
  const partial = accounts.filter((account) => !account.vot.startsWith('P9'));
  const practices = new Map<string, DemoAccount[]>();
  for (const account of verified) {
    const key = `${account.practiceName} (${account.gpOdsCode})`;
    practices.set(key, [...(practices.get(key) ?? []), account]);
  }
  let index = 0;
  const groups = [...practices].map(
    ([practice, members]) => `<h2 class="nhsuk-heading-m">${escapeHtml(practice)}</h2>
<ul class="nhsuk-list">${members.map((account) => accountButton(account, index++)).join('\n')}</ul>`,
  );
  const action = `/interaction/${encodeURIComponent(uid)}`;
  const main = `<div class="nhsuk-grid-row"><div class="nhsuk-grid-column-two-thirds">
<h1 class="nhsuk-heading-l">Choose who to sign in as</h1>
<p>This is a demonstration of NHS login for ${escapeHtml(clientName)}. Nobody here is a real person.</p>
<form method="post" action="${action}/login" novalidate>
${groups.length > 0 ? groups.join('\n') : '<p>The provider seed has no patients yet.</p>'}
${
  partial.length > 0
    ? `<div class="nhsuk-warning-callout">
  <h2 class="nhsuk-warning-callout__label">Identity not fully verified</h2>
  <p>These people have proved who they are only to a medium level (P5). Booking GP appointments needs a high level (P9), so the service should refuse them.</p>
  <ul class="nhsuk-list">${partial.map((account) => accountButton(account, index++)).join('\n')}</ul>
</div>`
    : ''
}
</form>
<form method="post" action="${action}/abort">
  <button class="nhsuk-button nhsuk-button--reverse" type="submit">Cancel and go back to the service</button>
</form>
</div></div>`;
  return layout('Choose who to sign in as', main);
}

/** What the staff client's pages are headed with: CIS2 is what they stand in for. */
export const STAFF_IDP_NAME = 'NHS Care Identity (demo)';

/**
 * The staff sign-in page (the staff client's, issue 14): the demo practice staff grouped by practice, each with
 * their role, standing in for a smartcard or CIS2 authenticator sign-in followed by role selection.
 */
export function staffSignInPage(uid: string, accounts: DemoStaffAccount[], clientName: string): string {
  const practices = new Map<string, DemoStaffAccount[]>();
  for (const account of accounts) {
    const key = `${account.orgName} (${account.orgCode})`;
    practices.set(key, [...(practices.get(key) ?? []), account]);
  }
  let index = 0;
  const button = (account: DemoStaffAccount) => {
    const hintId = `staff-${index++}-hint`;
    return `<li class="nhsuk-u-margin-bottom-4">
  <button class="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-1" type="submit" name="account" value="${escapeHtml(account.sub)}" aria-describedby="${hintId}">
    Sign in as ${escapeHtml(account.givenName)} ${escapeHtml(account.familyName)}
  </button>
  <p class="nhsuk-hint nhsuk-u-font-size-16" id="${hintId}">${escapeHtml(account.roleLabel)} at ${escapeHtml(account.orgName)}. Role ${escapeHtml(account.roleCode.split(':').at(-1) ?? '')}, user ID ${escapeHtml(account.uid)}.</p>
</li>`;
  };
  const groups = [...practices].map(
    ([practice, members]) => `<h2 class="nhsuk-heading-m">${escapeHtml(practice)}</h2>
<ul class="nhsuk-list">${members.map(button).join('\n')}</ul>`,
  );
  const action = `/interaction/${encodeURIComponent(uid)}`;
  const main = `<div class="nhsuk-grid-row"><div class="nhsuk-grid-column-two-thirds">
<h1 class="nhsuk-heading-l">Choose a member of practice staff</h1>
<p>This is a demonstration of staff sign-in (NHS Care Identity Service 2) for ${escapeHtml(clientName)}. Nobody here is a real person.</p>
<form method="post" action="${action}/login" novalidate>
${groups.length > 0 ? groups.join('\n') : '<p>There are no staff accounts.</p>'}
</form>
<form method="post" action="${action}/abort">
  <button class="nhsuk-button nhsuk-button--reverse" type="submit">Cancel and go back to the service</button>
</form>
</div></div>`;
  return layout('Choose a member of practice staff', main, STAFF_IDP_NAME);
}

export function errorPage(title: string, message: string): string {
  return layout(
    title,
    `<div class="nhsuk-grid-row"><div class="nhsuk-grid-column-two-thirds">
<h1 class="nhsuk-heading-l">${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
</div></div>`,
  );
}

/** The CSP for every HTML page: our CSS and images only, no script; forms may post here and to the client. */
export function contentSecurityPolicy(formTargets: string[]): string {
  return [
    "default-src 'none'",
    "style-src 'self'",
    "img-src 'self' data:",
    `form-action 'self' ${formTargets.join(' ')}`.trim(),
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
