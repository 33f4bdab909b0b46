/**
 * `npm run bench:server`: the reference server as it runs in production — its own process,
 * started the way an operator starts it — measured from outside:
 *
 * - time to the first answer on a fresh database (migrations + seed) and on an existing one;
 * - resident memory (the server's process tree) after start and idle after the load;
 * - requests/s and p50/p99 latency of the hot endpoints with autocannon, next to a bare Hono JSON
 *   endpoint in its own process in the same run (the ceiling the framework and Node allow here),
 *   in BENCH_ROUNDS rounds (targets interleaved), median and run-to-run spread (min–max).
 *
 * Loopback only, bounded: BENCH_SECONDS (default 5) per target per round, BENCH_CONNECTIONS
 * (default 10), BENCH_ROUNDS (default 3). PGlite in a temporary data directory by default;
 * BENCH_DATABASE_URL runs it on PostgreSQL (in a throwaway schema, dropped afterwards).
 * BENCH_SERVER=build runs `packages/server/dist/main.js` (`npm run build:server`), `source` runs
 * `src/main.ts` through tsx; default: the build when it exists. The lookup rate limit is off
 * unless BENCH_RATE_LIMIT=1 (then limits far above the load, so every request still pays for
 * the shared counter but none is refused).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { buildSeed, loadCatalog } from '../src/domain/index.js';

const serverRoot = fileURLToPath(new URL('..', import.meta.url));
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const rateLimited = process.env.BENCH_RATE_LIMIT === '1';
const built = join(serverRoot, 'dist/main.js');
const mode = process.env.BENCH_SERVER ?? (existsSync(built) ? 'build' : 'source');
if (mode === 'build' && !existsSync(built)) throw new Error('BENCH_SERVER=build: run `npm run build:server` first');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Resident set size of a process and all its descendants (tsx runs esbuild beside node), in MB. */
function treeRssMb(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  let kb = 0;
  const visit = (p: number) => {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      kb += m ? Number(m[1]) : 0;
    } catch {
      return;
    }
    for (const c of children.get(p) ?? []) visit(c);
  };
  visit(pid);
  return Math.round(kb / 1024);
}

/** CPU time (user + system) a process has used so far, in ms (clock ticks are 10 ms on Linux). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A set-up request, retried: on a loaded machine the first connections can be reset. */
async function retrying(send: () => Promise<Response>): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= 5) throw error;
      await sleep(500);
    }
  }
}

interface Started {
  child: ChildProcess;
  url: string;
  firstAnswerMs: number;
}

async function startApi(env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const args = mode === 'build' ? [built] : ['--import', 'tsx', join(serverRoot, 'src/main.ts')];
  const t0 = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: serverRoot,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/v1/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await sleep(10);
  }
  return { child, url, firstAnswerMs: Math.round(performance.now() - t0) };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function startBare(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(serverRoot, 'bench/bare-hono.mjs')], { cwd: serverRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      const m = /listening (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`bare Hono exited with ${code}`)));
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

/**
 * One autocannon run, and the server's CPU time per request over it: on a machine shared with
 * other work req/s move with the neighbours' load, CPU per request much less.
 */
async function measure(pid: number, url: string, headers: Record<string, string> = {}, paths?: string[]) {
  const cpu0 = cpuMs(pid);
  let next = 0;
  const requests = paths ? [{ setupRequest: (req: { path: string }) => ({ ...req, path: paths[next++ % paths.length]! }) }] : undefined;
  const r = await autocannon({ url, connections, duration: seconds, headers, requests });
  const cpu = (cpuMs(pid) - cpu0) / Math.max(1, r.requests.total);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, cpu, non2xx: r.non2xx, errors: r.errors + r.timeouts };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const spread = (xs: number[], digits = 0) =>
  xs.length > 1 ? `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}` : '';

// --- the database ------------------------------------------------------------------------------
const env: Record<string, string> = rateLimited
  ? { RATE_LIMIT_LOOKUPS: '100000000', RATE_LIMIT_CODE_LOOKUPS: '100000000', RATE_LIMIT_WRITES: '100000000' }
  : { RATE_LIMIT_LOOKUPS: '0', RATE_LIMIT_CODE_LOOKUPS: '0', RATE_LIMIT_WRITES: '0' };
let cleanup = async () => {};
let kind: string;
if (process.env.BENCH_DATABASE_URL) {
  kind = 'postgres';
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const u = new URL(process.env.BENCH_DATABASE_URL);
  u.searchParams.set('options', `-c search_path=${schema}`);
  env.DATABASE_URL = u.toString();
  cleanup = async () => {
    const c = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL });
    await c.connect();
    await c.query(`DROP SCHEMA ${schema} CASCADE`);
    await c.end();
  };
} else {
  kind = 'pglite';
  const dir = mkdtempSync(join(tmpdir(), 'dvc-bench-'));
  env.DATA_DIR = join(dir, 'pglite');
  cleanup = async () => rmSync(dir, { recursive: true, force: true });
}

