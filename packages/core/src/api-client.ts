/**
 * The one place that talks to the API. Typed by the contract's endpoint table: the name picks the
 * method, path, schemas and retry/caching rules, so a widget only says what it wants.
 *
 * What it adds over `fetch`:
 * - a timeout per attempt (default 10 s), combined with the caller's AbortSignal;
 * - retries with exponential backoff and full jitter for GETs and for POSTs that carry an
 *   Idempotency-Key (never for other POSTs: a retried booking without a key could book twice);
 * - `Retry-After` on 429/503, waited for when short, surfaced as RateLimitedError when long;
 * - `409 in_progress` (the same Idempotency-Key still being processed) sent again with the same
 *   key after `Retry-After`, within a wait budget, then surfaced as InProgressError;
 * - every 2xx body parsed with the endpoint's response schema, every error body with the
 *   ErrorEnvelope schema;
 * - answers that are not from this API (HTML pages, SPA fallbacks, login redirects, JSON that is
 *   not the envelope on a 4xx) thrown as ServiceMisconfiguredError, with one console message per
 *   API base for the webmaster ("Not this API" below);
 * - a failed fetch to another origin told apart: offline/unreachable (NetworkError, retried),
 *   refused by CORS while the API answers this page (RequestRefusedError `cors`, final), or a host
 *   that is not the API (ServiceMisconfiguredError), by probing the API's public read;
 * - the same write (same Idempotency-Key) ending in the same server fault call after call while
 *   other requests to the API succeed: RequestRefusedError `server` (final);
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
  InProgressError,
  isOffline,
  isRepeatedServerFault,
  NetworkError,
  OfflineError,
  RateLimitedError,
  RequestRefusedError,
  ServiceMisconfiguredError,
  TimeoutError,
  trackServerFault,
  ValidationError,
  type ServerFault,
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
  /** Longest total wait for `409 in_progress` answers before InProgressError (default: the client's, 10 s; 0: no wait). */
  inProgressBudgetMs?: number;
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
  /**
   * Longest total wait, per call, for answers `409 in_progress` (each waited `Retry-After`, at
   * least 250 ms) before the call rejects with InProgressError. Default 10 s: a concurrent
   * request finishes well within it; a lock left by a server crash (held 60 s) is surfaced so the
   * widget can show a countdown and send again with the same key.
   */
  inProgressBudgetMs?: number;
  /**
   * How many calls of the same write (same Idempotency-Key) ending in the same server fault (5xx,
   * not 502/503/504), with another request to the API succeeding since the first, make a `server`
   * refusal. Default 3.
   */
  serverRefusalAfter?: number;
  /** Time limit of the reachability probe after a failed cross-origin fetch. Default 5 s. */
  probeTimeoutMs?: number;
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

/**
 * The header the reference server puts on every API answer (`DVC-API: 1`, exposed to other
 * origins through `Access-Control-Expose-Headers`). Positive evidence that an answer is the API's;
 * never required, because a CDN or proxy may strip it.
 */
export const API_HEADER = 'DVC-API';

/** The public read used to probe an API after a failed fetch: answered to any origin. */
const PROBE_ENDPOINT = endpoints.listFields;

const isJsonType = (contentType: string | null): boolean => !contentType || /\bjson\b/i.test(contentType);
const looksLikeHtml = (text: string): boolean => /^\s*</.test(text);

type EnvelopeShape = { error: { code: string; message: string; details?: Record<string, unknown> } };

/**
 * The error envelope of an answer, or undefined. The contract's schema first; an envelope with a
 * code this version does not know yet is still the API's (a newer server), so its shape suffices.
 */
function envelopeOf(text: string): EnvelopeShape['error'] | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const strict = safeParse(ErrorEnvelope as unknown as Schema, body);
  if (strict.success) return (strict.data as EnvelopeShape).error;
  const e = (body as { error?: unknown } | null)?.error as Record<string, unknown> | undefined;
  if (!e || typeof e !== 'object' || typeof e.code !== 'string' || typeof e.message !== 'string') return undefined;
  const details = e.details;
  if (details !== undefined && (typeof details !== 'object' || details === null || Array.isArray(details))) return undefined;
  return { code: e.code, message: e.message, details: details as Record<string, unknown> | undefined };
}

