/**
 * The room engine: reduce(state, event, ctx) → { state, effects }.
 *
 * Pure: time and randomness come in through ctx, nothing is emitted or awaited here. The server
 * turns socket events into GameEvents and the effects into emits, timers and writes. Refusals come
 * back as `error` with the state untouched, so a bad event can never half-apply.
 */
import {
  DEFAULT_SETTINGS,
  type Dataset,
  ErrorCode,
  type GameError,
  type Settings,
  type TrainVerdict,
  type TrainerInfo,
  type TrainingProgress,
  type TrainingReport,
  type Verdict,
} from './protocol';
import { generateNickname } from './nicknames';
import { type Rng, randomId, randomInt, shuffled } from './rng';
import { scoreJudgment } from './scoring';
import { bootstrapProportion } from './stats';
import { MAX_PLAYERS, type Phase, type TrainingJob, type Player, type Room, type RoundImage, type RoundResults, type Votes } from './state';

export interface Ctx {
  now: number;
  rng: Rng;
}

export type GameEvent =
  | { type: 'join'; playerId: string; token: string; nickname?: string }
  | { type: 'rejoin'; token: string }
  | { type: 'disconnect'; playerId: string }
  | { type: 'start'; hostToken: string }
  | { type: 'trainer'; hostToken: string; info: TrainerInfo }
  | { type: 'fakes'; hostToken: string; round: number; images: string[]; reals: string[] }
  | { type: 'vote'; token: string; imageId: string; verdict: Verdict }
  | { type: 'tick' }
  | { type: 'advance'; hostToken: string }
  | { type: 'progress'; hostToken: string; round: number; progress: TrainingProgress }
  | { type: 'trained'; hostToken: string; round: number; report: TrainingReport }
  | { type: 'end'; hostToken: string };

export type Effect =
  /** Ask the host's trainer for `count` generated images. */
  | { type: 'requestFakes'; round: number; count: number }
  /** Send the round's verdicts to the host's trainer. */
  | { type: 'requestTraining'; round: number; job: TrainingJob }
  /** Deliver a tick to this room at `at` (server time). */
  | { type: 'schedule'; at: number }
  /** The views changed: send every screen its view. */
  | { type: 'broadcast' }
  /** Only the live vote count changed: tell the host. */
  | { type: 'votes' }
  /** Training progress to relay to every screen. */
  | { type: 'progress'; round: number; progress: TrainingProgress };

export type Reply = { kind: 'joined'; playerId: string; playerToken: string; nickname: string } | { kind: 'voted'; imageId: string; verdict: Verdict };

export interface Result {
  state: Room;
  effects: Effect[];
  error?: GameError;
  reply?: Reply;
}

export interface CreateRoomInput {
  pin: string;
  hostToken: string;
  dataset?: Dataset;
  settings?: Partial<Settings>;
  levels?: number;
}

export function createRoom(input: CreateRoomInput, ctx: Pick<Ctx, 'now'>): Room {
  return {
    pin: input.pin,
    hostToken: input.hostToken,
    createdAt: ctx.now,
    dataset: input.dataset ?? 'digits',
    settings: { ...DEFAULT_SETTINGS, ...input.settings },
    levels: input.levels ?? 1,
    level: 1,
    round: 0,
    players: [],
    trainer: null,
    history: [],
    phase: { kind: 'lobby' },
  };
}

const refuse = (state: Room, code: GameError['code'], message: string): Result => ({
  state,
  effects: [],
  error: { code, message },
});

const ok = (state: Room, effects: Effect[] = [], reply?: Reply): Result => ({ state, effects, reply });

export function totalRounds(state: Room): number {
  return state.levels * state.settings.roundsPerLevel;
}

export function findPlayerByToken(state: Room, token: string): Player | undefined {
  return state.players.find((p) => p.token === token);
}

function updatePlayer(state: Room, id: string, patch: Partial<Player>): Room {
  return { ...state, players: state.players.map((p) => (p.id === id ? { ...p, ...patch } : p)) };
}

const HOST_EVENTS = new Set(['start', 'trainer', 'fakes', 'advance', 'progress', 'trained', 'end']);

