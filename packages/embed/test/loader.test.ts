// The loader as a webmaster uses it: a <script type="module"> tag with data-* settings, widgets in
// the page before it runs, added later, and inside another component's open shadow root. One page
// holds one loader (that is the point of the global guard), so the tests share it, in order.
import { expect, waitUntil } from '@open-wc/testing';

const LOADER_URL = new URL('../src/loader.ts', import.meta.url).href;
const KEY = Symbol.for('dvc-widgets.loader');
const g = globalThis as unknown as Record<symbol, unknown> & {
  dvcWidgets?: { config?: Record<string, string> };
};

function defined(tag: string): Promise<void> {
  return waitUntil(() => customElements.get(tag) !== undefined, `${tag} is defined`, { timeout: 8000 });
}

describe('embed loader (dvc-widgets.js)', () => {
  before(async function () {
    this.timeout(20_000);
    // A page script set the agency on purpose: the script tag must not override it.
    g.dvcWidgets = { config: { agency: '000.00.00.H29' } };
    document.body.insertAdjacentHTML('beforeend', '<main id="page"><dvc-dossier-tracker></dvc-dossier-tracker></main>');
    const script = document.createElement('script');
    script.type = 'module';
    script.src = LOADER_URL;
    // A base nobody answers on: these tests look at loading, not data (and avoid starting /api).
    script.dataset.apiBase = '/embed-test-no-api';
    script.dataset.agency = '000.21.01.H29';
    script.dataset.lang = 'en';
    script.dataset.contactPhone = '028 3829 7777';
    const loaded = new Promise((resolve, reject) => {
      script.onload = resolve;
      script.onerror = reject;
    });
    document.head.append(script);
    await loaded;
  });

  it('registers itself under the global symbol', () => {
    expect(g[KEY]).to.be.a('string');
    expect(String(g[KEY]).split('?')[0]).to.equal(LOADER_URL.split('?')[0]);
  });

  it('maps the script tag data-* attributes into window.dvcWidgets.config, keeping keys the page set', () => {
    expect(g.dvcWidgets?.config).to.deep.equal({
      agency: '000.00.00.H29',
      apiBase: '/embed-test-no-api',
      lang: 'en',
      contactPhone: '028 3829 7777',
    });
  });

  it('defines a widget present when it runs', async () => {
    await defined('dvc-dossier-tracker');
    const el = document.querySelector('dvc-dossier-tracker')!;
    await waitUntil(() => el.shadowRoot?.querySelector('.dvc-root'), 'rendered');
  });

  it('imports only the widgets the page uses', () => {
    expect(customElements.get('dvc-procedure-lookup')).to.equal(undefined);
    expect(customElements.get('dvc-appointment-booking')).to.equal(undefined);
  });

  it('defines a widget added to the page later (nested in new markup)', async () => {
    expect(customElements.get('dvc-satisfaction-survey')).to.equal(undefined);
    document.getElementById('page')!.insertAdjacentHTML('beforeend', '<div><p><dvc-satisfaction-survey></dvc-satisfaction-survey></p></div>');
    await defined('dvc-satisfaction-survey');
  });

  it('defines a widget added later inside an open shadow root', async () => {
    const host = document.createElement('div');
    const shadow = host.attachShadow({ mode: 'open' });
    document.getElementById('page')!.append(host);
    await new Promise((r) => setTimeout(r, 50));
    expect(customElements.get('dvc-appointment-booking')).to.equal(undefined);
    shadow.append(document.createElement('dvc-appointment-booking'));
    await defined('dvc-appointment-booking');
  });

  it('is harmless when loaded twice: the second copy leaves the first in charge', async () => {
    const first = g[KEY];
    await import(/* @vite-ignore */ `${LOADER_URL}?second-copy`);
    expect(g[KEY]).to.equal(first);
    document.getElementById('page')!.insertAdjacentHTML('beforeend', '<dvc-procedure-lookup></dvc-procedure-lookup>');
    await defined('dvc-procedure-lookup');
    expect(document.querySelectorAll('link[rel=modulepreload]').length).to.equal(0); // unbuilt source: nothing to preload
  });

  after(() => {
    document.getElementById('page')?.remove();
  });
});
