import { readFileSync } from 'node:fs';

/**
 * Reads one of the package's own data files (`packages/server/data/`). The URL is resolved from
 * this module, so it works the same under tsx and plain node, whatever the working directory.
 */
export function readDataJson<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(`../../data/${file}`, import.meta.url), 'utf8')) as T;
}