export function reduce(state: Room, event: GameEvent, ctx: Ctx): Result {
  if (HOST_EVENTS.has(event.type) && (event as { hostToken: string }).hostToken !== state.hostToken) {
    return refuse(state, ErrorCode.NotHost, 'only the host can do that');
  }
  switch (event.type) {
    case 'join':
      return join(state, event, ctx);
    case 'rejoin': {
      const p = findPlayerByToken(state, event.token);
      if (!p) return refuse(state, ErrorCode.NotPlayer, 'that player token is not in this game; join again');
      return ok(updatePlayer(state, p.id, { connected: true }), [{ type: 'broadcast' }], {
        kind: 'joined',
        playerId: p.id,
        playerToken: p.token,
        nickname: p.nickname,
      });
    }
    case 'disconnect': {
      if (!state.players.some((p) => p.id === event.playerId)) return ok(state);
      return ok(updatePlayer(state, event.playerId, { connected: false }), [{ type: 'broadcast' }]);
    }
    case 'trainer':
      return ok({ ...state, trainer: event.info }, [{ type: 'broadcast' }]);
    case 'start':
      if (state.phase.kind !== 'lobby') return refuse(state, ErrorCode.WrongPhase, 'the game has already started');
      if (state.players.length === 0) return refuse(state, ErrorCode.NotEnoughPlayers, 'wait for at least one player to join');
      return beginRound(state, ctx);
    case 'fakes':
      return acceptFakes(state, event, ctx);
    case 'vote':
      return vote(state, event, ctx);
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
      return finishTraining(state, event.report, ctx);
    case 'end':
      if (state.phase.kind === 'ended') return ok(state);
      return ok({ ...state, phase: { kind: 'ended', endedAt: ctx.now } }, [{ type: 'broadcast' }]);
  }
}

function join(state: Room, event: Extract<GameEvent, { type: 'join' }>, ctx: Ctx): Result {
  if (state.phase.kind === 'ended') return refuse(state, ErrorCode.WrongPhase, 'this game has ended');
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
  const player: Player = {
    id: event.playerId,
    token: event.token,
    nickname,
    score: 0,
    streak: 0,
    bestStreak: 0,
    correct: 0,
    judged: 0,
    connected: true,
    joinedAt: ctx.now,
  };
  return ok({ ...state, players: [...state.players, player] }, [{ type: 'broadcast' }], {
    kind: 'joined',
    playerId: player.id,
    playerToken: player.token,
    nickname,
  });
}

/** Asks the trainer for this round's fakes; how many of the images are fakes varies so counting can't win. */
function beginRound(state: Room, ctx: Ctx): Result {
  const round = state.round + 1;
  const n = state.settings.imagesPerRound;
  // Between a third and two thirds of the images are generated, at least one of each kind.
  const low = Math.max(1, Math.ceil(n / 3));
  const high = Math.min(n - 1, Math.floor((2 * n) / 3));
  const fakes = low + randomInt(ctx.rng, Math.max(1, high - low + 1));
  const phase: Phase = { kind: 'generating', round, fakes, requestedAt: ctx.now };
  return ok({ ...state, round, phase }, [{ type: 'requestFakes', round, count: fakes }, { type: 'broadcast' }]);
}

/** The job the trainer owes the room right now, if any: re-sent to a host page that reconnects. */
export function pendingJob(state: Room): Effect | null {
  const phase = state.phase;
  if (phase.kind === 'generating') return { type: 'requestFakes', round: phase.round, count: phase.fakes };
  if (phase.kind === 'training') return { type: 'requestTraining', round: phase.round, job: phase.job };
  return null;
}

/** How many real images the server must draw to go with the fakes the trainer was asked for. */
export function realsWanted(state: Room): number {
  return state.phase.kind === 'generating' ? state.settings.imagesPerRound - state.phase.fakes : 0;
}

