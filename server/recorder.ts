/**
 * What the game server writes down as a room plays: the session, players, each round's images with
 * their truth, every vote (written before the vote is acknowledged), reveals, training reports,
 * references to checkpoint files (server/checkpoints.ts; never their bytes), check-question answers,
 * and a snapshot of the live room for restarts.
 *
 * The engine says what to write (its record effects, game/engine.ts); server/persistence.ts hands
 * them here through writeRecord and stays pure of SQL. Each method is idempotent, so a retried call
 * never records anything twice.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { ballotEntries, ballotOf, ballotsFrom, eachBallot, withBallots } from '../game/ballots';
import { type GameRecord, withLessonSteps, withTrainerJob } from '../game/engine';
import { decodePixels, type TrainingReport } from '../game/protocol';
import { LEVELS } from '../game/levels';
import type { Ballot, Player, Room, RoundImage } from '../game/state';
import {
  checkAnswers,
  checkpoints,
  gameSessions,
  players,
  roomSnapshots,
  roundImages,
  rounds,
  trainingSummaries,
  votes,
} from './db/schema';
import type { Db } from './db/types';
import type { CheckpointRef, CheckpointRefs, RoomId, SavedCheckpoint } from './checkpoints';
import { groupCommit, oneAtATime } from './group-commit';

export type VoteRecord = Extract<GameRecord, { kind: 'vote' }>;
export type FlagRecord = Extract<GameRecord, { kind: 'flag' }>;

export interface GameRecorder extends CheckpointRefs {
  /** A room was created; teacherId is the signed-in host's, or null for an anonymous host. */
  sessionCreated(room: Room, teacherId: string | null): Promise<void>;
  playerJoined(room: Room, playerId: string): Promise<void>;
  /** The room entered judging: records the round and its images with their truth. */
  roundStarted(room: Room): Promise<void>;
  /** Must be awaited before the vote is acknowledged: an acknowledged vote survives a crash. */
  vote(room: Room, vote: VoteRecord): Promise<void>;
  /** A giveaway marked, moved or cleared on a recorded vote; awaited before its acknowledgement, like a vote. */
  flag(room: Room, flag: FlagRecord): Promise<void>;
  /** The room entered reveal: the round's fooled rate and the players' scores so far. */
  roundRevealed(room: Room): Promise<void>;
  /** The trainer reported (null: the host skipped training). */
  trainingReported(room: Room, round: number, report: TrainingReport | null): Promise<void>;
  /** A checkpoint file is durable (server/checkpoints.ts): its reference, which replaces the level's last one. */
  checkpointSaved(room: Room, ref: CheckpointRef): Promise<void>;
  /** The room's most recently saved checkpoint (a file's reference, or the bytes of a row from before files). */
  latestCheckpoint(room: RoomId): Promise<SavedCheckpoint | null>;
  checkAnswered(pin: string, playerId: string, cardId: string, choice: number, correct: boolean): Promise<void>;
  /** Saves the live room; writes for one PIN are applied in call order, the latest winning. */
  snapshot(room: Room): Promise<void>;
  /** Rooms to bring back after a restart: the latest snapshot of every room that has not ended. */
  loadSnapshots(): Promise<Room[]>;
  sessionEnded(room: Room): Promise<void>;
  /**
   * The room has closed for good and left memory: what the recorder kept for it goes, and an anonymous
   * room's checkpoint references are deleted. Resolves true when the room was anonymous (its checkpoint
   * files go too); a signed-in teacher's stay with the session until RETENTION_DAYS.
   */
  roomClosed(room: Room): Promise<boolean>;
}

/** The dataset the room starts on; a campaign may move to another (Fashion-MNIST) later. */
function datasetOf(room: Room): string {
  const first = room.levels[0];
  return first && first in LEVELS ? LEVELS[first].model.dataset : 'digits';
}

/** A round as the rounds and round_images tables hold it. */
interface RoundRow {
  round: number;
  level: number;
  levelId: string | null;
  startedAt: number;
  deadline: number;
  images: RoundImage[];
}

