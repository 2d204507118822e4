/**
 * Abuse limits over real sockets, on an injected clock so nothing depends on how fast the machine is:
 * per-socket token buckets on votes and joins, the PIN-guessing throttle per address, the filter on
 * typed nicknames, and payloads too big for the transport.
 */
import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../game/protocol';
import { MAX_PAYLOAD_BYTES } from './app';
import { DEFAULT_ROOM_CREATION_LIMIT, JOIN_BUCKET, PIN_GUESS_BUCKET, VOTE_BUCKET } from './rate-limit';
import { call, client, hostGame, joinPlayer, useServer, startJudging } from './test-client';

let now = Date.now();
useServer({ clock: () => now });

const otherPin = (pin: string) => (pin === '123456' ? '654321' : '123456');

describe('rate limits', () => {
  it('refuses votes past the per-socket bucket with rate_limited, and lets them through once it refills', async () => {
    const { host, pin, hostToken } = await hostGame({ roundSeconds: 60, imagesPerRound: 24 });
    const ada = await joinPlayer(pin, 'Ada');
    await joinPlayer(pin, 'Bo'); // does not vote, so the round stays open
    const ids = (await startJudging({ host, pin, hostToken }, ada.c)).map((i) => i.id);

    const codes: string[] = [];
    for (let i = 0; i < VOTE_BUCKET.capacity + 5; i++) {
      const ack = await call(ada.c, 'player:vote', { pin, playerToken: ada.token, imageId: ids[i % ids.length], verdict: 'real' });
      codes.push(ack.ok ? 'ok' : ack.error!.code);
    }
    // 24 real votes, then duplicates until the bucket is empty, then refusals for speed.
    expect(codes.slice(0, 24).every((c) => c === 'ok')).toBe(true);
    expect(codes.slice(24, VOTE_BUCKET.capacity)).toEqual(Array(VOTE_BUCKET.capacity - 24).fill('duplicate_vote'));
    expect(codes.slice(VOTE_BUCKET.capacity)).toEqual(Array(5).fill('rate_limited'));
    const refused = await call(ada.c, 'player:vote', { pin, playerToken: ada.token, imageId: ids[0], verdict: 'real' });
    expect(refused.error?.message).toMatch(/too many votes too fast; try again in \d+ s/);

    now += 1000;
    expect(await call(ada.c, 'player:vote', { pin, playerToken: ada.token, imageId: ids[0], verdict: 'real' })).toMatchObject({ error: { code: 'duplicate_vote' } });
  });

  it('refuses joins past the per-socket bucket', async () => {
    const { pin } = await hostGame();
    const c = client();
    const codes: string[] = [];
    for (let i = 0; i < JOIN_BUCKET.capacity + 2; i++) {
      const ack = await call(c, 'player:join', { v: PROTOCOL_VERSION, pin });
      codes.push(ack.ok ? 'ok' : ack.error!.code);
    }
    expect(codes).toEqual([...Array(JOIN_BUCKET.capacity).fill('ok'), 'rate_limited', 'rate_limited']);
  });

  it('throttles PIN guessing from one address, still lets known players rejoin, and forgives after a while', async () => {
    const { pin } = await hostGame();
    const ada = await joinPlayer(pin, 'Ada');
    const wrong = otherPin(pin);
    let misses = 0;
    // Fresh sockets each time, as a guessing script would open them; all from 127.0.0.1.
    for (let s = 0; misses < PIN_GUESS_BUCKET.capacity; s++) {
      const c = client();
      for (let i = 0; i < JOIN_BUCKET.capacity && misses < PIN_GUESS_BUCKET.capacity; i++, misses++) {
        expect(await call(c, 'player:join', { v: PROTOCOL_VERSION, pin: wrong })).toMatchObject({ error: { code: 'no_such_game' } });
      }
      c.disconnect();
    }
    // The address is out of guesses: even the right PIN is refused now, so a sweep cannot find games.
    const late = client();
    expect(await call(late, 'player:join', { v: PROTOCOL_VERSION, pin })).toMatchObject({
      ok: false,
      error: { code: 'rate_limited', message: expect.stringMatching(/game PINs that do not exist/) },
    });
    // A player coming back with their token is not guessing.
    expect(await call(late, 'player:join', { v: PROTOCOL_VERSION, pin, playerToken: ada.token })).toMatchObject({ ok: true, playerId: ada.id });

    now += (1 / PIN_GUESS_BUCKET.perSecond) * 1000;
    expect((await call(client(), 'player:join', { v: PROTOCOL_VERSION, pin })).ok).toBe(true);
  });

  it('answers a made-up token exactly as a missing game, for every event that carries one, paused or not', async () => {
    const g = await hostGame();
    await joinPlayer(g.pin, 'Ada');
    const dead = otherPin(g.pin);
    const madeUp = 'made-up-token-0123456789';
    const payloads: [string, (pin: string) => object][] = [
      ['player:join', (pin) => ({ v: PROTOCOL_VERSION, pin, playerToken: madeUp })],
      ['player:vote', (pin) => ({ pin, playerToken: madeUp, imageId: 'abcdefghij', verdict: 'real' })],
      ['player:answer', (pin) => ({ pin, playerToken: madeUp, cardId: 'T09', choice: 1 })],
      ['coach:pick', (pin) => ({ pin, playerToken: madeUp, imageIds: [] })],
      ['host:resume', (pin) => ({ pin, hostToken: madeUp })],
      ['host:start', (pin) => ({ pin, hostToken: madeUp })],
      ['host:pause', (pin) => ({ pin, hostToken: madeUp, paused: true })],
      ['host:end', (pin) => ({ pin, hostToken: madeUp })],
    ];
    const compare = async () => {
      for (const [event, payload] of payloads) {
        // A fresh socket each time, so no per-socket bucket runs out.
        const live = await call(client(), event, payload(g.pin));
        const missing = await call(client(), event, payload(dead));
        expect(live, event).toEqual(missing);
        expect(live, event).toEqual({ ok: false, error: { code: 'no_such_game', message: 'no such game' } });
      }
    };
    await compare();
    // A paused game refuses most events before it looks at tokens: the answer must still be the same.
    expect((await call(g.host, 'host:pause', { pin: g.pin, hostToken: g.hostToken, paused: true })).ok).toBe(true);
    await compare();
  });

  it('counts joins with made-up tokens against the address, however many connections they come on', async () => {
    const { pin } = await hostGame();
    let guesses = 0;
    for (let s = 0; guesses < PIN_GUESS_BUCKET.capacity; s++) {
      const c = client();
      for (let i = 0; i < JOIN_BUCKET.capacity && guesses < PIN_GUESS_BUCKET.capacity; i++, guesses++) {
        const token = `guess-${s}-${i}-0123456789abcdef`;
        expect(await call(c, 'player:join', { v: PROTOCOL_VERSION, pin, playerToken: token })).toMatchObject({ error: { code: 'no_such_game' } });
      }
      c.disconnect();
    }
    // Out of guesses: the live PIN is refused like any other, so a token sweep finds nothing either.
    expect(await call(client(), 'player:join', { v: PROTOCOL_VERSION, pin })).toMatchObject({
      ok: false,
      error: { code: 'rate_limited', message: expect.stringMatching(/game PINs that do not exist/) },
    });
    expect(await call(client(), 'player:join', { v: PROTOCOL_VERSION, pin: otherPin(pin) })).toMatchObject({ error: { code: 'rate_limited' } });
    // A spoofed X-Forwarded-For is no fresh address: no proxy is trusted here.
    expect(await call(client({ 'x-forwarded-for': '198.51.100.7' }), 'player:join', { v: PROTOCOL_VERSION, pin })).toMatchObject({
      error: { code: 'rate_limited' },
    });
  });
});

