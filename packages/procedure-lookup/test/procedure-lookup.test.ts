import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as z from 'zod/mini';
import { Agency, FieldList, ProcedureDetail, ProcedureIndex, ProcedureSearchResult } from '@dvc-widgets/contract';
import type { DvcBookRequestEvent, DvcProcedureSelectEvent } from '@dvc-widgets/core';
import { startMocks, worker, http, HttpResponse, delay, MOCK_API } from '../../../test/mocks/browser.js';
import {
  fieldList,
  procedureAgency,
  procedureDetails,
  procedureIndex,
  procedureSummaries,
  searchProcedureFixtures,
} from '../../../test/fixtures/procedures.js';
import '../src/procedure-lookup.js';
import type { DvcProcedureLookup } from '../src/procedure-lookup.component.js';
import vi from '../src/locales/vi.js';
import en from '../src/locales/en.js';

const AGENCY = procedureAgency.code;
type El = DvcProcedureLookup;

const $ = <T extends Element = HTMLElement>(el: El, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: El, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];
const input = (el: El) => $<HTMLInputElement>(el, '#q')!;
const options = (el: El) => $$(el, '[role="option"]');
const state = (el: El, name: string) => $(el, `[data-state="${name}"]`);

async function mount(attrs: { agency?: string; query?: string; extra?: (el: El) => void } = {}): Promise<El> {
  const el = await fixture<El>(
    html`<dvc-procedure-lookup api-base=${MOCK_API} agency=${attrs.agency ?? AGENCY} query=${attrs.query ?? ''}></dvc-procedure-lookup>`,
  );
  attrs.extra?.(el);
  return el;
}

async function ready(el: El): Promise<void> {
  await waitUntil(() => state(el, 'initial') || state(el, 'results') || state(el, 'empty'), 'catalog did not load', { timeout: 5000 });
}

/** Types into the search field with real key events. */
async function type(el: El, text: string): Promise<void> {
  input(el).focus();
  await sendKeys({ type: text });
  await el.updateComplete;
}

const codesShown = (el: El) => options(el).map((o) => o.querySelector('.result__meta')!.textContent!.match(/\d\.\d{6}/)![0]);

describe('dvc-procedure-lookup: fixtures', () => {
  it('are valid against the contract', () => {
    z.parse(ProcedureIndex, procedureIndex);
    z.parse(FieldList, fieldList);
    z.parse(Agency, procedureAgency);
    for (const d of procedureDetails) z.parse(ProcedureDetail, d);
    z.parse(ProcedureSearchResult, searchProcedureFixtures({ q: 'khai sinh' }));
    expect(procedureSummaries.length).to.be.greaterThan(50);
  });

  it('have the same locale keys in Vietnamese and English', () => {
    const keys = (o: object, p = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v as object, `${p}${k}.`) : [`${p}${k}`]));
    const viKeys = keys(vi);
    const enKeys = keys(en).filter((k) => !k.endsWith('_one'));
    expect(enKeys.sort()).to.deep.equal(viKeys.sort());
  });
});

