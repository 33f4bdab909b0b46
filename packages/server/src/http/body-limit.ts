import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { envelope } from './errors.js';

/** Refuses request bodies over `maxBytes` with a 413 in the error envelope, before they are read whole. */
export function requestBodyLimit(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => c.json(envelope('payload_too_large', `The request body is larger than ${maxBytes} bytes`, { maxBytes }), 413),
  });
}
