/**
 * End to end against the REAL reference server (proxied same-origin at /api): closed days come
 * from the server's calendar, two widgets racing for the last place get one booking and one
 * conflict, and cancelling frees the place again.
 *
 * The server starts with a fresh in-memory database per test run. It and the page share one clock
 * (the real one, or DVC_TEST_NOW: test/helpers/clock.mjs), so "today" is core's `now()` here and
 * the test picks its days and slots from what the live API offers on that day.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { addDays, getApiClient, now, vnToday } from '@dvc-widgets/core';
import type { SlotsResponse } from '@dvc-widgets/contract';
import '../../packages/appointment-booking/src/appointment-booking.js';
import type { DvcAppointmentBooking } from '../../packages/appointment-booking/src/appointment-booking.component.js';
import { API_BASE, useRealApi } from '../helpers/e2e.js';

/** Demo agency of the reference server (packages/server/src/domain/agencies.ts: Phường Ba Đình). */
const AGENCY = '000.21.01.H29';
const PROCEDURE = '1.001193';
const client = getApiClient(API_BASE);

type El = DvcAppointmentBooking;
const $ = <T extends Element = HTMLElement>(el: El, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: El, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];

async function settled(el: El, selector: string, timeout = 15_000) {
  await waitUntil(() => $(el, selector), `${selector} did not appear`, { timeout });
  await el.updateComplete;
}

/** A valid mobile number nobody else in this run uses (per-phone limits are per day). */
let phoneSeq = Math.floor(Math.random() * 1_000_000);
const freshPhone = () => `09${String(10_000_000 + (phoneSeq++ % 89_999_999)).slice(-8)}`;

const todayVn = () => vnToday(now());

async function liveSlots(from = todayVn(), to = addDays(todayVn(), 14)): Promise<SlotsResponse> {
  return client.request('getSlots', { params: { agencyCode: AGENCY }, query: { procedure: PROCEDURE, from, to } });
}

