import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import {
  DvcAppointmentBookedEvent,
  DvcBookRequestEvent,
  DvcDossierFoundEvent,
  DvcProcedureSelectEvent,
  DvcRateRequestEvent,
  DvcSurveyQueuedEvent,
  DvcSurveySubmittedEvent,
} from '../src/events.js';

describe('events', () => {
  const cases = [
    [new DvcProcedureSelectEvent({ code: '1.001193', name: 'Đăng ký khai sinh' }), 'dvc-procedure-select', false],
    [new DvcBookRequestEvent({ procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh' }), 'dvc-book-request', true],
    [new DvcDossierFoundEvent({ code: '000.00.01.H29-260310-0420', status: 'processing' }), 'dvc-dossier-found', false],
    [new DvcRateRequestEvent({ dossierCode: '000.00.01.H29-260310-0420' }), 'dvc-rate-request', true],
    [new DvcSurveySubmittedEvent({ reference: 'R1', dossierCode: 'D' }), 'dvc-survey-submitted', false],
    [new DvcSurveyQueuedEvent({ dossierCode: 'D', idempotencyKey: 'k' }), 'dvc-survey-queued', false],
    [
      new DvcAppointmentBookedEvent({ code: 'LH-7K3M9Q', start: '2026-03-10T08:00:00+07:00', end: '2026-03-10T08:15:00+07:00', agency: '000.00.01.H29' }),
      'dvc-appointment-booked',
      false,
    ],
  ] as const;

  it('have the documented names, bubble, are composed, and only requests are cancelable', () => {
    for (const [event, name, cancelable] of cases) {
      expect(event.type).to.equal(name);
      expect((event.constructor as unknown as { eventName: string }).eventName).to.equal(name);
      expect(event.bubbles, name).to.equal(true);
      expect(event.composed, name).to.equal(true);
      expect(event.cancelable, name).to.equal(cancelable);
      expect(event).to.be.instanceOf(CustomEvent);
    }
  });

  it('leave a shadow root and reach document listeners with their detail', async () => {
    const host = await fixture(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    const inner = document.createElement('button');
    root.append(inner);
    const heard = oneEvent(document, 'dvc-rate-request');
    setTimeout(() => inner.dispatchEvent(new DvcRateRequestEvent({ dossierCode: 'X' })));
    const event = await heard;
    expect(event.detail.dossierCode).to.equal('X');
    expect(event.target).to.equal(host);
  });

  it('lets a taker signal it handled a request with preventDefault()', async () => {
    const host = await fixture(html`<div></div>`);
    const taker = (e: DvcBookRequestEvent) => e.preventDefault();
    document.addEventListener('dvc-book-request', taker);
    try {
      const event = new DvcBookRequestEvent({ procedureCode: 'c', procedureName: 'n' });
      expect(host.dispatchEvent(event)).to.equal(false);
      expect(event.defaultPrevented).to.equal(true);
    } finally {
      document.removeEventListener('dvc-book-request', taker);
    }
    expect(host.dispatchEvent(new DvcBookRequestEvent({ procedureCode: 'c', procedureName: 'n' }))).to.equal(true);
  });
});