describe('room creation', () => {
  it('limits the rooms one address creates, counting only rooms made, and lets it go on as the budget refills', async () => {
    const create = (c = client(), payload: unknown = { v: PROTOCOL_VERSION, settings: {} }) => call(c, 'host:create', payload);
    // A refused creation (a bad payload) makes no room and costs nothing.
    expect(await create(client(), { v: PROTOCOL_VERSION, settings: { roundSeconds: 'soon' } })).toMatchObject({ error: { code: 'bad_payload' } });
    // Fresh sockets each time, as a script would open them; all from 127.0.0.1.
    const made = await Promise.all(Array.from({ length: DEFAULT_ROOM_CREATION_LIMIT }, () => create()));
    expect(made.filter((a) => !a.ok)).toEqual([]);
    // All at once: the ones past the budget are refused, not made.
    const burst = await Promise.all([create(), create()]);
    for (const ack of burst) {
      expect(ack).toMatchObject({ ok: false, error: { code: 'rate_limited', message: expect.stringMatching(/^too many games created from this address; try again in \d+ s$/) } });
    }
    // Playing is not creating: joining one of the rooms still works.
    expect((await joinPlayer(made[0].pin as string, 'Ada')).c).toBeDefined();

    now += (10 * 60 * 1000) / DEFAULT_ROOM_CREATION_LIMIT + 1;
    expect((await create()).ok).toBe(true);
    expect((await create()).ok).toBe(false);
  });
});

