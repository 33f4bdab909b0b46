/**
 * Vietnamese-aware procedure search, shared by `<dvc-procedure-lookup>` (in the browser, over the
 * cached catalog), the reference server (for `q` on /v1/procedures, in Node) and the booking
 * widget's procedure picker.
 *
 * Built on MiniSearch (BM25+, radix-tree prefix and fuzzy lookup, about 6 KB gzip). It was chosen
 * over Fuse.js by measurement: `npm run bench:search` types citizen queries into the real widget
 * over the real 2,849-procedure catalog and times both libraries on the same data in one run.
 * Fuse scores every document with a Bitap scan per keystroke; MiniSearch walks an inverted index.
 * Measured (22 Nov 2026, Chromium, a shared 2-core machine at load ~19, best of rounds per
 * keystroke): search only, median 0.3 ms / p95 7.2 ms for this engine against 128 ms / 455 ms
 * for Fuse.js, and Fuse.js also misses "so do", "thuong tru online dc ko", "cap doi cccd".
 *
 * What a citizen types, and what happens to it (`expandQuery`):
 *   "Đăng ký tạm trú" / "dang ky tam tru" / "ĐĂNG KÝ TẠM TRÚ" → folded: no marks, đ→d, y→i
 *   "dk tam tru can j"     → abbreviation (dk → đăng ký) and filler ("cần gì") removed
 *   "Nguyeenx"             → Telex typed with the input method off → "nguyen"
 *   "so do"                → colloquial name → giấy chứng nhận quyền sử dụng đất
 *   "khai sinnh"           → typo tolerance (fuzzy, only on words long enough for it to be safe)
 *   "1.001193" / "001193"  → code lookup, that procedure first
 *
 * Runs in Node and browsers: no DOM, no globals.
 */
import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import { fold, foldLoose } from './text.js';

/** The fields search needs; `ProcedureSummary` and expanded `ProcedureIndexItem`s both fit. */
export interface ProcedureSearchDoc {
  code: string;
  name: string;
  field: string;
  levels?: readonly string[];
  onlineLevel?: string | null;
  channels?: readonly string[];
}

/** Facet filter; every given key must match. `level` and `channel` match one of the item's values. */
export interface ProcedureFilter {
  field?: string | undefined;
  level?: string | undefined;
  onlineLevel?: string | undefined;
  channel?: string | undefined;
}

export interface ProcedureSearchOptions<T> {
  /**
   * A facet filter or a predicate. It never changes how the query is read: the hits are those of
   * the same query without a filter, less the items it rejects (a code fragment found in the
   * catalog stays a code even when the filter rejects that procedure).
   */
  filter?: ProcedureFilter | ((item: T) => boolean);
  /** Maximum number of hits returned (all by default). */
  limit?: number;
}

export interface ProcedureSearchHit<T> {
  item: T;
  score: number;
  /** Matched words in folded form (`fold` + y→i), for highlighting with `foldLoose`. */
  terms: string[];
  /** True when no item had every word of the query and this one matches only some of them. */
  partial?: boolean;
}

/** One page of results: what a list shows, with what its count and filter options need. */
export interface ProcedureSearchPage<T> {
  /** The same hits, in the same order, as `search(query, options)`: at most `limit`. */
  hits: ProcedureSearchHit<T>[];
  /** How many items pass the filter, before `limit`: `search(query, { filter }).length`. */
  total: number;
  /**
   * Every item the query matched, before the filter, in no particular order (for `countFacets`).
   * Built on the first call: a keystroke that does not show the counts does not pay for them.
   */
  matched(): T[];
}

export interface ProcedureSearch<T> {
  /**
   * Best first. An empty query (after filler words are dropped) returns every item that passes
   * the filter, in catalog order, with score 0, so the same call serves "browse by field".
   */
  search(query: string, options?: ProcedureSearchOptions<T>): ProcedureSearchHit<T>[];
  /**
   * `search` for a result list: with a `limit`, only the hits of the page get their phrase
   * bonuses, matched terms and a place in the order, which keeps a one- or two-letter query
   * (a thousand or more matches) cheap on every keystroke.
   */
  searchPage(query: string, options?: ProcedureSearchOptions<T>): ProcedureSearchPage<T>;
  /** Number of indexed items. */
  readonly size: number;
}

/** One concept of the query: the word(s) the citizen typed and what they may mean. */
export interface ExpandedGroup {
  /** The folded words as typed (after Telex repair), e.g. `["dk"]` or `["so", "do"]`. */
  typed: string[];
  /** Alternatives, each a list of folded words that must all match, e.g. `[["dang", "ky"]]`. */
  alternatives: string[][];
}

export interface ExpandedQuery {
  /** The whole query folded (`fold`, not loose), filler words included. */
  folded: string;
  /** Concepts in typing order, filler words removed. */
  groups: ExpandedGroup[];
  /** Procedure-code fragments found in the query: `"1.001193"`, `"001193"`. */
  codes: string[];
}

/*
 * ───────────────────────────── Dictionary (data) ─────────────────────────────
 * Keys and values are folded text (no diacritics, đ → d; y/i as written: matching folds y → i).
 * A key may be several words; the longest key wins at each position. The typed words are always
 * kept as one more alternative (weakly weighted), because the official names sometimes use the
 * abbreviation themselves ("Cấp sổ BHXH, thẻ BHYT").
 */
