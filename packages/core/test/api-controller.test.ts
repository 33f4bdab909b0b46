import { expect, fixture, html as testHtml } from '@open-wc/testing';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { ApiController } from '../src/api-controller.js';
import { getApiClient } from '../src/api-client.js';
import { AbortedError } from '../src/errors.js';

class ApiProbe extends LitElement {
  @property({ attribute: 'api-base' }) apiBase?: string;
  api = new ApiController(this);
}
customElements.define('dvc-api-probe', ApiProbe);

class NoPropertyProbe extends LitElement {
  api = new ApiController(this);
}
customElements.define('dvc-api-probe-plain', NoPropertyProbe);

describe('ApiController', () => {
  afterEach(() => {
    document.querySelectorAll('meta[name="dvc:api-base"]').forEach((m) => m.remove());
    delete window.dvcWidgets;
  });

  it('resolves the client from the host property, then meta, then the global config', async () => {
    window.dvcWidgets = { config: { apiBase: 'https://global.example' } };
    const plain = await fixture<NoPropertyProbe>(testHtml`<dvc-api-probe-plain></dvc-api-probe-plain>`);
    expect(plain.api.client).to.equal(getApiClient('https://global.example'));

    const meta = document.createElement('meta');
    meta.name = 'dvc:api-base';
    meta.content = '/meta';
    document.head.append(meta);
    expect(plain.api.client.baseUrl).to.equal('/meta');

    const el = await fixture<ApiProbe>(testHtml`<dvc-api-probe api-base="/attr/"></dvc-api-probe>`);
    expect(el.api.client).to.equal(getApiClient('/attr'));
    el.apiBase = '/changed';
    expect(el.api.client.baseUrl).to.equal('/changed');
    el.apiBase = '  ';
    expect(el.api.client.baseUrl).to.equal('/attr');
  });

  it('falls back to the page origin, with one development warning', async () => {
    const warnings: unknown[][] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const el = await fixture<NoPropertyProbe>(testHtml`<dvc-api-probe-plain></dvc-api-probe-plain>`);
      expect(el.api.client.baseUrl).to.equal('');
      expect(el.api.client.baseUrl).to.equal('');
      expect(warnings).to.have.length(1);
      expect(String(warnings[0]![0])).to.contain('dvc-api-probe-plain');
    } finally {
      console.warn = original;
    }
  });

  it('aborts its signal when the host disconnects and renews it on reconnect', async () => {
    const el = await fixture<ApiProbe>(testHtml`<dvc-api-probe></dvc-api-probe>`);
    const parent = el.parentElement!;
    const signal = el.api.signal();
    expect(signal.aborted).to.equal(false);
    el.remove();
    expect(signal.aborted).to.equal(true);
    expect(signal.reason).to.be.instanceOf(AbortedError);
    parent.append(el);
    expect(el.api.signal().aborted).to.equal(false);
    expect(el.api.signal()).to.not.equal(signal);
  });
});
