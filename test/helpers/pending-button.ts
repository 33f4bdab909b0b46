import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LitElement } from 'lit';

/**
 * Presses `button` with Enter from the keyboard and checks the pending-button rule while its
 * request runs (WCAG 2.4.3): it is marked `aria-disabled="true"`, not `disabled` (which would drop
 * focus to `<body>` for the wait), it keeps focus, and a second Enter leaves focus there. The
 * caller checks that the second press sent nothing and what happens when the answer comes.
 */
export async function pressWhilePending(host: LitElement, button: HTMLButtonElement): Promise<void> {
  button.focus();
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => button.getAttribute('aria-disabled') === 'true', 'the pressed button was not marked pending', {
    timeout: 5000,
  });
  expect(button.disabled, 'disabled would drop focus to <body>').to.equal(false);
  expect(host.shadowRoot!.activeElement, 'focus stays on the pressed button').to.equal(button);
  await sendKeys({ press: 'Enter' });
  await host.updateComplete;
  expect(host.shadowRoot!.activeElement, 'focus stays on the pressed button').to.equal(button);
}
