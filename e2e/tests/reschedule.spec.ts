import { expect, test } from '@playwright/test';
import { bookThroughApi, checkPage, PHONE, signInToHome, slotButtons } from './helpers';

test.use({ viewport: PHONE });

test('move an appointment to another slot through the same slot screens, then confirm', async ({ page }) => {
  await signInToHome(page, 'Oliver Brown');
  const old = await bookThroughApi(page, { description: 'Blood pressure review' });
  await page.goto(`/appointments/${encodeURIComponent(old.id)}`);
  await page.getByRole('link', { name: 'Change the date or time' }).click();

  // Straight to the times for the same type and channel, with the appointment being moved at the top.
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a new time' })).toBeVisible();
  await expect(page).toHaveURL(/\/change\/slots\?practice=Y90001&role=gp&channel=in-person$/);
  const moving = page.locator('.app-moving-appointment');
  await expect(moving.getByRole('heading', { name: 'The appointment you are changing' })).toBeVisible();
  await expect(moving).toContainText('GP appointment, in person');
  await expect(slotButtons(page).first()).toBeVisible();
  await checkPage(page, '23-reschedule-slots');

  // Changing how is a side step that comes back to the times.
  await page.getByRole('link', { name: 'Change how you have the appointment' }).click();
  await expect(page.getByRole('radio', { name: 'In person' })).toBeChecked();
  await page.getByRole('radio', { name: 'By phone' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a new time' })).toBeVisible();
  await expect(page).toHaveURL(/channel=telephone/);
  await slotButtons(page).first().click();

  // A telephone appointment: the number on a page of its own, before the check.
  const phone = page.getByRole('textbox', { name: 'What number should the surgery call you on?' });
  await expect(phone).toBeVisible();
  // Offered from NHS login (the old appointment was in person, so it had none); cleared, it is asked for.
  await expect(phone).not.toHaveValue('');
  await phone.clear();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter the phone number the surgery should call');
  await phone.fill('07700 900 982');
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Check your new appointment' })).toBeVisible();
  await expect(page.getByText('Blood pressure review')).toBeVisible();
  await expect(page.getByText('07700 900 982')).toBeVisible();
  await checkPage(page, '23-reschedule-check');
  await page.getByRole('button', { name: 'Confirm new appointment' }).click();

  await expect(
    page.getByRole('heading', { level: 1, name: /Appointment changed|New appointment booked/ }),
  ).toBeVisible();
  await expect(page.getByText(/will call 07700 900 982/)).toBeVisible();
  await checkPage(page, '24-rescheduled');
  await page.getByRole('link', { name: 'Go to your appointments' }).click();
  await expect(page.getByText('Cancelled', { exact: true })).toBeVisible();
});
