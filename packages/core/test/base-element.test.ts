import { expect, fixture, html as testHtml } from '@open-wc/testing';
import { html } from 'lit';
import { DvcElement } from '../src/base-element.js';
import { baseStyles } from '../src/theme.js';

class TestWidget extends DvcElement {
  static override styles = baseStyles;
  override render() {
    return html`<div class="dvc-root" part="base">hello</div>`;
  }
}
class OtherWidget extends DvcElement {}

describe('DvcElement', () => {
  it('defines a tag once and never redefines it', () => {
    const warnings: unknown[][] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      TestWidget.define('dvc-test-widget');
      expect(customElements.get('dvc-test-widget')).to.equal(TestWidget);
      TestWidget.define('dvc-test-widget');
      expect(warnings).to.have.length(0);
      OtherWidget.define('dvc-test-widget');
      expect(customElements.get('dvc-test-widget')).to.equal(TestWidget);
      expect(warnings).to.have.length(1);
      expect(String(warnings[0]![0])).to.contain('dvc-test-widget');
    } finally {
      console.warn = original;
    }
  });

  it('defines with an explicit constructor', () => {
    DvcElement.define('dvc-test-other', OtherWidget);
    expect(customElements.get('dvc-test-other')).to.equal(OtherWidget);
  });

  it('reflects the theme property', async () => {
    TestWidget.define('dvc-test-widget');
    const el = await fixture<TestWidget>(testHtml`<dvc-test-widget></dvc-test-widget>`);
    expect(el.hasAttribute('theme')).to.equal(false);
    el.theme = 'dark';
    await el.updateComplete;
    expect(el.getAttribute('theme')).to.equal('dark');
    el.setAttribute('theme', 'auto');
    expect(el.theme).to.equal('auto');
  });
});
