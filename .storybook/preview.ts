// Every story gets: the language and colour scheme from the toolbar, viewports including a
// 360×740 phone, MSW answering the API with the fixtures shared with the tests, and axe checks.
import { html } from 'lit';
import type { Decorator, Preview } from '@storybook/web-components-vite';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { startMocks, worker } from '../test/mocks/browser.js';

type Locale = 'vi' | 'en';
type Theme = 'light' | 'dark';

const PAGE = {
  light: { background: '#ffffff', color: '#1b1f24' },
  dark: { background: '#101418', color: '#e8eaed' },
} as const;

/** Wraps the story in `lang` and gives every dvc-* element the toolbar's theme. */
const withLocaleAndTheme: Decorator = (story, context) => {
  const locale = (context.globals['locale'] as Locale | undefined) ?? 'vi';
  const theme = (context.globals['theme'] as Theme | undefined) ?? 'light';
  // The page behind the widget changes too, so a dark widget is judged on a dark page.
  document.body.style.background = PAGE[theme].background;
  document.body.style.color = PAGE[theme].color;
  document.documentElement.lang = locale;
  queueMicrotask(() => {
    for (const el of document.querySelectorAll<HTMLElement>('#storybook-root *, #storybook-docs *')) {
      if (el.localName.startsWith('dvc-') && !el.hasAttribute('data-story-theme')) el.setAttribute('theme', theme);
    }
  });
  return html`<div lang=${locale} class="dvc-story dvc-story--${theme}">${story()}</div>`;
};

const preview: Preview = {
  loaders: [
    // One worker with the default handlers of test/mocks/handlers; a story adds its own with
    // `parameters.msw` or `beforeEach({ msw }) { msw.use(...) }`.
    mswLoader(async () => {
      await startMocks();
      return worker;
    }),
  ],
  decorators: [withLocaleAndTheme],
  globalTypes: {
    locale: {
      description: 'Ngôn ngữ / Language',
      toolbar: {
        title: 'Ngôn ngữ',
        icon: 'globe',
        items: [
          { value: 'vi', title: 'Tiếng Việt', right: 'vi' },
          { value: 'en', title: 'English', right: 'en' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Giao diện / Colour scheme',
      toolbar: {
        title: 'Giao diện',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Sáng / Light', icon: 'sun' },
          { value: 'dark', title: 'Tối / Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'vi', theme: 'light' },
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
    viewport: {
      options: {
        phone: { name: 'Điện thoại 360×740', styles: { width: '360px', height: '740px' }, type: 'mobile' },
        phoneLarge: { name: 'Điện thoại lớn 414×896', styles: { width: '414px', height: '896px' }, type: 'mobile' },
        tablet: { name: 'Máy tính bảng 768×1024', styles: { width: '768px', height: '1024px' }, type: 'tablet' },
        desktop: { name: 'Máy tính 1280×800', styles: { width: '1280px', height: '800px' }, type: 'desktop' },
      },
    },
    // axe runs on every story; violations fail story tests where a test runner is attached.
    a11y: { test: 'error' },
  },
};

export default preview;
