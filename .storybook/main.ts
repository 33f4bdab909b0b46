// Storybook 10 for the widgets. Written by hand (the init wizard can hang on our machines).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';
import type { Plugin } from 'vite';
import { transform } from 'esbuild';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const tsconfig = JSON.parse(readFileSync(`${root}tsconfig.json`, 'utf8')) as { compilerOptions: Record<string, unknown> };

/**
 * Our classes use legacy decorators with `useDefineForClassFields: false` (Lit's reactive
 * properties must stay accessors, not own fields). Vite 8's own TypeScript transform is not
 * guaranteed to honour both, so esbuild compiles our TypeScript first, exactly as the tests and
 * the rollup build see it.
 */
function legacyDecorators(): Plugin {
  return {
    name: 'dvc-legacy-decorators',
    enforce: 'pre',
    async transform(code, id) {
      const file = id.split('?')[0]!;
      if (!file.endsWith('.ts') || file.includes('/node_modules/') || !file.startsWith(root)) return null;
      if (!code.includes('@')) return null;
      const result = await transform(code, {
        loader: 'ts',
        sourcefile: file,
        sourcemap: true,
        target: 'es2022',
        format: 'esm',
        tsconfigRaw: { compilerOptions: tsconfig.compilerOptions },
      });
      return { code: result.code, map: result.map };
    },
  };
}

/**
 * MSW's service worker has to be served from the site root to control the preview; serve it
 * straight from the installed msw (dev) and emit it next to iframe.html (build), so it always
 * matches the msw version in use.
 */
function mswWorker(): Plugin {
  const source = () => readFileSync(require.resolve('msw/mockServiceWorker.js'), 'utf8');
  return {
    name: 'dvc-msw-worker',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] !== '/mockServiceWorker.js') return next();
        res.setHeader('Content-Type', 'application/javascript');
        res.setHeader('Service-Worker-Allowed', '/');
        res.end(source());
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'mockServiceWorker.js', source: source() });
    },
  };
}

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts', '../packages/*/stories/**/*.stories.ts'],
  addons: ['@storybook/addon-a11y'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  async viteFinal(viteConfig) {
    viteConfig.plugins = [...(viteConfig.plugins ?? []), legacyDecorators(), mswWorker()];
    // Lit's development build in Storybook: its warnings are what we want to see while developing.
    viteConfig.resolve = { ...viteConfig.resolve, conditions: ['development', 'browser', 'module', 'import', 'default'] };
    return viteConfig;
  },
};

export default config;
