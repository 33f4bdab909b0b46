// The custom-elements manifest documents every widget that exists: tag, summary, attributes and the
// events ARCHITECTURE.md says it fires. Widgets not written yet are simply not in the list.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
// Relative outdir (the analyzer joins it to the cwd); .cache/ is ignored by git.
const outdir = '.cache/manifest-test';

/** Events each widget fires, from ARCHITECTURE.md's event table. */
const EXPECTED_EVENTS: Record<string, string[]> = {
  'dvc-procedure-lookup': ['dvc-procedure-select', 'dvc-book-request'],
  'dvc-dossier-tracker': ['dvc-dossier-found', 'dvc-rate-request'],
  'dvc-satisfaction-survey': ['dvc-survey-submitted', 'dvc-survey-queued'],
  'dvc-appointment-booking': ['dvc-appointment-booked'],
};

interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  summary?: string;
  attributes?: { name: string; description?: string }[];
  events?: { name?: string; description?: string }[];
  cssParts?: { name: string }[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[];
}

const componentFiles = readdirSync(join(root, 'packages'))
  .map((pkg) => `packages/${pkg}/src/${pkg}.component.ts`)
  .filter((file) => existsSync(join(root, file)));

describe('custom-elements manifest', () => {
  let manifest: Manifest;

  before(() => {
    execFileSync(
      join(root, 'node_modules/.bin/cem'),
      ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', outdir, '--quiet'],
      { cwd: root, stdio: 'pipe' },
    );
    manifest = JSON.parse(readFileSync(join(root, outdir, 'custom-elements.json'), 'utf8'));
  });
  after(() => rmSync(join(root, outdir), { recursive: true, force: true }));

  it('leaves package.json alone (packagejson: false)', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    assert.equal(pkg.customElements, undefined);
  });

  it('covers every widget component that exists', () => {
    const documented = manifest.modules.filter((m) => m.declarations?.some((d) => d.tagName));
    assert.deepEqual(documented.map((m) => m.path).sort(), [...componentFiles].sort());
  });

  for (const file of componentFiles) {
    const pkg = file.split('/')[1];
    const tag = `dvc-${pkg}`;
    it(`documents <${tag}>: summary, attributes, events`, () => {
      const decl = manifest.modules.find((m) => m.path === file)?.declarations?.find((d) => d.tagName);
      assert.ok(decl, `${file} has a class with a @tag`);
      assert.equal(decl.tagName, tag);
      assert.equal(decl.customElement, true);
      assert.ok(decl.summary && decl.summary.length > 10, `${tag} has a @summary`);

      const attrs = (decl.attributes ?? []).map((a) => a.name);
      for (const name of ['api-base', 'theme']) assert.ok(attrs.includes(name), `${tag} documents attribute ${name}`);
      for (const a of decl.attributes ?? []) assert.ok(a.description, `${tag} attribute ${a.name} has a description`);

      const events = decl.events ?? [];
      for (const e of events) assert.ok(e.name && e.description, `${tag}: every event has a name and a description`);
      const names = events.map((e) => e.name);
      for (const name of EXPECTED_EVENTS[tag] ?? []) assert.ok(names.includes(name), `${tag} documents @fires ${name}`);

      assert.ok((decl.cssParts ?? []).some((p) => p.name === 'base'), `${tag} documents @csspart base`);
    });
  }
});
