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

/**
 * @param {{ mount?: string, entry?: string, options?: Record<string, unknown>, eager?: boolean }} [config]
 * `entry` is relative to the repository root; `options` go to `startServer`; `eager` starts the
 * server in the background as soon as the test runner's server is up (for full runs, where the
 * e2e tests will need it anyway).
 */
export function createApiServerProxy(config = {}) {
  const mount = config.mount ?? '/api';
  const entry = config.entry ?? 'packages/server/src/index.ts';
  const options = { port: 0, dataDir: null, ...config.options };
  /** @type {Promise<{ url: string, close(): Promise<void> | void }> | undefined} */
  let server;

  async function start() {
    const entryUrl = new URL(entry, root);
    if (!existsSync(fileURLToPath(entryUrl))) {
      throw new ApiUnavailable(`the reference server is not written yet (${entry} is missing)`);
    }
    // The config runs in plain Node: tsx's ESM API loads the TypeScript server without a build.
    const { tsImport } = await import('tsx/esm/api');
    const mod = await tsImport(entryUrl.href, import.meta.url);
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
      if (config.eager) getServer().catch(() => {});
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
