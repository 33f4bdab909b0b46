import { expect, fixture, html } from '@open-wc/testing';
import {
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  formatTime,
  formatVnd,
  formatWeekday,
  getI18n,
  loadLocale,
  normalizeLang,
  onStringsChanged,
  registerLocale,
  resolveLang,
  setStrings,
  translate,
} from '../src/i18n.js';
import vi from '../src/locales/vi.js';
import en from '../src/locales/en.js';

const NBSP = /\u00a0|\u202f/g;
const plain = (s: string) => s.replace(NBSP, ' ');

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k.replace(/_(one|other)$/, '')}`],
  );
}

describe('i18n', () => {
  it('shares one instance across bundles through globalThis', () => {
    const shared = (globalThis as unknown as Record<symbol, { i18n: unknown }>)[Symbol.for('dvc-widgets.i18n')];
    expect(shared.i18n).to.equal(getI18n());
  });

  it('core locales have the same keys in vi and en', () => {
    expect([...new Set(keys(en))].sort()).to.deep.equal([...new Set(keys(vi))].sort());
  });

  it('translates with interpolation, plurals and vi fallback', async () => {
    await loadLocale('en', ['core']);
    registerLocale('test-a', {
      vi: { hello: 'Xin chào {{name}}', items_other: '{{count}} hồ sơ', onlyVi: 'Chỉ tiếng Việt', markup: '<b>{{x}}</b>' },
      en: { hello: 'Hello {{name}}', items_one: '{{count}} dossier', items_other: '{{count}} dossiers' },
    });
    expect(translate('vi', 'test-a', 'hello', { name: 'An' })).to.equal('Xin chào An');
    expect(translate('en', 'test-a', 'hello', { name: 'An' })).to.equal('Hello An');
    expect(translate('vi', 'test-a', 'items', { count: 1 })).to.equal('1 hồ sơ');
    expect(translate('en', 'test-a', 'items', { count: 1 })).to.equal('1 dossier');
    expect(translate('en', 'test-a', 'items', { count: 3 })).to.equal('3 dossiers');
    expect(translate('en', 'test-a', 'onlyVi')).to.equal('Chỉ tiếng Việt');
    // Lit escapes bindings; i18next must not escape a second time.
    expect(translate('vi', 'test-a', 'markup', { x: 'a&b' })).to.equal('<b>a&b</b>');
    expect(translate('vi', 'test-a', 'core:action.retry')).to.equal('Thử lại');
    expect(translate('en', 'core', 'error.rateLimitedSeconds', { count: 1, seconds: 1 })).to.equal(
      'Too many attempts. Please try again in 1 second.',
    );
    expect(translate('vi', 'core', 'error.rateLimitedSeconds', { count: 30, seconds: 30 })).to.contain('30 giây');
  });

  it('warns once in development about a key missing in every language', () => {
    const warnings: unknown[][] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      registerLocale('test-missing', { vi: { here: 'Có' } });
      expect(translate('en', 'test-missing', 'here')).to.equal('Có');
      expect(warnings).to.have.length(0);
      expect(translate('vi', 'test-missing', 'absent')).to.equal('absent');
      translate('en', 'test-missing', 'absent');
      expect(warnings).to.have.length(1);
      expect(String(warnings[0]![0])).to.contain('"absent"');
    } finally {
      console.warn = original;
    }
  });

  it('lets a host override strings, also before the widget registers them', () => {
    let calls = 0;
    const off = onStringsChanged(() => calls++);
    setStrings('vi-VN', 'test-b', { title: 'Tra cứu (cổng tỉnh)' });
    registerLocale('test-b', { vi: { title: 'Tra cứu', other: 'Khác' }, en: { title: 'Lookup' } });
    expect(translate('vi', 'test-b', 'title')).to.equal('Tra cứu (cổng tỉnh)');
    expect(translate('vi', 'test-b', 'other')).to.equal('Khác');
    expect(translate('en', 'test-b', 'title')).to.equal('Lookup');
    setStrings('en', 'test-b', { title: 'Find' });
    expect(translate('en', 'test-b', 'title')).to.equal('Find');
    expect(calls).to.equal(3);
    off();
    setStrings('en', 'test-b', { title: 'Again' });
    expect(calls).to.equal(3);
  });

  it('reads window.dvcWidgets.strings at registration', () => {
    window.dvcWidgets = { strings: { en: { 'test-c': { title: 'From page' } } } };
    try {
      registerLocale('test-c', { vi: { title: 'Gốc' }, en: { title: 'Original' } });
      expect(translate('en', 'test-c', 'title')).to.equal('From page');
      expect(translate('vi', 'test-c', 'title')).to.equal('Gốc');
    } finally {
      delete window.dvcWidgets;
    }
  });

  it('fetches a table registered as a loader once, on first use, and keeps host overrides on top', async () => {
    let calls = 0;
    let notified = 0;
    const off = onStringsChanged(() => notified++);
    setStrings('en', 'test-lazy', { overridden: 'From the host' });
    registerLocale('test-lazy', {
      vi: { title: 'Tra cứu', overridden: 'Gốc' },
      en: async () => {
        calls++;
        return { default: { title: 'Lookup', overridden: 'From the table' } };
      },
    });
    // Not fetched at registration: a Vietnamese page never asks for English.
    expect(calls).to.equal(0);
    expect(translate('en', 'test-lazy', 'title')).to.equal('Tra cứu');
    expect(loadLocale('vi', ['test-lazy'])).to.equal(undefined);

    const first = loadLocale('en', ['test-lazy']);
    const second = loadLocale('en', ['test-lazy']);
    expect(first).to.be.instanceOf(Promise);
    expect(second).to.be.instanceOf(Promise);
    await Promise.all([first, second]);
    expect(calls).to.equal(1);
    expect(notified).to.be.greaterThan(1);
    expect(translate('en', 'test-lazy', 'title')).to.equal('Lookup');
    expect(translate('en', 'test-lazy', 'overridden')).to.equal('From the host');
    // Loaded: synchronous from now on, and registering again (a second bundle) fetches nothing.
    expect(loadLocale('en', ['test-lazy'])).to.equal(undefined);
    registerLocale('test-lazy', { vi: { title: 'Tra cứu' }, en: async () => ({ default: { title: 'Again' } }) });
    expect(loadLocale('en', ['test-lazy'])).to.equal(undefined);
    expect(translate('en', 'test-lazy', 'title')).to.equal('Lookup');
    off();
  });

  it('falls back to Vietnamese when a table cannot be fetched, and tries again later', async () => {
    let fail = true;
    registerLocale('test-offline', {
      vi: { title: 'Tra cứu' },
      en: () => (fail ? Promise.reject(new TypeError('Failed to fetch')) : Promise.resolve({ title: 'Lookup' })),
    });
    const warn = console.warn;
    console.warn = () => {};
    try {
      await loadLocale('en', ['test-offline']);
    } finally {
      console.warn = warn;
    }
    expect(translate('en', 'test-offline', 'title')).to.equal('Tra cứu');
    fail = false;
    await loadLocale('en', ['test-offline']);
    expect(translate('en', 'test-offline', 'title')).to.equal('Lookup');
  });

  it('normalises language tags', () => {
    expect(normalizeLang('vi-VN')).to.equal('vi');
    expect(normalizeLang('EN_us')).to.equal('en');
    expect(normalizeLang('fr')).to.equal('vi');
    expect(normalizeLang('')).to.equal('vi');
    expect(normalizeLang(undefined)).to.equal('vi');
  });

  it('resolves the nearest lang, through shadow roots, then <html lang>', async () => {
    const htmlLang = document.documentElement.getAttribute('lang');
    try {
      document.documentElement.setAttribute('lang', 'en-GB');
      const outer = await fixture(html`<section lang="vi-VN"><div><span id="t"></span></div></section>`);
      const target = outer.querySelector('#t')!;
      expect(resolveLang(target)).to.equal('vi');
      target.setAttribute('lang', 'en');
      expect(resolveLang(target)).to.equal('en');
      target.setAttribute('lang', '');
      expect(resolveLang(target)).to.equal('vi');

      const host = await fixture(html`<div lang="en"></div>`);
      const inner = document.createElement('p');
      host.attachShadow({ mode: 'open' }).append(inner);
      expect(resolveLang(inner)).to.equal('en');

      const loose = await fixture(html`<p></p>`);
      expect(resolveLang(loose)).to.equal('en');
      document.documentElement.removeAttribute('lang');
      expect(resolveLang(loose)).to.equal('vi');
      window.dvcWidgets = { config: { lang: 'en' } };
      expect(resolveLang(loose)).to.equal('en');
      expect(resolveLang(null)).to.equal('en');
    } finally {
      delete window.dvcWidgets;
      if (htmlLang === null) document.documentElement.removeAttribute('lang');
      else document.documentElement.setAttribute('lang', htmlLang);
    }
  });

  describe('formatting (Asia/Ho_Chi_Minh)', () => {
    // 2026-03-09T20:30Z is 03:30 on 10 March in Hanoi.
    const instant = '2026-03-09T20:30:00Z';

    it('formats dates as dd/mm/yyyy and times as HH:mm in Vietnam time', () => {
      expect(formatDate(instant)).to.equal('10/03/2026');
      expect(formatDate(instant, 'en')).to.equal('10/03/2026');
      expect(formatDate('2026-03-10')).to.equal('10/03/2026');
      expect(formatDate(new Date('2026-12-31T17:00:00Z'))).to.equal('01/01/2027');
      expect(formatTime(instant)).to.equal('03:30');
      expect(formatTime('2026-03-10T13:05:00+07:00')).to.equal('13:05');
      expect(formatTime(Date.UTC(2026, 0, 1, 17, 0))).to.equal('00:00');
      expect(formatDateTime(instant)).to.equal('03:30 10/03/2026');
      expect(formatDateTime(instant, 'en')).to.equal('10/03/2026 03:30');
    });

    it('returns an empty string for invalid dates', () => {
      expect(formatDate('not a date')).to.equal('');
      expect(formatTime('nope')).to.equal('');
      expect(formatDateTime('nope')).to.equal('');
      expect(formatWeekday('nope')).to.equal('');
    });

    it('names weekdays per language', () => {
      expect(formatWeekday('2026-03-09', 'en')).to.equal('Monday');
      expect(formatWeekday('2026-03-09', 'vi').toLowerCase()).to.equal('thứ hai');
      expect(formatWeekday('2026-03-09', 'en', 'short')).to.equal('Mon');
    });

    it('formats money, numbers and percents', () => {
      expect(plain(formatVnd(20000))).to.equal('20.000 ₫');
      expect(plain(formatVnd(1234567.6))).to.equal('1.234.568 ₫');
      expect(plain(formatVnd(20000, 'en'))).to.match(/^₫\s?20,000$/);
      expect(formatNumber(1234567)).to.equal('1.234.567');
      expect(formatNumber(1234567, 'en')).to.equal('1,234,567');
      expect(formatNumber(0.5, 'vi', { minimumFractionDigits: 2 })).to.equal('0,50');
      expect(plain(formatPercent(0.853))).to.match(/^85,3 ?%$/);
      expect(formatPercent(0.853, 'en')).to.equal('85.3%');
      expect(formatPercent(0.5, 'en', 0)).to.equal('50%');
    });
  });
});
