/**
 * The room engine: reduce(state, event, ctx) → { state, effects }.
 *
 * Pure: time and randomness come in through ctx, nothing is emitted or awaited here. The server
 * turns socket events into GameEvents and the effects into emits, timers and writes. Refusals come
 * back as `error` with the state untouched, so a bad event can never half-apply.
 */
import { ballotAt, ballotOf, ballotSize, castVote, eachBallot, emptyBallots, isJudge, judgeIndex, openBallots, setBallot, votesCast, withoutJudge } from './ballots';
import { assignRoles, chooseFakes, coachPoints, knobMajority, roleForNewcomer, swapRoles, trainingPlan } from './coaching';
import { DEFAULT_CAMPAIGN, cardsAfter, levelSpec } from './levels';
import { getCard } from './lessons/cards';
import { CHECK_POINTS, checkShown, drawOrder, lessonStep } from './lessons/check';
import { roundGiveaways } from './giveaway';
import { generateNickname } from './nicknames';
import {
  DEFAULT_SETTINGS,
  type Dataset,
  ErrorCode,
  type GameError,
  type GenerateJob,
  type Knobs,
  type LevelId,
  type LevelSpec,
  type Settings,
  type Spot,
  type TrainJob,
  type TrainVerdict,
  type TrainerInfo,
  type TrainingProgress,
  type TrainingReport,
  type Verdict,
  type VoteCount,
  type ClosedWhy,
} from './protocol';
import { type Rng, randomId, randomInt, shuffled } from './rng';
import { judgingBudget, trainSeconds, trainsWhileJudging } from './training-budget';
import { scoreJudgment } from './scoring';
import {
  AWAY_GRACE_MS,
  GRACE,
  type Grace,
  MAX_PLAYERS,
  type Phase,
  type Player,
  type Room,
  type RoundImage,
  type RoundResults,
  closesAt,
} from './state';
import { type JudgeTally, bootstrapProportion, hypeInfinity } from './stats';

export interface Ctx {
  now: number;
  rng: Rng;
  /** How long a room outlives its host and its end (state.ts GRACE when absent). */
  grace?: Grace;
}

export type GameEvent =
  | { type: 'join'; playerId: string; token: string; nickname?: string }
  | { type: 'rejoin'; token: string }
  | { type: 'disconnect'; playerId: string }
  | { type: 'hostLeft' }
  | { type: 'hostBack' }
  | { type: 'start'; hostToken: string }
  | { type: 'settings'; hostToken: string; settings: Partial<Settings>; levels?: LevelId[]; cards?: Partial<Record<LevelId, string[]>> }
  | { type: 'pause'; hostToken: string; paused: boolean }
  | { type: 'extend'; hostToken: string; seconds: number }
  | { type: 'kick'; hostToken: string; playerId: string }
  | { type: 'lock'; hostToken: string; locked: boolean }
  | { type: 'swap'; hostToken: string }
  | { type: 'trainer'; hostToken: string; info: TrainerInfo }
  /**
   * The host's generated images with the reals the server drew for them; `realIndices` says which
   * held-out images those reals are (the room remembers them so none is drawn again), one per real.
   */
  | { type: 'fakes'; hostToken: string; round: number; images: string[]; reals: string[]; realIndices?: number[] }
  | { type: 'pick'; token: string; imageIds: string[] }
  | { type: 'knobs'; token: string; knobs: Knobs }
  | { type: 'vote'; token: string; imageId: string; verdict: Verdict; spot?: Spot }
  /** Marks, moves or (null) clears the giveaway on an image the player called fake, until the deadline. */
  | { type: 'flag'; token: string; imageId: string; spot: Spot | null }
  | { type: 'answer'; token: string; cardId: string; choice: number }
  /** Server-internal: a vote whose write failed is taken back, so the player can cast it again. */
  | { type: 'retract'; token: string; imageId: string }
  | { type: 'tick' }
  | { type: 'advance'; hostToken: string }
  | { type: 'progress'; hostToken: string; round: number; progress: TrainingProgress }
  | { type: 'trained'; hostToken: string; round: number; report: TrainingReport }
  | { type: 'end'; hostToken: string };

/**
 * What the game writes down as it plays (server/persistence.ts hands these to server/recorder.ts; solo
 * play keeps no records). The room that goes with a record is the state after the event.
 */
export type GameRecord =
  | { kind: 'playerJoined'; playerId: string }
  /** The room entered judging: the round and its images with their truth. */
  | { kind: 'roundStarted'; round: number }
  /** An accepted vote, at the engine's own time for it, so the database and the scores agree to the millisecond. */
  | { kind: 'vote'; round: number; playerId: string; imageId: string; verdict: Verdict; at: number; spot?: Spot }
  /** A giveaway marked, moved or (null) cleared on a vote already cast: the vote's latest spot. */
  | { kind: 'flag'; round: number; playerId: string; imageId: string; spot: Spot | null }
  /** The room entered reveal: the round's fooled rate and the players' scores so far. */
  | { kind: 'roundRevealed'; round: number }
  /** A check question's first answer (the one that counts); `choice` is the authored index, whatever order it was shown in. */
  | { kind: 'answer'; playerId: string; cardId: string; choice: number; correct: boolean }
  /** The trainer reported on a round. */
  | { kind: 'training'; round: number; report: TrainingReport }
  | { kind: 'sessionEnded' };

export type Effect =
  /**
   * Ask the host's trainer for generated images. The job is complete (level and all); `round` and
   * `count` repeat its own for solo play's driver.
   */
  | { type: 'requestFakes'; round: number; count: number; job: GenerateJob }
  /** Send the round's verdicts to the host's trainer, in a complete job. */
  | { type: 'requestTraining'; round: number; job: TrainJob }
  /** Write this down. */
  | { type: 'record'; record: GameRecord }
  /**
   * Save the room for a restart: now, or soon (at most about once a second per room, the latest state).
   * `opensRound`: this is the save of a round's start, which the round's votes wait for before their
   * acknowledgement, so a restart always finds the round a vote belongs to.
   */
  | { type: 'snapshot'; when: 'soon' }
  | { type: 'snapshot'; when: 'now'; opensRound: boolean }
  /** Deliver a tick to this room at `at` (server time). */
  | { type: 'schedule'; at: number }
  /**
   * The views changed: send every screen its view. `hostOnly`: only the host's screen changed (a
   * player dropping or coming back shows on the projector's player list, but no player view carries
   * anyone's connection).
   */
  | { type: 'broadcast'; hostOnly?: boolean }
  /** Only the live vote count changed: tell the host. */
  | { type: 'votes' }
  /** Training progress to relay to every screen. */
  | { type: 'progress'; round: number; progress: TrainingProgress }
  /** A player was removed by the host: close their screens. */
  | { type: 'kicked'; playerId: string }
  /** The room is over for good (the host never came back, or the game ended a while ago): close every screen and forget it. */
  | { type: 'closed'; reason: string; why: ClosedWhy };

