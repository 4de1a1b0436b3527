import { expect, type APIResponse, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expectNoAxeViolations } from './a11y';

/**
 * Where screenshots of every screen go (at 360 px wide), for people to look at: `test-results/screens` in this
 * checkout (ignored by git), or `SCREENS_DIR`.
 */
export const SCREENS_DIR =
  process.env['SCREENS_DIR'] ?? fileURLToPath(new URL('../../test-results/screens', import.meta.url));
mkdirSync(SCREENS_DIR, { recursive: true });

export const PHONE = { width: 360, height: 740 };

/** An appointment card's title, "Monday 23 November 2026 at 9:30am" (or "at midday" / "at midnight"). */
export const APPOINTMENT_TITLE = /\w+day \d{1,2} \w+ \d{4} at (\d{1,2}(:\d\d)?[ap]m|midday|midnight)/;

/** A London date `days` from today, as the slot search wants it. */
export function londonDate(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(date);
}

/** Signs in at the demo identity provider as one of its demo patients and lands on `returnTo` (home by default). */
export async function signIn(page: Page, patient: string, path = '/'): Promise<void> {
  await page.goto(path);
  const origin = new URL(page.url()).origin;
  await page.getByRole('link', { name: 'Continue with NHS login' }).click();
  await page.getByRole('button', { name: `Sign in as ${patient}` }).click();
  await page.waitForURL((url) => url.origin === origin && !url.pathname.startsWith('/auth/'));
}

export async function signInToHome(page: Page, patient: string): Promise<void> {
  await signIn(page, patient);
  await expect(page.getByRole('heading', { level: 1, name: 'Your appointments' })).toBeVisible();
}

/** Checks the page with axe and saves a full-page screenshot named `name`. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SCREENS_DIR}/${name}.png`, fullPage: true });
  // What a phone shows first, at full resolution (long pages shrink too far to read in the full-page one).
  await page.screenshot({ path: `${SCREENS_DIR}/${name}-viewport.png` });
}

/** The free slot buttons on the slot page. */
export function slotButtons(page: Page): Locator {
  return page.locator('button.app-slot');
}

/** The accessible name of every free slot button on the page. */
export function slotNames(page: Page): Promise<string[]> {
  // A string, not a function: this project type-checks without the DOM library.
  return page.evaluate<string[]>(
    "Array.from(document.querySelectorAll('button.app-slot'), (button) => button.getAttribute('aria-label') ?? '')",
  );
}

/** Books an appointment through the patient API directly (as the signed-in browser), for tests about what comes after. */
export async function bookThroughApi(
  page: Page,
  options: { practice?: string; role?: string; channel?: string; description?: string; skip?: number } = {},
): Promise<{ id: string; start: string }> {
  const origin = new URL(page.url()).origin;
  const session = (await (await page.request.get(`${origin}/api/session`)).json()) as {
    csrfToken: string;
    registeredOds: string;
  };
  const params = new URLSearchParams({
    practice: options.practice ?? session.registeredOds,
    from: londonDate(2),
    to: londonDate(15),
    role: options.role ?? 'gp',
    channel: options.channel ?? 'in-person',
  });
  const slots = (await (await page.request.get(`${origin}/api/slots?${params.toString()}`)).json()) as {
    days: Array<{ slots: Array<{ id: string }> }>;
  };
  const free = slots.days.flatMap((day) => day.slots);
  const slot = free[options.skip ?? Math.floor(Math.random() * Math.min(free.length, 40))];
  if (!slot) throw new Error('No free slot to book');
  const response: APIResponse = await page.request.post(`${origin}/api/appointments`, {
    headers: { 'x-csrf-token': session.csrfToken, origin },
    data: { slotIds: [slot.id], description: options.description ?? 'Booked by the e2e suite' },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { id: string; start: string };
}

/** Cancels an appointment through the patient API directly (as the signed-in browser). */
export async function cancelThroughApi(
  page: Page,
  id: string,
  reason = 'Cancelled by the e2e suite',
): Promise<void> {
  const origin = new URL(page.url()).origin;
  const session = (await (await page.request.get(`${origin}/api/session`)).json()) as { csrfToken: string };
  const response = await page.request.post(`${origin}/api/appointments/${encodeURIComponent(id)}/cancel`, {
    headers: { 'x-csrf-token': session.csrfToken, origin },
    data: { reason },
  });
  expect(response.status(), await response.text()).toBe(200);
}

/**
 * As if the person had been idle for almost the whole idle time: the session answers at `sessionPath` (GET) give an
 * idle expiry fixed at 2 minutes 5 seconds after the first of them, so the warning is due about 5 seconds later.
 * Only those answers change, so "stay signed in" reaches the real refresh.
 */
export async function shortenSessionExpiry(page: Page, sessionPath: string): Promise<void> {
  let shortExpiry: string | undefined;
  await page.route(`**${sessionPath}`, async (route) => {
    const response = await route.fetch();
    if (response.status() !== 200) return route.fulfill({ response });
    const body = (await response.json()) as { serverTime: string; idleExpiresAt: string };
    shortExpiry ??= new Date(Date.parse(body.serverTime) + 125_000).toISOString().replace('Z', '+00:00');
    body.idleExpiresAt = shortExpiry;
    return route.fulfill({ response, json: body });
  });
}

/** The warning before the session ends takes focus (axe, screenshot `name`); "Stay signed in" refreshes and closes it. */
export async function stayPastTheWarning(page: Page, refreshPath: string, name: string): Promise<void> {
  const dialog = page.getByRole('alertdialog', { name: 'You’re about to be signed out' });
  await expect(dialog).toBeVisible({ timeout: 20_000 });
  await expect(dialog.getByRole('heading', { name: 'You’re about to be signed out' })).toBeFocused();
  await checkPage(page, name);
  const refreshed = page.waitForResponse(
    (response) => response.url().endsWith(refreshPath) && response.status() === 200,
  );
  await dialog.getByRole('button', { name: 'Stay signed in' }).click();
  await refreshed;
  await expect(dialog).toBeHidden();
}
