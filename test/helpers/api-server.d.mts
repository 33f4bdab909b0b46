import type { Middleware } from 'koa';

export interface StartedServer {
  url: string;
  close(): Promise<void> | void;
}

export interface ApiServerProxy {
  /** Koa middleware for web-test-runner's `middleware` list. */
  middleware: Middleware;
  /** Test-runner plugin that closes the server with the runner. */
  plugin: {
    name: string;
    serverStart(): void;
    executeCommand(args: { command: string; payload?: unknown }): Promise<unknown>;
    serverStop(): Promise<void>;
  };
  mount: string;
  getServer(): Promise<StartedServer>;
}

export function createApiServerProxy(config?: {
  mount?: string;
  entry?: string;
  options?: Record<string, unknown>;
  eager?: boolean;
  commands?: Record<string, (ctx: { server: StartedServer; seedNow: Date; payload: unknown }) => unknown>;
}): ApiServerProxy;

export function importTs(path: string): Promise<any>;

export function demoDossiers(ctx: { seedNow: Date }): Promise<{
  wellKnown: Record<string, string>;
  returnedUnrated: string;
  unrated: string[];
}>;
