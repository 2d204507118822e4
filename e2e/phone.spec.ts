/**
 * Phones first: a host on a 1366×768 projector and two 390×844 phones play a round, and at every phase
 * a phone sees (join, lobby, level intro, judging, reveal, training, leaderboard, lesson questions,
 * game over) no page is wider than the phone at 360, 390 and 430 px. The other pages are checked at
 * 360 px. The lobby's Start button fits the projector without scrolling, and the join link names an
 * address a phone can reach. Screenshots go to e2e/artifacts/phone-*.png.
 */
import { type Page, expect, test } from '@playwright/test';
import { throughLesson } from './lesson';
import { mkdirSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { chooseJoinOrigin, isLoopbackHost, lanAddresses } from '../server/network';

const shots = path.join(__dirname, 'artifacts');
mkdirSync(shots, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `phone-${name}.png`), fullPage: true });

const WIDTHS = [360, 390, 430];
/** The longest nickname there is (20 characters, no space to break at) stretches the phone's header. */
const NAMES = ['Ada', 'Bartholomew_TheGreat'];

/** The page's width against the phone's, and the first elements that stick out (for the failure message). */
async function overflow(page: Page, width: number) {
  return page.evaluate((width) => {
    const out: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 0.5 && out.length < 4) {
        out.push(`${el.tagName.toLowerCase()}.${String((el as HTMLElement).className).slice(0, 50)} right=${Math.round(r.right)}`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, out };
  }, width);
}

/**
 * At each phone width, the document is no wider than the window, and the window kept the phone's width
 * (a mobile browser zooms out to show a page that is too wide, so innerWidth alone would grow with it).
 * The screenshot is taken at the narrowest width, where things break first.
 */
async function fits(page: Page, what: string, name?: string, widths = WIDTHS) {
  for (const width of widths) {
    await page.setViewportSize({ width, height: 844 });
    // Two frames for the layout (and a mobile zoom) to follow the new width.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))));
    const o = await overflow(page, width);
    console.log(`${what} @${width}: scrollWidth ${o.scrollWidth}, innerWidth ${o.innerWidth}${o.out.length ? ` · ${o.out.join(' | ')}` : ''}`);
    expect.soft(o.scrollWidth, `${what} at ${width} px: ${o.out.join(' | ')}`).toBeLessThanOrEqual(o.innerWidth);
    expect.soft(o.innerWidth, `${what} at ${width} px: the window kept the phone's width`).toBe(width);
  }
  if (name) {
    await page.setViewportSize({ width: Math.min(...widths), height: 844 });
    await shot(page, name);
  }
  await page.setViewportSize({ width: 390, height: 844 });
}

