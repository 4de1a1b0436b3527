import { expect, test } from '@playwright/test';
import { checkPage, PHONE, shortenSessionExpiry, signIn, stayPastTheWarning } from './helpers';

test.use({ viewport: PHONE });

test('two minutes before the session ends, a warning takes focus; "stay signed in" extends the session', async ({
  page,
}) => {
  await shortenSessionExpiry(page, '/api/session');
  await signIn(page, 'Sam Taylor');
  await expect(page.getByRole('heading', { level: 1, name: 'Your appointments' })).toBeVisible();
  const before = (await (await page.request.get('/api/session')).json()) as { idleExpiresAt: string };

  await stayPastTheWarning(page, '/api/session/refresh', '21-session-warning');
  const after = (await (await page.request.get('/api/session')).json()) as { idleExpiresAt: string };
  expect(Date.parse(after.idleExpiresAt)).toBeGreaterThan(Date.parse(before.idleExpiresAt));
});

test('a device clock that is wrong does not bring the warning early', async ({ page }) => {
  // The phone's clock is 29 minutes fast: measured against it, a fresh 30-minute session would end in a minute.
  await page.clock.install({ time: new Date(Date.now() + 29 * 60_000) });
  await signIn(page, 'Sam Taylor');
  await expect(page.getByRole('heading', { level: 1, name: 'Your appointments' })).toBeVisible();
  await page.clock.fastForward('01:30');
  await expect(page.getByRole('heading', { level: 1, name: 'Your appointments' })).toBeVisible();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
});

test('when the session has ended, the patient signs in again and comes back to where they were', async ({
  page,
  context,
}) => {
  await signIn(page, 'Oliver Brown');
  await expect(page.getByRole('heading', { level: 1, name: 'Your appointments' })).toBeVisible();
  await page.getByRole('link', { name: 'Book an appointment' }).click();
  await page.getByRole('radio', { name: /Riverside Medical Centre/ }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('radio', { name: 'Nurse' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('radio', { name: 'In person' }).check();

  // The session ends on the server (as after 30 idle minutes): the next API call gets a 401.
  await context.clearCookies();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/sign-in\?returnTo=/);
  await expect(page.getByText('For your security, you were signed out.')).toBeVisible();
  await checkPage(page, '22-signed-out-expired');

  await page.getByRole('link', { name: 'Continue with NHS login' }).click();
  await page.getByRole('button', { name: 'Sign in as Oliver Brown' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a time' })).toBeVisible();
  await expect(page).toHaveURL(/\/book\/slots\?practice=Y90001&role=nurse&channel=in-person/);
});
