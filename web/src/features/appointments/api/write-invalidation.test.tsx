import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../../app/query-client';
import { apiError, stubApi } from '../../../test/api-stub';
import { makeSlotsResponse } from '../../../test/builders';
import { useBookAppointment } from './book-appointment';
import { useRescheduleAppointment } from './reschedule-appointment';

const slotsKey = ['slots', { practice: 'Y90001', from: '2026-03-03', to: '2026-03-16' }];
/** A valid request to book, or to move to, one slot (both requests take this shape). */
const request = { slotIds: ['slot-1'], description: 'Sore knee' };

/** A query client holding a slot list, and a wrapper that provides it. */
function withSlotList() {
  const queryClient = createQueryClient({ retry: false });
  queryClient.setQueryData(slotsKey, makeSlotsResponse([]));
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  return { queryClient, wrapper };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the free times held after a booking or a move fails', () => {
  it.each([
    ['slot_taken', 409, 'dropped'],
    ['slot_unavailable', 409, 'dropped'],
    ['outcome_unknown', 504, 'asked again'],
    ['practice_timeout', 504, 'kept'],
  ] as const)('after %s: %s', async (code, status, outcome) => {
    stubApi({
      'POST /api/appointments': apiError(status, code),
      'POST /api/appointments/a1/reschedule': apiError(status, code),
    });
    /** What the test uses of each write's mutation. */
    interface Write {
      mutateAsync: (body: typeof request) => Promise<unknown>;
      isError: boolean;
    }
    const writes: Array<() => Write> = [useBookAppointment, () => useRescheduleAppointment('a1')];
    for (const useWrite of writes) {
      const { queryClient, wrapper } = withSlotList();
      const { result } = renderHook(useWrite, { wrapper });
      await act(async () => {
        await result.current.mutateAsync(request).catch(() => undefined);
      });
      await waitFor(() => expect(result.current.isError).toBe(true));
      const state = queryClient.getQueryState(slotsKey);
      // Dropped: no longer held at all, so nothing shows the taken time. Asked again: held until the new answer.
      const held = state?.data === undefined ? 'dropped' : state.isInvalidated ? 'asked again' : 'kept';
      expect(held).toBe(outcome);
    }
  });
});
