/**
 * <dvc-appointment-booking>: one story per step and per error. Steps after the first are reached
 * by a `play` function that drives the widget the way a citizen does (clicks in its shadow DOM),
 * against MSW handlers that serve the same fixtures as the tests. Language and theme come from
 * the toolbar; the "Phone" stories use the 360 px viewport.
 */
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { MOCK_API } from '../test/mocks/api.js';
import { communeAgency, provinceAgency, bookingDisabledAgency } from '../test/fixtures/agencies.js';
import { buildSlots, sampleAppointment, SAMPLE_PHONE } from '../test/fixtures/appointments.js';
import { appointmentHandlers, bookingIndexHandler, resetAppointmentStore } from '../test/mocks/handlers/appointments.js';
import '../packages/appointment-booking/src/appointment-booking.js';
import type { DvcAppointmentBooking } from '../packages/appointment-booking/src/appointment-booking.component.js';

interface Args {
  agency: string;
  procedure: string;
  daysAhead: number | undefined;
}

type Story = StoryObj<Args>;

const api = (path: string) => `${MOCK_API}/v1${path}`;
const handlers = [bookingIndexHandler, ...appointmentHandlers];
const withHandlers = (...extra: HttpHandler[]) => ({ msw: { handlers: [...extra, ...handlers] } });

// ---- driving the widget in play functions

function widget(canvas: HTMLElement): DvcAppointmentBooking {
  return canvas.querySelector('dvc-appointment-booking')!;
}

