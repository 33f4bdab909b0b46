import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { guard } from 'lit/directives/guard.js';
import { cache } from 'lit/directives/cache.js';
import { Directive, directive, type ElementPart } from 'lit/directive.js';
import type {
  Channel,
  ChannelInfo,
  DocumentGroup,
  OnlineLevel,
  ProcedureDetail,
  ProcedureLevel,
  ProcedureSearchResult,
} from '@dvc-widgets/contract';
import {
  AnnouncerController,
  ApiController,
  ApiError,
  DataTask,
  DvcBookRequestEvent,
  DvcElement,
  DvcProcedureSelectEvent,
  FocusController,
  LocalizeController,
  OfflineError,
  RateLimitedError,
  RetryCountdownController,
  TaskStatus,
  baseStyles,
  foldLoose,
  onStringsChanged,
  registerLocale,
  resolveConfig,
  type DvcError,
  type ResponseMeta,
} from '@dvc-widgets/core';
import { CatalogController, searchOnServer } from '@dvc-widgets/core/catalog';
import type { FacetCounts, ProcedureFilter } from '@dvc-widgets/core/search';
import { loadedSearch, type SearchModule } from '@dvc-widgets/core/search-loader';
import { styles } from './procedure-lookup.styles.js';
import vi from './locales/vi.js';

// English is fetched only when a reader needs it (most portals are Vietnamese-only).
registerLocale('procedure-lookup', { vi, en: () => import('./locales/en.js') });

/** One searchable procedure: an expanded index item or a server search row. */
export interface LookupItem {
  code: string;
  name: string;
  field: string;
  levels: string[];
  onlineLevel: string | null;
  channels: string[];
}

interface Hit {
  item: LookupItem;
  terms: string[];
  /** Matches only some of the query's words (no procedure matched them all). */
  partial?: boolean;
  /** Terms are query words (server mode): match word prefixes too. */
  prefix?: boolean;
}

/** What the results area shows, whichever mode produced it. */
interface ResultsView {
  hits: Hit[];
  total: number;
  facets: FacetCounts;
}

/** Page-URL parameters used with `sync-url` (Vietnamese slugs: these URLs are shared by citizens). */
export const URL_PARAMS = {
  query: 'tu-khoa',
  field: 'linh-vuc',
  level: 'cap',
  onlineLevel: 'truc-tuyen',
  channel: 'kenh',
  procedure: 'thu-tuc',
} as const;

const LEVELS: readonly ProcedureLevel[] = ['commune', 'province', 'ministry', 'other'];
const ONLINE_LEVELS: readonly OnlineLevel[] = ['full', 'partial'];
const CHANNELS: readonly Channel[] = ['in_person', 'online', 'post'];
const FACETS = ['field', 'level', 'onlineLevel', 'channel'] as const;
type Facet = (typeof FACETS)[number];

