// The real reference server for e2e browser tests, proxied same-origin at `/api` so widgets under
// test use `api-base="/api"` with no CORS involved (the browser sees one origin, like a portal
// that reverse-proxies the API).
//
// The server starts on the first `/api` request (unit-test runs never pay for it) with an
// in-memory database, and closes with the test runner. Until packages/server exports
// `startServer`, `/api` answers 503 with an explanation instead of crashing the runner.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('../../', import.meta.url);

// Hop-by-hop headers belong to one connection and must not be forwarded (RFC 9110 §7.6.1).
const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer',
  'transfer-encoding', 'upgrade', 'host', 'content-length',
]);

class ApiUnavailable extends Error {
  name = 'ApiUnavailable';
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(ctx, status, code, message) {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.set('cache-control', 'no-store');
  ctx.body = JSON.stringify({ error: { code, message } });
}

/** Loads a TypeScript module of the repository (the config runs in plain Node). */
export async function importTs(path) {
  const { tsImport } = await import('tsx/esm/api');
  return tsImport(new URL(path, root).href, import.meta.url);
}

/**
 * Server command `dvc-demo-dossiers` (`executeServerCommand('dvc-demo-dossiers')` in a test):
 * the seed's well-known unrated returned dossier and every returned dossier without a rating, as
 * seeded by the running server (the codes carry the seed date, so they are rebuilt from the same
 * instant).
 */
const demoCache = new Map();
export function demoDossiers({ seedNow }) {
  const key = seedNow.getTime();
  if (!demoCache.has(key)) demoCache.set(key, buildDemoDossiers(seedNow));
  return demoCache.get(key);
}

async function buildDemoDossiers(seedNow) {
  const { buildSeed } = await importTs('packages/server/src/domain/index.ts');
  const seed = buildSeed(seedNow);
  const rated = new Set(seed.surveyResponses.map((r) => r.dossierCode));
  const wellKnown = new Set(Object.values(seed.wellKnown));
  return {
    wellKnown: seed.wellKnown,
    returnedUnrated: seed.wellKnown.returnedUnrated,
    // Without the well-known codes: tests that rate dossiers must not change the ones other tests read.
    unrated: seed.dossiers
      .filter((d) => d.status === 'returned' && !rated.has(d.code) && !wellKnown.has(d.code))
      .map((d) => d.code),
  };
}

/**
 * @param {{ mount?: string, entry?: string, options?: Record<string, unknown>, eager?: boolean,
 *   commands?: Record<string, (ctx: { server: { url: string }, seedNow: Date, payload: unknown }) => unknown> }} [config]
 * `entry` is relative to the repository root; `options` go to `startServer`; `eager` starts the
 * server in the background as soon as the test runner's server is up (for full runs, where the
 * e2e tests will need it anyway); `commands` answer `executeServerCommand(name, payload)` from
 * tests, once the server runs.
 */
export function createApiServerProxy(config = {}) {
  const mount = config.mount ?? '/api';
  const entry = config.entry ?? 'packages/server/src/index.ts';
  const commands = config.commands ?? {};
  const clock = config.options?.now ?? (() => new Date());
  /** The first instant the server asked for: the one it seeded its database with. */
  let seedNow;
  const options = {
    port: 0,
    dataDir: null,
    ...config.options,
    now: () => {
      const d = clock();
      seedNow ??= d;
      return d;
    },
  };
  /** @type {Promise<{ url: string, close(): Promise<void> | void }> | undefined} */
  let server;

  async function start() {
    const entryUrl = new URL(entry, root);
    if (!existsSync(fileURLToPath(entryUrl))) {
      throw new ApiUnavailable(`the reference server is not written yet (${entry} is missing)`);
    }
    // tsx's ESM API loads the TypeScript server without a build.
    const mod = await importTs(entry);
    if (typeof mod.startServer !== 'function') {
      throw new ApiUnavailable(`${entry} does not export startServer()`);
    }
    // Request logs would drown the test report; warnings and errors still show.
    process.env.LOG_LEVEL ??= 'warn';
    const started = await mod.startServer(options);
    if (!started || typeof started.url !== 'string') {
      throw new ApiUnavailable('startServer() did not return { url, close }');
    }
    return started;
  }

  function getServer() {
    server ??= start().catch((error) => {
      // A missing entry may appear later (watch mode); anything else is reported every time.
      if (error instanceof ApiUnavailable) server = undefined;
      throw error;
    });
    return server;
  }

  /** Koa middleware: `/api/x?y` → `${serverUrl}/x?y`, method, headers, body and status intact. */
  async function middleware(ctx, next) {
    if (ctx.path !== mount && !ctx.path.startsWith(`${mount}/`)) return next();

    let started;
    try {
      started = await getServer();
    } catch (error) {
      sendJson(ctx, 503, 'unavailable', `e2e API proxy: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }

    const target = started.url.replace(/\/$/, '') + (ctx.url.slice(mount.length) || '/');
    const headers = new Headers();
    for (const [name, value] of Object.entries(ctx.req.headers)) {
      if (HOP_BY_HOP.has(name) || value === undefined) continue;
      // Ask for an identity body: fetch would decode gzip and the length would no longer match.
      if (name === 'accept-encoding') continue;
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
    }
    // Node's fetch would otherwise ask for gzip itself; the server's answer must reach the page as sent
    // (strong ETag, exact length), so the proxy asks for an identity body.
    headers.set('accept-encoding', 'identity');
    headers.set('x-forwarded-for', ctx.ip || '127.0.0.1');
    headers.set('x-forwarded-host', ctx.host);
    headers.set('x-forwarded-proto', ctx.protocol);

    const method = ctx.method.toUpperCase();
    const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(ctx.req);

    let res;
    try {
      res = await fetch(target, { method, headers, body: body?.length ? body : undefined, redirect: 'manual' });
    } catch (error) {
      sendJson(ctx, 502, 'unavailable', `e2e API proxy: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    const payload = Buffer.from(await res.arrayBuffer());

    const out = {};
    res.headers.forEach((value, name) => {
      if (HOP_BY_HOP.has(name) || name === 'content-encoding' || name === 'set-cookie') return;
      out[name] = value;
    });
    const cookies = res.headers.getSetCookie?.() ?? [];
    if (cookies.length) out['set-cookie'] = cookies;
    if (res.status !== 204 && res.status !== 304) out['content-length'] = String(payload.length);

    // Write the answer ourselves: the test runner's outer middleware would otherwise stamp a
    // year-long cache-control on paths with a dot (dossier codes have dots) and add its own ETag.
    ctx.respond = false;
    ctx.res.writeHead(res.status, res.statusText, out);
    await new Promise((resolve) => ctx.res.end(method === 'HEAD' ? undefined : payload, resolve));
    return undefined;
  }

  /** Test-runner plugin: closes the server with the runner. */
  const plugin = {
    name: 'dvc-api-server',
    serverStart() {
      // Not awaited: the browsers launch meanwhile. A failure is reported on the first /api request.
      if (!config.eager) return;
      getServer()
        .then((started) => {
          // Warm the commands too: the browser gives up on a command after 20 s, and a cold
          // server plus a command can take longer than that on a busy machine.
          for (const handler of Object.values(commands)) {
            Promise.resolve(handler({ server: started, seedNow: seedNow ?? new Date(), payload: undefined })).catch(() => {});
          }
        })
        .catch(() => {});
    },
    async executeCommand({ command, payload }) {
      const handler = commands[command];
      if (!handler) return undefined; // another plugin's command
      const started = await getServer();
      return handler({ server: started, seedNow: seedNow ?? new Date(), payload });
    },
    async serverStop() {
      const pending = server;
      server = undefined;
      if (!pending) return;
      try {
        const started = await pending;
        await started.close();
      } catch {
        // It never started: nothing to close.
      }
    },
  };

  return { middleware, plugin, mount, getServer };
}
