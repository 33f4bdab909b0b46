import { createStore, type UseStore } from 'idb-keyval';

/**
 * An idb-keyval store opened on first use, or `null` where IndexedDB is missing or refused
 * (private modes, sandboxed iframes): callers then fall back to memory instead of failing.
 */
export function openStore(dbName: string, storeName: string): UseStore | null {
  try {
    return typeof indexedDB === 'undefined' ? null : createStore(dbName, storeName);
  } catch {
    return null;
  }
}
