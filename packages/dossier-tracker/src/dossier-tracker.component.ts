import { html, nothing, svg, type PropertyValues, type SVGTemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import * as z from 'zod/mini';
import { AGENCY_CODE_RE, Dossier, type DossierStatus } from '@dvc-widgets/contract';
import {
  AnnouncerController,
  ApiController,
  ApiError,
  DataTask,
  deepActiveElement,
  FocusController,
  DvcDossierFoundEvent,
  DvcElement,
  DvcRateRequestEvent,
  LocalizeController,
  NetworkError,
  OfflineError,
  RateLimitedError,
  RetryCountdownController,
  TaskStatus,
  TimeoutError,
  ValidationError,
  baseStyles,
  isDossierCode,
  normalizeDossierCode,
  now,
  readJson,
  registerLocale,
  remove,
  resolveConfig,
  writeJson,
  type DvcError,
} from '@dvc-widgets/core';
import { styles } from './dossier-tracker.styles.js';
import vi from './locales/vi.js';

// English is fetched only when a reader needs it (most portals are Vietnamese-only).
registerLocale('dossier-tracker', { vi, en: () => import('./locales/en.js') });

/** The example printed in the hint when the portal gives no agency code of its own. */
export const EXAMPLE_DOSSIER_CODE = '000.00.01.H29-260310-0420';
const EXAMPLE_TAIL = '260310-0420';

/** Storage keys (core's storage helpers add the `dvc:` prefix). */
const KEY_REMEMBER = 'dossier-tracker.remember';
const KEY_RECENT = 'dossier-tracker.recent';
const KEY_RESULTS = 'dossier-tracker.results';
const MAX_RECENT = 5;
const MAX_RESULTS = 10;

/** A code the citizen looked up, remembered on the device when they opt in. */
export interface RecentLookup {
  code: string;
  status: DossierStatus;
  /** ISO time the answer was seen. */
  seenAt: string;
}

interface SavedResult {
  seenAt: string;
  dossier: unknown;
}

/** Why the shown result is a saved copy rather than a fresh answer. */
export type StaleReason = 'offline' | 'network';

export interface LookupResult {
  dossier: Dossier;
  /** Set when the server could not be reached and this is the copy saved at `seenAt`. */
  stale: { reason: StaleReason; seenAt: string } | null;
}

/** How a status reads at a glance: which icon, which accent colour. */
export type StatusGroup = 'waiting' | 'progress' | 'action' | 'ready' | 'done' | 'stopped' | 'withdrawn';

export const STATUS_GROUP: Record<DossierStatus, StatusGroup> = {
  registered: 'waiting',
  received: 'progress',
  processing: 'progress',
  supplement_requested: 'action',
  financial_obligation: 'action',
  resolved: 'ready',
  returned: 'done',
  not_received: 'stopped',
  suspended: 'stopped',
  withdrawal_requested: 'withdrawn',
};

/** Statuses in which the due-date clock matters to the citizen. */
const ACTIVE: ReadonlySet<DossierStatus> = new Set([
  'received',
  'processing',
  'supplement_requested',
  'financial_obligation',
]);

const ICONS: Record<StatusGroup | 'late', SVGTemplateResult> = {
  waiting: svg`<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 2"/>`,
  progress: svg`<path d="M4 12a8 8 0 0 1 14-5.3M20 12a8 8 0 0 1-14 5.3"/><path d="M18 3v4h-4M6 21v-4h4"/>`,
  action: svg`<path d="M12 3 2 20h20Z"/><path d="M12 10v4M12 17v.5"/>`,
  ready: svg`<circle cx="12" cy="12" r="9"/><path d="m8 12 3 3 5-6"/>`,
  done: svg`<path d="m2 13 4 4 8-9M10 16l1 1 9-10"/>`,
  stopped: svg`<circle cx="12" cy="12" r="9"/><path d="m9 9 6 6M15 9l-6 6"/>`,
  withdrawn: svg`<path d="M9 14 4 9l5-5"/><path d="M4 9h11a5 5 0 0 1 0 10h-3"/>`,
  late: svg`<circle cx="12" cy="12" r="9"/><path d="M12 7v6M12 16v.5"/>`,
};

const icon = (name: StatusGroup | 'late') =>
  // Decorative: the status text next to it carries the meaning, so the icon is hidden from assistive tech.
  html`<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${ICONS[name]}</svg>`;

const isStatus = (v: unknown): v is DossierStatus => typeof v === 'string' && v in STATUS_GROUP;

let idCounter = 0;

/**
 * Lets a citizen who holds the receipt (giấy tiếp nhận và hẹn trả kết quả) check a dossier by its
 * code: where it is, when the result is due, what they must do, and whether it is late.
 *
 * @summary Dossier status lookup by code, in plain Vietnamese.
 * @tag dvc-dossier-tracker
 *
 * @attr api-base - Base URL of the API (else `<meta name="dvc:api-base">` or `window.dvcWidgets.config.apiBase`).
 * @attr agency - The portal's agency code (e.g. `000.00.01.H29`): used in the hint's example and to complete a short code (`260310-0420`).
 * @attr code - A dossier code to prefill; a valid one is looked up at once.
 * @attr code-param - Name of the page URL parameter the code is read from on connect (default `ma-ho-so`).
 * @attr theme - `light` (default), `dark` or `auto`.
 *
 * @fires dvc-dossier-found - A dossier was found (fresh answer from the server). Detail: `{ code, status }`.
 * @fires dvc-rate-request - Cancelable. The citizen asked to rate a returned dossier. Detail: `{ dossierCode }`. A satisfaction survey on the page calls `preventDefault()`.
 *
 * @csspart base - The root wrapper.
 * @csspart title - The widget heading.
 * @csspart form - The lookup form.
 * @csspart input - The code input.
 * @csspart submit - The lookup button.
 * @csspart countdown - The rate-limit countdown under the field.
 * @csspart recent - The list of recent lookups.
 * @csspart result - The result card.
 * @csspart status - The status badge (icon and text).
 * @csspart progress - The progress bar against the due date.
 * @csspart next-steps - What the citizen does next.
 * @csspart timeline - The history list.
 * @csspart error - An error message box.
 * @csspart rate-button - The "Đánh giá" button.
 *
 * @cssproperty --dvc-dossier-tracker-accent - Accent colour (checkbox, timeline dots). Default `--dvc-color-primary`.
 * @cssproperty --dvc-dossier-tracker-card-background - Result card background. Default `--dvc-color-surface-alt`.
 * @cssproperty --dvc-dossier-tracker-progress-track - Progress bar track. Default `--dvc-color-surface-alt`.
 * @cssproperty --dvc-dossier-tracker-progress-fill - Progress bar fill. Default `--dvc-color-primary`.
 * @cssproperty --dvc-dossier-tracker-progress-late - Progress bar fill when late. Default `--dvc-color-danger`.
 * @cssproperty --dvc-dossier-tracker-max-width - Widest the widget grows. Default `48em`.
 */
export class DvcDossierTracker extends DvcElement {
  static override styles = [baseStyles, styles];

  /** Base URL of the API. */
  @property({ attribute: 'api-base' }) apiBase?: string;
  /** The portal's agency code (hint example, short-code completion). */
  @property() agency?: string;
  /** The dossier code: prefilled into the input; a valid one is looked up. */
  @property() code = '';
  /** Page URL parameter read on connect. */
  @property({ attribute: 'code-param' }) codeParam = 'ma-ho-so';

  @state() private _input = '';
  @state() private _formError: 'empty' | 'invalid' | null = null;
  @state() private _query = '';
  @state() private _remember = false;
  @state() private _recent: RecentLookup[] = [];
  @state() private _ratingFallback = false;

  @query('#code') private _inputEl?: HTMLInputElement;

  private readonly l = new LocalizeController(this, 'dossier-tracker');
  private readonly api = new ApiController(this);
  /** One polite region for every announcement: results, errors, the end of a countdown. */
  private readonly announcer = new AnnouncerController(this);
  private readonly focusAfterUpdate = new FocusController(this);
  // Announced once at the end, not every second: a ticking live region drowns out everything else.
  private readonly countdown = new RetryCountdownController(this, { onEnd: () => this.announce(this.l.t('error.ready')) });
  private readonly ids = `dvc-dt-${++idCounter}`;
  private _userInitiated = false;
  private _focusAtStart: Element | null = null;
  private _initialised = false;

  private readonly lookup = new DataTask<readonly [string], LookupResult>(this, {
    autoRun: false,
    args: () => [this._query] as const,
    task: async ([code], { signal }) => {
      try {
        const dossier = await this.api.client.request('getDossier', {
          params: { code },
          // The task's signal aborts on a newer lookup and when the element leaves the page.
          signal,
        });
        return { dossier, stale: null };
      } catch (error) {
        // A weak rural connection shows up as offline, a network error or a timeout: the last
        // answer seen for this code (with its time) is more useful than an error alone.
        const reason: StaleReason | null =
          error instanceof OfflineError
            ? 'offline'
            : error instanceof NetworkError || error instanceof TimeoutError
              ? 'network'
              : null;
        const saved = reason ? this.savedResult(code) : null;
        if (reason && saved) return { dossier: saved.dossier, stale: { reason, seenAt: saved.seenAt } };
        throw error;
      }
    },
    onComplete: (result) => this.completed(result),
    onError: (error) => this.failed(error),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this._remember = readJson<boolean>(KEY_REMEMBER, false) === true;
    this._recent = this._remember ? this.readRecent() : [];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this._initialised) {
      this._initialised = true;
      const fromUrl = this.codeFromUrl();
      if (fromUrl) {
        this._input = fromUrl;
        this.startLookup(fromUrl, false);
      } else if (this.code) {
        this._input = this.code;
        this.startLookup(this.code, false);
      }
    } else if (changed.has('code') && this.code && normalizeDossierCode(this.code) !== this._query) {
      this._input = this.code;
      this.startLookup(this.code, false);
    }
  }

  /** The code in the page URL (`?ma-ho-so=…`), if any. */
  private codeFromUrl(): string {
    if (!this.codeParam || typeof location === 'undefined') return '';
    try {
      return new URLSearchParams(location.search).get(this.codeParam)?.trim() ?? '';
    } catch {
      return '';
    }
  }

  /** Normalised code, completed with the portal's agency code when only the tail was typed. */
  private normalise(raw: string): string {
    const code = normalizeDossierCode(raw);
    const agency = this.agencyCode();
    if (agency && /^\d{6}-\d{4}$/.test(code)) return `${agency}-${code}`;
    return code;
  }

  private agencyCode(): string | undefined {
    // Attribute › <meta name="dvc:agency"> › window.dvcWidgets.config.agency, like every widget.
    const agency = (this.agency?.trim() || resolveConfig(this).agency)?.trim().toUpperCase();
    return agency && AGENCY_CODE_RE.test(agency) ? agency : undefined;
  }

  private get example(): string {
    const agency = this.agencyCode();
    return agency ? `${agency}-${EXAMPLE_TAIL}` : EXAMPLE_DOSSIER_CODE;
  }

  /** Checks the format first; only a well-formed code is sent. Returns whether a lookup started. */
  private startLookup(raw: string, userInitiated: boolean): boolean {
    const code = this.normalise(raw);
    const problem = !code ? 'empty' : !isDossierCode(code) ? 'invalid' : null;
    // A bad code from the page (attribute, URL) is only prefilled: the citizen did not submit it yet.
    this._formError = userInitiated ? problem : null;
    if (problem) {
      if (userInitiated) {
        this.announce(this.l.t(`form.${problem}`, { example: this.example }));
        // Back to the input so the citizen can correct what they typed (kept as typed).
        void this.focusAfterUpdate.request(() => this._inputEl);
      }
      return false;
    }
    if (this.countdown.active) {
      if (userInitiated) this.announce(this.l.t('error.countdown', { count: this.countdown.remaining }));
      return false;
    }
    this._userInitiated = userInitiated;
    this._focusAtStart = userInitiated ? deepActiveElement() : null;
    this._ratingFallback = false;
    this._query = code;
    this.code = code;
    this.announce(this.l.t('loading'));
    void this.lookup.run([code]);
    return true;
  }

  /** Look up `code` now (or the code in the input when omitted). */
  check(code?: string): boolean {
    if (code !== undefined) this._input = code;
    return this.startLookup(code ?? this._input, true);
  }

  private completed(result: LookupResult): void {
    const { dossier, stale } = result;
    const status = this.l.t(`status.${dossier.status}`);
    if (stale) {
      this.announce(this.staleText(stale));
    } else {
      const seenAt = new Date(now()).toISOString();
      this.saveResult(dossier, seenAt);
      if (this._remember) this.addRecent({ code: dossier.code, status: dossier.status, seenAt });
      this.announce(this.l.t('found', { code: dossier.code, status }));
      this.dispatchEvent(new DvcDossierFoundEvent({ code: dossier.code, status: dossier.status }));
    }
    if (this._userInitiated) {
      // Move to the answer only when the citizen asked for it (a lookup from the page URL on load
      // must not steal focus), and only if they have not moved on while it loaded (focus still
      // where they were, or that control vanished with the old state: a retry button).
      void this.focusAfterUpdate.request('.result-heading', { unlessMovedFrom: this._focusAtStart });
    }
  }

  private failed(error: DvcError): void {
    this.countdown.start(error);
    this.announce(this.errorText(error));
  }

  // ---- device storage (core's fail-safe helpers) ----

  private readRecent(): RecentLookup[] {
    const list = readJson<unknown>(KEY_RECENT, []);
    if (!Array.isArray(list)) return [];
    return list
      .filter(
        (e): e is RecentLookup =>
          !!e &&
          typeof e === 'object' &&
          typeof (e as RecentLookup).code === 'string' &&
          isDossierCode((e as RecentLookup).code) &&
          isStatus((e as RecentLookup).status) &&
          typeof (e as RecentLookup).seenAt === 'string',
      )
      .slice(0, MAX_RECENT);
  }

  private addRecent(entry: RecentLookup): void {
    this._recent = [entry, ...this._recent.filter((e) => e.code !== entry.code)].slice(0, MAX_RECENT);
    writeJson(KEY_RECENT, this._recent);
  }

  private savedResults(): Record<string, SavedResult> {
    const saved = readJson<unknown>(KEY_RESULTS, {});
    return saved && typeof saved === 'object' && !Array.isArray(saved) ? (saved as Record<string, SavedResult>) : {};
  }

  /**
   * The last answer per code is kept on the device (without the opt-in) so the offline view
   * works: it shows no more than anyone holding the code could look up online, and the applicant
   * name in it is already masked by the server.
   */
  private saveResult(dossier: Dossier, seenAt: string): void {
    const all = this.savedResults();
    delete all[dossier.code];
    const entries = [[dossier.code, { seenAt, dossier }] as const, ...Object.entries(all)].slice(0, MAX_RESULTS);
    writeJson(KEY_RESULTS, Object.fromEntries(entries));
  }

  private savedResult(code: string): { dossier: Dossier; seenAt: string } | null {
    const entry = this.savedResults()[code];
    if (!entry || typeof entry.seenAt !== 'string') return null;
    // Stored data is untrusted (older version, another script): it must still match the contract.
    const parsed = z.safeParse(Dossier, entry.dossier);
    return parsed.success ? { dossier: parsed.data, seenAt: entry.seenAt } : null;
  }

  private onRememberChange(e: Event): void {
    this._remember = (e.target as HTMLInputElement).checked;
    writeJson(KEY_REMEMBER, this._remember);
    if (this._remember) {
      const current = this.lookup.value;
      if (current && !current.stale) {
        this.addRecent({ code: current.dossier.code, status: current.dossier.status, seenAt: new Date(now()).toISOString() });
      }
    } else {
      // Unticking means "do not keep my codes here": forget the list at once.
      this.forgetRecent();
    }
  }

  private forgetRecent(): void {
    this._recent = [];
    remove(KEY_RECENT);
  }

  private onClear(): void {
    this.forgetRecent();
    remove(KEY_RESULTS);
    this.announce(this.l.t('recent.cleared'));
    // The clear button disappears with the list: keep the keyboard user in the form.
    void this.focusAfterUpdate.request(() => this._inputEl);
  }

  // ---- events from the template ----

  private onInput(e: InputEvent): void {
    this._input = (e.target as HTMLInputElement).value;
    if (this._formError) this._formError = null;
  }

  private onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    // The button is aria-disabled while a lookup runs (it keeps focus): pressing it does nothing.
    if (this.lookup.status === TaskStatus.PENDING) return;
    this.startLookup(this._input, true);
  }

  private onRecent(code: string): void {
    this._input = code;
    this.startLookup(code, true);
  }

  private onRetry(): void {
    this.startLookup(this._query || this._input, true);
  }

  private onRate(dossierCode: string): void {
    const event = new DvcRateRequestEvent({ dossierCode });
    this.dispatchEvent(event);
    // Nobody on the page took the request: tell the citizen where else they can rate.
    this._ratingFallback = !event.defaultPrevented;
  }

  private announce(message: string): void {
    void this.announcer.announce(message);
  }

  private staleText(stale: NonNullable<LookupResult['stale']>): string {
    const key = stale.reason === 'offline' ? 'error.offlineCached' : 'error.networkCached';
    return this.l.t(key, { time: this.l.formatDateTime(stale.seenAt) });
  }

  private errorText(error: DvcError): string {
    const t = this.l.t.bind(this.l);
    if (error instanceof RateLimitedError) {
      return error.retryAfter !== undefined && error.retryAfter > 0
        ? t('error.rateLimited', { count: Math.ceil(error.retryAfter) })
        : t('error.rateLimitedNoTime');
    }
    if (error instanceof OfflineError) return t('error.offlineNone');
    if (error instanceof NetworkError || error instanceof TimeoutError) return t('error.network');
    if (error instanceof ValidationError) return t('error.invalidResponse');
    if (error instanceof ApiError) {
      if (error.status === 404) return t('error.notFound', { code: this._query });
      if (error.status === 400 || error.status === 422) return t('form.invalid', { example: this.example });
    }
    return t('error.server');
  }

  // ---- rendering ----

  override render() {
    const t = this.l.t.bind(this.l);
    return html`<div class="dvc-root" part="base" lang=${this.l.lang}>
      <h2 class="title" part="title">${t('title')}</h2>
      ${this.renderForm()} ${this.renderRecent()} ${this.announcer.render()}
      <div class="outcome">
        ${this.lookup.render({
          pending: () =>
            html`<p class="loading"><span class="dvc-spinner" aria-hidden="true"></span>${t('loading')}</p>`,
          complete: (result) => this.renderResult(result),
          error: (error) => this.renderError(error),
        })}
      </div>
    </div>`;
  }

  private renderForm() {
    const t = this.l.t.bind(this.l);
    const hintId = `${this.ids}-hint`;
    const errorId = `${this.ids}-error`;
    const notFound = this.lookup.error instanceof ApiError && this.lookup.error.status === 404 && !this._formError;
    // The hint and any error are read with the field, so the fix is announced where it is typed.
    const describedBy = [hintId, this._formError ? errorId : null, notFound ? `${this.ids}-outcome-error` : null]
      .filter(Boolean)
      .join(' ');
    const waiting = this.countdown.active;
    const busy = waiting || this.lookup.status === TaskStatus.PENDING;
    return html`<form part="form" novalidate @submit=${this.onSubmit}>
      <label class="dvc-label" for="code">${t('form.label')}</label>
      <span class="dvc-hint" id=${hintId}>${t('form.hint', { example: this.example })}</span>
      ${this._formError
        ? html`<span class="dvc-field-error" id=${errorId}>${t(`form.${this._formError}`, { example: this.example })}</span>`
        : nothing}
      <div class="field-row">
        <input
          id="code"
          class="dvc-input"
          part="input"
          name="code"
          type="text"
          .value=${this._input}
          @input=${this.onInput}
          autocomplete="off"
          autocapitalize="characters"
          spellcheck="false"
          enterkeyhint="search"
          aria-invalid=${this._formError ? 'true' : 'false'}
          aria-describedby=${describedBy}
        />
        <!-- aria-disabled, not disabled: the button keeps focus and stays discoverable while the
             lookup runs and during the countdown (a disabled button drops focus to <body>). -->
        <button class="dvc-button" part="submit" type="submit" aria-disabled=${busy ? 'true' : 'false'}>
          ${t('form.submit')}
        </button>
      </div>
      ${waiting ? html`<p class="countdown" part="countdown">${t('error.countdown', { count: this.countdown.remaining })}</p>` : nothing}
      <label class="remember">
        <input type="checkbox" .checked=${this._remember} @change=${this.onRememberChange} />
        <span>${t('form.remember')}</span>
      </label>
    </form>`;
  }

  private renderRecent() {
    if (!this._remember || this._recent.length === 0) return nothing;
    const t = this.l.t.bind(this.l);
    const headingId = `${this.ids}-recent`;
    return html`<section class="recent" part="recent" aria-labelledby=${headingId}>
      <h3 id=${headingId}>${t('recent.title')}</h3>
      <ul>
        ${this._recent.map(
          (r) => html`<li>
            <button
              type="button"
              class="dvc-button dvc-button--secondary recent-button"
              @click=${() => this.onRecent(r.code)}
            >
              <!-- Hidden prefix (not aria-label) so the visible code and status stay part of the button's name. -->
              <span><span class="dvc-visually-hidden">${t('recent.recheck')} </span>${r.code}</span>
              <span class="meta">${t(`status.${r.status}`)} · ${t('recent.checkedAt', { time: this.l.formatDateTime(r.seenAt) })}</span>
            </button>
          </li>`,
        )}
      </ul>
      <button type="button" class="dvc-button dvc-button--secondary clear" @click=${this.onClear}>${t('recent.clear')}</button>
    </section>`;
  }

  private renderError(error: DvcError) {
    const t = this.l.t.bind(this.l);
    const rateLimited = error instanceof RateLimitedError && error.retryAfter !== undefined && error.retryAfter > 0;
    const notFound = error instanceof ApiError && error.status === 404;
    const badRequest = error instanceof ApiError && (error.status === 400 || error.status === 422);
    // Not found / bad code: the way forward is the input (kept as typed), so no retry button.
    const retry = !rateLimited && !notFound && !badRequest;
    return html`<div class="dvc-alert dvc-alert--${notFound || badRequest ? 'warning' : 'danger'}" part="error">
      <p id="${this.ids}-outcome-error">${this.errorText(error)}</p>
      ${retry
        ? html`<div class="actions">
            <button type="button" class="dvc-button" @click=${this.onRetry}>${t('error.retry')}</button>
          </div>`
        : nothing}
    </div>`;
  }

  private renderResult({ dossier, stale }: LookupResult) {
    const t = this.l.t.bind(this.l);
    const l = this.l;
    const group = STATUS_GROUP[dossier.status];
    const headingId = `${this.ids}-result`;
    return html`<article class="result" part="result" aria-labelledby=${headingId}>
      ${stale
        ? html`<div class="dvc-alert dvc-alert--warning" part="error">
            <p>${this.staleText(stale)}</p>
            <div class="actions">
              <button type="button" class="dvc-button" @click=${this.onRetry}>${t('error.retry')}</button>
            </div>
          </div>`
        : nothing}
      <h3 class="result-heading" id=${headingId} tabindex="-1">${t('result.heading', { code: dossier.code })}</h3>
      <p class="procedure">${dossier.procedure.name}</p>
      <p class="status" part="status" data-group=${group}>${icon(group)}<span>${t(`status.${dossier.status}`)}</span></p>
      ${this.renderClock(dossier)}
      <dl class="facts">
        ${this.fact(t('result.agency'), dossier.agency.name)} ${this.fact(t('result.applicant'), dossier.applicant)}
        ${this.fact(t('result.submittedAt'), l.formatDateTime(dossier.submittedAt))}
        ${dossier.receivedAt ? this.fact(t('result.receivedAt'), l.formatDateTime(dossier.receivedAt)) : nothing}
        ${dossier.dueAt ? this.fact(t('result.dueAt'), l.formatDateTime(dossier.dueAt)) : nothing}
        ${dossier.originalDueAt && dossier.dueAt && dossier.originalDueAt !== dossier.dueAt
          ? this.fact(t('result.originalDueAt'), l.formatDateTime(dossier.originalDueAt))
          : nothing}
        ${dossier.resolvedAt ? this.fact(t('result.resolvedAt'), l.formatDateTime(dossier.resolvedAt)) : nothing}
        ${dossier.returnedAt ? this.fact(t('result.returnedAt'), l.formatDateTime(dossier.returnedAt)) : nothing}
      </dl>
      ${this.renderApology(dossier)} ${this.renderNextSteps(dossier)} ${this.renderTimeline(dossier)}
      <p class="as-of">${t('result.asOf', { time: l.formatDateTime(dossier.asOf) })}</p>
    </article>`;
  }

  private fact(term: string, value: string) {
    return html`<div><dt>${term}</dt><dd>${value}</dd></div>`;
  }

  /** Days left or late, and the progress bar against the due date. */
  private renderClock(d: Dossier) {
    const t = this.l.t.bind(this.l);
    if (!ACTIVE.has(d.status) || !d.dueAt) {
      if ((d.status === 'resolved' || d.status === 'returned') && d.resolvedAt && (d.originalDueAt ?? d.dueAt)) {
        const late = Date.parse(d.resolvedAt) > Date.parse((d.originalDueAt ?? d.dueAt)!);
        return html`<p class="badge" data-group=${late ? 'late' : 'ready'}>
          ${icon(late ? 'late' : 'ready')}<span>${t(late ? 'time.late' : 'time.onTime')}</span>
        </p>`;
      }
      return nothing;
    }
    const late = d.overdue || d.overdueWorkingDays > 0;
    const line = late
      ? t('time.overdue', { count: d.overdueWorkingDays })
      : d.clockPaused
        ? t('time.paused')
        : d.workingDaysLeft === 0
          ? t('time.dueToday')
          : d.workingDaysLeft !== null
            ? t('time.daysLeft', { count: d.workingDaysLeft })
            : '';
    let bar: unknown = nothing;
    if (d.progress !== null) {
      const used = Math.min(1, d.progress);
      const percent = this.l.formatPercent(d.progress, 0);
      const text =
        d.workingDaysAllowed !== null
          ? t('time.progressText', { percent, days: this.l.formatNumber(d.workingDaysAllowed) })
          : t('time.progressTextNoDays', { percent });
      const labelId = `${this.ids}-progress`;
      // A div with role=progressbar (not <progress>) so the fill can be styled the same in every
      // browser; aria-valuetext gives screen readers the same sentence sighted readers see.
      bar = html`<div class="progress" part="progress" ?data-late=${late}>
        <span id=${labelId} class="dvc-visually-hidden">${t('time.progressLabel')}</span>
        <div
          class="progress-track"
          role="progressbar"
          aria-labelledby=${labelId}
          aria-valuemin="0"
          aria-valuemax="100"
          aria-valuenow=${Math.round(used * 100)}
          aria-valuetext=${text}
        >
          <div class="progress-fill" style="width: ${Math.round(used * 100)}%"></div>
        </div>
        <span class="progress-text">${text}</span>
      </div>`;
    }
    return html`${line
      ? html`<p class="badge" data-group=${late ? 'late' : d.clockPaused ? 'action' : 'progress'}>
          ${icon(late ? 'late' : d.clockPaused ? 'action' : 'waiting')}<span>${line}</span>
        </p>`
      : nothing}${bar}`;
  }

  private renderApology(d: Dossier) {
    const late = d.overdue || d.overdueWorkingDays > 0;
    if (!d.apology && !(late && ACTIVE.has(d.status))) return nothing;
    const t = this.l.t.bind(this.l);
    const headingId = `${this.ids}-apology`;
    return html`<section class="section dvc-alert dvc-alert--warning" aria-labelledby=${headingId}>
      <h4 id=${headingId}>${t('apology.heading')}</h4>
      ${d.apology
        ? html`<p>${t('apology.intro')}</p>
            <p>${t('apology.issued', { date: this.l.formatDate(d.apology.issuedAt), issuer: d.apology.issuedBy })}</p>
            <p>${t('apology.reason', { reason: d.apology.reason })}</p>
            <p><strong>${t('apology.newDue', { date: this.l.formatDateTime(d.apology.newDueAt) })}</strong></p>`
        : html`<p>${t('apology.missing')}</p>`}
    </section>`;
  }

  private renderNextSteps(d: Dossier) {
    const t = this.l.t.bind(this.l);
    const l = this.l;
    const headingId = `${this.ids}-next`;
    let body: unknown;
    switch (d.status) {
      case 'registered':
        body = html`<p>${t('next.registered')}</p>`;
        break;
      case 'received':
      case 'processing':
        body = html`<p>${t('next.inProgress')}</p>`;
        break;
      case 'supplement_requested':
        body = d.supplement
          ? html`<p>${t('next.supplementIntro')}</p>
              <ul>
                ${d.supplement.items.map((item) => html`<li>${item}</li>`)}
              </ul>
              <p><strong>${t('next.bringTo', { place: d.supplement.bringTo })}</strong></p>
              <p>${t('next.requestedAt', { date: l.formatDate(d.supplement.requestedAt) })}</p>
              ${d.supplement.note ? html`<p>${d.supplement.note}</p>` : nothing}`
          : html`<p>${t('next.supplementIntro')}</p>
              <p>${t('next.noReason')}</p>`;
        break;
      case 'financial_obligation':
        body = d.financialObligation
          ? html`<p>${t('next.paymentIntro', { description: d.financialObligation.description })}</p>
              <p><strong>${t('next.amount', { amount: l.formatVnd(d.financialObligation.amount) })}</strong></p>
              <p>${t('next.payTo', { place: d.financialObligation.payTo })}</p>`
          : html`<p>${t('next.noReason')}</p>`;
        break;
      case 'resolved':
        body = html`<p>${t('next.resultReady')}</p>
          ${d.result
            ? html`${d.result.description ? html`<p>${t('next.resultWhat', { description: d.result.description })}</p>` : nothing}
                <p><strong>${t('next.resultWhere', { place: d.result.place })}</strong></p>
                <p>${t('next.resultWhen', { time: l.formatDateTime(d.result.from) })}</p>`
            : nothing}`;
        break;
      case 'returned':
        body = html`<p>${t('next.returned')}</p>
          ${d.rating.eligible && !d.rating.rated
            ? html`<p>${t('rating.prompt')}</p>
                <div class="actions">
                  <button type="button" class="dvc-button" part="rate-button" @click=${() => this.onRate(d.code)}>
                    ${t('rating.button')}
                  </button>
                </div>
                ${this._ratingFallback ? html`<p>${t('rating.fallback')}</p>` : nothing}`
            : nothing}`;
        break;
      case 'not_received':
      case 'suspended':
        body = html`<p>${t(d.status === 'not_received' ? 'next.notReceived' : 'next.suspended')}</p>
          ${d.rejectionReason
            ? html`<p><strong>${t('next.rejectedIntro')}</strong> ${d.rejectionReason}</p>`
            : html`<p>${t('next.noReason')}</p>`}`;
        break;
      case 'withdrawal_requested':
        body = html`<p>${t('next.withdrawn')}</p>`;
        break;
    }
    const contact = d.agency.phone
      ? t('next.contact', { agency: d.agency.name, phone: d.agency.phone })
      : t('next.contactNoPhone', { agency: d.agency.name, address: d.agency.address });
    return html`<section class="section" part="next-steps" aria-labelledby=${headingId}>
      <h4 id=${headingId}>${t('next.heading')}</h4>
      ${body}
      <p>${contact}</p>
    </section>`;
  }

  private renderTimeline(d: Dossier) {
    if (d.history.length === 0) return nothing;
    const t = this.l.t.bind(this.l);
    const headingId = `${this.ids}-timeline`;
    return html`<section class="section" aria-labelledby=${headingId}>
      <h4 id=${headingId}>${t('timeline.heading')}</h4>
      <ol class="timeline" part="timeline">
        ${d.history.map(
          (h) => html`<li>
            <time datetime=${h.at}>${this.l.formatDateTime(h.at)}</time>
            <span class="what">${t(`event.${h.status}`)}</span>
            <span class="unit">${h.unit}</span>
            ${h.note ? html`<span class="note">${h.note}</span>` : nothing}
          </li>`,
        )}
      </ol>
    </section>`;
  }
}
