import type { InteractionHandlers } from '../context.js';
import type { ProviderStore } from '../store/store.js';
import { appointmentHandlers } from './appointment.js';
import { healthcareServiceHandlers } from './healthcare-service.js';
import { locationHandlers } from './location.js';
import { metadataHandlers } from './metadata.js';
import { organizationHandlers } from './organization.js';
import { patientHandlers } from './patient.js';
import { practitionerHandlers } from './practitioner.js';
import { slotHandlers, type SlotHandlerOptions } from './slot.js';

/**
 * Every interaction the reference provider serves, by name (Register a patient is in patientHandlers). `slots`
 * chooses the slot search's answer cache (docs/decisions/0050).
 */
export function allHandlers(
  store: ProviderStore,
  options: { slots?: SlotHandlerOptions } = {},
): InteractionHandlers {
  return {
    ...metadataHandlers,
    ...organizationHandlers,
    ...practitionerHandlers,
    ...locationHandlers,
    ...healthcareServiceHandlers,
    ...patientHandlers(store),
    ...slotHandlers(store, options.slots),
    ...appointmentHandlers(store),
  };
}
