import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bindPractice, type PracticeCall } from './bound-caller.js';
import { Deadline } from './deadline.js';
import { context, endpoint, FakeGpConnect } from './test-support/fake-gp-connect.js';

describe('bindPractice', () => {
  const request: PracticeCall<unknown> = {
    interaction: 'appointmentRead',
    method: 'GET',
    path: '/Appointment/1',
    schema: z.unknown(),
  };

  it("sends each call to the practice's endpoint with the context's user, trace id and deadline", async () => {
    const fake = new FakeGpConnect(() => ({ body: {} }));
    const deadline = Deadline.after(1_000);
    const caller = bindPractice(fake, endpoint, { ...context, deadline });
    expect(caller.endpoint).toBe(endpoint);
    await caller.call(request);
    expect(fake.calls).toEqual([
      { ...request, endpoint, user: context.user, traceId: context.traceId, deadline },
    ]);
  });

  it('derives a caller with another deadline and leaves the first as it was', async () => {
    const fake = new FakeGpConnect(() => ({ body: {} }));
    const first = Deadline.after(1_000);
    const second = Deadline.after(5_000);
    const caller = bindPractice(fake, endpoint, { ...context, deadline: first });
    const other = caller.withDeadline(second);
    expect(other.endpoint).toBe(endpoint);
    await other.call(request);
    await caller.call(request);
    expect(fake.calls.map((call) => [call.deadline, call.user, call.traceId])).toEqual([
      [second, context.user, context.traceId],
      [first, context.user, context.traceId],
    ]);
  });
});
