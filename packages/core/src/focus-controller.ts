import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What to focus: a selector in the host's render root, or a function that finds the element. */
export type FocusTarget = string | (() => HTMLElement | null | undefined);

export interface FocusRequestOptions {
  /**
   * Focus only if the citizen has not moved on: the focused element is still this one (taken
   * when the work started, with `deepActiveElement()`), or it has left the page with the state
   * it belonged to (focus then sits on `<body>`). A lookup started from the page URL on load, or
   * one the citizen walked away from while it loaded, must not pull focus back.
   */
  unlessMovedFrom?: Element | null;
  /** Passed to `focus()`. */
  preventScroll?: boolean;
}

export type FocusHost = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

/** The focused element, looking inside open shadow roots (`document.activeElement` stops at a host). */
export function deepActiveElement(root: Document | ShadowRoot = document): Element | null {
  let active = root.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Moves focus after the host's next update, for the moments a keyboard or screen-reader user
 * would otherwise be left behind: a new step (focus its heading, so it is read and Tab continues
 * from there), an error summary, a field to correct, the answer to a lookup. The element usually
 * does not exist yet when the decision is made; this waits until the host has rendered it.
 *
 * ```ts
 * private readonly focusAfterUpdate = new FocusController(this);
 * this.step = 'review';
 * this.focusAfterUpdate.request('#step-heading');
 * ```
 *
 * Only the latest request is carried out: a step change that follows an error replaces the error's
 * focus. Headings and alerts that receive focus need `tabindex="-1"`.
 *
 * A button whose request is pending stays focusable: mark it `aria-disabled="true"` and ignore
 * its activation, never `disabled` (a disabled button loses focus to `<body>`, WCAG 2.4.3).
 */
export class FocusController implements ReactiveController {
  private readonly host: FocusHost;
  private generation = 0;

  constructor(host: FocusHost) {
    this.host = host;
    host.addController(this);
  }

  /**
   * Focuses `target` once the host's next update (and any update it triggers) has completed.
   * Resolves true when the target was found and now has focus; false when it was not rendered,
   * the citizen had moved on (`unlessMovedFrom`), or a newer request replaced this one.
   */
  async request(target: FocusTarget, options: FocusRequestOptions = {}): Promise<boolean> {
    const generation = ++this.generation;
    this.host.requestUpdate();
    await this.host.updateComplete;
    if (generation !== this.generation || !this.host.isConnected) return false;
    if ('unlessMovedFrom' in options && !stayed(options.unlessMovedFrom ?? null)) return false;
    const element = typeof target === 'string' ? this.host.renderRoot.querySelector<HTMLElement>(target) : target();
    if (!element) return false;
    element.focus({ preventScroll: options.preventScroll });
    return deepActiveElement() === element;
  }

  /** Drops a request not carried out yet. */
  cancel(): void {
    this.generation++;
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.cancel();
  }
}

/** Focus is still where it was, or that control left the page with the state it belonged to. */
function stayed(before: Element | null): boolean {
  const current = deepActiveElement();
  if (current === before) return true;
  return !before?.isConnected && (current === null || current === document.body);
}