function acceptFakes(state: Room, event: Extract<GameEvent, { type: 'fakes' }>, ctx: Ctx): Result {
  const phase = state.phase;
  if (phase.kind !== 'generating') return refuse(state, ErrorCode.WrongPhase, 'no generated images were asked for now');
  if (event.round !== phase.round) return refuse(state, ErrorCode.WrongRound, `images are wanted for round ${phase.round}`);
  if (event.images.length !== phase.fakes) {
    return refuse(state, ErrorCode.BadPayload, `expected ${phase.fakes} generated images, got ${event.images.length}`);
  }
  if (event.reals.length !== state.settings.imagesPerRound - phase.fakes) {
    return refuse(state, ErrorCode.Internal, 'the server drew the wrong number of real images');
  }
  const taken = new Set<string>();
  const freshId = () => {
    let id: string;
    do id = randomId(ctx.rng); while (taken.has(id));
    taken.add(id);
    return id;
  };
  const images: RoundImage[] = shuffled(ctx.rng, [
    ...event.images.map((pixels) => ({ pixels, truth: 'fake' as const })),
    ...event.reals.map((pixels) => ({ pixels, truth: 'real' as const })),
  ]).map((img) => ({ ...img, id: freshId() }));
  const deadline = ctx.now + state.settings.roundSeconds * 1000;
  const eligible = state.players.map((p) => p.id);
  return ok(
    { ...state, phase: { kind: 'judging', round: phase.round, images, eligible, startedAt: ctx.now, deadline, votes: {} } },
    [{ type: 'schedule', at: deadline }, { type: 'broadcast' }],
  );
}

function vote(state: Room, event: Extract<GameEvent, { type: 'vote' }>, ctx: Ctx): Result {
  const player = findPlayerByToken(state, event.token);
  if (!player) return refuse(state, ErrorCode.NotPlayer, 'you are not a player in this game');
  const phase = state.phase;
  if (phase.kind !== 'judging') return refuse(state, ErrorCode.WrongPhase, 'voting is closed right now');
  if (ctx.now > phase.deadline) return refuse(state, ErrorCode.TooLate, 'time is up for this round');
  if (!phase.images.some((img) => img.id === event.imageId)) {
    return refuse(state, ErrorCode.UnknownImage, 'that image is not in this round');
  }
  if (!phase.eligible.includes(player.id)) {
    return refuse(state, ErrorCode.NotInRound, 'you joined during this round; you play from the next one');
  }
  const mine = phase.votes[player.id] ?? {};
  if (mine[event.imageId]) return refuse(state, ErrorCode.DuplicateVote, 'you already judged that image');
  const votes: Votes = { ...phase.votes, [player.id]: { ...mine, [event.imageId]: { verdict: event.verdict, at: ctx.now } } };
  const next: Room = { ...state, phase: { ...phase, votes } };
  const reply: Reply = { kind: 'voted', imageId: event.imageId, verdict: event.verdict };
  if (allVotesIn(next)) return { ...reveal(next, ctx), reply };
  return ok(next, [{ type: 'votes' }], reply);
}

export function votesCast(votes: Votes): number {
  let n = 0;
  for (const byImage of Object.values(votes)) n += Object.keys(byImage).length;
  return n;
}

/** Votes still expected: every connected eligible player on every image. */
export function votesExpected(state: Room): number {
  if (state.phase.kind !== 'judging') return 0;
  const { eligible, images } = state.phase;
  const connected = state.players.filter((p) => p.connected && eligible.includes(p.id)).length;
  return connected * images.length;
}

function allVotesIn(state: Room): boolean {
  if (state.phase.kind !== 'judging') return false;
  const { eligible, images, votes } = state.phase;
  const active = state.players.filter((p) => p.connected && eligible.includes(p.id));
  return active.length > 0 && active.every((p) => Object.keys(votes[p.id] ?? {}).length === images.length);
}

function tick(state: Room, ctx: Ctx): Result {
  const phase = state.phase;
  if (phase.kind === 'judging' && ctx.now >= phase.deadline) return reveal(state, ctx);
  if (phase.kind === 'reveal' && ctx.now >= phase.until) return startTraining(state, ctx);
  return ok(state);
}

function advance(state: Room, ctx: Ctx): Result {
  switch (state.phase.kind) {
    case 'judging':
      return reveal(state, ctx);
    case 'reveal':
      return startTraining(state, ctx);
    case 'training':
      // The host chose to skip training: record the round without a report.
      return finishTraining(state, null, ctx);
    case 'leaderboard':
      return beginRound({ ...state, level: state.level + 1 }, ctx);
    default:
      return refuse(state, ErrorCode.WrongPhase, `nothing to skip while ${state.phase.kind}`);
  }
}

