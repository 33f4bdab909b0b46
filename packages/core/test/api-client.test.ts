import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { EndpointDef } from '@dvc-widgets/contract';
import * as z from 'zod/mini';
import {
  ApiClient,
  getApiClient,
  newIdempotencyKey,
  parseRetryAfter,
  PersistentResponseCache,
  type ApiClientOptions,
  type CachedResponse,
  type ResponseCache,
} from '../src/api-client.js';
import {
  AbortedError,
  ApiError,
  DvcError,
  errorMessageKey,
  InProgressError,
  NetworkError,
  OfflineError,
  RateLimitedError,
  RequestRefusedError,
  ServiceMisconfiguredError,
  TimeoutError,
  ValidationError,
} from '../src/errors.js';
import { captureConsoleError, rejection } from './support.js';

// ---- helpers ----

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  mode: RequestMode | undefined;
}
type Reply = Response | Error | (() => Response | Promise<Response>) | 'hang';

/** A fetch that answers from a script and records what it was asked. */
function scripted(...replies: Reply[]) {
  const calls: Call[] = [];
  const fetch: typeof globalThis.fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({
      url: String(input),
      method: init.method ?? 'GET',
      headers: Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>)),
      body: init.body as string | undefined,
      mode: init.mode,
    });
    const reply = replies.length > 1 ? replies.shift()! : replies[0]!;
    if (reply === 'hang') {
      return new Promise<Response>((_, reject) => {
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    }
    if (reply instanceof Error) throw reply;
    return typeof reply === 'function' ? reply() : reply.clone();
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
const envelope = (status: number, code: string, message = 'msg', headers: Record<string, string> = {}, details?: Record<string, unknown>) =>
  json({ error: { code, message, ...(details ? { details } : {}) } }, status, headers);
const html = (status: number, body = '<!doctype html><html><body><h1>Trang không tồn tại</h1></body></html>', headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers } });
/** The reference server's header on every API answer: positive evidence, never required. */
const FROM_API = { 'DVC-API': '1' };
const inProgress = (retryAfter = '0') =>
  envelope(409, 'conflict', 'A request with this Idempotency-Key is in progress', { 'retry-after': retryAfter }, { reason: 'in_progress' });

let uniqueBase = 0;
/** A base URL no other test used: the misconfiguration message and success times are per base. */
const freshBase = (label: string) => `https://${label}-${++uniqueBase}.api.example`;

class MemoryCache implements ResponseCache {
  map = new Map<string, CachedResponse>();
  async get(key: string) {
    return this.map.get(key);
  }
  async set(key: string, value: CachedResponse) {
    this.map.set(key, value);
  }
}

const FIELDS = { items: [{ name: 'Hộ tịch', procedureCount: 12 }] };
const DOSSIER = '000.00.01.H29-260310-0420';
const ELIGIBILITY = { dossierCode: DOSSIER, eligible: true, reason: 'ok', procedureName: 'Khai sinh', agencyName: null };
const RECEIPT = { reference: 'DG-1', surveyId: 'default', dossierCode: DOSSIER, submittedAt: '2026-03-10T08:15:00+07:00' };
const SURVEY_BODY = { dossierCode: DOSSIER, answers: [{ criterion: 'overall', rating: 'satisfied' as const }] };

function client(fetch: typeof globalThis.fetch, options: Partial<ApiClientOptions> = {}) {
  return new ApiClient({ baseUrl: 'https://api.example/', fetch, cache: false, random: () => 0, ...options });
}

function setOnline(value: boolean | undefined) {
  if (value === undefined) delete (navigator as unknown as Record<string, unknown>).onLine;
  else Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => value });
}

// ---- tests ----

