'use client';
/**
 * What the host page knows about its own computer (the set-up check, game/setup.ts) and about the
 * trainer's signs of life (for the wait that offers Retry or Skip). Kept apart from the room's store
 * (store.ts): it describes this browser, not the room, and outlives a Retry.
 */
import { create } from 'zustand';
import type { Costs, PresetId, StepCost } from '@/game/setup';
import type { BackendInfo, TrainingTiming } from '@/ml/trainer-client';

export interface SetupState {
  /** The backend the trainer chose, with the device it runs on where the browser names it. */
  backend: BackendInfo | null;
  /** Measured cost per step, by costKey (model shape and batch size). */
  costs: Costs;
  /** What each timing trained (a DCGAN timed as the MLP it becomes on the plain CPU backend). */
  timings: Record<string, TrainingTiming>;
  /** Timings asked for and done so far (null: none under way). */
  measuring: { done: number; total: number } | null;
  benchError: string | null;
  /** The preset the page chose for this computer on its own (the teacher may choose another). */
  autoChosen: PresetId | null;
  /** The URL named a preset: the page proposes but never changes it by itself. */
  explicitPreset: boolean;
  /** Date.now() of the trainer's last sign of life: a job taken, a step, a timing, a result sent. */
  lastSign: number | null;
  /** The trainer's last failure and when, so a wait can offer Retry at once. */
  failure: { at: number; message: string } | null;
  set(patch: Partial<Omit<SetupState, 'set' | 'addCost' | 'alive'>>): void;
  addCost(key: string, timing: TrainingTiming): void;
  alive(): void;
}

export const useSetup = create<SetupState>()((set) => ({
  backend: null,
  costs: {},
  timings: {},
  measuring: null,
  benchError: null,
  autoChosen: null,
  explicitPreset: false,
  lastSign: null,
  failure: null,
  set: (patch) => set(patch),
  addCost: (key, timing) =>
    set((s) => {
      const cost: StepCost = { msD: timing.msD, msG: timing.msG };
      return { costs: { ...s.costs, [key]: cost }, timings: { ...s.timings, [key]: timing }, lastSign: Date.now() };
    }),
  alive: () => set({ lastSign: Date.now() }),
}));
