/**
 * A round's votes: one ballot (imageId → vote) per judge, the ballot of `eligible[i]` at position i,
 * kept in chunks of CHUNK ballots.
 *
 * Why this shape: the engine is pure, so every vote builds a new phase. With votes in a record keyed
 * by player, each vote in a room of 2,000 copied a 2,000-key hash table (most of the server's time
 * under load). A flat array of ballots cost a 16 KB copy per vote, 200 MB of garbage a round; in
 * chunks a vote copies one chunk and the list of chunks, about a hundred pointers. A judge's position
 * comes from an index built once per round.
 */
import type { Ballot, Ballots, Room, Vote } from './state';

const CHUNK = 64;

/** The part of a judging or reveal phase that holds its votes. */
export interface Judged {
  eligible: readonly string[];
  ballots: Ballots;
}

const EMPTY: Ballot = Object.freeze({}) as Ballot;

/** Built once per judge list (a round's list never changes in place), so looking a judge up is O(1). */
const indexes = new WeakMap<readonly string[], Map<string, number>>();

/** Where a player's ballot sits in the round; -1 when they are not one of its judges. */
export function judgeIndex(eligible: readonly string[], playerId: string): number {
  let index = indexes.get(eligible);
  if (!index) {
    index = new Map(eligible.map((id, i) => [id, i]));
    indexes.set(eligible, index);
  }
  return index.get(playerId) ?? -1;
}

export const isJudge = (phase: Judged, playerId: string) => judgeIndex(phase.eligible, playerId) >= 0;

export const ballotAt = (ballots: Ballots, i: number): Ballot => ballots[Math.floor(i / CHUNK)][i % CHUNK];

/** A player's votes this round (empty for a judge who has not voted, undefined for someone who is not a judge). */
export function ballotOf(phase: Judged, playerId: string): Ballot | undefined {
  const i = judgeIndex(phase.eligible, playerId);
  return i < 0 ? undefined : ballotAt(phase.ballots, i);
}

/** Ballots in chunks, in order. */
function chunked(list: Ballot[]): Ballots {
  const out: Ballot[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

/** Every judge starts the round with an empty ballot. */
export const emptyBallots = (judges: number): Ballots => chunked(new Array<Ballot>(judges).fill(EMPTY));

/** Every ballot, in judge order. */
export function* eachBallot(ballots: Ballots): Iterable<Ballot> {
  for (const chunk of ballots) yield* chunk;
}

/** The ballots with judge i's replaced: one chunk and the list of chunks are copied, nothing else. */
export function setBallot(ballots: Ballots, i: number, ballot: Ballot): Ballots {
  const c = Math.floor(i / CHUNK);
  const chunk = ballots[c].slice();
  chunk[i % CHUNK] = ballot;
  const next = ballots.slice();
  next[c] = chunk;
  return next;
}

export function castVote(phase: Judged, i: number, imageId: string, vote: Vote): Ballots {
  return setBallot(phase.ballots, i, { ...ballotAt(phase.ballots, i), [imageId]: vote });
}

/** The judge list and ballots without one judge (a removed player's votes leave with them). */
export function withoutJudge(phase: Judged, playerId: string): { eligible: string[]; ballots: Ballots } {
  const i = judgeIndex(phase.eligible, playerId);
  const keep = (_: unknown, j: number) => j !== i;
  return { eligible: phase.eligible.filter(keep), ballots: chunked([...eachBallot(phase.ballots)].filter(keep)) };
}

/** How many images a ballot covers, without building an array of its keys. */
export function ballotSize(ballot: Ballot): number {
  let n = 0;
  for (const _ in ballot) n++;
  return n;
}

/** Per chunk (arrays are never changed in place): how many of its ballots cover `images` images. */
const completeIn = new WeakMap<Ballot[], { images: number; complete: number }>();

/**
 * How many judges have not judged every image yet. A vote changes one chunk, so this recounts that
 * chunk and reads the rest from memory: the engine asks after every judge's last vote, and counting
 * all 2,000 ballots each time was most of a round's work in the engine.
 */
export function openBallots(ballots: Ballots, images: number): number {
  let complete = 0;
  let all = 0;
  for (const chunk of ballots) {
    let known = completeIn.get(chunk);
    if (!known || known.images !== images) {
      known = { images, complete: chunk.reduce((n, b) => n + (ballotSize(b) === images ? 1 : 0), 0) };
      completeIn.set(chunk, known);
    }
    complete += known.complete;
    all += chunk.length;
  }
  return all - complete;
}

export function votesCast(ballots: Ballots): number {
  let n = 0;
  for (const b of eachBallot(ballots)) n += ballotSize(b);
  return n;
}

/** [playerId, ballot] for every judge who voted at least once. */
export function ballotEntries(phase: Judged): [string, Ballot][] {
  const out: [string, Ballot][] = [];
  let i = 0;
  for (const b of eachBallot(phase.ballots)) {
    if (ballotSize(b) > 0) out.push([phase.eligible[i], b]);
    i++;
  }
  return out;
}

/**
 * Ballots from votes keyed by player (the shape rooms were saved in before ballots, and the shape the
 * votes table reads back in); votes of players who are not judges of the round are dropped.
 */
export function ballotsFrom(eligible: readonly string[], byPlayer: Record<string, Ballot>): Ballots {
  return chunked(eligible.map((id) => (Object.hasOwn(byPlayer, id) ? byPlayer[id] : EMPTY)));
}

/**
 * A room saved before ballots existed (votes keyed by player in judging and reveal: a server snapshot
 * or a solo save from an older version) in today's shape; any other room as it is.
 */
export function withBallots(room: Room): Room {
  const phase = room.phase as Room['phase'] & { votes?: Record<string, Ballot>; eligible?: string[] };
  if ((phase.kind !== 'judging' && phase.kind !== 'reveal') || Array.isArray(phase.ballots) || !phase.votes) return room;
  const { votes, ...rest } = phase;
  const eligible = phase.eligible ?? Object.keys(votes);
  return { ...room, phase: { ...rest, eligible, ballots: ballotsFrom(eligible, votes) } as Room['phase'] };
}