/** Only web links may become hrefs: an API answer must never inject `javascript:` into the page. */
function safeHttpUrl(value: string | null | undefined, base?: string): URL | null {
  if (!value) return null;
  try {
    const url = new URL(value, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

const collator = new Intl.Collator('vi');
/** Fields shown on the start screen before "show all". */
const BROWSE_TOP_FIELDS = 12;
const ANNOUNCE_DELAY_MS = 700;
const SERVER_DEBOUNCE_MS = 250;
const WORD = /([\p{L}\p{N}]+)/u;

/**
 * Search the agency's administrative procedures the way citizens type — without accents, in
 * abbreviations ("dk tam tru"), by colloquial name ("sổ đỏ") or by code ("1.001193") — and read
 * what to bring, how long it takes, what it costs and where to go.
 *
 * @summary Vietnamese-aware procedure search with a phone-friendly detail view.
 * @tag dvc-procedure-lookup
 *
 * @attr api-base - Base URL of the API (else `<meta name="dvc:api-base">` or the global config).
 * @attr agency - Agency code whose catalog is searched, e.g. `000.00.01.H29` (else meta/global).
 * @attr field - Field (lĩnh vực) filter, e.g. `Hộ tịch`.
 * @attr level - Level filter: `commune`, `province`, `ministry` or `other`.
 * @attr query - Initial search text.
 * @attr page-size - Results shown at once (default 20); "Show more" adds as many again.
 * @attr sync-url - Keep the query, filters and open procedure in the page URL (`?tu-khoa=…`,
 *   `?thu-tuc=1.001193`), so results can be shared and the Back button works.
 * @attr booking-url - Appointment page used when no booking widget on the page takes the request
 *   (`?thu-tuc=<code>` is added).
 * @attr server-search - Never download the catalog; search on the server for every query (for
 *   catalogs too large to ship). The widget also switches to server search by itself when the
 *   server does not offer the catalog (404/405/410/413/501 or an answer outside the contract).
 * @attr theme - `light` (default), `dark` or `auto`.
 *
 * @fires dvc-procedure-select - A procedure was opened. `detail: { code, name }`.
 * @fires dvc-book-request - The citizen asked to book an appointment (cancelable; a booking widget
 *   calls `preventDefault()` to take it). `detail: { procedureCode, procedureName }`.
 *
 * @csspart base - The root container.
 * @csspart title - The widget heading.
 * @csspart input - The search field.
 * @csspart filters - The filter panel.
 * @csspart results - The list of results.
 * @csspart result - One result.
 * @csspart mark - A highlighted matched word.
 * @csspart empty - The "nothing found" panel.
 * @csspart detail - The procedure detail.
 * @csspart section - A section of the detail.
 * @csspart button - Buttons.
 *
 * @cssproperty --dvc-procedure-lookup-accent - Accent of the active result and headings (default: `--dvc-color-primary`).
 * @cssproperty --dvc-procedure-lookup-mark-background - Background of highlighted words (default: a light yellow).
 * @cssproperty --dvc-procedure-lookup-mark-color - Text colour of highlighted words (default: `--dvc-color-text`).
 * @cssproperty --dvc-procedure-lookup-max-width - Maximum width of the widget (default: `48em`).
 */
export class DvcProcedureLookup extends DvcElement {
  static override styles = [baseStyles, styles];

  @property({ attribute: 'api-base' }) apiBase?: string;
  @property() agency?: string;
  @property() field?: string;
  @property() level?: string;
  @property() query = '';
  @property({ attribute: 'page-size', type: Number }) pageSize = 20;
  @property({ attribute: 'sync-url', type: Boolean }) syncUrl = false;
  @property({ attribute: 'booking-url' }) bookingUrl?: string;
  @property({ attribute: 'server-search', type: Boolean }) serverSearch = false;

  @state() private onlineLevel: string | undefined;
  @state() private channel: string | undefined;
  @state() private shown = 20;
  @state() private activeIndex = -1;
  @state() private selectedCode: string | null = null;
  /** Query the server search runs with (debounced copy of `query`). */
  @state() private serverQuery = '';
  /** The filter panel is open: its options (with counts) are only rendered then. */
  @state() private filtersOpen = false;

  @query('#q') private input?: HTMLInputElement;

  private readonly l = new LocalizeController(this, 'procedure-lookup');
  private readonly api = new ApiController(this);
  private readonly announcer = new AnnouncerController(this);
  private readonly focusAfterUpdate = new FocusController(this);
  /** The wait before a rate-limited request (catalog, search, detail) may be retried. */
  private readonly countdown = new RetryCountdownController(this);
  private results: ResultsView | null = null;
  /** Inputs of the last local search: arrow keys and other state changes must not search again. */
  private resultsKey: unknown[] = [];
  private announceTimer: ReturnType<typeof setTimeout> | undefined;
  private serverTimer: ReturnType<typeof setTimeout> | undefined;
  private pushedDetail = false;
  private selectFiredFor: string | null = null;
  private openedDetails: HTMLDetailsElement[] = [];
  /** Bumped when strings are (re)registered: guarded, memoised parts of the view re-render then. */
  private stringsVersion = 0;
  private unsubscribeStrings: (() => void) | undefined;

  private get agencyCode(): string | undefined {
    return this.agency?.trim() || resolveConfig(this).agency;
  }

  /** Server search: asked for (`server-search`), or the server does not ship the catalog. */
  private get useServer(): boolean {
    return this.serverSearch || this.catalog.status === 'server';
  }

  private get filter(): ProcedureFilter {
    return { field: this.field || undefined, level: this.level || undefined, onlineLevel: this.onlineLevel, channel: this.channel };
  }

  private get hasFilter(): boolean {
    return FACETS.some((f) => this.filter[f]);
  }

  /** No query and no filter: the start screen (browse by field) instead of a list. */
  private get idle(): boolean {
    return !this.query.trim() && !this.hasFilter;
  }

  /** The results currently in the listbox (none on the start screen or while in error). */
  private get listed(): Hit[] {
    const failed = this.useServer ? this.serverTask.status === TaskStatus.ERROR : this.catalog.status === 'error';
    if (!this.results || this.idle || failed) return [];
    return this.results.hits.slice(0, this.shown);
  }

  /* ───────────── data ───────────── */

  /**
   * The agency's catalog and its search engine, shared with every widget of the page that searches
   * it (a booking widget of the same office): fetched once with ETag revalidation, kept on the
   * device, indexed between frames. `status: 'server'` when the server does not ship it.
   */
  private readonly catalog = new CatalogController(this, {
    client: () => this.api.client,
    agency: () => this.agencyCode,
    enabled: () => !this.serverSearch,
    onError: (error) => this.countdown.start(error),
  });

  /** Server search, used only when the catalog is not on the device. */
  private readonly serverTask = new DataTask(this, {
    args: () =>
      [this.useServer, this.api.client, this.agencyCode, this.serverQuery, this.field, this.level, this.onlineLevel, this.channel, this.shown] as const,
    task: async ([server, client, agency, q, field, level, onlineLevel, channel, shown], { signal }): Promise<ProcedureSearchResult | null> => {
      if (!server) return null;
      try {
        // The search module comes along: highlighting the server's rows reads the query with the same rules.
        return await searchOnServer(
          client,
          agency,
          {
            q: q.trim() || undefined,
            field: field || undefined,
            level: (level || undefined) as ProcedureLevel | undefined,
            onlineLevel: onlineLevel as OnlineLevel | undefined,
            channel: channel as Channel | undefined,
            page: 1,
            pageSize: Math.min(100, shown),
          },
          { signal },
        );
      } catch (error) {
        this.countdown.start(error);
        throw error;
      }
    },
  });

  /** The open procedure. Cacheable: a procedure read once can be read again offline. */
  private readonly detailTask = new DataTask(this, {
    args: () => [this.api.client, this.selectedCode] as const,
    task: async ([client, code], { signal }): Promise<ResponseMeta<ProcedureDetail> | null> => {
      if (!code) return null;
      try {
        return await client.requestWithMeta('getProcedure', { params: { code }, signal });
      } catch (error) {
        this.countdown.start(error);
        throw error;
      }
    },
    onComplete: (meta) => {
      if (meta && this.selectFiredFor !== meta.data.code) {
        this.selectFiredFor = meta.data.code;
        this.dispatchEvent(new DvcProcedureSelectEvent({ code: meta.data.code, name: meta.data.name }));
      }
    },
  });

  /** The office's phone number for the empty state. Not essential: errors render nothing. */
  private readonly agencyTask = new DataTask(this, {
    args: () => [this.api.client, this.agencyCode] as const,
    task: async ([client, code], { signal }) => (code ? client.request('getAgency', { params: { agencyCode: code }, signal }) : null),
  });

  /* ───────────── lifecycle ───────────── */

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribeStrings = onStringsChanged(() => this.stringsVersion++);
    if (this.syncUrl) this.readUrl();
    window.addEventListener('popstate', this.onPopState);
    window.addEventListener('beforeprint', this.onBeforePrint);
    window.addEventListener('afterprint', this.onAfterPrint);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribeStrings?.();
    window.removeEventListener('popstate', this.onPopState);
    window.removeEventListener('beforeprint', this.onBeforePrint);
    window.removeEventListener('afterprint', this.onAfterPrint);
    clearTimeout(this.announceTimer);
    clearTimeout(this.serverTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('pageSize')) this.shown = Math.max(1, this.pageSize || 20);
    if (!this.hasUpdated) this.serverQuery = this.query;
    this.results = this.computeResults();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('syncUrl') && this.syncUrl && changed.get('syncUrl') === false) this.readUrl();
  }

  /* ───────────── search ───────────── */

  private computeResults(): ResultsView | null {
    if (this.useServer) {
      const value = this.serverTask.value;
      if (!value) return null;
      const terms = queryTerms(loadedSearch()!, this.serverQuery);
      this.resultsKey = [];
      const facets = {} as FacetCounts;
      for (const f of FACETS) facets[f] = new Map(value.facets[f].map((c) => [c.value, c.count]));
      return {
        hits: value.items.map((s) => ({ item: { ...s, levels: [...s.levels], channels: [...s.channels] }, terms, prefix: true })),
        total: value.total,
        facets,
      };
    }
    const { engine, search } = this.catalog;
    if (!engine || !search) return null;
    const filter = this.filter;
    const key = [engine, this.query, filter.field, filter.level, filter.onlineLevel, filter.channel, this.shown];
    if (this.results && key.every((k, i) => k === this.resultsKey[i])) return this.results;
    this.resultsKey = key;
    // Only the rows shown are ranked in full (a two-letter query matches over a thousand
    // procedures); "show more" asks for a longer page.
    const page = engine.searchPage(this.query, { filter: this.hasFilter ? filter : undefined, limit: this.shown });
    // Facet counts only when something shows them (open filter panel, start screen): not on
    // every keystroke of a query typed with the panel closed.
    let facets: FacetCounts | undefined;
    return {
      hits: page.hits,
      total: page.total,
      get facets() {
        return (facets ??= search.countFacets(page.matched(), filter));
      },
    };
  }

  private onInput(event: Event): void {
    this.query = (event.target as HTMLInputElement).value;
    this.resetList();
    if (this.useServer) {
      clearTimeout(this.serverTimer);
      this.serverTimer = setTimeout(() => (this.serverQuery = this.query), SERVER_DEBOUNCE_MS);
    }
    this.writeUrl('replace');
  }

  private resetList(): void {
    this.activeIndex = -1;
    this.shown = Math.max(1, this.pageSize || 20);
    this.scheduleAnnouncement();
  }

  /*
   * ARIA: the APG combobox with a listbox (list autocomplete, manual selection). Focus stays in the
   * text field while the arrow keys move `aria-activedescendant` through the results, so the
   * citizen can keep typing, and screen readers announce the active option of a combobox more
   * reliably than that of a plain search field. The listbox is always visible below the field (not a
   * popup) because the results are the page's main content.
   */
  private onKeyDown(event: KeyboardEvent): void {
    const count = this.listed.length;
    switch (event.key) {
      case 'ArrowDown':
        if (!count) return;
        event.preventDefault();
        this.activeIndex = Math.min(count - 1, this.activeIndex + 1);
        this.scrollActiveIntoView();
        break;
      case 'ArrowUp':
        if (!count) return;
        event.preventDefault();
        this.activeIndex = Math.max(0, this.activeIndex - 1);
        this.scrollActiveIntoView();
        break;
      case 'Enter': {
        const hit = this.results?.hits[this.activeIndex >= 0 ? this.activeIndex : 0];
        if (!hit || !count) return;
        event.preventDefault();
        if (this.activeIndex < 0) this.activeIndex = 0;
        this.openProcedure(hit.item.code);
        break;
      }
      case 'Escape':
        // First Escape leaves the list; the next one clears the field (native search behaviour).
        if (this.activeIndex >= 0) {
          event.preventDefault();
          this.activeIndex = -1;
        }
        break;
    }
  }

  private scrollActiveIntoView(): void {
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector(`#opt-${this.activeIndex}`)?.scrollIntoView({ block: 'nearest' }),
    );
  }

  private setFilter(facet: Facet, value: string | undefined): void {
    const v = value || undefined;
    if (facet === 'field') this.field = v;
    else if (facet === 'level') this.level = v;
    else if (facet === 'onlineLevel') this.onlineLevel = v;
    else this.channel = v;
    this.resetList();
    this.writeUrl('push');
  }

  private clearFilters(): void {
    this.field = undefined;
    this.level = undefined;
    this.onlineLevel = undefined;
    this.channel = undefined;
    this.resetList();
    this.writeUrl('push');
    this.focusInput();
  }

  private showMore(): void {
    const firstNew = this.shown;
    this.shown += Math.max(1, this.pageSize || 20);
    // Keyboard users continue at the first newly shown result.
    this.activeIndex = firstNew;
    this.focusInput();
    this.scrollActiveIntoView();
  }

  /** Polite, debounced: one announcement when typing pauses, not one per keystroke. */
  private scheduleAnnouncement(): void {
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => void this.announcer.announce(this.countText()), ANNOUNCE_DELAY_MS);
  }

  private countText(): string {
    const r = this.results;
    if (!r) return '';
    if (r.total === 0) return this.l.t('search.none');
    if (r.hits[0]?.partial) return `${this.l.t('search.partial')} ${this.l.t('search.count', { count: r.total })}`;
    return this.l.t(this.hasFilter ? 'search.countFiltered' : 'search.count', { count: r.total });
  }

  /* ───────────── detail ───────────── */

  /** Opens the detail of procedure `code` (also used for deep links). */
  openProcedure(code: string): void {
    this.selectedCode = code;
    this.selectFiredFor = null;
    this.focusDetail();
    this.writeUrl('push');
  }

  /** Back to the results; focus returns to the search field with the opened result active. */
  closeDetail(): void {
    if (this.syncUrl && this.pushedDetail) {
      // The popstate handler closes the detail, so Back in the browser and here behave the same.
      this.pushedDetail = false;
      history.back();
      return;
    }
    this.selectedCode = null;
    this.focusInput();
    this.writeUrl('replace');
  }

  /** Back in the search field (results, closed detail, cleared filters): typing goes on from there. */
  private focusInput(): void {
    void this.focusAfterUpdate.request(() => this.input);
  }

  /** The detail's title, so its name is read first and Tab goes on into the detail. */
  private focusDetail(): void {
    void this.focusAfterUpdate.request('#detail-title');
  }

  private onDetailKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      this.closeDetail();
    }
  }

  private requestBooking(detail: ProcedureDetail): void {
    const request = new DvcBookRequestEvent({ procedureCode: detail.code, procedureName: detail.name });
    this.dispatchEvent(request);
    if (request.defaultPrevented) return;
    const url = safeHttpUrl(this.bookingUrl, location.href);
    if (!url) return;
    url.searchParams.set(URL_PARAMS.procedure, detail.code);
    location.assign(url.href);
  }

  private get canBook(): boolean {
    return Boolean(safeHttpUrl(this.bookingUrl, location.href)) || Boolean(customElements.get('dvc-appointment-booking'));
  }

  /* Closed <details> do not print: open them all for printing, then restore. */
  private readonly onBeforePrint = (): void => {
    this.openedDetails = [...this.renderRoot.querySelectorAll<HTMLDetailsElement>('details:not([open])')];
    for (const d of this.openedDetails) d.open = true;
  };
  private readonly onAfterPrint = (): void => {
    for (const d of this.openedDetails) d.open = false;
    this.openedDetails = [];
  };

  /* ───────────── URL sync ───────────── */

  private readUrl(): void {
    const p = new URLSearchParams(location.search);
    const q = p.get(URL_PARAMS.query);
    if (q !== null) this.query = q;
    this.serverQuery = this.query;
    if (p.has(URL_PARAMS.field)) this.field = p.get(URL_PARAMS.field) || undefined;
    if (p.has(URL_PARAMS.level)) this.level = p.get(URL_PARAMS.level) || undefined;
    this.onlineLevel = p.get(URL_PARAMS.onlineLevel) || undefined;
    this.channel = p.get(URL_PARAMS.channel) || undefined;
    const code = p.get(URL_PARAMS.procedure);
    if (code && code !== this.selectedCode) {
      this.selectedCode = code;
      this.selectFiredFor = null;
      this.focusDetail();
    } else if (!code && this.selectedCode) {
      this.selectedCode = null;
      this.focusInput();
    }
  }

  private readonly onPopState = (): void => {
    if (!this.syncUrl) return;
    this.pushedDetail = false;
    this.readUrl();
    this.resetList();
  };

  private writeUrl(mode: 'push' | 'replace'): void {
    if (!this.syncUrl) return;
    const url = new URL(location.href);
    const set = (key: string, value: string | null | undefined) =>
      value ? url.searchParams.set(key, value) : url.searchParams.delete(key);
    set(URL_PARAMS.query, this.query.trim());
    set(URL_PARAMS.field, this.field);
    set(URL_PARAMS.level, this.level);
    set(URL_PARAMS.onlineLevel, this.onlineLevel);
    set(URL_PARAMS.channel, this.channel);
    set(URL_PARAMS.procedure, this.selectedCode);
    if (url.href === location.href) return;
    if (mode === 'push') {
      history.pushState(history.state, '', url);
      if (this.selectedCode) this.pushedDetail = true;
    } else {
      history.replaceState(history.state, '', url);
    }
  }

  /* ───────────── errors ───────────── */

  private renderError(error: DvcError, title: string, retry: () => void): TemplateResult {
    const offline = error instanceof OfflineError;
    const waiting = error instanceof RateLimitedError && this.countdown.active;
    return html`<div class="dvc-alert dvc-alert--danger state" role="alert">
      <h3 class="state__title">${title}</h3>
      <p>${offline ? this.l.t('offline.noCache') : this.l.errorMessage(error)}</p>
      ${waiting ? html`<p class="retry-in">${this.l.t('core:status.retryIn', { count: this.countdown.remaining })}</p>` : nothing}
      <button type="button" class="dvc-button" part="button" ?disabled=${waiting} @click=${retry}>
        ${this.l.t('core:action.retry')}
      </button>
    </div>`;
  }

  /* ───────────── render ───────────── */

  protected override render(): TemplateResult {
    return html`<div class="dvc-root" part="base">
      ${this.selectedCode ? this.renderDetail(this.selectedCode) : this.renderSearch()} ${this.announcer.render()}
    </div>`;
  }

  private renderSearch(): TemplateResult {
    const r = this.results;
    const listed = this.listed;
    const expanded = listed.length > 0;
    return html`
      <h2 class="title" part="title">${this.l.t('title')}</h2>
      <div class="search" role="search">
        <label class="dvc-label" for="q">${this.l.t('search.label')}</label>
        <span class="dvc-hint" id="q-hint">${this.l.t('search.hint')}</span>
        <input
          id="q"
          class="dvc-input search__input"
          part="input"
          type="search"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded=${expanded ? 'true' : 'false'}
          aria-controls=${expanded ? 'results' : nothing}
          aria-describedby="q-hint list-hint"
          aria-activedescendant=${this.activeIndex >= 0 && this.activeIndex < listed.length ? `opt-${this.activeIndex}` : nothing}
          autocomplete="off"
          autocapitalize="off"
          spellcheck="false"
          enterkeyhint="search"
          placeholder=${this.l.t('search.placeholder')}
          .value=${live(this.query)}
          @input=${this.onInput}
          @keydown=${this.onKeyDown}
        />
        <span class="dvc-visually-hidden" id="list-hint">${this.l.t('search.listHint')}</span>
      </div>
      ${this.renderBanner()} ${this.renderBody(r, listed)}
    `;
  }

  private renderBanner(): unknown {
    const { status, fromCache, storedAt } = this.catalog;
    if (!this.useServer && status === 'ready' && fromCache) {
      return html`<p class="dvc-alert dvc-alert--warning banner" data-state="offline-cached">
        ${this.l.t('offline.cached', { time: this.l.formatDateTime(storedAt) })}
      </p>`;
    }
    return nothing;
  }

  private renderBody(r: ResultsView | null, listed: Hit[]): unknown {
    if (!this.useServer) {
      if (this.catalog.status === 'error' && this.catalog.error) {
        return this.renderError(this.catalog.error, this.l.t('error.title'), () => void this.catalog.reload());
      }
      if (!r) return this.renderLoading(this.l.t('search.loading'));
    } else {
      if (this.serverTask.status === TaskStatus.ERROR && this.serverTask.error) {
        return this.renderError(this.serverTask.error, this.l.t('error.title'), () => void this.serverTask.run());
      }
      if (!r) return this.renderLoading(this.l.t('search.searching'));
    }
    const idle = this.idle;
    // `cache`: the start screen (158 field buttons on the real catalog), the filter panel and the
    // result list keep their DOM while hidden, so the first keystroke after clearing the field
    // (and the clearing itself) swaps them back in instead of building them again.
    return html`
      ${cache(idle ? nothing : this.renderFilters(r!))}
      ${cache(idle ? this.renderBrowse(this.browseFacets()) : r!.total === 0 ? this.renderEmpty(r!) : this.renderResults(r!, listed))}
    `;
  }

  private renderLoading(text: string): TemplateResult {
    return html`<p class="state state--loading" data-state="loading"><span class="dvc-spinner" aria-hidden="true"></span> ${text}</p>`;
  }

  private renderBrowse(r: ResultsView): TemplateResult {
    return html`<section class="browse" data-state="initial" aria-labelledby="browse-title">
      <h3 id="browse-title" class="section-title">${this.l.t('browse.title')}</h3>
      ${guard([r.facets.field, this.l.lang, this.stringsVersion], () => this.renderBrowseFields(r))}
    </section>`;
  }

  /** One button per field; the same counts (cached for the catalog) render once, not on every clear of the field. */
  private renderBrowseFields(r: ResultsView): unknown {
    const c = this.browseLabels;
    const key = [r.facets.field, this.l.lang, this.stringsVersion];
    // Sorted and translated once per set of counts: clearing the field must not redo it.
    // The largest fields first (most citizens need one of them), then A–Z; a provincial centre
    // has ~100 fields, so the rest wait behind a native <details> (keyboard and screen-reader
    // support for free) instead of filling a phone screen.
    const labels =
      c && key.every((k, i) => k === c.key[i])
        ? c.labels
        : [...r.facets.field]
            .sort((a, b) => b[1] - a[1] || collator.compare(a[0], b[0]))
            .map(([name, count]) => [name, this.l.t('browse.field', { name, count })] as const);
    this.browseLabels = { key, labels };
    const item = ([name, label]: readonly [string, string]) => html`<li>
      <button type="button" class="browse__field" part="button" @click=${() => this.chooseField(name)}>
        ${label}
      </button>
    </li>`;
    const top = labels.slice(0, BROWSE_TOP_FIELDS);
    const rest = labels.slice(BROWSE_TOP_FIELDS);
    return html`<ul class="browse__list" role="list">${top.map(item)}</ul>
      ${rest.length
        ? html`<details class="browse__more">
            <summary>${this.l.t('browse.more', { count: rest.length })}</summary>
            <ul class="browse__list" role="list">${rest.map(item)}</ul>
          </details>`
        : nothing}`;
  }
  private browseLabels: { key: unknown[]; labels: (readonly [string, string])[] } | undefined;

  /**
   * A field chosen on the start screen: the list replaces the buttons, so focus goes to the
   * field filter, which now names the chosen field and its count (else it would fall to <body>,
   * WCAG 2.4.3); the results follow it, and their count is announced.
   */
  private chooseField(name: string): void {
    this.setFilter('field', name);
    void this.focusAfterUpdate.request('#f-field');
  }


  private facetLabel(facet: Facet, value: string): string {
    if (facet === 'field') return value;
    return this.l.t(`${facet}.${value}`, { defaultValue: value });
  }

  private renderFilters(r: ResultsView): TemplateResult {
    const open = this.filtersOpen || this.hasFilter;
    const summary = html`<summary class="filters__summary">${this.l.t('filters.title')}</summary>`;
    const onToggle = (e: Event) => (this.filtersOpen = (e.target as HTMLDetailsElement).open);
    // Closed: only the summary. Rebuilding every option with its count on each keystroke costs
    // more than the search itself on a large catalog. Same element either way, so focus stays.
    return html`<details class="filters" part="filters" ?open=${open} @toggle=${onToggle}>
      ${summary}
      ${open ? this.renderFilterControls(r) : nothing}
    </details>`;
  }

  private renderFilterControls(r: ResultsView): TemplateResult {
    const options: Record<Facet, readonly string[]> = {
      field: [...r.facets.field.keys()].sort(collator.compare),
      level: LEVELS,
      onlineLevel: ONLINE_LEVELS,
      channel: CHANNELS,
    };
    const current = this.filter;
    return html`<div class="filters__grid">
        ${FACETS.map((facet) => {
          const counts = r.facets[facet];
          const selected = current[facet];
          // Options with no result are left out (they would lead to an empty list), except the selected one.
          const values = options[facet].filter((v) => counts.get(v) || v === selected);
          if (values.length === 0 && !selected) return nothing;
          return html`<div class="filters__item">
            <label class="dvc-label" for="f-${facet}">${this.l.t(`filters.${facet}`)}</label>
            <select
              id="f-${facet}"
              class="dvc-select"
              @change=${(e: Event) => this.setFilter(facet, (e.target as HTMLSelectElement).value)}
            >
              <option value="" ?selected=${!selected}>${this.l.t('filters.any')}</option>
              ${values.map(
                (v) => html`<option value=${v} ?selected=${v === selected}>
                  ${this.l.t('filters.option', { label: this.facetLabel(facet, v), count: counts.get(v) ?? 0 })}
                </option>`,
              )}
            </select>
          </div>`;
        })}
      </div>
      ${this.hasFilter
        ? html`<button type="button" class="dvc-button dvc-button--secondary" part="button" @click=${this.clearFilters}>
            ${this.l.t('filters.clear')}
          </button>`
        : nothing}`;
  }

  private renderResults(r: ResultsView, listed: Hit[]): TemplateResult {
    const labels = new Map<string, string>();
    const pending = this.useServer && this.serverTask.status === TaskStatus.PENDING;
    return html`<section class="results" data-state="results" aria-labelledby="results-title">
      <h3 id="results-title" class="dvc-visually-hidden">${this.l.t('search.results')}</h3>
      <p class="results__count">
        ${this.countText()}
        ${r.total > listed.length ? this.l.t('search.showing', { shown: listed.length, total: r.total }) : nothing}
        ${pending ? html`<span class="dvc-spinner" aria-hidden="true"></span>` : nothing}
      </p>
      ${listed[0]?.partial ? html`<p class="dvc-alert dvc-alert--info partial">${this.l.t('search.partial')}</p>` : nothing}
      <ul id="results" class="results__list" part="results" role="listbox" aria-label=${this.l.t('search.results')}>
        ${
          // Not keyed (no `repeat`): a keystroke that changes the results reuses the 20 rows and
          // rewrites their text instead of removing 20 <li> and building 20 new ones. Focus stays
          // in the field (aria-activedescendant points at `opt-<index>`), so no row's identity matters.
          listed.map((hit, i) => this.renderHit(hit, i, labels))
        }
      </ul>
      ${r.total > listed.length
        ? html`<button type="button" class="dvc-button dvc-button--secondary more" part="button" @click=${this.showMore}>
            ${this.l.t('search.more')}
          </button>`
        : nothing}
    </section>`;
  }

  private renderHit(hit: Hit, i: number, labels: Map<string, string>): TemplateResult {
    const { item } = hit;
    const active = i === this.activeIndex;
    // Labels are looked up once per render, not once per row (this runs on every keystroke).
    const label = (key: string, make: () => string) => labels.get(key) ?? (labels.set(key, make()), labels.get(key)!);
    const meta = [
      label('code', () => this.l.t('search.code', { code: '\u0000' })).replace('\u0000', item.code),
      item.field,
      ...item.levels.map((lv) => label(`level.${lv}`, () => this.facetLabel('level', lv))),
    ].join(' · ');
    return html`<li
      id="opt-${i}"
      class="result ${active ? 'result--active' : ''}"
      part="result"
      role="option"
      aria-selected=${active ? 'true' : 'false'}
      @click=${() => {
        this.activeIndex = i;
        this.openProcedure(item.code);
      }}
    >
      <span class="result__name" ${highlighted(item.name, hit.terms, hit.prefix)}></span>
      <span class="result__meta">${meta}</span>
    </li>`;
  }

  private renderEmpty(_r: ResultsView): TemplateResult {
    const phone = this.agencyTask.value?.phone;
    return html`<section class="empty" part="empty" data-state="empty" aria-labelledby="empty-title">
      <h3 id="empty-title" class="section-title">${this.l.t('empty.title', { query: this.query.trim() })}</h3>
      <ul class="empty__tips">
        <li>${this.l.t('empty.spelling')}</li>
        ${this.hasFilter
          ? html`<li>
              ${this.l.t('empty.filters')}
              <button type="button" class="dvc-button dvc-button--secondary" part="button" @click=${this.clearFilters}>
                ${this.l.t('empty.clearFilters')}
              </button>
            </li>`
          : nothing}
        <li>
          ${this.l.t('empty.browse')}
        </li>
        ${phone
          ? html`<li>
              ${this.l.t('empty.call')}
              <a class="dvc-link" href="tel:${phone.replace(/[^\d+]/g, '')}">${this.l.t('empty.callNumber', { phone })}</a>
            </li>`
          : nothing}
      </ul>
      ${this.results ? this.renderBrowse(this.browseFacets()) : nothing}
    </section>`;
  }

  /** Field counts over the whole catalog (local) or the last server facets, for the empty state. */
  private browseFacets(): ResultsView {
    const { items, search } = this.catalog;
    if (!items || !search) return this.results!;
    if (this.catalogFacets?.items !== items) this.catalogFacets = { items, view: { hits: [], total: 0, facets: search.countFacets(items) } };
    return this.catalogFacets.view;
  }
  private catalogFacets: { items: readonly LookupItem[]; view: ResultsView } | undefined;

  private renderDetail(code: string): TemplateResult {
    const known = this.catalog.item(code) ?? this.results?.hits.find((h) => h.item.code === code)?.item;
    const meta = this.detailTask.value;
    const detail = meta && meta.data.code === code ? meta.data : null;
    const title = detail?.name ?? known?.name ?? this.l.t('detail.loading');
    let body: unknown;
    if (this.detailTask.status === TaskStatus.ERROR && this.detailTask.error) {
      const e = this.detailTask.error;
      body =
        e instanceof ApiError && e.status === 404
          ? html`<div class="dvc-alert dvc-alert--warning state" role="alert" data-state="not-found">
              <p>${this.l.t('error.notFound', { code })}</p>
            </div>`
          : this.renderError(e, this.l.t('error.detailTitle'), () => void this.detailTask.run());
    } else if (!detail) {
      body = this.renderLoading(this.l.t('detail.loading'));
    } else {
      body = this.renderDetailBody(detail, meta!);
    }
    return html`<article class="detail" part="detail" data-state="detail" @keydown=${this.onDetailKeyDown}>
      <button type="button" class="back dvc-button dvc-button--secondary" part="button" @click=${() => this.closeDetail()}>
        <span aria-hidden="true">←</span> ${this.l.t('detail.back')}
      </button>
      <h2 id="detail-title" class="detail__title" part="title" tabindex="-1">${title}</h2>
      ${body}
    </article>`;
  }

  private renderDetailBody(d: ProcedureDetail, meta: ResponseMeta<ProcedureDetail>): TemplateResult {
    const portal = safeHttpUrl(d.nationalPortalUrl);
    return html`
      ${meta.fromCache
        ? html`<p class="dvc-alert dvc-alert--warning banner" data-state="offline-cached">
            ${this.l.t('detail.offlineCopy', { time: this.l.formatDateTime(meta.storedAt) })}
          </p>`
        : nothing}
      <dl class="facts">
        <div><dt>${this.l.t('detail.code')}</dt><dd>${d.code}</dd></div>
        <div><dt>${this.l.t('detail.field')}</dt><dd>${d.field}</dd></div>
        <div><dt>${this.l.t('detail.levels')}</dt><dd>${d.levels.map((lv) => this.facetLabel('level', lv)).join(', ')}</dd></div>
        ${d.onlineLevel
          ? html`<div><dt>${this.l.t('detail.onlineLevel')}</dt><dd>${this.facetLabel('onlineLevel', d.onlineLevel)}</dd></div>`
          : nothing}
      </dl>

      <div class="actions" role="group" aria-label=${this.l.t('detail.actions')}>
        ${portal && d.channels.includes('online')
          ? html`<a class="dvc-button" part="button" href=${portal.href} target="_blank" rel="noopener noreferrer">
              ${this.l.t('detail.submitOnline')}
              <span class="dvc-visually-hidden">${this.l.t('detail.newTab')}</span>
              <span aria-hidden="true">↗</span>
            </a>`
          : nothing}
        ${this.canBook
          ? html`<button type="button" class="dvc-button ${portal ? 'dvc-button--secondary' : ''}" part="button" @click=${() => this.requestBooking(d)}>
              ${this.l.t('detail.book')}
            </button>`
          : nothing}
        <button type="button" class="dvc-button dvc-button--secondary print-hide" part="button" @click=${() => window.print()}>
          ${this.l.t('detail.print')}
        </button>
      </div>

      ${this.section('channels', this.l.t('detail.channels'), this.renderChannels(d), true)}
      ${this.section('documents', this.l.t('detail.documents'), this.renderDocuments(d), true)}
      ${d.steps.length
        ? this.section(
            'steps',
            this.l.t('detail.steps'),
            html`<ol class="steps">
              ${d.steps.map((s) => html`<li class="prewrap">${s}</li>`)}
            </ol>`,
            false,
          )
        : nothing}
      ${this.textSection('subjects', this.l.t('detail.subjects'), d.subjects, true)}
      ${this.textSection('agency', this.l.t('detail.agency'), d.implementingAgency, true)}
      ${this.textSection('receivingAddress', this.l.t('detail.receivingAddress'), d.receivingAddress, true)}
      ${this.textSection('result', this.l.t('detail.result'), d.result, true)}
      ${this.textSection('requirements', this.l.t('detail.requirements'), d.requirements, false)}
      ${d.legalBasis.length || d.legalBasisRaw
        ? this.section(
            'legal',
            this.l.t('detail.legalBasis'),
            html`${d.legalBasis.length
              ? html`<ul class="legal">
                  ${d.legalBasis.map((b) => html`<li>${b.number ? html`<strong>${b.number}</strong> ` : nothing}${b.title}</li>`)}
                </ul>`
              : nothing}
            ${d.legalBasisRaw ? html`<p class="prewrap raw">${d.legalBasisRaw}</p>` : nothing}`,
            false,
          )
        : nothing}
      <p class="source">
        ${d.decision ? html`${this.l.t('detail.decision', { decision: d.decision })}<br />` : nothing}
        ${this.l.t('detail.source', { source: d.source })}
      </p>
    `;
  }

  /** Each part is a <details>: a phone screen shows the headings first; essentials start open. */
  private section(id: string, title: string, content: unknown, open: boolean): TemplateResult {
    return html`<details class="section" part="section" data-section=${id} ?open=${open}>
      <summary><h3 class="section-title">${title}</h3></summary>
      <div class="section__body">${content}</div>
    </details>`;
  }

  private textSection(id: string, title: string, text: string | null, open: boolean): unknown {
    return text ? this.section(id, title, html`<p class="prewrap">${text}</p>`, open) : nothing;
  }

  private renderChannels(d: ProcedureDetail): TemplateResult {
    const rows: ChannelInfo[] = d.channelDetails.length
      ? d.channelDetails
      : d.channels.map((channel) => ({
          channel,
          time: d.processingTime,
          workingDays: null,
          fee: d.fee,
          feeAmount: null,
          feeNote: null,
          description: null,
        }));
    return html`<ul class="channels" role="list">
      ${rows.map(
        (c) => html`<li class="channel">
          <h4 class="channel__name">${this.facetLabel('channel', c.channel)}</h4>
          <dl class="channel__facts">
            <div>
              <dt>${this.l.t('detail.time')}</dt>
              <dd>${c.workingDays !== null ? this.l.t('detail.workingDays', { count: c.workingDays }) : (c.time ?? this.l.t('detail.notStated'))}</dd>
            </div>
            <div>
              <dt>${this.l.t('detail.fee')}</dt>
              <dd>${c.fee ?? this.l.t('detail.notStated')}${c.feeNote ? html` <span class="note">${c.feeNote}</span>` : nothing}</dd>
            </div>
          </dl>
          ${c.description ? html`<p class="channel__desc prewrap">${c.description}</p>` : nothing}
        </li>`,
      )}
    </ul>`;
  }

  private renderDocuments(d: ProcedureDetail): TemplateResult {
    if (!d.documents.length && !d.documentsRaw) return html`<p>${this.l.t('detail.noDocuments')}</p>`;
    const group = (g: DocumentGroup) => html`<div class="doc-group">
      ${d.documents.length > 1 || g.title ? html`<h4 class="doc-group__title">${g.title ?? this.l.t('detail.documentsDefault')}</h4>` : nothing}
      <ul class="docs">
        ${g.items.map((item) => {
          const counts = [
            item.originals ? this.l.t('detail.originals', { count: item.originals }) : null,
            item.copies ? this.l.t('detail.copies', { count: item.copies }) : null,
          ].filter(Boolean);
          return html`<li class="doc">
            <span class="prewrap">${item.name}</span>
            ${item.form ? html`<span class="doc__form">${this.l.t('detail.form', { form: item.form })}</span>` : nothing}
            ${counts.length ? html`<span class="doc__count">${counts.join(', ')}</span>` : nothing}
          </li>`;
        })}
      </ul>
    </div>`;
    return html`${d.documents.map(group)}
    ${d.documentsRaw
      ? html`<details class="raw-details">
          <summary>${this.l.t('detail.documentsRaw')}</summary>
          <p class="prewrap raw">${d.documentsRaw}</p>
        </details>`
      : nothing}`;
  }
}

