import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { Agency, Appointment, ProcedureIndex, SlotsResponse } from '@dvc-widgets/contract';
import { ApiClient, DvcBookRequestEvent, TimeoutError } from '@dvc-widgets/core';
import { startMocks, worker, http, HttpResponse, MOCK_API, delay } from '../../../test/mocks/browser.js';
import { agencies, communeAgency, provinceAgency, bookingDisabledAgency } from '../../../test/fixtures/agencies.js';
import {
  addDays,
  bookingProcedureIndex,
  bookingProcedures,
  buildSlots,
  sampleAppointment,
  SAMPLE_PHONE,
  vnToday,
} from '../../../test/fixtures/appointments.js';
import { bookingIndexHandler, resetAppointmentStore } from '../../../test/mocks/handlers/appointments.js';
import { searchProcedureFixtures } from '../../../test/fixtures/procedures.js';
import { pinClock, pressWhilePending } from '../../../test/helpers/index.js';
import '../src/appointment-booking.js';
import type { DvcAppointmentBooking } from '../src/appointment-booking.component.js';
import vi from '../src/locales/vi.js';
import en from '../src/locales/en.js';

type El = DvcAppointmentBooking;
const sr = (el: El) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: El, sel: string) => sr(el).querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: El, sel: string) => [...sr(el).querySelectorAll<T>(sel)];
const text = (el: El) => sr(el).textContent!.replace(/\s+/g, ' ');
const live = (el: El) => $(el, '.dvc-root > [role="status"]')!.textContent!.trim();
const active = (el: El) => sr(el).activeElement as HTMLElement | null;

async function mount(attrs: { agency?: string; procedure?: string; lang?: string; daysAhead?: number } = {}) {
  const el = await fixture<El>(html`<dvc-appointment-booking
    api-base=${MOCK_API}
    agency=${attrs.agency ?? communeAgency.code}
    procedure=${attrs.procedure ?? ''}
    days-ahead=${attrs.daysAhead ?? ''}
    lang=${attrs.lang ?? 'vi'}
  ></dvc-appointment-booking>`);
  await el.updateComplete;
  return el;
}

async function settled(el: El, selector: string, timeout = 12_000) {
  await waitUntil(() => $(el, selector), `${selector} did not appear`, { timeout });
  await el.updateComplete;
  await aTimeout(0);
}

const openDays = (el: El) => $$<HTMLButtonElement>(el, 'button[data-status="open"]');

/** Choose "khai sinh" with clicks; resolves on the day step. */
async function toDayStep(el: El) {
  await settled(el, 'button[data-procedure="1.001193"]');
  $<HTMLButtonElement>(el, 'button[data-procedure="1.001193"]')!.click();
  await settled(el, 'table[role="grid"] button[data-status="open"]');
}

async function toSlotStep(el: El) {
  await toDayStep(el);
  openDays(el)[0]!.click();
  await settled(el, 'input[name="slot"]');
}

async function toContactStep(el: El) {
  await toSlotStep(el);
  const radio = $$<HTMLInputElement>(el, 'input[name="slot"]').find((r) => !r.disabled)!;
  radio.click();
  $<HTMLButtonElement>(el, '[data-action="to-contact"]')!.click();
  await settled(el, '#f-fullName');
}

