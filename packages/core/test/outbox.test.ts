import { expect, fixture, html as testHtml, waitUntil } from '@open-wc/testing';
import { html, LitElement } from 'lit';
import {
  IdbOutboxStorage,
  Outbox,
  OutboxController,
  OutboxDeliveredEvent,
  OutboxRejectedEvent,
  getOutbox,
  type OutboxItem,
  type OutboxStorage,
} from '../src/outbox.js';
import {
  ApiError,
  DvcError,
  InProgressError,
  NetworkError,
  OfflineError,
  RateLimitedError,
  RequestRefusedError,
  ServiceMisconfiguredError,
  TimeoutError,
  ValidationError,
} from '../src/errors.js';
import { MemoryStorage } from './support.js';

interface Sent {
  endpoint: string;
  options: { params?: unknown; body?: unknown; idempotencyKey?: string };
}
/** A client whose answers the test scripts per call (value = success, Error = failure). */
function fakeClient(...answers: unknown[]) {
  const sent: Sent[] = [];
  const client = {
    /** When the API last answered another request (the `server` refusal rule); tests set it. */
    lastSuccessAt: undefined as number | undefined,
    async request(endpoint: string, options: Sent['options']) {
      sent.push({ endpoint, options });
      await new Promise((r) => setTimeout(r));
      const answer = answers.length > 1 ? answers.shift() : answers[0];
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return { client: client as never, sent, api: client };
}

let counter = 0;
function outbox(options: { storage?: OutboxStorage; maxAttempts?: number } = {}) {
  let t = 1000;
  return new Outbox({ storage: options.storage ?? new MemoryStorage(), name: `test-outbox-${++counter}`, now: () => t++, maxAttempts: options.maxAttempts });
}
const RATING = { dossierCode: '000.00.01.H29-260310-0420', answers: [{ criterion: 'overall', rating: 'satisfied' }] };

describe('Outbox', () => {
  it('enqueues items with an idempotency key and lists them oldest first', async () => {
    const box = outbox();
    const a = await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
    const b = await box.enqueue('cancelAppointment', { params: { code: 'LH-7K3M9Q' }, body: { phone: '0912345678' }, idempotencyKey: 'given' });
    expect(a.idempotencyKey).to.match(/^[0-9a-f-]{36}$/);
    expect(b.idempotencyKey).to.equal('given');
    expect(a).to.include({ endpoint: 'submitSurveyResponse', attempts: 0, createdAt: 1000 });
    expect((await box.list()).map((i) => i.id)).to.deep.equal([a.id, b.id]);
    expect(box.pending.map((i) => i.id)).to.deep.equal([a.id, b.id]);
    await box.remove(a.id);
    expect((await box.list()).map((i) => i.id)).to.deep.equal([b.id]);
    await box.clear();
    expect(await box.list()).to.deep.equal([]);
    box.close();
  });

  it('delivers in order with each item’s key, removes them and fires delivered', async () => {
    const box = outbox();
    const first = await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
    const second = await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: { ...RATING, comment: 'tốt' } });
    const delivered: OutboxDeliveredEvent[] = [];
    const listener = (e: OutboxDeliveredEvent) => delivered.push(e);
    box.addEventListener('delivered', listener);
    const { client, sent } = fakeClient({ reference: 'R1' }, { reference: 'R2' });
    const result = await box.flush(client);
    expect(sent.map((s) => s.options.idempotencyKey)).to.deep.equal([first.idempotencyKey, second.idempotencyKey]);
    expect(sent[0]).to.deep.equal({
      endpoint: 'submitSurveyResponse',
      options: { params: { surveyId: 'default' }, body: RATING, idempotencyKey: first.idempotencyKey },
    });
    expect(result.delivered.map((i) => i.id)).to.deep.equal([first.id, second.id]);
    expect(result.remaining).to.equal(0);
    expect(result.skipped).to.equal(false);
    expect(delivered.map((e) => e.response)).to.deep.equal([{ reference: 'R1' }, { reference: 'R2' }]);
    expect(await box.list()).to.deep.equal([]);
    box.removeEventListener('delivered', listener);
    await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
    await box.flush(client);
    expect(delivered).to.have.length(2);
    box.close();
  });

  for (const status of [400, 404, 409, 422]) {
    it(`keeps an item refused with ${status} as undeliverable, reports it and goes on`, async () => {
      const box = outbox();
      const item = await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
      const next = await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
      const rejected: OutboxRejectedEvent[] = [];
      box.addEventListener('rejected', (e) => rejected.push(e as OutboxRejectedEvent));
      const { client, sent } = fakeClient(new ApiError(status, 'conflict', 'already rated'), { reference: 'ok' });
      const result = await box.flush(client);
      expect(rejected).to.have.length(1);
      expect(rejected[0]!.item.id).to.equal(item.id);
      expect(rejected[0]!.reason).to.equal('client');
      // The error as the client threw it: a widget still reads a 409 as "already rated".
      expect(rejected[0]!.error).to.be.instanceOf(ApiError);
      expect((rejected[0]!.error as ApiError).status).to.equal(status);
      expect(result.rejected[0]!.error.message).to.equal('already rated');
      // A refusal does not block the queue: the next item is still sent.
      expect(sent).to.have.length(2);
      expect(result.delivered.map((i) => i.id)).to.deep.equal([next.id]);
      expect(result.remaining).to.equal(0);
      expect(await box.list()).to.deep.equal([]);
      // Never silently dropped: kept, with what the citizen entered and why.
      const [kept] = await box.listUndeliverable();
      expect(kept!.id).to.equal(item.id);
      expect(kept!.body).to.deep.equal(RATING);
      expect(kept!.idempotencyKey).to.equal(item.idempotencyKey);
      expect(kept!.undeliverable).to.deep.include({ reason: 'client' });
      expect(kept!.undeliverable!.error).to.deep.include({ name: 'ApiError', status, code: 'conflict', message: 'already rated' });
      expect(box.undeliverable.map((i) => i.id)).to.deep.equal([item.id]);
      expect(box.pending).to.deep.equal([]);
      // Never sent again.
      await box.flush(client);
      expect(sent).to.have.length(2);
      box.close();
    });
  }

  it('a 400 with field issues (a control character the contract refuses) is a client refusal with its issues', async () => {
    const box = outbox();
    await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: { ...RATING, comment: 'tốt\u0000' } });
    const issues = [{ path: 'comment', message: 'Không được chứa ký tự điều khiển' }];
    const { client, sent } = fakeClient(new ApiError(400, 'invalid_request', 'Dữ liệu không hợp lệ', { issues }));
    const result = await box.flush(client);
    expect(sent).to.have.length(1);
    expect((result.rejected[0]!.error as ApiError).details).to.deep.equal({ issues });
    const [kept] = await box.listUndeliverable();
    expect(kept!.undeliverable!.reason).to.equal('client');
    const revived = Outbox.errorOf(kept!) as ApiError;
    expect(revived).to.be.instanceOf(ApiError);
    expect(revived.details).to.deep.equal({ issues });
    expect(Outbox.messageKey(kept!)).to.deep.equal({ key: 'error.invalidRequest', help: { key: 'contact.visit' } });
    box.close();
  });

  for (const [reason, error] of [
    ['cors', new RequestRefusedError('cors', { url: 'https://api.example/v1/surveys/default/responses' })],
    ['server', new RequestRefusedError('server', { status: 500 })],
    ['misconfigured', new ServiceMisconfiguredError({ apiBase: '/api', url: 'https://portal.example/api/v1/surveys/default/responses', status: 404, contentType: 'text/html' })],
  ] as const) {
    it(`a ${reason} refusal: undeliverable at once, never retried`, async () => {
      const box = outbox();
      const item = await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
      const { client, sent } = fakeClient(error);
      const result = await box.flush(client);
      expect(sent).to.have.length(1);
      expect(result.rejected[0]!.error).to.equal(error);
      const [kept] = await box.listUndeliverable();
      expect(kept!.id).to.equal(item.id);
      expect(kept!.attempts).to.equal(1);
      expect(kept!.undeliverable!.reason).to.equal(reason);
      expect(Outbox.errorOf(kept!)!.constructor).to.equal(error.constructor);
      expect(Outbox.messageKey(kept!, { phone: '028 3829 7777' })!.help).to.deep.equal({ key: 'contact.call', values: { phone: '028 3829 7777' } });
      await box.flush(client);
      expect(sent).to.have.length(1);
      box.close();
    });
  }

  for (const [label, error] of [
    ['a network error', new NetworkError()],
    ['a 500', new ApiError(500, 'internal', 'x')],
    ['a 429', new RateLimitedError(429, 'rate_limited', 'x', 30)],
    ['a 408', new ApiError(408, 'internal', 'x')],
    ['a timeout', new TimeoutError(10_000)],
    ['a gateway 502', new ApiError(502, 'unavailable', 'x')],
    ['an answer still in progress (409 in_progress)', new InProgressError('in progress', 1, { reason: 'in_progress' })],
    ['an invalid answer', new ValidationError('x')],
  ] as const) {
    it(`keeps items after ${label}, counts the attempt and stops`, async () => {
      const box = outbox();
      const item = await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
      await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
      const { client, sent } = fakeClient(error);
      const result = await box.flush(client);
      expect(sent).to.have.length(1);
      expect(result.remaining).to.equal(2);
      const [kept] = await box.list();
      expect(kept!.id).to.equal(item.id);
      expect(kept!.attempts).to.equal(1);
      expect(kept!.lastError).to.equal(`${error.name}: ${error.message}`);
      box.close();
    });
  }

  it('after maxAttempts transient failures an item is undeliverable (attempts), kept, not deleted', async () => {
    const box = outbox({ maxAttempts: 2 });
    const item = await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
    const { client, sent } = fakeClient(new NetworkError());
    expect((await box.flush(client)).remaining).to.equal(1);
    const result = await box.flush(client);
    expect(result.rejected).to.have.length(1);
    expect(result.rejected[0]!.error).to.be.instanceOf(NetworkError);
    expect(result.remaining).to.equal(0);
    const [kept] = await box.listUndeliverable();
    expect(kept!.id).to.equal(item.id);
    expect(kept!.undeliverable!.reason).to.equal('attempts');
    expect(kept!.attempts).to.equal(2);
    expect(Outbox.messageKey(kept!)).to.deep.equal({ key: 'outbox.gaveUp', help: { key: 'contact.visit' } });
    await box.flush(client);
    expect(sent).to.have.length(2);
    box.close();
  });

  it('offline stays offline: queued however often it is tried, attempts not counted', async () => {
    const box = outbox({ maxAttempts: 2 });
    const item = await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
    const { client, sent } = fakeClient(new OfflineError(), new OfflineError(), new OfflineError(), { reference: 'R' });
    for (let i = 0; i < 3; i++) expect((await box.flush(client)).remaining).to.equal(1);
    const [queued] = await box.list();
    expect([queued!.id, queued!.attempts, queued!.lastError]).to.deep.equal([item.id, 0, 'OfflineError: The device is offline']);
    expect(await box.listUndeliverable()).to.deep.equal([]);
    expect((await box.flush(client)).delivered.map((i) => i.id)).to.deep.equal([item.id]);
    expect(new Set(sent.map((s) => s.options.idempotencyKey))).to.deep.equal(new Set([item.idempotencyKey]));
    box.close();
  });

  it('the same server fault on every send while the API answers others: a server refusal', async () => {
    let t = 1000;
    const box = new Outbox({ storage: new MemoryStorage(), name: `test-outbox-${++counter}`, now: () => t++ });
    const item = await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
    const { client, sent, api } = fakeClient(new ApiError(500, 'internal', 'db error'));
    // The API answered something before the first fault only: it may just be down. Keep trying.
    api.lastSuccessAt = 999;
    for (let i = 0; i < 4; i++) await box.flush(client);
    let [queued] = await box.list();
    expect(queued!.fault).to.deep.equal({ status: 500, count: 4, since: 1001 });
    // Now another request succeeds meanwhile: the next identical fault makes it final.
    api.lastSuccessAt = t + 1;
    const result = await box.flush(client);
    expect(sent).to.have.length(5);
    expect(result.rejected).to.have.length(1);
    const error = result.rejected[0]!.error as RequestRefusedError;
    expect(error).to.be.instanceOf(RequestRefusedError);
    expect([error.reason, error.status, error.message]).to.deep.equal(['server', 500, 'db error']);
    expect(error.cause).to.be.instanceOf(ApiError);
    [queued] = await box.list();
    expect(queued).to.equal(undefined);
    const [kept] = await box.listUndeliverable();
    expect(kept!.id).to.equal(item.id);
    expect(kept!.undeliverable!.reason).to.equal('server');
    expect(Outbox.messageKey(kept!)!.key).to.equal('error.refusedServer');
    box.close();
  });

  it('a different fault starts the count again; gateways never count', async () => {
    let t = 1000;
    const box = new Outbox({ storage: new MemoryStorage(), name: `test-outbox-${++counter}`, now: () => t++, serverRefusalAfter: 2 });
    await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
    const { client, api } = fakeClient(
      new ApiError(500, 'internal', 'x'),
      new ApiError(501, 'internal', 'x'),
      new ApiError(502, 'unavailable', 'x'),
      new ApiError(503, 'unavailable', 'x'),
    );
    api.lastSuccessAt = Number.MAX_SAFE_INTEGER;
    for (let i = 0; i < 4; i++) await box.flush(client);
    const [queued] = await box.list();
    expect(queued!.attempts).to.equal(4);
    expect(queued!.fault).to.equal(undefined);
    box.close();
  });

  it('lifecycle: undeliverable items are surfaced, dismissed with remove, or requeued with the same key', async () => {
    const box = outbox();
    const seen: Array<[number, number]> = [];
    box.subscribe((queued, undeliverable) => seen.push([queued.length, undeliverable.length]));
    const refusedItem = await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
    const other = await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
    await box.flush(fakeClient(new RequestRefusedError('cors'), new NetworkError()).client);
    expect(seen.at(-1)).to.deep.equal([1, 1]);
    expect(box.pending.map((i) => i.id)).to.deep.equal([other.id]);
    expect(box.undeliverable.map((i) => i.id)).to.deep.equal([refusedItem.id]);

    // The office fixed its allow-list: send it again, same key, at most once.
    expect(await box.requeue(refusedItem.id)).to.equal(true);
    expect(await box.requeue(refusedItem.id), 'no longer undeliverable').to.equal(false);
    expect(await box.requeue('nope')).to.equal(false);
    const [requeued] = (await box.list()).filter((i) => i.id === refusedItem.id);
    expect([requeued!.attempts, requeued!.undeliverable, requeued!.fault]).to.deep.equal([0, undefined, undefined]);
    const { client, sent } = fakeClient({ reference: 'R1' }, { reference: 'R2' });
    await Promise.all([box.flush(client), box.flush(client)]);
    expect(sent.map((s) => s.options.idempotencyKey).sort()).to.deep.equal([refusedItem.idempotencyKey, other.idempotencyKey].sort());
    expect(seen.at(-1)).to.deep.equal([0, 0]);

    // Dismissed: gone for good.
    const gone = await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
    await box.flush(fakeClient(new ApiError(422, 'unprocessable', 'x')).client);
    expect(box.undeliverable.map((i) => i.id)).to.deep.equal([gone.id]);
    await box.remove(gone.id);
    expect(await box.listUndeliverable()).to.deep.equal([]);
    expect(seen.at(-1)).to.deep.equal([0, 0]);
    expect(Outbox.errorOf(other)).to.equal(undefined);
    expect(Outbox.messageKey(other)).to.equal(undefined);
    box.close();
  });

  it('wraps whatever the client throws', async () => {
    const box = outbox();
    await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
    const { client } = fakeClient(new Error('weird'));
    await box.flush(client);
    expect((await box.list())[0]!.lastError).to.equal('DvcError: weird');
    box.close();
  });

  it('never sends an item twice when flushes overlap (single flight)', async () => {
    const storage = new MemoryStorage();
    const a = outbox({ storage });
    const b = new Outbox({ storage, name: a.name });
    await a.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
    await a.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
    const { client, sent } = fakeClient({ reference: 'R' });
    const results = await Promise.all([a.flush(client), a.flush(client), b.flush(client)]);
    expect(sent).to.have.length(2);
    expect(new Set(sent.map((s) => s.options.idempotencyKey)).size).to.equal(2);
    expect(results.reduce((n, r) => n + r.delivered.length, 0)).to.equal(2);
    a.close();
    b.close();
  });

  it('skips when another tab holds the flush lock', async () => {
    const box = outbox();
    await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
    const { client, sent } = fakeClient({ reference: 'R' });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const lockTaken = new Promise<void>((taken) => {
      void navigator.locks.request(`${box.name}:flush`, () => {
        taken();
        return held;
      });
    });
    await lockTaken;
    const result = await box.flush(client);
    expect(result.skipped).to.equal(true);
    expect(sent).to.have.length(0);
    release();
    box.close();
  });

  it('uses the shared client of the item’s base URL when no client is given', async () => {
    const original = window.fetch;
    const urls: string[] = [];
    window.fetch = (async (url: RequestInfo | URL) => {
      urls.push(String(url));
      return new Response(JSON.stringify({ error: { code: 'conflict', message: 'x' } }), { status: 409, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    try {
      const box = outbox();
      const item = await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING, baseUrl: '/outbox-api' });
      // Made absolute when queued: the item may be sent from another page of the portal.
      expect(item.baseUrl).to.equal(`${location.origin}/outbox-api`);
      const relative = await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING, baseUrl: 'rel-api/' });
      expect(relative.baseUrl).to.equal(new URL('rel-api', location.href).href);
      const same = await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
      expect(same.baseUrl).to.equal(undefined);
      const result = await box.flush();
      expect(urls).to.deep.equal([
        `${location.origin}/outbox-api/v1/surveys/default/responses`,
        new URL('rel-api/v1/surveys/default/responses', location.href).href,
        '/v1/surveys/default/responses',
      ]);
      expect(result.rejected).to.have.length(3);
      expect(result.rejected[0]!.error).to.be.instanceOf(ApiError);
      box.close();
    } finally {
      window.fetch = original;
    }
  });

  it('notifies subscribers now and on every change, also from another instance (tab)', async () => {
    const storage = new MemoryStorage();
    const a = outbox({ storage });
    const b = new Outbox({ storage, name: a.name });
    const seenA: number[] = [];
    const seenB: number[] = [];
    const offA = a.subscribe((items) => seenA.push(items.length));
    b.subscribe((items) => seenB.push(items.length));
    await waitUntil(() => seenA.length === 1 && seenB.length === 1);
    await a.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
    expect(seenA).to.deep.equal([0, 1]);
    await waitUntil(() => seenB.at(-1) === 1, 'the other instance hears about the change');
    offA();
    await a.clear();
    expect(seenA).to.deep.equal([0, 1]);
    const late: number[] = [];
    a.subscribe((items) => late.push(items.length));
    expect(late).to.deep.equal([0]);
    a.close();
    b.close();
  });

  it('getOutbox returns one page-wide instance', () => {
    expect(getOutbox()).to.equal(getOutbox());
    expect(getOutbox()).to.be.instanceOf(Outbox);
  });
});

