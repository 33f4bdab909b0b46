// Browser builds of the widgets and the embed loader (`npm run build`):
//   dist/       production: DEV_MODE off, Lit's production build, minified
//   dist/dev/   development: DEV_MODE on, Lit's dev build (warnings), readable
// Each widget's define module is an entry (`dist/procedure-lookup.js` registers the element);
// what they share (lit, i18next, zod, idb-keyval, core, contract) goes into one `shared` chunk,
// so a portal with all four widgets downloads it once. Entries not written yet are skipped.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants as zlib } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import nodeResolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

const root = fileURLToPath(new URL('.', import.meta.url));

export const WIDGETS = ['procedure-lookup', 'dossier-tracker', 'satisfaction-survey', 'appointment-booking'];

/** Entry name → source file, for the entries that exist on disk. */
export function findEntries() {
  const candidates = {
    ...Object.fromEntries(WIDGETS.map((w) => [w, `packages/${w}/src/${w}.ts`])),
    loader: 'packages/embed/src/loader.ts',
  };
  return Object.fromEntries(Object.entries(candidates).filter(([, file]) => existsSync(join(root, file))));
}

const SHARED = [
  /\/node_modules\/(lit|lit-html|lit-element|@lit\/[^/]+|@lit-labs\/[^/]+|i18next|zod|idb-keyval)\//,
  /\/packages\/(core|contract)\/src\//,
];
// Only the procedure lookup searches: MiniSearch and core's search module stay in its chunk.
const NOT_SHARED = [/\/node_modules\/minisearch\//, /\/packages\/core\/src\/search\.ts$/];

function manualChunks(id) {
  const path = id.replaceAll('\\', '/');
  if (NOT_SHARED.some((re) => re.test(path))) return undefined;
  return SHARED.some((re) => re.test(path)) ? 'shared' : undefined;
}

/** Removes the previous build's chunks (their names carry hashes, so nothing overwrites them). */
function cleanChunks(dir) {
  return {
    name: 'dvc-clean-chunks',
    buildStart() {
      rmSync(join(dir, 'chunks'), { recursive: true, force: true });
    },
  };
}

/** Prints raw / gzip / brotli sizes of what was written (production only). */
function sizes() {
  return {
    name: 'dvc-sizes',
    writeBundle(options, bundle) {
      const rows = Object.values(bundle)
        .filter((f) => f.type === 'chunk')
        .map((f) => {
          const code = Buffer.from(f.code);
          return {
            file: f.fileName,
            raw: code.length,
            gzip: gzipSync(code, { level: 9 }).length,
            brotli: brotliCompressSync(code, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length,
          };
        })
        .sort((a, b) => a.file.localeCompare(b.file));
      const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(9);
      console.log(`\n${options.dir}: ${'file'.padEnd(40)} ${'raw'.padStart(9)} ${'gzip'.padStart(9)} ${'brotli'.padStart(9)}`);
      for (const r of rows) console.log(`  ${r.file.padEnd(40 + options.dir.length)} ${kb(r.raw)} ${kb(r.gzip)} ${kb(r.brotli)}`);
    },
  };
}

const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8'));

/**
 * @param {{ mode: 'production' | 'development', entries?: Record<string, string>, outDir?: string, quiet?: boolean }} options
 * @returns {import('rollup').RollupOptions}
 */
export function createConfig({ mode, entries = findEntries(), outDir, quiet = false }) {
  const prod = mode === 'production';
  const dir = outDir ?? join(root, prod ? 'dist' : 'dist/dev');
  return {
    input: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, join(root, file)])),
    plugins: [
      cleanChunks(dir),
      // Before esbuild sees the file, so the exact source line is still there to replace.
      replace({
        include: ['**/packages/core/src/dev-mode.ts'],
        delimiters: ['', ''],
        preventAssignment: false,
        values: { 'export const DEV_MODE = true;': `export const DEV_MODE = ${prod ? 'false' : 'true'};` },
      }),
      replace({
        preventAssignment: true,
        values: { 'process.env.NODE_ENV': JSON.stringify(mode) },
      }),
      // Lit ships its dev build (extra checks and warnings) under the `development` condition:
      // production must not ask for it.
      nodeResolve({
        exportConditions: prod ? ['browser'] : ['development', 'browser'],
        extensions: ['.ts', '.mjs', '.js', '.json'],
      }),
      esbuild({
        target: 'es2022',
        // Legacy decorators with `useDefineForClassFields: false`, as the type-checker sees them.
        tsconfig: false,
        tsconfigRaw: { compilerOptions: tsconfig.compilerOptions },
        sourceMap: true,
      }),
      prod &&
        terser({
          ecma: 2022,
          module: true,
          compress: { passes: 2 },
          format: { comments: false },
          // Error classes set `name` explicitly, but keep class names readable in stack traces too.
          keep_classnames: /Error$/,
        }),
      prod && !quiet && sizes(),
    ].filter(Boolean),
    output: {
      dir,
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      manualChunks,
      sourcemap: true,
    },
    preserveEntrySignatures: 'strict',
    onwarn(warning, warn) {
      // Lit's and i18next's `this` at module top level is harmless in ES modules.
      if (warning.code === 'THIS_IS_UNDEFINED') return;
      if (warning.code === 'CIRCULAR_DEPENDENCY' && /node_modules/.test(warning.message)) return;
      // zod's comments that merely mention `@__PURE__`: Rollup drops them, nothing to fix on our side.
      if (warning.code === 'INVALID_ANNOTATION' && /node_modules/.test(warning.id ?? '')) return;
      warn(warning);
    },
  };
}

/** `rollup -c`: both builds of whatever entries exist today. */
export default function config() {
  const entries = findEntries();
  if (Object.keys(entries).length === 0) {
    throw new Error('rollup.config.mjs: no entry exists yet (packages/<widget>/src/<widget>.ts, packages/embed/src/loader.ts)');
  }
  const missing = [...WIDGETS.map((w) => `packages/${w}/src/${w}.ts`), 'packages/embed/src/loader.ts'].filter(
    (f) => !existsSync(join(root, f)),
  );
  if (missing.length) console.warn(`rollup.config.mjs: skipping entries not written yet: ${missing.join(', ')}`);
  return [createConfig({ mode: 'production', entries }), createConfig({ mode: 'development', entries })];
}
