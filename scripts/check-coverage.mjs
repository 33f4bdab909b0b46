#!/usr/bin/env node
// Line-coverage floors from the browser tests' coverage/lcov.info (`web-test-runner --coverage`).
// Each area is measured on its own so a well-tested package cannot hide an untested one.
//   node scripts/check-coverage.mjs [path/to/lcov.info]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const FLOORS = [
  { area: 'packages/core/src', lines: 90 },
  { area: 'packages/contract/src', lines: 90 },
  { area: 'packages/vn/src', lines: 90 },
];

const lcovPath = process.argv[2] ?? join(root, 'coverage', 'lcov.info');
if (!existsSync(lcovPath)) {
  console.error(`No ${lcovPath}: run the browser tests with --coverage first (npm test does).`);
  console.log(`0 passed, ${FLOORS.length} failed`);
  process.exit(1);
}

/** @returns {Map<string, Map<number, number>>} file → line → hits */
function parseLcov(text) {
  const files = new Map();
  let current;
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('SF:')) {
      const file = line.slice(3).replaceAll('\\', '/').replace(root.replaceAll('\\', '/'), '');
      current = files.get(file) ?? new Map();
      files.set(file, current);
    } else if (line.startsWith('DA:') && current) {
      const [n, hits] = line.slice(3).split(',');
      // Two browsers may report the same file: a line is covered if either ran it.
      current.set(Number(n), Math.max(current.get(Number(n)) ?? 0, Number(hits)));
    } else if (line === 'end_of_record') {
      current = undefined;
    }
  }
  return files;
}

const files = parseLcov(readFileSync(lcovPath, 'utf8'));
let passed = 0;
let failed = 0;
for (const { area, lines: floor } of FLOORS) {
  let found = 0;
  let hit = 0;
  const measured = [...files.keys()].filter((f) => f.startsWith(`${area}/`));
  for (const f of measured) {
    for (const hits of files.get(f).values()) {
      found += 1;
      if (hits > 0) hit += 1;
    }
  }
  const dir = join(root, area);
  const sources = existsSync(dir)
    ? readdirSync(dir, { recursive: true })
        .map((f) => `${area}/${String(f).replaceAll('\\', '/')}`)
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    : [];
  const unloaded = sources.filter((f) => !files.has(f));
  if (found === 0) {
    console.log(`FAIL ${area}: no coverage data (no browser test loads it)`);
    failed += 1;
    continue;
  }
  const pct = (hit / found) * 100;
  const ok = pct >= floor;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${area}: ${pct.toFixed(2)} % lines (${hit}/${found}), floor ${floor} %`);
  if (unloaded.length) {
    // Modules no browser test imports are not in lcov.info (V8 only sees loaded code); name them.
    console.log(`     not loaded by any browser test: ${unloaded.join(', ')}`);
  }
  if (ok) passed += 1;
  else failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
