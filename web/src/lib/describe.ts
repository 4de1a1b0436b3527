import {
  roleGroupDisplay,
  type DeliveryChannel,
  type PractitionerRole,
  type RoleGroup,
} from '@gpbook/shared/codes';
import { formatLondonLocalDate, formatLondonLocalTime } from '@gpbook/shared/time';

// The words the first page (the appointment list) uses; the rest are in describe-details.ts, so they are fetched
// with the pages that use them (decision 0080).

/** How the appointment happens, as it reads inside a sentence: "in person", "by phone", "video call". */
export const channelPhrase: Record<DeliveryChannel, string> = {
  'in-person': 'in person',
  telephone: 'by phone',
  video: 'video call',
};

/** "Tuesday 3 March 2026 at 9:30am": a slot's or an appointment's start (London local time with its offset). */
export function whenText(start: string): string {
  return `${formatLondonLocalDate(start)} at ${formatLondonLocalTime(start)}`;
}

/**
 * The words for each role group, as patients choose and read them: the contract's, but for the phlebotomist, whose
 * job title is jargon to a patient, where what the appointment is for comes first. The contract keeps the job title
 * first ("Phlebotomist (blood tests)"): practice staff (the practice view) and the BFF's role names read it that way.
 */
export const roleGroupText: Record<RoleGroup, string> = {
  ...roleGroupDisplay,
  phlebotomist: 'Blood test (phlebotomist)',
};

/**
 * What to show for a role: the group's words for the named groups; for 'mental-health' and 'other', the practice's
 * own job title when it sent one (the contract's `display`), as the group alone says too little.
 */
export function roleText(role: PractitionerRole): string {
  return role.group === 'mental-health' || role.group === 'other' ? role.display : roleGroupText[role.group];
}

/** "GP appointment" / "Nurse appointment" / "Blood test appointment", to start a heading or a line. */
export function appointmentKind(role: PractitionerRole): string {
  return role.group === 'phlebotomist' ? 'Blood test appointment' : `${roleText(role)} appointment`;
}
