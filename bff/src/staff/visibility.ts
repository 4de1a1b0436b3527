import type { DeliveryChannel, RoleGroup } from '@gpbook/shared/codes';
import type {
  ConsumerVisibility,
  DayCounts,
  SlotCounts,
  VisibilityFailureReason,
  VisibilityQuery,
  VisibilityResponse,
  VisibleSlot,
} from '@gpbook/shared/practice-view';
import {
  addDaysToLondonDate,
  daysBetweenLondonDates,
  londonDateOf,
  londonDateTimeWithOffset,
} from '@gpbook/shared/time';
import type { PracticeDirectory } from '../app/directory.js';
import { bindPractice, type GpConnectCaller } from '../gpconnect/bound-caller.js';
import { searchFreeSlotsAsConsumer } from '../gpconnect/consumer-slot-search.js';
import { Deadline } from '../gpconnect/deadline.js';
import { GpConnectError } from '../gpconnect/errors.js';
import type { FreeSlot } from '../gpconnect/slots.js';
import type { RequestingUser } from '../gpconnect/spine-jwt.js';
import type { AuditTrail } from './audit.js';
import { resolveConsumer, type AppConsumer } from './consumers.js';
import type { StaffIdentity, StaffPracticeRole } from './session-store.js';

export interface PracticeVisibilityOptions {
  client: GpConnectCaller;
  directory: PracticeDirectory;
  /** This app as a consumer (its own ODS code and organisation type). */
  app: AppConsumer;
  audit: AuditTrail;
  /** GPC_TIMEOUT_MS: each consumer's searches (up to four windows, sent together) get twice this in all. */
  timeoutMs: number;
  /** The system of the staff user id in the Spine JWT's requesting_practitioner (`<PUBLIC_URL>/Id/staff-user`). */
  staffUserIdSystem: string;
  now?: () => Date;
}

/**
 * "What would they see?" (issue 14, point 2): the real GP Connect Search for free slots, at any provider, run as
 * each chosen consumer, counted per London day by role, channel and site. The Spine JWT names the member of staff
 * as the requesting practitioner (SDS user id and role profile from their smartcard identity). Every consumer's
 * search is audited, whatever its outcome; a consumer whose search failed is listed with why, never dropped.
 */
export class PracticeVisibility {
  readonly #options: PracticeVisibilityOptions;

  constructor(options: PracticeVisibilityOptions) {
    this.#options = options;
  }

  async visibility(input: {
    staff: StaffIdentity;
    practice: StaffPracticeRole;
    query: VisibilityQuery;
    traceId: string;
  }): Promise<VisibilityResponse> {
    const { staff, practice, query, traceId } = input;
    const { directory, app } = this.#options;
    const now = this.#options.now?.() ?? new Date();
    const entry = directory.get(practice.odsCode);
    const names = (odsCode: string) => directory.get(odsCode)?.name;
    const user: RequestingUser = {
      id: staff.userId,
      family: staff.familyName,
      given: [staff.givenName],
      sdsUserId: staff.sdsUserId,
      sdsRoleProfileId: practice.personRoleId,
      userIdSystem: this.#options.staffUserIdSystem,
    };
    const consumers = await Promise.all(
      query.consumer.map(async (key): Promise<ConsumerVisibility> => {
        const { consumer, searchFilter } = resolveConsumer(key, app, names);
        let result: ConsumerVisibility;
        if (!entry) {
          result = {
            status: 'failed',
            consumer,
            reason: 'error',
            message: 'The practice is not in the directory',
          };
        } else {
          try {
            const caller = bindPractice(this.#options.client, directory.endpoint(entry), {
              user,
              traceId,
              deadline: Deadline.after(this.#options.timeoutMs * 2),
            });
            const slots = await searchFreeSlotsAsConsumer(caller, {
              start: query.start,
              end: query.end,
              searchFilter,
              // Only this app sends the DoS service it was configured with; other consumers are not known to.
              dosServiceId: consumer.kind === 'app' ? entry.dosServiceId : undefined,
            });
            result = visibleTo(consumer, slots, query.start, query.end);
          } catch (error) {
            result = { status: 'failed', consumer, ...failureOf(error) };
          }
        }
        await this.#options.audit.record({
          at: londonDateTimeWithOffset(now),
          staffUserId: staff.userId,
          staffRole: practice.role,
          practice: practice.odsCode,
          consumer: key,
          start: query.start,
          end: query.end,
          traceId,
          outcome: result.status,
          ...(result.status === 'ok' ? { slots: result.totals.total } : {}),
        });
        return result;
      }),
    );
    return {
      practice: { odsCode: practice.odsCode, name: entry?.name ?? practice.name },
      start: query.start,
      end: query.end,
      searchedAt: londonDateTimeWithOffset(now),
      consumers,
    };
  }
}

