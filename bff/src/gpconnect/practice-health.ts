import type { GpConnectCall, GpConnectResponse } from './client.js';
import { GpConnectError } from './errors.js';
import { unavailableCauseOf, type UnavailableCause } from './outcomes.js';
import type { GpConnectCaller } from './bound-caller.js';

/** How a practice's GP Connect endpoint answered the last time we called it. */
export interface PracticeSeen {
  /** `up`: it answered (even a refusal is an answer); `down`: no usable answer (timeout, unreachable, 5xx). */
  status: 'up' | 'down';
  /** When (epoch ms). */
  at: number;
  reason?: UnavailableCause;
}

/**
 * Remembers, per practice, how its system answered the last GP Connect call made to it, by watching the calls
 * patients' requests make (no probing of its own): what readiness reports as each service root "as last seen".
 */
export class PracticeHealth {
  private readonly seen = new Map<string, PracticeSeen>();

  constructor(private readonly clock: () => number = Date.now) {}

  /** `client`, with each call's outcome recorded against the practice it went to. */
  observe(client: GpConnectCaller): GpConnectCaller {
    return {
      call: async <T>(call: GpConnectCall<T>): Promise<GpConnectResponse<T>> => {
        try {
          const response = await client.call(call);
          this.record(call.endpoint.odsCode, undefined);
          return response;
        } catch (error) {
          if (error instanceof GpConnectError) this.record(call.endpoint.odsCode, unavailableCauseOf(error));
          throw error;
        }
      },
    };
  }

  lastSeen(odsCode: string): PracticeSeen | undefined {
    return this.seen.get(odsCode);
  }

  private record(odsCode: string, down: UnavailableCause | undefined): void {
    this.seen.set(
      odsCode,
      down ? { status: 'down', at: this.clock(), reason: down } : { status: 'up', at: this.clock() },
    );
  }
}