const children: ChildProcess[] = [];
try {
  // Fresh database: migrations and the seed run before the first answer.
  const fresh = await startApi(env);
  const freshRss = treeRssMb(fresh.child.pid!);
  await stop(fresh.child);
  // Existing database: what every restart and every added instance costs.
  const api = await startApi(env);
  children.push(api.child);
  await sleep(1000);
  const startRss = treeRssMb(api.child.pid!);
  const bare = await startBare();
  children.push(bare.child);

  const seed = buildSeed(new Date());
  const agency = seed.agencies.find((a) => a.code.startsWith('000.00.00.')) ?? seed.agencies[0]!;
  const dossier = seed.dossiers.find((d) => d.status === 'processing')!;
  const probe = await retrying(() => fetch(`${api.url}/v1/dossiers/${dossier.code}`));
  if (probe.status !== 200) throw new Error(`dossier ${dossier.code}: ${probe.status} (seeded on another day?)`);
  const etag = (await retrying(() => fetch(`${api.url}/v1/procedure-index?agency=${agency.code}`))).headers.get('etag') ?? '';
  // Warm-up: the catalog view and the search engine are built on first use.
  await retrying(() => fetch(`${api.url}/v1/procedures?q=khai%20sinh`));

  // More distinct queries than the server keeps rankings of, asked in turn: every one is ranked
  // by the engine (what a search costs when it is not one of the popular ones).
  const words = [...new Set(loadCatalog().procedures.flatMap((p) => {
    const w = p.name.toLowerCase().split(/\s+/).filter((x) => x.length > 1);
    return w.slice(2, 6).map((_, i) => w.slice(2 + i, 4 + i).join(' ')).filter((q) => q.includes(' '));
  }))].slice(0, 800);
  if (words.length < 600) throw new Error(`only ${words.length} distinct queries`);
  const variedPaths = words.map((q) => `/v1/procedures?q=${encodeURIComponent(q)}&agency=${agency.code}`);

  const targets: { name: string; url: string; pid: number; headers?: Record<string, string>; paths?: string[] }[] = [
    { name: 'bare Hono JSON (baseline)', url: `${bare.url}/json`, pid: bare.child.pid! },
    { name: 'procedure search ?q=dang ky khai sinh', url: `${api.url}/v1/procedures?q=dang%20ky%20khai%20sinh&agency=${agency.code}`, pid: api.child.pid! },
    { name: `procedure search, ${variedPaths.length} different queries in turn`, url: api.url, pid: api.child.pid!, paths: variedPaths },
    { name: 'procedure search, no q, field filter', url: `${api.url}/v1/procedures?agency=${agency.code}&field=H%E1%BB%99%20t%E1%BB%8Bch`, pid: api.child.pid! },
    { name: 'dossier lookup', url: `${api.url}/v1/dossiers/${dossier.code}`, pid: api.child.pid! },
    { name: 'slots (14 days)', url: `${api.url}/v1/agencies/${agency.code}/slots`, pid: api.child.pid! },
    { name: 'procedure index, If-None-Match → 304', url: `${api.url}/v1/procedure-index?agency=${agency.code}`, pid: api.child.pid!, headers: { 'if-none-match': etag } },
  ];
  const results = new Map<string, Awaited<ReturnType<typeof measure>>[]>();
  for (let r = 0; r < rounds; r++) {
    for (const t of targets) {
      const m = await measure(t.pid, t.url, t.headers, t.paths);
      results.set(t.name, [...(results.get(t.name) ?? []), m]);
    }
  }
  await sleep(2000);
  const idleRss = treeRssMb(api.child.pid!);

  const bareRps = median(results.get(targets[0]!.name)!.map((m) => m.rps));
  const rows = targets.map((t) => {
    const ms = results.get(t.name)!;
    const rps = ms.map((m) => m.rps);
    const p99 = ms.map((m) => m.p99);
    return {
      target: t.name,
      'req/s': Math.round(median(rps)),
      'req/s spread': spread(rps),
      '% of bare': `${((median(rps) / bareRps) * 100).toFixed(1)} %`,
      'p50 ms': median(ms.map((m) => m.p50)),
      'p99 ms': median(p99),
      'p99 spread': spread(p99),
      'CPU ms/req': median(ms.map((m) => m.cpu)).toFixed(2),
      'non-2xx': ms.reduce((n, m) => n + m.non2xx, 0),
      errors: ms.reduce((n, m) => n + m.errors, 0),
    };
  });
  console.log(
    `\n${kind}, server from ${mode}, ${connections} connections, ${seconds} s × ${rounds} rounds per target, rate limit ${rateLimited ? 'on' : 'off'}, Node ${process.version}`,
  );
  console.table(rows);
  console.log(`first answer: fresh database ${fresh.firstAnswerMs} ms, existing database ${api.firstAnswerMs} ms`);
  console.log(`RSS: fresh start ${freshRss} MB, after start ${startRss} MB, idle after load ${idleRss} MB`);
} finally {
  await Promise.all(children.map(stop));
  await cleanup();
}