export const SEARCH_SYNONYMS: ReadonlyArray<readonly [key: string, meanings: readonly string[]]> = [
  // Đăng ký: the most common word in procedure names, and the most abbreviated.
  ['dk', ['dang ky']],
  ['dki', ['dang ky']],
  ['dky', ['dang ky']],
  ['dang ki', ['dang ky']],
  // Civil status (hộ tịch).
  ['ks', ['khai sinh']],
  ['gks', ['khai sinh']],
  ['giay khai sinh', ['khai sinh']],
  ['lam giay khai sinh', ['dang ky khai sinh']],
  ['khai tu', ['khai tu']],
  ['giay bao tu', ['khai tu']],
  ['bao tu', ['khai tu']],
  ['dkkh', ['dang ky ket hon']],
  ['lay vo', ['ket hon']],
  ['lay chong', ['ket hon']],
  ['cuoi', ['ket hon']],
  ['xac nhan doc than', ['xac nhan tinh trang hon nhan']],
  ['giay doc than', ['xac nhan tinh trang hon nhan']],
  ['tinh trang hon nhan', ['xac nhan tinh trang hon nhan']],
  ['nhan con', ['nhan cha me con']],
  ['nhan cha', ['nhan cha me con']],
  ['nhan me', ['nhan cha me con']],
  ['trich luc', ['trich luc']],
  // Residence: the household book (hộ khẩu) was abolished in 2023; procedures now say cư trú,
  // thường trú, tạm trú. Citizens still say "hộ khẩu", "nhập khẩu", "cắt khẩu".
  ['hk', ['ho khau', 'thuong tru', 'cu tru']],
  ['ho khau', ['thuong tru', 'cu tru']],
  ['so ho khau', ['thuong tru', 'cu tru']],
  ['nhap khau', ['dang ky thuong tru']],
  ['nhap ho khau', ['dang ky thuong tru']],
  ['cat khau', ['xoa dang ky thuong tru']],
  ['cat ho khau', ['xoa dang ky thuong tru']],
  ['tach khau', ['tach ho']],
  ['tach ho khau', ['tach ho']],
  // "tt" is ambiguous: tạm trú or thường trú (and, rarely, thủ tục, which is filler anyway).
  ['tt', ['tam tru', 'thuong tru']],
  ['ttru', ['tam tru', 'thuong tru']],
  ['tv', ['tam vang']],
  ['ct', ['cu tru']],
  ['kbtt', ['khai bao tam tru']],
  // Identity cards: CMND was replaced by CCCD, now "thẻ căn cước" (Law on Identification 2023).
  ['cccd', ['can cuoc']],
  ['cmnd', ['can cuoc', 'chung minh nhan dan']],
  ['cmt', ['can cuoc', 'chung minh nhan dan']],
  ['chung minh thu', ['can cuoc', 'chung minh nhan dan']],
  ['can cuoc cong dan', ['can cuoc']],
  ['lam cccd', ['cap the can cuoc']],
  ['dinh danh', ['dinh danh']],
  ['vneid', ['dinh danh dien tu', 'tai khoan dinh danh']],
  // Certification (chứng thực). Citizens call a certified copy "công chứng" or "sao y".
  ['cong chung', ['chung thuc']],
  ['photo cong chung', ['chung thuc ban sao']],
  ['sao y', ['chung thuc ban sao']],
  ['sao y ban chinh', ['chung thuc ban sao tu ban chinh']],
  ['ctbs', ['chung thuc ban sao']],
  ['chung thuc chu ky', ['chung thuc chu ky']],
  // Land and housing. Sổ đỏ (red book) and sổ hồng (pink book) are the land-use certificate.
  ['gcn', ['giay chung nhan']],
  ['gcnqsdd', ['giay chung nhan quyen su dung dat']],
  ['qsdd', ['quyen su dung dat']],
  ['qsd dat', ['quyen su dung dat']],
  ['so do', ['giay chung nhan quyen su dung dat']],
  ['so hong', ['giay chung nhan quyen su dung dat', 'quyen so huu nha o']],
  ['lam so do', ['dang ky dat dai giay chung nhan quyen su dung dat']],
  ['sang ten', ['chuyen nhuong quyen su dung dat', 'dang ky bien dong']],
  ['sang ten so do', ['chuyen nhuong quyen su dung dat', 'dang ky bien dong']],
  ['tach thua', ['tach thua']],
  ['gpxd', ['giay phep xay dung']],
  ['xin phep xay nha', ['giay phep xay dung']],
  ['xay nha', ['giay phep xay dung', 'nha o rieng le']],
  // Business, social insurance, transport, military service.
  ['hkd', ['ho kinh doanh']],
  ['ho ca the', ['ho kinh doanh']],
  ['kinh doanh ca the', ['ho kinh doanh']],
  ['mo quan', ['dang ky thanh lap ho kinh doanh']],
  ['dkkd', ['dang ky kinh doanh', 'ho kinh doanh']],
  ['htx', ['hop tac xa']],
  ['bhxh', ['bao hiem xa hoi']],
  ['bhyt', ['bao hiem y te']],
  ['bhtn', ['bao hiem that nghiep']],
  ['the bao hiem', ['the bhyt', 'bao hiem y te']],
  ['gplx', ['giay phep lai xe']],
  ['bang lai', ['giay phep lai xe']],
  ['bang lai xe', ['giay phep lai xe']],
  ['nvqs', ['nghia vu quan su']],
  ['di nghia vu', ['nghia vu quan su']],
  ['lltp', ['ly lich tu phap']],
  ['ubnd', ['uy ban nhan dan']],
  ['ccvc', ['cong chuc vien chuc']],
];

