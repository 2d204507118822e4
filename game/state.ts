/**
 * The room's state. The phase is a union: each phase carries only its own fields, so a vote
 * outside judging or a reveal without results cannot even be written down.
 */
import type {
  Dataset,
  GiveawayHeat,
  Hype,
  Interval,
  Knobs,
  LevelId,
  PausedInfo,
  Role,
  Settings,
  Spot,
  TrainerInfo,
  TrainingProgress,
  TrainingReport,
  TrainJob,
  Verdict,
} from './protocol';

export interface LevelStats {
  correct: number;
  judged: number;
  answerMs: number;
  /** The same judgments split by truth, for the level's per-judge HYPE∞ (absent in rooms saved before it). */
  fakeJudged?: number;
  fakeCalledReal?: number;
  realJudged?: number;
  realCalledFake?: number;
}

export interface Player {
  id: string;
  token: string;
  nickname: string;
  role: Role;
  score: number;
  streak: number;
  bestStreak: number;
  connected: boolean;
  /** When the connection dropped, while it is down. */
  leftAt?: number;
  joinedAt: number;
  /** Level index (1-based) → that level's judgments. */
  perLevel: Record<number, LevelStats>;
}

export interface RoundImage {
  id: string;
  /** Base64 of the 8-bit pixels, identical in encoding for real and generated images. */
  pixels: string;
  truth: Verdict;
}

export interface Vote {
  verdict: Verdict;
  /** Server time the vote was accepted. */
  at: number;
  /** On a fake vote: the spot the player marked as the giveaway (game/giveaway.ts), if they marked one. */
  spot?: Spot;
}

/** One judge's votes in a round: imageId → vote. */
export type Ballot = Record<string, Vote>;
/** Every judge's ballot, in the order of the round's judges, in chunks (game/ballots.ts says why). */
export type Ballots = Ballot[][];

export interface ImageTally {
  id: string;
  realVotes: number;
  fakeVotes: number;
}

export interface RoundResults {
  tallies: ImageTally[];
  /** playerId → points gained this round */
  gained: Record<string, number>;
  fooledRate: number | null;
  fooledInterval: Interval | null;
  /** The round's HYPE∞ over its judges; absent in a reveal saved before it existed (views show null). */
  hype?: Hype;
  mostFooling: string | null;
  /** imageId → the class's giveaway taps on that fake, for fakes someone tapped (absent in a reveal saved before it existed). */
  giveaways?: Record<string, GiveawayHeat>;
}

export type Phase =
  | { kind: 'lobby' }
  | { kind: 'intro'; level: number }
  | { kind: 'generating'; round: number; fakes: number; pool: number; requestedAt: number }
  | {
      kind: 'coaching';
      round: number;
      /** Candidate fakes, ids opaque; only coaches see them. */
      pool: RoundImage[];
      fakes: number;
      /** Real images already drawn for this round, waiting for the coaches' choice. */
      reals: string[];
      deadline: number;
      /** coachId → image ids they picked */
      picks: Record<string, string[]>;
    }
  | {
      kind: 'judging';
      round: number;
      images: RoundImage[];
      /** Discriminators present when the round began; late joiners play from the next round. */
      eligible: string[];
      ballots: Ballots;
      startedAt: number;
      deadline: number;
      /** coachId → how many of their picks made it into the round. */
      picked: Record<string, number>;
    }
  | { kind: 'reveal'; round: number; images: RoundImage[]; eligible: string[]; ballots: Ballots; results: RoundResults; until: number }
  /** The job is kept in the phase so a reloaded host page can be asked again. */
  | { kind: 'training'; round: number; requestedAt: number; job: TrainJob; progress: TrainingProgress | null }
  | { kind: 'leaderboard'; level: number }
  /**
   * The lesson between levels, one card at a time in step with the projector: the class answers the
   * card at `at` until the host reveals its answer, then the host moves on to the next card.
   */
  | {
      kind: 'lesson';
      level: number;
      cards: string[];
      /** cardId → the order its choices are shown in, drawn once per room: orders[id][shown] = authored index. */
      orders: Record<string, number[]>;
      /** Index into cards of the card on the projector. */
      at: number;
      /** Whether that card's answer is shown: answers close, and the points are given, on the reveal. */
      revealed: boolean;
    }
  | { kind: 'ended'; endedAt: number; reason: string };

