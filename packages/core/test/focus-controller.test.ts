import { expect, fixture, html as testHtml } from '@open-wc/testing';
import { LitElement, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { deepActiveElement, FocusController } from '../src/focus-controller.js';

class FocusProbe extends LitElement {
  @state() step: 'one' | 'two' = 'one';
  @state() error = false;
  readonly focusAfterUpdate = new FocusController(this);
  override render() {
    return html`<h3 id="step-heading" tabindex="-1">${this.step}</h3>
      ${this.step === 'one' ? html`<button id="next">Tiếp tục</button>` : html`<input id="field" />`}
      ${this.error ? html`<p id="error" tabindex="-1">Lỗi</p>` : nothing}
      <button id="other">Khác</button>`;
  }
}
customElements.define('dvc-focus-probe', FocusProbe);

const $ = (el: FocusProbe, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector)!;

describe('FocusController', () => {
  it('focuses an element that only exists after the next update', async () => {
    const el = await fixture<FocusProbe>(testHtml`<dvc-focus-probe></dvc-focus-probe>`);
    $(el, '#next').focus();
    el.step = 'two';
    const focused = await el.focusAfterUpdate.request('#field');
    expect(focused).to.equal(true);
    expect(el.shadowRoot!.activeElement).to.equal($(el, '#field'));
    expect(deepActiveElement()).to.equal($(el, '#field'));
  });

  it('takes an element getter as well as a selector', async () => {
    const el = await fixture<FocusProbe>(testHtml`<dvc-focus-probe></dvc-focus-probe>`);
    el.error = true;
    expect(await el.focusAfterUpdate.request(() => el.shadowRoot!.querySelector<HTMLElement>('#error'))).to.equal(true);
    expect(el.shadowRoot!.activeElement!.id).to.equal('error');
  });

  it('carries out only the latest request', async () => {
    const el = await fixture<FocusProbe>(testHtml`<dvc-focus-probe></dvc-focus-probe>`);
    el.error = true;
    const first = el.focusAfterUpdate.request('#error');
    const second = el.focusAfterUpdate.request('#step-heading');
    expect(await first).to.equal(false);
    expect(await second).to.equal(true);
    expect(el.shadowRoot!.activeElement!.id).to.equal('step-heading');
  });

  it('resolves false when the target was not rendered, leaving focus alone', async () => {
    const el = await fixture<FocusProbe>(testHtml`<dvc-focus-probe></dvc-focus-probe>`);
    $(el, '#other').focus();
    expect(await el.focusAfterUpdate.request('#missing')).to.equal(false);
    expect(el.shadowRoot!.activeElement!.id).to.equal('other');
  });

  it('unlessMovedFrom: focuses when focus stayed, or when its control left with the old state', async () => {
    const el = await fixture<FocusProbe>(testHtml`<dvc-focus-probe></dvc-focus-probe>`);
    $(el, '#other').focus();
    const stayed = deepActiveElement();
    expect(await el.focusAfterUpdate.request('#step-heading', { unlessMovedFrom: stayed })).to.equal(true);

    $(el, '#next').focus();
    const start = deepActiveElement();
    el.step = 'two'; // the button goes with its step: focus falls to <body>
    await el.updateComplete;
    expect(await el.focusAfterUpdate.request('#step-heading', { unlessMovedFrom: start })).to.equal(true);
  });

  it('unlessMovedFrom: leaves focus where the citizen moved it meanwhile', async () => {
    const el = await fixture<FocusProbe>(testHtml`<dvc-focus-probe></dvc-focus-probe>`);
    $(el, '#next').focus();
    const start = deepActiveElement();
    $(el, '#other').focus();
    expect(await el.focusAfterUpdate.request('#step-heading', { unlessMovedFrom: start })).to.equal(false);
    expect(el.shadowRoot!.activeElement!.id).to.equal('other');

    // Nothing was focused at the start (a lookup from the page URL on load): focus is not taken.
    const outside = document.createElement('button');
    document.body.append(outside);
    try {
      outside.focus();
      expect(await el.focusAfterUpdate.request('#step-heading', { unlessMovedFrom: null })).to.equal(false);
      expect(document.activeElement).to.equal(outside);
    } finally {
      outside.remove();
    }
  });

  it('drops a request when the host leaves the page before it is carried out', async () => {
    const el = await fixture<FocusProbe>(testHtml`<dvc-focus-probe></dvc-focus-probe>`);
    const pending = el.focusAfterUpdate.request('#step-heading');
    el.remove();
    expect(await pending).to.equal(false);
  });
});
