/**
 * The game's DCGAN trains in the browser on WASM (the project's training kernels, no silent swap to
 * an MLP), and the level that loads the best digits generator shows digits: the classifier, run in
 * the host's browser after the round's real training steps, reads several classes, not static.
 */
import { type Page, expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { LEVELS } from '../game/levels';
import { hostGame } from './host';

const shots = path.join(__dirname, 'artifacts');
mkdirSync(shots, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });

test('the DCGAN level trains on WASM in the browser and its fakes are digits', async ({ browser }) => {
  const host = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  const errors: string[] = [];
  host.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const { pin, backend } = await hostGame(host, 'preset=tiny&levels=deepfakes&backend=wasm');
  expect(backend).toBe('wasm');
  // The level's model as built: a DCGAN from the digits trajectory, not an MLP stand-in.
  const reason = host.getByText(/Deepfakes starts from/);
  await expect(reason).toContainText(`checkpoint ${LEVELS.deepfakes.checkpoint}`);
  await expect(reason).not.toContainText('DCGAN → MLP');

  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
  await phone.goto(`/play?pin=${pin}`);
  await phone.getByRole('button', { name: 'Join' }).click();
  await expect(host.getByTestId('player-count')).toHaveText('1');
  await host.getByRole('button', { name: 'Start the game' }).click();
  await host.getByRole('button', { name: 'Play level 1' }).click();
  await expect(phone.getByRole('button', { name: 'Real', exact: true })).toBeVisible({ timeout: 120_000 });
  await shot(phone, 'wasm-dcgan-judging');
  const total = await phone.getByRole('navigation', { name: 'Images in this round' }).getByRole('button').count();
  for (let i = 0; i < total; i++) {
    const button = phone.getByRole('button', { name: i % 2 ? 'Fake' : 'Real', exact: true });
    await expect(button).toBeEnabled();
    await button.click();
    if (i < total - 1) await expect(phone.getByText(`${i + 1} of ${total} judged`)).toBeVisible();
  }
  await expect(host.getByTestId('fooled-rate')).toBeVisible();
  await shot(host, 'wasm-dcgan-reveal');
  await host.getByRole('button', { name: 'Train now' }).click();

  // After the round's steps the host measures its generator with the classifier: digits, not static.
  const realism = host.getByTestId('level-realism');
  await expect(realism).toContainText('The classifier sees', { timeout: 180_000 });
  const text = (await realism.textContent()) ?? '';
  const classes = Number(/The classifier sees (\d+) of 10 classes/.exec(text)?.[1]);
  console.log(`WASM DCGAN level: ${text.replace(/\s+/g, ' ').trim()}`);
  expect(classes).toBeGreaterThanOrEqual(5);
  expect(text).not.toMatch(/Not images yet|still far from anything real/);
  await shot(host, 'wasm-dcgan-level-end');
  expect(errors).toEqual([]);
});
