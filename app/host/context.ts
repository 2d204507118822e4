'use client';
import { createContext, useContext } from 'react';
import type { C2SPayload, HostAuth, HostCallPayload, HostEvent } from '@/game/protocol';

export type { HostEvent };

/** A host call's whole payload: what the caller says, plus the room's credentials. */
export function hostPayload<E extends HostEvent>(auth: HostAuth, extra: HostCallPayload<E> | undefined): C2SPayload<E> {
  // Sound by construction: HostCallPayload<E> is C2SPayload<E> less exactly the keys of HostAuth, but
  // TypeScript cannot see that Omit<T, K> & Pick<T, K> is T while E is still generic.
  return { ...auth, ...extra } as C2SPayload<E>;
}

/** A call whose payload is nothing but the credentials takes no second argument. */
type ExtraArgs<E extends HostEvent> = object extends HostCallPayload<E> ? [extra?: HostCallPayload<E>] : [extra: HostCallPayload<E>];

export interface HostActions {
  /** Sends a host event with this room's PIN and token; errors land in the store. */
  send<E extends HostEvent>(event: E, ...extra: ExtraArgs<E>): Promise<void>;
  /** Forgets this tab's room and opens a new one. */
  newGame(): void;
  /** Restarts a stuck trainer from the room's latest checkpoint and asks for the room's job again. */
  retryTrainer(): void;
}

export const HostContext = createContext<HostActions | null>(null);

export function useHostActions(): HostActions {
  const a = useContext(HostContext);
  if (!a) throw new Error('useHostActions outside HostScreen');
  return a;
}