describe('ApiClient: requests', () => {
  it('builds the URL from the endpoint table, drops undefined query values, parses the answer', async () => {
    const { fetch, calls } = scripted(json(FIELDS));
    const data = await client(fetch).request('listFields', { query: { agency: undefined } });
    expect(data).to.deep.equal(FIELDS);
    expect(calls[0]!.url).to.equal('https://api.example/v1/fields');
    expect(calls[0]!.method).to.equal('GET');
    expect(calls[0]!.headers.Accept).to.equal('application/json');
    expect(calls[0]!.headers['Idempotency-Key']).to.equal(undefined);

    const second = scripted(json(ELIGIBILITY));
    await client(second.fetch).request('checkSurveyEligibility', { params: { surveyId: 'default', dossierCode: DOSSIER } });
    expect(second.calls[0]!.url).to.equal(`https://api.example/v1/surveys/default/eligibility/${encodeURIComponent(DOSSIER)}`);
  });

  it('encodes query values and repeats arrays', () => {
    const c = client(scripted(json(FIELDS)).fetch);
    expect(c.url('listFields', undefined, { agency: '000.00.01.H29' })).to.equal('https://api.example/v1/fields?agency=000.00.01.H29');
    const url = c.url('searchProcedures', undefined, { q: 'khai sinh & kết hôn', page: 2, pageSize: undefined } as never);
    expect(url).to.equal('https://api.example/v1/procedures?q=khai+sinh+%26+k%E1%BA%BFt+h%C3%B4n&page=2');
    const arrays = c.url('listFields', undefined, { agency: ['a', undefined, 'b'] } as never);
    expect(arrays).to.equal('https://api.example/v1/fields?agency=a&agency=b');
  });

  it('rejects with a DvcError for a missing path parameter or unknown endpoint', async () => {
    const { fetch, calls } = scripted(json(ELIGIBILITY));
    const e = await rejection(client(fetch).request('checkSurveyEligibility', { params: { surveyId: 'default' } as never }));
    expect(e).to.be.instanceOf(DvcError);
    expect(e.message).to.contain('dossierCode');
    expect(await rejection(client(fetch).request('nope' as never))).to.be.instanceOf(DvcError);
    expect(calls).to.have.length(0);
  });

  it('sends JSON bodies with a generated Idempotency-Key for idempotent POSTs', async () => {
    const { fetch, calls } = scripted(json(RECEIPT, 201));
    const data = await client(fetch).request('submitSurveyResponse', { params: { surveyId: 'default' }, body: SURVEY_BODY });
    expect(data.reference).to.equal('DG-1');
    expect(calls[0]!.method).to.equal('POST');
    expect(calls[0]!.headers['Content-Type']).to.equal('application/json');
    expect(JSON.parse(calls[0]!.body!)).to.deep.equal(SURVEY_BODY);
    expect(calls[0]!.headers['Idempotency-Key']).to.match(/^[0-9a-f-]{36}$/);

    const own = scripted(json(RECEIPT, 201));
    await client(own.fetch).request('submitSurveyResponse', { params: { surveyId: 'default' }, body: SURVEY_BODY, idempotencyKey: 'my-key' });
    expect(own.calls[0]!.headers['Idempotency-Key']).to.equal('my-key');
  });

  it('newIdempotencyKey gives distinct v4 UUIDs', () => {
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
    expect(keys.size).to.equal(50);
    for (const k of keys) expect(k).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('newIdempotencyKey falls back to getRandomValues without randomUUID', () => {
    const original = crypto.randomUUID;
    (crypto as unknown as Record<string, unknown>).randomUUID = undefined;
    try {
      expect(newIdempotencyKey()).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    } finally {
      (crypto as unknown as Record<string, unknown>).randomUUID = original;
    }
  });

  it('getApiClient shares one client per base URL', () => {
    expect(getApiClient('/api')).to.equal(getApiClient('/api/'));
    expect(getApiClient('/api')).to.not.equal(getApiClient('/other'));
    expect(getApiClient('/api').baseUrl).to.equal('/api');
  });

  it('uses the global fetch when none is injected', async () => {
    const original = window.fetch;
    const { fetch, calls } = scripted(json(FIELDS));
    window.fetch = fetch;
    try {
      await new ApiClient({ baseUrl: '', cache: false }).request('listFields');
      expect(calls[0]!.url).to.equal('/v1/fields');
    } finally {
      window.fetch = original;
    }
  });
});

describe('ApiClient: answers', () => {
  it('rejects a 2xx body that does not match the schema with ValidationError and issues', async () => {
    const { fetch } = scripted(json({ items: [{ name: 1 }] }));
    const e = await rejection(client(fetch).request('listFields'));
    expect(e).to.be.instanceOf(ValidationError);
    expect((e as ValidationError).issues.length).to.be.greaterThan(0);
    expect((e as ValidationError).issues[0]!.path).to.contain('items');
  });

  it('rejects invalid JSON, and non-JSON content types from the API itself, with ValidationError', async () => {
    const bad = scripted(new Response('{oops', { status: 200, headers: { 'content-type': 'application/json' } }));
    expect(await rejection(client(bad.fetch).request('listFields'))).to.be.instanceOf(ValidationError);
    const text = scripted(new Response('fields', { status: 200, headers: { 'content-type': 'text/plain', ...FROM_API } }));
    const e = await rejection(client(text.fetch).request('listFields'));
    expect(e).to.be.instanceOf(ValidationError);
    expect(e.message).to.contain('text/plain');
  });

  it('accepts JSON without a content type', async () => {
    const { fetch } = scripted(() => {
      const r = new Response(JSON.stringify(FIELDS), { status: 200 });
      r.headers.delete('content-type');
      return r;
    });
    expect(await client(fetch).request('listFields')).to.deep.equal(FIELDS);
  });

  it('turns an error envelope into ApiError with status, code, message and details', async () => {
    const { fetch } = scripted(envelope(404, 'not_found', 'Không tìm thấy hồ sơ', {}, { code: DOSSIER }));
    const e = (await rejection(client(fetch).request('listFields'))) as ApiError;
    expect(e).to.be.instanceOf(ApiError);
    expect([e.status, e.code, e.message]).to.deep.equal([404, 'not_found', 'Không tìm thấy hồ sơ']);
    expect(e.details).to.deep.equal({ code: DOSSIER });
  });

  it('falls back to a generic ApiError when the API (its header says so) sends no envelope', async () => {
    const cases: Array<[Response, number, string]> = [
      [new Response('<h1>Conflict</h1>', { status: 409, headers: { 'content-type': 'text/html', ...FROM_API } }), 409, 'conflict'],
      [json({ message: 'no envelope' }, 422, FROM_API), 422, 'unprocessable'],
      [new Response('', { status: 401, headers: FROM_API }), 401, 'unauthorized'],
      [new Response('', { status: 418, headers: FROM_API }), 418, 'http_error'],
    ];
    for (const [response, status, code] of cases) {
      const e = (await rejection(client(scripted(response).fetch).request('listFields'))) as ApiError;
      expect(e.constructor, String(status)).to.equal(ApiError);
      expect(e.status).to.equal(status);
      expect(e.code).to.equal(code);
      expect(e.message).to.equal(`HTTP ${status}`);
    }
    const e = (await rejection(client(scripted(new Response('x', { status: 505 })).fetch, { maxRetries: 0 }).request('listFields'))) as ApiError;
    expect(e.constructor).to.equal(ApiError);
    expect(e.code).to.equal('internal');
  });

  it('keeps an envelope whose code this version does not know (a newer server)', async () => {
    const e = (await rejection(client(scripted(json({ error: { code: 'teapot', message: 'Tôi là ấm trà' } }, 418)).fetch).request('listFields'))) as ApiError;
    expect(e.constructor).to.equal(ApiError);
    expect([e.status, e.code, e.message]).to.deep.equal([418, 'teapot', 'Tôi là ấm trà']);
    const bad = (await rejection(client(scripted(json({ error: { code: 'x', message: 'y', details: [1] } }, 404, FROM_API)).fetch).request('listFields'))) as ApiError;
    expect(bad.code).to.equal('not_found');
  });
});

describe('ApiClient: retries', () => {
  it('retries GETs on transient statuses and network errors, then succeeds', async () => {
    const { fetch, calls } = scripted(envelope(503, 'unavailable'), new TypeError('Failed to fetch'), json(FIELDS));
    expect(await client(fetch).request('listFields')).to.deep.equal(FIELDS);
    expect(calls).to.have.length(3);
  });

  for (const status of [408, 425, 429, 500, 502, 503, 504]) {
    it(`retries ${status} at most maxRetries times`, async () => {
      const { fetch, calls } = scripted(envelope(status, status === 429 ? 'rate_limited' : 'internal'));
      const e = await rejection(client(fetch).request('listFields'));
      expect(e).to.be.instanceOf(ApiError);
      expect((e as ApiError).status).to.equal(status);
      expect(calls).to.have.length(3);
    });
  }

  it('does not retry other statuses or validation errors', async () => {
    for (const reply of [envelope(404, 'not_found'), envelope(400, 'invalid_request'), json({ wrong: true })]) {
      const { fetch, calls } = scripted(reply);
      await rejection(client(fetch).request('listFields'));
      expect(calls).to.have.length(1);
    }
  });

  it('honours per-call retries and a client maxRetries', async () => {
    const a = scripted(envelope(500, 'internal'));
    await rejection(client(a.fetch).request('listFields', { retries: 0 }));
    expect(a.calls).to.have.length(1);
    const b = scripted(envelope(500, 'internal'));
    await rejection(client(b.fetch, { maxRetries: 4 }).request('listFields'));
    expect(b.calls).to.have.length(5);
  });

  it('backs off exponentially with full jitter', async () => {
    const delays: number[] = [];
    const originalSetTimeout = window.setTimeout;
    (window as unknown as { setTimeout: unknown }).setTimeout = (fn: () => void, ms?: number, ...rest: unknown[]) => {
      if (ms !== 10_000 && ms !== 1000) delays.push(ms ?? 0);
      return originalSetTimeout(fn, 0, ...rest);
    };
    try {
      const { fetch } = scripted(envelope(500, 'internal'));
      await rejection(client(fetch, { random: () => 0.5, retryBaseMs: 100, retryMaxMs: 150, maxRetries: 3 }).request('listFields'));
    } finally {
      window.setTimeout = originalSetTimeout;
    }
    // 0.5 × min(150, 100·2^n) for n = 0, 1, 2
    expect(delays).to.deep.equal([50, 75, 75]);
  });

  it('retries idempotent POSTs with the same key', async () => {
    const { fetch, calls } = scripted(new TypeError('reset'), envelope(502, 'internal'), json(RECEIPT, 201));
    await client(fetch).request('submitSurveyResponse', { params: { surveyId: 'default' }, body: SURVEY_BODY });
    expect(calls).to.have.length(3);
    const keys = new Set(calls.map((c) => c.headers['Idempotency-Key']));
    expect(keys.size).to.equal(1);
  });

  it('never retries a POST without an Idempotency-Key', async () => {
    const table: Record<string, EndpointDef> = {
      plainPost: { method: 'POST', path: '/v1/plain', body: z.unknown(), response: z.object({ ok: z.boolean() }), status: 201 },
    };
    const { fetch, calls } = scripted(envelope(503, 'unavailable'));
    const c = new ApiClient({ baseUrl: '', fetch, cache: false, random: () => 0, endpoints: table });
    const e = await rejection(c.request('plainPost' as never, { body: {} } as never));
    expect(e).to.be.instanceOf(ApiError);
    expect(calls).to.have.length(1);
    expect(calls[0]!.headers['Idempotency-Key']).to.equal(undefined);

    const keyed = scripted(envelope(503, 'unavailable'), json({ ok: true }, 201));
    const c2 = new ApiClient({ baseUrl: '', fetch: keyed.fetch, cache: false, random: () => 0, endpoints: table });
    await c2.request('plainPost' as never, { body: {}, idempotencyKey: 'k' } as never);
    expect(keyed.calls).to.have.length(2);
  });

  it('waits for a short Retry-After on 429 and 503, then retries', async () => {
    const { fetch, calls } = scripted(envelope(429, 'rate_limited', 'slow', { 'retry-after': '0' }), envelope(503, 'unavailable', 'x', { 'retry-after': '0' }), json(FIELDS));
    expect(await client(fetch).request('listFields')).to.deep.equal(FIELDS);
    expect(calls).to.have.length(3);
  });

  it('throws RateLimitedError at once when Retry-After is longer than the cap', async () => {
    const { fetch, calls } = scripted(envelope(429, 'rate_limited', 'Quá nhiều yêu cầu', { 'retry-after': '60' }));
    const e = (await rejection(client(fetch).request('listFields'))) as RateLimitedError;
    expect(e).to.be.instanceOf(RateLimitedError);
    expect(e.name).to.equal('RateLimitedError');
    expect(e.retryAfter).to.equal(60);
    expect(e.status).to.equal(429);
    expect(e.message).to.equal('Quá nhiều yêu cầu');
    expect(calls).to.have.length(1);
  });

  it('reads Retry-After as an HTTP date', async () => {
    const now = Date.parse('2026-03-10T01:00:00Z');
    const { fetch, calls } = scripted(envelope(503, 'unavailable', 'x', { 'retry-after': new Date(now + 120_000).toUTCString() }));
    const e = (await rejection(client(fetch, { now: () => now }).request('listFields'))) as RateLimitedError;
    expect(e).to.be.instanceOf(RateLimitedError);
    expect(e.status).to.equal(503);
    expect(e.retryAfter).to.equal(120);
    expect(calls).to.have.length(1);
  });

  it('a 429 without Retry-After is retried with backoff and ends as RateLimitedError', async () => {
    const { fetch, calls } = scripted(envelope(429, 'rate_limited'));
    const e = (await rejection(client(fetch).request('listFields'))) as RateLimitedError;
    expect(e).to.be.instanceOf(RateLimitedError);
    expect(e.retryAfter).to.equal(undefined);
    expect(calls).to.have.length(3);
  });

  it('parseRetryAfter handles seconds, dates, garbage and the past', () => {
    const now = Date.parse('2026-03-10T01:00:00Z');
    expect(parseRetryAfter('30', now)).to.equal(30);
    expect(parseRetryAfter(' 5 ', now)).to.equal(5);
    expect(parseRetryAfter(new Date(now + 2500).toUTCString(), now)).to.equal(2);
    expect(parseRetryAfter(new Date(now - 60_000).toUTCString(), now)).to.equal(0);
    expect(parseRetryAfter('soon', now)).to.equal(undefined);
    expect(parseRetryAfter(null, now)).to.equal(undefined);
    expect(parseRetryAfter('-3', now)).to.equal(undefined);
  });
});

describe('ApiClient: timeouts, aborts, offline', () => {
  afterEach(() => setOnline(undefined));

  it('times out each attempt and retries, then throws TimeoutError', async () => {
    const { fetch, calls } = scripted('hang');
    const e = (await rejection(client(fetch, { timeoutMs: 20 }).request('listFields'))) as TimeoutError;
    expect(e).to.be.instanceOf(TimeoutError);
    expect(e.timeoutMs).to.equal(20);
    expect(calls).to.have.length(3);
  });

  it('aborts with AbortedError when the caller aborts, without retrying', async () => {
    const { fetch, calls } = scripted('hang');
    const controller = new AbortController();
    const promise = client(fetch).request('listFields', { signal: controller.signal });
    await new Promise((r) => setTimeout(r));
    controller.abort();
    expect(await rejection(promise)).to.be.instanceOf(AbortedError);
    expect(calls).to.have.length(1);
  });

  it('does not even start when the signal is already aborted', async () => {
    const { fetch, calls } = scripted(json(FIELDS));
    const e = await rejection(client(fetch).request('listFields', { signal: AbortSignal.abort() }));
    expect(e).to.be.instanceOf(AbortedError);
    expect(calls).to.have.length(0);
  });

  it('aborts during the backoff wait', async () => {
    const controller = new AbortController();
    const { fetch, calls } = scripted(() => {
      setTimeout(() => controller.abort());
      return envelope(500, 'internal');
    });
    const e = await rejection(client(fetch, { random: () => 0.99, retryBaseMs: 5000 }).request('listFields', { signal: controller.signal }));
    expect(e).to.be.instanceOf(AbortedError);
    expect(calls).to.have.length(1);
  });

  it('says OfflineError without calling fetch when the browser is offline', async () => {
    setOnline(false);
    const { fetch, calls } = scripted(json(FIELDS));
    expect(await rejection(client(fetch).request('listFields'))).to.be.instanceOf(OfflineError);
    expect(calls).to.have.length(0);
  });

  it('maps a fetch failure to OfflineError when the browser went offline meanwhile, else NetworkError', async () => {
    const offline = scripted(() => {
      setOnline(false);
      throw new TypeError('Failed to fetch');
    });
    expect(await rejection(client(offline.fetch).request('listFields'))).to.be.instanceOf(OfflineError);
    expect(offline.calls).to.have.length(1);
    setOnline(undefined);
    const down = scripted(new TypeError('Failed to fetch'));
    const e = await rejection(client(down.fetch).request('listFields'));
    expect(e.constructor).to.equal(NetworkError);
    expect(e.cause).to.be.instanceOf(TypeError);
  });

  it('wraps anything else fetch throws', async () => {
    const { fetch } = scripted(() => {
      throw 'a string';
    });
    const e = await rejection(client(fetch, { maxRetries: 0 }).request('listFields'));
    expect(e).to.be.instanceOf(NetworkError);
  });
});

describe('ApiClient: conditional requests and cache', () => {
  afterEach(() => setOnline(undefined));

  it('remembers the ETag, sends If-None-Match and uses the cached body on 304', async () => {
    const cache = new MemoryCache();
    let now = 1000;
    const { fetch, calls } = scripted(json(FIELDS, 200, { etag: '"v1"' }), new Response(null, { status: 304 }));
    const c = client(fetch, { cache, now: () => now });
    const first = await c.requestWithMeta('listFields');
    expect(first).to.deep.equal({ data: FIELDS, fromCache: false, storedAt: 1000 });
    expect(calls[0]!.headers['If-None-Match']).to.equal(undefined);
    now = 5000;
    const second = await c.requestWithMeta('listFields');
    expect(calls[1]!.headers['If-None-Match']).to.equal('"v1"');
    expect(second).to.deep.equal({ data: FIELDS, fromCache: false, storedAt: 5000 });
  });

  it('does not cache endpoints that are not cacheable, nor answers without ETag', async () => {
    const cache = new MemoryCache();
    const { fetch, calls } = scripted(json(ELIGIBILITY, 200, { etag: '"e"' }), json(FIELDS));
    const c = client(fetch, { cache });
    await c.request('checkSurveyEligibility', { params: { surveyId: 'default', dossierCode: DOSSIER } });
    await c.request('listFields');
    expect(cache.map.size).to.equal(0);
    expect(calls.every((call) => call.headers['If-None-Match'] === undefined)).to.equal(true);
  });

  it('requestWithMeta falls back to the stored copy when offline or the network fails', async () => {
    const cache = new MemoryCache();
    const { fetch } = scripted(json(FIELDS, 200, { etag: '"v1"' }), new TypeError('Failed to fetch'));
    const c = client(fetch, { cache, now: () => 42 });
    await c.request('listFields');
    const meta = await c.requestWithMeta('listFields');
    expect(meta).to.deep.equal({ data: FIELDS, fromCache: true, storedAt: 42 });
    setOnline(false);
    expect((await c.requestWithMeta('listFields')).fromCache).to.equal(true);
    // request() reports the failure; only requestWithMeta falls back.
    expect(await rejection(c.request('listFields'))).to.be.instanceOf(OfflineError);
  });

  it('does not fall back on API errors, and rejects when nothing is stored', async () => {
    const cache = new MemoryCache();
    const { fetch } = scripted(json(FIELDS, 200, { etag: '"v1"' }), envelope(404, 'not_found'));
    const c = client(fetch, { cache });
    await c.request('listFields');
    expect(await rejection(c.requestWithMeta('listFields'))).to.be.instanceOf(ApiError);
    const empty = client(scripted(new TypeError('x')).fetch, { cache: new MemoryCache() });
    expect(await rejection(empty.requestWithMeta('listFields'))).to.be.instanceOf(NetworkError);
  });

  it('treats a 304 without a stored copy as an error', async () => {
    const { fetch } = scripted(new Response(null, { status: 304 }));
    const e = (await rejection(client(fetch, { cache: new MemoryCache() }).request('listFields'))) as ApiError;
    expect(e).to.be.instanceOf(ApiError);
    expect(e.status).to.equal(304);
  });

  it('persists in IndexedDB so a new page (client) still has the copy offline', async () => {
    const dbName = `dvc-cache-test-${Math.random().toString(36).slice(2)}`;
    const first = client(scripted(json(FIELDS, 200, { etag: '"p1"' })).fetch, { cache: new PersistentResponseCache({ dbName }), now: () => 7 });
    await first.request('listFields');
    await new Promise((r) => setTimeout(r, 50));
    // A fresh cache object has an empty memory: the copy must come from IndexedDB.
    const reload = scripted(new Response(null, { status: 304 }));
    const second = client(reload.fetch, { cache: new PersistentResponseCache({ dbName }) });
    const meta = await second.requestWithMeta('listFields');
    expect(reload.calls[0]!.headers['If-None-Match']).to.equal('"p1"');
    expect(meta.data).to.deep.equal(FIELDS);
    setOnline(false);
    const offline = client(scripted(json({})).fetch, { cache: new PersistentResponseCache({ dbName }) });
    const copy = await offline.requestWithMeta('listFields');
    expect(copy.fromCache).to.equal(true);
    expect(copy.data).to.deep.equal(FIELDS);
    indexedDB.deleteDatabase(dbName);
  });

  it('PersistentResponseCache keeps at most maxStoredEntries answers on the device, least recently confirmed going first', async () => {
    const dbName = `dvc-cache-test-${Math.random().toString(36).slice(2)}`;
    const cache = new PersistentResponseCache({ dbName, maxStoredEntries: 3 });
    const { createStore, keys, set } = await import('idb-keyval');
    const store = createStore(dbName, 'responses');
    // Written in this order, but 'old' was confirmed (304) most recently of the first four.
    for (const [key, storedAt] of [['a', 10], ['b', 20], ['old', 90], ['c', 30], ['d', 40]] as const) {
      await set(key, { etag: key, body: key, storedAt }, store);
    }
    await set('not-an-answer', 'junk', store);
    await cache.prune();
    expect(((await keys(store)) as string[]).sort()).to.deep.equal(['c', 'd', 'old']);
    // A write prunes once per page by itself.
    await cache.set('e', { etag: 'e', body: 'e', storedAt: 100 });
    await new Promise((r) => setTimeout(r, 100));
    expect(((await keys(store)) as string[]).sort()).to.deep.equal(['d', 'e', 'old']);
    indexedDB.deleteDatabase(dbName);
  });

  it('PersistentResponseCache keeps working in memory when IndexedDB is unavailable, and bounds memory', async () => {
    const saved = Object.getOwnPropertyDescriptor(window, 'indexedDB')!;
    Object.defineProperty(window, 'indexedDB', { configurable: true, value: undefined });
    try {
      const cache = new PersistentResponseCache({ maxMemoryEntries: 2 });
      await cache.set('a', { etag: 'a', body: 1, storedAt: 1 });
      await cache.set('b', { etag: 'b', body: 2, storedAt: 1 });
      expect((await cache.get('a'))!.body).to.equal(1);
      await cache.set('c', { etag: 'c', body: 3, storedAt: 1 });
      // 'a' was used last, so 'b' was evicted.
      expect(await cache.get('b')).to.equal(undefined);
      expect((await cache.get('a'))!.body).to.equal(1);
      expect((await cache.get('c'))!.body).to.equal(3);
    } finally {
      Object.defineProperty(window, 'indexedDB', saved);
    }
  });

  it('a failing cache costs only the revalidation', async () => {
    const broken: ResponseCache = {
      get: () => Promise.reject(new Error('disk')),
      set: () => Promise.reject(new Error('disk')),
    };
    const { fetch, calls } = scripted(json(FIELDS, 200, { etag: '"x"' }));
    expect(await client(fetch, { cache: broken }).request('listFields')).to.deep.equal(FIELDS);
    expect(calls[0]!.headers['If-None-Match']).to.equal(undefined);
  });

  it('a stored copy that no longer matches the schema is a ValidationError, not data', async () => {
    const cache = new MemoryCache();
    cache.map.set('https://api.example/v1/fields', { etag: '"old"', body: { items: 'corrupt' }, storedAt: 1 });
    const e = await rejection(client(scripted(new Response(null, { status: 304 })).fetch, { cache }).request('listFields'));
    expect(e).to.be.instanceOf(ValidationError);
  });
});

describe('ApiClient: not this API', () => {
  let console_: ReturnType<typeof captureConsoleError>;
  beforeEach(() => (console_ = captureConsoleError()));
  afterEach(() => console_.restore());

  const cases: Array<[string, () => Response]> = [
    ['an HTML 404 page', () => html(404)],
    ['a portal answering 200 HTML for every path (SPA fallback)', () => html(200, '<!doctype html><div id="app"></div>')],
    ['HTML without a content type', () => new Response('<html><body>Cổng thông tin</body></html>', { status: 200 })],
    ['JSON that is not the error envelope on a 404', () => json({ message: 'Not Found', statusCode: 404 }, 404)],
    ['an empty 401 from a login wall', () => new Response('', { status: 401 })],
    ['a 405 from a static file server', () => new Response('Method Not Allowed', { status: 405, headers: { 'content-type': 'text/plain' } })],
  ];
  for (const [label, reply] of cases) {
    it(`${label}: ServiceMisconfiguredError at once (never ApiError 404), one console message`, async () => {
      const base = freshBase('portal');
      const { fetch, calls } = scripted(reply);
      const c = client(fetch, { baseUrl: base });
      const e = (await rejection(c.request('getDossier', { params: { code: DOSSIER } }))) as ServiceMisconfiguredError;
      expect(e).to.be.instanceOf(ServiceMisconfiguredError);
      expect(e).to.not.be.instanceOf(ApiError);
      expect(e.name).to.equal('ServiceMisconfiguredError');
      expect(e.apiBase).to.equal(base);
      expect(e.url).to.equal(`${base}/v1/dossiers/${encodeURIComponent(DOSSIER)}`);
      expect(calls, 'not retried').to.have.length(1);
      expect(errorMessageKey(e).key).to.equal('error.misconfigured');
      expect(console_.logged).to.have.length(1);
      for (const word of ['api-base', 'data-api-base', '<meta name="dvc:api-base"', e.url, base]) expect(console_.logged[0]).to.contain(word);
      // One message per API base, however many requests meet the same answer.
      await rejection(c.request('listFields'));
      await rejection(client(scripted(reply).fetch, { baseUrl: `${base}/` }).request('listFields'));
      expect(console_.logged).to.have.length(1);
    });
  }

  it('a redirect to a login page names the URL that answered', async () => {
    const base = freshBase('login');
    const { fetch } = scripted(() => {
      const r = html(200, '<form action="/login">');
      Object.defineProperty(r, 'url', { value: 'https://sso.portal.example/login?next=%2Fapi' });
      Object.defineProperty(r, 'redirected', { value: true });
      return r;
    });
    const e = (await rejection(client(fetch, { baseUrl: base }).request('listFields'))) as ServiceMisconfiguredError;
    expect(e).to.be.instanceOf(ServiceMisconfiguredError);
    expect([e.url, e.status, e.contentType]).to.deep.equal(['https://sso.portal.example/login?next=%2Fapi', 200, 'text/html; charset=utf-8']);
    expect(console_.logged[0]).to.contain('after a redirect');
  });

  it('the DVC-API header is positive evidence: an HTML 404 with it is the API’s own 404', async () => {
    const e = (await rejection(client(scripted(html(404, '<h1>404</h1>', FROM_API)).fetch).request('listFields'))) as ApiError;
    expect(e.constructor).to.equal(ApiError);
    expect(e.status).to.equal(404);
    expect(console_.logged).to.have.length(0);
  });

  it('the envelope suffices without the header (a CDN may strip it): a real 404 stays not found', async () => {
    const e = (await rejection(client(scripted(envelope(404, 'not_found', 'Không tìm thấy hồ sơ')).fetch).request('getDossier', { params: { code: DOSSIER } }))) as ApiError;
    expect(e.constructor).to.equal(ApiError);
    expect(errorMessageKey(e).key).to.equal('error.notFound');
  });

  for (const status of [502, 503, 504]) {
    it(`a gateway ${status} with an HTML page stays "unavailable" (transient, retried)`, async () => {
      const { fetch, calls } = scripted(html(status, '<h1>Bad Gateway</h1><hr>nginx'));
      const e = (await rejection(client(fetch).request('listFields'))) as ApiError;
      expect(e.constructor).to.equal(ApiError);
      expect(e.status).to.equal(status);
      expect(calls).to.have.length(3);
      expect(errorMessageKey(e).key).to.equal('error.unavailable');
      expect(console_.logged).to.have.length(0);
    });
  }

  it('a CDN’s 429 and a proxy’s 408 without an envelope are "later", not "wrong address"', async () => {
    const limited = await rejection(client(scripted(html(429, '<h1>Too Many Requests</h1>', { 'retry-after': '90' })).fetch).request('listFields'));
    expect(limited).to.be.instanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfter).to.equal(90);
    const timeout = await rejection(client(scripted(html(408)).fetch, { maxRetries: 0 }).request('listFields'));
    expect(timeout.constructor).to.equal(ApiError);
  });
});

describe('ApiClient: offline or refused', () => {
  let console_: ReturnType<typeof captureConsoleError>;
  beforeEach(() => (console_ = captureConsoleError()));
  afterEach(() => {
    console_.restore();
    setOnline(undefined);
  });
  const post = (c: ApiClient, options: { retries?: number; signal?: AbortSignal } = {}) =>
    c.request('submitSurveyResponse', { params: { surveyId: 'default' }, body: SURVEY_BODY, idempotencyKey: 'k-1', ...options });
  const failed = () => new TypeError('Failed to fetch');

  it('a cross-origin POST the browser rejects while the public read answers: RequestRefusedError cors, no more retries', async () => {
    const base = freshBase('cors');
    const { fetch, calls } = scripted(failed(), failed(), failed(), json(FIELDS, 200, FROM_API));
    const e = (await rejection(post(client(fetch, { baseUrl: base })))) as RequestRefusedError;
    expect(e).to.be.instanceOf(RequestRefusedError);
    expect(e).to.not.be.instanceOf(NetworkError);
    expect(e.name).to.equal('RequestRefusedError');
    expect(e.reason).to.equal('cors');
    expect(e.url).to.equal(`${base}/v1/surveys/default/responses`);
    expect(e.cause).to.be.instanceOf(NetworkError);
    expect(calls.map((c) => `${c.method} ${c.url.slice(base.length)}`)).to.deep.equal([
      'POST /v1/surveys/default/responses',
      'POST /v1/surveys/default/responses',
      'POST /v1/surveys/default/responses',
      'GET /v1/fields',
    ]);
    // The probe is a simple request (no preflight of its own) and is not cached.
    expect(calls[3]!.headers).to.deep.equal({ Accept: 'application/json' });
    expect(errorMessageKey(e, { phone: '028 3829 7777' })).to.deep.equal({
      key: 'error.refusedOrigin',
      help: { key: 'contact.call', values: { phone: '028 3829 7777' } },
    });
    expect(console_.logged).to.have.length(0);
  });

  it('a probe answered by the API’s error envelope (no header) also shows the API answers', async () => {
    const { fetch } = scripted(failed(), failed(), failed(), envelope(500, 'internal'));
    expect(((await rejection(post(client(fetch, { baseUrl: freshBase('cors') })))) as RequestRefusedError).reason).to.equal('cors');
  });

  it('after a single failure it sends once more before calling it a refusal (a blip is not a refusal)', async () => {
    const blip = scripted(failed(), json(FIELDS), json(RECEIPT, 201));
    expect((await post(client(blip.fetch, { baseUrl: freshBase('blip') }), { retries: 0 })).reference).to.equal('DG-1');
    expect(blip.calls.map((c) => c.method)).to.deep.equal(['POST', 'GET', 'POST']);
    expect(new Set(blip.calls.filter((c) => c.method === 'POST').map((c) => c.headers['Idempotency-Key']))).to.deep.equal(new Set(['k-1']));

    const refused = scripted(failed(), json(FIELDS), failed());
    const e = (await rejection(post(client(refused.fetch, { baseUrl: freshBase('cors') }), { retries: 0 }))) as RequestRefusedError;
    expect(e.reason).to.equal('cors');
    expect(refused.calls).to.have.length(3);
  });

  it('nothing answers, not even an opaque no-cors request: a NetworkError (offline in all but name)', async () => {
    const { fetch, calls } = scripted(failed());
    const e = await rejection(post(client(fetch, { baseUrl: freshBase('down') })));
    expect(e.constructor).to.equal(NetworkError);
    expect(calls.map((c) => `${c.method} ${c.mode ?? ''}`)).to.deep.equal(['POST ', 'POST ', 'POST ', 'GET ', 'GET no-cors']);
    expect(errorMessageKey(e).key).to.equal('error.network');
  });

  it('the host answers only opaquely (it refuses even the public read to this page): not this API', async () => {
    const base = freshBase('elsewhere');
    const { fetch } = scripted(failed(), failed(), failed(), failed(), new Response(null, { status: 200 }));
    const e = (await rejection(post(client(fetch, { baseUrl: base })))) as ServiceMisconfiguredError;
    expect(e).to.be.instanceOf(ServiceMisconfiguredError);
    expect(e.status).to.equal(0);
    expect(e.url).to.equal(`${base}/v1/fields`);
    expect(console_.logged).to.have.length(1);
    expect(console_.logged[0]).to.contain('no CORS');
  });

  it('the probe finds a portal page where the API should be: not this API', async () => {
    const { fetch } = scripted(failed(), failed(), failed(), html(200));
    expect(await rejection(post(client(fetch, { baseUrl: freshBase('spa') })))).to.be.instanceOf(ServiceMisconfiguredError);
    const wrongJson = scripted(failed(), failed(), failed(), json({ hello: 'world' }));
    expect(await rejection(post(client(wrongJson.fetch, { baseUrl: freshBase('json') })))).to.be.instanceOf(ServiceMisconfiguredError);
    const brokenJson = scripted(failed(), failed(), failed(), new Response('{', { status: 200, headers: { 'content-type': 'application/json' } }));
    expect(await rejection(post(client(brokenJson.fetch, { baseUrl: freshBase('json') })))).to.be.instanceOf(ServiceMisconfiguredError);
  });

  it('a same-origin failure is never CORS: no probe, a NetworkError', async () => {
    const { fetch, calls } = scripted(failed());
    const e = await rejection(post(client(fetch, { baseUrl: '/same-origin-api' })));
    expect(e.constructor).to.equal(NetworkError);
    expect(calls).to.have.length(3);
  });

  it('offline is offline: no request, no probe', async () => {
    setOnline(false);
    const { fetch, calls } = scripted(json(FIELDS));
    expect(await rejection(post(client(fetch, { baseUrl: freshBase('offline') })))).to.be.instanceOf(OfflineError);
    expect(calls).to.have.length(0);
  });

  it('a probe that hangs is given up after probeTimeoutMs: the failure stays a NetworkError', async () => {
    const { fetch, calls } = scripted(failed(), 'hang');
    const e = await rejection(post(client(fetch, { baseUrl: freshBase('slow'), probeTimeoutMs: 30 }), { retries: 0 }));
    expect(e.constructor).to.equal(NetworkError);
    expect(calls).to.have.length(2);
  });

  it('the caller cancelling during the probe is AbortedError', async () => {
    const controller = new AbortController();
    const { fetch } = scripted(failed(), () => {
      setTimeout(() => controller.abort());
      return new Promise<Response>(() => undefined);
    });
    const slow = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const p = fetch(input, init);
      return new Promise<Response>((resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        p.then(resolve, reject);
      });
    }) as typeof globalThis.fetch;
    const e = await rejection(post(client(slow, { baseUrl: freshBase('abort') }), { retries: 0, signal: controller.signal }));
    expect(e).to.be.instanceOf(AbortedError);
  });
});

