/**
 * <dvc-satisfaction-survey>: one story per step and per state. Steps after the first are reached
 * by a `play` function that drives the widget as a citizen does, against the MSW handlers that
 * serve the same fixtures as the tests. Language and theme come from the toolbar; the "Phone"
 * stories use the 360 px viewport.
 */
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { getOutbox } from '@dvc-widgets/core';
import { MOCK_API } from '../test/mocks/api.js';
import { SURVEY_DOSSIERS, emptySurveyResults, surveyResults } from '../test/fixtures/surveys.js';
import { resetSurveyMocks, surveyHandlers } from '../test/mocks/handlers/surveys.js';
import '../packages/satisfaction-survey/src/satisfaction-survey.js';
import type { DvcSatisfactionSurvey } from '../packages/satisfaction-survey/src/satisfaction-survey.component.js';

interface Args {
  survey: string;
  mode: 'inline' | 'button';
  view: 'form' | 'results';
  dossier: string;
  agency: string;
}

type Story = StoryObj<Args>;

const api = (path: string) => `${MOCK_API}/v1${path}`;
const withHandlers = (...extra: HttpHandler[]) => ({ msw: { handlers: [...extra, ...surveyHandlers] } });
const errorAnswer = (status: number, code: string, headers?: Record<string, string>) =>
  HttpResponse.json({ error: { code, message: code } }, { status, headers });

// ---- driving the widget in play functions

const widget = (canvas: HTMLElement): DvcSatisfactionSurvey => canvas.querySelector('dvc-satisfaction-survey')!;
const q = <T extends Element>(el: DvcSatisfactionSurvey, sel: string) => el.shadowRoot?.querySelector<T>(sel) ?? null;

