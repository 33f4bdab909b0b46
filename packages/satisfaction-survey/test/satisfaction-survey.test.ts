import { expect, fixture, html, oneEvent, waitUntil as waitUntilBase } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as z from 'zod/mini';
import {
  SurveyDefinition,
  SurveyEligibility,
  SurveyReceipt,
  SurveyResults,
} from '@dvc-widgets/contract';
import { getOutbox, type DvcSurveyQueuedEvent, type DvcSurveySubmittedEvent } from '@dvc-widgets/core';
import '../src/satisfaction-survey.js';
import type { DvcSatisfactionSurvey } from '../src/satisfaction-survey.component.js';
import { DvcRateRequestEvent, periodRange } from '../src/index.js';
import { vnToday } from '../../../test/fixtures/appointments.js';
import vi from '../src/locales/vi.js';
import en from '../src/locales/en.js';
import { startMocks, worker, http, HttpResponse, delay, MOCK_API } from '../../../test/mocks/browser.js';
import { pressWhilePending } from '../../../test/helpers/index.js';
import { resetSurveyMocks, surveyMockResponseCount } from '../../../test/mocks/handlers/surveys.js';
import {
  SURVEY_DOSSIERS,
  eligibilityFor,
  emptySurveyResults,
  receiptFor,
  shortSurveyDefinition,
  surveyDefinition,
  surveyDefinitions,
  surveyResults,
} from '../../../test/fixtures/surveys.js';


/** waitUntil with a 5 s default: the machines running these tests are shared and often busy. */
const waitUntil = (...[predicate, message, options]: Parameters<typeof waitUntilBase>) =>
  waitUntilBase(predicate, message, { timeout: 5000, ...options });

const RESPONSES = `${MOCK_API}/v1/surveys/:surveyId/responses`;

const root = (el: HTMLElement) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: HTMLElement, sel: string) => root(el).querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: HTMLElement, sel: string) => [...root(el).querySelectorAll<T>(sel)];
const text = (el: HTMLElement) => root(el).textContent!.replace(/\s+/g, ' ');
const heading = (el: HTMLElement) => $(el, '#step-heading')?.textContent?.trim() ?? '';

async function mount(template = html`<dvc-satisfaction-survey api-base=${MOCK_API}></dvc-satisfaction-survey>`) {
  const el = await fixture<DvcSatisfactionSurvey>(template);
  await waitUntil(() => $(el, '#code') || $(el, 'fieldset.criterion') || $(el, '#load-error') || $(el, 'dialog') || $(el, '#results-heading'), 'never rendered');
  return el;
}

