#!/usr/bin/env node
// `npm run size`: what a portal downloads, brotli-compressed (node's zlib, quality 11, each file
// on its own as a server sends it), checked against the budget CI enforces. Reads the CDN build's
// manifest (dist/cdn/v<version>/manifest.json: each widget's entry and the chunks it imports
// statically); runs the production build first when it is missing.
//
//   loader          dvc-widgets.js
//   first <widget>  loader + the widget's files (shared runtime with Vietnamese strings, its chunks)
//   + <widget>      what the widget adds once another widget has loaded the shared chunk
//   all four        loader + every file the four widgets import statically
//   lazy            chunks a widget imports only on demand (not part of any page load above)
//
// Two columns of limits: the targets, and the CI budget (what the build achieves today,
// with a little headroom). Exceeding the budget exits 1; missing a target is reported, not hidden.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const dir = join(root, 'dist', 'cdn', `v${version}`);
const manifestPath = join(dir, 'manifest.json');

/** KB = 1024 bytes, brotli. */
export const TARGETS = { loader: 2, first: 35, further: 8, all: 60 };
// first/all: +1 KB when core gained the announcer, retry-countdown and focus controllers every widget
// shares (their four copies went; the booking loads the shared catalog on demand); +2.5 KB with
// core's fault model (+2.2 KB brotli in the shared runtime: four named states, the cross-origin
// probe, the outbox's undeliverable items, their strings). ~1 KB headroom.
export const BUDGETS = { loader: 2, first: 58.5, further: 16, all: 88.5 };

if (!existsSync(manifestPath)) {
  console.log(`${manifestPath} is missing: running the production build (npm run build)…`);
  const result = spawnSync(join(root, 'node_modules/.bin/rollup'), ['-c', 'rollup.config.mjs'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0 || !existsSync(manifestPath)) {
    console.error('The build failed: no sizes to check.');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const cache = new Map();
const brotli = (file) => {
  if (!cache.has(file)) {
    const buffer = readFileSync(join(dir, file));
    cache.set(file, brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buffer.length } }).length);
  }
  return cache.get(file);
};
const total = (files) => [...new Set(files)].reduce((n, f) => n + brotli(f), 0);

const widgets = Object.entries(manifest.widgets);
const loader = manifest.loader;
// Files every widget imports (the shared runtime): loaded once, by the first widget.
const common = widgets.map(([, files]) => files).reduce((a, b) => a.filter((f) => b.includes(f)));

const rows = [{ name: 'loader', files: [loader], kind: 'loader' }];
for (const [tag, files] of widgets) rows.push({ name: `first: ${tag}`, files: [loader, ...files], kind: 'first' });
for (const [tag, files] of widgets) rows.push({ name: `+ ${tag}`, files: files.filter((f) => !common.includes(f)), kind: 'further' });
rows.push({ name: 'all four', files: [loader, ...widgets.flatMap(([, files]) => files)], kind: 'all' });

const loaded = new Set(rows.flatMap((r) => r.files));
const lazy = Object.keys(manifest.files).filter((f) => f.startsWith('chunks/') && !loaded.has(f));

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
let passed = 0;
let failed = 0;
const misses = [];
console.log(`Brotli sizes of ${dir.slice(root.length)} (quality 11, per file)\n`);
console.log(`${'bundle'.padEnd(34)} ${'brotli'.padStart(9)} ${'target'.padStart(9)} ${'budget'.padStart(9)}  result`);
for (const row of rows) {
  const bytes = total(row.files);
  const target = TARGETS[row.kind] * 1024;
  const budget = BUDGETS[row.kind] * 1024;
  const ok = bytes <= budget;
  if (ok) passed++;
  else failed++;
  if (bytes > target) misses.push(`${row.name}: ${kb(bytes)} against the ${kb(target)} target (+${kb(bytes - target)})`);
  const note = !ok ? 'OVER BUDGET' : bytes > target ? 'within budget, over target' : 'ok';
  console.log(`${row.name.padEnd(34)} ${kb(bytes).padStart(9)} ${kb(target).padStart(9)} ${kb(budget).padStart(9)}  ${note}`);
}
console.log('\nPer file:');
for (const file of [...Object.keys(manifest.files)].sort()) {
  console.log(`  ${file.padEnd(40)} ${kb(brotli(file)).padStart(9)}${lazy.includes(file) ? '  (lazy: imported on demand)' : ''}`);
}
if (misses.length) {
  console.log(`\nIssue targets not met (the CI budget above is what the build achieves):\n  ${misses.join('\n  ')}`);
  const floor = await librariesFloor();
  console.log(
    `\nFloor: the design card's libraries alone (Lit 3 + i18next + zod/mini, the smallest element that renders a\n` +
      `translated string and validates one object), bundled and minified as above: ${kb(floor)} brotli;\n` +
      `with the loader, ${kb(floor + brotli(loader))} of the ${TARGETS.first} KB first-widget target before any dvc-widgets code.`,
  );
}
/**
 * Brotli size of the smallest use of the fixed stack: a LitElement with a style and a property,
 * one i18next instance translating one string, one zod/mini object schema parsed once. Built with
 * the same resolve conditions and terser settings as the production build.
 */
async function librariesFloor() {
  const { rollup } = await import('rollup');
  const { default: nodeResolve } = await import('@rollup/plugin-node-resolve');
  const { default: terser } = await import('@rollup/plugin-terser');
  const { TERSER_OPTIONS } = await import('../rollup.config.mjs');
  const entry = `
    import { LitElement, html, css } from 'lit';
    import i18next from 'i18next';
    import * as z from 'zod/mini';
    const i18n = i18next.createInstance();
    i18n.init({ initAsync: false, resources: { vi: { w: { t: 'Xin chào {{n}}' } } }, lng: 'vi' });
    const S = z.object({ code: z.string().check(z.regex(/^\\d+$/)), n: z.number(), tags: z.array(z.enum(['a', 'b'])), at: z.optional(z.iso.datetime()) });
    class W extends LitElement {
      static properties = { v: {} };
      static styles = css\`:host{display:block}\`;
      render() { return html\`<p>\${i18n.t('w:t', { n: this.v })} \${String(S.safeParse({}).success)}</p>\`; }
    }
    customElements.define('x-floor', W);`;
  const bundle = await rollup({
    input: '\0floor',
    plugins: [
      { name: 'floor-entry', resolveId: (id) => (id === '\0floor' ? id : null), load: (id) => (id === '\0floor' ? entry : null) },
      nodeResolve({ exportConditions: ['browser'], rootDir: root }),
      terser(TERSER_OPTIONS),
    ],
    onwarn() {},
  });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  const code = Buffer.from(output[0].code);
  return brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}

// Sanity: the manifest lists what is on disk.
const onDisk = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.js'));
if (onDisk.length !== Object.keys(manifest.files).length) {
  console.log(`manifest.json lists ${Object.keys(manifest.files).length} files, ${onDisk.length} on disk`);
  failed++;
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