describe('ApiClient: 409 in_progress', () => {
  it('sends the same request with the same key after Retry-After until it is done: one resource', async () => {
    const { fetch, calls } = scripted(inProgress(), inProgress(), json(RECEIPT, 201));
    const c = client(fetch);
    const receipt = await c.request('submitSurveyResponse', { params: { surveyId: 'default' }, body: SURVEY_BODY, retries: 0 });
    expect(receipt.reference).to.equal('DG-1');
    expect(calls).to.have.length(3);
    expect(new Set(calls.map((call) => call.headers['Idempotency-Key'])).size).to.equal(1);
    expect(new Set(calls.map((call) => call.body)).size).to.equal(1);
  });

  it('waits Retry-After (at least 250 ms) and, past the wait budget, surfaces InProgressError — a RateLimitedError', async () => {
    const delays: number[] = [];
    const originalSetTimeout = window.setTimeout;
    (window as unknown as { setTimeout: unknown }).setTimeout = (fn: () => void, ms?: number, ...rest: unknown[]) => {
      if (ms !== 10_000 && ms !== 1000 && ms !== 5000) delays.push(ms ?? 0);
      return originalSetTimeout(fn, 0, ...rest);
    };
    let e: InProgressError;
    let calls: Call[];
    try {
      const s = scripted(inProgress('0'), inProgress('2'), inProgress('2'));
      calls = s.calls;
      e = (await rejection(
        client(s.fetch, { inProgressBudgetMs: 2500 }).request('submitSurveyResponse', { params: { surveyId: 'default' }, body: SURVEY_BODY }),
      )) as InProgressError;
    } finally {
      window.setTimeout = originalSetTimeout;
    }
    expect(delays).to.deep.equal([250, 2000]);
    expect(calls).to.have.length(3);
    expect(e).to.be.instanceOf(InProgressError);
    expect(e).to.be.instanceOf(RateLimitedError);
    expect(e.name).to.equal('InProgressError');
    expect([e.status, e.code, e.retryAfter]).to.deep.equal([409, 'conflict', 2]);
    expect(e.details).to.deep.equal({ reason: 'in_progress' });
    expect(errorMessageKey(e)).to.deep.equal({ key: 'error.inProgressSeconds', values: { count: 2, seconds: 2 } });
  });

  it('inProgressBudgetMs 0 surfaces it at once; without Retry-After it means one second', async () => {
    const { fetch, calls } = scripted(json({ error: { code: 'conflict', message: 'x', details: { reason: 'in_progress' } } }, 409));
    const e = (await rejection(
      client(fetch).request('submitSurveyResponse', { params: { surveyId: 'default' }, body: SURVEY_BODY, inProgressBudgetMs: 0 }),
    )) as InProgressError;
    expect(e).to.be.instanceOf(InProgressError);
    expect(e.retryAfter).to.equal(1);
    expect(calls).to.have.length(1);
  });

  it('a real conflict (409 without in_progress) is not retried and stays an ApiError', async () => {
    const { fetch, calls } = scripted(envelope(409, 'conflict', 'Khung giờ đã kín', {}, { reason: 'slot_full' }));
    const e = (await rejection(client(fetch).request('submitSurveyResponse', { params: { surveyId: 'default' }, body: SURVEY_BODY }))) as ApiError;
    expect(e.constructor).to.equal(ApiError);
    expect(calls).to.have.length(1);
  });
});

