import { z } from 'zod';

/** `GET /api/practices`: the patient's registered practice and the other practices in its federation. */

export const odsCodeSchema = z
  .string()
  .regex(/^[A-Z0-9]{3,10}$/, 'An ODS code is 3 to 10 upper-case letters and digits');

export const addressSchema = z.object({
  lines: z.array(z.string()),
  town: z.string().optional(),
  postcode: z.string().optional(),
});
export type Address = z.infer<typeof addressSchema>;

export const practiceSchema = z.object({
  odsCode: odsCodeSchema,
  name: z.string().min(1),
  address: addressSchema,
  phone: z.string().optional(),
});
export type Practice = z.infer<typeof practiceSchema>;

export const practicesQuerySchema = z.object({}).strict();

/** Why a practice's system gave no answer we could use: shown to the patient as such, never as "nothing there". */
export const practiceUnavailableReasonSchema = z.enum(['timeout', 'unreachable', 'error']);
export type PracticeUnavailableReason = z.infer<typeof practiceUnavailableReasonSchema>;

/** A practice whose system did not answer this time, so its part of a page is missing. */
export const unavailablePracticeSchema = z.object({
  odsCode: odsCodeSchema,
  name: z.string().min(1),
  reason: practiceUnavailableReasonSchema,
});
export type UnavailablePractice = z.infer<typeof unavailablePracticeSchema>;

export const practicesResponseSchema = z.object({
  registered: practiceSchema,
  /** Other practices of the federation where the patient may also book. Excludes the registered one. */
  federation: z.array(practiceSchema),
  /** Federation practices whose systems did not answer this time (not listed in `federation`). */
  unavailable: z.array(unavailablePracticeSchema),
});
export type PracticesResponse = z.infer<typeof practicesResponseSchema>;

/** One line for an address, as patients read it on a letter. */
export function formatAddress(address: Address): string {
  return [...address.lines, address.town, address.postcode]
    .filter((part) => part && part.length > 0)
    .join(', ');
}
