// Every widget's (and core's) string tables: English has a `_one` form wherever it has `_other`.
// Vietnamese has a single plural form, so a missing English `_one` would not fall back to the
// English `_other`: i18next would take the Vietnamese string, and an English reader would see
// "Tìm thấy 1 thủ tục." for one result.
import { expect } from '@open-wc/testing';
import core from '../packages/core/src/locales/en.js';
import lookup from '../packages/procedure-lookup/src/locales/en.js';
import tracker from '../packages/dossier-tracker/src/locales/en.js';
import survey from '../packages/satisfaction-survey/src/locales/en.js';
import booking from '../packages/appointment-booking/src/locales/en.js';

type Table = { [key: string]: string | Table };
const leaves = (t: Table, prefix = ''): string[] =>
  Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`)));

describe('English string tables', () => {
  for (const [ns, table] of Object.entries({ core, lookup, tracker, survey, booking })) {
    it(`${ns}: every plural has its "one" form`, () => {
      const keys = new Set(leaves(table as Table));
      const missing = [...keys].filter((k) => k.endsWith('_other') && !keys.has(k.replace(/_other$/, '_one')));
      expect(keys.size).to.be.greaterThan(10);
      expect(missing).to.deep.equal([]);
    });
  }
});
