/**
 * Every shape that crosses the wire between the browser and the server lives here, and nowhere else.
 *
 * Client → server payloads are zod schemas: the server parses every payload before it touches it
 * (types are not validation). Server → client shapes are plain types: the server builds them from
 * the engine's state through game/views.ts, so they cannot drift from what the engine knows.
 */
import { z } from 'zod';

export { IMAGE_B64_LENGTH, IMAGE_BYTES, IMAGE_SIDE, PROTOCOL_VERSION, SOCKET_PATH, decodePixels, encodePixels } from './wire';
import { IMAGE_B64_LENGTH, IMAGE_BYTES, PROTOCOL_VERSION } from './wire';
import { BACKENDS, DATASETS, LEVEL_IDS, LOSSES, LR_CHOICES, RATIO_CHOICES, STEP_CHOICES, type ModelShape } from './vocabulary';
import type { JudgingBudget, TimedBudget } from './training-budget';

export const DatasetSchema = z.enum(DATASETS);
export type Dataset = z.infer<typeof DatasetSchema>;

export const VerdictSchema = z.enum(['real', 'fake']);
export type Verdict = z.infer<typeof VerdictSchema>;

/**
 * Flag the giveaway: the spot on an image a player called fake that gave it away, as fractions of the
 * image's width and height from its top left corner (game/giveaway.ts).
 */
export const SpotSchema = z.object({
  x: z.number().min(0, 'a spot is inside the image: x from 0 to 1').max(1, 'a spot is inside the image: x from 0 to 1'),
  y: z.number().min(0, 'a spot is inside the image: y from 0 to 1').max(1, 'a spot is inside the image: y from 0 to 1'),
});
export type Spot = z.infer<typeof SpotSchema>;

export const BackendSchema = z.enum(BACKENDS);
export type Backend = z.infer<typeof BackendSchema>;

export const LossSchema = z.enum(LOSSES);
export type Loss = z.infer<typeof LossSchema>;

export { LEVEL_IDS };
export const LevelIdSchema = z.enum(LEVEL_IDS);
export type LevelId = z.infer<typeof LevelIdSchema>;

/** The generator's shape; a checkpoint only loads into a model of the same shape. */
export type { ModelShape };

/** What the trainer may change between rounds without rebuilding the model. */
export interface Tunables {
  loss: Loss;
  lrD: number;
  lrG: number;
}

export interface LevelSpec {
  id: LevelId;
  name: string;
  intro: string;
  model: ModelShape;
  /** Name of the checkpoint under public/checkpoints the level starts from when the model changes; null starts untrained. */
  checkpoint: string | null;
  tunables: Tunables;
  dSteps: number;
  gSteps: number;
  humanWeight: number;
  /** Lesson card ids shown after the level. */
  cards: string[];
  /** Conditional levels: the class everyone draws and judges ("draw a 7"); real images are of it too. */
  drawClass?: number;
  /**
   * The level's lesson is its checkpoint's state (a collapsed generator): it starts from that checkpoint
   * even where the room's generator has trained further (game/training-budget.ts carriesOn).
   */
  startsFromCheckpoint?: true;
}

/** The coaches' knobs for the next training phase. */
export const KnobsSchema = z.object({
  loss: LossSchema,
  lr: z.enum(LR_CHOICES),
  ratio: z.enum(RATIO_CHOICES),
  steps: z.enum(STEP_CHOICES),
});
export type Knobs = z.infer<typeof KnobsSchema>;

export const RoleSchema = z.enum(['discriminator', 'coach']);
export type Role = z.infer<typeof RoleSchema>;

const PinSchema = z.string().regex(/^\d{6}$/, 'a game PIN is 6 digits');
const TokenSchema = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, 'a token is 16 to 128 URL-safe characters');
const ImageIdSchema = z.string().regex(/^[a-z0-9]{4,32}$/, 'an image id is 4 to 32 lowercase letters or digits');
const RoundSchema = z.number().int().min(1).max(10_000);
const LossValue = z.number().finite();

export const PixelsSchema = z
  .string()
  .length(IMAGE_B64_LENGTH, `an image is ${IMAGE_BYTES} bytes, base64-encoded (${IMAGE_B64_LENGTH} characters)`)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'an image must be base64');

/** What a person sees as one character: an emoji family or a flag counts once. */
const graphemes = (s: string) => (typeof Intl.Segmenter === 'function' ? [...new Intl.Segmenter().segment(s)].length : [...s].length);
export const NICKNAME_MAX = 20;

