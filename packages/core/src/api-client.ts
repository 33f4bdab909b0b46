/**
 * The one place that talks to the API. Typed by the contract's endpoint table: the name picks the
 * method, path, schemas and retry/caching rules, so a widget only says what it wants.
 *
 * What it adds over `fetch`:
 * - a timeout per attempt (default 10 s), combined with the caller's AbortSignal;
 * - retries with exponential backoff and full jitter for GETs and for POSTs that carry an
 *   Idempotency-Key (never for other POSTs: a retried booking without a key could book twice);
 * - `Retry-After` on 429/503, waited for when short, surfaced as RateLimitedError when long;
 * - every 2xx body parsed with the endpoint's response schema, every error body with the
 *   ErrorEnvelope schema;
 * - ETag revalidation for cacheable endpoints, with a copy kept in IndexedDB so a lookup still
 *   works offline after a reload;
 * - only named errors (errors.ts): anything unexpected is wrapped.
 */
import {
  buildPath,
  endpoints,
  ErrorEnvelope,
  type BodyOf,
  type EndpointDef,
  type EndpointName,
  type ParamsOf,
  type QueryOf,
  type ResponseOf,
} from '@dvc-widgets/contract';
import { delMany as idbDelMany, entries as idbEntries, get as idbGet, set as idbSet, type UseStore } from 'idb-keyval';
import { openStore } from './idb.js';
import {
  AbortedError,
  ApiError,
  DvcError,
  isOffline,
  NetworkError,
  OfflineError,
  RateLimitedError,
  TimeoutError,
  ValidationError,
  type ValidationIssue,
} from './errors.js';

// ---------------------------------------------------------------------------------------------
// Types

type IfDefined<T, Yes, No> = [T] extends [undefined] ? No : Yes;

/** Options of one call. `params` and `body` are required exactly when the endpoint has them. */
export type RequestOptions<N extends EndpointName> = {
  query?: QueryOf<N>;
  signal?: AbortSignal;
  /** For idempotent POSTs; generated when omitted. Pass your own to make a later retry safe. */
  idempotencyKey?: string;
  /** Per-attempt timeout in ms (default: the client's, 10 s). */
  timeoutMs?: number;
  /** Retries after the first attempt (default: the client's, 2). */
  retries?: number;
} & IfDefined<ParamsOf<N>, { params: ParamsOf<N> }, { params?: undefined }> &
  IfDefined<BodyOf<N>, { body: BodyOf<N> }, { body?: undefined }>;

type HasRequired<N extends EndpointName> = IfDefined<ParamsOf<N>, true, IfDefined<BodyOf<N>, true, false>>;
export type RequestArgs<N extends EndpointName> =
  HasRequired<N> extends true ? [options: RequestOptions<N>] : [options?: RequestOptions<N>];

export interface ResponseMeta<T> {
  data: T;
  /**
   * True when the server was not reached and `data` is the copy stored earlier (offline
   * fallback). A 304 revalidation counts as fresh: the server confirmed the copy.
   */
  fromCache: boolean;
  /** When `data` was last confirmed by the server (ms since epoch). */
  storedAt: number;
}

export interface CachedResponse {
  etag: string;
  body: unknown;
  storedAt: number;
}

/** Where ETag + body pairs are kept. The default keeps them in memory and in IndexedDB. */
export interface ResponseCache {
  get(key: string): Promise<CachedResponse | undefined>;
  set(key: string, value: CachedResponse): Promise<void>;
}

