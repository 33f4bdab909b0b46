/**
 * `dvc-widgets.js` — the one tag a portal pastes:
 *
 *   <script type="module" src="https://cdn.example/dvc-widgets/v0.1.0/dvc-widgets.js"
 *           data-api-base="https://dvc.example.gov.vn" data-agency="000.00.01.H29"></script>
 *
 * It finds the `dvc-*` elements on the page (now, and whenever more are added: a
 * MutationObserver on the document and on the open shadow roots it meets) and imports only the
 * widgets the page uses. Before each import it adds `<link rel="modulepreload">` for the widget's
 * file and every chunk that file imports, with their Subresource Integrity hashes, so the shared
 * runtime downloads in parallel with the widget instead of one round trip later. Where the widget
 * is shown in English (its nearest `lang`, `data-lang`, or `<html lang>`), its English string
 * tables are preloaded as well (Vietnamese pages never download them).
 *
 * Settings: `data-api-base`, `data-agency`, `data-lang`, `data-contact-phone`, `data-contact-name`
 * on this script tag are copied into `window.dvcWidgets.config` (keys the page already set there win: a page script set them on
 * purpose); core's `resolveConfig` then reads attribute › `<meta name="dvc:…">` › that object.
 *
 * Loading it twice (two tags, two versions) is harmless: the first copy owns the page.
 */
import type { DvcWidgetsConfig, DvcWidgetsGlobal } from '../../core/src/config.js';

declare global {
  interface ImportMeta {
    /**
     * Filled in by the build (rollup.config.mjs, `loaderPreloads`): for each tag, the files to
     * preload as `[path relative to this file, sha384 integrity]`. Undefined in unbuilt sources
     * (tests, Storybook), where there is nothing to preload.
     */
    dvcPreload?: Record<string, [string, string][]>;
  }
}

const WIDGETS: Record<string, () => Promise<unknown>> = {
  'dvc-procedure-lookup': () => import('../../procedure-lookup/src/procedure-lookup.js'),
  'dvc-dossier-tracker': () => import('../../dossier-tracker/src/dossier-tracker.js'),
  'dvc-satisfaction-survey': () => import('../../satisfaction-survey/src/satisfaction-survey.js'),
  'dvc-appointment-booking': () => import('../../appointment-booking/src/appointment-booking.js'),
};

/** Data attributes of the script tag → keys of `window.dvcWidgets.config`. */
const ATTRS: [string, keyof DvcWidgetsConfig][] = [
  ['data-api-base', 'apiBase'],
  ['data-agency', 'agency'],
  ['data-lang', 'lang'],
  // The office's phone: the citizen's way forward when the service is not set up or refuses.
  ['data-contact-phone', 'contactPhone'],
  ['data-contact-name', 'contactName'],
];

export const LOADER_KEY = Symbol.for('dvc-widgets.loader');

const strip = (url: string) => url.split(/[?#]/)[0];

function start(): void {
  const self = strip(import.meta.url);
  const script = [...document.scripts].find((s) => s.src && strip(s.src) === self);
  const g = ((globalThis as { dvcWidgets?: DvcWidgetsGlobal }).dvcWidgets ??= {});
  const config = (g.config ??= {});
  for (const [attr, key] of ATTRS) {
    const value = script?.getAttribute(attr)?.trim();
    if (value && !config[key]) config[key] = value;
  }

  // Read once: the build replaces this one expression with the map.
  const preloads = import.meta.dvcPreload;
  const selector = Object.keys(WIDGETS).join();
  const requested = new Set<string>();
  const preloaded = new Set<string>();
  const watched = new WeakSet<Node>();

  const preload = (file: string, integrity: string) => {
    const href = new URL(file, import.meta.url).href;
    if (preloaded.has(href)) return;
    preloaded.add(href);
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = href;
    // SRI: the browser refuses a preloaded file whose bytes differ from the build's.
    link.integrity = integrity;
    document.head.append(link);
  };

  // Chunks the widgets import on demand (search engine, English strings, QR encoder) come through
  // here in the CDN build (rollup.config.mjs, renderDynamicImport): preloading the file with its
  // integrity first makes the browser check those bytes too, not only the ones preloaded above.
  const integrity = new Map(
    Object.values(preloads ?? {})
      .flat()
      .map(([file, hash]) => [new URL(file, import.meta.url).href, hash]),
  );
  (globalThis as Record<symbol, unknown>)[Symbol.for('dvc-widgets.import')] = (href: string) => {
    const hash = integrity.get(href);
    if (hash) preload(href, hash);
    return import(/* @vite-ignore */ href);
  };

  const load = (el: Element) => {
    const tag = el.localName;
    // A widget shown in English also needs its English strings (fetched on demand otherwise).
    const lang = el.closest('[lang]')?.getAttribute('lang') || config.lang || document.documentElement.lang;
    if (/^en\b/i.test(lang ?? '')) for (const [file, integrity] of preloads?.[`${tag}:en`] ?? []) preload(file, integrity);
    if (requested.has(tag)) return;
    requested.add(tag);
    for (const [file, integrity] of preloads?.[tag] ?? []) preload(file, integrity);
    WIDGETS[tag]!().catch((error: unknown) => {
      // Allow a later element to retry (a flaky network), and tell the developer why.
      requested.delete(tag);
      console.error(`[dvc-widgets] could not load <${tag}>`, error);
    });
    if (requested.size === Object.keys(WIDGETS).length) observer.disconnect();
  };

  const scan = (root: ParentNode) => {
    if (root instanceof Element && root.matches(selector)) load(root);
    for (const el of root.querySelectorAll(selector)) load(el);
    // Widgets placed inside another component's open shadow root; our own widgets' shadow roots
    // never hold other widgets and change on every render, so they are not watched.
    for (const el of root instanceof Element ? [root, ...root.querySelectorAll('*')] : root.querySelectorAll('*')) {
      if (el.shadowRoot && !el.localName.startsWith('dvc-')) watch(el.shadowRoot);
    }
  };

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element) scan(node);
    }
  });

  const watch = (root: Document | ShadowRoot) => {
    if (watched.has(root)) return;
    watched.add(root);
    observer.observe(root, { childList: true, subtree: true });
    scan(root);
  };

  watch(document);
}

const g = globalThis as unknown as Record<symbol, string | undefined>;
if (!g[LOADER_KEY]) {
  g[LOADER_KEY] = import.meta.url;
  start();
}