async function waitFor<T>(get: () => T | null | undefined | false, what: string, timeout = 8000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = get();
    if (value) return value;
    if (Date.now() - start > timeout) throw new Error(`Story: ${what} did not appear`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const q = <T extends Element>(el: DvcAppointmentBooking, sel: string) => el.shadowRoot?.querySelector<T>(sel) ?? null;

async function click(el: DvcAppointmentBooking, sel: string) {
  const target = await waitFor(() => q<HTMLElement>(el, sel), sel);
  target.click();
  await el.updateComplete;
}

function type(el: DvcAppointmentBooking, sel: string, value: string) {
  const input = q<HTMLInputElement>(el, sel)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

async function toSlot(el: DvcAppointmentBooking) {
  await click(el, 'button[data-procedure="1.001193"]');
  await click(el, 'table[role="grid"] button[data-status="open"]');
  await waitFor(() => q(el, 'input[name="slot"]'), 'time slots');
}

async function toContact(el: DvcAppointmentBooking) {
  await toSlot(el);
  await click(el, 'input[name="slot"]:not(:disabled)');
  await click(el, '[data-action="to-contact"]');
  await waitFor(() => q(el, '#f-fullName'), 'contact form');
}

async function toReview(el: DvcAppointmentBooking) {
  await toContact(el);
  type(el, '#f-fullName', 'Nguyễn Thị Lan');
  type(el, '#f-phone', '+84 912 345 678');
  if (q(el, '#f-cccd')) type(el, '#f-cccd', '001190012345');
  type(el, '#f-note', 'Đi cùng con nhỏ');
  await el.updateComplete;
  await click(el, 'form button[type="submit"]');
  await waitFor(() => q(el, '[data-action="confirm"]'), 'review');
}

async function toManaged(el: DvcAppointmentBooking) {
  await click(el, '[data-action="manage"]');
  await waitFor(() => q(el, '#m-code'), 'lookup form');
  type(el, '#m-code', sampleAppointment().code);
  type(el, '#m-phone', SAMPLE_PHONE);
  await click(el, 'form button[type="submit"]');
  await waitFor(() => q(el, '[data-action="cancel"]'), 'booking found');
}

const errorAnswer = (status: number, code: string, details?: Record<string, unknown>, headers?: Record<string, string>) =>
  HttpResponse.json({ error: { code, message: code, ...(details ? { details } : {}) } }, { status, headers });

const meta: Meta<Args> = {
  title: 'Widgets/Appointment booking',
  component: 'dvc-appointment-booking',
  args: { agency: communeAgency.code, procedure: '', daysAhead: undefined },
  argTypes: {
    agency: { control: 'select', options: [communeAgency.code, provinceAgency.code, bookingDisabledAgency.code] },
    procedure: { control: 'text' },
    daysAhead: { control: { type: 'number', min: 1, max: 90 } },
  },
  parameters: { msw: { handlers } },
  beforeEach: () => {
    resetAppointmentStore();
  },
  render: (args) => html`<dvc-appointment-booking
    api-base=${MOCK_API}
    agency=${args.agency}
    procedure=${args.procedure}
    days-ahead=${args.daysAhead ?? ''}
  ></dvc-appointment-booking>`,
};
export default meta;

// ---- steps

export const ProcedureStep: Story = {};

export const Loading: Story = {
  parameters: withHandlers(http.get(api('/agencies/:code'), async () => {
    await delay('infinite');
    return HttpResponse.json(communeAgency);
  })),
};

export const DayStep: Story = { args: { procedure: '1.001193' } };

export const DayStepWithHoliday: Story = {
  args: { procedure: '1.001193' },
  parameters: withHandlers(
    http.get(api('/agencies/:code/slots'), ({ request }) => {
      const url = new URL(request.url);
      const res = buildSlots(communeAgency, url.searchParams.get('from')!, url.searchParams.get('to')!);
      // Show how a public holiday reads: the 2nd open day becomes "Tết Dương lịch" for the demo.
      const day = res.days.filter((d) => d.status === 'open')[1];
      if (day) Object.assign(day, { status: 'closed', closedReason: 'holiday', holidayName: 'Tết Dương lịch', capacity: 0, remaining: 0, slots: [] });
      return HttpResponse.json(res);
    }),
  ),
};

export const DaysAheadShort: Story = { args: { procedure: '1.001193', daysAhead: 7 } };

export const SlotStep: Story = { play: async ({ canvasElement }) => toSlot(widget(canvasElement)) };

export const ContactStep: Story = { play: async ({ canvasElement }) => toContact(widget(canvasElement)) };

export const ContactErrors: Story = {
  args: { agency: provinceAgency.code },
  play: async ({ canvasElement }) => {
    const el = widget(canvasElement);
    await toContact(el);
    type(el, '#f-fullName', 'A');
    type(el, '#f-phone', '0123 456');
    type(el, '#f-cccd', '12345');
    await click(el, 'form button[type="submit"]');
  },
};

export const ContactWithCccd: Story = {
  args: { agency: provinceAgency.code },
  play: async ({ canvasElement }) => toContact(widget(canvasElement)),
};

export const ReviewStep: Story = { play: async ({ canvasElement }) => toReview(widget(canvasElement)) };

export const Confirmation: Story = {
  play: async ({ canvasElement }) => {
    const el = widget(canvasElement);
    await toReview(el);
    await click(el, '[data-action="confirm"]');
    await waitFor(() => q(el, 'svg.qr'), 'QR code');
  },
};

export const ConfirmationPhone: Story = {
  ...Confirmation,
  globals: { viewport: { value: 'phone', isRotated: false } },
};

export const ConfirmationDark: Story = { ...Confirmation, globals: { theme: 'dark' } };

export const ConfirmationEnglish: Story = { ...Confirmation, globals: { locale: 'en' } };

// ---- conflicts and errors

const confirmThen = (answer: () => Response | Promise<Response>): Story => ({
  parameters: withHandlers(http.post(api('/appointments'), answer)),
  play: async ({ canvasElement }) => {
    const el = widget(canvasElement);
    await toReview(el);
    await click(el, '[data-action="confirm"]');
  },
});

export const SlotTakenMeanwhile: Story = confirmThen(() =>
  errorAnswer(409, 'conflict', { reason: 'slot_full' }),
);

export const TimeNoLongerBookable: Story = confirmThen(() => errorAnswer(422, 'unprocessable', { reason: 'past' }));

export const ProcedureNotTakenHere: Story = {
  args: { procedure: '1.000656' },
  parameters: withHandlers(
    http.get(api('/agencies/:code/slots'), () => errorAnswer(422, 'unprocessable', { reason: 'procedure_not_handled' })),
  ),
};

export const PhoneLimitReached: Story = confirmThen(() =>
  errorAnswer(409, 'conflict', { reason: 'phone_limit', maxPerPhonePerDay: 2 }),
);

export const ServerError: Story = confirmThen(() => errorAnswer(500, 'internal'));

export const RateLimited: Story = confirmThen(() => errorAnswer(429, 'rate_limited', undefined, { 'Retry-After': '45' }));

export const NetworkError: Story = confirmThen(() => HttpResponse.error());

export const Offline: Story = {
  parameters: withHandlers(http.post(api('/appointments'), () => HttpResponse.error())),
  // The browser reports itself offline from the moment of confirming (the steps before loaded online).
  beforeEach: () => () => {
    delete (navigator as unknown as { onLine?: boolean }).onLine;
  },
  play: async ({ canvasElement }) => {
    const el = widget(canvasElement);
    await toReview(el);
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    await click(el, '[data-action="confirm"]');
  },
};

/** The client gives up after its timeout (10 s per attempt, retried): the message appears after about 30 s. */
export const Timeout: Story = confirmThen(async () => {
  await delay('infinite');
  return HttpResponse.json({});
});

export const CalendarLoadError: Story = {
  args: { procedure: '1.001193' },
  parameters: withHandlers(http.get(api('/agencies/:code/slots'), () => errorAnswer(503, 'unavailable'))),
};

export const NoFreeDays: Story = {
  args: { procedure: '1.001193' },
  parameters: withHandlers(
    http.get(api('/agencies/:code/slots'), ({ request }) => {
      const url = new URL(request.url);
      const res = buildSlots(communeAgency, url.searchParams.get('from')!, url.searchParams.get('to')!);
      for (const d of res.days) {
        if (d.status === 'open') Object.assign(d, { status: 'full', remaining: 0, slots: d.slots.map((s) => ({ ...s, remaining: 0 })) });
      }
      return HttpResponse.json(res);
    }),
  ),
};

export const BookingDisabled: Story = { args: { agency: bookingDisabledAgency.code } };

export const UnknownAgency: Story = { args: { agency: '999.99.99.Z99' } };

// ---- manage without an account

export const ManageLookup: Story = {
  play: async ({ canvasElement }) => click(widget(canvasElement), '[data-action="manage"]'),
};

export const ManageNotFound: Story = {
  play: async ({ canvasElement }) => {
    const el = widget(canvasElement);
    await click(el, '[data-action="manage"]');
    await waitFor(() => q(el, '#m-code'), 'lookup form');
    type(el, '#m-code', 'LH-ZZZZZZ');
    type(el, '#m-phone', SAMPLE_PHONE);
    await click(el, 'form button[type="submit"]');
  },
};

export const ManageFound: Story = { play: async ({ canvasElement }) => toManaged(widget(canvasElement)) };

export const ManageConfirmCancel: Story = {
  play: async ({ canvasElement }) => {
    const el = widget(canvasElement);
    await toManaged(el);
    await click(el, '[data-action="cancel"]');
  },
};

export const ManageCancelled: Story = {
  play: async ({ canvasElement }) => {
    const el = widget(canvasElement);
    await toManaged(el);
    await click(el, '[data-action="cancel"]');
    await click(el, '[data-action="yes-cancel"]');
  },
};

export const ManageReschedule: Story = {
  play: async ({ canvasElement }) => {
    const el = widget(canvasElement);
    await toManaged(el);
    await click(el, '[data-action="reschedule"]');
    await click(el, 'table[role="grid"] button[data-status="open"]');
  },
};

export const ManagePhone: Story = { ...ManageFound, globals: { viewport: { value: 'phone', isRotated: false } } };

export const DayStepPhoneDark: Story = {
  args: { procedure: '1.001193' },
  globals: { viewport: { value: 'phone', isRotated: false }, theme: 'dark' },
};

export const DayStepEnglish: Story = { args: { procedure: '1.001193' }, globals: { locale: 'en' } };