/**
 * Typed nicknames: short, in any script (with its accents), emoji welcome. The generated ones are used
 * when this is absent. The server's filter (game/nickname-filter.ts) then refuses blocked words,
 * invisible or blank names, and look-alikes of players already in the room.
 */
export const NicknameSchema = z
  .string()
  .trim()
  .min(1, 'a nickname needs at least one character')
  .max(100, `a nickname has at most ${NICKNAME_MAX} characters`)
  .regex(
    // Letters, their marks, digits, emoji and the pieces emoji sequences are made of (joiner, selector, keycap, tags), . _ ' -
    /^[\p{L}\p{M}\p{N}\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200D\uFE0F\u20E3\u{E0020}-\u{E007F} _.'-]+$/u,
    "a nickname may use letters, digits, emoji, spaces and . _ ' -",
  )
  // zod runs this even after .max failed: segment only strings short enough to be names.
  .refine((s) => s.length <= 100 && graphemes(s) <= NICKNAME_MAX, `a nickname has at most ${NICKNAME_MAX} characters`);

export const SettingsSchema = z.object({
  /** Seconds players have to judge a round's images. */
  roundSeconds: z.number().int().min(5).max(300),
  /** Images shown per round (real and generated together). */
  imagesPerRound: z.number().int().min(2).max(24),
  roundsPerLevel: z.number().int().min(1).max(20),
  /** How long the reveal stays up before training starts on its own. */
  revealSeconds: z.number().int().min(1).max(120),
  /** Seconds coaches have to pick the round's fakes. */
  coachSeconds: z.number().int().min(5).max(120),
  /** Split the room into Discriminators and Coaches. */
  teams: z.boolean(),
  /** Swap the two teams' roles at each new level. */
  swapRoles: z.boolean(),
  /** Multiplies every level's step budget: 1 in class, small for tests on software GPUs. */
  stepScale: z.number().min(0.01).max(4),
  /** Images in each training step's batch (game/setup.ts presets): smaller is faster on a slow computer. */
  batchSize: z.number().int().min(4).max(256),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  roundSeconds: 30,
  imagesPerRound: 6,
  roundsPerLevel: 3,
  revealSeconds: 8,
  coachSeconds: 20,
  teams: false,
  swapRoles: true,
  stepScale: 1,
  batchSize: 64,
};

/** The longest trainer reason a host sends (why this backend, where the level started); the host clips to it. */
export const TRAINER_REASON_MAX = 300;

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
  /**
   * Mean D(x) on real and on generated images in the last discriminator step: a probability for the
   * BCE losses, the raw score otherwise (LOSS[kind].probability in game/vocabulary.ts).
   */
  dReal: LossValue,
  dFake: LossValue,
  stepsPerSec: z.number().min(0).finite(),
  ms: z.number().min(0).finite(),
  backend: BackendSchema,
  /** Generator weight checksums before and after: proof the weights moved. */
  checksumBefore: z.number().finite(),
  checksumAfter: z.number().finite(),
  /** Mean over the round's G steps of the L2 norm of G's gradient (absent when no G step ran, or from an older host). */
  gradientNorm: z.number().nonnegative().finite().optional(),
  /** The project's classifier on the generator's samples after training (absent where it could not run). */
  fid: z.number().min(0).finite().optional(),
  histogram: z.object({ counts: z.array(z.number().int().min(0)).max(10), classNames: z.array(z.string().max(20)).max(10) }).optional(),
  coverage: z.number().min(0).max(1).optional(),
  entropy: z.number().min(0).max(1).optional(),
  collapsed: z.boolean().optional(),
  /** The samples are still noise, so the histogram says nothing yet (absent from an older host). */
  notImages: z.boolean().optional(),
  collapseReason: z.string().max(400).optional(),
  /**
   * Data-only steps (no human term) the trainer ran while the class judged this round, before the
   * steps above (game/training-budget.ts); absent from an older host, or a room saved before them.
   */
  judging: z
    .object({ dSteps: z.number().int().min(0).max(100_000), gSteps: z.number().int().min(0).max(100_000), ms: z.number().min(0).finite() })
    .optional(),
});
export type TrainingReport = z.infer<typeof TrainingReportSchema>;