export type Reply =
  | { kind: 'joined'; playerId: string; playerToken: string; nickname: string }
  | { kind: 'voted'; playerId: string; imageId: string; verdict: Verdict }
  | { kind: 'flagged'; playerId: string; imageId: string; spot: Spot | null }
  /** An answer locked in, as the shown position it was given in: whether it is right waits for the reveal. */
  | { kind: 'answered'; playerId: string; cardId: string; choice: number };

export interface Result {
  state: Room;
  effects: Effect[];
  error?: GameError;
  reply?: Reply;
}

export interface CreateRoomInput {
  pin: string;
  hostToken: string;
  settings?: Partial<Settings>;
  levels?: LevelId[];
}

export function createRoom(input: CreateRoomInput, ctx: Pick<Ctx, 'now'>): Room {
  return {
    pin: input.pin,
    hostToken: input.hostToken,
    createdAt: ctx.now,
    settings: { ...DEFAULT_SETTINGS, ...input.settings },
    levels: input.levels ?? DEFAULT_CAMPAIGN,
    cards: {},
    level: 1,
    round: 0,
    players: [],
    banned: [],
    locked: false,
    paused: null,
    host: { connected: true, leftAt: null },
    knobs: {},
    answers: {},
    trainer: null,
    history: [],
    phase: { kind: 'lobby' },
  };
}

const refuse = (state: Room, code: GameError['code'], message: string): Result => ({ state, effects: [], error: { code, message } });
const ok = (state: Room, effects: Effect[] = [], reply?: Reply): Result => ({ state, effects, reply });
const broadcast = (state: Room, more: Effect[] = []): Result => ok(state, [...more, { type: 'broadcast' }]);
const record = (r: GameRecord): Effect => ({ type: 'record', record: r });
const HOST_SCREEN: Effect = { type: 'broadcast', hostOnly: true };

/**
 * The game is over: every screen shows the end, and the session is recorded as ended. The room
 * stays for its grace (closesAt), then closes: a tick is due then, unless `more` closes it now.
 */
function endGame(state: Room, ctx: Ctx, reason: string, more: Effect[] = []): Result {
  const ended: Room = { ...state, paused: null, phase: { kind: 'ended', endedAt: ctx.now, reason } };
  const closing = more.some((e) => e.type === 'closed');
  const at = closesAt(ended, graceOf(ctx));
  return ok(ended, [record({ kind: 'sessionEnded' }), { type: 'broadcast' }, ...(closing || at === null ? [] : [{ type: 'schedule', at } as const]), ...more]);
}

const graceOf = (ctx: Ctx): Grace => ctx.grace ?? GRACE;

export function currentLevel(state: Room): LevelSpec {
  return levelSpec(state.levels[state.level - 1]);
}

export function totalRounds(state: Room): number {
  return state.levels.length * state.settings.roundsPerLevel;
}

export function roundInLevel(state: Room): number {
  return Math.max(0, state.round - (state.level - 1) * state.settings.roundsPerLevel);
}

/**
 * Where each player sits in a players array, by token and by id: built once per array (it is replaced,
 * never changed, so the index cannot go stale) and handed on by updatePlayer, which never moves anyone.
 * In an assembly of 2,000 on flaky Wi-Fi every drop and return made a new array, and the next vote
 * rebuilt a 2,000-entry index to find its voter.
 */
interface Positions {
  byToken: Map<string, number>;
  byId: Map<string, number>;
}
const positionsIn = new WeakMap<readonly Player[], Positions>();

function positions(players: readonly Player[]): Positions {
  let index = positionsIn.get(players);
  if (!index) {
    index = { byToken: new Map(players.map((p, i) => [p.token, i])), byId: new Map(players.map((p, i) => [p.id, i])) };
    positionsIn.set(players, index);
  }
  return index;
}

export function findPlayerByToken(state: Room, token: string): Player | undefined {
  const i = positions(state.players).byToken.get(token);
  return i === undefined ? undefined : state.players[i];
}

function updatePlayer(state: Room, id: string, patch: Partial<Player>): Room {
  // A copy of the array and one new player, not a new array built player by player: 2,000 phones
  // dropping at the end of an assembly are 2,000 of these.
  const index = positions(state.players);
  const i = index.byId.get(id);
  if (i === undefined) return state;
  const players = state.players.slice();
  const before = players[i];
  const after = { ...before, ...patch };
  players[i] = after;
  // Nobody moved: the new array keeps the index, and the count of players away moves by this one.
  if (after.token === before.token && after.id === before.id) positionsIn.set(players, index);
  const awayBefore = awayIn.get(state.players);
  if (awayBefore !== undefined) awayIn.set(players, awayBefore + (before.connected ? 1 : 0) - (after.connected ? 1 : 0));
  return { ...state, players };
}

const HOST_EVENTS = new Set<GameEvent['type']>([
  'start', 'settings', 'pause', 'extend', 'kick', 'lock', 'swap', 'trainer', 'fakes', 'advance', 'progress', 'trained', 'end',
]);
/** Host events that would move the game on; refused while it is paused so nothing happens behind a frozen screen. */
const FROZEN_WHILE_PAUSED = new Set<GameEvent['type']>(['advance', 'extend', 'vote', 'flag', 'pick']);

export function reduce(state: Room, event: GameEvent, ctx: Ctx): Result {
  const result = step(state, event, ctx);
  if (result.error) return result;
  const save = snapshotAfter(state, result.state, event);
  return save ? { ...result, effects: [...result.effects, save] } : result;
}

/**
 * When a change is saved for a restart. A change of phase, and a kick, are saved at once. Changes
 * within a phase (joins, settings, answers, …) are saved soon, the latest state: 2,000 players joining
 * an assembly wrote 2,000 snapshots of a growing room, which kept the server busy for most of a
 * minute. A crash can lose the last second of a lobby; a player whose join it lost is asked to join again.
 */
function snapshotAfter(before: Room, after: Room, event: GameEvent): Effect | null {
  const was = before.phase.kind;
  const is = after.phase.kind;
  // Votes live in the votes table (written before the ack) and progress is transient: neither needs a
  // snapshot of the whole room, which in a room of 2,000 is a megabyte written per vote.
  const inRound = is === 'judging' && was === 'judging';
  if (inRound && (event.type === 'vote' || event.type === 'retract' || event.type === 'flag')) return null;
  // Connections are not restored either (a restarted server counts everyone away): 2,000 phones
  // leaving at the end of an assembly should not write 2,000 snapshots.
  if ((event.type === 'disconnect' || event.type === 'rejoin') && was === is) return null;
  if (event.type === 'progress') return null;
  if (was === is && event.type !== 'kick') return { type: 'snapshot', when: 'soon' };
  return { type: 'snapshot', when: 'now', opensRound: is === 'judging' && !inRound };
}

