import type { Slot } from '@gpbook/shared/slots';
import { channelPhrase, whenText } from '../../lib/describe';
import { whoText } from '../../lib/describe-details';

/** "Tuesday 3 March 2026 at 9:30am, Dr Amina Shah (GP), in person". */
export function slotSummaryText(slot: Slot): string {
  return `${whenText(slot.start)}, ${whoText(slot.practitioner, slot.role)}, ${channelPhrase[slot.channel]}`;
}