/**
 * Words and phrases that say nothing about which procedure is meant: questions about what to
 * bring, cost, time, place, and politeness. Dropped from the query unless nothing else is left.
 * "online"/"truc tuyen" are dropped too: the online-level filter is the way to ask for that.
 */
export const SEARCH_FILLER: readonly string[] = [
  // what do I need
  'can nhung giay to gi', 'can giay to gi', 'can nhung gi', 'can nhung j', 'can gi', 'can j', 'can g',
  'giay to gi', 'ho so gi', 'ho so gom nhung gi', 'gom nhung gi',
  // how much, how long
  'mat bao nhieu tien', 'mat bn tien', 'het bao nhieu tien', 'het bn tien', 'bao nhieu tien', 'bn tien',
  'mat bao lau', 'mat bn lau', 'bao lau', 'bn lau', 'mat bao nhieu', 'bao nhieu', 'bn', 'mat', 'het',
  'le phi bao nhieu', 'phi bao nhieu',
  // can I, is it possible
  'co duoc khong', 'co dc khong', 'co dc ko', 'co duoc ko', 'duoc khong', 'dc khong', 'duoc ko', 'dc ko',
  'dc k', 'duoc k', 'co the', 'khong', 'ko', 'k', 'hok',
  // how, where, when
  'nhu the nao', 'the nao', 'ntn', 'lam sao', 'lam the nao', 'o dau', 'khi nao', 'bao gio', 'thu tuc', 'tt hc', 'tthc',
  'huong dan', 'cach', 'quy trinh',
  // online
  'online', 'onl', 'truc tuyen', 'qua mang', 'tren mang',
  // people, politeness, particles
  'cho em hoi', 'cho minh hoi', 'cho toi hoi', 'xin hoi', 'hoi', 'toi', 'em', 'minh', 'tui', 'muon', 'can',
  'xin', 'lam', 'di', 'nhe', 'a', 'ah', 'ak', 'voi', 'vay', 'ha', 'the', 'gi', 'j', 'nao', 'o', 'thi', 'la',
  've', 'viec', 'de',
];

/* ───────────────────────────── Query analysis ───────────────────────────── */

type SynonymEntries = ReadonlyArray<readonly [key: string, meanings: readonly string[]]>;

interface Dictionary {
  map: Map<string, string[][]>;
  maxKeyWords: number;
}

/** The built-in dictionary, plus a portal's own entries (folded; they add to built-in meanings). */
function dictionary(extra: SynonymEntries = []): Dictionary {
  const map = new Map<string, string[][]>();
  for (const [key, meanings] of [...SEARCH_SYNONYMS, ...extra]) {
    const k = fold(key);
    map.set(k, [...(map.get(k) ?? []), ...meanings.map((m) => fold(m).split(' '))]);
  }
  return { map, maxKeyWords: Math.max(...[...map.keys()].map((k) => k.split(' ').length)) };
}
const builtIn = dictionary();
const fillerSet = new Set(SEARCH_FILLER);
const MAX_FILLER_WORDS = Math.max(...SEARCH_FILLER.map((f) => f.split(' ').length));

/*
 * A folded Vietnamese syllable: optional onset, 1–3 vowels, optional coda. Used to recognise
 * Telex residue: a word that is not a syllable but becomes one once the Telex keys are removed.
 */
const ONSET = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])';
const SYLLABLE = new RegExp(`^${ONSET}?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$`);
const ONSET_RE = new RegExp(`^(?:dd|${ONSET})`);

/**
 * Repairs a word typed in Telex with the input method off: "nguyeenx" → "nguyen", "ddawng" →
 * "dang", "kys" → "ky". Returns the word unchanged when it already is a syllable or when removing
 * Telex keys would not make it one (abbreviations such as "cccd" stay as typed).
 */
export function stripTelex(word: string): string {
  if (!/^[a-z]+$/.test(word) || SYLLABLE.test(word)) return word;
  const onset = (ONSET_RE.exec(word)?.[0] ?? '').replace(/^dd$/, 'd');
  const rest = word.slice(onset === 'd' && word.startsWith('dd') ? 2 : onset.length);
  const rhyme = rest
    .replace(/[sfrxjz]/g, '') // tone keys (z clears a tone)
    .replace(/([aeo])\1/g, '$1') // aa â, ee ê, oo ô
    .replace(/([aou])w/g, '$1') // aw ă, ow ơ, uw ư
    .replace(/^w/, 'u'); // a lone w is ư
  const repaired = onset + rhyme;
  return repaired !== word && SYLLABLE.test(repaired) ? repaired : word;
}

/** Code fragments: a full or partial national code, or a run of 4–6 digits from one. */
const CODE_RE = /(?<![\d.])(\d\.\d{1,6}(?:\.[a-z]\d{2})?|\d{4,6})(?![\d])/gi;

/**
 * Splits a query into concepts and what each may mean. Pure: the same for every catalog, so the
 * server can log it and tests can pin it.
 */
export function expandQuery(query: string, options: { synonyms?: SynonymEntries } = {}): ExpandedQuery {
  return analyse(query, true, options.synonyms?.length ? dictionary(options.synonyms) : builtIn);
}

