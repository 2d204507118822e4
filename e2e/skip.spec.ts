/**
 * Skip training stops the trainer: the teacher presses Skip while the round's training runs, the game
 * moves on at once, the trainer's badge stops naming the round, and once the game ends no further step
 * reaches the projector's loss chart. The full preset, so that the training (at least its 6 s) outlasts the click.
 */
import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { hostGame } from './host';

const shots = path.join(__dirname, 'artifacts');
mkdirSync(shots, { recursive: true });

test('Skip training stops the trainer and every badge follows', async ({ browser }) => {
  const hostCtx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const host = await hostCtx.newPage();
  host.on('console', (m) => m.type() === 'error' && console.log('[host console]', m.text()));
  const { pin } = await hostGame(host, 'preset=full&levels=noise');

  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const player = await ctx.newPage();
  await player.goto(`/play?pin=${pin}`);
  await player.getByLabel('Nickname (optional)').fill('Ada');
  await player.getByRole('button', { name: 'Join' }).click();
  await expect(host.getByTestId('player-count')).toHaveText('1');

  await host.getByRole('button', { name: 'Start the game' }).click();
  await host.getByRole('button', { name: 'Play level 1' }).click();
  await expect(host.getByTestId('vote-count')).toBeVisible({ timeout: 120_000 });
  const total = await player.getByRole('navigation', { name: 'Images in this round' }).getByRole('button').count();
  for (let i = 0; i < total; i++) await player.getByRole('button', { name: 'Real', exact: true }).click();
  await expect(host.getByTestId('fooled-rate')).toBeVisible();

  await host.getByRole('button', { name: 'Train now' }).click();
  const skip = host.getByRole('button', { name: 'Skip training' });
  await expect(skip).toBeVisible({ timeout: 60_000 });
  await expect(host.getByTestId('backend')).toContainText('Training on round 1', { timeout: 60_000 });
  await skip.click();

  // The game moves on to the next round (the full preset plays three a level) ...
  await expect(host.getByTestId('phase-title')).not.toHaveText(/training/i, { timeout: 15_000 });
  await expect(player.getByText('Your votes are training the generator')).toHaveCount(0);
  // ... and the trainer stops after its current step: the badge no longer names the skipped round.
  await expect(host.getByTestId('backend')).not.toContainText('Training on round 1', { timeout: 30_000 });

  // The teacher ends the game: the badge stays quiet and no step reaches the loss chart any more.
  await host.getByRole('button', { name: 'End game' }).click();
  await expect(host.getByTestId('phase-title')).toHaveText('Game over');
  await expect(host.getByTestId('backend')).not.toContainText(/Training on|Generating/, { timeout: 30_000 });
  // The chart's own image (its legend icons are images too), named by its level and step count.
  const chart = host.getByTestId('loss-chart').getByRole('img', { name: /per step/ });
  const steps = async () => ((await chart.count()) ? ((await chart.getAttribute('aria-label')) ?? '') : 'no chart').match(/(\d+) steps|no chart/)![0];
  const settled = await steps();
  await host.waitForTimeout(5_000);
  expect(await steps()).toBe(settled);
  await expect(host.getByTestId('backend')).not.toContainText(/Training on|Generating/);
  await host.screenshot({ path: path.join(shots, 'host-skipped-training.png'), fullPage: true });
});