/** Query words for highlighting server results (the server does not return matched terms). */
function queryTerms(search: SearchModule, query: string): string[] {
  return search.expandQuery(query).groups.flatMap((g) => g.alternatives.flat()).map((w) => foldLoose(w));
}

/**
 * Names split into words and separators, with the folded form of each word, remembered per name:
 * the same few dozen names come back keystroke after keystroke, each with a new set of terms.
 */
const splitNames = new Map<string, { parts: string[]; folded: string[] }>();
function splitName(name: string): { parts: string[]; folded: string[] } {
  let split = splitNames.get(name);
  if (split === undefined) {
    if (splitNames.size > 10_000) splitNames.clear();
    // Odd indices are words (the capture group), even ones what lies between them.
    const parts = name.split(WORD);
    split = { parts, folded: parts.map((part, i) => (i % 2 === 1 ? foldLoose(part) : '')) };
    splitNames.set(name, split);
  }
  return split;
}

/**
 * `highlight` as the content of the element it is bound to, replaced in one call when the name or
 * the terms change. As a child expression, lit would remove the old text and marks one node at a
 * time and keep two marker comments per row; a keystroke rewrites the names of 20 rows.
 */
class HighlightedDirective extends Directive {
  private key: string | undefined;
  render(_name: string, _terms: readonly string[], _prefix?: boolean): unknown {
    return undefined;
  }
  override update(part: ElementPart, [name, terms, prefix]: [string, readonly string[], boolean | undefined]): unknown {
    const key = `${prefix ? 1 : 0}${terms.join(' ')}\u0000${name}`;
    if (key !== this.key) {
      this.key = key;
      part.element.replaceChildren(highlight(name, terms, prefix) as Node | string);
    }
    return undefined;
  }
}
const highlighted = directive(HighlightedDirective);

/**
 * The name with matched words in <mark>: words whose folded form is a matched term, or, with
 * `prefix` (query words rather than matched document words), starts with one of two letters or more.
 * Returns the name itself when nothing matches, else a new DocumentFragment (render it once).
 */
export function highlight(name: string, terms: readonly string[], prefix = false): unknown {
  if (!terms.length) return name;
  const set = new Set(terms);
  const prefixes = prefix ? terms.filter((t) => t.length >= 2) : [];
  const { parts, folded } = splitName(name);
  // Built with DOM calls, not as lit values: each mark would be a template instance between two
  // marker comments, and a short query marks up to ten words in each of 20 new rows per keystroke.
  // Text goes in as text nodes (`append` of a string, `textContent`), never parsed as HTML.
  const out = document.createDocumentFragment();
  let text = '';
  for (let i = 0; i < parts.length; i++) {
    const word = folded[i]!;
    if (word && (set.has(word) || prefixes.some((p) => word.startsWith(p)))) {
      if (text) out.append(text);
      text = '';
      const mark = document.createElement('mark');
      mark.setAttribute('part', 'mark');
      mark.textContent = parts[i]!;
      out.append(mark);
    } else {
      text += parts[i]!;
    }
  }
  if (text) out.append(text);
  return out;
}
