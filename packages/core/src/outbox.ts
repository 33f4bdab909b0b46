/**
 * A durable queue of POSTs to send later: a rating given on a train, a booking cancelled in a
 * basement. Items live in IndexedDB (idb-keyval custom store), so they survive a reload; each
 * keeps its Idempotency-Key, so sending one twice (two tabs, a lost answer) never creates two
 * records on the server.
 *
 * An item is either *queued* (deliverable: `pending`, `list()`, sent by `flush()`) or
 * *undeliverable* (`undeliverable`, `listUndeliverable()`, never sent again). `flush()` sends
 * queued items oldest first:
 * - success removes the item and fires `delivered`;
 * - a refusal that no retry can fix (`refusalOf`: a 4xx other than 408/425/429, a CORS refusal,
 *   an API address that is not the API, the same server fault again and again while the API
 *   answers other requests) or the last of `maxAttempts` failures marks it undeliverable — it
 *   stays stored with the reason and the error, so what the citizen entered can still be shown
 *   and copied — and fires `rejected`; the flush goes on with the next item;
 * - anything transient (offline, network, timeout, 5xx, rate limit, in progress) keeps it queued
 *   with `attempts + 1` and stops the flush, because the next items would fail the same way and
 *   order matters.
 * Undeliverable items leave only when the widget or the citizen dismisses them (`remove(id)`), or
 * go back to the queue with `requeue(id)` (same key: still sent at most once).
 */
import type { EndpointName } from '@dvc-widgets/contract';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { clear, del, set, values, type UseStore } from 'idb-keyval';
import { openStore } from './idb.js';
import { getApiClient, newIdempotencyKey, type ApiClient } from './api-client.js';
import {
  DvcError,
  isRepeatedServerFault,
  OfflineError,
  refusalOf,
  RequestRefusedError,
  toDvcError,
  toErrorRecord,
  errorFromRecord,
  trackServerFault,
  ApiError,
  contactMessageKey,
  errorMessageKey,
  type Contact,
  type ErrorMessageKey,
  type ErrorRecord,
  type FinalReason,
  type ServerFault,
} from './errors.js';

export interface OutboxItem {
  id: string;
  endpoint: EndpointName;
  params?: Record<string, string> | undefined;
  body: unknown;
  idempotencyKey: string;
  /** Base URL of the API the item is for (items can outlive the page that queued them). */
  baseUrl?: string | undefined;
  createdAt: number;
  /** Failed sends so far (a send skipped because the browser is offline does not count). */
  attempts: number;
  /** `name: message` of the last failure, for display and debugging. */
  lastError?: string | undefined;
  /** The same server fault on consecutive sends (the `server` refusal rule). */
  fault?: ServerFault | undefined;
  /** Set when the item can no longer be delivered: it is kept, never sent again, until removed. */
  undeliverable?: Undeliverable | undefined;
}

/**
 * Why an item is undeliverable: a final reason (`cors`, `client`, `server`, `misconfigured`; see
 * `refusalOf`) or `attempts` (`maxAttempts` transient failures in a row).
 */
export type UndeliverableReason = FinalReason | 'attempts';

export interface Undeliverable {
  reason: UndeliverableReason;
  /** When it was marked (ms, the outbox's clock). */
  at: number;
  /** The error that made it final, as data (`Outbox.errorOf(item)` gives the error back). */
  error: ErrorRecord;
}

export interface EnqueueInput {
  params?: Record<string, string>;
  body: unknown;
  idempotencyKey?: string;
  baseUrl?: string;
}

export interface FlushResult {
  delivered: OutboxItem[];
  /** Items this flush marked undeliverable (kept in storage, see `listUndeliverable`). */
  rejected: Array<{ item: OutboxItem; error: DvcError }>;
  /** Items still queued (deliverable) after this flush. */
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

/**
 * An item became undeliverable (`item.undeliverable` says why). `error` is the error as the client
 * threw it — an ApiError for a `client` refusal, so `status`, `code` and `details` (field issues)
 * are there; a RequestRefusedError for `cors` and `server`; a ServiceMisconfiguredError. The item
 * stays stored until `remove(id)`.
 */
export class OutboxRejectedEvent extends Event {
  readonly reason: UndeliverableReason | undefined;
  constructor(
    readonly item: OutboxItem,
    readonly error: DvcError,
    reason?: UndeliverableReason,
  ) {
    super('rejected');
    this.reason = reason ?? item.undeliverable?.reason;
  }
}

export interface OutboxEventMap {
  delivered: OutboxDeliveredEvent;
  rejected: OutboxRejectedEvent;
}

/**
 * What the outbox sends with: an ApiClient, or anything with its `request`. `lastSuccessAt` (when
 * the API last answered a request successfully) feeds the `server` refusal rule; without it that
 * rule never fires and repeated server faults end at `maxAttempts`.
 */
type Sender = Pick<ApiClient, 'request'> & { readonly lastSuccessAt?: number | undefined };

export interface OutboxOptions {
  storage?: OutboxStorage;
  /** Items that failed transiently this many times become undeliverable (`attempts`). Default 20. */
  maxAttempts?: number;
  /** Sends that end in the same server fault, while the API answers others, before a `server` refusal. Default 3. */
  serverRefusalAfter?: number;
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
  private readonly serverRefusalAfter: number;
  private readonly now: () => number;
  private readonly listeners = new Set<(items: OutboxItem[], undeliverable: OutboxItem[]) => void>();
  private channel: BroadcastChannel | null = null;
  private items: OutboxItem[] = [];
  private dead: OutboxItem[] = [];
  private loaded = false;

