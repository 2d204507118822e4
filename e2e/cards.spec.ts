/**
 * Every lesson card in projector mode (/lessons/<id>/projector, the layout the host shows between
 * levels), at a laptop projector's 1366×768, at 1920×1080 and on a 390×844 phone, on one page and
 * without training anything. At each step of each card:
 *   - no formula overflows: every math box and .katex-display has scrollWidth ≤ clientWidth + 1,
 *     and the typeset formula lies inside its box and inside the card;
 *   - on the wide screens nothing needs scrolling: the document is no taller than the window, the
 *     card, its text column, its panel column and each panel do not overflow, every block of text,
 *     panel and the question ends above the bottom of the window, and no chart is squeezed under 150 px;
 *   - at 1366 px the body text is at least 28 px, chart axis text 16 px, legends 18 px, thumbnails 96 px.
 * Screenshots of T06, T12 and T18 at each size go to e2e/artifacts/cards-*.png.
 */
import { type Page, expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { CARDS } from '../game/lessons/cards';

const shots = path.join(__dirname, 'artifacts');
mkdirSync(shots, { recursive: true });

const VIEWPORTS = [
  { width: 1366, height: 768, wide: true },
  { width: 1920, height: 1080, wide: true },
  { width: 390, height: 844, wide: false },
] as const;
const SHOT = new Set(['T06', 'T12', 'T18']);

/** Waits for fonts, then for the card's pagination to settle (its step count stops changing). */
async function settle(page: Page) {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  let last = '';
  for (let i = 0; i < 8; i++) {
    const now = await page.evaluate(
      () =>
        new Promise<string>((r) =>
          requestAnimationFrame(() =>
            requestAnimationFrame(() => {
              const a = document.querySelector('article.projector');
              r(`${a?.getAttribute('data-steps')}:${a?.getAttribute('data-step')}:${document.querySelectorAll('.recharts-surface').length}`);
            }),
          ),
        ),
    );
    if (now === last) return;
    last = now;
  }
}

interface Problems {
  math: string[];
  scroll: string[];
  sizes: string[];
}

/** Everything this step of the card gets wrong, as readable lines (empty when all is well). */
function inspect(opts: { wide: boolean; checkSizes: boolean }): Problems {
  const visible = (el: Element) => !el.closest('[data-measure]');
  const card = document.querySelector<HTMLElement>('article.projector')!;
  const c = card.getBoundingClientRect();
  const math: string[] = [];
  for (const box of [...document.querySelectorAll<HTMLElement>('[data-math-block]')].filter(visible)) {
    const tex = box.textContent?.slice(0, 30) ?? '';
    if (box.scrollWidth > box.clientWidth + 1) math.push(`math box scrolls (${box.scrollWidth} > ${box.clientWidth}): ${tex}`);
    const display = box.querySelector<HTMLElement>('.katex-display');
    if (display && display.scrollWidth > display.clientWidth + 1) math.push(`.katex-display overflows (${display.scrollWidth} > ${display.clientWidth}): ${tex}`);
    const f = box.querySelector('.katex-html')?.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    if (f && (f.left < b.left - 1 || f.right > b.right + 1)) math.push(`formula outside its box (${f.left.toFixed(0)}–${f.right.toFixed(0)} vs ${b.left.toFixed(0)}–${b.right.toFixed(0)}): ${tex}`);
    if (f && (f.left < c.left - 1 || f.right > c.right + 1)) math.push(`formula outside the card: ${tex}`);
  }
  const scroll: string[] = [];
  const doc = document.scrollingElement!;
  if (doc.scrollWidth > window.innerWidth + 1) scroll.push(`page scrolls sideways (${doc.scrollWidth} > ${window.innerWidth})`);
  if (opts.wide) {
    if (doc.scrollHeight > window.innerHeight + 1) scroll.push(`page scrolls (${doc.scrollHeight} > ${window.innerHeight})`);
    if (card.scrollHeight > card.clientHeight + 1) scroll.push(`card overflows its screen (${card.scrollHeight} > ${card.clientHeight})`);
    // Nothing spills out of its box either (overflow the page cannot scroll would still cover things).
    const boxes = [...card.querySelectorAll<HTMLElement>('[data-proj-text], [data-proj-panels], [data-panel]')].filter(visible);
    for (const el of boxes) {
      if (el.scrollHeight > el.clientHeight + 1) scroll.push(`${el.getAttribute('data-panel') ?? (el.hasAttribute('data-proj-text') ? 'text column' : 'panel column')} overflows (${el.scrollHeight} > ${el.clientHeight})`);
    }
    // A chart squeezed flat is as bad as one scrolled away.
    for (const el of [...card.querySelectorAll('[data-chart]')].filter(visible)) {
      const h = el.getBoundingClientRect().height;
      if (h < 150) scroll.push(`chart only ${h.toFixed(0)} px tall`);
    }
    const blocks = [...card.querySelectorAll('[data-proj-visible] > *, [data-panel], [data-testid="projector-question"], nav')].filter(visible);
    for (const el of blocks) {
      const r = el.getBoundingClientRect();
      if (r.bottom > window.innerHeight + 1) scroll.push(`${el.tagName.toLowerCase()}${el.getAttribute('data-panel') ? `[${el.getAttribute('data-panel')}]` : ''} ends at ${r.bottom.toFixed(0)} px, below the window: ${el.textContent?.slice(0, 40)}`);
    }
  }
  const sizes: string[] = [];
  if (opts.checkSizes) {
    const px = (el: Element) => parseFloat(getComputedStyle(el).fontSize);
    for (const el of [...card.querySelectorAll('[data-proj-visible] p, [data-proj-visible] li')].filter(visible)) {
      if (px(el) < 28) sizes.push(`body text ${px(el)} px < 28: ${el.textContent?.slice(0, 30)}`);
    }
    for (const el of [...card.querySelectorAll('.recharts-cartesian-axis-tick text')].filter(visible)) {
      if (px(el) < 16) sizes.push(`axis text ${px(el)} px < 16`);
    }
    for (const el of [...card.querySelectorAll('.recharts-legend-item-text')].filter(visible)) {
      if (px(el) < 18) sizes.push(`legend ${px(el)} px < 18`);
    }
    for (const el of [...card.querySelectorAll('[data-thumb]')].filter(visible)) {
      const w = el.getBoundingClientRect().width;
      if (w < 96) sizes.push(`thumbnail ${w.toFixed(0)} px < 96`);
    }
  }
  return { math, scroll, sizes };
}

test('every card fits the projector and the phone: formulas inside their boxes, no scrolling, big enough to read', async ({ page }) => {
  const failures: string[] = [];
  for (const vp of VIEWPORTS) {
    await page.setViewportSize({ width: vp.width, height: vp.height });
    for (const card of CARDS) {
      await page.goto(`/lessons/${card.id}/projector`);
      await expect(page.locator('article.projector h2')).toHaveText(card.title);
      await settle(page);
      const steps = Number(await page.locator('article.projector').getAttribute('data-steps'));
      for (let step = 0; step < steps; step++) {
        if (step > 0) {
          await page.getByRole('button', { name: 'Next →' }).click();
          await expect(page.locator('article.projector')).toHaveAttribute('data-step', String(step));
          await settle(page);
        }
        const p = await page.evaluate(inspect, { wide: vp.wide, checkSizes: vp.width === 1366 });
        const where = `${card.id} at ${vp.width}×${vp.height}, step ${step + 1}/${steps}`;
        for (const line of [...p.math, ...p.scroll, ...p.sizes]) failures.push(`${where}: ${line}`);
        if (SHOT.has(card.id) && (step === 0 || step === steps - 1)) {
          await page.screenshot({ path: path.join(shots, `cards-${card.id}-${vp.width}x${vp.height}-step${step + 1}.png`), fullPage: !vp.wide });
        }
      }
    }
  }
  expect(failures, failures.join('\n')).toEqual([]);
});
