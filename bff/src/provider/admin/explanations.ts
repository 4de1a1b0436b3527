import { SDS_JOB_ROLES } from '../../gpconnect/job-roles.js';
import type { Consumer } from '../availability/access.js';
import { slotVerdict, type SearchScope } from '../availability/verdict.js';
import type { PracticeConfig, PractitionerConfig } from '../config/schema.js';
import type { ProviderStore } from '../store/store.js';
import { addLondonDays, londonInstant, londonIso } from '../time/london.js';
import type { ExplanationsQuery, ExplanationsResponse, SlotExplanation, SlotReason } from './contract.js';

/** How a practitioner is named to practice staff: prefix, given names, family name. */
export function practitionerName(practitioner: PractitionerConfig): string {
  return [practitioner.prefix, ...practitioner.given, practitioner.family].filter(Boolean).join(' ');
}

/**
 * "Why not?" (issue 14 point 3): every slot of the practice's schedules in the range, booked or free, with the
 * verdict the GP Connect slot search gives it for this consumer now: the very same function
 * (availability/verdict.ts), over the same store state, read in one snapshot. The scope is that of a search
 * without `service.identifier` (every schedule), as the consumer is described by `searchFilter` only.
 */
export function explainSlots(
  store: ProviderStore,
  practice: PracticeConfig,
  query: ExplanationsQuery,
  now: Date,
): ExplanationsResponse {
  const nowMs = now.getTime();
  const fromMs = londonInstant(query.start);
  const toMs = londonInstant(addLondonDays(query.end, 1));
  const consumer: Consumer = { orgType: query.orgType, odsCode: query.odsCode };
  const scope: SearchScope = {
    schedules: new Map(practice.schedules.map((schedule) => [schedule.id, schedule])),
  };
  const locations = new Map(practice.locations.map((location) => [location.id, location.name]));
  const practitioners = new Map(practice.practitioners.map((p) => [p.id, practitionerName(p)]));

  const slots = store.snapshot(() => {
    const state = {
      practice,
      nowMs,
      bookedByProfile: store.futureBookedSlotsByProfile(practice.odsCode, nowMs),
    };
    return store.slotsWithin(practice.odsCode, fromMs, toMs).flatMap((slot): SlotExplanation[] => {
      const schedule = scope.schedules.get(slot.scheduleId);
      const verdict = slotVerdict(slot, scope, consumer, state);
      // A slot left by a schedule the seed no longer has is not in the practice's diary.
      if (!schedule) return [];
      let reason: SlotReason | undefined;
      if (!verdict.offered) {
        const excluded = verdict.reason;
        if (excluded === 'no-schedule') return [];
        if (excluded === 'other-service') {
          throw new Error('a search without a service cannot exclude a slot for its service');
        }
        reason = excluded;
      }
      const profile = verdict.profile;
      const detail = {
        ...(profile ? { profileId: profile.id, profileDescription: profile.description } : {}),
        ...(!verdict.offered && verdict.visibleFromMs !== undefined
          ? { visibleFrom: londonIso(verdict.visibleFromMs) }
          : {}),
        ...(reason === 'profile-limit' && profile?.maxBookedSlots !== undefined
          ? { limit: profile.maxBookedSlots }
          : {}),
      };
      const practitioner = schedule.practitionerId;
      const practitionerLabel = practitioner === undefined ? undefined : practitioners.get(practitioner);
      return [
        {
          id: slot.id,
          scheduleId: slot.scheduleId,
          start: slot.startText,
          end: slot.endText,
          status: slot.status,
          role: { code: schedule.role, display: SDS_JOB_ROLES[schedule.role].display },
          channel: slot.deliveryChannel,
          locationId: schedule.locationId,
          locationName: locations.get(schedule.locationId) ?? schedule.locationId,
          ...(practitioner === undefined ? {} : { practitionerId: practitioner }),
          ...(practitionerLabel === undefined ? {} : { practitionerName: practitionerLabel }),
          offered: verdict.offered,
          ...(reason === undefined ? {} : { reason }),
          ...(Object.keys(detail).length > 0 ? { detail } : {}),
        },
      ];
    });
  });

  return {
    practice: { odsCode: practice.odsCode, name: practice.name },
    consumer: {
      ...(query.orgType === undefined ? {} : { orgType: query.orgType }),
      ...(query.odsCode === undefined ? {} : { odsCode: query.odsCode }),
    },
    now: londonIso(nowMs),
    slots,
  };
}
