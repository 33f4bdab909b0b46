#!/usr/bin/env node
// `npm run lighthouse`: Lighthouse (accessibility and best practices) on each demo page, as
// `npm start` serves them (reference server, in-memory database, the CDN build), in Debian's
// Chromium. Prints the scores and the console errors Lighthouse saw; exits 1 when a page scores
// under 100 in accessibility or logs a console error. Builds first when the CDN build is missing.
//   CHROME_PATH   Chromium binary (default /usr/bin/chromium)
//   PAGES         comma-separated demo names (default: all four)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const PAGES = (process.env.PAGES ?? 'index,legacy-portal,strict-csp,embed-generator').split(',').map((p) => p.trim());
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
const { default: lighthouse } = await import('lighthouse');
const chromeLauncher = await import('chrome-launcher');

process.env.LOG_LEVEL ??= 'warn';
const server = await startServer({ port: 0, dataDir: null, staticDir: root });
const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', chromeFlags: FLAGS });
let failed = 0;
let passed = 0;
try {
  console.log(`${'page'.padEnd(22)} ${'accessibility'.padStart(13)} ${'best practices'.padStart(15)}  console errors`);
  for (const name of PAGES) {
    const url = `${server.url}/demos/${name}.html`;
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['accessibility', 'best-practices'],
      formFactor: 'desktop',
      screenEmulation: { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false },
      throttlingMethod: 'provided',
    });
    const lhr = result.lhr;
    const a11y = Math.round((lhr.categories.accessibility.score ?? 0) * 100);
    const bp = Math.round((lhr.categories['best-practices'].score ?? 0) * 100);
    const errors = lhr.audits['errors-in-console']?.details?.items ?? [];
    const ok = a11y === 100 && errors.length === 0;
    if (ok) passed++;
    else failed++;
    console.log(`${name.padEnd(22)} ${String(a11y).padStart(13)} ${String(bp).padStart(15)}  ${errors.length}`);
    for (const e of errors) console.log(`    console: ${e.source ?? ''} ${e.description ?? ''} ${e.url ?? ''}`);
    for (const [id, audit] of Object.entries(lhr.audits)) {
      const inA11y = lhr.categories.accessibility.auditRefs.some((r) => r.id === id && r.weight > 0);
      if (inA11y && audit.score !== null && audit.score < 1) {
        console.log(`    accessibility: ${id} — ${audit.title}`);
        for (const item of audit.details?.items?.slice(0, 5) ?? []) console.log(`      ${item.node?.selector ?? ''} ${item.node?.explanation?.split('\n')[1] ?? ''}`);
      }
    }
    for (const [id, audit] of Object.entries(lhr.audits)) {
      const inBp = lhr.categories['best-practices'].auditRefs.some((r) => r.id === id && r.weight > 0);
      if (inBp && audit.score !== null && audit.score < 1) console.log(`    best practices: ${id} — ${audit.title}`);
    }
  }
} finally {
  chrome.kill();
  await server.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