function step(state: Room, event: GameEvent, ctx: Ctx): Result {
  if (HOST_EVENTS.has(event.type) && (event as { hostToken: string }).hostToken !== state.hostToken) {
    return refuse(state, ErrorCode.NotHost, 'only the host can do that');
  }
  if (state.paused && FROZEN_WHILE_PAUSED.has(event.type)) {
    return refuse(state, ErrorCode.Paused, 'the game is paused');
  }
  switch (event.type) {
    case 'join':
      return join(state, event, ctx);
    case 'rejoin': {
      if (state.banned.includes(event.token)) return refuse(state, ErrorCode.Kicked, 'the host removed you from this game');
      const p = findPlayerByToken(state, event.token);
      if (!p) return refuse(state, ErrorCode.NotPlayer, 'that player token is not in this game; join again');
      return ok(updatePlayer(state, p.id, { connected: true, leftAt: undefined }), [HOST_SCREEN], {
        kind: 'joined',
        playerId: p.id,
        playerToken: p.token,
        nickname: p.nickname,
      });
    }
    case 'disconnect': {
      const next = updatePlayer(state, event.playerId, { connected: false, leftAt: ctx.now });
      // Not a player of this room (updatePlayer found nobody): nothing changes.
      if (next === state) return ok(state);
      // The last judge who had not voted leaving holds the round up only for their grace.
      const at = earlyClose(next, ctx.now);
      return at !== null && at <= ctx.now ? reveal(next, ctx) : ok(next, [...tickAt(at), HOST_SCREEN]);
    }
    case 'hostLeft': {
      const away = { ...state, host: { connected: false, leftAt: ctx.now } };
      const frozen = state.phase.kind === 'lobby' || state.phase.kind === 'ended' || state.paused ? away : pause(away, 'host-away', ctx.now);
      return broadcast(frozen, [{ type: 'schedule', at: closesAt(frozen, graceOf(ctx))! }]);
    }
    case 'hostBack':
      // Still paused: the game goes on once the host's trainer has reloaded (the 'trainer' event).
      return broadcast({ ...state, host: { connected: true, leftAt: null } });
    case 'trainer': {
      const withInfo = { ...state, trainer: event.info };
      if (state.paused?.reason === 'host-away') return resume(withInfo, ctx);
      return broadcast(withInfo);
    }
    case 'start':
      if (state.phase.kind !== 'lobby') return refuse(state, ErrorCode.WrongPhase, 'the game has already started');
      if (state.players.length === 0) return refuse(state, ErrorCode.NotEnoughPlayers, 'wait for at least one player to join');
      return broadcast({
        ...state,
        players: state.settings.teams ? assignRoles(state.players) : state.players,
        phase: { kind: 'intro', level: 1 },
      });
    case 'settings':
      if (state.phase.kind !== 'lobby') return refuse(state, ErrorCode.WrongPhase, 'settings can only change in the lobby');
      return broadcast({
        ...state,
        settings: { ...state.settings, ...event.settings },
        levels: event.levels ?? state.levels,
        cards: { ...state.cards, ...event.cards },
      });
    case 'pause':
      if (state.phase.kind === 'ended') return refuse(state, ErrorCode.WrongPhase, 'the game has ended');
      if (event.paused) return state.paused ? ok(state) : broadcast(pause(state, 'host', ctx.now));
      return state.paused ? resume(state, ctx) : ok(state);
    case 'extend': {
      const phase = state.phase;
      if (phase.kind !== 'judging' && phase.kind !== 'coaching') return refuse(state, ErrorCode.WrongPhase, 'there is no timer running');
      const deadline = phase.deadline + event.seconds * 1000;
      return broadcast({ ...state, phase: { ...phase, deadline } }, [{ type: 'schedule', at: deadline }]);
    }
    case 'kick':
      return kick(state, event.playerId, ctx);
    case 'lock':
      return broadcast({ ...state, locked: event.locked });
    case 'swap': {
      if (!state.settings.teams) return refuse(state, ErrorCode.WrongPhase, 'teams are off');
      const between = ['lobby', 'intro', 'leaderboard', 'lesson'].includes(state.phase.kind);
      if (!between) return refuse(state, ErrorCode.WrongPhase, 'roles can swap only between levels');
      return broadcast({ ...state, players: swapRoles(state.players), knobs: {} });
    }
    case 'fakes':
      return acceptFakes(state, event, ctx);
    case 'pick':
      return pick(state, event, ctx);
    case 'knobs': {
      const player = findPlayerByToken(state, event.token);
      if (!player) return refuse(state, ErrorCode.NotPlayer, 'you are not a player in this game');
      if (player.role !== 'coach') return refuse(state, ErrorCode.NotCoach, 'only coaches set the training knobs');
      return ok({ ...state, knobs: { ...state.knobs, [player.id]: event.knobs } }, [{ type: 'broadcast' }]);
    }
    case 'vote':
      return vote(state, event, ctx);
    case 'flag':
      return flag(state, event, ctx);
    case 'answer':
      return answer(state, event, ctx);
    case 'retract': {
      const player = findPlayerByToken(state, event.token);
      const phase = state.phase;
      // Only while the round is still open: a vote that closed the round has been scored with it.
      const i = player && phase.kind === 'judging' ? judgeIndex(phase.eligible, player.id) : -1;
      if (phase.kind !== 'judging' || i < 0 || !Object.hasOwn(ballotAt(phase.ballots, i), event.imageId)) {
        return refuse(state, ErrorCode.WrongPhase, 'that vote can no longer be taken back');
      }
      const { [event.imageId]: _gone, ...rest } = ballotAt(phase.ballots, i);
      return ok({ ...state, phase: { ...phase, ballots: setBallot(phase.ballots, i, rest) } }, [{ type: 'votes' }]);
    }
    case 'tick':
      return tick(state, ctx);
    case 'advance':
      return advance(state, ctx);
    case 'progress':
      if (state.phase.kind !== 'training') return refuse(state, ErrorCode.WrongPhase, 'no training is running');
      if (event.round !== state.phase.round) return refuse(state, ErrorCode.WrongRound, `training is for round ${state.phase.round}`);
      return ok({ ...state, phase: { ...state.phase, progress: event.progress } }, [
        { type: 'progress', round: event.round, progress: event.progress },
      ]);
    case 'trained':
      if (state.phase.kind !== 'training') return refuse(state, ErrorCode.WrongPhase, 'no training is running');
      if (event.round !== state.phase.round) return refuse(state, ErrorCode.WrongRound, `training is for round ${state.phase.round}`);
      return withRecord(finishTraining(state, event.report, ctx), { kind: 'training', round: event.round, report: event.report });
    case 'end':
      if (state.phase.kind === 'ended') return ok(state);
      return endGame(state, ctx, 'the host ended the game');
  }
}

function pause(state: Room, reason: 'host' | 'host-away', now: number): Room {
  return { ...state, paused: { reason, since: now } };
}

