/**
 * The widgets' clock. Everything that decides what "today" is (the booking window, the survey's
 * periods, the calendar's "today", countdowns) reads `now()` instead of `Date.now()`, so tests,
 * Storybook and demos can pin a date and the widgets behave the same on any day of the year.
 *
 * The clock is kept on a global symbol rather than in this module: a page may hold two copies of
 * core (two bundles, or a test page whose modules load under two URLs), and they must agree.
 * `const restore = setClock(() => Date.parse('2026-12-05T09:00:00+07:00'))` pins it; `restore()`
 * puts back the clock that was there before (`setClock(null)`: the real one).
 */
const CLOCK = Symbol.for('dvc-widgets.clock');
type Clock = () => number;
type ClockHolder = { [CLOCK]?: Clock };

/** Milliseconds since the epoch, as the page's clock says (the real one unless pinned). */
export function now(): number {
  const pinned = (globalThis as ClockHolder)[CLOCK];
  return typeof pinned === 'function' ? pinned() : Date.now();
}

/**
 * Replaces the clock every widget on the page reads (`null`: the real one). Returns a function
 * that puts back the clock that was there before.
 */
export function setClock(clock: Clock | null): () => void {
  const holder = globalThis as ClockHolder;
  const previous = holder[CLOCK];
  const put = (c: Clock | undefined) => {
    if (c) holder[CLOCK] = c;
    else delete holder[CLOCK];
  };
  put(clock ?? undefined);
  return () => put(previous);
}
