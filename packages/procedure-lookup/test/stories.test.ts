/**
 * Every story of stories/procedure-lookup.stories.ts rendered in the test browser with its own
 * MSW handlers, language, theme and play function, then checked with axe: each state the
 * stories show is also an accessible state.
 */
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import type { HttpHandler } from 'msw';
import { startMocks, worker } from '../../../test/mocks/browser.js';
import meta, * as stories from '../../../stories/procedure-lookup.stories.js';
import type { DvcProcedureLookup } from '../src/procedure-lookup.component.js';

interface StoryLike {
  args?: Record<string, unknown>;
  parameters?: { msw?: { handlers?: HttpHandler[] } };
  globals?: { locale?: string; theme?: string };
  play?: (context: { canvasElement: HTMLElement }) => Promise<void>;
}

/** The state each story must end in (data-state of the widget's content). */
const EXPECTED: Record<string, string> = {
  Initial: 'initial',
  InitialEnglishDarkPhone: 'initial',
  Loading: 'loading',
  LoadingPhone: 'loading',
  Results: 'results',
  ResultsEnglish: 'results',
  ResultsDarkPhone: 'results',
  ResultsFiltered: 'results',
  CodeLookup: 'results',
  ColloquialName: 'results',
  NoResults: 'empty',
  NoResultsEnglishDarkPhone: 'empty',
  ErrorServer: 'alert',
  ErrorServerEnglishPhone: 'alert',
  ErrorNetwork: 'alert',
  RateLimited: 'alert',
  OfflineWithSavedCatalog: 'offline-cached',
  OfflineWithSavedCatalogEnglishDarkPhone: 'offline-cached',
  ServerSearch: 'results',
  ServerSearchMalformed: 'alert',
  Detail: 'detail',
  DetailEnglish: 'detail',
  DetailDarkPhone: 'detail',
  DetailLoading: 'loading',
  DetailNotFound: 'not-found',
  DetailError: 'alert',
};

const named = Object.entries(stories).filter(([name]) => name !== 'default') as [string, StoryLike][];

describe('procedure-lookup stories', () => {
  before(() => startMocks());
  afterEach(() => worker.resetHandlers());

  it('cover every state listed here, and nothing unlisted', () => {
    expect(named.map(([n]) => n).sort()).to.deep.equal(Object.keys(EXPECTED).sort());
  });

  for (const [name, story] of named) {
    it(`${name} renders its state accessibly`, async () => {
      const handlers = story.parameters?.msw?.handlers;
      if (handlers) worker.use(...handlers);
      const args = { ...(meta.args as Record<string, unknown>), ...story.args };
      const host = await fixture<HTMLDivElement>(document.createElement('div'));
      host.lang = story.globals?.locale ?? 'vi';
      render((meta.render as unknown as (a: unknown, c: unknown) => TemplateResult)(args, {}), host);
      const el = host.querySelector<DvcProcedureLookup>('dvc-procedure-lookup')!;
      if (story.globals?.theme) el.setAttribute('theme', story.globals.theme);
      await story.play?.({ canvasElement: host });
      const current = host.querySelector<DvcProcedureLookup>('dvc-procedure-lookup')!;
      const want = EXPECTED[name]!;
      const selector = want === 'alert' ? '[role="alert"]' : `[data-state="${want}"]`;
      await waitUntil(() => current.shadowRoot?.querySelector(selector), `${name}: ${selector}`, { timeout: 6000 });
      await expect(current).to.be.accessible();
    });
  }
});
