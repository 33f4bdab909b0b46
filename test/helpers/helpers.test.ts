import { expect, oneEvent } from '@open-wc/testing';
import { setOffline, whileOffline } from './network.js';
import { isLitDevWarning, captureLitWarnings } from './lit-warnings.js';

describe('test helpers', () => {
  afterEach(() => setOffline(false));

  it('setOffline(true) makes navigator.onLine false and fires offline', async () => {
    const fired = oneEvent(window, 'offline');
    setOffline(true);
    await fired;
    expect(navigator.onLine).to.equal(false);
  });

  it('setOffline(false) restores the real value and fires online', async () => {
    setOffline(true);
    const fired = oneEvent(window, 'online');
    setOffline(false);
    await fired;
    expect(navigator.onLine).to.equal(true);
  });

  it('whileOffline restores the connection even when the callback throws', async () => {
    let seen: boolean | undefined;
    let error: unknown;
    try {
      await whileOffline(() => {
        seen = navigator.onLine;
        throw new Error('boom');
      });
    } catch (e) {
      error = e;
    }
    expect(seen).to.equal(false);
    expect(String(error)).to.include('boom');
    expect(navigator.onLine).to.equal(true);
  });

  it('tells Lit dev warnings from the dev-mode notice and other logs', () => {
    expect(isLitDevWarning(['Element x scheduled an update. See https://lit.dev/msg/change-in-update for more information.'])).to.equal(true);
    expect(isLitDevWarning(['Lit is in dev mode. Not recommended for production! See https://lit.dev/msg/dev-mode'])).to.equal(false);
    expect(isLitDevWarning(['[dvc-widgets] something else'])).to.equal(false);
  });

  it('captureLitWarnings records only Lit warnings and restores console', () => {
    const { warn } = console;
    const capture = captureLitWarnings();
    console.warn('See https://lit.dev/msg/class-field-shadowing for more information.');
    console.warn('unrelated');
    capture.restore();
    expect(capture.warnings).to.have.length(1);
    expect(console.warn).to.equal(warn);
  });
});
