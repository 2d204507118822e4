/** Steps through a lesson as a host (or a solo player) does: each card's reveal, then the next card. */
import { type Page, expect } from '@playwright/test';

/**
 * Presses the lesson's advance button (reveal, next card, …) until it says `last`, then presses that.
 * Each press waits for the label to change, so a stale label is never pressed twice.
 */
export async function throughLesson(page: Page, last: string | RegExp) {
  const advance = page.getByRole('button', { name: /^(Reveal the answer|Next card|On to level \d|Finish|Next level)/ });
  const done = (label: string) => (typeof last === 'string' ? label === last : last.test(label));
  for (let label = (await advance.textContent()) ?? ''; !done(label); label = (await advance.textContent()) ?? '') {
    await advance.click();
    await expect(advance).not.toHaveText(label);
  }
  await advance.click();
}

/** On the projector, pages through the card the room is on to its question (choices, answers so far). */
export async function toQuestion(page: Page) {
  const next = page.getByRole('button', { name: /^(Next|The question) →/ });
  while ((await page.getByTestId('lesson-question').count()) === 0) await next.click();
}
