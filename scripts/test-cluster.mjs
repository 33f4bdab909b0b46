#!/usr/bin/env node
// `npm run test:cluster`: the deployment recipe of packages/server/deploy/, run on loopback and
// checked. PostgreSQL (TEST_DATABASE_URL, in a throwaway schema; otherwise a throwaway cluster
// made with initdb, as the `postgres` user when run as root), CLUSTER_INSTANCES (default 2)
// instances of the built server (packages/server/dist/main.js) on it, and nginx (/usr/sbin/nginx)
// in front with deploy/nginx/dvc-widgets.conf (only ports and paths replaced). Then:
//   - nginx serves the widget files with their caching headers and passes the API's through;
//   - 500 concurrent bookings for one slot, spread across the instances → exactly its capacity;
//   - one Idempotency-Key sent to two instances at once → one booking;
//   - lookup limits (per code family, per client) hold across instances;
//   - kill -9 of an instance under booking load → every booking answered 201 is stored, and the
//     other instance kept answering;
//   - a rolling restart (SIGTERM, start, ready; one instance after the other) under load → no 5xx.
// Prints one line per check and closes with `N passed, N failed` (exit code 1 if any failed).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = fileURLToPath(new URL('..', import.meta.url));
const INSTANCES = Math.max(2, Number(process.env.CLUSTER_INSTANCES ?? 2));
const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';
const isRoot = process.getuid?.() === 0;
const LIMITS = { perIp: 40, perCode: 12 };

