/**
 * The QR library is fetched only on the confirmation step (dynamic import), so the booking steps
 * never pay for it. A separate file: each test file gets a fresh page, so no earlier test has
 * loaded the module already.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { startMocks, worker, MOCK_API } from '../../../test/mocks/browser.js';
import { communeAgency } from '../../../test/fixtures/agencies.js';
import { bookingIndexHandler, resetAppointmentStore } from '../../../test/mocks/handlers/appointments.js';
import '../src/appointment-booking.js';
import type { DvcAppointmentBooking } from '../src/appointment-booking.component.js';

const $ = <T extends Element = HTMLElement>(el: DvcAppointmentBooking, sel: string) => el.shadowRoot!.querySelector<T>(sel);
// Start from an empty, large buffer (the dev server's module graph overflows the default 250).
// A module is fetched once per page: if uqr shows up after confirming, it was not loaded before.
performance.clearResourceTimings();
performance.setResourceTimingBufferSize(10_000);
const uqrLoaded = () => performance.getEntriesByType('resource').some((e) => /\/uqr\//.test(e.name));

async function step(el: DvcAppointmentBooking, click: string, next: string) {
  await waitUntil(() => $(el, click), `${click} did not appear`, { timeout: 12_000 });
  $<HTMLElement>(el, click)!.click();
  await waitUntil(() => $(el, next), `${next} did not appear`, { timeout: 12_000 });
  await el.updateComplete;
}

describe('dvc-appointment-booking: QR code loaded lazily', function () {
  this.timeout(30_000);
  before(() => startMocks());
  beforeEach(() => {
    resetAppointmentStore();
    worker.use(bookingIndexHandler);
  });
  afterEach(() => worker.resetHandlers());

  it('fetches uqr only after the booking is confirmed', async () => {
    const el = await fixture<DvcAppointmentBooking>(
      html`<dvc-appointment-booking api-base=${MOCK_API} agency=${communeAgency.code} procedure="1.001193"></dvc-appointment-booking>`,
    );
    await step(el, 'button[data-status="open"]', 'input[name="slot"]');
    await step(el, 'input[name="slot"]:not(:disabled)', 'input[name="slot"]:checked');
    await step(el, '[data-action="to-contact"]', '#f-phone');
    for (const [id, value] of [['f-fullName', 'Vũ Văn An'], ['f-phone', '0345678901']] as const) {
      const input = $<HTMLInputElement>(el, `#${id}`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    await el.updateComplete;
    await step(el, 'form button[type="submit"]', '[data-action="confirm"]');
    expect(uqrLoaded(), 'uqr before confirmation').to.equal(false);
    await step(el, '[data-action="confirm"]', 'svg.qr path');
    expect(uqrLoaded(), 'uqr on the confirmation step').to.equal(true);
  });
});