export type PhaseKind = Phase['kind'];

export interface RoundRecord {
  round: number;
  level: number;
  /** Judgments on generated images, and how many of them said "real". */
  fakeJudged: number;
  fakeCalledReal: number;
  /** Judgments on real images, and how many of them said "fake". */
  realJudged: number;
  realCalledFake: number;
  fooledRate: number | null;
  bestFake: string | null;
  report: TrainingReport | null;
}

export interface Room {
  pin: string;
  hostToken: string;
  createdAt: number;
  settings: Settings;
  /** The campaign, in play order. */
  levels: LevelId[];
  /** The teacher's choice of lesson cards per level, where it differs from the level's own. */
  cards: Partial<Record<LevelId, string[]>>;
  /** 1-based index into levels. */
  level: number;
  /** Global round counter across levels, 0 before the first round. */
  round: number;
  players: Player[];
  /** Tokens of kicked players: they cannot come back with them. */
  banned: string[];
  locked: boolean;
  paused: PausedInfo | null;
  host: { connected: boolean; leftAt: number | null };
  /**
   * playerId → cardId → their answer to the card's check question (the first one counts). `choice` is the
   * authored index, whatever order the room showed the choices in.
   */
  answers: Record<string, Record<string, { choice: number; correct: boolean; at: number }>>;
  /** coachId → their current vote on the next training's knobs. */
  knobs: Record<string, Knobs>;
  trainer: TrainerInfo | null;
  history: RoundRecord[];
  phase: Phase;
  /**
   * Per dataset, the held-out images (indices into its held-out split, server/images.ts) this room has
   * drawn as real, oldest first: the server draws the next round's reals from the others, so a room
   * never shows a real image twice. Absent in rooms saved before it (none shown yet, as far as it knows).
   */
  realsShown?: Partial<Record<Dataset, number[]>>;
}

export const MAX_PLAYERS = 5000;
/** A judge whose connection dropped mid-ballot holds an otherwise finished round up this long (game/engine.ts). */
export const AWAY_GRACE_MS = 5000;
/** A room waits this long for a host who left before it closes. */
export const HOST_GRACE_MS = 10 * 60 * 1000;
/** An ended game stays on every screen (the podium, the host's downloads) this long before the room closes. */
export const ENDED_GRACE_MS = 30 * 60 * 1000;

/** How long a room outlives its host's leaving, and its own end (the server may shorten both: benchmarks, tests). */
export interface Grace {
  hostAwayMs: number;
  endedMs: number;
}
export const GRACE: Grace = { hostAwayMs: HOST_GRACE_MS, endedMs: ENDED_GRACE_MS };

/**
 * When the room closes for good, in server time: a host who left (or moved on to another room) and
 * has not come back closes it `hostAwayMs` after leaving; an ended game closes `endedMs` after its
 * end, or sooner when its host has gone. Null while the room is live with its host.
 */
export function closesAt(room: Room, grace: Grace = GRACE): number | null {
  const hostGone = !room.host.connected && room.host.leftAt !== null ? room.host.leftAt + grace.hostAwayMs : null;
  if (room.phase.kind !== 'ended') return hostGone;
  const ended = room.phase.endedAt + grace.endedMs;
  return hostGone === null ? ended : Math.min(ended, hostGone);
}

/**
 * When the room's current phase runs out on its own, in server time: a judging or coaching deadline,
 * the end of a reveal; null for a phase that waits for someone. Whoever runs the room (the server,
 * solo play's driver) delivers a tick then, also after a restart or a reload.
 */
export function deadlineOf(room: Room): number | null {
  const phase = room.phase;
  if (phase.kind === 'judging' || phase.kind === 'coaching') return phase.deadline;
  if (phase.kind === 'reveal') return phase.until;
  return null;
}
