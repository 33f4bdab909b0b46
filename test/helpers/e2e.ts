// For browser tests against the real reference server (proxied by the test runner at /api; see
// test/helpers/api-server.mjs). The server starts on demand with a fresh in-memory database, which
// takes seconds on a busy machine: call `useRealApi()` at the top of an e2e `describe`.

/** Same-origin base of the real API in browser tests: `<dvc-x api-base=${API_BASE}>`. */
export const API_BASE = '/api';

/** Resolves once the reference server answers through the proxy; throws its reason otherwise. */
export async function waitForApi(): Promise<void> {
  const res = await fetch(`${API_BASE}/v1/fields`, { cache: 'no-store' });
  if (!res.ok) {
    throw new Error(`The reference server is not reachable at ${API_BASE}: ${res.status} ${await res.text()}`);
  }
}

/** Registers a `before` hook that waits (up to `timeoutMs`) for the reference server. */
export function useRealApi(timeoutMs = 180_000): void {
  before(async function () {
    this.timeout(timeoutMs);
    await waitForApi();
  });
}