function roundRow(room: Room): RoundRow | null {
  const phase = room.phase;
  if (phase.kind !== 'judging' && phase.kind !== 'reveal') return null;
  // Normally called in judging. From a reveal (a vote that closed a round whose roundStarted has not landed yet)
  // the start is not in the phase any more: the first vote's time stands in for it.
  let startedAt = phase.kind === 'judging' ? phase.startedAt : Number.POSITIVE_INFINITY;
  let deadline = phase.kind === 'judging' ? phase.deadline : Number.NEGATIVE_INFINITY;
  if (phase.kind === 'reveal') {
    for (const ballot of eachBallot(phase.ballots)) {
      for (const v of Object.values(ballot)) {
        startedAt = Math.min(startedAt, v.at);
        deadline = Math.max(deadline, v.at);
      }
    }
    if (!Number.isFinite(startedAt)) startedAt = deadline = Date.now();
  }
  const levelId = room.levels[room.level - 1] ?? null;
  return { round: phase.round, level: room.level, levelId, startedAt, deadline, images: phase.images };
}

const FOREIGN_KEY_VIOLATION = '23503';

function pgCode(err: unknown): string | undefined {
  // drizzle wraps driver errors; pg and PGlite both put the SQLSTATE in `code`.
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 4; e = e.cause as typeof e, i++) {
    if (typeof e.code === 'string') return e.code;
  }
  return undefined;
}

