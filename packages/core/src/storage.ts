/**
 * Small versioned JSON helpers over `localStorage` for drafts and recent lookups.
 *
 * Every access is wrapped: merely reading `window.localStorage` throws a SecurityError in a
 * sandboxed iframe or with cookies blocked, and `setItem` throws when the quota is full (Safari
 * private mode used to have a zero quota). A widget must keep working without persistence, so
 * these functions never throw: reads fall back, writes report `false`.
 */

const PREFIX = 'dvc:';

interface Envelope {
  v: number;
  data: unknown;
}

export interface StorageOptions {
  /** Schema version of the stored value. A stored value with another version is ignored. */
  version?: number;
}

function getStorage(): Storage | null {
  try {
    const s = globalThis.localStorage;
    return s ?? null;
  } catch {
    return null;
  }
}

/** Reads `key` (prefixed with `dvc:`); returns `fallback` if missing, blocked, corrupt or of another version. */
export function readJson<T>(key: string, fallback: T, options: StorageOptions = {}): T {
  const storage = getStorage();
  if (!storage) return fallback;
  try {
    const raw = storage.getItem(PREFIX + key);
    if (raw === null) return fallback;
    const parsed = JSON.parse(raw) as Partial<Envelope> | null;
    if (!parsed || typeof parsed !== 'object' || parsed.v !== (options.version ?? 1) || !('data' in parsed)) {
      return fallback;
    }
    return parsed.data as T;
  } catch {
    return fallback;
  }
}

/** Writes `value` as JSON. Returns false when storage is blocked, full, or the value does not serialise. */
export function writeJson(key: string, value: unknown, options: StorageOptions = {}): boolean {
  const storage = getStorage();
  if (!storage) return false;
  try {
    const envelope: Envelope = { v: options.version ?? 1, data: value };
    storage.setItem(PREFIX + key, JSON.stringify(envelope));
    return true;
  } catch {
    return false;
  }
}

/** Removes `key`. Returns false when storage is blocked. */
export function remove(key: string): boolean {
  const storage = getStorage();
  if (!storage) return false;
  try {
    storage.removeItem(PREFIX + key);
    return true;
  } catch {
    return false;
  }
}
