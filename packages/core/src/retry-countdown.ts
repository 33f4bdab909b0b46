import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { now } from './clock.js';
import { RateLimitedError } from './errors.js';

export interface RetryCountdownOptions {
  /**
   * Called once when a countdown reaches zero (not when `stop()` ends it), e.g. to announce that
   * the citizen may try again: announced once at the end, never every second (a ticking live
   * region drowns out everything else).
   */
  onEnd?: () => void;
}

/**
 * The wait a server asked for with `Retry-After` (a `RateLimitedError`), as a reactive
 * controller: `start(error)` when a request fails, then render `remaining` ("thử lại sau 29 giây")
 * and keep the retry action inert while `active`.
 *
 * ```ts
 * private readonly countdown = new RetryCountdownController(this, { onEnd: () => this.announce(…) });
 * onError: (e) => this.countdown.start(e),
 * html`${this.countdown.active ? this.l.t('core:status.retryIn', { count: this.countdown.remaining }) : nothing}`
 * ```
 *
 * - The deadline is an instant on core's clock (`now()`), so a pinned clock pins it too, and
 *   `remaining` is right at any moment, not only on a tick.
 * - It ticks (one host update per second, on the second) only while counting, and not while the
 *   host is out of the page; a host that comes back mid-wait picks the countdown up where the
 *   clock says it is, and one that comes back after the deadline ends it then.
 */
export class RetryCountdownController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly options: RetryCountdownOptions;
  /** Epoch ms after which the retry is allowed; 0 when not counting. */
  private deadline = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private connected = false;

  constructor(host: ReactiveControllerHost, options: RetryCountdownOptions = {}) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  /**
   * Starts counting down from a `RateLimitedError`'s `retryAfter` (seconds, rounded up) and
   * returns true. Any other error, or a rate limit without a usable `Retry-After`, stops a
   * running countdown and returns false: the retry is allowed at once.
   */
  start(error: unknown): boolean {
    const seconds = error instanceof RateLimitedError ? error.retryAfter : undefined;
    if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) {
      this.stop();
      return false;
    }
    this.deadline = now() + Math.ceil(seconds) * 1000;
    this.host.requestUpdate();
    this.schedule();
    return true;
  }

  /** Ends the countdown now (no `onEnd`). */
  stop(): void {
    this.clearTimer();
    if (this.deadline === 0) return;
    this.deadline = 0;
    this.host.requestUpdate();
  }

  /** Whole seconds left (rounded up); 0 when not counting. */
  get remaining(): number {
    if (this.deadline === 0) return 0;
    return Math.max(0, Math.ceil((this.deadline - now()) / 1000));
  }

  /** True while the server's wait is not over. */
  get active(): boolean {
    return this.remaining > 0;
  }

  hostConnected(): void {
    this.connected = true;
    if (this.deadline !== 0) this.schedule();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.clearTimer();
  }

  /** The next tick, on the next whole second of the deadline (so the number shown changes then). */
  private schedule(): void {
    this.clearTimer();
    if (!this.connected) return;
    const left = this.deadline - now();
    if (left <= 0) {
      this.finish();
      return;
    }
    const untilNextSecond = left % 1000 || 1000;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.host.requestUpdate();
      this.schedule();
    }, untilNextSecond);
  }

  private finish(): void {
    this.deadline = 0;
    this.host.requestUpdate();
    this.options.onEnd?.();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
