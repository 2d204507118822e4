/**
 * The Lab in Chromium: a link round-trips every setting, a 2-D mixture's mode coverage rises as it
 * trains, images show samples and a Fréchet distance, step D / step G, checkpoint export and import,
 * and the steps/s each backend reaches here.
 */
import { type Page, expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const shots = path.join(__dirname, 'artifacts');
mkdirSync(shots, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `lab-${name}.png`), fullPage: true });

const ready = (page: Page) => expect(page.getByRole('button', { name: 'Play' })).toBeEnabled({ timeout: 120_000 });
const steps = async (page: Page) => Number(await page.getByTestId('steps').textContent());

test('a Lab link round-trips its settings, and a change lands in the link', async ({ page }) => {
  const query = 'data=grid&arch=mlp&loss=hinge&lrD=0.0005&lrG=0.002&d=2&g=1&z=4&h=64&batch=64&seed=3&backend=wasm';
  await page.goto(`/lab?${query}`);
  await ready(page);
  expect(new URL(page.url()).search).toBe(`?${query}`);
  await expect(page.getByLabel('Dataset')).toHaveValue('grid');
  await expect(page.getByLabel('Loss', { exact: true })).toHaveValue('hinge');
  await expect(page.getByLabel('D learning rate')).toHaveValue('0.0005');
  await expect(page.getByLabel('G learning rate')).toHaveValue('0.002');
  await expect(page.getByLabel('D steps per iteration')).toHaveValue('2');
  await expect(page.getByLabel('G steps per iteration')).toHaveValue('1');
  await expect(page.getByLabel('Latent size')).toHaveValue('4');
  await expect(page.getByLabel('Hidden width')).toHaveValue('64');
  await expect(page.getByLabel('Batch size')).toHaveValue('64');
  await expect(page.getByLabel('Seed')).toHaveValue('3');
  await expect(page.getByLabel('Backend')).toHaveValue('wasm');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await page.getByLabel('Loss', { exact: true }).selectOption('lsgan');
  await expect.poll(() => new URL(page.url()).searchParams.get('loss')).toBe('lsgan');
  await page.reload();
  await ready(page);
  await expect(page.getByLabel('Loss', { exact: true })).toHaveValue('lsgan');
  await expect(page.getByLabel('Dataset')).toHaveValue('grid');
});

test('a 2-D ring run reports mode coverage that rises with training', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto('/lab?data=ring&backend=wasm&seed=2');
  await ready(page);
  const coverage = page.getByTestId('coverage');
  await expect(coverage).not.toHaveAttribute('data-value', '');
  const start = Number(await coverage.getAttribute('data-value'));
  await shot(page, '01-ring-start');
  // Step D and step G move the counter by one step each.
  await page.getByRole('button', { name: 'Step D' }).click();
  await expect.poll(() => steps(page)).toBe(1);
  await page.getByRole('button', { name: 'Step G' }).click();
  await expect.poll(() => steps(page)).toBe(2);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect
    .poll(async () => Number(await coverage.getAttribute('data-value')), { timeout: 240_000, intervals: [1000] })
    .toBeGreaterThanOrEqual(Math.min(1, start + 0.5));
  await page.getByRole('button', { name: 'Pause' }).click();
  const end = Number(await coverage.getAttribute('data-value'));
  console.log(`ring coverage ${start} → ${end} after ${await steps(page)} steps at ${await page.getByTestId('steps-per-sec').textContent()} steps/s (wasm)`);
  expect(end).toBeGreaterThan(start);
  await shot(page, '02-ring-trained');
});

test('steps/s on each backend for the 2-D ring', async ({ page }) => {
  test.setTimeout(300_000);
  for (const backend of ['wasm', 'webgl', 'webgpu', 'cpu']) {
    await page.goto(`/lab?data=ring&backend=${backend}`);
    await ready(page);
    const used = await page.getByTestId('backend').getAttribute('data-backend');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => steps(page), { timeout: 120_000 }).toBeGreaterThan(backend === 'webgpu' || backend === 'cpu' ? 20 : 200);
    await page.getByRole('button', { name: 'Pause' }).click();
    console.log(`lab ring on ${backend} (ran ${used}): ${await page.getByTestId('steps-per-sec').textContent()} steps/s`);
  }
});

test('digits in the Lab: samples, interpolation, a Fréchet distance, and a checkpoint that exports and imports', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto('/lab?data=digits&backend=wasm&h=32&batch=32&z=16');
  await ready(page);
  await expect(page.getByTestId('samples').getByRole('img')).toHaveCount(16 + 8);
  await expect(page.getByTestId('fid')).not.toHaveText('–', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => steps(page), { timeout: 120_000 }).toBeGreaterThan(220);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect.poll(async () => (await page.getByTestId('chart-fid').getByRole('img', { name: /Fréchet/ }).getAttribute('aria-label')) ?? '').toMatch(/FID \d/);
  console.log(`digits (MLP h32) on wasm: ${await page.getByTestId('steps-per-sec').textContent()} steps/s, FID ${await page.getByTestId('fid').textContent()}`);
  await shot(page, '03-digits');
  // Pause lets the chunk in flight finish: wait until the step count stops moving before noting it.
  await expect
    .poll(async () => {
      const before = await steps(page);
      await new Promise((r) => setTimeout(r, 700));
      return before === (await steps(page));
    })
    .toBe(true);
  const trained = await steps(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export checkpoint' }).click();
  const file = await (await download).path();
  // Start afresh with another shape, then import: the file's config decides the model again.
  await page.goto('/lab?data=ring&backend=wasm');
  await ready(page);
  await page.getByLabel('Checkpoint file').setInputFiles(file!);
  await expect.poll(() => new URL(page.url()).searchParams.get('data')).toBe('digits');
  await ready(page);
  expect(new URL(page.url()).searchParams.get('z')).toBe('16');
  await expect.poll(() => steps(page)).toBe(trained);
});

test('the Lab on a phone', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  await page.goto('/lab?data=grid&backend=wasm');
  await ready(page);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => steps(page), { timeout: 60_000 }).toBeGreaterThan(100);
  await page.getByRole('button', { name: 'Pause' }).click();
  await shot(page, '04-phone-grid');
  await ctx.close();
});

test('the DCGAN trains on WASM in the browser: the project kernels are registered, no swap to an MLP', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto('/lab?data=digits&arch=dcgan&backend=wasm&batch=16&z=16');
  await ready(page);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await expect(page.getByText(/trains an MLP instead/)).toHaveCount(0);
  await expect(page.getByText(/DCGAN → MLP/)).toHaveCount(0);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => steps(page), { timeout: 180_000 }).toBeGreaterThan(10);
  await page.getByRole('button', { name: 'Pause' }).click();
  console.log(`digits (DCGAN) on wasm: ${await page.getByTestId('steps-per-sec').textContent()} steps/s`);
  await shot(page, '04-dcgan-wasm');
});
