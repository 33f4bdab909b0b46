#!/usr/bin/env node
// `npm test`: every check the project has, in sequence, output streamed as it comes. Each step's
// pass/fail counts are parsed from its output; the last line is always `N passed, N failed`
// (a step that fails without printing counts counts as one failure) and the exit code is non-zero
// when anything failed.
//
//   npm test                       everything (what CI runs)
//   npm test -- --quick            Chromium only, no coverage floor: the fast local loop
//   npm test -- --only=node,types  named steps only;  --skip=browser  everything but those
//   TEST_SKIP=browser,size npm test  the same as --skip, for environments without flags
//   npm test -- --now=2026-12-31T16:30:00+07:00   as if it were that instant (DVC_TEST_NOW: the
//                                  reference server, the test pages and the demo pages share it)
//
// Steps: types, openapi, manifest, build, node, browser, coverage, size.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);

const args = process.argv.slice(2);
const listArg = (name) =>
  args
    .filter((a) => a.startsWith(`--${name}=`))
    .flatMap((a) => a.slice(name.length + 3).split(','))
    .map((s) => s.trim())
    .filter(Boolean);
const quick = args.includes('--quick') || process.env.TEST_QUICK === '1';
const nowArg = args.find((a) => a.startsWith('--now='));
if (nowArg) process.env.DVC_TEST_NOW = nowArg.slice('--now='.length);
if (process.env.DVC_TEST_NOW) console.log(`Clock pinned: DVC_TEST_NOW=${process.env.DVC_TEST_NOW}`);
const only = listArg('only');
const skip = [...listArg('skip'), ...(process.env.TEST_SKIP ?? '').split(',').map((s) => s.trim()).filter(Boolean)];
if (quick) skip.push('coverage');

/** Files under `dir` (relative to the root) whose relative path matches `test`, sorted. */
function findFiles(dir, test) {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true, withFileTypes: false })
    .map((f) => join(dir, String(f)).split(sep).join('/'))
    .filter((f) => !f.includes('/node_modules/') && test(f))
    .sort();
}

/** Node test files (node 20's `--test` does not expand globs itself, so we do). */
function nodeTestFiles() {
  const isTest = (f) => f.endsWith('.test.ts');
  const packages = readdirSync(join(root, 'packages')).sort();
  return [
    ...findFiles('packages/server/test', isTest),
    ...packages.flatMap((p) => (p === 'server' ? [] : findFiles(`packages/${p}/test/node`, isTest))),
    ...findFiles('test/node', isTest),
  ];
}

