// Writes packages/contract/openapi.json from the schemas. `--check` fails when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildOpenApi } from '../src/openapi.js';

const file = fileURLToPath(new URL('../openapi.json', import.meta.url));
const text = JSON.stringify(buildOpenApi(), null, 2) + '\n';
if (process.argv.includes('--check')) {
  const current = readFileSync(file, 'utf8');
  if (current !== text) {
    console.error('openapi.json is stale: run `npm run openapi`.');
    process.exit(1);
  }
  console.log('openapi.json is up to date.');
} else {
  writeFileSync(file, text);
  console.log(`wrote ${file}`);
}
