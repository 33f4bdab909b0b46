// Helpers shared by core's tests (not a test file itself).
import type { DvcError } from '../src/errors.js';
import type { OutboxItem, OutboxStorage } from '../src/outbox.js';

/** The error `promise` rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<DvcError> {
  try {
    await promise;
  } catch (e) {
    return e as DvcError;
  }
  throw new Error('expected a rejection');
}

/** Outbox storage in memory, copying items in and out as IndexedDB would. */
export class MemoryStorage implements OutboxStorage {
  map = new Map<string, OutboxItem>();
  async all() {
    return [...this.map.values()].map((i) => ({ ...i }));
  }
  async put(item: OutboxItem) {
    this.map.set(item.id, { ...item });
  }
  async delete(id: string) {
    this.map.delete(id);
  }
  async clear() {
    this.map.clear();
  }
}

/** Records console.error calls (the client's one message per misconfigured API base). */
export function captureConsoleError() {
  const logged: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => logged.push(args.map(String).join(' '));
  return { logged, restore: () => (console.error = original) };
}
