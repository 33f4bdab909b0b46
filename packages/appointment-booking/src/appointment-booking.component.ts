import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { APPOINTMENT_CODE_RE, type Agency, type Appointment, type SlotDay, type SlotsResponse } from '@dvc-widgets/contract';
import { SlotDay as SlotDaySchema } from '@dvc-widgets/contract';
import {
  AnnouncerController,
  ApiController,
  ApiError,
  baseStyles,
  DataTask,
  DvcAppointmentBookedEvent,
  DvcElement,
  FocusController,
  isCccd,
  isProcedureCode,
  LocalizeController,
  newIdempotencyKey,
  normalizePhone,
  normalizeVi,
  OfflineError,
  RateLimitedError,
  RetryCountdownController,
  registerLocale,
  resolveConfig,
  TaskStatus,
  addDays,
  addMonths,
  clampDate,
  daysInMonth,
  endOfWeek,
  monthGrid,
  monthOf,
  now,
  shiftMonth,
  startOfWeek,
  vnDate,
  vnToday,
  type DvcBookRequestEvent,
  type DvcError,
} from '@dvc-widgets/core';
import type { CatalogController } from '@dvc-widgets/core/catalog';
import { byCounterFields, counterFields } from './counter-fields.js';
import { styles } from './appointment-booking.styles.js';
import { buildIcs } from './ics.js';
import { encodeQr, qrPath, type QrMatrix } from './qr.js';
import vi from './locales/vi.js';

// English is fetched only when a reader needs it (most portals are Vietnamese-only).
registerLocale('appointment-booking', { vi, en: () => import('./locales/en.js') });

export type BookingStep = 'procedure' | 'day' | 'slot' | 'contact' | 'review' | 'done';
const STEPS: BookingStep[] = ['procedure', 'day', 'slot', 'contact', 'review', 'done'];

type ContactField = 'fullName' | 'phone' | 'cccd' | 'note';
type ContactErrors = Partial<Record<ContactField, string>>;

interface ChosenProcedure {
  code: string;
  name: string;
}

/** Why the last booking attempt was refused, when it is not a plain network/server error. */
type Notice = { kind: 'slotTaken' | 'slotGone' } | { kind: 'phoneLimit'; limit: number | undefined } | null;

/** 422 reasons (reference server) that mean "this time can no longer be booked", not "your data is wrong". */
const SLOT_GONE_REASONS = new Set(['no_such_slot', 'past', 'beyond_window', 'holiday', 'weekend', 'agency_closed', 'closed']);

/** Query parameter procedure-lookup adds to its `booking-url` (its URL_PARAMS.procedure). */
export const PROCEDURE_URL_PARAM = 'thu-tuc';
/** Procedures shown at once; the rest are counted ("type more to narrow"). */
const MAX_RESULTS = 8;
/** Default booking window when neither the attribute nor the agency says. */
const DEFAULT_DAYS_AHEAD = 30;

/**
 * Books a time at the one-stop counter (Bộ phận Một cửa): procedure → day → time → contact →
 * review → confirmation with code, QR code, calendar file and print; and lets a citizen look a
 * booking up by code and phone to cancel or move it, without an account.
 *
 * @summary Appointment booking for a public-service counter, with manage-by-code.
 * @tag dvc-appointment-booking
 *
 * @attr api-base - Base URL of the API (else `<meta name="dvc:api-base">` or `window.dvcWidgets.config.apiBase`).
 * @attr agency - Agency code taking the bookings, e.g. `000.00.01.H29` (else `<meta name="dvc:agency">`).
 * @attr procedure - Procedure code to preselect (the widget then opens on the day step). Without it, a
 *   `?thu-tuc=<code>` parameter in the page URL (what procedure-lookup's `booking-url` adds) is used.
 * @attr days-ahead - Show at most this many days ahead (the agency's own limit still applies).
 * @attr theme - `light` (default), `dark` or `auto`.
 *
 * @fires dvc-appointment-booked - A booking was confirmed. `detail`: `{ code, start, end, agency }`.
 *
 * @csspart base - The root wrapper.
 * @csspart title - The widget title.
 * @csspart steps - The list of steps (progress).
 * @csspart panel - The box holding the current step.
 * @csspart calendar - The month calendar.
 * @csspart day - One day button in the calendar.
 * @csspart slots - The group of time choices.
 * @csspart button - Primary buttons.
 * @csspart ticket - The confirmation (what is printed).
 * @csspart code - The booking code.
 * @csspart qr - The QR code image.
 *
 * @cssproperty --dvc-appointment-booking-accent - Selected day and time (default: `--dvc-color-primary`).
 * @cssproperty --dvc-appointment-booking-open-color - Border and text of days with places (default: `--dvc-color-success`).
 * @cssproperty --dvc-appointment-booking-full-color - Fully booked days (default: `--dvc-color-warning`).
 * @cssproperty --dvc-appointment-booking-closed-color - Closed days (default: `--dvc-color-text-muted`).
 * @cssproperty --dvc-appointment-booking-day-size - Height of a calendar day (default: `3em`).
 * @cssproperty --dvc-appointment-booking-max-width - Maximum width of the widget (default: `42em`).
 */
export class DvcAppointmentBooking extends DvcElement {
  static override styles = [baseStyles, styles];

  /** Base URL of the API. */
  @property({ attribute: 'api-base' }) apiBase?: string;
  /** Agency code taking the bookings. */
  @property() agency?: string;
  /** Procedure code to preselect. */
  @property() procedure?: string;
  /** Show at most this many days ahead. */
  @property({ attribute: 'days-ahead', type: Number }) daysAhead?: number;

  @state() private mode: 'book' | 'manage' = 'book';
  @state() private step: BookingStep = 'procedure';
  @state() private chosen: ChosenProcedure | null = null;
  @state() private query = '';
  @state() private focusDate: string | null = null;
  @state() private date: string | null = null;
  @state() private slotStart: string | null = null;
  @state() private slotError = false;
  @state() private form: Record<ContactField, string> = { fullName: '', phone: '', cccd: '', note: '' };
  @state() private errors: ContactErrors = {};
  @state() private notice: Notice = null;
  @state() private submitError: DvcError | null = null;
  @state() private booked: Appointment | null = null;
  @state() private qr: QrMatrix | null | 'failed' = null;
  @state() private slotsVersion = 0;
  /** Fresh availability from a 409 answer, shown until the refreshed calendar arrives. */
  @state() private dayPatches = new Map<string, SlotDay>();

  // Manage mode
  @state() private manageCode = '';
  @state() private managePhone = '';
  @state() private manageErrors: { code?: string; phone?: string } = {};
  @state() private managed: Appointment | null = null;
  @state() private manageMessage = '';
  @state() private confirmingCancel = false;
  @state() private rescheduling = false;
  @state() private manageError: DvcError | null = null;

  private readonly localize = new LocalizeController(this, 'appointment-booking');
  private readonly api = new ApiController(this);
  private readonly announcer = new AnnouncerController(this);
  /** Step headings, errors and fields to correct get focus after the render that shows them. */
  private readonly focusAfterUpdate = new FocusController(this);
  /** The wait a rate-limited action (book, look up, cancel, reschedule) asked for. */
  private readonly countdown = new RetryCountdownController(this);
  /** Idempotency-Key of the booking under review: one per review, so retries never book twice. */
  private idempotencyKey: string | null = null;
  private manageKey: string | null = null;
  private manageKeyFor = '';
  /** Phone (national form) that found `managed`; needed to cancel or reschedule. */
  private managedPhone = '';
  private stash: { date: string | null; slotStart: string | null; focusDate: string | null; notice: Notice } | null = null;
  /** What the "Try again" button repeats. */
  private lastAction: 'book' | 'cancel' | 'reschedule' | 'lookup' = 'book';

  private readonly agencyTask = new DataTask(this, {
    args: () => [this.agencyCode] as const,
    task: async ([code], { signal }): Promise<Agency | null> =>
      code ? this.api.client.request('getAgency', { params: { agencyCode: code }, signal }) : null,
  });

  /**
   * The office's procedure catalog, shared with a procedure lookup of the same office on the
   * page (one download, one index, built between frames), once the office takes bookings. Its
   * module (core/catalog) is imported on connect, not on the first paint: the catalog is only
   * asked for once the office is known.
   */
  private catalog: CatalogController | undefined;

  /** Procedure search on the server, when it does not ship the catalog (`catalog.status === 'server'`). */
  private readonly serverSearchTask = new DataTask(this, {
    args: () => [this.catalog?.status === 'server', this.query.trim()] as const,
    task: async ([server, q], { signal }) =>
      server ? this.catalog!.searchOnServer({ q: q || undefined, page: 1, pageSize: MAX_RESULTS }, { signal }) : null,
  });