describe('IdbOutboxStorage', () => {
  it('persists items across instances (a reload)', async () => {
    const name = `dvc-outbox-test-${Math.random().toString(36).slice(2)}`;
    const first = new Outbox({ name, storage: new IdbOutboxStorage(name) });
    const item = await first.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
    first.close();
    const second = new Outbox({ name, storage: new IdbOutboxStorage(name) });
    const items = await second.list();
    expect(items).to.have.length(1);
    expect(items[0]).to.deep.equal(item);
    await second.remove(item.id);
    expect(await new IdbOutboxStorage(name).all()).to.deep.equal([]);
    await second.clear();
    second.close();
    indexedDB.deleteDatabase(name);
  });

  it('keeps an undeliverable item across a reload, with its error', async () => {
    const name = `dvc-outbox-test-${Math.random().toString(36).slice(2)}`;
    const first = new Outbox({ name, storage: new IdbOutboxStorage(name) });
    const item = await first.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
    await first.flush(fakeClient(new RequestRefusedError('cors', { url: 'https://api.example/x' })).client);
    first.close();
    const second = new Outbox({ name, storage: new IdbOutboxStorage(name) });
    expect(await second.list()).to.deep.equal([]);
    const [kept] = await second.listUndeliverable();
    expect(kept!.id).to.equal(item.id);
    expect(kept!.body).to.deep.equal(RATING);
    const error = Outbox.errorOf(kept!) as RequestRefusedError;
    expect(error).to.be.instanceOf(RequestRefusedError);
    expect([error.reason, error.url]).to.deep.equal(['cors', 'https://api.example/x']);
    await second.clear();
    second.close();
    indexedDB.deleteDatabase(name);
  });

  it('falls back to memory when IndexedDB is unavailable', async () => {
    const saved = Object.getOwnPropertyDescriptor(window, 'indexedDB')!;
    Object.defineProperty(window, 'indexedDB', { configurable: true, value: undefined });
    try {
      const storage = new IdbOutboxStorage('no-idb');
      const box = new Outbox({ storage, name: 'no-idb' });
      await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
      expect(await storage.all()).to.have.length(1);
      await box.clear();
      expect(await storage.all()).to.have.length(0);
      box.close();
    } finally {
      Object.defineProperty(window, 'indexedDB', saved);
    }
  });
});

