import { EXT, PROFILE, SYS } from '../../gpconnect/constants.js';

/** A valid GP Connect book request for the given slots; tests edit the result to break one rule at a time. */
export function bookingBody(options: {
  slots: Array<{ id: string; start: string; end: string }>;
  patientId?: string;
  locationId?: string;
  odsCode?: string;
  orgType?: string | undefined;
  description?: string;
  comment?: string;
}): Record<string, unknown> & {
  participant: Array<Record<string, unknown>>;
  extension: Array<Record<string, unknown>>;
} {
  const first = options.slots[0];
  const last = options.slots[options.slots.length - 1];
  if (!first || !last) throw new Error('bookingBody needs a slot');
  const orgType = 'orgType' in options ? options.orgType : 'gp-practice';
  return {
    resourceType: 'Appointment',
    meta: { profile: [PROFILE.appointment] },
    contained: [
      {
        resourceType: 'Organization',
        id: '1',
        meta: { profile: [PROFILE.organization] },
        identifier: [{ system: SYS.odsOrg, value: options.odsCode ?? 'GPA001' }],
        ...(orgType ? { type: [{ coding: [{ system: SYS.orgType, code: orgType }] }] } : {}),
        name: 'Booking Practice',
        telecom: [{ system: 'phone', value: '01111 222333' }],
      },
    ],
    extension: [{ url: EXT.bookingOrganisation, valueReference: { reference: '#1' } }],
    status: 'booked',
    description: options.description ?? 'Sore throat',
    start: first.start,
    end: last.end,
    slot: options.slots.map((slot) => ({ reference: `Slot/${slot.id}` })),
    created: '2026-01-01T09:00:00+00:00',
    ...(options.comment === undefined ? {} : { comment: options.comment }),
    participant: [
      { actor: { reference: `Patient/${options.patientId ?? '1'}` }, status: 'accepted' },
      { actor: { reference: `Location/${options.locationId ?? 'main'}` }, status: 'accepted' },
    ],
  };
}
