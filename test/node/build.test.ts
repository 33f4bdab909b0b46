// The production build is what portals load: it must carry no development code (Lit's dev mode,
// our DEV_MODE warnings) and nothing a strict Content-Security-Policy blocks (eval, new Function).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rollup, type RollupOptions, type OutputOptions } from 'rollup';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface ConfigModule {
  WIDGETS: string[];
  findEntries(): Record<string, string>;
  createConfig(o: {
    mode: 'production' | 'development';
    entries: Record<string, string>;
    outDir: string;
    quiet: boolean;
  }): RollupOptions;
}

/** Strings that exist only in development code. */
const DEV_ONLY = [
  'Lit is in dev mode',
  'lit.dev/msg/', // every Lit dev warning links there
  'is already defined by another class', // core's DEV_MODE warning in DvcElement.define
];

async function build(config: RollupOptions): Promise<Record<string, string>> {
  const bundle = await rollup(config);
  try {
    const { output } = await bundle.write(config.output as OutputOptions);
    return Object.fromEntries(output.filter((o) => o.type === 'chunk').map((o) => [o.fileName, o.code]));
  } finally {
    await bundle.close();
  }
}

describe('rollup build', () => {
  let mod: ConfigModule;
  let entries: Record<string, string>;
  let dir: string;
  let prod: Record<string, string>;
  let dev: Record<string, string>;

  before(async () => {
    mod = (await import(pathToFileURL(join(root, 'rollup.config.mjs')).href)) as ConfigModule;
    // Taken once: other modules may appear while the build runs.
    entries = mod.findEntries();
    dir = mkdtempSync(join(tmpdir(), 'dvc-build-'));
    prod = await build(mod.createConfig({ mode: 'production', entries, outDir: join(dir, 'prod'), quiet: true }));
    dev = await build(mod.createConfig({ mode: 'development', entries, outDir: join(dir, 'dev'), quiet: true }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('builds one entry per widget define module that exists, plus the loader when present', () => {
    const expected = Object.keys(entries).map((name) => `${name}.js`);
    assert.ok(expected.length > 0, 'at least one widget define module exists');
    for (const [name, file] of Object.entries(entries)) {
      assert.ok(existsSync(join(root, file)));
      assert.ok(mod.WIDGETS.includes(name) || name === 'loader', `unexpected entry ${name}`);
    }
    for (const file of expected) assert.ok(prod[file], `dist has ${file}`);
    assert.deepEqual(readdirSync(join(dir, 'prod')).filter((f) => f.endsWith('.js')).sort(), [...expected].sort());
  });

  it('puts lit, i18next, zod and core into one shared chunk', () => {
    const shared = Object.keys(prod).filter((f) => f.startsWith('chunks/shared-'));
    assert.equal(shared.length, 1);
    const code = prod[shared[0]!]!;
    assert.match(code, /customElements/); // lit
    assert.match(code, /dvc-widgets/); // core
  });

  it('production output has no development-only code', () => {
    for (const [file, code] of Object.entries(prod)) {
      for (const s of DEV_ONLY) assert.ok(!code.includes(s), `${file} contains "${s}"`);
      assert.ok(!/process\.env/.test(code), `${file} references process.env`);
    }
  });

  it('development output keeps them (so the check above means something)', () => {
    const all = Object.values(dev).join('\n');
    for (const s of DEV_ONLY) assert.ok(all.includes(s), `dev build contains "${s}"`);
  });

  it('production output runs under a strict CSP: no eval, no new Function', () => {
    for (const [file, code] of Object.entries(prod)) {
      assert.ok(!/\bnew Function\s*\(/.test(code), `${file} uses new Function`);
      assert.ok(!/(^|[^.\w$])eval\s*\(/.test(code), `${file} calls eval`);
      assert.ok(!/\bFunction\s*\(\s*["'`]/.test(code), `${file} builds a function from a string`);
    }
  });

  it('production output is minified ES modules', () => {
    for (const [file, code] of Object.entries(prod)) {
      assert.match(code, /\bexport\b|\bimport\b/, `${file} is an ES module`);
    }
    const size = (files: Record<string, string>) => Object.values(files).reduce((n, c) => n + c.length, 0);
    assert.ok(size(prod) < size(dev) * 0.6, `production (${size(prod)} B) is much smaller than dev (${size(dev)} B)`);
    for (const name of Object.keys(entries)) {
      assert.ok(readFileSync(join(dir, 'prod', `${name}.js`), 'utf8').length > 0);
    }
  });
});
