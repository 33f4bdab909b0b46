/**
 * The agency's procedure catalog, searched on the device: fetched once, indexed once, shared by
 * every widget of the page that searches it (`import … from '@dvc-widgets/core/catalog'`).
 *
 * - `getCatalog(client, agency)` — the page's one `Catalog` per API client (one client per base
 *   URL) and agency: its `getProcedureIndex` answer (ETag-revalidated, with the device copy the
 *   client keeps in IndexedDB when the network fails), the search engine built from it in slices
 *   between frames, or — when the server does not offer the catalog — `status: 'server'`, the
 *   cue to search on the server (`searchProcedures` with `q`) instead.
 * - `CatalogController(host, { client, agency })` — a widget's handle on it: re-renders the host
 *   when the catalog changes, lets go when the host leaves the page. A catalog nobody holds any
 *   more is dropped (and its download aborted), so a page that removes its widgets frees it.
 * - `prefetchCatalog(client, agency)` — starts the download before any widget asks (a loader
 *   that knows the page will search): the widget that comes later takes the same catalog.
 *
 * The engine (`./search.ts`) is imported on demand with the catalog (`search-loader.ts`), so it is
 * never on a widget's first-paint path; this module only imports its types.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { QueryOf, ResponseOf } from '@dvc-widgets/contract';
import type { ApiClient } from './api-client.js';
import { ApiError, isAbortError, RateLimitedError, toDvcError, ValidationError, type DvcError } from './errors.js';
import { loadSearch, type SearchModule } from './search-loader.js';
import type { ProcedureSearch } from './search.js';

/** One searchable procedure, as `expandProcedureIndex` makes it from the compact index. */
export type CatalogItem = ReturnType<SearchModule['expandProcedureIndex']>[number];

/**
 * - `idle`: not asked for yet (or not enabled); `loading`: downloading or indexing;
 * - `ready`: `items`, `engine` and `search` are there;
 * - `server`: this server does not ship the catalog (404/405/410/413/501, or an answer outside the
 *   contract): search on the server with `searchOnServer`; `search` is there for highlighting;
 * - `error`: the download failed (`error`; a `RateLimitedError` carries the wait): `reload()`.
 */
export type CatalogStatus = 'idle' | 'loading' | 'ready' | 'server' | 'error';

/** What a widget reads from a catalog. */
export interface CatalogState {
  readonly status: CatalogStatus;
  readonly items: readonly CatalogItem[] | undefined;
  readonly engine: ProcedureSearch<CatalogItem> | undefined;
  /** The search module (`expandQuery`, `countFacets`…), loaded with the catalog. */
  readonly search: SearchModule | undefined;
  /** The server was not reached: `items` are the copy stored on the device at `storedAt`. */
  readonly fromCache: boolean;
  /** When the server last confirmed `items` (ms since epoch); 0 before the first answer. */
  readonly storedAt: number;
  readonly error: DvcError | undefined;
}

/**
 * `performance.mark` name set each time a search index is built, with `detail: { key, items }`;
 * a `performance.measure` of the same name plus `:duration` spans the build. Tests and benchmarks
 * count builds with `performance.getEntriesByName(CATALOG_BUILD_MARK, 'mark')`.
 */
export const CATALOG_BUILD_MARK = 'dvc:catalog-build';

/** Index errors that mean "this server does not ship the catalog": search on the server instead. */
export function meansNoIndex(error: DvcError): boolean {
  return (
    error instanceof ValidationError ||
    (error instanceof ApiError && !(error instanceof RateLimitedError) && [404, 405, 410, 413, 501].includes(error.status))
  );
}

/**
 * The catalog of one agency on one API, shared by the page. An `EventTarget` that fires `change`
 * whenever `status` (or what comes with it) changes.
 */
export class Catalog extends EventTarget implements CatalogState {
  readonly client: ApiClient;
  readonly agency: string | undefined;
  status: CatalogStatus = 'idle';
  items: readonly CatalogItem[] | undefined;
  engine: ProcedureSearch<CatalogItem> | undefined;
  search: SearchModule | undefined;
  fromCache = false;
  storedAt = 0;
  error: DvcError | undefined;

  private users = 0;
  private abort: AbortController | undefined;
  private loading: Promise<void> | undefined;
  private byCode: Map<string, CatalogItem> | undefined;

  constructor(client: ApiClient, agency: string | undefined) {
    super();
    this.client = client;
    this.agency = agency;
  }

  /** Starts the download unless it is under way or done (an error is not retried: `reload()`). */
  load(): Promise<void> {
    if (this.loading) return this.loading;
    if (this.status !== 'idle') return Promise.resolve();
    return this.reload();
  }

