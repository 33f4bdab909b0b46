/**
 * One i18next instance for every widget on the page, a namespace per widget.
 *
 * i18next (rather than a hand-rolled lookup) gives us interpolation, CLDR plurals (`_one`,
 * `_other`) and fallbacks that portal developers already know. It is initialised synchronously
 * with inline resources: no backend, no network, strings are there on first render.
 *
 * The instance lives on `globalThis` under a `Symbol.for` key, so two bundles on one page (a
 * portal's build and the CDN loader) share strings and host overrides instead of each keeping
 * a copy that the other's `setStrings` cannot reach.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { globalSettings } from './config.js';
import { DEV_MODE } from './dev-mode.js';
import vi from './locales/vi.js';

export type Lang = 'vi' | 'en';
export const SUPPORTED_LANGS: readonly Lang[] = ['vi', 'en'];
export const SOURCE_LANG: Lang = 'vi';
/** Every date and time is shown in Vietnam's time zone, whatever the reader's device says. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** Nested string tables as in the locale files. */
export interface Resources {
  [key: string]: string | Resources;
}

/**
 * A second language's table, or a function that imports it. Vietnamese (the source) is always
 * inline; English is fetched only by pages that show it, so Vietnamese portals (nearly all of
 * them) never download the English strings.
 */
export type LocaleSource = Resources | (() => Promise<{ default: Resources } | Resources>);

interface SharedState {
  i18n: I18n;
  /** Loaders for tables not yet fetched, by `lang\0ns`; a loaded table's entry is removed. */
  loaders: Map<string, () => Promise<{ default: Resources } | Resources>>;
  /** Tables being fetched, by `lang\0ns`. */
  loading: Map<string, Promise<void>>;
  /** Tables fetched already, by `lang\0ns`. */
  loaded: Set<string>;
  /** Host overrides by lang then namespace, re-applied whenever a namespace is (re)registered. */
  overrides: Map<string, Resources>;
  listeners: Set<() => void>;
}

const KEY = Symbol.for('dvc-widgets.i18n');

function createState(): SharedState {
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    resources: {},
    lng: SOURCE_LANG,
    fallbackLng: SOURCE_LANG,
    supportedLngs: [...SUPPORTED_LANGS],
    ns: [],
    defaultNS: false,
    // Lit escapes every text binding, so escaping here would show "&amp;" to the reader.
    interpolation: { escapeValue: false },
    // Development only: a key found in no language is a bug (the reader would see the key).
    saveMissing: DEV_MODE,
    saveMissingPlurals: false,
    missingKeyHandler: DEV_MODE ? warnMissing : false,
  });
  return { i18n: instance, loaders: new Map(), loading: new Map(), loaded: new Set(), overrides: new Map(), listeners: new Set() };
}

const warned = new Set<string>();
function warnMissing(_lngs: readonly string[], ns: string, key: string): void {
  const id = `${ns}:${key}`;
  if (warned.has(id)) return;
  warned.add(id);
  console.warn(`[dvc-widgets] Missing string "${key}" in namespace "${ns}" (no Vietnamese source either).`);
}

function state(): SharedState {
  const g = globalThis as unknown as Record<symbol, SharedState | undefined>;
  return (g[KEY] ??= createState());
}

/** The shared i18next instance (for advanced use; widgets use LocalizeController). */
export function getI18n(): I18n {
  return state().i18n;
}

function notify(): void {
  for (const listener of [...state().listeners]) listener();
}

/** Called when any strings change (registration or host override). Returns an unsubscribe function. */
export function onStringsChanged(listener: () => void): () => void {
  state().listeners.add(listener);
  return () => state().listeners.delete(listener);
}

function applyOverrides(ns: string): void {
  const s = state();
  for (const lang of SUPPORTED_LANGS) {
    const fromPage = globalSettings()?.strings?.[lang]?.[ns];
    if (fromPage && typeof fromPage === 'object') {
      s.i18n.addResourceBundle(lang, ns, fromPage, true, true);
    }
    const override = s.overrides.get(`${lang}\u0000${ns}`);
    if (override) s.i18n.addResourceBundle(lang, ns, override, true, true);
  }
}

