import { createHash } from 'node:crypto';
import type {
  FacetCount,
  FieldList,
  ProcedureDetail,
  ProcedureIndex,
  ProcedureSearchQuery,
  ProcedureSearchResult,
  ProcedureSummary,
} from '@dvc-widgets/contract';
import { createProcedureSearch } from '@dvc-widgets/vn/search';
import { fold } from '@dvc-widgets/vn/text';
import { fromJson, type Store } from './store.js';
import { notFound } from '../http/errors.js';

const collator = new Intl.Collator('vi');

interface CatalogView {
  summaries: ProcedureSummary[];
  byCode: Map<string, ProcedureSummary>;
  /** Procedure codes each agency handles. */
  byAgency: Map<string, Set<string>>;
  /** Folded field name per procedure code (folding is costly; done once). */
  foldedField: Map<string, string>;
  /** The summaries each agency handles, in catalog order (built on first use, then kept). */
  scoped: Map<string, { items: ProcedureSummary[]; codes: Set<string> }>;
  search(q: string): string[];
}

type Ranker = (items: ProcedureSummary[]) => (q: string) => string[];

/**
 * The same Vietnamese-aware engine the widget runs in the browser (accents, đ, abbreviations,
 * Telex residue, typos, codes), so a citizen gets the same answers online and offline.
 */
const coreRanker: Ranker = (items) => {
  const engine = createProcedureSearch(items);
  return (q) => engine.search(q).map((hit) => hit.item.code);
};

/** Distinct queries whose ranking is kept (a few MB at most: a ranking is a list of code strings). */
const RANKING_CACHE_SIZE = 500;

/**
 * The catalog does not change while the process runs, so a query's ranking is a pure function of
 * its text: the most recent rankings are kept (least recently used go first). Citizens ask the
 * same few things ("khai sinh", "kết hôn", "hộ khẩu"): most searches skip the engine; the
 * facets and paging are still computed per request.
 */
function remembered(rank: (q: string) => string[]): (q: string) => string[] {
  const cache = new Map<string, string[]>();
  return (q) => {
    const key = q.normalize('NFC').trim().toLowerCase();
    const hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const ranked = rank(q);
    cache.set(key, ranked);
    if (cache.size > RANKING_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return ranked;
  };
}

function summaryOf(d: ProcedureDetail): ProcedureSummary {
  return {
    code: d.code,
    name: d.name,
    field: d.field,
    levels: d.levels,
    onlineLevel: d.onlineLevel,
    channels: d.channels,
    processingTime: d.processingTime,
    fee: d.fee,
    agency: d.agency,
  };
}

function facet(values: Iterable<string>): FacetCount[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || collator.compare(a.value, b.value));
}

