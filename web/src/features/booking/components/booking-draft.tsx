import { useMemo, useState, type ReactNode } from 'react';
import {
  BookingDraftContext,
  emptyDraft,
  type BookingDraft,
  type BookingDraftStore,
} from './booking-draft-context';

/** Holds one booking (or rescheduling) journey's draft while the patient moves between its pages. */
export function BookingDraftProvider({
  children,
  initial,
}: {
  children: ReactNode;
  initial?: Partial<BookingDraft>;
}) {
  const [draft, setDraft] = useState<BookingDraft>({ ...emptyDraft, ...initial });
  const store = useMemo<BookingDraftStore>(
    () => ({
      draft,
      update: (change) => setDraft((current) => ({ ...current, ...change })),
      reset: () => setDraft(emptyDraft),
    }),
    [draft],
  );
  return <BookingDraftContext.Provider value={store}>{children}</BookingDraftContext.Provider>;
}
