/**
 * Flag the giveaway, written down: each mark lands on its vote's row (the latest one winning), a server
 * restarted mid-round gets every acknowledged mark back, and the teacher's session keeps the class's
 * taps on each fake (the report and the votes CSV). PGlite always, PostgreSQL when TEST_DATABASE_URL is set.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ballotOf } from '../../game/ballots';
import { reduce } from '../../game/engine';
import { hotspots } from '../../game/giveaway';
import { seededRng } from '../../game/rng';
import { hostView } from '../../game/views';
import { dbRecorder } from '../recorder';
import { openDatabase } from './client';
import { parseCsv } from './csv';
import { PlayedRoom } from './fixtures';
import { buildReport, votesCsv } from './report';
import * as schema from './schema';
import { sessionDetail } from './sessions';
import { insertTeacher } from './teachers';
import { testTargets } from './testing';
import type { Database } from './types';

/** Ada and Bo in a round of four images; Ada calls everything fake, Bo only the first fake. */
async function markedRound(game: PlayedRoom) {
  const ada = await game.join('Ada');
  const bo = await game.join('Bo');
  await game.startRound();
  const images = game.images();
  const [f0, f1] = images.filter((i) => i.truth === 'fake');
  const real = images.find((i) => i.truth === 'real')!;
  // A mark that came with the vote, then moved; one marked after the vote; one on a real image; one cleared.
  await game.vote(ada, f0.id, 'fake', 300, { x: 0.9, y: 0.9 });
  await game.flag(ada, f0.id, { x: 0.25, y: 0.3 });
  await game.vote(bo, f0.id, 'fake', 300);
  await game.flag(bo, f0.id, { x: 0.26, y: 0.31 });
  await game.vote(ada, real.id, 'fake', 300, { x: 0.5, y: 0.5 });
  if (f1) {
    await game.vote(ada, f1.id, 'fake', 300, { x: 0.1, y: 0.1 });
    await game.flag(ada, f1.id, null);
  }
  return { ada, bo, images, f0, f1, real };
}

describe.each(testTargets())('giveaways on $name', ({ open }) => {
  let database: Database;
  beforeEach(async () => {
    database = await open();
  });
  afterEach(async () => {
    await database.close();
  });

  it('writes each mark onto its vote, the latest winning, and refuses one for a vote that was never recorded', async () => {
    const recorder = dbRecorder(database.db);
    const game = new PlayedRoom(recorder, '565656');
    await game.create(null);
    const { ada, bo, f0, f1, real } = await markedRound(game);
    const rows = await database.db.select().from(schema.votes);
    const row = (p: string, id: string) => rows.find((r) => r.playerId === p && r.imageId === id)!;
    expect([row(ada, f0.id).giveawayX, row(ada, f0.id).giveawayY]).toEqual([0.25, 0.3]);
    expect([row(bo, f0.id).giveawayX, row(bo, f0.id).giveawayY]).toEqual([0.26, 0.31]);
    expect([row(ada, real.id).giveawayX, row(ada, real.id).giveawayY]).toEqual([0.5, 0.5]);
    if (f1) expect([row(ada, f1.id).giveawayX, row(ada, f1.id).giveawayY]).toEqual([null, null]);

    // Marks fired without waiting, as a busy server might: the last one is what stays.
    const round = game.room.round;
    await Promise.all(
      [0.1, 0.2, 0.3, 0.4].map((x) => recorder.flag(game.room, { kind: 'flag', round, playerId: bo, imageId: f0.id, spot: { x, y: x } })),
    );
    const [after] = await database.db
      .select()
      .from(schema.votes)
      .where(and(eq(schema.votes.playerId, bo), eq(schema.votes.imageId, f0.id)));
    expect([after.giveawayX, after.giveawayY]).toEqual([0.4, 0.4]);

    await expect(recorder.flag(game.room, { kind: 'flag', round, playerId: bo, imageId: real.id, spot: { x: 0.5, y: 0.5 } })).rejects.toThrow(/no recorded vote/);
  });

  it('keeps the class’s taps on each fake in the teacher’s session: the report and the votes CSV', async () => {
    const t = (await insertTeacher(database.db, 'giveaway@school.test', 'scrypt$x'))!;
    const game = new PlayedRoom(dbRecorder(database.db), '575757');
    await game.create(t.id);
    const { ada, bo, f0, f1 } = await markedRound(game);
    await game.train(null);
    const [session] = await database.db.select().from(schema.gameSessions);
    const d = (await sessionDetail(database.db, t.id, session.id))!;
    const report = buildReport(d);
    // Only the fake with taps from players who called it fake: not the real image Ada marked, not the cleared one.
    expect(report.giveaways.map((g) => g.imageId)).toEqual([f0.id]);
    const [g] = report.giveaways;
    expect(g).toMatchObject({ round: 1, level: 1, fakeVotes: 2, heat: { taps: 2 } });
    expect(g.pixels).toBe(f0.pixels);
    // The same binning as the projector's at the reveal: both taps in one bin, around (0.25, 0.3).
    expect(hotspots(g.heat)).toEqual([{ x: expect.closeTo(0.25, 1), y: expect.closeTo(0.3, 1), count: 2 }]);

    const [header, ...rows] = parseCsv(votesCsv(d));
    const col = (name: string) => header.indexOf(name);
    const csvRow = (p: string, id: string) => rows.find((r) => r[col('player_id')] === p && r[col('image_id')] === id)!;
    expect([csvRow(ada, f0.id)[col('giveaway_x')], csvRow(ada, f0.id)[col('giveaway_y')]]).toEqual(['0.25', '0.3']);
    expect(csvRow(bo, f0.id)[col('giveaway_x')]).toBe('0.26');
    if (f1) expect(csvRow(ada, f1.id)[col('giveaway_x')]).toBe('');
  });
});