  constructor(options: OutboxOptions = {}) {
    super();
    this.name = options.name ?? 'dvc-outbox';
    this.storage = options.storage ?? new IdbOutboxStorage(this.name);
    this.maxAttempts = options.maxAttempts ?? 20;
    this.serverRefusalAfter = options.serverRefusalAfter ?? 3;
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

  /** Last known queued items, oldest first: the ones that will be sent. `list()` reads storage. */
  get pending(): readonly OutboxItem[] {
    return this.items;
  }

  /** Last known undeliverable items, oldest first. `listUndeliverable()` reads storage. */
  get undeliverable(): readonly OutboxItem[] {
    return this.dead;
  }

  /** The error that made an undeliverable item final (same class and fields as when it happened). */
  static errorOf(item: OutboxItem): DvcError | undefined {
    return item.undeliverable ? errorFromRecord(item.undeliverable.error) : undefined;
  }

  /**
   * What to tell the citizen about an undeliverable item, in core strings: why (the error's own
   * message; `outbox.gaveUp` after `maxAttempts`) and, always, the way forward (the office's
   * contact), since no automatic retry will come. Undefined for a queued item.
   */
  static messageKey(item: OutboxItem, contact?: Contact): ErrorMessageKey | undefined {
    if (!item.undeliverable) return undefined;
    const help = contactMessageKey(contact);
    if (item.undeliverable.reason === 'attempts') return { key: 'outbox.gaveUp', help };
    return { ...errorMessageKey(errorFromRecord(item.undeliverable.error), contact), help };
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

  /** Queued items (the ones `flush` sends), oldest first. */
  async list(): Promise<OutboxItem[]> {
    return (await this.all()).filter((i) => !i.undeliverable);
  }

  /** Undeliverable items (kept until `remove`), oldest first. */
  async listUndeliverable(): Promise<OutboxItem[]> {
    return (await this.all()).filter((i) => i.undeliverable);
  }

  private async all(): Promise<OutboxItem[]> {
    const items = await this.storage.all();
    return items.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  }

  /** Removes an item, queued or undeliverable (the citizen dismissed it, or the widget is done with it). */
  async remove(id: string): Promise<void> {
    await this.storage.delete(id);
    await this.changed();
  }

  /**
   * Puts an undeliverable item back in the queue (after the office fixed its set-up, or when the
   * citizen asks to try again), with its Idempotency-Key, so it is still created at most once.
   * Returns false when there is no such undeliverable item.
   */
  async requeue(id: string): Promise<boolean> {
    const item = (await this.listUndeliverable()).find((i) => i.id === id);
    if (!item) return false;
    const { undeliverable: _gone, fault: _fault, ...queued } = item;
    await this.storage.put({ ...queued, attempts: 0 });
    await this.changed();
    return true;
  }

  async clear(): Promise<void> {
    await this.storage.clear();
    await this.changed();
  }

  /**
   * Calls `listener(queued, undeliverable)` now and after every change (also another tab's).
   * Returns an unsubscribe function.
   */
  subscribe(listener: (items: OutboxItem[], undeliverable: OutboxItem[]) => void): () => void {
    this.listeners.add(listener);
    if (this.loaded) listener(this.items, this.dead);
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
        let error = toDvcError(raw);
        // Offline, nothing was tried: an item waits for the network as long as it takes.
        const attempts = item.attempts + (error instanceof OfflineError ? 0 : 1);
        const fault = trackServerFault(item.fault, error, this.now());
        let reason: UndeliverableReason | undefined = refusalOf(error);
        if (!reason && error instanceof ApiError && isRepeatedServerFault(fault, sender.lastSuccessAt, this.serverRefusalAfter)) {
          reason = 'server';
          error = new RequestRefusedError('server', { status: error.status, code: error.code, details: error.details }, error.message, { cause: error });
        }
        if (!reason && attempts >= this.maxAttempts) reason = 'attempts';
        const lastError = `${error.name}: ${error.message}`;
        if (reason) {
          const dead: OutboxItem = { ...item, attempts, lastError, fault, undeliverable: { reason, at: this.now(), error: toErrorRecord(error) } };
          await this.storage.put(dead);
          result.rejected.push({ item: dead, error });
          this.dispatchEvent(new OutboxRejectedEvent(dead, error, reason));
          continue;
        }
        await this.storage.put({ ...item, attempts, lastError, fault });
        break;
      }
    }
    await this.changed();
    result.remaining = this.items.length;
    return result;
  }

  private async refresh(): Promise<void> {
    let all: OutboxItem[];
    try {
      all = await this.all();
    } catch {
      all = [];
    }
    this.items = all.filter((i) => !i.undeliverable);
    this.dead = all.filter((i) => i.undeliverable);
    this.loaded = true;
    for (const listener of [...this.listeners]) listener(this.items, this.dead);
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
 * Puts an outbox in a widget: `pending` (will be sent) and `undeliverable` (kept, never sent:
 * show them, let the citizen copy and dismiss them) for render, a re-render when either changes,
 * and a flush when the widget connects (page load) and whenever the browser comes back online.
 */
export class OutboxController implements ReactiveController {
  pending: readonly OutboxItem[] = [];
  undeliverable: readonly OutboxItem[] = [];
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
    this.unsubscribe = this.outbox.subscribe((items, undeliverable) => {
      this.pending = items;
      this.undeliverable = undeliverable;
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

  /** Dismisses an item (an undeliverable one the citizen has read or copied). */
  remove(id: string): Promise<void> {
    return this.outbox.remove(id);
  }

  /** Puts an undeliverable item back in the queue and sends now. */
  async requeue(id: string): Promise<FlushResult | undefined> {
    return (await this.outbox.requeue(id)) ? this.flush() : undefined;
  }
}