export interface ApiClientOptions {
  /** Base URL (absolute, or relative to the page). `''` = same origin as the page. */
  baseUrl: string;
  /** Injectable for tests; defaults to the global fetch at call time. */
  fetch?: typeof fetch;
  timeoutMs?: number;
  maxRetries?: number;
  /** First backoff step in ms (doubled each attempt; full jitter picks 0…step). */
  retryBaseMs?: number;
  /** Upper bound of one backoff step. */
  retryMaxMs?: number;
  /** Longest `Retry-After` we wait for; longer ones throw RateLimitedError at once. */
  maxRetryAfterMs?: number;
  /** `false` disables ETag caching; default is memory + IndexedDB. */
  cache?: ResponseCache | false;
  /**
   * The endpoint table; the contract's by default. Injectable so tests can exercise rules the
   * contract has no endpoint for today (a POST without idempotency).
   */
  endpoints?: Record<string, EndpointDef>;
  /** Injectable clock and randomness (tests). */
  now?: () => number;
  random?: () => number;
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** A fresh Idempotency-Key: a random UUID (crypto.randomUUID needs a secure context; fall back to getRandomValues). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

const GENERIC_CODE: Record<number, string> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  422: 'unprocessable',
  429: 'rate_limited',
  503: 'unavailable',
};

/** `Retry-After` as seconds (delta-seconds or HTTP-date); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  // An HTTP-date always names a weekday or month; without letters Date.parse would read "-3" as a year.
  if (!/[a-z]/i.test(v)) return undefined;
  const date = Date.parse(v);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function toQueryString(query: unknown): string {
  if (!query || typeof query !== 'object') return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const v of value) if (v !== undefined && v !== null) search.append(key, String(v));
    } else {
      search.append(key, String(value));
    }
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

type RawIssue = { path?: ReadonlyArray<PropertyKey>; message: string };
function issuesOf(error: unknown): ValidationIssue[] {
  const issues = (error as { issues?: RawIssue[] } | undefined)?.issues;
  return (Array.isArray(issues) ? issues : []).slice(0, 20).map((i) => ({
    path: (i.path ?? []).map((p) => String(p)).join('.'),
    message: i.message,
  }));
}

type Schema = EndpointDef['response'];
function safeParse(schema: Schema, data: unknown) {
  return (schema as unknown as { safeParse(d: unknown): { success: boolean; data?: unknown; error?: unknown } }).safeParse(data);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new AbortedError(undefined, { cause: signal.reason }));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError(undefined, { cause: signal.reason }));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** AbortSignal.any where available (Chrome 116+, Safari 17.4+); a small equivalent otherwise. */
function anySignal(signals: AbortSignal[]): AbortSignal {
  const any = (AbortSignal as unknown as { any?: (s: AbortSignal[]) => AbortSignal }).any;
  if (typeof any === 'function') return any.call(AbortSignal, signals);
  const controller = new AbortController();
  for (const s of signals) {
    if (s.aborted) {
      controller.abort(s.reason);
      break;
    }
    s.addEventListener('abort', () => controller.abort(s.reason), { once: true });
  }
  return controller.signal;
}

// ---------------------------------------------------------------------------------------------
// Cache

/**
 * Memory in front of IndexedDB (idb-keyval: 600 bytes, handles the open/upgrade dance). Any
 * IndexedDB failure (private mode, blocked storage, quota) degrades to memory only, and a read
 * that hangs (seen in some WebKit builds) is given up after 1 s so it never blocks a request.
 */
export class PersistentResponseCache implements ResponseCache {
  private memory = new Map<string, CachedResponse>();
  private store: UseStore | null | undefined;
  private readonly maxMemoryEntries: number;
  private readonly maxStoredEntries: number;
  private pruned: Promise<void> | undefined;

  constructor(options: { dbName?: string; storeName?: string; maxMemoryEntries?: number; maxStoredEntries?: number } = {}) {
    this.maxMemoryEntries = options.maxMemoryEntries ?? 200;
    // A portal visited for years must not fill a phone's storage: answers beyond this many go.
    this.maxStoredEntries = options.maxStoredEntries ?? 100;
    this.dbName = options.dbName ?? 'dvc-cache';
    this.storeName = options.storeName ?? 'responses';
  }
  private readonly dbName: string;
  private readonly storeName: string;

  private idb(): UseStore | null {
    if (this.store === undefined) this.store = openStore(this.dbName, this.storeName);
    return this.store;
  }

