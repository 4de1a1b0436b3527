/**
 * The time a patient request may spend on GP Connect, shared by every call it makes (retries and read-backs
 * included): a slow practice costs the patient one budget, never one per call.
 */
export class Deadline {
  private constructor(
    /** Epoch milliseconds. */
    readonly at: number,
    private readonly clock: () => number,
  ) {}

  static after(ms: number, clock: () => number = Date.now): Deadline {
    return new Deadline(clock() + ms, clock);
  }

  /** Milliseconds left, never below zero. */
  remainingMs(): number {
    return Math.max(0, this.at - this.clock());
  }

  /** This deadline, or `ms` from now if that is later: a read-back after a write always gets some time. */
  atLeast(ms: number): Deadline {
    const floor = this.clock() + ms;
    return floor > this.at ? new Deadline(floor, this.clock) : this;
  }
}
