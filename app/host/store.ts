'use client';
import { create } from 'zustand';
import type { HostView, RoundSummaryView, TrainerInfo, TrainingProgress, VoteCount } from '@/game/protocol';
import { type RoomLoss, trainingLoss } from '@/game/lessons/room';

/** One training step's losses, with the level and loss family it ran under (see recordLoss). */
export interface LossSample extends RoomLoss {
  /** Steps since the session began, for the live chart's x axis. */
  step: number;
}

/** Real images a lesson card may show per level: enough for one row on the projector. */
export const REAL_IMAGES_PER_LEVEL = 12;

export type TrainerStatus =
  | { kind: 'loading' }
  | { kind: 'ready'; info: TrainerInfo }
  | { kind: 'busy'; info: TrainerInfo; task: string }
  | { kind: 'failed'; message: string };

interface HostState {
  pin: string | null;
  error: string | null;
  connected: boolean;
  view: HostView | null;
  votes: Omit<VoteCount, 'round'> | null;
  /** The teacher chose to put the names of those still judging on the projector. */
  showWaiting: boolean;
  progress: TrainingProgress | null;
  /**
   * Every loss the trainer reported this session, each tagged with its level and loss family, so
   * a chart or card can show one level's curve under its own name (levelLossCurve in game/lessons/room).
   */
  losses: LossSample[];
  /** The real images the room was shown in reveals, by 1-based level (lesson cards T01, T15). */
  realImages: Record<number, string[]>;
  /** The data-only steps the trainer ran while the class judged a round (game/training-budget.ts); null: none yet. */
  judged: { round: number; steps: number } | null;
  /** The trainer's batch size, for lesson card T07; null until the trainer says. */
  batchSize: number | null;
  trainer: TrainerStatus;
  checksum: number | null;
  /** The generator's image from one fixed z after each training, oldest first (lesson T04). */
  samplesOverTime: { step: number; image: string }[];
  /** A walk between two fixed latent vectors with the current generator (lesson T17). */
  interpolation: string[];
  set(patch: Partial<Omit<HostState, 'set' | 'reset' | 'recordLoss'>>): void;
  /** Appends one training step's losses, tagged with the level and loss the view says are training. */
  recordLoss(p: { dLoss: number; gLoss: number }): void;
  reset(): void;
}

const initialState = {
  pin: null,
  error: null,
  connected: false,
  view: null,
  votes: null,
  showWaiting: false,
  progress: null,
  losses: [] as LossSample[],
  realImages: {} as Record<number, string[]>,
  judged: null as { round: number; steps: number } | null,
  batchSize: null,
  trainer: { kind: 'loading' } as TrainerStatus,
  checksum: null,
  samplesOverTime: [],
  interpolation: [],
};

/**
 * Tags the untagged tail of a loss history with the level and loss now training. The trainer
 * appends untagged samples through set({ losses }) (app/host/trainer.ts); recordLoss tags at once.
 */
export function tagLosses(losses: LossSample[], view: HostView | null): LossSample[] {
  let i = losses.length;
  while (i > 0 && losses[i - 1].level === undefined) i--;
  if (i === losses.length || !view) return losses;
  const tag = trainingLoss(view);
  return [...losses.slice(0, i), ...losses.slice(i).map((l) => ({ ...l, ...tag }))];
}

/** Adds the real images of a reveal to what the room has seen of its level's dataset. */
export function collectRealImages(seen: Record<number, string[]>, view: HostView): Record<number, string[]> {
  if (view.phase.kind !== 'reveal') return seen;
  const had = seen[view.level] ?? [];
  const fresh = view.phase.images.filter((im) => im.truth === 'real' && !had.includes(im.pixels)).map((im) => im.pixels);
  if (fresh.length === 0 || had.length >= REAL_IMAGES_PER_LEVEL) return seen;
  return { ...seen, [view.level]: [...had, ...fresh].slice(0, REAL_IMAGES_PER_LEVEL) };
}

export const useHost = create<HostState>()((set) => ({
  ...initialState,
  set: (patch) =>
    set((s) => {
      const next = { ...patch };
      const view = patch.view ?? s.view;
      if (patch.losses) next.losses = tagLosses(patch.losses, view);
      if (patch.view) next.realImages = collectRealImages(patch.realImages ?? s.realImages, patch.view);
      return next;
    }),
  recordLoss: (p) =>
    set((s) => ({ losses: [...s.losses, { step: s.losses.length + 1, d: p.dLoss, g: p.gLoss, ...(s.view ? trainingLoss(s.view) : {}) }] })),
  reset: () => set(initialState),
}));

export type { RoundSummaryView };

const KEY = 'gan-arena:host';

/** The host token lives in this tab's session storage: a reload takes the room back, a new tab hosts a new game. */
export function savedHost(): { pin: string; hostToken: string } | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as { pin: string; hostToken: string }) : null;
  } catch {
    return null;
  }
}
export const saveHost = (pin: string, hostToken: string) => sessionStorage.setItem(KEY, JSON.stringify({ pin, hostToken }));
export const forgetHost = () => sessionStorage.removeItem(KEY);
