import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { HttpError } from './errors.js';

/** Printable ASCII without spaces, 8–128 characters (the contract's documented range). */
export const IDEMPOTENCY_KEY_RE = /^[\x21-\x7e]{8,128}$/;

/** Keys are remembered for a day: long enough for any offline outbox to retry. */
const KEY_TTL_MS = 24 * 60 * 60 * 1000;
/** A lock row this old whose request never finished (process crash) is taken over. */
const STALE_LOCK_MS = 60 * 1000;

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` hash the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export const bodyHash = (body: unknown): string => createHash('sha256').update(canonicalJson(body)).digest('hex');

export interface Outcome {
  status: number;
  body: unknown;
}

/**
 * Runs `execute` at most once per (key, route). The lock row is inserted *before* the work, so
 * of two concurrent requests with one key only the one whose insert succeeded executes; the
 * other sees the row and is told to retry (in progress) or gets the stored answer.
 * Answers below 500 are stored and replayed; a 5xx deletes the row so a retry runs again.
 */
export async function runIdempotent(
  db: Kysely<Database>,
  now: () => Date,
  request: { key: string; route: string; hash: string },
  execute: () => Promise<Outcome>,
): Promise<Outcome & { replayed: boolean }> {
  const t = now().getTime();
  await db
    .deleteFrom('idempotency_keys')
    .where('key', '=', request.key)
    .where('route', '=', request.route)
    .where((eb) =>
      eb.or([
        eb('created_at', '<', new Date(t - KEY_TTL_MS)),
        eb.and([eb('status', 'is', null), eb('created_at', '<', new Date(t - STALE_LOCK_MS))]),
      ]),
    )
    .execute();

  const locked = await db
    .insertInto('idempotency_keys')
    .values({ key: request.key, route: request.route, body_hash: request.hash, status: null, response: null, created_at: new Date(t).toISOString() })
    .onConflict((oc) => oc.columns(['key', 'route']).doNothing())
    .returning('key')
    .executeTakeFirst();

  if (!locked) {
    const previous = await db
      .selectFrom('idempotency_keys')
      .select(['body_hash', 'status', 'response'])
      .where('key', '=', request.key)
      .where('route', '=', request.route)
      .executeTakeFirst();
    if (!previous) {
      throw new HttpError('conflict', 'A request with this Idempotency-Key is in progress', { reason: 'in_progress' }, { 'Retry-After': '1' });
    }
    if (previous.body_hash !== request.hash) {
      throw new HttpError('unprocessable', 'This Idempotency-Key was used with a different request body', {
        reason: 'idempotency_key_reused',
      });
    }
    if (previous.status === null || previous.response === null) {
      throw new HttpError('conflict', 'A request with this Idempotency-Key is in progress', { reason: 'in_progress' }, { 'Retry-After': '1' });
    }
    return { status: previous.status, body: JSON.parse(previous.response), replayed: true };
  }

  let outcome: Outcome;
  try {
    outcome = await execute();
  } catch (error) {
    await db.deleteFrom('idempotency_keys').where('key', '=', request.key).where('route', '=', request.route).execute();
    throw error;
  }
  if (outcome.status >= 500) {
    await db.deleteFrom('idempotency_keys').where('key', '=', request.key).where('route', '=', request.route).execute();
  } else {
    await db
      .updateTable('idempotency_keys')
      .set({ status: outcome.status, response: JSON.stringify(outcome.body) })
      .where('key', '=', request.key)
      .where('route', '=', request.route)
      .execute();
  }
  return { ...outcome, replayed: false };
}
