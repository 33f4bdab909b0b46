import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  formatTime,
  formatVnd,
  formatWeekday,
  loadLocale,
  onStringsChanged,
  resolveLang,
  translate,
  type DateInput,
  type Lang,
} from './i18n.js';
import { resolveContact } from './config.js';
import { errorMessageKey, type Contact } from './errors.js';

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

/** Memo key for `t(key, options)`, or undefined when an option is not a plain value (not memoised). */
function memoKey(key: string, options: Record<string, unknown> | undefined): string | undefined {
  if (!options) return key;
  for (const k in options) {
    const v = options[k];
    if (v !== null && v !== undefined && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return undefined;
  }
  return `${key}\u0000${JSON.stringify(options)}`;
}

/** Per host, the string tables it is waiting for (see `stringsPending`). */
const pendingByHost = new WeakMap<HTMLElement, Promise<void>>();

/**
 * The string tables `host` is still fetching (its English strings on a first English render), or
 * undefined. `DvcElement.updateComplete` waits for them, so `await el.updateComplete` means the
 * element shows its final language.
 */
export function stringsPending(host: HTMLElement): Promise<void> | undefined {
  return pendingByHost.get(host);
}

/** Attribute that hides a widget whose first render would show the wrong language (baseStyles). */
export const STRINGS_PENDING_ATTR = 'dvc-strings-pending';

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
  /**
   * Strings already translated in the current language, until the language or any string changes.
   * A render asks for the same labels, hints and counts again and again (the lookup re-renders on
   * every keystroke), and one i18next lookup costs about as much as updating a result row.
   */
  private readonly memo = new Map<string, string>();

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
    this._unsubscribe = onStringsChanged(() => {
      this.memo.clear();
      this.host.requestUpdate();
    });
    // Strings may have changed while disconnected (no listener then).
    this.memo.clear();
    // refresh() fetches the tables itself when the language changed.
    if (!this.refresh()) this.load();
  }

  hostDisconnected(): void {
    unobserve(this);
    this._unsubscribe?.();
    this._unsubscribe = undefined;
  }

  /**
   * Re-reads the language; requests an update (and fetches its tables) if it changed, and says
   * whether it did. Called by the shared observer.
   */
  refresh(): boolean {
    const lang = resolveLang(this.host);
    if (lang === this._lang) return false;
    this._lang = lang;
    this.memo.clear();
    this.host.requestUpdate();
    this.load();
    return true;
  }

  /** Fetches this language's tables (widget's and core's) when they are registered as loaders. */
  private load(): void {
    const pending = loadLocale(this._lang, [this.ns, 'core']);
    if (!pending) return;
    const host = this.host;
    // Before the first render, hide rather than flash Vietnamese at an English reader for one
    // round trip; after it, keep showing the old language so focus and reading position stay.
    const hide = !(host as Host & { hasUpdated?: boolean }).hasUpdated;
    if (hide) host.setAttribute(STRINGS_PENDING_ATTR, '');
    const done = pending.then(() => {
      if (pendingByHost.get(host) === done) pendingByHost.delete(host);
      if (hide) host.removeAttribute(STRINGS_PENDING_ATTR);
    });
    pendingByHost.set(host, done);
  }

  /** Translates `key` from this widget's namespace (`core:key` reaches core's strings). */
  t(key: string, options?: Record<string, unknown>): string {
    const id = memoKey(key, options);
    if (id === undefined) return translate(this._lang, this.ns, key, options);
    let text = this.memo.get(id);
    if (text === undefined) {
      // Counts make new entries as a citizen types: start afresh now and then instead of growing.
      if (this.memo.size >= 500) this.memo.clear();
      this.memo.set(id, (text = translate(this._lang, this.ns, key, options)));
    }
    return text;
  }

  /**
   * A citizen-facing message for any error (core's `error.*` strings). For errors no retry fixes
   * (not set up on this page, refused), the way forward follows: the office's phone from the
   * host's configuration (`contact-phone`, `contact-name`), or `contact` when the widget knows
   * better (e.g. the agency's phone it fetched).
   */
  errorMessage(error: unknown, contact: Contact = resolveContact(this.host)): string {
    const { key, values, help } = errorMessageKey(error, contact);
    const message = translate(this._lang, 'core', key, values);
    return help ? `${message} ${translate(this._lang, 'core', help.key, help.values)}` : message;
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
