/**
 * <dvc-dossier-tracker>: one story per state — empty, loading, each of the ten national statuses,
 * overdue with and without an apology letter, recent lookups, and every error (malformed code,
 * unknown code, rate limit, offline with and without a saved result, network, server, malformed
 * answer). The MSW handlers serve the fixtures shared with the tests. Language and theme come from
 * the toolbar; the "… English / Dark / Phone" stories pin them so each state is also seen in
 * English, in dark and at 360 px.
 */
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { remove, writeJson } from '@dvc-widgets/core';
import { MOCK_API } from '../test/mocks/api.js';
import { dossierHandlers } from '../test/mocks/handlers/dossiers.js';
import { dossiersByStatus, overdueDossier, UNKNOWN_DOSSIER_CODE } from '../test/fixtures/dossiers.js';
import '../packages/dossier-tracker/src/dossier-tracker.js';
import type { DvcDossierTracker } from '../packages/dossier-tracker/src/dossier-tracker.component.js';

interface Args {
  code: string;
  agency: string;
  codeParam: string;
}

type Story = StoryObj<Args>;

const DOSSIER_URL = `${MOCK_API}/v1/dossiers/:code`;
const withHandlers = (...extra: HttpHandler[]) => ({ msw: { handlers: [...extra, ...dossierHandlers] } });
const errorAnswer = (status: number, code: string, headers?: Record<string, string>) =>
  HttpResponse.json({ error: { code, message: code } }, { status, headers });
const phone = { viewport: { value: 'phone', isRotated: false } };

const widget = (canvas: HTMLElement): DvcDossierTracker => canvas.querySelector('dvc-dossier-tracker')!;

