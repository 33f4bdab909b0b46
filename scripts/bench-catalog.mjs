#!/usr/bin/env node
// `npm run bench:catalog`: the all-four demo portal (demos/index.html, through the loader, as
// `npm start` serves it) in Chromium with the CPU slowed 4× (Emulation.setCPUThrottlingRate), and
// what the procedure catalog costs while the page loads: how many times the catalog is requested
// and how many search indexes are built (core's `dvc:catalog-build` marks), and the long tasks
// (PerformanceObserver `longtask`, ≥ 50 ms) from navigation until the lookup shows its fields and
// the booking widget its procedure list, plus a short settle. Starts the reference server itself
// (in-memory database, the repository as static folder) and stops it.
//   RUNS=3     loads (median of each figure; default 3)
//   CPU=6      another slow-down factor
//   DEMO=…     another demo page
//   ONLY=dvc-appointment-booking   the same page with only that widget (the others' tags removed
//              from the HTML as it is served), to see what one widget's load costs alone
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const DEMO = process.env.DEMO ?? 'index';
const RUNS = Math.max(1, Number(process.env.RUNS ?? 3));
const CPU = Number(process.env.CPU ?? 4);
const TIMEOUT_MS = Number(process.env.TIMEOUT_MS ?? 120_000);
const SETTLE_MS = 2000;
const ONLY = process.env.ONLY;
const TAGS = ['dvc-procedure-lookup', 'dvc-appointment-booking', 'dvc-dossier-tracker', 'dvc-satisfaction-survey'];
const FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

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

/** In the page, before any script: collect long tasks. */
function instrument() {
  window.__dvcLongTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__dvcLongTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

/** The searching widgets on the page show their catalog: the lookup its fields, the booking its procedures. */
function catalogsShown() {
  const lookup = document.querySelector('dvc-procedure-lookup');
  const booking = document.querySelector('dvc-appointment-booking');
  return (
    Boolean(lookup || booking) &&
    (!lookup || Boolean(lookup.shadowRoot?.querySelector('.browse__list'))) &&
    (!booking || Boolean(booking.shadowRoot?.querySelector('button[data-procedure]')))
  );
}

/** The demo's HTML without the widgets other than ONLY. */
async function onlyOne(page, url) {
  const html = await (await fetch(url)).text();
  const kept = TAGS.filter((t) => t !== ONLY).reduce((h, t) => h.replace(new RegExp(`<${t}\\b[^>]*></${t}>`, 'g'), ''), html);
  await page.setRequestInterception(true);
  page.on('request', (r) => (r.url() === url ? r.respond({ status: 200, contentType: 'text/html', body: kept }) : r.continue()));
}

async function measure() {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  try {
    const cdp = await page.createCDPSession();
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
    await page.evaluateOnNewDocument(instrument);
    let indexRequests = 0;
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.endsWith('/v1/procedure-index')) indexRequests++;
    });
    const url = `${server.url}/demos/${DEMO}.html`;
    if (ONLY) await onlyOne(page, url);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
    await page.waitForFunction(catalogsShown, { timeout: TIMEOUT_MS, polling: 200 });
    const shownAt = await page.evaluate(() => performance.now());
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const { tasks, builds, spans } = await page.evaluate(() => ({
      tasks: window.__dvcLongTasks,
      builds: performance.getEntriesByName('dvc:catalog-build', 'mark').length,
      // Each index build, from its mark to the end of its measure (core/catalog.ts).
      spans: performance
        .getEntriesByName('dvc:catalog-build:duration', 'measure')
        .map((m) => ({ start: m.startTime, end: m.startTime + m.duration })),
    }));
    const longest = tasks.reduce((m, t) => Math.max(m, t.duration), 0);
    const total = tasks.reduce((n, t) => n + t.duration, 0);
    // The longest task that overlaps an index build (before the change the build was not marked).
    const inBuild = tasks
      .filter((t) => spans.some((s) => t.start < s.end && t.start + t.duration > s.start))
      .reduce((m, t) => Math.max(m, t.duration), 0);
    return { indexRequests, builds, longest, total, count: tasks.length, shownAt, inBuild, buildMs: spans.reduce((n, s) => n + s.end - s.start, 0) };
  } finally {
    await context.close();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  console.log(`demos/${DEMO}.html${ONLY ? ` with only <${ONLY}>` : ''} · CPU ÷${CPU} · no network throttle · ${RUNS} load(s), median\n`);
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await measure();
    runs.push(r);
    console.log(
      `  load ${i + 1}: ${r.indexRequests} catalog request(s), ${r.builds} index build(s) marked, longest task ${r.longest.toFixed(0)} ms, ` +
        `${r.count} long tasks (${r.total.toFixed(0)} ms), catalog(s) shown at ${(r.shownAt / 1000).toFixed(2)} s`,
    );
  }
  console.log('');
  console.log(`catalog requests      ${median(runs.map((r) => r.indexRequests))}`);
  console.log(`index builds (marks)  ${median(runs.map((r) => r.builds))}`);
  console.log(`longest task          ${median(runs.map((r) => r.longest)).toFixed(0)} ms`);
  if (runs.some((r) => r.builds)) {
    console.log(`index build           ${median(runs.map((r) => r.buildMs)).toFixed(0)} ms from mark to engine, longest task within it ${median(runs.map((r) => r.inBuild)).toFixed(0)} ms`);
  }
  console.log(`long tasks, total     ${median(runs.map((r) => r.total)).toFixed(0)} ms in ${median(runs.map((r) => r.count))} tasks`);
  console.log(`catalog(s) shown      ${(median(runs.map((r) => r.shownAt)) / 1000).toFixed(2)} s after navigation`);
} finally {
  await browser.close();
  await server.close();
}
