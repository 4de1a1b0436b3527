import type { Slot } from '@gpbook/shared/slots';
import { createContext, useContext } from 'react';

/**
 * What the patient has typed or picked that must not go in the address: the reason, extra information, a phone
 * number, and the chosen slot's details (so later pages can show it without asking the practice again).
 * Kept in memory only, for one journey.
 */
export interface BookingDraft {
  slot?: Slot | undefined;
  description: string;
  comment: string;
  phone: string;
}

export interface BookingDraftStore {
  draft: BookingDraft;
  update: (change: Partial<BookingDraft>) => void;
  reset: () => void;
}

export const emptyDraft: BookingDraft = { description: '', comment: '', phone: '' };

export const BookingDraftContext = createContext<BookingDraftStore | null>(null);

export function useBookingDraft(): BookingDraftStore {
  const store = useContext(BookingDraftContext);
  if (!store) throw new Error('useBookingDraft is used outside a BookingDraftProvider');
  return store;
}
