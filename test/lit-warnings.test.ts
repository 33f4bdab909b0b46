// Lit's development build warns about mistakes that still "work" (updates scheduled after an
// update, shadowed reactive properties…). Every widget, rendered with data, must print none.
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import type { TemplateResult } from 'lit';
import '../packages/procedure-lookup/src/procedure-lookup.js';
import '../packages/dossier-tracker/src/dossier-tracker.js';
import '../packages/satisfaction-survey/src/satisfaction-survey.js';
import '../packages/appointment-booking/src/appointment-booking.js';
import { startMocks, worker, MOCK_API } from './mocks/browser.js';
import { communeAgency } from './fixtures/agencies.js';
import { dossiersByStatus } from './fixtures/dossiers.js';
import { SURVEY_DOSSIERS, SURVEY_ID } from './fixtures/surveys.js';
import { captureLitWarnings, expectNoLitDevWarnings, type LitWarningCapture } from './helpers/lit-warnings.js';

/** Waits until the element has no update pending across a few macrotasks (data loaded, rendered). */
async function settle(el: Element): Promise<void> {
  const host = el as LitElement;
  let quiet = 0;
  for (let i = 0; i < 100 && quiet < 3; i++) {
    await host.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 20));
    quiet = host.isUpdatePending ? 0 : quiet + 1;
  }
}

const agency = communeAgency.code;
const widgets: [string, () => TemplateResult][] = [
  ['dvc-procedure-lookup', () => html`<dvc-procedure-lookup api-base=${MOCK_API} agency=${agency} query="khai sinh"></dvc-procedure-lookup>`],
  ['dvc-dossier-tracker', () => html`<dvc-dossier-tracker api-base=${MOCK_API} code=${dossiersByStatus.processing.code}></dvc-dossier-tracker>`],
  ['dvc-satisfaction-survey', () => html`<dvc-satisfaction-survey api-base=${MOCK_API} survey=${SURVEY_ID} dossier=${SURVEY_DOSSIERS.eligible}></dvc-satisfaction-survey>`],
  ['dvc-satisfaction-survey (results)', () => html`<dvc-satisfaction-survey api-base=${MOCK_API} survey=${SURVEY_ID} agency=${agency} view="results"></dvc-satisfaction-survey>`],
  ['dvc-appointment-booking', () => html`<dvc-appointment-booking api-base=${MOCK_API} agency=${agency}></dvc-appointment-booking>`],
];

describe('Lit dev warnings', () => {
  before(() => startMocks());
  afterEach(() => {
    worker.resetHandlers();
    localStorage.clear();
  });

  for (const [name, template] of widgets) {
    it(`${name} renders with data and prints none`, async () => {
      await expectNoLitDevWarnings(async () => {
        const el = await fixture(template());
        await settle(el);
        expect(el.shadowRoot?.querySelector('[part~="base"]'), `${name} rendered its root`).to.exist;
        // The other colour scheme and language re-render everything once more.
        el.setAttribute('theme', 'dark');
        el.setAttribute('lang', 'en');
        await settle(el);
      });
    });
  }

  describe('the detector itself', () => {
    let capture: LitWarningCapture;
    afterEach(() => capture?.restore());

    it('catches an update scheduled after an update completed', async () => {
      class NoisyElement extends LitElement {
        static override properties = { n: { type: Number } };
        declare n: number;
        constructor() {
          super();
          this.n = 0;
        }
        override updated() {
          if (this.n < 1) this.n += 1; // the mistake Lit warns about: "change-in-update"
        }
      }
      customElements.define('dvc-lit-warnings-noisy', NoisyElement);
      capture = captureLitWarnings();
      const el = await fixture<NoisyElement>(html`<dvc-lit-warnings-noisy></dvc-lit-warnings-noisy>`);
      await settle(el);
      capture.restore();
      expect(capture.warnings.join('\n')).to.include('change-in-update');
    });

    it('expectNoLitDevWarnings throws when one is printed', async () => {
      let thrown: unknown;
      try {
        await expectNoLitDevWarnings(() => {
          console.warn('Element y did something odd. See https://lit.dev/msg/class-field-shadowing for more information.');
        });
      } catch (error) {
        thrown = error;
      }
      expect(String(thrown)).to.include('1 dev warning');
    });
  });
});
