import { expect, test, type Page } from '@playwright/test';
import { checkPage, londonDate, PHONE, shortenSessionExpiry, signIn, stayPastTheWarning } from './helpers';

/**
 * The practice view (issue 14) over the demo stack: a practice manager at Riverside Medical Centre (Y90001) signs
 * in through the demo identity provider's staff accounts, finds why NHS 111 is not offered the practice nurse's
 * slots (an access profile) and why this app is not offered next week's registrar GP slots (an embargo), lifts the
 * embargo and sees the slots appear. A signed-in patient cannot open the practice view.
 *
 * The demo seed's stories (bff/seeds/demo.json, Riverside): Sarah Lewis's nurse clinic is under the access profile
 * "gp-practices-only" (GP practices only); Dr Tobi Okafor's registrar clinic under "registrar-release", a 14-day
 * embargo. Days and counts are read from the running provider, never written down here.
 */

const ODS = 'Y90001';
const MANAGER = 'Amira Shah';
const DESKTOP = { width: 1280, height: 900 };

interface Explanation {
  scheduleId: string;
  start: string;
  offered: boolean;
  reason?: string;
  detail?: { profileId?: string };
}

/** Checks the page with axe and saves screenshots at 1280 px and at 360 px wide (`practice-<name>-1280`, `-360`). */
async function checkBothWidths(page: Page, name: string): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await checkPage(page, `practice-${name}-1280`);
  await page.setViewportSize(PHONE);
  await checkPage(page, `practice-${name}-360`);
  await page.setViewportSize(DESKTOP);
}

/** "Tuesday 8 December", as the practice view names a day. */
function dayLabel(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const noon = new Date(Date.UTC(year, month - 1, day, 12));
  const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'Europe/London' }).format(
    noon,
  );
  const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'Europe/London' }).format(
    noon,
  );
  return `${weekday} ${day} ${monthName}`;
}

