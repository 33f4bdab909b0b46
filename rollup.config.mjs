// Browser builds of the widgets and the embed loader (`npm run build`):
//   dist/       production: DEV_MODE off, Lit's production build, minified
//   dist/dev/   development: DEV_MODE on, Lit's dev build (warnings), readable
// Each widget's define module is an entry (`dist/procedure-lookup.js` registers the element);
// what they share (lit, i18next, zod, idb-keyval, core, contract) goes into one `shared` chunk,
// so a portal with all four widgets downloads it once. Entries not written yet are skipped.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import MagicString from 'magic-string';
import { transformSync } from 'esbuild';
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
  /\/packages\/(core|contract|vn)\/src\//,
];
// Only the procedure lookup and the booking search: MiniSearch and core's search module stay in
// their own chunk. Only the survey queues ratings: the outbox gets its own chunk, so the other
// three widgets do not download it.
const NOT_SHARED = [/\/node_modules\/minisearch\//, /\/packages\/(core|vn)\/src\/search\.ts$/];
// The shared procedure catalog: only the lookup (statically) and the booking (on demand, once the
// office is known) use it.
const OWN_CHUNK = { outbox: /\/packages\/core\/src\/outbox\.ts$/, catalog: /\/packages\/core\/src\/catalog\.ts$/ };

function manualChunks(id) {
  const path = id.replaceAll('\\', '/');
  // English tables are imported on demand (registerLocale's loaders), one small chunk each.
  const english = /\/packages\/([^/]+)\/src\/locales\/en\.ts$/.exec(path);
  if (english) return `${english[1]}-en`;
  if (NOT_SHARED.some((re) => re.test(path))) return undefined;
  for (const [name, re] of Object.entries(OWN_CHUNK)) if (re.test(path)) return name;
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

/** Fixed-length stand-in for a sha384 integrity (same length, so the source map stays valid). */
const sriPlaceholder = (i) => `sha384-${`@dvc-sri-${i}@`.padEnd(64, '_')}`;
const SRI_PLACEHOLDER = /sha384-@dvc-sri-(\d+)@_*/g;
const sri = (buffer) => `sha384-${createHash('sha384').update(buffer).digest('base64')}`;

/** Every chunk `fileName` statically imports, itself first (`chunks` as rollup passes them). */
function staticClosure(fileName, chunks) {
  const seen = [];
  const visit = (name) => {
    if (seen.includes(name)) return;
    seen.push(name);
    for (const dep of chunks[name]?.imports ?? []) visit(dep);
  };
  visit(fileName);
  return seen;
}

/**
 * The embed loader (packages/embed/src/loader.ts) learns, per widget tag, which files to
 * `<link rel="modulepreload">` and their integrity: the widget's entry and its static imports
 * (the shared chunk). File names carry rollup's hash placeholders (rollup fills them in); the
 * integrity hashes can only be known once every file is written, so `writeBundle` fills those in.
 * The production build then also writes the CDN folder (see `writeCdn`).
 */
function loaderPreloads({ cdn }) {
  return {
    name: 'dvc-loader-preloads',
    // The loader reads `import.meta.dvcPreload` (undefined in unbuilt sources); rollup cannot
    // fold it away while tree-shaking, and renderChunk below swaps the marker for the map.
    resolveImportMeta(property) {
      return property === 'dvcPreload' ? '"__DVC_PRELOAD__"' : null;
    },
    // Production: a widget's `import('./chunks/x.js')` goes through the loader's integrity-checked
    // import when the loader is on the page (it preloads the file with its sha384 first, so the
    // browser refuses altered bytes), and stays a plain import() without it.
    renderDynamicImport({ chunk, targetChunk }) {
      if (!cdn || !targetChunk || chunk.name === 'loader') return null;
      return {
        left: '(globalThis[Symbol.for("dvc-widgets.import")]??(u=>import(u)))(new URL(',
        right: ',import.meta.url).href)',
      };
    },
    renderChunk(code, chunk, _options, meta) {
      if (!chunk.isEntry || chunk.name !== 'loader') return null;
      const at = code.search(/(["'])__DVC_PRELOAD__\1/);
      if (at < 0) return null;
      const files = [];
      const map = {};
      for (const widget of WIDGETS) {
        const entry = Object.values(meta.chunks).find((c) => c.isEntry && c.name === widget);
        if (!entry) continue;
        map[`dvc-${widget}`] = staticClosure(entry.fileName, meta.chunks).map((file) => {
          if (!files.includes(file)) files.push(file);
          return [file, sriPlaceholder(files.indexOf(file))];
        });
        // The English tables (imported on demand), preloaded only where the page is English.
        const english = Object.values(meta.chunks)
          .filter((c) => c.name === `${widget}-en` || c.name === 'core-en')
          .map((c) => c.fileName);
        map[`dvc-${widget}:en`] = english.map((file) => {
          if (!files.includes(file)) files.push(file);
          return [file, sriPlaceholder(files.indexOf(file))];
        });
      }
      // Every other chunk a widget imports on demand (the search engine, the QR encoder): not
      // preloaded, but listed so the loader can check its integrity when it is imported.
      map['*'] = Object.values(meta.chunks)
        .filter((c) => !c.isEntry && !files.includes(c.fileName))
        .map((c) => {
          files.push(c.fileName);
          return [c.fileName, sriPlaceholder(files.indexOf(c.fileName))];
        });
      const s = new MagicString(code);
      s.overwrite(at, at + '"__DVC_PRELOAD__"'.length, JSON.stringify(map));
      return { code: s.toString(), map: s.generateMap({ hires: true }) };
    },
    async writeBundle(options, bundle) {
      const loader = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'loader');
      if (loader) {
        const loaderPath = join(options.dir, loader.fileName);
        const code = readFileSync(loaderPath, 'utf8');
        // Preloaded files are listed by their final names in the loader's code.
        const names = [...code.matchAll(/\["([^"]+\.js)","sha384-@dvc-sri-(\d+)@_*"\]/g)];
        const byIndex = new Map(names.map((m) => [m[2], m[1]]));
        const patched = code.replace(SRI_PLACEHOLDER, (whole, i) => {
          const integrity = sri(readFileSync(join(options.dir, byIndex.get(i))));
          if (integrity.length !== whole.length) throw new Error('integrity placeholder length mismatch');
          return integrity;
        });
        writeFileSync(loaderPath, patched);
      }
      if (cdn) await writeCdn(options.dir, bundle);
    },
  };
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
export const CDN_VERSION = `v${pkg.version}`;

/**
 * `dist/cdn/v<version>/`: what a CDN serves under an immutable, versioned path. The loader as
 * `dvc-widgets.js`, the widget entries, the content-hashed chunks, `dvc-widgets.classic.js`
 * (an IIFE for portals that cannot paste a module tag) and `manifest.json` with the sha384
 * Subresource Integrity of every file. The embed README's snippet is regenerated from it.
 */
async function writeCdn(dir, bundle) {
  const out = join(dir, 'cdn', CDN_VERSION);
  rmSync(out, { recursive: true, force: true });
  const files = {};
  const add = (name, buffer) => {
    mkdirSync(dirname(join(out, name)), { recursive: true });
    writeFileSync(join(out, name), buffer);
    if (name.endsWith('.js')) files[name] = { integrity: sri(buffer), bytes: buffer.length };
  };
  const widgets = {};
  for (const file of Object.values(bundle)) {
    const isLoader = file.type === 'chunk' && file.isEntry && file.name === 'loader';
    const name = isLoader ? 'dvc-widgets.js' : file.fileName.replace(/^loader\.js\.map$/, 'dvc-widgets.js.map');
    let buffer = readFileSync(join(dir, file.fileName));
    if (isLoader) buffer = Buffer.from(buffer.toString('utf8').replace('sourceMappingURL=loader.js.map', 'sourceMappingURL=dvc-widgets.js.map'));
    add(name, buffer);
    if (file.type === 'chunk' && file.isEntry && WIDGETS.includes(file.name)) {
      widgets[`dvc-${file.name}`] = staticClosure(file.fileName, bundle);
    }
  }
  const loaderFile = files['dvc-widgets.js'];
  if (loaderFile) {
    const source = readFileSync(join(root, 'packages/embed/src/classic.ts'), 'utf8').replace(
      '__DVC_LOADER_INTEGRITY__',
      loaderFile.integrity,
    );
    const { code } = transformSync(source, { loader: 'ts', format: 'iife', minify: true, target: 'es2017' });
    add('dvc-widgets.classic.js', Buffer.from(code));
  }
  const manifest = { name: 'dvc-widgets', version: pkg.version, loader: 'dvc-widgets.js', classic: 'dvc-widgets.classic.js', widgets, files };
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  if (dir === join(root, 'dist')) {
    const { writeSnippet } = await import('./packages/embed/scripts/snippet.mjs');
    writeSnippet();
    // Editor support next to the manifest it is derived from (when `npm run manifest` has run).
    const { writeCustomData } = await import('./packages/embed/scripts/vscode-data.mjs');
    writeCustomData();
  }
}

/**
 * Production only: collapses comments and indentation inside the widgets' `css\`…\`` templates
 * (Lit ships them verbatim; terser never touches template text). Only whitespace runs and
 * comments go, and spaces next to `{ } ; ,` — never around `:`, where `a :hover` and `a:hover`
 * differ.
 */
function minifyCssTemplates() {
  const files = /\/packages\/[^/]+\/src\/([^/]+\.styles|theme)\.ts$/;
  return {
    name: 'dvc-minify-css-templates',
    transform(code, id) {
      if (!files.test(id.replaceAll('\\', '/'))) return null;
      const s = new MagicString(code);
      for (const m of code.matchAll(/\bcss`([^`]*)`/g)) {
        const body = m[1];
        // Interpolations are left alone: what they insert is not ours to re-space.
        if (body.includes('${')) continue;
        const small = body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,])\s*/g, '$1')
          .trim();
        if (small !== body) s.overwrite(m.index + 4, m.index + 4 + body.length, small);
      }
      return s.hasChanged() ? { code: s.toString(), map: s.generateMap({ hires: true }) } : null;
    },
  };
}

/** Production minification (also used by scripts/size.mjs for its floor measurement). */
export const TERSER_OPTIONS = {
  ecma: 2022,
  module: true,
  compress: {
    passes: 2,
    // i18next's debug-only logging: with `debug` off (we never turn it on) these calls return at
    // once, so dropping them and their message strings changes nothing.
    pure_funcs: ['this.logger.warn', 'this.logger.log', 'this.logger.deprecate'],
  },
  format: { comments: false },
  // Error classes set `name` explicitly, but keep class names readable in stack traces too.
  keep_classnames: /Error$/,
};

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
      prod && minifyCssTemplates(),
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
      // Before terser, which would otherwise fold the loader's `typeof PRELOAD` test away.
      loaderPreloads({ cdn: prod }),
      prod &&
        terser(TERSER_OPTIONS),
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
