import { readFileSync } from 'node:fs';

/** Set by the server build (scripts/build.mjs): where the data folder is from the bundle. */
declare const __SERVER_DATA_URL__: string | undefined;
const DATA_URL = typeof __SERVER_DATA_URL__ === 'string' ? __SERVER_DATA_URL__ : '../../data/';

/**
 * Reads one of the package's own data files (`packages/server/data/`). The URL is resolved from
 * this module, so it works the same under tsx, plain node and from the bundle, whatever the
 * working directory.
 */
export function readDataJson<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(`${DATA_URL}${file}`, import.meta.url), 'utf8')) as T;
}
