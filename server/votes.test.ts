/** A vote is acknowledged only once it is written; one whose write fails is refused and can be cast again. */
import { describe, expect, it } from 'vitest';
import type { GameRecorder } from './recorder';
import { call, hostGame, joinPlayer, useServer, startJudging } from './test-client';

let failNext = 0;
const written: string[] = [];
const noop = async () => {};
// Records in memory and fails on demand: the database's real failure modes are tested in server/db.
const recorder: GameRecorder = {
  sessionCreated: noop,
  playerJoined: noop,
  roundStarted: noop,
  async vote(_room, { playerId, imageId, verdict }) {
    if (failNext > 0) {
      failNext--;
      throw new Error('disk full');
    }
    written.push(`${playerId}:${imageId}:${verdict}`);
  },
  roundRevealed: noop,
  trainingReported: noop,
  checkpointSaved: noop,
  latestCheckpoint: async () => null,
  checkAnswered: noop,
  snapshot: noop,
  loadSnapshots: async () => [],
  sessionEnded: noop,
  roomClosed: async () => true,
};

useServer({ recorder });

describe('votes and their writes', () => {
  it('refuses a vote whose write failed, takes it back, and counts the retry once', async () => {
    const { host, pin, hostToken } = await hostGame({ roundSeconds: 60 });
    const [ada] = [await joinPlayer(pin, 'Ada'), await joinPlayer(pin, 'Bo')];
    const imageId = (await startJudging({ host, pin, hostToken }, ada.c))[0].id;

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