/** Client → server payload schemas, keyed by event name. */
export const C2S = {
  'host:create': z.object({
    v: z.literal(PROTOCOL_VERSION, { error: `this server speaks protocol ${PROTOCOL_VERSION}; reload the page` }),
    settings: SettingsSchema.partial().default({}),
    levels: z.array(LevelIdSchema).min(1).max(20).optional(),
  }),
  /** Lobby only: change settings and choose/reorder the levels. */
  'host:settings': z.object({
    ...HostAuth,
    settings: SettingsSchema.partial().default({}),
    levels: z.array(LevelIdSchema).min(1).max(20).optional(),
    /** Which lesson cards follow which level (the level's defaults where absent). */
    cards: z.partialRecord(LevelIdSchema, z.array(z.string().regex(/^T\d{2}[a-z]?$/, 'a card id looks like T09 or T16b')).max(10)).optional(),
  }),
  'host:pause': z.object({ ...HostAuth, paused: z.boolean() }),
  /** Adds time to the current judging or coaching deadline. */
  'host:extend': z.object({ ...HostAuth, seconds: z.number().int().min(5).max(300) }),
  'host:kick': z.object({ ...HostAuth, playerId: z.string().min(1).max(64) }),
  'host:lock': z.object({ ...HostAuth, locked: z.boolean() }),
  'host:swap': z.object(HostAuth),
  /** A host page that (re)connects and presents its token to take its room back. */
  'host:resume': z.object(HostAuth),
  'host:start': z.object(HostAuth),
  'host:trainer': z.object({ ...HostAuth, backend: BackendSchema, reason: z.string().max(TRAINER_REASON_MAX) }),
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
    /** A fake vote may carry the spot that gave the image away, tapped before the vote. */
    spot: SpotSchema.optional(),
  }),
  /** Marks (or moves, or with null clears) the giveaway on an image the player called fake, until the round's deadline. */
  'player:flag': z.object({
    pin: PinSchema,
    playerToken: TokenSchema,
    imageId: ImageIdSchema,
    spot: SpotSchema.nullable(),
  }),
  /** A player's answer to a lesson card's check question. */
  'player:answer': z.object({
    pin: PinSchema,
    playerToken: TokenSchema,
    cardId: z.string().regex(/^T\d{2}[a-z]?$/, 'a card id looks like T09 or T16b'),
    choice: z.number().int().min(0).max(9),
  }),
  /** A coach's choice of fakes for the round (replaces their earlier choice). */
  'coach:pick': z.object({ pin: PinSchema, playerToken: TokenSchema, imageIds: z.array(ImageIdSchema).max(24) }),
  /** A coach's vote on the next training phase's knobs. */
  'coach:knobs': z.object({ pin: PinSchema, playerToken: TokenSchema, knobs: KnobsSchema }),
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
  /** A lesson card that is not in the current lesson. */
  UnknownCard: 'unknown_card',
  NotInRound: 'not_in_round',
  NotEnoughPlayers: 'not_enough_players',
  NicknameTaken: 'nickname_taken',
  RoomFull: 'room_full',
  RoomLocked: 'room_locked',
  Kicked: 'kicked',
  Paused: 'paused',
  NotCoach: 'not_coach',
  AlreadyAnswered: 'already_answered',
  /** A lesson card that is in the lesson but not the one on the projector now. */
  NotCurrentCard: 'not_current_card',
  /** The card's answer is already revealed: its question is closed. */
  QuestionClosed: 'question_closed',
  /** A giveaway marked on an image the player did not call fake. */
  NotFake: 'not_fake',
  /** Too many actions too fast from one connection or address; the message says when to try again. */
  RateLimited: 'rate_limited',
  /** A typed nickname the filter refuses (game/nickname-filter.ts). */
  NicknameRefused: 'nickname_refused',
  Internal: 'internal',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Why a room closed on a player: removed by the host, the game over, or the host gone for good. */
export const CLOSED_WHY = ['kicked', 'over', 'host-away'] as const;
export type ClosedWhy = (typeof CLOSED_WHY)[number];

export interface GameError {
  code: ErrorCode;
  message: string;
}

export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: GameError };

