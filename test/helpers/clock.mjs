// The test clock. `DVC_TEST_NOW=2026-12-05T09:00:00+07:00 npm test` runs the whole suite as if it
// were that instant: the reference server the e2e tests use (`now`), the browser pages (core's
// clock, `setClock`) and the demo pages driven from node all read it, and it keeps ticking from
// there in real time (timeouts, rate-limit windows and countdowns still work). Without it, the
// real clock: tests must pass on any day, and `npm run test:dates` runs them on a few fixed ones.

const raw = process.env.DVC_TEST_NOW?.trim();
const pinned = raw ? Date.parse(raw) : NaN;
if (raw && !Number.isFinite(pinned)) {
  throw new Error(`DVC_TEST_NOW must be an ISO instant such as 2026-12-05T09:00:00+07:00 (got "${raw}")`);
}
/** Milliseconds to add to the real clock; 0 when the clock is not pinned. */
export const clockOffsetMs = raw ? pinned - Date.now() : 0;

/** The test clock, for `startServer({ now })` and anything else on the node side. */
export const testNow = () => new Date(Date.now() + clockOffsetMs);

/**
 * A classic script (runs before any module) that moves every page's widget clock by the same
 * offset; the global is the one core's `clock.ts` reads. Empty when the clock is not pinned.
 */
export const clockScript = () =>
  clockOffsetMs
    ? `<script>globalThis[Symbol.for('dvc-widgets.clock')] = () => Date.now() + ${clockOffsetMs};</script>`
    : '';