describe('typed nicknames', () => {
  it('refuses a filtered nickname with a clear reason and accepts a clean one', async () => {
    const { pin } = await hostGame();
    const c = client();
    expect(await call(c, 'player:join', { v: PROTOCOL_VERSION, pin, nickname: 'Sh1t Head' })).toEqual({
      ok: false,
      error: { code: 'nickname_refused', message: expect.stringMatching(/not allowed/) },
    });
    expect(await call(c, 'player:join', { v: PROTOCOL_VERSION, pin, nickname: 'Grace' })).toMatchObject({ ok: true, nickname: 'Grace' });
  });

  it('takes the names people use, emoji included, and refuses blank ones and look-alikes of players already in', async () => {
    const { pin } = await hostGame();
    const join = (nickname: string) => call(client(), 'player:join', { v: PROTOCOL_VERSION, pin, nickname });
    for (const name of ['Bob', 'Jay K', 'Fast As Lightning', 'Class 45', 'Alice', 'Zoë ⚡', '👨‍👩‍👧']) {
      expect(await join(name), name).toMatchObject({ ok: true, nickname: name });
    }
    expect(await join('\u3164')).toEqual({ ok: false, error: { code: 'nickname_refused', message: expect.stringMatching(/invisible or blank/) } });
    expect(await join('Al\u3164ice')).toMatchObject({ ok: false, error: { code: 'nickname_refused' } });
    expect(await join('\u0410lice')).toEqual({
      ok: false,
      error: { code: 'nickname_taken', message: '"\u0410lice" looks too much like "Alice", who is already in this game; try another' },
    });
    expect(await join('B\u043Eb')).toMatchObject({ ok: false, error: { code: 'nickname_taken' } });
    expect(await join('ALICE')).toMatchObject({ ok: false, error: { code: 'nickname_taken', message: expect.stringMatching(/is taken/) } });
    expect(await join('ѕһіт')).toMatchObject({ ok: false, error: { code: 'nickname_refused' } });
  });
});

describe('oversized payloads', () => {
  it('drops a connection that sends more than maxHttpBufferSize, and the server carries on', async () => {
    const { pin } = await hostGame();
    const c = client();
    await new Promise<void>((r) => c.once('connect', () => r()));
    const closed = new Promise<string>((r) => c.once('disconnect', (reason) => r(reason)));
    c.emit('player:join', { v: PROTOCOL_VERSION, pin, nickname: 'x'.repeat(MAX_PAYLOAD_BYTES + 1024) } as never, () => {});
    expect(await closed).toMatch(/transport close|transport error/);
    // Just under the limit is parsed and refused politely instead.
    const ok = client();
    expect(await call(ok, 'player:join', { v: PROTOCOL_VERSION, pin, nickname: 'x'.repeat(MAX_PAYLOAD_BYTES - 4096) })).toMatchObject({
      ok: false,
      error: { code: 'bad_payload' },
    });
    expect((await call(ok, 'player:join', { v: PROTOCOL_VERSION, pin })).ok).toBe(true);
  });
});
