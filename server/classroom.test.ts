/**
 * Classroom faults over real sockets: a player who drops mid-round comes back as the same player
 * with their score and time left; a host who reloads mid-level gets the room back, paused until its
 * trainer has reloaded the checkpoint the server holds.
 */
import { describe, expect, it } from 'vitest';
import { type HostView, PROTOCOL_VERSION, type PlayerView } from '../game/protocol';
import { app, call, client, hostGame, joinPlayer, next, url, useServer, startJudging } from './test-client';

useServer();

async function toJudging(settings: Record<string, number | boolean> = {}) {
  const g = await hostGame({ roundSeconds: 60, ...settings });
  const players = [await joinPlayer(g.pin, 'Ada'), await joinPlayer(g.pin, 'Bo')];
  return { ...g, players, images: await startJudging(g, players[0].c) };
}

describe('reconnection over real sockets', () => {
  it('brings a player who dropped mid-round back as the same player, with votes, score and time left', async () => {
    const { pin, players, images } = await toJudging();
    const [ada] = players;
    expect((await call(ada.c, 'player:vote', { pin, playerToken: ada.token, imageId: images[0].id, verdict: 'real' })).ok).toBe(true);
    ada.c.disconnect();
    await new Promise((r) => setTimeout(r, 300));
    const phone = client();
    const back = next<PlayerView>(phone, 'room:player');
    expect(await call(phone, 'player:join', { v: PROTOCOL_VERSION, pin, playerToken: ada.token })).toMatchObject({ ok: true, playerId: ada.id, nickname: 'Ada' });
    const view = await back;
    if (view.phase.kind !== 'judging') throw new Error('not judging');
    expect(view.phase.mine[images[0].id]).toBe('real');
    expect(view.phase.deadline - view.serverNow).toBeGreaterThan(50_000);
    expect(view.phase.deadline - view.serverNow).toBeLessThanOrEqual(60_000);
    expect((await call(phone, 'player:vote', { pin, playerToken: ada.token, imageId: images[1].id, verdict: 'fake' })).ok).toBe(true);
  });

  it('pauses for a host that reloads mid-level, hands its checkpoint back, and goes on once the trainer is back', async () => {
    const { host, pin, hostToken, players } = await toJudging();
    // The host's trainer uploaded a checkpoint after an earlier training.
    const bytes = new Uint8Array([1, 2, 3, 4, 5]);
    const put = await fetch(`${url}/rooms/${pin}/checkpoint?level=1`, { method: 'PUT', headers: { 'x-host-token': hostToken }, body: bytes });
    expect(put.status).toBe(200);

    const paused = next<PlayerView>(players[1].c, 'room:player', (v) => v.paused?.reason === 'host-away');
    host.disconnect();
    await paused;

    const again = client();
    const view = next<HostView>(again, 'room:host');
    expect(await call(again, 'host:resume', { pin, hostToken })).toMatchObject({ ok: true });
    expect((await view).paused).toMatchObject({ reason: 'host-away' });
    const got = await fetch(`${url}/rooms/${pin}/checkpoint`, { headers: { 'x-host-token': hostToken } });
    expect(got.status).toBe(200);
    expect(got.headers.get('x-level')).toBe('1');
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);

    const resumed = next<PlayerView>(players[1].c, 'room:player', (v) => v.paused === null);
    await call(again, 'host:trainer', { pin, hostToken, backend: 'webgl', reason: 'reloaded from the checkpoint' });
    expect((await resumed).phase.kind).toBe('judging');
  });

  it('guards the checkpoint routes', async () => {
    const { pin, hostToken } = await hostGame();
    // A wrong token gets exactly what a missing room gets: the route tells no live PIN from a dead one.
    const wrong = await fetch(`${url}/rooms/${pin}/checkpoint`, { headers: { 'x-host-token': 'nope' } });
    const missing = await fetch(`${url}/rooms/${pin === '000000' ? '000001' : '000000'}/checkpoint`, { headers: { 'x-host-token': 'nope' } });
    expect([wrong.status, await wrong.json()]).toEqual([missing.status, await missing.json()]);
    expect(wrong.status).toBe(404);
    expect((await fetch(`${url}/rooms/${pin}/checkpoint`, { headers: { 'x-host-token': hostToken } })).status).toBe(204);
    expect((await fetch(`${url}/rooms/000000/checkpoint`, { headers: { 'x-host-token': hostToken } })).status).toBe(404);
    const bad = await fetch(`${url}/rooms/${pin}/checkpoint?level=99`, { method: 'PUT', headers: { 'x-host-token': hostToken }, body: new Uint8Array(3) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: expect.stringMatching(/level/) });
    expect(app.handleHttp).toBeTypeOf('function');
  });

  it('closes a kicked player’s screen and refuses their token', async () => {
    const { host, pin, hostToken, players } = await toJudging();
    const closed = next<{ reason: string }>(players[1].c, 'room:closed');
    expect((await call(host, 'host:kick', { pin, hostToken, playerId: players[1].id })).ok).toBe(true);
    expect((await closed).reason).toMatch(/removed/);
    const again = client();
    expect(await call(again, 'player:join', { v: PROTOCOL_VERSION, pin, playerToken: players[1].token })).toMatchObject({
      ok: false,
      error: { code: 'kicked' },
    });
  });
});
