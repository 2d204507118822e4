/**
 * A class of five in real browsers: a host and four players with teams on (two coaches, two
 * discriminators) play two levels. Coaches pick the fakes and vote on the knobs; roles swap at the
 * second level; a discriminator reloads mid-round and keeps its score, and so does the projector tab
 * (the trainer comes back from the room's checkpoint); lesson questions are answered on a phone. Screenshots of the host and player pages at each phase go to e2e/artifacts/.
 */
import { type Page, expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { throughLesson, toQuestion } from './lesson';

const shots = path.join(__dirname, 'artifacts');
mkdirSync(shots, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `classroom-${name}.png`), fullPage: true });

const NAMES = ['Ada', 'Bo', 'Cy', 'Di'];

async function score(page: Page): Promise<number> {
  const text = (await page.getByTestId('me').textContent()) ?? '';
  return Number(/·\s*(\d+)\s*pts/.exec(text)?.[1] ?? Number.NaN);
}

/** Picks the first candidates and sends them; the last coach to send ends coaching, so there is nothing to wait for. */
async function coachPicks(page: Page, last = false) {
  const send = page.getByRole('button', { name: /^Send \d+ of (\d+)$/ });
  await expect(send).toBeVisible({ timeout: 120_000 });
  const needed = Number(/of (\d+)/.exec((await send.textContent()) ?? '')![1]);
  const candidates = page.getByRole('button', { name: /^Candidate \d+/ });
  for (let i = 0; i < needed; i++) await candidates.nth(i).click();
  await page.getByRole('button', { name: `Send ${needed} of ${needed}` }).click();
  if (!last) await expect(page.getByRole('button', { name: `Sent ${needed} ✓` })).toBeVisible();
}

async function judge(page: Page, from = 0, upTo?: number) {
  const nav = page.getByRole('navigation', { name: 'Images in this round' });
  await expect(nav).toBeVisible({ timeout: 60_000 });
  const total = await nav.getByRole('button').count();
  const end = upTo ?? total;
  for (let i = from; i < end; i++) {
    await nav.getByRole('button').nth(i).click();
    await page.getByRole('button', { name: i % 2 ? 'Fake' : 'Real', exact: true }).click();
    if (i < total - 1) await expect(nav.getByRole('button').nth(i)).toHaveAccessibleName(/you said/);
  }
  return total;
}

