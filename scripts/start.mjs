#!/usr/bin/env node
// `npm start`: builds the widgets and the server (if the repository has a build script), then runs the
// reference server with the repository root as its static folder, so the demos, the built
// widgets and the package sources are served next to the API on one origin.
//   SKIP_BUILD=1 npm start     skip the build
//   PORT, HOST, DATABASE_URL, DATA_DIR, … see packages/server/README.md
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

let built = false;
if (pkg.scripts?.build && !process.env.SKIP_BUILD) {
  console.log('Building the widgets and the server (npm run build)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
  built = result.status === 0;
  if (!built) {
    console.error(
      '\n⚠ The build failed (see above). Serving anyway: the API and any existing dist/ files work,\n' +
        '  but demos that load dist/ may be missing widgets. Fix the build and restart.\n',
    );
  }
}

// The server's build when it was just made (plain node, no compiling at start); otherwise its
// TypeScript sources through tsx's ESM hooks in this same process (SKIP_BUILD=1 after editing).
const bundle = join(root, 'packages/server/dist/index.js');
let startFromEnv;
if (built && existsSync(bundle)) {
  ({ startFromEnv } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ startFromEnv } = await import('../packages/server/src/cli.ts'));
}

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
