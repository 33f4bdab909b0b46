#!/usr/bin/env node
// VS Code HTML custom data (`html.customData`) from the custom elements manifest: completions and
// hover docs for <dvc-*> tags and their attributes in any HTML file.
//
// Why our own generator: custom-element-vs-code-integration is not installed (and we add no
// dependency), and the format is one small, documented JSON shape
// (https://github.com/microsoft/vscode-custom-data): { version: 1.1, tags: [{ name, description,
// attributes: [{ name, description, values? }] }] }. Sixty lines beat a dependency.
//
//   node packages/embed/scripts/vscode-data.mjs   dist/custom-elements.json → dist/vscode.html-custom-data.json
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Allowed values: a union of string literals in the type, else `a`, `b` or `c` in the description. */
function valuesOf(attr) {
  const type = attr.type?.text ?? '';
  const literals = [...type.matchAll(/'([^']+)'/g)].map((m) => m[1]);
  if (literals.length && /^('[^']*'\s*\|?\s*)+$/.test(type.replace(/\s*\|\s*undefined$/, ''))) return literals;
  if (/^(string|number|boolean)(\s*\|\s*undefined)?$/.test(type) || !/ or /.test(attr.description ?? '')) return [];
  return [...(attr.description ?? '').matchAll(/`([a-z][a-z0-9-]*)`/g)].map((m) => m[1]);
}

export function toCustomData(manifest) {
  const tags = [];
  for (const mod of manifest.modules ?? []) {
    for (const decl of mod.declarations ?? []) {
      if (!decl.tagName) continue;
      const events = (decl.events ?? []).filter((e) => e.name).map((e) => `\`${e.name}\`${e.description ? ` — ${e.description}` : ''}`);
      tags.push({
        name: decl.tagName,
        description: [decl.summary, decl.description, events.length ? `Events: ${events.join('; ')}` : '']
          .filter(Boolean)
          .join('\n\n'),
        attributes: (decl.attributes ?? []).map((a) => {
          const values = valuesOf(a);
          return {
            name: a.name,
            ...(a.description ? { description: a.description } : {}),
            ...(values.length ? { values: values.map((name) => ({ name })) } : {}),
          };
        }),
      });
    }
  }
  tags.sort((a, b) => a.name.localeCompare(b.name));
  return { $schema: 'https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json', version: 1.1, tags };
}

/** Writes dist/vscode.html-custom-data.json when the manifest exists; returns whether it did. */
export function writeCustomData(manifestPath = `${root}dist/custom-elements.json`, out = `${root}dist/vscode.html-custom-data.json`) {
  if (!existsSync(manifestPath)) return false;
  writeFileSync(out, `${JSON.stringify(toCustomData(JSON.parse(readFileSync(manifestPath, 'utf8'))), null, 2)}\n`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!writeCustomData()) {
    console.error('dist/custom-elements.json is missing: run npm run manifest first');
    process.exit(1);
  }
  console.log('wrote dist/vscode.html-custom-data.json');
}
