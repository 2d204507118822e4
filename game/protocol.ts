/**
 * Every shape that crosses the wire between the browser and the server lives here, and nowhere else.
 *
 * Client → server payloads are zod schemas: the server parses every payload before it touches it
 * (types are not validation). Server → client shapes are plain types: the server builds them from
 * the engine's state through game/views.ts, so they cannot drift from what the engine knows.
 */
import { z } from 'zod';

/** Bumped whenever a payload or view changes shape; a client that speaks another version is refused. */
export const PROTOCOL_VERSION = 1;

/** Where Socket.io listens; Next's request handler never sees this path. */
export const SOCKET_PATH = '/socket.io';

export const IMAGE_SIDE = 28;
export const IMAGE_BYTES = IMAGE_SIDE * IMAGE_SIDE;
/** Base64 of IMAGE_BYTES bytes: real and generated images travel in exactly this encoding. */
export const IMAGE_B64_LENGTH = 4 * Math.ceil(IMAGE_BYTES / 3);

export const DatasetSchema = z.enum(['digits', 'fashion']);
export type Dataset = z.infer<typeof DatasetSchema>;

export const VerdictSchema = z.enum(['real', 'fake']);
export type Verdict = z.infer<typeof VerdictSchema>;

export const BackendSchema = z.enum(['webgpu', 'webgl', 'wasm', 'cpu']);
export type Backend = z.infer<typeof BackendSchema>;

const PinSchema = z.string().regex(/^\d{6}$/, 'a game PIN is 6 digits');
const TokenSchema = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, 'a token is 16 to 128 URL-safe characters');
const ImageIdSchema = z.string().regex(/^[a-z0-9]{4,32}$/, 'an image id is 4 to 32 lowercase letters or digits');
const RoundSchema = z.number().int().min(1).max(10_000);
const LossValue = z.number().finite();

export const PixelsSchema = z
  .string()
  .length(IMAGE_B64_LENGTH, `an image is ${IMAGE_BYTES} bytes, base64-encoded (${IMAGE_B64_LENGTH} characters)`)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'an image must be base64');

