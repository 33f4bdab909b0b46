#!/usr/bin/env node
// `npm start`: builds the widgets (if the repository has a build script), then runs the
// reference server with the repository root as its static folder, so the demos, the built
// widgets and the package sources are served next to the API on one origin.
//   SKIP_BUILD=1 npm start     skip the build
//   PORT, HOST, DATABASE_URL, DATA_DIR, … see packages/server/README.md
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

if (pkg.scripts?.build && !process.env.SKIP_BUILD) {
  console.log('Building the widgets (npm run build)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(
      '\n⚠ The widget build failed (see above). Serving anyway: the API and any existing dist/ files work,\n' +
        '  but demos that load dist/ may be missing widgets. Fix the build and restart.\n',
    );
  }
}

// The server is TypeScript: load it through tsx's ESM hooks in this same process.
const { register } = await import('tsx/esm/api');
register();
const { startFromEnv } = await import('../packages/server/src/cli.ts');

try {
  const { server } = await startFromEnv(
    { LOG_LEVEL: 'warn', ...process.env, STATIC_DIR: process.env.STATIC_DIR || root },
  );
  const base = server.url;
  console.log(`
dvc-widgets is running (${server.database})
  Demos:          ${base}/demos/index.html
  API reference:  ${base}/v1/docs
  OpenAPI:        ${base}/v1/openapi.json
Press Ctrl+C to stop.`);
} catch (error) {
  console.error(`Could not start the server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