/**
 * Registers a widget's strings under namespace `ns`: the Vietnamese table inline, the English one
 * inline or as a loader (`en: () => import('./locales/en.js')`, fetched by `loadLocale` the first
 * time an element shows English). Page overrides from `window.dvcWidgets.strings[lang][ns]` and
 * earlier `setStrings` calls are applied on top.
 */
export function registerLocale(ns: string, locales: { vi: Resources; en?: LocaleSource }): void {
  const s = state();
  s.i18n.addResourceBundle('vi', ns, locales.vi, true, true);
  if (typeof locales.en === 'function') {
    // A table registered again (a second bundle on the page) keeps the copy already loaded.
    if (!s.loaded.has(`en\u0000${ns}`)) s.loaders.set(`en\u0000${ns}`, locales.en);
  } else if (locales.en) {
    s.i18n.addResourceBundle('en', ns, locales.en, true, true);
  }
  applyOverrides(ns);
  notify();
}

/**
 * Fetches the `lang` tables of the given namespaces that are registered as loaders. Returns
 * undefined when there is nothing to fetch (the common, synchronous case), else a promise that
 * settles once they are added (and `onStringsChanged` listeners told). A failed fetch (offline on
 * a first English visit) leaves the Vietnamese source as the fallback and may be retried later.
 */
export function loadLocale(lang: Lang, namespaces: readonly string[]): Promise<void> | undefined {
  const s = state();
  const waits: Promise<void>[] = [];
  for (const ns of namespaces) {
    const key = `${lang}\u0000${ns}`;
    let pending = s.loading.get(key);
    const loader = s.loaders.get(key);
    if (!pending && loader) {
      pending = loader()
        .then((module) => {
          const table = ('default' in module ? module.default : module) as Resources;
          s.loaders.delete(key);
          s.loaded.add(key);
          s.i18n.addResourceBundle(lang, ns, table, true, true);
          // Host overrides win over the table that arrived after them.
          applyOverrides(ns);
          notify();
        })
        .catch((error: unknown) => {
          if (DEV_MODE) console.warn(`[dvc-widgets] Could not load the "${lang}" strings of "${ns}".`, error);
        })
        .finally(() => s.loading.delete(key));
      s.loading.set(key, pending);
    }
    if (pending) waits.push(pending);
  }
  return waits.length ? Promise.all(waits).then(() => undefined) : undefined;
}

/** Lets a host page replace any string: `setStrings('vi', 'dossier-tracker', { title: '…' })`. */
export function setStrings(lang: string, ns: string, resources: Resources): void {
  const s = state();
  const l = normalizeLang(lang);
  const key = `${l}\u0000${ns}`;
  s.overrides.set(key, deepMerge(s.overrides.get(key) ?? {}, resources));
  s.i18n.addResourceBundle(l, ns, resources, true, true);
  notify();
}

function deepMerge(target: Resources, source: Resources): Resources {
  const out: Resources = { ...target };
  for (const [k, v] of Object.entries(source)) {
    const prev = out[k];
    out[k] = typeof v === 'object' && v && typeof prev === 'object' ? deepMerge(prev, v) : v;
  }
  return out;
}

/** `vi-VN` → `vi`, `EN_us` → `en`; anything unsupported (or empty) → `vi`. */
export function normalizeLang(tag: string | null | undefined): Lang {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] as Lang;
  return SUPPORTED_LANGS.includes(primary) ? primary : SOURCE_LANG;
}

/** A non-empty `lang` attribute (`lang=""` means "unknown", so the search goes on upwards). */
function hasLang(el: Element): string | null {
  const value = el.getAttribute('lang');
  return value && value.trim() ? value : null;
}

/**
 * The language for an element: its own `lang`, else the nearest ancestor's (crossing shadow
 * roots through their hosts), else `<html lang>`, else `<meta name="dvc:lang">` or the global
 * config, else Vietnamese. Always one of SUPPORTED_LANGS.
 */
