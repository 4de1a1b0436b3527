import type { AccessProfileConfig, ScheduleConfig } from '../config/schema.js';
import type { SlotRecord } from '../store/store.js';
import { offerSlot, type AvailabilityState, type Consumer, type Refusal } from './access.js';

/**
 * The one answer to "would this consumer's slot search return this slot now, and if not, why not?" (issue 14). The
 * GP Connect slot search keeps the slots whose verdict is `offered`; the practice view's explanations endpoint
 * shows every slot's verdict. Both call this function, so "offered" in an explanation ⇔ returned by the search
 * (a property test checks it through the HTTP interface: admin/explanations.property.test.ts).
 */

/** Which of the practice's schedules a search covers: all of them, or those of the DoS service it names. */
export interface SearchScope {
  schedules: ReadonlyMap<string, ScheduleConfig>;
  /** Service filtering in effect with `service.identifier`: the schedules linked to that service. */
  services?: ReadonlySet<string> | undefined;
}

/**
 * Why a slot is not returned: `booked` (busy); `no-schedule` (its schedule is not the practice's any more: not
 * part of the diary); `other-service` (outside the searched service); `not-categorised` (no role or channel);
 * or one of the availability rules' refusals (see offerSlot).
 */
export type Exclusion = 'booked' | 'no-schedule' | 'other-service' | 'not-categorised' | Refusal;

export type Verdict =
  | { offered: true; profile: AccessProfileConfig | undefined }
  | {
      offered: false;
      reason: Exclusion;
      profile?: AccessProfileConfig | undefined;
      visibleFromMs?: number | undefined;
    };

/** Whether a slot is inside the search's scope: a schedule of the practice, of the searched service if any. */
export function inScope(slot: Pick<SlotRecord, 'scheduleId'>, scope: SearchScope): boolean {
  return scope.schedules.has(slot.scheduleId) && (!scope.services || scope.services.has(slot.scheduleId));
}

export function slotVerdict(
  slot: SlotRecord,
  scope: SearchScope,
  consumer: Consumer,
  state: AvailabilityState,
): Verdict {
  if (slot.status !== 'free') return { offered: false, reason: 'booked' };
  const schedule = scope.schedules.get(slot.scheduleId);
  if (!schedule) return { offered: false, reason: 'no-schedule' };
  if (scope.services && !scope.services.has(slot.scheduleId))
    return { offered: false, reason: 'other-service' };
  // GP Connect booking switched off at the practice: the search is refused before it gets here; the practice
  // view says no slot is bookable.
  if (!state.practice.gpConnectEnabled || !state.practice.appointmentManagementEnabled) {
    return { offered: false, reason: 'not-bookable' };
  }
  // Slot availability management requires both (seed 000); the schemas require them too, so this holds for the
  // reference provider's own slots and is said for a store written some other way.
  if (!schedule.role || !slot.deliveryChannel) return { offered: false, reason: 'not-categorised' };
  const offer = offerSlot(slot, consumer, state);
  if (offer.ok) return { offered: true, profile: offer.profile };
  return {
    offered: false,
    reason: offer.refusal,
    profile: offer.profile,
    visibleFromMs: offer.visibleFromMs,
  };
}