const work = mkdtempSync(join(tmpdir(), 'dvc-cluster-'));
const cleanups = [];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.log(...a);

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(what, probe, timeoutMs = 180_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await probe()) return;
    } catch {
      // not yet
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

// --- PostgreSQL -------------------------------------------------------------------------------
async function startPostgres() {
  if (process.env.TEST_DATABASE_URL) {
    const url = process.env.TEST_DATABASE_URL;
    const schema = `cluster_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    });
    const u = new URL(url);
    u.searchParams.set('options', `-c search_path=${schema}`);
    log(`PostgreSQL: TEST_DATABASE_URL, schema ${schema}`);
    return u.toString();
  }
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b)) : [];
  if (!versions.length) throw new Error('no PostgreSQL under /usr/lib/postgresql (apt-get install postgresql) and no TEST_DATABASE_URL');
  const bin = `/usr/lib/postgresql/${versions.at(-1)}/bin`;
  const dir = join(work, 'pg');
  mkdirSync(dir);
  // PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user.
  const as = isRoot ? ['runuser', '-u', 'postgres', '--'] : [];
  if (isRoot) {
    chmodSync(work, 0o755);
    chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
  }
  const run = (cmd, args) => {
    const r = spawnSync(as[0] ?? cmd, as.length ? [...as.slice(1), cmd, ...args] : args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  run(`${bin}/initdb`, ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale']);
  const port = await freePort();
  const args = ['-D', join(dir, 'data'), '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=off'];
  const child = spawn(as[0] ?? `${bin}/postgres`, as.length ? [...as.slice(1), `${bin}/postgres`, ...args] : args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  cleanups.push(async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGINT'); // fast shutdown
    await Promise.race([exited, sleep(10_000)]);
  });
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await waitFor('PostgreSQL', async () => {
    if (child.exitCode !== null) throw new Error(`postgres exited: ${stderr}`);
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.end();
    return true;
  }, 60_000);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE ROLE dvc LOGIN PASSWORD 'dvc'`);
  await admin.query(`CREATE DATABASE dvc OWNER dvc`);
  await admin.end();
  log(`PostgreSQL: throwaway cluster (${bin}) on port ${port}`);
  return `postgres://dvc:dvc@127.0.0.1:${port}/dvc`;
}

// --- instances --------------------------------------------------------------------------------
const main = join(root, 'packages/server/dist/main.js');

class Instance {
  constructor(index, port, databaseUrl) {
    this.index = index;
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.databaseUrl = databaseUrl;
    this.child = null;
    this.exits = [];
  }

  async start() {
    const logFile = join(work, `instance-${this.index}.log`);
    const env = {
      ...process.env,
      DATABASE_URL: this.databaseUrl,
      PORT: String(this.port),
      HOST: '127.0.0.1',
      TRUST_PROXY: '1',
      STATIC_DIR: root,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_LOOKUPS: String(LIMITS.perIp),
      RATE_LIMIT_CODE_LOOKUPS: String(LIMITS.perCode),
      RATE_LIMIT_WRITES: '1000000',
      SHUTDOWN_TIMEOUT_MS: '15000',
    };
    const child = spawn(process.execPath, [main], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    child.once('exit', (code, signal) => {
      this.exits.push({ code, signal });
      writeFileSync(logFile, Buffer.concat(out));
    });
    await waitFor(`instance ${this.index} ready`, async () => {
      if (child.exitCode !== null) throw new Error(`instance ${this.index} exited: ${Buffer.concat(out).toString().slice(-2000)}`);
      return (await fetch(`${this.url}/readyz`)).status === 200;
    });
  }

  /** Graceful stop (SIGTERM), resolving with the exit. */
  stop(signal = 'SIGTERM') {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve(this.exits.at(-1));
    return new Promise((resolve) => {
      child.once('exit', (code, sig) => resolve({ code, signal: sig }));
      child.kill(signal);
    });
  }
}

// --- nginx --------------------------------------------------------------------------------------
async function startNginx(instances) {
  const site = readFileSync(join(root, 'packages/server/deploy/nginx/dvc-widgets.conf'), 'utf8');
  const port = await freePort();
  const servers = instances.map((i) => `    server 127.0.0.1:${i.port} max_fails=0;`).join('\n');
  let rendered = site
    .replace(/^ {4}server 127\.0\.0\.1:88\d\d [^\n]*\n/gm, '')
    .replace(/(upstream dvc_api \{\n(?:\s*#[^\n]*\n)*)/, `$1${servers}\n`)
    .replace(/^ {4}listen 80;$/m, `    listen 127.0.0.1:${port};`)
    .replace(/^ {4}listen \[::\]:80;\n/m, '')
    .replace(/^ {4}root \/srv\/dvc-widgets;$/m, `    root ${root.replace(/\/$/, '')};`);
  if (!rendered.includes(`127.0.0.1:${instances[0].port}`) || !rendered.includes(`listen 127.0.0.1:${port}`)) {
    throw new Error('deploy/nginx/dvc-widgets.conf changed shape: the test could not set its ports');
  }
  const dir = join(work, 'nginx');
  mkdirSync(join(dir, 'temp'), { recursive: true });
  writeFileSync(join(dir, 'site.conf'), rendered);
  writeFileSync(
    join(dir, 'nginx.conf'),
    `# The test's own main configuration; the site under test is site.conf.
daemon off;
${isRoot ? `user ${userInfo().username};` : ''}
worker_processes 1;
worker_rlimit_nofile 8192;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${dir}/temp/body;
  proxy_temp_path ${dir}/temp/proxy;
  fastcgi_temp_path ${dir}/temp/fastcgi;
  uwsgi_temp_path ${dir}/temp/uwsgi;
  scgi_temp_path ${dir}/temp/scgi;
  include ${dir}/site.conf;
}
`,
  );
  const check = spawnSync(NGINX, ['-t', '-p', dir, '-c', join(dir, 'nginx.conf')], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx -t: ${check.stderr}`);
  const child = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  cleanups.push(async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGQUIT');
    await Promise.race([exited, sleep(5000)]);
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor('nginx', async () => (await fetch(`${url}/v1/health`)).status === 200, 30_000);
  log(`nginx ${spawnSync(NGINX, ['-v'], { encoding: 'utf8' }).stderr.trim().replace(/^nginx version: /, '')} on ${url}`);
  return url;
}

// --- requests -----------------------------------------------------------------------------------
async function send(url, options = {}) {
  try {
    const res = await fetch(url, { ...options, signal: AbortSignal.timeout(60_000) });
    const text = await res.text();
    let body = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    return { status: res.status, headers: res.headers, body, text };
  } catch (error) {
    return { status: 0, error: String(error?.cause?.code ?? error) };
  }
}

const post = (url, body, key = randomUUID(), headers = {}) =>
  send(url, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key, ...headers }, body: JSON.stringify(body) });

let phoneSeq = 0;
const nextPhone = () => {
  const n = 1_000_000 + ++phoneSeq;
  return `09${n % 10}${String(n).slice(-7)}`;
};

function tally(responses) {
  const t = {};
  for (const r of responses) {
    const k = r.status === 0 ? `network:${r.error}` : r.status === 409 || r.status === 422 ? `${r.status}:${r.body?.error?.details?.reason ?? '?'}` : String(r.status);
    t[k] = (t[k] ?? 0) + 1;
  }
  return Object.entries(t).map(([k, v]) => `${k}×${v}`).join(' ');
}

// --- checks ------------------------------------------------------------------------------------
const results = [];
async function check(name, fn) {
  const started = Date.now();
  try {
    const detail = await fn();
    results.push(true);
    log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)${detail ? `\n    ${detail}` : ''}`);
  } catch (error) {
    results.push(false);
    log(`✖ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)\n    ${error instanceof Error ? error.message : String(error)}`);
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function main_() {
  if (!existsSync(NGINX)) throw new Error(`${NGINX} not found (apt-get install nginx), or set NGINX`);
  if (!existsSync(main)) {
    log('Building the server (npm run build:server)…');
    execFileSync(process.execPath, [join(root, 'packages/server/scripts/build.mjs')], { stdio: 'inherit' });
  }
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const cdn = join(root, 'dist/cdn', `v${version}`);
  if (!existsSync(join(cdn, 'manifest.json'))) {
    log('Building the widgets (npm run build)…');
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  }

  const databaseUrl = await startPostgres();
  const ports = [];
  for (let i = 0; i < INSTANCES; i++) ports.push(await freePort());
  const instances = ports.map((p, i) => new Instance(i, p, databaseUrl));
  cleanups.push(async () => {
    await Promise.all(instances.map(async (i) => {
      const stopping = i.stop('SIGTERM');
      await Promise.race([stopping, sleep(15_000)]);
      if (i.child && i.child.exitCode === null && i.child.signalCode === null) i.child.kill('SIGKILL');
    }));
  });
  // All at once on the empty database: the setup lock lets one migrate and seed.
  const t0 = Date.now();
  await Promise.all(instances.map((i) => i.start()));
  log(`${INSTANCES} instances ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (started together on an empty database)`);
  const lb = await startNginx(instances);

  const db = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  cleanups.push(() => db.end());
  const agencyRows = (await db.query(`select record from agencies order by code`)).rows.map((r) => (typeof r.record === 'string' ? JSON.parse(r.record) : r.record));
  const agency = agencyRows.find((a) => a.level === 'province' && a.booking?.enabled) ?? agencyRows.find((a) => a.booking?.enabled);
  assert(agency, 'no agency takes bookings');
  const capacity = 3;
  await db.query(`update agencies set record = $1 where code = $2`, [
    JSON.stringify({ ...agency, booking: { ...agency.booking, capacityPerSlot: capacity, maxPerPhonePerDay: 5, requiresCccd: false } }),
    agency.code,
  ]);
  const procedure = (await db.query(`select procedure_code from agency_procedures where agency_code = $1 order by procedure_code limit 1`, [agency.code])).rows[0].procedure_code;
  const openSlots = async () => {
    const r = await send(`${lb}/v1/agencies/${agency.code}/slots?procedure=${procedure}`);
    if (r.status !== 200) throw new Error(`slots: ${r.status} ${r.text}`);
    return r.body.days.flatMap((d) => d.slots).filter((s) => s.remaining > 0).map((s) => s.start);
  };
  let slots = await openSlots();
  const booking = (start) => ({ agency: agency.code, procedure, start, fullName: 'Nguyễn Thị Cụm', phone: nextPhone() });
  const metricsOf = (i) => send(`${i.url}/metrics`).then((r) => r.text ?? '');
  const createCount = (text) => [...text.matchAll(/^dvc_http_requests_total\{operation="createAppointment",method="POST",status="\d+"\} (\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);

  await check('nginx serves the widget files with their caching headers and passes the API’s through', async () => {
    const chunk = readdirSync(join(cdn, 'chunks')).find((f) => f.endsWith('.js'));
    const c = await send(`${lb}/dist/cdn/v${version}/chunks/${chunk}`, { headers: { origin: 'https://xa.example.vn' } });
    assert(c.status === 200, `chunk: ${c.status}`);
    assert(c.headers.get('cache-control') === 'public, max-age=31536000, immutable', `chunk Cache-Control: ${c.headers.get('cache-control')}`);
    assert(c.headers.get('access-control-allow-origin') === '*', 'chunk: any origin may load it');
    assert(/^text\/javascript/.test(c.headers.get('content-type') ?? ''), `chunk Content-Type: ${c.headers.get('content-type')}`);
    const loader = await send(`${lb}/dist/cdn/v${version}/dvc-widgets.js`);
    assert(loader.status === 200, `loader: ${loader.status}`);
    assert(/max-age=300/.test(loader.headers.get('cache-control') ?? ''), `loader Cache-Control: ${loader.headers.get('cache-control')}`);
    const etag = loader.headers.get('etag');
    assert(etag, 'loader: an ETag to revalidate with');
    const again = await send(`${lb}/dist/cdn/v${version}/dvc-widgets.js`, { headers: { 'if-none-match': etag } });
    assert(again.status === 304, `loader revalidation: ${again.status}`);
    const index = await send(`${lb}/v1/procedure-index?agency=${agency.code}`, { headers: { 'x-request-id': 'cluster-check-1' } });
    assert(index.status === 200, `procedure index: ${index.status}`);
    assert(index.headers.get('x-request-id') === 'cluster-check-1', 'the request id comes back through nginx');
    assert(/max-age=300/.test(index.headers.get('cache-control') ?? ''), `index Cache-Control: ${index.headers.get('cache-control')}`);
    const revalidated = await send(`${lb}/v1/procedure-index?agency=${agency.code}`, { headers: { 'if-none-match': index.headers.get('etag') } });
    assert(revalidated.status === 304, `index revalidation through nginx: ${revalidated.status}`);
    const dossier = await send(`${lb}/v1/dossiers/000.00.01.H29-200101-0001`, { headers: { 'x-forwarded-for': '203.0.113.200' } });
    assert(dossier.headers.get('cache-control') === 'no-store', 'personal lookups stay no-store');
    for (const p of ['/metrics', '/readyz', '/healthz']) assert((await send(`${lb}${p}`)).status === 404, `${p} is not exposed through nginx`);
    return `chunk immutable, loader max-age=300 + 304, API ETag/304, X-Request-Id and no-store passed through; probes internal`;
  });

  await check(`500 concurrent bookings for one slot across ${INSTANCES} instances → exactly its capacity (${capacity})`, async () => {
    assert(slots.length > 20, `open slots: ${slots.length}`);
    const start = slots.shift();
    const before = await Promise.all(instances.map(metricsOf));
    const answers = await Promise.all(Array.from({ length: 500 }, () => post(`${lb}/v1/appointments`, booking(start))));
    const created = answers.filter((a) => a.status === 201);
    const after = await Promise.all(instances.map(metricsOf));
    const perInstance = after.map((m, i) => createCount(m) - createCount(before[i]));
    assert(created.length === capacity, `201 answers: ${created.length} (${tally(answers)})`);
    assert(answers.every((a) => a.status === 201 || (a.status === 409 && a.body?.error?.details?.reason === 'slot_full')), `others: ${tally(answers)}`);
    const row = (await db.query(`select booked, capacity from slot_bookings where agency_code = $1 and slot_start = $2`, [agency.code, start])).rows[0];
    assert(row?.booked === capacity, `slot row: ${JSON.stringify(row)}`);
    const stored = (await db.query(`select code from appointments where agency_code = $1 and start_at = $2 and status = 'booked'`, [agency.code, start])).rows.map((r) => r.code).sort();
    assert(JSON.stringify(stored) === JSON.stringify(created.map((c) => c.body.code).sort()), `stored ${stored} vs answered`);
    assert(perInstance.every((n) => n > 0), `requests per instance: ${perInstance}`);
    return `${tally(answers)}; requests per instance ${perInstance.join(' / ')}`;
  });

  await check('one Idempotency-Key sent to two instances at once → one booking', async () => {
    const key = randomUUID();
    const body = booking(slots.shift());
    const [a, b] = await Promise.all([post(`${instances[0].url}/v1/appointments`, body, key), post(`${instances[1].url}/v1/appointments`, body, key)]);
    const first = [a, b].find((r) => r.status === 201);
    assert(first, `answers: ${a.status} ${b.status}`);
    for (const r of [a, b]) assert(r.status === 201 || (r.status === 409 && r.body?.error?.details?.reason === 'in_progress'), `answer ${r.status} ${r.text}`);
    const replays = await Promise.all(instances.map((i) => post(`${i.url}/v1/appointments`, body, key)));
    for (const r of replays) {
      assert(r.status === 201 && r.headers.get('idempotent-replayed') === 'true' && r.body.code === first.body.code, `replay: ${r.status} ${r.body?.code}`);
    }
    const rows = (await db.query(`select code from appointments where phone = $1`, [body.phone])).rows;
    assert(rows.length === 1 && rows[0].code === first.body.code, `bookings for the phone: ${rows.length}`);
    return `answers ${a.status} + ${b.status}, replays from every instance carry ${first.body.code}`;
  });

  await check('lookup limits hold across instances (per code family from many clients, per client)', async () => {
    const family = [];
    for (let n = 1; n <= LIMITS.perCode + 6; n++) {
      const target = instances[n % INSTANCES];
      const r = await send(`${target.url}/v1/dossiers/000.00.01.H29-200102-${String(n).padStart(4, '0')}`, { headers: { 'x-forwarded-for': `198.51.100.${n}` } });
      family.push(r.status);
    }
    assert(family.filter((s) => s === 404).length === LIMITS.perCode && family.slice(LIMITS.perCode).every((s) => s === 429), `per code family: ${family.join(',')}`);
    const client = [];
    for (let n = 1; n <= LIMITS.perIp + 5; n++) {
      const target = instances[n % INSTANCES];
      const r = await send(`${target.url}/v1/dossiers/000.00.01.H29-2002${String(10 + (n % 18)).padStart(2, '0')}-${String(n).padStart(4, '0')}`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
      client.push(r.status);
    }
    assert(client.filter((s) => s === 404).length === LIMITS.perIp && client.slice(LIMITS.perIp).every((s) => s === 429), `per client: ${client.join(',')}`);
    return `code family: ${LIMITS.perCode} answered then 429 across instances; one client: ${LIMITS.perIp} then 429`;
  });

  await check('kill -9 of an instance under booking load → every 201 is stored, the other kept answering', async () => {
    slots = await openSlots();
    const victim = instances[0];
    const survivor = instances[1];
    const total = 240;
    const answers = [];
    let sent = 0;
    let killed = false;
    const probes = [];
    let probing = true;
    const prober = (async () => {
      while (probing) {
        probes.push(await send(`${survivor.url}/v1/agencies/${agency.code}`));
        await sleep(50);
      }
    })();
    const worker = async () => {
      while (sent < total) {
        const n = sent++;
        const body = booking(slots[n % slots.length]);
        const r = await post(`${lb}/v1/appointments`, body);
        answers.push({ ...r, phone: body.phone });
        if (!killed && answers.length >= 40) {
          killed = true;
          victim.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    probing = false;
    await prober;
    assert(killed && victim.exits.at(-1)?.signal === 'SIGKILL', 'the instance was killed');
    const created = answers.filter((a) => a.status === 201);
    const missing = [];
    for (const a of created) {
      const row = (await db.query(`select status, phone from appointments where code = $1`, [a.body.code])).rows[0];
      if (!row || row.status !== 'booked' || row.phone !== a.phone) missing.push(a.body.code);
    }
    assert(created.length > 40, `201 answers: ${created.length} (${tally(answers)})`);
    assert(missing.length === 0, `answered 201 but not stored: ${missing.join(', ')}`);
    const failedProbes = probes.filter((p) => p.status !== 200);
    assert(failedProbes.length === 0, `the other instance failed ${failedProbes.length} of ${probes.length} probes`);
    const after = await post(`${lb}/v1/appointments`, booking(slots[0]));
    assert(after.status === 201 || after.status === 409, `a booking after the crash: ${after.status}`);
    await victim.start();
    return `${tally(answers)}; all ${created.length} bookings answered 201 are stored; the other instance answered ${probes.length}/${probes.length} probes`;
  });

  await check('a rolling restart under load (SIGTERM, start, ready; one instance after the other) → no 5xx', async () => {
    slots = await openSlots();
    const answers = [];
    let running = true;
    const reads = [
      `${lb}/v1/procedures?q=khai%20sinh&agency=${agency.code}`,
      `${lb}/v1/procedure-index?agency=${agency.code}`,
      `${lb}/v1/agencies/${agency.code}/slots?procedure=${procedure}`,
      `${lb}/v1/fields?agency=${agency.code}`,
    ];
    let n = 0;
    const worker = async (w) => {
      while (running) {
        const i = n++;
        const r = w % 4 === 0 ? await post(`${lb}/v1/appointments`, booking(slots[i % slots.length])) : await send(reads[i % reads.length]);
        answers.push(r);
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
    await sleep(1500);
    const exits = [];
    for (const instance of instances) {
      exits.push(await instance.stop('SIGTERM'));
      await instance.start();
      await sleep(1000);
    }
    running = false;
    await load;
    const bad = answers.filter((a) => a.status === 0 || a.status >= 500);
    assert(exits.every((e) => e?.code === 0), `exits on SIGTERM: ${JSON.stringify(exits)}`);
    assert(answers.length > 100, `requests during the restart: ${answers.length}`);
    assert(bad.length === 0, `${bad.length} failed of ${answers.length}: ${tally(bad)}`);
    return `${answers.length} requests (${tally(answers)}); every instance exited 0 on SIGTERM`;
  });

  await check('the database is consistent afterwards (no slot over capacity, counts match the bookings)', async () => {
    const over = (await db.query(`select count(*)::int as n from slot_bookings where booked > capacity`)).rows[0].n;
    const mismatched = (
      await db.query(`select s.slot_start, s.booked, count(a.code)::int as n from slot_bookings s
        left join appointments a on a.agency_code = s.agency_code and a.start_at = s.slot_start and a.status = 'booked'
        group by s.agency_code, s.slot_start, s.booked having s.booked <> count(a.code)`)
    ).rows;
    assert(over === 0, `${over} slots over capacity`);
    assert(mismatched.length === 0, `booked counts that do not match the bookings: ${JSON.stringify(mismatched.slice(0, 3))}`);
  });
}

let setupError;
try {
  await main_();
} catch (error) {
  setupError = error;
  results.push(false);
  log(`✖ cluster set-up: ${error instanceof Error ? error.stack : String(error)}`);
} finally {
  for (const c of cleanups.reverse()) {
    try {
      await c();
    } catch (error) {
      log(`(clean-up: ${error instanceof Error ? error.message : String(error)})`);
    }
  }
  if (results.includes(false) || setupError) log(`logs kept in ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
const passed = results.filter(Boolean).length;
const failed = results.length - passed;
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