function analyse(query: string, detectCodes: boolean, dict: Dictionary): ExpandedQuery {
  const codes: string[] = [];
  const withoutCodes = detectCodes
    ? query.replace(CODE_RE, (m) => {
        codes.push(m.toUpperCase());
        return ' ';
      })
    : query;
  const folded = fold(query);
  const words = fold(withoutCodes).split(' ').filter(Boolean).map(stripTelex);

  // One pass, longest match first at each position: a dictionary key becomes a concept with its
  // meanings, a filler phrase is dropped, anything else is a concept of its own. On a tie the
  // dictionary wins ("so hong" is sổ hồng, not "so" + filler).
  const groups: ExpandedGroup[] = [];
  const fillerOnly: string[] = [];
  for (let i = 0; i < words.length; ) {
    let keyLength = 0;
    let meanings: string[][] | undefined;
    for (let n = Math.min(dict.maxKeyWords, words.length - i); n >= 1 && !meanings; n--) {
      meanings = dict.map.get(words.slice(i, i + n).join(' '));
      if (meanings) keyLength = n;
    }
    let fillerLength = 0;
    for (let n = Math.min(MAX_FILLER_WORDS, words.length - i); n >= 1 && !fillerLength; n--) {
      if (fillerSet.has(words.slice(i, i + n).join(' '))) fillerLength = n;
    }
    if (meanings && keyLength >= fillerLength) {
      const typed = words.slice(i, i + keyLength);
      groups.push({ typed, alternatives: dedupeAlternatives([typed, ...meanings]) });
      i += keyLength;
    } else if (fillerLength) {
      fillerOnly.push(...words.slice(i, i + fillerLength));
      i += fillerLength;
    } else {
      const word = words[i++]!;
      groups.push({ typed: [word], alternatives: [[word]] });
    }
  }
  // A query made only of filler words ("thu tuc", "can") is still a query: keep it as typed.
  if (groups.length === 0) for (const word of fillerOnly) groups.push({ typed: [word], alternatives: [[word]] });
  return { folded, groups, codes };
}