function fill(el: El, id: string, value: string) {
  const input = $<HTMLInputElement>(el, `#${id}`)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

async function toReviewStep(el: El, phone = '0912 345 678') {
  await toContactStep(el);
  fill(el, 'f-fullName', 'Trần Văn Bình');
  fill(el, 'f-phone', phone);
  await el.updateComplete;
  $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
  await settled(el, '[data-action="confirm"]');
}

/** Records the Idempotency-Key of every createAppointment request. */
function recordBookings() {
  const keys: string[] = [];
  const listener = ({ request }: { request: Request }) => {
    if (request.method === 'POST' && new URL(request.url).pathname === `${MOCK_API}/v1/appointments`) {
      keys.push(request.headers.get('Idempotency-Key') ?? '');
    }
  };
  worker.events.on('request:start', listener);
  return { keys, stop: () => worker.events.removeListener('request:start', listener) };
}

describe('dvc-appointment-booking', function () {
  // Multi-step journeys on a shared 2-core machine: generous, but each wait still has its own limit.
  this.timeout(30_000);
  // The mocked office's calendar is built from this day: a Wednesday mid-month with no holiday in
  // the booking window, so PageDown has a next month to reach (edges are pinned in their own tests).
  pinClock('2026-12-09T09:00:00+07:00');
  before(() => startMocks());
  beforeEach(() => {
    resetAppointmentStore();
    worker.use(bookingIndexHandler);
  });
  afterEach(() => worker.resetHandlers());

  describe('fixtures', () => {
    it('are contract-valid', () => {
      for (const a of agencies) Agency.parse(a);
      ProcedureIndex.parse(bookingProcedureIndex());
      const today = vnToday();
      SlotsResponse.parse(buildSlots(communeAgency, today, addDays(today, 40)));
      SlotsResponse.parse(buildSlots(provinceAgency, today, addDays(today, 50)));
      Appointment.parse(sampleAppointment());
    });

    it('vi and en have the same keys', () => {
      const keys = (o: object, p = ''): string[] =>
        Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${p}${k}.`) : [`${p}${k}`]));
      expect(keys(en).sort()).to.deep.equal(keys(vi).sort());
    });
  });

  describe('procedure step', () => {
    it('searches the agency index without diacritics and moves to the day step', async () => {
      const el = await mount();
      await settled(el, '#procedure-search');
      await expect(el).to.be.accessible();
      const input = $<HTMLInputElement>(el, '#procedure-search')!;
      input.value = 'dang ky ket hon';
      input.dispatchEvent(new Event('input'));
      await el.updateComplete;
      const first = $$<HTMLButtonElement>(el, 'button[data-procedure]')[0]!;
      expect(first.dataset['procedure']).to.equal('1.000894');
      expect(first.getAttribute('aria-label')).to.contain('Thủ tục đăng ký kết hôn');
      first.click();
      await settled(el, 'table[role="grid"]');
      expect(active(el)?.matches('[data-step-heading]')).to.equal(true);
      expect($(el, '[aria-current="step"]')!.textContent).to.contain(vi.steps.day);
    });

    /*
     * A provincial centre's catalog in alphabetical order opens on procedures few citizens come
     * for (real codes and names, national catalog); the bookable ones follow.
     */
    const provinceCatalog = [
      { code: '1.000294', name: 'Bãi bỏ đường ngang', field: 'Đường sắt' },
      { code: '1.000314', name: 'Chấp thuận vị trí đấu nối tạm vào đường bộ đang khai thác', field: 'Đường bộ' },
      { code: '1.000660', name: 'Công bố đưa bến xe khách vào khai thác', field: 'Đường bộ' },
      { code: '1.000672', name: 'Công bố lại bến xe khách', field: 'Đường bộ' },
      { code: '1.012812', name: 'Hòa giải tranh chấp đất đai', field: 'Đất đai' },
      { code: '1.012796', name: 'Đính chính Giấy chứng nhận đã cấp lần đầu có sai sót', field: 'Đất đai' },
      ...bookingProcedures,
    ];
    function serveProvince(counters: Agency['counters']) {
      const agency: Agency = { ...provinceAgency, counters };
      const fields = [...new Set(provinceCatalog.map((p) => p.field))];
      const index = ProcedureIndex.parse({
        version: 'fixture-province',
        agency: agency.code,
        fields,
        items: provinceCatalog.map((p) => ({ c: p.code, n: p.name, f: fields.indexOf(p.field), l: ['province'], o: null, ch: ['in_person'] })),
      });
      worker.use(
        http.get(`${MOCK_API}/v1/agencies/${agency.code}`, () => HttpResponse.json(Agency.parse(agency))),
        http.get(`${MOCK_API}/v1/procedure-index`, () => HttpResponse.json(index)),
      );
      return agency;
    }
    const rows = (el: El) => $$<HTMLButtonElement>(el, 'button[data-procedure]').map((b) => b.dataset['procedure']);

    it('before typing, lists first the fields the counters receive, in counter order', async () => {
      const agency = serveProvince([
        { id: 'q1', name: 'Quầy 1 – Chứng thực', fields: ['Chứng thực'] },
        { id: 'q2', name: 'Quầy 2 – Hộ tịch', fields: ['Hộ tịch', 'Chứng thực'] },
        { id: 'q3', name: 'Quầy 3', fields: [] },
      ]);
      const el = await mount({ agency: agency.code });
      await settled(el, 'button[data-procedure]');
      const hoTich = bookingProcedures.filter((p) => p.field === 'Hộ tịch').map((p) => p.code);
      // Chứng thực (counter 1), then Hộ tịch (counter 2) in catalog order, then the rest alphabetically.
      expect(rows(el)).to.deep.equal(['2.000815', ...hoTich, '1.000294']);
      expect(text(el)).to.contain('Còn 5 thủ tục nữa, hãy gõ thêm để thu hẹp.');
      await expect(el).to.be.accessible();
      // Typing still ranks by the query, not by counter.
      const input = $<HTMLInputElement>(el, '#procedure-search')!;
      input.value = 'ben xe khach';
      input.dispatchEvent(new Event('input'));
      await el.updateComplete;
      expect(rows(el).slice(0, 2).sort()).to.deep.equal(['1.000660', '1.000672']);
    });

    it('before typing, keeps the catalog order when the counters list no fields', async () => {
      const agency = serveProvince([{ id: 'a', name: 'Quầy A', fields: [] }]);
      const el = await mount({ agency: agency.code });
      await settled(el, 'button[data-procedure]');
      expect(rows(el)).to.deep.equal(provinceCatalog.slice(0, 8).map((p) => p.code));
    });

    it('searches on the server when the office does not ship its catalog (404), and picks from there', async () => {
      const queries: (string | null)[] = [];
      worker.use(
        http.get(`${MOCK_API}/v1/procedure-index`, () =>
          HttpResponse.json({ error: { code: 'not_found', message: 'no index' } }, { status: 404 }),
        ),
        http.get(`${MOCK_API}/v1/procedures`, ({ request }) => {
          const params = new URL(request.url).searchParams;
          queries.push(params.get('q'));
          return HttpResponse.json(searchProcedureFixtures({ q: params.get('q') ?? undefined, pageSize: Number(params.get('pageSize')) }));
        }),
      );
      const el = await mount();
      await settled(el, 'button[data-procedure]');
      expect(queries).to.deep.equal([null]);
      expect($$(el, 'button[data-procedure]')).to.have.length(8, 'one page of 8 from the server');
      const input = $<HTMLInputElement>(el, '#procedure-search')!;
      input.value = 'dang ky ket hon';
      input.dispatchEvent(new Event('input'));
      await waitUntil(() => queries.includes('dang ky ket hon'), 'no server search for the query');
      await waitUntil(() => $(el, 'button[data-procedure]')?.dataset['procedure'] === '1.000894', 'server hits not shown');
      const first = $<HTMLButtonElement>(el, 'button[data-procedure]')!;
      await expect(el).to.be.accessible();
      first.click();
      await settled(el, 'table[role="grid"]');
    });

    it('says so when nothing matches', async () => {
      const el = await mount();
      await settled(el, '#procedure-search');
      const input = $<HTMLInputElement>(el, '#procedure-search')!;
      input.value = 'xyzxyz qqq';
      input.dispatchEvent(new Event('input'));
      await el.updateComplete;
      expect($(el, '#procedure-count')!.textContent).to.contain(vi.procedure.none);
      expect($$(el, 'button[data-procedure]')).to.have.length(0);
    });

    it('prefills from the procedure attribute and opens on the day step', async () => {
      const el = await mount({ procedure: '1.001193' });
      await settled(el, 'table[role="grid"]');
      // The name comes from the agency's procedure index (the code shows until it arrives).
      await waitUntil(() => $(el, '.chosen')!.textContent!.includes('Thủ tục đăng ký khai sinh'), 'procedure name');
    });

    it('prefills from ?thu-tuc= in the page URL (procedure-lookup booking-url)', async () => {
      const before = location.href;
      history.replaceState(null, '', `${location.pathname}?thu-tuc=1.000894`);
      try {
        const el = await mount();
        await settled(el, 'table[role="grid"]');
        await waitUntil(() => $(el, '.chosen')!.textContent!.includes('Thủ tục đăng ký kết hôn'), 'procedure from URL');
      } finally {
        history.replaceState(null, '', before);
      }
    });

    it('takes a dvc-book-request from the page: preventDefault, day step', async () => {
      const el = await mount();
      await settled(el, '#procedure-search');
      const event = new DvcBookRequestEvent({ procedureCode: '1.000656', procedureName: 'Thủ tục đăng ký khai tử' });
      document.body.dispatchEvent(event);
      expect(event.defaultPrevented).to.equal(true);
      await settled(el, 'table[role="grid"]');
      expect($(el, '.chosen')!.textContent).to.contain('Thủ tục đăng ký khai tử');
      await waitUntil(() => live(el).includes('khai tử'));
    });

    it('ignores a book request another booking widget already took', async () => {
      const el = await mount();
      await settled(el, '#procedure-search');
      const event = new DvcBookRequestEvent({ procedureCode: '1.000656', procedureName: 'x' });
      event.preventDefault();
      document.body.dispatchEvent(event);
      await el.updateComplete;
      expect($(el, '#procedure-search')).to.exist;
    });
  });

  describe('day step (calendar)', () => {
    it('renders an APG grid with one tab stop and statuses in the accessible names', async () => {
      const el = await mount();
      await toDayStep(el);
      await expect(el).to.be.accessible();
      const days = $$<HTMLButtonElement>(el, 'table[role="grid"] button[data-date]');
      expect(days.filter((d) => d.tabIndex === 0)).to.have.length(1);
      const open = openDays(el)[0]!;
      expect(open.textContent).to.match(/còn \d+ chỗ/);
      const weekend = days.find((d) => d.textContent!.includes('nghỉ cuối tuần'));
      expect(weekend, 'a weekend day').to.exist;
      expect(weekend!.getAttribute('aria-disabled')).to.equal('true');
      // The 3rd open day of the window is fully booked (fixture rule); it may be next month.
      const res = buildSlots(communeAgency, vnToday(), addDays(vnToday(), 30));
      const full = res.days.find((d) => d.status === 'full')!;
      const focusable = $(el, `button[data-date="${full.date}"]`);
      if (focusable) expect(focusable.textContent).to.contain('đã hết chỗ');
      // Not colour alone: a visible word on full/closed days too.
      expect(weekend!.querySelector('.day-tag')!.textContent).to.equal(vi.calendar.tagClosed);
    });

    it('names the holiday of a closed day', async () => {
      const today = vnToday();
      worker.use(
        http.get(`${MOCK_API}/v1/agencies/:code/slots`, ({ request }) => {
          const url = new URL(request.url);
          const res = buildSlots(communeAgency, url.searchParams.get('from')!, url.searchParams.get('to')!);
          const day = res.days.find((d) => d.status === 'open' && d.date > addDays(today, 3))!;
          Object.assign(day, { status: 'closed', closedReason: 'holiday', holidayName: 'Tết Dương lịch', remaining: 0, capacity: 0, slots: [] });
          return HttpResponse.json(SlotsResponse.parse(res));
        }),
      );
      const el = await mount();
      await toDayStep(el);
      const holiday = $$<HTMLButtonElement>(el, 'button[data-date]').find((b) => b.textContent!.includes('Tết Dương lịch'));
      // The holiday may fall in the next month: page there if needed.
      if (!holiday) {
        $<HTMLButtonElement>(el, '[data-nav="next"]')!.click();
        await el.updateComplete;
      }
      const found = $$<HTMLButtonElement>(el, 'button[data-date]').find((b) => b.textContent!.includes('Tết Dương lịch'))!;
      expect(found.textContent).to.contain('nghỉ lễ, Tết Dương lịch');
      expect(found.querySelector('.day-tag')!.textContent).to.equal(vi.calendar.tagHoliday);
      found.click();
      await el.updateComplete;
      await waitUntil(() => live(el).includes('Không đặt được ngày này'));
      expect($(el, 'input[name="slot"]')).to.equal(null);
    });

    it('moves focus with arrows, Home/End and PageUp/PageDown (APG date grid)', async () => {
      const el = await mount();
      await toDayStep(el);
      const start = $<HTMLButtonElement>(el, 'button[data-date][tabindex="0"]')!;
      start.focus();
      const d0 = start.dataset['date']!;
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(active(el)?.dataset['date']).to.equal(addDays(d0, 1));
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(active(el)?.dataset['date']).to.equal(addDays(d0, 8));
      await sendKeys({ press: 'ArrowLeft' });
      await sendKeys({ press: 'ArrowUp' });
      await el.updateComplete;
      expect(active(el)?.dataset['date']).to.equal(d0);
      await sendKeys({ press: 'Home' });
      await el.updateComplete;
      const home = active(el)!.dataset['date']!;
      expect(new Date(`${home}T00:00:00Z`).getUTCDay()).to.equal(1);
      await sendKeys({ press: 'End' });
      await el.updateComplete;
      expect(new Date(`${active(el)!.dataset['date']}T00:00:00Z`).getUTCDay()).to.equal(0);
      const month = $(el, '#cal-month')!.textContent;
      await sendKeys({ press: 'PageDown' });
      await el.updateComplete;
      expect($(el, '#cal-month')!.textContent).not.to.equal(month);
      expect(active(el)!.dataset['date']!.slice(0, 7) > d0.slice(0, 7)).to.equal(true);
      await sendKeys({ press: 'PageUp' });
      await el.updateComplete;
      expect($(el, '#cal-month')!.textContent).to.equal(month);
      // Only one day is ever in the tab order.
      expect($$(el, 'button[data-date][tabindex="0"]')).to.have.length(1);
    });

    it('respects days-ahead (never beyond the agency policy)', async () => {
      const el = await mount({ daysAhead: 5 });
      await toDayStep(el);
      const last = addDays(vnToday(), 5);
      const beyond = $(el, `button[data-date="${addDays(last, 1)}"]`);
      if (beyond) expect(beyond.textContent).to.contain('chưa mở đặt lịch');
      expect(openDays(el).every((b) => b.dataset['date']! <= last)).to.equal(true);
    });

    it('a malformed calendar answer shows an error with a retry', async () => {
      worker.use(http.get(`${MOCK_API}/v1/agencies/:code/slots`, () => HttpResponse.json({ days: 'nope' })));
      const el = await mount({ procedure: '1.001193' });
      await settled(el, '[data-load-error]');
      expect(text(el)).to.contain('dữ liệu không hợp lệ');
      expect($(el, '[data-load-error] button')!.textContent).to.contain(vi.actions.retry);
    });

    it('shows a load error with a retry that works', async () => {
      let fail = true;
      worker.use(
        http.get(`${MOCK_API}/v1/agencies/:code/slots`, ({ request }) => {
          if (fail) return HttpResponse.json({ error: { code: 'internal', message: 'x' } }, { status: 500 });
          const url = new URL(request.url);
          return HttpResponse.json(buildSlots(communeAgency, url.searchParams.get('from')!, url.searchParams.get('to')!));
        }),
      );
      const el = await mount({ procedure: '1.001193' });
      await settled(el, '[data-load-error]', 9000);
      await expect(el).to.be.accessible();
      expect(text(el)).to.contain('Hệ thống đang gặp sự cố');
      expect(text(el)).to.contain(communeAgency.phone!);
      fail = false;
      $<HTMLButtonElement>(el, '[data-load-error] button')!.click();
      await settled(el, 'table[role="grid"]');
    });
  });

  describe('slot and contact steps', () => {
    it('offers times as a radio group with remaining places; full times disabled', async () => {
      const el = await mount();
      await toSlotStep(el);
      await expect(el).to.be.accessible();
      const radios = $$<HTMLInputElement>(el, 'input[name="slot"]');
      expect(radios[0]!.disabled, 'first slot is full (fixture rule)').to.equal(true);
      expect(radios[0]!.closest('label')!.textContent).to.contain(vi.slot.full);
      expect(radios[1]!.closest('label')!.textContent).to.match(/còn 1 chỗ/);
      // Continue without a choice: an error tied to the group.
      $<HTMLButtonElement>(el, '[data-action="to-contact"]')!.click();
      await el.updateComplete;
      expect($(el, 'fieldset')!.getAttribute('aria-describedby')).to.equal('slot-error');
      expect(active(el)).to.equal(radios[1]);
    });

    it('validates name, phone (+84 accepted) and CCCD where required, keeping what was typed', async () => {
      const el = await mount({ agency: provinceAgency.code });
      await toContactStep(el);
      await expect(el).to.be.accessible();
      fill(el, 'f-fullName', 'A');
      fill(el, 'f-phone', '0123');
      fill(el, 'f-cccd', '12345');
      $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
      await el.updateComplete;
      await aTimeout(0);
      expect($(el, '[data-error-summary]')!.textContent).to.contain('3');
      const phone = $<HTMLInputElement>(el, '#f-phone')!;
      expect(phone.getAttribute('aria-invalid')).to.equal('true');
      expect(phone.getAttribute('aria-describedby')).to.contain('f-phone-error');
      expect($(el, '#f-phone-error')!.textContent).to.equal(vi.contact.errors.phoneInvalid);
      expect($(el, '#f-cccd-error')!.textContent).to.equal(vi.contact.errors.cccdInvalid);
      expect(active(el)?.id).to.equal('f-fullName');
      expect(phone.value).to.equal('0123');
      await expect(el).to.be.accessible();
      fill(el, 'f-fullName', 'Lê Thị Hoa');
      fill(el, 'f-phone', '+84 912 345 678');
      fill(el, 'f-cccd', '096 123 456 789');
      $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
      await settled(el, '[data-action="confirm"]');
      expect(text(el)).to.contain('0912345678');
      expect(text(el)).to.contain('096123456789');
    });

    it('does not ask for the CCCD where the agency does not require it', async () => {
      const el = await mount();
      await toContactStep(el);
      expect($(el, '#f-cccd')).to.equal(null);
    });
  });

  describe('review and confirmation', () => {
    it('books once, fires dvc-appointment-booked, shows code, QR, bring-list; axe at review and done', async () => {
      const el = await mount();
      await toReviewStep(el);
      await expect(el).to.be.accessible();
      const rec = recordBookings();
      const booked = oneEvent(el, 'dvc-appointment-booked');
      const button = $<HTMLButtonElement>(el, '[data-action="confirm"]')!;
      button.click();
      button.click(); // a double click
      await el.updateComplete;
      // Inert while the booking runs: marked aria-disabled (it keeps focus), and confirm() ignores it.
      expect(button.getAttribute('aria-disabled') === 'true' || !button.isConnected).to.equal(true);
      const event = await booked;
      expect(event.detail.code).to.match(/^LH-[2-9A-HJ-NP-Z]{6}$/);
      expect(event.detail.agency).to.equal(communeAgency.code);
      expect(event.bubbles && event.composed).to.equal(true);
      await settled(el, 'svg.qr path');
      rec.stop();
      expect(rec.keys).to.have.length(1);
      expect($(el, '[data-code]')!.textContent).to.equal(event.detail.code);
      expect(text(el)).to.contain('Giấy chứng sinh');
      expect(text(el)).to.contain('Quầy 1 – Hộ tịch');
      const qr = $(el, 'svg.qr')!;
      expect(qr.getAttribute('role')).to.equal('img');
      expect(qr.getAttribute('aria-label')).to.contain(event.detail.code);
      expect(Number(qr.getAttribute('data-qr-size'))).to.be.greaterThan(20);
      await waitUntil(() => live(el).includes(event.detail.code));
      await expect(el).to.be.accessible();
    });

    it('"Xác nhận đặt lịch" keeps focus while a slow booking runs, and a second press books nothing more', async () => {
      const rec = recordBookings();
      worker.use(
        http.post(`${MOCK_API}/v1/appointments`, async () => {
          await delay(1500);
          return HttpResponse.json(sampleAppointment(), { status: 201 });
        }),
      );
      try {
        const el = await mount();
        await toReviewStep(el);
        await pressWhilePending(el, $<HTMLButtonElement>(el, '[data-action="confirm"]')!);
        await expect(el).to.be.accessible();
        await settled(el, '[data-code]');
        expect(rec.keys).to.have.length(1);
        expect(active(el)?.matches('[data-step-heading]')).to.equal(true);
      } finally {
        rec.stop();
      }
    });

    it('moved in the page mid-booking: finishes once when it comes back (same key)', async () => {
      worker.use(
        http.post(`${MOCK_API}/v1/appointments`, async () => {
          await delay(300);
          return undefined;
        }),
      );
      const el = await mount();
      await toReviewStep(el);
      const rec = recordBookings();
      let events = 0;
      el.addEventListener('dvc-appointment-booked', () => events++);
      const parent = el.parentElement!;
      $<HTMLButtonElement>(el, '[data-action="confirm"]')!.click();
      el.remove();
      await aTimeout(50);
      parent.append(el);
      await settled(el, '[data-code]');
      await aTimeout(400);
      rec.stop();
      expect(events).to.equal(1);
      expect(new Set(rec.keys).size).to.equal(1);
    });

    it('reuses the idempotency key when the client retries a failed request', async () => {
      let calls = 0;
      worker.use(
        http.post(`${MOCK_API}/v1/appointments`, () => {
          calls += 1;
          if (calls === 1) return HttpResponse.json({ error: { code: 'unavailable', message: 'x' } }, { status: 502 });
          return undefined; // fall through to the store handler
        }),
      );
      const el = await mount();
      await toReviewStep(el);
      const rec = recordBookings();
      $<HTMLButtonElement>(el, '[data-action="confirm"]')!.click();
      await settled(el, '[data-code]', 9000);
      rec.stop();
      expect(rec.keys.length).to.be.greaterThan(1);
      expect(new Set(rec.keys).size).to.equal(1);
    });

    it('downloads an .ics built from the appointment (CRLF, UTC times)', async () => {
      const el = await mount();
      await toReviewStep(el);
      $<HTMLButtonElement>(el, '[data-action="confirm"]')!.click();
      await settled(el, '[data-action="ics"]');
      const created: Blob[] = [];
      const orig = URL.createObjectURL;
      URL.createObjectURL = (b: Blob | MediaSource) => {
        created.push(b as Blob);
        return orig.call(URL, b);
      };
      // Check the link, but stop the real download: Firefox opens its downloads UI, which takes
      // focus away from the test pages that run after this one.
      const links: HTMLAnchorElement[] = [];
      const stop = (e: Event) => {
        const a = e.target as HTMLElement;
        if (a instanceof HTMLAnchorElement && a.hasAttribute('download')) {
          links.push(a);
          e.preventDefault();
        }
      };
      el.shadowRoot!.addEventListener('click', stop, true);
      try {
        $<HTMLButtonElement>(el, '[data-action="ics"]')!.click();
      } finally {
        URL.createObjectURL = orig;
        el.shadowRoot!.removeEventListener('click', stop, true);
      }
      expect(links).to.have.length(1);
      expect(links[0]!.download).to.match(/^lich-hen-LH-[2-9A-HJ-NP-Z]{6}\.ics$/);
      expect(links[0]!.href).to.match(/^blob:/);
      expect(created).to.have.length(1);
      expect(created[0]!.type).to.contain('text/calendar');
      const ics = await created[0]!.text();
      expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).to.equal(true);
      expect(ics).to.match(/DTSTART:\d{8}T\d{6}Z\r\n/);
      expect(ics).to.contain(`UID:${$(el, '[data-code]')!.textContent}@dvc-widgets`);
    });
  });

  describe('conflicts', () => {
    it('slot filled meanwhile: keeps the form, refreshes, focuses the slot step and announces', async () => {
      const el = await mount();
      await toReviewStep(el);
      const chosen = (el as unknown as { slotStart: string }).slotStart;
      // Another citizen takes the remaining places of that slot.
      let slotsCalls = 0;
      worker.events.on('request:start', ({ request }) => {
        if (new URL(request.url).pathname.endsWith('/slots')) slotsCalls += 1;
      });
      for (let i = 0; i < 3; i++) {
        await fetch(`${MOCK_API}/v1/appointments`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `other-${i}` },
          body: JSON.stringify({ agency: communeAgency.code, procedure: '1.001193', start: chosen, fullName: 'Người khác', phone: `098765432${i}` }),
        });
      }
      $<HTMLButtonElement>(el, '[data-action="confirm"]')!.click();
      await settled(el, '[data-notice="slotTaken"]');
      expect($(el, '[aria-current="step"]')!.textContent).to.contain(vi.steps.slot);
      expect(active(el)?.matches('[data-notice]')).to.equal(true);
      await waitUntil(() => live(el).includes('vừa có người đặt hết chỗ'));
      await waitUntil(() => slotsCalls > 0, 'availability refreshed');
      const taken = $<HTMLInputElement>(el, `input[value="${chosen}"]`);
      expect(taken === null || taken.disabled).to.equal(true);
      expect($$<HTMLInputElement>(el, 'input[name="slot"]').some((r) => r.checked)).to.equal(false);
      await expect(el).to.be.accessible();
      // Everything typed is still there.
      const radio = $$<HTMLInputElement>(el, 'input[name="slot"]').find((r) => !r.disabled)!;
      radio.click();
      $<HTMLButtonElement>(el, '[data-action="to-contact"]')!.click();
      await settled(el, '#f-fullName');
      expect($<HTMLInputElement>(el, '#f-fullName')!.value).to.equal('Trần Văn Bình');
      expect($<HTMLInputElement>(el, '#f-phone')!.value).to.equal('0912 345 678');
    });

    it('a time that started meanwhile (422 past): back to the time step with a message', async () => {
      worker.use(
        http.post(`${MOCK_API}/v1/appointments`, () =>
          HttpResponse.json({ error: { code: 'unprocessable', message: 'past', details: { reason: 'past' } } }, { status: 422 }),
        ),
      );
      const el = await mount();
      await toReviewStep(el);
      $<HTMLButtonElement>(el, '[data-action="confirm"]')!.click();
      await settled(el, '[data-notice="slotGone"]');
      expect($(el, '[data-notice]')!.textContent).to.contain(vi.errors.slotGone);
      expect($(el, '[aria-current="step"]')!.textContent).to.contain(vi.steps.slot);
      expect(active(el)?.matches('[data-notice]')).to.equal(true);
    });

    it('a procedure the office does not take: says so, offers another procedure', async () => {
      worker.use(
        http.get(`${MOCK_API}/v1/agencies/:code/slots`, () =>
          HttpResponse.json(
            { error: { code: 'unprocessable', message: 'x', details: { reason: 'procedure_not_handled' } } },
            { status: 422 },
          ),
        ),
      );
      const el = await mount({ procedure: '1.000656' });
      await settled(el, '[data-load-error]');
      expect(text(el)).to.contain(vi.errors.procedureNotHandled);
      await expect(el).to.be.accessible();
      $<HTMLButtonElement>(el, '[data-load-error] button')!.click();
      await settled(el, '#procedure-search');
    });

    it('explains the per-phone daily limit', async () => {
      worker.use(
        http.post(`${MOCK_API}/v1/appointments`, () =>
          HttpResponse.json(
            { error: { code: 'conflict', message: 'limit', details: { reason: 'phone_limit', maxPerPhonePerDay: 2 } } },
            { status: 409 },
          ),
        ),
      );
      const el = await mount();
      await toReviewStep(el);
      $<HTMLButtonElement>(el, '[data-action="confirm"]')!.click();
      await settled(el, '[data-notice="phoneLimit"]');
      expect($(el, '[data-notice]')!.textContent).to.contain('chỉ được đặt 2 lịch trong một ngày');
      await expect(el).to.be.accessible();
      // The way forward: look the existing booking up.
      $<HTMLButtonElement>(el, '[data-notice] button')!.click();
      await settled(el, '#m-code');
      expect($<HTMLInputElement>(el, '#m-phone')!.value).to.equal('0912 345 678');
    });
  });

  describe('errors on confirm', () => {
    it('server error: message, office phone, retry keeps the form', async () => {
      worker.use(
        http.post(`${MOCK_API}/v1/appointments`, () =>
          HttpResponse.json({ error: { code: 'internal', message: 'x' } }, { status: 500 }),
        ),
      );
      const el = await mount();
      await toReviewStep(el);
      const rec = recordBookings();
      $<HTMLButtonElement>(el, '[data-action="confirm"]')!.click();
      await settled(el, '[data-submit-error]', 9000);
      expect(text(el)).to.contain('Hệ thống đang gặp sự cố');
      expect(text(el)).to.contain(vi.errors.safeRetry);
      expect(text(el)).to.contain(communeAgency.phone!);
      expect(active(el)?.id).to.equal('submit-error');
      await expect(el).to.be.accessible();
      worker.resetHandlers();
      worker.use(bookingIndexHandler);
      $<HTMLButtonElement>(el, '[data-submit-error] [data-action="retry"]')!.click();
      await settled(el, '[data-code]');
      rec.stop();
      // The client's own retries and the citizen's "Try again" all carried the same key.
      expect(rec.keys.length).to.be.greaterThan(1);
      expect(new Set(rec.keys).size).to.equal(1);
    });

    it('rate limited: a countdown, confirm disabled until it ends', async () => {
      worker.use(
        http.post(`${MOCK_API}/v1/appointments`, () =>
          HttpResponse.json({ error: { code: 'rate_limited', message: 'x' } }, { status: 429, headers: { 'Retry-After': '30' } }),
        ),
      );
      const el = await mount();
      await toReviewStep(el);
      $<HTMLButtonElement>(el, '[data-action="confirm"]')!.click();
      await settled(el, '[data-countdown]');
      expect($(el, '[data-countdown]')!.textContent).to.match(/(30|29) giây/);
      expect($<HTMLButtonElement>(el, '[data-action="confirm"]')!.disabled).to.equal(true);
      expect($<HTMLButtonElement>(el, '[data-action="retry"]')!.disabled).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('offline: says so, with a retry', async () => {
      worker.use(http.post(`${MOCK_API}/v1/appointments`, () => HttpResponse.error()));
      const el = await mount();
      await toReviewStep(el);
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
      try {
        $<HTMLButtonElement>(el, '[data-action="confirm"]')!.click();
        await settled(el, '[data-submit-error="OfflineError"]', 9000);
      } finally {
        delete (navigator as unknown as { onLine?: boolean }).onLine;
      }
      expect(text(el)).to.contain('Không có kết nối mạng');
      expect(text(el)).to.contain(vi.errors.kept);
      expect($<HTMLButtonElement>(el, '[data-action="confirm"]')!.disabled).to.equal(false);
      await expect(el).to.be.accessible();
    });

    it('malformed answer (ValidationError): says so; retrying is safe', async () => {
      worker.use(http.post(`${MOCK_API}/v1/appointments`, () => HttpResponse.json({ code: 'not a booking' }, { status: 201 })));
      const el = await mount();
      await toReviewStep(el);
      $<HTMLButtonElement>(el, '[data-action="confirm"]')!.click();
      await settled(el, '[data-submit-error="ValidationError"]');
      expect(text(el)).to.contain('dữ liệu không hợp lệ');
      expect(text(el)).to.contain(vi.errors.safeRetry);
      expect($(el, '[data-action="retry"]')).to.exist;
      await expect(el).to.be.accessible();
    });

    it('timeout: says so, with a retry', async () => {
      const orig = ApiClient.prototype.request;
      ApiClient.prototype.request = function (this: ApiClient, name: string, ...args: unknown[]) {
        if (name === 'createAppointment') return Promise.reject(new TimeoutError(10_000));
        return (orig as (...a: unknown[]) => Promise<unknown>).call(this, name, ...args);
      } as typeof orig;
      try {
        const el = await mount();
        await toReviewStep(el);
        $<HTMLButtonElement>(el, '[data-action="confirm"]')!.click();
        await settled(el, '[data-submit-error="TimeoutError"]');
        expect(text(el)).to.contain('phản hồi quá lâu');
        await expect(el).to.be.accessible();
      } finally {
        ApiClient.prototype.request = orig;
      }
    });
  });

  describe('agency states', () => {
    it('booking disabled: says so with the office phone', async () => {
      const el = await mount({ agency: bookingDisabledAgency.code });
      await settled(el, '.dvc-alert');
      expect(text(el)).to.contain(bookingDisabledAgency.phone!);
      await expect(el).to.be.accessible();
    });

    it('unknown agency: a clear message', async () => {
      const el = await mount({ agency: '999.99.99.Z99' });
      await settled(el, '[role="alert"]');
      expect(text(el)).to.contain(vi.errors.agencyNotFound);
    });

    it('renders in English', async () => {
      const el = await mount({ lang: 'en' });
      await settled(el, '#procedure-search');
      expect(text(el)).to.contain(en.title);
      await expect(el).to.be.accessible();
    });
  });

  describe('manage a booking', () => {
    it('looks up by code + phone, asks before cancelling, cancels', async () => {
      const sample = sampleAppointment();
      const el = await mount();
      await settled(el, '[data-action="manage"]');
      $<HTMLButtonElement>(el, '[data-action="manage"]')!.click();
      await settled(el, '#m-code');
      await expect(el).to.be.accessible();
      fill(el, 'm-code', sample.code.toLowerCase().replace('-', ' '));
      fill(el, 'm-phone', '+84912345678');
      await el.updateComplete;
      $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
      await settled(el, '[data-action="cancel"]');
      expect(text(el)).to.contain(sample.code);
      await expect(el).to.be.accessible();
      $<HTMLButtonElement>(el, '[data-action="cancel"]')!.click();
      await settled(el, '[data-confirm-cancel]');
      expect(active(el)?.id).to.equal('confirm-cancel-text');
      $<HTMLButtonElement>(el, '[data-action="no-keep"]')!.click();
      await el.updateComplete;
      expect($(el, '[data-confirm-cancel]')).to.equal(null);
      $<HTMLButtonElement>(el, '[data-action="cancel"]')!.click();
      await settled(el, '[data-action="yes-cancel"]');
      $<HTMLButtonElement>(el, '[data-action="yes-cancel"]')!.click();
      await settled(el, '[data-manage-message]');
      expect($(el, '[data-status]')!.getAttribute('data-status')).to.equal('cancelled');
      await waitUntil(() => live(el).includes(`Đã hủy lịch hẹn ${sample.code}`));
      await expect(el).to.be.accessible();
    });

    it('the manage buttons keep focus while their slow requests run ("Tra cứu", "Hủy lịch hẹn")', async () => {
      const sample = sampleAppointment();
      const lookups: string[] = [];
      const cancels: string[] = [];
      const listener = ({ request }: { request: Request }) => {
        const path = new URL(request.url).pathname;
        if (!path.startsWith(`${MOCK_API}/v1/appointments/`)) return;
        (request.method === 'GET' ? lookups : cancels).push(path);
      };
      worker.events.on('request:start', listener);
      worker.use(
        http.get(`${MOCK_API}/v1/appointments/:code`, async () => {
          await delay(1200);
          return HttpResponse.json(sample);
        }),
        http.post(`${MOCK_API}/v1/appointments/:code/cancel`, async () => {
          await delay(1200);
          return HttpResponse.json({ ...sample, status: 'cancelled' });
        }),
      );
      const el = await mount();
      await settled(el, '[data-action="manage"]');
      $<HTMLButtonElement>(el, '[data-action="manage"]')!.click();
      await settled(el, '#m-code');
      fill(el, 'm-code', sample.code);
      fill(el, 'm-phone', SAMPLE_PHONE);
      await el.updateComplete;
      await pressWhilePending(el, $<HTMLButtonElement>(el, 'form button[type="submit"]')!);
      await expect(el).to.be.accessible();
      await settled(el, '[data-action="cancel"]');
      expect(lookups).to.have.length(1);

      $<HTMLButtonElement>(el, '[data-action="cancel"]')!.click();
      await settled(el, '[data-action="yes-cancel"]');
      await pressWhilePending(el, $<HTMLButtonElement>(el, '[data-action="yes-cancel"]')!);
      await expect(el).to.be.accessible();
      await settled(el, '[data-manage-message]');
      expect(cancels).to.have.length(1);
      worker.events.removeListener('request:start', listener);
    });

    it('leaving the manage view returns to the booking in progress, choices intact', async () => {
      const el = await mount();
      await toContactStep(el);
      fill(el, 'f-fullName', 'Trần Văn Bình');
      const chosen = (el as unknown as { slotStart: string }).slotStart;
      $<HTMLButtonElement>(el, '[data-action="manage"]')!.click();
      await settled(el, '#m-code');
      $<HTMLButtonElement>(el, '[data-action="back-to-booking"]')!.click();
      await settled(el, '#f-fullName');
      expect(active(el)?.matches('[data-action="manage"]')).to.equal(true);
      expect($<HTMLInputElement>(el, '#f-fullName')!.value).to.equal('Trần Văn Bình');
      fill(el, 'f-phone', '0912345678');
      $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
      await settled(el, '[data-action="confirm"]');
      expect((el as unknown as { slotStart: string }).slotStart).to.equal(chosen);
    });

    it('a wrong phone gets the same not-found answer', async () => {
      const el = await mount();
      await settled(el, '[data-action="manage"]');
      $<HTMLButtonElement>(el, '[data-action="manage"]')!.click();
      await settled(el, '#m-code');
      fill(el, 'm-code', sampleAppointment().code);
      fill(el, 'm-phone', '0987654321');
      $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
      await settled(el, '[data-manage-error]');
      expect(text(el)).to.contain(vi.manage.notFound);
    });

    it('rejects a malformed code before asking the server', async () => {
      const el = await mount();
      await settled(el, '[data-action="manage"]');
      $<HTMLButtonElement>(el, '[data-action="manage"]')!.click();
      await settled(el, '#m-code');
      fill(el, 'm-code', 'ABC');
      fill(el, 'm-phone', SAMPLE_PHONE);
      $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
      await el.updateComplete;
      await aTimeout(0);
      expect($(el, '#m-code')!.getAttribute('aria-invalid')).to.equal('true');
      expect(active(el)?.id).to.equal('m-code');
    });

    it('reschedule refused because the slot filled: message, fresh availability, pick again', async () => {
      const sample = sampleAppointment();
      let refuse = true;
      worker.use(
        http.post(`${MOCK_API}/v1/appointments/:code/reschedule`, async ({ request }) => {
          if (!refuse) return undefined;
          refuse = false;
          const body = (await request.clone().json()) as { start: string };
          const date = body.start.slice(0, 10);
          const day = buildSlots(communeAgency, date, date).days[0]!;
          const availability = { ...day, slots: day.slots.map((s) => (s.start === body.start ? { ...s, remaining: 0 } : s)) };
          return HttpResponse.json(
            { error: { code: 'conflict', message: 'full', details: { reason: 'slot_full', availability } } },
            { status: 409 },
          );
        }),
      );
      const el = await mount();
      await settled(el, '[data-action="manage"]');
      $<HTMLButtonElement>(el, '[data-action="manage"]')!.click();
      await settled(el, '#m-code');
      fill(el, 'm-code', sample.code);
      fill(el, 'm-phone', SAMPLE_PHONE);
      $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
      await settled(el, '[data-action="reschedule"]');
      $<HTMLButtonElement>(el, '[data-action="reschedule"]')!.click();
      await settled(el, 'table[role="grid"] button[data-status="open"]');
      openDays(el)[1]!.click();
      await settled(el, 'input[name="reslot"]');
      const first = $$<HTMLInputElement>(el, 'input[name="reslot"]').find((r) => !r.disabled)!;
      const wanted = first.value;
      first.click();
      $<HTMLButtonElement>(el, '[data-action="confirm-reschedule"]')!.click();
      await settled(el, '[data-notice="slotTaken"]');
      expect(active(el)?.matches('[data-notice]')).to.equal(true);
      expect($$<HTMLInputElement>(el, 'input[name="reslot"]').some((r) => r.checked)).to.equal(false);
      await waitUntil(() => live(el).includes('vừa có người đặt hết chỗ'));
      await expect(el).to.be.accessible();
      const next = $$<HTMLInputElement>(el, 'input[name="reslot"]').find((r) => !r.disabled && r.value !== wanted)!;
      next.click();
      $<HTMLButtonElement>(el, '[data-action="confirm-reschedule"]')!.click();
      await settled(el, '[data-manage-message]');
      expect(text(el)).to.contain(`Đã đổi lịch hẹn ${sample.code}`);
    });

    it('reschedules in the same calendar', async () => {
      const sample = sampleAppointment();
      const el = await mount();
      await settled(el, '[data-action="manage"]');
      $<HTMLButtonElement>(el, '[data-action="manage"]')!.click();
      await settled(el, '#m-code');
      fill(el, 'm-code', sample.code);
      fill(el, 'm-phone', SAMPLE_PHONE);
      $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
      await settled(el, '[data-action="reschedule"]');
      $<HTMLButtonElement>(el, '[data-action="reschedule"]')!.click();
      await settled(el, 'table[role="grid"] button[data-status="open"]');
      await expect(el).to.be.accessible();
      const other = openDays(el).find((b) => b.dataset['date'] !== sample.start.slice(0, 10))!;
      other.click();
      await settled(el, 'input[name="reslot"]');
      const radio = $$<HTMLInputElement>(el, 'input[name="reslot"]').find((r) => !r.disabled)!;
      radio.click();
      $<HTMLButtonElement>(el, '[data-action="confirm-reschedule"]')!.click();
      await settled(el, '[data-manage-message]');
      expect(text(el)).to.contain(`Đã đổi lịch hẹn ${sample.code}`);
      expect($(el, '[data-code]')!.textContent).to.equal(sample.code);
    });
  });
});
