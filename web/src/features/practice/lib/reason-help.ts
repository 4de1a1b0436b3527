import type {
  AccessProfileRule,
  Consumer,
  ExplanationReason,
  OpenAccessRule,
  OrganisationType,
  SlotExplanation,
} from '@gpbook/shared/practice-view';
import { organisationTypeDisplay } from '@gpbook/shared/practice-view';
import { formatLondonDate, formatLondonTime } from '@gpbook/shared/time';
import { consumerName } from './difference';
import { daysWords, durationWords } from './words';

/** The short words on a slot's tag: why it is not offered. */
export const reasonTag: Record<ExplanationReason, string> = {
  booked: 'Booked',
  'not-bookable': 'Not bookable online',
  'not-categorised': 'No role or channel',
  started: 'Already started',
  'beyond-window': 'Too far ahead',
  embargoed: 'Embargoed',
  restricted: 'Restricted',
  'profile-limit': 'Limit reached',
};

/** What the help may draw on besides the slot: the practice's rules (when the provider gives them) and who asked. */
export interface ReasonHelpContext {
  consumer: Consumer;
  /** The practice's rules, to name the numbers (embargo, window, limit); absent when they could not be read. */
  rules?: { openAccess: OpenAccessRule; accessProfiles: readonly AccessProfileRule[] } | undefined;
  /** Whether the member of staff may change the rules (a practice manager); else a manager is asked to. */
  canChangeRules: boolean;
}

export interface ReasonHelp {
  /** The reason's tag words. */
  title: string;
  /** What it means here, and which setting to change (in Change the rules) to offer such slots. */
  text: string;
}

/** An organisation type inside a sentence. */
const orgTypeWords: Record<OrganisationType, string> = {
  'gp-practice': 'GP practices',
  'urgent-care': 'urgent care (such as NHS 111)',
};

function joinAnd(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
}

/** Who an access profile lets in, in words: "urgent care (such as NHS 111) and the organisation Y90100". */
function profileAudience(profile: AccessProfileRule): string {
  return joinAnd([
    ...profile.orgTypes.map((type) => orgTypeWords[type]),
    ...profile.odsCodes.map((code) => `the organisation ${code}`),
  ]);
}

/** How a consumer identifies itself in a search, and what a profile would need to let it in. */
function consumerIdentity(consumer: Consumer): { searchesAs: string; toAdd: string } {
  if (consumer.orgType)
    return {
      searchesAs: consumer.orgType === 'gp-practice' ? 'a GP practice' : orgTypeWords[consumer.orgType],
      toAdd: `tick ‘${organisationTypeDisplay[consumer.orgType]}’ in the access profile’s organisation types`,
    };
  if (consumer.odsCode)
    return {
      searchesAs: `the organisation ${consumer.odsCode}`,
      toAdd: `add ${consumer.odsCode} to the access profile’s ODS codes`,
    };
  return { searchesAs: 'no organisation type or ODS code', toAdd: 'take the access profile off' };
}

/**
 * Plain-English help for why a slot is not offered to the consumer: what the reason means at this practice and
 * which setting in Change the rules offers such slots. Every reason code the provider gives has one.
 */
export function reasonHelp(
  reason: ExplanationReason,
  slot: Pick<SlotExplanation, 'detail'>,
  context: ReasonHelpContext,
): ReasonHelp {
  const title = reasonTag[reason];
  const where = context.canChangeRules
    ? 'in Change the rules'
    : 'in Change the rules (ask your practice manager)';
  const profile = context.rules?.accessProfiles.find((candidate) => candidate.id === slot.detail?.profileId);
  const profileName = slot.detail?.profileDescription ?? profile?.description;
  const terms = profileName ? `the access profile ‘${profileName}’` : 'the practice’s open-access terms';
  const name = consumerName(context.consumer);
  switch (reason) {
    case 'booked':
      return {
        title,
        text: 'A patient is already booked into this slot. There is nothing to change: it is offered again if the appointment is cancelled.',
      };
    case 'not-bookable':
      return {
        title,
        text: `The session or its schedule is marked as not bookable online, so no booking service is offered it. To offer it, set ‘Bookable online’ to yes for the schedule and for the session ${where}.`,
      };
    case 'not-categorised':
      return {
        title,
        text: `The slot has no practitioner role or no delivery channel, and a slot needs both to be offered. To offer it, choose the schedule’s practitioner role and the session’s delivery channel ${where}.`,
      };
    case 'started':
      return {
        title,
        text: 'The slot starts now or has already started, so it is no longer offered. There is nothing to change.',
      };
    case 'beyond-window': {
      const days = profileName ? profile?.bookingWindowDays : context.rules?.openAccess.bookingWindowDays;
      const limit =
        days !== undefined
          ? ` offers slots up to ${daysWords(days)} ahead`
          : ' limits how far ahead slots are offered';
      const from = slot.detail?.visibleFrom
        ? ` This slot will be offered from ${formatLondonTime(slot.detail.visibleFrom)} on ${formatLondonDate(slot.detail.visibleFrom)}.`
        : '';
      return {
        title,
        text: `The booking window of ${terms}${limit}.${from} To offer slots further ahead, lengthen the booking window ${where}.`,
      };
    }
    case 'embargoed': {
      const minutes = profileName ? profile?.embargoMinutes : context.rules?.openAccess.embargoMinutes;
      const within = minutes !== undefined ? `within ${durationWords(minutes)}` : 'too soon';
      return {
        title,
        text: `${terms.charAt(0).toUpperCase()}${terms.slice(1)} ${profileName ? 'hides' : 'hide'} slots starting ${within}. To offer them, shorten the embargo ${where}.`,
      };
    }
    case 'restricted': {
      const audience = profile ? profileAudience(profile) : '';
      const identity = consumerIdentity(context.consumer);
      const kept = profileName
        ? `Slots under ${terms} are offered only to ${audience || 'the organisations it names'}`
        : 'The slot’s access profiles do not let this booking service in';
      return {
        title,
        text: `${kept}. ${name} searches as ${identity.searchesAs}, so it is not offered them. To offer them, ${identity.toAdd}, or take the profile off the schedule or session, ${where}.`,
      };
    }
    case 'profile-limit': {
      const limit = slot.detail?.limit ?? profile?.maxBookedSlots;
      const held =
        limit !== undefined
          ? `may hold ${limit} booked ${limit === 1 ? 'slot' : 'slots'} at once`
          : 'may hold only so many booked slots at once';
      return {
        title,
        text: `Booking services using ${terms} ${held}, and already hold that many. To offer more, raise the limit of slots ${where}, or wait until one of those appointments has passed or is cancelled.`,
      };
    }
  }
}