  /** Downloads and indexes again (after an error, or to pick up a newer catalog). */
  reload(): Promise<void> {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    const run = this.run(abort.signal).finally(() => {
      if (this.loading === run) this.loading = undefined;
    });
    this.loading = run;
    return run;
  }

  /** The procedure with this code, if the catalog has it. */
  item(code: string): CatalogItem | undefined {
    if (!this.items) return undefined;
    this.byCode ??= new Map(this.items.map((i) => [i.code, i]));
    return this.byCode.get(code);
  }

  /**
   * Searches on the server (`searchProcedures`), for `status: 'server'` or a widget set to never
   * download the catalog. The agency is this catalog's; the search module comes along (loaded in
   * parallel) so the rows can be highlighted with the same rules.
   */
  searchOnServer(query: ServerSearchQuery, options: { signal?: AbortSignal } = {}): Promise<ResponseOf<'searchProcedures'>> {
    return searchOnServer(this.client, this.agency, query, options);
  }

  /** @internal A widget holds the catalog (CatalogController). */
  acquire(): void {
    this.users++;
  }

  /**
   * @internal A widget lets go. Once nobody holds it (checked after the current task's
   * microtasks, so an element moved in the page keeps it), the catalog leaves the page's registry
   * and an unfinished download is aborted.
   */
  release(): void {
    this.users = Math.max(0, this.users - 1);
    queueMicrotask(() => {
      if (this.users > 0) return;
      forget(this);
      if (this.loading) this.abort?.abort();
    });
  }

  private async run(signal: AbortSignal): Promise<void> {
    const previous = this.status;
    this.set({ status: 'loading', error: undefined });
    try {
      const agency = this.agency;
      // The engine (~8 KB brotli) downloads alongside the catalog it searches.
      const [meta, search] = await Promise.all([
        this.client.requestWithMeta('getProcedureIndex', { query: agency ? { agency } : {}, signal }),
        loadSearch(),
      ]);
      // Each step in its own task: the answer's parse (JSON and the contract check of every item)
      // already filled the task it came in, so expanding it waits for the next one, and the
      // index is built in slices between frames: a large catalog must not freeze a slow phone.
      await nextTask();
      const items = search.expandProcedureIndex(meta.data);
      const key = `${this.client.baseUrl}|${agency ?? ''}`;
      const mark = performance.mark(CATALOG_BUILD_MARK, { detail: { key, items: items.length } });
      await nextTask();
      const engine = await search.createProcedureSearchAsync(items);
      performance.measure(`${CATALOG_BUILD_MARK}:duration`, { start: mark.startTime, detail: { key } });
      if (signal.aborted) return;
      this.byCode = undefined;
      this.set({ status: 'ready', items, engine, search, fromCache: meta.fromCache, storedAt: meta.storedAt });
    } catch (raw) {
      if (signal.aborted || isAbortError(raw)) {
        // Given up (nobody holds it, or a newer reload): back to where it was.
        if (this.status === 'loading') this.set({ status: previous === 'loading' ? 'idle' : previous });
        return;
      }
      const error = toDvcError(raw);
      if (meansNoIndex(error)) {
        this.set({ status: 'server', search: await loadSearch().catch(() => undefined) });
      } else {
        this.set({ status: 'error', error });
      }
    }
  }

  private set(patch: Partial<CatalogState>): void {
    Object.assign(this, patch);
    this.dispatchEvent(new Event('change'));
  }
}

/** A `searchProcedures` query; the agency is the catalog's. */
export type ServerSearchQuery = Omit<NonNullable<QueryOf<'searchProcedures'>>, 'agency'>;

/**
 * `searchProcedures` for `agency` (undefined: the whole API), with the search module loaded in
 * parallel (`loadedSearch()` then has it), so the rows can be highlighted with the same rules.
 */
