/**
 * Every story of stories/appointment-booking.stories.ts renders, its play function reaches the
 * state it names, and the result passes axe — so the stories cannot silently rot.
 */
import { expect, fixture, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import type { HttpHandler } from 'msw';
import { startMocks, worker } from '../../../test/mocks/browser.js';
import * as stories from '../../../stories/appointment-booking.stories.js';

type Story = {
  args?: Record<string, unknown>;
  parameters?: { msw?: { handlers?: HttpHandler[] } };
  play?: (ctx: { canvasElement: HTMLElement }) => Promise<unknown>;
  beforeEach?: () => void | (() => void);
};
const meta = stories.default as unknown as {
  args: Record<string, unknown>;
  render: (args: Record<string, unknown>) => TemplateResult;
  beforeEach: () => void;
  parameters: { msw: { handlers: HttpHandler[] } };
};

/** What each story must show once its play function is done (a selector in the widget). */
const EXPECT: Record<string, string> = {
  ProcedureStep: '#procedure-search',
  Loading: '.loading',
  DayStep: 'table[role="grid"]',
  DayStepWithHoliday: 'button[data-status="closed"]',
  DaysAheadShort: 'table[role="grid"]',
  SlotStep: 'input[name="slot"]',
  ContactStep: '#f-fullName',
  ContactErrors: '[data-error-summary]',
  ContactWithCccd: '#f-cccd',
  ReviewStep: '[data-action="confirm"]',
  Confirmation: 'svg.qr',
  ConfirmationPhone: 'svg.qr',
  ConfirmationDark: 'svg.qr',
  ConfirmationEnglish: 'svg.qr',
  SlotTakenMeanwhile: '[data-notice="slotTaken"]',
  PhoneLimitReached: '[data-notice="phoneLimit"]',
  TimeNoLongerBookable: '[data-notice="slotGone"]',
  ProcedureNotTakenHere: '[data-load-error]',
  ServerError: '[data-submit-error]',
  RateLimited: '[data-countdown]',
  NetworkError: '[data-submit-error="NetworkError"]',
  Offline: '[data-submit-error="OfflineError"]',
  Timeout: '[data-action="confirm"][aria-disabled="true"]',
  CalendarLoadError: '[data-load-error]',
  NoFreeDays: '.dvc-alert--info',
  BookingDisabled: '.dvc-alert--info',
  UnknownAgency: '[role="alert"]',
  ManageLookup: '#m-code',
  ManageNotFound: '[data-manage-error]',
  ManageFound: '[data-action="cancel"]',
  ManageConfirmCancel: '[data-confirm-cancel]',
  ManageCancelled: '[data-status="cancelled"]',
  ManageReschedule: 'input[name="reslot"]',
  ManagePhone: '[data-action="cancel"]',
  DayStepPhoneDark: 'table[role="grid"]',
  DayStepEnglish: 'table[role="grid"]',
};

describe('appointment-booking stories', () => {
  before(() => startMocks());
  afterEach(() => worker.resetHandlers());

  const names = Object.keys(stories).filter((k) => k !== 'default');

  it('every story has an expectation here', () => {
    expect(names.sort()).to.deep.equal(Object.keys(EXPECT).sort());
  });

  for (const name of names) {
    it(`${name} renders its state and passes axe`, async function () {
      this.timeout(20_000);
      const story = (stories as unknown as Record<string, Story>)[name]!;
      meta.beforeEach();
      worker.use(...(story.parameters?.msw?.handlers ?? meta.parameters.msw.handlers));
      const cleanup = story.beforeEach?.();
      try {
        const holder = await fixture<HTMLDivElement>(meta.render({ ...meta.args, ...story.args }) as never);
        const canvas = holder.parentElement!;
        await story.play?.({ canvasElement: canvas });
        const el = canvas.querySelector('dvc-appointment-booking')!;
        await waitUntil(() => el.shadowRoot!.querySelector(EXPECT[name]!), `${name}: ${EXPECT[name]}`, { timeout: 12_000 });
        await expect(el).to.be.accessible();
      } finally {
        if (typeof cleanup === 'function') cleanup();
      }
    });
  }
});