/** Typed nicknames: printable, short. The generated ones are always used when this is absent. */
export const NicknameSchema = z
  .string()
  .trim()
  .min(1, 'a nickname needs at least one character')
  .max(20, 'a nickname has at most 20 characters')
  .regex(/^[\p{L}\p{N} _.'-]+$/u, 'a nickname may use letters, digits, spaces and . _ \' -');

export const SettingsSchema = z.object({
  /** Seconds players have to judge a round's images. */
  roundSeconds: z.number().int().min(5).max(300),
  /** Images shown per round (real and generated together). */
  imagesPerRound: z.number().int().min(2).max(24),
  roundsPerLevel: z.number().int().min(1).max(20),
  /** How long the reveal stays up before training starts on its own. */
  revealSeconds: z.number().int().min(1).max(120),
  /** Discriminator and generator steps the trainer runs after each round. */
  dSteps: z.number().int().min(0).max(2000),
  gSteps: z.number().int().min(0).max(2000),
  /** λ of the human-alignment term (DESIGN.md). */
  humanWeight: z.number().min(0).max(100),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  roundSeconds: 30,
  imagesPerRound: 6,
  roundsPerLevel: 3,
  revealSeconds: 8,
  dSteps: 30,
  gSteps: 30,
  humanWeight: 1,
};

const HostAuth = { pin: PinSchema, hostToken: TokenSchema };

export const TrainingProgressSchema = z.object({
  phase: z.enum(['d', 'g']),
  step: z.number().int().min(0).max(100_000),
  total: z.number().int().min(0).max(100_000),
  dLoss: LossValue,
  gLoss: LossValue,
});
export type TrainingProgress = z.infer<typeof TrainingProgressSchema>;

/** What the trainer reports after the steps it actually ran: nothing here is simulated. */
export const TrainingReportSchema = z.object({
  dSteps: z.number().int().min(0).max(100_000),
  gSteps: z.number().int().min(0).max(100_000),
  dLoss: LossValue,
  gLoss: LossValue,
  humanLoss: LossValue,
  /** Mean D(x) on real and on generated images in the last discriminator step. */
  dReal: z.number().min(0).max(1),
  dFake: z.number().min(0).max(1),
  stepsPerSec: z.number().min(0).finite(),
  ms: z.number().min(0).finite(),
  backend: BackendSchema,
  /** Generator weight checksums before and after: proof the weights moved. */
  checksumBefore: z.number().finite(),
  checksumAfter: z.number().finite(),
});
export type TrainingReport = z.infer<typeof TrainingReportSchema>;

/** Client → server payload schemas, keyed by event name. */
export const C2S = {
  'host:create': z.object({
    v: z.literal(PROTOCOL_VERSION, { error: `this server speaks protocol ${PROTOCOL_VERSION}; reload the page` }),
    dataset: DatasetSchema.default('digits'),
    settings: SettingsSchema.partial().default({}),
  }),
  /** A host page that (re)connects and presents its token to take its room back. */
  'host:resume': z.object(HostAuth),
  'host:start': z.object(HostAuth),
  'host:trainer': z.object({ ...HostAuth, backend: BackendSchema, reason: z.string().max(300) }),
  'host:fakes': z.object({ ...HostAuth, round: RoundSchema, images: z.array(PixelsSchema).min(1).max(24) }),
  'host:progress': z.object({ ...HostAuth, round: RoundSchema, progress: TrainingProgressSchema }),
  'host:trained': z.object({ ...HostAuth, round: RoundSchema, report: TrainingReportSchema }),
  /** Moves the room on: closes voting, ends the reveal, skips training, or starts the next level. */
  'host:advance': z.object(HostAuth),
  'host:end': z.object(HostAuth),
  'player:join': z.object({
    v: z.literal(PROTOCOL_VERSION, { error: `this server speaks protocol ${PROTOCOL_VERSION}; reload the page` }),
    pin: PinSchema,
    nickname: NicknameSchema.optional(),
    /** Present when a player comes back: the same player, the same score. */
    playerToken: TokenSchema.optional(),
  }),
  'player:vote': z.object({
    pin: PinSchema,
    playerToken: TokenSchema,
    imageId: ImageIdSchema,
    verdict: VerdictSchema,
  }),
} as const;

export type C2SEvent = keyof typeof C2S;
export type C2SPayload<E extends C2SEvent> = z.input<(typeof C2S)[E]>;
export type C2SParsed<E extends C2SEvent> = z.output<(typeof C2S)[E]>;

export const ErrorCode = {
  BadPayload: 'bad_payload',
  NoSuchGame: 'no_such_game',
  NotHost: 'not_host',
  NotPlayer: 'not_player',
  WrongPhase: 'wrong_phase',
  WrongRound: 'wrong_round',
  TooLate: 'too_late',
  DuplicateVote: 'duplicate_vote',
  UnknownImage: 'unknown_image',
  NotInRound: 'not_in_round',
  NotEnoughPlayers: 'not_enough_players',
  NicknameTaken: 'nickname_taken',
  RoomFull: 'room_full',
  Internal: 'internal',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface GameError {
  code: ErrorCode;
  message: string;
}

export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: GameError };

/** What each event's acknowledgement carries when it succeeds. */
export interface AckData {
  'host:create': { pin: string; hostToken: string };
  'host:resume': { pin: string };
  'host:start': object;
  'host:trainer': object;
  'host:fakes': object;
  'host:progress': object;
  'host:trained': object;
  'host:advance': object;
  'host:end': object;
  'player:join': { playerId: string; playerToken: string; nickname: string };
  'player:vote': { imageId: string; verdict: Verdict };
}

// ---------------------------------------------------------------- server → client views

export interface ImageView {
  id: string;
  pixels: string;
}

export interface RevealImageView extends ImageView {
  truth: Verdict;
  realVotes: number;
  fakeVotes: number;
}

export interface Interval {
  low: number;
  high: number;
}

export interface RoundSummaryView {
  round: number;
  /** Share of votes on generated images that said "real"; null when nobody judged a fake. */
  fooledRate: number | null;
  report: TrainingReport | null;
  /** The generated image that fooled the most players, kept for the timeline. */
  bestFake: string | null;
}

export interface LeaderboardEntry {
  playerId: string;
  nickname: string;
  score: number;
  rank: number;
}

export interface TrainerInfo {
  backend: Backend;
  reason: string;
}

export type HostPhaseView =
  | { kind: 'lobby' }
  | { kind: 'generating'; round: number }
  | { kind: 'judging'; round: number; images: ImageView[]; deadline: number; votesCast: number; votesExpected: number }
  | {
      kind: 'reveal';
      round: number;
      images: RevealImageView[];
      fooledRate: number | null;
      fooledInterval: Interval | null;
      mostFooling: string | null;
      until: number;
    }
  | { kind: 'training'; round: number; progress: TrainingProgress | null }
  | { kind: 'leaderboard'; level: number }
  | { kind: 'ended' };

export interface HostView {
  pin: string;
  dataset: Dataset;
  settings: Settings;
  /** Server clock when the view was made, so screens can count down to deadlines without trusting their own clock. */
  serverNow: number;
  level: number;
  round: number;
  totalRounds: number;
  players: { id: string; nickname: string; score: number; connected: boolean }[];
  leaderboard: LeaderboardEntry[];
  trainer: TrainerInfo | null;
  history: RoundSummaryView[];
  phase: HostPhaseView;
}

export interface PlayerRevealImageView extends ImageView {
  truth: Verdict;
  mine: Verdict | null;
  correct: boolean;
}

export type PlayerPhaseView =
  | { kind: 'lobby' }
  | { kind: 'generating'; round: number }
  | {
      kind: 'judging';
      round: number;
      /** False for a player who joined after the round began: they play from the next round. */
      inRound: boolean;
      images: ImageView[];
      deadline: number;
      mine: Record<string, Verdict>;
    }
  | {
      kind: 'reveal';
      round: number;
      images: PlayerRevealImageView[];
      gained: number;
      fooledRate: number | null;
    }
  | { kind: 'training'; round: number; progress: TrainingProgress | null }
  | { kind: 'leaderboard'; level: number }
  | { kind: 'ended' };

export interface PlayerView {
  pin: string;
  serverNow: number;
  round: number;
  totalRounds: number;
  playerCount: number;
  me: { id: string; nickname: string; score: number; rank: number; streak: number };
  /** The player just ahead, so everyone has someone to chase. */
  ahead: { nickname: string; score: number } | null;
  top: LeaderboardEntry[];
  trainer: TrainerInfo | null;
  phase: PlayerPhaseView;
}

/** A judged image as the trainer receives it: truth is only ever sent to the host's trainer after the reveal. */
export interface TrainVerdict {
  pixels: string;
  truth: Verdict;
  votes: number;
  fakeVotes: number;
}

export type TrainerJob =
  | { kind: 'generate'; round: number; count: number }
  | {
      kind: 'train';
      round: number;
      verdicts: TrainVerdict[];
      budget: { dSteps: number; gSteps: number };
      humanWeight: number;
    };

export interface VoteCount {
  round: number;
  votesCast: number;
  votesExpected: number;
}

export interface ProgressBroadcast {
  round: number;
  progress: TrainingProgress;
}

type AckFn<E extends C2SEvent> = (ack: Ack<AckData[E]>) => void;

/** Socket.io's typed event maps, used as Server<ClientToServerEvents, ServerToClientEvents> and Socket<S2C, C2S>. */
export type ClientToServerEvents = {
  [E in C2SEvent]: (payload: C2SPayload<E>, ack: AckFn<E>) => void;
};

export interface ServerToClientEvents {
  'room:host': (view: HostView) => void;
  'room:player': (view: PlayerView) => void;
  'room:votes': (count: VoteCount) => void;
  'training:progress': (p: ProgressBroadcast) => void;
  'trainer:job': (job: TrainerJob) => void;
  'room:closed': (info: { reason: string }) => void;
}

/** Parses a payload for an event; the error message names the first problem in plain words. */
export function parsePayload<E extends C2SEvent>(
  event: E,
  payload: unknown,
): { ok: true; data: C2SParsed<E> } | { ok: false; error: GameError } {
  const result = C2S[event].safeParse(payload);
  if (result.success) return { ok: true, data: result.data as C2SParsed<E> };
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return { ok: false, error: { code: ErrorCode.BadPayload, message: `${where}${issue?.message ?? 'invalid payload'}` } };
}

// ---------------------------------------------------------------- pixel helpers shared by both sides

export function encodePixels(bytes: Uint8Array): string {
  if (bytes.length !== IMAGE_BYTES) throw new RangeError(`an image is ${IMAGE_BYTES} bytes, got ${bytes.length}`);
  if (typeof Buffer !== 'undefined') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return btoa(s);
}

export function decodePixels(b64: string): Uint8Array {
  if (typeof Buffer !== 'undefined') return new Uint8Array(Buffer.from(b64, 'base64'));
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