function typeInto(input: HTMLInputElement | HTMLTextAreaElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

async function enterCode(el: DvcSatisfactionSurvey, code: string) {
  typeInto($<HTMLInputElement>(el, '#code')!, code);
  await el.updateComplete;
  $<HTMLButtonElement>(el, 'form button[type=submit]')!.click();
}

async function toQuestions(el: DvcSatisfactionSurvey, code: string = SURVEY_DOSSIERS.eligible) {
  await enterCode(el, code);
  await waitUntil(() => $(el, 'fieldset.criterion'), 'questions never shown');
}

async function answerAll(el: DvcSatisfactionSurvey, index = 0) {
  for (const fs of $$(el, 'fieldset.criterion')) fs.querySelectorAll<HTMLInputElement>('input[type=radio]')[index]!.click();
  await el.updateComplete;
}

async function toReview(el: DvcSatisfactionSurvey) {
  await toQuestions(el);
  await answerAll(el);
  $<HTMLButtonElement>(el, 'form button[type=submit]')!.click();
  await waitUntil(() => heading(el) === vi.review.heading, 'review never shown');
}

function clickSubmit(el: DvcSatisfactionSurvey) {
  $<HTMLButtonElement>(el, 'button[part=submit]')!.click();
}

function setOnline(online: boolean) {
  if (online) delete (navigator as { onLine?: boolean }).onLine;
  else Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
}

describe('dvc-satisfaction-survey', () => {
  before(() => startMocks());
  afterEach(async () => {
    setOnline(true);
    worker.resetHandlers();
    resetSurveyMocks();
    localStorage.clear();
    await getOutbox().clear();
  });

  describe('fixtures and locales', () => {
    it('fixtures match the contract', () => {
      for (const d of surveyDefinitions) expect(() => z.parse(SurveyDefinition, d)).not.to.throw();
      for (const code of Object.values(SURVEY_DOSSIERS)) z.parse(SurveyEligibility, eligibilityFor(code));
      z.parse(SurveyReceipt, receiptFor(SURVEY_DOSSIERS.eligible));
      z.parse(SurveyResults, surveyResults);
      z.parse(SurveyResults, emptySurveyResults);
      expect(surveyDefinition.criteria).to.have.length(9);
    });

    it('en has exactly the keys of vi', () => {
      const keys = (o: object, p = ''): string[] =>
        Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${p}${k}.`) : [`${p}${k}`]));
      expect(keys(en).sort()).to.deep.equal(keys(vi).sort());
    });

    it('computes preset periods in Vietnamese days', () => {
      expect(periodRange('last30', '2026-03-22')).to.deep.equal({ from: '2026-02-21', to: '2026-03-22' });
      expect(periodRange('quarter', '2026-05-31')).to.deep.equal({ from: '2026-04-01', to: '2026-05-31' });
      expect(periodRange('year', '2026-03-22')).to.deep.equal({ from: '2025-03-23', to: '2026-03-22' });
      expect(periodRange('year', '2024-02-29')).to.deep.equal({ from: '2023-03-01', to: '2024-02-29' });
      // 23:30 UTC on 31/12 is already 1 January in Hanoi.
    });
  });

  describe('dossier code step', () => {
    it('renders an accessible first step', async () => {
      const el = await mount();
      expect(heading(el)).to.equal(vi.code.heading);
      expect($(el, 'label[for=code]')!.textContent).to.contain(vi.code.label);
      expect(text(el)).to.contain('Thông tư 01/2018/TT-VPCP');
      await expect(el).to.be.accessible();
    });

    it('shows a translated inline error for a malformed code and keeps what was typed', async () => {
      const el = await mount();
      await enterCode(el, 'ABC 123');
      await waitUntil(() => $(el, '#code-error'));
      const input = $<HTMLInputElement>(el, '#code')!;
      expect($(el, '#code-error')!.textContent).to.equal(vi.code.invalid);
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.getAttribute('aria-describedby')).to.contain('code-error');
      expect(input.value).to.equal('ABC123');
      expect(root(el).activeElement).to.equal(input);
      await expect(el).to.be.accessible();
    });

    it('asks for a code when the field is empty', async () => {
      const el = await mount();
      await enterCode(el, '  ');
      await waitUntil(() => $(el, '#code-error'));
      expect($(el, '#code-error')!.textContent).to.equal(vi.code.required);
    });

    for (const [reason, code] of [
      ['not_found', SURVEY_DOSSIERS.notFound],
      ['not_returned', SURVEY_DOSSIERS.notReturned],
      ['already_rated', SURVEY_DOSSIERS.alreadyRated],
    ] as const) {
      it(`explains a dossier that cannot be rated (${reason})`, async () => {
        const el = await mount();
        await enterCode(el, code.toLowerCase());
        await waitUntil(() => $(el, '#code-error'));
        expect($(el, '#code-error')!.textContent).to.equal(vi.code.reason[reason].replace('{{code}}', code));
        expect(heading(el)).to.equal(vi.code.heading);
        await expect(el).to.be.accessible();
      });
    }

    it('cleans up a pasted code (spaces, en dash, lower case)', async () => {
      const el = await mount();
      await toQuestions(el, ' 000.00.01.h29 – 260310 – 0420 ');
      expect(text(el)).to.contain(`Hồ sơ ${SURVEY_DOSSIERS.eligible}`);
    });

    it('offline: says so and offers a retry that works once back online', async () => {
      const el = await mount();
      setOnline(false);
      await enterCode(el, SURVEY_DOSSIERS.eligible);
      await waitUntil(() => $(el, '#check-error'));
      expect($(el, '#check-error')!.textContent).to.contain('Không có kết nối mạng');
      expect($(el, 'form button[type=submit]')!.textContent!.trim()).to.equal('Thử lại');
      expect($<HTMLInputElement>(el, '#code')!.value).to.equal(SURVEY_DOSSIERS.eligible);
      await expect(el).to.be.accessible();
      setOnline(true);
      $<HTMLButtonElement>(el, 'form button[type=submit]')!.click();
      await waitUntil(() => $(el, 'fieldset.criterion'));
    });

    it('rate limited: shows a countdown and disables the button', async () => {
      worker.use(
        http.get(`${MOCK_API}/v1/surveys/:id/eligibility/:code`, () =>
          HttpResponse.json({ error: { code: 'rate_limited', message: 'slow down' } }, { status: 429, headers: { 'Retry-After': '40' } }),
        ),
      );
      const el = await mount();
      await enterCode(el, SURVEY_DOSSIERS.eligible);
      await waitUntil(() => $(el, '#check-error'));
      expect($(el, '#check-error')!.textContent).to.match(/thử lại sau (40|39) giây/);
      expect($<HTMLButtonElement>(el, 'form button[type=submit]')!.disabled).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('malformed eligibility answer: explains and keeps the code', async () => {
      worker.use(http.get(`${MOCK_API}/v1/surveys/:id/eligibility/:code`, () => HttpResponse.json({ eligible: 'yes' })));
      const el = await mount();
      await enterCode(el, SURVEY_DOSSIERS.eligible);
      await waitUntil(() => $(el, '#check-error'));
      expect($(el, '#check-error')!.textContent).to.contain('dữ liệu không hợp lệ');
      expect($<HTMLInputElement>(el, '#code')!.value).to.equal(SURVEY_DOSSIERS.eligible);
      await expect(el).to.be.accessible();
    });

    it('loading states are announced and accessible; the pressed "Tiếp tục" keeps focus and is inert meanwhile', async () => {
      let checks = 0;
      worker.use(
        http.get(`${MOCK_API}/v1/surveys/:id/eligibility/:code`, async () => {
          checks += 1;
          await delay(60_000);
          return HttpResponse.json(eligibilityFor(SURVEY_DOSSIERS.eligible));
        }),
      );
      const el = await mount();
      typeInto($<HTMLInputElement>(el, '#code')!, SURVEY_DOSSIERS.eligible);
      await el.updateComplete;
      await pressWhilePending(el, $<HTMLButtonElement>(el, 'form button[type=submit]')!);
      await waitUntil(() => $(el, '.loading'));
      expect($(el, '.loading')!.getAttribute('role')).to.equal('status');
      expect($(el, '.loading')!.textContent).to.contain(vi.code.checking);
      expect(checks).to.equal(1, 'pressed again while checking: no second request');
      await expect(el).to.be.accessible();
    });

    it('survey definition fails to load: error with a working retry', async () => {
      let calls = 0;
      worker.use(
        http.get(`${MOCK_API}/v1/surveys/:id`, () => {
          calls += 1;
          return calls <= 3
            ? HttpResponse.json({ error: { code: 'internal', message: 'boom' } }, { status: 500 })
            : HttpResponse.json(surveyDefinition);
        }),
      );
      const el = await mount(html`<dvc-satisfaction-survey api-base=${MOCK_API} survey="khac"></dvc-satisfaction-survey>`);
      await waitUntil(() => $(el, '#load-error'), 'no load error', { timeout: 8000 });
      expect(text(el)).to.contain(vi.load.surveyError);
      await expect(el).to.be.accessible();
      $<HTMLButtonElement>(el, '#load-error button')!.click();
      await waitUntil(() => $(el, '#code'));
    });
  });

  describe('questions', () => {
    it('shows each criterion as a fieldset of native radios with the 3-level scale', async () => {
      const el = await mount();
      await toQuestions(el);
      const groups = $$(el, 'fieldset.criterion');
      expect(groups).to.have.length(surveyDefinition.criteria.length);
      for (const fs of groups) {
        expect(fs.querySelector('legend')!.textContent!.trim()).to.not.equal('');
        const labels = [...fs.querySelectorAll('label.choice')].map((l) => l.textContent!.trim());
        expect(labels).to.deep.equal(['Rất hài lòng', 'Hài lòng', 'Không hài lòng']);
        expect(fs.querySelectorAll('input[type=radio]')).to.have.length(3);
      }
      expect(root(el).activeElement).to.equal($(el, '#step-heading'));
      expect(text(el)).to.contain('Đăng ký khai sinh — UBND phường Ba Đình');
      await expect(el).to.be.accessible();
    });

    it('validates required answers with an error summary that links to each group', async () => {
      const el = await mount();
      await toQuestions(el);
      $$<HTMLInputElement>(el, '#q-processing_time input')[1]!.click();
      typeInto($<HTMLTextAreaElement>(el, '#comment')!, 'Cán bộ nhiệt tình');
      $<HTMLButtonElement>(el, 'form button[type=submit]')!.click();
      await waitUntil(() => $(el, '.error-summary'));
      const summary = $(el, '.error-summary')!;
      expect(root(el).activeElement).to.equal(summary);
      const required = surveyDefinition.criteria.filter((c) => c.required).length;
      const links = [...summary.querySelectorAll('a')];
      expect(links).to.have.length(required - 1);
      expect(links[0]!.textContent).to.contain('Thời gian thực hiện của từng cơ quan');
      expect($(el, '#q-unit_time')!.hasAttribute('data-invalid')).to.equal(true);
      expect($(el, '#q-unit_time')!.getAttribute('aria-describedby')).to.contain('q-unit_time-error');
      expect($(el, '#q-processing_time')!.hasAttribute('data-invalid')).to.equal(false);
      expect($(el, '#q-online_service')!.hasAttribute('data-invalid')).to.equal(false); // optional
      await expect(el).to.be.accessible();

      links[0]!.click();
      expect(root(el).activeElement).to.equal($(el, '#q-unit_time-0'));
      // Nothing typed or chosen was lost.
      expect($$<HTMLInputElement>(el, '#q-processing_time input')[1]!.checked).to.equal(true);
      expect($<HTMLTextAreaElement>(el, '#comment')!.value).to.equal('Cán bộ nhiệt tình');

      await answerAll(el, 2);
      expect($(el, '.error-summary')).to.equal(null);
    });

    const MAX = surveyDefinition.commentMaxLength;

    it('counts comment characters, flags an over-long comment and keeps the text', async () => {
      const el = await mount();
      await toQuestions(el);
      const textarea = $<HTMLTextAreaElement>(el, '#comment')!;
      typeInto(textarea, 'Tốt');
      await el.updateComplete;
      expect($(el, '#comment-count')!.textContent!.trim()).to.equal(`Còn ${MAX - 3} ký tự`);
      // Decomposed input (macOS) counts as the citizen sees it.
      typeInto(textarea, 'Tốt'.normalize('NFD'));
      await el.updateComplete;
      expect($(el, '#comment-count')!.textContent!.trim()).to.equal(`Còn ${MAX - 3} ký tự`);
      const long = 'a'.repeat(MAX + 5);
      typeInto(textarea, long);
      await el.updateComplete;
      expect($(el, '#comment-count')!.textContent!.trim()).to.equal('Vượt quá 5 ký tự');
      await answerAll(el);
      $<HTMLButtonElement>(el, 'form button[type=submit]')!.click();
      await waitUntil(() => $(el, '#comment-error'));
      expect(textarea.getAttribute('aria-invalid')).to.equal('true');
      expect($<HTMLTextAreaElement>(el, '#comment')!.value).to.equal(long);
      await expect(el).to.be.accessible();
    });

    it('announces the remaining characters politely near the limit', async () => {
      const el = await mount();
      await toQuestions(el);
      typeInto($<HTMLTextAreaElement>(el, '#comment')!, 'b'.repeat(MAX - 50));
      await waitUntil(() => $(el, '.dvc-root > [role=status]')!.textContent!.includes('Còn 50 ký tự'), 'not announced', {
        timeout: 3000,
      });
      expect($(el, '.dvc-root > [role=status]')!.getAttribute('aria-live')).to.equal('polite');
    });

    it('saves the draft as the citizen answers and restores it on return', async () => {
      const el = await mount();
      await toQuestions(el);
      $$<HTMLInputElement>(el, '#q-attitude input')[0]!.click();
      typeInto($<HTMLTextAreaElement>(el, '#comment')!, 'Nhanh gọn');
      el.remove();

      const again = await mount();
      // The last dossier code is prefilled…
      expect($<HTMLInputElement>(again, '#code')!.value).to.equal(SURVEY_DOSSIERS.eligible);
      $<HTMLButtonElement>(again, 'form button[type=submit]')!.click();
      await waitUntil(() => $(again, 'fieldset.criterion'));
      // …and its answers come back.
      expect($$<HTMLInputElement>(again, '#q-attitude input')[0]!.checked).to.equal(true);
      expect($<HTMLTextAreaElement>(again, '#comment')!.value).to.equal('Nhanh gọn');
      expect(text(again)).to.contain(vi.code.draftRestored);
    });
  });

  describe('review and submit', () => {
    it('reviews, submits, thanks with a reference and fires dvc-survey-submitted', async () => {
      const el = await mount();
      await toReview(el);
      expect(text(el)).to.contain('Rất hài lòng');
      expect(text(el)).to.contain(vi.review.noComment);
      await expect(el).to.be.accessible();
      const submitted = oneEvent(el, 'dvc-survey-submitted') as Promise<DvcSurveySubmittedEvent>;
      clickSubmit(el);
      const event = await submitted;
      expect(event.detail).to.deep.equal({ reference: 'DG-260322-0001', dossierCode: SURVEY_DOSSIERS.eligible });
      expect(event.bubbles && event.composed).to.equal(true);
      await waitUntil(() => heading(el) === vi.done.heading);
      expect($(el, '[part=reference]')!.textContent).to.equal('DG-260322-0001');
      expect(root(el).activeElement).to.equal($(el, '#step-heading'));
      expect(surveyMockResponseCount()).to.equal(1);
      // The draft is gone once sent.
      expect(Object.keys(localStorage).filter((k) => k.includes('satisfaction-survey'))).to.deep.equal([]);
      await expect(el).to.be.accessible();
    });

    it('"Gửi đánh giá" keeps focus while a slow submission runs, and a second press sends nothing', async () => {
      let posts = 0;
      worker.use(
        http.post(RESPONSES, async () => {
          posts += 1;
          await delay(1500);
          return HttpResponse.json(receiptFor(SURVEY_DOSSIERS.eligible, 'mot-cua', 1), { status: 201 });
        }),
      );
      const el = await mount();
      await toReview(el);
      await pressWhilePending(el, $<HTMLButtonElement>(el, 'button[part=submit]')!);
      expect($(el, '.loading'), 'the sending state').to.not.equal(null);
      await expect(el).to.be.accessible();
      await waitUntil(() => heading(el) === vi.done.heading, 'not sent', { timeout: 5000 });
      expect(posts).to.equal(1);
      expect(root(el).activeElement).to.equal($(el, '#step-heading'));
    });

    it('sends only the answers given, with the comment in NFC', async () => {
      let body: unknown;
      let key: string | null = null;
      worker.use(
        http.post(RESPONSES, async ({ request }) => {
          body = await request.json();
          key = request.headers.get('Idempotency-Key');
          return HttpResponse.json(receiptFor(SURVEY_DOSSIERS.eligible), { status: 201 });
        }),
      );
      const el = await mount(html`<dvc-satisfaction-survey api-base=${MOCK_API} survey="mot-cua-ngan"></dvc-satisfaction-survey>`);
      await toQuestions(el);
      await answerAll(el, 1);
      typeInto($<HTMLTextAreaElement>(el, '#comment')!, '  Hoà nhã '.normalize('NFD'));
      $<HTMLButtonElement>(el, 'form button[type=submit]')!.click();
      await waitUntil(() => heading(el) === vi.review.heading);
      clickSubmit(el);
      await waitUntil(() => heading(el) === vi.done.heading);
      expect(body).to.deep.equal({
        dossierCode: SURVEY_DOSSIERS.eligible,
        answers: shortSurveyDefinition.criteria.map((c) => ({ criterion: c.id, rating: 'satisfied' })),
        comment: 'Hoà nhã',
      });
      expect(key).to.match(/^[0-9a-f-]{36}$/);
    });

    it('a second rating of the same dossier gets a friendly explanation (409)', async () => {
      worker.use(
        http.post(RESPONSES, () =>
          HttpResponse.json({ error: { code: 'conflict', message: 'already rated' } }, { status: 409 }),
        ),
      );
      const el = await mount();
      await toReview(el);
      clickSubmit(el);
      await waitUntil(() => heading(el) === vi.conflict.heading);
      expect(text(el)).to.contain('chỉ được đánh giá một lần');
      expect(text(el)).to.contain(SURVEY_DOSSIERS.eligible);
      await expect(el).to.be.accessible();
      // A way forward: rate another dossier.
      $<HTMLButtonElement>(el, '.actions button')!.click();
      await waitUntil(() => heading(el) === vi.code.heading);
    });

    it('422: explains, keeps the answers and lets the citizen go back', async () => {
      worker.use(
        http.post(RESPONSES, () =>
          HttpResponse.json({ error: { code: 'unprocessable', message: 'no' } }, { status: 422 }),
        ),
      );
      const el = await mount();
      await toReview(el);
      clickSubmit(el);
      await waitUntil(() => $(el, '#submit-error'));
      expect($(el, '#submit-error')!.textContent).to.contain(vi.submitError.unprocessable);
      expect($(el, '#submit-error')!.textContent).to.contain(vi.submitError.keep);
      expect(root(el).activeElement).to.equal($(el, '#submit-error'));
      await expect(el).to.be.accessible();
      $$<HTMLButtonElement>(el, '.actions button')[1]!.click();
      await waitUntil(() => $(el, 'fieldset.criterion'));
      expect($$<HTMLInputElement>(el, '#q-processing_time input')[0]!.checked).to.equal(true);
    });

    it('rate limited on submit: countdown, button disabled, nothing queued', async () => {
      worker.use(
        http.post(RESPONSES, () =>
          HttpResponse.json({ error: { code: 'rate_limited', message: 'wait' } }, { status: 429, headers: { 'Retry-After': '30' } }),
        ),
      );
      const el = await mount();
      await toReview(el);
      clickSubmit(el);
      await waitUntil(() => $(el, '#submit-error'));
      expect($(el, '#submit-error')!.textContent).to.match(/Có thể gửi lại sau (30|29) giây/);
      expect($<HTMLButtonElement>(el, 'button[part=submit]')!.disabled).to.equal(true);
      expect(await getOutbox().list()).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('malformed receipt: explains and retries with the same Idempotency-Key', async () => {
      const keys: Array<string | null> = [];
      let calls = 0;
      worker.use(
        http.post(RESPONSES, ({ request }) => {
          keys.push(request.headers.get('Idempotency-Key'));
          calls += 1;
          return calls === 1
            ? HttpResponse.json({ ok: true }, { status: 201 })
            : HttpResponse.json(receiptFor(SURVEY_DOSSIERS.eligible), { status: 201 });
        }),
      );
      const el = await mount();
      await toReview(el);
      clickSubmit(el);
      await waitUntil(() => $(el, '#submit-error'));
      expect($(el, '#submit-error')!.textContent).to.contain('dữ liệu không hợp lệ');
      clickSubmit(el);
      await waitUntil(() => heading(el) === vi.done.heading);
      expect(keys).to.have.length(2);
      expect(keys[0]).to.equal(keys[1]);
    });
  });

  describe('offline and the outbox', () => {
    it('offline: queues the rating, says it will be sent, then delivers it exactly once', async () => {
      const el = await mount();
      await toReview(el);
      setOnline(false);
      const queued = oneEvent(el, 'dvc-survey-queued') as Promise<DvcSurveyQueuedEvent>;
      clickSubmit(el);
      const q = await queued;
      expect(q.detail.dossierCode).to.equal(SURVEY_DOSSIERS.eligible);
      await waitUntil(() => heading(el) === vi.queued.heading);
      expect(text(el)).to.contain('sẽ tự động gửi khi có mạng');
      expect(text(el)).to.contain('Có 1 đánh giá đang chờ gửi');
      const items = await getOutbox().list();
      expect(items).to.have.length(1);
      expect(items[0]!.idempotencyKey).to.equal(q.detail.idempotencyKey);
      await expect(el).to.be.accessible();

      const submitted = oneEvent(el, 'dvc-survey-submitted') as Promise<DvcSurveySubmittedEvent>;
      setOnline(true);
      window.dispatchEvent(new Event('online'));
      const s = await submitted;
      expect(s.detail.dossierCode).to.equal(SURVEY_DOSSIERS.eligible);
      await waitUntil(() => heading(el) === vi.done.heading);
      expect(text(el)).to.contain('đã được gửi thành công');
      await waitUntil(() => $(el, '.dvc-root > [role=status]')!.textContent!.includes(s.detail.reference));
      expect(await getOutbox().list()).to.have.length(0);
      expect(surveyMockResponseCount()).to.equal(1);
      await expect(el).to.be.accessible();
    });

    it('server error: queues, and a later delivery reuses the Idempotency-Key', async () => {
      const keys: Array<string | null> = [];
      worker.use(
        http.post(RESPONSES, ({ request }) => {
          keys.push(request.headers.get('Idempotency-Key'));
          return HttpResponse.json({ error: { code: 'internal', message: 'down' } }, { status: 500 });
        }),
      );
      const el = await mount();
      await toReview(el);
      clickSubmit(el);
      await waitUntil(() => heading(el) === vi.queued.heading, 'not queued', { timeout: 8000 });
      worker.resetHandlers();
      const submitted = oneEvent(el, 'dvc-survey-submitted');
      $<HTMLButtonElement>(el, 'button[part=submit]')!.click(); // "Gửi ngay"
      await submitted;
      await waitUntil(() => heading(el) === vi.done.heading);
      expect(new Set(keys).size).to.equal(1);
      expect(surveyMockResponseCount()).to.equal(1);
    });

    it('network failure: queues the rating', async () => {
      worker.use(http.post(RESPONSES, () => HttpResponse.error()));
      const el = await mount();
      await toReview(el);
      clickSubmit(el);
      await waitUntil(() => heading(el) === vi.queued.heading, 'not queued', { timeout: 8000 });
      expect(await getOutbox().list()).to.have.length(1);
    });

    it('a rating queued before a reload is announced by the new element when delivered', async () => {
      const first = await mount();
      await toReview(first);
      setOnline(false);
      clickSubmit(first);
      await waitUntil(() => heading(first) === vi.queued.heading);
      first.remove();

      const el = await mount();
      expect(text(el)).to.contain('Có 1 đánh giá đang chờ gửi');
      const submitted = oneEvent(el, 'dvc-survey-submitted') as Promise<DvcSurveySubmittedEvent>;
      setOnline(true);
      window.dispatchEvent(new Event('online'));
      const s = await submitted;
      expect(s.detail.dossierCode).to.equal(SURVEY_DOSSIERS.eligible);
      await waitUntil(() => $(el, '.dvc-root > [role=status]')!.textContent!.includes(s.detail.reference));
      expect(surveyMockResponseCount()).to.equal(1);
    });

    it('a queued rating refused later as already rated shows the 409 explanation', async () => {
      const el = await mount();
      await toReview(el);
      setOnline(false);
      clickSubmit(el);
      await waitUntil(() => heading(el) === vi.queued.heading);
      worker.use(
        http.post(RESPONSES, () => HttpResponse.json({ error: { code: 'conflict', message: 'dup' } }, { status: 409 })),
      );
      setOnline(true);
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => heading(el) === vi.conflict.heading);
      expect(await getOutbox().list()).to.have.length(0);
    });
  });

  describe('rate requests from a tracker', () => {
    it('takes dvc-rate-request (preventDefault), prefills the dossier and moves focus to the questions', async () => {
      const el = await mount();
      const event = new DvcRateRequestEvent({ dossierCode: SURVEY_DOSSIERS.eligible2 });
      document.body.dispatchEvent(event);
      expect(event.defaultPrevented).to.equal(true);
      await waitUntil(() => $(el, 'fieldset.criterion'));
      expect(text(el)).to.contain(SURVEY_DOSSIERS.eligible2);
      await waitUntil(() => root(el).activeElement === $(el, '#step-heading'));
    });

    it('a results view does not take it', async () => {
      await mount(html`<dvc-satisfaction-survey api-base=${MOCK_API} view="results"></dvc-satisfaction-survey>`);
      const event = new DvcRateRequestEvent({ dossierCode: SURVEY_DOSSIERS.eligible2 });
      document.body.dispatchEvent(event);
      expect(event.defaultPrevented).to.equal(false);
    });

    it('the dossier attribute prefills and checks the code', async () => {
      const el = await mount(
        html`<dvc-satisfaction-survey api-base=${MOCK_API} dossier=${SURVEY_DOSSIERS.eligible3}></dvc-satisfaction-survey>`,
      );
      await waitUntil(() => $(el, 'fieldset.criterion'));
      expect(text(el)).to.contain(SURVEY_DOSSIERS.eligible3);
    });
  });

  describe('button mode (modal dialog)', () => {
    it('opens a native modal dialog, Escape closes it and focus returns to the button', async () => {
      const el = await mount(html`<dvc-satisfaction-survey api-base=${MOCK_API} mode="button"></dvc-satisfaction-survey>`);
      const button = $<HTMLButtonElement>(el, '[part=open-button]')!;
      expect(button.getAttribute('aria-haspopup')).to.equal('dialog');
      await expect(el).to.be.accessible();
      button.focus();
      await sendKeys({ press: 'Enter' });
      const dialog = $<HTMLDialogElement>(el, 'dialog')!;
      await waitUntil(() => dialog.open && $(el, '#code'));
      expect(dialog.matches(':modal')).to.equal(true);
      await waitUntil(() => root(el).activeElement === $(el, '#code'), 'focus not in the dialog');
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !dialog.open, 'dialog still open', { timeout: 5000 });
      expect(root(el).activeElement).to.equal(button);
    });

    it('keeps focus inside the modal: the page behind is inert', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div>
          <button id="outside-before">Trước</button>
          <dvc-satisfaction-survey api-base=${MOCK_API} mode="button"></dvc-satisfaction-survey>
          <a id="outside-after" href="#x">Sau</a>
        </div>`,
      );
      const el = wrapper.querySelector('dvc-satisfaction-survey')!;
      await waitUntil(() => $(el, '[part=open-button]'));
      el.show();
      await waitUntil(() => root(el).activeElement === $(el, '#code'), 'focus not in the dialog');
      const dialog = $<HTMLDialogElement>(el, 'dialog')!;
      for (let i = 0; i < 8; i++) {
        await sendKeys({ press: 'Tab' });
        const active = document.activeElement;
        expect(active?.id).to.not.equal('outside-before');
        expect(active?.id).to.not.equal('outside-after');
        const inner = root(el).activeElement;
        if (active === el) expect(dialog.contains(inner)).to.equal(true);
      }
      el.close();
      await waitUntil(() => !dialog.open);
      // Tabbing past the dialog's last field may take focus out to the browser (Firefox): Tab
      // again until the page has it back, or the next tests' key presses go nowhere.
      for (let i = 0; i < 8 && !document.hasFocus(); i++) await sendKeys({ press: 'Tab' });
      expect(document.hasFocus()).to.equal(true);
    });

    it('opened before the survey has loaded, focus moves to the code field when it arrives', async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      worker.use(
        http.get(`${MOCK_API}/v1/surveys/:id`, async () => {
          await gate;
          return HttpResponse.json(surveyDefinition);
        }),
      );
      const el = await mount(html`<dvc-satisfaction-survey api-base=${MOCK_API} mode="button" survey="cham"></dvc-satisfaction-survey>`);
      el.show();
      await waitUntil(() => $<HTMLDialogElement>(el, 'dialog')!.open && $(el, '.loading'));
      await expect(el).to.be.accessible();
      release();
      await waitUntil(() => root(el).activeElement === $(el, '#code'), 'focus did not follow the survey');
      el.close();
    });

    it('the close button closes the dialog and keeps what was typed', async () => {
      const el = await mount(html`<dvc-satisfaction-survey api-base=${MOCK_API} mode="button"></dvc-satisfaction-survey>`);
      el.show();
      await waitUntil(() => $(el, '#code'));
      typeInto($<HTMLInputElement>(el, '#code')!, '000.00.01');
      $<HTMLButtonElement>(el, 'dialog .close')!.click();
      await waitUntil(() => !$<HTMLDialogElement>(el, 'dialog')!.open);
      el.show();
      await waitUntil(() => $(el, '#code'));
      expect($<HTMLInputElement>(el, '#code')!.value).to.equal('000.00.01');
    });

    it('a rate request opens the dialog with the dossier prefilled', async () => {
      const el = await mount(html`<dvc-satisfaction-survey api-base=${MOCK_API} mode="button"></dvc-satisfaction-survey>`);
      const event = new DvcRateRequestEvent({ dossierCode: SURVEY_DOSSIERS.eligible });
      document.dispatchEvent(event);
      expect(event.defaultPrevented).to.equal(true);
      await waitUntil(() => $<HTMLDialogElement>(el, 'dialog')!.open && $(el, 'fieldset.criterion'));
      await waitUntil(() => root(el).activeElement === $(el, '#step-heading'));
      expect($<HTMLDialogElement>(el, 'dialog')!.contains($(el, '#step-heading'))).to.equal(true);
      await expect(el).to.be.accessible();
      el.close();
    });
  });

  describe('keyboard only', () => {
    it('code, radios with arrows, Tab between groups, review and submit', async () => {
      const el = await mount(html`<dvc-satisfaction-survey api-base=${MOCK_API} survey="mot-cua-ngan"></dvc-satisfaction-survey>`);
      const submitted = oneEvent(el, 'dvc-survey-submitted');
      await sendKeys({ press: 'Tab' });
      expect(root(el).activeElement).to.equal($(el, '#code'));
      await sendKeys({ type: SURVEY_DOSSIERS.eligible });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => $(el, 'fieldset.criterion'));
      await waitUntil(() => root(el).activeElement === $(el, '#step-heading'));
      await sendKeys({ press: 'Tab' }); // first radio of the first group
      expect(root(el).activeElement).to.equal($(el, '#q-processing_time-0'));
      await sendKeys({ press: 'ArrowDown' }); // native radios: arrows move and select
      expect($<HTMLInputElement>(el, '#q-processing_time-1')!.checked).to.equal(true);
      await sendKeys({ press: 'Tab' }); // next group
      expect(root(el).activeElement).to.equal($(el, '#q-attitude-0'));
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowUp' });
      expect($<HTMLInputElement>(el, '#q-attitude-0')!.checked).to.equal(true);
      await sendKeys({ press: 'Tab' }); // comment
      expect(root(el).activeElement).to.equal($(el, '#comment'));
      await sendKeys({ type: 'Tot' });
      await sendKeys({ press: 'Tab' }); // "review" button
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => heading(el) === vi.review.heading);
      expect(text(el)).to.contain('Hài lòng');
      await sendKeys({ press: 'Tab' }); // from the heading to "send"
      expect(root(el).activeElement).to.equal($(el, 'button[part=submit]'));
      await sendKeys({ press: 'Enter' });
      await submitted;
      await waitUntil(() => heading(el) === vi.done.heading);
    });

    it('error summary links are reachable and move focus to the group', async () => {
      const el = await mount(html`<dvc-satisfaction-survey api-base=${MOCK_API} survey="mot-cua-ngan"></dvc-satisfaction-survey>`);
      await toQuestions(el);
      $<HTMLButtonElement>(el, 'form button[type=submit]')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => root(el).activeElement === $(el, '.error-summary'));
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Enter' });
      expect(root(el).activeElement).to.equal($(el, '#q-processing_time-0'));
    });
  });

  describe('results view', () => {
    it('shows the overall share, an accessible chart and the same figures in a table', async () => {
      const el = await mount(
        html`<dvc-satisfaction-survey api-base=${MOCK_API} view="results" agency="000.00.01.H29"></dvc-satisfaction-survey>`,
      );
      await waitUntil(() => $(el, 'table'));
      const svg = $(el, 'svg[role=img]')!;
      const title = root(el).getElementById(svg.getAttribute('aria-labelledby')!)!;
      const desc = root(el).getElementById(svg.getAttribute('aria-describedby')!)!;
      expect(title.textContent).to.contain('Tỷ lệ hài lòng theo tiêu chí');
      expect(desc.textContent).to.contain('Thái độ của cán bộ, công chức');
      // Text labels on the bars, not colour alone.
      const values = [...svg.querySelectorAll('text.value')].map((t) => t.textContent);
      expect(values).to.have.length(surveyDefinition.criteria.length + 1);
      expect(values.every((v) => /%/.test(v!))).to.equal(true);
      const rows = $$(el, 'tbody tr');
      expect(rows).to.have.length(surveyDefinition.criteria.length);
      expect(rows[0]!.querySelector('th')!.getAttribute('scope')).to.equal('row');
      expect(text(el)).to.contain('Tỷ lệ hài lòng chung');
      expect($(el, '.overall strong')!.textContent).to.match(/^\d+(,\d)?\s?%$/);
      await expect(el).to.be.accessible();
    });

    it('asks the API for the chosen period and the agency', async () => {
      const urls: URL[] = [];
      worker.use(
        http.get(`${MOCK_API}/v1/surveys/:id/results`, ({ request }) => {
          const url = new URL(request.url);
          urls.push(url);
          return HttpResponse.json(surveyResults);
        }),
      );
      const el = await mount(
        html`<dvc-satisfaction-survey api-base=${MOCK_API} view="results" agency="000.00.01.H29"></dvc-satisfaction-survey>`,
      );
      await waitUntil(() => urls.length === 1 && $(el, 'table'));
      const today = vnToday();
      expect(urls[0]!.searchParams.get('agency')).to.equal('000.00.01.H29');
      expect(urls[0]!.searchParams.get('from')).to.equal(periodRange('last30', today).from);
      $<HTMLInputElement>(el, 'input[name=period][value=year]')!.click();
      await waitUntil(() => urls.length === 2);
      expect(urls[1]!.searchParams.get('from')).to.equal(periodRange('year', today).from);
      $<HTMLInputElement>(el, 'input[name=period][value=quarter]')!.click();
      await waitUntil(() => urls.length === 3);
      expect(urls[2]!.searchParams.get('from')).to.equal(periodRange('quarter', today).from);
      await waitUntil(() => $(el, '.dvc-root > [role=status]')!.textContent!.includes('Đã cập nhật kết quả'));
    });

    it('custom period: validates the dates and then loads them', async () => {
      const urls: URL[] = [];
      worker.use(
        http.get(`${MOCK_API}/v1/surveys/:id/results`, ({ request }) => {
          urls.push(new URL(request.url));
          return HttpResponse.json(surveyResults);
        }),
      );
      const el = await mount(html`<dvc-satisfaction-survey api-base=${MOCK_API} view="results"></dvc-satisfaction-survey>`);
      await waitUntil(() => $(el, 'table'));
      $<HTMLInputElement>(el, 'input[name=period][value=custom]')!.click();
      await el.updateComplete;
      typeInto($<HTMLInputElement>(el, '#custom-from')!, '2026-03-10');
      typeInto($<HTMLInputElement>(el, '#custom-to')!, '2026-03-01');
      await el.updateComplete;
      $<HTMLButtonElement>(el, 'form.custom button')!.click();
      await waitUntil(() => $(el, '#custom-error'));
      expect($(el, '#custom-error')!.textContent).to.equal(vi.results.customOrder);
      await expect(el).to.be.accessible();
      const before = urls.length;
      typeInto($<HTMLInputElement>(el, '#custom-to')!, '2026-03-20');
      await el.updateComplete;
      $<HTMLButtonElement>(el, 'form.custom button')!.click();
      await waitUntil(() => urls.length === before + 1);
      expect(urls.at(-1)!.searchParams.get('from')).to.equal('2026-03-10');
      expect(urls.at(-1)!.searchParams.get('to')).to.equal('2026-03-20');
      expect($(el, '#custom-error')).to.equal(null);
    });

    it('empty period: says there are no ratings yet', async () => {
      worker.use(http.get(`${MOCK_API}/v1/surveys/:id/results`, () => HttpResponse.json(emptySurveyResults)));
      const el = await mount(html`<dvc-satisfaction-survey api-base=${MOCK_API} view="results"></dvc-satisfaction-survey>`);
      await waitUntil(() => $(el, '#results-empty'));
      expect($(el, 'svg')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('load error: message and a working retry', async () => {
      let fail = true;
      worker.use(
        http.get(`${MOCK_API}/v1/surveys/:id/results`, () =>
          fail ? HttpResponse.json({ error: { code: 'not_found', message: 'no' } }, { status: 404 }) : HttpResponse.json(surveyResults),
        ),
      );
      const el = await mount(html`<dvc-satisfaction-survey api-base=${MOCK_API} view="results"></dvc-satisfaction-survey>`);
      await waitUntil(() => $(el, '#results-error'));
      expect(text(el)).to.contain(vi.results.error);
      await expect(el).to.be.accessible();
      fail = false;
      $<HTMLButtonElement>(el, '#results-error button')!.click();
      await waitUntil(() => $(el, 'table'));
    });

    it('offline: explains and keeps the period picker usable', async () => {
      setOnline(false);
      const el = await mount(html`<dvc-satisfaction-survey api-base=${MOCK_API} view="results"></dvc-satisfaction-survey>`);
      await waitUntil(() => $(el, '#results-error'));
      expect(text(el)).to.contain('Không có kết nối mạng');
      expect($$(el, 'input[name=period]')).to.have.length(4);
      await expect(el).to.be.accessible();
    });
  });

  describe('language and theme', () => {
    it('renders in English from the nearest lang', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div lang="en"><dvc-satisfaction-survey api-base=${MOCK_API}></dvc-satisfaction-survey></div>`,
      );
      const el = wrapper.querySelector('dvc-satisfaction-survey')!;
      await waitUntil(() => $(el, '#code'));
      expect(heading(el)).to.equal(en.code.heading);
      await toQuestions(el);
      expect($$(el, 'fieldset.criterion')[0]!.querySelector('legend')!.textContent).to.contain(
        'Total processing time against the legal limit',
      );
      expect($$(el, 'label.choice')[0]!.textContent!.trim()).to.equal('Very satisfied');
      await expect(el).to.be.accessible();
    });

    it('is accessible in the dark theme', async () => {
      const el = await mount(html`<dvc-satisfaction-survey api-base=${MOCK_API} theme="dark"></dvc-satisfaction-survey>`);
      await toQuestions(el);
      await expect(el).to.be.accessible();
      const results = await mount(
        html`<dvc-satisfaction-survey api-base=${MOCK_API} theme="dark" view="results"></dvc-satisfaction-survey>`,
      );
      await waitUntil(() => $(results, 'table'));
      await expect(results).to.be.accessible();
    });
  });
});