/** What each event's acknowledgement carries when it succeeds. */
export interface AckData {
  'host:create': { pin: string; hostToken: string };
  'host:resume': { pin: string };
  'host:settings': object;
  'host:pause': object;
  'host:extend': object;
  'host:kick': object;
  'host:lock': object;
  'host:swap': object;
  /** The answer is locked in, as the shown position it was given in; whether it was right waits for the reveal. */
  'player:answer': { cardId: string; choice: number };
  'coach:pick': { imageIds: string[] };
  'coach:knobs': { knobs: Knobs };
  'host:start': object;
  'host:trainer': object;
  'host:fakes': object;
  'host:progress': object;
  'host:trained': object;
  'host:advance': object;
  'host:end': object;
  'player:join': { playerId: string; playerToken: string; nickname: string };
  'player:vote': { imageId: string; verdict: Verdict };
  'player:flag': { imageId: string; spot: Spot | null };
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
  /** On a fake that players who called it fake tapped: where their taps fell (absent otherwise, and from an older server). */
  giveaway?: GiveawayHeat;
}

/**
 * The class's giveaway taps on one fake, binned (game/giveaway.ts): a bins × bins grid over the image,
 * row by row from the top left, each cell counting the taps in it. Bounded whatever the class's size.
 */
export interface GiveawayHeat {
  bins: number;
  counts: number[];
  /** Taps in all (the sum of counts). */
  taps: number;
}

export interface Interval {
  low: number;
  high: number;
}

export interface RoundSummaryView {
  round: number;
  level: number;
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
  role: Role;
}

export interface TrainerInfo {
  backend: Backend;
  reason: string;
}

export interface TeamStanding {
  role: Role;
  members: number;
  /** Mean score of the team's members, so unequal team sizes compare fairly. */
  score: number;
}

/** One player's game, for the end screen and the teacher. */
export interface PlayerSummary {
  playerId: string;
  nickname: string;
  score: number;
  rank: number;
  /** Correct judgments over judgments made; null before any. */
  accuracy: number | null;
  /** Mean time from the images appearing to the vote, in ms. */
  meanAnswerMs: number | null;
  bestStreak: number;
  /** Accuracy level by level (null where the player judged nothing, e.g. while coaching). */
  /** `levelId` names the level in any language (the screen translates it); `name` is its English name. */
  perLevel: { level: number; levelId: LevelId; name: string; accuracy: number | null; judged: number }[];
}

/**
 * HYPE∞ (Zhou et al. 2019): the human error rate. Each judge's error rate over the images they judged
 * (fakes called real and reals called fake), averaged over judges; 50% means the room cannot tell.
 */
export interface Hype {
  /** Mean over judges of each judge's error rate; null when nobody judged anything. */
  score: number | null;
  /** 95% percentile-bootstrap interval, resampling judges (not votes); null with fewer than two judges. */
  interval: Interval | null;
  /** Mean over judges who judged a fake of their share of fakes called real. */
  fakeError: number | null;
  /** Mean over judges who judged a real image of their share of reals called fake. */
  realError: number | null;
  /** Judges with at least one judgment. */
  judges: number;
}

/** HYPE-style human realism for a level: how often the room took fakes for real and reals for fakes. */
export interface Realism {
  level: number;
  /** Share of judgments on fakes that said "real" (the fooled rate; 50% means the room is at chance). */
  fakeErrorRate: number | null;
  fakeInterval: Interval | null;
  /** Share of judgments on real images that said "fake". */
  realErrorRate: number | null;
  realInterval: Interval | null;
  judgments: number;
  /** HYPE∞ over the level's judges, each judge's judgments pooled over the level's rounds (null for a room saved before it was kept). */
  hype: Hype | null;
}

export interface PausedInfo {
  reason: 'host' | 'host-away';
  since: number;
}

export type HostPhaseView =
  | { kind: 'lobby' }
  | { kind: 'intro'; level: number }
  | { kind: 'generating'; round: number }
  /** The projector never shows the candidate pool: every image in it is a fake. */
  | { kind: 'coaching'; round: number; coachesDone: number; coaches: number; deadline: number }
  | {
      kind: 'judging';
      round: number;
      images: ImageView[];
      deadline: number;
      votesCast: number;
      votesExpected: number;
      /** Connected judges who have not judged every image yet (at most 40 names) and how many in all. */
      waiting: string[];
      waitingCount: number;
    }
  | {
      kind: 'reveal';
      round: number;
      images: RevealImageView[];
      /** Share of votes on fakes that said "real", its interval resampling votes (kept for older clients; the screen shows hype). */
      fooledRate: number | null;
      fooledInterval: Interval | null;
      /**
       * The round's HYPE∞, its interval resampling judges; null for a reveal restored from a room saved
       * before it existed, absent from an older server's view.
       */
      hype?: Hype | null;
      mostFooling: string | null;
      until: number;
    }
  | { kind: 'training'; round: number; progress: TrainingProgress | null; knobs: Knobs | null }
  | { kind: 'leaderboard'; level: number }
  | {
      kind: 'lesson';
      level: number;
      cards: string[];
      /** Per card whose answer has been revealed: how many answered, how many were right (none for the others). */
      answers: Record<string, { answered: number; correct: number }>;
      /** Index into cards of the card on the projector. */
      at: number;
      /** That card's question; null when the lesson has no cards. */
      question: HostLessonQuestion | null;
    }
  | { kind: 'ended'; summaries: PlayerSummary[] };

