'use client';
import { create } from 'zustand';
import type { PlayerView } from '@/game/protocol';
import type { SoloSave } from '@/game/solo';
import type { StepProgress } from '@/ml/trainer-client';

export type TrainerState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ready'; backend: string; reason: string; task: string | null };

interface SoloState {
  save: SoloSave | null;
  view: PlayerView | null;
  trainer: TrainerState;
  progress: StepProgress | null;
  /** Steps per second of the last training round, as the trainer measured it. */
  stepsPerSec: number | null;
  error: string | null;
  /** Date.now() of the generator's last sign of life (a job begun, a step, images drawn), for the wait that offers Retry. */
  lastSign: number | null;
  /** The generator's last failure and when. */
  failure: { at: number; message: string } | null;
  set: (patch: Partial<Omit<SoloState, 'set' | 'reset'>>) => void;
  reset: () => void;
}

const initialState = { save: null, view: null, trainer: { kind: 'idle' } as TrainerState, progress: null, stepsPerSec: null, error: null, lastSign: null, failure: null };

export const useSolo = create<SoloState>()((set) => ({
  ...initialState,
  set: (patch) => set(patch),
  reset: () => set(initialState),
}));