/** Resuming shifts every running deadline by the time spent paused: nobody loses seconds to a pause. */
function resume(state: Room, ctx: Ctx): Result {
  if (!state.paused) return broadcast(state);
  const shift = ctx.now - state.paused.since;
  const phase = state.phase;
  const effects: Effect[] = [];
  let next: Phase = phase;
  if (phase.kind === 'judging' || phase.kind === 'coaching') {
    next = { ...phase, deadline: phase.deadline + shift };
    effects.push({ type: 'schedule', at: next.deadline });
  } else if (phase.kind === 'reveal') {
    next = { ...phase, until: phase.until + shift };
    effects.push({ type: 'schedule', at: next.until });
  }
  return broadcast({ ...state, paused: null, phase: next }, effects);
}

function join(state: Room, event: Extract<GameEvent, { type: 'join' }>, ctx: Ctx): Result {
  if (state.phase.kind === 'ended') return refuse(state, ErrorCode.WrongPhase, 'this game has ended');
  if (state.locked) return refuse(state, ErrorCode.RoomLocked, 'the host has locked this game');
  if (state.players.length >= MAX_PLAYERS) return refuse(state, ErrorCode.RoomFull, 'this game is full');
  const taken = new Set(state.players.map((p) => p.nickname.toLowerCase()));
  let nickname: string;
  if (event.nickname) {
    if (taken.has(event.nickname.toLowerCase())) {
      return refuse(state, ErrorCode.NicknameTaken, `"${event.nickname}" is taken in this game; try another`);
    }
    nickname = event.nickname;
  } else {
    nickname = generateNickname(ctx.rng, taken);
  }
  const started = state.phase.kind !== 'lobby';
  const player: Player = {
    id: event.playerId,
    token: event.token,
    nickname,
    role: started && state.settings.teams ? roleForNewcomer(state.players) : 'discriminator',
    score: 0,
    streak: 0,
    bestStreak: 0,
    connected: true,
    joinedAt: ctx.now,
    perLevel: {},
  };
  return {
    ...broadcast({ ...state, players: [...state.players, player] }, [record({ kind: 'playerJoined', playerId: player.id })]),
    reply: { kind: 'joined', playerId: player.id, playerToken: player.token, nickname },
  };
}

function kick(state: Room, playerId: string, ctx: Ctx): Result {
  const player = state.players.find((p) => p.id === playerId);
  if (!player) return refuse(state, ErrorCode.NotPlayer, 'no such player in this game');
  let phase = state.phase;
  // Their votes and picks leave with them, so a removed troll cannot sway the round.
  if (phase.kind === 'judging') {
    phase = { ...phase, ...withoutJudge(phase, playerId) };
  } else if (phase.kind === 'coaching') {
    const { [playerId]: _gone, ...picks } = phase.picks;
    phase = { ...phase, picks };
  }
  const { [playerId]: _k, ...knobs } = state.knobs;
  const next: Room = {
    ...state,
    players: state.players.filter((p) => p.id !== playerId),
    banned: [...state.banned, player.token],
    knobs,
    phase,
  };
  const effects: Effect[] = [{ type: 'kicked', playerId }];
  const at = earlyClose(next, ctx.now);
  if (at !== null && at <= ctx.now) {
    const r = reveal(next, ctx);
    return { ...r, effects: [...effects, ...r.effects] };
  }
  return broadcast(next, [...effects, ...tickAt(at)]);
}

const connectedCoaches = (state: Room) => state.players.filter((p) => p.role === 'coach' && p.connected);

/** Asks the trainer for this round's fakes; how many of the images are fakes varies so counting can't win. */
function beginRound(state: Room, ctx: Ctx): Result {
  const round = state.round + 1;
  const n = state.settings.imagesPerRound;
  // Between a third and two thirds of the images are generated, at least one of each kind.
  const low = Math.max(1, Math.ceil(n / 3));
  const high = Math.min(n - 1, Math.floor((2 * n) / 3));
  const fakes = low + randomInt(ctx.rng, Math.max(1, high - low + 1));
  // With coaches, the trainer draws a pool twice as large and the coaches choose from it.
  const pool = state.settings.teams && connectedCoaches(state).length > 0 ? Math.min(24, fakes * 2) : fakes;
  const phase: Phase = { kind: 'generating', round, fakes, pool, requestedAt: ctx.now };
  const next = { ...state, round, phase };
  return broadcast(next, [requestFakes(next, round, pool)]);
}

function requestFakes(state: Room, round: number, count: number): Effect {
  const level = currentLevel(state);
  // Once the fakes are sent the trainer trains on the data until this round's training job comes.
  const judging = trainsWhileJudging(level) ? judgingBudget(state.settings, trainingPlan(level, null, state.settings.stepScale).budget) : undefined;
  return { type: 'requestFakes', round, count, job: { kind: 'generate', round, count, level, levelNumber: state.level, ...(judging ? { judging } : {}) } };
}

/** The job the trainer owes the room right now, if any: re-sent to a host page that reconnects. */
export function pendingJob(state: Room): Effect | null {
  const phase = state.phase;
  if (phase.kind === 'generating') return requestFakes(state, phase.round, phase.pool);
  if (phase.kind === 'training') return { type: 'requestTraining', round: phase.round, job: phase.job };
  return null;
}

/**
 * A room saved while training, before the phase kept the trainer's whole job (it kept the verdicts,
 * budget and tunables, not the round or the level), in today's shape; any other room as it is.
 */
export function withTrainerJob(room: Room): Room {
  const phase = room.phase;
  if (phase.kind !== 'training' || phase.job.kind === 'train') return room;
  const job: TrainJob = { ...phase.job, kind: 'train', round: phase.round, level: currentLevel(room), levelNumber: room.level };
  return { ...room, phase: { ...phase, job } };
}

/**
 * A room saved in a lesson before the lesson went one card at a time (no orders, no current card), in
 * today's shape: the choices in authored order (its answers were stored as authored indices already),
 * from the first card; any other room as it is.
 */
export function withLessonSteps(room: Room): Room {
  const phase = room.phase;
  if (phase.kind !== 'lesson' || phase.orders) return room;
  const orders = Object.fromEntries(phase.cards.map((id) => [id, (getCard(id)?.check.choices ?? []).map((_, i) => i)]));
  return { ...room, phase: { ...phase, orders, at: 0, revealed: false } };
}

/** How many real images the server must draw to go with the fakes the trainer was asked for. */
export function realsWanted(state: Room): number {
  return state.phase.kind === 'generating' ? state.settings.imagesPerRound - state.phase.fakes : 0;
}

/**
 * The real images to draw for a round waiting for its fakes: how many, from which dataset, of which
 * class (conditional levels), and which held-out images the room has already shown (not to draw again).
 */
export function realsToDraw(state: Room): { dataset: Dataset; count: number; label?: number; shown: readonly number[] } | null {
  const count = realsWanted(state);
  if (count <= 0) return null;
  const level = currentLevel(state);
  const dataset = level.model.dataset;
  return { dataset, count, label: level.drawClass, shown: state.realsShown?.[dataset] ?? [] };
}

