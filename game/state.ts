/**
 * The room's state. The phase is a union: each phase carries only its own fields, so a vote
 * outside judging or a reveal without results cannot even be written down.
 */
import type {
  Dataset,
  Interval,
  Settings,
  TrainerInfo,
  TrainingProgress,
  TrainingReport,
  TrainVerdict,
  Verdict,
} from './protocol';

/** What the trainer is asked to run after a round; kept in the phase so a reloaded host can be asked again. */
export interface TrainingJob {
  verdicts: TrainVerdict[];
  budget: { dSteps: number; gSteps: number };
  humanWeight: number;
}

export interface Player {
  id: string;
  token: string;
  nickname: string;
  score: number;
  streak: number;
  bestStreak: number;
  correct: number;
  judged: number;
  connected: boolean;
  joinedAt: number;
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
}

/** playerId → imageId → vote */
export type Votes = Record<string, Record<string, Vote>>;

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
  mostFooling: string | null;
}

export type Phase =
  | { kind: 'lobby' }
  | { kind: 'generating'; round: number; fakes: number; requestedAt: number }
  | {
      kind: 'judging';
      round: number;
      images: RoundImage[];
      /** Players present when the round began; late joiners play from the next round. */
      eligible: string[];
      startedAt: number;
      deadline: number;
      votes: Votes;
    }
  | { kind: 'reveal'; round: number; images: RoundImage[]; votes: Votes; results: RoundResults; until: number }
  | { kind: 'training'; round: number; requestedAt: number; job: TrainingJob; progress: TrainingProgress | null }
  | { kind: 'leaderboard'; level: number }
  | { kind: 'ended'; endedAt: number };

export type PhaseKind = Phase['kind'];

export interface RoundRecord {
  round: number;
  level: number;
  fooledRate: number | null;
  bestFake: string | null;
  report: TrainingReport | null;
}

export interface Room {
  pin: string;
  hostToken: string;
  createdAt: number;
  dataset: Dataset;
  settings: Settings;
  /** Number of levels in the game; each has settings.roundsPerLevel rounds. */
  levels: number;
  level: number;
  /** Global round counter across levels, 0 before the first round. */
  round: number;
  players: Player[];
  trainer: TrainerInfo | null;
  history: RoundRecord[];
  phase: Phase;
}

export const MAX_PLAYERS = 5000;