const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** Counts from node:test (tap `# pass N` or spec `ℹ pass N`). */
function nodeCounts(out) {
  const pass = [...out.matchAll(/^(?:#|ℹ)\s*pass (\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
  const fail = [...out.matchAll(/^(?:#|ℹ)\s*fail (\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
  const seen = /^(?:#|ℹ)\s*pass \d+/m.test(out);
  return seen ? { passed: pass, failed: fail } : undefined;
}

/** Counts from web-test-runner: the last `Browser: |…| N passed, N failed` line of each browser. */
function wtrCounts(out) {
  const last = new Map();
  for (const line of out.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z]+):\s.*?(\d+) passed, (\d+) failed/.exec(line);
    if (m) last.set(m[1], { passed: Number(m[2]), failed: Number(m[3]) });
  }
  if (last.size === 0) {
    const m = [...out.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
    return m ? { passed: Number(m[1]), failed: Number(m[2]) } : undefined;
  }
  let passed = 0;
  let failed = 0;
  for (const c of last.values()) {
    passed += c.passed;
    failed += c.failed;
  }
  return { passed, failed };
}

/** Counts from our own check scripts: `N passed, N failed` on a line of its own. */
function plainCounts(out) {
  const m = [...out.matchAll(/^(\d+) passed, (\d+) failed$/gm)].at(-1);
  return m ? { passed: Number(m[1]), failed: Number(m[2]) } : undefined;
}

function run(command, commandArgs, env = {}) {
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(command, commandArgs, {
      cwd: root,
      // Output is piped, so tools turn colours off by themselves (FORCE_COLOR=0 would turn
      // picocolors *on*); counts are parsed from the text with any colour codes stripped.
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tee = (stream) => (chunk) => {
      stream.write(chunk);
      out += chunk.toString('utf8');
    };
    child.stdout.on('data', tee(process.stdout));
    child.stderr.on('data', tee(process.stderr));
    child.on('error', (error) => {
      out += `\n${error.message}\n`;
      resolve({ code: 1, out });
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), out: out.replace(ANSI, '') }));
  });
}

const nodeFiles = nodeTestFiles();
const browsers = quick ? 'chromium' : process.env.BROWSERS;

/** @type {{ name: string, title: string, when?: () => boolean | string, cmd: () => [string, string[], Record<string,string>?], counts?: (out: string) => ({passed:number, failed:number} | undefined) }[]} */
const steps = [
  { name: 'types', title: 'Typecheck (tsc --noEmit)', cmd: () => [bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']] },
  {
    name: 'openapi',
    title: 'OpenAPI document is up to date',
    cmd: () => [bin('tsx'), ['packages/contract/scripts/generate-openapi.ts', '--check']],
  },
  {
    name: 'manifest',
    title: 'Custom elements manifest (dist/custom-elements.json)',
    cmd: () => [bin('cem'), ['analyze', '--config', 'custom-elements-manifest.config.mjs']],
  },
  {
    name: 'build',
    title: 'Build (rollup: dist/ production, dist/dev/ development; esbuild: packages/server/dist/)',
    cmd: () => ['sh', ['-c', `"${bin('rollup')}" -c rollup.config.mjs && "${process.execPath}" packages/server/scripts/build.mjs`]],
  },
  {
    name: 'node',
    title: `Node tests (${nodeFiles.length} files)`,
    when: () => nodeFiles.length > 0 || 'no node test files',
    cmd: () => [bin('tsx'), ['--test', '--test-reporter=spec', ...nodeFiles]],
    counts: nodeCounts,
  },
  {
    name: 'browser',
    title: `Browser tests (${browsers ?? 'chromium,firefox'}, with coverage)`,
    cmd: () => [
      bin('web-test-runner'),
      ['--config', 'web-test-runner.config.mjs', '--coverage', '--static-logging'],
      browsers ? { BROWSERS: browsers } : {},
    ],
    counts: wtrCounts,
  },
  {
    name: 'coverage',
    title: 'Coverage floors (core, contract)',
    when: () => !skip.includes('browser') || 'browser tests skipped',
    cmd: () => [process.execPath, ['scripts/check-coverage.mjs']],
    counts: plainCounts,
  },
  {
    name: 'size',
    title: 'Size budget',
    when: () => {
      if (!existsSync(join(root, 'scripts/size.mjs'))) return 'scripts/size.mjs not present';
      return !skip.includes('build') || 'build skipped';
    },
    cmd: () => [process.execPath, ['scripts/size.mjs']],
    counts: plainCounts,
  },
];

const known = new Set(steps.map((s) => s.name));
for (const name of [...only, ...skip]) {
  if (!known.has(name)) {
    console.error(`scripts/test.mjs: unknown step "${name}" (steps: ${[...known].join(', ')})`);
    process.exit(2);
  }
}

const results = [];
if (!skip.includes('browser') && (only.length === 0 || only.includes('browser'))) {
  // A stale lcov.info from an earlier run must never satisfy the coverage floor.
  rmSync(join(root, 'coverage'), { recursive: true, force: true });
}

for (const step of steps) {
  const started = Date.now();
  let reason;
  if (only.length && !only.includes(step.name)) reason = 'not in --only';
  else if (skip.includes(step.name)) reason = 'skipped';
  else {
    const ok = step.when?.() ?? true;
    if (ok !== true) reason = ok;
  }
  if (reason) {
    results.push({ step, skipped: reason });
    continue;
  }
  console.log(`\n━━ ${step.title} ━━`);
  const [command, commandArgs, env] = step.cmd();
  const shown = command === process.execPath ? 'node' : relative(root, command);
  console.log(`$ ${shown} ${commandArgs.join(' ')}`.slice(0, 400));
  const { code, out } = await run(command, commandArgs, env);
  const parsed = step.counts?.(out);
  let counts = parsed ?? (code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });
  // A non-zero exit with every counted test passing (a crash, a timeout, a coverage threshold)
  // is still a failure.
  if (code !== 0 && counts.failed === 0) counts = { ...counts, failed: 1 };
  results.push({ step, code, counts, seconds: (Date.now() - started) / 1000 });
}

console.log('\n━━ Summary ━━');
let passed = 0;
let failed = 0;
for (const r of results) {
  if (r.skipped) {
    console.log(`  -     ${r.step.name.padEnd(9)} (${r.skipped})`);
    continue;
  }
  passed += r.counts.passed;
  failed += r.counts.failed;
  const mark = r.code === 0 && r.counts.failed === 0 ? 'ok  ' : 'FAIL';
  console.log(
    `  ${mark}  ${r.step.name.padEnd(9)} ${r.counts.passed} passed, ${r.counts.failed} failed  (${r.seconds.toFixed(1)} s)`,
  );
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
