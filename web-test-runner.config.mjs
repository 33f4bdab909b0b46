// Browser tests: Debian's Chromium (tools that download their own browser fail on our machines).
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

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

export default {
  rootDir: '.',
  files: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts', '!**/test/node/**', '!node_modules/**'],
  nodeResolve: { exportConditions: ['development', 'browser'] },
  middleware: [serveMswWorker],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', headless: true, args: chromiumArgs },
    }),
  ],
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
};
