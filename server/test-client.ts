/** Test helpers: the real application on port 0 and typed socket.io-clients that speak to it. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Socket, io as connect } from 'socket.io-client';
import { afterEach, beforeEach, expect } from 'vitest';
import {
  type ClientToServerEvents,
  IMAGE_BYTES,
  type ImageView,
  PROTOCOL_VERSION,
  type PlayerView,
  SOCKET_PATH,
  type ServerToClientEvents,
  type TrainerJob,
  decodePixels,
  encodePixels,
} from '../game/protocol';
import { type Application, type Deps, createApplication } from './app';
import { fileImages } from './images';
import { memoryStore } from './store';

export let app: Application;
export let url: string;
const clients: Client[] = [];

/** Starts a fresh server before each test of the calling file and closes it after. */
export function useServer(extra: Partial<Deps> = {}) {
  beforeEach(async () => {
    const http = createServer((req, res) => {
      if (!app.handleHttp(req, res)) {
        res.statusCode = 404;
        res.end();
      }
    });
    app = createApplication(http, { clock: Date.now, store: memoryStore(), images: fileImages(), log: () => {}, ...extra });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.disconnect();
    await app.close();
  });
}

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;


/** A fresh connection; `headers` go on its handshake (e.g. X-Forwarded-For, as a proxy would add). */
export function client(headers?: Record<string, string>): Client {
  const c: Client = connect(url, { path: SOCKET_PATH, transports: ['websocket'], forceNew: true, ...(headers ? { extraHeaders: headers } : {}) });
  clients.push(c);
  return c;
}

/** Emits with an acknowledgement and resolves with it. */
export function call(c: Client, event: string, payload: unknown): Promise<{ ok: boolean; error?: { code: string; message: string } } & Record<string, unknown>> {
  return new Promise((resolve) => (c as unknown as { emit(...a: unknown[]): void }).emit(event, payload, resolve));
}

/** Resolves with the first message of `event` that satisfies `pred`, or fails after a while. */
export function next<T>(c: Client, event: keyof ServerToClientEvents, pred: (x: T) => boolean = () => true, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    const fn = (x: T) => {
      if (!pred(x)) return;
      clearTimeout(timer);
      c.off(event, fn as never);
      resolve(x);
    };
    c.on(event, fn as never);
  });
}

export const fake = (v: number) => encodePixels(new Uint8Array(IMAGE_BYTES).fill(v));

/**
 * Whether a shown image is one of `sent` as the server shows it: it changes every image a little
 * (game/disguise.ts), so a test that recognises its own fakes compares closely, not byte for byte.
 */
export function isShownAs(shown: string, sent: readonly string[], tolerance = 3): boolean {
  const a = decodePixels(shown);
  return sent.some((s) => {
    const b = decodePixels(s);
    let d = 0;
    for (let i = 0; i < a.length; i++) d += Math.abs(a[i] - b[i]);
    return d / a.length <= tolerance;
  });
}

export async function hostGame(settings: Record<string, number | boolean> = {}) {
  const host = client();
  const created = await call(host, 'host:create', { v: PROTOCOL_VERSION, settings: { revealSeconds: 1, ...settings } });
  expect(created.ok).toBe(true);
  const { pin, hostToken } = created as unknown as { pin: string; hostToken: string };
  expect(pin).toMatch(/^\d{6}$/);
  return { host, pin, hostToken };
}

export async function joinPlayer(pin: string, nickname?: string) {
  const c = client();
  const seen: unknown[] = [];
  c.onAny((event, payload) => seen.push({ event, payload }));
  const ack = await call(c, 'player:join', { v: PROTOCOL_VERSION, pin, nickname });
  expect(ack.ok).toBe(true);
  return { c, seen, token: ack.playerToken as string, id: ack.playerId as string, nickname: ack.nickname as string };
}


/**
 * Starts the game and plays the host's part up to judging: past the level intro, answers the trainer's
 * generate job with fakes shaded by `shade(i)`, and resolves with the images `watcher` is shown.
 */
export async function startJudging(
  g: { host: Client; pin: string; hostToken: string },
  watcher: Client,
  shade: (i: number) => number = (i) => i,
): Promise<ImageView[]> {
  const job = next<TrainerJob>(g.host, 'trainer:job');
  await call(g.host, 'host:start', { pin: g.pin, hostToken: g.hostToken });
  await call(g.host, 'host:advance', { pin: g.pin, hostToken: g.hostToken });
  const j = await job;
  if (j.kind !== 'generate') throw new Error('expected a generate job');
  const judging = next<PlayerView>(watcher, 'room:player', (v) => v.phase.kind === 'judging');
  await call(g.host, 'host:fakes', { pin: g.pin, hostToken: g.hostToken, round: 1, images: Array.from({ length: j.count }, (_, i) => fake(shade(i))) });
  const view = await judging;
  if (view.phase.kind !== 'judging') throw new Error('expected judging');
  return view.phase.images;
}
