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
import { ApiError, DvcError, NetworkError, RateLimitedError, ValidationError } from '../src/errors.js';

class MemoryStorage implements OutboxStorage {
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

interface Sent {
  endpoint: string;
  options: { params?: unknown; body?: unknown; idempotencyKey?: string };
}
/** A client whose answers the test scripts per call (value = success, Error = failure). */
function fakeClient(...answers: unknown[]) {
  const sent: Sent[] = [];
  const client = {
    async request(endpoint: string, options: Sent['options']) {
      sent.push({ endpoint, options });
      await new Promise((r) => setTimeout(r));
      const answer = answers.length > 1 ? answers.shift() : answers[0];
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return { client: client as never, sent };
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
    it(`removes and reports an item refused with ${status}`, async () => {
      const box = outbox();
      const item = await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
      const next = await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
      const rejected: OutboxRejectedEvent[] = [];
      box.addEventListener('rejected', (e) => rejected.push(e as OutboxRejectedEvent));
      const { client, sent } = fakeClient(new ApiError(status, 'conflict', 'already rated'), { reference: 'ok' });
      const result = await box.flush(client);
      expect(rejected).to.have.length(1);
      expect(rejected[0]!.item.id).to.equal(item.id);
      expect(rejected[0]!.error).to.be.instanceOf(ApiError);
      expect(result.rejected[0]!.error.message).to.equal('already rated');
      // A refusal does not block the queue: the next item is still sent.
      expect(sent).to.have.length(2);
      expect(result.delivered.map((i) => i.id)).to.deep.equal([next.id]);
      expect(await box.list()).to.deep.equal([]);
      box.close();
    });
  }

  for (const [label, error] of [
    ['a network error', new NetworkError()],
    ['a 500', new ApiError(500, 'internal', 'x')],
    ['a 429', new RateLimitedError(429, 'rate_limited', 'x', 30)],
    ['a 408', new ApiError(408, 'internal', 'x')],
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

  it('gives an item up after maxAttempts transient failures', async () => {
    const box = outbox({ maxAttempts: 2 });
    await box.enqueue('submitSurveyResponse', { params: { surveyId: 'default' }, body: RATING });
    const { client } = fakeClient(new NetworkError());
    expect((await box.flush(client)).remaining).to.equal(1);
    const result = await box.flush(client);
    expect(result.rejected).to.have.length(1);
    expect(result.rejected[0]!.error).to.be.instanceOf(NetworkError);
    expect(result.remaining).to.equal(0);
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

describe('Outbox errors', () => {
  it('rejected events carry DvcError instances', () => {
    const e = new OutboxRejectedEvent({} as OutboxItem, new DvcError('x'));
    expect(e.type).to.equal('rejected');
    expect(e.error).to.be.instanceOf(DvcError);
  });
});
