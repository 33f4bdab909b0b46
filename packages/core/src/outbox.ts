/**
 * A durable queue of POSTs to send later: a rating given on a train, a booking cancelled in a
 * basement. Items live in IndexedDB (idb-keyval custom store), so they survive a reload; each
 * keeps its Idempotency-Key, so sending one twice (two tabs, a lost answer) never creates two
 * records on the server.
 *
 * `flush()` sends items oldest first. Success removes an item and fires `delivered`; a
 * permanent refusal (4xx other than 408/425/429) removes it and fires `rejected` with the error
 * (the citizen must be told); anything transient keeps it with `attempts + 1` and stops the
 * flush, because the next items would fail the same way and order matters.
 */
import type { EndpointName } from '@dvc-widgets/contract';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { clear, del, set, values, type UseStore } from 'idb-keyval';
import { openStore } from './idb.js';
import { getApiClient, newIdempotencyKey, type ApiClient } from './api-client.js';
import { ApiError, DvcError, RateLimitedError, toDvcError } from './errors.js';

export interface OutboxItem {
  id: string;
  endpoint: EndpointName;
  params?: Record<string, string> | undefined;
  body: unknown;
  idempotencyKey: string;
  /** Base URL of the API the item is for (items can outlive the page that queued them). */
  baseUrl?: string | undefined;
  createdAt: number;
  attempts: number;
  /** `name: message` of the last failure, for display and debugging. */
  lastError?: string | undefined;
}

export interface EnqueueInput {
  params?: Record<string, string>;
  body: unknown;
  idempotencyKey?: string;
  baseUrl?: string;
}

export interface FlushResult {
  delivered: OutboxItem[];
  rejected: Array<{ item: OutboxItem; error: DvcError }>;
  /** Items still queued after this flush. */
  remaining: number;
  /** True when another tab or flush held the lock, so this call sent nothing. */
  skipped: boolean;
}

/** Where items are kept; IndexedDB by default, injectable for tests. */
export interface OutboxStorage {
  all(): Promise<OutboxItem[]>;
  put(item: OutboxItem): Promise<void>;
  delete(id: string): Promise<void>;
  clear(): Promise<void>;
}

/** IndexedDB through idb-keyval; falls back to memory when IndexedDB is unavailable or broken. */
export class IdbOutboxStorage implements OutboxStorage {
  private store: UseStore | null | undefined;
  private memory = new Map<string, OutboxItem>();

  constructor(
    private readonly dbName = 'dvc-outbox',
    private readonly storeName = 'items',
  ) {}

  private idb(): UseStore | null {
    if (this.store === undefined) this.store = openStore(this.dbName, this.storeName);
    return this.store;
  }

  private async use<T>(fn: (store: UseStore) => Promise<T>, fallback: () => T): Promise<T> {
    const store = this.idb();
    if (store) {
      try {
        return await fn(store);
      } catch {
        // Storage blocked or broken (private mode, quota): keep the page working from memory.
        this.store = null;
      }
    }
    return fallback();
  }

  all(): Promise<OutboxItem[]> {
    return this.use(
      async (s) => (await values<OutboxItem>(s)).filter(isItem),
      () => [...this.memory.values()],
    );
  }
  put(item: OutboxItem): Promise<void> {
    this.memory.set(item.id, item);
    return this.use((s) => set(item.id, item, s), () => undefined);
  }
  delete(id: string): Promise<void> {
    this.memory.delete(id);
    return this.use((s) => del(id, s), () => undefined);
  }
  clear(): Promise<void> {
    this.memory.clear();
    return this.use((s) => clear(s), () => undefined);
  }
}

function isItem(v: unknown): v is OutboxItem {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as OutboxItem).id === 'string' &&
    typeof (v as OutboxItem).endpoint === 'string' &&
    typeof (v as OutboxItem).idempotencyKey === 'string'
  );
}

export class OutboxDeliveredEvent extends Event {
  constructor(
    readonly item: OutboxItem,
    readonly response: unknown,
  ) {
    super('delivered');
  }
}

