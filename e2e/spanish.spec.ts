/**
 * A class that speaks Spanish: a host (projector) and a phone, both with Spanish browsers, play one
 * round of the tiny preset through to the end, and no English is left on either screen at any phase.
 * Then the language switch: the phone goes to English and back, and the choice is remembered.
 *
 * "No English" is checked two ways on the visible text and the aria-label, alt, title and placeholder
 * attributes: no English message of the catalogue (its literal parts of two words or more that the
 * Spanish catalogue does not share) and no English lesson-card sentence appears, and none of a list
 * of common English words that Spanish never uses. Formulas (KaTeX) are left out: they are the same
 * in both languages. A screenshot of each phase in each language goes to e2e/artifacts/.
 */
import { type Page, expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { en } from '../app/i18n/messages/en';
import { es } from '../app/i18n/messages/es';
import { CARDS } from '../game/lessons/cards';
import { cardText } from '../game/lessons/localize';
import { hostGame } from './host';

const shots = path.join(__dirname, 'artifacts');
mkdirSync(shots, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });

const strings = (o: object): string[] => Object.values(o).flatMap((v) => (typeof v === 'string' ? [v] : strings(v as object)));
/** A message's literal text, in pieces: what is left between its {arguments} and <tags>. */
function literalParts(message: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let piece = '';
  for (const ch of message) {
    if (ch === '{') {
      if (depth === 0) parts.push(piece);
      piece = '';
      depth++;
    } else if (ch === '}') depth--;
    else if (depth === 0) piece += ch;
  }
  parts.push(piece);
  return parts.flatMap((p) => p.split(/<\/?\w+>/)).map((p) => p.trim());
}
const words = (s: string) => s.match(/[A-Za-zÀ-ÿ]{2,}/g) ?? [];
const spanish = new Set(strings(es).flatMap(literalParts));
const cardWords = CARDS.flatMap((c) => {
  const t = cardText(c);
  return [t.title, t.summary, t.check.prompt, ...t.check.choices];
});
/** English phrases that must not be on a Spanish screen. */
const ENGLISH = [...new Set([...strings(en).flatMap(literalParts), ...cardWords])].filter((p) => words(p).length >= 2 && !spanish.has(p));
/** Common English words no Spanish sentence here uses. */
const ENGLISH_WORDS = /\b(the|and|you|your|with|this|that|what|which|is|are|was|were|of|round|level|waiting|players?|votes?|judged?|fakes|lesson|next|back|training|loading|score|step|steps)\b/i;

/** Everything a person or a screen reader gets from the page, formulas left out. */
async function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('.katex, script, style').forEach((el) => el.remove());
    // innerText needs layout: measure the clone in place, out of sight.
    clone.style.position = 'absolute';
    clone.style.left = '-99999px';
    document.documentElement.appendChild(clone);
    const text = clone.innerText;
    clone.remove();
    const attrs = [...document.querySelectorAll('[aria-label], [alt], [title], [placeholder]')]
      .filter((el) => !el.closest('.katex'))
      .flatMap((el) => ['aria-label', 'alt', 'title', 'placeholder'].map((a) => el.getAttribute(a) ?? ''));
    return [text, ...attrs].join('\n');
  });
}

async function expectSpanish(page: Page, where: string) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  const text = await pageText(page);
  const phrases = ENGLISH.filter((p) => text.includes(p));
  const lines = text.split('\n').filter((l) => ENGLISH_WORDS.test(l));
  expect(phrases, `${where}: English phrases on screen`).toEqual([]);
  expect(lines, `${where}: lines with English words`).toEqual([]);
}

const SPANISH = { locale: 'es-ES', extraHTTPHeaders: { 'Accept-Language': 'es-ES,es;q=0.9' } };