  async get(key: string): Promise<CachedResponse | undefined> {
    const hit = this.memory.get(key);
    if (hit) {
      this.remember(key, hit);
      return hit;
    }
    const store = this.idb();
    if (!store) return undefined;
    try {
      const value = await Promise.race([
        idbGet<CachedResponse>(key, store),
        new Promise<undefined>((resolve) => setTimeout(resolve, 1000, undefined)),
      ]);
      if (value && typeof value === 'object' && typeof value.etag === 'string' && typeof value.storedAt === 'number') {
        this.remember(key, value);
        return value;
      }
    } catch {
      // Storage unavailable: behave as a cache miss.
    }
    return undefined;
  }

  async set(key: string, value: CachedResponse): Promise<void> {
    this.remember(key, value);
    const store = this.idb();
    if (!store) return;
    try {
      await idbSet(key, value, store);
    } catch {
      // Quota or blocked storage: the memory copy still serves this page.
    }
    // Once per page, after the first write: reading every entry is not worth doing more often.
    this.pruned ??= this.prune();
  }

  /**
   * Keeps at most `maxStoredEntries` answers on the device, dropping those least recently
   * confirmed by the server first (`storedAt` is refreshed by every 304), and any entry that is
   * not a cached answer at all.
   */
  async prune(): Promise<void> {
    const store = this.idb();
    if (!store) return;
    try {
      const all = await idbEntries<IDBValidKey, Partial<CachedResponse> | undefined>(store);
      const junk = all.filter(([, v]) => typeof v?.storedAt !== 'number').map(([k]) => k);
      const answers = all.filter(([, v]) => typeof v?.storedAt === 'number');
      answers.sort(([, a], [, b]) => a!.storedAt! - b!.storedAt!);
      const stale = answers.slice(0, Math.max(0, answers.length - this.maxStoredEntries)).map(([k]) => k);
      if (junk.length || stale.length) await idbDelMany([...junk, ...stale], store);
    } catch {
      // Storage unavailable: nothing to prune.
    }
  }

  private remember(key: string, value: CachedResponse): void {
    this.memory.delete(key);
    this.memory.set(key, value);
    // Map keeps insertion order, so the first key is the least recently used.
    while (this.memory.size > this.maxMemoryEntries) {
      this.memory.delete(this.memory.keys().next().value as string);
    }
  }
}

let sharedCache: PersistentResponseCache | undefined;
function defaultCache(): PersistentResponseCache {
  return (sharedCache ??= new PersistentResponseCache());
}

// ---------------------------------------------------------------------------------------------
// Client

interface Attempt {
  data: unknown;
  fromCache: boolean;
  storedAt: number;
}

export class ApiClient {
  readonly baseUrl: string;
  private readonly endpoints: Record<string, EndpointDef>;
  private readonly options: Required<Omit<ApiClientOptions, 'fetch' | 'cache' | 'baseUrl' | 'endpoints'>> & {
    fetch: typeof fetch | undefined;
    cache: ResponseCache | false;
  };

  constructor(options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.endpoints = options.endpoints ?? (endpoints as unknown as Record<string, EndpointDef>);
    this.options = {
      fetch: options.fetch,
      timeoutMs: options.timeoutMs ?? 10_000,
      maxRetries: options.maxRetries ?? 2,
      retryBaseMs: options.retryBaseMs ?? 300,
      retryMaxMs: options.retryMaxMs ?? 4_000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 5_000,
      cache: options.cache === undefined ? defaultCache() : options.cache,
      now: options.now ?? Date.now,
      random: options.random ?? Math.random,
    };
  }

  /** Calls an endpoint and returns its parsed answer. Rejects only with errors.ts classes. */
  async request<N extends EndpointName>(name: N, ...args: RequestArgs<N>): Promise<ResponseOf<N>> {
    const result = await this.run(name, (args[0] ?? {}) as RequestOptions<N>, false);
    return result.data as ResponseOf<N>;
  }

  /**
   * Like `request`, with where the data came from. For cacheable GETs, when the network fails
   * (offline, network error, timeout) and a copy was stored earlier, resolves with that copy and
   * `fromCache: true` instead of rejecting, so the widget can show it with an "offline" note.
   */
  async requestWithMeta<N extends EndpointName>(name: N, ...args: RequestArgs<N>): Promise<ResponseMeta<ResponseOf<N>>> {
    const result = await this.run(name, (args[0] ?? {}) as RequestOptions<N>, true);
    return result as ResponseMeta<ResponseOf<N>>;
  }

