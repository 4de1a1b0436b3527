import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import {
  APPOINTMENT_TITLE,
  bookThroughApi,
  checkPage,
  PHONE,
  SCREENS_DIR,
  signIn,
  signInToHome,
  slotButtons,
} from './helpers';

test.use({ viewport: PHONE });

test('the main journey at 360 px: sign in, book, see it listed, details, calendar, amend, cancel, sign out', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Continue with NHS login' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Choose who to sign in as' })).toBeVisible();
  await page.screenshot({ path: `${SCREENS_DIR}/02-identity-provider.png`, fullPage: true });
  await page.getByRole('button', { name: 'Sign in as Jane Smith' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Your appointments' })).toBeVisible();
  await expect(page.getByText('Past appointments are not shown')).toBeVisible();
  await checkPage(page, '03-home-empty');

  await page.getByRole('link', { name: 'Book an appointment' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Which GP surgery do you want to book at?' }),
  ).toBeVisible();
  // The patient's own surgery first, named as theirs; nothing chosen for them.
  const surgeries = page.getByRole('radio');
  await expect(surgeries.first()).toHaveAccessibleName('Riverside Medical Centre (your surgery)');
  expect(await surgeries.count()).toBeGreaterThan(1);
  for (const surgery of await surgeries.all()) await expect(surgery).not.toBeChecked();
  await expect(page.locator('.nhsuk-radios__divider')).toHaveText('or');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText('Select the GP surgery you want to book at');
  await expect(page.locator('.nhsuk-error-summary')).toBeFocused();
  await checkPage(page, '04-practice-error');
  await page.getByRole('radio', { name: /Riverside Medical Centre/ }).check();
  await checkPage(page, '04-practice');
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(
    page.getByRole('heading', { level: 1, name: 'What type of appointment do you need?' }),
  ).toBeVisible();
  await page.getByRole('radio', { name: 'GP' }).check();
  await checkPage(page, '05-type');
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(
    page.getByRole('heading', { level: 1, name: 'How do you want to have the appointment?' }),
  ).toBeVisible();
  await page.getByRole('radio', { name: 'In person' }).check();
  await checkPage(page, '06-how');
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Choose a time' })).toBeVisible();
  const first = slotButtons(page).first();
  await expect(first).toBeVisible();
  const slotName = (await first.getAttribute('aria-label')) ?? '';
  expect(slotName).toMatch(
    /^\w+day \d{1,2} \w+, (\d{1,2}(:\d\d)?[ap]m|midday), \d+ minutes?, .*GP, in person(, at .+)?$/,
  );
  await checkPage(page, '07-slots');
  await first.click();

  await expect(page.getByRole('heading', { level: 1, name: 'What is the appointment for?' })).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter a reason for the appointment');
  await checkPage(page, '08-reason-error');
  await page.getByRole('textbox', { name: 'What is the appointment for?' }).fill('Sore knee after a fall');
  await expect(page.getByText('You have 78 characters remaining', { exact: true }).first()).toBeVisible();
  await checkPage(page, '08-reason');
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(
    page.getByRole('heading', { level: 1, name: 'Check your answers before booking' }),
  ).toBeVisible();
  await expect(page.getByText('Sore knee after a fall')).toBeVisible();
  await checkPage(page, '09-check');
  await page.getByRole('button', { name: 'Book appointment' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Appointment booked' })).toBeVisible();
  await checkPage(page, '10-booked');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Add to calendar' }).click(),
  ]);
  const ics = readFileSync(await download.path(), 'utf8');
  expect(ics).toContain('BEGIN:VCALENDAR');
  expect(ics).toContain('BEGIN:VEVENT');

  await page.getByRole('link', { name: 'Go to your appointments' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your appointments' })).toBeVisible();
  const listed = page
    .getByRole('link', { name: APPOINTMENT_TITLE })
    .filter({ hasNotText: 'cancelled' })
    .first();
  await expect(listed).toBeVisible();
  await checkPage(page, '11-home-with-appointment');

  await listed.click();
  await expect(page.getByRole('heading', { level: 1, name: 'GP appointment' })).toBeVisible();
  await expect(page.getByText('Sore knee after a fall')).toBeVisible();
  await checkPage(page, '12-details');

  await page.getByRole('link', { name: 'Change the reason for the appointment' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Change the reason for your appointment' }),
  ).toBeVisible();
  await page.getByRole('textbox', { name: 'What is the appointment for?' }).fill('Sore knee, now swollen');
  await checkPage(page, '13-amend');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Your appointment has been updated')).toBeVisible();
  await expect(page.getByText('Sore knee, now swollen')).toBeVisible();
  await checkPage(page, '14-details-amended');

  await page.getByRole('link', { name: 'Cancel this appointment' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Why are you cancelling this appointment?' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter why you are cancelling');
  await checkPage(page, '15-cancel-reason-error');
  await page.getByRole('textbox', { name: 'Why are you cancelling this appointment?' }).fill('I feel better');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Are you sure you want to cancel this appointment?' }),
  ).toBeVisible();
  await checkPage(page, '16-cancel-confirm');
  await page.getByRole('button', { name: 'Yes, cancel appointment' }).click();
  await expect(page.getByText('Your appointment has been cancelled')).toBeVisible();
  await expect(page.getByText('Cancelled', { exact: true })).toBeVisible();
  await checkPage(page, '17-cancelled');

  await page.getByRole('navigation', { name: 'Account' }).getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You have signed out.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Continue with NHS login' })).toBeVisible();
  expect(await page.evaluate('window.localStorage.length')).toBe(0);
  await checkPage(page, '18-signed-out');
  // Signed out for real: the API refuses the old session.
  expect((await page.request.get('/api/appointments')).status()).toBe(401);
});

test('signing in from a deep link returns there afterwards', async ({ page }) => {
  await page.goto('/book');
  await expect(page.getByText(/^Sign in to book an appointment\./)).toBeVisible();
  await signIn(page, 'Oliver Brown', '/book');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Which GP surgery do you want to book at?' }),
  ).toBeVisible();
});

test('a link to an appointment opened signed out says why sign-in comes first, then opens the appointment', async ({
  page,
  context,
}) => {
  await signInToHome(page, 'Jane Smith');
  const booked = await bookThroughApi(page, { description: 'Deep link check' });
  await context.clearCookies();
  const link = `/appointments/${encodeURIComponent(booked.id)}`;
  await page.goto(link);
  await expect(page).toHaveURL(/\/sign-in\?returnTo=/);
  await expect(
    page.getByText('Sign in to see your appointment. After you sign in, you’ll come straight back to it.'),
  ).toBeVisible();
  await checkPage(page, '01-start-deep-link');
  await page.getByRole('link', { name: 'Continue with NHS login' }).click();
  await page.getByRole('button', { name: 'Sign in as Jane Smith' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'GP appointment' })).toBeVisible();
  await expect(page.getByText('Deep link check')).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(link);
});
