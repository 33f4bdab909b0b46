// Custom Elements Manifest for the widgets (editors, Storybook docs, the package READMEs).
// `npm run manifest` → dist/custom-elements.json. Tags come from each class's JSDoc `@tag`,
// attributes, events, parts and CSS properties from `@attr @fires @csspart @cssprop` and the Lit
// decorators (litelement mode).
export default {
  globs: ['packages/*/src/*.component.ts'],
  exclude: ['**/node_modules/**', '**/test/**'],
  // Relative, so the path written into the manifest's consumers stays portable.
  outdir: 'dist',
  litelement: true,
  // The analyzer would otherwise rewrite package.json's `customElements` field on every run.
  packagejson: false,
  dev: false,
  plugins: [dropUnnamedEvents()],
};

/**
 * The analyzer records `dispatchEvent(new DvcXEvent(...))` as an event with a type but no name
 * (the name lives inside the event class). Every event is documented by name with `@fires`, so
 * the nameless duplicates only add blank rows to the docs.
 */
function dropUnnamedEvents() {
  return {
    name: 'dvc-drop-unnamed-events',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules ?? []) {
        for (const decl of mod.declarations ?? []) {
          if (Array.isArray(decl.events)) decl.events = decl.events.filter((e) => e.name);
        }
      }
    },
  };
}
