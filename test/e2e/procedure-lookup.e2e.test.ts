/**
 * End to end against the REAL reference server (proxied same-origin at /api, seeded with the real
 * catalog): the widget downloads the agency's catalog, finds procedures the way citizens type
 * them, opens the full legal components, searches on the server when asked to, and the catalog
 * is revalidated with its ETag.
 */
import { expect, fixture, html, oneEvent, waitUntil as waitUntilBase } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { DvcProcedureSelectEvent } from '@dvc-widgets/core';
import '../../packages/procedure-lookup/src/procedure-lookup.js';
import type { DvcProcedureLookup } from '../../packages/procedure-lookup/src/procedure-lookup.component.js';

/** waitUntil with a generous default: the real server seeds itself on first use, on shared machines. */
const waitUntil = (...[predicate, message, options]: Parameters<typeof waitUntilBase>) =>
  waitUntilBase(predicate, message, { timeout: 15000, ...options });

const API = '/api';
/** `DEMO_AGENCY_CODES.baDinh` in packages/server/src/domain/agencies.ts (a commune office). */
const AGENCY = '000.21.01.H29';

const $ = <T extends Element = HTMLElement>(el: HTMLElement, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const codes = (el: HTMLElement) =>
  [...el.shadowRoot!.querySelectorAll('[role="option"] .result__meta')].map((m) => m.textContent!.match(/\d\.\d{6}/)![0]);

async function type(el: DvcProcedureLookup, text: string) {
  $<HTMLInputElement>(el, '#q')!.focus();
  await sendKeys({ type: text });
  await el.updateComplete;
}

describe('procedure-lookup e2e (real server)', function () {
  this.timeout(60000);

  it('serves the catalog with an ETag and answers If-None-Match with 304', async () => {
    const first = await fetch(`${API}/v1/procedure-index?agency=${AGENCY}`);
    expect(first.status).to.equal(200);
    const etag = first.headers.get('etag');
    expect(etag).to.be.a('string');
    const body = (await first.json()) as { items: unknown[] };
    expect(body.items.length).to.be.greaterThan(100);
    const again = await fetch(`${API}/v1/procedure-index?agency=${AGENCY}`, { headers: { 'If-None-Match': etag! } });
    expect(again.status).to.equal(304);
  });

  it('finds "dk khai sinh" in the downloaded catalog and opens its legal components', async () => {
    const el = await fixture<DvcProcedureLookup>(html`<dvc-procedure-lookup api-base=${API} agency=${AGENCY}></dvc-procedure-lookup>`);
    await waitUntil(() => $(el, '[data-state="initial"]'), 'catalog not loaded');
    await type(el, 'dk khai sinh');
    expect(codes(el)[0]).to.equal('1.001193');
    const selected = oneEvent(el, 'dvc-procedure-select') as Promise<DvcProcedureSelectEvent>;
    await sendKeys({ press: 'Enter' });
    expect((await selected).detail).to.deep.equal({ code: '1.001193', name: 'Thủ tục đăng ký khai sinh' });
    await waitUntil(() => $(el, '[data-section="documents"]'), 'detail not loaded');
    expect(el.shadowRoot!.querySelectorAll('.channel').length).to.be.greaterThan(0);
    expect(el.shadowRoot!.querySelectorAll('.steps li').length).to.be.greaterThan(0);
    expect($<HTMLAnchorElement>(el, 'a[target="_blank"]')?.href ?? '').to.match(/^https:\/\/dichvucong\.gov\.vn\//);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'q', 'focus not back in the search field');
  });

  it('searches on the server with server-search ("chung thuc ban sao", "so do")', async () => {
    const el = await fixture<DvcProcedureLookup>(
      html`<dvc-procedure-lookup api-base=${API} agency=${AGENCY} server-search query="chung thuc ban sao"></dvc-procedure-lookup>`,
    );
    await waitUntil(() => codes(el).length > 0, 'no server results');
    expect(codes(el).slice(0, 3)).to.include('2.000815');
    const q = $<HTMLInputElement>(el, '#q')!;
    q.value = 'so do';
    q.dispatchEvent(new Event('input'));
    await waitUntil(() => codes(el).slice(0, 3).some((c) => ['1.013978', '1.012753'].includes(c)), 'land certificate not found');
  });

  it('opens a deep link (?thu-tuc=) with sync-url', async () => {
    const original = location.href;
    history.replaceState(null, '', `${location.pathname}?thu-tuc=2.000884`);
    try {
      const el = await fixture<DvcProcedureLookup>(
        html`<dvc-procedure-lookup api-base=${API} agency=${AGENCY} sync-url></dvc-procedure-lookup>`,
      );
      await waitUntil(() => $(el, '[data-section="documents"]'), 'detail not loaded');
      expect($(el, '#detail-title')!.textContent).to.contain('Chứng thực chữ ký');
    } finally {
      history.replaceState(null, '', original);
    }
  });
});
