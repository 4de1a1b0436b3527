import { expect, test, type Locator, type Page } from '@playwright/test';
import { PHONE } from './helpers';

test.use({ viewport: PHONE });

/** Presses Tab until `target` has focus (at most `limit` times), as a keyboard user would. */
async function tabTo(page: Page, target: Locator, limit = 40): Promise<void> {
  for (let presses = 0; presses < limit; presses += 1) {
    if ((await target.and(page.locator(':focus')).count()) > 0) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Could not reach ${target.toString()} with Tab`);
}

test('the main journey with the keyboard only, at 360 px', async ({ page }) => {
  await page.goto('/');
  await tabTo(page, page.getByRole('link', { name: 'Continue with NHS login' }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('button', { name: 'Sign in as Jane Smith' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Your appointments' })).toBeVisible();

  await tabTo(page, page.getByRole('link', { name: 'Book an appointment' }));
  await page.keyboard.press('Enter');
  const practice = page.getByRole('heading', { level: 1, name: 'Which GP surgery do you want to book at?' });
  await expect(practice).toBeFocused();
  await tabTo(page, page.getByRole('radio', { name: /Riverside Medical Centre/ }));
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');

  await expect(
    page.getByRole('heading', { level: 1, name: 'What type of appointment do you need?' }),
  ).toBeFocused();
  await tabTo(page, page.getByRole('radio', { name: 'GP' }));
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');

  await expect(
    page.getByRole('heading', { level: 1, name: 'How do you want to have the appointment?' }),
  ).toBeFocused();
  await tabTo(page, page.getByRole('radio', { name: 'In person' }));
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Choose a time' })).toBeFocused();
  // The second day in the strip (today may have fewer than three times left by the time the test runs).
  await tabTo(page, page.locator('.app-day-list__link').nth(1));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: /\(\d+ times?\)$/ })).toBeFocused();
  const slot = page.locator('button.app-slot').nth(2);
  await expect(slot).toBeVisible();
  await tabTo(page, slot, 60);
  await page.keyboard.press('Enter');

  const reason = page.getByRole('textbox', { name: 'What is the appointment for?' });
  await expect(reason).toBeVisible();
  await tabTo(page, reason);
  await page.keyboard.type('Rash on my arm');
  await tabTo(page, page.getByRole('button', { name: 'Continue' }));
  await page.keyboard.press('Enter');

  await expect(
    page.getByRole('heading', { level: 1, name: 'Check your answers before booking' }),
  ).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Book appointment' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Appointment booked' })).toBeVisible();
});
