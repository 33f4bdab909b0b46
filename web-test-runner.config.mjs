// Browser tests: Debian's Chromium and Firefox ESR (tools that download their own browser fail on
// our machines). `BROWSERS=chromium npm run test:browser` runs one browser for a quick loop.
import { chromeLauncher } from '@web/test-runner-chrome';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createApiServerProxy, demoDossiers } from './test/helpers/api-server.mjs';
import { clockScript, testNow } from './test/helpers/clock.mjs';
import { createFaultServer } from './test/helpers/fault-server.mjs';

const require = createRequire(import.meta.url);
// MSW's service worker must be served from the origin root to control the test pages.
const mswWorker = readFileSync(require.resolve('msw/mockServiceWorker.js'), 'utf8');
const serveMswWorker = (ctx, next) => {
  if (ctx.path === '/mockServiceWorker.js') {
    ctx.type = 'application/javascript';
    ctx.body = mswWorker;
    return undefined;
  }
  return next();
};

const chromiumArgs = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// e2e tests talk to the real reference server, same-origin at /api (see test/helpers/api-server.mjs).
// Every test page reaches it from the same client address, so the per-client rate limits are
// raised here; the limits themselves are tested in packages/server/test.
// A full run (no --files), or one naming e2e tests, needs the server: start it while the browsers
// launch (DVC_API_EAGER=1 forces it).
const filesArgs = process.argv.slice(process.argv.findIndex((a) => a === '--files' || a.startsWith('--files=')));
const fullRun = !process.argv.some((a) => a === '--files' || a.startsWith('--files='));
const apiServer = createApiServerProxy({
  eager: fullRun || filesArgs.some((a) => /e2e|api-server/.test(a)) || process.env.DVC_API_EAGER === '1',
  options: { now: testNow, config: { rateLimit: { windowMs: 60_000, lookups: 1000, codeLookups: 1000, writes: 1000 } } },
  commands: { 'dvc-demo-dossiers': demoDossiers },
});

/**
 * Puppeteer's WebDriver BiDi keyboard (Firefox) knows every key name its CDP keyboard (Chromium)
 * knows except "Space"; tests write `sendKeys({ press: 'Space' })` for both, so it becomes the
 * character " " here (same keydown/keyup, same click on a focused button).
 */
function withBidiKeyNames(page) {
  const keyboard = page.keyboard;
  for (const method of ['press', 'down', 'up']) {
    const original = keyboard[method].bind(keyboard);
    keyboard[method] = (key, options) => original(key === 'Space' ? ' ' : key, options);
  }
  return page;
}

/**
 * The runner reuses one page for test file after test file. When a Firefox test tabs past the
 * last focusable element, keyboard focus moves out of the page into the browser's own UI and stays
 * there for the next files: Enter then activates nothing and focus never lands. Between files, on
 * the blank page, F6 (Firefox's "move focus between toolbar and page") brings it back.
 */
function withFocusOnNavigation(page) {
  const goto = page.goto.bind(page);
  page.goto = async (url, options) => {
    if (url !== 'about:blank') {
      for (let i = 0; i < 3 && !(await page.evaluate(() => document.hasFocus())); i++) {
        await page.keyboard.press('F6');
      }
    }
    return goto(url, options);
  };
  return page;
}

const launchers = {
  chromium: () =>
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: chromiumArgs,
      },
    }),
  // Puppeteer drives Firefox over WebDriver BiDi; no coverage there (V8 coverage is Chromium's).
  firefox: () =>
    puppeteerLauncher({
      launchOptions: {
        browser: 'firefox',
        executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
        headless: true,
      },
      createPage: async ({ context }) => withFocusOnNavigation(withBidiKeyNames(await context.newPage())),
    }),
};

const wanted = (process.env.BROWSERS ?? 'chromium,firefox')
  .split(',')
  .map((name) => name.trim().toLowerCase())
  .filter(Boolean);
for (const name of wanted) {
  if (!(name in launchers)) {
    throw new Error(`BROWSERS: unknown browser "${name}" (known: ${Object.keys(launchers).join(', ')})`);
  }
}

export default {
  rootDir: '.',
  // Node-only tests (node:test) live in packages/server/test and any test/node folder.
  files: [
    'packages/*/test/**/*.test.ts',
    'test/**/*.test.ts',
    '!packages/server/**',
    '!**/test/node/**',
    '!**/node_modules/**',
  ],
  nodeResolve: { exportConditions: ['development', 'browser'] },
  // DVC_TEST_NOW pins the pages' clock to the server's (test/helpers/clock.mjs).
  testRunnerHtml: (testFramework) =>
    `<!doctype html><html><head>${clockScript()}</head><body><script type="module" src="${testFramework}"></script></body></html>`,
  middleware: [serveMswWorker, apiServer.middleware],
  plugins: [
    apiServer.plugin,
    // A second origin that answers like misconfigured servers do (core's fault-model tests).
    createFaultServer().plugin,
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
  ],
  browsers: wanted.map((name) => launchers[name]()),
  // 2 cores shared with the dev server and the reference server: one page at a time per browser.
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 10_000 } },
  // Lit announces dev mode on every page; other Lit warnings stay visible (and test/lit-warnings.test.ts fails on them).
  filterBrowserLogs: ({ args }) => !String(args[0] ?? '').includes('Lit is in dev mode'),
  coverageConfig: {
    include: ['packages/*/src/**/*.ts'],
    exclude: ['**/node_modules/**', 'packages/server/**', '**/test/**', '**/*.test.ts'],
    reportDir: 'coverage',
    reporters: ['lcov', 'text-summary'],
  },
};
