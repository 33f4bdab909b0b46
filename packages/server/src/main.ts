/**
 * Command-line entry: `npx tsx packages/server/src/main.ts`. Configuration comes from the
 * environment (see packages/server/README.md).
 */
import { startFromEnv } from './cli.js';

try {
  await startFromEnv();
} catch (error) {
  console.error(`dvc-widgets server could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