function dedupeAlternatives(alternatives: string[][]): string[][] {
  const seen = new Set<string>();
  return alternatives.filter((a) => {
    const key = a.join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/* ───────────────────────────── The index ───────────────────────────── */

/** Field values for a filter, by facet; `level` and `channel` are lists on the item. */
function facetValues(item: ProcedureSearchDoc, facet: keyof ProcedureFilter): readonly string[] {
  switch (facet) {
    case 'field':
      return [item.field];
    case 'level':
      return item.levels ?? [];
    case 'onlineLevel':
      return item.onlineLevel ? [item.onlineLevel] : [];
    case 'channel':
      return item.channels ?? [];
  }
}

/** True when `item` passes every facet given in `filter`. */
export function matchesFilter(item: ProcedureSearchDoc, filter: ProcedureFilter | undefined): boolean {
  if (!filter) return true;
  for (const facet of ['field', 'level', 'onlineLevel', 'channel'] as const) {
    const wanted = filter[facet];
    if (wanted && !facetValues(item, facet).includes(wanted)) return false;
  }
  return true;
}

export type FacetCounts = Record<keyof ProcedureFilter, Map<string, number>>;

/**
 * Counts per facet value over `items` (e.g. the current matches), for filter options. Each facet
 * is counted over the items that pass the OTHER facets of `filter`, so an option's count says how
 * many results choosing it would give.
 */
export function countFacets(items: Iterable<ProcedureSearchDoc>, filter: ProcedureFilter = {}): FacetCounts {
  const counts: FacetCounts = {
    field: new Map(),
    level: new Map(),
    onlineLevel: new Map(),
    channel: new Map(),
  };
  const facets = ['field', 'level', 'onlineLevel', 'channel'] as const;
  // The filter without each facet, built once (this runs on every keystroke over every match).
  const others = facets.map((facet) => ({ ...filter, [facet]: undefined }) as ProcedureFilter);
  const anyFilter = facets.some((f) => filter[f]);
  for (const item of items) {
    for (let i = 0; i < facets.length; i++) {
      const facet = facets[i]!;
      if (anyFilter && !matchesFilter(item, others[i])) continue;
      const values = facetValues(item, facet);
      const map = counts[facet];
      for (let k = 0; k < values.length; k++) {
        const value = values[k]!;
        if (values.indexOf(value) !== k) continue; // duplicate value on one item
        map.set(value, (map.get(value) ?? 0) + 1);
      }
    }
  }
  return counts;
}

/** Expands the compact `ProcedureIndex` (short keys, field indices) into searchable items. */
export function expandProcedureIndex(index: {
  fields: readonly string[];
  items: ReadonlyArray<{ c: string; n: string; f: number; l: readonly string[]; o: string | null; ch: readonly string[] }>;
}): Array<{ code: string; name: string; field: string; levels: string[]; onlineLevel: string | null; channels: string[] }> {
  return index.items.map((i) => ({
    code: i.c,
    name: i.n,
    field: index.fields[i.f] ?? '',
    levels: [...i.l],
    onlineLevel: i.o,
    channels: [...i.ch],
  }));
}

/** Weight of the typed words when they also have dictionary meanings ("so do" as written). */
const LITERAL_BOOST = 0.3;
/** Bonus factors: the whole expanded phrase appears in the name; the name is exactly that phrase. */
const PHRASE_BONUS = 1.5;
const EXACT_BONUS = 2;
/** Code hits rank above every text hit. */
const CODE_SCORE = 1e6;

/**
 * Fuzzy distance for a query word. Vietnamese syllables are short and many differ by one letter
 * (thuong / truong / phuong, tam / tan), so a word that exists in the catalog is never fuzzed, and
 * an unknown one only when it is long enough (5+ letters) for one typo to be a safe guess.
 */
const fuzzyFor = (term: string, vocabulary: ReadonlySet<string>): number =>
  term.length >= 5 && !vocabulary.has(term) ? 1 : 0;

/** MiniSearch's default word splitter (spaces and punctuation), reused to build the vocabulary. */
const WORD_SPLIT = /[\n\r\p{Z}\p{P}]+/u;
/** Per concept: the meaning appears as a phrase in the name, or only as scattered words. */
const ADJACENT_BONUS = 1.3;
const SCATTERED_PENALTY = 0.6;

interface Indexed {
  id: number;
  name: string;
  field: string;
}

/** A MiniSearch index over names and fields, with core's folding, and the fold it uses. */
function newIndex(): { mini: MiniSearch<Indexed>; foldTerm: (term: string) => string } {
  // Folding is the costly part of indexing (two Unicode normalisations per word) and a catalog
  // has a few thousand distinct words among tens of thousands: fold each once.
  const foldCache = new Map<string, string>();
  const foldTerm = (term: string): string => {
    let folded = foldCache.get(term);
    if (folded === undefined) foldCache.set(term, (folded = foldLoose(term)));
    return folded;
  };
  const mini = new MiniSearch<Indexed>({
    fields: ['name', 'field'],
    idField: 'id',
    // core's fold + y→i (foldLoose): accents, đ, case, tone placement and i/y spelling all
    // compare equal. Used on the index and (by default) on every query term.
    processTerm: (term) => foldTerm(term) || null,
    searchOptions: { boost: { name: 3, field: 1 }, maxFuzzy: 2 },
  });
  return { mini, foldTerm };
}

const toIndexed = <T extends ProcedureSearchDoc>(items: readonly T[]): Indexed[] =>
  items.map((item, id) => ({ id, name: item.name, field: item.field }));

/**
 * Builds the index. `items` are kept by reference and returned in hits. Indexing the whole
 * national catalog (2,849 procedures) takes about a tenth of a second; in a page, prefer
 * `createProcedureSearchAsync`, which does the same in small slices between frames.
 */
export function createProcedureSearch<T extends ProcedureSearchDoc>(
  items: readonly T[],
  options: ProcedureSearchEngineOptions = {},
): ProcedureSearch<T> {
  const { mini, foldTerm } = newIndex();
  mini.addAll(toIndexed(items));
  return searchOver(items, mini, foldTerm, options);
}

/**
 * Same as `createProcedureSearch`, indexing `chunkSize` items per task so typing, scrolling and
 * rendering stay responsive while a large catalog is indexed on a slow phone.
 */
export async function createProcedureSearchAsync<T extends ProcedureSearchDoc>(
  items: readonly T[],
  options: ProcedureSearchEngineOptions & { chunkSize?: number } = {},
): Promise<ProcedureSearch<T>> {
  const { mini, foldTerm } = newIndex();
  await mini.addAllAsync(toIndexed(items), { chunkSize: options.chunkSize ?? 150 });
  return searchOver(items, mini, foldTerm, options);
}

export interface ProcedureSearchEngineOptions {
  /**
   * A portal's own abbreviations and local names, added to `SEARCH_SYNONYMS`, e.g.
   * `[['mot cua', ['tiep nhan ho so']]]`. Keys and meanings are folded for you.
   */
  synonyms?: SynonymEntries;
}

function searchOver<T extends ProcedureSearchDoc>(
  items: readonly T[],
  mini: MiniSearch<Indexed>,
  foldTerm: (term: string) => string,
  options: ProcedureSearchEngineOptions,
): ProcedureSearch<T> {
  const dict = options.synonyms?.length ? dictionary(options.synonyms) : builtIn;
  // Loose-folded names with surrounding spaces (for phrase bonuses), and every folded word of
  // the catalog (fuzzy matching is only for words it does not contain).
  const vocabulary = new Set<string>();
  const foldedWords = (text: string): string[] =>
    text.split(WORD_SPLIT).flatMap((word) => foldTerm(word).split(' ')).filter(Boolean);
  const foldedNames = items.map((item) => {
    const words = foldedWords(item.name);
    for (const w of words) vocabulary.add(w);
    for (const w of foldedWords(item.field)) vocabulary.add(w);
    return ` ${words.join(' ')} `;
  });
  // The names without a leading "thủ tục", for exact-name bonuses: computed once, not per hit and keystroke.
  const strippedNames = foldedNames.map((name) => name.replace(/^ thu tuc /, ' '));

  function passes(item: T, filter: ProcedureSearchOptions<T>['filter']): boolean {
    if (!filter) return true;
    return typeof filter === 'function' ? filter(item) : matchesFilter(item, filter);
  }

  /** Upper-case codes, once per catalog (code lookups run on every keystroke of "1.00…"). */
  const upperCodes = items.map((item) => item.code.toUpperCase());

  /** Items whose code contains a fragment, before the filter: exact, then prefix, then anywhere. */
  function codeMatches(codes: string[]): { id: number; score: number }[] {
    const out: { id: number; score: number }[] = [];
    for (let id = 0; id < upperCodes.length; id++) {
      const code = upperCodes[id]!;
      let best = 0;
      for (const fragment of codes) {
        // Exact, then prefix ("1.0011"), then the digits anywhere in the code ("001193").
        const score = code === fragment ? 3 : code.startsWith(fragment) ? 2 : code.includes(fragment) ? 1 : 0;
        best = Math.max(best, score);
      }
      // Scores differ per item (the catalog order breaks ties), so the order is total.
      if (best) out.push({ id, score: CODE_SCORE * best - id * 1e-3 });
    }
    return out;
  }

  /*
   * Results per concept, remembered (LRU): while a citizen types "chung thuc ban sa", only the
   * word being typed is new; "chung", "thuc" and "ban" come from the cache. Combining them here
   * gives the same scores as one MiniSearch AND/OR query: BM25 summed over the matched words,
   * times the number of query words matched.
   */
  const groupCache = new Map<string, Map<number, GroupHit>>();
  // The query tree is plain data except `boostTerm`, a constant function: key it by its value.
  const groupKey = (query: Query): string =>
    JSON.stringify(query, (_k, v: unknown) => (typeof v === 'function' ? String((v as () => number)()) : v));
  function groupResults(query: Query, key = groupKey(query)): Map<number, GroupHit> {
    let hits = groupCache.get(key);
    if (hits) {
      groupCache.delete(key);
    } else {
      hits = toGroupHits(mini.search(query) as SearchResult[]);
    }
    groupCache.set(key, hits);
    if (groupCache.size > GROUP_CACHE_SIZE) groupCache.delete(groupCache.keys().next().value as string);
    return hits;
  }

  /*
   * The word being typed after other words ("chung th"): a two-letter prefix matches most of the
   * catalog, yet only the procedures that have every other word can be results. MiniSearch skips
   * a document when `boostDocument` returns 0 (documented), before scoring it or allocating its
   * match, so the word is scored on those candidates only; a boost of 1 leaves every score as it
   * would be. The callback also sees every document the word matches, which gives the size the
   * full result would have: `combine` needs it to walk the candidates in the same order.
   * Not cached (it depends on the other words); `undefined` when the full result is needed anyway
   * (no candidate or no match, so the list falls back to partial matches, which needs all of it).
   */
  const inCandidates = new Uint8Array(items.length);
  const seen = new Uint8Array(items.length);
  function restrictedResults(query: Query, others: Map<number, GroupHit>[]): { hits: Map<number, GroupHit>; size: number } | undefined {
    const smallest = others.reduce((a, b) => (b.size < a.size ? b : a));
    const marked: number[] = [];
    for (const id of smallest.keys()) {
      if (others.every((g) => g.has(id))) {
        inCandidates[id] = 1;
        marked.push(id);
      }
    }
    if (marked.length === 0) return undefined;
    const touched: number[] = [];
    try {
      const results = mini.search(query, {
        boostDocument: (id) => {
          const i = id as number;
          if (!seen[i]) {
            seen[i] = 1;
            touched.push(i);
          }
          return inCandidates[i]!;
        },
      }) as SearchResult[];
      return results.length ? { hits: toGroupHits(results), size: touched.length } : undefined;
    } finally {
      for (const i of marked) inCandidates[i] = 0;
      for (const i of touched) seen[i] = 0;
    }
  }

  /** Results of every group; the one uncached single word after cached ones is scored on the candidates only. */
  function resultsPerGroup(groups: ExpandedGroup[], queries: Query[]): { maps: Map<number, GroupHit>[]; sizes: number[] } {
    const keys = queries.map((q) => groupKey(q));
    const uncached = keys.flatMap((k, i) => (groupCache.has(k) ? [] : [i]));
    const u = uncached[0];
    if (groups.length > 1 && uncached.length === 1 && groups[u!]!.alternatives.length === 1 && groups[u!]!.alternatives[0]!.length === 1) {
      const maps = keys.map((k, i) => (i === u ? new Map<number, GroupHit>() : groupResults(queries[i]!, k)));
      const restricted = restrictedResults(queries[u!]!, maps.filter((_, i) => i !== u));
      if (restricted) {
        maps[u!] = restricted.hits;
        return { maps, sizes: maps.map((m, i) => (i === u ? restricted.size : m.size)) };
      }
      maps[u!] = groupResults(queries[u!]!, keys[u!]);
      return { maps, sizes: maps.map((m) => m.size) };
    }
    const maps = queries.map((q, i) => groupResults(q, keys[i]));
    return { maps, sizes: maps.map((m) => m.size) };
  }

  /** Text matches: every candidate id (before the filter), and the best `limit` that pass it. */
  function textHits(
    expanded: ExpandedQuery,
    filter: ProcedureSearchOptions<T>['filter'],
    typing: boolean,
    limit: number,
    exclude: ReadonlySet<number> | null,
  ): { hits: ProcedureSearchHit<T>[]; total: number; ids: readonly number[] } {
    // While typing, a lone letter after other words ("chung t") is the start of the next word:
    // wait for the second letter instead of narrowing to names that contain a word "t".
    const tail = expanded.groups.at(-1);
    const groups =
      typing && expanded.groups.length > 1 && tail?.alternatives.length === 1 && tail.typed.join('').length === 1
        ? expanded.groups.slice(0, -1)
        : expanded.groups;
    if (groups.length === 0) return { hits: [], total: 0, ids: [] };
    const last = groups.length - 1;
    const groupQuery = (group: ExpandedGroup, g: number): Query => ({
      combineWith: 'OR',
      queries: group.alternatives.map((words, a) => ({
        combineWith: 'AND',
        // Prefix only on the word being typed (the last one); fuzzy by length; the typed form of
        // a word that has dictionary meanings counts less than the meanings.
        queries: words.map((w, k) => ({
          queries: [w],
          // (2+ letters: a one-letter prefix matches nearly every name and costs the most).
          prefix: g === last && a === 0 && k === words.length - 1 && w.length >= 2,
          fuzzy: fuzzyFor(foldLoose(w), vocabulary),
          boostTerm: () => (a === 0 && group.alternatives.length > 1 ? LITERAL_BOOST : 1),
        })),
      })),
    });
    const { maps: perGroup, sizes } = resultsPerGroup(groups, groups.map(groupQuery));
    let raw = combine(perGroup, 'AND', sizes);
    // Nothing has every concept: rank by how many concepts match (the score is multiplied by the
    // number of matched query words, as MiniSearch does), so a stray word does not empty the list.
    // (A group scored on the candidates only is never left here: with no candidate it is complete.)
    const partial = raw.ids.length === 0 && groups.length > 1;
    if (partial) raw = combine(perGroup, 'OR');

    // Bonus when one reading of the whole query appears as a phrase in the name.
    const loose = (words: string[]) => words.map((w) => w.replace(/y/g, 'i')).join(' ');
    const phrases = readings(groups).map((p) => ` ${loose(p)} `);
    // Multi-word concepts ("ho khau", "cu tru") should be adjacent in the name, not scattered
    // ("hỗ trợ … khấu trừ … tái định cư"). The word being typed may be incomplete: no right edge.
    const multiWord = groups
      .map((g, i) => ({ last: i === last, phrases: g.alternatives.filter((a) => a.length > 1).map(loose) }))
      .filter((g) => g.phrases.length > 0);
    // What is looked for in each name, built once per query rather than once per candidate.
    const exact = new Set(phrases);
    const adjacentNeedles = multiWord.map((g) => g.phrases.map((p) => (g.last ? ` ${p}` : ` ${p} `)));
    // No bonus multiplies a score by more than this: a candidate whose base score times it cannot
    // reach the page is counted but not scored any further.
    const maxBonus = EXACT_BONUS * PHRASE_BONUS * ADJACENT_BONUS ** multiWord.length;
    const page = new TopK(limit);
    const { ids, scores } = raw;
    const filtered = filter !== undefined || exclude !== null;
    let total = 0;
    for (let j = 0; j < ids.length; j++) {
      const id = ids[j]!;
      if (filtered && (exclude?.has(id) || !passes(items[id]!, filter))) continue;
      total++;
      let score = scores[j]!;
      if (!page.mayEnter(score * maxBonus * (1 + 1e-9))) continue;
      const name = foldedNames[id]!;
      if (exact.has(strippedNames[id]!)) score *= EXACT_BONUS * PHRASE_BONUS;
      else if (includesAny(name, phrases)) score *= PHRASE_BONUS;
      for (let g = 0; g < adjacentNeedles.length; g++) {
        score *= includesAny(name, adjacentNeedles[g]!) ? ADJACENT_BONUS : SCATTERED_PENALTY;
      }
      page.add(score, id);
    }
    const hits = page.sorted().map(({ id, score }): ProcedureSearchHit<T> => {
      const item = items[id]!;
      const terms = matchedTerms(perGroup, id);
      return partial ? { item, score, terms, partial } : { item, score, terms };
    });
    return { hits, total, ids: raw.ids };
  }

  function searchPage(query: string, options: ProcedureSearchOptions<T> = {}): ProcedureSearchPage<T> {
    const { filter } = options;
    const limit = options.limit === undefined ? Infinity : Math.max(0, options.limit);
    const expanded = analyse(query, true, dict);
    if (expanded.groups.length === 0 && expanded.codes.length === 0) {
      let total = 0;
      const hits: ProcedureSearchHit<T>[] = [];
      for (const item of items) {
        if (!passes(item, filter)) continue;
        if (total++ < limit) hits.push({ item, score: 0, terms: [] });
      }
      return { hits, total, matched: () => items.slice() };
    }
    const typing = !/\s$/.test(query);
    const byCode = expanded.codes.length ? codeMatches(expanded.codes) : [];
    if (byCode.length === 0 && expanded.codes.length) {
      // Digits that are no code ("188/2007") are ordinary words of the name.
      const text = textHits(analyse(query, false, dict), filter, typing, limit, null);
      return { hits: text.hits, total: text.total, matched: () => text.ids.map((id) => items[id]!) };
    }
    // Code hits first (best code match, then catalog order), then text hits not already listed.
    const codePage = new TopK(limit);
    let codeTotal = 0;
    for (const { id, score } of byCode) {
      if (!passes(items[id]!, filter)) continue;
      codeTotal++;
      if (codePage.mayEnter(score)) codePage.add(score, id);
    }
    const codeIds = new Set(byCode.map((h) => h.id));
    const text = textHits(expanded, filter, typing, limit - Math.min(limit, codeTotal), codeIds.size ? codeIds : null);
    const hits = [...codePage.sorted().map(({ id, score }) => ({ item: items[id]!, score, terms: [] })), ...text.hits];
    return {
      hits,
      total: codeTotal + text.total,
      matched: () => {
        const ids = new Set(codeIds);
        for (const id of text.ids) ids.add(id);
        return [...ids].map((id) => items[id]!);
      },
    };
  }

  return {
    get size() {
      return items.length;
    },
    search: (query, options) => searchPage(query, options).hits,
    searchPage,
  };
}

/**
 * The best `limit` of a stream of (score, id), best first; equal scores keep the order they were
 * added in, as a stable sort of the whole stream would. A page (20–100) is kept sorted as it
 * fills; without a small limit, everything is kept and sorted once at the end.
 */
class TopK {
  private readonly scores: number[] = [];
  private readonly ids: number[] = [];
  private readonly bounded: boolean;
  constructor(private readonly limit: number) {
    this.bounded = limit <= 256;
  }

  /** False when a score this high (or lower) could no longer enter: the page is full of better ones. */
  mayEnter(score: number): boolean {
    return this.limit > 0 && (!this.bounded || this.scores.length < this.limit || score > this.scores[this.scores.length - 1]!);
  }

  add(score: number, id: number): void {
    if (!this.mayEnter(score)) return;
    if (!this.bounded) {
      this.scores.push(score);
      this.ids.push(id);
      return;
    }
    // After the last entry with a score >= this one: ties stay in arrival order.
    let lo = 0;
    let hi = this.scores.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.scores[mid]! >= score) lo = mid + 1;
      else hi = mid;
    }
    this.scores.splice(lo, 0, score);
    this.ids.splice(lo, 0, id);
    if (this.scores.length > this.limit) {
      this.scores.pop();
      this.ids.pop();
    }
  }

  sorted(): { id: number; score: number }[] {
    const out = this.ids.map((id, i) => ({ id, score: this.scores[i]! }));
    // Array.prototype.sort is stable: equal scores stay in arrival order.
    if (!this.bounded) out.sort((a, b) => b.score - a.score);
    return out.length > this.limit ? out.slice(0, this.limit) : out;
  }
}

interface GroupHit {
  raw: number;
  queryTerms: string[];
  terms: string[];
}

function toGroupHits(results: SearchResult[]): Map<number, GroupHit> {
  const hits = new Map<number, GroupHit>();
  for (const r of results) {
    const quality = r.queryTerms.length || 1;
    hits.set(r.id as number, { raw: r.score / quality, queryTerms: r.queryTerms, terms: r.terms });
  }
  return hits;
}

function includesAny(text: string, needles: readonly string[]): boolean {
  for (let i = 0; i < needles.length; i++) if (text.includes(needles[i]!)) return true;
  return false;
}

const GROUP_CACHE_SIZE = 64;

/**
 * AND (in every group) or OR (in any) of per-group results; score = Σ BM25 × matched query words.
 * Ids and scores only: the matched terms are gathered for the hits that are shown (`matchedTerms`).
 */
function combine(groups: Map<number, GroupHit>[], mode: 'AND' | 'OR', sizes = groups.map((g) => g.size)): { ids: number[]; scores: number[] } {
  const ids: number[] = [];
  const scores: number[] = [];
  if (groups.length === 1) {
    // One concept (the first word typed, the costliest keystrokes): no per-id sets.
    groups[0]!.forEach((hit, id) => {
      ids.push(id);
      scores.push(hit.raw * (distinctCount(hit.queryTerms) || 1));
    });
    return { ids, scores };
  }
  const candidates = new Set<number>();
  if (mode === 'AND') {
    // Walk the group with the fewest hits (by its full size: one may hold the candidates only).
    const smallest = groups[sizes.reduce((a, size, i) => (size < sizes[a]! ? i : a), 0)]!;
    for (const id of smallest.keys()) if (groups.every((g) => g.has(id))) candidates.add(id);
  } else {
    for (const g of groups) for (const id of g.keys()) candidates.add(id);
  }
  for (const id of candidates) {
    let raw = 0;
    const queryTerms = new Set<string>();
    for (const g of groups) {
      const hit = g.get(id);
      if (!hit) continue;
      raw += hit.raw;
      for (const t of hit.queryTerms) queryTerms.add(t);
    }
    ids.push(id);
    scores.push(raw * (queryTerms.size || 1));
  }
  return { ids, scores };
}

function distinctCount(words: readonly string[]): number {
  return words.length < 2 ? words.length : new Set(words).size;
}

/** The document words that matched for `id`, over every group, first seen first. */
function matchedTerms(groups: Map<number, GroupHit>[], id: number): string[] {
  const terms = new Set<string>();
  for (const g of groups) {
    const hit = g.get(id);
    if (hit) for (const t of hit.terms) terms.add(t);
  }
  return [...terms];
}

/** Every combination of one alternative per group, capped: the readings of the query as phrases. */
function readings(groups: ExpandedGroup[], cap = 16): string[][] {
  let out: string[][] = [[]];
  for (const g of groups) {
    const next: string[][] = [];
    for (const prefix of out) for (const alt of g.alternatives) if (next.length < cap) next.push([...prefix, ...alt]);
    out = next;
  }
  return out;
}
