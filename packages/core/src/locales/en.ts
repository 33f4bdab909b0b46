/** Core strings, English. Namespace `core`. Same keys as vi.ts (test/i18n.test.ts checks), plus English `_one` plural forms. */
const en = {
  error: {
    offline: 'You are offline. Check your connection and try again.',
    network: 'Could not reach the server. Please try again.',
    timeout: 'The server took too long to answer. Please try again.',
    server: 'The system has a problem. Please try again later.',
    unavailable: 'The service is temporarily unavailable. Please try again later.',
    rateLimited: 'Too many attempts. Please try again in a few minutes.',
    rateLimitedSeconds_one: 'Too many attempts. Please try again in {{seconds}} second.',
    rateLimitedSeconds_other: 'Too many attempts. Please try again in {{seconds}} seconds.',
    invalidResponse: 'The server sent an invalid answer. Please try again later.',
    notFound: 'Nothing was found.',
    conflict: 'This request conflicts with existing data.',
    invalidRequest: 'Some of the information is not valid. Please check it.',
    request: 'The request could not be completed.',
    aborted: 'The request was cancelled.',
    unexpected: 'Something went wrong. Please try again.',
  },
  action: {
    retry: 'Try again',
    close: 'Close',
    cancel: 'Cancel',
  },
  status: {
    loading: 'Loading…',
    offlineCopy: 'You are offline. Showing data saved at {{time}}.',
    retryIn_one: 'You can try again in {{count}} second.',
    retryIn_other: 'You can try again in {{count}} seconds.',
  },
  outbox: {
    saved: 'Saved. It will be sent automatically when you are back online.',
    pending_one: '{{count}} saved item waiting to be sent.',
    pending_other: '{{count}} saved items waiting to be sent.',
    delivered: 'Your saved items were sent.',
    rejected: 'A saved item was not accepted: {{reason}}',
  },
};
export default en;
