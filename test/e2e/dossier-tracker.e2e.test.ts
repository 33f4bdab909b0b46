/**
 * End to end against the REAL reference server (proxied same-origin at /api): every status of
 * the seed's well-known demo dossiers, looked up through <dvc-dossier-tracker> as a citizen would.
 *
 * The codes carry the date the server seeded its database on, so the test asks the runner for
 * the seed's well-known codes (`dvc-demo-dossiers` server command, field `wellKnown`: the same
 * record as the server's exported `DEMO_DOSSIERS`, built for the running server's seed instant).
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { DossierStatus } from '@dvc-widgets/contract';
import '../../packages/dossier-tracker/src/dossier-tracker.js';
import type { DvcDossierTracker } from '../../packages/dossier-tracker/src/dossier-tracker.component.js';
import vi from '../../packages/dossier-tracker/src/locales/vi.js';
import type { DemoDossierKey } from '../../packages/server/src/domain/index.js';

const root = (el: DvcDossierTracker) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: DvcDossierTracker, sel: string) => root(el).querySelector<T>(sel);
const text = (el: DvcDossierTracker) => root(el).textContent!.replace(/\s+/g, ' ');

/** The seed's well-known dossiers (one per situation the tracker shows). */
type Key = DemoDossierKey;

const EXPECTED: Record<Key, DossierStatus> = {
  registered: 'registered',
  received: 'received',
  processingOnTime: 'processing',
  processingResumed: 'processing',
  overdue: 'processing',
  apology: 'processing',
  overdueWithApology: 'processing',
  supplement: 'supplement_requested',
  financialObligation: 'financial_obligation',
  notReceived: 'not_received',
  withdrawn: 'withdrawal_requested',
  suspended: 'suspended',
  resolved: 'resolved',
  resolvedLate: 'resolved',
  returnedRated: 'returned',
  returnedUnrated: 'returned',
};

let codes: Record<Key, string>;

async function lookUp(code: string) {
  const el = await fixture<DvcDossierTracker>(html`<dvc-dossier-tracker api-base="/api" lang="vi"></dvc-dossier-tracker>`);
  const found = oneEvent(el, 'dvc-dossier-found');
  el.check(code);
  const event = await found;
  await waitUntil(() => $(el, '.result'), 'no result shown', { timeout: 8000 });
  await el.updateComplete;
  return { el, event };
}

describe('dvc-dossier-tracker against the reference server', function () {
  // A cold server (PGlite + seed) on a busy shared machine can take a while.
  this.timeout(30000);

  before(async () => {
    const demo = (await executeServerCommand('dvc-demo-dossiers')) as { wellKnown?: Record<Key, string> } | undefined;
    if (!demo?.wellKnown) {
      throw new Error('the dvc-demo-dossiers server command must return the seed\'s wellKnown codes');
    }
    codes = demo.wellKnown;
  });

  for (const [key, status] of Object.entries(EXPECTED) as [Key, DossierStatus][]) {
    it(`${key}: shows "${vi.status[status]}" with its history`, async () => {
      const { el, event } = await lookUp(codes[key]);
      expect(event.detail).to.deep.equal({ code: codes[key], status });
      expect($(el, '[part="status"]')!.textContent!.trim()).to.equal(vi.status[status]);
      expect(root(el).querySelectorAll('ol.timeline > li').length).to.be.greaterThan(0);
      expect($(el, '[part="next-steps"]')).to.not.equal(null);
    });
  }

  it('supplement: lists the missing documents and where to bring them', async () => {
    const { el } = await lookUp(codes.supplement);
    expect(root(el).querySelectorAll('[part="next-steps"] ul > li').length).to.be.greaterThan(0);
    expect(text(el)).to.contain('Mang giấy tờ đến:');
    await expect(el).to.be.accessible();
  });

  it('financial obligation: the amount in đồng and where to pay', async () => {
    const { el } = await lookUp(codes.financialObligation);
    expect(text(el)).to.match(/Số tiền: [\d.]+\s₫/);
    expect(text(el)).to.contain('Nơi nộp:');
  });

  it('overdue: late by N working days, with a progress bar', async () => {
    const { el } = await lookUp(codes.overdue);
    expect(text(el)).to.match(/Trễ hạn \d+ ngày làm việc/);
    expect($(el, '[role="progressbar"]')!.getAttribute('aria-valuenow')).to.equal('100');
    await expect(el).to.be.accessible();
  });

  it('apology letters: the letter and the new due date', async () => {
    for (const key of ['apology', 'overdueWithApology'] as const) {
      const { el } = await lookUp(codes[key]);
      expect(text(el), key).to.contain('Cơ quan đã gửi thư xin lỗi');
      expect(text(el), key).to.match(/Ngày hẹn trả mới: \d\d:\d\d \d\d\/\d\d\/\d{4}/);
    }
  });

  it('rejected and suspended: the reason', async () => {
    for (const key of ['notReceived', 'suspended'] as const) {
      const { el } = await lookUp(codes[key]);
      expect(text(el), key).to.contain(vi.next.rejectedIntro);
    }
  });

  it('resolved: where and when to collect the result', async () => {
    const { el } = await lookUp(codes.resolved);
    expect(text(el)).to.contain('Nơi nhận:');
    expect(text(el)).to.match(/Nhận từ \d\d:\d\d \d\d\/\d\d\/\d{4}/);
  });

  it('returned and not yet rated: "Đánh giá" asks to rate that dossier; a rated one offers nothing', async () => {
    const { el } = await lookUp(codes.returnedUnrated);
    const button = $<HTMLButtonElement>(el, '[part="rate-button"]')!;
    button.focus();
    const request = oneEvent(el, 'dvc-rate-request');
    await sendKeys({ press: 'Enter' });
    expect((await request).detail.dossierCode).to.equal(codes.returnedUnrated);

    const rated = await lookUp(codes.returnedRated);
    expect($(rated.el, '[part="rate-button"]')).to.equal(null);
  });

  it('keyboard only: Tab, type a pasted-looking code, Enter', async () => {
    const el = await fixture<DvcDossierTracker>(html`<dvc-dossier-tracker api-base="/api" lang="vi"></dvc-dossier-tracker>`);
    await sendKeys({ press: 'Tab' });
    const found = oneEvent(el, 'dvc-dossier-found');
    await sendKeys({ type: ` ${codes.processingOnTime.toLowerCase()} ` });
    await sendKeys({ press: 'Enter' });
    expect((await found).detail.code).to.equal(codes.processingOnTime);
    await waitUntil(() => root(el).activeElement === $(el, '.result-heading'), 'focus did not move to the result');
  });

  it('an unknown code: the server says 404 and the widget says so', async () => {
    const el = await fixture<DvcDossierTracker>(html`<dvc-dossier-tracker api-base="/api" lang="vi"></dvc-dossier-tracker>`);
    el.check('000.00.01.H29-000101-0001');
    await waitUntil(() => $(el, '[part="error"]'), 'no error shown', { timeout: 8000 });
    expect(text(el)).to.contain('Không tìm thấy hồ sơ có mã 000.00.01.H29-000101-0001');
  });
});