/** Every slot of the default fortnight for one consumer, as the staff API explains it (the signed-in browser's). */
async function explanations(page: Page, consumer: string): Promise<Explanation[]> {
  const params = new URLSearchParams({ start: londonDate(0), end: londonDate(13), consumer });
  const response = await page.request.get(`/api/practice/${ODS}/explanations?${params.toString()}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { slots: Explanation[] }).slots;
}

function londonDateOf(instant: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(instant));
}

/** The count link in the summary for one consumer on one day; its text starts with the count. */
function countLink(page: Page, consumer: string, date: string) {
  return page.getByRole('link', {
    name: new RegExp(`slots? for ${consumer.replace(/[()]/g, '\\$&')} on ${dayLabel(date)}: see why`),
  });
}

async function countOf(page: Page, consumer: string, date: string): Promise<number> {
  const text = (await countLink(page, consumer, date).innerText()).trim();
  return Number(/^[\d,]+/.exec(text)?.[0].replace(/,/g, '') ?? NaN);
}

test.use({ viewport: DESKTOP });

test('a practice manager finds why slots are hidden, lifts an embargo and sees the slots appear', async ({
  page,
}) => {
  // A long story, with axe and two screenshots on each of seven screens.
  test.setTimeout(300_000);
  // Signed out: what the practice view is, and staff sign-in.
  await page.goto('/practice');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Practice view for GP practice staff' }),
  ).toBeVisible();
  await checkBothWidths(page, '01-sign-in');

  await page.getByRole('link', { name: 'Sign in with your smartcard (NHS CIS2)' }).click();
  await expect(page.getByRole('heading', { name: 'Choose a member of practice staff' })).toBeVisible();
  await page.getByRole('button', { name: `Sign in as ${MANAGER}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your practices' })).toBeVisible();
  await expect(page.getByText(MANAGER).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await checkBothWidths(page, '02-your-practices');

  // The rules as the seed holds them, to put back at the end (later specs share this provider).
  const original = (await (await page.request.get(`/api/practice/${ODS}/rules`)).json()) as {
    rules: unknown;
  };
  try {
    // Days to look at, from what the provider says now.
    const urgentCare = await explanations(page, 'org:urgent-care');
    const nurseHidden = urgentCare.find(
      (slot) =>
        slot.scheduleId === 'lewis-clinic' &&
        slot.reason === 'restricted' &&
        slot.start > new Date().toISOString(),
    );
    expect(nurseHidden, 'a nurse slot hidden from NHS 111 in the next fortnight').toBeDefined();
    const nurseDay = londonDateOf(nurseHidden!.start);
    const app = await explanations(page, 'app');
    const nextWeek = londonDate(7);
    const embargoed = app.find(
      (slot) =>
        slot.scheduleId === 'okafor-clinic' &&
        slot.reason === 'embargoed' &&
        londonDateOf(slot.start) >= nextWeek,
    );
    expect(embargoed, "a registrar's GP slot next week under the embargo").toBeDefined();
    const embargoDay = londonDateOf(embargoed!.start);

    // What would they see? The default search: the next two weeks, this app, NHS 111 and another GP practice.
    await page.getByRole('link', { name: /What would they see\?/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'What would they see?' })).toBeVisible();
    await expect(page.getByRole('table', { name: /by day/ })).toBeVisible();
    await checkBothWidths(page, '03-what-would-they-see');
    const appBefore = await countOf(page, 'This app', embargoDay);

    // Nurse slots are not offered to NHS 111: an access profile.
    await countLink(page, 'NHS 111 (urgent care)', nurseDay).click();
    await expect(
      page.getByRole('heading', { level: 1, name: /What NHS 111 \(urgent care\) would see/ }),
    ).toBeVisible();
    await expect(page.getByRole('heading', { name: /Sarah Lewis/ }).first()).toBeVisible();
    const restricted = page.locator('.nhsuk-summary-list__row', { hasText: /^Restricted/ }).filter({
      hasText: 'GP practices and their online booking',
    });
    await expect(restricted).toBeVisible();
    await expect(restricted).toContainText(
      'tick ‘Urgent care (such as NHS 111)’ in the access profile’s organisation types',
    );
    await expect(restricted).toContainText('Change the rules');
    await expect(page.getByText('Not offered: restricted').first()).toBeVisible();
    await checkBothWidths(page, '04-why-not-nurse-111');

    // Next week's registrar GP slots are not offered to this app: an embargo.
    await page.getByRole('link', { name: 'Back to what they would see' }).click();
    await countLink(page, 'This app', embargoDay).click();
    await expect(page.getByRole('heading', { level: 1, name: /What this app would see/ })).toBeVisible();
    const embargo = page.locator('.nhsuk-summary-list__row', { hasText: /^Embargoed/ }).filter({
      hasText: 'Registrar clinics held back',
    });
    await expect(embargo).toContainText('hides slots starting within 14 days');
    await expect(embargo).toContainText('shorten the embargo in Change the rules');
    await expect(page.getByText('Not offered: embargoed').first()).toBeVisible();
    await checkBothWidths(page, '05-why-not-embargo');

    // Lift the embargo in Change the rules.
    await page.getByRole('link', { name: 'Change the rules' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Change the rules' })).toBeVisible();
    await checkBothWidths(page, '06-change-the-rules');
    const profile = page.getByRole('group', { name: /Registrar clinics held back/ });
    const embargoField = profile.getByRole('textbox', { name: 'Embargo', exact: true });
    await expect(embargoField).toHaveValue('14');
    await embargoField.fill('0');
    await page.getByRole('button', { name: 'Save the rules' }).click();

    const banner = page.getByRole('alert').filter({ hasText: 'The rules are saved and apply now' });
    await expect(banner).toBeVisible();
    await expect(banner).toBeFocused();
    await expect(banner).toContainText(/This app now sees [\d,]+ more slots in all/);
    await expect(banner).toContainText(
      new RegExp(`This app now sees [\\d,]+ more GP slots on ${dayLabel(embargoDay)}`),
    );
    await expect(page.getByRole('table', { name: /Changes to the rules/ })).toContainText('You');
    await checkBothWidths(page, '07-rules-saved');

    // The summary counts went up for that day.
    await banner.getByRole('link', { name: 'See what they would see now' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'What would they see?' })).toBeVisible();
    await expect.poll(() => countOf(page, 'This app', embargoDay)).toBeGreaterThan(appBefore);

    // Signing out ends the staff session.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByText('You have signed out.')).toBeVisible();
  } finally {
    await restoreRules(page, original.rules);
  }
});

/** Puts the seed's rules back as a practice manager (signing in again if the test signed out). */
async function restoreRules(page: Page, rules: unknown): Promise<void> {
  let session = await page.request.get('/api/staff/session');
  if (session.status() !== 200) {
    await page.goto('/practice');
    await page.getByRole('link', { name: 'Sign in with your smartcard (NHS CIS2)' }).click();
    await page.getByRole('button', { name: `Sign in as ${MANAGER}` }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your practices' })).toBeVisible();
    session = await page.request.get('/api/staff/session');
  }
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const current = (await (await page.request.get(`/api/practice/${ODS}/rules`)).json()) as {
    version: number;
  };
  const origin = new URL(page.url()).origin;
  const response = await page.request.put(`/api/practice/${ODS}/rules`, {
    headers: { 'x-csrf-token': csrfToken, 'if-match': `"${current.version}"`, origin },
    data: { rules },
  });
  expect(response.status(), await response.text()).toBe(200);
}

test('a signed-in patient who opens the practice view is told it is for staff and sees no practice data', async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await signIn(page, 'George Wilson');
  const staffAnswers: number[] = [];
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (path.startsWith('/api/practice/') || path.startsWith('/api/staff/'))
      staffAnswers.push(response.status());
  });
  await page.goto('/practice');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Practice view for GP practice staff' }),
  ).toBeVisible();
  await expect(page.getByText('This page is for GP practice staff')).toBeVisible();
  await expect(page.getByText('You’re signed in as a patient.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sign in with your smartcard (NHS CIS2)' })).toBeVisible();
  await checkBothWidths(page, '08-patient-refused');

  // Straight to a practice's page: the same, and no practice data.
  await page.goto(`/practice/${ODS}`);
  await expect(page.getByText('This page is for GP practice staff')).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
  expect(staffAnswers.filter((status) => status < 400)).toEqual([]);

  // The staff API refuses the patient's session outright.
  const params = new URLSearchParams({ start: londonDate(0), end: londonDate(13), consumer: 'app' });
  const refused = await page.request.get(`/api/practice/${ODS}/visibility?${params.toString()}`);
  expect(refused.status()).toBe(401);
  expect((await page.request.get('/api/staff/session')).status()).toBe(401);
});

test('two minutes before a staff session ends, a warning takes focus; "stay signed in" extends it', async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await shortenSessionExpiry(page, '/api/staff/session');
  await page.goto('/practice');
  await page.getByRole('link', { name: 'Sign in with your smartcard (NHS CIS2)' }).click();
  await page.getByRole('button', { name: `Sign in as ${MANAGER}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your practices' })).toBeVisible();

  await stayPastTheWarning(page, '/api/staff/session/refresh', 'practice-session-warning');
  await expect(page.getByRole('heading', { level: 1, name: 'Your practices' })).toBeVisible();
});
