/**
 * Named error classes. Everything the API client, the data task and the outbox reject with is
 * one of these, so a widget can switch on `instanceof` (or on `name`, which is set explicitly
 * because minifiers rename classes and `constructor.name` would then read `e` or `t`).
 */

export interface DvcErrorOptions {
  cause?: unknown;
}

/** Base class of every error core throws. */
export class DvcError extends Error {
  constructor(message: string, options?: DvcErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DvcError';
  }
}

/** The server answered with a non-2xx status. `code` comes from the error envelope. */
export class ApiError extends DvcError {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  constructor(
    status: number,
    code: string,
    message: string,
    details?: Record<string, unknown>,
    options?: DvcErrorOptions,
  ) {
    super(message, options);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/**
 * 429 (or 503 with a long `Retry-After`): the server asks us to wait. `retryAfter` is in seconds
 * when the server said how long, so the UI can show a countdown instead of a retry button.
 */
export class RateLimitedError extends ApiError {
  readonly retryAfter: number | undefined;
  constructor(
    status: number,
    code: string,
    message: string,
    retryAfter: number | undefined,
    details?: Record<string, unknown>,
    options?: DvcErrorOptions,
  ) {
    super(status, code, message, details, options);
    this.name = 'RateLimitedError';
    this.retryAfter = retryAfter;
  }
}

/**
 * 409 with `details.reason: 'in_progress'`: the server is still working on an earlier request with
 * the same Idempotency-Key (two tabs, a double tap, or for up to a minute after the server crashed
 * mid-request). Nothing was refused: the same request, with the same key, must be sent again after
 * `retryAfter` seconds, and never replaced by a new request with a new key (a second booking).
 *
 * Decision: a RateLimitedError subclass. Both mean "the server asks us to wait N seconds, then send
 * the same thing", so a widget that handles RateLimitedError (countdown, retry with the same key)
 * handles this one right without knowing it. Check it *before* any `status === 409` branch: its
 * status is 409, but it is not a conflict.
 */
export class InProgressError extends RateLimitedError {
  constructor(
    message: string,
    retryAfter: number | undefined,
    details?: Record<string, unknown>,
    options?: DvcErrorOptions,
  ) {
    super(409, 'conflict', message, retryAfter, details, options);
    this.name = 'InProgressError';
  }
}

/**
 * The request never reached the server, or its answer never came back (DNS, TLS, connection
 * reset, no route). A refusal by CORS looks the same to a page; the client tells it apart by
 * probing (RequestRefusedError `cors`).
 */
export class NetworkError extends DvcError {
  constructor(message = 'Network request failed', options?: DvcErrorOptions) {
    super(message, options);
    this.name = 'NetworkError';
  }
}

/** The browser says it is offline. A subclass of NetworkError: every offline case is a network case. */
export class OfflineError extends NetworkError {
  constructor(message = 'The device is offline', options?: DvcErrorOptions) {
    super(message, options);
    this.name = 'OfflineError';
  }
}

/** No answer within the time limit. */
export class TimeoutError extends DvcError {
  readonly timeoutMs: number;
  constructor(timeoutMs: number, options?: DvcErrorOptions) {
    super(`No answer within ${timeoutMs} ms`, options);
    this.name = 'TimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** One issue found while validating an answer (a plain copy of zod's issue, path as strings). */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** A 2xx answer that is not what the contract promises (bad JSON, wrong shape, wrong type). */
export class ValidationError extends DvcError {
  readonly issues: ValidationIssue[];
  constructor(message: string, issues: ValidationIssue[] = [], options?: DvcErrorOptions) {
    super(message, options);
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

/**
 * The API address answered, but not as the dvc-widgets API: an HTML 404 page, a portal's own
 * server answering 200 HTML for every path (single-page-app fallback), JSON that is not the
 * error envelope on a 4xx, a redirect to a login page, or a host that refuses even the API's
 * public read to this page. The widget is not set up on this page (wrong `api-base`): no retry
 * helps, and it must never read as "not found". See api-client.ts for the rules.
 */
export class ServiceMisconfiguredError extends DvcError {
  /** The API base the widget was given (as configured, e.g. `''` or `/api`). */
  readonly apiBase: string;
  /** The URL that answered (after redirects). */
  readonly url: string;
  /** Its status; 0 when the host only answered a no-cors probe (status unreadable). */
  readonly status: number;
  /** Its `Content-Type`, if any. */
  readonly contentType: string | undefined;
  constructor(
    init: { apiBase: string; url: string; status: number; contentType?: string | undefined },
    message = `Not the dvc-widgets API: ${init.url} (HTTP ${init.status})`,
    options?: DvcErrorOptions,
  ) {
    super(message, options);
    this.name = 'ServiceMisconfiguredError';
    this.apiBase = init.apiBase;
    this.url = init.url;
    this.status = init.status;
    this.contentType = init.contentType;
  }
}

/**
 * Why a request was refused for good:
 * - `cors`: the browser refused it (CORS/preflight: this page's origin is not allowed to make
 *   this request), while the same API answers this page's public reads;
 * - `client`: a 4xx that retrying cannot fix (the request itself is wrong or not allowed);
 * - `server`: the same server fault (5xx other than a gateway's 502/503/504) again and again while
 *   other requests to the same API succeed, so it is this request the server cannot handle.
 */
export type RefusalReason = 'cors' | 'client' | 'server';

/**
 * The request will not be accepted however often it is sent: show what the citizen entered, a
 * clear message with the office's contact, and stop retrying. `status`, `code` and `details`
 * are the server's when it answered (`client`, `server`); `cause` is the error it replaces.
 * Not an ApiError and not a NetworkError on purpose: code that queues network failures or reads
 * `status === 409` as "already done" must not mistake a refusal for either.
 */
export class RequestRefusedError extends DvcError {
  readonly reason: RefusalReason;
  readonly url: string | undefined;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly details: Record<string, unknown> | undefined;
  constructor(
    reason: RefusalReason,
    init: { url?: string | undefined; status?: number | undefined; code?: string | undefined; details?: Record<string, unknown> | undefined } = {},
    message = `Refused (${reason})`,
    options?: DvcErrorOptions,
  ) {
    super(message, options);
    this.name = 'RequestRefusedError';
    this.reason = reason;
    this.url = init.url;
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
  }
}

/**
 * The caller (or the element going away, or a newer request) cancelled the work. Not a failure:
 * the data task never shows it as an error state.
 */
export class AbortedError extends DvcError {
  constructor(message = 'The request was cancelled', options?: DvcErrorOptions) {
    super(message, options);
    this.name = 'AbortedError';
  }
}

/** True for our AbortedError and for the platform's `AbortError` DOMException. */
export function isAbortError(error: unknown): boolean {
  return (
    error instanceof AbortedError ||
    (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError')
  );
}

/**
 * Maps anything thrown to one of the named classes. Unknown errors are wrapped (message kept,
 * original in `cause`) so callers never have to handle strings, DOMExceptions or bare Errors.
 */
export function toDvcError(error: unknown): DvcError {
  if (error instanceof DvcError) return error;
  if (isAbortError(error)) return new AbortedError(undefined, { cause: error });
  if (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'TimeoutError') {
    return new TimeoutError(0, { cause: error });
  }
  if (error instanceof TypeError) {
    return isOffline() ? new OfflineError(undefined, { cause: error }) : new NetworkError(error.message, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new DvcError(message || 'Unexpected error', { cause: error });
}

/** `navigator.onLine === false` is reliable (true is not), so only that answer is trusted. */
export function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/** Statuses a gateway or proxy answers for "try later": never read as a refusal or a misconfiguration. */
export const GATEWAY_STATUS: ReadonlySet<number> = new Set([502, 503, 504]);

/** 4xx statuses that mean "later" rather than "no": timeout, too early, too many requests. */
const LATER_4XX: ReadonlySet<number> = new Set([408, 425, 429]);

/**
 * Consecutive server faults of one request: the same 5xx (not a gateway's), how many times,
 * since when (ms, the caller's clock).
 */
export interface ServerFault {
  status: number;
  count: number;
  since: number;
}

/** `fault` after one more failure `error` at `now`: counts the same server fault, else starts over. */
export function trackServerFault(fault: ServerFault | undefined, error: unknown, now: number): ServerFault | undefined {
  if (!(error instanceof ApiError) || error instanceof RateLimitedError) return undefined;
  if (error.status < 500 || GATEWAY_STATUS.has(error.status)) return undefined;
  return fault?.status === error.status ? { ...fault, count: fault.count + 1 } : { status: error.status, count: 1, since: now };
}

/**
 * The `server` refusal rule: the same server fault at least `threshold` times, and the same API
 * answered another request successfully after the first of them (so the API is up, and it is
 * this request it cannot handle: a body the database refuses, a bug). Without a success since,
 * the API may simply be down: keep trying.
 */
export function isRepeatedServerFault(fault: ServerFault | undefined, lastSuccessAt: number | undefined, threshold: number): boolean {
  return !!fault && fault.count >= threshold && lastSuccessAt !== undefined && lastSuccessAt > fault.since;
}

/** Why an undeliverable request is final: a refusal, or an API address that is not the API. */
export type FinalReason = RefusalReason | 'misconfigured';

/**
 * The one rule for "can sending the same request again ever succeed?": the reason it cannot, or
 * undefined when it may (network, timeout, 408/425/429, 5xx, in progress, an unreadable answer).
 * A 4xx (other than 408/425/429) is `client`; RequestRefusedError keeps its own reason. Used by
 * the outbox; widgets use it to decide between "saved, will be sent" and "not accepted".
 */
export function refusalOf(error: unknown): FinalReason | undefined {
  const e = toDvcError(error);
  if (e instanceof RequestRefusedError) return e.reason;
  if (e instanceof ServiceMisconfiguredError) return 'misconfigured';
  if (e instanceof RateLimitedError) return undefined;
  if (e instanceof ApiError && e.status >= 400 && e.status < 500 && !LATER_4XX.has(e.status)) return 'client';
  return undefined;
}

/**
 * True when the failure says nothing against the request itself, so it may be sent again later
 * with the same Idempotency-Key (queued in the outbox): not refused, not misconfigured, not
 * cancelled. Rate limits and in-progress answers are transient too (send the same thing later).
 * An unexpected error (a bare DvcError) is not: nothing says a later try would go better.
 */
export function isTransient(error: unknown): boolean {
  const e = toDvcError(error);
  return !(e instanceof AbortedError) && e.constructor !== DvcError && refusalOf(e) === undefined;
}

/** A named error as plain data (IndexedDB keeps it with an undeliverable outbox item). */
export interface ErrorRecord {
  name: string;
  message: string;
  status?: number;
  code?: string;
  details?: Record<string, unknown>;
  retryAfter?: number;
  reason?: RefusalReason;
  url?: string;
  apiBase?: string;
  contentType?: string;
  timeoutMs?: number;
  issues?: ValidationIssue[];
}

/** `error` as plain data; `errorFromRecord` gives back an error of the same class. */
export function toErrorRecord(error: unknown): ErrorRecord {
  const e = toDvcError(error);
  const record: ErrorRecord = { name: e.name, message: e.message };
  const fields = e as unknown as Record<string, unknown>;
  for (const key of ['status', 'code', 'details', 'retryAfter', 'reason', 'url', 'apiBase', 'contentType', 'timeoutMs', 'issues'] as const) {
    if (fields[key] !== undefined) (record as unknown as Record<string, unknown>)[key] = fields[key];
  }
  return record;
}

const KINDS: Record<string, { prototype: DvcError }> = {
  ApiError,
  RateLimitedError,
  InProgressError,
  NetworkError,
  OfflineError,
  TimeoutError,
  ValidationError,
  ServiceMisconfiguredError,
  RequestRefusedError,
  AbortedError,
};

/**
 * The error an ErrorRecord describes: same class (`instanceof` works), name, message and fields,
 * so messages read the same after a reload. Made from the prototype, not the constructor: one
 * rule for every class instead of one constructor call each (smaller), at the cost of a stack.
 */
export function errorFromRecord(r: ErrorRecord): DvcError {
  return Object.assign(Object.create((KINDS[r.name] ?? DvcError).prototype) as DvcError, r);
}

/**
 * Whom the citizen can call when the service cannot help: the office's phone (and name) from the
 * widget's configuration (`contact-phone` / `contact-name`, see config.ts). It must come from
 * configuration, not from the API: when the API is misconfigured the agency's own contacts
 * cannot be fetched.
 */
export interface Contact {
  phone?: string | undefined;
  name?: string | undefined;
}

/** A core string: `t(key, values)` in the `core` namespace. */
export interface MessageKey {
  key: string;
  values?: Record<string, unknown>;
}

/** What to tell a citizen about an error: the message, and for final failures the way forward. */
export interface ErrorMessageKey extends MessageKey {
  /** The way forward (call the office), for errors no retry fixes: misconfigured and refused. */
  help?: MessageKey;
}

/**
 * The way forward when the service cannot help: "call {name} on {phone}", "call {phone}", or,
 * without a configured phone, "contact the office that handles your dossier".
 */
export function contactMessageKey(contact?: Contact): MessageKey {
  const phone = contact?.phone?.trim();
  const name = contact?.name?.trim();
  if (phone && name) return { key: 'contact.callNamed', values: { phone, name } };
  if (phone) return { key: 'contact.call', values: { phone } };
  return { key: 'contact.visit' };
}

/**
 * The key in the `core` locale namespace that describes an error to a citizen, with its
 * interpolation values, and (`help`) the way forward for errors that no retry fixes. Widgets
 * render them through their LocalizeController (`localize.errorMessage(error)` joins both, with
 * the contact from the widget's configuration).
 */
export function errorMessageKey(error: unknown, contact?: Contact): ErrorMessageKey {
  const e = toDvcError(error);
  if (e instanceof InProgressError) {
    return e.retryAfter !== undefined
      ? { key: 'error.inProgressSeconds', values: { count: Math.max(1, Math.ceil(e.retryAfter)), seconds: Math.max(1, Math.ceil(e.retryAfter)) } }
      : { key: 'error.inProgress' };
  }
  if (e instanceof RateLimitedError) {
    return e.retryAfter !== undefined
      ? { key: 'error.rateLimitedSeconds', values: { count: Math.ceil(e.retryAfter), seconds: Math.ceil(e.retryAfter) } }
      : { key: 'error.rateLimited' };
  }
  if (e instanceof ServiceMisconfiguredError) return { key: 'error.misconfigured', help: contactMessageKey(contact) };
  if (e instanceof RequestRefusedError) {
    const key = e.reason === 'cors' ? 'error.refusedOrigin' : e.reason === 'server' ? 'error.refusedServer' : 'error.refused';
    return { key, help: contactMessageKey(contact) };
  }
  if (e instanceof OfflineError) return { key: 'error.offline' };
  if (e instanceof NetworkError) return { key: 'error.network' };
  if (e instanceof TimeoutError) return { key: 'error.timeout' };
  if (e instanceof ValidationError) return { key: 'error.invalidResponse' };
  if (e instanceof AbortedError) return { key: 'error.aborted' };
  if (e instanceof ApiError) {
    if (e.status === 404) return { key: 'error.notFound' };
    if (e.status === 409) return { key: 'error.conflict' };
    if (e.status === 400 || e.status === 422) return { key: 'error.invalidRequest' };
    // A gateway in front of the API (502/503/504): the service is down for now, try later.
    if (GATEWAY_STATUS.has(e.status)) return { key: 'error.unavailable' };
    if (e.status >= 500) return { key: 'error.server' };
    return { key: 'error.request' };
  }
  return { key: 'error.unexpected' };
}
