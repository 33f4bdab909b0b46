/**
 * The Vietnamese search engine (`./search.ts`: MiniSearch and the folding, abbreviation and
 * typo rules, ~8 KB brotli), imported on demand. A widget asks for it together with the catalog
 * it searches, so it downloads alongside that catalog instead of before the widget's first paint.
 *
 * ```ts
 * const [index, search] = await Promise.all([client.request('getProcedureIndex', …), loadSearch()]);
 * const engine = search.createProcedureSearch(search.expandProcedureIndex(index));
 * ```
 */
export type SearchModule = typeof import('./search.js');

let pending: Promise<SearchModule> | undefined;
let loaded: SearchModule | undefined;

/** One import for the whole page; a failed one (offline) is tried again on the next call. */
export function loadSearch(): Promise<SearchModule> {
  pending ??= import('./search.js').then(
    (module) => (loaded = module),
    (error: unknown) => {
      pending = undefined;
      throw error;
    },
  );
  return pending;
}

/**
 * The module once `loadSearch()` has resolved, else undefined: for a render that runs after the
 * data it was loaded with (a task awaited both), so it needs no copy of its own.
 */
export function loadedSearch(): SearchModule | undefined {
  return loaded;
}
