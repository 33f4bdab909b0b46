import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { DEV_MODE } from './dev-mode.js';
import { stringsPending } from './localize-controller.js';

export type DvcTheme = 'light' | 'dark' | 'auto';

/**
 * Thin base of every widget: a safe `define()` and the `theme` attribute. Deliberately nothing
 * else: the API client, localisation and the outbox are reactive controllers a widget adds, so a
 * widget carries only what it uses.
 */
export class DvcElement extends LitElement {
  /**
   * Colour scheme: `light` (default), `dark`, or `auto` (follows the reader's system setting).
   * Reflected so the `:host([theme=…])` rules in `baseStyles` apply.
   */
  @property({ reflect: true }) theme?: DvcTheme;

  /**
   * Also waits for string tables being fetched (a first English render) and the render that
   * follows them, so tests and hosts awaiting `updateComplete` see the final language.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await super.getUpdateComplete();
    for (let pending = stringsPending(this); pending; pending = stringsPending(this)) {
      await pending;
      result = await super.getUpdateComplete();
    }
    return result;
  }

  /**
   * Registers the element unless the tag is already taken. A page that loads two bundles (a
   * portal's and a CDN copy) would otherwise crash on the second `customElements.define`.
   */
  static define(tag: string, ctor: CustomElementConstructor = this, options?: ElementDefinitionOptions): void {
    const existing = customElements.get(tag);
    if (existing) {
      if (DEV_MODE && existing !== ctor) {
        console.warn(`[dvc-widgets] <${tag}> is already defined by another class; keeping the first definition.`);
      }
      return;
    }
    customElements.define(tag, ctor, options);
  }
}