/** Scores the round: each player's judgments in the order they were made, so streaks follow the player's own pace. */
export function scoreRound(state: Room, images: RoundImage[], votes: Votes, startedAt: number, deadline: number, rng: Rng): { players: Player[]; results: RoundResults } {
  const truth = new Map(images.map((img) => [img.id, img.truth]));
  const gained: Record<string, number> = {};
  const eligible = state.phase.kind === 'judging' ? new Set(state.phase.eligible) : new Set<string>();
  const players = state.players.map((p) => {
    if (!eligible.has(p.id)) return p;
    const mine = Object.entries(votes[p.id] ?? {}).sort((a, b) => a[1].at - b[1].at);
    let { score, streak, bestStreak, correct, judged } = p;
    let points = 0;
    for (const [imageId, v] of mine) {
      const isCorrect = truth.get(imageId) === v.verdict;
      const s = scoreJudgment({ correct: isCorrect, at: v.at, startedAt, deadline }, streak);
      points += s.points;
      streak = s.streak;
      bestStreak = Math.max(bestStreak, streak);
      correct += isCorrect ? 1 : 0;
      judged += 1;
    }
    // An image left unjudged breaks the streak: the bonus rewards attention across the whole round.
    if (mine.length < images.length) streak = 0;
    gained[p.id] = points;
    score += points;
    return { ...p, score, streak, bestStreak, correct, judged };
  });
  const tallies = images.map((img) => {
    let realVotes = 0;
    let fakeVotes = 0;
    for (const byImage of Object.values(votes)) {
      const v = byImage[img.id];
      if (v?.verdict === 'real') realVotes++;
      else if (v?.verdict === 'fake') fakeVotes++;
    }
    return { id: img.id, realVotes, fakeVotes };
  });
  // Fooled rate: of all votes cast on generated images, the share that said "real".
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
    results: { tallies, gained, fooledRate, fooledInterval: bootstrapProportion(outcomes, rng), mostFooling },
  };
}

function reveal(state: Room, ctx: Ctx): Result {
  const phase = state.phase;
  if (phase.kind !== 'judging') return refuse(state, ErrorCode.WrongPhase, 'no round is being judged');
  const { players, results } = scoreRound(state, phase.images, phase.votes, phase.startedAt, phase.deadline, ctx.rng);
  const until = ctx.now + state.settings.revealSeconds * 1000;
  return ok(
    {
      ...state,
      players,
      phase: { kind: 'reveal', round: phase.round, images: phase.images, votes: phase.votes, results, until },
    },
    [{ type: 'schedule', at: until }, { type: 'broadcast' }],
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
  const record = { round: phase.round, level: state.level, fooledRate: phase.results.fooledRate, bestFake, report: null };
  const job: TrainingJob = {
    verdicts,
    budget: { dSteps: state.settings.dSteps, gSteps: state.settings.gSteps },
    humanWeight: state.settings.humanWeight,
  };
  return ok(
    {
      ...state,
      history: [...state.history, record],
      phase: { kind: 'training', round: phase.round, requestedAt: ctx.now, job, progress: null },
    },
    [{ type: 'requestTraining', round: phase.round, job }, { type: 'broadcast' }],
  );
}

function finishTraining(state: Room, report: TrainingReport | null, ctx: Ctx): Result {
  const phase = state.phase;
  if (phase.kind !== 'training') return refuse(state, ErrorCode.WrongPhase, 'no training is running');
  const history = state.history.map((r) => (r.round === phase.round ? { ...r, report } : r));
  const next = { ...state, history };
  const roundInLevel = state.round - (state.level - 1) * state.settings.roundsPerLevel;
  if (roundInLevel < state.settings.roundsPerLevel) return beginRound(next, ctx);
  if (state.level < state.levels) {
    return ok({ ...next, phase: { kind: 'leaderboard', level: state.level } }, [{ type: 'broadcast' }]);
  }
  return ok({ ...next, phase: { kind: 'ended', endedAt: ctx.now } }, [{ type: 'broadcast' }]);
}
