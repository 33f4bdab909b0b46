/**
 * Sliding-window rate limiter, in memory, per key (client IP + bucket).
 *
 * Why not hono-rate-limiter: its memory store counts in fixed windows, so a client can spend a
 * whole window's allowance at the end of one window and again at the start of the next — twice
 * the limit within seconds, which is exactly the burst an enumeration of dossier or booking
 * codes needs. A sliding log keeps the limit true over every window-length interval, reports the
 * precise `Retry-After`, and is a few lines. Memory is bounded: each key keeps at most `limit`
 * timestamps and idle keys are swept.
 */
export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the next request would be accepted (0 when allowed). */
  retryAfter: number;
  remaining: number;
}

export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  hit(key: string): RateLimitResult {
    const now = this.clock();
    this.sweep(now);
    const since = now - this.windowMs;
    const log = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (log.length >= this.limit) {
      this.hits.set(key, log);
      const oldest = log[0]!;
      return { allowed: false, retryAfter: Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)), remaining: 0 };
    }
    log.push(now);
    this.hits.set(key, log);
    return { allowed: true, retryAfter: 0, remaining: this.limit - log.length };
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    const since = now - this.windowMs;
    for (const [key, log] of this.hits) {
      if (!log.length || log[log.length - 1]! <= since) this.hits.delete(key);
    }
  }
}
