import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import { HttpError } from './errors.js';

/**
 * Read-only file serving for the demos, the built widgets and package sources. Only the listed
 * top-level folders are reachable, and never a dot-folder (`.git`, `.data` with the database),
 * `node_modules`, or anything a symlink resolves to outside the root.
 *
 * An HTML file with a sibling `<name>.html.csp` is served with that file's text as its
 * `Content-Security-Policy` header: a page can demonstrate working under a real, header-delivered
 * policy (demos/strict-csp.html) without the server knowing any page by name.
 */
export function serveStaticTree(rootDir: string, topLevel: string[]): MiddlewareHandler {
  const root = realpathSync(resolve(rootDir));
  const inner = serveStatic({ root, index: 'index.html' });
  return async (c, next) => {
    let segments: string[];
    try {
      segments = decodeURIComponent(c.req.path).split('/').filter(Boolean);
    } catch {
      throw new HttpError('invalid_request', 'Malformed path');
    }
    const hidden = segments.some((s) => s.startsWith('.') || s === 'node_modules' || s.includes('\\') || s.includes('\0'));
    if (!segments.length || !topLevel.includes(segments[0]!) || hidden) {
      throw new HttpError('not_found', 'No such resource', { path: c.req.path });
    }
    let real: string;
    try {
      real = realpathSync(resolve(root, ...segments));
      if (real !== root && !real.startsWith(root + sep)) throw new HttpError('not_found', 'No such resource', { path: c.req.path });
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw new HttpError('not_found', 'No such resource', { path: c.req.path });
    }
    const response = await inner(c, next);
    // Line breaks in the file are folded to spaces (a header value cannot hold them).
    const policy = real.endsWith('.html') && existsSync(`${real}.csp`) ? readFileSync(`${real}.csp`, 'utf8').replace(/\s+/g, ' ').trim() : '';
    if (policy && c.res.status === 200) c.res.headers.set('Content-Security-Policy', policy);
    return response;
  };
}
