import { expect, test } from '@playwright/test';
import { checkPage, PHONE, signInToHome, slotButtons, slotNames } from './helpers';

test.use({ viewport: PHONE });

const GP_IN_PERSON = '/book/slots?practice=Y90001&role=gp&channel=in-person';

test('choose a time: a day first (with its count), then that day’s times, quick with hundreds of free slots', async ({
  page,
}) => {
  await signInToHome(page, 'Aisha Khan');
  const started = Date.now();
  await page.goto(GP_IN_PERSON);
  await expect(slotButtons(page).first()).toBeVisible();
  const shownIn = Date.now() - started;
  const status = await page.getByText(/^\d+ free times from /).innerText();
  const free = Number(/^(\d+)/.exec(status)?.[1]);
  expect(free).toBeGreaterThan(200);
  // Only one day's times are drawn, six a part of the day at first.
  expect(await slotButtons(page).count()).toBeLessThanOrEqual(18);
  expect(shownIn, 'the slot page shows its first times within 5 s').toBeLessThan(5000);

  const days = page.locator('.app-day-list__link');
  expect(await days.count()).toBeGreaterThan(5);
  await expect(days.first()).toHaveAttribute('aria-current', 'date');
  await expect(days.first()).toHaveText(/^\w+day \d{1,2} \w+ \d+ times?$/);
  await checkPage(page, '07-slots-days');
  await page.setViewportSize({ width: 1280, height: 900 });
  await checkPage(page, '07-slots-days-1280');
  await page.setViewportSize(PHONE);

  // Another day, one with more times than a part of the day shows at first (today's may have few left, by the time
  // the test runs): its times, and the address says which (reload and back work).
  const dayTexts = await days.allInnerTexts();
  const index = dayTexts.findIndex((text, i) => i > 0 && Number(/(\d+) times?$/.exec(text)?.[1] ?? 0) > 18);
  expect(index, 'a day with more than 18 times').toBeGreaterThan(0);
  await days.nth(index).click();
  await expect(page).toHaveURL(/day=\d{4}-\d{2}-\d{2}/);
  await expect(days.nth(index)).toHaveAttribute('aria-current', 'date');
  const dayHeading = page.getByRole('heading', { level: 2, name: /\(\d+ times?\)$/ });
  await expect(dayHeading).toBeFocused();
  const weekday = (dayTexts[index] ?? '').split(/\s/)[0] ?? '';
  await expect(dayHeading).toContainText(weekday);
  for (const name of await slotNames(page)) expect(name.startsWith(weekday)).toBe(true);

  // "Show more" is a 44 px tap target at least.
  const more = page
    .getByRole('button', { name: /^Show \d+ more (morning|afternoon|evening) times? on / })
    .first();
  const box = await more.boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);

  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: /\(\d+ times?\)$/ })).toContainText(weekday);
  await page.goBack();
  await expect(page).not.toHaveURL(/day=/);
  await expect(days.first()).toHaveAttribute('aria-current', 'date');
});

test('filters for morning, afternoon or evening and for the clinician live in the address; back and reload keep them', async ({
  page,
}) => {
  await signInToHome(page, 'Aisha Khan');
  await page.goto(GP_IN_PERSON);
  await expect(slotButtons(page).first()).toBeVisible();
  await page.getByText('Filter times').click();
  // At 360 px every surgery's name shows in full (no select box to cut it short).
  const kirkstall = page.getByText('Riverside Medical Centre - Kirkstall branch', { exact: true });
  await expect(kirkstall).toBeVisible();
  const fits = await kirkstall.evaluate(
    (label: { scrollWidth: number; clientWidth: number }) => label.scrollWidth <= label.clientWidth,
  );
  expect(fits).toBe(true);
  await page.getByRole('radio', { name: 'Afternoon' }).check();
  await page.getByRole('radio', { name: 'A female GP' }).check();
  await checkPage(page, '07-slots-filters');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/time=afternoon/);
  await expect(page).toHaveURL(/gender=female/);
  await expect(page.getByText('Showing only afternoon times with a female GP.')).toBeVisible();
  const female = ['Dr Amelia Hart', 'Grace Kim', 'Sarah Lewis', 'Priya Shah'];
  const check = async () => {
    const none = page.getByRole('heading', { name: /no times that match your filters/ });
    await expect(slotButtons(page).first().or(none)).toBeVisible();
    for (const name of await slotNames(page)) {
      expect(
        female.some((woman) => name.includes(woman)),
        name,
      ).toBe(true);
      expect(name).toMatch(/, ((1[2-6]|[1-4])(:\d\d)?pm|midday), /);
    }
  };
  await check();
  await checkPage(page, '07-slots-filtered');
  await page.reload();
  await expect(page.getByText('Showing only afternoon times with a female GP.')).toBeVisible();
  await check();

  // A clinician by name.
  await page.getByText(/Filter times/).click();
  await page.getByRole('radio', { name: 'Any time' }).check();
  await page.getByRole('radio', { name: 'Dr Rajesh Patel' }).check();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/clinician=Dr(\+|%20)Rajesh(\+|%20)Patel/);
  await expect(slotButtons(page).first()).toBeVisible();
  for (const name of await slotNames(page)) expect(name).toContain('Dr Rajesh Patel');

  await page.goBack();
  await expect(page.getByText('Showing only afternoon times with a female GP.')).toBeVisible();
  await page.getByRole('link', { name: 'Clear filters' }).first().click();
  await expect(page).not.toHaveURL(/time=|gender=|clinician=/);
  await expect(page.getByText(/Showing only/)).toHaveCount(0);
});

test('the slot page by keyboard: a day, then a time', async ({ page }) => {
  await signInToHome(page, 'Aisha Khan');
  await page.goto(GP_IN_PERSON);
  await expect(slotButtons(page).first()).toBeVisible();
  const second = page.locator('.app-day-list__link').nth(1);
  await second.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: /\(\d+ times?\)$/ })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(slotButtons(page).first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'What is the appointment for?' })).toBeVisible();
});