export class OutboxRejectedEvent extends Event {
  constructor(
    readonly item: OutboxItem,
    readonly error: DvcError,
  ) {
    super('rejected');
  }
}

export interface OutboxEventMap {
  delivered: OutboxDeliveredEvent;
  rejected: OutboxRejectedEvent;
}

/** Permanent refusals: sending the same request again cannot succeed. */
function isPermanent(error: DvcError): boolean {
  return (
    error instanceof ApiError &&
    !(error instanceof RateLimitedError) &&
    error.status >= 400 &&
    error.status < 500 &&
    ![408, 425, 429].includes(error.status)
  );
}

type Sender = Pick<ApiClient, 'request'>;

export interface OutboxOptions {
  storage?: OutboxStorage;
  /** Items that failed transiently this many times are given up (rejected). Default 20. */
  maxAttempts?: number;
  /** Name of the cross-tab lock and change channel. */
  name?: string;
  now?: () => number;
}

/** Typed listeners: `outbox.addEventListener('delivered', (e) => e.item)`. */
export interface Outbox {
  addEventListener<K extends keyof OutboxEventMap>(
    type: K,
    listener: (event: OutboxEventMap[K]) => void,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof OutboxEventMap>(
    type: K,
    listener: (event: OutboxEventMap[K]) => void,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}

/**
 * A relative base URL ("api", "/api") is made absolute when the item is queued: the item may be
 * sent from another page of the portal, where a relative URL would point elsewhere. `''` (same
 * origin as the page) stays as it is.
 */
function absoluteBase(baseUrl: string | undefined): string | undefined {
  if (!baseUrl || typeof location === 'undefined') return baseUrl;
  try {
    return new URL(baseUrl, location.href).href.replace(/\/+$/, '');
  } catch {
    return baseUrl;
  }
}

/* Same-page single flight, shared by every Outbox instance with the same name. */
const running = new Map<string, Promise<FlushResult>>();

export class Outbox extends EventTarget {
  readonly name: string;
  private readonly storage: OutboxStorage;
  private readonly maxAttempts: number;
  private readonly now: () => number;
  private readonly listeners = new Set<(items: OutboxItem[]) => void>();
  private channel: BroadcastChannel | null = null;
  private items: OutboxItem[] = [];
  private loaded = false;

  constructor(options: OutboxOptions = {}) {
    super();
    this.name = options.name ?? 'dvc-outbox';
    this.storage = options.storage ?? new IdbOutboxStorage(this.name);
    this.maxAttempts = options.maxAttempts ?? 20;
    this.now = options.now ?? Date.now;
    // Other tabs changing the queue tell us, so a "waiting to send" note disappears everywhere.
    if (typeof BroadcastChannel !== 'undefined') {
      try {
        this.channel = new BroadcastChannel(this.name);
        this.channel.onmessage = () => void this.refresh();
      } catch {
        this.channel = null;
      }
    }
  }

  /** Last known items (oldest first); `list()` reads storage. */
  get pending(): readonly OutboxItem[] {
    return this.items;
  }

  async enqueue(endpoint: EndpointName, input: EnqueueInput): Promise<OutboxItem> {
    const item: OutboxItem = {
      id: newIdempotencyKey(),
      endpoint,
      params: input.params,
      body: input.body,
      idempotencyKey: input.idempotencyKey ?? newIdempotencyKey(),
      baseUrl: absoluteBase(input.baseUrl),
      createdAt: this.now(),
      attempts: 0,
    };
    await this.storage.put(item);
    await this.changed();
    return item;
  }

  async list(): Promise<OutboxItem[]> {
    const items = await this.storage.all();
    return items.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  }

  async remove(id: string): Promise<void> {
    await this.storage.delete(id);
    await this.changed();
  }

  async clear(): Promise<void> {
    await this.storage.clear();
    await this.changed();
  }

  /** Calls `listener(items)` now and after every change. Returns an unsubscribe function. */
  subscribe(listener: (items: OutboxItem[]) => void): () => void {
    this.listeners.add(listener);
    if (this.loaded) listener(this.items);
    else void this.refresh();
    return () => this.listeners.delete(listener);
  }

  /**
   * Sends queued items in order. With `client`, every item goes through it; without, each item
   * uses the shared client for the base URL it was queued with. Never rejects.
   */
  flush(client?: Sender): Promise<FlushResult> {
    const current = running.get(this.name);
    if (current) return current.then(() => this.flush(client));
    const promise = this.withLock(() => this.send(client)).finally(() => running.delete(this.name));
    running.set(this.name, promise);
    return promise;
  }

  private async withLock(fn: () => Promise<FlushResult>): Promise<FlushResult> {
    // Web Locks keep two tabs from sending the same item at once; ifAvailable: the tab that
    // holds the lock is already sending everything, so this one need not wait.
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (locks?.request) {
      try {
        return await locks.request(`${this.name}:flush`, { ifAvailable: true }, async (lock) =>
          lock ? fn() : { delivered: [], rejected: [], remaining: this.items.length, skipped: true },
        );
      } catch (e) {
        if (!(e instanceof DOMException)) throw e;
        // Locks unavailable (e.g. opaque origin): the same-page single flight still holds.
      }
    }
    return fn();
  }

  private async send(client: Sender | undefined): Promise<FlushResult> {
    const result: FlushResult = { delivered: [], rejected: [], remaining: 0, skipped: false };
    let items: OutboxItem[];
    try {
      items = await this.list();
    } catch {
      items = [];
    }
    for (const item of items) {
      const sender = client ?? getApiClient(item.baseUrl ?? '');
      try {
        const request = sender.request as unknown as (n: EndpointName, o: unknown) => Promise<unknown>;
        const response = await request.call(sender, item.endpoint, {
          params: item.params,
          body: item.body,
          idempotencyKey: item.idempotencyKey,
        });
        await this.storage.delete(item.id);
        result.delivered.push(item);
        this.dispatchEvent(new OutboxDeliveredEvent(item, response));
      } catch (raw) {
        const error = toDvcError(raw);
        const attempts = item.attempts + 1;
        if (isPermanent(error) || attempts >= this.maxAttempts) {
          await this.storage.delete(item.id);
          result.rejected.push({ item, error });
          this.dispatchEvent(new OutboxRejectedEvent(item, error));
          continue;
        }
        await this.storage.put({ ...item, attempts, lastError: `${error.name}: ${error.message}` });
        break;
      }
    }
    await this.changed();
    result.remaining = this.items.length;
    return result;
  }

  private async refresh(): Promise<void> {
    try {
      this.items = await this.list();
    } catch {
      this.items = [];
    }
    this.loaded = true;
    for (const listener of [...this.listeners]) listener(this.items);
  }

  private async changed(): Promise<void> {
    await this.refresh();
    this.channel?.postMessage('changed');
  }

  /** Stops listening to other tabs (tests, or a page that tears widgets down for good). */
  close(): void {
    this.channel?.close();
    this.channel = null;
  }
}

let shared: Outbox | undefined;
/** The page's default outbox (one per page, so every widget sees the same queue). */
export function getOutbox(): Outbox {
  return (shared ??= new Outbox());
}

/**
 * Puts an outbox in a widget: `pending` for render, a re-render when it changes, and a flush
 * when the widget connects (page load) and whenever the browser comes back online.
 */
export class OutboxController implements ReactiveController {
  pending: readonly OutboxItem[] = [];
  private unsubscribe: (() => void) | undefined;
  private readonly onOnline = () => void this.outbox.flush(this.client?.());

  constructor(
    private readonly host: ReactiveControllerHost,
    readonly outbox: Outbox = getOutbox(),
    private readonly client?: () => Sender,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = this.outbox.subscribe((items) => {
      this.pending = items;
      this.host.requestUpdate();
    });
    if (typeof window !== 'undefined') window.addEventListener('online', this.onOnline);
    if (typeof navigator === 'undefined' || navigator.onLine !== false) this.onOnline();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (typeof window !== 'undefined') window.removeEventListener('online', this.onOnline);
  }

  /** Sends now (e.g. from a "send now" button). */
  flush(): Promise<FlushResult> {
    return this.outbox.flush(this.client?.());
  }
}