/**
 * The card on the projector. Choices are given as positions in the room's order (`order[shown]` =
 * the authored index into the card's choices); the class's answers and the right one exist only once revealed.
 */
export type HostLessonQuestion = { id: string; order: number[]; answered: number } & (
  | { revealed: false }
  | {
      revealed: true;
      /** How many picked each shown choice. */
      counts: number[];
      /** The right answer's shown position. */
      answer: number;
    }
);

/** The card on the projector, as one phone sees it: its own answer, and whether it was right only once revealed. */
export type PlayerLessonQuestion = {
  id: string;
  /** order[shown] = authored index into the card's choices. */
  order: number[];
  /** 0-based place of the card in the lesson, and how many cards it has. */
  index: number;
  total: number;
  /** The shown position this player chose; null before they answer. */
  mine: number | null;
} & ({ revealed: false } | { revealed: true; correct: boolean; answer: number });

export interface HostView {
  pin: string;
  settings: Settings;
  /** Server clock when the view was made, so screens can count down to deadlines without trusting their own clock. */
  serverNow: number;
  levels: LevelSpec[];
  /** 1-based index into levels. */
  level: number;
  round: number;
  roundInLevel: number;
  totalRounds: number;
  paused: PausedInfo | null;
  locked: boolean;
  players: { id: string; nickname: string; score: number; connected: boolean; role: Role }[];
  leaderboard: LeaderboardEntry[];
  teams: TeamStanding[] | null;
  trainer: TrainerInfo | null;
  history: RoundSummaryView[];
  /** The current level's human realism so far (null before any judgment). */
  realism: Realism | null;
  phase: HostPhaseView;
}

export interface PlayerRevealImageView extends ImageView {
  truth: Verdict;
  mine: Verdict | null;
  correct: boolean;
  /** The giveaway this player marked on it, if any. */
  spot?: Spot;
}

