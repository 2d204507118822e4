/**
 * Access: axe-core (WCAG 2.0/2.1 A and AA rules) on every page and every phase of one short game.
 * A projector (1366×768) hosts the tiny preset, a phone (390×844) plays it, and at each phase axe
 * runs on both; then the library, solo, the Lab and the teacher's pages. Any serious or critical
 * violation fails the test, and so does a page without one h1 or with a skipped heading level (axe
 * rates those "moderate", but a screen reader user navigates by headings). Violations are printed
 * per page, rule by rule, with the elements that break them; a table of counts ends the run.
 */
import AxeBuilder from '@axe-core/playwright';
import { type Page, expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { throughLesson, toQuestion } from './lesson';

const shots = path.join(__dirname, 'artifacts');
mkdirSync(shots, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `access-${name}.png`) });

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** Best-practice rules that this app holds itself to as well. */
const HEADINGS = ['heading-order', 'page-has-heading-one'];

const table: { page: string; count: number; rules: string[]; at: number; took: number }[] = [];
let t0 = Date.now();

/** Runs axe on the page as it is now; records and (softly) fails on what it finds. */
async function axe(page: Page, name: string) {
  const began = Date.now();
  // Let entrance transitions end: a half-faded element has a contrast it never keeps.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
  // The WCAG rules, plus the two heading rules by name (a rule enabled by name runs whatever its tags).
  const rules = Object.fromEntries(HEADINGS.map((id) => [id, { enabled: true }]));
  const result = await new AxeBuilder({ page }).options({ runOnly: { type: 'tag', values: WCAG }, rules }).analyze();
  const bad = result.violations.filter(
    (v) => HEADINGS.includes(v.id) || ((v.impact === 'serious' || v.impact === 'critical') && v.tags.some((t) => WCAG.includes(t))),
  );
  const count = bad.reduce((n, v) => n + v.nodes.length, 0);
  table.push({ page: name, count, rules: bad.map((v) => `${v.id}×${v.nodes.length}`), at: (began - t0) / 1000, took: (Date.now() - began) / 1000 });
  const text = bad
    .map(
      (v) =>
        `  [${v.impact}] ${v.id}: ${v.help}\n` +
        v.nodes
          .slice(0, 6)
          .map((n) => `      ${n.target.join(' ')}\n        ${(n.failureSummary ?? '').split('\n').slice(1, 2).join(' ').trim()}\n        ${n.html.slice(0, 140)}`)
          .join('\n') +
        (v.nodes.length > 6 ? `\n      … and ${v.nodes.length - 6} more` : ''),
    )
    .join('\n');
  if (count) console.log(`axe · ${name}: ${count} element(s)\n${text}`);
  expect.soft(count, `axe · ${name}:\n${text}`).toBe(0);
}

/**
 * Visible focus: tabs through the page from the top and checks that each element the keyboard
 * reaches draws a solid outline of at least 2 px or a ring (a box shadow); a visually hidden
 * checkbox counts by its label. Chromium's own thin "auto" ring is not enough on a dark page.
 */
async function focusVisible(page: Page, name: string, presses = 20) {
  const began = Date.now();
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur?.();
    window.scrollTo(0, 0);
  });
  const missing: string[] = [];
  let reached = 0;
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    const r = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const drawn = (e: Element) => {
        const s = getComputedStyle(e);
        return (s.outlineStyle !== 'none' && s.outlineStyle !== 'auto' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
      };
      const shown = el.classList.contains('sr-only') && el.parentElement?.tagName === 'LABEL' ? el.parentElement : el;
      const what = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return { ok: drawn(shown), what: `${el.tagName.toLowerCase()} "${what}"` };
    });
    if (!r) continue;
    reached++;
    if (!r.ok && !missing.includes(r.what)) missing.push(r.what);
  }
  console.log(
    `focus · ${name}: ${reached} stops, ${missing.length} without a visible indicator${missing.length ? `: ${missing.join(' | ')}` : ''} (${((Date.now() - began) / 1000).toFixed(1)} s)`,
  );
  expect.soft(reached, `focus · ${name}: the keyboard reaches something`).toBeGreaterThan(0);
  expect.soft(missing, `focus · ${name}: elements whose focus is not visible`).toEqual([]);
}

