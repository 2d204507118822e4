/** A test harness for the engine: a hand-moved clock, a seeded rng, events applied like the server would. */
import { expect } from 'vitest';
import { type Ctx, type GameEvent, type Result, createRoom, realsWanted, reduce } from './engine';
import { IMAGE_BYTES, type LevelId, type Settings, encodePixels } from './protocol';
import { seededRng } from './rng';
import type { Room } from './state';

export const HOST = 'host-token-0123456789';
export const px = (v: number) => encodePixels(new Uint8Array(IMAGE_BYTES).fill(v));

/** A tiny harness: a clock we move by hand and a seeded rng, applying events like the server would. */
export function harness(settings: Partial<Settings> = {}, levels: LevelId[] = ['noise']) {
  let now = 1_000_000;
  const rng = seededRng(42);
  let state: Room = createRoom({ pin: '123456', hostToken: HOST, settings: { imagesPerRound: 6, ...settings }, levels }, { now });
  const ctx = (): Ctx => ({ now, rng });
  const h = {
    get state() {
      return state;
    },
    at(t: number) {
      now = t;
      return h;
    },
    later(ms: number) {
      now += ms;
      return h;
    },
    get now() {
      return now;
    },
    send(event: GameEvent): Result {
      const r = reduce(state, event, ctx());
      if (!r.error) state = r.state;
      else expect(r.state).toBe(state); // a refusal never changes anything
      return r;
    },
    join(nickname?: string) {
      const i = state.players.length;
      const r = h.send({ type: 'join', playerId: `p${i}`, token: `player-token-${i}-abcdef`, nickname });
      expect(r.error).toBeUndefined();
      return r;
    },
    /** Start (past the level intro) and answer the fakes request, ending in judging (or coaching with teams). */
    startRound(first = true) {
      if (first) {
        expect(h.send({ type: 'start', hostToken: HOST }).error).toBeUndefined();
        expect(state.phase.kind).toBe('intro');
        expect(h.send({ type: 'advance', hostToken: HOST }).error).toBeUndefined();
      }
      expect(state.phase.kind).toBe('generating');
      const pool = state.phase.kind === 'generating' ? state.phase.pool : 0;
      const r = h.send({
        type: 'fakes',
        hostToken: HOST,
        round: state.round,
        images: Array.from({ length: pool }, (_, i) => px(7 + i)),
        reals: Array.from({ length: realsWanted(state) }, () => px(200)),
      });
      expect(r.error).toBeUndefined();
      expect(['judging', 'coaching']).toContain(state.phase.kind);
    },
    images() {
      if (state.phase.kind !== 'judging') throw new Error(`not judging but ${state.phase.kind}`);
      return state.phase.images;
    },
    vote(i: number, imageId: string, verdict: 'real' | 'fake') {
      return h.send({ type: 'vote', token: `player-token-${i}-abcdef`, imageId, verdict });
    },
  };
  return h;
}