export function dbRecorder(db: Db): GameRecorder {
  /**
   * `${pin}@${createdAt}` → the session id, as a promise shared by concurrent callers: the server fires
   * sessionCreated and playerJoined without waiting, and both must land on one row.
   */
  const byRoom = new Map<string, Promise<string>>();
  /** pin → the latest session id, for the calls that only know the PIN. */
  const byPin = new Map<string, string>();
  const roomKey = (room: Room) => `${room.pin}@${room.createdAt}`;
  const voteKey = (room: Room, round: number, playerId: string, imageId: string) => `${roomKey(room)}/vote/${round}/${playerId}/${imageId}`;

  async function upsertSession(room: Room, teacherId: string | null): Promise<string> {
    await db
      .insert(gameSessions)
      .values({
        id: crypto.randomUUID(),
        pin: room.pin,
        teacherId,
        dataset: datasetOf(room),
        settings: room.settings,
        levels: [...room.levels],
        createdAt: new Date(room.createdAt),
      })
      .onConflictDoUpdate({
        target: [gameSessions.pin, gameSessions.createdAt],
        // A row made first by another call (teacher unknown) still gets its teacher; a known one is never cleared.
        set: { teacherId: sql`coalesce(excluded.teacher_id, ${gameSessions.teacherId})` },
      });
    const [row] = await db
      .select({ id: gameSessions.id })
      .from(gameSessions)
      .where(and(eq(gameSessions.pin, room.pin), eq(gameSessions.createdAt, new Date(room.createdAt))));
    byPin.set(room.pin, row.id);
    return row.id;
  }

  function remember(room: Room, id: Promise<string>): Promise<string> {
    const key = roomKey(room);
    byRoom.set(key, id);
    // A failed write is forgotten, so the next call tries again instead of failing forever.
    id.catch(() => byRoom.get(key) === id && byRoom.delete(key));
    return id;
  }

  /** The room's session, created on the spot if sessionCreated has not got through (the data still counts). */
  function sessionOf(room: Room): Promise<string> {
    return byRoom.get(roomKey(room)) ?? remember(room, upsertSession(room, null));
  }

  async function sessionOfPin(pin: string): Promise<string | null> {
    const cached = byPin.get(pin);
    if (cached) return cached;
    const [row] = await db
      .select({ id: gameSessions.id })
      .from(gameSessions)
      .where(eq(gameSessions.pin, pin))
      .orderBy(desc(gameSessions.createdAt))
      .limit(1);
    if (row) byPin.set(pin, row.id);
    return row?.id ?? null;
  }

  type PlayerRow = typeof players.$inferInsert;
  const playerRow = (sessionId: string, p: Player): PlayerRow => ({ sessionId, id: p.id, nickname: p.nickname, joinedAt: new Date(p.joinedAt) });
  const insertPlayers = (rows: PlayerRow[]) => db.insert(players).values(rows).onConflictDoNothing();

  async function insertRound(sessionId: string, round: RoundRow | null) {
    if (round) await insertRounds([{ sessionId, round }]);
  }

  /** Rounds and their images, for any number of rooms, in one transaction. */
  async function insertRounds(batch: { sessionId: string; round: RoundRow }[]) {
    await db.transaction(async (tx) => {
      await tx
        .insert(rounds)
        .values(
          batch.map(({ sessionId, round: { images: _, ...row } }) => ({
            sessionId,
            ...row,
            startedAt: new Date(row.startedAt),
            deadline: new Date(row.deadline),
          })),
        )
        .onConflictDoNothing();
      await tx
        .insert(roundImages)
        .values(
          batch.flatMap(({ sessionId, round }) => round.images.map((img, position) => ({
            sessionId,
            round: round.round,
            imageId: img.id,
            position,
            pixels: decodePixels(img.pixels),
            truth: img.truth,
          }))),
        )
        .onConflictDoNothing();
    });
  }

  /** One statement for every player's score, however many there are. */
  async function updateScores(sessionId: string, room: Room) {
    const rows = room.players.map((p) => ({ id: p.id, score: p.score, best: p.bestStreak }));
    if (!rows.length) return;
    await db.execute(sql`
      update ${players} set score = x.score, best_streak = x.best
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id text, score int, best int)
      where ${players.sessionId} = ${sessionId} and ${players.id} = x.id`);
  }

  /**
   * Snapshots of every room are group-committed: one statement for however many rooms changed phase
   * together (a hundred classes in lockstep made a hundred statements a phase). Statements run one
   * after another and a batch keeps each room's newest, so an older room never lands after a newer one.
   */
  type SnapshotRow = typeof roomSnapshots.$inferInsert;
  const upsertSnapshots = (rows: SnapshotRow[]) =>
    db
      .insert(roomSnapshots)
      .values(rows)
      .onConflictDoUpdate({ target: roomSnapshots.pin, set: { room: sql`excluded.room`, updatedAt: sql`excluded.updated_at` } });
  const queueSnapshot = groupCommit<SnapshotRow>({
    writeMany: (rows) => upsertSnapshots([...new Map(rows.map((r) => [r.pin, r])).values()]),
    writeOne: (row) => upsertSnapshots([row]),
    gatherMs: 10,
    max: 200,
  });

  /** Rounds too, for the same reason: a round's votes wait for it (and for its snapshot). */
  const queueRound = groupCommit<{ sessionId: string; round: RoundRow }>({
    writeMany: (batch) => insertRounds(batch),
    writeOne: (one) => insertRounds([one]),
    gatherMs: 10,
    max: 200,
  });

  /**
   * Writes of players, rounds and votes still under way, by `${room}/player/${id}`, `${room}/round/${n}`
   * and `${room}/vote/${round}/${player}/${image}` (the vote's latest write: its row, or a giveaway on it).
   */
  const inFlight = new Map<string, Promise<unknown>>();
  function track<T>(key: string, write: Promise<T>): Promise<T> {
    inFlight.set(key, write);
    const forget = () => void (inFlight.get(key) === write && inFlight.delete(key));
    write.then(forget, forget);
    return write;
  }

  /** The writes nobody waits on, one statement at a time (./group-commit.ts says why). */
  const background = oneAtATime();

  /**
   * Votes are group-committed (./group-commit.ts): a room of 2,000 voting at once would otherwise
   * queue thousands of single-row statements on one connection. A vote waits at most 5 ms to gather.
   */
  type VoteRow = typeof votes.$inferInsert;
  const queueVote = groupCommit<{ row: VoteRow; single: () => Promise<void> }>({
    writeMany: (batch) => insertVotes(batch.map((v) => v.row)),
    // One bad row (a player or round not recorded yet) fails the statement: each is then written with its own repair.
    writeOne: (v) => v.single(),
    gatherMs: 5,
    max: 1000,
  });

  /** Players too: an assembly's 2,000 joins were 2,000 statements. A join is not waited on, so it may gather longer. */
  const queuePlayer = groupCommit<PlayerRow>({
    writeMany: insertPlayers,
    writeOne: (row) => insertPlayers([row]),
    gatherMs: 50,
    max: 500,
  });

  async function writeVote(
    session: Promise<string>,
    vote: Omit<VoteRow, 'sessionId'>,
    all: readonly Player[],
    round: RoundRow | null,
    parents: (Promise<unknown> | undefined)[],
  ) {
    const sessionId = await session;
    if (parents.some(Boolean)) await Promise.allSettled(parents);
    const row: VoteRow = { sessionId, ...vote };
    const write = () => db.insert(votes).values(row).onConflictDoNothing();
    const single = async () => {
      try {
        await write();
      } catch (err) {
        if (pgCode(err) !== FOREIGN_KEY_VIOLATION) throw err;
        // The player or the round was not recorded yet (a call still in flight, or one that failed): record them, then retry.
        const player = all.find((p) => p.id === row.playerId);
        if (player) await insertPlayers([playerRow(sessionId, player)]);
        await insertRound(sessionId, round);
        await write();
      }
    };
    await queueVote({ row, single });
  }

  /**
   * A batch of votes in one statement of six array parameters, whatever its size. Measured on PGlite
   * (12,000 votes in batches of 1,000, before votes lost their serial id): 36 µs a vote, against 83 µs
   * for a VALUES list with six parameters a row, most of which went on building and parsing the statement.
   */
  function insertVotes(rows: VoteRow[]) {
    const column = (c: { name: string }) => sql.identifier(c.name);
    return db.execute(sql`
      insert into ${votes} (${column(votes.sessionId)}, ${column(votes.round)}, ${column(votes.imageId)}, ${column(votes.playerId)}, ${column(votes.verdict)}, ${column(votes.at)}, ${column(votes.giveawayX)}, ${column(votes.giveawayY)})
      select * from unnest(
        ${sql.param(rows.map((r) => r.sessionId))}::uuid[],
        ${sql.param(rows.map((r) => r.round))}::int[],
        ${sql.param(rows.map((r) => r.imageId))}::text[],
        ${sql.param(rows.map((r) => r.playerId))}::text[],
        ${sql.param(rows.map((r) => r.verdict))}::text[],
        ${sql.param(rows.map((r) => (r.at as Date).toISOString()))}::timestamptz[],
        ${sql.param(rows.map((r) => r.giveawayX ?? null))}::float8[],
        ${sql.param(rows.map((r) => r.giveawayY ?? null))}::float8[])
      on conflict do nothing`);
  }

  /**
   * Snapshots are not written per vote: a room saved mid-round gets the round's acknowledged votes back
   * from the votes table (each was written before its ack), so a restart loses none.
   */
  async function withSavedVotes(room: Room): Promise<Room> {
    const phase = room.phase;
    if (phase.kind !== 'judging') return room;
    const [session] = await db
      .select({ id: gameSessions.id })
      .from(gameSessions)
      .where(and(eq(gameSessions.pin, room.pin), eq(gameSessions.createdAt, new Date(room.createdAt))));
    if (!session) return room;
    const imageIds = phase.images.map((i) => i.id);
    const saved = await db
      .select({ playerId: votes.playerId, imageId: votes.imageId, verdict: votes.verdict, at: votes.at, x: votes.giveawayX, y: votes.giveawayY })
      .from(votes)
      .where(and(eq(votes.sessionId, session.id), eq(votes.round, phase.round), inArray(votes.imageId, imageIds)));
    const merged: Record<string, Ballot> = Object.fromEntries(ballotEntries(phase));
    for (const v of saved) {
      if (!ballotOf(phase, v.playerId)) continue;
      // Giveaways are not snapshotted either, and may move after a vote: the table's (each written before its ack) is the latest.
      const spot = v.verdict === 'fake' && v.x !== null && v.y !== null ? { spot: { x: v.x, y: v.y } } : {};
      const known = merged[v.playerId]?.[v.imageId];
      const base = known ? (({ spot: _, ...rest }) => rest)(known) : { verdict: v.verdict, at: v.at.getTime() };
      merged[v.playerId] = { ...merged[v.playerId], [v.imageId]: { ...base, ...spot } };
    }
    return { ...room, phase: { ...phase, ballots: ballotsFrom(phase.eligible, merged) } };
  }

  return {
    async sessionCreated(room, teacherId) {
      const pending = byRoom.get(roomKey(room));
      if (pending) await pending.catch(() => undefined);
      await remember(room, upsertSession(room, teacherId));
    },

    async playerJoined(room, playerId) {
      const p = room.players.find((x) => x.id === playerId);
      if (!p) return;
      const sessionId = await sessionOf(room);
      await track(`${roomKey(room)}/player/${p.id}`, queuePlayer(playerRow(sessionId, p)));
    },

    async roundStarted(room) {
      const round = roundRow(room);
      if (round) await track(`${roomKey(room)}/round/${round.round}`, sessionOf(room).then((sessionId) => queueRound({ sessionId, round })));
    },

    vote(room, { round, playerId, imageId, verdict, at, spot }) {
      // The engine's own time for the vote, so the database and the scores agree to the millisecond.
      const row = { round, imageId, playerId, verdict, at: new Date(at), giveawayX: spot?.x ?? null, giveawayY: spot?.y ?? null };
      // Only what a repair needs goes along, not the room: thousands of votes wait for their write at
      // once in a big room, and each holding its own copy of the room filled the heap.
      // A vote's row needs its player's and its round's: when those writes are still under way, it waits for them
      // rather than fail a whole batch of votes (which then went row by row, each with its own repair).
      const parents = [inFlight.get(`${roomKey(room)}/round/${row.round}`), inFlight.get(`${roomKey(room)}/player/${playerId}`)];
      return track(voteKey(room, round, playerId, imageId), writeVote(sessionOf(room), row, room.players, roundRow(room), parents));
    },

    flag(room, { round, playerId, imageId, spot }) {
      const key = voteKey(room, round, playerId, imageId);
      // After the vote's own row and any earlier mark on it, so the latest mark is the one that stays.
      const before = inFlight.get(key);
      const write = (async () => {
        const sessionId = await sessionOf(room);
        if (before) await before.catch(() => undefined);
        const updated = await db
          .update(votes)
          .set({ giveawayX: spot?.x ?? null, giveawayY: spot?.y ?? null })
          .where(and(eq(votes.sessionId, sessionId), eq(votes.round, round), eq(votes.playerId, playerId), eq(votes.imageId, imageId)))
          .returning({ round: votes.round });
        if (!updated.length) throw new Error(`no recorded vote for ${playerId} on ${imageId} in round ${round}`);
      })();
      return track(key, write);
    },

    roundRevealed(room) {
      return background(async () => {
        const phase = room.phase;
        if (phase.kind !== 'reveal') return;
        const sessionId = await sessionOf(room);
        await db
          .update(rounds)
          .set({ revealedAt: new Date(), fooledRate: phase.results.fooledRate })
          .where(and(eq(rounds.sessionId, sessionId), eq(rounds.round, phase.round)));
        await updateScores(sessionId, room);
      });
    },

    trainingReported(room, round, report) {
      return background(async () => {
        const sessionId = await sessionOf(room);
        const level = room.history.find((r) => r.round === round)?.level ?? room.level;
        await db
          .insert(trainingSummaries)
          .values({ sessionId, round, level, report })
          .onConflictDoUpdate({ target: [trainingSummaries.sessionId, trainingSummaries.round], set: { report } });
      });
    },

    checkpointSaved(room, ref) {
      return background(async () => {
        const sessionId = await sessionOf(room);
        const row = { file: ref.file, size: ref.size, sha256: ref.sha256, bytes: null, savedAt: new Date() };
        await db
          .insert(checkpoints)
          .values({ sessionId, level: ref.level, ...row })
          .onConflictDoUpdate({ target: [checkpoints.sessionId, checkpoints.level], set: row });
      });
    },

    async latestCheckpoint(room) {
      const [row] = await db
        .select({ level: checkpoints.level, file: checkpoints.file, size: checkpoints.size, sha256: checkpoints.sha256, bytes: checkpoints.bytes })
        .from(checkpoints)
        .innerJoin(gameSessions, eq(gameSessions.id, checkpoints.sessionId))
        .where(and(eq(gameSessions.pin, room.pin), eq(gameSessions.createdAt, new Date(room.createdAt))))
        .orderBy(desc(checkpoints.savedAt))
        .limit(1);
      if (!row) return null;
      if (row.file !== null && row.size !== null && row.sha256 !== null) return { level: row.level, file: row.file, size: row.size, sha256: row.sha256 };
      return row.bytes ? { level: row.level, bytes: row.bytes } : null;
    },

    checkAnswered(pin, playerId, cardId, choice, correct) {
      return background(async () => {
        const sessionId = await sessionOfPin(pin);
        if (!sessionId) throw new Error(`no recorded session for PIN ${pin}`);
        // The first answer counts: a check question is not retried until right.
        await db.insert(checkAnswers).values({ sessionId, playerId, cardId, choice, correct }).onConflictDoNothing();
      });
    },

    snapshot: (room) => queueSnapshot({ pin: room.pin, room, updatedAt: new Date() }),

    async loadSnapshots() {
      const rows = await db.select({ room: roomSnapshots.room }).from(roomSnapshots);
      const live = rows.map((r) => withLessonSteps(withTrainerJob(withBallots(r.room)))).filter((room) => room.phase.kind !== 'ended');
      return Promise.all(live.map(withSavedVotes));
    },

    sessionEnded(room) {
      return background(async () => {
        const sessionId = await sessionOf(room);
        const endedAt = room.phase.kind === 'ended' ? new Date(room.phase.endedAt) : new Date();
        await db.update(gameSessions).set({ endedAt }).where(eq(gameSessions.id, sessionId));
        await updateScores(sessionId, room);
      });
    },

    roomClosed(room) {
      // After the room's other background writes (its end), so nothing asks for the session again once it is forgotten.
      return background(async () => {
        const key = roomKey(room);
        const known = byRoom.get(key);
        try {
          const [session] = await db
            .select({ id: gameSessions.id, teacherId: gameSessions.teacherId })
            .from(gameSessions)
            .where(and(eq(gameSessions.pin, room.pin), eq(gameSessions.createdAt, new Date(room.createdAt))));
          if (session?.teacherId) return false;
          if (session) await db.delete(checkpoints).where(eq(checkpoints.sessionId, session.id));
          return true;
        } finally {
          if (byRoom.get(key) === known) byRoom.delete(key);
          const id = await known?.catch(() => undefined);
          if (id !== undefined && byPin.get(room.pin) === id) byPin.delete(room.pin);
        }
      });
    },
  };
}

/** Writes down one of the engine's records, with the room after the event that made it. */
export function writeRecord(recorder: GameRecorder, room: Room, record: GameRecord): Promise<void> {
  switch (record.kind) {
    case 'playerJoined':
      return recorder.playerJoined(room, record.playerId);
    case 'roundStarted':
      return recorder.roundStarted(room);
    case 'vote':
      return recorder.vote(room, record);
    case 'flag':
      return recorder.flag(room, record);
    case 'roundRevealed':
      return recorder.roundRevealed(room);
    case 'answer':
      return recorder.checkAnswered(room.pin, record.playerId, record.cardId, record.choice, record.correct);
    case 'training':
      return recorder.trainingReported(room, record.round, record.report);
    case 'sessionEnded':
      return recorder.sessionEnded(room);
  }
}