function fill(el: El, id: string, value: string) {
  const input = $<HTMLInputElement>(el, `#${id}`)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Drives a widget (opened on the day step by its `procedure` attribute) to the review of `start`. */
async function toReview(el: El, date: string, start: string, phone: string) {
  await settled(el, 'table[role="grid"] button[data-date]');
  for (let i = 0; i < 3 && !$(el, `button[data-date="${date}"]`); i++) {
    $<HTMLButtonElement>(el, '[data-nav="next"]')!.click();
    await el.updateComplete;
  }
  $<HTMLButtonElement>(el, `button[data-date="${date}"]`)!.click();
  await settled(el, `input[name="slot"][value="${start}"]`);
  $<HTMLInputElement>(el, `input[name="slot"][value="${start}"]`)!.click();
  $<HTMLButtonElement>(el, '[data-action="to-contact"]')!.click();
  await settled(el, '#f-fullName');
  fill(el, 'f-fullName', 'Đỗ Thị Thu Hà');
  fill(el, 'f-phone', phone);
  await el.updateComplete;
  $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
  await settled(el, '[data-action="confirm"]');
}

describe('e2e: appointment booking against the reference server', () => {
  useRealApi();

  it('finds the procedure in the real catalog of the office, typed without accents', async () => {
    const el = await fixture<El>(html`<dvc-appointment-booking api-base=${API_BASE} agency=${AGENCY} lang="vi"></dvc-appointment-booking>`);
    await settled(el, '#procedure-search');
    fill(el, 'procedure-search', 'dang ky khai sinh');
    await settled(el, `button[data-procedure="${PROCEDURE}"]`);
    $<HTMLButtonElement>(el, `button[data-procedure="${PROCEDURE}"]`)!.click();
    await settled(el, 'table[role="grid"] button[data-status="open"]');
    await expect(el).to.be.accessible();
  });

  it('shows weekends and holidays as closed, with the reason in the accessible name', async () => {
    // The calendar as the server computes it (Labour Code holidays, weekends): the next public
    // holiday after today in the server's holiday list, looked up 92 days (one request) at a time.
    let holiday: SlotsResponse['days'][number] | undefined;
    for (let from = addDays(todayVn(), 1), i = 0; !holiday && i < 4; from = addDays(from, 92), i++) {
      const res = await client.request('getSlots', { params: { agencyCode: AGENCY }, query: { from, to: addDays(from, 91) } });
      holiday = res.days.find((d) => d.closedReason === 'holiday');
      for (const d of res.days) {
        const weekday = new Date(`${d.date}T00:00:00Z`).getUTCDay();
        if (weekday !== 0) continue;
        expect(d.status, `Sunday ${d.date} is closed`).to.equal('closed');
        expect(d.closedReason, `Sunday ${d.date}`).to.be.oneOf(['weekend', 'holiday']);
      }
    }
    expect(holiday, 'a public holiday within a year (packages/server/data/holidays-vn.json)').to.exist;
    expect(holiday!.status).to.equal('closed');
    expect(holiday!.holidayName).to.be.a('string').and.not.empty;

    const el = await fixture<El>(html`<dvc-appointment-booking api-base=${API_BASE} agency=${AGENCY} procedure=${PROCEDURE} lang="vi"></dvc-appointment-booking>`);
    await settled(el, 'table[role="grid"] button[data-status="open"]');
    // The days the widget offers: the office's booking window from today (any day of the year).
    const agency = await client.request('getAgency', { params: { agencyCode: AGENCY } });
    const live = await liveSlots(todayVn(), addDays(todayVn(), agency.booking.daysAhead));
    let weekends = 0;
    let checked = 0;
    // The window may span two months: read every month the grid can show.
    for (let month = 0; month < 3; month++) {
      for (const button of $$<HTMLButtonElement>(el, 'button[data-date]')) {
        const day = live.days.find((d) => d.date === button.dataset['date']);
        if (!day) continue;
        checked++;
        const label = button.textContent!;
        expect(button.dataset['status'], day.date).to.equal(day.status);
        if (day.closedReason === 'weekend') {
          weekends++;
          expect(label).to.contain('nghỉ cuối tuần');
          expect(button.getAttribute('aria-disabled')).to.equal('true');
        }
        if (day.closedReason === 'holiday') expect(label).to.contain(day.holidayName ?? 'nghỉ lễ');
        if (day.status === 'open') expect(label).to.contain(`còn ${day.remaining} chỗ`);
      }
      const next = $<HTMLButtonElement>(el, '[data-nav="next"]');
      if (!next || next.disabled) break;
      next.click();
      await el.updateComplete;
    }
    expect(checked, 'every day of the window is on the grid').to.equal(live.days.length);
    expect(weekends, 'a window of a week or more holds a weekend').to.be.greaterThan(0);
    await expect(el).to.be.accessible();
  });

  it('two widgets racing for the last place: one books, the other gets the conflict path; cancel frees it', async function () {
    this.timeout(60_000);
    // A slot late in the window (quiet), filled up to its last place through the API.
    const res = await liveSlots();
    const day = [...res.days].reverse().find((d) => d.status === 'open' && d.slots.filter((s) => s.remaining === s.capacity).length > 2)!;
    expect(day, 'an open day in the live window').to.exist;
    const slot = day.slots.filter((s) => s.remaining === s.capacity)[1]!;
    for (let i = 0; i < slot.capacity - 1; i++) {
      await client.request('createAppointment', {
        body: { agency: AGENCY, procedure: PROCEDURE, start: slot.start, fullName: 'Người đặt trước', phone: freshPhone() },
      });
    }
    const before = (await liveSlots(day.date, day.date)).days[0]!.slots.find((s) => s.start === slot.start)!;
    expect(before.remaining).to.equal(1);

    const page = await fixture<HTMLDivElement>(html`<div>
      <dvc-appointment-booking id="a" api-base=${API_BASE} agency=${AGENCY} procedure=${PROCEDURE} lang="vi"></dvc-appointment-booking>
      <dvc-appointment-booking id="b" api-base=${API_BASE} agency=${AGENCY} procedure=${PROCEDURE} lang="vi"></dvc-appointment-booking>
    </div>`);
    const a = page.querySelector<El>('#a')!;
    const b = page.querySelector<El>('#b')!;
    const phoneA = freshPhone();
    const phoneB = freshPhone();
    await toReview(a, day.date, slot.start, phoneA);
    await toReview(b, day.date, slot.start, phoneB);

    // Both confirm in the same tick.
    $<HTMLButtonElement>(a, '[data-action="confirm"]')!.click();
    $<HTMLButtonElement>(b, '[data-action="confirm"]')!.click();
    await waitUntil(
      () => [a, b].every((el) => $(el, '[data-code]') || $(el, '[data-notice="slotTaken"]')),
      'both widgets settled',
      { timeout: 20_000 },
    );
    const winners = [a, b].filter((el) => $(el, '[data-code]'));
    const losers = [a, b].filter((el) => $(el, '[data-notice="slotTaken"]'));
    expect(winners, 'exactly one booking').to.have.length(1);
    expect(losers, 'exactly one conflict').to.have.length(1);
    const winner = winners[0]!;
    const loser = losers[0]!;
    const winnerPhone = winner === a ? phoneA : phoneB;

    // The loser is back on the time step with fresh availability and nothing lost.
    await waitUntil(() => {
      const radio = $<HTMLInputElement>(loser, `input[name="slot"][value="${slot.start}"]`);
      return !radio || radio.disabled;
    }, 'the taken slot shows as full');
    expect($(loser, '[aria-current="step"]')!.textContent).to.contain('Giờ');
    await expect(loser).to.be.accessible();
    const after = (await liveSlots(day.date, day.date)).days[0]!.slots.find((s) => s.start === slot.start)!;
    expect(after.remaining).to.equal(0);

    // Cancel the winner's booking through the manage flow of a third widget.
    const code = $(winner, '[data-code]')!.textContent!.trim();
    const manager = await fixture<El>(html`<dvc-appointment-booking api-base=${API_BASE} agency=${AGENCY} lang="vi"></dvc-appointment-booking>`);
    await settled(manager, '[data-action="manage"]');
    $<HTMLButtonElement>(manager, '[data-action="manage"]')!.click();
    await settled(manager, '#m-code');
    fill(manager, 'm-code', code);
    fill(manager, 'm-phone', winnerPhone);
    await manager.updateComplete;
    $<HTMLButtonElement>(manager, 'form button[type="submit"]')!.click();
    await settled(manager, '[data-action="cancel"]');
    $<HTMLButtonElement>(manager, '[data-action="cancel"]')!.click();
    await settled(manager, '[data-action="yes-cancel"]');
    $<HTMLButtonElement>(manager, '[data-action="yes-cancel"]')!.click();
    await settled(manager, '[data-status="cancelled"]');

    const freed = (await liveSlots(day.date, day.date)).days[0]!.slots.find((s) => s.start === slot.start)!;
    expect(freed.remaining).to.equal(1);
  });
});
