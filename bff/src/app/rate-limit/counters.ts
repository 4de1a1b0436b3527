import type { Redis } from 'ioredis';

/** Fixed-window request counters: how many hits a key has had in the current window. */
export interface RateCounters {
  /** Counts one hit and returns the total in the window and when the window ends (epoch ms). */
  hit(key: string, windowMs: number): Promise<{ count: number; resetAt: number }>;
  close(): Promise<void>;
}

/** Counters for one process (the demo, and tests). */
export class MemoryRateCounters implements RateCounters {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    // Forget finished windows now and then, so the map cannot grow without bound.
    this.sweeper = setInterval(() => {
      const time = this.now();
      for (const [key, window] of this.windows) if (window.resetAt <= time) this.windows.delete(key);
    }, 60_000);
    this.sweeper.unref();
  }

  async hit(key: string, windowMs: number) {
    const time = this.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= time) {
      window = { count: 0, resetAt: time + windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return { count: window.count, resetAt: window.resetAt };
  }

  async close() {
    clearInterval(this.sweeper);
  }
}

/** Counters shared by every BFF instance, in Redis: one key per window with its expiry. */
export class RedisRateCounters implements RateCounters {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async hit(key: string, windowMs: number) {
    const redisKey = `${this.prefix}rl:${key}`;
    // INCR and PEXPIRE NX in one round trip: the first hit of a window sets its end, later ones keep it.
    const results = await this.redis
      .multi()
      .incr(redisKey)
      .pexpire(redisKey, windowMs, 'NX')
      .pttl(redisKey)
      .exec();
    const count = Number(results?.[0]?.[1] ?? 1);
    const ttl = Number(results?.[2]?.[1] ?? windowMs);
    return { count, resetAt: Date.now() + (ttl > 0 ? ttl : windowMs) };
  }

  async close() {
    await this.redis.quit();
  }
}
