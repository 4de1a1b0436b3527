import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './a11y';
import { PHONE, SCREENS_DIR, signInToHome } from './helpers';

test.use({ viewport: PHONE });

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

test('an unknown page says so', async ({ page }) => {
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SCREENS_DIR}/99-not-found.png`, fullPage: true });
});
