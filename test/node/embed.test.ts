// The CDN build as a portal gets it: versioned folder, content-hashed chunks, a manifest whose
// sha384 hashes match the bytes, a loader that preloads exactly each widget's static files with
// those hashes, the README snippet generated from the manifest, the classic IIFE, the size-check
// script, and the VS Code custom data generated from the custom elements manifest.
// Reads the last production build (the test step runs after `npm run build`); builds when missing.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const cdn = join(root, 'dist/cdn', `v${version}`);
const sri = (file: string) => `sha384-${createHash('sha384').update(readFileSync(join(cdn, file))).digest('base64')}`;
const WIDGETS = ['dvc-procedure-lookup', 'dvc-dossier-tracker', 'dvc-satisfaction-survey', 'dvc-appointment-booking'];

interface Manifest {
  version: string;
  loader: string;
  classic: string;
  widgets: Record<string, string[]>;
  files: Record<string, { integrity: string; bytes: number }>;
}

describe('CDN build (dist/cdn/v<version>)', () => {
  let manifest: Manifest;

  before(() => {
    if (!existsSync(join(cdn, 'manifest.json'))) {
      const r = spawnSync(join(root, 'node_modules/.bin/rollup'), ['-c', 'rollup.config.mjs'], { cwd: root, stdio: 'inherit' });
      assert.equal(r.status, 0);
    }
    manifest = JSON.parse(readFileSync(join(cdn, 'manifest.json'), 'utf8')) as Manifest;
  });

  it('lives under the package version and names its loader and classic script', () => {
    assert.equal(manifest.version, version);
    assert.equal(manifest.loader, 'dvc-widgets.js');
    assert.equal(manifest.classic, 'dvc-widgets.classic.js');
    assert.deepEqual(Object.keys(manifest.widgets).sort(), [...WIDGETS].sort());
  });

  it('lists every script on disk with its true sha384 and size', () => {
    const onDisk = readdirSync(cdn, { recursive: true }).map(String).filter((f) => f.endsWith('.js')).sort();
    assert.deepEqual(Object.keys(manifest.files).sort(), onDisk);
    for (const [file, { integrity, bytes }] of Object.entries(manifest.files)) {
      assert.equal(integrity, sri(file), file);
      assert.equal(bytes, readFileSync(join(cdn, file)).length, file);
    }
  });

  it('content-hashes every chunk', () => {
    const chunks = Object.keys(manifest.files).filter((f) => f.startsWith('chunks/'));
    assert.ok(chunks.length >= 1);
    for (const c of chunks) assert.match(c, /^chunks\/[\w-]+-[\w-]{8}\.js$/, c);
  });

  it('the loader preloads each widget\'s entry and static chunks with the right integrity', () => {
    const loader = readFileSync(join(cdn, manifest.loader), 'utf8');
    assert.doesNotMatch(loader, /__DVC_PRELOAD__|@dvc-sri-/, 'no placeholder left');
    const preloads = [...loader.matchAll(/\["([^"]+\.js)","(sha384-[A-Za-z0-9+/]{64})"\]/g)];
    assert.ok(preloads.length >= WIDGETS.length);
    for (const [, file, integrity] of preloads) assert.equal(integrity, sri(file!), `${file} integrity in the loader`);
    for (const tag of WIDGETS) {
      const entry = manifest.widgets[tag]![0]!;
      assert.match(loader, new RegExp(`import\\("\\./${entry.replace('.', '\\.')}"\\)`), `${tag} imported lazily`);
      // Every file of the widget (entry first, then the shared chunk) is in its preload list.
      const list = loader.slice(loader.indexOf(`"${tag}":[[`));
      for (const file of manifest.widgets[tag]!) assert.ok(list.includes(`"${file}"`), `${tag} preloads ${file}`);
    }
    const shared = Object.keys(manifest.files).find((f) => f.startsWith('chunks/shared-'))!;
    for (const tag of WIDGETS) assert.ok(manifest.widgets[tag]!.includes(shared), `${tag} uses the shared chunk`);
  });

  it('every chunk, also those imported on demand, has its integrity in the loader, and on-demand imports go through it', () => {
    const loader = readFileSync(join(cdn, manifest.loader), 'utf8');
    const listed = new Set([...loader.matchAll(/\["([^"]+\.js)","sha384-/g)].map((m) => m[1]));
    for (const file of Object.keys(manifest.files).filter((f) => f.startsWith('chunks/'))) {
      assert.ok(listed.has(file), `${file} has an integrity in the loader`);
    }
    assert.match(loader, /Symbol\.for\("dvc-widgets\.import"\)/);
    for (const file of Object.keys(manifest.files).filter((f) => f !== manifest.loader && f !== manifest.classic)) {
      const code = readFileSync(join(cdn, file), 'utf8');
      // No bare import("./chunks/…") left: each is wrapped so the loader can check it.
      assert.doesNotMatch(code, /\bimport\("\.\.?\/[^"]+"\)/, `${file} imports a chunk without the loader's check`);
    }
  });

  it('English tables are separate chunks, outside every widget\'s static files, preloaded only for English pages', () => {
    const loader = readFileSync(join(cdn, manifest.loader), 'utf8');
    const core = Object.keys(manifest.files).find((f) => f.startsWith('chunks/core-en-'));
    assert.ok(core, 'core has its own English chunk');
    for (const tag of WIDGETS) {
      const english = Object.keys(manifest.files).find((f) => f.startsWith(`chunks/${tag.slice(4)}-en-`));
      assert.ok(english, `${tag} has an English chunk`);
      assert.ok(!manifest.widgets[tag]!.includes(english!), `${tag} does not import its English strings statically`);
      const list = /"([\w-]+):en":(\[\[.*?\]\])/.exec(loader.slice(loader.indexOf(`"${tag}:en":`)))!;
      assert.equal(list[1], tag);
      assert.ok(list[2]!.includes(`"${english}"`) && list[2]!.includes(`"${core}"`), `${tag}:en preloads ${english} and ${core}`);
      // The English words are in the English chunk, not in the widget's entry.
      assert.doesNotMatch(readFileSync(join(cdn, manifest.widgets[tag]![0]!), 'utf8'), /"Try again"|"Retry"/);
    }
  });

  it('the classic script injects the loader with the loader\'s integrity and a Trusted Types policy', () => {
    const classic = readFileSync(join(cdn, manifest.classic), 'utf8');
    assert.ok(classic.includes(manifest.files[manifest.loader]!.integrity));
    assert.match(classic, /noModule/);
    assert.match(classic, /createPolicy\("dvc"/);
    assert.doesNotMatch(classic, /\bimport\b|\bexport\b/, 'a classic script, not a module');
  });

  it('the README snippet is the one generated from this manifest', async () => {
    const readme = readFileSync(join(root, 'packages/embed/README.md'), 'utf8');
    const { renderSnippet } = (await import(pathToFileURL(join(root, 'packages/embed/scripts/snippet.mjs')).href)) as {
      renderSnippet(m: Manifest, path: string): string;
    };
    const snippet = renderSnippet(manifest, `/dist/cdn/v${version}/`);
    assert.ok(readme.includes(snippet), 'README snippet matches manifest.json (npm run build regenerates it)');
    assert.ok(snippet.includes(`src="/dist/cdn/v${version}/dvc-widgets.js"`));
    assert.ok(snippet.includes(`integrity="${sri('dvc-widgets.js')}"`));
    assert.ok(snippet.includes(`integrity="${sri('dvc-widgets.classic.js')}"`));
  });

  it('the loader stays under 2 KB brotli', async () => {
    const { brotliCompressSync, constants } = await import('node:zlib');
    const size = brotliCompressSync(readFileSync(join(cdn, manifest.loader)), {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length;
    assert.ok(size <= 2048, `${size} B`);
  });

  it('scripts/size.mjs prints the table and passes with the CI budget', () => {
    const r = spawnSync(process.execPath, [join(root, 'scripts/size.mjs')], { cwd: root, encoding: 'utf8' });
    assert.match(r.stdout, /loader\s+[\d.]+ KB/);
    assert.match(r.stdout, /all four\s+[\d.]+ KB/);
    assert.match(r.stdout, /^\d+ passed, 0 failed$/m, r.stdout);
    assert.equal(r.status, 0);
  });
});

describe('VS Code custom data from the custom elements manifest', () => {
  it('has every widget tag with its attributes, descriptions and enumerated values', async () => {
    const manifestPath = join(root, 'dist/custom-elements.json');
    if (!existsSync(manifestPath)) {
      const r = spawnSync(join(root, 'node_modules/.bin/cem'), ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'], { cwd: root });
      assert.equal(r.status, 0);
    }
    const { toCustomData } = (await import(pathToFileURL(join(root, 'packages/embed/scripts/vscode-data.mjs')).href)) as {
      toCustomData(m: unknown): { version: number; tags: { name: string; description: string; attributes: { name: string; description?: string; values?: { name: string }[] }[] }[] };
    };
    const data = toCustomData(JSON.parse(readFileSync(manifestPath, 'utf8')));
    assert.equal(data.version, 1.1);
    const names = data.tags.map((t) => t.name);
    for (const tag of WIDGETS) assert.ok(names.includes(tag), tag);
    for (const tag of data.tags) {
      assert.ok(tag.description.length > 10, `${tag.name} described`);
      const attrs = Object.fromEntries(tag.attributes.map((a) => [a.name, a]));
      assert.ok(attrs['api-base'] && attrs['agency'], `${tag.name} has api-base and agency`);
      assert.deepEqual(attrs['theme']?.values?.map((v) => v.name), ['light', 'dark', 'auto'], `${tag.name} theme values`);
      assert.ok(!attrs['api-base']!.values, 'free text has no value list');
    }
    const survey = data.tags.find((t) => t.name === 'dvc-satisfaction-survey')!;
    assert.deepEqual(survey.attributes.find((a) => a.name === 'mode')?.values?.map((v) => v.name), ['inline', 'button']);
    assert.match(survey.description, /dvc-survey-submitted/);
  });
});

describe('@dvc-widgets/embed package.json', () => {
  it('exports the loader, and names only its side-effect files in sideEffects', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'packages/embed/package.json'), 'utf8')) as {
      exports: Record<string, string>;
      sideEffects: string[];
    };
    assert.equal(pkg.exports['.'], './src/loader.ts');
    assert.deepEqual(pkg.sideEffects, ['./src/loader.ts', './src/classic.ts']);
    for (const target of Object.values(pkg.exports)) assert.ok(existsSync(join(root, 'packages/embed', target)), target);
  });
});
