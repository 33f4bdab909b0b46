// Simulated connectivity for widget tests. Browsers only trust `navigator.onLine === false`
// (true can be wrong), and the widgets react to the `online`/`offline` events, so both change.

const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;
let overridden = false;

/**
 * `setOffline(true)`: `navigator.onLine` reads `false` and `offline` fires on `window`.
 * `setOffline(false)`: the real value is back and `online` fires. Call `setOffline(false)` in
 * `afterEach` so one test's network state never leaks into the next.
 */
export function setOffline(offline: boolean): void {
  if (offline) {
    Object.defineProperty(Navigator.prototype, 'onLine', { configurable: true, get: () => false });
    overridden = true;
    window.dispatchEvent(new Event('offline'));
  } else {
    const wasOverridden = overridden;
    Object.defineProperty(Navigator.prototype, 'onLine', original);
    overridden = false;
    if (wasOverridden) window.dispatchEvent(new Event('online'));
  }
}

/** Runs `fn` offline and restores the connection afterwards, even when `fn` throws. */
export async function whileOffline<T>(fn: () => T | Promise<T>): Promise<T> {
  setOffline(true);
  try {
    return await fn();
  } finally {
    setOffline(false);
  }
}
