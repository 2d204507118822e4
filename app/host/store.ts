'use client';
import { create } from 'zustand';
import type { HostView, RoundSummaryView, TrainerInfo, TrainingProgress, VoteCount } from '@/game/protocol';

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
  /** Every loss the trainer reported this session, for the live chart. */
  losses: { step: number; d: number; g: number }[];
  trainer: TrainerStatus;
  checksum: number | null;
  /** The generator's image from one fixed z after each training, oldest first (lesson T04). */
  samplesOverTime: { step: number; image: string }[];
  /** A walk between two fixed latent vectors with the current generator (lesson T17). */
  interpolation: string[];
  set(patch: Partial<Omit<HostState, 'set' | 'reset'>>): void;
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
  losses: [],
  trainer: { kind: 'loading' } as TrainerStatus,
  checksum: null,
  samplesOverTime: [],
  interpolation: [],
};

export const useHost = create<HostState>()((set) => ({
  ...initialState,
  set: (patch) => set(patch),
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
