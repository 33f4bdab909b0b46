import { expect, fixture, html as testHtml, waitUntil } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import { state } from 'lit/decorators.js';
import { AnnouncerController } from '../src/announcer.js';

class AnnouncerProbe extends LitElement {
  @state() dialogOpen = false;
  @state() count = 0;
  readonly announcer = new AnnouncerController(this, { region: () => (this.dialogOpen ? 'dialog' : 'root') });
  override render() {
    return html`<p>${this.count}</p>
      ${this.announcer.render()}
      <div class="dialog">${this.announcer.render('dialog')}</div>`;
  }
}
customElements.define('dvc-announcer-probe', AnnouncerProbe);

const polite = (el: AnnouncerProbe) => el.shadowRoot!.querySelector('[role="status"]')!;
const rootPolite = (el: AnnouncerProbe) => el.shadowRoot!.querySelectorAll('[role="status"]')[0]!;
const dialogPolite = (el: AnnouncerProbe) => el.shadowRoot!.querySelector('.dialog [role="status"]')!;
const rootAssertive = (el: AnnouncerProbe) => el.shadowRoot!.querySelectorAll('[aria-live="assertive"]')[0]!;

/** Every text the root's polite region showed, in order (mutation by mutation). */
function recordRegion(region: Element): string[] {
  const seen: string[] = [];
  new MutationObserver(() => seen.push(region.textContent ?? '')).observe(region, {
    childList: true,
    characterData: true,
    subtree: true,
  });
  return seen;
}

describe('AnnouncerController', () => {
  it('renders an empty polite status region and an assertive one, before anything is said', async () => {
    const el = await fixture<AnnouncerProbe>(testHtml`<dvc-announcer-probe></dvc-announcer-probe>`);
    const region = polite(el);
    expect(region.getAttribute('aria-live')).to.equal('polite');
    expect(region.getAttribute('aria-atomic')).to.equal('true');
    expect(region.classList.contains('dvc-visually-hidden')).to.equal(true);
    expect(region.textContent).to.equal('');
    expect(rootAssertive(el).getAttribute('role')).to.equal(null);
    expect(rootAssertive(el).textContent).to.equal('');
  });

  it('says a text politely, and assertively when asked', async () => {
    const el = await fixture<AnnouncerProbe>(testHtml`<dvc-announcer-probe></dvc-announcer-probe>`);
    await el.announcer.announce('Đã tìm thấy hồ sơ');
    expect(rootPolite(el).textContent).to.equal('Đã tìm thấy hồ sơ');
    expect(el.announcer.message).to.equal('Đã tìm thấy hồ sơ');
    await el.announcer.announce('Lịch hẹn đã bị hủy', { assertive: true });
    expect(rootAssertive(el).textContent).to.equal('Lịch hẹn đã bị hủy');
    expect(el.announcer.alert).to.equal('Lịch hẹn đã bị hủy');
    // The polite region keeps its sentence: the two channels are independent.
    expect(rootPolite(el).textContent).to.equal('Đã tìm thấy hồ sơ');
  });

  it('empties the region, lets a frame pass, then sets the same text again (so it is read twice)', async () => {
    const el = await fixture<AnnouncerProbe>(testHtml`<dvc-announcer-probe></dvc-announcer-probe>`);
    await el.announcer.announce('Không tìm thấy');
    const seen = recordRegion(rootPolite(el));
    let frames = 0;
    let counting = true;
    const tick = () => {
      frames++;
      if (counting) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const pending = el.announcer.announce('Không tìm thấy');
    await el.updateComplete;
    // Rendered empty first…
    expect(rootPolite(el).textContent).to.equal('');
    const framesWhenEmpty = frames;
    await pending;
    counting = false;
    // …and set again only after a frame: one change the accessibility tree publishes, not zero.
    expect(frames).to.be.greaterThan(framesWhenEmpty);
    expect(seen).to.deep.equal(['', 'Không tìm thấy']);
  });

  it('keeps what it says across re-renders and a move in the page', async () => {
    const el = await fixture<AnnouncerProbe>(testHtml`<dvc-announcer-probe></dvc-announcer-probe>`);
    await el.announcer.announce('Đang tải');
    const region = rootPolite(el);
    el.count++;
    await el.updateComplete;
    expect(rootPolite(el)).to.equal(region, 'the same region element');
    expect(region.textContent).to.equal('Đang tải');
    const other = document.createElement('div');
    document.body.append(other);
    try {
      other.append(el);
      await el.updateComplete;
      expect(rootPolite(el).textContent).to.equal('Đang tải');
    } finally {
      other.remove();
    }
  });

  it('a newer announcement replaces one still waiting for its frame', async () => {
    const el = await fixture<AnnouncerProbe>(testHtml`<dvc-announcer-probe></dvc-announcer-probe>`);
    const seen = recordRegion(rootPolite(el));
    const first = el.announcer.announce('một');
    const second = el.announcer.announce('hai');
    await Promise.all([first, second]);
    expect(rootPolite(el).textContent).to.equal('hai');
    expect(seen).to.not.include('một');
  });

  it('speaks in the region that is in the accessibility tree when the text is set (a modal dialog)', async () => {
    const el = await fixture<AnnouncerProbe>(testHtml`<dvc-announcer-probe></dvc-announcer-probe>`);
    el.dialogOpen = true;
    await el.announcer.announce('Đã gửi');
    expect(dialogPolite(el).textContent).to.equal('Đã gửi');
    expect(rootPolite(el).textContent).to.equal('');
    el.dialogOpen = false;
    await el.announcer.announce('Đã gửi');
    expect(rootPolite(el).textContent).to.equal('Đã gửi');
    expect(dialogPolite(el).textContent).to.equal('');
  });

  it('clear() empties both regions and drops a waiting announcement', async () => {
    const el = await fixture<AnnouncerProbe>(testHtml`<dvc-announcer-probe></dvc-announcer-probe>`);
    await el.announcer.announce('một', { assertive: true });
    const waiting = el.announcer.announce('hai');
    el.announcer.clear();
    await waiting;
    await el.updateComplete;
    expect(rootPolite(el).textContent).to.equal('');
    expect(rootAssertive(el).textContent).to.equal('');
  });

  it('drops an announcement still waiting when the element leaves the page', async () => {
    const el = await fixture<AnnouncerProbe>(testHtml`<dvc-announcer-probe></dvc-announcer-probe>`);
    const waiting = el.announcer.announce('muộn');
    const parent = el.parentElement!;
    el.remove();
    await waiting;
    parent.append(el);
    await el.updateComplete;
    await waitUntil(() => el.hasUpdated);
    expect(rootPolite(el).textContent).to.equal('');
  });

  it('is accessible with something said', async () => {
    const el = await fixture<AnnouncerProbe>(testHtml`<dvc-announcer-probe></dvc-announcer-probe>`);
    await el.announcer.announce('Đã tìm thấy hồ sơ');
    await el.announcer.announce('Có lỗi', { assertive: true });
    await expect(el).to.be.accessible();
  });
});
