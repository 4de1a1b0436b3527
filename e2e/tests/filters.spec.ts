import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './a11y';
import { checkPage, PHONE, signInToHome, slotButtons, slotNames } from './helpers';

test.use({ viewport: PHONE });

const roles = [
  ['gp', 'GP'],
  ['nurse', 'Nurse'],
  ['pharmacist', 'Pharmacist'],
  ['healthcare-assistant', 'Healthcare assistant'],
  ['phlebotomist', 'Blood test (phlebotomist)'],
  ['mental-health', 'Mental health practitioner'],
  ['other', 'Other healthcare professional'],
] as const;
const channels = [
  ['in-person', 'In person', 'in person'],
  ['telephone', 'By phone', 'by phone'],
  ['video', 'Video call', 'video call'],
] as const;

test('searching with each role and each channel shows only matching slots, or says there are none', async ({
  page,
}) => {
  test.slow();
  await signInToHome(page, 'Aisha Khan');
  const searches = [
    ...roles.map(([role, label]) => ({
      role,
      roleLabel: label,
      channel: 'in-person',
      channelLabel: 'In person',
      phrase: 'in person',
    })),
    ...channels.map(([channel, label, phrase]) => ({
      role: 'gp',
      roleLabel: 'GP',
      channel,
      channelLabel: label,
      phrase,
    })),
  ];
  for (const search of searches) {
    // Through the pages, as a patient would: type, then how.
    await page.goto('/book/type?practice=Y90001');
    await page.getByRole('radio', { name: search.roleLabel, exact: true }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('radio', { name: search.channelLabel }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Choose a time' })).toBeVisible();
    const none = page.getByRole('heading', { name: 'There are no free appointments on these dates' });
    await expect(slotButtons(page).first().or(none)).toBeVisible();
    const names = await slotNames(page);
    for (const name of names) {
      // In person at a practice with a branch surgery, the name ends with where: ", at Kirkstall branch".
      const how = name.replace(/, at [^,]+$/, '');
      expect(how.endsWith(`, ${search.phrase}`), `${name} is ${search.phrase}`).toBe(true);
      if (search.role !== 'mental-health' && search.role !== 'other')
        expect(name).toContain(`, ${search.roleLabel}, `);
    }
    if (names.length === 0) {
      await expect(page.getByRole('link', { name: 'look at later dates' })).toBeVisible();
      await expect(page.getByRole('link', { name: /^0113/ })).toBeVisible();
      await checkPage(page, `07-slots-none-${search.role}-${search.channel}`);
    } else {
      await expectNoAxeViolations(page);
    }
  }
});

test('"show later dates" moves the two-week window on, and "show earlier dates" back', async ({ page }) => {
  await signInToHome(page, 'Aisha Khan');
  await page.goto('/book/slots?practice=Y90001&role=gp&channel=in-person');
  await expect(slotButtons(page).first()).toBeVisible();
  const firstDay = await page.locator('.app-slot-day__heading').first().innerText();
  await page.getByRole('link', { name: /Show later dates/ }).click();
  await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}/);
  await expect(slotButtons(page).first()).toBeVisible();
  expect(await page.locator('.app-slot-day__heading').first().innerText()).not.toBe(firstDay);
  await page.getByRole('link', { name: /Show earlier dates/ }).click();
  await expect(page.locator('.app-slot-day__heading').first()).toHaveText(firstDay);
});

test('at a practice with a branch surgery, each in-person time says where, and the surgery filter narrows them', async ({
  page,
}) => {
  await signInToHome(page, 'Aisha Khan');
  await page.goto('/book/slots?practice=Y90001&role=gp&channel=in-person');
  await expect(slotButtons(page).first()).toBeVisible();
  await page.getByText('Filter times').click();
  const surgery = page.getByRole('group', { name: 'Surgery' });
  await expect(surgery.getByRole('radio')).toHaveCount(3);
  await expect(surgery.locator('label')).toHaveText([
    'All surgeries',
    'Riverside Medical Centre',
    'Riverside Medical Centre - Kirkstall branch',
  ]);
  await surgery.getByRole('radio', { name: 'Riverside Medical Centre - Kirkstall branch' }).check();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/location=/);
  await expect(
    page.getByText(/GP appointments in person at Riverside Medical Centre - Kirkstall branch,/),
  ).toBeVisible();
  await expect(slotButtons(page).first()).toBeVisible();
  await checkPage(page, '07-slots-branch');
  const names = await slotNames(page);
  expect(names.length).toBeGreaterThan(0);
  // One surgery: the names no longer say where, and none is at the main surgery.
  for (const name of names) expect(name).toMatch(/, GP, in person$/);

  await slotButtons(page).first().click();
  await page.getByRole('textbox', { name: 'What is the appointment for?' }).fill('Branch check');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('40 Kirkstall Road')).toBeVisible();
});