describe('dvc-procedure-lookup', () => {
  before(() => startMocks());
  afterEach(() => worker.resetHandlers());

  it('starts with a labelled search field and fields to browse', async () => {
    const el = await mount();
    await ready(el);
    expect(state(el, 'initial')).to.exist;
    const q = input(el);
    expect(q.getAttribute('role')).to.equal('combobox');
    expect(q.labels?.[0]?.textContent).to.contain(vi.search.label);
    expect($$(el, '.browse__field').map((b) => b.textContent!.trim())).to.include('Hộ tịch (41 thủ tục)');
    await expect(el).to.be.accessible();
  });

  it('shows a loading state while the catalog downloads', async () => {
    worker.use(
      http.get(`${MOCK_API}/v1/procedure-index`, async () => {
        await delay(1500);
        return HttpResponse.json(procedureIndex);
      }),
    );
    const el = await mount({ agency: '000.00.02.H29' });
    await waitUntil(() => state(el, 'loading'));
    expect(state(el, 'loading')!.textContent).to.contain(vi.search.loading);
    await expect(el).to.be.accessible();
  });

  it('finds procedures typed without accents, highlights matches and announces the count', async () => {
    const el = await mount();
    await ready(el);
    await type(el, 'dk khai sinh');
    await waitUntil(() => state(el, 'results'));
    expect(codesShown(el)[0]).to.equal('1.001193');
    expect([...options(el)[0]!.querySelectorAll('mark')].map((m) => m.textContent)).to.deep.equal(['đăng', 'ký', 'khai', 'sinh']);
    expect(input(el).getAttribute('aria-expanded')).to.equal('true');
    const live = $(el, '[role="status"]')!;
    expect(live.getAttribute('aria-live')).to.equal('polite');
    await waitUntil(() => live.textContent!.includes('thủ tục'), 'count not announced', { timeout: 3000 });
    expect(live.textContent).to.match(/Tìm thấy \d+ thủ tục\./);
    await expect(el).to.be.accessible();
  });

  it('says so when results match only some of the words typed', async () => {
    const el = await mount();
    await ready(el);
    await type(el, 'khai sinh meo');
    await waitUntil(() => state(el, 'results'));
    expect(codesShown(el)[0]).to.equal('1.001193');
    expect($(el, '.partial')!.textContent).to.equal(vi.search.partial);
    await expect(el).to.be.accessible();
  });

  it('looks procedures up by code, and Enter opens the first result', async () => {
    const el = await mount();
    await ready(el);
    await type(el, '1.004194');
    expect(codesShown(el)).to.deep.equal(['1.004194']);
    const selected = oneEvent(el, 'dvc-procedure-select') as Promise<DvcProcedureSelectEvent>;
    await sendKeys({ press: 'Enter' });
    const event = await selected;
    expect(event.detail).to.deep.equal({ code: '1.004194', name: 'Đăng ký tạm trú' });
  });

  it('works by keyboard only: arrows, Enter opens the detail, Escape returns focus to the same result', async () => {
    const el = await mount();
    await ready(el);
    await type(el, 'ket hon');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(input(el).getAttribute('aria-activedescendant')).to.equal('opt-1');
    expect(options(el)[1]!.getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(input(el).getAttribute('aria-activedescendant')).to.equal('opt-0');
    const selected = oneEvent(el, 'dvc-procedure-select') as Promise<DvcProcedureSelectEvent>;
    await sendKeys({ press: 'Enter' });
    expect((await selected).detail.code).to.equal('1.000894');
    await waitUntil(() => state(el, 'detail') && $(el, '[data-section="documents"]'));
    expect(el.shadowRoot!.activeElement?.id).to.equal('detail-title');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(el.shadowRoot!.activeElement?.classList.contains('back')).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'q', 'focus did not return to the search field');
    expect(input(el).value).to.equal('ket hon');
    expect(input(el).getAttribute('aria-activedescendant')).to.equal('opt-0');
  });

  it('shows every legal component in the detail, with a safe link to the national portal', async () => {
    const el = await mount();
    await ready(el);
    el.openProcedure('1.001193');
    await waitUntil(() => $(el, '[data-section="documents"]'));
    const sections = $$(el, '[data-section]').map((s) => s.dataset['section']);
    expect(sections).to.include.members(['channels', 'documents', 'steps', 'subjects', 'agency', 'result', 'legal']);
    expect($$(el, '.channel')).to.have.length(3);
    expect($(el, '.channel__facts')!.textContent).to.contain('Miễn phí');
    expect($$(el, '.steps li').length).to.be.greaterThan(2);
    expect($$(el, '.legal li').length).to.be.greaterThan(0);
    const portal = $<HTMLAnchorElement>(el, 'a[target="_blank"]')!;
    expect(portal.href).to.match(/^https:\/\/dichvucong\.gov\.vn\//);
    expect(portal.rel).to.contain('noopener');
    expect(portal.textContent).to.contain(vi.detail.newTab);
    // Long parts are collapsible; the essentials start open.
    expect($<HTMLDetailsElement>(el, '[data-section="documents"]')!.open).to.equal(true);
    expect($<HTMLDetailsElement>(el, '[data-section="steps"]')!.open).to.equal(false);
    window.dispatchEvent(new Event('beforeprint'));
    expect($<HTMLDetailsElement>(el, '[data-section="steps"]')!.open).to.equal(true);
    window.dispatchEvent(new Event('afterprint'));
    expect($<HTMLDetailsElement>(el, '[data-section="steps"]')!.open).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('groups documents per case with forms and numbers of copies', async () => {
    const el = await mount();
    await ready(el);
    const withGroups = procedureDetails.find((d) => d.documents.some((g) => g.items.some((i) => i.originals || i.copies)))!;
    el.openProcedure(withGroups.code);
    await waitUntil(() => $(el, '[data-section="documents"]'));
    expect($$(el, '.doc').length).to.equal(withGroups.documents.reduce((n, g) => n + g.items.length, 0));
    expect($$(el, '.doc__count').length).to.be.greaterThan(0);
  });

  it('hands the booking request to a booking widget on the page', async () => {
    const el = await fixture<El>(
      html`<dvc-procedure-lookup api-base=${MOCK_API} agency=${AGENCY} booking-url="/dat-lich"></dvc-procedure-lookup>`,
    );
    await ready(el);
    el.openProcedure('2.000884');
    await waitUntil(() => $(el, '[data-section="documents"]'));
    const taken = (e: Event) => e.preventDefault();
    document.addEventListener('dvc-book-request', taken);
    try {
      const book = [...$$(el, '.actions button')].find((b) => b.textContent!.includes(vi.detail.book))!;
      const request = oneEvent(document as unknown as El, 'dvc-book-request') as Promise<DvcBookRequestEvent>;
      book.focus();
      await sendKeys({ press: 'Enter' });
      const event = await request;
      expect(event.detail.procedureCode).to.equal('2.000884');
      expect(event.detail.procedureName).to.contain('Chứng thực chữ ký');
      expect(event.defaultPrevented).to.equal(true);
    } finally {
      document.removeEventListener('dvc-book-request', taken);
    }
  });

  it('offers no booking button when there is nowhere to book (and never a javascript: URL)', async () => {
    const el = await fixture<El>(
      html`<dvc-procedure-lookup api-base=${MOCK_API} agency=${AGENCY} booking-url="javascript:alert(1)"></dvc-procedure-lookup>`,
    );
    await ready(el);
    el.openProcedure('2.000884');
    await waitUntil(() => $(el, '[data-section="documents"]'));
    expect($$(el, '.actions button').map((b) => b.textContent!.trim())).to.not.include(vi.detail.book);
  });

  it('has a helpful empty state: spelling, fields to browse, the office phone', async () => {
    const el = await mount();
    await ready(el);
    await type(el, 'xyzzy qwerty');
    await waitUntil(() => state(el, 'empty'));
    const empty = state(el, 'empty')!;
    expect(empty.textContent).to.contain(vi.empty.spelling);
    await waitUntil(() => empty.querySelector('a[href^="tel:"]') || $(el, 'a[href^="tel:"]'));
    expect($<HTMLAnchorElement>(el, 'a[href^="tel:"]')!.getAttribute('href')).to.equal('tel:02438230000');
    expect($$(el, '.browse__field').length).to.be.greaterThan(2);
    await waitUntil(() => $(el, '[role="status"]')!.textContent === vi.search.none, 'empty result not announced', { timeout: 3000 });
    await expect(el).to.be.accessible();
  });

  it('filters by field with counts over the current matches, and clears all filters', async () => {
    const el = await mount();
    await ready(el);
    await type(el, 'dang ky');
    // The panel starts closed (its options are not even rendered); open it from the keyboard.
    expect($(el, '#f-field')).to.equal(null);
    $(el, '.filters__summary')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(el, '#f-field'), 'filters did not open');
    const select = $<HTMLSelectElement>(el, '#f-field')!;
    const labels = [...select.options].map((o) => o.textContent!.trim());
    expect(labels[0]).to.equal(vi.filters.any);
    expect(labels.some((l) => /^Hộ tịch \(\d+\)$/.test(l))).to.equal(true);
    const before = options(el).length;
    select.value = 'Đất đai';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.field).to.equal('Đất đai');
    expect(options(el).length).to.be.lessThan(before);
    for (const o of options(el)) expect(o.textContent).to.contain('Đất đai');
    await expect(el).to.be.accessible();
    const clear = [...$$(el, '.filters button')].find((b) => b.textContent!.includes(vi.filters.clear))!;
    clear.click();
    await el.updateComplete;
    expect(el.field).to.equal(undefined);
  });

  it('shows the largest fields first and the rest behind a "show all" disclosure', async () => {
    worker.use(
      http.get(`${MOCK_API}/v1/procedure-index`, () =>
        HttpResponse.json({
          version: 'many-fields',
          agency: null,
          fields: Array.from({ length: 20 }, (_, i) => `Lĩnh vực ${String(i + 1).padStart(2, '0')}`),
          items: Array.from({ length: 20 }, (_, f) =>
            Array.from({ length: f + 1 }, (_, n) => ({
              c: `1.${String(f * 100 + n).padStart(6, '0')}`,
              n: `Thủ tục ${f}-${n}`,
              f,
              l: ['commune'],
              o: null,
              ch: ['in_person'],
            })),
          ).flat(),
        }),
      ),
    );
    const el = await fixture<El>(html`<dvc-procedure-lookup api-base=${MOCK_API}></dvc-procedure-lookup>`);
    await ready(el);
    const visible = $$(el, '.browse > .browse__list .browse__field').map((b) => b.textContent!.trim());
    expect(visible).to.have.length(12);
    expect(visible[0]).to.equal('Lĩnh vực 20 (20 thủ tục)');
    expect(visible[11]).to.equal('Lĩnh vực 09 (9 thủ tục)');
    const more = $<HTMLDetailsElement>(el, '.browse__more')!;
    expect(more.open).to.equal(false);
    expect(more.querySelector('summary')!.textContent!.trim()).to.equal('Xem tất cả lĩnh vực (thêm 8)');
    expect(more.querySelectorAll('.browse__field')).to.have.length(8);
    await expect(el).to.be.accessible();
  });

  it('browses a field from the initial state with the keyboard', async () => {
    const el = await mount();
    await ready(el);
    const field = $$(el, '.browse__field').find((b) => b.textContent!.trim().startsWith('Chứng thực'))!;
    field.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.field).to.equal('Chứng thực');
    expect(options(el).length).to.be.greaterThan(3);
    // The chip went with the start screen: focus is on the field filter, which now says what was
    // chosen, not on <body> (WCAG 2.4.3). Tab goes on from there.
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'f-field', 'focus not on the field filter');
    const select = $<HTMLSelectElement>(el, '#f-field')!;
    expect(select.value).to.equal('Chứng thực');
    expect(document.activeElement).to.equal(el);
    await expect(el).to.be.accessible();
  });

  it('shows more results on request, continuing at the first new one', async () => {
    const el = await fixture<El>(html`<dvc-procedure-lookup api-base=${MOCK_API} agency=${AGENCY} page-size="5"></dvc-procedure-lookup>`);
    await ready(el);
    await type(el, 'dang ky');
    expect(options(el)).to.have.length(5);
    $<HTMLButtonElement>(el, '.more')!.click();
    await el.updateComplete;
    expect(options(el)).to.have.length(10);
    expect(input(el).getAttribute('aria-activedescendant')).to.equal('opt-5');
  });

  it('shows an error with retry when the catalog cannot be loaded, and recovers', async () => {
    worker.use(
      http.get(`${MOCK_API}/v1/procedure-index`, () =>
        HttpResponse.json({ error: { code: 'internal', message: 'boom' } }, { status: 500 }),
      ),
    );
    const el = await mount({ agency: '000.00.03.H29' });
    await waitUntil(() => $(el, '[role="alert"]'), 'no error shown', { timeout: 6000 });
    expect($(el, '[role="alert"]')!.textContent).to.contain(vi.error.title);
    await expect(el).to.be.accessible();
    worker.resetHandlers();
    $<HTMLButtonElement>(el, '[role="alert"] button')!.click();
    await ready(el);
  });

  it('counts down before a rate-limited retry', async () => {
    worker.use(
      http.get(`${MOCK_API}/v1/procedure-index`, () =>
        HttpResponse.json({ error: { code: 'rate_limited', message: 'slow down' } }, { status: 429, headers: { 'Retry-After': '30' } }),
      ),
    );
    const el = await mount({ agency: '000.00.04.H29' });
    await waitUntil(() => $(el, '.retry-in'), 'no countdown', { timeout: 6000 });
    expect($(el, '.retry-in')!.textContent).to.match(/30|29/);
    expect($<HTMLButtonElement>(el, '[role="alert"] button')!.disabled).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('searches on the server when the catalog is not offered (404), with highlighting', async () => {
    let serverCalls = 0;
    worker.use(
      http.get(`${MOCK_API}/v1/procedure-index`, () => HttpResponse.json({ error: { code: 'not_found', message: 'no index' } }, { status: 404 })),
      http.get(`${MOCK_API}/v1/procedures`, ({ request }) => {
        serverCalls++;
        const q = new URL(request.url).searchParams.get('q') ?? undefined;
        return HttpResponse.json(searchProcedureFixtures({ q }));
      }),
    );
    const el = await mount({ agency: '000.00.05.H29' });
    await ready(el);
    await type(el, 'chung thuc ban sao');
    await waitUntil(() => options(el).length > 0 && codesShown(el)[0] === '2.000815', 'server results not shown', { timeout: 4000 });
    expect(serverCalls).to.be.greaterThan(1);
    expect(options(el)[0]!.querySelectorAll('mark').length).to.be.greaterThan(2);
  });

  it('uses only server search with the server-search attribute, and shows malformed answers as errors', async () => {
    let indexCalls = 0;
    worker.use(
      http.get(`${MOCK_API}/v1/procedure-index`, () => {
        indexCalls++;
        return HttpResponse.json(procedureIndex);
      }),
      http.get(`${MOCK_API}/v1/procedures`, () => HttpResponse.json({ items: 'not a list' })),
    );
    const el = await fixture<El>(
      html`<dvc-procedure-lookup api-base=${MOCK_API} agency=${AGENCY} server-search></dvc-procedure-lookup>`,
    );
    await waitUntil(() => $(el, '[role="alert"]'), 'no error shown', { timeout: 6000 });
    expect(indexCalls).to.equal(0);
    expect($(el, '[role="alert"]')!.textContent).to.contain('không hợp lệ');
    await expect(el).to.be.accessible();
  });

  it('keeps searching the saved catalog when the network is gone', async () => {
    const first = await mount();
    await ready(first);
    first.remove();
    worker.use(http.get(`${MOCK_API}/v1/procedure-index`, () => HttpResponse.error()));
    const el = await mount();
    await waitUntil(() => state(el, 'offline-cached'), 'no offline banner', { timeout: 6000 });
    await type(el, 'khai tu');
    expect(codesShown(el)[0]).to.equal('1.000656');
    await expect(el).to.be.accessible();
  });

  it('explains being offline with nothing saved, with a retry', async () => {
    const onLine = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;
    Object.defineProperty(Navigator.prototype, 'onLine', { configurable: true, get: () => false });
    try {
      const el = await mount({ agency: '000.00.06.H29' });
      await waitUntil(() => $(el, '[role="alert"]'), 'no offline error', { timeout: 6000 });
      expect($(el, '[role="alert"]')!.textContent).to.contain(vi.offline.noCache);
      await expect(el).to.be.accessible();
    } finally {
      Object.defineProperty(Navigator.prototype, 'onLine', onLine);
    }
  });

  it('says when a procedure code does not exist', async () => {
    const el = await mount();
    await ready(el);
    el.openProcedure('9.999999');
    await waitUntil(() => state(el, 'not-found'));
    expect(state(el, 'not-found')!.textContent).to.contain('9.999999');
    await expect(el).to.be.accessible();
  });

  it('keeps the query and the open procedure in the page URL with sync-url, and Back closes the detail', async () => {
    const original = location.href;
    history.replaceState(null, '', `${location.pathname}?thu-tuc=1.000656&tu-khoa=khai+tu`);
    try {
      const el = await fixture<El>(html`<dvc-procedure-lookup api-base=${MOCK_API} agency=${AGENCY} sync-url></dvc-procedure-lookup>`);
      const selected = (await oneEvent(el, 'dvc-procedure-select')) as DvcProcedureSelectEvent;
      expect(selected.detail.code).to.equal('1.000656');
      await waitUntil(() => $(el, '[data-section="documents"]') || state(el, 'detail'));
      expect($(el, '#detail-title')!.textContent).to.contain('khai tử');
      $<HTMLButtonElement>(el, '.back')!.click();
      await waitUntil(() => state(el, 'results'), 'detail not closed');
      expect(new URL(location.href).searchParams.get('thu-tuc')).to.equal(null);
      expect(input(el).value).to.equal('khai tu');
      await type(el, ' luu dong');
      expect(new URL(location.href).searchParams.get('tu-khoa')).to.equal('khai tu luu dong');
      options(el)[0]!.click();
      await el.updateComplete;
      expect(new URL(location.href).searchParams.get('thu-tuc')).to.equal(codesShown(el)[0] ?? '1.000419');
      history.back();
      await waitUntil(() => state(el, 'results'), 'Back did not close the detail');
    } finally {
      history.replaceState(null, '', original);
    }
  });

  it('speaks English when the page does', async () => {
    const el = await fixture<El>(html`<div lang="en"><dvc-procedure-lookup api-base=${MOCK_API} agency=${AGENCY}></dvc-procedure-lookup></div>`);
    const lookup = el.querySelector('dvc-procedure-lookup')!;
    await ready(lookup);
    expect($(lookup, '.title')!.textContent).to.equal(en.title);
    expect(input(lookup).labels?.[0]?.textContent).to.contain(en.search.label);
    await expect(lookup).to.be.accessible();
  });

  it('renders the detail in dark theme accessibly', async () => {
    const el = await fixture<El>(html`<dvc-procedure-lookup api-base=${MOCK_API} agency=${AGENCY} theme="dark"></dvc-procedure-lookup>`);
    await ready(el);
    el.openProcedure('2.000815');
    await waitUntil(() => $(el, '[data-section="documents"]'));
    await expect(el).to.be.accessible();
    await aTimeout(0);
  });
});