/** The room after showing the held-out images `indices` of the current level's dataset as real. */
function withRealsShown(state: Room, indices: readonly number[]): Room {
  if (indices.length === 0) return state;
  const dataset = currentLevel(state).model.dataset;
  const shown = state.realsShown ?? {};
  return { ...state, realsShown: { ...shown, [dataset]: [...(shown[dataset] ?? []), ...indices] } };
}

function withFreshIds(rng: Rng, images: Omit<RoundImage, 'id'>[]): RoundImage[] {
  const taken = new Set<string>();
  return images.map((img) => {
    let id: string;
    do id = randomId(rng);
    while (taken.has(id));
    taken.add(id);
    return { ...img, id };
  });
}

function acceptFakes(state: Room, event: Extract<GameEvent, { type: 'fakes' }>, ctx: Ctx): Result {
  const phase = state.phase;
  if (phase.kind !== 'generating') return refuse(state, ErrorCode.WrongPhase, 'no generated images were asked for now');
  if (event.round !== phase.round) return refuse(state, ErrorCode.WrongRound, `images are wanted for round ${phase.round}`);
  if (event.images.length !== phase.pool) {
    return refuse(state, ErrorCode.BadPayload, `expected ${phase.pool} generated images, got ${event.images.length}`);
  }
  if (event.reals.length !== state.settings.imagesPerRound - phase.fakes) {
    return refuse(state, ErrorCode.Internal, 'the server drew the wrong number of real images');
  }
  if (event.realIndices && event.realIndices.length !== event.reals.length) {
    return refuse(state, ErrorCode.Internal, 'the server named the wrong number of real images');
  }
  const next = withRealsShown(state, event.realIndices ?? []);
  if (phase.pool > phase.fakes) {
    const pool = withFreshIds(ctx.rng, event.images.map((pixels) => ({ pixels, truth: 'fake' as const })));
    const deadline = ctx.now + state.settings.coachSeconds * 1000;
    return broadcast(
      { ...next, phase: { kind: 'coaching', round: phase.round, pool, fakes: phase.fakes, reals: event.reals, deadline, picks: {} } },
      [{ type: 'schedule', at: deadline }],
    );
  }
  return startJudging(next, phase.round, event.images, event.reals, {}, ctx);
}

function startJudging(state: Room, round: number, fakes: string[], reals: string[], picked: Record<string, number>, ctx: Ctx): Result {
  // Fresh ids after coaching too: nothing links a judged image to the pool the coaches saw.
  const images = withFreshIds(
    ctx.rng,
    shuffled(ctx.rng, [...fakes.map((pixels) => ({ pixels, truth: 'fake' as const })), ...reals.map((pixels) => ({ pixels, truth: 'real' as const }))]),
  );
  const deadline = ctx.now + state.settings.roundSeconds * 1000;
  const eligible = state.players.filter((p) => p.role === 'discriminator').map((p) => p.id);
  return broadcast(
    { ...state, phase: { kind: 'judging', round, images, eligible, ballots: emptyBallots(eligible.length), startedAt: ctx.now, deadline, picked } },
    [record({ kind: 'roundStarted', round }), { type: 'schedule', at: deadline }],
  );
}

function pick(state: Room, event: Extract<GameEvent, { type: 'pick' }>, ctx: Ctx): Result {
  const player = findPlayerByToken(state, event.token);
  if (!player) return refuse(state, ErrorCode.NotPlayer, 'you are not a player in this game');
  const phase = state.phase;
  if (phase.kind !== 'coaching') return refuse(state, ErrorCode.WrongPhase, 'coaches are not choosing fakes right now');
  if (player.role !== 'coach') return refuse(state, ErrorCode.NotCoach, 'only coaches choose the fakes');
  if (ctx.now > phase.deadline) return refuse(state, ErrorCode.TooLate, 'time is up for choosing');
  const ids = [...new Set(event.imageIds)];
  if (ids.length > phase.fakes) return refuse(state, ErrorCode.BadPayload, `choose at most ${phase.fakes} images`);
  if (ids.some((id) => !phase.pool.some((p) => p.id === id))) return refuse(state, ErrorCode.UnknownImage, 'that image is not in the pool');
  const next: Room = { ...state, phase: { ...phase, picks: { ...phase.picks, [player.id]: ids } } };
  const coaches = connectedCoaches(next);
  const done = coaches.length > 0 && coaches.every((c) => (next.phase.kind === 'coaching' ? next.phase.picks[c.id]?.length : 0) === phase.fakes);
  return done ? closeCoaching(next, ctx) : broadcast(next);
}

function closeCoaching(state: Room, ctx: Ctx): Result {
  const phase = state.phase;
  if (phase.kind !== 'coaching') return refuse(state, ErrorCode.WrongPhase, 'coaches are not choosing');
  const chosen = chooseFakes(phase.pool, phase.picks, phase.fakes, ctx.rng);
  const chosenIds = new Set(chosen.map((c) => c.id));
  const picked: Record<string, number> = {};
  for (const [coach, ids] of Object.entries(phase.picks)) picked[coach] = ids.filter((id) => chosenIds.has(id)).length;
  return startJudging(state, phase.round, chosen.map((c) => c.pixels), phase.reals, picked, ctx);
}

type JudgingPhase = Extract<Room['phase'], { kind: 'judging' }>;
/** Who may mark an image of this round, and their ballot so far: a judge of the round, before its deadline. */
interface Judge {
  player: Player;
  phase: JudgingPhase;
  /** The judge's index among the round's eligible players. */
  i: number;
  mine: ReturnType<typeof ballotAt>;
}

/** The checks a vote and a flag share: a player of the room, judging this round, on one of its images, in time. */
function judgeOf(state: Room, event: { token: string; imageId: string }, ctx: Ctx): Judge | Result {
  const player = findPlayerByToken(state, event.token);
  if (!player) return refuse(state, ErrorCode.NotPlayer, 'you are not a player in this game');
  const phase = state.phase;
  if (phase.kind !== 'judging') return refuse(state, ErrorCode.WrongPhase, 'voting is closed right now');
  if (ctx.now > phase.deadline) return refuse(state, ErrorCode.TooLate, 'time is up for this round');
  if (!phase.images.some((img) => img.id === event.imageId)) return refuse(state, ErrorCode.UnknownImage, 'that image is not in this round');
  const i = judgeIndex(phase.eligible, player.id);
  if (i < 0) {
    return player.role === 'coach'
      ? refuse(state, ErrorCode.NotInRound, 'coaches do not judge; your fakes are being judged')
      : refuse(state, ErrorCode.NotInRound, 'you joined during this round; you play from the next one');
  }
  return { player, phase, i, mine: ballotAt(phase.ballots, i) };
}

