// What React 19 and Vue 3 rely on when they render a custom element, checked on the real widgets
// (React and Vue themselves are not installed, so nothing here renders through their runtimes):
// - both set a binding as a DOM *property* when `key in element` (else as an attribute): every
//   setting the README binds is a property, and setting it as one re-renders the widget;
// - events: React 19 refs / Vue `@dvc-…` call addEventListener on the element: the widgets' events
//   reach a listener on the element and on an ancestor outside the shadow root (bubbles, composed);
// - custom element detection: the define module registers the class the package exports, and
//   the packages resolve through their `exports` maps (`@dvc-widgets/<w>/define`, `@dvc-widgets/<w>`).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '@dvc-widgets/procedure-lookup/define';
import '@dvc-widgets/dossier-tracker/define';
import '@dvc-widgets/satisfaction-survey/define';
import '@dvc-widgets/appointment-booking/define';
import { DvcProcedureLookup } from '@dvc-widgets/procedure-lookup';
import { DvcDossierTracker, DvcDossierFoundEvent } from '@dvc-widgets/dossier-tracker';
import { DvcSatisfactionSurvey } from '@dvc-widgets/satisfaction-survey';
import { DvcAppointmentBooking } from '@dvc-widgets/appointment-booking';
import { startMocks, MOCK_API } from '../../../test/mocks/browser.js';
import { dossiersByStatus } from '../../../test/fixtures/dossiers.js';
import en from '../../dossier-tracker/src/locales/en.js';

/** Tag → class, and the properties the README's React/Vue examples bind. */
const WIDGETS: [string, CustomElementConstructor, string[]][] = [
  ['dvc-procedure-lookup', DvcProcedureLookup, ['apiBase', 'agency', 'lang', 'theme', 'field', 'level', 'query', 'pageSize', 'bookingUrl']],
  ['dvc-dossier-tracker', DvcDossierTracker, ['apiBase', 'agency', 'lang', 'theme', 'code', 'codeParam']],
  ['dvc-satisfaction-survey', DvcSatisfactionSurvey, ['apiBase', 'agency', 'lang', 'theme', 'survey', 'dossier', 'mode', 'view']],
  ['dvc-appointment-booking', DvcAppointmentBooking, ['apiBase', 'agency', 'lang', 'theme', 'procedure', 'daysAhead']],
];

describe('framework usage patterns (React 19, Vue 3)', () => {
  before(async () => {
    await startMocks();
  });

  for (const [tag, Class, props] of WIDGETS) {
    it(`${tag}: detected as a custom element of the exported class`, () => {
      expect(customElements.get(tag)).to.equal(Class);
      const el = document.createElement(tag);
      expect(el).to.be.instanceOf(Class);
      expect(el.localName.includes('-')).to.equal(true);
    });

    it(`${tag}: every bound setting is a property (React's and Vue's \`key in el\` test)`, () => {
      const el = document.createElement(tag);
      for (const p of props) expect(p in el, `${p} in <${tag}>`).to.equal(true);
    });
  }

  it('a setting assigned as a property re-renders the widget (language)', async () => {
    const el = await fixture<DvcDossierTracker>(html`<dvc-dossier-tracker api-base=${MOCK_API} lang="vi"></dvc-dossier-tracker>`);
    const label = () => el.shadowRoot!.querySelector('label[for="code"]')!.textContent!.trim();
    expect(label()).to.not.equal(en.form.label);
    el.lang = 'en'; // what React/Vue do for `lang="en"` on a custom element: a property
    await waitUntil(() => label() === en.form.label, 'English label after the property change');
  });

  it('a data setting assigned as a property runs the widget (code → lookup → dvc-dossier-found on element and ancestor)', async () => {
    const container = await fixture<HTMLDivElement>(html`<div><dvc-dossier-tracker api-base=${MOCK_API} lang="vi"></dvc-dossier-tracker></div>`);
    const el = container.querySelector('dvc-dossier-tracker')!;
    const onElement: DvcDossierFoundEvent[] = [];
    const onAncestor: Event[] = [];
    // React 19 (via a ref) and Vue (`@dvc-dossier-found`) both end up here:
    el.addEventListener('dvc-dossier-found', (e) => onElement.push(e as DvcDossierFoundEvent));
    container.addEventListener('dvc-dossier-found', (e) => onAncestor.push(e));
    const dossier = dossiersByStatus.processing;
    el.code = dossier.code; // `:code` / `code={…}`: a property
    await waitUntil(() => onElement.length === 1, 'dvc-dossier-found on the element', { timeout: 8000 });
    expect(onElement[0]!.detail.code).to.equal(dossier.code);
    expect(onElement[0]!.detail.status).to.equal(dossier.status);
    expect(onAncestor).to.have.length(1);
    expect(onElement[0]!.composed && onElement[0]!.bubbles).to.equal(true);
  });
});
