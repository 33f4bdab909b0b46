// End-to-end over the three portal demos, as `npm start` serves them: the reference server (in-memory
// database) with the repository as its static folder, the CDN build, and Debian's Chromium driven
// by puppeteer-core. Checks that every widget loads through the script tag and renders with data,
// that the widgets work together (lookup → booking, tracker → survey), that no CSP violation and
// no console error is reported, that strict-csp.html really is served with the strict policy, and
// that the legacy portal's global CSS leaves the widgets' own font untouched.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startServer } from '../../packages/server/src/index.js';
import { buildSeed } from '../../packages/server/src/domain/index.js';
import { clockOffsetMs, testNow } from '../helpers/clock.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const TAGS = ['dvc-procedure-lookup', 'dvc-appointment-booking', 'dvc-dossier-tracker', 'dvc-satisfaction-survey'];
const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const STRICT_CSP = readFileSync(join(root, 'demos/strict-csp.html.csp'), 'utf8').trim();

interface PageLog {
  violations: string[];
  errors: string[];
}

/** Opens a demo, recording CSP violations (DOM event, before any page script) and console errors. */
async function open(browser: Browser, url: string): Promise<{ page: Page; log: PageLog }> {
  const page = await browser.newPage();
  const log: PageLog = { violations: [], errors: [] };
  await page.exposeFunction('__dvcViolation', (v: string) => log.violations.push(v));
  // The widgets' clock runs with the server's (DVC_TEST_NOW; see test/helpers/clock.mjs).
  if (clockOffsetMs) {
    await page.evaluateOnNewDocument((offset: number) => {
      (globalThis as Record<symbol, unknown>)[Symbol.for('dvc-widgets.clock')] = () => Date.now() + offset;
    }, clockOffsetMs);
  }
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __dvcViolation(v: string): void }).__dvcViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('console', (m) => {
    if (m.type() === 'error') log.errors.push(m.text());
  });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  // ERR_ABORTED is a widget cancelling its own request (an element removed, a newer query).
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') log.errors.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, log };
}

/** Waits until every widget is defined and its shadow root shows its `.dvc-root`. */
async function widgetsRendered(page: Page): Promise<void> {
  await page.waitForFunction(
    (tags: string[]) =>
      tags.every((t) => customElements.get(t) && document.querySelector(t)?.shadowRoot?.querySelector('.dvc-root')),
    { timeout: 90_000 },
    TAGS,
  );
}

/** The `.dvc-root` computed font of each widget. */
function rootFonts(page: Page): Promise<Record<string, { size: string; family: string; lineHeight: string }>> {
  return page.evaluate((tags: string[]) => {
    const out: Record<string, { size: string; family: string; lineHeight: string }> = {};
    for (const t of tags) {
      const r = document.querySelector(t)!.shadowRoot!.querySelector('.dvc-root')!;
      const s = getComputedStyle(r);
      out[t] = { size: s.fontSize, family: s.fontFamily, lineHeight: s.lineHeight };
    }
    return out;
  }, TAGS);
}

