#!/usr/bin/env node
// `npm run bench:load`: the demo portal (demos/index.html, all four widgets through the loader)
// in Chromium on a slow phone-class link: 400 kbit/s both ways, 400 ms round trip
// (CDP Network.emulateNetworkConditions), CPU slowed 4× (Emulation.setCPUThrottlingRate).
// Loads it uncached (cache disabled) and cached (a warm-up load, then a measured one), and reports
// per widget the time until it is interactive — defined, and its first render showing its data —
// next to the floor the bytes and round trips imply. Starts the reference server itself
// (in-memory database, the repository as static folder, as `npm start`) and stops it.
//   DEMO=legacy-portal npm run bench:load   another demo page
//   RUNS=3                                  loads per mode (median reported; default 1)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const DEMO = process.env.DEMO ?? 'index';
const RUNS = Math.max(1, Number(process.env.RUNS ?? 1));
const RTT_MS = 400;
const KBIT = 400;
const BYTES_PER_MS = (KBIT * 1000) / 8 / 1000; // 50 bytes per ms
const CPU = 4;
const TIMEOUT_MS = Number(process.env.TIMEOUT_MS ?? 120_000);
const FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/**
 * When a widget counts as interactive: defined, and this element in its shadow root, which it
 * renders only once its data has arrived (the tracker needs none before the reader types a code).
 */
const READY = {
  'dvc-procedure-lookup': { selector: '.browse__list, [part~="result"]', data: 'procedure index' },
  'dvc-appointment-booking': { selector: 'section[part~="panel"]', data: 'agency' },
  'dvc-dossier-tracker': { selector: 'form[part~="form"]', data: 'none' },
  'dvc-satisfaction-survey': { selector: '#step-heading', data: 'survey definition' },
};

if (!existsSync(join(root, 'dist/cdn', `v${version}`, 'manifest.json'))) {
  const built = spawnSync(join(root, 'node_modules/.bin/rollup'), ['-c', 'rollup.config.mjs'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(1);
}

const { register } = await import('tsx/esm/api');
register();
const { startServer } = await import('../packages/server/src/index.ts');
process.env.LOG_LEVEL ??= 'warn';
const server = await startServer({ port: 0, dataDir: null, staticDir: root });
const browser = await puppeteer.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: FLAGS });

/** In the page, before any script: record when each widget first shows its ready element. */
function instrument(ready) {
  const marks = {};
  window.__dvcReady = marks;
  const check = () => {
    for (const [tag, { selector }] of Object.entries(ready)) {
      if (marks[tag]) continue;
      const el = document.querySelector(tag);
      if (el && customElements.get(tag) && el.shadowRoot?.querySelector(selector)) marks[tag] = performance.now();
    }
    if (Object.keys(marks).length < Object.keys(ready).length) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

async function load(page, url) {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
  await page
    .waitForFunction((n) => Object.keys(window.__dvcReady ?? {}).length === n, { timeout: TIMEOUT_MS, polling: 500 }, Object.keys(READY).length)
    .catch(() => {}); // reported below as "not ready"
  return page.evaluate(() => ({
    ready: window.__dvcReady,
    resources: performance.getEntriesByType('resource').map((e) => ({
      name: e.name,
      transfer: e.transferSize,
      body: e.encodedBodySize,
      end: e.responseEnd,
    })),
    document: performance.getEntriesByType('navigation')[0]?.transferSize ?? 0,
  }));
}

/** One measured load; `cached`: a warm-up load first, with the browser cache on. */
async function measure(cached) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  try {
    const cdp = await page.createCDPSession();
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: !cached });
    if (!process.env.NO_THROTTLE) await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: RTT_MS,
      downloadThroughput: BYTES_PER_MS * 1000,
      uploadThroughput: BYTES_PER_MS * 1000,
    });
    if (!process.env.NO_THROTTLE) await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
    await page.evaluateOnNewDocument(instrument, READY);
    const url = `${server.url}/demos/${DEMO}.html`;
    if (cached) await load(page, url);
    return await load(page, url);
  } finally {
    await context.close();
  }
}

/**
 * The floor for a widget: round trips on its critical path × RTT, plus every byte the page had
 * received by then at the link's rate. Path: the HTML, the loader (and for the classic tag, the
 * IIFE first), the widget with its preloaded chunks (one round, in parallel), then its data —
 * each step counted only when it went over the network.
 */
function floor(result, tag) {
  const t = result.ready[tag];
  const bytes = result.document + result.resources.filter((r) => r.end <= t).reduce((n, r) => n + r.transfer, 0);
  // A file served from the cache costs no round trip; API answers always go to the server.
  const fetched = (re) => result.resources.some((r) => re.test(r.name) && r.transfer > 0);
  const trips =
    (result.document > 0 ? 1 : 0) +
    (fetched(/dvc-widgets\.classic\.js$/) ? 1 : 0) +
    (fetched(/dvc-widgets\.js$/) ? 1 : 0) +
    (fetched(/\/dist\/cdn\/[^/]+\/(chunks\/|(?!dvc-widgets)[a-z-]+\.js$)/) ? 1 : 0) +
    (READY[tag].data === 'none' ? 0 : 1);
  return { ms: trips * RTT_MS + bytes / BYTES_PER_MS, trips, bytes };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;

try {
  console.log(`demos/${DEMO}.html · ${KBIT} kbit/s, ${RTT_MS} ms RTT, CPU ÷${CPU} · ${RUNS} run(s) per mode (median)\n`);
  for (const cached of [false, true]) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await measure(cached));
    const last = runs.at(-1);
    const staticBytes = last.document + last.resources.filter((r) => !r.name.includes('/v1/')).reduce((n, r) => n + r.transfer, 0);
    const apiBytes = last.resources.filter((r) => r.name.includes('/v1/')).reduce((n, r) => n + r.transfer, 0);
    console.log(`${cached ? 'Cached (second visit)' : 'Uncached (first visit)'}: ${(staticBytes / 1024).toFixed(1)} KB of page and scripts, ${(apiBytes / 1024).toFixed(1)} KB of API answers over the wire`);
    console.log(`  ${'widget'.padEnd(26)} ${'interactive'.padStart(11)} ${'floor'.padStart(9)}  (round trips + bytes by then)  data`);
    for (const tag of Object.keys(READY)) {
      if (runs.some((r) => r.ready[tag] === undefined)) {
        console.log(`  ${tag.padEnd(26)} not interactive within ${TIMEOUT_MS / 1000} s`);
        continue;
      }
      const t = median(runs.map((r) => r.ready[tag]));
      const f = floor(last, tag);
      console.log(
        `  ${tag.padEnd(26)} ${fmt(t).padStart(11)} ${fmt(f.ms).padStart(9)}  (${f.trips} × ${RTT_MS} ms + ${(f.bytes / 1024).toFixed(1)} KB)${' '.repeat(Math.max(1, 10 - (f.bytes / 1024).toFixed(1).length))}${READY[tag].data}`,
      );
    }
    if (process.env.VERBOSE) for (const r of last.resources) console.log(`    ${(r.transfer / 1024).toFixed(1).padStart(7)} KB  ${fmt(r.end)}  ${r.name.replace(server.url, '')}`);
    console.log('');
  }
} finally {
  await browser.close();
  await server.close();
}