describe('ApiClient: the same server fault while the API answers others', () => {
  const write = (c: ApiClient, idempotencyKey: string) =>
    c.request('submitSurveyResponse', { params: { surveyId: 'default' }, body: SURVEY_BODY, idempotencyKey });

  it('the same write failing the same way call after call, while reads succeed: RequestRefusedError server', async () => {
    const base = freshBase('fault');
    let t = 0;
    const now = () => ++t;
    const reads = client(scripted(json(FIELDS)).fetch, { baseUrl: base, now });
    const { fetch, calls } = scripted(envelope(500, 'internal', 'db error'));
    const c = client(fetch, { baseUrl: base, now });
    const key = `fault-${uniqueBase}`;
    // First call: three attempts, an ApiError as ever (nothing says it is more than a bad moment).
    expect((await rejection(write(c, key))).constructor).to.equal(ApiError);
    expect(calls).to.have.length(3);
    // Another widget of the page reads from the same API, successfully; the citizen tries again.
    await reads.request('listFields');
    expect((await rejection(write(c, key))).constructor).to.equal(ApiError);
    const e = (await rejection(write(c, key))) as RequestRefusedError;
    expect(calls).to.have.length(9);
    expect(e).to.be.instanceOf(RequestRefusedError);
    expect(e).to.not.be.instanceOf(ApiError);
    expect([e.reason, e.status, e.code, e.message, e.url]).to.deep.equal(['server', 500, 'internal', 'db error', `${base}/v1/surveys/default/responses`]);
    expect(e.cause).to.be.instanceOf(ApiError);
    expect(errorMessageKey(e).key).to.equal('error.refusedServer');
    // Another write (another key) has its own count; a GET is never refused this way.
    expect((await rejection(write(c, `${key}-other`))).constructor).to.equal(ApiError);
    const get = client(scripted(envelope(500, 'internal')).fetch, { baseUrl: base, now });
    for (let i = 0; i < 4; i++) expect((await rejection(get.request('listFields'))).constructor).to.equal(ApiError);
  });

  it('stays an ApiError while nothing else succeeds (the API may just be down), for gateways, and after a change', async () => {
    const base = freshBase('down');
    let t = 0;
    const now = () => ++t;
    await client(scripted(json(FIELDS)).fetch, { baseUrl: base, now }).request('listFields');
    const down = client(scripted(envelope(500, 'internal')).fetch, { baseUrl: base, now });
    for (let i = 0; i < 4; i++) expect((await rejection(write(down, `down-${uniqueBase}`))).constructor).to.equal(ApiError);

    const reads = client(scripted(json(FIELDS)).fetch, { baseUrl: base, now });
    const gateway = client(scripted(envelope(502, 'unavailable')).fetch, { baseUrl: base, now });
    for (let i = 0; i < 4; i++) {
      await reads.request('listFields');
      expect(((await rejection(write(gateway, `gw-${uniqueBase}`))) as ApiError).status).to.equal(502);
    }

    // 500, 500, then 501: a different fault starts the count again; a success ends it.
    const mixed = scripted(envelope(500, 'internal'), envelope(500, 'internal'), envelope(500, 'internal'), envelope(500, 'internal'), envelope(501, 'internal'));
    const m = client(mixed.fetch, { baseUrl: base, now, maxRetries: 0 });
    const key = `mixed-${uniqueBase}`;
    await rejection(write(m, key));
    await reads.request('listFields');
    await rejection(write(m, key));
    expect(((await rejection(write(m, key))) as RequestRefusedError).reason).to.equal('server');
    expect((await rejection(write(m, key))).constructor, 'still refused, counted on').to.equal(RequestRefusedError);
    expect((await rejection(write(m, key))).constructor, 'a change of fault starts again').to.equal(ApiError);
    const ok = client(scripted(json(RECEIPT, 201)).fetch, { baseUrl: base, now });
    await write(ok, key);
    expect((await rejection(write(client(scripted(envelope(501, 'internal')).fetch, { baseUrl: base, now, maxRetries: 0 }), key))).constructor).to.equal(ApiError);
  });

  it('lastSuccessAt is shared by every client of one API, relative or absolute', async () => {
    const path = `/health-${++uniqueBase}`;
    expect(new ApiClient({ baseUrl: path }).lastSuccessAt).to.equal(undefined);
    await client(scripted(json(FIELDS)).fetch, { baseUrl: `${path}/`, now: () => 1234 }).request('listFields');
    expect(new ApiClient({ baseUrl: `${location.origin}${path}` }).lastSuccessAt).to.equal(1234);
    await client(scripted(new Response(null, { status: 304 })).fetch, { baseUrl: path, now: () => 5678, cache: Object.assign(new MemoryCache(), {
      map: new Map([[`${path}/v1/fields`, { etag: '"e"', body: FIELDS, storedAt: 1 }]]),
    }) }).request('listFields');
    expect(new ApiClient({ baseUrl: path }).lastSuccessAt).to.equal(5678);
  });
});