test('a class of five plays two levels with teams, and a reload loses nothing', async ({ browser }) => {
  const hostCtx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const host = await hostCtx.newPage();
  await host.goto('/host?preset=tiny&levels=noise,strokes');
  const pin = (await host.getByTestId('pin').textContent())!.trim();
  await expect(host.getByTestId('backend')).toHaveAttribute('data-backend', /^(webgpu|webgl|wasm|cpu)$/, { timeout: 120_000 });
  // A controlled checkbox: it shows the server's settings, so it flips once the server has them.
  await host.getByLabel('Teams: discriminators vs coaches').click();
  await expect(host.getByLabel('Teams: discriminators vs coaches')).toBeChecked();

  const players: Page[] = [];
  for (const name of NAMES) {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    await page.goto(`/play?pin=${pin}`);
    await page.getByLabel('Nickname (optional)').fill(name);
    await page.getByRole('button', { name: 'Join' }).click();
    await expect(page.getByTestId('nickname')).toHaveText(name);
    players.push(page);
  }
  await expect(host.getByTestId('player-count')).toHaveText('4');
  await expect(host.getByTestId('qr')).toBeVisible();
  await shot(host, '01-host-lobby');

  // Level 1: Ada and Cy judge, Bo and Di coach (alternating by join order).
  await host.getByRole('button', { name: 'Start the game' }).click();
  await expect(host.getByTestId('phase-title')).toHaveText(/Level 1 of 2/);
  await expect(players[0].getByTestId('role')).toContainText('DISCRIMINATOR');
  await expect(players[1].getByTestId('role')).toContainText('COACH');
  await shot(host, '02-host-intro');
  await shot(players[1], '02-coach-intro');
  await host.getByRole('button', { name: 'Play level 1' }).click();

  await coachPicks(players[1]);
  await shot(players[3], '03-coach-picking');
  await shot(host, '03-host-coaching');
  await players[3].getByRole('radio', { name: 'Hinge' }).click();
  await coachPicks(players[3], true);

  await expect(host.getByTestId('vote-count')).toBeVisible({ timeout: 60_000 });
  await shot(host, '04-host-judging');
  await judge(players[0]);
  await shot(players[0], '04-judge-done');
  await judge(players[2]);
  await expect(host.getByTestId('fooled-rate')).toBeVisible();
  await shot(host, '05-host-reveal');
  await shot(players[1], '05-coach-reveal');
  await host.getByRole('button', { name: 'Train now' }).click();
  await expect(host.getByTestId('phase-title')).toHaveText(/Level 1 complete/, { timeout: 120_000 });
  // The coaches' majority: one voted hinge, the other nothing → a tie keeps the level's loss.
  await shot(host, '06-host-leaderboard');
  await host.getByRole('button', { name: /lesson/ }).click();
  await expect(host.getByTestId('lesson')).toBeVisible();
  await toQuestion(host);
  // In step with the projector: the phone shows the question of the card on the big screen, with its
  // choices in the same (the room's) order, and nothing of the next cards.
  const onProjector = host.getByTestId('lesson-question');
  const question = players[0].getByTestId(/^question-/);
  await expect(question).toHaveCount(1);
  const cardId = (await question.getAttribute('data-testid'))!.replace('question-', '');
  await expect(onProjector).toHaveAttribute('data-card', cardId);
  const phoneChoices = await question.getByRole('group', { name: 'Answers' }).getByRole('button').allTextContents();
  expect(await onProjector.getByRole('listitem').allTextContents()).toEqual(phoneChoices);
  // Answered: locked in, no verdict before the reveal, on the phone or the projector.
  await question.getByRole('button', { name: /^Answer A/ }).click();
  await expect(question.getByTestId('locked-in')).toContainText('Answer locked in');
  await expect(host.getByTestId('lesson-answered')).toContainText('1 answered');
  await expect(question.getByTestId('check-result')).toHaveCount(0);
  await expect(host.getByTestId('lesson-distribution')).toHaveCount(0);
  await shot(host, '07-host-lesson');
  await shot(players[0], '07-player-lesson-locked');
  // The host reveals: the projector shows how the class answered, the phone the verdict and why.
  await host.getByRole('button', { name: 'Reveal the answer' }).click();
  const distribution = host.getByTestId('lesson-distribution');
  await expect(distribution).toBeVisible();
  await expect(distribution.getByRole('listitem').first()).toContainText('1 · 100%');
  await expect(distribution.getByTestId('lesson-right-choice')).toContainText('(correct answer)');
  await expect(question.getByTestId('check-result')).toBeVisible();
  await expect(question.getByTestId('check-result')).toContainText(/Correct!|Not quite/);
  await expect(host.getByTestId('lesson-answers')).toContainText('1 answered');
  await shot(host, '07-host-lesson-revealed');
  await shot(players[0], '07-player-lesson-revealed');
  // The next card: a new question on the phone, not yet answered.
  await host.getByRole('button', { name: 'Next card' }).click();
  await expect(host.getByTestId('lesson')).toHaveAttribute('aria-label', new RegExp(`^Lesson: (?!${cardId}\\b)`));
  await toQuestion(host);
  await expect(onProjector).not.toHaveAttribute('data-card', cardId);
  const next = (await onProjector.getAttribute('data-card'))!;
  await expect(players[0].getByTestId(`question-${next}`)).toBeVisible();
  await expect(players[0].getByTestId('locked-in')).toHaveCount(0);
  await throughLesson(host, /^On to level 2/);

  // Level 2: roles swap. Bo and Di judge now; Ada and Cy coach.
  await expect(host.getByTestId('phase-title')).toHaveText(/Level 2 of 2/);
  await expect(players[1].getByTestId('role')).toContainText('DISCRIMINATOR');
  await host.getByRole('button', { name: 'Play level 2' }).click();
  await coachPicks(players[0]);
  await coachPicks(players[2], true);

  // Bo judges two images, reloads the page mid-round, and comes back as the same player.
  const total = await judge(players[1], 0, 2);
  const before = await score(players[1]);
  await players[1].reload();
  await expect(players[1].getByTestId('me')).toContainText('Bo');
  expect(await score(players[1])).toBe(before);
  const nav = players[1].getByRole('navigation', { name: 'Images in this round' });
  await expect(nav.getByRole('button', { name: /you said/ })).toHaveCount(2);
  await shot(players[1], '08-judge-after-reload');

  // The projector tab reloads mid-round: the room pauses, the trainer reloads its generator, and play
  // goes on with nothing lost.
  const leaderBefore = await host.getByTestId('leaderboard').textContent();
  await host.reload();
  await expect(players[3].getByText(/host paused|Waiting for the host screen/)).toBeVisible().catch(() => {});
  await expect(host.getByTestId('backend')).toContainText(/training on/, { timeout: 120_000 });
  // It starts from whichever is further along and says which: here the level's shipped checkpoint (150
  // rounds of one D and one G step: 300 steps), ahead of the room's own from level 1 (a handful of
  // tiny-preset steps).
  await expect(host.getByText(/starts from checkpoint trajectory\/digits\/step-150 \(300 training steps\)/)).toBeVisible();
  await expect(host.getByTestId('paused')).toHaveCount(0, { timeout: 60_000 });
  await expect(host.getByTestId('vote-count')).toBeVisible();
  expect(await host.getByTestId('leaderboard').textContent()).toBe(leaderBefore);
  await shot(host, '08-host-after-reload');

  await judge(players[1], 2, total);
  await judge(players[3]);
  await expect(host.getByTestId('fooled-rate')).toBeVisible();
  await host.getByRole('button', { name: 'Train now' }).click();
  await expect(host.getByTestId('phase-title')).toHaveText(/Level 2 complete/, { timeout: 120_000 });
  await host.getByRole('button', { name: /lesson/ }).click();
  await throughLesson(host, 'Finish the game');

  await expect(host.getByTestId('phase-title')).toHaveText('Game over');
  await expect(host.getByTestId('summary-table')).toContainText('Bo');
  await expect(players[1].getByTestId('my-summary')).toContainText('Pure noise');
  await expect(host.getByTestId('teams')).toBeVisible();
  await shot(host, '09-host-ended');
  await shot(players[1], '09-player-ended');
  // Two levels trained: the timeline holds a sample of each round.
  await expect(host.getByText(/^R2 ·/)).toBeVisible();
});
