// A second origin for browser tests of core's fault model: a tiny Node HTTP server on
// 127.0.0.1:<port>, started by the test runner, that answers the way misconfigured or unfriendly
// servers really do — a CORS policy that allows public reads but not writes, no CORS at all, an
// HTML 404, a single-page-app fallback, a redirect to a login page, a gateway's 502, and the
// reference server's `409 in_progress` for a key still being processed. The test page runs on the
// runner's origin (localhost:<port>), so every request here is a real cross-origin request and
// every refusal is the browser's own.
//
// URLs: `http://127.0.0.1:<port>/<scenario>/<run>/<path>`; `<run>` separates tests (logs are per
// run); `GET /<scenario>/<run>/_log` answers what the server received (always CORS-readable).
// Test command `dvc-fault-server` → `{ port, deadPort }` (`deadPort`: nothing listens there).
import { createServer } from 'node:http';

const FIELDS = { items: [{ name: 'Hộ tịch', procedureCount: 12 }] };
const PAGE = '<!doctype html><html lang="vi"><head><title>Cổng thông tin</title></head><body><div id="app"></div></body></html>';

/** Every header a write needs, for the scenarios that allow writes. */
const OPEN_CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type, idempotency-key, if-none-match',
  'access-control-expose-headers': 'DVC-API, Retry-After',
};
const READ_CORS = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'DVC-API' };

function receipt(dossierCode) {
  return { reference: 'DG-FAULT-1', surveyId: 'default', dossierCode, submittedAt: '2026-03-10T08:15:00+07:00' };
}

function readBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

export function createFaultServer() {
  /** run → { requests: [{ method, path, key }], resources: Map<key, body> } */
  const logs = new Map();
  const log = (run) => {
    if (!logs.has(run)) logs.set(run, { requests: [], resources: new Map(), inProgress: new Map() });
    return logs.get(run);
  };

  async function handle(req, res) {
    const url = new URL(req.url, 'http://fault.local');
    const [, scenario = '', run = '', ...rest] = url.pathname.split('/');
    const path = `/${rest.join('/')}`;
    const entry = log(run);
    const send = (status, headers, body = '') => {
      res.writeHead(status, { 'cache-control': 'no-store', ...headers });
      res.end(body);
    };
    if (path === '/_log') {
      return send(200, { ...READ_CORS, 'content-type': 'application/json' }, JSON.stringify({
        requests: entry.requests,
        resources: entry.resources.size,
      }));
    }
    const body = req.method === 'POST' ? await readBody(req) : '';
    entry.requests.push({ method: req.method, path, key: req.headers['idempotency-key'] ?? null, mode: req.headers['sec-fetch-mode'] ?? null });
    const json = (status, value, headers = {}) =>
      send(status, { 'content-type': 'application/json; charset=utf-8', 'dvc-api': '1', ...headers }, JSON.stringify(value));

    switch (scenario) {
      // The API as H1 plans it for a portal that is not allow-listed: public reads to any origin,
      // writes refused at the preflight (no Access-Control-Allow-Origin on it).
      case 'writes-refused':
        if (req.method === 'OPTIONS') return send(204, {});
        if (req.method === 'GET' && path === '/v1/fields') return json(200, FIELDS, READ_CORS);
        return json(201, receipt('000.00.01.H29-260310-0420'));
      // Some server with no CORS at all (the API address points at the wrong host).
      case 'no-cors':
        return json(200, FIELDS);
      // A static server or CDN that serves files to any origin, and this path does not exist.
      case 'html404':
        return send(404, { ...READ_CORS, 'content-type': 'text/html; charset=utf-8' }, '<h1>404 Not Found</h1>');
      // A portal's single-page app: index.html for every path.
      case 'spa':
        return send(200, { ...READ_CORS, 'content-type': 'text/html; charset=utf-8' }, PAGE);
      // A login wall in front of the address.
      case 'login':
        if (path === '/login') return send(200, { ...READ_CORS, 'content-type': 'text/html; charset=utf-8' }, '<form action="/login">');
        return send(302, { ...READ_CORS, location: `/${scenario}/${run}/login?next=${encodeURIComponent(path)}` });
      // nginx in front of an API that is down.
      case 'gateway':
        if (req.method === 'OPTIONS') return send(204, OPEN_CORS);
        return send(502, { ...OPEN_CORS, 'content-type': 'text/html' }, '<html><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>');
      // The reference server's answer while the same Idempotency-Key is being processed: twice
      // `409 in_progress` (Retry-After: 0), then the resource, created once per key.
      case 'in-progress': {
        if (req.method === 'OPTIONS') return send(204, OPEN_CORS);
        if (req.method === 'GET' && path === '/v1/fields') return json(200, FIELDS, OPEN_CORS);
        const key = String(req.headers['idempotency-key'] ?? '');
        const seen = (entry.inProgress.get(key) ?? 0) + 1;
        entry.inProgress.set(key, seen);
        if (seen <= 2) {
          return json(409, { error: { code: 'conflict', message: 'A request with this Idempotency-Key is in progress', details: { reason: 'in_progress' } } }, { ...OPEN_CORS, 'retry-after': '0' });
        }
        if (!entry.resources.has(key)) entry.resources.set(key, body);
        return json(201, receipt(JSON.parse(entry.resources.get(key)).dossierCode), OPEN_CORS);
      }
      default:
        return send(404, { 'content-type': 'text/plain' }, `unknown scenario ${scenario}`);
    }
  }

  let server;
  let port;
  let deadPort;

  async function start() {
    server = createServer((req, res) => {
      handle(req, res).catch((error) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = server.address().port;
    // A port nothing listens on: a server that is down (connection refused).
    const probe = createServer();
    await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
    deadPort = probe.address().port;
    await new Promise((resolve) => probe.close(resolve));
  }

  /** Test-runner plugin: starts with the runner, answers `dvc-fault-server`, stops with it. */
  const plugin = {
    name: 'dvc-fault-server',
    async serverStart() {
      await start();
    },
    async executeCommand({ command }) {
      if (command !== 'dvc-fault-server') return undefined;
      return { port, deadPort };
    },
    async serverStop() {
      await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
    },
  };
  return { plugin };
}
