import { expect, fixture, html } from '@open-wc/testing';
import { globalSettings, resolveConfig, resolveContact } from '../src/config.js';

function addMeta(name: string, content: string): HTMLMetaElement {
  const meta = document.createElement('meta');
  meta.name = name;
  meta.content = content;
  document.head.append(meta);
  return meta;
}

describe('config', () => {
  const metas: HTMLMetaElement[] = [];
  afterEach(() => {
    metas.splice(0).forEach((m) => m.remove());
    delete window.dvcWidgets;
  });

  it('defaults to the page origin and nothing else', async () => {
    const el = await fixture(html`<div></div>`);
    const none = { apiBase: '', agency: undefined, lang: undefined, contactPhone: undefined, contactName: undefined };
    expect(resolveConfig(el)).to.deep.equal(none);
    expect(resolveConfig()).to.deep.equal(none);
    expect(resolveContact(el)).to.deep.equal({ phone: undefined, name: undefined });
    expect(globalSettings()).to.equal(undefined);
  });

  it('prefers attribute over meta over the global object', async () => {
    window.dvcWidgets = {
      config: { apiBase: 'https://global.example/api', agency: 'G', lang: 'en', contactPhone: '1900 0001', contactName: 'Tổng đài' },
    };
    const el = await fixture(html`<div></div>`);
    expect(resolveConfig(el)).to.deep.equal({
      apiBase: 'https://global.example/api',
      agency: 'G',
      lang: 'en',
      contactPhone: '1900 0001',
      contactName: 'Tổng đài',
    });

    metas.push(
      addMeta('dvc:api-base', '/meta-api'),
      addMeta('dvc:agency', '000.00.01.H29'),
      addMeta('dvc:lang', 'vi'),
      addMeta('dvc:contact-phone', '028 3829 7777'),
      addMeta('dvc:contact-name', 'Bộ phận một cửa UBND Quận 1'),
    );
    expect(resolveConfig(el)).to.deep.equal({
      apiBase: '/meta-api',
      agency: '000.00.01.H29',
      lang: 'vi',
      contactPhone: '028 3829 7777',
      contactName: 'Bộ phận một cửa UBND Quận 1',
    });

    const withAttrs = await fixture(
      html`<div api-base=" /attr-api " agency="000.00.02.H29" lang="en" contact-phone=" 0283 111 222 " contact-name="Phường Bến Nghé"></div>`,
    );
    expect(resolveConfig(withAttrs)).to.deep.equal({
      apiBase: '/attr-api',
      agency: '000.00.02.H29',
      lang: 'en',
      contactPhone: '0283 111 222',
      contactName: 'Phường Bến Nghé',
    });
    expect(resolveContact(withAttrs)).to.deep.equal({ phone: '0283 111 222', name: 'Phường Bến Nghé' });
    // Each setting on its own: a phone on the element, the name from the page's meta.
    const phoneOnly = await fixture(html`<div contact-phone="0283 999 000"></div>`);
    expect(resolveContact(phoneOnly)).to.deep.equal({ phone: '0283 999 000', name: 'Bộ phận một cửa UBND Quận 1' });
  });

  it('ignores blank values and a malformed global', async () => {
    metas.push(addMeta('dvc:api-base', '   '));
    (window as unknown as { dvcWidgets: unknown }).dvcWidgets = 'nonsense';
    const el = await fixture(html`<div api-base=""></div>`);
    expect(resolveConfig(el).apiBase).to.equal('');
    window.dvcWidgets = { config: { apiBase: '  ' } };
    expect(resolveConfig(el).apiBase).to.equal('');
  });
});
