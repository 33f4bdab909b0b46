/**
 * The embedded default survives a crash: a server on a PGlite data directory is killed (SIGKILL)
 * under booking load, started again on the same directory, and every booking it had answered
 * 201 is there. (Why it holds: src/db/connect.ts.)
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { phone } from './harness.js';

const serverRoot = fileURLToPath(new URL('..', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

async function start(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(serverRoot, 'src/main.ts')], {
    cwd: serverRoot,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_LOOKUPS: '0',
      RATE_LIMIT_CODE_LOOKUPS: '0',
      RATE_LIMIT_WRITES: '0',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return { child, url };
    } catch {
      // not listening yet
    }
    if (i > 3000) throw new Error('server did not become ready');
    await sleep(100);
  }
}

describe('PGlite after kill -9', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dvc-crash-'));
  const children: ChildProcess[] = [];
  after(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens on the same data directory with every booking that was answered 201', async () => {
    const dataDir = join(dir, 'pglite');
    const first = await start(dataDir);
    children.push(first.child);
    const agency = '000.00.00.H29';
    const slots = (await (await fetch(`${first.url}/v1/agencies/${agency}/slots`)).json()) as { days: { slots: { start: string; remaining: number }[] }[] };
    const starts = slots.days.flatMap((d) => d.slots).filter((s) => s.remaining > 0).map((s) => s.start);
    assert.ok(starts.length > 10, `open slots: ${starts.length}`);
    const procedure = ((await (await fetch(`${first.url}/v1/procedures?agency=${agency}&pageSize=1`)).json()) as { items: { code: string }[] }).items[0]!.code;

    const booked: { code: string; phone: string }[] = [];
    let seq = 0;
    let killed = false;
    const worker = async () => {
      while (!killed) {
        const n = ++seq;
        const number = phone(300_000 + n);
        try {
          const res = await fetch(`${first.url}/v1/appointments`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
            body: JSON.stringify({ agency, procedure, start: starts[n % starts.length], fullName: 'Vũ Thị Sập', phone: number, cccd: '001190012345' }),
          });
          const body = (await res.json()) as { code?: string };
          if (res.status === 201 && body.code) booked.push({ code: body.code, phone: number });
        } catch {
          // the connection died with the process: this request was not answered
        }
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, worker));
    while (booked.length < 20) await sleep(20);
    // Mid-load, with bookings in flight: no shutdown of any kind.
    first.child.kill('SIGKILL');
    killed = true;
    await load;
    await new Promise((r) => (first.child.exitCode !== null || first.child.signalCode !== null ? r(null) : first.child.once('exit', r)));
    assert.equal(first.child.signalCode, 'SIGKILL');

    const second = await start(dataDir);
    children.push(second.child);
    const missing: string[] = [];
    for (const b of booked) {
      const res = await fetch(`${second.url}/v1/appointments/${b.code}?phone=${b.phone}`);
      const body = (await res.json()) as { status?: string };
      if (res.status !== 200 || body.status !== 'booked') missing.push(`${b.code} (${res.status})`);
    }
    assert.deepEqual(missing, [], `${booked.length} bookings answered 201 before the kill`);
    // And it takes new bookings on the recovered database.
    const again = await fetch(`${second.url}/v1/appointments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ agency, procedure, start: starts[starts.length - 1], fullName: 'Vũ Thị Sập', phone: phone(399_999), cccd: '001190012345' }),
    });
    assert.ok(again.status === 201 || again.status === 409, `after recovery: ${again.status}`);
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
  });
});
