/**
 * Where a widget finds its settings, most specific first: the element's own attribute, then a
 * `<meta name="dvc:…">` tag a portal puts in its `<head>` once for every widget, then the global
 * `window.dvcWidgets.config` object (handy for the script-tag loader).
 */

export interface DvcWidgetsConfig {
  /** Base URL of the API, e.g. `https://dvc.example.gov.vn/api` or `/api`. */
  apiBase?: string;
  /** Agency code the portal belongs to, e.g. `000.00.01.H29`. */
  agency?: string;
  /** Default language when no `lang` attribute is found (`vi` or `en`). */
  lang?: string;
  /**
   * The office's phone number, shown to citizens as the way forward when the service cannot
   * help (not set up on this page, a request refused). Configured, not fetched: when the API
   * address is wrong, the agency's own contacts cannot be fetched either.
   */
  contactPhone?: string;
  /** Who answers that phone, e.g. `Bộ phận một cửa UBND phường Bến Nghé` (optional). */
  contactName?: string;
}

/** Host-page string overrides: `strings[lang][namespace][key] = value`. */
export type DvcWidgetsStrings = Record<string, Record<string, Record<string, unknown>>>;

export interface DvcWidgetsGlobal {
  config?: DvcWidgetsConfig;
  strings?: DvcWidgetsStrings;
  [key: string]: unknown;
}

declare global {
  interface Window {
    /** Optional page-wide settings for every dvc widget (see @dvc-widgets/core config.ts). */
    dvcWidgets?: DvcWidgetsGlobal;
  }
}

export interface ResolvedConfig {
  /** Always a string; `''` means "same origin as the page". */
  apiBase: string;
  agency: string | undefined;
  lang: string | undefined;
  contactPhone: string | undefined;
  contactName: string | undefined;
}

/** The page-wide object, if any. Reads `globalThis` so it also works in workers and tests. */
export function globalSettings(): DvcWidgetsGlobal | undefined {
  const g = (globalThis as { dvcWidgets?: unknown }).dvcWidgets;
  return g && typeof g === 'object' ? (g as DvcWidgetsGlobal) : undefined;
}

function meta(name: string): string | undefined {
  if (typeof document === 'undefined') return undefined;
  // CSS.escape is not needed: the names are our own constants.
  const content = document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content?.trim();
  return content ? content : undefined;
}

function attr(el: Element | null | undefined, name: string): string | undefined {
  const value = el?.getAttribute(name)?.trim();
  return value ? value : undefined;
}

function fromGlobal(key: keyof DvcWidgetsConfig): string | undefined {
  const value = globalSettings()?.config?.[key];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/**
 * Resolves `{ apiBase, agency, lang, contactPhone, contactName }` for an element: attribute
 * (`api-base`, `agency`, `lang`, `contact-phone`, `contact-name`) › meta (`dvc:api-base`, …,
 * `dvc:contact-phone`, `dvc:contact-name`) › global (`window.dvcWidgets.config`, which the loader
 * fills from its `data-*` attributes).
 */
export function resolveConfig(el?: Element | null): ResolvedConfig {
  return {
    apiBase: attr(el, 'api-base') ?? meta('dvc:api-base') ?? fromGlobal('apiBase') ?? '',
    agency: attr(el, 'agency') ?? meta('dvc:agency') ?? fromGlobal('agency'),
    lang: attr(el, 'lang') ?? meta('dvc:lang') ?? fromGlobal('lang'),
    contactPhone: attr(el, 'contact-phone') ?? meta('dvc:contact-phone') ?? fromGlobal('contactPhone'),
    contactName: attr(el, 'contact-name') ?? meta('dvc:contact-name') ?? fromGlobal('contactName'),
  };
}

/** The office's contact for an element (`contact-phone` / `contact-name`, resolved like every setting). */
export function resolveContact(el?: Element | null): { phone: string | undefined; name: string | undefined } {
  const { contactPhone, contactName } = resolveConfig(el);
  return { phone: contactPhone, name: contactName };
}
