import { setClock } from '@dvc-widgets/core';

/**
 * Pins the widgets' clock (core `now()`) to `iso` for the `describe` it is called in: the clock
 * starts there and ticks in real time, so timeouts and countdowns still run. For unit tests whose
 * expectations are written for a calendar (a month with room for PageDown, a week without a
 * holiday); behaviour on other days is tested by pinning those days too, and the e2e tests run on
 * whatever day the runner's clock says (DVC_TEST_NOW).
 */
export function pinClock(iso: string): void {
  let restore: (() => void) | undefined;
  before(() => {
    const offset = Date.parse(iso) - Date.now();
    if (!Number.isFinite(offset)) throw new Error(`pinClock: not an instant: ${iso}`);
    restore = setClock(() => Date.now() + offset);
  });
  after(() => restore?.());
}