/** Runs one step of a journey; a failure names the step. */
async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw new Error(`${name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** Types into an input inside a widget's shadow root, as an `input` event (what Lit listens to). */
async function fill(page: Page, tag: string, selector: string, value: string): Promise<void> {
  await page.waitForSelector(`${tag} >>> ${selector}`, { timeout: 60_000 });
  await page.evaluate(
    (t: string, sel: string, v: string) => {
      const input = document.querySelector(t)!.shadowRoot!.querySelector(sel) as HTMLInputElement;
      input.value = v;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    },
    tag,
    selector,
    value,
  );
}

/** Shadow-piercing query of one element inside a widget (puppeteer's `>>>` combinator). */
async function click(page: Page, selector: string, timeout = 60_000): Promise<void> {
  const handle = await page.waitForSelector(selector, { timeout, visible: true });
  await handle!.click();
}

describe('demos (npm start server, Chromium)', { timeout: 600_000 }, () => {
  let server: { url: string; close(): Promise<void> | void };
  let browser: Browser;
  let seedNow: Date | undefined;

  before(async () => {
    if (!existsSync(join(root, 'dist/cdn', `v${version}`, 'manifest.json'))) {
      const built = spawnSync(join(root, 'node_modules/.bin/rollup'), ['-c', 'rollup.config.mjs'], { cwd: root, stdio: 'inherit' });
      assert.equal(built.status, 0, 'the production build succeeds');
    }
    process.env.LOG_LEVEL ??= 'warn';
    server = await startServer({
      port: 0,
      dataDir: null,
      staticDir: root,
      now: () => {
        const d = testNow();
        seedNow ??= d;
        return d;
      },
      // One client (this test) plays every visitor: keep the per-client limits out of the way.
      config: { rateLimit: { windowMs: 60_000, lookups: 1000, codeLookups: 1000, writes: 1000 } },
    });
    browser = await puppeteer.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('serves strict-csp.html with the strict Content-Security-Policy header, and other demos without it', async () => {
    const strict = await fetch(`${server.url}/demos/strict-csp.html`);
    assert.equal(strict.status, 200);
    assert.equal(strict.headers.get('content-security-policy'), STRICT_CSP);
    assert.match(STRICT_CSP, /require-trusted-types-for 'script'/);
    const modern = await fetch(`${server.url}/demos/index.html`);
    assert.equal(modern.headers.get('content-security-policy'), null);
  });

  it('has no inline script in any demo (so each works under a CSP)', () => {
    for (const file of ['index.html', 'legacy-portal.html', 'strict-csp.html', 'embed-generator.html']) {
      const html = readFileSync(join(root, 'demos', file), 'utf8');
      for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
        assert.match(m[1]!, /\bsrc=/, `${file}: a script without src`);
        assert.equal(m[2]!.trim(), '', `${file}: inline script content`);
      }
      assert.doesNotMatch(html, /\son[a-z]+=/i, `${file}: inline event handler`);
      assert.doesNotMatch(html, /<style\b|\sstyle=/i, `${file}: inline style`);
    }
  });

  const fonts: Record<string, Awaited<ReturnType<typeof rootFonts>>> = {};

  for (const demo of ['index.html', 'legacy-portal.html', 'strict-csp.html']) {
    it(`${demo}: all four widgets load, render with data and work together, with no CSP violation or console error`, async () => {
      const { page, log } = await open(browser, `${server.url}/demos/${demo}`);
      try {
        await step('widgets render', () => widgetsRendered(page));
        // Only what the page uses was imported, once: four widgets, one shared chunk.
        const scripts = await page.evaluate(() =>
          performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.js')),
        );
        assert.equal(scripts.filter((s) => /\/chunks\/shared-/.test(s)).length, 1, 'shared chunk fetched once');
        // A Vietnamese page never downloads the English string tables.
        assert.deepEqual(scripts.filter((s) => /\/chunks\/(core|procedure-lookup|dossier-tracker|satisfaction-survey|appointment-booking)-en-/.test(s)), [], 'no English chunk on a Vietnamese page');
        const preloads = await page.$$eval('link[rel=modulepreload]', (links) =>
          links.map((l) => ({ href: (l as HTMLLinkElement).href, integrity: (l as HTMLLinkElement).integrity })),
        );
        assert.ok(preloads.some((p) => /\/chunks\/shared-/.test(p.href)), 'the shared chunk is preloaded');
        for (const p of preloads) assert.match(p.integrity, /^sha384-[A-Za-z0-9+/]{64}$/);

        // Lookup renders the catalog (data from the server), then a procedure → the booking widget takes it.
        await step('search the catalog', () => fill(page, 'dvc-procedure-lookup', '#q', 'dang ky'));
        // The search engine came on demand, preloaded with its integrity by the loader's import hook.
        const search = await page.$$eval('link[rel=modulepreload]', (links) =>
          links.filter((l) => /\/chunks\/search-/.test((l as HTMLLinkElement).href)).map((l) => (l as HTMLLinkElement).integrity),
        );
        assert.equal(search.length, 1, 'the search chunk is preloaded once');
        assert.match(search[0]!, /^sha384-[A-Za-z0-9+/]{64}$/);
        await step('open a result', () => click(page, 'dvc-procedure-lookup >>> [part~="result"]'));
        // The booking button (the print button is the other `button` there).
        await step('request a booking', () => click(page, 'dvc-procedure-lookup >>> .actions button[part~="button"]:not(.print-hide)'));
        await step('the booking widget takes the procedure', () => page.waitForFunction(
          () => {
            const booking = document.querySelector('dvc-appointment-booking') as unknown as { chosen?: { code: string } };
            return Boolean(booking.chosen?.code);
          },
          { timeout: 60_000 },
        ));

        // Tracker finds a returned, unrated dossier → its "rate" button → the survey takes it.
        const code = buildSeed(seedNow!).wellKnown.returnedUnrated;
        await step('type a dossier code', () => fill(page, 'dvc-dossier-tracker', 'input#code', code));
        await step('look it up', () => click(page, 'dvc-dossier-tracker >>> button[part~="submit"]'));
        await step('ask to rate it', () => click(page, 'dvc-dossier-tracker >>> [part~="rate-button"]'));
        await step('the survey takes the dossier', () => page.waitForFunction(
          (c: string) => {
            // Internal state read for the assertion only: the code taken and the server's eligibility answer.
            const survey = document.querySelector('dvc-satisfaction-survey') as unknown as {
              codeInput?: string;
              eligibility?: { eligible: boolean } | null;
            };
            return survey.codeInput === c && survey.eligibility?.eligible === true;
          },
          { timeout: 60_000 },
          code,
        ));

        fonts[demo] = await rootFonts(page);
        // Let late work (survey eligibility, slot lookups) finish before judging the logs.
        await new Promise((r) => setTimeout(r, 1500));
        // The lookup and the booking widget search the same office's catalog: one download, one
        // search index for the page (core's shared catalog marks each build).
        const catalog = await page.evaluate(() => ({
          builds: performance.getEntriesByName('dvc:catalog-build', 'mark').length,
          requests: performance.getEntriesByType('resource').filter((e) => e.name.includes('/v1/procedure-index')).length,
          bookingHoldsIt: Boolean(
            (document.querySelector('dvc-appointment-booking') as unknown as { catalog?: { status?: string } }).catalog?.status === 'ready',
          ),
        }));
        assert.deepEqual(catalog, { builds: 1, requests: 1, bookingHoldsIt: true }, 'one catalog, one index build');
        assert.deepEqual(log.violations, [], 'no CSP violation');
        assert.deepEqual(log.errors, [], 'no console error');
        if (demo === 'strict-csp.html') {
          // Control: the listener does see a violation when one happens (an image from elsewhere).
          await page.evaluate(() => {
            const img = document.createElement('img');
            img.src = 'http://192.0.2.1/blocked.png';
            img.alt = '';
            document.body.append(img);
          });
          await page.waitForFunction(() => true);
          await new Promise((r) => setTimeout(r, 500));
          assert.equal(log.violations.length, 1, 'the policy is enforced and violations are reported');
        }
      } finally {
        await page.close();
      }
    });
  }

  it('the legacy portal\'s global rules (html 62.5 %, * and body fonts) leave the widgets\' font as on the modern page', () => {
    assert.ok(fonts['index.html'] && fonts['legacy-portal.html'], 'both pages were measured');
    for (const tag of TAGS) {
      assert.equal(fonts['legacy-portal.html']![tag]!.size, fonts['index.html']![tag]!.size, `${tag} font-size`);
      assert.equal(fonts['legacy-portal.html']![tag]!.family, fonts['index.html']![tag]!.family, `${tag} font-family`);
      assert.equal(fonts['legacy-portal.html']![tag]!.lineHeight, fonts['index.html']![tag]!.lineHeight, `${tag} line-height`);
      // `medium`: the reader's default size, not the legacy page's 11px or 62.5 %.
      assert.equal(fonts['legacy-portal.html']![tag]!.size, '16px');
    }
  });

  it('a widget added later inside lang="en" gets its English strings, preloaded by the loader with their integrity', async () => {
    const { page, log } = await open(browser, `${server.url}/demos/index.html`);
    try {
      await widgetsRendered(page);
      await page.evaluate(() => {
        const box = document.createElement('div');
        box.lang = 'en';
        box.id = 'english-box';
        box.append(document.createElement('dvc-dossier-tracker'));
        document.body.append(box);
      });
      await page.waitForFunction(
        () => document.querySelector('#english-box dvc-dossier-tracker')?.shadowRoot?.querySelector('.dvc-root')?.textContent?.includes('Check the status of your application'),
        { timeout: 30_000 },
      );
      const english = await page.$$eval('link[rel=modulepreload]', (links) =>
        links
          .map((l) => l as HTMLLinkElement)
          .filter((l) => /\/chunks\/(core|dossier-tracker)-en-/.test(l.href))
          .map((l) => l.integrity),
      );
      assert.equal(english.length, 2, 'core and tracker English chunks preloaded');
      for (const integrity of english) assert.match(integrity, /^sha384-[A-Za-z0-9+/]{64}$/);
      // The page's own tracker (first in the document, Vietnamese page) stays Vietnamese.
      const vi = await page.$eval('dvc-dossier-tracker', (el) => el.shadowRoot!.textContent ?? '');
      assert.match(vi, /Tra cứu/);
      assert.deepEqual(log.errors, []);
      assert.deepEqual(log.violations, []);
    } finally {
      await page.close();
    }
  });

  it('embed-generator.html: the snippet follows the form and carries the loader\'s integrity', async () => {
    const { page, log } = await open(browser, `${server.url}/demos/embed-generator.html`);
    try {
      await page.waitForFunction(() => document.getElementById('snippet')?.textContent?.includes('integrity='), { timeout: 30_000 });
      await page.select('#widget', 'dvc-satisfaction-survey');
      await page.select('#lang', 'en');
      await page.select('#mode', 'button');
      const snippet = await page.$eval('#snippet', (el) => el.textContent ?? '');
      const manifest = JSON.parse(readFileSync(join(root, 'dist/cdn', `v${version}`, 'manifest.json'), 'utf8'));
      assert.ok(snippet.includes(`integrity="${manifest.files['dvc-widgets.js'].integrity}"`), snippet);
      assert.match(snippet, /data-lang="en"/);
      assert.match(snippet, /<dvc-satisfaction-survey theme="light" mode="button"><\/dvc-satisfaction-survey>/);
      await page.waitForFunction(
        () => document.querySelector('#preview dvc-satisfaction-survey')?.shadowRoot?.querySelector('.dvc-root'),
        { timeout: 60_000 },
      );
      assert.equal(await page.$eval('#preview dvc-satisfaction-survey', (el) => el.getAttribute('lang')), 'en');
      assert.deepEqual(log.errors, []);
    } finally {
      await page.close();
    }
  });
});
