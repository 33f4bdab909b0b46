import { expect, fixture, html as testHtml, nextFrame } from '@open-wc/testing';
import { html, LitElement } from 'lit';
import { registerLocale, setStrings } from '../src/i18n.js';
import { LocalizeController } from '../src/localize-controller.js';
import { DvcElement } from '../src/base-element.js';
import { baseStyles } from '../src/theme.js';
import { InProgressError, OfflineError, RateLimitedError, RequestRefusedError, ServiceMisconfiguredError } from '../src/errors.js';

registerLocale('test-widget', {
  vi: { title: 'Tra cứu hồ sơ', count_other: '{{count}} kết quả' },
  en: { title: 'Track a dossier', count_one: '{{count}} result', count_other: '{{count}} results' },
});

class LocalizedProbe extends LitElement {
  l = new LocalizeController(this, 'test-widget');
  renders = 0;
  override render() {
    this.renders++;
    return html`<h2>${this.l.t('title')}</h2>`;
  }
}
customElements.define('dvc-localized-probe', LocalizedProbe);

const title = (el: LocalizedProbe) => el.shadowRoot!.querySelector('h2')!.textContent;
/** MutationObserver callbacks run as microtasks; then Lit updates in another microtask. */
async function settle(el: LitElement) {
  await nextFrame();
  await el.updateComplete;
}

registerLocale('test-lazy-widget', {
  vi: { title: 'Đặt lịch hẹn' },
  en: () => new Promise((resolve) => setTimeout(() => resolve({ default: { title: 'Book an appointment' } }), 50)),
});

class LazyProbe extends DvcElement {
  static override styles = baseStyles;
  l = new LocalizeController(this, 'test-lazy-widget');
  override render() {
    return html`<h2>${this.l.t('title')}</h2>`;
  }
}
customElements.define('dvc-lazy-probe', LazyProbe);

