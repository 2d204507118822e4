/**
 * The real Socket.io server on port 0 with real socket.io-clients: a host and three players play a
 * round, and every refusal the foundation promises is checked over the wire.
 */
import { describe, expect, it } from 'vitest';
import { type HostView, PROTOCOL_VERSION, type PlayerView, type TrainerJob } from '../game/protocol';
import { call, client, fake, hostGame, isShownAs, joinPlayer, next, useServer } from './test-client';

useServer();

describe('a round over real sockets', () => {
  it('creates, joins, plays, reveals and trains, and players learn nothing before the reveal', async () => {
    const { host, pin, hostToken } = await hostGame({ roundsPerLevel: 1, stepScale: 0.05 });
    const players = [await joinPlayer(pin, 'Ada'), await joinPlayer(pin), await joinPlayer(pin)];
    expect(players[1].nickname).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);

    const jobPromise = next<TrainerJob>(host, 'trainer:job');
    expect((await call(host, 'host:start', { pin, hostToken })).ok).toBe(true);
    expect((await call(host, 'host:advance', { pin, hostToken })).ok).toBe(true); // past the level intro
    const job = await jobPromise;
    expect(job).toMatchObject({ kind: 'generate', round: 1, levelNumber: 1, level: { id: 'noise', model: { dataset: 'digits' } } });
    if (job.kind !== 'generate') return;

    const judging = players.map((p) => next<PlayerView>(p.c, 'room:player', (v) => v.phase.kind === 'judging'));
    const fakes = Array.from({ length: job.count }, (_, i) => fake(10 + i));
    expect((await call(host, 'host:fakes', { pin, hostToken, round: 1, images: fakes })).ok).toBe(true);
    const views = await Promise.all(judging);
    const phase = views[0].phase;
    if (phase.kind !== 'judging') throw new Error('not judging');
    expect(phase.images).toHaveLength(6);

    // Nothing any player received so far may carry truth, in any message.
    for (const p of players) expect(JSON.stringify(p.seen)).not.toMatch(/"truth"|"real"|"fake"/);

    const votesSeen = next<{ votesCast: number }>(host, 'room:votes', (v) => v.votesCast >= 1);
    const reveal = players.map((p) => next<PlayerView>(p.c, 'room:player', (v) => v.phase.kind === 'reveal'));
    const trainJob = next<TrainerJob>(host, 'trainer:job', (j) => j.kind === 'train', 8000);
    // Ada knows the answers (we peek at the pixels we sent, as the server shows them), the others call everything real.
    for (const img of phase.images) {
      const ack = await call(players[0].c, 'player:vote', { pin, playerToken: players[0].token, imageId: img.id, verdict: isShownAs(img.pixels, fakes) ? 'fake' : 'real' });
      expect(ack).toMatchObject({ ok: true, imageId: img.id });
    }
    expect((await votesSeen).votesCast).toBeGreaterThanOrEqual(1);
    for (const p of players.slice(1)) {
      for (const img of phase.images) {
        expect((await call(p.c, 'player:vote', { pin, playerToken: p.token, imageId: img.id, verdict: 'real' })).ok).toBe(true);
      }
    }
    const revealed = await Promise.all(reveal);
    const ada = revealed[0];
    if (ada.phase.kind !== 'reveal') throw new Error('no reveal');
    expect(ada.phase.images.every((i) => i.correct)).toBe(true);
    expect(ada.me.rank).toBe(1);
    expect(ada.phase.fooledRate).toBeCloseTo(2 / 3);

    const train = await trainJob;
    if (train.kind !== 'train') throw new Error('no training job');
    expect(train.verdicts).toHaveLength(6);
    expect(train.budget).toEqual({ dSteps: 2, gSteps: 2, seconds: 0.3 }); // seconds: game/training-budget.ts
    for (const v of train.verdicts) expect(v.votes).toBe(3);

    const progressSeen = next<{ progress: { step: number } }>(players[1].c, 'training:progress');
    const progress = { phase: 'd', step: 1, total: 4, dLoss: 1.3, gLoss: 0.7 };
    expect((await call(host, 'host:progress', { pin, hostToken, round: 1, progress })).ok).toBe(true);
    expect((await progressSeen).progress.step).toBe(1);

    const ended = next<HostView>(host, 'room:host', (v) => v.phase.kind === 'leaderboard');
    const report = { dSteps: 2, gSteps: 2, dLoss: 1.2, gLoss: 0.9, humanLoss: 0.4, dReal: 0.55, dFake: 0.45, stepsPerSec: 3, ms: 1200, backend: 'cpu', checksumBefore: 1.5, checksumAfter: 1.75 };
    expect((await call(host, 'host:trained', { pin, hostToken, round: 1, report })).ok).toBe(true);
    const final = await ended;
    expect(final.history[0]).toMatchObject({ round: 1, report: { checksumAfter: 1.75 } });
    expect(final.leaderboard[0].nickname).toBe('Ada');
  });

  it('refuses a wrong PIN, host actions without the token, and bad votes, with reasons', async () => {
    const { host, pin, hostToken } = await hostGame({ roundSeconds: 5 });
    const stranger = client();
    expect(await call(stranger, 'player:join', { v: PROTOCOL_VERSION, pin: pin === '999999' ? '999998' : '999999' })).toEqual({
      ok: false,
      error: { code: 'no_such_game', message: 'no such game' },
    });
    const p = await joinPlayer(pin, 'Ada');
    // A host token the room does not know is answered as a missing room (server/abuse.test.ts: no PIN oracle).
    expect(await call(stranger, 'host:start', { pin, hostToken: 'not-the-host-token-xyz' })).toMatchObject({ ok: false, error: { code: 'no_such_game' } });
    expect(await call(p.c, 'host:advance', { pin, hostToken: p.token })).toMatchObject({ ok: false, error: { code: 'no_such_game' } });
    // A vote before any round: wrong phase.
    expect(await call(p.c, 'player:vote', { pin, playerToken: p.token, imageId: 'abcdefghij', verdict: 'real' })).toMatchObject({
      ok: false,
      error: { code: 'wrong_phase' },
    });

    const jobPromise = next<TrainerJob>(host, 'trainer:job');
    await call(host, 'host:start', { pin, hostToken });
    await call(host, 'host:advance', { pin, hostToken });
    const job = await jobPromise;
    if (job.kind !== 'generate') throw new Error();
    const judging = next<PlayerView>(p.c, 'room:player', (v) => v.phase.kind === 'judging');
    await call(host, 'host:fakes', { pin, hostToken, round: 1, images: Array.from({ length: job.count }, () => fake(3)) });
    const view = await judging;
    if (view.phase.kind !== 'judging') throw new Error();
    const [a] = view.phase.images;
    expect((await call(p.c, 'player:vote', { pin, playerToken: p.token, imageId: a.id, verdict: 'real' })).ok).toBe(true);
    expect(await call(p.c, 'player:vote', { pin, playerToken: p.token, imageId: a.id, verdict: 'fake' })).toMatchObject({ error: { code: 'duplicate_vote' } });
    expect(await call(p.c, 'player:vote', { pin, playerToken: p.token, imageId: 'unknownimg1', verdict: 'fake' })).toMatchObject({ error: { code: 'unknown_image' } });
    expect(await call(stranger, 'player:vote', { pin, playerToken: 'stranger-token-abcdef', imageId: a.id, verdict: 'fake' })).toMatchObject({
      error: { code: 'no_such_game' },
    });
    // The deadline passes on the server's clock (5 s): the late vote is refused and not counted.
    const reveal = next<PlayerView>(p.c, 'room:player', (v) => v.phase.kind === 'reveal', 8000);
    await new Promise((r) => setTimeout(r, 5200));
    const late = await call(p.c, 'player:vote', { pin, playerToken: p.token, imageId: view.phase.images[1].id, verdict: 'fake' });
    expect(late.ok).toBe(false);
    expect(['too_late', 'wrong_phase']).toContain(late.error!.code);
    const revealed = await reveal;
    if (revealed.phase.kind !== 'reveal') throw new Error();
    expect(revealed.phase.images.filter((i) => i.mine !== null)).toHaveLength(1);
  }, 20_000);

  it('answers malformed payloads with a reason and stays up', async () => {
    const c = client();
    const bad: [string, unknown][] = [
      ['host:create', null],
      ['host:create', { v: 0 }],
      ['player:join', { v: PROTOCOL_VERSION, pin: 'abc' }],
      ['player:join', 'x'.repeat(1000)],
      ['player:vote', { pin: '123456' }],
      ['host:fakes', { pin: '123456', hostToken: 'host-token-0123456789', round: 1, images: ['%%%'] }],
      ['host:trained', [1, 2, 3]],
    ];
    for (const [event, payload] of bad) {
      const ack = await call(c, event, payload);
      expect(ack.ok).toBe(false);
      expect(ack.error!.code).toBe('bad_payload');
      expect(ack.error!.message.length).toBeGreaterThan(3);
    }
    // An event sent without an acknowledgement, and an unknown event, are ignored; the server still answers.
    (c as unknown as { emit(...a: unknown[]): void }).emit('player:vote', { nonsense: true });
    (c as unknown as { emit(...a: unknown[]): void }).emit('no:such:event', 1, () => {});
    expect((await call(c, 'host:create', { v: PROTOCOL_VERSION })).ok).toBe(true);
  });

  it('lets a player come back with its token as the same player, with its score', async () => {
    const { pin } = await hostGame();
    const p = await joinPlayer(pin, 'Ada');
    p.c.disconnect();
    const again = client();
    const ack = await call(again, 'player:join', { v: PROTOCOL_VERSION, pin, playerToken: p.token });
    expect(ack).toMatchObject({ ok: true, playerId: p.id, nickname: 'Ada' });
  });

  it('lets a reloaded host take its room back with the token, and re-sends the pending trainer job', async () => {
    const { host, pin, hostToken } = await hostGame();
    await joinPlayer(pin);
    await call(host, 'host:start', { pin, hostToken });
    await call(host, 'host:advance', { pin, hostToken });
    host.disconnect();
    const again = client();
    const job = next<TrainerJob>(again, 'trainer:job');
    expect(await call(again, 'host:resume', { pin, hostToken: 'wrong-token-0123456789' })).toMatchObject({ ok: false, error: { code: 'no_such_game' } });
    expect(await call(again, 'host:resume', { pin, hostToken })).toMatchObject({ ok: true, pin });
    expect(await job).toMatchObject({ kind: 'generate', round: 1 });
  });
});