describe('giveaways across a restart (PGlite on disk)', () => {
  it('brings back every acknowledged mark mid-round, moved and cleared ones too, though no snapshot was written after them', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gan-arena-giveaway-'));
    try {
      const first = await openDatabase({ dataDir: dir });
      const game = new PlayedRoom(dbRecorder(first.db), '585858');
      await game.create(null);
      const ada = await game.join('Ada');
      const bo = await game.join('Bo');
      await game.startRound();
      const images = game.images();
      const [f0] = images.filter((i) => i.truth === 'fake');
      await game.vote(ada, f0.id, 'fake', 300, { x: 0.9, y: 0.9 });
      // The room is snapshotted here (a join mid-round does that), then the marks move on without one.
      await dbRecorder(first.db).snapshot(game.room);
      await game.flag(ada, f0.id, { x: 0.2, y: 0.7 });
      await game.vote(bo, f0.id, 'fake', 300, { x: 0.4, y: 0.4 });
      await game.flag(bo, f0.id, null);
      expect(game.room.phase.kind).toBe('judging');
      await first.close();

      const second = await openDatabase({ dataDir: dir });
      try {
        const [room] = await dbRecorder(second.db).loadSnapshots();
        expect(room).toEqual(game.room);
        if (room.phase.kind !== 'judging') throw new Error(room.phase.kind);
        expect(ballotOf(room.phase, ada)![f0.id].spot).toEqual({ x: 0.2, y: 0.7 });
        expect(ballotOf(room.phase, bo)![f0.id]).not.toHaveProperty('spot');
        // …and the reveal after the restart puts Ada's on the projector (Bo cleared his).
        const revealed = reduce(room, { type: 'advance', hostToken: room.hostToken }, { now: game.now + 1000, rng: seededRng(1) });
        const phase = hostView(revealed.state, game.now + 1000).phase;
        if (phase.kind !== 'reveal') throw new Error(phase.kind);
        const heat = phase.images.find((i) => i.id === f0.id)!.giveaway!;
        expect(heat.taps).toBe(1);
        expect(hotspots(heat)).toEqual([{ x: expect.closeTo(0.2, 1), y: expect.closeTo(0.7, 1), count: 1 }]);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
