import { expect, test, type Page } from '@playwright/test';
import { londonDate, PHONE, SCREENS_DIR, signInToHome, slotButtons } from './helpers';

test.use({ viewport: PHONE });

async function toCheckPage(page: Page, slotName: string | undefined): Promise<string> {
  // From tomorrow: today may have fewer than four times left by the time the test runs.
  await page.goto(`/book/slots?practice=Y90001&role=nurse&channel=in-person&from=${londonDate(1)}`);
  const slot = slotName
    ? page.getByRole('button', { name: slotName, exact: true })
    : slotButtons(page).nth(3);
  await expect(slot).toBeVisible();
  const name = (await slot.getAttribute('aria-label')) ?? '';
  await slot.click();
  await page.getByRole('textbox', { name: 'What is the appointment for?' }).fill('Race for one slot');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Check your answers before booking' }),
  ).toBeVisible();
  return name;
}

test('two patients race for one slot: exactly one books it, the other is told and sees the refreshed list', async ({
  browser,
}) => {
  const first = await browser.newContext({ viewport: PHONE });
  const second = await browser.newContext({ viewport: PHONE });
  const a = await first.newPage();
  const b = await second.newPage();
  await signInToHome(a, 'George Wilson');
  await signInToHome(b, 'Aisha Khan');
  const slotName = await toCheckPage(a, undefined);
  await toCheckPage(b, slotName);

  await Promise.all([
    a.getByRole('button', { name: 'Book appointment' }).click(),
    b.getByRole('button', { name: 'Book appointment' }).click(),
  ]);
  const booked = (page: Page) => page.getByRole('heading', { level: 1, name: 'Appointment booked' });
  const taken = (page: Page) =>
    page.getByRole('heading', { name: 'Sorry, that appointment has just been taken' });
  await expect(booked(a).or(taken(a))).toBeVisible();
  await expect(booked(b).or(taken(b))).toBeVisible();
  const winners = [await booked(a).isVisible(), await booked(b).isVisible()].filter(Boolean).length;
  expect(winners).toBe(1);
  const loser = (await booked(a).isVisible()) ? b : a;
  await expect(loser.getByRole('heading', { level: 1, name: 'Choose a time' })).toBeVisible();
  // The refreshed list no longer offers the slot that was taken.
  await expect(slotButtons(loser).first()).toBeVisible();
  await expect(loser.getByRole('button', { name: slotName, exact: true })).toHaveCount(0);
  await loser.screenshot({ path: `${SCREENS_DIR}/19-slot-taken.png`, fullPage: false });
  await first.close();
  await second.close();
});
