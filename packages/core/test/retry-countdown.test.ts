import { aTimeout, expect, fixture, html as testHtml, waitUntil } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import { RetryCountdownController } from '../src/retry-countdown.js';
import { ApiError, NetworkError, RateLimitedError } from '../src/errors.js';
import { setClock } from '../src/clock.js';

class CountdownProbe extends LitElement {
  ends = 0;
  renders = 0;
  readonly countdown = new RetryCountdownController(this, { onEnd: () => this.ends++ });
  override render() {
    this.renders++;
    return html`<p>${this.countdown.active ? `thử lại sau ${this.countdown.remaining} giây` : 'sẵn sàng'}</p>`;
  }
}
customElements.define('dvc-countdown-probe', CountdownProbe);

const limited = (seconds: number | undefined) => new RateLimitedError(429, 'rate_limited', 'slow down', seconds);
const shown = (el: CountdownProbe) => el.shadowRoot!.querySelector('p')!.textContent;

describe('RetryCountdownController', () => {
  it('counts down from a RateLimitedError’s Retry-After, rounded up, and re-renders the host', async () => {
    const el = await fixture<CountdownProbe>(testHtml`<dvc-countdown-probe></dvc-countdown-probe>`);
    expect(el.countdown.start(limited(29.2))).to.equal(true);
    expect(el.countdown.active).to.equal(true);
    expect(el.countdown.remaining).to.equal(30);
    await el.updateComplete;
    expect(shown(el)).to.equal('thử lại sau 30 giây');
    await waitUntil(() => shown(el) === 'thử lại sau 29 giây', 'did not tick', { timeout: 2500 });
    el.countdown.stop();
  });

  it('ignores other errors and a rate limit without a usable wait (and stops a running countdown)', async () => {
    const el = await fixture<CountdownProbe>(testHtml`<dvc-countdown-probe></dvc-countdown-probe>`);
    el.countdown.start(limited(30));
    expect(el.countdown.start(new NetworkError('down'))).to.equal(false);
    expect(el.countdown.active).to.equal(false);
    expect(el.countdown.remaining).to.equal(0);
    expect(el.countdown.start(new ApiError(500, 'internal', 'boom'))).to.equal(false);
    expect(el.countdown.start(limited(undefined))).to.equal(false);
    expect(el.countdown.start(limited(0))).to.equal(false);
    expect(el.countdown.start('not an error')).to.equal(false);
    expect(el.ends).to.equal(0, 'stop() is not an end');
  });

  it('ticks once per second while counting, ends once with onEnd, then stops ticking', async () => {
    const el = await fixture<CountdownProbe>(testHtml`<dvc-countdown-probe></dvc-countdown-probe>`);
    el.countdown.start(limited(2));
    await el.updateComplete;
    const before = el.renders;
    await waitUntil(() => el.ends === 1, 'did not end', { timeout: 4000 });
    await el.updateComplete;
    // Two seconds: a render at 1 s left and one at the end (not one per frame or per 100 ms).
    expect(el.renders - before).to.be.within(2, 3);
    expect(shown(el)).to.equal('sẵn sàng');
    const after = el.renders;
    await aTimeout(1300);
    expect(el.renders).to.equal(after, 'no tick after the end');
    expect(el.ends).to.equal(1);
  });

  it('reads core’s clock: a pinned clock that jumps ahead ends the wait at the next tick', async () => {
    let offset = 0;
    const restore = setClock(() => Date.now() + offset);
    try {
      const el = await fixture<CountdownProbe>(testHtml`<dvc-countdown-probe></dvc-countdown-probe>`);
      el.countdown.start(limited(60));
      expect(el.countdown.remaining).to.equal(60);
      offset = 59_500;
      expect(el.countdown.remaining).to.equal(1);
      offset = 61_000;
      expect(el.countdown.active).to.equal(false);
      await waitUntil(() => el.ends === 1, 'did not end on the next tick', { timeout: 2500 });
    } finally {
      restore();
    }
  });

  it('does not tick while the host is out of the page; back mid-wait it carries on, back late it ends', async () => {
    const el = await fixture<CountdownProbe>(testHtml`<dvc-countdown-probe></dvc-countdown-probe>`);
    const parent = el.parentElement!;
    el.countdown.start(limited(1));
    el.remove();
    await el.updateComplete;
    const renders = el.renders;
    await aTimeout(1300);
    expect(el.renders).to.equal(renders, 'no update while disconnected');
    expect(el.ends).to.equal(0);
    parent.append(el);
    // The deadline passed while it was away: it ends as soon as it is back.
    expect(el.ends).to.equal(1);
    await el.updateComplete;
    expect(shown(el)).to.equal('sẵn sàng');

    el.countdown.start(limited(2));
    el.remove();
    parent.append(el);
    expect(el.countdown.active).to.equal(true);
    await waitUntil(() => el.ends === 2, 'did not end after a move', { timeout: 3500 });
  });
});
