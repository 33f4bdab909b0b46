import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getApiClient, type ApiClient } from './api-client.js';
import { resolveConfig } from './config.js';
import { AbortedError } from './errors.js';
import { DEV_MODE } from './dev-mode.js';

let warnedNoBase = false;

export type ApiHost = ReactiveControllerHost & HTMLElement & { apiBase?: string };

/**
 * Gives a widget its API client and a way to cancel in-flight requests when it leaves the page.
 *
 * The client is resolved on each access (host `apiBase` property › `api-base` attribute ›
 * `<meta name="dvc:api-base">` › `window.dvcWidgets.config.apiBase`), so changing the attribute
 * takes effect on the next request; clients are shared per base URL.
 */
export class ApiController implements ReactiveController {
  readonly host: ApiHost;
  private controller = new AbortController();

  constructor(host: ApiHost) {
    this.host = host;
    host.addController(this);
  }

  get client(): ApiClient {
    const fromProperty = typeof this.host.apiBase === 'string' && this.host.apiBase.trim() ? this.host.apiBase.trim() : undefined;
    const base = fromProperty ?? resolveConfig(this.host).apiBase;
    if (DEV_MODE && base === '' && !warnedNoBase) {
      warnedNoBase = true;
      console.warn(
        `[dvc-widgets] <${this.host.localName}> has no api-base (attribute, <meta name="dvc:api-base"> or window.dvcWidgets.config.apiBase); requests go to this page's origin.`,
      );
    }
    return getApiClient(base);
  }

  /** A signal that aborts when the host disconnects. Combine it with the task's own signal. */
  signal(): AbortSignal {
    return this.controller.signal;
  }

  hostConnected(): void {
    if (this.controller.signal.aborted) this.controller = new AbortController();
  }

  hostDisconnected(): void {
    this.controller.abort(new AbortedError('The element was removed from the page'));
  }
}
