/**
 * Results for every host: a game hosted anonymously (no teacher, so no dashboard keeps it) is played
 * over real sockets against a recorder on PGlite, ended, and its CSVs downloaded on the host token.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ResultsRoute } from '../game/protocol';
import { openDatabase } from './db/client';
import { parseCsv } from './db/csv';
import { roomSessionDetail } from './db/sessions';
import { dbRecorder } from './recorder';
import { sameToken } from './host-http';
import { call, hostGame, joinPlayer, next, startJudging, url, useServer } from './test-client';

const database = await openDatabase();
afterAll(() => database.close());

useServer({ recorder: dbRecorder(database.db), results: (pin, createdAt) => roomSessionDetail(database.db, pin, createdAt) });

const get = (path: string, token?: string) => fetch(`${url}${path}`, { headers: token === undefined ? {} : { [ResultsRoute.hostTokenHeader]: token } });

describe('the results route', () => {
  it('hands an anonymous host both CSVs at the end of the game, and nobody else', async () => {
    const g = await hostGame({ roundsPerLevel: 1 });
    const ada = await joinPlayer(g.pin, 'Ada');
    const bo = await joinPlayer(g.pin, 'Bo');
    const images = await startJudging(g, ada.c);
    // Ada calls everything real, Bo everything fake.
    for (const img of images) {
      expect((await call(ada.c, 'player:vote', { pin: g.pin, playerToken: ada.token, imageId: img.id, verdict: 'real' })).ok).toBe(true);
      expect((await call(bo.c, 'player:vote', { pin: g.pin, playerToken: bo.token, imageId: img.id, verdict: 'fake' })).ok).toBe(true);
    }
    const ended = next<{ phase: { kind: string } }>(g.host, 'room:host', (v) => v.phase.kind === 'ended');
    expect((await call(g.host, 'host:end', { pin: g.pin, hostToken: g.hostToken })).ok).toBe(true);
    await ended;

    const players = await get(ResultsRoute.path(g.pin, 'players'), g.hostToken);
    expect(players.status).toBe(200);
    expect(players.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(players.headers.get('cache-control')).toBe('no-store');
    expect(players.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="gan-arena-${g.pin}-\\d{4}-\\d\\d-\\d\\d-players\\.csv"$`));
    const playersText = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await players.arrayBuffer());
    expect(playersText.startsWith('\uFEFFplayer_id,nickname,')).toBe(true);
    const [pHeader, ...pRows] = parseCsv(playersText);
    const judged = Object.fromEntries(pRows.map((r) => [r[pHeader.indexOf('nickname')], r[pHeader.indexOf('judged')]]));
    expect(judged).toEqual({ Ada: String(images.length), Bo: String(images.length) });

    const votes = await get(ResultsRoute.path(g.pin, 'votes'), g.hostToken);
    expect(votes.status).toBe(200);
    const voteText = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await votes.arrayBuffer());
    expect(voteText.startsWith('\uFEFFround,level,image_id,')).toBe(true);
    const [header, ...rows] = parseCsv(voteText);
    const col = (name: string) => header.indexOf(name);
    expect(rows).toHaveLength(2 * images.length);
    const cast = rows.map((r) => `${r[col('nickname')]}:${r[col('image_id')]}:${r[col('verdict')]}`).sort();
    const expected = images.flatMap((img) => [`Ada:${img.id}:real`, `Bo:${img.id}:fake`]).sort();
    expect(cast).toEqual(expected);
    for (const r of rows) expect(r[col('correct')]).toBe(String(r[col('verdict')] === r[col('truth')]));

    // Refusals: a wrong or missing token, a kind that is not an export, a PIN no room has, another method.
    // A wrong or missing token is answered exactly as a missing room, so the route finds no live PINs.
    const other = g.pin === '999999' ? '999998' : '999999';
    const unknown = await get(ResultsRoute.path(other, 'votes'), g.hostToken);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ ok: false, error: 'no such game' });
    for (const token of ['not-the-token', undefined]) {
      const wrong = await get(ResultsRoute.path(g.pin, 'players'), token);
      expect(wrong.status).toBe(404);
      expect(await wrong.json()).toEqual({ ok: false, error: 'no such game' });
    }
    expect((await get(`/rooms/${g.pin}/csv/secrets`, g.hostToken)).status).toBe(400);
    expect((await fetch(`${url}${ResultsRoute.path(g.pin, 'votes')}`, { method: 'POST', headers: { [ResultsRoute.hostTokenHeader]: g.hostToken } })).status).toBe(405);
  });

  it('answers mid-game too, with what has been recorded so far', async () => {
    const g = await hostGame();
    await joinPlayer(g.pin, 'Cy');
    // A join is written without holding the player up: it lands a moment later.
    await vi.waitFor(async () => {
      const res = await get(ResultsRoute.path(g.pin, 'players'), g.hostToken);
      expect(res.status).toBe(200);
      expect(parseCsv(await res.text()).map((r) => r[1])).toEqual(['nickname', 'Cy']);
    }, { timeout: 5000, interval: 50 });
  });
});

describe('sameToken', () => {
  it('is plain equality, whatever the lengths', () => {
    expect(sameToken('abc', 'abc')).toBe(true);
    expect(sameToken('abc', 'abd')).toBe(false);
    expect(sameToken('abc', 'abcd')).toBe(false);
    expect(sameToken('', 'abc')).toBe(false);
  });
});

describe('ResultsRoute', () => {
  it('builds and matches its own paths, and no others', () => {
    expect(ResultsRoute.path('123456', 'votes')).toBe('/rooms/123456/csv/votes');
    expect(ResultsRoute.match('/rooms/123456/csv/players')).toEqual({ pin: '123456', kind: 'players' });
    expect(ResultsRoute.match('/rooms/123456/csv/players?x=1')).toEqual({ pin: '123456', kind: 'players' });
    expect(ResultsRoute.match('/rooms/123456/csv/%ZZ')).toEqual({ pin: '123456', kind: '%ZZ' });
    expect(ResultsRoute.match('/rooms/123456/checkpoint')).toBeNull();
    expect(ResultsRoute.match('/rooms/12345/csv/players')).toBeNull();
    expect(ResultsRoute.isKind('players') && ResultsRoute.isKind('votes')).toBe(true);
    expect(ResultsRoute.isKind('secrets')).toBe(false);
  });
});
