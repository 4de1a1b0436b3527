import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './a11y';
import {
  APPOINTMENT_TITLE,
  bookThroughApi,
  cancelThroughApi,
  checkPage,
  PHONE,
  SCREENS_DIR,
  signInToHome,
} from './helpers';

test.use({ viewport: PHONE });

const signOutButton = (page: Page) =>
  page.getByRole('navigation', { name: 'Account' }).getByRole('button', { name: 'Sign out' });

test('signed out, home is the start page with "Continue with NHS login", with no axe violations', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Book a GP appointment' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Continue with NHS login' })).toHaveAttribute(
    'href',
    '/auth/login?returnTo=%2F',
  );
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SCREENS_DIR}/01-start.png`, fullPage: true });
});

test('signed in, home shows the registered practice, read from the GP Connect provider through the BFF', async ({
  page,
}) => {
  await signInToHome(page, 'George Wilson');
  await expect(page.getByRole('heading', { name: 'Riverside Medical Centre' })).toBeVisible();
  await expect(page.getByText('12 Bridge Street, Leeds, LS1 4AP')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('home lists booked appointments under "Upcoming appointments", and cancelled ones in their own section below', async ({
  page,
}) => {
  await signInToHome(page, 'George Wilson');
  await bookThroughApi(page, { description: 'Stays booked', skip: 5 });
  const cancelled = await bookThroughApi(page, { description: 'To be cancelled', skip: 1 });
  await cancelThroughApi(page, cancelled.id);
  await page.reload();
  const upcoming = page.getByRole('heading', { level: 2, name: 'Upcoming appointments' });
  const cancelledSection = page.getByRole('heading', { level: 2, name: 'Cancelled appointments' });
  await expect(upcoming).toBeVisible();
  await expect(cancelledSection).toBeVisible();
  // Every card above "Cancelled appointments" is booked; every card below it is cancelled.
  const titles = await page
    .locator('h2, .nhsuk-card__link')
    .evaluateAll((nodes: Array<{ textContent: string | null }>) =>
      nodes.map((node) => node.textContent ?? ''),
    );
  const split = titles.indexOf('Cancelled appointments');
  expect(split).toBeGreaterThan(titles.indexOf('Upcoming appointments'));
  const above = titles.slice(titles.indexOf('Upcoming appointments') + 1, split);
  const below = titles.slice(split + 1).filter((title) => APPOINTMENT_TITLE.test(title));
  expect(above.length).toBeGreaterThan(0);
  for (const title of above) expect(title).not.toContain('cancelled');
  expect(below.length).toBeGreaterThan(0);
  for (const title of below) expect(title).toContain('(cancelled)');
  await checkPage(page, '11-home-cancelled-section');
});

test('a patient whose surgery has no record of them hears it on the home page, with its number, and is offered no booking', async ({
  page,
}) => {
  // The demo's Arthur Dent is recorded as deceased at his surgery: GET /api/appointments answers 403 patient_not_found.
  await signInToHome(page, 'Arthur Dent');
  await expect(
    page.getByRole('heading', { level: 2, name: /Your GP surgery cannot find your record/ }),
  ).toBeVisible();
  await expect(
    page.getByText(
      'You cannot see or book appointments online until Riverside Medical Centre has checked your details.',
    ),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: '0113 496 0001' }).first()).toHaveAttribute(
    'href',
    'tel:01134960001',
  );
  await expect(page.getByRole('link', { name: 'Book an appointment' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Book an appointment' })).toHaveCount(0);
  await expect(page.getByText(/no upcoming appointments/)).toHaveCount(0);
  await checkPage(page, '03-home-no-record');
});

test('the app’s files are served compressed, hashed ones cached for good and the page shell revalidated', async ({
  request,
}) => {
  const shell = await request.get('/', { headers: { 'accept-encoding': 'br' } });
  expect(shell.headers()['content-encoding']).toBe('br');
  expect(shell.headers()['cache-control']).toBe('no-cache');
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(await shell.text())?.[1];
  expect(script).toBeDefined();
  const asset = await request.get(script ?? '', { headers: { 'accept-encoding': 'gzip' } });
  expect(asset.headers()['content-encoding']).toBe('gzip');
  expect(asset.headers()['cache-control']).toContain('immutable');
});

test('the pages break none of the Content-Security-Policy (no inline code, no eval, nothing from elsewhere)', async ({
  page,
}) => {
  const cdp = await page.context().newCDPSession(page);
  const violations: string[] = [];
  cdp.on('Audits.issueAdded', ({ issue }) => {
    const details = issue.details.contentSecurityPolicyIssueDetails;
    if (details)
      violations.push(
        `${details.violatedDirective} ${details.contentSecurityPolicyViolationType} ${details.sourceCodeLocation?.url ?? ''}:${details.sourceCodeLocation?.columnNumber ?? ''}`,
      );
  });
  await cdp.send('Audits.enable');
  await signInToHome(page, 'George Wilson');
  await page
    .getByRole('button', { name: 'Book an appointment' })
    .or(page.getByRole('link', { name: 'Book an appointment' }))
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(violations).toEqual([]);
});

test('a failed sign-in is explained', async ({ page }) => {
  await page.goto('/?signin_error=registration_missing');
  await expect(page.getByRole('alert')).toContainText('We could not find your GP surgery');
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SCREENS_DIR}/01-start-signin-error.png`, fullPage: true });
});

test('signing in with an NHS login proved only to P5: where to prove who you are, and no sign-in loop', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Continue with NHS login' }).click();
  await page.getByRole('button', { name: 'Sign in as Sam Partial' }).click();
  await expect(page).toHaveURL(/signin_error=identity_level/);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('You need to prove who you are before you can use this service');
  await expect(
    alert.getByRole('link', { name: 'Find out how to prove who you are with NHS login' }),
  ).toHaveAttribute('href', 'https://help.login.nhs.uk/provewhoyouare');
  await expect(alert.getByRole('link', { name: 'Find your GP surgery’s phone number' })).toHaveAttribute(
    'href',
    'https://www.nhs.uk/service-search/find-a-gp',
  );
  await expect(page.getByRole('link', { name: 'Continue with NHS login' })).toHaveCount(0);
  await checkPage(page, '01-start-p5');
});

test('the footer links to the accessibility statement, the privacy notice and the cookies page; titles name the service once', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Book a GP appointment' })).toBeVisible();
  await expect(page).toHaveTitle('Book a GP appointment – NHS');
  const pages = [
    ['Accessibility statement', '30-accessibility'],
    ['Privacy notice', '31-privacy'],
    ['Cookies', '32-cookies'],
  ] as const;
  for (const [name, screen] of pages) {
    await page.getByRole('contentinfo').getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page).toHaveTitle(`${name} – Book a GP appointment – NHS`);
    await checkPage(page, screen);
  }
  await expect(page.getByRole('heading', { level: 3, name: 'gpbook_session', exact: true })).toBeVisible();
});

test('an appointment that is not found says so, with a link to the appointments', async ({ page }) => {
  await signInToHome(page, 'George Wilson');
  await page.goto('/appointments/Y90001~no-such-appointment');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('We could not find this appointment');
  await expect(signOutButton(page)).toBeVisible();
  await checkPage(page, '12-details-not-found');
  await alert.getByRole('link', { name: 'Go to your appointments' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your appointments' })).toBeVisible();
});

test('an unknown page says so', async ({ page }) => {
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SCREENS_DIR}/99-not-found.png`, fullPage: true });
});
