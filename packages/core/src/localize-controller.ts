import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  formatTime,
  formatVnd,
  formatWeekday,
  onStringsChanged,
  resolveLang,
  translate,
  type DateInput,
  type Lang,
} from './i18n.js';
import { errorMessageKey } from './errors.js';

type Host = ReactiveControllerHost & HTMLElement;

/*
 * One MutationObserver for the whole page (not one per widget): it watches `lang` on every
 * element of the document and tells each connected controller to re-check its language.
 * Attribute changes inside shadow roots are not seen by a document observer; a widget's own
 * `lang` is in the light DOM of its parent, so that case is covered.
 */
const controllers = new Set<LocalizeController>();
let observer: MutationObserver | undefined;

function observe(controller: LocalizeController): void {
  controllers.add(controller);
  if (!observer && typeof MutationObserver !== 'undefined' && typeof document !== 'undefined') {
    observer = new MutationObserver(() => {
      for (const c of [...controllers]) c.refresh();
    });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }
}

function unobserve(controller: LocalizeController): void {
  controllers.delete(controller);
  if (controllers.size === 0 && observer) {
    observer.disconnect();
    observer = undefined;
  }
}

/**
 * Strings and formats for one widget in the language of its nearest `lang`. Re-renders the host
 * when that language changes or when strings are (re)registered or overridden.
 *
 * ```ts
 * private l = new LocalizeController(this, 'dossier-tracker');
 * render() { return html`<h2>${this.l.t('title')}</h2>`; }
 * ```
 */
export class LocalizeController implements ReactiveController {
  readonly host: Host;
  readonly ns: string;
  private _lang: Lang;
  private _unsubscribe: (() => void) | undefined;

  constructor(host: Host, ns: string) {
    this.host = host;
    this.ns = ns;
    this._lang = resolveLang(host);
    host.addController(this);
  }

  /** Current language (`vi` or `en`). */
  get lang(): Lang {
    return this._lang;
  }

  hostConnected(): void {
    observe(this);
    this._unsubscribe = onStringsChanged(() => this.host.requestUpdate());
    this.refresh();
  }

  hostDisconnected(): void {
    unobserve(this);
    this._unsubscribe?.();
    this._unsubscribe = undefined;
  }

  /** Re-reads the language; requests an update if it changed. Called by the shared observer. */
  refresh(): void {
    const lang = resolveLang(this.host);
    if (lang !== this._lang) {
      this._lang = lang;
      this.host.requestUpdate();
    }
  }

  /** Translates `key` from this widget's namespace (`core:key` reaches core's strings). */
  t(key: string, options?: Record<string, unknown>): string {
    return translate(this._lang, this.ns, key, options);
  }

  /** A citizen-facing message for any error (from core's `error.*` strings). */
  errorMessage(error: unknown): string {
    const { key, values } = errorMessageKey(error);
    return translate(this._lang, 'core', key, values);
  }

  formatDate(value: DateInput): string {
    return formatDate(value, this._lang);
  }
  formatTime(value: DateInput): string {
    return formatTime(value, this._lang);
  }
  formatDateTime(value: DateInput): string {
    return formatDateTime(value, this._lang);
  }
  formatWeekday(value: DateInput, width: 'long' | 'short' = 'long'): string {
    return formatWeekday(value, this._lang, width);
  }
  formatVnd(amount: number): string {
    return formatVnd(amount, this._lang);
  }
  formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
    return formatNumber(value, this._lang, options);
  }
  formatPercent(value: number, maximumFractionDigits?: number): string {
    return formatPercent(value, this._lang, maximumFractionDigits);
  }
}