export async function searchOnServer(
  client: ApiClient,
  agency: string | undefined,
  query: ServerSearchQuery,
  options: { signal?: AbortSignal } = {},
): Promise<ResponseOf<'searchProcedures'>> {
  const [result] = await Promise.all([
    client.request('searchProcedures', { query: agency ? { ...query, agency } : query, signal: options.signal }),
    loadSearch(),
  ]);
  return result;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The page's catalogs, per API client (one per base URL) and agency. */
const registry = new WeakMap<ApiClient, Map<string, Catalog>>();

function forget(catalog: Catalog): void {
  const byAgency = registry.get(catalog.client);
  const key = catalog.agency ?? '';
  if (byAgency?.get(key) === catalog) byAgency.delete(key);
}

/** The page's catalog for this API and agency (created, not loaded, when it is the first ask). */
export function getCatalog(client: ApiClient, agency?: string): Catalog {
  const key = agency?.trim() ?? '';
  let byAgency = registry.get(client);
  if (!byAgency) registry.set(client, (byAgency = new Map()));
  let catalog = byAgency.get(key);
  if (!catalog) byAgency.set(key, (catalog = new Catalog(client, key || undefined)));
  return catalog;
}

/**
 * Starts downloading and indexing a catalog before any widget asks for it; the widget that asks
 * later gets the same one. It stays on the page until a widget has taken it and let it go.
 */
export function prefetchCatalog(client: ApiClient, agency?: string): Catalog {
  const catalog = getCatalog(client, agency);
  void catalog.load();
  return catalog;
}

export interface CatalogControllerOptions {
  /** The host's API client (`() => this.api.client`): read before each render. */
  client: () => ApiClient;
  /** The agency whose catalog is searched; undefined: the API's whole catalog. */
  agency: () => string | undefined;
  /** False while the host does not want the catalog (server-only search, nothing to book yet). */
  enabled?: () => boolean;
  /** Called once per failure of the download, e.g. to start a retry countdown. */
  onError?: (error: DvcError) => void;
}

/**
 * A widget's handle on the page's shared catalog (`getCatalog`), as a reactive controller. Before
 * each render it takes the catalog of the host's current API and agency (letting go of another
 * one it held) and starts its download; the host re-renders when the catalog changes, and lets go
 * when it leaves the page. Read `status`, `items`, `engine`, `search`, `fromCache`, `storedAt`,
 * `error` as the host renders.
 *
 * ```ts
 * private readonly catalog = new CatalogController(this, {
 *   client: () => this.api.client,
 *   agency: () => this.agencyCode,
 * });
 * render() { return this.catalog.status === 'ready' ? this.renderHits(this.catalog.engine!.search(q)) : … }
 * ```
 */
export class CatalogController implements ReactiveController, CatalogState {
  private readonly host: ReactiveControllerHost;
  private readonly options: CatalogControllerOptions;
  private current: Catalog | undefined;
  private reported: DvcError | undefined;
  private updated = false;
  private connected = false;

  constructor(host: ReactiveControllerHost, options: CatalogControllerOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  /** The shared catalog held now (undefined while not enabled). */
  get catalog(): Catalog | undefined {
    return this.current;
  }

  get status(): CatalogStatus {
    return this.current?.status ?? 'idle';
  }
  get items(): readonly CatalogItem[] | undefined {
    return this.current?.items;
  }
  get engine(): ProcedureSearch<CatalogItem> | undefined {
    return this.current?.engine;
  }
  get search(): SearchModule | undefined {
    return this.current?.search;
  }
  get fromCache(): boolean {
    return this.current?.fromCache ?? false;
  }
  get storedAt(): number {
    return this.current?.storedAt ?? 0;
  }
  get error(): DvcError | undefined {
    return this.current?.error;
  }

  /** The procedure with this code, if the catalog has it. */
  item(code: string): CatalogItem | undefined {
    return this.current?.item(code);
  }

  /** Downloads the catalog again (the retry button of an error state). */
  reload(): Promise<void> {
    this.sync();
    return this.current?.reload() ?? Promise.resolve();
  }

  /** `searchOnServer` on the host's current API and agency (also while not enabled: server-only search). */
  searchOnServer(query: ServerSearchQuery, options: { signal?: AbortSignal } = {}): Promise<ResponseOf<'searchProcedures'>> {
    return searchOnServer(this.options.client(), this.options.agency()?.trim() || undefined, query, options);
  }

  hostConnected(): void {
    this.connected = true;
    // The first update takes the catalog (the host's properties are set by then). A host that
    // comes back takes it again at once: moved in the page, it keeps the one it let go of.
    if (this.updated) this.sync();
  }

  hostUpdate(): void {
    this.updated = true;
    // A host out of the page may still render (a late timer); it must not take a catalog then.
    if (this.connected) this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.hold(undefined);
  }

  /** Holds the catalog the host asks for now, and starts its download. */
  private sync(): void {
    const enabled = this.options.enabled?.() ?? true;
    const wanted = enabled ? getCatalog(this.options.client(), this.options.agency()) : undefined;
    if (wanted !== this.current) this.hold(wanted);
    if (wanted) {
      void wanted.load();
      this.report();
    }
  }

  private hold(catalog: Catalog | undefined): void {
    if (this.current) {
      this.current.removeEventListener('change', this.onChange);
      this.current.release();
    }
    this.current = catalog;
    this.reported = undefined;
    if (catalog) {
      catalog.acquire();
      catalog.addEventListener('change', this.onChange);
    }
  }

  private readonly onChange = (): void => {
    this.report();
    this.host.requestUpdate();
  };

  private report(): void {
    const error = this.current?.status === 'error' ? this.current.error : undefined;
    if (error && error !== this.reported) {
      this.reported = error;
      this.options.onError?.(error);
    }
  }
}
