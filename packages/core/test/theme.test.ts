import { expect, fixture, html as testHtml } from '@open-wc/testing';
import { html } from 'lit';
import { DvcElement } from '../src/base-element.js';
import { baseStyles, palette, tokens } from '../src/theme.js';

function luminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  const [r, g, b] = [n >> 16, (n >> 8) & 255, n & 255].map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}
function rgbToHex(rgb: string): string {
  const m = rgb.match(/\d+/g)!.slice(0, 3).map(Number);
  return '#' + m.map((v) => v.toString(16).padStart(2, '0')).join('');
}

class ThemeProbe extends DvcElement {
  static override styles = baseStyles;
  override render() {
    return html`<div class="dvc-root" part="base">
      <p class="dvc-hint">hint</p>
      <button class="dvc-button">OK</button>
      <button class="dvc-button dvc-button--secondary">Later</button>
      <input class="dvc-input" aria-label="x" />
      <span class="dvc-spinner"></span>
      <div class="dvc-alert dvc-alert--danger">!</div>
    </div>`;
  }
}
ThemeProbe.define('dvc-theme-probe');

describe('theme', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`${scheme}: text colours reach 4.5:1 and UI colours 3:1 on both surfaces`, () => {
      const p = palette[scheme];
      for (const bg of [p.surface, p.surfaceAlt]) {
        for (const fg of [p.text, p.textMuted, p.primary, p.success, p.warning, p.danger, p.info]) {
          expect(contrast(fg, bg), `${scheme} ${fg} on ${bg}`).to.be.at.least(4.5);
        }
        for (const ui of [p.border, p.focus]) {
          expect(contrast(ui, bg), `${scheme} ${ui} on ${bg}`).to.be.at.least(3);
        }
      }
      expect(contrast(p.onPrimary, p.primary)).to.be.at.least(4.5);
    });
  }

  it('tokens read public --dvc-* properties with private fallbacks', () => {
    const text = tokens.cssText;
    expect(text).to.contain('--_primary: var(--dvc-color-primary, #0b5cad)');
    expect(text).to.contain('--_primary: var(--dvc-dark-color-primary, #7cb7ff)');
    expect(text).to.contain("prefers-color-scheme: dark");
    expect(baseStyles.cssText).to.contain('forced-colors: active');
    expect(baseStyles.cssText).to.contain('prefers-reduced-motion: reduce');
    expect(baseStyles.cssText).not.to.match(/\d+(\.\d+)?rem\b/);
  });

  it('resets inherited text properties a host page may have set', async () => {
    const wrapper = await fixture(testHtml`<div style="font-size: 40px; line-height: 3; letter-spacing: 5px; text-transform: uppercase; color: red; font-style: italic">
      <dvc-theme-probe></dvc-theme-probe>
    </div>`);
    const el = wrapper.querySelector('dvc-theme-probe') as ThemeProbe;
    await el.updateComplete;
    const root = el.shadowRoot!.querySelector('.dvc-root')!;
    const cs = getComputedStyle(root);
    expect(cs.fontSize).to.equal('16px');
    expect(cs.lineHeight).to.equal('24px');
    expect(cs.letterSpacing).to.be.oneOf(['normal', '0px']);
    expect(cs.textTransform).to.equal('none');
    expect(cs.fontStyle).to.equal('normal');
    expect(rgbToHex(cs.color)).to.equal(palette.light.text);
  });

  it('lets a portal set tokens on the element and switches to dark', async () => {
    const el = await fixture<ThemeProbe>(testHtml`<dvc-theme-probe style="--dvc-color-primary: #123456; --dvc-font-size: 20px"></dvc-theme-probe>`);
    const button = el.shadowRoot!.querySelector('.dvc-button')!;
    expect(rgbToHex(getComputedStyle(button).backgroundColor)).to.equal('#123456');
    expect(getComputedStyle(el.shadowRoot!.querySelector('.dvc-root')!).fontSize).to.equal('20px');
    el.theme = 'dark';
    await el.updateComplete;
    expect(rgbToHex(getComputedStyle(button).backgroundColor)).to.equal(palette.dark.primary);
    expect(rgbToHex(getComputedStyle(el.shadowRoot!.querySelector('.dvc-root')!).color)).to.equal(palette.dark.text);
  });

  it('gives buttons and inputs a target of at least 24 px', async () => {
    const el = await fixture<ThemeProbe>(testHtml`<dvc-theme-probe></dvc-theme-probe>`);
    for (const sel of ['.dvc-button', '.dvc-button--secondary', '.dvc-input']) {
      const rect = el.shadowRoot!.querySelector(sel)!.getBoundingClientRect();
      expect(rect.height, sel).to.be.at.least(24);
      expect(rect.width, sel).to.be.at.least(24);
    }
  });

  it('hides the host with the hidden attribute', async () => {
    const el = await fixture<ThemeProbe>(testHtml`<dvc-theme-probe hidden></dvc-theme-probe>`);
    expect(getComputedStyle(el).display).to.equal('none');
  });
});