export function resolveLang(el: Element | null | undefined): Lang {
  let node: Node | null = el ?? null;
  while (node) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      const value = hasLang(node as Element);
      if (value) return normalizeLang(value);
    }
    if (node.parentNode) {
      node = node.parentNode;
    } else {
      const root = node.getRootNode();
      node = root instanceof ShadowRoot ? root.host : null;
    }
  }
  const fallback =
    (typeof document !== 'undefined' && document.querySelector<HTMLMetaElement>('meta[name="dvc:lang"]')?.content) ||
    globalSettings()?.config?.lang;
  return normalizeLang(fallback);
}

/** Translate `key` in namespace `ns` for `lang`. */
export function translate(lang: Lang, ns: string, key: string, options: Record<string, unknown> = {}): string {
  const t = state().i18n.t as unknown as (k: string, o: Record<string, unknown>) => string;
  return String(t(key, { ...options, lng: lang, ns }));
}

// ---- Intl formatting (Asia/Ho_Chi_Minh) ----

const INTL_LOCALE: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(lang: Lang, kind: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${lang}|${kind}`;
  let f = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(INTL_LOCALE[lang], { timeZone: TIME_ZONE, ...options });
    formatters.set(key, f);
  }
  return f;
}

function numberFormat(lang: Lang, kind: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${lang}|${kind}|${JSON.stringify(options)}`;
  let f = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(INTL_LOCALE[lang], options);
    formatters.set(key, f);
  }
  return f;
}

export type DateInput = Date | string | number;

/**
 * A calendar date `YYYY-MM-DD` means that day in Vietnam: read it as noon UTC (19:00 in
 * Hanoi, same day), so no time zone can move it to the day before or after.
 */
function toDate(value: DateInput): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return new Date(`${value}T12:00:00Z`);
  }
  return new Date(value);
}

function parts(f: Intl.DateTimeFormat, date: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(date)) out[p.type] = p.value;
  return out;
}

/** `dd/mm/yyyy` in Vietnam's time zone (both languages: the format citizens see on documents). */
export function formatDate(value: DateInput, _lang: Lang = SOURCE_LANG): string {
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return '';
  // Built from parts so the order never depends on the locale's ICU data.
  const p = parts(dateFormat('en', 'date', { day: '2-digit', month: '2-digit', year: 'numeric' }), d);
  return `${p.day}/${p.month}/${p.year}`;
}

/** `HH:mm` (24 h) in Vietnam's time zone. */
export function formatTime(value: DateInput, _lang: Lang = SOURCE_LANG): string {
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return '';
  const p = parts(dateFormat('en', 'time', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }), d);
  return `${p.hour}:${p.minute}`;
}

/** `HH:mm dd/mm/yyyy` in Vietnamese (as written on Vietnamese receipts), `dd/mm/yyyy HH:mm` in English. */
export function formatDateTime(value: DateInput, lang: Lang = SOURCE_LANG): string {
  const date = formatDate(value, lang);
  if (!date) return '';
  const time = formatTime(value, lang);
  return lang === 'vi' ? `${time} ${date}` : `${date} ${time}`;
}

/** Weekday name in Vietnam's time zone ("Thứ Hai", "Monday"). */
export function formatWeekday(value: DateInput, lang: Lang = SOURCE_LANG, width: 'long' | 'short' = 'long'): string {
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return '';
  return dateFormat(lang, `weekday-${width}`, { weekday: width }).format(d);
}

/** Amount in đồng: `20.000 ₫` (vi), `₫20,000` (en). No decimals: the đồng has no minor unit in use. */
export function formatVnd(amount: number, lang: Lang = SOURCE_LANG): string {
  return numberFormat(lang, 'vnd', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(amount);
}

export function formatNumber(value: number, lang: Lang = SOURCE_LANG, options: Intl.NumberFormatOptions = {}): string {
  return numberFormat(lang, 'number', options).format(value);
}

/** `0.853` → `85,3 %`-style per locale; `fractionDigits` defaults to 0–1. */
export function formatPercent(value: number, lang: Lang = SOURCE_LANG, maximumFractionDigits = 1): string {
  return numberFormat(lang, 'percent', { style: 'percent', maximumFractionDigits }).format(value);
}

// Core's own strings (errors, retry, outbox messages): Vietnamese inline, English on demand.
registerLocale('core', { vi, en: () => import('./locales/en.js') });