test('phones never scroll sideways, the lobby fits the projector, and the join link is reachable', async ({ browser }) => {
  const started = Date.now();
  const hostCtx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const host = await hostCtx.newPage();
  // Signed in, so the dashboard has this game to show at the end.
  await host.goto('/teacher');
  await host.getByRole('tab', { name: 'New account' }).click();
  await host.getByLabel('Email').fill(`phone-${Date.now()}@school.test`);
  await host.getByLabel('Passphrase').fill('a classroom passphrase');
  await host.getByTestId('auth-submit').click();
  await expect(host.getByTestId('teacher-email')).toBeVisible();
  await host.goto('/host?preset=tiny&levels=noise');
  const pin = (await host.getByTestId('pin').textContent())!.trim();
  expect(pin).toMatch(/^\d{6}$/);

  // The join link: this machine's LAN address when it has one (the page itself is at 127.0.0.1), else a warning.
  const lan = lanAddresses(networkInterfaces());
  const link = host.getByTestId('join-link');
  if (lan.length > 0) {
    await expect(link).toHaveText(new RegExp(`^(${lan.map((a) => a.replace(/\./g, '\\.')).join('|')}):\\d+/play\\?pin=${pin}$`));
    expect(isLoopbackHost((await link.textContent())!.split('/')[0])).toBe(false);
    await expect(host.getByTestId('qr')).toHaveAttribute('aria-label', new RegExp(`^QR code for http://${lan[0].replace(/\./g, '\\.')}:`));
  } else {
    await expect(host.getByTestId('join-warning')).toContainText("Phones can't reach localhost");
  }

  const phones: Page[] = [];
  for (let i = 0; i < NAMES.length; i++) {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    phones.push(await ctx.newPage());
  }
  const [ada, bo] = phones;

  // The home page, where students type the PIN, and the other pages at the narrowest phone.
  await ada.goto('/');
  await expect(ada.getByPlaceholder('Game PIN')).toBeVisible();
  await fits(ada, 'home', 'home');
  for (const [url, ready] of [
    ['/lessons', ada.getByRole('heading', { level: 1, name: 'Lesson cards' })],
    ['/solo', ada.getByRole('main')],
    ['/lab', ada.getByRole('main')],
    ['/teacher', ada.getByRole('main')],
  ] as const) {
    await ada.goto(url);
    await expect(ready).toBeVisible();
    await fits(ada, url, url.slice(1), [360]);
  }

  // Join.
  for (const [i, page] of phones.entries()) {
    await page.goto(`/play?pin=${pin}`);
    if (i === 0) {
      await expect(page.getByLabel('Nickname (optional)')).toBeVisible();
      await fits(page, 'join', 'play-join');
    }
    await page.getByLabel('Nickname (optional)').fill(NAMES[i]);
    await page.getByRole('button', { name: 'Join' }).click();
    await expect(page.getByTestId('nickname')).toBeVisible();
  }
  await fits(ada, 'lobby', 'play-lobby');

  // The projector: Start is on screen without scrolling, with two players in.
  await expect(host.getByTestId('player-count')).toHaveText('2');
  const start = host.getByRole('button', { name: 'Start the game' });
  await expect(start).toBeInViewport({ ratio: 1 });
  expect(await host.evaluate(() => window.scrollY)).toBe(0);
  await shot(host, 'host-lobby');

  await expect(start).toBeEnabled({ timeout: 120_000 });
  await start.click();
  await expect(ada.getByText('Pure noise')).toBeVisible();
  await fits(ada, 'intro', 'play-intro');
  await host.getByRole('button', { name: 'Play level 1' }).click();

  // Judging: the phone's busiest screen.
  const nav = ada.getByRole('navigation', { name: 'Images in this round' });
  await expect(nav).toBeVisible({ timeout: 120_000 });
  await fits(ada, 'judging', 'play-judging');
  for (const page of phones) {
    const images = page.getByRole('navigation', { name: 'Images in this round' }).getByRole('button');
    await expect(images.first()).toBeVisible({ timeout: 60_000 });
    const total = await images.count();
    for (let i = 0; i < total; i++) {
      await images.nth(i).click();
      await page.getByRole('button', { name: i % 2 ? 'Fake' : 'Real', exact: true }).click();
      if (i < total - 1) await expect(images.nth(i)).toHaveAccessibleName(/you said/);
    }
  }

  await expect(ada.getByTestId('round-result')).toBeVisible();
  await expect(bo.getByTestId('round-result')).toBeVisible();
  await fits(bo, 'reveal', 'play-reveal');

  // Training: measured while it runs (the tiny preset may finish first), then skipped.
  await host.getByRole('button', { name: 'Train now' }).click();
  const training = ada.getByText('Your votes are training the generator');
  const done = ada.getByText('Level 1 done');
  await expect(training.or(done)).toBeVisible();
  if (await training.isVisible()) {
    await fits(ada, 'training', 'play-training');
    const skip = host.getByRole('button', { name: 'Skip training' });
    if (await skip.isVisible()) await skip.click().catch(() => undefined);
  }
  await expect(done).toBeVisible({ timeout: 60_000 });
  await expect(bo.getByText('Level 1 done')).toBeVisible();
  await fits(bo, 'leaderboard', 'play-leaderboard');

  // The lesson's questions on the phone.
  await host.getByRole('button', { name: /lesson/ }).click();
  const question = ada.getByTestId(/^question-/).first();
  await expect(question).toBeVisible();
  await fits(ada, 'lesson');
  await question.getByRole('button', { name: /^Answer A/ }).click();
  await expect(question.getByTestId('locked-in')).toBeVisible();
  await fits(ada, 'lesson answered');
  await host.getByRole('button', { name: 'Reveal the answer' }).click();
  await expect(question.getByTestId('check-result')).toBeVisible();
  await fits(ada, 'lesson revealed', 'play-lesson');

  await throughLesson(host, 'Finish the game');
  await expect(bo.getByTestId('my-summary')).toBeVisible();
  await fits(bo, 'ended', 'play-ended');
  await expect(host.getByTestId('phase-title')).toHaveText('Game over');

  // The teacher's dashboard and this game's page, on a phone-sized window.
  const desk = await hostCtx.newPage();
  await desk.setViewportSize({ width: 360, height: 844 });
  await desk.goto('/teacher');
  const row = desk.getByTestId('session-list').getByRole('row').filter({ hasText: pin });
  await expect(row).toHaveCount(1);
  await fits(desk, '/teacher signed in', 'teacher-dashboard', [360]);
  await row.getByRole('link').click();
  await expect(desk.getByTestId('roster')).toBeVisible();
  await fits(desk, '/teacher/sessions/[id]', 'teacher-session', [360]);
  // A machine with no LAN address (the answer simulated): the lobby says so in plain words, and Start still fits.
  const alone = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const lonely = await alone.newPage();
  await lonely.route('**/api/network', (route) =>
    route.fulfill({ json: chooseJoinOrigin({ interfaces: {}, requestHost: new URL(route.request().url()).host }) }),
  );
  await lonely.goto('/host?preset=tiny&levels=noise');
  await expect(lonely.getByTestId('join-warning')).toHaveText(
    /^Phones can't reach localhost: start the game on a machine on the class Wi-Fi, or open this page at http:\/\/<this computer's Wi-Fi IP address>:\d+\.$/,
  );
  await expect(lonely.getByRole('button', { name: 'Start the game' })).toBeInViewport({ ratio: 1 });
  await shot(lonely, 'host-lobby-warning');
  await alone.close();
  console.log(`phone spec: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