  private async addCatalog(): Promise<void> {
    const { CatalogController } = await import('@dvc-widgets/core/catalog');
    this.catalog ??= new CatalogController(this, {
      client: () => this.api.client,
      agency: () => this.agencyTask.value?.code,
      enabled: () => Boolean(this.agencyTask.value?.booking.enabled),
    });
    this.requestUpdate();
  }

  private readonly slotsTask = new DataTask(this, {
    args: () => this.slotsArgs(),
    task: async ([agencyCode, procedure, from, to], { signal }): Promise<SlotsResponse | null> => {
      if (!agencyCode || !procedure || !from || !to) return null;
      return this.api.client.request('getSlots', {
        params: { agencyCode },
        query: { procedure, from, to },
        signal,
      });
    },
    onComplete: () => {
      this.dayPatches = new Map();
    },
  });

  private readonly createTask = new DataTask(this, {
    autoRun: false,
    args: () => [] as const,
    task: async (_args, { signal }) => this.api.client.request('createAppointment', this.createRequest(signal)),
    onComplete: (appointment) => this.onBooked(appointment),
    onError: (error) => this.onSubmitError(error, 'book'),
  });

  private readonly lookupTask = new DataTask(this, {
    autoRun: false,
    args: () => [] as const,
    task: async (_args, { signal }) =>
      this.api.client.request('getAppointment', {
        params: { code: this.manageCode },
        query: { phone: this.managedPhone },
        signal,
      }),
    onComplete: (appointment) => {
      this.managed = appointment;
      this.manageError = null;
      this.announce(this.localize.t('manage.found', { code: appointment.code }));
      this.queueFocus('[data-manage-heading]');
    },
    onError: (error) => {
      this.lastAction = 'lookup';
      this.countdown.start(error);
      this.manageError = error;
      this.queueFocus('[data-manage-error]');
    },
  });

  private readonly cancelTask = new DataTask(this, {
    autoRun: false,
    args: () => [] as const,
    task: async (_args, { signal }) =>
      this.api.client.request('cancelAppointment', {
        params: { code: this.managed!.code },
        body: { phone: this.managedPhone },
        idempotencyKey: this.manageKey ?? undefined,
        signal,
      }),
    onComplete: (appointment) => {
      this.managed = appointment;
      this.confirmingCancel = false;
      this.manageError = null;
      this.manageMessage = this.localize.t('manage.cancelled', { code: appointment.code });
      this.announce(this.manageMessage);
      this.queueFocus('[data-manage-message]');
    },
    onError: (error) => this.onSubmitError(error, 'cancel'),
  });

  private readonly rescheduleTask = new DataTask(this, {
    autoRun: false,
    args: () => [] as const,
    task: async (_args, { signal }) =>
      this.api.client.request('rescheduleAppointment', {
        params: { code: this.managed!.code },
        body: { phone: this.managedPhone, start: this.slotStart! },
        idempotencyKey: this.manageKey ?? undefined,
        signal,
      }),
    onComplete: (appointment) => {
      this.managed = appointment;
      this.rescheduling = false;
      this.manageError = null;
      this.notice = null;
      this.manageMessage = this.localize.t('manage.rescheduled', {
        code: appointment.code,
        time: this.localize.formatTime(appointment.start),
        date: this.localize.formatDate(appointment.start),
      });
      this.announce(this.manageMessage);
      this.queueFocus('[data-manage-message]');
    },
    onError: (error) => this.onSubmitError(error, 'reschedule'),
  });

  /** Agency code: attribute › `<meta name="dvc:agency">` › global config. */
  private get agencyCode(): string | undefined {
    return this.agency?.trim() || resolveConfig(this).agency;
  }

  private slotsArgs(): readonly [string | undefined, string | undefined, string | undefined, string | undefined, number] {
    const agency = this.agencyTask.value;
    if (this.mode === 'manage') {
      if (!this.rescheduling || !this.managed) return [undefined, undefined, undefined, undefined, this.slotsVersion];
      const days = this.windowDays(agency?.code === this.managed.agency.code ? agency : null);
      const from = vnToday(now());
      return [this.managed.agency.code, this.managed.procedure.code, from, addDays(from, days), this.slotsVersion];
    }
    if (!agency?.booking.enabled || !this.chosen) return [undefined, undefined, undefined, undefined, this.slotsVersion];
    const from = vnToday(now());
    return [agency.code, this.chosen.code, from, addDays(from, this.windowDays(agency)), this.slotsVersion];
  }

  private windowDays(agency: Agency | null | undefined): number {
    const policy = agency?.booking.daysAhead ?? DEFAULT_DAYS_AHEAD;
    const own = Number.isFinite(this.daysAhead) && (this.daysAhead ?? 0) > 0 ? Math.floor(this.daysAhead!) : policy;
    return Math.max(1, Math.min(own, policy));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Landing from a lookup widget's `booking-url` (`…?thu-tuc=1.001193`): preselect that procedure.
    if (!this.procedure && typeof location !== 'undefined') {
      const fromUrl = new URLSearchParams(location.search).get(PROCEDURE_URL_PARAM)?.trim();
      if (fromUrl && isProcedureCode(fromUrl)) this.procedure = fromUrl;
    }
    // The lookup widget may live anywhere on the page (even in another shadow root): its event
    // is composed and bubbles to the document.
    document.addEventListener('dvc-book-request', this.onBookRequest);
    if (!this.catalog) void this.addCatalog();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('dvc-book-request', this.onBookRequest);
  }

