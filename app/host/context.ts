'use client';
import { createContext, useContext } from 'react';
import type { C2SEvent } from '@/game/protocol';

export type HostEvent = Extract<C2SEvent, `host:${string}`>;

export interface HostActions {
  /** Sends a host event with this room's PIN and token; errors land in the store. */
  send(event: HostEvent, extra?: Record<string, unknown>): Promise<void>;
  /** Forgets this tab's room and opens a new one. */
  newGame(): void;
}

export const HostContext = createContext<HostActions | null>(null);

export function useHostActions(): HostActions {
  const a = useContext(HostContext);
  if (!a) throw new Error('useHostActions outside HostScreen');
  return a;
}
