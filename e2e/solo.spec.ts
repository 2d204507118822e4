/**
 * Solo play in Chromium: a tiny level played to the end with the generator training in this page's
 * worker, the machine's verdicts at the reveal, and a reload mid-level that resumes the game.
 */
import { type Page, expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { throughLesson } from './lesson';

const shots = path.join(__dirname, 'artifacts');
mkdirSync(shots, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `solo-${name}.png`), fullPage: true });

const URL = '/solo?preset=tiny&levels=noise&backend=webgl';

async function judgeAll(page: Page) {
  const phase = page.getByTestId('phase-judging');
  await expect(phase).toBeVisible({ timeout: 120_000 });
  const n = await phase.getByRole('img').count();
  for (let i = 1; i <= n; i++) await page.getByRole('button', { name: `Image ${i}: ${i % 2 ? 'real' : 'fake'}` }).click();
}

test('a solo level in Chromium: judge, reveal with the machine, train, lesson, end', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await ctx.newPage();
  page.on('console', (m) => m.type() === 'error' && console.log('[solo console]', m.text()));
  await page.goto(URL);
  await shot(page, '01-menu');
  await page.getByRole('button', { name: /Start as judge|New game as judge/ }).click();
  await expect(page.getByTestId('phase-intro')).toBeVisible();
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /^(webgpu|webgl|wasm|cpu)$/, { timeout: 120_000 });
  console.log(`solo trains on ${await page.getByTestId('backend').getAttribute('data-backend')}: ${await page.getByTestId('backend-reason').textContent()}`);
  await page.getByRole('button', { name: 'Play level 1' }).click();
  await judgeAll(page);
  await shot(page, '02-judged');
  await expect(page.getByTestId('phase-reveal')).toBeVisible();
  // The machine discriminator judged every image too.
  await expect(page.getByTestId('machine-verdict')).toHaveCount(4);
  await expect(page.getByTestId('reveal-summary')).toContainText('Machine D:');
  await shot(page, '03-reveal');
  await page.getByRole('button', { name: 'Train the generator' }).click();
  await expect(page.getByTestId('phase-leaderboard')).toBeVisible({ timeout: 120_000 });
  await page.getByRole('button', { name: 'On to the lesson' }).click();
  await expect(page.getByTestId('phase-lesson')).toBeVisible();
  // As in class: the answer is locked in, the reveal shows the verdict, then the next card.
  await page.getByRole('group', { name: 'Answers' }).getByRole('button').first().click();
  await expect(page.getByTestId('locked-in')).toBeVisible();
  await expect(page.getByTestId('check-result')).toHaveCount(0);
  await page.getByRole('button', { name: 'Reveal the answer' }).click();
  await expect(page.getByTestId('check-result')).toBeVisible();
  await shot(page, '04-lesson');
  await throughLesson(page, 'Finish');
  await expect(page.getByTestId('phase-ended')).toBeVisible();
  await shot(page, '05-ended');
  await ctx.close();
});

test('a reload mid-level resumes where the player left', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  await page.goto('/solo?preset=tiny&levels=noise,strokes&backend=webgl');
  await page.getByRole('button', { name: /Start as judge|New game as judge/ }).click();
  await page.getByRole('button', { name: 'Play level 1' }).click();
  await expect(page.getByTestId('phase-judging')).toBeVisible({ timeout: 120_000 });
  // Judge two of the four, then reload in the middle of the round.
  await page.getByRole('button', { name: 'Image 1: real' }).click();
  await page.getByRole('button', { name: 'Image 2: fake' }).click();
  const before = await page.getByTestId('phase-judging').getByRole('img').evaluateAll((els) => els.map((e) => (e as HTMLCanvasElement).toDataURL()));
  await shot(page, '06-phone-judging');
  await page.reload();
  await expect(page.getByTestId('continue')).toContainText('level 1 of 2');
  await shot(page, '07-phone-continue');
  await page.getByTestId('continue').click();
  await expect(page.getByTestId('phase-judging')).toBeVisible();
  // The same images, and the two verdicts already given.
  const after = await page.getByTestId('phase-judging').getByRole('img').evaluateAll((els) => els.map((e) => (e as HTMLCanvasElement).toDataURL()));
  expect(after).toEqual(before);
  await expect(page.getByText('2 of 4 judged')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Image 1: real' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Image 3: real' }).click();
  await page.getByRole('button', { name: 'Image 4: fake' }).click();
  await expect(page.getByTestId('phase-reveal')).toBeVisible();
  await page.getByRole('button', { name: 'Train the generator' }).click();
  await expect(page.getByTestId('phase-leaderboard')).toBeVisible({ timeout: 120_000 });
  // A reload after training resumes at the level's end with the trained generator from IndexedDB.
  await page.reload();
  await page.getByTestId('continue').click();
  await expect(page.getByTestId('phase-leaderboard')).toBeVisible();
  await page.getByRole('button', { name: 'On to the lesson' }).click();
  await throughLesson(page, 'Next level');
  await expect(page.getByTestId('phase-intro')).toContainText('First strokes');
  await expect(page.getByTestId('backend-reason')).toContainText(/your own generator|checkpoint|untrained/, { timeout: 120_000 });
  await shot(page, '08-phone-level2');
  await ctx.close();
});

test('coach mode: pick fakes and knobs, the machine judges them', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await ctx.newPage();
  await page.goto(URL);
  await page.getByRole('button', { name: 'Start as coach' }).click();
  await page.getByRole('button', { name: 'Play level 1' }).click();
  const coaching = page.getByTestId('phase-coaching');
  await expect(coaching).toBeVisible({ timeout: 120_000 });
  const submit = page.getByRole('button', { name: /^Submit/ });
  const needed = Number((await submit.textContent())!.match(/of (\d+)/)![1]);
  for (let i = 1; i <= needed; i++) await page.getByRole('button', { name: `Candidate ${i}`, exact: true }).click();
  await page.getByRole('radio', { name: 'WGAN-GP' }).click();
  await shot(page, '09-coach-pick');
  await submit.click();
  await expect(page.getByTestId('phase-reveal')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('reveal-summary')).toContainText('fooled the machine');
  await shot(page, '10-coach-reveal');
  await page.getByRole('button', { name: 'Train the generator' }).click();
  await expect(page.getByTestId('phase-leaderboard')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('target')).toContainText('latest');
  await ctx.close();
});