describe('ApiClient: hostile answers (property)', () => {
  const NAMED = new Set([
    'DvcError', 'ApiError', 'RateLimitedError', 'InProgressError', 'NetworkError', 'OfflineError', 'TimeoutError',
    'ValidationError', 'AbortedError', 'ServiceMisconfiguredError', 'RequestRefusedError',
  ]);

  const body = fc.oneof(
    fc.json(),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.constant(''),
    fc.constant('{"items":'),
    fc.constant(JSON.stringify(FIELDS)),
    fc.constant(JSON.stringify({ items: [{ name: 'x', procedureCount: -1 }] })),
    fc.constant(JSON.stringify({ error: { code: 'not_found', message: 'x' } })),
    fc.constant(JSON.stringify({ error: { code: 'not_found' } })),
    fc.constant(JSON.stringify({ error: null })),
    fc.nat({ max: 3 }).map((n) => JSON.stringify({ items: [{ name: 'x'.repeat(10 ** (n + 3)), procedureCount: 1 }] })),
  );
  const contentType = fc.constantFrom('application/json', 'application/problem+json', 'text/html', 'text/plain', '', 'application/octet-stream');
  const status = fc.oneof(fc.integer({ min: 200, max: 599 }), fc.constantFrom(200, 304, 404, 429, 500, 503));
  const retryAfter = fc.option(fc.oneof(fc.nat({ max: 100 }).map(String), fc.constant('Wed, 21 Oct 2015 07:28:00 GMT'), fc.string({ maxLength: 10 })));
  const failure = fc.constantFrom<unknown>(
    new TypeError('Failed to fetch'),
    new DOMException('x', 'AbortError'),
    new DOMException('x', 'NetworkError'),
    new RangeError('weird'),
    'a string',
    null,
    undefined,
  );
  const reply = fc.oneof(
    { weight: 5, arbitrary: fc.record({ status, body, contentType, retryAfter, etag: fc.option(fc.constantFrom('"a"', 'W/"b"', '')) }) },
    { weight: 1, arbitrary: failure.map((f) => ({ throws: f })) },
  );

  // Hostile answers include HTML pages: the misconfiguration message is expected, not shown.
  let quiet: ReturnType<typeof captureConsoleError>;
  before(() => (quiet = captureConsoleError()));
  after(() => quiet.restore());

  it('resolves with schema-valid data or rejects with a named error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(reply, { minLength: 1, maxLength: 4 }), fc.boolean(), async (replies, withMeta) => {
        let i = 0;
        const fetch = (async () => {
          const r = replies[Math.min(i++, replies.length - 1)]!;
          if ('throws' in r) throw r.throws;
          const headers: Record<string, string> = {};
          if (r.contentType) headers['content-type'] = r.contentType;
          if (r.retryAfter !== null) headers['retry-after'] = r.retryAfter;
          if (r.etag) headers.etag = r.etag;
          const nullBody = [204, 205, 304].includes(r.status);
          return new Response(nullBody ? null : r.body, { status: r.status, headers });
        }) as typeof globalThis.fetch;
        const c = client(fetch, { cache: new MemoryCache(), maxRetryAfterMs: 0 });
        try {
          const result = withMeta ? (await c.requestWithMeta('listFields')).data : await c.request('listFields');
          expect(result).to.have.property('items');
          expect(Array.isArray((result as { items: unknown }).items)).to.equal(true);
        } catch (e) {
          expect(e).to.be.instanceOf(DvcError);
          expect(NAMED.has((e as Error).name), String((e as Error).name)).to.equal(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
