import { expect, test } from '@playwright/test';
import { checkPage, PHONE, signInToHome, slotButtons } from './helpers';

test.use({ viewport: PHONE });

test('a telephone appointment asks for the number on its own page, and the confirmation says who will call which number', async ({
  page,
}) => {
  await signInToHome(page, 'Ella Robinson');
  await page.goto('/book/slots?practice=Y90003&role=gp&channel=telephone');
  await slotButtons(page).first().click();

  const reason = page.getByRole('textbox', { name: 'What is the appointment for?' });
  await expect(reason).toBeVisible();
  // Only the reason and the extra information here: no phone number, nothing taken from the reason's count.
  await expect(page.getByRole('textbox')).toHaveCount(2);
  await expect(page.getByText('You have 100 characters remaining', { exact: true }).first()).toBeVisible();
  await reason.fill('Blood test results');
  await page.getByRole('button', { name: 'Continue' }).click();

  const phone = page.getByRole('textbox', { name: 'What number should the surgery call you on?' });
  await expect(
    page.getByRole('heading', { level: 1, name: 'What number should the surgery call you on?' }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/book\/phone\?/);
  // Offered: the mobile number NHS login holds for her (the demo IdP releases it with scope phone).
  await expect(phone).toHaveValue('07700 900008');
  await phone.clear();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter the phone number the surgery should call');
  await checkPage(page, '08-phone-error');
  await phone.fill('07700 900 008');
  await checkPage(page, '08-phone');
  await page.getByRole('button', { name: 'Continue' }).click();
  // The number never goes into the address.
  await expect(page).not.toHaveURL(/07700/);

  await expect(
    page.getByRole('heading', { level: 1, name: 'Check your answers before booking' }),
  ).toBeVisible();
  await expect(page.getByText('07700 900 008')).toBeVisible();
  await page.getByRole('button', { name: 'Book appointment' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Appointment booked' })).toBeVisible();
  const panel = page.locator('.nhsuk-panel');
  await expect(panel).toContainText(/Phone appointment: .+ will call 07700 900 008/);
  await expect(panel).not.toContainText('at Meadowbank Health Centre');
  await expect(
    page.getByText(/from Meadowbank Health Centre will phone you on 07700 900 008 at /),
  ).toBeVisible();
  await checkPage(page, '10-booked-phone');
});
