import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

export interface AnnounceOptions {
  /**
   * Interrupts what the screen reader is saying. Only for what cannot wait (a booking refused, a
   * session about to expire); results, counts and confirmations are polite.
   */
  assertive?: boolean;
}

export interface AnnouncerOptions {
  /**
   * Which of the host's regions is in the accessibility tree right now, when it renders more than
   * one (`render('dialog')` inside a modal dialog, `render()` outside: a modal makes the rest of
   * the page inert, and an inert live region is never read). Asked when the text is set.
   */
  region?: () => string;
}

/** The default region's name (`render()` without an argument). */
export const DEFAULT_REGION = 'root';

type Politeness = 'polite' | 'assertive';

/**
 * The widget's live regions and what they say, as a reactive controller: one polite region (a
 * `role="status"`) and one assertive region, rendered by the host where it wants them with
 * `${this.announcer.render()}`, and filled with `announce(text)`.
 *
 * ```ts
 * private readonly announcer = new AnnouncerController(this);
 * render() { return html`<div class="dvc-root">…${this.announcer.render()}</div>`; }
 * this.announcer.announce(this.l.t('found', { code }));
 * ```
 *
 * - The regions are always in the DOM, empty until something is said: a region inserted together
 *   with its text is not read by every screen reader (it must exist before it changes).
 * - The text lives here, not in the DOM, so a re-render (or a move of the host in the page) keeps
 *   the regions and what they say.
 * - The same sentence twice is read twice: see `announce`.
 */
export class AnnouncerController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly options: AnnouncerOptions;
  private text: Record<Politeness, string> = { polite: '', assertive: '' };
  private where: Record<Politeness, string> = { polite: DEFAULT_REGION, assertive: DEFAULT_REGION };
  /** Bumped by every announcement: a newer one supersedes one still waiting for its frame. */
  private generation = 0;

  constructor(host: ReactiveControllerHost, options: AnnouncerOptions = {}) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  /** What the polite region says now (empty while an announcement waits for its frame). */
  get message(): string {
    return this.text.polite;
  }

  /** What the assertive region says now. */
  get alert(): string {
    return this.text.assertive;
  }

  /**
   * Says `text` in the polite region (`assertive: true`: the assertive one). Resolves once the
   * text is in the DOM, or when a newer announcement has taken its place.
   *
   * The region is emptied first and the text set only after the empty region has been rendered
   * and a frame has passed. Screen readers read a live region when its content *changes* in the
   * accessibility tree; the same text set again (or cleared and set in one task, which the
   * browser coalesces into no change) is silent, so a second "Không tìm thấy hồ sơ" after a
   * second try would be lost.
   */
  async announce(text: string, options: AnnounceOptions = {}): Promise<void> {
    const politeness: Politeness = options.assertive ? 'assertive' : 'polite';
    const generation = ++this.generation;
    this.text = { ...this.text, [politeness]: '' };
    this.host.requestUpdate();
    await this.host.updateComplete;
    await nextFrame();
    if (generation !== this.generation) return;
    this.where = { ...this.where, [politeness]: this.options.region?.() ?? DEFAULT_REGION };
    this.text = { ...this.text, [politeness]: text };
    this.host.requestUpdate();
    await this.host.updateComplete;
  }

  /** Empties both regions (and drops an announcement still waiting for its frame). */
  clear(): void {
    this.generation++;
    this.text = { polite: '', assertive: '' };
    this.host.requestUpdate();
  }

  /**
   * The two regions, visually hidden. Render them once per place (the default region at the
   * element's root; a named one inside a modal dialog, see `AnnouncerOptions.region`).
   */
  render(region: string = DEFAULT_REGION): TemplateResult {
    const say = (p: Politeness) => (this.where[p] === region ? this.text[p] : '');
    // aria-atomic: the whole sentence is read, not only the words that changed since the last one.
    // The assertive region has no role=alert: a role adds nothing to aria-live, and some screen
    // readers announce an empty alert's appearance.
    return html`<div class="dvc-visually-hidden" role="status" aria-live="polite" aria-atomic="true">${say('polite')}</div><div
        class="dvc-visually-hidden"
        aria-live="assertive"
        aria-atomic="true"
      >${say('assertive')}</div>`;
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    // A sentence still waiting for its frame belonged to the page the element has left.
    this.generation++;
  }
}

/**
 * After the next frame is painted; a hidden tab paints no frames, so a timer stands in after
 * 100 ms (an announcement in a background tab must still land, to be read when it comes back).
 */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const go = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(go, 100);
    requestAnimationFrame(go);
  });
}