class OutboxProbe extends LitElement {
  static box: Outbox;
  static sender: { client: never; sent: Sent[] };
  queue = new OutboxController(this, OutboxProbe.box, () => OutboxProbe.sender.client);
  override render() {
    return html`${this.queue.pending.length}`;
  }
}
customElements.define('dvc-outbox-probe', OutboxProbe);

describe('OutboxController', () => {
  it('exposes pending items, flushes on connect and when the browser comes online', async () => {
    const box = outbox();
    OutboxProbe.box = box;
    OutboxProbe.sender = fakeClient(new NetworkError(), { reference: 'R' });
    await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
    const el = await fixture<OutboxProbe>(testHtml`<dvc-outbox-probe></dvc-outbox-probe>`);
    // Connect flushed once: the network failed, so the item is still pending.
    await waitUntil(() => OutboxProbe.sender.sent.length === 1);
    await waitUntil(() => el.queue.pending.length === 1 && el.queue.pending[0]!.attempts === 1);
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.equal('1');

    window.dispatchEvent(new Event('online'));
    await waitUntil(() => el.queue.pending.length === 0, 'delivered after online');
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.equal('0');

    await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
    await waitUntil(() => el.queue.pending.length === 1);
    const result = await el.queue.flush();
    expect(result.delivered).to.have.length(1);

    el.remove();
    await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
    window.dispatchEvent(new Event('online'));
    await new Promise((r) => setTimeout(r, 20));
    expect(OutboxProbe.sender.sent).to.have.length(3);
    expect(el.queue.pending).to.have.length(0);
    box.close();
  });

  it('does not flush on connect while offline', async () => {
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      const box = outbox();
      OutboxProbe.box = box;
      OutboxProbe.sender = fakeClient({ reference: 'R' });
      await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
      const el = await fixture<OutboxProbe>(testHtml`<dvc-outbox-probe></dvc-outbox-probe>`);
      await waitUntil(() => el.queue.pending.length === 1);
      expect(OutboxProbe.sender.sent).to.have.length(0);
      box.close();
    } finally {
      delete (navigator as unknown as Record<string, unknown>).onLine;
    }
  });
});

