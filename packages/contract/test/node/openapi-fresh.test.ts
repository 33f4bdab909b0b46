// Fails when packages/contract/openapi.json no longer matches the schemas (run `npm run openapi`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildOpenApi } from '../../src/openapi.js';

test('the committed OpenAPI document is up to date', () => {
  const committed = readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8');
  assert.equal(committed, JSON.stringify(buildOpenApi(), null, 2) + '\n');
});
