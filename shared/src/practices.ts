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

export const practicesResponseSchema = z.object({
  registered: practiceSchema,
  /** Other practices of the federation where the patient may also book. Excludes the registered one. */
  federation: z.array(practiceSchema),
});
export type PracticesResponse = z.infer<typeof practicesResponseSchema>;

/** One line for an address, as patients read it on a letter. */
export function formatAddress(address: Address): string {
  return [...address.lines, address.town, address.postcode]
    .filter((part) => part && part.length > 0)
    .join(', ');
}