  /** The URL a call would use (exposed for links and tests). */
  url<N extends EndpointName>(name: N, params?: ParamsOf<N>, query?: QueryOf<N>): string {
    const def = this.endpoints[name];
    if (!def) throw new DvcError(`Unknown endpoint "${String(name)}"`);
    return `${this.baseUrl}${buildPath(def.path, (params ?? {}) as Record<string, string>)}${toQueryString(query)}`;
  }

  private async run<N extends EndpointName>(name: N, opts: RequestOptions<N>, fallback: boolean): Promise<Attempt> {
    const def = this.endpoints[name];
    let url: string;
    try {
      url = this.url(name, opts.params as ParamsOf<N>, opts.query);
    } catch (e) {
      throw e instanceof DvcError ? e : new DvcError(e instanceof Error ? e.message : 'Invalid request parameters', { cause: e });
    }
    const cache = def.method === 'GET' && def.cacheable && this.options.cache ? this.options.cache : null;
    // An injected cache that fails must not fail the request: it only costs the revalidation.
    const cached = cache ? await cache.get(url).catch(() => undefined) : undefined;
    const idempotencyKey =
      opts.idempotencyKey ?? (def.method === 'POST' && def.idempotent ? newIdempotencyKey() : undefined);
    const retryable = def.method === 'GET' || idempotencyKey !== undefined;
    const maxRetries = retryable ? Math.max(0, opts.retries ?? this.options.maxRetries) : 0;
    const caller = opts.signal;

    let attempt = 0;
    for (;;) {
      try {
        if (caller?.aborted) throw new AbortedError(undefined, { cause: caller.reason });
        return await this.attempt(def, url, opts, idempotencyKey, cached, cache);
      } catch (raw) {
        const error = this.normalise(raw, caller);
        const delay = this.retryDelay(error, attempt, maxRetries);
        if (delay === null) {
          if (fallback && cached && (error instanceof NetworkError || error instanceof TimeoutError)) {
            return { data: this.parseOrThrow(def, cached.body), fromCache: true, storedAt: cached.storedAt };
          }
          throw error;
        }
        attempt++;
        await sleep(delay, caller ?? new AbortController().signal);
      }
    }
  }

  /** Backoff before the next attempt, or null when the error is final. */
  private retryDelay(error: DvcError, attempt: number, maxRetries: number): number | null {
    if (error instanceof RateLimitedError && error.retryAfter !== undefined) {
      // A short Retry-After is waited for; a longer one is final at once, so the UI can show a
      // countdown instead of a spinner that seems stuck.
      const ms = error.retryAfter * 1000;
      return attempt < maxRetries && ms <= this.options.maxRetryAfterMs ? ms : null;
    }
    const transient =
      error instanceof TimeoutError ||
      (error instanceof NetworkError && !(error instanceof OfflineError)) ||
      (error instanceof ApiError && RETRYABLE_STATUS.has(error.status));
    if (!transient || attempt >= maxRetries) return null;
    const step = Math.min(this.options.retryMaxMs, this.options.retryBaseMs * 2 ** attempt);
    return Math.floor(this.options.random() * step);
  }

  private normalise(raw: unknown, caller: AbortSignal | undefined): DvcError {
    if (caller?.aborted) return raw instanceof AbortedError ? raw : new AbortedError(undefined, { cause: raw });
    if (raw instanceof DvcError) return raw;
    if (raw instanceof TypeError) {
      return isOffline() ? new OfflineError(undefined, { cause: raw }) : new NetworkError(raw.message, { cause: raw });
    }
    return new DvcError(raw instanceof Error ? raw.message : 'Unexpected error', { cause: raw });
  }

