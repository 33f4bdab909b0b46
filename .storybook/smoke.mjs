#!/usr/bin/env node
// Smoke test of a built Storybook (`npm run build:storybook` first): every story is opened in
// Chromium, in both languages and colour schemes, and must render its dvc-* element with content,
// under the MSW service worker, with no uncaught error and no console error. (Error responses are
// fine: many stories show the widget's error states on purpose.) CI runs it after the build.
//   node .storybook/smoke.mjs [storybook-static]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';

const dir = resolve(process.argv[2] ?? 'storybook-static');
if (!existsSync(join(dir, 'index.json'))) {
  console.error(`${dir}/index.json not found: run \`npm run build:storybook\` first.`);
  process.exit(1);
}
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.png': 'image/png', '.ico': 'image/x-icon',
};
const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
  try {
    const body = await readFile(join(dir, path === '/' ? 'index.html' : path));
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8'));
const stories = Object.values(index.entries).filter((e) => e.type === 'story');
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

let passed = 0;
let failed = 0;
try {
  const page = await browser.newPage();
  let problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // The browser logs every 4xx/5xx answer as an error; the error-state stories ask for those.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
      problems.push(`console.error: ${m.text().slice(0, 300)}`);
    }
  });
  for (const story of stories) {
    for (const globals of ['locale:vi;theme:light', 'locale:en;theme:dark']) {
      problems = [];
      const url = `${base}/iframe.html?id=${story.id}&viewMode=story&globals=${globals}`;
      let info;
      try {
        await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
        // A story is done when Storybook says so and its element has rendered something.
        await page.waitForFunction(
          () => {
            const el = [...document.querySelectorAll('#storybook-root *')].find((e) => e.localName.startsWith('dvc-'));
            return el?.shadowRoot && el.shadowRoot.textContent.trim().length > 0;
          },
          { timeout: 30_000 },
        );
        info = await page.evaluate(() => {
          const el = [...document.querySelectorAll('#storybook-root *')].find((e) => e.localName.startsWith('dvc-'));
          const wrapper = document.querySelector('#storybook-root .dvc-story');
          return {
            tag: el.localName,
            wrapped: !!wrapper,
            lang: wrapper?.getAttribute('lang'),
            theme: wrapper?.classList.contains('dvc-story--dark') ? 'dark' : 'light',
            elementTheme: el.hasAttribute('data-story-theme') ? null : el.getAttribute('theme'),
            mocked: !!navigator.serviceWorker.controller,
          };
        });
      } catch (error) {
        problems.push(String(error instanceof Error ? error.message : error));
      }
      // The decorator wrapped the story and handed its theme to the element. (Which language and
      // theme win is Storybook's business: a story's own `globals` override the toolbar.)
      if (info && (!info.wrapped || !['vi', 'en'].includes(info.lang ?? ''))) problems.push('story not wrapped by the locale/theme decorator');
      if (info && info.elementTheme !== null && info.elementTheme !== info.theme) {
        problems.push(`element theme "${info.elementTheme}" differs from the toolbar's "${info.theme}"`);
      }
      if (info && !info.mocked) problems.push('MSW service worker does not control the page');
      if (problems.length) {
        failed += 1;
        console.log(`FAIL ${story.id} [${globals}]\n  ${problems.join('\n  ')}`);
      } else {
        passed += 1;
        console.log(`ok   ${story.id} [${globals}] <${info.tag}>`);
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}
if (stories.length === 0) console.log('no stories found');
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed || stories.length === 0 ? 1 : 0;
