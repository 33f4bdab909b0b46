import { expect, fixture, html } from '@open-wc/testing';
import { globalSettings, resolveConfig } from '../src/config.js';

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
    expect(resolveConfig(el)).to.deep.equal({ apiBase: '', agency: undefined, lang: undefined });
    expect(resolveConfig()).to.deep.equal({ apiBase: '', agency: undefined, lang: undefined });
    expect(globalSettings()).to.equal(undefined);
  });

  it('prefers attribute over meta over the global object', async () => {
    window.dvcWidgets = { config: { apiBase: 'https://global.example/api', agency: 'G', lang: 'en' } };
    const el = await fixture(html`<div></div>`);
    expect(resolveConfig(el)).to.deep.equal({ apiBase: 'https://global.example/api', agency: 'G', lang: 'en' });

    metas.push(addMeta('dvc:api-base', '/meta-api'), addMeta('dvc:agency', '000.00.01.H29'), addMeta('dvc:lang', 'vi'));
    expect(resolveConfig(el)).to.deep.equal({ apiBase: '/meta-api', agency: '000.00.01.H29', lang: 'vi' });

    const withAttrs = await fixture(html`<div api-base=" /attr-api " agency="000.00.02.H29" lang="en"></div>`);
    expect(resolveConfig(withAttrs)).to.deep.equal({ apiBase: '/attr-api', agency: '000.00.02.H29', lang: 'en' });
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
