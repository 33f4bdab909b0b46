import { expect, fixture, html as testHtml, waitUntil } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import type { ProcedureIndex, ProcedureSearchResult } from '@dvc-widgets/contract';
import { ApiClient } from '../src/api-client.js';
import { CATALOG_BUILD_MARK, CatalogController, getCatalog, prefetchCatalog } from '../src/catalog.js';
import { ApiError, RateLimitedError, type DvcError } from '../src/errors.js';

/** A compact index of `n` procedures in two fields. */
function index(n: number, agency: string | null = null): ProcedureIndex {
  return {
    version: 'test',
    agency,
    fields: ['Hộ tịch', 'Chứng thực'],
    items: Array.from({ length: n }, (_, i) => ({
      c: `1.${String(100000 + i).padStart(6, '0')}`,
      n: i === 0 ? 'Đăng ký khai sinh' : `Thủ tục số ${i} về chứng thực bản sao`,
      f: i % 2,
      l: ['commune'],
      o: null,
      ch: ['in_person'],
    })),
  } as ProcedureIndex;
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

/** An API client whose fetch answers the index (or `answer`) and counts calls per path. */
function fakeApi(answer?: (url: URL, init?: RequestInit) => Response | Promise<Response>) {
  const calls: URL[] = [];
  const client = new ApiClient({
    baseUrl: `https://api-${Math.random().toString(36).slice(2)}.example`,
    cache: false,
    maxRetries: 0,
    fetch: async (input, init) => {
      const url = new URL(String(input));
      calls.push(url);
      if (answer) return answer(url, init);
      return json(index(20, url.searchParams.get('agency')));
    },
  });
  const count = (path: string) => calls.filter((u) => u.pathname === path).length;
  return { client, calls, count };
}

class CatalogProbe extends LitElement {
  @property({ attribute: false }) client!: ApiClient;
  @property() agency?: string;
  @property({ type: Boolean }) off = false;
  errors: DvcError[] = [];
  readonly catalog = new CatalogController(this, {
    client: () => this.client,
    agency: () => this.agency,
    enabled: () => !this.off,
    onError: (e) => this.errors.push(e),
  });
  override render() {
    return html`<p>${this.catalog.status}</p>`;
  }
}
customElements.define('dvc-catalog-probe', CatalogProbe);

const builds = () => performance.getEntriesByName(CATALOG_BUILD_MARK, 'mark').length;

async function probe(client: ApiClient, agency?: string, off = false): Promise<CatalogProbe> {
  return fixture<CatalogProbe>(testHtml`<dvc-catalog-probe .client=${client} agency=${agency ?? ''} ?off=${off}></dvc-catalog-probe>`);
}

const ready = (el: CatalogProbe) =>
  waitUntil(() => el.catalog.status !== 'loading' && el.catalog.status !== 'idle', 'catalog did not settle', { timeout: 5000 });

describe('CatalogController', () => {
  it('two widgets on one API and agency share one download and one index build', async () => {
    const api = fakeApi();
    const before = builds();
    const parent = await fixture<HTMLDivElement>(testHtml`<div>
      <dvc-catalog-probe .client=${api.client} agency="000.00.01.H29"></dvc-catalog-probe>
      <dvc-catalog-probe .client=${api.client} agency="000.00.01.H29"></dvc-catalog-probe>
    </div>`);
    const [a, b] = [...parent.querySelectorAll<CatalogProbe>('dvc-catalog-probe')] as [CatalogProbe, CatalogProbe];
    await ready(a);
    await ready(b);
    expect(a.catalog.status).to.equal('ready');
    expect(api.count('/v1/procedure-index')).to.equal(1);
    expect(builds() - before).to.equal(1);
    expect(a.catalog.engine).to.equal(b.catalog.engine);
    expect(a.catalog.catalog).to.equal(getCatalog(api.client, '000.00.01.H29'));
    expect(a.catalog.items).to.have.length(20);
    expect(a.catalog.item('1.100000')?.name).to.equal('Đăng ký khai sinh');
    expect(a.catalog.engine!.search('dk khai sinh')[0]!.item.code).to.equal('1.100000');
    expect(a.catalog.search!.expandQuery('dk').groups.length).to.equal(1);
    expect(api.calls[0]!.searchParams.get('agency')).to.equal('000.00.01.H29');
    expect(a.shadowRoot!.textContent).to.contain('ready');
  });

  it('another agency or another API is another catalog', async () => {
    const api = fakeApi();
    const other = fakeApi();
    const a = await probe(api.client, '000.00.01.H29');
    const b = await probe(api.client, '000.00.02.H29');
    const c = await probe(other.client, '000.00.01.H29');
    const d = await probe(api.client);
    await Promise.all([a, b, c, d].map(ready));
    expect(api.count('/v1/procedure-index')).to.equal(3);
    expect(other.count('/v1/procedure-index')).to.equal(1);
    expect(new Set([a, b, c, d].map((p) => p.catalog.engine)).size).to.equal(4);
    // No agency: the API's whole catalog, asked without the parameter.
    expect(api.calls.some((u) => !u.searchParams.has('agency'))).to.equal(true);
  });

  it('follows the host: a new agency takes that catalog; disabled holds none', async () => {
    const api = fakeApi();
    const el = await probe(api.client, '000.00.01.H29');
    await ready(el);
    const first = el.catalog.catalog;
    el.agency = '000.00.02.H29';
    await el.updateComplete;
    await ready(el);
    expect(el.catalog.catalog).to.not.equal(first);
    expect(el.catalog.catalog!.agency).to.equal('000.00.02.H29');
    el.off = true;
    await el.updateComplete;
    expect(el.catalog.catalog).to.equal(undefined);
    expect(el.catalog.status).to.equal('idle');
  });

  it('indexes in slices: the page gets turns while a large catalog is indexed', async () => {
    const api = fakeApi(async (url) => json(index(3000, url.searchParams.get('agency'))));
    const turns: number[] = [];
    let on = true;
    const spin = () => {
      turns.push(performance.now());
      if (on) setTimeout(spin, 0);
    };
    spin();
    const el = await probe(api.client, '000.00.03.H29');
    await ready(el);
    on = false;
    const measure = performance.getEntriesByName(`${CATALOG_BUILD_MARK}:duration`, 'measure').at(-1)!;
    const during = turns.filter((t) => t > measure.startTime && t < measure.startTime + measure.duration);
    expect(el.catalog.items).to.have.length(3000);
    // 3,000 procedures, 150 per slice: the timer ran between slices, many times.
    expect(during.length).to.be.greaterThan(5);
  });

  it('falls back to server search when the server does not ship the catalog, with the agency and q', async () => {
    const result: ProcedureSearchResult = {
      items: [],
      total: 0,
      page: 1,
      pageSize: 20,
      facets: { field: [], level: [], onlineLevel: [], channel: [] },
    } as unknown as ProcedureSearchResult;
    const api = fakeApi((url) =>
      url.pathname === '/v1/procedure-index'
        ? json({ error: { code: 'not_found', message: 'no index' } }, 404)
        : json(result),
    );
    const el = await probe(api.client, '000.00.01.H29');
    await ready(el);
    expect(el.catalog.status).to.equal('server');
    expect(el.catalog.error).to.equal(undefined);
    expect(el.errors).to.have.length(0, 'not an error: a way of searching');
    expect(el.catalog.search, 'the search module, for highlighting').to.not.equal(undefined);
    const answer = await el.catalog.searchOnServer({ q: 'khai sinh', page: 1, pageSize: 8 });
    expect(answer.total).to.equal(0);
    const search = api.calls.find((u) => u.pathname === '/v1/procedures')!;
    expect(search.searchParams.get('q')).to.equal('khai sinh');
    expect(search.searchParams.get('agency')).to.equal('000.00.01.H29');
    expect(search.searchParams.get('pageSize')).to.equal('8');
  });

  it('an answer outside the contract also means server search', async () => {
    const api = fakeApi(() => json({ items: 'nope' }));
    const el = await probe(api.client, '000.00.05.H29');
    await ready(el);
    expect(el.catalog.status).to.equal('server');
  });

  it('a failed download is an error, reported once to each holder, and reload() recovers', async () => {
    let fail = true;
    const api = fakeApi((url) =>
      fail
        ? json({ error: { code: 'rate_limited', message: 'slow' } }, 429, { 'Retry-After': '30' })
        : json(index(5, url.searchParams.get('agency'))),
    );
    const el = await probe(api.client, '000.00.01.H29');
    await ready(el);
    expect(el.catalog.status).to.equal('error');
    expect(el.catalog.error).to.be.instanceOf(RateLimitedError);
    expect((el.catalog.error as RateLimitedError).retryAfter).to.equal(30);
    el.requestUpdate();
    await el.updateComplete;
    expect(el.errors).to.have.length(1, 'reported once, not on every render');
    // Not retried behind the citizen's back: only reload() asks again.
    expect(api.count('/v1/procedure-index')).to.equal(1);
    fail = false;
    await el.catalog.reload();
    expect(el.catalog.status).to.equal('ready');
    expect(el.catalog.items).to.have.length(5);
    expect(el.catalog.error).to.equal(undefined);
  });

  it('a server error other than "no catalog" stays an error', async () => {
    const api = fakeApi(() => json({ error: { code: 'internal', message: 'boom' } }, 500));
    const el = await probe(api.client, '000.00.01.H29');
    await ready(el);
    expect(el.catalog.status).to.equal('error');
    expect(el.catalog.error).to.be.instanceOf(ApiError);
  });

  it('a catalog nobody holds leaves the page: its download is aborted, the next widget starts afresh', async () => {
    let signal: AbortSignal | undefined;
    const { client } = fakeApi((_url, init) => {
      signal = init?.signal ?? undefined;
      return new Promise<Response>(() => undefined);
    });
    const el = await probe(client, '000.00.01.H29');
    const held = el.catalog.catalog!;
    expect(held.status).to.equal('loading');
    await waitUntil(() => signal, 'no request');
    el.remove();
    await waitUntil(() => signal!.aborted, 'download not aborted');
    expect(getCatalog(client, '000.00.01.H29')).to.not.equal(held);
  });

  it('a host that renders while out of the page does not take the catalog back', async () => {
    const api = fakeApi();
    const el = await probe(api.client, '000.00.01.H29');
    await ready(el);
    const held = el.catalog.catalog!;
    el.remove();
    el.requestUpdate(); // a late timer of the widget's own
    await el.updateComplete;
    await Promise.resolve();
    expect(el.catalog.catalog).to.equal(undefined);
    expect(getCatalog(api.client, '000.00.01.H29')).to.not.equal(held, 'let go of and dropped');
  });

  it('an element moved in the page keeps its catalog', async () => {
    const api = fakeApi();
    const el = await probe(api.client, '000.00.01.H29');
    await ready(el);
    const held = el.catalog.catalog;
    const other = document.createElement('div');
    document.body.append(other);
    try {
      other.append(el);
      await el.updateComplete;
      expect(el.catalog.catalog).to.equal(held);
      expect(getCatalog(api.client, '000.00.01.H29')).to.equal(held);
      expect(api.count('/v1/procedure-index')).to.equal(1);
    } finally {
      other.remove();
    }
  });

  it('prefetchCatalog starts the download before any widget; the widget takes the same catalog', async () => {
    const api = fakeApi();
    const before = builds();
    const early = prefetchCatalog(api.client, '000.00.01.H29');
    expect(early.status).to.equal('loading');
    await early.load();
    expect(early.status).to.equal('ready');
    const el = await probe(api.client, '000.00.01.H29');
    expect(el.catalog.catalog).to.equal(early);
    expect(el.catalog.status).to.equal('ready');
    expect(api.count('/v1/procedure-index')).to.equal(1);
    expect(builds() - before).to.equal(1);
  });
});