function vote(state: Room, event: Extract<GameEvent, { type: 'vote' }>, ctx: Ctx): Result {
  const judge = judgeOf(state, event, ctx);
  if (!('player' in judge)) return judge;
  const { player, phase, i, mine } = judge;
  if (Object.hasOwn(mine, event.imageId)) return refuse(state, ErrorCode.DuplicateVote, 'you already judged that image');
  if (event.spot && event.verdict !== 'fake') return refuse(state, ErrorCode.NotFake, 'only an image you call fake can have a giveaway marked');
  const spot = event.spot ? { spot: { x: event.spot.x, y: event.spot.y } } : {};
  const ballots = castVote(phase, i, event.imageId, { verdict: event.verdict, at: ctx.now, ...spot });
  const next: Room = { ...state, phase: { ...phase, ballots } };
  const reply: Reply = { kind: 'voted', playerId: player.id, imageId: event.imageId, verdict: event.verdict };
  const written: GameRecord = { kind: 'vote', round: phase.round, playerId: player.id, imageId: event.imageId, verdict: event.verdict, at: ctx.now, ...spot };
  // Only a judge's last image can complete the round: skip the room-wide check on every other vote.
  const finishedMine = ballotSize(mine) + 1 === phase.images.length;
  const at = finishedMine ? earlyClose(next, ctx.now) : null;
  if (at !== null && at <= ctx.now) return { ...withRecord(reveal(next, ctx), written), reply };
  return ok(next, [record(written), { type: 'votes' }, ...tickAt(at)], reply);
}

/**
 * Flag the giveaway: a judge who called an image fake marks the spot that gave it away, moves it, or
 * clears it (null), as often as they like until the round's deadline. Only the latest spot counts;
 * it changes no score and sends no view (the phone shows its own mark; the class sees them at the reveal).
 */
function flag(state: Room, event: Extract<GameEvent, { type: 'flag' }>, ctx: Ctx): Result {
  const judge = judgeOf(state, event, ctx);
  if (!('player' in judge)) return judge;
  const { player, phase, i, mine } = judge;
  const vote = Object.hasOwn(mine, event.imageId) ? mine[event.imageId] : undefined;
  if (vote?.verdict !== 'fake') return refuse(state, ErrorCode.NotFake, 'call the image fake first, then mark what gave it away');
  const { spot: _old, ...rest } = vote;
  const spot = event.spot ? { x: event.spot.x, y: event.spot.y } : null;
  const ballots = setBallot(phase.ballots, i, { ...mine, [event.imageId]: spot ? { ...rest, spot } : rest });
  return ok({ ...state, phase: { ...phase, ballots } }, [record({ kind: 'flag', round: phase.round, playerId: player.id, imageId: event.imageId, spot })], {
    kind: 'flagged',
    playerId: player.id,
    imageId: event.imageId,
    spot,
  });
}

/** Votes still expected: every connected eligible player on every image. */
export function votesExpected(state: Room): number {
  if (state.phase.kind !== 'judging') return 0;
  const phase = state.phase;
  let connected = 0;
  for (const p of state.players) if (p.connected && isJudge(phase, p.id)) connected++;
  return connected * phase.images.length;
}

/** The projector's live count: votes cast and expected, and who the round is still waiting for. */
export function voteCount(state: Room): Omit<VoteCount, 'round'> {
  const { names, count } = waitingJudges(state);
  const cast = state.phase.kind === 'judging' ? votesCast(state.phase.ballots) : 0;
  return { votesCast: cast, votesExpected: votesExpected(state), waiting: names, waitingCount: count };
}

/** At most this many names go to the projector: past it the count says the rest. */
export const WAITING_NAMES = 40;

/**
 * Who the round is still waiting for: connected judges who have not judged every image, by
 * nickname (at most WAITING_NAMES), and how many there are in all. The teacher can put the names
 * on the projector, so one silent student does not hold every round to the full timer unseen.
 */
export function waitingJudges(state: Room): { names: string[]; count: number } {
  if (state.phase.kind !== 'judging') return { names: [], count: 0 };
  const phase = state.phase;
  const names: string[] = [];
  let count = 0;
  for (const p of state.players) {
    if (!p.connected) continue;
    const ballot = ballotOf(phase, p.id);
    if (ballot === undefined || ballotSize(ballot) >= phase.images.length) continue;
    count++;
    if (names.length < WAITING_NAMES) names.push(p.nickname);
  }
  return { names, count };
}

/** How many players are away, counted once per players array (it is replaced, never changed). */
const awayIn = new WeakMap<readonly Player[], number>();
function away(players: readonly Player[]): number {
  let n = awayIn.get(players);
  if (n === undefined) {
    n = players.reduce((k, p) => k + (p.connected ? 0 : 1), 0);
    awayIn.set(players, n);
  }
  return n;
}

/**
 * When a round being judged may close before its deadline: once every judge present has judged every
 * image. A judge whose phone dropped mid-ballot holds it up for AWAY_GRACE_MS from when they left (a
 * phone on flaky Wi-Fi is back within seconds, and should not lose its votes because the room finished
 * first); one who does not come back does not hold it up longer. Null: not before the deadline.
 */
function earlyClose(state: Room, now: number): number | null {
  if (state.phase.kind !== 'judging' || state.paused) return null;
  const phase = state.phase;
  // While more judges are still voting than players are away, someone present is still voting: the
  // usual answer mid-round, found without looking at 2,000 ballots.
  if (openBallots(phase.ballots, phase.images.length) > away(state.players)) return null;
  let present = 0;
  let at = now;
  for (const p of state.players) {
    const ballot = ballotOf(phase, p.id);
    if (!ballot) continue;
    const done = ballotSize(ballot) === phase.images.length;
    if (p.connected) {
      if (!done) return null;
      present++;
    } else if (!done && p.leftAt !== undefined && p.leftAt > phase.startedAt) {
      // Only a judge who dropped during the round: one who was gone before it began was not voting.
      at = Math.max(at, p.leftAt + AWAY_GRACE_MS);
    }
  }
  return present > 0 ? Math.min(at, phase.deadline) : null;
}

/** A tick at the time a round may close early, if there is one. */
const tickAt = (at: number | null): Effect[] => (at === null ? [] : [{ type: 'schedule', at }]);

function tick(state: Room, ctx: Ctx): Result {
  const closing = closesAt(state, graceOf(ctx));
  if (closing !== null && ctx.now >= closing) {
    if (state.phase.kind === 'ended') return ok(state, [{ type: 'closed', reason: 'the game is over', why: 'over' }]);
    const reason = `the host did not come back for ${minutes(graceOf(ctx).hostAwayMs)}`;
    return endGame(state, ctx, reason, [{ type: 'closed', reason, why: 'host-away' }]);
  }
  const result = tickPhase(state, ctx);
  return closing === null ? result : keepTimerBy(result, closing);
}

/**
 * Whoever runs the room keeps one timer for it (the latest schedule wins): a tick that comes before
 * the room's close (another timer fired first) sets the close again, unless something sooner is set.
 */
