#!/usr/bin/env node
// `npm run build:server` (also part of `npm run build`): the reference server as plain
// JavaScript in packages/server/dist/ — `main.js` (what an operator runs: `node
// packages/server/dist/main.js`) and `index.js` (the library entry, used by `npm start`).
//
// Why a build: from sources, tsx compiles ~60 TypeScript modules on every start (seconds on a
// small machine, and an esbuild process beside the server for its whole life). The bundle holds
// this repository's code (server, contract, vn) only; dependencies stay in node_modules and are
// imported from there (PGlite finds its WebAssembly next to its own module). Tests keep
// running the sources; `npm run test:cluster` and `bench:server` run this build.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('..', import.meta.url));

const started = performance.now();
const result = await build({
  absWorkingDir: here,
  entryPoints: { main: 'src/main.ts', index: 'src/index.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
  // The data files are read at run time from packages/server/data, relative to the module:
  // src/domain/data.ts sits two folders below the package, the bundle one.
  define: { __SERVER_DATA_URL__: JSON.stringify('../data/') },
  plugins: [
    {
      name: 'dependencies-stay-external',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => {
          if (args.path.startsWith('@dvc-widgets/') || args.path.startsWith('node:')) return undefined;
          return { path: args.path, external: true };
        });
      },
    },
  ],
});
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(`packages/server/dist: ${Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js')).length} files, ${(bytes / 1024).toFixed(0)} KB in ${Math.round(performance.now() - started)} ms`);
