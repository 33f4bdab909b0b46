// The embed generator (demos/embed-generator.html): builds the snippet from the form, with the
// loader's integrity from the CDN manifest, and shows the same element live underneath.
// External module (no inline script) so the page also works under a strict CSP.
const VERSION = 'v0.1.0';
const base = new URL(`../../dist/cdn/${VERSION}/`, import.meta.url);
const form = document.getElementById('options');
const snippet = document.getElementById('snippet');
const preview = document.getElementById('preview');
const status = document.getElementById('copy-status');

/** Options shown for each widget: attribute name → form field id; defaults are left out. */
const OPTIONS = {
  'dvc-procedure-lookup': { 'page-size': '20', 'booking-url': '' },
  'dvc-dossier-tracker': { 'code-param': 'ma-ho-so' },
  'dvc-satisfaction-survey': { mode: 'inline' },
  'dvc-appointment-booking': { 'days-ahead': '' },
};

let integrity = '';
try {
  const manifest = await (await fetch(new URL('manifest.json', base))).json();
  integrity = manifest.files[manifest.loader]?.integrity ?? '';
} catch {
  // Without the manifest the snippet is still correct, only without integrity.
}

const value = (id) => form.elements.namedItem(id).value.trim();

function attributes(tag) {
  const attrs = [['theme', value('theme')]];
  for (const [name, fallback] of Object.entries(OPTIONS[tag])) {
    const v = value(name);
    if (v && v !== fallback) attrs.push([name, v]);
  }
  return attrs;
}

function render() {
  const tag = value('widget');
  for (const fieldset of form.querySelectorAll('fieldset')) fieldset.hidden = fieldset.id !== `opt-${tag}`;
  const attrs = attributes(tag);
  const quote = (s) => s.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
  const loaderUrl = new URL('dvc-widgets.js', base).href;
  snippet.textContent = [
    `<script type="module" src="${loaderUrl}"`,
    integrity ? `        integrity="${integrity}" crossorigin="anonymous"` : null,
    `        data-agency="${quote(value('agency'))}" data-lang="${quote(value('lang'))}"></script>`,
    `<${tag}${attrs.map(([n, v]) => ` ${n}="${quote(v)}"`).join('')}></${tag}>`,
  ]
    .filter(Boolean)
    .join('\n');
  // The preview is the same element; agency and lang go on it directly because the page-wide
  // settings belong to this page's own loader tag.
  const el = document.createElement(tag);
  for (const [n, v] of [...attrs, ['agency', value('agency')], ['lang', value('lang')]]) el.setAttribute(n, v);
  preview.replaceChildren(el);
}

form.addEventListener('input', render);
form.addEventListener('change', render);
form.addEventListener('submit', (event) => event.preventDefault());
document.getElementById('copy').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(snippet.textContent);
    status.textContent = 'Đã sao chép mã nhúng.';
  } catch {
    // Clipboard refused (permissions, insecure origin): select the text so Ctrl+C works.
    getSelection().selectAllChildren(snippet);
    status.textContent = 'Không sao chép tự động được: mã đã được chọn, hãy nhấn Ctrl+C.';
  }
});
render();