function keepTimerBy(result: Result, at: number): Result {
  const sooner = result.effects.some((e) => e.type === 'schedule' && e.at <= at);
  if (sooner) return result;
  return { ...result, effects: [...result.effects.filter((e) => e.type !== 'schedule'), { type: 'schedule', at }] };
}

function tickPhase(state: Room, ctx: Ctx): Result {
  // An ended room waits only for its close; a paused one for its host.
  if (state.phase.kind === 'ended' || state.paused) return ok(state);
  const phase = state.phase;
  if (phase.kind === 'coaching' && ctx.now >= phase.deadline) return closeCoaching(state, ctx);
  if (phase.kind === 'judging') {
    if (ctx.now >= phase.deadline) return reveal(state, ctx);
    // A grace for a judge who dropped has run out (or they came back): close now, or wait on.
    const at = earlyClose(state, ctx.now);
    return at !== null && at <= ctx.now ? reveal(state, ctx) : ok(state, [{ type: 'schedule', at: at ?? phase.deadline }]);
  }
  if (phase.kind === 'reveal' && ctx.now >= phase.until) return startTraining(state, ctx);
  return ok(state);
}

const minutes = (ms: number) => (ms % 60_000 === 0 ? `${ms / 60_000} minute${ms === 60_000 ? '' : 's'}` : `${Number((ms / 1000).toFixed(1))} seconds`);

function advance(state: Room, ctx: Ctx): Result {
  switch (state.phase.kind) {
    case 'intro':
      return beginRound(state, ctx);
    case 'coaching':
      return closeCoaching(state, ctx);
    case 'judging':
      return reveal(state, ctx);
    case 'reveal':
      return startTraining(state, ctx);
    case 'training':
      // The host chose to skip training: record the round without a report.
      return finishTraining(state, null, ctx);
    case 'leaderboard':
      return startLesson(state, ctx);
    case 'lesson':
      return stepLesson(state, ctx);
    default:
      return refuse(state, ErrorCode.WrongPhase, `nothing to skip while ${state.phase.kind}`);
  }
}

/**
 * The lesson after a level: its cards (those the library has), each with its choices in an order drawn
 * for this room, so the right answer is not always where the author put it.
 */
function startLesson(state: Room, ctx: Ctx): Result {
  const cards = cardsAfter(state.levels, state.level, state.cards).filter((id) => getCard(id));
  const orders: Record<string, number[]> = {};
  for (const id of cards) orders[id] = drawOrder(id, ctx.rng);
  return broadcast({ ...state, phase: { kind: 'lesson', level: state.level, cards, orders, at: 0, revealed: false } });
}

/** The host's advance in a lesson: reveal the card's answer, then the next card, and after the last reveal the next level. */
function stepLesson(state: Room, ctx: Ctx): Result {
  const phase = state.phase;
  if (phase.kind !== 'lesson') return refuse(state, ErrorCode.WrongPhase, 'there is no lesson right now');
  const step = lessonStep({ at: phase.at, revealed: phase.revealed, total: phase.cards.length });
  if (step === 'done') return nextLevel(state, ctx);
  if (step === 'next') return broadcast({ ...state, phase: { ...phase, at: phase.at + 1, revealed: false } });
  // Points are given on the reveal, not on the answer: a score that moved at once would tell a phone
  // (and the projector's leaderboard) who was right before the class has seen the answer.
  const cardId = phase.cards[phase.at];
  const players = state.players.map((p) => (state.answers[p.id]?.[cardId]?.correct ? { ...p, score: p.score + CHECK_POINTS } : p));
  return broadcast({ ...state, players, phase: { ...phase, revealed: true } });
}

/**
 * A check question, answered on a phone as the shown position in the room's order: accepted for the
 * card on the projector until its answer is revealed; the first answer counts, and scores on the reveal.
 */
function answer(state: Room, event: Extract<GameEvent, { type: 'answer' }>, ctx: Ctx): Result {
  const player = findPlayerByToken(state, event.token);
  if (!player) return refuse(state, ErrorCode.NotPlayer, 'you are not a player in this game');
  const phase = state.phase;
  if (phase.kind !== 'lesson') return refuse(state, ErrorCode.WrongPhase, 'there is no lesson right now');
  if (!phase.cards.includes(event.cardId)) return refuse(state, ErrorCode.UnknownCard, 'that card is not in this lesson');
  if (phase.cards[phase.at] !== event.cardId) return refuse(state, ErrorCode.NotCurrentCard, 'that question is not on the big screen now');
  if (phase.revealed) return refuse(state, ErrorCode.QuestionClosed, 'the answer is already on the big screen; wait for the next card');
  if (state.answers[player.id]?.[event.cardId]) return refuse(state, ErrorCode.AlreadyAnswered, 'you already answered that question');
  let result;
  try {
    result = checkShown(event.cardId, phase.orders[event.cardId] ?? [], event.choice);
  } catch (err) {
    return refuse(state, ErrorCode.BadPayload, err instanceof Error ? err.message : 'that answer is not one of the choices');
  }
  const { choice, correct } = result;
  const mine = { ...state.answers[player.id], [event.cardId]: { choice, correct, at: ctx.now } };
  const next = { ...state, answers: { ...state.answers, [player.id]: mine } };
  return {
    ...broadcast(next, [record({ kind: 'answer', playerId: player.id, cardId: event.cardId, choice, correct })]),
    reply: { kind: 'answered', playerId: player.id, cardId: event.cardId, choice: event.choice },
  };
}

function nextLevel(state: Room, ctx: Ctx): Result {
  if (state.level >= state.levels.length) return endGame(state, ctx, 'the campaign is complete');
  const players = state.settings.teams && state.settings.swapRoles ? swapRoles(state.players) : state.players;
  const level = state.level + 1;
  return broadcast({ ...state, players, level, knobs: {}, phase: { kind: 'intro', level } });
}

