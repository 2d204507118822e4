/**
 * The lesson library in a real Chromium: the list, several cards with example data, a card with a
 * room's data (through the ?preview seam), the phone layout, and answering a check question.
 * Screenshots go to e2e/artifacts/lessons-*.png for a person to look at.
 */
import { type Page, expect, test } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CARDS, getCard } from '../game/lessons/cards';
import type { LessonData, LessonExamples } from '../game/lessons/types';

const shots = path.join(__dirname, 'artifacts');
mkdirSync(shots, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `lessons-${name}.png`), fullPage: true });

const examples = JSON.parse(readFileSync(path.join(__dirname, '../public/lessons/examples.json'), 'utf8')) as LessonExamples;

/** A room's data for the preview: the recorded run's real curves and images, plus a room's votes (a test fixture). */
const roomData: LessonData = {
  ...examples.runs.main,
  source: 'live',
  judge: 'people',
  fooledRate: 0.54,
  fooledInterval: { low: 0.43, high: 0.65 },
  fakeErrorRate: 0.54,
  realErrorRate: 0.38,
  judgments: 96,
  timeline: (examples.runs.main.samplesOverTime ?? []).map((s, i) => ({ round: i + 1, bestFake: s.image, fooledRate: Math.min(0.9, 0.1 + i * 0.07) })),
};

async function openCard(page: Page, id: string, query = '') {
  await page.goto(`/lessons/${id}${query}`);
  await expect(page.getByRole('heading', { level: 2, name: getCard(id)!.title })).toBeVisible();
}

test('the library lists every card, grouped, and opens one', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/lessons');
  await expect(page.getByRole('heading', { level: 1, name: 'Lesson cards' })).toBeVisible();
  for (const c of CARDS) await expect(page.getByRole('link', { name: new RegExp(`^${c.id}\\b`) })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Responsible use' })).toBeVisible();
  await shot(page, 'library');
  await page.getByRole('link', { name: /^T06\b/ }).click();
  await expect(page).toHaveURL(/\/lessons\/T06$/);
  await expect(page.getByRole('heading', { level: 2, name: 'The minimax game' })).toBeVisible();
});

test('cards show typeset maths and clearly labelled example data, and score an answer', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await openCard(page, 'T06');
  await expect(page.locator('.katex-display').first()).toBeVisible();
  await expect(page.locator('[data-panel="losses"] .recharts-line').first()).toBeVisible();
  await expect(page.getByTestId('source-label').first()).toHaveText("Example data from GAN Arena's own training run");
  await expect(page.getByRole('img', { name: /loss per training step/ })).toBeVisible();
  // A wrong answer: marked incorrect, the right one revealed, the explanation shown, no second try.
  const card = getCard('T06')!;
  const wrong = (card.check.answer + 1) % card.check.choices.length;
  await page.getByRole('button', { name: new RegExp(`^Answer ${'ABCD'[wrong]}:`) }).click();
  await expect(page.getByTestId('check-result')).toContainText('Not quite');
  await expect(page.getByTestId('check-result')).toContainText(card.check.explanation.slice(0, 40));
  await expect(page.getByRole('button', { name: new RegExp(`^Answer ${'ABCD'[card.check.answer]}:.*\\(correct answer\\)`) })).toBeDisabled();
  await shot(page, 'T06-answered');

  for (const id of ['T09', 'T13', 'T17', 'T07', 'T16']) {
    await openCard(page, id);
    await expect(page.locator('[data-panel]').first()).toBeVisible();
    await expect(page.getByText('Loading example data…')).toHaveCount(0);
    await shot(page, id);
  }
  await openCard(page, 'T16');
  await expect(page.getByTestId('detection-headline')).toContainText(/discriminator could (not|still|not reliably) tell/);
});

test("a card shows the room's own numbers: the deepfakes card says whether the room could tell", async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/lessons');
  await page.evaluate((d) => sessionStorage.setItem('gan-arena:lesson-preview', JSON.stringify(d)), roomData);
  await openCard(page, 'T16', '?preview');
  await expect(page.getByTestId('detection-headline')).toHaveText('Your room could not tell real from fake.');
  await expect(page.getByText('54% of the time (95% interval 43%–65%)')).toBeVisible();
  await expect(page.locator('[data-panel="detection"]').getByTestId('source-label')).toHaveText("Your room's data");
  await shot(page, 'T16-live');
  await openCard(page, 'T06', '?preview');
  await expect(page.locator('[data-panel="losses"]').getByTestId('source-label')).toHaveText("Your room's data");
});

test('on a phone a card is compact and a right answer scores', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  await openCard(page, 'T05');
  const card = getCard('T05')!;
  await page.getByRole('button', { name: new RegExp(`^Answer ${'ABCD'[card.check.answer]}:`) }).tap();
  await expect(page.getByTestId('check-result')).toContainText('Correct! +100');
  // Nothing wider than the screen: maths scrolls inside its box instead of pushing the page sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await shot(page, 'T05-phone');
  await ctx.close();
});

test('an unknown card is a 404', async ({ page }) => {
  const res = await page.goto('/lessons/T99');
  expect(res?.status()).toBe(404);
});
