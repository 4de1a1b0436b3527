import {
  explanationReasons,
  type AccessProfileRule,
  type Consumer,
  type ExplanationReason,
} from '@gpbook/shared/practice-view';
import { describe, expect, it } from 'vitest';
import { reasonHelp, reasonTag, type ReasonHelpContext } from './reason-help';

const nhs111: Consumer = {
  key: 'org:urgent-care',
  kind: 'org',
  orgType: 'urgent-care',
  label: 'Urgent care (such as NHS 111)',
};
const gpOnly: AccessProfileRule = {
  id: 'gp-only',
  description: 'GP practices only',
  orgTypes: ['gp-practice'],
  odsCodes: [],
  embargoMinutes: 20160,
  bookingWindowDays: 14,
  maxBookedSlots: 3,
};
const context: ReasonHelpContext = {
  consumer: nhs111,
  rules: { openAccess: { embargoMinutes: 30, bookingWindowDays: 28 }, accessProfiles: [gpOnly] },
  canChangeRules: true,
};
const underProfile = { detail: { profileId: 'gp-only', profileDescription: 'GP practices only' } };

/** What each reason's help must say: its meaning here and, where a setting decides it, which one to change. */
const expected: Record<ExplanationReason, { slot: Parameters<typeof reasonHelp>[1]; says: string[] }> = {
  booked: { slot: {}, says: ['already booked', 'nothing to change'] },
  'not-bookable': {
    slot: {},
    says: ['not bookable online', '‘Bookable online’ to yes', 'in Change the rules'],
  },
  'not-categorised': {
    slot: {},
    says: [
      'no practitioner role or no delivery channel',
      'practitioner role and the session’s delivery channel',
    ],
  },
  started: { slot: {}, says: ['already started', 'nothing to change'] },
  'beyond-window': {
    slot: { detail: { ...underProfile.detail, visibleFrom: '2026-12-15T09:00:00+00:00' } },
    says: [
      'The booking window of the access profile ‘GP practices only’ offers slots up to 14 days ahead.',
      'offered from 9am on Tuesday 15 December 2026',
      'lengthen the booking window in Change the rules',
    ],
  },
  embargoed: {
    slot: underProfile,
    says: [
      'The access profile ‘GP practices only’ hides slots starting within 14 days.',
      'To offer them, shorten the embargo in Change the rules.',
    ],
  },
  restricted: {
    slot: underProfile,
    says: [
      'Slots under the access profile ‘GP practices only’ are offered only to GP practices.',
      'NHS 111 (urgent care) searches as urgent care (such as NHS 111), so it is not offered them.',
      'tick ‘Urgent care (such as NHS 111)’ in the access profile’s organisation types',
      'in Change the rules',
    ],
  },
  'profile-limit': {
    slot: { detail: { ...underProfile.detail, limit: 3 } },
    says: ['may hold 3 booked slots at once', 'raise the limit of slots in Change the rules'],
  },
};

describe('help for each reason a slot is not offered', () => {
  it.each(explanationReasons)('%s: says what it means and which setting to change', (reason) => {
    const help = reasonHelp(reason, expected[reason].slot, context);
    expect(help.title).toBe(reasonTag[reason]);
    for (const words of expected[reason].says) expect(help.text.toLowerCase()).toContain(words.toLowerCase());
  });

  it('names the open-access terms when no access profile decided', () => {
    expect(reasonHelp('embargoed', {}, context).text).toBe(
      'The practice’s open-access terms hide slots starting within 30 minutes. To offer them, shorten the embargo in Change the rules.',
    );
  });

  it('sends a member of staff who cannot change the rules to the practice manager', () => {
    expect(reasonHelp('embargoed', underProfile, { ...context, canChangeRules: false }).text).toContain(
      'in Change the rules (ask your practice manager)',
    );
  });

  it('leaves numbers out when the rules could not be read', () => {
    expect(reasonHelp('embargoed', underProfile, { ...context, rules: undefined }).text).toBe(
      'The access profile ‘GP practices only’ hides slots starting too soon. To offer them, shorten the embargo in Change the rules.',
    );
  });
});
