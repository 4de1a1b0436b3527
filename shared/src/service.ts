import { z } from 'zod';

/**
 * `GET /api/service` (no session needed): who runs this copy of the service, for the privacy notice and the
 * accessibility statement. The organisation that runs it is the data controller for what the service itself
 * handles (the session, its logs); a patient must be able to tell who that is and how to reach them. A copy run
 * with the bundled demo sign-in holds no real patients' information and may name no one (`demo: true`).
 */
export const serviceOperatorSchema = z.object({
  /** The organisation's name, e.g. "Leeds GP Federation". */
  name: z.string().min(1).max(200),
  /** Where to write about personal information or accessibility. */
  email: z.email().max(254),
  /** A phone number for the same, when the organisation gives one. */
  phone: z.string().min(6).max(30).optional(),
  /** A postal address on one line, when the organisation gives one. */
  postalAddress: z.string().min(1).max(300).optional(),
});
export type ServiceOperator = z.infer<typeof serviceOperatorSchema>;

export const serviceInfoResponseSchema = z.object({
  /** Absent only on a demonstration copy (the server refuses to start with real NHS login and no operator). */
  operator: serviceOperatorSchema.optional(),
  /** True when patients sign in with the bundled demo identity provider: made-up patients only. */
  demo: z.boolean(),
});
export type ServiceInfoResponse = z.infer<typeof serviceInfoResponseSchema>;