async function waitFor<T>(get: () => T | null | undefined | false, what: string, timeout = 8000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = get();
    if (value) return value;
    if (Date.now() - start > timeout) throw new Error(`Story: ${what} did not appear`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const meta: Meta<Args> = {
  title: 'Widgets/Dossier tracker',
  component: 'dvc-dossier-tracker',
  args: { code: '', agency: '', codeParam: 'ma-ho-so' },
  parameters: withHandlers(),
  // Each story starts from a device with nothing saved (stories that need saved data add it).
  beforeEach: () => {
    for (const key of ['remember', 'recent', 'results']) remove(`dossier-tracker.${key}`);
  },
  render: (args) => html`<dvc-dossier-tracker
    api-base=${MOCK_API}
    code=${args.code}
    agency=${args.agency || undefined}
    code-param=${args.codeParam}
  ></dvc-dossier-tracker>`,
};
export default meta;

// ---- empty and loading ----

/** Start: the field, its hint with an example code, the opt-in to remember codes. */
export const Empty: Story = {};
export const EmptyEnglishDarkPhone: Story = { globals: { locale: 'en', theme: 'dark', ...phone } };
/** A portal that sets its agency code: the example uses it and "260310-0420" alone is enough. */
export const EmptyWithAgency: Story = { args: { agency: '000.00.01.H29' } };

/** Waiting for the server (slow rural link). */
export const Loading: Story = {
  args: { code: dossiersByStatus.processing.code },
  parameters: withHandlers(
    http.get(DOSSIER_URL, async () => {
      await delay('infinite');
      return HttpResponse.json(dossiersByStatus.processing);
    }),
  ),
};
export const LoadingPhone: Story = { ...Loading, globals: { ...phone } };

// ---- the ten national statuses ----

/** 1 Mới đăng ký: submitted online, waiting to be received. */
export const Registered: Story = { args: { code: dossiersByStatus.registered.code } };
export const RegisteredEnglishDarkPhone: Story = { ...Registered, globals: { locale: 'en', theme: 'dark', ...phone } };

/** 2 Được tiếp nhận: received, days left and the progress bar. */
export const Received: Story = { args: { code: dossiersByStatus.received.code } };
export const ReceivedEnglishDarkPhone: Story = { ...Received, globals: { locale: 'en', theme: 'dark', ...phone } };

/** 3 Không được tiếp nhận: the reason and what to do. */
export const NotReceived: Story = { args: { code: dossiersByStatus.not_received.code } };
export const NotReceivedEnglishDarkPhone: Story = { ...NotReceived, globals: { locale: 'en', theme: 'dark', ...phone } };

/** 4 Đang xử lý: on time, working days left. */
export const Processing: Story = { args: { code: dossiersByStatus.processing.code } };
export const ProcessingEnglishDarkPhone: Story = { ...Processing, globals: { locale: 'en', theme: 'dark', ...phone } };

/** 5 Yêu cầu bổ sung: the missing documents, where to bring them; the clock is paused. */
export const SupplementRequested: Story = { args: { code: dossiersByStatus.supplement_requested.code } };
export const SupplementRequestedEnglishDarkPhone: Story = {
  ...SupplementRequested,
  globals: { locale: 'en', theme: 'dark', ...phone },
};

/** 6 Nghĩa vụ tài chính: what to pay, how much, where. */
export const FinancialObligation: Story = { args: { code: dossiersByStatus.financial_obligation.code } };
export const FinancialObligationEnglishDarkPhone: Story = {
  ...FinancialObligation,
  globals: { locale: 'en', theme: 'dark', ...phone },
};

/** 7 Rút hồ sơ: withdrawn at the citizen's request. */
export const Withdrawn: Story = { args: { code: dossiersByStatus.withdrawal_requested.code } };
export const WithdrawnEnglishDarkPhone: Story = { ...Withdrawn, globals: { locale: 'en', theme: 'dark', ...phone } };

/** 8 Dừng xử lý: stopped, with the reason. */
export const Suspended: Story = { args: { code: dossiersByStatus.suspended.code } };
export const SuspendedEnglishDarkPhone: Story = { ...Suspended, globals: { locale: 'en', theme: 'dark', ...phone } };

/** 9 Đã xử lý xong: where and when to collect the result. */
export const Resolved: Story = { args: { code: dossiersByStatus.resolved.code } };
export const ResolvedEnglishDarkPhone: Story = { ...Resolved, globals: { locale: 'en', theme: 'dark', ...phone } };

/** 10 Đã trả kết quả: complete, with "Đánh giá" (not yet rated). */
export const Returned: Story = { args: { code: dossiersByStatus.returned.code } };
export const ReturnedEnglishDarkPhone: Story = { ...Returned, globals: { locale: 'en', theme: 'dark', ...phone } };

/** Overdue: late by N working days, the apology letter and the new due date. */
export const OverdueWithApology: Story = { args: { code: overdueDossier.code } };
export const OverdueWithApologyEnglishDarkPhone: Story = {
  ...OverdueWithApology,
  globals: { locale: 'en', theme: 'dark', ...phone },
};

/** Overdue and no apology letter yet: the citizen learns they may ask for one. */
export const OverdueWithoutApology: Story = {
  args: { code: overdueDossier.code },
  parameters: withHandlers(http.get(DOSSIER_URL, () => HttpResponse.json({ ...overdueDossier, apology: null }))),
};

// ---- recent lookups ----

/** Codes remembered on this device (opt-in), each re-checked with one tap. */
export const RecentLookups: Story = {
  beforeEach: () => {
    writeJson('dossier-tracker.remember', true);
    writeJson('dossier-tracker.recent', [
      { code: dossiersByStatus.resolved.code, status: 'resolved', seenAt: '2026-03-16T02:10:00.000Z' },
      { code: dossiersByStatus.supplement_requested.code, status: 'supplement_requested', seenAt: '2026-03-15T08:30:00.000Z' },
    ]);
  },
};
export const RecentLookupsEnglishDarkPhone: Story = {
  ...RecentLookups,
  globals: { locale: 'en', theme: 'dark', ...phone },
};

// ---- errors ----

/** A code that is not in the national format: explained before anything is sent; the text is kept. */
export const MalformedCode: Story = {
  play: async ({ canvasElement }) => {
    const el = widget(canvasElement);
    await el.updateComplete;
    el.check('000.00.01-2603-42');
  },
};
export const MalformedCodeEnglishDarkPhone: Story = {
  ...MalformedCode,
  globals: { locale: 'en', theme: 'dark', ...phone },
};

/** Well-formed but unknown (404): check the receipt; the code stays in the field. */
export const NotFound: Story = { args: { code: UNKNOWN_DOSSIER_CODE } };
export const NotFoundEnglishDarkPhone: Story = { ...NotFound, globals: { locale: 'en', theme: 'dark', ...phone } };

/** Too many lookups: a countdown; the button comes back at 0. */
export const RateLimited: Story = {
  args: { code: dossiersByStatus.processing.code },
  parameters: withHandlers(http.get(DOSSIER_URL, () => errorAnswer(429, 'rate_limited', { 'Retry-After': '45' }))),
};
export const RateLimitedEnglishDarkPhone: Story = { ...RateLimited, globals: { locale: 'en', theme: 'dark', ...phone } };

/** The system failed (500): a retry button. */
export const ServerError: Story = {
  args: { code: dossiersByStatus.processing.code },
  parameters: withHandlers(http.get(DOSSIER_URL, () => errorAnswer(500, 'internal'))),
};
export const ServerErrorEnglishDarkPhone: Story = { ...ServerError, globals: { locale: 'en', theme: 'dark', ...phone } };

/** The connection failed and nothing was saved for this code. */
export const NetworkError: Story = {
  args: { code: UNKNOWN_DOSSIER_CODE.replace('9999', '9998') },
  parameters: withHandlers(http.get(DOSSIER_URL, () => HttpResponse.error())),
};

/** The answer does not match the contract (a proxy or an old server): a retry button. */
export const MalformedAnswer: Story = {
  args: { code: dossiersByStatus.processing.code },
  parameters: withHandlers(http.get(DOSSIER_URL, () => HttpResponse.json({ code: 'not a dossier' }))),
};

/**
 * Offline (navigator.onLine is false): the last result seen for this code, with when it was seen.
 * The play function saves a result as a lookup online would, then looks the code up offline.
 */
export const OfflineWithSavedResult: Story = {
  beforeEach: () => {
    const d = dossiersByStatus.supplement_requested;
    writeJson('dossier-tracker.results', { [d.code]: { seenAt: '2026-03-16T01:45:00.000Z', dossier: d } });
  },
  play: async ({ canvasElement }) => {
    const el = widget(canvasElement);
    await el.updateComplete;
    const onLine = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;
    Object.defineProperty(Navigator.prototype, 'onLine', { configurable: true, get: () => false });
    try {
      el.check(dossiersByStatus.supplement_requested.code);
      await waitFor(() => el.shadowRoot?.querySelector('.result'), 'saved result');
    } finally {
      Object.defineProperty(Navigator.prototype, 'onLine', onLine);
    }
  },
};
export const OfflineWithSavedResultEnglishDarkPhone: Story = {
  ...OfflineWithSavedResult,
  globals: { locale: 'en', theme: 'dark', ...phone },
};

/** Offline and nothing saved for this code: try again when online. */
export const OfflineNothingSaved: Story = {
  play: async ({ canvasElement }) => {
    const el = widget(canvasElement);
    await el.updateComplete;
    const onLine = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;
    Object.defineProperty(Navigator.prototype, 'onLine', { configurable: true, get: () => false });
    try {
      el.check(UNKNOWN_DOSSIER_CODE.replace('9999', '9997'));
      await waitFor(() => el.shadowRoot?.querySelector('[part="error"]'), 'offline message');
    } finally {
      Object.defineProperty(Navigator.prototype, 'onLine', onLine);
    }
  },
};