test('a Spanish class plays a round with no English on the projector or the phone', async ({ browser }) => {
  const hostCtx = await browser.newContext({ ...SPANISH, viewport: { width: 1440, height: 900 } });
  const host = await hostCtx.newPage();
  host.on('console', (m) => m.type() === 'error' && console.log('[host console]', m.text()));

  const home = await hostCtx.newPage();
  await home.goto('/');
  await expect(home.getByRole('heading', { name: 'Unirse a una partida' })).toBeVisible();
  await expectSpanish(home, 'home');
  await shot(home, 'es-home');
  await home.close();

  const { pin } = await hostGame(host);
  const phoneCtx = await browser.newContext({ ...SPANISH, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = await phoneCtx.newPage();
  await phone.goto(`/play?pin=${pin}`);
  await expectSpanish(phone, 'phone join');
  await shot(phone, 'es-play-join');
  await phone.getByLabel('Apodo (opcional)').fill('Ada');
  await phone.getByRole('button', { name: 'Entrar' }).click();
  await expect(phone.getByTestId('nickname')).toHaveText('Ada');
  await expect(host.getByTestId('player-count')).toHaveText('1');
  await expectSpanish(host, 'host lobby');
  await expectSpanish(phone, 'phone lobby');
  await shot(host, 'es-host-lobby');
  await shot(phone, 'es-play-lobby');

  await host.getByRole('button', { name: 'Empezar el juego' }).click();
  await expect(host.getByTestId('phase-title')).toHaveText('Nivel 1 de 1: Puro ruido');
  await expect(phone.getByText('Puro ruido')).toBeVisible();
  await expectSpanish(host, 'host intro');
  await expectSpanish(phone, 'phone intro');
  await shot(host, 'es-host-intro');
  await shot(phone, 'es-play-intro');

  await host.getByRole('button', { name: 'Jugar el nivel 1' }).click();
  await expect(host.getByTestId('vote-count')).toBeVisible({ timeout: 120_000 });
  await expect(phone.getByRole('button', { name: 'Falsa', exact: true })).toBeVisible();
  await expectSpanish(host, 'host judging');
  await expectSpanish(phone, 'phone judging');
  await shot(host, 'es-host-judging');
  await shot(phone, 'es-play-judging');

  const total = await phone.getByRole('navigation', { name: 'Imágenes de esta ronda' }).getByRole('button').count();
  for (let i = 0; i < total - 1; i++) {
    await phone.getByRole('button', { name: i % 2 ? 'Falsa' : 'Real', exact: true }).click();
    await expect(phone.getByText(`${i + 1} de ${total} juzgadas`)).toBeVisible();
  }
  await expectSpanish(phone, 'phone judging, part voted');
  await phone.getByRole('button', { name: 'Falsa', exact: true }).click();

  await expect(phone.getByTestId('round-result')).toBeVisible();
  await expect(host.getByTestId('fooled-rate')).toBeVisible();
  await expectSpanish(host, 'host reveal');
  await expectSpanish(phone, 'phone reveal');
  await shot(host, 'es-host-reveal');
  await shot(phone, 'es-play-reveal');

  await host.getByRole('button', { name: 'Entrenar ya' }).click();
  await expect(host.getByTestId('phase-title')).toHaveText(/entrenamiento|completado/, { timeout: 30_000 });
  await expectSpanish(host, 'host training');
  await expectSpanish(phone, 'phone training');
  await shot(host, 'es-host-training');
  await shot(phone, 'es-play-training');

  await expect(host.getByTestId('phase-title')).toHaveText(/Nivel 1 completado/, { timeout: 180_000 });
  await expectSpanish(host, 'host leaderboard');
  await expectSpanish(phone, 'phone leaderboard');
  await shot(host, 'es-host-leaderboard');
  await shot(phone, 'es-play-leaderboard');

  await host.getByRole('button', { name: /lección/ }).click();
  await expect(host.getByTestId('lesson')).toBeVisible();
  await expect(phone.getByTestId(/^question-/)).toBeVisible();
  await expectSpanish(host, 'host lesson card');
  await expectSpanish(phone, 'phone lesson question');
  await shot(host, 'es-host-lesson');
  await shot(phone, 'es-play-lesson');
  // Through every card: its question on the projector, the answer revealed on both screens.
  const advance = host.getByRole('button', { name: /^(Mostrar la respuesta|Siguiente tarjeta|Terminar el juego)$/ });
  for (let card = 0; ; card++) {
    const next = host.getByRole('button', { name: /^(Siguiente|La pregunta) →/ });
    while ((await host.getByTestId('lesson-question').count()) === 0) await next.click();
    await expectSpanish(host, `host lesson question ${card}`);
    await phone.getByRole('group', { name: 'Respuestas' }).getByRole('button').first().click();
    await expect(phone.getByTestId('locked-in')).toBeVisible();
    await expectSpanish(phone, `phone lesson answered ${card}`);
    await advance.click(); // reveal
    await expect(phone.getByTestId('check-result')).toBeVisible();
    await expectSpanish(host, `host lesson revealed ${card}`);
    await expectSpanish(phone, `phone lesson revealed ${card}`);
    if (card === 0) {
      await shot(host, 'es-host-lesson-revealed');
      await shot(phone, 'es-play-lesson-revealed');
    }
    const label = await advance.textContent();
    await advance.click();
    if (label === 'Terminar el juego') break;
    await expect(advance).toHaveText('Mostrar la respuesta');
  }

  await expect(host.getByTestId('phase-title')).toHaveText('Fin del juego');
  await expect(phone.getByTestId('final-rank')).toBeVisible();
  await expectSpanish(host, 'host ended');
  await expectSpanish(phone, 'phone ended');
  await shot(host, 'es-host-ended');
  await shot(phone, 'es-play-ended');

  // The language switch: the phone goes to English in place (same game, same screen), and the choice
  // outlives a reload; then back to Spanish.
  await phone.getByTestId('language-switch').getByRole('button', { name: 'English' }).click();
  await expect(phone.locator('html')).toHaveAttribute('lang', 'en');
  await expect(phone.getByText('Game over')).toBeVisible();
  await expect(phone.getByTestId('final-rank')).toBeVisible();
  await shot(phone, 'en-play-ended');
  await phone.reload();
  await expect(phone.locator('html')).toHaveAttribute('lang', 'en');
  await shot(phone, 'en-play-after-reload');
  await phone.getByTestId('language-switch').getByRole('button', { name: 'Español' }).click();
  await expect(phone.locator('html')).toHaveAttribute('lang', 'es');
  await expectSpanish(phone, 'phone back in Spanish');
  await hostCtx.close();
  await phoneCtx.close();
});

test('an English browser gets English, and the switch turns the page Spanish and back', async ({ browser }) => {
  const ctx = await browser.newContext({ locale: 'en-US' });
  const page = await ctx.newPage();
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Join a game' })).toBeVisible();
  await page.getByTestId('language-switch').getByRole('button', { name: 'Español' }).click();
  await expect(page.getByRole('heading', { name: 'Unirse a una partida' })).toBeVisible();
  await expectSpanish(page, 'home after the switch');
  // Remembered: the next page comes in Spanish although the browser asks for English.
  await page.goto('/play');
  await expect(page.getByRole('heading', { name: 'Unirse a una partida' })).toBeVisible();
  await page.getByTestId('language-switch').getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Join a game' })).toBeVisible();
  await shot(page, 'en-play-join');
  await ctx.close();
});
