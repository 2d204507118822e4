/**
 * Fuzzing over real sockets: thousands of random and malformed payloads at every client event while a
 * round is being judged. The server stays up, every bad payload gets an error acknowledgement, and
 * the room's invariants hold: scores never negative, a vote counted at most once, and no message any
 * player receives before the reveal tells real from fake.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { C2S, type C2SEvent, ErrorCode, type HostView, PROTOCOL_VERSION, type PlayerView } from '../game/protocol';
import { call, client, fake, hostGame, joinPlayer, next, useServer, startJudging } from './test-client';

// Generous limits: this test is about parsing and the engine, server/abuse.test.ts covers the limits.
const generous = { capacity: 1e6, perSecond: 1e6 };
useServer({ limits: { vote: generous, join: generous, pinGuess: generous, roomCreation: generous } });

const CODES = new Set<string>(Object.values(ErrorCode));
const EVENTS = Object.keys(C2S) as C2SEvent[];

async function judgingRoom() {
  const g = await hostGame({ roundSeconds: 300 });
  const players = [await joinPlayer(g.pin, 'Ada'), await joinPlayer(g.pin, 'Bo'), await joinPlayer(g.pin)];
  const images = await startJudging(g, players[0].c, (i) => i * 7);
  return { ...g, players, imageIds: images.map((i) => i.id) };
}

/** Values a sloppy or hostile client might send in any field. */
const junk = fc.oneof(
  fc.anything(),
  fc.string({ maxLength: 64 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, undefined, true, '', '0', '999999', -1, 1e308, Number.NaN, [], {}, '__proto__', 'constructor'),
  fc.constantFrom({ __proto__: { ok: true } }, { toString: 'x' }, 'A'.repeat(5000)),
);

/** A valid-looking payload for an event with one field swapped for junk, added, or removed. */
function mutated(base: Record<string, unknown>) {
  const keys = [...Object.keys(base), 'extra'];
  return fc.tuple(fc.constantFrom(...keys), junk, fc.boolean()).map(([key, value, drop]) => {
    const copy: Record<string, unknown> = { ...base };
    if (drop) delete copy[key];
    else copy[key] = value;
    return copy;
  });
}

describe('fuzzing every client event over real sockets', () => {
  it('answers thousands of random and malformed payloads with error acks, stays up, and keeps the room honest', async () => {
    const room = await judgingRoom();
    const { pin, hostToken, players, imageIds, host } = room;
    const ada = players[0];
    const fuzzer = client();
    const auth = { pin, hostToken: 'x'.repeat(20) };
    const bases: Record<C2SEvent, Record<string, unknown>> = {
      'host:create': { v: PROTOCOL_VERSION, settings: {} },
      'host:settings': { ...auth, settings: {} },
      'host:pause': { ...auth, paused: true },
      'host:extend': { ...auth, seconds: 10 },
      'host:kick': { ...auth, playerId: ada.id },
      'host:lock': { ...auth, locked: true },
      'host:swap': auth,
      'host:resume': auth,
      'host:start': auth,
      'host:trainer': { ...auth, backend: 'cpu', reason: 'x' },
      'host:fakes': { ...auth, round: 1, images: [fake(1)] },
      'host:progress': { ...auth, round: 1, progress: { phase: 'd', step: 1, total: 2, dLoss: 1, gLoss: 1 } },
      'host:trained': { ...auth, round: 1, report: {} },
      'host:advance': auth,
      'host:end': auth,
      'player:join': { v: PROTOCOL_VERSION, pin: '000001' },
      'player:vote': { pin, playerToken: 'y'.repeat(20), imageId: imageIds[0], verdict: 'real' },
      'player:flag': { pin, playerToken: ada.token, imageId: imageIds[0], spot: { x: 0.5, y: 0.5 } },
      'player:answer': { pin, playerToken: ada.token, cardId: 'T01', choice: 0 },
      'coach:pick': { pin, playerToken: ada.token, imageIds: [imageIds[0]] },
      'coach:knobs': { pin, playerToken: ada.token, knobs: { loss: 'hinge', lr: 'low', ratio: '1:1', steps: 'few' } },
    };
    // A fuzzed host:create that succeeds makes a new room; that is fine (it is a valid request).
    const mayPass = new Set<C2SEvent>(['host:create', 'player:join']);
    let sent = 0;
    for (const event of EVENTS) {
      await fc.assert(
        fc.asyncProperty(fc.oneof(junk, mutated(bases[event])), async (payload) => {
          sent++;
          const ack = await call(fuzzer, event, payload);
          if (ack.ok && mayPass.has(event)) return;
          expect(ack.ok).toBe(false);
          expect(CODES.has(ack.error!.code)).toBe(true);
          expect(ack.error!.message.length).toBeGreaterThan(0);
        }),
        { numRuns: 150 },
      );
      // An event without an acknowledgement callback has nobody to answer, and must not break anything.
      (fuzzer as unknown as { emit(...a: unknown[]): void }).emit(event, { pin });
    }
    expect(sent).toBeGreaterThanOrEqual(EVENTS.length * 150);

    // The real players vote, twice each on every image: the second is refused, each counts once.
    for (const p of players) {
      for (const imageId of imageIds.slice(0, 4)) {
        expect((await call(p.c, 'player:vote', { pin, playerToken: p.token, imageId, verdict: 'fake' })).ok).toBe(true);
        expect(await call(p.c, 'player:vote', { pin, playerToken: p.token, imageId, verdict: 'real' })).toMatchObject({ ok: false, error: { code: 'duplicate_vote' } });
      }
    }
    // Foreign votes with random tokens and image ids never count.
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[A-Za-z0-9_-]{16,40}$/), fc.constantFrom(...imageIds), async (token, imageId) => {
        expect((await call(fuzzer, 'player:vote', { pin, playerToken: token, imageId, verdict: 'real' })).ok).toBe(false);
      }),
      { numRuns: 200 },
    );

    // Still up: a new client can host, and this room's host sees a sane room.
    expect((await call(client(), 'host:create', { v: PROTOCOL_VERSION, settings: {} })).ok).toBe(true);
    const view = next<HostView>(host, 'room:host');
    expect((await call(host, 'host:resume', { pin, hostToken })).ok).toBe(true);
    const hv = await view;
    if (hv.phase.kind !== 'judging') throw new Error(`expected judging, got ${hv.phase.kind}`);
    expect(hv.players.map((p) => p.nickname).sort()).toEqual([...players.map((p) => p.nickname)].sort());
    expect(hv.phase.votesCast).toBe(players.length * 4);
    for (const p of hv.players) expect(p.score).toBeGreaterThanOrEqual(0);

    // Nothing any player received so far may tell real from fake: no truth, no tallies, images as id and pixels only.
    for (const p of players) {
      expect(JSON.stringify(p.seen)).not.toMatch(/"truth"|realVotes|fakeVotes|mostFooling/);
      for (const { event, payload } of p.seen as { event: string; payload: PlayerView }[]) {
        if (event !== 'room:player' || payload.phase.kind !== 'judging') continue;
        for (const img of payload.phase.images) expect(Object.keys(img).sort()).toEqual(['id', 'pixels']);
      }
    }

    // The reveal: every vote counted exactly once, scores non-negative.
    const reveal = next<HostView>(host, 'room:host', (v) => v.phase.kind === 'reveal');
    expect((await call(host, 'host:advance', { pin, hostToken })).ok).toBe(true);
    const rv = await reveal;
    if (rv.phase.kind !== 'reveal') throw new Error();
    const counted = rv.phase.images.reduce((s, i) => s + i.realVotes + i.fakeVotes, 0);
    expect(counted).toBe(players.length * 4);
    for (const p of rv.players) expect(p.score).toBeGreaterThanOrEqual(0);
  });
});
