// One MSW worker for browser tests and Storybook: fixtures are defined once in test/mocks/handlers.
import { setupWorker } from 'msw/browser';
import { handlers } from './handlers/index.js';

export { MOCK_API } from './api.js';
export { http, HttpResponse, delay } from 'msw';

export const worker = setupWorker(...handlers);

let started: Promise<unknown> | undefined;

/** Starts the worker once per page; tests call it in `before()`. */
export function startMocks(): Promise<unknown> {
  started ??= worker.start({
    quiet: true,
    onUnhandledFrame: 'bypass',
    serviceWorker: { url: '/mockServiceWorker.js' },
  });
  return started;
}
