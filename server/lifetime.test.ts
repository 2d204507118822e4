/**
 * Memory that comes back, over real sockets on an injected clock: an ended game is dropped after its
 * grace, and so is a room whose host went on to host another one. Nothing is dropped before the
 * injected clock says the grace is over, however long the test waits in real time.
 */
import { describe, expect, it } from 'vitest';
import { type HostView, PROTOCOL_VERSION } from '../game/protocol';
import { app, call, client, joinPlayer, next, useServer } from './test-client';

let now = Date.now();
// Short graces: the server's timers fire every 200 ms of real time, and the injected clock decides.
const grace = { hostAwayMs: 200, endedMs: 200 };
useServer({ clock: () => now, grace });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function create(host = client()) {
  const created = (await call(host, 'host:create', { v: PROTOCOL_VERSION, settings: {} })) as unknown as { ok: boolean; pin: string; hostToken: string };
  expect(created.ok).toBe(true);
  return { host, pin: created.pin, hostToken: created.hostToken };
}

describe('rooms leave memory', () => {
  it('drops an ended game after its grace, with its host still connected', async () => {
    const { host, pin, hostToken } = await create();
    const ada = await joinPlayer(pin, 'Ada');
    expect((await call(host, 'host:end', { pin, hostToken })).ok).toBe(true);
    // Real time passes, the injected clock does not: the game stays.
    await sleep(3 * grace.endedMs);
    expect(app.held()).toEqual({ rooms: 1, records: 1 });

    const closed = next<{ reason: string }>(ada.c, 'room:closed');
    now += grace.endedMs;
    expect((await closed).reason).toBe('This game has closed: the game is over.');
    expect(app.held()).toEqual({ rooms: 0, records: 0 });
    expect(await call(ada.c, 'player:join', { v: PROTOCOL_VERSION, pin, playerToken: ada.token })).toMatchObject({ error: { code: 'no_such_game' } });
  });

  it('drops a room whose host went on to host another, after the host grace, and keeps the new one', async () => {
    const first = await create();
    const ada = await joinPlayer(first.pin, 'Ada');
    // The same host page makes a second game: it has left the first one.
    const second = await create(first.host);
    await sleep(3 * grace.hostAwayMs);
    expect(app.held().rooms).toBe(2);

    const closed = next<{ reason: string }>(ada.c, 'room:closed');
    now += grace.hostAwayMs;
    expect((await closed).reason).toBe('This game has closed: the host did not come back for 0.2 seconds.');
    expect(app.held()).toEqual({ rooms: 1, records: 1 });
    // The host's new game is untouched.
    const view = next<HostView>(first.host, 'room:host');
    expect((await call(first.host, 'host:settings', { pin: second.pin, hostToken: second.hostToken, settings: { roundSeconds: 30 } })).ok).toBe(true);
    expect((await view).pin).toBe(second.pin);
  });

  it('counts a player whose phone joins another game as gone from the first', async () => {
    const a = await create();
    const b = await create();
    const ada = await joinPlayer(a.pin, 'Ada');
    const gone = next<HostView>(a.host, 'room:host', (v) => v.players.find((p) => p.id === ada.id)?.connected === false);
    expect((await call(ada.c, 'player:join', { v: PROTOCOL_VERSION, pin: b.pin, nickname: 'Ada' })).ok).toBe(true);
    await gone;
  });
});
