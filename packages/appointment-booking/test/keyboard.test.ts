/**
 * Keyboard-only journeys: every step reached with real key events (sendKeys), never .click()
 * or .focus(). Axe runs at each step on the way.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { startMocks, worker, MOCK_API } from '../../../test/mocks/browser.js';
import { communeAgency } from '../../../test/fixtures/agencies.js';
import { sampleAppointment, SAMPLE_PHONE } from '../../../test/fixtures/appointments.js';
import { bookingIndexHandler, resetAppointmentStore } from '../../../test/mocks/handlers/appointments.js';
import '../src/appointment-booking.js';
import type { DvcAppointmentBooking } from '../src/appointment-booking.component.js';

type El = DvcAppointmentBooking;
const $ = <T extends Element = HTMLElement>(el: El, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const active = (el: El) => el.shadowRoot!.activeElement as HTMLElement | null;

async function settled(el: El, selector: string) {
  await waitUntil(() => $(el, selector), `${selector} did not appear`, { timeout: 15_000 });
  await el.updateComplete;
}

/** Presses Tab until the focused element matches; fails after `max` presses. */
async function tabTo(el: El, selector: string, max = 30) {
  for (let i = 0; i < max; i++) {
    if (active(el)?.matches(selector)) return active(el)!;
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
  }
  throw new Error(`Tab never reached ${selector} (now on ${active(el)?.outerHTML.slice(0, 120)})`);
}

async function mount() {
  const el = await fixture<El>(html`<dvc-appointment-booking api-base=${MOCK_API} agency=${communeAgency.code} lang="vi"></dvc-appointment-booking>`);
  await el.updateComplete;
  return el;
}

describe('dvc-appointment-booking: keyboard only', () => {
  before(() => startMocks());
  beforeEach(() => {
    resetAppointmentStore();
    worker.use(bookingIndexHandler);
  });
  afterEach(() => worker.resetHandlers());

  it('books from start to confirmation with the keyboard alone', async function () {
    this.timeout(60_000);
    const el = await mount();
    await settled(el, '#procedure-search');
    await tabTo(el, '#procedure-search');
    await sendKeys({ type: 'khai sinh' });
    await el.updateComplete;
    await tabTo(el, 'button[data-procedure="1.001193"]');
    await sendKeys({ press: 'Enter' });

    // Day step: focus went to the step heading; Tab reaches the one day in the tab order.
    await settled(el, 'table[role="grid"] button[data-status="open"]');
    expect(active(el)?.matches('[data-step-heading]')).to.equal(true);
    await expect(el).to.be.accessible();
    const day = await tabTo(el, 'button[data-date][tabindex="0"]');
    // Arrow to the next open day (skipping closed/full ones the way a user would).
    let guard = 0;
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    while (active(el)?.dataset['status'] !== 'open' && guard++ < 14) {
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
    }
    const picked = active(el)!.dataset['date']!;
    expect(picked > day.dataset['date']!).to.equal(true);
    await sendKeys({ press: 'Enter' });

    // Slot step: radio group; Space checks the focused radio.
    await settled(el, 'input[name="slot"]');
    await expect(el).to.be.accessible();
    await tabTo(el, 'input[name="slot"]');
    await sendKeys({ press: ' ' }); // ' ' rather than 'Space': Firefox's BiDi input knows only the character
    await el.updateComplete;
    expect((active(el) as HTMLInputElement).checked).to.equal(true);
    await tabTo(el, '[data-action="to-contact"]');
    await sendKeys({ press: 'Enter' });

    // Contact step: type, Enter submits the form.
    await settled(el, '#f-fullName');
    await expect(el).to.be.accessible();
    await tabTo(el, '#f-fullName');
    await sendKeys({ type: 'Phạm Minh Châu' });
    await tabTo(el, '#f-phone');
    await sendKeys({ type: '+84 98 765 4321' });
    await sendKeys({ press: 'Enter' });

    // Review step.
    await settled(el, '[data-action="confirm"]');
    await expect(el).to.be.accessible();
    expect(el.shadowRoot!.textContent).to.contain('0987654321');
    await tabTo(el, '[data-action="confirm"]');
    const booked = oneEvent(el, 'dvc-appointment-booked');
    await sendKeys({ press: 'Enter' });
    const event = await booked;

    await settled(el, '[data-code]');
    expect(event.detail.start.slice(0, 10)).to.equal(picked);
    expect(active(el)?.matches('[data-step-heading]')).to.equal(true);
    await settled(el, 'svg.qr');
    await expect(el).to.be.accessible();
    // The confirmation actions are reachable too.
    await tabTo(el, '[data-action="ics"]');
  });

  it('looks up and cancels a booking with the keyboard alone', async function () {
    this.timeout(30_000);
    const sample = sampleAppointment();
    const el = await mount();
    await settled(el, '[data-action="manage"]');
    await tabTo(el, '[data-action="manage"]');
    await sendKeys({ press: 'Enter' });
    await settled(el, '#m-code');
    await tabTo(el, '#m-code');
    await sendKeys({ type: sample.code });
    await tabTo(el, '#m-phone');
    await sendKeys({ type: SAMPLE_PHONE });
    await sendKeys({ press: 'Enter' });
    await settled(el, '[data-action="cancel"]');
    await tabTo(el, '[data-action="cancel"]');
    await sendKeys({ press: 'Enter' });
    await settled(el, '[data-action="yes-cancel"]');
    await expect(el).to.be.accessible();
    await tabTo(el, '[data-action="yes-cancel"]');
    await sendKeys({ press: 'Enter' });
    await settled(el, '[data-manage-message]');
    expect($(el, '[data-status]')!.dataset['status']).to.equal('cancelled');
    expect(active(el)?.matches('[data-manage-message]')).to.equal(true);
  });
});
