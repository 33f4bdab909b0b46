// A page with a procedure lookup and a booking widget of the same office downloads its procedure
// catalog once and builds one search index (core's shared catalog); two offices, two of each.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { CATALOG_BUILD_MARK } from '@dvc-widgets/core/catalog';
import '../packages/procedure-lookup/src/procedure-lookup.js';
import '../packages/appointment-booking/src/appointment-booking.js';
import { startMocks, worker, MOCK_API } from './mocks/browser.js';
import { communeAgency, provinceAgency } from './fixtures/agencies.js';

const builds = () => performance.getEntriesByName(CATALOG_BUILD_MARK, 'mark').length;

/** Counts catalog requests, and stops counting when asked. */
function countIndexRequests() {
  const seen: string[] = [];
  const listener = ({ request }: { request: Request }) => {
    if (new URL(request.url).pathname === `${MOCK_API}/v1/procedure-index`) seen.push(request.url);
  };
  worker.events.on('request:start', listener);
  return { seen, stop: () => worker.events.removeListener('request:start', listener) };
}

const shadow = (parent: Element, tag: string) => parent.querySelector(tag)!.shadowRoot!;

/** Both widgets show their catalog: the lookup its fields, the booking its procedures. */
const bothShown = (parent: Element) => () =>
  Boolean(
    shadow(parent, 'dvc-procedure-lookup').querySelector('.browse__field') &&
      shadow(parent, 'dvc-appointment-booking').querySelector('button[data-procedure]'),
  );

describe('one catalog per office and API on a page', function () {
  this.timeout(20_000);
  before(() => startMocks());
  afterEach(() => worker.resetHandlers());

  it('a lookup and a booking of the same office: one catalog request, one index build', async () => {
    const requests = countIndexRequests();
    const before = builds();
    try {
      const parent = await fixture<HTMLDivElement>(html`<div>
        <dvc-procedure-lookup api-base=${MOCK_API} agency=${communeAgency.code}></dvc-procedure-lookup>
        <dvc-appointment-booking api-base=${MOCK_API} agency=${communeAgency.code}></dvc-appointment-booking>
      </div>`);
      await waitUntil(bothShown(parent), 'the widgets did not show their catalog', { timeout: 10_000 });
      expect(builds() - before).to.equal(1);
      expect(requests.seen).to.have.length(1);
      const mark = performance.getEntriesByName(CATALOG_BUILD_MARK, 'mark').at(-1) as PerformanceMark;
      expect((mark.detail as { key: string }).key).to.equal(`${MOCK_API}|${communeAgency.code}`);
    } finally {
      requests.stop();
    }
  });

  it('two offices on one page: two catalogs, two index builds', async () => {
    const requests = countIndexRequests();
    const before = builds();
    try {
      const parent = await fixture<HTMLDivElement>(html`<div>
        <dvc-procedure-lookup api-base=${MOCK_API} agency=${communeAgency.code}></dvc-procedure-lookup>
        <dvc-appointment-booking api-base=${MOCK_API} agency=${provinceAgency.code}></dvc-appointment-booking>
      </div>`);
      await waitUntil(bothShown(parent), 'the widgets did not show their catalog', { timeout: 10_000 });
      expect(builds() - before).to.equal(2);
      expect(requests.seen).to.have.length(2);
    } finally {
      requests.stop();
    }
  });
});
