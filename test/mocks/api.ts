/** Base URL the MSW handlers answer on (same origin, so no CORS in tests or Storybook). */
export const MOCK_API = '/mock-api';
