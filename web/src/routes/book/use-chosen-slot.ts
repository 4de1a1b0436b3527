import type { Slot } from '@gpbook/shared/slots';
import { useBookingDraft } from '../../features/booking/components/booking-draft-context';
import { slotWindow, type BookingChoices } from '../../features/booking/lib/booking-steps';
import { useLondonToday } from '../../features/session/london-today';
import { useSlots } from '../../features/slots/api/get-slots';

export type ChosenSlot =
  | { status: 'found'; slot: Slot }
  | { status: 'loading' }
  | { status: 'gone' }
  | { status: 'error'; error: unknown };

/**
 * The slot the patient chose: from the draft, or (after a reload) from the same search again. 'gone' means it
 * is no longer free.
 */
export function useChosenSlot(choices: BookingChoices): ChosenSlot {
  const { draft } = useBookingDraft();
  const fromDraft = draft.slot !== undefined && draft.slot.id === choices.slot ? draft.slot : undefined;
  const range = slotWindow(choices.from, useLondonToday());
  const slots = useSlots(
    fromDraft || !choices.practice || !choices.slot
      ? undefined
      : {
          practice: choices.practice,
          from: range.from,
          to: range.to,
          role: choices.role,
          channel: choices.channel,
        },
  );
  if (fromDraft) return { status: 'found', slot: fromDraft };
  if (!choices.slot) return { status: 'gone' };
  if (slots.isError) return { status: 'error', error: slots.error };
  if (!slots.data) return { status: 'loading' };
  const slot = slots.data.days.flatMap((day) => day.slots).find((candidate) => candidate.id === choices.slot);
  return slot ? { status: 'found', slot } : { status: 'gone' };
}