/**
 * When each API last answered a request successfully (2xx or 304), by absolute base URL, shared
 * by every client of the page (a widget's `/api` and the outbox's `https://portal/api` are one
 * API). The `server` refusal rule needs it: a fault repeated while the API answers others.
 */
const lastSuccess = new Map<string, number>();

/** The absolute form of a base URL (`''` is the page's origin), so equal APIs share one key. */
function absoluteBase(baseUrl: string): string {
  if (typeof location === 'undefined') return baseUrl;
  if (baseUrl === '') return location.origin;
  try {
    return new URL(baseUrl, location.href).href.replace(/\/+$/, '');
  } catch {
    return baseUrl;
  }
}

/** Is `url` on another origin than the page? Only then can CORS refuse a request. */
function isCrossOrigin(url: string): boolean {
  if (typeof location === 'undefined') return false;
  try {
    return new URL(url, location.href).origin !== location.origin;
  } catch {
    return false;
  }
}

/** Per Idempotency-Key, the same server fault its calls ended with so far (the `server` rule). */
const writeFaults = new Map<string, ServerFault>();

/* API bases already named in a console message: one message per base and page, not per request. */
const reported = new Set<string>();

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

/** What a probe of the API's public read found. */
type ProbeVerdict = 'api' | 'unreachable' | ServiceMisconfiguredError;

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
      inProgressBudgetMs: options.inProgressBudgetMs ?? 10_000,
      serverRefusalAfter: options.serverRefusalAfter ?? 3,
      probeTimeoutMs: options.probeTimeoutMs ?? 5_000,
      cache: options.cache === undefined ? defaultCache() : options.cache,
      now: options.now ?? Date.now,
      random: options.random ?? Math.random,
    };
  }

  /**
   * When this API (any client of the page with the same absolute base URL) last answered a
   * request successfully (2xx or 304), in ms of the client's clock; undefined if never on this page.
   */
  get lastSuccessAt(): number | undefined {
    return lastSuccess.get(absoluteBase(this.baseUrl));
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
    const inProgressBudget = retryable ? Math.max(0, opts.inProgressBudgetMs ?? this.options.inProgressBudgetMs) : 0;
    const caller = opts.signal;

    let attempt = 0;
    let inProgressWaited = 0;
    let networkFailures = 0;
    let confirmed = false;
    // This call's server fault (the same 5xx on each attempt); `repeatedFault` adds it to the key's.
    let fault: ServerFault | undefined;
    for (;;) {
      try {
        if (caller?.aborted) throw new AbortedError(undefined, { cause: caller.reason });
        const result = await this.attempt(def, url, opts, idempotencyKey, cached, cache);
        if (idempotencyKey !== undefined) writeFaults.delete(idempotencyKey);
        return result;
      } catch (raw) {
        let error = this.normalise(raw, caller);
        fault = trackServerFault(fault, error, this.options.now());
        const network = error instanceof NetworkError && !(error instanceof OfflineError);
        if (network) networkFailures++;
        let delay =
          error instanceof InProgressError
            ? this.inProgressDelay(error, inProgressWaited, inProgressBudget)
            : this.retryDelay(error, attempt, maxRetries);
        if (delay === null && network && isCrossOrigin(url)) {
          // A CORS refusal rejects exactly like a dead network. The API's public read, answered
          // to any origin, tells them apart: if it answers, this request was refused.
          const verdict = confirmed ? 'api' : await this.probe(caller);
          if (verdict === 'api') {
            // Once more first when it failed only once: a blip must not read as a refusal.
            if (!confirmed && retryable && networkFailures < 2) {
              confirmed = true;
              delay = 0;
            } else {
              error = new RequestRefusedError('cors', { url }, `Refused by CORS: ${def.method} ${url}`, { cause: error });
            }
          } else if (verdict !== 'unreachable') {
            error = verdict;
          }
        }
        if (delay === null) {
          if (idempotencyKey !== undefined) {
            // The same write, sent again (a "try again" button, the outbox) and failing the same way.
            const repeated = this.repeatedFault(idempotencyKey, fault);
            if (error instanceof ApiError && isRepeatedServerFault(repeated, this.lastSuccessAt, this.options.serverRefusalAfter)) {
              error = new RequestRefusedError('server', { url, status: error.status, code: error.code, details: error.details }, error.message, { cause: error });
            }
          }
          if (fallback && cached && (error instanceof NetworkError || error instanceof TimeoutError)) {
            return { data: this.parseOrThrow(def, cached.body), fromCache: true, storedAt: cached.storedAt };
          }
          throw error;
        }
        if (error instanceof InProgressError) inProgressWaited += delay;
        else attempt++;
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

  /**
   * The `server` refusal counts calls, not attempts: one call's retries span a second, in which a
   * widget's parallel reads succeeding says little. The same write (same Idempotency-Key) ending
   * in the same server fault call after call while the API answers other requests does.
   */
  private repeatedFault(key: string, fault: ServerFault | undefined): ServerFault | undefined {
    const previous = writeFaults.get(key);
    writeFaults.delete(key);
    if (!fault) return undefined;
    const repeated: ServerFault = previous?.status === fault.status ? { ...previous, count: previous.count + 1 } : { ...fault, count: 1 };
    writeFaults.set(key, repeated);
    // Bounded: a page open for days must not keep every key it ever sent.
    if (writeFaults.size > 100) writeFaults.delete(writeFaults.keys().next().value as string);
    return repeated;
  }

  /**
   * The wait before sending an in-progress request again (same key), or null when the budget is
   * spent. Not counted as a retry: nothing failed, the first request is still being handled.
   * At least 250 ms, so a server answering `Retry-After: 0` cannot make us spin.
   */
  private inProgressDelay(error: InProgressError, waited: number, budget: number): number | null {
    const ms = Math.max(250, (error.retryAfter ?? 1) * 1000);
    return waited + ms <= budget ? ms : null;
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
    const contentType = response.headers.get('content-type');
    const fromApi = response.headers.has(API_HEADER);
    if (response.status === 304 && cached && cache) {
      const data = this.parseOrThrow(def, cached.body);
      const refreshed = { ...cached, storedAt: now };
      cache.set(url, refreshed).catch(() => undefined);
      this.succeeded(now);
      return { data, fromCache: false, storedAt: now };
    }
    if (response.status >= 200 && response.status < 300) {
      // A portal's server answering HTML for every path (SPA fallback) is not this API.
      if (!fromApi && (!isJsonType(contentType) || looksLikeHtml(text))) throw this.misconfigured(def, url, response, contentType);
      const body = this.parseJson(text, contentType);
      const data = this.parseOrThrow(def, body);
      const etag = response.headers.get('etag');
      if (cache && etag) cache.set(url, { etag, body, storedAt: now }).catch(() => undefined);
      this.succeeded(now);
      return { data, fromCache: false, storedAt: now };
    }
    const envelope = envelopeOf(text);
    if (!envelope && !fromApi && this.notTheApi(response.status)) throw this.misconfigured(def, url, response, contentType);
    throw this.apiError(response, envelope, now);
  }

  /**
   * A non-2xx answer without the error envelope nor the API header: which statuses mean "this is
   * not the API" (an HTML 404 page, a login page, a static server's 405) rather than "the API, or
   * the gateway in front of it, is in trouble". 408/425/429 and every 5xx stay ApiErrors: a
   * proxy's 502/503/504 page or a CDN's rate limit are "later", not "wrong address".
   */
  private notTheApi(status: number): boolean {
    return status < 500 && status !== 304 && ![408, 425, 429].includes(status);
  }

  private succeeded(now: number): void {
    lastSuccess.set(absoluteBase(this.baseUrl), now);
  }

  /**
   * The error for an answer that is not this API, and the one console message per API base that
   * tells the webmaster what to fix. Logged in production builds too (not behind DEV_MODE): the
   * people who paste the snippet run the production bundle, and the console is the only place
   * they can learn which setting is wrong; once per base and page keeps it from being noise.
   */
  private misconfigured(def: Pick<EndpointDef, 'method'>, url: string, response: Response | undefined, contentType: string | null): ServiceMisconfiguredError {
    const answered = response?.url || url;
    const status = response?.status ?? 0;
    const error = new ServiceMisconfiguredError({ apiBase: this.baseUrl, url: answered, status, contentType: contentType ?? undefined });
    const base = absoluteBase(this.baseUrl);
    if (!reported.has(base)) {
      reported.add(base);
      const what = response
        ? `answered HTTP ${status}${answered !== url ? ` from ${answered} after a redirect` : ''}`
        : 'refuses this page even GET /v1/fields (no CORS)';
      console.error(
        `[dvc-widgets] ${def.method} ${url} ${what}: not the dvc-widgets API. Set the API's address (now "${this.baseUrl}") ` +
          'with the api-base attribute, data-api-base on the loader script or <meta name="dvc:api-base" content="…">.',
      );
    }
    return error;
  }

  /**
   * After a cross-origin fetch failed as a network error: does this page reach the API at all?
   * `api` — its public read (answered to any origin) came back from the API; `unreachable` — not
   * even an opaque answer (offline, DNS, the host is down, or the page's CSP forbids it);
   * otherwise the host answers but is not the API (a ServiceMisconfiguredError, logged once).
   */
  private async probe(caller: AbortSignal | undefined): Promise<ProbeVerdict> {
    const url = `${this.baseUrl}${PROBE_ENDPOINT.path}`;
    const fetchImpl = this.options.fetch ?? globalThis.fetch;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.options.probeTimeoutMs);
    const signal = caller ? anySignal([caller, timeout.signal]) : timeout.signal;
    // No custom header: the probe is a "simple" request, never preflighted itself.
    const init: RequestInit = { method: 'GET', headers: { Accept: 'application/json' }, cache: 'no-store', credentials: 'omit', signal };
    try {
      let response: Response;
      let text: string;
      try {
        response = await fetchImpl(url, init);
        text = await response.text();
      } catch {
        if (caller?.aborted) throw new AbortedError(undefined, { cause: caller.reason });
        if (timeout.signal.aborted) return 'unreachable';
        // Refused by CORS as well, or unreachable: an opaque no-cors answer says which.
        try {
          await fetchImpl(url, { ...init, headers: undefined, mode: 'no-cors' });
        } catch {
          if (caller?.aborted) throw new AbortedError(undefined, { cause: caller.reason });
          return 'unreachable';
        }
        return this.misconfigured(PROBE_ENDPOINT, url, undefined, null);
      }
      const contentType = response.headers.get('content-type');
      const ok = response.status >= 200 && response.status < 300;
      let isApi = response.headers.has(API_HEADER) || (isJsonType(contentType) && envelopeOf(text) !== undefined);
      if (!isApi && ok && isJsonType(contentType)) {
        try {
          isApi = safeParse(PROBE_ENDPOINT.response as Schema, JSON.parse(text)).success;
        } catch {
          isApi = false;
        }
      }
      if (!isApi) return this.misconfigured(PROBE_ENDPOINT, url, response, contentType);
      if (ok) this.succeeded(this.options.now());
      return 'api';
    } finally {
      clearTimeout(timer);
    }
  }

  private parseJson(text: string, contentType: string | null): unknown {
    // The API (its header says so) answering 200 with something else must not reach the schema as "data".
    if (!isJsonType(contentType)) {
      throw new ValidationError(`Expected JSON, got "${contentType!.slice(0, 100)}"`);
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

  private apiError(response: Response, envelope: EnvelopeShape['error'] | undefined, now: number): ApiError {
    const status = response.status;
    const code = envelope?.code ?? GENERIC_CODE[status] ?? (status >= 500 ? 'internal' : 'http_error');
    const message = envelope?.message ?? `HTTP ${status}`;
    const details = envelope?.details;
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'), now);
    if (status === 409 && details?.['reason'] === 'in_progress') {
      // Not a conflict: the same key is still being handled. Send it again, same key, later.
      return new InProgressError(message, retryAfter ?? 1, details);
    }
    if (status === 429 || (status === 503 && retryAfter !== undefined)) {
      return new RateLimitedError(status, code, message, retryAfter, details);
    }
    return new ApiError(status, code, message, details);
  }
}

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