test('every page and every phase passes axe (WCAG 2.1 A/AA: no serious or critical violation)', async ({ browser }) => {
  test.setTimeout(360_000);
  const started = Date.now();
  t0 = started;
  const deskCtx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const desk = await deskCtx.newPage();
  const phoneCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = await phoneCtx.newPage();

  // Pages with nothing to play: home, the library, a card with maths, its projector view, sign-in.
  await desk.goto('/');
  await expect(desk.getByPlaceholder('Game PIN')).toBeVisible();
  await axe(desk, 'home');
  await focusVisible(desk, 'home');
  await phone.goto('/');
  await axe(phone, 'home (phone)');
  await desk.goto('/lessons');
  await expect(desk.getByRole('heading', { level: 1, name: 'Lesson cards' })).toBeVisible();
  await axe(desk, 'lessons');
  await desk.goto('/lessons/T06');
  await expect(desk.locator('[data-panel="losses"] .recharts-line').first()).toBeVisible();
  await axe(desk, 'lesson card T06');
  await focusVisible(desk, 'lesson card T06');
  await desk.goto('/lessons/T16');
  await expect(desk.getByTestId('detection-headline')).toBeVisible();
  await axe(desk, 'lesson card T16');
  await phone.goto('/lessons/T09');
  await expect(phone.locator('[data-panel]').first()).toBeVisible();
  await axe(phone, 'lesson card T09 (phone)');
  await phone.goto('/lessons/T13');
  await expect(phone.locator('[data-panel]').first()).toBeVisible();
  await expect(phone.getByText('Loading example data…')).toHaveCount(0);
  await axe(phone, 'lesson card T13 (phone)');
  await desk.goto('/lessons/T06/projector');
  await expect(desk.locator('article.projector h2')).toBeVisible();
  await axe(desk, 'lesson projector T06');
  await desk.getByRole('button', { name: /^Next/ }).click();
  await axe(desk, 'lesson projector T06, step 2');
  await desk.goto('/teacher');
  await expect(desk.getByRole('tab', { name: 'New account' })).toBeVisible();
  await axe(desk, 'teacher sign-in');
  await focusVisible(desk, 'teacher sign-in');

  // Signed in, so the game below is kept and the teacher's pages have a session to show.
  await desk.getByRole('tab', { name: 'New account' }).click();
  await desk.getByLabel('Email').fill(`access-${Date.now()}@school.test`);
  await desk.getByLabel('Passphrase').fill('a classroom passphrase');
  await desk.getByTestId('auth-submit').click();
  await expect(desk.getByTestId('teacher-email')).toBeVisible();

  // The game: lobby.
  await desk.goto('/host?preset=tiny&levels=noise');
  const pin = (await desk.getByTestId('pin').textContent())!.trim();
  expect(pin).toMatch(/^\d{6}$/);
  await phone.goto(`/play?pin=${pin}`);
  await expect(phone.getByLabel('Nickname (optional)')).toBeVisible();
  await axe(phone, 'play: join');
  await phone.getByLabel('Nickname (optional)').fill('Ada');
  await phone.getByRole('button', { name: 'Join' }).click();
  await expect(phone.getByTestId('nickname')).toHaveText('Ada');
  await axe(phone, 'play: lobby');
  await expect(desk.getByTestId('player-count')).toHaveText('1');
  await expect(desk.getByTestId('qr')).toBeVisible();
  await axe(desk, 'host: lobby');
  await shot(desk, 'host-lobby');
  // The lobby's lesson-card picker: visually hidden checkboxes, their focus shown on the label.
  await desk.getByRole('button', { name: /^cards / }).first().click();
  await focusVisible(desk, 'host: lobby', 40);
  await shot(desk, 'host-lobby-focus');

  // Level intro, then judging.
  const start = desk.getByRole('button', { name: 'Start the game' });
  await expect(start).toBeEnabled({ timeout: 120_000 });
  await start.click();
  await expect(phone.getByText('Pure noise')).toBeVisible();
  await axe(desk, 'host: level intro');
  await axe(phone, 'play: level intro');
  await desk.getByRole('button', { name: 'Play level 1' }).click();
  const nav = phone.getByRole('navigation', { name: 'Images in this round' });
  await expect(nav).toBeVisible({ timeout: 120_000 });
  await expect(desk.getByTestId('vote-count')).toBeVisible();
  await axe(desk, 'host: judging');
  await axe(phone, 'play: judging');
  await shot(phone, 'play-judging');
  await focusVisible(phone, 'play: judging', 10);
  await nav.getByRole('button').nth(1).focus();
  await shot(phone, 'play-judging-focus');
  const images = nav.getByRole('button');
  const total = await images.count();
  await phone.getByRole('button', { name: 'Real', exact: true }).click();
  await expect(images.first()).toHaveAccessibleName(/you said/);
  await desk.getByRole('button', { name: 'Who hasn’t finished?' }).click();
  await axe(desk, 'host: judging, names shown');
  await axe(phone, 'play: voted');
  for (let i = 1; i < total; i++) {
    await images.nth(i).click();
    await phone.getByRole('button', { name: i % 2 ? 'Fake' : 'Real', exact: true }).click();
  }

  // Reveal, training, the level's podium.
  await expect(phone.getByTestId('round-result')).toBeVisible();
  await expect(desk.getByTestId('fooled-rate')).toBeVisible();
  await axe(desk, 'host: reveal');
  await axe(phone, 'play: reveal');
  await shot(phone, 'play-reveal');
  await desk.getByRole('button', { name: 'Train now' }).click();
  await expect(desk.getByTestId('phase-title')).toHaveText(/training|complete/);
  if (/training/.test((await desk.getByTestId('phase-title').textContent()) ?? '')) {
    await axe(desk, 'host: training');
    if (await phone.getByText('Your votes are training the generator').isVisible()) await axe(phone, 'play: training');
    // Seen: the rest of the steps would only cost time.
    const skip = desk.getByRole('button', { name: 'Skip training' });
    if (await skip.isVisible()) await skip.click().catch(() => undefined);
  }
  await expect(desk.getByTestId('phase-title')).toHaveText(/Level 1 complete/, { timeout: 180_000 });
  await axe(desk, 'host: level podium');
  await axe(phone, 'play: level done');

  // The lesson: a card, its question, the answers.
  await desk.getByRole('button', { name: /lesson/ }).click();
  await expect(desk.getByTestId('lesson')).toBeVisible();
  await axe(desk, 'host: lesson card');
  await shot(desk, 'host-lesson');
  await toQuestion(desk);
  const question = phone.getByTestId(/^question-/).first();
  await expect(question).toBeVisible();
  await axe(desk, 'host: lesson question');
  await axe(phone, 'play: lesson question');
  await question.getByRole('button', { name: /^Answer A/ }).click();
  await expect(question.getByTestId('locked-in')).toBeVisible();
  await axe(phone, 'play: lesson answered');
  await desk.getByRole('button', { name: 'Reveal the answer' }).click();
  await expect(desk.getByTestId('lesson-distribution')).toBeVisible();
  await expect(question.getByTestId('check-result')).toBeVisible();
  await axe(desk, 'host: lesson answers');
  await axe(phone, 'play: lesson revealed');

  // Game over.
  await throughLesson(desk, 'Finish the game');
  await expect(desk.getByTestId('phase-title')).toHaveText('Game over');
  await expect(phone.getByTestId('my-summary')).toBeVisible();
  await axe(desk, 'host: game over');
  await axe(phone, 'play: game over');
  await shot(desk, 'host-ended');
  await shot(phone, 'play-ended');

  // The teacher's list of sessions and this game's page.
  await desk.goto('/teacher');
  const row = desk.getByTestId('session-list').getByRole('row').filter({ hasText: pin });
  await expect(row).toHaveCount(1);
  await axe(desk, 'teacher: sessions');
  await row.getByRole('link').click();
  await expect(desk.getByTestId('roster')).toBeVisible();
  await desk.waitForTimeout(500); // the charts draw after their data
  await axe(desk, 'teacher: session detail');
  await shot(desk, 'teacher-session');
  await focusVisible(desk, 'teacher: session detail');
  // On a phone the roster scrolls sideways inside its box: that box must be reachable by keyboard.
  await desk.setViewportSize({ width: 390, height: 844 });
  await axe(desk, 'teacher: session detail (phone width)');
  await desk.goto('/teacher');
  await expect(desk.getByTestId('session-list')).toBeVisible();
  await axe(desk, 'teacher: sessions (phone width)');
  await desk.setViewportSize({ width: 1366, height: 768 });

  // The Lab, after a step of each network (its charts then have points).
  await desk.goto('/lab?data=ring&backend=wasm&seed=2');
  await expect(desk.getByRole('button', { name: 'Play' })).toBeEnabled({ timeout: 120_000 });
  await desk.getByRole('button', { name: 'Step D' }).click();
  await expect.poll(async () => Number(await desk.getByTestId('steps').textContent())).toBe(1);
  await axe(desk, 'lab');
  await shot(desk, 'lab');
  await focusVisible(desk, 'lab', 25);

  // Solo: the menu, the level's intro, judging and the reveal beside the machine's verdicts.
  await phone.goto('/solo?preset=tiny&levels=noise&backend=webgl');
  await expect(phone.getByRole('button', { name: /Start as judge|New game as judge/ })).toBeVisible();
  await axe(phone, 'solo: menu');
  await focusVisible(phone, 'solo: menu', 10);
  await phone.getByRole('button', { name: /Start as judge|New game as judge/ }).click();
  await expect(phone.getByTestId('backend')).toHaveAttribute('data-backend', /^(webgpu|webgl|wasm|cpu)$/, { timeout: 120_000 });
  await axe(phone, 'solo: intro');
  await phone.getByRole('button', { name: 'Play level 1' }).click();
  const judging = phone.getByTestId('phase-judging');
  await expect(judging).toBeVisible({ timeout: 120_000 });
  await axe(phone, 'solo: judging');
  const n = await judging.getByRole('img').count();
  for (let i = 1; i <= n; i++) await phone.getByRole('button', { name: `Image ${i}: ${i % 2 ? 'real' : 'fake'}` }).click();
  await expect(phone.getByTestId('phase-reveal')).toBeVisible();
  await axe(phone, 'solo: reveal');
  await shot(phone, 'solo-reveal');

  console.log(
    `axe, serious and critical (and heading) violations per page:\n${table
      .map((r) => `  ${r.page.padEnd(34)} ${String(r.count).padStart(3)}  ${r.rules.join(', ')}`.padEnd(90) + ` @${r.at.toFixed(0)}s (${r.took.toFixed(1)}s)`)
      .join('\n')}\naccess spec: ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  await deskCtx.close();
  await phoneCtx.close();
});
