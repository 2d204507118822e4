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
  async flag(_room, { playerId, imageId, spot }) {
    if (failNext > 0) {
      failNext--;
      throw new Error('disk full');
    }
    written.push(`flag ${playerId}:${imageId}:${spot ? `${spot.x},${spot.y}` : 'none'}`);
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

  it('acknowledges a giveaway mark once written, says so when its write failed, and refuses one on an image not called fake', async () => {
    written.length = 0;
    const { host, pin, hostToken } = await hostGame({ roundSeconds: 60 });
    const [ada] = [await joinPlayer(pin, 'Ada'), await joinPlayer(pin, 'Bo')];
    const [first, second] = await startJudging({ host, pin, hostToken }, ada.c);
    const mark = (imageId: string, spot: { x: number; y: number } | null) => call(ada.c, 'player:flag', { pin, playerToken: ada.token, imageId, spot });

    expect(await call(ada.c, 'player:vote', { pin, playerToken: ada.token, imageId: first.id, verdict: 'fake', spot: { x: 0.5, y: 0.25 } })).toMatchObject({ ok: true });
    expect(await mark(first.id, { x: 0.75, y: 0.125 })).toEqual({ ok: true, imageId: first.id, spot: { x: 0.75, y: 0.125 } });
    expect(written).toEqual([`${ada.id}:${first.id}:fake`, `flag ${ada.id}:${first.id}:0.75,0.125`]);

    failNext = 1;
    expect(await mark(first.id, null)).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/could not be saved/) } });
    expect(await mark(first.id, null)).toEqual({ ok: true, imageId: first.id, spot: null });
    expect(written.at(-1)).toBe(`flag ${ada.id}:${first.id}:none`);

    expect(await call(ada.c, 'player:vote', { pin, playerToken: ada.token, imageId: second.id, verdict: 'real' })).toMatchObject({ ok: true });
    expect(await mark(second.id, { x: 0.5, y: 0.5 })).toMatchObject({ ok: false, error: { code: 'not_fake' } });
    expect(await mark(second.id, { x: 1.5, y: 0.5 })).toMatchObject({ ok: false, error: { code: 'bad_payload', message: expect.stringMatching(/^spot\.x/) } });
    expect(written.at(-1)).toBe(`${ada.id}:${second.id}:real`);
  });
});
