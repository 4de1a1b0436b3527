/**
 * Bank holidays in England (and Wales), when GP practices are closed: no session runs on them. From GOV.UK's
 * published list (https://www.gov.uk/bank-holidays, "England and Wales"), including substitute days; extend it
 * each year as GOV.UK publishes the next one (the test below says when the list runs out).
 */
export const ENGLAND_BANK_HOLIDAYS: readonly string[] = [
  // 2025
  '2025-01-01',
  '2025-04-18',
  '2025-04-21',
  '2025-05-05',
  '2025-05-26',
  '2025-08-25',
  '2025-12-25',
  '2025-12-26',
  // 2026
  '2026-01-01',
  '2026-04-03',
  '2026-04-06',
  '2026-05-04',
  '2026-05-25',
  '2026-08-31',
  '2026-12-25',
  '2026-12-28',
  // 2027
  '2027-01-01',
  '2027-03-26',
  '2027-03-29',
  '2027-05-03',
  '2027-05-31',
  '2027-08-30',
  '2027-12-27',
  '2027-12-28',
  // 2028
  '2028-01-03',
  '2028-04-14',
  '2028-04-17',
  '2028-05-01',
  '2028-05-29',
  '2028-08-28',
  '2028-12-25',
  '2028-12-26',
];

/** The last date the list covers: after it, bank holidays are not known here. */
export const BANK_HOLIDAYS_KNOWN_UNTIL = '2028-12-31';

const closed = new Set(ENGLAND_BANK_HOLIDAYS);

/** Whether practices in England are closed on this UK calendar date (`yyyy-mm-dd`) for a bank holiday. */
export function isBankHoliday(date: string): boolean {
  return closed.has(date);
}
