/**
 * `dvc-widgets.classic.js` — for portals whose CMS only lets editors paste a classic
 * `<script src>` (no `type="module"`). Built as a tiny IIFE next to `dvc-widgets.js`.
 *
 * Decision: it injects the module loader (`dvc-widgets.js`, same folder) with the same data-*
 * settings and, in the CDN build, the loader's integrity hash. A browser without ES modules
 * (checked with `noModule`) gets nothing injected: the widgets need modules, so each `dvc-*`
 * element keeps showing its own light-DOM fallback content (a link to the service, written by the
 * webmaster between the tags); no broken half-widget, no script error.
 */
(() => {
  const current = document.currentScript as HTMLScriptElement | null;
  if (!current || !('noModule' in HTMLScriptElement.prototype)) return;
  /** Replaced by the CDN build with the sha384 integrity of dvc-widgets.js. */
  const integrity = '__DVC_LOADER_INTEGRITY__';
  const url = new URL('dvc-widgets.js', current.src).href;
  if ([...document.scripts].some((s) => s.src === url)) return;
  const tt = (window as { trustedTypes?: { createPolicy(n: string, p: object): { createScriptURL(u: string): unknown } } })
    .trustedTypes;
  let src: unknown = url;
  try {
    // Under `require-trusted-types-for 'script'`, script.src takes only a TrustedScriptURL; the
    // policy (named `dvc`, allow it in `trusted-types`) passes exactly this one URL.
    if (tt) src = tt.createPolicy('dvc', { createScriptURL: (u: string) => (u === url ? u : '') }).createScriptURL(url);
  } catch {
    // Policy creation refused (not allowed by the page's CSP, or a duplicate): try the plain URL.
  }
  const script = document.createElement('script');
  script.type = 'module';
  for (const name of ['data-api-base', 'data-agency', 'data-lang', 'data-contact-phone', 'data-contact-name']) {
    const value = current.getAttribute(name);
    if (value !== null) script.setAttribute(name, value);
  }
  if (integrity.startsWith('sha384-')) {
    script.integrity = integrity;
    script.crossOrigin = 'anonymous';
  }
  (script as { src: unknown }).src = src;
  (current.parentNode ?? document.head).insertBefore(script, current.nextSibling);
})();