class UndeliverableProbe extends LitElement {
  static box: Outbox;
  static sender: { client: never; sent: Sent[] };
  queue = new OutboxController(this, UndeliverableProbe.box, () => UndeliverableProbe.sender.client);
  override render() {
    return html`${this.queue.pending.length}/${this.queue.undeliverable.length}`;
  }
}
customElements.define('dvc-undeliverable-probe', UndeliverableProbe);

describe('OutboxController: undeliverable items', () => {
  it('exposes them apart from pending, re-renders, dismisses and requeues', async () => {
    const box = outbox();
    UndeliverableProbe.box = box;
    UndeliverableProbe.sender = fakeClient(new RequestRefusedError('cors'), { reference: 'R' });
    const item = await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
    const rejected = new Promise<OutboxRejectedEvent>((resolve) => box.addEventListener('rejected', resolve, { once: true }));
    const el = await fixture<UndeliverableProbe>(testHtml`<dvc-undeliverable-probe></dvc-undeliverable-probe>`);
    expect((await rejected).reason).to.equal('cors');
    await waitUntil(() => el.queue.undeliverable.length === 1);
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.equal('0/1');
    expect(el.queue.undeliverable[0]!.body).to.deep.equal(RATING);
    // An `online` event does not send it: refused items wait for the citizen.
    window.dispatchEvent(new Event('online'));
    await new Promise((r) => setTimeout(r, 20));
    expect(UndeliverableProbe.sender.sent).to.have.length(1);

    const result = await el.queue.requeue(item.id);
    expect(result!.delivered.map((i) => i.id)).to.deep.equal([item.id]);
    expect(await el.queue.requeue(item.id)).to.equal(undefined);
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.equal('0/0');

    UndeliverableProbe.sender = fakeClient(new ApiError(400, 'invalid_request', 'x'));
    const again = await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
    await el.queue.flush();
    await waitUntil(() => el.queue.undeliverable.length === 1);
    await el.queue.remove(again.id);
    await waitUntil(() => el.queue.undeliverable.length === 0);
    box.close();
  });
});

describe('Outbox errors', () => {
  it('rejected events carry DvcError instances and the reason', () => {
    const e = new OutboxRejectedEvent({} as OutboxItem, new DvcError('x'));
    expect(e.type).to.equal('rejected');
    expect(e.error).to.be.instanceOf(DvcError);
    expect(e.reason).to.equal(undefined);
    const marked = { undeliverable: { reason: 'client', at: 1, error: { name: 'ApiError', message: 'x' } } } as OutboxItem;
    expect(new OutboxRejectedEvent(marked, new DvcError('x')).reason).to.equal('client');
  });
});
