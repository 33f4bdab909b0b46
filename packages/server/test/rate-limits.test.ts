/** Rate limits in the database: shared by instances, kept across restarts, per client and per code. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { sql } from 'kysely';
import { createApp, type AppConfigInput, type OpenedDatabase } from '../src/index.js';
import { codeFamily } from '../src/http/rate-limit.js';
import { NOW, call, databases, seeded, silent, type TestApp } from './harness.js';

const instance = (opened: OpenedDatabase, rateLimit: AppConfigInput['rateLimit']): TestApp =>
  createApp({ db: opened.db, now: () => NOW, logger: silent, config: { trustProxy: true, rateLimit: { windowMs: 60_000, ...rateLimit } } });

let ipSeq = 0;
/** A fresh client address per call, so tests never share a budget by accident. */
const newIp = () => `198.51.${Math.floor(++ipSeq / 250) % 250}.${(ipSeq % 250) + 1}`;
const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });

describe('code families', () => {
  it('drops the day’s sequence of a dossier code; other codes stay whole', () => {
    assert.equal(codeFamily('000.00.01.H29-260310-0420'), '000.00.01.H29-260310');
    assert.equal(codeFamily('000.00.01.h29-260310-0421 '), '000.00.01.H29-260310');
    assert.equal(codeFamily('LH-7K3M9Q'), 'LH-7K3M9Q');
  });
});

for (const tdb of databases()) {
  describe(`rate limits on ${tdb.name}`, () => {
    let opened: OpenedDatabase;
    let dossierCode: string;
    before(async () => {
      opened = await seeded(tdb);
      dossierCode = (await opened.db.selectFrom('dossiers').select('code').orderBy('code').executeTakeFirstOrThrow()).code;
    });
    after(() => opened.close());

    it('holds one budget across instances on one database, and across a restart', async () => {
      const limits = { lookups: 4, codeLookups: 0, writes: 0 };
      const a = instance(opened, limits);
      const b = instance(opened, limits);
      const ip = newIp();
      const url = '/v1/dossiers/000.00.01.H29-260311-0001';
      for (const app of [a, b, a, b]) assert.equal((await call(app, 'GET', url, from(ip))).status, 404);
      const refused = await call(a, 'GET', url, from(ip));
      assert.equal(refused.status, 429, 'the fifth lookup is over the shared budget, whichever instance it reaches');
      assert.equal((await call(b, 'GET', url, from(ip))).status, 429);
      const restarted = instance(opened, limits);
      assert.equal((await call(restarted, 'GET', url, from(ip))).status, 429, 'a restart does not reset the budget');
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      assert.equal((await call(restarted, 'GET', url, from(newIp()))).status, 404, 'other clients keep their own budget');
    });

    it('refuses an enumeration of one code family from many addresses', async () => {
      const app = instance(opened, { lookups: 1000, codeLookups: 5, writes: 0 });
      const statuses: number[] = [];
      for (let i = 1; i <= 8; i++) {
        const r = await call(app, 'GET', `/v1/dossiers/000.00.01.H29-260312-${String(i).padStart(4, '0')}`, from(newIp()));
        statuses.push(r.status);
      }
      assert.deepEqual(statuses, [404, 404, 404, 404, 404, 429, 429, 429]);
      // Survey eligibility looks up the same codes: it shares the family's budget.
      const eligibility = await call(app, 'GET', '/v1/surveys/mot-cua/eligibility/000.00.01.H29-260312-0099', from(newIp()));
      assert.equal(eligibility.status, 429);
      assert.equal((await call(app, 'GET', '/v1/dossiers/000.00.01.H29-260313-0001', from(newIp()))).status, 404, 'another family is not affected');
    });

    it('refuses guessing the phone of one appointment code from many addresses', async () => {
      const app = instance(opened, { lookups: 1000, codeLookups: 3, writes: 0 });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push((await call(app, 'GET', `/v1/appointments/LH-7K3M9Q?phone=09123456${String(10 + i)}`, from(newIp()))).status);
      }
      assert.deepEqual(statuses, [404, 404, 404, 429, 429]);
    });

    it('lets a citizen re-check a dossier, and a commune behind one address look up its own dossiers (defaults)', async () => {
      const app = createApp({ db: opened.db, now: () => NOW, logger: silent, config: { trustProxy: true } });
      const nat = newIp();
      for (let i = 0; i < 10; i++) assert.equal((await call(app, 'GET', `/v1/dossiers/${dossierCode}`, from(nat))).status, 200);
      // 150 more citizens behind the same carrier-grade NAT address, each checking their own code.
      let refused = 0;
      for (let day = 0; day < 150; day++) {
        const d = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000);
        const yymmdd = `${String(d.getUTCFullYear()).slice(2)}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
        const r = await call(app, 'GET', `/v1/dossiers/000.00.02.H29-${yymmdd}-0007`, from(nat));
        if (r.status === 429) refused++;
      }
      assert.equal(refused, 0);
    });

    it('decides with the local limiter when the shared store fails (fail open to a local limit)', async () => {
      const app = createApp({
        db: opened.db,
        now: () => NOW,
        logger: silent,
        config: { trustProxy: true, rateLimit: { windowMs: 60_000, lookups: 3, codeLookups: 0, writes: 0 } },
      });
      await sql`alter table rate_limits rename to rate_limits_away`.execute(opened.db);
      try {
        const ip = newIp();
        const statuses: number[] = [];
        for (let i = 0; i < 5; i++) statuses.push((await call(app, 'GET', '/v1/dossiers/000.00.01.H29-260314-0001', from(ip))).status);
        assert.deepEqual(statuses, [404, 404, 404, 429, 429], 'answered, and still limited');
        const m = await call(app, 'GET', '/metrics');
        assert.match(m.text, /dvc_rate_limit_store_fallbacks_total\{bucket="lookup-ip"\} 5/);
      } finally {
        await sql`alter table rate_limits_away rename to rate_limits`.execute(opened.db);
      }
    });

    if (tdb.name === 'postgres') {
      it('does not wait for a slow store longer than storeTimeoutMs', async () => {
        const app = createApp({
          db: opened.db,
          now: () => NOW,
          logger: silent,
          config: { trustProxy: true, rateLimit: { windowMs: 60_000, lookups: 3, codeLookups: 0, writes: 0, storeTimeoutMs: 100 } },
        });
        // Another session holds the table: every limiter query waits behind its lock.
        const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(opened.db)).rows[0]!.s;
        const blocker = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await blocker.connect();
        await blocker.query('begin');
        await blocker.query(`lock table ${schema}.rate_limits in access exclusive mode`);
        try {
          const started = performance.now();
          const r = await call(app, 'GET', '/v1/dossiers/000.00.01.H29-260315-0001', from(newIp()));
          const ms = performance.now() - started;
          assert.equal(r.status, 404);
          assert.ok(ms < 2000, `answered in ${Math.round(ms)} ms`);
          assert.match((await call(app, 'GET', '/metrics')).text, /dvc_rate_limit_store_fallbacks_total\{bucket="lookup-ip"\} 1/);
        } finally {
          await blocker.query('rollback');
          await blocker.end();
        }
      });
    }
  });
}
