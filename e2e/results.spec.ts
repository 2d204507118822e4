/**
 * Results for everyone: a host who is not signed in ends a game and downloads its players CSV from
 * the end screen (the route is GET /rooms/:pin/csv/:kind on the host token, game/protocol.ts).
 */
import { expect, test } from '@playwright/test';
import { hostGame } from './host';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsv } from '../server/db/csv';

test('an anonymous host downloads the players CSV at the end of the game', async ({ browser }) => {
  const hostCtx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const host = await hostCtx.newPage();
  host.on('console', (m) => m.type() === 'error' && console.log('[host console]', m.text()));
  const { pin } = await hostGame(host);

  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const player = await ctx.newPage();
  await player.goto(`/play?pin=${pin}`);
  await player.getByLabel('Nickname (optional)').fill('Ada');
  await player.getByRole('button', { name: 'Join' }).click();
  await expect(player.getByTestId('nickname')).toHaveText('Ada');
  await expect(host.getByTestId('player-count')).toHaveText('1');

  await host.getByRole('button', { name: 'Start the game' }).click();
  await host.getByRole('button', { name: 'End game' }).click();
  await expect(host.getByTestId('phase-title')).toHaveText('Game over');
  await expect(host.getByTestId('results-note')).toHaveText('Not signed in: download now — anonymous games are not kept in an account.');

  const shots = path.join(__dirname, 'artifacts');
  mkdirSync(shots, { recursive: true });
  await host.screenshot({ path: path.join(shots, 'host-ended-anonymous.png'), fullPage: true });

  const downloaded = host.waitForEvent('download');
  await host.getByRole('button', { name: 'Download players (CSV)' }).click();
  const file = await downloaded;
  expect(file.suggestedFilename()).toMatch(new RegExp(`^gan-arena-${pin}-\\d{4}-\\d\\d-\\d\\d-players\\.csv$`));
  const text = readFileSync((await file.path())!, 'utf8');
  expect(text.startsWith('\uFEFFplayer_id,nickname,score,')).toBe(true);
  const [header, ...rows] = parseCsv(text);
  expect(rows.map((r) => r[header.indexOf('nickname')])).toEqual(['Ada']);

  // The token travels in a header only: without it the address alone gives nothing, answered exactly as a
  // PIN no room has, so the route tells no one which PINs are live.
  const bare = await hostCtx.request.get(`/rooms/${pin}/csv/players`);
  expect(bare.status()).toBe(404);
  expect(await bare.json()).toEqual({ ok: false, error: 'no such game' });
});