async function waitFor<T>(get: () => T | null | undefined | false, what: string, timeout = 8000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = get();
    if (value) return value;
    if (Date.now() - start > timeout) throw new Error(`Story: ${what} did not appear`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function click(el: DvcSatisfactionSurvey, sel: string) {
  (await waitFor(() => q<HTMLElement>(el, sel), sel)).click();
  await el.updateComplete;
}

async function type(el: DvcSatisfactionSurvey, sel: string, value: string) {
  const input = await waitFor(() => q<HTMLInputElement | HTMLTextAreaElement>(el, sel), sel);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await el.updateComplete;
}

async function submitCode(el: DvcSatisfactionSurvey, code: string) {
  await type(el, '#code', code);
  await click(el, 'form button[type="submit"]');
}

async function toQuestions(el: DvcSatisfactionSurvey) {
  await submitCode(el, SURVEY_DOSSIERS.eligible);
  await waitFor(() => q(el, 'fieldset.criterion'), 'questions');
}

async function toReview(el: DvcSatisfactionSurvey) {
  await toQuestions(el);
  for (const fs of el.shadowRoot!.querySelectorAll('fieldset.criterion')) {
    fs.querySelector<HTMLInputElement>('input[type="radio"]')!.click();
  }
  await type(el, '#comment', 'Cán bộ hướng dẫn rất tận tình, thủ tục nhanh gọn.');
  await click(el, 'form button[type="submit"]');
  await waitFor(() => q(el, 'dl.answers'), 'review');
}

async function submitted(el: DvcSatisfactionSurvey) {
  await toReview(el);
  await click(el, 'button[part="submit"]');
}

const play =
  (drive: (el: DvcSatisfactionSurvey) => Promise<void>) =>
  async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const el = widget(canvasElement);
    await waitFor(() => q(el, '#code') || q(el, '[part="open-button"]') || q(el, '#results-heading'), 'widget');
    await drive(el);
  };

const meta: Meta<Args> = {
  title: 'Widgets/Satisfaction survey',
  component: 'dvc-satisfaction-survey',
  args: { survey: 'mot-cua', mode: 'inline', view: 'form', dossier: '', agency: '000.00.01.H29' },
  argTypes: {
    survey: { control: 'select', options: ['mot-cua', 'mot-cua-ngan'] },
    mode: { control: 'inline-radio', options: ['inline', 'button'] },
    view: { control: 'inline-radio', options: ['form', 'results'] },
    dossier: { control: 'text' },
    agency: { control: 'text' },
  },
  parameters: { msw: { handlers: surveyHandlers } },
  beforeEach: async () => {
    // Each story starts clean: no rating remembered by the mock, no draft, nothing queued.
    resetSurveyMocks();
    for (const key of Object.keys(localStorage)) if (key.includes('satisfaction-survey')) localStorage.removeItem(key);
    await getOutbox().clear();
  },
  render: (args) => html`<dvc-satisfaction-survey
    api-base=${MOCK_API}
    survey=${args.survey}
    mode=${args.mode}
    view=${args.view}
    dossier=${args.dossier || ''}
    agency=${args.agency}
  ></dvc-satisfaction-survey>`,
};
export default meta;

const phone = { viewport: { value: 'phone', isRotated: false } };

// ---- step 1: dossier code

export const CodeStep: Story = {};
export const CodeStepPhone: Story = { globals: phone };
export const CodeStepDark: Story = { globals: { theme: 'dark' } };
export const CodeStepEnglish: Story = { globals: { locale: 'en' } };

export const Loading: Story = {
  parameters: withHandlers(
    http.get(api('/surveys/:id'), async () => {
      await delay('infinite');
      return HttpResponse.json({});
    }),
  ),
};

export const LoadError: Story = { parameters: withHandlers(http.get(api('/surveys/:id'), () => errorAnswer(500, 'internal'))) };

export const CodeInvalid: Story = { play: play((el) => submitCode(el, '12345')) };
export const CodeNotFound: Story = { play: play((el) => submitCode(el, SURVEY_DOSSIERS.notFound)) };
export const CodeNotReturned: Story = { play: play((el) => submitCode(el, SURVEY_DOSSIERS.notReturned)) };
export const CodeAlreadyRated: Story = { play: play((el) => submitCode(el, SURVEY_DOSSIERS.alreadyRated)) };

export const CheckNetworkError: Story = {
  parameters: withHandlers(http.get(api('/surveys/:id/eligibility/:code'), () => HttpResponse.error())),
  play: play((el) => submitCode(el, SURVEY_DOSSIERS.eligible)),
};

export const CheckRateLimited: Story = {
  parameters: withHandlers(
    http.get(api('/surveys/:id/eligibility/:code'), () => errorAnswer(429, 'rate_limited', { 'Retry-After': '45' })),
  ),
  play: play((el) => submitCode(el, SURVEY_DOSSIERS.eligible)),
};

// ---- step 2: questions

export const Questions: Story = { play: play(toQuestions) };
export const QuestionsPhone: Story = { ...Questions, globals: phone };
export const QuestionsDark: Story = { ...Questions, globals: { theme: 'dark' } };
export const QuestionsEnglish: Story = { ...Questions, globals: { locale: 'en' } };

export const QuestionsWithErrors: Story = {
  play: play(async (el) => {
    await toQuestions(el);
    await type(el, '#comment', 'x'.repeat(510));
    await click(el, 'form button[type="submit"]');
  }),
};
export const QuestionsWithErrorsPhone: Story = { ...QuestionsWithErrors, globals: phone };

export const PrefilledFromTracker: Story = { args: { dossier: SURVEY_DOSSIERS.eligible2 } };

// ---- step 3: review, then the outcomes

export const Review: Story = { play: play(toReview) };
export const ReviewPhone: Story = { ...Review, globals: phone };

export const ThankYou: Story = { play: play(submitted) };
export const ThankYouPhone: Story = { ...ThankYou, globals: phone };
export const ThankYouDark: Story = { ...ThankYou, globals: { theme: 'dark' } };
export const ThankYouEnglish: Story = { ...ThankYou, globals: { locale: 'en' } };

/** The connection failed: the rating waits in the outbox and will be sent later. */
export const OfflineQueued: Story = {
  parameters: withHandlers(http.post(api('/surveys/:id/responses'), () => HttpResponse.error())),
  play: play(submitted),
};
export const OfflineQueuedPhone: Story = { ...OfflineQueued, globals: phone };
export const OfflineQueuedEnglish: Story = { ...OfflineQueued, globals: { locale: 'en' } };
export const OfflineQueuedDark: Story = { ...OfflineQueued, globals: { theme: 'dark' } };

/** 409: somebody already rated this dossier. */
export const AlreadyRatedOnSubmit: Story = {
  parameters: withHandlers(http.post(api('/surveys/:id/responses'), () => errorAnswer(409, 'conflict'))),
  play: play(submitted),
};
export const AlreadyRatedOnSubmitEnglish: Story = { ...AlreadyRatedOnSubmit, globals: { locale: 'en' } };
export const AlreadyRatedOnSubmitPhone: Story = { ...AlreadyRatedOnSubmit, globals: phone };

export const SubmitRateLimited: Story = {
  parameters: withHandlers(
    http.post(api('/surveys/:id/responses'), () => errorAnswer(429, 'rate_limited', { 'Retry-After': '60' })),
  ),
  play: play(submitted),
};

export const SubmitUnprocessable: Story = {
  parameters: withHandlers(http.post(api('/surveys/:id/responses'), () => errorAnswer(422, 'unprocessable'))),
  play: play(submitted),
};

// ---- button mode (modal dialog)

export const ButtonMode: Story = { args: { mode: 'button' } };
export const ButtonModeOpen: Story = {
  args: { mode: 'button' },
  play: play(async (el) => {
    await click(el, '[part="open-button"]');
  }),
};
export const ButtonModeOpenPhone: Story = { ...ButtonModeOpen, globals: phone };
export const ButtonModeOpenDark: Story = { ...ButtonModeOpen, globals: { theme: 'dark' } };

// ---- results view

export const Results: Story = { args: { view: 'results' } };
export const ResultsPhone: Story = { ...Results, globals: phone };
export const ResultsDark: Story = { ...Results, globals: { theme: 'dark' } };
export const ResultsEnglish: Story = { ...Results, globals: { locale: 'en' } };

export const ResultsCustomPeriod: Story = {
  args: { view: 'results' },
  play: play(async (el) => {
    await click(el, 'input[name="period"][value="custom"]');
    await type(el, '#custom-from', '2026-01-01');
    await type(el, '#custom-to', '2026-03-31');
    await click(el, 'form.custom button');
  }),
};

export const ResultsEmpty: Story = {
  args: { view: 'results' },
  parameters: withHandlers(http.get(api('/surveys/:id/results'), () => HttpResponse.json(emptySurveyResults))),
};

export const ResultsLoading: Story = {
  args: { view: 'results' },
  parameters: withHandlers(
    http.get(api('/surveys/:id/results'), async () => {
      await delay('infinite');
      return HttpResponse.json(surveyResults);
    }),
  ),
};

export const ResultsError: Story = {
  args: { view: 'results' },
  parameters: withHandlers(http.get(api('/surveys/:id/results'), () => errorAnswer(503, 'unavailable'))),
};
