import { expect, test } from '@playwright/test';
import { APPOINTMENT_TITLE, bookThroughApi, checkPage, PHONE, signInToHome } from './helpers';

test.use({ viewport: PHONE });

test('offline, home shows the last-fetched appointments read-only, with their details, booking disabled and why', async ({
  page,
  context,
}) => {
  await signInToHome(page, 'Ella Robinson');
  await bookThroughApi(page, { description: 'Offline check' });
  await page.reload();
  const appointment = page.getByRole('link', { name: APPOINTMENT_TITLE }).first();
  await expect(appointment).toBeVisible();
  // The service worker must be in control for the app itself to load offline.
  await page.evaluate('navigator.serviceWorker.ready.then(() => undefined)');
  await page.reload();
  await expect(appointment).toBeVisible();
  const stored = await page.evaluate<string[]>('Object.keys(window.localStorage)');
  expect(stored).toEqual(['gpbook.appointments']);

  await context.setOffline(true);
  await expect(page.getByRole('heading', { name: 'You’re offline' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Book an appointment' })).toBeDisabled();

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Your appointments' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'You’re offline' })).toBeVisible();
  await expect(page.getByText(/This is your list as it was on/)).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: APPOINTMENT_TITLE }).first()).toBeVisible();
  const book = page.getByRole('button', { name: 'Book an appointment' });
  await expect(book).toBeDisabled();
  await expect(
    page.getByText('You cannot book an appointment while you’re offline. Check your internet connection.'),
  ).toBeVisible();
  await checkPage(page, '20-offline-home');

  // The appointment's details open from the same copy, read-only.
  await page.getByRole('link', { name: APPOINTMENT_TITLE }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: /appointment$/ })).toBeVisible();
  await expect(page.getByText(/This is your appointment as it was on/)).toBeVisible();
  await expect(page.getByText('Offline check')).toBeVisible();
  await expect(
    page.getByText(
      'You cannot change or cancel an appointment while you’re offline. Check your internet connection.',
    ),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'Add to calendar' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Cancel this appointment' })).toHaveCount(0);
  await checkPage(page, '20-offline-details');
  await page.getByRole('link', { name: 'Back to your appointments' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your appointments' })).toBeVisible();

  await context.setOffline(false);
  await page.reload();
  await expect(page.getByRole('link', { name: 'Book an appointment' })).toBeVisible();
});
