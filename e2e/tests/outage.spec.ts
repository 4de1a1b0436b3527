import { expect, test, type Page } from '@playwright/test';
import { checkPage, londonDate, PHONE, signInToHome, slotButtons } from './helpers';

test.use({ viewport: PHONE });

/** Our service stops answering: every /api call is refused, while the browser stays online. */
async function serviceGoesDown(page: Page): Promise<void> {
  await page.route('**/api/**', (route) => route.abort('connectionrefused'));
}

async function toCheckPage(page: Page, description: string): Promise<void> {
  // From tomorrow: today may have fewer than three times left by the time the test runs.
  await page.goto(`/book/slots?practice=Y90002&role=gp&channel=in-person&from=${londonDate(1)}`);
  await slotButtons(page).nth(2).click();
  await page.getByRole('textbox', { name: 'What is the appointment for?' }).fill(description);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Check your answers before booking' }),
  ).toBeVisible();
}

const signOut = (page: Page) =>
  page.getByRole('navigation', { name: 'Account' }).getByRole('button', { name: 'Sign out' });

test('when our service is down: it says so (never "offline"), says a booking is not known and what to do, and keeps "Sign out"', async ({
  page,
}) => {
  await signInToHome(page, 'Kwame Mensah');
  await toCheckPage(page, 'Outage check');
  await serviceGoesDown(page);
  await page.getByRole('button', { name: 'Book appointment' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('We do not know if your appointment was booked');
  await expect(summary).toContainText('The problem is with this service, not with your GP surgery.');
  await expect(summary).toContainText(
    'When this service is working again, check your appointments before you try again.',
  );
  await expect(page.getByText(/offline|internet connection/)).toHaveCount(0);
  // Booking again could book twice: the page offers the appointments instead.
  await expect(page.getByRole('button', { name: 'Book appointment' })).toHaveCount(0);
  await expect(signOut(page)).toBeVisible();
  await checkPage(page, '25-outage-book');

  await page.getByRole('link', { name: 'Go to your appointments' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your appointments' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('Sorry, this service is not available right now');
  await expect(page.getByRole('alert')).toContainText('Parkview Surgery’s phone number is 0113 496 0002.');
  await expect(page.getByText(/offline/)).toHaveCount(0);
  await expect(signOut(page)).toBeVisible();
  await checkPage(page, '25-outage-home');

  // A fresh load while it is down: who is signed in cannot be known, but the words stay true, and "Sign out"
  // stays (without the name, which is not kept on the device).
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Your appointments' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('Sorry, this service is not available right now');
  await expect(page.getByText(/offline/)).toHaveCount(0);
  await expect(signOut(page)).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Account' })).not.toContainText('Kwame');
  await checkPage(page, '25-outage-reload');

  // Back up: the booking that was never sent is not there, and nothing says otherwise.
  await page.unroute('**/api/**');
  await page.reload();
  await expect(signOut(page)).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('when the surgery’s system is not answering: it says so, that the service and the connection are working, and a booking was not made', async ({
  page,
}) => {
  await signInToHome(page, 'Kwame Mensah');
  await page.route('**/api/slots?*', (route) =>
    route.fulfill({
      status: 504,
      json: { error: { code: 'practice_timeout', message: 'The practice did not answer in time' } },
    }),
  );
  // From tomorrow: today may have fewer than three times left by the time the test runs.
  await page.goto(`/book/slots?practice=Y90002&role=gp&channel=in-person&from=${londonDate(1)}`);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Your GP surgery’s system is not answering');
  await expect(alert).toContainText('This service and your internet connection are working.');
  await expect(page.getByRole('link', { name: '0113 496 0002' })).toBeVisible();
  await expect(signOut(page)).toBeVisible();
  await checkPage(page, '25-practice-not-answering');
  await page.unroute('**/api/slots?*');

  await toCheckPage(page, 'Practice timeout check');
  await page.route('**/api/appointments', (route) =>
    route.request().method() === 'POST'
      ? route.fulfill({
          status: 504,
          json: { error: { code: 'practice_timeout', message: 'The practice did not answer in time' } },
        })
      : route.continue(),
  );
  await page.getByRole('button', { name: 'Book appointment' }).click();
  await expect(page.getByRole('alert')).toContainText('Your appointment has not been booked');
  await expect(page.getByRole('alert')).toContainText('Your GP surgery’s system is not answering');
  // Nothing was booked, so trying again is safe.
  await expect(page.getByRole('button', { name: 'Book appointment' })).toBeEnabled();
  await checkPage(page, '25-practice-not-booked');
});