/** A consumer's answer: the slots as staff see them, counted over the range and per day. */
export function visibleTo(
  consumer: ConsumerVisibility['consumer'],
  free: readonly FreeSlot[],
  start: string,
  end: string,
): ConsumerVisibility {
  const slots = free
    .map(visibleSlotOf)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byDay = new Map<string, VisibleSlot[]>();
  for (const slot of slots) {
    const day = londonDateOf(slot.start);
    byDay.set(day, [...(byDay.get(day) ?? []), slot]);
  }
  const days: DayCounts[] = [];
  for (let offset = 0; offset <= daysBetweenLondonDates(start, end); offset++) {
    const date = addDaysToLondonDate(start, offset);
    days.push({ date, ...countsOf(byDay.get(date) ?? []) });
  }
  return { status: 'ok', consumer, totals: countsOf(slots), days, slots };
}

function visibleSlotOf(free: FreeSlot): VisibleSlot {
  const { slot, booking } = free;
  return {
    id: booking.slotId,
    start: slot.start,
    end: slot.end,
    durationMinutes: slot.durationMinutes,
    role: { group: slot.role.group, display: slot.role.display },
    channel: slot.channel,
    site: { id: booking.locationId, name: slot.location.name },
    ...(slot.practitioner ? { practitioner: slot.practitioner } : {}),
    slotType: slot.slotType,
    ...(slot.scheduleType ? { scheduleType: slot.scheduleType } : {}),
  };
}

/** Counts by role, channel and site: largest first, then by key; no zero rows. */
export function countsOf(slots: readonly VisibleSlot[]): SlotCounts {
  const tally = <K extends string>(keyOf: (slot: VisibleSlot) => K) => {
    const counts = new Map<K, number>();
    for (const slot of slots) counts.set(keyOf(slot), (counts.get(keyOf(slot)) ?? 0) + 1);
    return [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
  };
  const siteNames = new Map(slots.map((slot) => [slot.site.id, slot.site.name]));
  return {
    total: slots.length,
    byRole: tally((slot): RoleGroup => slot.role.group).map(([group, count]) => ({ group, count })),
    byChannel: tally((slot): DeliveryChannel => slot.channel).map(([channel, count]) => ({ channel, count })),
    bySite: tally((slot) => slot.site.id).map(([siteId, count]) => ({
      siteId,
      name: siteNames.get(siteId) ?? siteId,
      count,
    })),
  };
}

/** Why a consumer's search failed, in words staff can act on (never the provider's free text). */
function failureOf(error: unknown): { reason: VisibilityFailureReason; message: string } {
  if (!(error instanceof GpConnectError)) return { reason: 'error', message: 'The search could not be run' };
  const { failure } = error;
  switch (failure.kind) {
    case 'unreachable':
      return failure.cause === 'timeout'
        ? { reason: 'timeout', message: "The practice's system did not answer in time" }
        : { reason: 'unreachable', message: "The practice's system could not be reached" };
    case 'rejected':
      return {
        reason: 'refused',
        message: `The practice's system refused the search (${failure.status}${failure.spineCode ? ` ${failure.spineCode}` : ''})`,
      };
    case 'server_error':
      return {
        reason: 'error',
        message: `The practice's system failed (${failure.status}${failure.spineCode ? ` ${failure.spineCode}` : ''})`,
      };
    case 'invalid_response':
      return { reason: 'error', message: "The practice's system sent an answer we could not read" };
  }
}
