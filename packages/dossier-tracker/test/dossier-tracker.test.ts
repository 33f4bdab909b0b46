import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as z from 'zod/mini';
import { Dossier, type DossierStatus } from '@dvc-widgets/contract';
import { startMocks, worker, http, HttpResponse, MOCK_API, delay } from '../../../test/mocks/browser.js';
import { dossiersByStatus, overdueDossier, UNKNOWN_DOSSIER_CODE } from '../../../test/fixtures/dossiers.js';
import { pressWhilePending } from '../../../test/helpers/index.js';
import '../src/dossier-tracker.js';
import type { DvcDossierTracker } from '../src/dossier-tracker.component.js';
import vi from '../src/locales/vi.js';
import en from '../src/locales/en.js';

const STORAGE_KEYS = ['dvc:dossier-tracker.remember', 'dvc:dossier-tracker.recent', 'dvc:dossier-tracker.results'];
const DOSSIER_URL = `${MOCK_API}/v1/dossiers/:code`;

const sr = (el: DvcDossierTracker) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: DvcDossierTracker, sel: string) => sr(el).querySelector<T>(sel);
const text = (el: DvcDossierTracker) => sr(el).textContent!.replace(/\s+/g, ' ');
const input = (el: DvcDossierTracker) => $<HTMLInputElement>(el, 'input#code')!;
const live = (el: DvcDossierTracker) => $(el, '[role="status"]')!.textContent!.trim();

async function mount(attrs: { code?: string; agency?: string; lang?: string; codeParam?: string } = {}) {
  const el = await fixture<DvcDossierTracker>(html`<dvc-dossier-tracker
    api-base=${MOCK_API}
    code=${attrs.code ?? ''}
    agency=${attrs.agency ?? ''}
    lang=${attrs.lang ?? 'vi'}
    code-param=${attrs.codeParam ?? 'ma-ho-so'}
  ></dvc-dossier-tracker>`);
  await el.updateComplete;
  return el;
}

async function settled(el: DvcDossierTracker, selector: string) {
  await waitUntil(() => $(el, selector), `${selector} did not appear`, { timeout: 8000 });
  await el.updateComplete;
}

/** Looks a code up the way a keyboard user does: Tab into the field, type, press Enter. */
async function typeAndSubmit(el: DvcDossierTracker, code: string) {
  input(el).focus();
  await sendKeys({ type: code });
  await sendKeys({ press: 'Enter' });
}

async function lookUp(code: string, attrs: Parameters<typeof mount>[0] = {}) {
  const el = await mount(attrs);
  el.check(code);
  await settled(el, '.result, [part="error"]');
  return el;
}

/** Counts requests to the dossier endpoint, answering like the default handler. */
function countRequests() {
  const seen: string[] = [];
  worker.events.on('request:start', ({ request }) => {
    if (new URL(request.url).pathname.startsWith(`${MOCK_API}/v1/dossiers/`)) seen.push(request.url);
  });
  return seen;
}

