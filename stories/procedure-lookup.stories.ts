/**
 * <dvc-procedure-lookup>: one story per state — initial, loading, results, filtered, code lookup,
 * no results, errors (server, network, rate limit, malformed), offline with the saved catalog,
 * server search, detail (loading, loaded, not found). The MSW handlers serve the same real-data
 * fixtures as the tests. Language and theme come from the toolbar; the "… phone / English / dark"
 * stories pin them so each state is also seen in English, in dark and at 360 px.
 */
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { MOCK_API } from '../test/mocks/api.js';
import { procedureHandlers } from '../test/mocks/handlers/procedures.js';
import { procedureAgency, procedureIndex, procedureIndexEtag } from '../test/fixtures/procedures.js';
import '../packages/procedure-lookup/src/procedure-lookup.js';
import type { DvcProcedureLookup } from '../packages/procedure-lookup/src/procedure-lookup.component.js';

interface Args {
  agency: string;
  query: string;
  field: string;
  level: string;
  pageSize: number;
  serverSearch: boolean;
  bookingUrl: string;
}

type Story = StoryObj<Args>;

const api = (path: string) => `${MOCK_API}/v1${path}`;
const withHandlers = (...extra: HttpHandler[]) => ({ msw: { handlers: [...extra, ...procedureHandlers] } });
const errorAnswer = (status: number, code: string, headers?: Record<string, string>) =>
  HttpResponse.json({ error: { code, message: code } }, { status, headers });

const widget = (canvas: HTMLElement): DvcProcedureLookup => canvas.querySelector('dvc-procedure-lookup')!;

