/**
 * A teacher's view of their saved sessions. Every query takes the teacher's id and filters on it in
 * SQL, so a session id guessed or copied from someone else's URL reads as "no such session".
 * One exception, roomSessionDetail: a live room's own session, found by its PIN and creation time,
 * for the host-token results route (server/results.ts), which must check the token first.
 */
import { type SQL, and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { encodePixels } from '../../game/protocol';
import { checkAnswers, gameSessions, players, roomSnapshots, roundImages, rounds, trainingSummaries, votes } from './schema';
import type { AnswerRow, PlayerRow, VoteRow } from './stats';
import type { Db } from './types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids that are not UUIDs would make PostgreSQL raise an error; they name nothing, so they are simply not found. */
export const isSessionId = (id: string) => UUID.test(id);

const owned = (teacherId: string, sessionId: string): SQL => and(eq(gameSessions.id, sessionId), eq(gameSessions.teacherId, teacherId))!;

export interface SessionSummary {
  id: string;
  pin: string;
  dataset: string;
  createdAt: Date;
  endedAt: Date | null;
  players: number;
  rounds: number;
  votes: number;
}

export async function listSessions(db: Db, teacherId: string): Promise<SessionSummary[]> {
  // Written out in full: drizzle leaves columns unqualified inside a sql`` subquery, and "id" would bind to the inner table.
  const countOf = (table: 'players' | 'rounds' | 'votes') =>
    sql<number>`(select count(*)::int from ${sql.identifier(table)} c where c.session_id = "game_sessions"."id")`;
  return db
    .select({
      id: gameSessions.id,
      pin: gameSessions.pin,
      dataset: gameSessions.dataset,
      createdAt: gameSessions.createdAt,
      endedAt: gameSessions.endedAt,
      players: countOf('players'),
      rounds: countOf('rounds'),
      votes: countOf('votes'),
    })
    .from(gameSessions)
    .where(eq(gameSessions.teacherId, teacherId))
    .orderBy(desc(gameSessions.createdAt));
}

export interface RoundInfo {
  round: number;
  level: number;
  startedAt: Date;
  fooledRate: number | null;
}

export interface ImageInfo {
  round: number;
  imageId: string;
  position: number;
  truth: 'real' | 'fake';
  /** Base64, the game's own encoding, for PixelImage. */
  pixels: string;
}

export interface SessionDetail {
  session: Omit<SessionSummary, 'players' | 'rounds' | 'votes'> & { settings: unknown; levels: string[] };
  players: PlayerRow[];
  rounds: RoundInfo[];
  images: ImageInfo[];
  votes: (VoteRow & { at: Date })[];
  answers: AnswerRow[];
  summaries: { round: number; level: number; report: unknown }[];
}

/** Everything the session page shows, or null when the session is not this teacher's (or does not exist). */
export async function sessionDetail(db: Db, teacherId: string, sessionId: string): Promise<SessionDetail | null> {
  if (!isSessionId(sessionId)) return null;
  return detailWhere(db, owned(teacherId, sessionId));
}

/**
 * A room's session (any host's, anonymous or not), by the room's PIN and creation time, which are
 * unique together. Not filtered by teacher: only for callers that have checked the room's host token.
 */
export async function roomSessionDetail(db: Db, pin: string, createdAt: Date): Promise<SessionDetail | null> {
  return detailWhere(db, and(eq(gameSessions.pin, pin), eq(gameSessions.createdAt, createdAt))!);
}

/** The one query behind both: `which` picks at most one game_sessions row. */
async function detailWhere(db: Db, which: SQL): Promise<SessionDetail | null> {
  const [session] = await db
    .select({
      id: gameSessions.id,
      pin: gameSessions.pin,
      dataset: gameSessions.dataset,
      createdAt: gameSessions.createdAt,
      endedAt: gameSessions.endedAt,
      settings: gameSessions.settings,
      levels: gameSessions.levels,
    })
    .from(gameSessions)
    .where(which);
  if (!session) return null;
  const inSession = (t: { sessionId: AnyPgColumn }) => and(eq(t.sessionId, gameSessions.id), which);

  const [playerRows, roundRows, imageRows, voteRows, answerRows, summaryRows] = await Promise.all([
    db
      .select({ id: players.id, nickname: players.nickname, score: players.score, bestStreak: players.bestStreak })
      .from(players)
      .innerJoin(gameSessions, inSession(players))
      .orderBy(asc(players.joinedAt)),
    db
      .select({ round: rounds.round, level: rounds.level, startedAt: rounds.startedAt, fooledRate: rounds.fooledRate })
      .from(rounds)
      .innerJoin(gameSessions, inSession(rounds))
      .orderBy(asc(rounds.round)),
    db
      .select({
        round: roundImages.round,
        imageId: roundImages.imageId,
        position: roundImages.position,
        truth: roundImages.truth,
        pixels: roundImages.pixels,
      })
      .from(roundImages)
      .innerJoin(gameSessions, inSession(roundImages))
      .orderBy(asc(roundImages.round), asc(roundImages.position)),
    votesWhere(db, which),
    db
      .select({ playerId: checkAnswers.playerId, cardId: checkAnswers.cardId, choice: checkAnswers.choice, correct: checkAnswers.correct })
      .from(checkAnswers)
      .innerJoin(gameSessions, inSession(checkAnswers)),
    db
      .select({ round: trainingSummaries.round, level: trainingSummaries.level, report: trainingSummaries.report })
      .from(trainingSummaries)
      .innerJoin(gameSessions, inSession(trainingSummaries))
      .orderBy(asc(trainingSummaries.round)),
  ]);
  return {
    session,
    players: playerRows,
    rounds: roundRows,
    images: imageRows.map((r) => ({ ...r, pixels: encodePixels(r.pixels) })),
    votes: voteRows,
    answers: answerRows,
    summaries: summaryRows,
  };
}

/** Every vote with its image's truth, its level and its answer time, in the order they were cast. */
export async function voteRowsFor(db: Db, teacherId: string, sessionId: string): Promise<(VoteRow & { at: Date })[]> {
  if (!isSessionId(sessionId)) return [];
  return votesWhere(db, owned(teacherId, sessionId));
}

async function votesWhere(db: Db, which: SQL): Promise<(VoteRow & { at: Date })[]> {
  const rows = await db
    .select({
      playerId: votes.playerId,
      round: votes.round,
      level: rounds.level,
      imageId: votes.imageId,
      truth: roundImages.truth,
      verdict: votes.verdict,
      at: votes.at,
      startedAt: rounds.startedAt,
      giveawayX: votes.giveawayX,
      giveawayY: votes.giveawayY,
    })
    .from(votes)
    .innerJoin(gameSessions, and(eq(votes.sessionId, gameSessions.id), which))
    .innerJoin(rounds, and(eq(rounds.sessionId, votes.sessionId), eq(rounds.round, votes.round)))
    .innerJoin(
      roundImages,
      and(eq(roundImages.sessionId, votes.sessionId), eq(roundImages.round, votes.round), eq(roundImages.imageId, votes.imageId)),
    )
    .orderBy(asc(votes.at), asc(votes.round), asc(votes.playerId), asc(votes.imageId));
  return rows.map(({ startedAt, giveawayX: x, giveawayY: y, ...v }) => ({
    ...v,
    answerMs: v.at.getTime() - startedAt.getTime(),
    spot: x !== null && y !== null ? { x, y } : null,
  }));
}

/** Deletes a session and, by cascade, every row that belongs to it. False when it is not this teacher's. */
export async function deleteSession(db: Db, teacherId: string, sessionId: string): Promise<boolean> {
  if (!isSessionId(sessionId)) return false;
  const rows = await db.delete(gameSessions).where(owned(teacherId, sessionId)).returning({ id: gameSessions.id });
  return rows.length > 0;
}

/** Retention: removes every session (any teacher's, or none) created before the cutoff, and stale room snapshots. */
export async function deleteSessionsBefore(db: Db, cutoff: Date): Promise<number> {
  const rows = await db.delete(gameSessions).where(lt(gameSessions.createdAt, cutoff)).returning({ id: gameSessions.id });
  await db.delete(roomSnapshots).where(lt(roomSnapshots.updatedAt, cutoff));
  return rows.length;
}