describe('LocalizeController', () => {
  it('hides a first English render until its table has arrived; updateComplete waits for it', async () => {
    const el = document.createElement('dvc-lazy-probe') as LazyProbe;
    el.setAttribute('lang', 'en');
    document.body.append(el);
    try {
      // Connected: the table is on its way and the host is not shown in the wrong language.
      expect(el.hasAttribute('dvc-strings-pending')).to.equal(true);
      expect(getComputedStyle(el).visibility).to.equal('hidden');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('Book an appointment');
      expect(el.hasAttribute('dvc-strings-pending')).to.equal(false);
      expect(getComputedStyle(el).visibility).to.equal('visible');
    } finally {
      el.remove();
    }
  });

  it('renders in the nearest lang and re-renders when it changes', async () => {
    const wrapper = await fixture(testHtml`<div lang="vi"><dvc-localized-probe></dvc-localized-probe></div>`);
    const el = wrapper.querySelector<LocalizedProbe>('dvc-localized-probe')!;
    await el.updateComplete;
    expect(el.l.lang).to.equal('vi');
    expect(title(el)).to.equal('Tra cứu hồ sơ');

    wrapper.setAttribute('lang', 'en-US');
    await settle(el);
    expect(el.l.lang).to.equal('en');
    expect(title(el)).to.equal('Track a dossier');

    el.setAttribute('lang', 'vi');
    await settle(el);
    expect(title(el)).to.equal('Tra cứu hồ sơ');
  });

  it('does not re-render when an unrelated lang changes to the same language', async () => {
    const wrapper = await fixture(testHtml`<div lang="en"><dvc-localized-probe></dvc-localized-probe></div>`);
    const el = wrapper.querySelector<LocalizedProbe>('dvc-localized-probe')!;
    await el.updateComplete;
    const before = el.renders;
    wrapper.setAttribute('lang', 'en-GB');
    await settle(el);
    expect(el.renders).to.equal(before);
  });

  it('re-renders when a host page overrides a string', async () => {
    const el = await fixture<LocalizedProbe>(testHtml`<dvc-localized-probe lang="en"></dvc-localized-probe>`);
    setStrings('en', 'test-widget', { title: 'Check your application' });
    await el.updateComplete;
    expect(title(el)).to.equal('Check your application');
    setStrings('en', 'test-widget', { title: 'Track a dossier' });
  });

  it('remembers translations, and forgets them when strings change, also while disconnected, or the language does', async () => {
    const wrapper = await fixture(testHtml`<div lang="vi"><dvc-localized-probe></dvc-localized-probe></div>`);
    const el = wrapper.querySelector<LocalizedProbe>('dvc-localized-probe')!;
    await el.updateComplete;
    expect(el.l.t('count', { count: 3 })).to.equal('3 kết quả');
    expect(el.l.t('count', { count: 4 })).to.equal('4 kết quả');
    setStrings('vi', 'test-widget', { count_other: '{{count}} thủ tục' });
    expect(el.l.t('count', { count: 3 })).to.equal('3 thủ tục');
    el.remove();
    setStrings('vi', 'test-widget', { count_other: '{{count}} hồ sơ' });
    wrapper.append(el);
    await el.updateComplete;
    expect(el.l.t('count', { count: 3 })).to.equal('3 hồ sơ');
    wrapper.setAttribute('lang', 'en');
    await settle(el);
    expect(el.l.t('count', { count: 3 })).to.equal('3 results');
    // Options that are not plain values are passed through unremembered.
    expect(el.l.t('title', { context: undefined, extra: { nested: true } })).to.equal('Track a dossier');
    setStrings('vi', 'test-widget', { count_other: '{{count}} kết quả' });
  });

  it('stops listening once disconnected', async () => {
    const wrapper = await fixture(testHtml`<div lang="vi"><dvc-localized-probe></dvc-localized-probe></div>`);
    const el = wrapper.querySelector<LocalizedProbe>('dvc-localized-probe')!;
    await el.updateComplete;
    el.remove();
    const before = el.renders;
    setStrings('vi', 'test-widget', { title: 'Tra cứu hồ sơ' });
    wrapper.setAttribute('lang', 'en');
    await nextFrame();
    expect(el.renders).to.equal(before);
    wrapper.append(el);
    await settle(el);
    expect(el.l.lang).to.equal('en');
  });

  it('formats and describes errors in its language', async () => {
    const el = await fixture<LocalizedProbe>(testHtml`<dvc-localized-probe lang="en"></dvc-localized-probe>`);
    expect(el.l.t('count', { count: 2 })).to.equal('2 results');
    expect(el.l.formatDate('2026-03-10')).to.equal('10/03/2026');
    expect(el.l.formatTime('2026-03-10T08:15:00+07:00')).to.equal('08:15');
    expect(el.l.formatDateTime('2026-03-10T08:15:00+07:00')).to.equal('10/03/2026 08:15');
    expect(el.l.formatWeekday('2026-03-10')).to.equal('Tuesday');
    expect(el.l.formatVnd(20000).replace(/\s/g, '')).to.equal('₫20,000');
    expect(el.l.formatNumber(1500)).to.equal('1,500');
    expect(el.l.formatPercent(0.25)).to.equal('25%');
    expect(el.l.errorMessage(new OfflineError())).to.equal('You are offline. Check your connection and try again.');
    expect(el.l.errorMessage(new RateLimitedError(429, 'rate_limited', 'x', 30))).to.equal(
      'Too many attempts. Please try again in 30 seconds.',
    );
    el.setAttribute('lang', 'vi');
    await settle(el);
    expect(el.l.errorMessage(new OfflineError())).to.contain('Không có kết nối mạng');
    expect(el.l.formatVnd(20000).replace(/\u00a0/g, ' ')).to.equal('20.000 ₫');
  });

  it('errorMessage gives final errors a way forward: the host’s configured contact, or one the widget passes', async () => {
    const misconfigured = new ServiceMisconfiguredError({ apiBase: '', url: '/v1/fields', status: 404 });
    const el = await fixture<LocalizedProbe>(testHtml`<dvc-localized-probe lang="vi"></dvc-localized-probe>`);
    await settle(el);
    expect(el.l.errorMessage(misconfigured)).to.equal(
      'Dịch vụ này chưa được thiết lập đúng trên trang này nên tạm thời chưa sử dụng được. ' +
        'Vui lòng liên hệ trực tiếp cơ quan giải quyết thủ tục để được hỗ trợ.',
    );
    el.setAttribute('contact-phone', '028 3829 7777');
    expect(el.l.errorMessage(new RequestRefusedError('cors'))).to.equal(
      'Trang này chưa được phép gửi thông tin tới hệ thống dịch vụ công nên yêu cầu của bạn chưa được gửi đi. ' +
        'Vui lòng gọi số 028 3829 7777 để được hỗ trợ.',
    );
    el.setAttribute('contact-name', 'Bộ phận một cửa UBND Quận 1');
    expect(el.l.errorMessage(new RequestRefusedError('server'))).to.equal(
      'Hệ thống không xử lý được yêu cầu này dù đã thử nhiều lần. Vui lòng gọi Bộ phận một cửa UBND Quận 1 theo số 028 3829 7777 để được hỗ trợ.',
    );
    // The widget may know better (the agency's phone it fetched).
    expect(el.l.errorMessage(new RequestRefusedError('client'), { phone: '1900 1234' })).to.equal(
      'Hệ thống không chấp nhận yêu cầu này. Vui lòng gọi số 1900 1234 để được hỗ trợ.',
    );
    // Transient errors get no phone: trying again is the way forward.
    expect(el.l.errorMessage(new InProgressError('x', 2))).to.equal(
      'Yêu cầu của bạn đang được xử lý. Vui lòng chờ 2 giây rồi thử lại, không cần nhập lại thông tin.',
    );
    el.setAttribute('lang', 'en');
    await settle(el);
    expect(el.l.errorMessage(misconfigured)).to.equal(
      'This service is not set up correctly on this page, so it cannot be used for now. Please call Bộ phận một cửa UBND Quận 1 on 028 3829 7777 for help.',
    );
    expect(el.l.errorMessage(new InProgressError('x', 1))).to.equal(
      'Your request is still being processed. Please wait 1 second and try again; there is no need to fill it in again.',
    );
  });
});
