/**
 * A host and two players, each in their own browser context, play one full round in Chromium.
 * The generator's weights must change during training, and the host page must say which backend trained.
 */
import { type Page, expect, test } from '@playwright/test';
import { hostGame } from './host';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { throughLesson } from './lesson';

const shots = path.join(__dirname, 'artifacts');
mkdirSync(shots, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });

async function judgeAll(page: Page, verdict: 'Real' | 'Fake' | 'alternate') {
  await expect(page.getByRole('button', { name: 'Real', exact: true })).toBeVisible();
  const total = await page.getByRole('navigation', { name: 'Images in this round' }).getByRole('button').count();
  for (let i = 0; i < total; i++) {
    const v = verdict === 'alternate' ? (i % 2 ? 'Fake' : 'Real') : verdict;
    const button = page.getByRole('button', { name: v, exact: true });
    await expect(button).toBeEnabled();
    await button.click();
    // The room's last vote ends the round at once, so the last click has nothing to wait for here.
    if (i < total - 1) await expect(page.getByText(`${i + 1} of ${total} judged`)).toBeVisible();
  }
}

/**
 * Flag the giveaway: calls every image fake, first tapping a spot on it (the top-left quarter), so the
 * mark goes with the vote.
 */
async function judgeAllFakeMarking(page: Page) {
  await expect(page.getByRole('button', { name: 'Fake', exact: true })).toBeVisible();
  const total = await page.getByRole('navigation', { name: 'Images in this round' }).getByRole('button').count();
  for (let i = 0; i < total; i++) {
    const target = page.getByTestId('mark-target');
    const box = (await target.boundingBox())!;
    await target.click({ position: { x: box.width * 0.3, y: box.height * 0.3 } });
    await expect(page.getByText('Marked. Press Fake to send it with your vote.')).toBeVisible();
    await page.getByRole('button', { name: 'Fake', exact: true }).click();
    if (i < total - 1) await expect(page.getByText(`${i + 1} of ${total} judged`)).toBeVisible();
  }
}

test('a host and two players play a full round that really trains the generator', async ({ browser }) => {
  const hostCtx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const host = await hostCtx.newPage();
  host.on('console', (m) => m.type() === 'error' && console.log('[host console]', m.text()));
  // The trainer chose a backend and built its models.
  const { pin, backend } = await hostGame(host);
  console.log(`host trains on ${backend}`);

  const players: Page[] = [];
  for (const name of ['Ada', '']) {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    await page.goto(`/play?pin=${pin}`);
    if (name) await page.getByLabel('Nickname (optional)').fill(name);
    await page.getByRole('button', { name: 'Join' }).click();
    await expect(page.getByTestId('nickname')).toBeVisible();
    players.push(page);
  }
  await expect(players[0].getByTestId('nickname')).toHaveText('Ada');
  await expect(host.getByTestId('player-count')).toHaveText('2');
  await shot(host, 'host-lobby');
  await shot(players[0], 'play-lobby');

  await host.getByRole('button', { name: 'Start the game' }).click();
  await expect(host.getByTestId('phase-title')).toHaveText(/Level 1 of 1: Pure noise/);
  await expect(players[0].getByText('Pure noise')).toBeVisible();
  await host.getByRole('button', { name: 'Play level 1' }).click();
  await expect(host.getByTestId('vote-count')).toBeVisible({ timeout: 120_000 });
  await shot(host, 'host-judging');
  await shot(players[0], 'play-judging');

  const checksumBefore = await host.getByTestId('checksum').getAttribute('data-checksum');
  expect(checksumBefore).not.toBe('');

  // Who the round still waits for: a count on the projector, the names when the teacher asks.
  await expect(host.getByTestId('still-judging')).toContainText('Still judging: 2');
  await host.getByRole('button', { name: 'Who hasn’t finished?' }).click();
  await expect(host.getByTestId('waiting-names').getByRole('listitem')).toHaveCount(2);
  await expect(host.getByTestId('waiting-names')).toContainText('Ada');
  await judgeAllFakeMarking(players[0]);
  await expect(host.getByTestId('waiting-names').getByRole('listitem')).toHaveCount(1);
  await expect(host.getByTestId('waiting-names')).not.toContainText('Ada');
  await shot(host, 'host-still-judging');
  await judgeAll(players[1], 'Real');

  await expect(players[0].getByTestId('round-result')).toBeVisible();
  await expect(host.getByTestId('fooled-rate')).toBeVisible();
  // The projector overlays the class's taps on every fake: Ada marked each one once, in its top-left quarter.
  const heat = host.getByTestId('giveaway');
  const fakes = await heat.count();
  expect(fakes).toBeGreaterThan(0);
  for (const fig of await heat.all()) await expect(fig).toHaveAttribute('data-taps', '1');
  // Each fake's caption (beside its vote bars) counts the taps and says where most fell, in words.
  const captions = host.getByTestId('giveaway-taps');
  await expect(captions).toHaveCount(fakes);
  for (const caption of await captions.all()) await expect(caption).toHaveText('1 tap');
  await expect(host.getByText('most at top left')).toHaveCount(fakes);
  await shot(host, 'host-reveal');
  await shot(players[0], 'play-reveal');

  // The host ends the reveal; the trainer runs its real steps and the checksum changes.
  await host.getByRole('button', { name: 'Train now' }).click();
  await expect(host.getByTestId('phase-title')).toHaveText(/training|complete/, { timeout: 30_000 });
  await shot(host, 'host-training');
  await shot(players[1], 'play-training');
  await expect(host.getByTestId('phase-title')).toHaveText(/Level 1 complete/, { timeout: 180_000 });
  const checksumAfter = await host.getByTestId('checksum').getAttribute('data-checksum');
  expect(Number(checksumAfter)).not.toBe(Number(checksumBefore));
  await shot(host, 'host-leaderboard');
  await host.getByRole('button', { name: /lesson/ }).click();
  await expect(host.getByTestId('lesson')).toBeVisible();
  await shot(host, 'host-lesson');
  await throughLesson(host, 'Finish the game');
  await expect(host.getByTestId('phase-title')).toHaveText('Game over');
  // Every step the trainer ran after the verdicts was streamed to the host's loss chart. The tiny
  // preset gives that training 0.6 s (game/training-budget.ts): at least one D and one G step (two in
  // all where one step outlasts the 1.2 s ceiling, as on a software renderer; more on WASM here).
  await expect(host.getByTestId('loss-chart')).toContainText(/\d+ steps of Pure noise/);
  const charted = Number(/(\d+) steps of/.exec((await host.getByTestId('loss-chart').textContent()) ?? '')?.[1]);
  expect(charted).toBeGreaterThanOrEqual(2);
  await expect(host.getByTestId('backend')).toHaveAttribute('data-backend', backend);
  await expect(players[1].getByTestId('final-rank')).toBeVisible();
  await shot(host, 'host-ended');
  await shot(players[1], 'play-ended');
});