describe('dvc-dossier-tracker', () => {
  before(() => startMocks());
  beforeEach(() => STORAGE_KEYS.forEach((k) => localStorage.removeItem(k)));
  afterEach(() => {
    worker.resetHandlers();
    worker.events.removeAllListeners();
    STORAGE_KEYS.forEach((k) => localStorage.removeItem(k));
  });

  describe('fixtures and locales', () => {
    it('every fixture dossier matches the contract', () => {
      for (const d of [...Object.values(dossiersByStatus), overdueDossier]) {
        expect(() => z.parse(Dossier, d), d.code).not.to.throw();
      }
      expect(Object.keys(dossiersByStatus)).to.have.length(10);
    });

    it('has the same status keys in both languages', () => {
      expect(Object.keys(en.status).sort()).to.deep.equal(Object.keys(vi.status).sort());
      expect(Object.keys(en.next).sort()).to.deep.equal(Object.keys(vi.next).sort());
      expect(Object.keys(vi.event).sort()).to.deep.equal(Object.keys(vi.status).sort());
    });
  });

  describe('empty state', () => {
    it('shows a labelled field with an example code in the hint, and is accessible', async () => {
      const el = await mount();
      const field = input(el);
      const label = $<HTMLLabelElement>(el, 'label[for="code"]')!;
      expect(label.textContent).to.equal('Mã hồ sơ');
      const hint = sr(el).getElementById(field.getAttribute('aria-describedby')!.split(' ')[0]!)!;
      expect(hint.textContent).to.contain('000.00.01.H29-260310-0420');
      expect($(el, '.result')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('takes the agency code from <meta name="dvc:agency"> too', async () => {
      const meta = Object.assign(document.createElement('meta'), { name: 'dvc:agency', content: '000.00.02.H29' });
      document.head.append(meta);
      try {
        const el = await mount();
        expect(text(el)).to.contain('000.00.02.H29-260310-0420');
      } finally {
        meta.remove();
      }
    });

    it('uses the portal agency code in the example and completes a short code with it', async () => {
      const seen = countRequests();
      const el = await mount({ agency: '000.00.01.H29' });
      expect(text(el)).to.contain('000.00.01.H29-260310-0420');
      el.check('260310-0420');
      await settled(el, '.result');
      expect(seen[0]).to.contain('/v1/dossiers/000.00.01.H29-260310-0420');
    });
  });

  describe('keyboard-only lookup', () => {
    it('Tab to the field, type, Enter: the result appears, is announced, and gets focus', async () => {
      const el = await mount();
      const found = oneEvent(el, 'dvc-dossier-found');
      await sendKeys({ press: 'Tab' });
      expect(sr(el).activeElement).to.equal(input(el));
      await sendKeys({ type: '000.00.01.H29-260310-0420' });
      await sendKeys({ press: 'Enter' });
      const event = await found;
      expect(event.detail).to.deep.equal({ code: '000.00.01.H29-260310-0420', status: 'processing' });
      await settled(el, '.result');
      await waitUntil(() => sr(el).activeElement === $(el, '.result-heading'), 'focus did not move to the result');
      await waitUntil(() => live(el).includes('Đang giải quyết'), 'result not announced');
    });

    it('Tab from the field reaches the submit button, and Space on it looks the code up', async () => {
      const el = await mount();
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: '000.00.01.h29-260303-0009' });
      await sendKeys({ press: 'Tab' });
      expect(sr(el).activeElement).to.equal($(el, 'button[type="submit"]'));
      await sendKeys({ press: ' ' });
      await settled(el, '.result');
      expect(text(el)).to.contain('Đã có kết quả, mời bạn đến nhận');
    });

    it('forgives spaces, lower case, full-width digits and dash look-alikes', async () => {
      const seen = countRequests();
      const el = await mount();
      el.check(' ０００.００.０１.h29 – 260310 – 0420 ');
      await settled(el, '.result');
      expect(seen).to.have.length(1);
      expect(seen[0]).to.contain('/v1/dossiers/000.00.01.H29-260310-0420');
    });
  });

  describe('malformed code', () => {
    it('explains the format with an example before sending, keeps the text, and refocuses the field', async () => {
      const seen = countRequests();
      const el = await mount();
      await typeAndSubmit(el, '000.00.01-2603-42');
      await el.updateComplete;
      const field = input(el);
      expect(field.value).to.equal('000.00.01-2603-42');
      expect(field.getAttribute('aria-invalid')).to.equal('true');
      const error = $(el, '.dvc-field-error')!;
      expect(error.textContent).to.contain('chưa đúng dạng');
      expect(error.textContent).to.contain('000.00.01.H29-260310-0420');
      expect(field.getAttribute('aria-describedby')).to.contain(error.id);
      expect(sr(el).activeElement).to.equal(field);
      expect(seen).to.have.length(0);
      await waitUntil(() => live(el).includes('chưa đúng dạng'));
      await expect(el).to.be.accessible();
    });

    it('asks for a code when the field is empty, and clears the error once the citizen types', async () => {
      const el = await mount();
      await typeAndSubmit(el, '');
      await el.updateComplete;
      expect($(el, '.dvc-field-error')!.textContent).to.contain('Vui lòng nhập mã hồ sơ');
      await sendKeys({ type: '0' });
      await el.updateComplete;
      expect($(el, '.dvc-field-error')).to.equal(null);
      expect(input(el).getAttribute('aria-invalid')).to.equal('false');
    });
  });

  describe('each status', () => {
    const expected: Record<DossierStatus, string[]> = {
      registered: ['Đã nộp, đang chờ cơ quan tiếp nhận', 'Bạn chưa cần làm gì'],
      received: ['Đã được tiếp nhận', 'Còn 1 ngày làm việc'],
      not_received: ['Không được tiếp nhận', 'thiếu giấy xác nhận tình trạng hôn nhân'],
      processing: ['Đang giải quyết', 'Còn 2 ngày làm việc', 'Đăng ký khai sinh', 'Nguyễn V*** A**'],
      supplement_requested: [
        'Cần bổ sung giấy tờ',
        'Bản sao giấy tờ tùy thân của cha hoặc mẹ',
        'Mang giấy tờ đến: Bộ phận Một cửa UBND phường Hòa Bình',
        'tạm dừng tính thời gian',
      ],
      financial_obligation: ['Cần nộp phí, lệ phí', 'Lệ phí đăng ký nhận cha, mẹ, con', 'Nơi nộp:'],
      withdrawal_requested: ['Đã rút hồ sơ theo đề nghị của bạn', 'nộp hồ sơ mới'],
      suspended: ['Đã dừng giải quyết', 'người giám hộ đương nhiên'],
      resolved: ['Đã có kết quả, mời bạn đến nhận', 'Nơi nhận:', 'Trích lục khai tử', 'Giải quyết đúng hạn'],
      returned: ['Đã trả kết quả', 'Bạn đã nhận kết quả', 'Đánh giá'],
    };

    for (const [status, dossier] of Object.entries(dossiersByStatus) as [DossierStatus, Dossier][]) {
      it(`${status}: status in words with an icon, what to do next, timeline; accessible`, async () => {
        const el = await lookUp(dossier.code);
        const badge = $(el, '[part="status"]')!;
        expect(badge.textContent!.trim()).to.equal(vi.status[status]);
        expect(badge.querySelector('svg[aria-hidden="true"]')).to.not.equal(null);
        for (const fragment of expected[status]) expect(text(el), fragment).to.contain(fragment);
        const items = sr(el).querySelectorAll('ol.timeline > li');
        expect(items.length).to.equal(dossier.history.length);
        expect(items[0]!.querySelector('time')!.getAttribute('datetime')).to.equal(dossier.history[0]!.at);
        const last = dossier.history[dossier.history.length - 1]!;
        expect(items[items.length - 1]!.querySelector('.what')!.textContent).to.equal(vi.event[last.status]);
        expect(items[items.length - 1]!.textContent).to.contain(last.unit);
        expect(text(el)).to.contain(dossier.agency.name);
        await expect(el).to.be.accessible();
      });
    }

    it('formats the amount to pay in đồng', async () => {
      const el = await lookUp(dossiersByStatus.financial_obligation.code);
      expect(text(el)).to.match(/15\.000\s₫/);
    });

    it('shows a progress bar with a text equivalent against the due date', async () => {
      const el = await lookUp(dossiersByStatus.processing.code);
      const bar = $(el, '[role="progressbar"]')!;
      expect(bar.getAttribute('aria-valuenow')).to.equal('62');
      expect(bar.getAttribute('aria-valuetext')).to.contain('62');
      expect($(el, '.progress-text')!.textContent).to.equal(bar.getAttribute('aria-valuetext'));
      expect(text(el)).to.contain('Ngày hẹn trả kết quả');
      expect(text(el)).to.contain('16:30 18/03/2026');
    });

    it('overdue: says how late, shows the apology letter and the new due date; accessible', async () => {
      const el = await lookUp(overdueDossier.code);
      expect(text(el)).to.contain('Trễ hạn 6 ngày làm việc');
      expect(text(el)).to.contain('Cơ quan đã gửi thư xin lỗi');
      expect(text(el)).to.contain('Ngày hẹn trả mới: 16:30 20/03/2026');
      expect(text(el)).to.contain('Ngày hẹn trả ban đầu');
      const bar = $(el, '[role="progressbar"]')!;
      expect(bar.getAttribute('aria-valuenow')).to.equal('100');
      expect($(el, '.progress')!.hasAttribute('data-late')).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('overdue without an apology letter tells the citizen they may ask for one', async () => {
      const late = { ...overdueDossier, apology: null };
      worker.use(http.get(DOSSIER_URL, () => HttpResponse.json(late)));
      const el = await lookUp(late.code);
      expect(text(el)).to.contain('chưa có thư xin lỗi');
    });

    it('shows English words when the page is in English', async () => {
      const el = await lookUp(dossiersByStatus.supplement_requested.code, { lang: 'en' });
      expect(text(el)).to.contain('More documents needed');
      expect(text(el)).to.contain('Bring them to:');
      await expect(el).to.be.accessible();
    });
  });

  describe('rating', () => {
    it('"Đánh giá" fires a cancelable dvc-rate-request with the code (keyboard)', async () => {
      const el = await lookUp(dossiersByStatus.returned.code);
      const button = $<HTMLButtonElement>(el, '[part="rate-button"]')!;
      button.focus();
      const handled = (e: Event) => e.preventDefault();
      document.addEventListener('dvc-rate-request', handled);
      const request = oneEvent(el, 'dvc-rate-request');
      await sendKeys({ press: 'Enter' });
      const event = await request;
      document.removeEventListener('dvc-rate-request', handled);
      expect(event.detail).to.deep.equal({ dossierCode: dossiersByStatus.returned.code });
      expect(event.cancelable).to.equal(true);
      expect(event.composed).to.equal(true);
      await el.updateComplete;
      expect(text(el)).not.to.contain(vi.rating.fallback);
    });

    it('tells the citizen where else to rate when no survey on the page takes the request', async () => {
      const el = await lookUp(dossiersByStatus.returned.code);
      $<HTMLButtonElement>(el, '[part="rate-button"]')!.click();
      await el.updateComplete;
      expect(text(el)).to.contain(vi.rating.fallback);
    });

    it('offers no rating once the dossier was rated, nor before it was returned', async () => {
      const rated = { ...dossiersByStatus.returned, rating: { eligible: false, rated: true } };
      worker.use(http.get(DOSSIER_URL, () => HttpResponse.json(rated)));
      const el = await lookUp(rated.code);
      expect($(el, '[part="rate-button"]')).to.equal(null);
      worker.resetHandlers();
      el.check(dossiersByStatus.resolved.code);
      await waitUntil(() => text(el).includes('Trích lục khai tử'));
      expect($(el, '[part="rate-button"]')).to.equal(null);
    });
  });

  describe('recent lookups on this device', () => {
    it('remembers nothing without the opt-in', async () => {
      const el = await lookUp(dossiersByStatus.processing.code);
      expect($(el, '[part="recent"]')).to.equal(null);
      expect(localStorage.getItem('dvc:dossier-tracker.recent')).to.equal(null);
    });

    it('opt-in by keyboard, re-check with one tap, clear; accessible', async () => {
      const el = await mount();
      const checkbox = $<HTMLInputElement>(el, 'input[type="checkbox"]')!;
      checkbox.focus();
      await sendKeys({ press: ' ' });
      expect(checkbox.checked).to.equal(true);
      el.check(dossiersByStatus.processing.code);
      await settled(el, '[part="recent"]');
      el.check(dossiersByStatus.resolved.code);
      await waitUntil(() => sr(el).querySelectorAll('[part="recent"] li').length === 2);

      // A new element on the page (a later visit) sees the list.
      const again = await mount();
      const buttons = sr(again).querySelectorAll<HTMLButtonElement>('[part="recent"] li button');
      expect(buttons).to.have.length(2);
      expect(buttons[0]!.textContent).to.contain(`Tra cứu lại hồ sơ ${dossiersByStatus.resolved.code}`);
      expect(buttons[0]!.textContent).to.contain('Đã có kết quả');
      await expect(again).to.be.accessible();

      const found = oneEvent(again, 'dvc-dossier-found');
      buttons[1]!.focus();
      await sendKeys({ press: 'Enter' });
      expect((await found).detail.code).to.equal(dossiersByStatus.processing.code);
      await waitUntil(() => sr(again).activeElement === $(again, '.result-heading'), 'focus did not move to the result');

      $<HTMLButtonElement>(again, '.clear')!.focus();
      await sendKeys({ press: 'Enter' });
      await again.updateComplete;
      expect($(again, '[part="recent"]')).to.equal(null);
      expect(localStorage.getItem('dvc:dossier-tracker.recent')).to.equal(null);
      expect(localStorage.getItem('dvc:dossier-tracker.results')).to.equal(null);
      await waitUntil(() => live(again).includes('Đã xoá'));
      expect(sr(again).activeElement).to.equal(input(again));
    });

    it('forgets the list when the citizen unticks the box', async () => {
      const el = await mount();
      $<HTMLInputElement>(el, 'input[type="checkbox"]')!.click();
      el.check(dossiersByStatus.processing.code);
      await settled(el, '[part="recent"]');
      $<HTMLInputElement>(el, 'input[type="checkbox"]')!.click();
      await el.updateComplete;
      expect($(el, '[part="recent"]')).to.equal(null);
      expect(localStorage.getItem('dvc:dossier-tracker.recent')).to.equal(null);
    });

    it('ignores a corrupt stored list', async () => {
      localStorage.setItem('dvc:dossier-tracker.remember', JSON.stringify({ v: 1, data: true }));
      localStorage.setItem(
        'dvc:dossier-tracker.recent',
        JSON.stringify({ v: 1, data: [{ code: 'x' }, { code: dossiersByStatus.processing.code, status: 'processing', seenAt: '2026-03-16T02:00:00.000Z' }] }),
      );
      const el = await mount();
      expect(sr(el).querySelectorAll('[part="recent"] li')).to.have.length(1);
    });
  });

  describe('errors', () => {
    it('unknown code (404): says so, keeps the code, links the message to the field; accessible', async () => {
      const el = await mount();
      await typeAndSubmit(el, UNKNOWN_DOSSIER_CODE);
      await settled(el, '[part="error"]');
      const message = $(el, '[part="error"] p')!;
      expect(message.textContent).to.contain(`Không tìm thấy hồ sơ có mã ${UNKNOWN_DOSSIER_CODE}`);
      expect(input(el).value).to.equal(UNKNOWN_DOSSIER_CODE);
      expect(input(el).getAttribute('aria-describedby')).to.contain(message.id);
      await waitUntil(() => live(el).includes('Không tìm thấy'));
      await expect(el).to.be.accessible();
    });

    it('rate limited: a countdown, the button marked disabled, no request while waiting; accessible', async () => {
      worker.use(
        http.get(DOSSIER_URL, () =>
          HttpResponse.json({ error: { code: 'rate_limited', message: 'slow down' } }, { status: 429, headers: { 'Retry-After': '30' } }),
        ),
      );
      const el = await lookUp(dossiersByStatus.processing.code);
      expect($(el, '[part="error"]')!.textContent).to.contain('chờ 30 giây');
      expect($(el, '[part="countdown"]')!.textContent).to.contain('30 giây');
      const submit = $(el, 'button[type="submit"]')!;
      expect(submit.getAttribute('aria-disabled')).to.equal('true');
      await expect(el).to.be.accessible();
      const seen = countRequests();
      el.check(dossiersByStatus.processing.code);
      await el.updateComplete;
      expect(seen).to.have.length(0);

      // The countdown itself is not in a live region: only the start was announced.
      expect($(el, '[part="countdown"]')!.closest('[aria-live]')).to.equal(null);
    });

    it('rate limited: the button comes back at 0 and that is announced once', async () => {
      worker.use(
        http.get(DOSSIER_URL, () =>
          HttpResponse.json({ error: { code: 'rate_limited', message: 'slow down' } }, { status: 429, headers: { 'Retry-After': '1' } }),
        ),
      );
      const el = await lookUp(dossiersByStatus.processing.code);
      const submit = $(el, 'button[type="submit"]')!;
      // Moved elsewhere in the page mid-countdown (a portal re-arranging its layout): it still ends.
      const parent = el.parentElement!;
      el.remove();
      parent.append(el);
      await waitUntil(() => submit.getAttribute('aria-disabled') === 'false', 'button not re-enabled', { timeout: 5000 });
      expect($(el, '[part="countdown"]')).to.equal(null);
      await waitUntil(() => live(el) === vi.error.ready, 'end of countdown not announced');
      worker.resetHandlers();
      el.check(dossiersByStatus.processing.code);
      await waitUntil(() => $(el, '.result'));
    });

    it('rate limited without a time: asks to wait a moment and offers a retry button', async () => {
      worker.use(http.get(DOSSIER_URL, () => HttpResponse.json({ error: { code: 'rate_limited', message: 'x' } }, { status: 429 })));
      const el = await lookUp(dossiersByStatus.processing.code);
      expect(text(el)).to.contain(vi.error.rateLimitedNoTime);
      expect($(el, '[part="countdown"]')).to.equal(null);
      expect($(el, '[part="error"] button')).to.not.equal(null);
    });

    it('offline: shows the last result seen for that code, with its time; accessible', async () => {
      const code = dossiersByStatus.supplement_requested.code;
      const el = await lookUp(code);
      expect($(el, '.result')).to.not.equal(null);
      const onLine = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;
      Object.defineProperty(Navigator.prototype, 'onLine', { configurable: true, get: () => false });
      try {
        const again = await lookUp(code);
        expect(text(again)).to.contain('Không có kết nối mạng. Đây là thông tin bạn xem lần trước');
        expect(text(again)).to.contain('Bản sao giấy tờ tùy thân của cha hoặc mẹ');
        expect($(again, '[part="error"] button')!.textContent!.trim()).to.equal('Thử lại');
        await expect(again).to.be.accessible();

        const none = await lookUp(dossiersByStatus.processing.code);
        expect(text(none)).to.contain('chưa lưu thông tin của hồ sơ này');
        expect($(none, '[part="error"] button')).to.not.equal(null);
        await expect(none).to.be.accessible();
      } finally {
        Object.defineProperty(Navigator.prototype, 'onLine', onLine);
      }
    });

    it('network failure: falls back to the saved copy too, and the retry button recovers', async () => {
      const code = dossiersByStatus.processing.code;
      await lookUp(code);
      worker.use(http.get(DOSSIER_URL, () => HttpResponse.error()));
      const el = await lookUp(code);
      expect(text(el)).to.contain('Không kết nối được tới hệ thống tra cứu. Đây là thông tin bạn xem lần trước');
      worker.resetHandlers();
      const found = oneEvent(el, 'dvc-dossier-found');
      $<HTMLButtonElement>(el, '[part="error"] button')!.click();
      await found;
      await waitUntil(() => !$(el, '.result [part="error"]'));
    });

    it('server error: a retry button that works', async () => {
      worker.use(
        http.get(DOSSIER_URL, () => HttpResponse.json({ error: { code: 'internal', message: 'boom' } }, { status: 500 })),
      );
      const el = await lookUp(dossiersByStatus.processing.code);
      expect(text(el)).to.contain('Hệ thống tra cứu đang gặp sự cố');
      await expect(el).to.be.accessible();
      worker.resetHandlers();
      const retry = $<HTMLButtonElement>(el, '[part="error"] button')!;
      retry.focus();
      await sendKeys({ press: 'Enter' });
      await settled(el, '.result');
      expect(text(el)).to.contain('Đang giải quyết');
      // The retry button went away with the error: focus follows to the answer, not to the page.
      await waitUntil(() => sr(el).activeElement === $(el, '.result-heading'), 'focus lost after retry');
    });

    it('malformed answer (not the contract): an error with a retry button', async () => {
      worker.use(http.get(DOSSIER_URL, () => HttpResponse.json({ code: 'nope' })));
      const el = await lookUp(dossiersByStatus.processing.code);
      expect(text(el)).to.contain(vi.error.invalidResponse);
      expect($(el, '[part="error"] button')).to.not.equal(null);
      await expect(el).to.be.accessible();
    });
  });

  describe('loading', () => {
    it('shows a loading message while waiting; accessible', async () => {
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      worker.use(
        http.get(DOSSIER_URL, async () => {
          await gate;
          return HttpResponse.json(dossiersByStatus.processing);
        }),
      );
      const el = await mount();
      el.check(dossiersByStatus.processing.code);
      await settled(el, '.loading');
      expect($(el, '.loading')!.textContent).to.contain('Đang tra cứu hồ sơ');
      await expect(el).to.be.accessible();
      release();
      await settled(el, '.result');
    });

    it('the pressed button keeps focus during a slow lookup (aria-disabled, a second press sends nothing)', async () => {
      worker.use(
        http.get(DOSSIER_URL, async () => {
          await delay(1500);
          return HttpResponse.json(dossiersByStatus.processing);
        }),
      );
      const seen = countRequests();
      const el = await mount();
      input(el).focus();
      await sendKeys({ type: dossiersByStatus.processing.code });
      await sendKeys({ press: 'Tab' });
      const submit = $<HTMLButtonElement>(el, 'button[type="submit"]')!;
      expect(sr(el).activeElement).to.equal(submit);
      await pressWhilePending(el, submit);
      expect($(el, '.loading')).to.not.equal(null);
      expect(seen).to.have.length(1);
      await expect(el).to.be.accessible();
      await settled(el, '.result');
      expect(submit.getAttribute('aria-disabled')).to.equal('false');
      await waitUntil(() => sr(el).activeElement === $(el, '.result-heading'), 'focus did not move to the result');
    });

    it('does not pull focus to the result when the citizen moved on while it loaded', async () => {
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      worker.use(
        http.get(DOSSIER_URL, async () => {
          await gate;
          return HttpResponse.json(dossiersByStatus.processing);
        }),
      );
      const el = await mount();
      await typeAndSubmit(el, dossiersByStatus.processing.code);
      await settled(el, '.loading');
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      const checkbox = $(el, 'input[type="checkbox"]');
      expect(sr(el).activeElement).to.equal(checkbox);
      release();
      await settled(el, '.result');
      await el.updateComplete;
      expect(sr(el).activeElement).to.equal(checkbox);
    });
  });

  describe('code from the page and the code attribute', () => {
    const original = location.href;
    afterEach(() => history.replaceState(null, '', original));

    it('reads ?ma-ho-so= on connect and looks it up without stealing focus', async () => {
      const url = new URL(location.href);
      url.searchParams.set('ma-ho-so', dossiersByStatus.resolved.code.toLowerCase());
      history.replaceState(null, '', url);
      const el = await mount();
      await settled(el, '.result');
      expect(input(el).value).to.equal(dossiersByStatus.resolved.code.toLowerCase());
      expect(text(el)).to.contain('Trích lục khai tử');
      expect(sr(el).activeElement).to.equal(null);
    });

    it('honours code-param', async () => {
      const url = new URL(location.href);
      url.searchParams.set('hoso', dossiersByStatus.registered.code);
      history.replaceState(null, '', url);
      const el = await mount({ codeParam: 'hoso' });
      await settled(el, '.result');
      expect(el.code).to.equal(dossiersByStatus.registered.code);
    });

    it('prefills and looks up the code attribute; a later property change looks up again', async () => {
      const el = await mount({ code: dossiersByStatus.received.code });
      await settled(el, '.result');
      expect(input(el).value).to.equal(dossiersByStatus.received.code);
      const found = oneEvent(el, 'dvc-dossier-found');
      el.code = dossiersByStatus.returned.code;
      expect((await found).detail.status).to.equal('returned');
    });

    it('prefills an invalid code attribute without sending it', async () => {
      const seen = countRequests();
      const el = await mount({ code: 'HS-123' });
      expect(input(el).value).to.equal('HS-123');
      expect(seen).to.have.length(0);
    });
  });
});
