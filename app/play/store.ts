'use client';
import { create } from 'zustand';
import type { PlayerView, TrainingProgress, Verdict } from '@/game/protocol';

/** The player's screen state. Views come from the server; the rest is what this device is doing. */
interface PlayState {
  status: 'form' | 'joining' | 'playing';
  error: string | null;
  connected: boolean;
  view: PlayerView | null;
  /** Live training progress between views. */
  progress: TrainingProgress | null;
  /** Votes sent but not yet acknowledged, so the buttons answer at once. */
  pending: Record<string, Verdict>;
  set(patch: Partial<Omit<PlayState, 'set' | 'reset'>>): void;
  reset(): void;
}

const initialState = {
  status: 'form' as const,
  error: null,
  connected: false,
  view: null,
  progress: null,
  pending: {},
};

export const usePlay = create<PlayState>()((set) => ({
  ...initialState,
  set: (patch) => set(patch),
  reset: () => set(initialState),
}));

const tokenKey = (pin: string) => `gan-arena:player:${pin}`;

/** The player token is kept per PIN so a reload or a dropped connection comes back as the same player. */
export const savedToken = (pin: string) => (typeof localStorage === 'undefined' ? null : localStorage.getItem(tokenKey(pin)));
export const saveToken = (pin: string, token: string) => localStorage.setItem(tokenKey(pin), token);
export const forgetToken = (pin: string) => localStorage.removeItem(tokenKey(pin));