export type PlayerPhaseView =
  | { kind: 'lobby' }
  | { kind: 'intro'; level: number; name: string; intro: string }
  | { kind: 'generating'; round: number }
  | {
      kind: 'coaching';
      round: number;
      /** Coaches see the candidate fakes and pick; discriminators wait. */
      pool: ImageView[];
      needed: number;
      mine: string[];
      deadline: number;
    }
  | {
      kind: 'judging';
      round: number;
      /** False for a coach, or a player who joined after the round began (they play from the next round). */
      inRound: boolean;
      images: ImageView[];
      deadline: number;
      mine: Record<string, Verdict>;
      /** The giveaways this player has marked, by image (absent from an older server). */
      spots?: Record<string, Spot>;
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
  /** Only the card on the projector: the next one's question is not on a phone before it is on the big screen. */
  | { kind: 'lesson'; level: number; question: PlayerLessonQuestion | null }
  | { kind: 'ended'; summary: PlayerSummary | null };

export interface PlayerView {
  pin: string;
  serverNow: number;
  round: number;
  totalRounds: number;
  level: number;
  /** The level being played, for the screen to name it in its own language; `levelName` is the English name. */
  levelId: LevelId;
  levelName: string;
  playerCount: number;
  paused: PausedInfo | null;
  me: { id: string; nickname: string; score: number; rank: number; streak: number; role: Role };
  /** The player just ahead, so everyone has someone to chase. */
  ahead: { nickname: string; score: number } | null;
  top: LeaderboardEntry[];
  teams: TeamStanding[] | null;
  /** A coach's current vote on the knobs (coaches only). */
  knobs: Knobs | null;
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

/**
 * What the host's trainer is asked to run, whole: the engine builds it (game/engine.ts), the training
 * phase keeps it (so a host page that reloads is asked again), and the server sends it as it is.
 * `levelNumber` is the level's place in the room's campaign, counting from 1 (as Room.level does).
 */
export type TrainerJob =
  | {
      kind: 'generate';
      round: number;
      count: number;
      level: LevelSpec;
      levelNumber: number;
      /** Data-only training once the fakes are sent, until the train job comes (absent in a job saved before it). */
      judging?: JudgingBudget;
    }
  | {
      kind: 'train';
      round: number;
      level: LevelSpec;
      levelNumber: number;
      verdicts: TrainVerdict[];
      /** The planned steps (a minimum where cheap) and, since budgets are seconds, the seconds (game/training-budget.ts). */
      budget: TimedBudget;
      humanWeight: number;
      tunables: Tunables;
      /** The coaches' majority the tunables came from; null without coaches. */
      knobs: Knobs | null;
    };
export type GenerateJob = Extract<TrainerJob, { kind: 'generate' }>;
export type TrainJob = Extract<TrainerJob, { kind: 'train' }>;

export interface VoteCount {
  round: number;
  votesCast: number;
  votesExpected: number;
  waiting: string[];
  waitingCount: number;
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
  /** `reason` in English; `why` for a screen to say it in its own language. */
  'room:closed': (info: { reason: string; why: ClosedWhy }) => void;
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

// ---------------------------------------------------------------- host calls

/** The events only the host may send: each carries the room's PIN and host token. */
export type HostEvent = { [E in C2SEvent]: C2SPayload<E> extends { hostToken: string } ? E : never }[C2SEvent];
export interface HostAuth {
  pin: string;
  hostToken: string;
}
/** What a host call says beyond the room's credentials, which the host page adds to every call. */
export type HostCallPayload<E extends HostEvent> = Omit<C2SPayload<E>, keyof HostAuth>;

// ---------------------------------------------------------------- the room's checkpoint (plain HTTP)

/**
 * The room's generator checkpoint travels over plain HTTP on the custom server (a checkpoint is
 * megabytes; Socket.io messages are capped far lower). The host page PUTs one after each round's
 * training (`?level=N`) and GETs the latest when it reloads (its level in the level header; 204
 * when the room has none yet). Both carry the host token in a header.
 */
export const CheckpointRoute = {
  hostTokenHeader: 'x-host-token',
  levelHeader: 'x-level',
  levelQuery: 'level',
  /** GET the latest; with `level`, the PUT address for a checkpoint made during that (1-based) level. */
  path(pin: string, level?: number): string {
    return `/rooms/${pin}/checkpoint${level === undefined ? '' : `?${CheckpointRoute.levelQuery}=${level}`}`;
  },
  /** The PIN and the `level` query (NaN or 0 where absent or not a number) of a request for this route; null for any other. */
  match(url: string): { pin: string; level: number } | null {
    const m = /^\/rooms\/(\d{6})\/checkpoint(?:\?(.*))?$/.exec(url);
    return m ? { pin: m[1], level: Number(new URLSearchParams(m[2] ?? '').get(CheckpointRoute.levelQuery)) } : null;
  },
} as const;

// ---------------------------------------------------------------- the game's results (plain HTTP)

/** What a host may download at the end of a game: the same two CSVs as the teacher dashboard's. */
export const RESULT_KINDS = ['players', 'votes'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

/**
 * The game's results as CSV files, for any host, signed in or not (an anonymous game is kept in no
 * account): GET with the room's host token in the same header as the checkpoint route's. The server
 * answers 404 for an unknown room (or one it records nowhere), 403 for a wrong token, 400 for a kind
 * that is not one of RESULT_KINDS.
 */
export const ResultsRoute = {
  hostTokenHeader: CheckpointRoute.hostTokenHeader,
  path(pin: string, kind: ResultKind): string {
    return `/rooms/${pin}/csv/${kind}`;
  },
  /** The PIN and the kind as asked (not yet checked against RESULT_KINDS) of a request for this route; null for any other. */
  match(url: string): { pin: string; kind: string } | null {
    const m = /^\/rooms\/(\d{6})\/csv\/([^/?]*)(?:\?.*)?$/.exec(url);
    return m ? { pin: m[1], kind: m[2] } : null;
  },
  isKind: (kind: string): kind is ResultKind => (RESULT_KINDS as readonly string[]).includes(kind),
} as const;