  private onBookRequest = (event: DvcBookRequestEvent): void => {
    // Another booking widget on the page took it already.
    if (event.defaultPrevented || !isProcedureCode(event.detail.procedureCode)) return;
    event.preventDefault();
    this.mode = 'book';
    this.chosen = { code: event.detail.procedureCode, name: event.detail.procedureName };
    this.resetSelection();
    this.goTo('day');
    this.announce(this.localize.t('procedure.prefilled', { name: event.detail.procedureName }));
    const reduce = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    this.scrollIntoView({ behavior: reduce ? 'auto' : 'smooth', block: 'start' });
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('procedure') && this.procedure && isProcedureCode(this.procedure.trim())) {
      const code = this.procedure.trim();
      if (this.chosen?.code !== code) {
        this.chosen = { code, name: '' };
        this.resetSelection();
        if (this.step === 'procedure') this.step = 'day';
      }
    }
  }

  // ------------------------------------------------------------------ navigation and state

  private goTo(step: BookingStep, focus = '[data-step-heading]'): void {
    this.step = step;
    this.queueFocus(focus);
  }

  /** Moves focus after the next render (step changes, errors), so keyboard and screen-reader users follow. */
  private queueFocus(selector: string): void {
    void this.focusAfterUpdate.request(selector);
  }

  private announce(text: string): void {
    void this.announcer.announce(text);
  }

  private resetSelection(): void {
    this.date = null;
    this.slotStart = null;
    this.focusDate = null;
    this.notice = null;
    this.submitError = null;
  }

  private procedureName(code: string): string {
    return this.catalog?.item(code)?.name ?? code;
  }

  private chosenName(): string {
    return this.chosen ? this.chosen.name || this.procedureName(this.chosen.code) : '';
  }

  // ------------------------------------------------------------------ render

  override render(): TemplateResult {
    return html`<div class="dvc-root" part="base">
      <!-- Not <header>: inside a shadow root it would be a page-level banner landmark, and a
           portal page already has one (two widgets would add two more). -->
      <div class="head">
        <h2 class="title" part="title">${this.localize.t('title')}</h2>
        <p class="intro">${this.localize.t('intro')}</p>
      </div>
      ${this.announcer.render()} ${this.mode === 'manage' ? this.renderManage() : this.renderBooking()}
    </div>`;
  }

  private renderBooking(): unknown {
    if (!this.agencyCode) return html`<p class="dvc-alert dvc-alert--warning">${this.localize.t('errors.noAgency')}</p>`;
    return this.agencyTask.render({
      initial: () => this.renderLoading(this.localize.t('loading')),
      pending: () => this.renderLoading(this.localize.t('loading')),
      error: (e) => this.renderAgencyError(e),
      complete: (agency) => {
        if (!agency) return this.renderLoading(this.localize.t('loading'));
        if (!agency.booking.enabled) {
          return html`<p class="dvc-alert dvc-alert--info">
              ${agency.phone
                ? this.localize.t('errors.bookingDisabledPhone', { phone: agency.phone })
                : this.localize.t('errors.bookingDisabled')}
            </p>
            ${this.renderManageToggle()}`;
        }
        return html`${this.renderSteps()}
          <section class="panel" part="panel" aria-labelledby="step-heading">${this.renderStep(agency)}</section>
          ${this.step !== 'done' ? this.renderManageToggle() : nothing}`;
      },
    });
  }

  private renderLoading(text: string): TemplateResult {
    return html`<p class="loading"><span class="dvc-spinner" aria-hidden="true"></span> ${text}</p>`;
  }

  private renderAgencyError(error: DvcError): TemplateResult {
    const notFound = error instanceof ApiError && error.status === 404;
    return html`<div class="dvc-alert dvc-alert--danger" role="alert">
      <p>${notFound ? this.localize.t('errors.agencyNotFound') : this.localize.errorMessage(error)}</p>
      ${notFound
        ? nothing
        : html`<p class="alert-actions">
            <button class="dvc-button dvc-button--secondary" type="button" @click=${() => void this.agencyTask.run()}>
              ${this.localize.t('actions.retry')}
            </button>
          </p>`}
    </div>`;
  }

  private renderSteps(): TemplateResult {
    const current = STEPS.indexOf(this.step);
    return html`<ol class="steps" part="steps" aria-label=${this.localize.t('steps.label')}>
      ${STEPS.map(
        (s, i) =>
          html`<li class=${i < current ? 'done' : ''} aria-current=${i === current ? 'step' : nothing}>
            ${i + 1}. ${this.localize.t(`steps.${s}`)}${i < current
              ? html`<span class="dvc-visually-hidden"> ${this.localize.t('steps.completed')}</span>`
              : nothing}
          </li>`,
      )}
    </ol>`;
  }

  private stepHeading(text: string, attr = 'data-step-heading'): TemplateResult {
    const current = STEPS.indexOf(this.step) + 1;
    // tabindex=-1: the heading receives focus on step changes so screen readers read where we are.
    return html`<h3 class="step-heading" id="step-heading" tabindex="-1" ?data-step-heading=${attr === 'data-step-heading'}>
      <span class="dvc-visually-hidden"
        >${this.localize.t('steps.progress', { current, total: STEPS.length, name: this.localize.t(`steps.${this.step}`) })}:
      </span>
      ${text}
    </h3>`;
  }

  private renderStep(agency: Agency): unknown {
    switch (this.step) {
      case 'procedure':
        return this.renderProcedureStep();
      case 'day':
        return this.renderDayStep(agency);
      case 'slot':
        return this.renderSlotStep(agency);
      case 'contact':
        return this.renderContactStep(agency);
      case 'review':
        return this.renderReviewStep(agency);
      case 'done':
        return this.booked ? this.renderConfirmation(this.booked, agency) : nothing;
    }
  }

  // ---- step 1: procedure

  private renderProcedureStep(): TemplateResult {
    const status = this.catalog?.status ?? 'idle';
    const error = this.catalog?.error;
    const server = this.serverSearchTask;
    const body =
      status === 'error'
        ? this.renderLoadError(error!, () => void this.catalog?.reload())
        : status === 'server' && server.status === TaskStatus.ERROR
          ? this.renderLoadError(server.error!, () => void server.run())
          : status === 'ready' || (status === 'server' && server.value)
            ? this.renderProcedureSearch()
            : this.renderLoading(this.localize.t('procedure.loadingIndex'));
    return html`${this.stepHeading(this.localize.t('procedure.heading'))} ${body}`;
  }

  /** The procedures to show for the query: from the catalog on the device, else the server's answer. */
  private procedureHits(): { hits: { item: { code: string; name: string; field: string } }[]; total: number } {
    const engine = this.catalog?.engine;
    if (!engine) {
      const answer = this.serverSearchTask.value;
      return { hits: (answer?.items ?? []).map((item) => ({ item })), total: answer?.total ?? 0 };
    }
    const found = engine.search(this.query);
    // Nothing typed yet (no words, no code: the engine's browse case) the catalog comes alphabetically,
    // opening on procedures few citizens come for; show first what this office's counters receive.
    const { groups, codes } = this.catalog!.search!.expandQuery(this.query);
    const hits = groups.length || codes.length ? found : byCounterFields(found, counterFields(this.agencyTask.value));
    return { hits, total: hits.length };
  }

  private renderProcedureSearch(): TemplateResult {
    const { hits, total } = this.procedureHits();
    const shown = hits.slice(0, MAX_RESULTS);
    const more = total - shown.length;
    return html`<div class="field">
        <label class="dvc-label" for="procedure-search">${this.localize.t('procedure.searchLabel')}</label>
        <span class="dvc-hint" id="procedure-search-hint">${this.localize.t('procedure.searchHint')}</span>
        <input
          id="procedure-search"
          class="dvc-input"
          type="search"
          autocomplete="off"
          aria-describedby="procedure-search-hint procedure-count"
          .value=${live(this.query)}
          @input=${(e: Event) => {
            this.query = (e.target as HTMLInputElement).value;
          }}
        />
      </div>
      <p id="procedure-count" class="dvc-hint" aria-live="polite">
        ${total ? this.localize.t('procedure.results', { count: total }) : this.localize.t('procedure.none')}
      </p>
      ${shown.length
        ? html`<ul class="results" aria-label=${this.localize.t('procedure.resultsLabel')}>
            ${shown.map(
              (h) => html`<li class="result">
                <span>
                  <span>${h.item.name}</span>
                  <span class="result-field">${h.item.field}</span>
                </span>
                <button
                  class="dvc-button dvc-button--secondary"
                  type="button"
                  data-procedure=${h.item.code}
                  aria-label=${this.localize.t('procedure.chooseNamed', { name: h.item.name })}
                  @click=${() => this.chooseProcedure({ code: h.item.code, name: h.item.name })}
                >
                  ${this.localize.t('procedure.choose')}
                </button>
              </li>`,
            )}
          </ul>`
        : nothing}
      ${more > 0 ? html`<p class="dvc-hint">${this.localize.t('procedure.more', { count: more })}</p>` : nothing}`;
  }

  private chooseProcedure(p: ChosenProcedure): void {
    if (this.chosen?.code !== p.code) this.resetSelection();
    this.chosen = p;
    this.goTo('day');
  }

  private renderChosen(): TemplateResult {
    return html`<p class="chosen">
      <span>${this.localize.t('procedure.chosen')}:</span> <strong>${this.chosenName()}</strong>
      <button class="link-button" type="button" @click=${() => this.goTo('procedure', '#procedure-search')}>
        ${this.localize.t('actions.change')}
      </button>
    </p>`;
  }

  private renderLoadError(error: DvcError, retry: () => void): TemplateResult {
    const phone = this.agencyTask.value?.phone;
    return html`<div class="dvc-alert dvc-alert--danger" role="alert" data-load-error>
      <p>${this.localize.errorMessage(error)}</p>
      ${phone && !(error instanceof OfflineError) ? html`<p>${this.localize.t('errors.callOffice', { phone })}</p>` : nothing}
      <p class="alert-actions">
        <button class="dvc-button dvc-button--secondary" type="button" @click=${retry}>${this.localize.t('actions.retry')}</button>
      </p>
    </div>`;
  }

  // ---- step 2: day (calendar)

  private renderDayStep(agency: Agency): TemplateResult {
    return html`${this.stepHeading(this.localize.t('calendar.heading'))} ${this.renderChosen()}
      ${this.renderNotice(agency)}
      ${this.renderSlotsData((res) => this.renderCalendar(res, this.date, (d) => this.pickDay(d)), agency)}
      <p class="actions">
        <button class="dvc-button dvc-button--secondary" type="button" @click=${() => this.goTo('procedure', '#procedure-search')}>
          ${this.localize.t('actions.back')}
        </button>
      </p>`;
  }

  private renderSlotsData(body: (res: SlotsResponse) => unknown, agency: Agency | null): unknown {
    return this.slotsTask.render({
      initial: () => this.renderLoading(this.localize.t('calendar.loading')),
      pending: () =>
        // Keep the calendar on screen while it refreshes (after a conflict): no jump, focus kept.
        this.slotsTask.value ? body(this.slotsTask.value) : this.renderLoading(this.localize.t('calendar.loading')),
      error: (e) =>
        e instanceof ApiError && (e.status === 422 || e.status === 404) && this.mode === 'book'
          ? html`<div class="dvc-alert dvc-alert--warning" role="alert" data-load-error>
              <p>${this.localize.t('errors.procedureNotHandled')}</p>
              <p class="alert-actions">
                <button class="dvc-button dvc-button--secondary" type="button" @click=${() => this.goTo('procedure', '#procedure-search')}>
                  ${this.localize.t('actions.change')}
                </button>
              </p>
            </div>`
          : this.renderLoadError(e, () => void this.slotsTask.run()),
      complete: (res) => {
        if (!res) return this.renderLoading(this.localize.t('calendar.loading'));
        if (!res.days.some((d) => this.dayOf(res, d.date).status === 'open')) {
          const phone = agency?.phone;
          return html`<p class="dvc-alert dvc-alert--info">
            ${phone ? this.localize.t('calendar.noOpenDays', { phone }) : this.localize.t('calendar.noOpenDaysNoPhone')}
          </p>`;
        }
        return body(res);
      },
    });
  }

  private dayOf(res: SlotsResponse, date: string): SlotDay {
    const patched = this.dayPatches.get(date);
    if (patched) return patched;
    const day = res.days.find((d) => d.date === date);
    if (day) return day;
    const reason = date < res.from ? 'past' : 'beyond_window';
    return { date, status: 'closed', closedReason: reason, holidayName: null, capacity: 0, remaining: 0, slots: [] };
  }

  private longDate(date: string): string {
    const weekday = this.localize.formatWeekday(date);
    const text = `${weekday}, ${this.localize.formatDate(date)}`;
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  /** The accessible name of a day: date and status in words (never colour alone). */
  private dayLabel(day: SlotDay, selected: boolean): string {
    const date = this.longDate(day.date);
    let label: string;
    if (day.status === 'open') label = this.localize.t('calendar.dayOpen', { date, count: day.remaining });
    else if (day.status === 'full') label = this.localize.t('calendar.dayFull', { date });
    else {
      switch (day.closedReason) {
        case 'holiday':
          label = day.holidayName
            ? this.localize.t('calendar.dayHoliday', { date, name: day.holidayName })
            : this.localize.t('calendar.dayHolidayUnnamed', { date });
          break;
        case 'weekend':
          label = this.localize.t('calendar.dayWeekend', { date });
          break;
        case 'past':
          label = this.localize.t('calendar.dayPast', { date });
          break;
        case 'beyond_window':
          label = this.localize.t('calendar.dayBeyond', { date });
          break;
        default:
          label = this.localize.t('calendar.dayAgencyClosed', { date });
      }
    }
    if (day.date === vnToday(now())) label = this.localize.t('calendar.today', { label });
    return selected ? this.localize.t('calendar.selected', { label }) : label;
  }

  private dayTag(day: SlotDay): string {
    if (day.status === 'open') return this.localize.t('calendar.tagOpen', { count: day.remaining });
    if (day.status === 'full') return this.localize.t('calendar.tagFull');
    if (day.closedReason === 'holiday') return this.localize.t('calendar.tagHoliday');
    if (day.closedReason === 'weekend' || day.closedReason === 'agency_closed') return this.localize.t('calendar.tagClosed');
    return '';
  }

  private range(res: SlotsResponse): { min: string; max: string } {
    return { min: `${monthOf(res.from)}-01`, max: `${monthOf(res.to)}-${String(daysInMonth(monthOf(res.to))).padStart(2, '0')}` };
  }

  private initialFocus(res: SlotsResponse, selected: string | null): string {
    if (selected && selected >= res.from && selected <= res.to) return selected;
    const open = res.days.find((d) => this.dayOf(res, d.date).status === 'open');
    return open?.date ?? res.from;
  }

  private monthTitle(month: string): string {
    const lang = this.localize.lang;
    // Month names come from the browser's CLDR data, in the reader's language.
    const text = new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${month}-15T00:00:00Z`));
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  private renderCalendar(res: SlotsResponse, selected: string | null, onPick: (date: string) => void): TemplateResult {
    const { min, max } = this.range(res);
    const focus = clampDate(this.focusDate ?? this.initialFocus(res, selected), min, max);
    const month = monthOf(focus);
    const weeks = monthGrid(month);
    const today = vnToday(now());
    const monday = startOfWeek(today);
    const weekdays = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
    const prevMonth = shiftMonth(month, -1);
    const nextMonth = shiftMonth(month, 1);
    return html`<div class="calendar" part="calendar">
      <p class="dvc-hint">
        ${this.localize.t('calendar.window', { from: this.localize.formatDate(res.from), to: this.localize.formatDate(res.to) })}
      </p>
      <div class="cal-header">
        <button
          class="dvc-button dvc-button--secondary cal-nav"
          type="button"
          data-nav="prev"
          aria-label=${this.localize.t('calendar.prevMonth')}
          ?disabled=${prevMonth < monthOf(min)}
          @click=${() => (this.focusDate = clampDate(addMonths(focus, -1), min, max))}
        >
          <span aria-hidden="true">‹</span>
        </button>
        <!-- aria-live: the new month is read out when the buttons or PageUp/PageDown change it (APG). -->
        <h4 class="cal-month" id="cal-month" aria-live="polite">${this.monthTitle(month)}</h4>
        <button
          class="dvc-button dvc-button--secondary cal-nav"
          type="button"
          data-nav="next"
          aria-label=${this.localize.t('calendar.nextMonth')}
          ?disabled=${nextMonth > monthOf(max)}
          @click=${() => (this.focusDate = clampDate(addMonths(focus, 1), min, max))}
        >
          <span aria-hidden="true">›</span>
        </button>
      </div>
      <table
        class="grid"
        role="grid"
        aria-labelledby="cal-month"
        aria-describedby="cal-hint"
        @keydown=${(e: KeyboardEvent) => this.onGridKey(e, focus, min, max)}
      >
        <thead>
          <tr>
            ${weekdays.map(
              (d) => html`<th scope="col">
                <span aria-hidden="true">${this.localize.formatWeekday(d, 'short')}</span>
                <span class="dvc-visually-hidden">${this.localize.formatWeekday(d, 'long')}</span>
              </th>`,
            )}
          </tr>
        </thead>
        <tbody>
          ${weeks.map(
            (week) => html`<tr>
              ${week.map((date) => {
                if (!date) return html`<td></td>`;
                const day = this.dayOf(res, date);
                const isSelected = date === selected;
                const selectable = day.status === 'open';
                const classes = `day day--${day.status}${date === today ? ' day--today' : ''}`;
                const tag = this.dayTag(day);
                return html`<td aria-selected=${isSelected ? 'true' : 'false'}>
                  <!-- Roving tabindex (APG grid): one day in the tab order, arrows move between days.
                       Closed and full days stay focusable (aria-disabled) so their reason can be heard. -->
                  <button
                    type="button"
                    part="day"
                    class=${classes}
                    data-date=${date}
                    data-status=${day.status}
                    tabindex=${date === focus ? '0' : '-1'}
                    aria-disabled=${selectable ? 'false' : 'true'}
                    @click=${() => this.onDayActivate(day, onPick)}
                    @focus=${() => {
                      if (this.focusDate !== date) this.focusDate = date;
                    }}
                  >
                    <span class="day-number" aria-hidden="true">${Number(date.slice(8, 10))}</span>
                    ${tag ? html`<span class="day-tag" aria-hidden="true">${tag}</span>` : nothing}
                    <!-- The name is the full date and its status in words (it contains the visible
                         number, so "click 23" works for speech users, WCAG 2.5.3). -->
                    <span class="dvc-visually-hidden" data-day-label>${this.dayLabel(day, isSelected)}</span>
                  </button>
                </td>`;
              })}
            </tr>`,
          )}
        </tbody>
      </table>
      <p class="dvc-hint" id="cal-hint">${this.localize.t('calendar.hint')}</p>
      <ul class="legend" aria-label=${this.localize.t('calendar.legend')}>
        <li><span class="swatch day day--open" aria-hidden="true"></span>${this.localize.t('calendar.legendOpen')}</li>
        <li><span class="swatch day day--full" aria-hidden="true"></span>${this.localize.t('calendar.legendFull')}</li>
        <li><span class="swatch day day--closed" aria-hidden="true"></span>${this.localize.t('calendar.legendClosed')}</li>
      </ul>
    </div>`;
  }

  private onGridKey(e: KeyboardEvent, focus: string, min: string, max: string): void {
    let next: string | null = null;
    switch (e.key) {
      case 'ArrowLeft':
        next = addDays(focus, -1);
        break;
      case 'ArrowRight':
        next = addDays(focus, 1);
        break;
      case 'ArrowUp':
        next = addDays(focus, -7);
        break;
      case 'ArrowDown':
        next = addDays(focus, 7);
        break;
      case 'Home':
        next = startOfWeek(focus);
        break;
      case 'End':
        next = endOfWeek(focus);
        break;
      case 'PageUp':
        next = addMonths(focus, e.shiftKey ? -12 : -1);
        break;
      case 'PageDown':
        next = addMonths(focus, e.shiftKey ? 12 : 1);
        break;
      default:
        return;
    }
    e.preventDefault();
    const target = clampDate(next, min, max);
    this.focusDate = target;
    this.queueFocus(`button[data-date="${target}"]`);
  }

  private onDayActivate(day: SlotDay, onPick: (date: string) => void): void {
    this.focusDate = day.date;
    if (day.status !== 'open') {
      this.announce(this.localize.t('calendar.notSelectable', { label: this.dayLabel(day, false) }));
      return;
    }
    onPick(day.date);
  }

  private pickDay(date: string): void {
    if (this.date !== date) this.slotStart = null;
    this.date = date;
    this.slotError = false;
    this.goTo('slot');
  }

  // ---- step 3: time slot

  private renderNotice(agency: Agency | null): unknown {
    const n = this.notice;
    if (!n) return nothing;
    let text: string;
    if (n.kind === 'phoneLimit') {
      const limit = n.limit ?? agency?.booking.maxPerPhonePerDay;
      text = limit ? this.localize.t('conflict.phoneLimit', { count: limit }) : this.localize.t('conflict.phoneLimitUnknown');
    } else {
      text = this.localize.t(n.kind === 'slotTaken' ? 'conflict.slotTaken' : 'errors.slotGone');
    }
    // Focusable (tabindex=-1) because focus moves here when a booking is refused.
    return html`<div class="dvc-alert dvc-alert--warning" tabindex="-1" data-notice=${n.kind}>
      <p>${text}</p>
      ${n.kind === 'phoneLimit' && this.mode === 'book'
        ? html`<p class="alert-actions">
            <button class="link-button" type="button" @click=${() => this.openManage()}>${this.localize.t('conflict.manage')}</button>
          </p>`
        : nothing}
    </div>`;
  }

  private renderSlotStep(agency: Agency): TemplateResult {
    return html`${this.stepHeading(this.localize.t('slot.heading'))} ${this.renderChosen()} ${this.renderNotice(agency)}
      ${this.renderSlotsData((res) => this.renderSlotChoices(res, 'slot'), agency)}
      <p class="actions">
        <button class="dvc-button dvc-button--secondary" type="button" @click=${() => this.goTo('day', '[data-step-heading]')}>
          ${this.localize.t('actions.back')}
        </button>
        <button class="dvc-button" part="button" type="button" data-action="to-contact" @click=${() => this.toContact()}>
          ${this.localize.t('actions.next')}
        </button>
      </p>`;
  }

  private renderSlotChoices(res: SlotsResponse, name: string): TemplateResult {
    if (!this.date) return html``;
    const day = this.dayOf(res, this.date);
    const dateText = this.longDate(this.date);
    const free = day.slots.some((s) => s.remaining > 0);
    if (!free) {
      return html`<p class="dvc-alert dvc-alert--info" data-no-slots>${this.localize.t('slot.none')}</p>
        <p>
          <button class="dvc-button dvc-button--secondary" type="button" @click=${() => this.chooseAnotherDay()}>
            ${this.localize.t('actions.chooseAnotherDay')}
          </button>
        </p>`;
    }
    const errorId = `${name}-error`;
    // Native radios in a fieldset: arrow keys, the group name and "n of m" come from the browser.
    return html`<fieldset
      class="slots"
      part="slots"
      aria-describedby=${this.slotError ? errorId : nothing}
      aria-invalid=${this.slotError ? 'true' : nothing}
    >
      <legend>${this.localize.t('slot.legend', { date: dateText })}</legend>
      ${this.slotError ? html`<p class="dvc-field-error" id=${errorId}>${this.localize.t('slot.required')}</p>` : nothing}
      ${day.slots.map((s) => {
        const full = s.remaining === 0;
        const range = this.localize.t('slot.range', { start: this.localize.formatTime(s.start), end: this.localize.formatTime(s.end) });
        const remaining = full ? this.localize.t('slot.full') : this.localize.t('slot.remaining', { count: s.remaining });
        return html`<label class="slot">
          <input
            type="radio"
            name=${name}
            value=${s.start}
            .checked=${live(this.slotStart === s.start)}
            ?disabled=${full}
            @change=${() => {
              this.slotStart = s.start;
              this.slotError = false;
            }}
          />
          <span>${range}<span class="slot-remaining">${remaining}</span></span>
        </label>`;
      })}
    </fieldset>`;
  }

  private chooseAnotherDay(): void {
    this.slotStart = null;
    if (this.mode === 'manage') {
      this.date = null;
      this.queueFocus('button[data-date][tabindex="0"]');
    } else {
      this.goTo('day');
    }
  }

  private selectedSlotValid(): boolean {
    const res = this.slotsTask.value;
    if (!res || !this.date || !this.slotStart) return false;
    return this.dayOf(res, this.date).slots.some((s) => s.start === this.slotStart && s.remaining > 0);
  }

  private toContact(): void {
    if (!this.selectedSlotValid()) {
      this.slotError = true;
      this.queueFocus('input[type="radio"]:not(:disabled)');
      return;
    }
    this.notice = null;
    this.goTo('contact');
  }

  // ---- step 4: contact

  private renderContactStep(agency: Agency): TemplateResult {
    const count = Object.keys(this.errors).length;
    return html`${this.stepHeading(this.localize.t('contact.heading'))}
      ${count
        ? html`<p class="dvc-alert dvc-alert--danger" role="alert" data-error-summary>
            ${this.localize.t('contact.summary', { count })}
          </p>`
        : nothing}
      <form novalidate @submit=${(e: Event) => this.submitContact(e, agency)}>
        <div class="stack">
          ${this.renderField('fullName', { autocomplete: 'name', required: true, maxlength: 100 })}
          ${this.renderField('phone', { autocomplete: 'tel', inputmode: 'tel', type: 'tel', required: true })}
          ${agency.booking.requiresCccd ? this.renderField('cccd', { inputmode: 'numeric', required: true, maxlength: 20 }) : nothing}
          ${this.renderField('note', { multiline: true, maxlength: 500 })}
        </div>
        <p class="actions spaced">
          <button class="dvc-button dvc-button--secondary" type="button" @click=${() => this.goTo('slot')}>
            ${this.localize.t('actions.back')}
          </button>
          <button class="dvc-button" part="button" type="submit">${this.localize.t('actions.next')}</button>
        </p>
      </form>`;
  }

  private renderField(
    field: ContactField,
    opts: { autocomplete?: string; inputmode?: string; type?: string; required?: boolean; multiline?: boolean; maxlength?: number },
  ): TemplateResult {
    const id = `f-${field}`;
    const error = this.errors[field];
    const describedBy = `${id}-hint${error ? ` ${id}-error` : ''}`;
    const onInput = (e: Event) => {
      this.form = { ...this.form, [field]: (e.target as HTMLInputElement).value };
    };
    return html`<div class="field">
      <label class="dvc-label" for=${id}>
        ${this.localize.t(`contact.${field}`)}
        <span class="optional">${opts.required ? this.localize.t('contact.required') : this.localize.t('contact.optional')}</span>
      </label>
      <span class="dvc-hint" id="${id}-hint">${this.localize.t(`contact.${field}Hint`)}</span>
      ${error ? html`<span class="dvc-field-error" id="${id}-error">${this.localize.t(`contact.errors.${error}`)}</span>` : nothing}
      ${opts.multiline
        ? html`<textarea
            id=${id}
            class="dvc-textarea"
            maxlength=${opts.maxlength ?? nothing}
            aria-describedby=${describedBy}
            aria-invalid=${error ? 'true' : 'false'}
            .value=${live(this.form[field])}
            @input=${onInput}
          ></textarea>`
        : html`<input
            id=${id}
            class="dvc-input"
            type=${opts.type ?? 'text'}
            autocomplete=${opts.autocomplete ?? 'off'}
            inputmode=${opts.inputmode ?? nothing}
            maxlength=${opts.maxlength ?? nothing}
            ?required=${opts.required}
            aria-describedby=${describedBy}
            aria-invalid=${error ? 'true' : 'false'}
            .value=${live(this.form[field])}
            @input=${onInput}
          />`}
    </div>`;
  }

  /** Returns the error keys (under `contact.errors`) of the current form. */
  private validateContact(agency: Agency): ContactErrors {
    const errors: ContactErrors = {};
    const name = this.form.fullName.trim();
    if (!name) errors.fullName = 'nameRequired';
    else if (name.length < 2) errors.fullName = 'nameTooShort';
    else if (name.length > 100) errors.fullName = 'nameTooLong';
    if (!this.form.phone.trim()) errors.phone = 'phoneRequired';
    else if (!normalizePhone(this.form.phone)) errors.phone = 'phoneInvalid';
    if (agency.booking.requiresCccd) {
      const cccd = this.form.cccd.replace(/[\s.-]/g, '');
      if (!cccd) errors.cccd = 'cccdRequired';
      else if (!isCccd(cccd)) errors.cccd = 'cccdInvalid';
    }
    if (this.form.note.length > 500) errors.note = 'noteTooLong';
    return errors;
  }

  private submitContact(e: Event, agency: Agency): void {
    e.preventDefault();
    this.errors = this.validateContact(agency);
    const first = (['fullName', 'phone', 'cccd', 'note'] as const).find((f) => this.errors[f]);
    if (first) {
      // Focus the first field in error; its message is linked with aria-describedby.
      this.queueFocus(`#f-${first}`);
      return;
    }
    this.toReview();
  }

  private toReview(): void {
    // One key per review: a double click or the client's automatic retry reuses it, so the
    // server books at most once; changing anything and coming back gets a new one.
    this.idempotencyKey = newIdempotencyKey();
    this.submitError = null;
    this.goTo('review');
  }

  // ---- step 5: review

  private renderReviewStep(agency: Agency): TemplateResult {
    const pending = this.createTask.status === TaskStatus.PENDING;
    const waiting = this.countdown.active;
    const start = this.slotStart!;
    const slot = this.slotsTask.value && this.date ? this.dayOf(this.slotsTask.value, this.date).slots.find((s) => s.start === start) : undefined;
    const edit = (what: string, step: BookingStep) =>
      html`<button class="link-button" type="button" aria-label=${this.localize.t('review.editNamed', { what })} @click=${() => this.goTo(step)}>
        ${this.localize.t('actions.edit')}
      </button>`;
    const phone = normalizePhone(this.form.phone) ?? this.form.phone;
    return html`${this.stepHeading(this.localize.t('review.heading'))}
      <dl class="summary">
        <dt>${this.localize.t('review.procedure')}</dt>
        <dd>${this.chosenName()} ${edit(this.localize.t('review.procedure'), 'procedure')}</dd>
        <dt>${this.localize.t('review.place')}</dt>
        <dd>${agency.name}<br />${agency.address}</dd>
        <dt>${this.localize.t('review.date')}</dt>
        <dd>${this.date ? this.longDate(this.date) : ''} ${edit(this.localize.t('review.date'), 'day')}</dd>
        <dt>${this.localize.t('review.time')}</dt>
        <dd>
          ${this.localize.t('slot.range', {
            start: this.localize.formatTime(start),
            end: this.localize.formatTime(slot?.end ?? start),
          })}
          ${edit(this.localize.t('review.time'), 'slot')}
        </dd>
        <dt>${this.localize.t('review.fullName')}</dt>
        <dd>${this.form.fullName.trim()} ${edit(this.localize.t('review.fullName'), 'contact')}</dd>
        <dt>${this.localize.t('review.phone')}</dt>
        <dd>${phone}</dd>
        ${agency.booking.requiresCccd
          ? html`<dt>${this.localize.t('review.cccd')}</dt>
              <dd>${this.form.cccd.replace(/[\s.-]/g, '')}</dd>`
          : nothing}
        <dt>${this.localize.t('review.note')}</dt>
        <dd>${this.form.note.trim() || this.localize.t('review.none')}</dd>
      </dl>
      ${this.submitError ? this.renderSubmitError(this.submitError, agency) : nothing}
      <p class="actions">
        <button class="dvc-button dvc-button--secondary" type="button" ?disabled=${pending} @click=${() => this.goTo('contact')}>
          ${this.localize.t('actions.back')}
        </button>
        <!-- One click, one booking: inert while pending (aria-disabled, so the pressed button keeps
             focus, WCAG 2.4.3; confirm() ignores it) and disabled during a rate-limit wait. -->
        <button
          class="dvc-button"
          part="button"
          type="button"
          data-action="confirm"
          aria-disabled=${pending ? 'true' : 'false'}
          ?disabled=${waiting}
          aria-describedby=${this.submitError ? 'submit-error' : nothing}
          @click=${() => this.confirm()}
        >
          ${pending ? html`<span class="dvc-spinner" aria-hidden="true"></span> ${this.localize.t('review.confirming')}` : this.localize.t('review.confirm')}
        </button>
      </p>`;
  }

  private renderSubmitError(error: DvcError, agency: Agency | null): TemplateResult {
    const waiting = this.countdown.active;
    const seconds = this.countdown.remaining;
    const invalid = error instanceof ApiError && (error.status === 400 || error.status === 422);
    const phone = agency?.phone;
    return html`<div class="dvc-alert dvc-alert--danger" role="alert" id="submit-error" tabindex="-1" data-submit-error=${error.name}>
      <p>${invalid ? this.localize.t('errors.invalid') : this.localize.errorMessage(error)}</p>
      ${error instanceof RateLimitedError && waiting ? html`<p data-countdown>${this.localize.t('errors.waitRetry', { count: seconds })}</p>` : nothing}
      <p>${this.localize.t('errors.kept')}${this.mode === 'book' && !invalid ? ` ${this.localize.t('errors.safeRetry')}` : ''}</p>
      ${phone && !(error instanceof OfflineError) && !(error instanceof RateLimitedError)
        ? html`<p>${this.localize.t('errors.callOffice', { phone })}</p>`
        : nothing}
      ${invalid
        ? nothing
        : html`<p class="alert-actions">
            <!-- The way forward: the same action again (same Idempotency-Key, so never twice). -->
            <button class="dvc-button dvc-button--secondary" type="button" data-action="retry" ?disabled=${waiting} @click=${() => this.retry()}>
              ${this.localize.t('actions.retry')}
            </button>
          </p>`}
      ${invalid && this.mode === 'book'
        ? html`<p class="alert-actions">
            <button class="dvc-button dvc-button--secondary" type="button" @click=${() => this.goTo('contact')}>
              ${this.localize.t('actions.edit')}
            </button>
          </p>`
        : nothing}
    </div>`;
  }

  private createRequest(signal: AbortSignal) {
    const agency = this.agencyTask.value!;
    const note = this.form.note.trim();
    const cccd = this.form.cccd.replace(/[\s.-]/g, '');
    return {
      body: {
        agency: agency.code,
        procedure: this.chosen!.code,
        start: this.slotStart!,
        fullName: normalizeVi(this.form.fullName.trim().replace(/\s+/g, ' ')),
        phone: normalizePhone(this.form.phone)!,
        ...(agency.booking.requiresCccd && cccd ? { cccd } : {}),
        ...(note ? { note } : {}),
      },
      idempotencyKey: this.idempotencyKey ?? undefined,
      signal,
    };
  }

  private confirm(): void {
    if (this.createTask.status === TaskStatus.PENDING || this.countdown.active) return;
    this.idempotencyKey ??= newIdempotencyKey();
    this.submitError = null;
    void this.createTask.run();
  }

  private onBooked(appointment: Appointment): void {
    // A run aborted because the element left the page settles with the previous value; the
    // task re-runs (same Idempotency-Key) when the element comes back, so ignore this one.
    if (!this.isConnected) return;
    this.booked = appointment;
    this.qr = null;
    this.submitError = null;
    this.notice = null;
    this.idempotencyKey = null;
    this.goTo('done');
    void this.loadQr(appointment.code);
    this.announce(this.localize.t('done.announce', { code: appointment.code }));
    this.dispatchEvent(
      new DvcAppointmentBookedEvent({
        code: appointment.code,
        start: appointment.start,
        end: appointment.end,
        agency: appointment.agency.code,
      }),
    );
  }

  private retry(): void {
    if (this.countdown.active) return;
    switch (this.lastAction) {
      case 'book':
        this.confirm();
        break;
      case 'cancel':
        this.doCancel();
        break;
      case 'reschedule':
        this.doReschedule();
        break;
      case 'lookup':
        this.manageError = null;
        void this.lookupTask.run();
        break;
    }
  }

  /** A 409 with the fresh availability, a per-phone limit, or a fault with a way forward. */
  private onSubmitError(error: DvcError, action: 'book' | 'cancel' | 'reschedule'): void {
    this.lastAction = action;
    const conflict = error instanceof ApiError && error.status === 409;
    if (conflict && action === 'cancel') {
      // Already cancelled (another tab, or an earlier attempt whose answer was lost): say so and
      // show the current state instead of an error.
      this.confirmingCancel = false;
      this.manageMessage = this.localize.t('manage.alreadyCancelled');
      this.announce(this.manageMessage);
      if (this.managed) this.managed = { ...this.managed, status: 'cancelled' };
      this.queueFocus('[data-manage-message]');
      return;
    }
    const gone =
      error instanceof ApiError && error.status === 422 && SLOT_GONE_REASONS.has(String(error.details?.['reason'] ?? ''));
    if (gone && action !== 'cancel') {
      // The chosen time started or closed while the citizen was typing: same path as a conflict.
      this.slotStart = null;
      this.notice = { kind: 'slotGone' };
      this.slotsVersion += 1;
      if (action === 'book') this.goTo('slot', '[data-notice]');
      else this.queueFocus('[data-notice]');
      this.announce(this.localize.t('errors.slotGone'));
      return;
    }
    if (conflict && action !== 'cancel') {
      const details = (error as ApiError).details ?? {};
      if (details['reason'] === 'phone_limit') {
        // The reference server sends `maxPerPhonePerDay`; `limit` is accepted from other back ends.
        const raw = details['maxPerPhonePerDay'] ?? details['limit'];
        const limit = typeof raw === 'number' ? raw : undefined;
        this.notice = { kind: 'phoneLimit', limit };
        if (action === 'book') this.goTo('day', '[data-notice]');
        else this.queueFocus('[data-notice]');
        this.announce(this.localize.t(limit ? 'conflict.phoneLimit' : 'conflict.phoneLimitUnknown', { count: limit }));
        return;
      }
      // The slot filled meanwhile: keep everything typed, show the fresh availability at once,
      // refresh the calendar, and bring the citizen back to the time choice.
      this.applyAvailability(details['availability']);
      this.slotStart = null;
      this.notice = { kind: 'slotTaken' };
      this.slotsVersion += 1;
      if (action === 'book') this.goTo('slot', '[data-notice]');
      else this.queueFocus('[data-notice]');
      this.announce(this.localize.t('conflict.slotTaken'));
      return;
    }
    this.countdown.start(error);
    if (action === 'book') {
      this.submitError = error;
      this.queueFocus('#submit-error');
    } else {
      this.manageError = error;
      this.queueFocus('[data-manage-error]');
    }
  }

  /** Accepts `details.availability` as a SlotDay, a list of them, or a SlotsResponse-like `{ days }`. */
  private applyAvailability(raw: unknown): void {
    const list: unknown[] = Array.isArray(raw)
      ? raw
      : raw && typeof raw === 'object' && Array.isArray((raw as { days?: unknown }).days)
        ? ((raw as { days: unknown[] }).days)
        : raw
          ? [raw]
          : [];
    const patches = new Map(this.dayPatches);
    for (const item of list) {
      const parsed = SlotDaySchema.safeParse(item);
      if (parsed.success) patches.set(parsed.data.date, parsed.data);
    }
    this.dayPatches = patches;
  }

  // ---- step 6: confirmation

  private async loadQr(code: string): Promise<void> {
    try {
      const matrix = await encodeQr(code);
      if (this.booked?.code === code) this.qr = matrix;
    } catch {
      // Without the QR module (e.g. the chunk failed on a flaky link) the code itself still works.
      if (this.booked?.code === code) this.qr = 'failed';
    }
  }

  private renderQr(code: string): TemplateResult {
    const qr = this.qr;
    if (qr === 'failed') return html`<p class="dvc-hint">${this.localize.t('done.qrFailed', { code })}</p>`;
    if (!qr || qr.data.length === 0) return this.renderLoading(this.localize.t('done.qrLoading'));
    const n = qr.data.length;
    return html`<svg
      class="qr"
      part="qr"
      role="img"
      aria-label=${this.localize.t('done.qrLabel', { code })}
      viewBox="0 0 ${n} ${n}"
      shape-rendering="crispEdges"
      data-qr-size=${n}
    >
      ${svg`<rect width=${n} height=${n} fill="#fff"></rect><path d=${qrPath(qr.data)} fill="#000"></path>`}
    </svg>`;
  }

  private renderAppointmentDetails(a: Appointment): TemplateResult {
    return html`<dl class="summary">
      <dt>${this.localize.t('done.code')}</dt>
      <dd class="code" part="code" data-code>${a.code}</dd>
      <dt>${this.localize.t('done.procedure')}</dt>
      <dd>${a.procedure.name}</dd>
      <dt>${this.localize.t('done.date')}</dt>
      <dd>${this.longDate(vnDate(a.start))}</dd>
      <dt>${this.localize.t('done.time')}</dt>
      <dd>${this.localize.t('slot.range', { start: this.localize.formatTime(a.start), end: this.localize.formatTime(a.end) })}</dd>
      <dt>${this.localize.t('done.place')}</dt>
      <dd>${a.agency.name}<br />${a.agency.address}</dd>
      <dt>${this.localize.t('done.counter')}</dt>
      <dd>${a.counter.name}</dd>
      ${a.agency.phone
        ? html`<dt>${this.localize.t('done.phone')}</dt>
            <dd><a class="dvc-link" href="tel:${a.agency.phone.replace(/[^\d+]/g, '')}">${a.agency.phone}</a></dd>`
        : nothing}
      ${a.bring.length
        ? html`<dt>${this.localize.t('done.bring')}</dt>
            <dd>
              <ul class="bring">
                ${a.bring.map((b) => html`<li>${b}</li>`)}
              </ul>
            </dd>`
        : nothing}
    </dl>`;
  }

  private renderConfirmation(a: Appointment, _agency: Agency): TemplateResult {
    return html`${this.stepHeading(this.localize.t('done.heading'))}
      <p>${this.localize.t('done.lead')}</p>
      <div class="ticket" part="ticket">${this.renderAppointmentDetails(a)} ${this.renderQr(a.code)}</div>
      <p class="actions">
        <button class="dvc-button" part="button" type="button" data-action="ics" @click=${() => this.downloadIcs(a)}>
          ${this.localize.t('done.addToCalendar')}
        </button>
        <button class="dvc-button dvc-button--secondary" type="button" data-action="print" @click=${() => window.print()}>
          ${this.localize.t('done.print')}
        </button>
        <button class="dvc-button dvc-button--secondary" type="button" data-action="another" @click=${() => this.startOver()}>
          ${this.localize.t('done.another')}
        </button>
      </p>`;
  }

  /** Builds the .ics text of an appointment (exposed for tests and for host pages that mail it). */
  icsFor(a: Appointment): string {
    return buildIcs({
      uid: `${a.code}@dvc-widgets`,
      start: a.start,
      end: a.end,
      summary: this.localize.t('done.icsSummary', { procedure: a.procedure.name }),
      description: this.localize.t('done.icsDescription', {
        code: a.code,
        procedure: a.procedure.name,
        counter: a.counter.name,
        bring: a.bring.join('; '),
      }),
      location: `${a.agency.name}, ${a.agency.address}`,
      alarmMinutes: 60,
      alarmText: this.localize.t('done.icsAlarm', { code: a.code }),
      status: a.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    });
  }

  private downloadIcs(a: Appointment): void {
    const blob = new Blob([this.icsFor(a)], { type: 'text/calendar;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = this.localize.t('done.icsFile', { code: a.code });
    link.hidden = true;
    this.renderRoot.appendChild(link);
    link.click();
    link.remove();
    // Revoke later: some browsers start the download asynchronously after click().
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  private startOver(): void {
    this.booked = null;
    this.qr = null;
    this.chosen = null;
    this.query = '';
    this.resetSelection();
    this.errors = {};
    // The contact details stay: the same person often books a second procedure.
    this.goTo('procedure', '#procedure-search');
  }

  // ------------------------------------------------------------------ manage mode

  private renderManageToggle(): TemplateResult {
    return html`<button class="link-button manage-toggle" type="button" data-action="manage" @click=${() => this.openManage()}>
      ${this.localize.t('manage.open')}
    </button>`;
  }

  private openManage(): void {
    // Rescheduling uses the same calendar state; keep the booking in progress to restore it.
    this.stash = { date: this.date, slotStart: this.slotStart, focusDate: this.focusDate, notice: this.notice };
    this.mode = 'manage';
    this.manageError = null;
    this.manageMessage = '';
    // Prefill the phone from the booking form: fewer things to type.
    if (!this.managePhone && this.form.phone) this.managePhone = this.form.phone;
    this.queueFocus('[data-manage-heading]');
  }

  private closeManage(): void {
    this.mode = 'book';
    this.rescheduling = false;
    this.confirmingCancel = false;
    // Back to the booking exactly as it was left (nothing typed or chosen is lost).
    ({ date: this.date, slotStart: this.slotStart, focusDate: this.focusDate, notice: this.notice } = this.stash ?? {
      date: null,
      slotStart: null,
      focusDate: null,
      notice: null,
    });
    this.stash = null;
    this.queueFocus('[data-action="manage"]');
  }

  private renderManage(): TemplateResult {
    const a = this.managed;
    return html`<section class="panel" part="panel" aria-labelledby="manage-heading">
      <h3 class="step-heading" id="manage-heading" tabindex="-1" data-manage-heading>${this.localize.t('manage.heading')}</h3>
      ${a ? this.renderManaged(a) : this.renderLookupForm()}
      <p class="actions">
        <button class="dvc-button dvc-button--secondary" type="button" data-action="back-to-booking" @click=${() => this.closeManage()}>
          ${this.localize.t('manage.backToBooking')}
        </button>
      </p>
    </section>`;
  }

  private renderManageError(): unknown {
    const e = this.manageError;
    if (!e) return nothing;
    if (e instanceof ApiError && e.status === 404) {
      return html`<p class="dvc-alert dvc-alert--danger" role="alert" tabindex="-1" data-manage-error>${this.localize.t('manage.notFound')}</p>`;
    }
    return html`<div tabindex="-1" data-manage-error>${this.renderSubmitError(e, this.agencyTask.value ?? null)}</div>`;
  }

  private renderLookupForm(): TemplateResult {
    const pending = this.lookupTask.status === TaskStatus.PENDING;
    const field = (name: 'code' | 'phone', attrs: { autocomplete: string; inputmode?: string; type?: string }) => {
      const id = `m-${name}`;
      const err = this.manageErrors[name];
      return html`<div class="field">
        <label class="dvc-label" for=${id}>${this.localize.t(`manage.${name}`)}</label>
        ${name === 'code' ? html`<span class="dvc-hint" id="${id}-hint">${this.localize.t('manage.codeHint')}</span>` : nothing}
        ${err ? html`<span class="dvc-field-error" id="${id}-error">${this.localize.t(err)}</span>` : nothing}
        <input
          id=${id}
          class="dvc-input"
          type=${attrs.type ?? 'text'}
          autocomplete=${attrs.autocomplete}
          inputmode=${attrs.inputmode ?? nothing}
          aria-describedby=${[name === 'code' ? `${id}-hint` : '', err ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing}
          aria-invalid=${err ? 'true' : 'false'}
          .value=${live(name === 'code' ? this.manageCode : this.managePhone)}
          @input=${(e: Event) => {
            const v = (e.target as HTMLInputElement).value;
            if (name === 'code') this.manageCode = v;
            else this.managePhone = v;
          }}
        />
      </div>`;
    };
    return html`<p>${this.localize.t('manage.intro')}</p>
      ${this.renderManageError()}
      <form class="stack" novalidate @submit=${(e: Event) => this.lookup(e)}>
        ${field('code', { autocomplete: 'off' })} ${field('phone', { autocomplete: 'tel', inputmode: 'tel', type: 'tel' })}
        <p class="actions">
          <!-- aria-disabled while looking up: the pressed button keeps focus (WCAG 2.4.3). -->
          <button class="dvc-button" part="button" type="submit" aria-disabled=${pending ? 'true' : 'false'}>
            ${pending ? html`<span class="dvc-spinner" aria-hidden="true"></span> ${this.localize.t('manage.looking')}` : this.localize.t('manage.lookup')}
          </button>
        </p>
      </form>`;
  }

  /** `lh 7k3m9q`, `LH7K3M9Q`, `lh–7k3m9q` → `LH-7K3M9Q`. */
  private normalizeCode(raw: string): string {
    const s = raw.normalize('NFKC').toUpperCase().replace(/[^0-9A-Z]/g, '');
    return s.startsWith('LH') ? `LH-${s.slice(2)}` : s;
  }

  private lookup(e: Event): void {
    e.preventDefault();
    if (this.lookupTask.status === TaskStatus.PENDING) return;
    const code = this.normalizeCode(this.manageCode);
    const phone = normalizePhone(this.managePhone);
    const errors: { code?: string; phone?: string } = {};
    if (!this.manageCode.trim()) errors.code = 'manage.codeRequired';
    else if (!APPOINTMENT_CODE_RE.test(code)) errors.code = 'manage.codeInvalid';
    if (!this.managePhone.trim()) errors.phone = 'contact.errors.phoneRequired';
    else if (!phone) errors.phone = 'contact.errors.phoneInvalid';
    this.manageErrors = errors;
    if (errors.code || errors.phone) {
      this.queueFocus(errors.code ? '#m-code' : '#m-phone');
      return;
    }
    this.manageCode = code;
    this.managedPhone = phone!;
    this.manageError = null;
    void this.lookupTask.run();
  }

  private renderManaged(a: Appointment): TemplateResult {
    const busy = this.cancelTask.status === TaskStatus.PENDING || this.rescheduleTask.status === TaskStatus.PENDING;
    const cancelled = a.status === 'cancelled';
    return html`${this.manageMessage
        ? html`<p class="dvc-alert dvc-alert--success" tabindex="-1" data-manage-message>${this.manageMessage}</p>`
        : nothing}
      <dl class="summary">
        <dt>${this.localize.t('manage.status')}</dt>
        <dd data-status=${a.status}>${cancelled ? this.localize.t('manage.statusCancelled') : this.localize.t('manage.statusBooked')}</dd>
      </dl>
      ${this.renderAppointmentDetails(a)} ${this.renderManageError()} ${this.renderNotice(null)}
      ${cancelled
        ? nothing
        : this.confirmingCancel
          ? html`<div class="dvc-alert dvc-alert--warning" data-confirm-cancel>
              <p id="confirm-cancel-text" tabindex="-1">
                ${this.localize.t('manage.confirmCancel', {
                  code: a.code,
                  time: this.localize.formatTime(a.start),
                  date: this.localize.formatDate(a.start),
                })}
              </p>
              <p class="actions alert-actions">
                <button class="dvc-button" type="button" data-action="yes-cancel" aria-disabled=${busy ? 'true' : 'false'} @click=${() => this.doCancel()}>
                  ${busy ? html`<span class="dvc-spinner" aria-hidden="true"></span> ${this.localize.t('manage.cancelling')}` : this.localize.t('manage.yesCancel')}
                </button>
                <button
                  class="dvc-button dvc-button--secondary"
                  type="button"
                  data-action="no-keep"
                  ?disabled=${busy}
                  @click=${() => {
                    this.confirmingCancel = false;
                    this.queueFocus('[data-action="cancel"]');
                  }}
                >
                  ${this.localize.t('manage.noKeep')}
                </button>
              </p>
            </div>`
          : this.rescheduling
            ? this.renderReschedule(busy)
            : html`<p class="actions">
                <button class="dvc-button" part="button" type="button" data-action="reschedule" @click=${() => this.startReschedule()}>
                  ${this.localize.t('manage.reschedule')}
                </button>
                <button class="dvc-button dvc-button--secondary" type="button" data-action="cancel" @click=${() => this.askCancel()}>
                  ${this.localize.t('manage.cancel')}
                </button>
                <button class="dvc-button dvc-button--secondary" type="button" data-action="ics" @click=${() => this.downloadIcs(a)}>
                  ${this.localize.t('done.addToCalendar')}
                </button>
              </p>`}`;
  }

  private askCancel(): void {
    // Cancelling cannot be undone: ask first, and focus the question so it is read out.
    this.confirmingCancel = true;
    this.manageKey = newIdempotencyKey();
    this.manageKeyFor = `cancel|${this.managed?.code}`;
    this.manageMessage = '';
    this.queueFocus('#confirm-cancel-text');
  }

  private doCancel(): void {
    if (this.cancelTask.status === TaskStatus.PENDING || this.countdown.active) return;
    this.manageError = null;
    void this.cancelTask.run();
  }

  private startReschedule(): void {
    this.rescheduling = true;
    this.manageMessage = '';
    this.manageError = null;
    this.notice = null;
    this.date = null;
    this.slotStart = null;
    this.focusDate = null;
    this.queueFocus('#reschedule-heading');
  }

  private renderReschedule(busy: boolean): TemplateResult {
    const waiting = this.countdown.active;
    return html`<section class="stack" aria-labelledby="reschedule-heading">
      <h4 class="step-heading" id="reschedule-heading" tabindex="-1">${this.localize.t('manage.rescheduleHeading')}</h4>
      ${this.renderSlotsData(
        (res) => html`${this.renderCalendar(res, this.date, (d) => {
          if (this.date !== d) this.slotStart = null;
          this.date = d;
          this.slotError = false;
          this.queueFocus('input[name="reslot"]:not(:disabled)');
        })}
        ${this.date ? this.renderSlotChoices(res, 'reslot') : nothing}`,
        null,
      )}
      <p class="actions">
        <button
          class="dvc-button"
          part="button"
          type="button"
          data-action="confirm-reschedule"
          aria-disabled=${busy ? 'true' : 'false'}
          ?disabled=${waiting}
          @click=${() => this.doReschedule()}
        >
          ${busy ? html`<span class="dvc-spinner" aria-hidden="true"></span> ${this.localize.t('manage.rescheduling')}` : this.localize.t('manage.rescheduleConfirm')}
        </button>
        <button
          class="dvc-button dvc-button--secondary"
          type="button"
          @click=${() => {
            this.rescheduling = false;
            this.notice = null;
            this.queueFocus('[data-action="reschedule"]');
          }}
        >
          ${this.localize.t('manage.stopReschedule')}
        </button>
      </p>
    </section>`;
  }

  private doReschedule(): void {
    if (this.rescheduleTask.status === TaskStatus.PENDING || this.countdown.active) return;
    if (!this.selectedSlotValid()) {
      this.slotError = true;
      this.queueFocus(this.date ? 'input[name="reslot"]:not(:disabled)' : 'button[data-date][tabindex="0"]');
      return;
    }
    // Same target, same key: a retry after a timeout cannot move the booking twice.
    const target = `${this.managed?.code}|${this.slotStart}`;
    if (this.manageKeyFor !== target) {
      this.manageKey = newIdempotencyKey();
      this.manageKeyFor = target;
    }
    this.manageError = null;
    this.notice = null;
    void this.rescheduleTask.run();
  }
}
