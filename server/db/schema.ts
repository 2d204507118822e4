/**
 * The one database schema, for PGlite and PostgreSQL alike. Migrations in ./migrations are generated
 * from this file by drizzle-kit (`npx drizzle-kit generate`) and checked in.
 *
 * Every row that belongs to a game hangs off game_sessions with ON DELETE CASCADE, so deleting a
 * session (by the teacher, or by the retention sweep) removes all of its data in one statement.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  doublePrecision,
  foreignKey,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Room } from '../../game/state';
import type { Settings, TrainingReport } from '../../game/protocol';

/** Raw bytes (image pixels, checkpoint weights). Both drivers hand back a Uint8Array (Buffer on pg). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength),
});

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const teachers = pgTable('teachers', {
  id: uuid('id').primaryKey(),
  /** Stored lower-cased and trimmed: one account per address, whatever the capitals. */
  email: text('email').notNull().unique(),
  passHash: text('pass_hash').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Sign-in sessions. Only a hash of the cookie token is kept, so a leaked table signs nobody in. */
export const authSessions = pgTable(
  'auth_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    teacherId: uuid('teacher_id')
      .notNull()
      .references(() => teachers.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [index('auth_sessions_teacher_idx').on(t.teacherId)],
);

/** One hosted room. A PIN is reused over time, so (pin, created_at) names a room; id names it in URLs. */
export const gameSessions = pgTable(
  'game_sessions',
  {
    id: uuid('id').primaryKey(),
    pin: text('pin').notNull(),
    teacherId: uuid('teacher_id').references(() => teachers.id, { onDelete: 'cascade' }),
    /** The first level's dataset, for the list; each level names its own. */
    dataset: text('dataset').notNull(),
    settings: jsonb('settings').$type<Settings>().notNull(),
    /** The campaign in play order (level ids); level n of the game is levels[n - 1]. */
    levels: jsonb('levels').$type<string[]>().notNull(),
    createdAt: ts('created_at').notNull(),
    endedAt: ts('ended_at'),
  },
  (t) => [
    unique('game_sessions_pin_created_uq').on(t.pin, t.createdAt),
    index('game_sessions_teacher_idx').on(t.teacherId, t.createdAt),
    index('game_sessions_created_idx').on(t.createdAt),
  ],
);

const sessionRef = () =>
  uuid('session_id')
    .notNull()
    .references(() => gameSessions.id, { onDelete: 'cascade' });

/** Nickname only: the game never asks for a real name. Score figures are the engine's, copied at each reveal. */
export const players = pgTable(
  'players',
  {
    sessionId: sessionRef(),
    id: text('id').notNull(),
    nickname: text('nickname').notNull(),
    joinedAt: ts('joined_at').notNull(),
    score: integer('score').notNull().default(0),
    bestStreak: integer('best_streak').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.id] })],
);

export const rounds = pgTable(
  'rounds',
  {
    sessionId: sessionRef(),
    round: integer('round').notNull(),
    level: integer('level').notNull(),
    levelId: text('level_id'),
    startedAt: ts('started_at').notNull(),
    deadline: ts('deadline').notNull(),
    revealedAt: ts('revealed_at'),
    fooledRate: real('fooled_rate'),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.round] })],
);

/** The images shown in a round, with the truth players never saw before the reveal. */
export const roundImages = pgTable(
  'round_images',
  {
    sessionId: sessionRef(),
    round: integer('round').notNull(),
    imageId: text('image_id').notNull(),
    /** Order on screen. */
    position: smallint('position').notNull(),
    pixels: bytea('pixels').notNull(),
    truth: text('truth').$type<'real' | 'fake'>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.round, t.imageId] }),
    foreignKey({ columns: [t.sessionId, t.round], foreignColumns: [rounds.sessionId, rounds.round] }).onDelete('cascade'),
  ],
);

export const votes = pgTable(
  'votes',
  {
    sessionId: sessionRef(),
    round: integer('round').notNull(),
    imageId: text('image_id').notNull(),
    playerId: text('player_id').notNull(),
    verdict: text('verdict').$type<'real' | 'fake'>().notNull(),
    /** The server's clock when the vote was accepted: the time scoring used. */
    at: ts('at').notNull(),
    /**
     * On a fake vote, the spot the player marked as what gave the image away (game/giveaway.ts), as
     * fractions of the image's width and height; null when they marked none. Both or neither.
     */
    giveawayX: doublePrecision('giveaway_x'),
    giveawayY: doublePrecision('giveaway_y'),
  },
  (t) => [
    // A player judges an image once; a retried write is a no-op, not a second vote. The key is the
    // vote itself, not a serial id beside a unique index: one index to update per vote instead of two
    // and no sequence, which halved the cost of a vote's write on PGlite (52 → 27 µs a row).
    primaryKey({ name: 'votes_pk', columns: [t.sessionId, t.round, t.imageId, t.playerId] }),
    foreignKey({
      columns: [t.sessionId, t.round, t.imageId],
      foreignColumns: [roundImages.sessionId, roundImages.round, roundImages.imageId],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.sessionId, t.playerId], foreignColumns: [players.sessionId, players.id] }).onDelete('cascade'),
  ],
);

/** What the trainer reported after a round (null report: the host skipped training). */
export const trainingSummaries = pgTable(
  'training_summaries',
  {
    sessionId: sessionRef(),
    round: integer('round').notNull(),
    level: integer('level').notNull(),
    report: jsonb('report').$type<TrainingReport | null>(),
    recordedAt: ts('recorded_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.round] })],
);

/**
 * The room's generator after each level's training, so a reloaded host (also after a restart) resumes
 * where the room left it. The bytes live in a file under the checkpoint folder (server/checkpoints.ts),
 * never in the database, whose one writer carries the votes: a row here is only the file's reference,
 * written once the file is durable. `bytes` is for rows written before that (still read back).
 */
export const checkpoints = pgTable(
  'checkpoints',
  {
    sessionId: sessionRef(),
    level: integer('level').notNull(),
    /** Legacy: the checkpoint itself, for rows written before checkpoints moved to files; null since. */
    bytes: bytea('bytes'),
    /** The file, relative to the checkpoint folder. */
    file: text('file'),
    /** The file's length and SHA-256 (hex), so a damaged or truncated file is told apart from a checkpoint. */
    size: integer('size'),
    sha256: text('sha256'),
    savedAt: ts('saved_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.level] })],
);

/** Answers to the lesson cards' check questions. */
export const checkAnswers = pgTable(
  'check_answers',
  {
    sessionId: sessionRef(),
    playerId: text('player_id').notNull(),
    cardId: text('card_id').notNull(),
    choice: integer('choice').notNull(),
    correct: boolean('correct').notNull(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.playerId, t.cardId] }),
    foreignKey({ columns: [t.sessionId, t.playerId], foreignColumns: [players.sessionId, players.id] }).onDelete('cascade'),
  ],
);

/** The live room as the engine last left it, so rooms come back after a server restart. */
export const roomSnapshots = pgTable('room_snapshots', {
  pin: text('pin').primaryKey(),
  // json, not jsonb: saved whole and read back whole, never queried inside; PostgreSQL only checks the text
  // instead of building a binary tree of it, which halved the cost of a snapshot of a room of 2,000.
  room: json('room').$type<Room>().notNull(),
  updatedAt: ts('updated_at')
    .notNull()
    .default(sql`now()`),
});