/** Scores the round: each discriminator's judgments in the order they were made, so streaks follow the player's own pace. */
export function scoreRound(state: Room, phase: Extract<Phase, { kind: 'judging' }>, rng: Rng): { players: Player[]; results: RoundResults } {
  const { images, ballots, startedAt, deadline, picked } = phase;
  const truth = new Map(images.map((img) => [img.id, img.truth]));
  const tallies = images.map((img) => {
    let realVotes = 0;
    let fakeVotes = 0;
    for (const ballot of eachBallot(ballots)) {
      const v = Object.hasOwn(ballot, img.id) ? ballot[img.id] : undefined;
      if (v?.verdict === 'real') realVotes++;
      else if (v?.verdict === 'fake') fakeVotes++;
    }
    return { id: img.id, realVotes, fakeVotes };
  });
  const foolFractions = tallies.filter((t) => truth.get(t.id) === 'fake').map((t) => (t.realVotes + t.fakeVotes ? t.realVotes / (t.realVotes + t.fakeVotes) : 0));
  const gained: Record<string, number> = {};
  // Each judge's judgments this round split by truth: HYPE∞ averages per judge, not per vote.
  const judges: JudgeTally[] = [];
  const players = state.players.map((p) => {
    if (p.role === 'coach' && state.settings.teams) {
      const points = coachPoints(foolFractions, picked[p.id] ?? 0);
      gained[p.id] = points;
      return { ...p, score: p.score + points };
    }
    const ballot = ballotOf(phase, p.id);
    if (!ballot) return p;
    const mine = Object.entries(ballot).sort((a, b) => a[1].at - b[1].at);
    let { streak, bestStreak } = p;
    const stats = { ...(p.perLevel[state.level] ?? { correct: 0, judged: 0, answerMs: 0 }) };
    const tally: JudgeTally = { fakeJudged: 0, fakeCalledReal: 0, realJudged: 0, realCalledFake: 0 };
    let points = 0;
    for (const [imageId, v] of mine) {
      const isCorrect = truth.get(imageId) === v.verdict;
      if (truth.get(imageId) === 'fake') {
        tally.fakeJudged++;
        if (!isCorrect) tally.fakeCalledReal++;
      } else {
        tally.realJudged++;
        if (!isCorrect) tally.realCalledFake++;
      }
      const s = scoreJudgment({ correct: isCorrect, at: v.at, startedAt, deadline }, streak);
      points += s.points;
      streak = s.streak;
      bestStreak = Math.max(bestStreak, streak);
      stats.correct += isCorrect ? 1 : 0;
      stats.judged += 1;
      stats.answerMs += v.at - startedAt;
    }
    // An image left unjudged breaks the streak: the bonus rewards attention across the whole round.
    if (mine.length < images.length) streak = 0;
    judges.push(tally);
    // The level's running split; a room saved before it kept the split starts it at this round.
    stats.fakeJudged = (stats.fakeJudged ?? 0) + tally.fakeJudged;
    stats.fakeCalledReal = (stats.fakeCalledReal ?? 0) + tally.fakeCalledReal;
    stats.realJudged = (stats.realJudged ?? 0) + tally.realJudged;
    stats.realCalledFake = (stats.realCalledFake ?? 0) + tally.realCalledFake;
    gained[p.id] = points;
    return { ...p, score: p.score + points, streak, bestStreak, perLevel: { ...p.perLevel, [state.level]: stats } };
  });
  // Fooled rate: of all votes cast on generated images, the share that said "real". Its interval
  // resamples votes as if independent, which is too narrow (kept for older clients); hype is the honest measure.
  const outcomes: (0 | 1)[] = [];
  let mostFooling: string | null = null;
  let mostFooled = 0;
  for (const t of tallies) {
    if (truth.get(t.id) !== 'fake') continue;
    for (let i = 0; i < t.realVotes; i++) outcomes.push(1);
    for (let i = 0; i < t.fakeVotes; i++) outcomes.push(0);
    if (t.realVotes > mostFooled) {
      mostFooled = t.realVotes;
      mostFooling = t.id;
    }
  }
  const fooledRate = outcomes.length ? outcomes.reduce<number>((s, x) => s + x, 0) / outcomes.length : null;
  return {
    players,
    results: {
      tallies,
      gained,
      fooledRate,
      fooledInterval: bootstrapProportion(outcomes, rng),
      hype: hypeInfinity(judges, rng),
      mostFooling,
      giveaways: roundGiveaways(images, phase),
    },
  };
}

function reveal(state: Room, ctx: Ctx): Result {
  const phase = state.phase;
  if (phase.kind !== 'judging') return refuse(state, ErrorCode.WrongPhase, 'no round is being judged');
  const { players, results } = scoreRound(state, phase, ctx.rng);
  const until = ctx.now + state.settings.revealSeconds * 1000;
  return broadcast(
    { ...state, players, phase: { kind: 'reveal', round: phase.round, images: phase.images, eligible: phase.eligible, ballots: phase.ballots, results, until } },
    [record({ kind: 'roundRevealed', round: phase.round }), { type: 'schedule', at: until }],
  );
}

function startTraining(state: Room, ctx: Ctx): Result {
  const phase = state.phase;
  if (phase.kind !== 'reveal') return refuse(state, ErrorCode.WrongPhase, 'there is no reveal to end');
  const tallies = new Map(phase.results.tallies.map((t) => [t.id, t]));
  const verdicts: TrainVerdict[] = phase.images.map((img) => {
    const t = tallies.get(img.id)!;
    return { pixels: img.pixels, truth: img.truth, votes: t.realVotes + t.fakeVotes, fakeVotes: t.fakeVotes };
  });
  const bestFake = phase.results.mostFooling ? phase.images.find((i) => i.id === phase.results.mostFooling)!.pixels : null;
  const truth = new Map(phase.images.map((img) => [img.id, img.truth]));
  const tally = { fakeJudged: 0, fakeCalledReal: 0, realJudged: 0, realCalledFake: 0 };
  for (const t of phase.results.tallies) {
    if (truth.get(t.id) === 'fake') {
      tally.fakeJudged += t.realVotes + t.fakeVotes;
      tally.fakeCalledReal += t.realVotes;
    } else {
      tally.realJudged += t.realVotes + t.fakeVotes;
      tally.realCalledFake += t.fakeVotes;
    }
  }
  const roundRecord = { round: phase.round, level: state.level, ...tally, fooledRate: phase.results.fooledRate, bestFake, report: null };
  const level = currentLevel(state);
  const coachVotes = state.settings.teams ? state.players.filter((p) => p.role === 'coach' && state.knobs[p.id]).map((p) => state.knobs[p.id]) : [];
  const knobs = state.settings.teams && state.players.some((p) => p.role === 'coach') ? knobMajority(coachVotes, level) : null;
  const plan = trainingPlan(level, knobs, state.settings.stepScale);
  const job: TrainJob = {
    kind: 'train',
    round: phase.round,
    level,
    levelNumber: state.level,
    verdicts,
    budget: { ...plan.budget, seconds: trainSeconds(plan.budget) },
    humanWeight: level.humanWeight,
    tunables: plan.tunables,
    knobs,
  };
  return broadcast(
    {
      ...state,
      history: [...state.history, roundRecord],
      phase: { kind: 'training', round: phase.round, requestedAt: ctx.now, job, progress: null },
    },
    [{ type: 'requestTraining', round: phase.round, job }],
  );
}

function finishTraining(state: Room, report: TrainingReport | null, ctx: Ctx): Result {
  const phase = state.phase;
  if (phase.kind !== 'training') return refuse(state, ErrorCode.WrongPhase, 'no training is running');
  const history = state.history.map((r) => (r.round === phase.round ? { ...r, report } : r));
  const next = { ...state, history };
  if (roundInLevel(state) < state.settings.roundsPerLevel) return beginRound(next, ctx);
  return broadcast({ ...next, phase: { kind: 'leaderboard', level: state.level } });
}

/** A result with one more record, written before the rest of what it says. */
function withRecord(result: Result, r: GameRecord): Result {
  return result.error ? result : { ...result, effects: [record(r), ...result.effects] };
}