/** Strong validator of a JSON body: a hash of exactly the bytes sent. */
export function strongEtag(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/**
 * Procedures are reference data: seeded once, never written through the API. The summaries and
 * the agency→procedure sets are read from the database once per app and kept in memory, which
 * keeps search fast without a full-text index that would differ between PGlite and PostgreSQL.
 */
export class ProcedureService {
  private view: Promise<CatalogView> | undefined;
  private readonly indexCache = new Map<string, ProcedureIndex>();

  constructor(
    private readonly store: Store,
    private readonly ranker: Ranker = coreRanker,
  ) {}

  catalog(): Promise<CatalogView> {
    this.view ??= this.load().catch((error: unknown) => {
      this.view = undefined;
      throw error;
    });
    return this.view;
  }

  private async load(): Promise<CatalogView> {
    const rows = await this.store.db.selectFrom('procedures').select(['detail']).execute();
    const summaries = rows
      .map((r) => summaryOf(fromJson<ProcedureDetail>(r.detail)))
      .sort((a, b) => collator.compare(a.name, b.name) || a.code.localeCompare(b.code));
    const links = await this.store.db.selectFrom('agency_procedures').select(['agency_code', 'procedure_code']).execute();
    const byAgency = new Map<string, Set<string>>();
    for (const l of links) {
      let set = byAgency.get(l.agency_code);
      if (!set) byAgency.set(l.agency_code, (set = new Set()));
      set.add(l.procedure_code);
    }
    return {
      summaries,
      byCode: new Map(summaries.map((s) => [s.code, s])),
      byAgency,
      foldedField: new Map(summaries.map((p) => [p.code, fold(p.field)])),
      scoped: new Map(),
      search: remembered(this.ranker(summaries)),
    };
  }

  /** The procedures an agency handles (404 for an unknown agency), or the whole catalog. */
  private async scope(agency: string | undefined): Promise<{ view: CatalogView; items: ProcedureSummary[]; codes: Set<string> | null }> {
    const view = await this.catalog();
    if (!agency) return { view, items: view.summaries, codes: null };
    await this.store.recentAgency(agency);
    let scoped = view.scoped.get(agency);
    if (!scoped) {
      const codes = view.byAgency.get(agency) ?? new Set<string>();
      scoped = { items: view.summaries.filter((s) => codes.has(s.code)), codes };
      view.scoped.set(agency, scoped);
    }
    return { view, ...scoped };
  }

  async handles(agency: string, procedure: string): Promise<boolean> {
    const view = await this.catalog();
    return view.byAgency.get(agency)?.has(procedure) ?? false;
  }

  async summary(code: string): Promise<ProcedureSummary | undefined> {
    return (await this.catalog()).byCode.get(code);
  }

  /**
   * A search answer is a pure function of its query while the process runs (the catalog is
   * fixed), so the answers to the most recent distinct queries are kept whole, facets included;
   * the HTTP layer then also reuses their validated, serialised text (http/routes.ts).
   */
  private readonly answers = new Map<string, ProcedureSearchResult>();

  async search(query: ProcedureSearchQuery): Promise<ProcedureSearchResult> {
    const key = JSON.stringify([query.agency, query.q?.normalize('NFC').trim().toLowerCase(), query.field, query.level, query.onlineLevel, query.channel, query.page, query.pageSize]);
    const known = this.answers.get(key);
    if (known) {
      // An unknown agency is never kept (scope() throws), and a known one stays known.
      this.answers.delete(key);
      this.answers.set(key, known);
      return known;
    }
    const answer = await this.compute(query);
    this.answers.set(key, answer);
    if (this.answers.size > RANKING_CACHE_SIZE) this.answers.delete(this.answers.keys().next().value!);
    return answer;
  }

  private async compute(query: ProcedureSearchQuery): Promise<ProcedureSearchResult> {
    const { view, items, codes } = await this.scope(query.agency);
    let ranked = items;
    if (query.q && fold(query.q)) {
      ranked = view.search(query.q).flatMap((c) => (codes === null || codes.has(c) ? [view.byCode.get(c)!] : []));
    }
    const field = query.field ? fold(query.field) : null;
    const tests = {
      field: (p: ProcedureSummary) => field === null || view.foldedField.get(p.code) === field,
      level: (p: ProcedureSummary) => !query.level || p.levels.includes(query.level),
      onlineLevel: (p: ProcedureSummary) => !query.onlineLevel || p.onlineLevel === query.onlineLevel,
      channel: (p: ProcedureSummary) => !query.channel || p.channels.includes(query.channel),
    };
    type FacetName = keyof typeof tests;
    const names = Object.keys(tests) as FacetName[];
    // Disjunctive facets: each facet counts the results of every *other* filter, so a portal can
    // show how many procedures another choice of the same facet would give.
    const except = (skip: FacetName | null) => ranked.filter((p) => names.every((n) => n === skip || tests[n](p)));
    const matches = except(null);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    return {
      items: matches.slice((page - 1) * pageSize, page * pageSize),
      total: matches.length,
      page,
      pageSize,
      facets: {
        field: facet(except('field').map((p) => p.field)),
        level: facet(except('level').flatMap((p) => p.levels)),
        onlineLevel: facet(except('onlineLevel').flatMap((p) => (p.onlineLevel ? [p.onlineLevel] : []))),
        channel: facet(except('channel').flatMap((p) => p.channels)),
      },
    };
  }

  async fields(agency: string | undefined): Promise<FieldList> {
    const { items } = await this.scope(agency);
    return {
      items: facet(items.map((p) => p.field))
        .map((f) => ({ name: f.value, procedureCount: f.count }))
        .sort((a, b) => collator.compare(a.name, b.name)),
    };
  }

  async index(agency: string | undefined): Promise<ProcedureIndex> {
    const cacheKey = agency ?? '';
    const cached = this.indexCache.get(cacheKey);
    if (cached) return cached;
    const { items } = await this.scope(agency);
    const fields = [...new Set(items.map((p) => p.field))].sort(collator.compare);
    const fieldIndex = new Map(fields.map((f, i) => [f, i]));
    const body = {
      agency: agency ?? null,
      fields,
      items: items.map((p) => ({ c: p.code, n: p.name, f: fieldIndex.get(p.field)!, l: p.levels, o: p.onlineLevel, ch: p.channels })),
    };
    // The version is the content hash, so clients can compare versions without the ETag.
    const version = createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 16);
    const index: ProcedureIndex = { version, ...body };
    this.indexCache.set(cacheKey, index);
    return index;
  }

  async detail(code: string): Promise<ProcedureDetail> {
    const row = await this.store.db.selectFrom('procedures').select('detail').where('code', '=', code).executeTakeFirst();
    if (!row) throw notFound('Procedure', { code });
    return fromJson<ProcedureDetail>(row.detail);
  }
}