async function waitFor<T>(get: () => T | null | undefined | false, what: string, timeout = 8000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = get();
    if (value) return value;
    if (Date.now() - start > timeout) throw new Error(`Story: ${what} did not appear`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const inState = (el: DvcProcedureLookup, state: string) => el.shadowRoot?.querySelector(`[data-state="${state}"]`);

async function openDetail(canvas: HTMLElement, code: string, section = true) {
  const el = widget(canvas);
  await waitFor(() => inState(el, 'initial') || inState(el, 'results') || inState(el, 'empty'), 'catalog');
  el.openProcedure(code);
  if (section) await waitFor(() => el.shadowRoot?.querySelector('[data-section]') || inState(el, 'not-found'), 'detail');
}

const meta: Meta<Args> = {
  title: 'Widgets/Procedure lookup',
  component: 'dvc-procedure-lookup',
  args: {
    agency: procedureAgency.code,
    query: '',
    field: '',
    level: '',
    pageSize: 20,
    serverSearch: false,
    bookingUrl: '/dat-lich-hen',
  },
  argTypes: {
    level: { control: 'select', options: ['', 'commune', 'province', 'ministry', 'other'] },
  },
  parameters: withHandlers(),
  render: (args) => html`<dvc-procedure-lookup
    api-base=${MOCK_API}
    agency=${args.agency}
    query=${args.query}
    field=${args.field || undefined}
    level=${args.level || undefined}
    page-size=${args.pageSize}
    booking-url=${args.bookingUrl}
    ?server-search=${args.serverSearch}
  ></dvc-procedure-lookup>`,
};
export default meta;

const phone = { viewport: { value: 'phone', isRotated: false } };

/** Start screen: the search field and the fields (lĩnh vực) to browse. */
export const Initial: Story = {};
export const InitialEnglishDarkPhone: Story = { globals: { locale: 'en', theme: 'dark', ...phone } };

/** The catalog is still downloading (first visit on a slow link). */
export const Loading: Story = {
  parameters: withHandlers(
    http.get(api('/procedure-index'), async () => {
      await delay('infinite');
      return HttpResponse.json(procedureIndex);
    }),
  ),
  // A catalog already saved on the device would answer at once: use an agency never loaded.
  args: { agency: '000.00.07.H29' },
};
export const LoadingPhone: Story = { ...Loading, globals: { ...phone } };

/** "dk khai sinh": abbreviation, no accents; matched words highlighted. */
export const Results: Story = { args: { query: 'dk khai sinh' } };
export const ResultsEnglish: Story = { args: { query: 'chung thuc ban sao' }, globals: { locale: 'en' } };
export const ResultsDarkPhone: Story = { args: { query: 'dk tam tru can j' }, globals: { theme: 'dark', ...phone } };

/** A field filter from the attribute, with counts per option over the current matches. */
export const ResultsFiltered: Story = { args: { query: 'dang ky', field: 'Hộ tịch', pageSize: 5 } };

/** A procedure code goes straight to that procedure. */
export const CodeLookup: Story = { args: { query: '1.001193' } };

/** Colloquial name: sổ đỏ is the land-use right certificate. */
export const ColloquialName: Story = { args: { query: 'so do' } };

/** Nothing found: spelling tip, fields to browse, the office's phone number. */
export const NoResults: Story = { args: { query: 'visa passport' } };
export const NoResultsEnglishDarkPhone: Story = { ...NoResults, globals: { locale: 'en', theme: 'dark', ...phone } };

/** The catalog could not be loaded (server error): message and retry. */
export const ErrorServer: Story = {
  args: { agency: '000.00.08.H29' },
  parameters: withHandlers(http.get(api('/procedure-index'), () => errorAnswer(500, 'internal'))),
};
export const ErrorServerEnglishPhone: Story = { ...ErrorServer, globals: { locale: 'en', ...phone } };

/** The network failed and nothing is saved on the device yet. */
export const ErrorNetwork: Story = {
  args: { agency: '000.00.09.H29' },
  parameters: withHandlers(http.get(api('/procedure-index'), () => HttpResponse.error())),
};

/** Too many requests: the retry button waits for the countdown. */
export const RateLimited: Story = {
  args: { agency: '000.00.10.H29' },
  parameters: withHandlers(
    http.get(api('/procedure-index'), () => errorAnswer(429, 'rate_limited', { 'Retry-After': '45' })),
  ),
};

/**
 * Offline after a first visit: the catalog saved on the device (ETag + IndexedDB) still answers,
 * with a note saying when it was saved. The play function loads it once online, then reloads
 * the widget with the network gone.
 */
export const OfflineWithSavedCatalog: Story = {
  args: { query: 'khai tu' },
  parameters: withHandlers(
    http.get(api('/procedure-index'), ({ request }) =>
      request.headers.get('if-none-match')
        ? HttpResponse.error()
        : HttpResponse.json(procedureIndex, { headers: { ETag: procedureIndexEtag } }),
    ),
  ),
  play: async ({ canvasElement }) => {
    const first = widget(canvasElement);
    await waitFor(() => inState(first, 'results') || inState(first, 'offline-cached'), 'first load');
    if (inState(first, 'offline-cached')) return;
    const again = first.cloneNode() as DvcProcedureLookup;
    // Gone from the page first, long enough for the page's shared catalog to be let go (a widget
    // that replaces another at once would take the catalog already in memory): like a new visit.
    const place = first.parentNode!;
    const next = first.nextSibling;
    first.remove();
    await new Promise((r) => setTimeout(r, 0));
    place.insertBefore(again, next);
    await waitFor(() => inState(again, 'offline-cached'), 'offline note');
  },
};
export const OfflineWithSavedCatalogEnglishDarkPhone: Story = {
  ...OfflineWithSavedCatalog,
  globals: { locale: 'en', theme: 'dark', ...phone },
};

/** `server-search`: no catalog download, every query asks the API (`q`). */
export const ServerSearch: Story = { args: { serverSearch: true, query: 'chung thuc chu ky' } };

/** The server answered outside the contract (e.g. an HTML error page): clear message and retry. */
export const ServerSearchMalformed: Story = {
  args: { serverSearch: true, query: 'ket hon' },
  parameters: withHandlers(http.get(api('/procedures'), () => HttpResponse.json({ items: 'oops' }))),
};

/** Detail of 1.001193 Đăng ký khai sinh: channels with time and fee, documents, steps, legal basis. */
export const Detail: Story = {
  play: async ({ canvasElement }) => openDetail(canvasElement, '1.001193'),
};
export const DetailEnglish: Story = { ...Detail, globals: { locale: 'en' } };
export const DetailDarkPhone: Story = {
  play: async ({ canvasElement }) => openDetail(canvasElement, '2.000815'),
  globals: { theme: 'dark', ...phone },
};

/** The detail is loading. */
export const DetailLoading: Story = {
  parameters: withHandlers(
    http.get(api('/procedures/:code'), async () => {
      await delay('infinite');
      return errorAnswer(504, 'internal');
    }),
  ),
  play: async ({ canvasElement }) => openDetail(canvasElement, '1.000894', false),
};

/** A code that does not exist (an old link). */
export const DetailNotFound: Story = {
  play: async ({ canvasElement }) => openDetail(canvasElement, '9.999999'),
};

/** The detail could not be loaded. */
export const DetailError: Story = {
  parameters: withHandlers(http.get(api('/procedures/:code'), () => errorAnswer(503, 'unavailable'))),
  play: async ({ canvasElement }) => {
    await openDetail(canvasElement, '1.004194', false);
    const el = widget(canvasElement);
    await waitFor(() => el.shadowRoot?.querySelector('[role="alert"]'), 'error');
  },
};