  private async attempt(
    def: EndpointDef,
    url: string,
    opts: RequestOptions<EndpointName>,
    idempotencyKey: string | undefined,
    cached: CachedResponse | undefined,
    cache: ResponseCache | null,
  ): Promise<Attempt> {
    // navigator.onLine === false is reliable: do not wait for a timeout we know will come.
    if (isOffline()) throw new OfflineError();
    const timeoutMs = opts.timeoutMs ?? this.options.timeoutMs;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new TimeoutError(timeoutMs)), timeoutMs);
    const signal = opts.signal ? anySignal([opts.signal, timeout.signal]) : timeout.signal;

    const headers: Record<string, string> = { Accept: 'application/json' };
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    if (cached) headers['If-None-Match'] = cached.etag;

    const fetchImpl = this.options.fetch ?? globalThis.fetch;
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(url, {
        method: def.method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal,
      });
      // Read the body under the same timeout: a server that sends headers then stalls is a timeout too.
      text = response.status === 304 ? '' : await response.text();
    } catch (e) {
      if (timeout.signal.aborted && !opts.signal?.aborted) throw new TimeoutError(timeoutMs, { cause: e });
      if (opts.signal?.aborted) throw new AbortedError(undefined, { cause: e });
      if (isOffline()) throw new OfflineError(undefined, { cause: e });
      throw new NetworkError(e instanceof Error ? e.message : 'Network request failed', { cause: e });
    } finally {
      clearTimeout(timer);
    }

    const now = this.options.now();
    if (response.status === 304 && cached && cache) {
      const data = this.parseOrThrow(def, cached.body);
      const refreshed = { ...cached, storedAt: now };
      cache.set(url, refreshed).catch(() => undefined);
      return { data, fromCache: false, storedAt: now };
    }
    if (response.status >= 200 && response.status < 300) {
      const body = this.parseJson(text, response.headers.get('content-type'));
      const data = this.parseOrThrow(def, body);
      const etag = response.headers.get('etag');
      if (cache && etag) cache.set(url, { etag, body, storedAt: now }).catch(() => undefined);
      return { data, fromCache: false, storedAt: now };
    }
    throw this.apiError(response, text, now);
  }

  private parseJson(text: string, contentType: string | null): unknown {
    // A captive portal or proxy answering 200 with HTML must not reach the schema as "data".
    if (contentType && !/\bjson\b/i.test(contentType)) {
      throw new ValidationError(`Expected JSON, got "${contentType.slice(0, 100)}"`);
    }
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new ValidationError('The answer is not valid JSON', [], { cause: e });
    }
  }

  private parseOrThrow(def: EndpointDef, body: unknown): unknown {
    const result = safeParse(def.response, body);
    if (!result.success) {
      throw new ValidationError('The answer does not match the contract', issuesOf(result.error));
    }
    return result.data;
  }

  private apiError(response: Response, text: string, now: number): ApiError {
    const status = response.status;
    let code = GENERIC_CODE[status] ?? (status >= 500 ? 'internal' : 'http_error');
    let message = `HTTP ${status}`;
    let details: Record<string, unknown> | undefined;
    try {
      const envelope = safeParse(ErrorEnvelope as unknown as Schema, JSON.parse(text));
      if (envelope.success) {
        const e = (envelope.data as EnvelopeShape).error;
        code = e.code;
        message = e.message;
        details = e.details;
      }
    } catch {
      // Not JSON (an HTML error page from a proxy): keep the generic code and message.
    }
    if (status === 429 || status === 503) {
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'), now);
      if (status === 429 || retryAfter !== undefined) {
        return new RateLimitedError(status, code, message, retryAfter, details);
      }
    }
    return new ApiError(status, code, message, details);
  }
}

type EnvelopeShape = { error: { code: string; message: string; details?: Record<string, unknown> } };

const clients = new Map<string, ApiClient>();

/** One client per base URL, so every widget pointing at the same API shares its cache. */
export function getApiClient(baseUrl: string): ApiClient {
  const key = baseUrl.replace(/\/+$/, '');
  let client = clients.get(key);
  if (!client) {
    client = new ApiClient({ baseUrl: key });
    clients.set(key, client);
  }
  return client;
}
