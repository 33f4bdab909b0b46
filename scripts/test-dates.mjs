#!/usr/bin/env node
// `npm run test:dates`: the node and browser tests (Chromium) on fixed clock dates, to prove that
// no test depends on the day it runs. Each date runs `npm test -- --quick --only=node,browser
// --now=<date>`; the last line is `N passed, N failed` over all of them.
//   npm run test:dates                               the dates below
//   npm run test:dates -- 2027-06-15T09:00:00+07:00   others
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const DATES = [
  // A working Wednesday morning.
  '2027-03-10T09:00:00+07:00',
  // A Saturday before a holiday (30/4 and 1/5 2027 fall on Friday and Saturday).
  '2027-04-24T10:00:00+07:00',
  // The last afternoon of a year, with New Year's Day next.
  '2026-12-31T16:30:00+07:00',
];
const dates = process.argv.slice(2).filter((a) => !a.startsWith('-'));

let passed = 0;
let failed = 0;
for (const date of dates.length ? dates : DATES) {
  console.log(`\n━━━━ ${date} ━━━━`);
  const out = await new Promise((resolve) => {
    let text = '';
    const child = spawn(process.execPath, ['scripts/test.mjs', '--quick', '--only=node,browser', `--now=${date}`], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      text += chunk;
    });
    child.on('close', (code) => resolve({ text, code }));
  });
  const m = [...out.text.matchAll(/^(\d+) passed, (\d+) failed$/gm)].at(-1);
  passed += m ? Number(m[1]) : 0;
  failed += m ? Number(m[2]) : 1;
  if (out.code !== 0 && (!m || Number(m[2]) === 0)) failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
