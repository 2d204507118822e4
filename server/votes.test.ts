/** A vote is acknowledged only once it is written; one whose write fails is refused and can be cast again. */
import { describe, expect, it } from 'vitest';
import type { PlayerView, TrainerJob } from '../game/protocol';
import type { GameRecorder } from './recorder';
import { call, fake, hostGame, joinPlayer, next, useServer } from './test-client';

let failNext = 0;
const written: string[] = [];
const noop = async () => {};
// Records in memory and fails on demand: the database's real failure modes are tested in server/db.
const recorder: GameRecorder = {
  sessionCreated: noop,
  playerJoined: noop,
  roundStarted: noop,
  async vote(_room, playerId, imageId, verdict) {
    if (failNext > 0) {
      failNext--;
      throw new Error('disk full');
    }
    written.push(`${playerId}:${imageId}:${verdict}`);
  },
  roundRevealed: noop,
  trainingReported: noop,
  checkpointSaved: noop,
  checkAnswered: noop,
  snapshot: noop,
  loadSnapshots: async () => [],
  sessionEnded: noop,
};

useServer({ recorder });

describe('votes and their writes', () => {
  it('refuses a vote whose write failed, takes it back, and counts the retry once', async () => {
    const { host, pin, hostToken } = await hostGame({ roundSeconds: 60 });
    const [ada] = [await joinPlayer(pin, 'Ada'), await joinPlayer(pin, 'Bo')];
    const job = next<TrainerJob>(host, 'trainer:job');
    await call(host, 'host:start', { pin, hostToken });
    await call(host, 'host:advance', { pin, hostToken });
    const j = await job;
    if (j.kind !== 'generate') throw new Error();
    const judging = next<PlayerView>(ada.c, 'room:player', (v) => v.phase.kind === 'judging');
    await call(host, 'host:fakes', { pin, hostToken, round: 1, images: Array.from({ length: j.count }, (_, i) => fake(i)) });
    const view = await judging;
    if (view.phase.kind !== 'judging') throw new Error();
    const imageId = view.phase.images[0].id;

    failNext = 1;
    expect(await call(ada.c, 'player:vote', { pin, playerToken: ada.token, imageId, verdict: 'real' })).toMatchObject({
      ok: false,
      error: { code: 'internal', message: expect.stringMatching(/could not be saved/) },
    });
    expect(written).toEqual([]);
    expect(await call(ada.c, 'player:vote', { pin, playerToken: ada.token, imageId, verdict: 'fake' })).toMatchObject({ ok: true });
    expect(written).toEqual([`${ada.id}:${imageId}:fake`]);
  });
});
