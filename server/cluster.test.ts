/**
 * Two real server processes with the Socket.io Redis adapter (server/cluster.ts): the host sits on
 * one, the players on the other (as sticky routing would place them), and they play a round. Starts
 * Debian's redis-server on a free port when none answers on 6379; skipped where it is not installed.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect as tcp } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Socket, io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HostView, PROTOCOL_VERSION, SOCKET_PATH, type PlayerView, type TrainerJob } from '../game/protocol';
import { type ServerProcess, freePort, killServerProcess, startServerProcess } from './process-helpers';
import { type Client, call, fake, next } from './test-client';

const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = tcp(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

let redisUrl = 'redis://127.0.0.1:6379';
let ownRedis: ChildProcess | null = null;
const servers: ServerProcess[] = [];
const sockets: Socket[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  if (await answers(6379)) return;
  if (!hasRedis) return;
  const port = await freePort();
  ownRedis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  redisUrl = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100 && !(await answers(port)); i++) await new Promise((r) => setTimeout(r, 50));
});

afterAll(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  for (const p of servers.splice(0)) await killServerProcess(p, 'SIGTERM');
  ownRedis?.kill();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const to = (url: string) => {
  const s = connect(url, { path: SOCKET_PATH, transports: ['websocket'], forceNew: true, reconnection: false });
  sockets.push(s);
  return s as unknown as Client;
};

async function member(id: string) {
  const dir = mkdtempSync(path.join(tmpdir(), `gan-cluster-${id}-`));
  dirs.push(dir);
  const p = await startServerProcess({ REDIS_URL: redisUrl, SERVER_ID: `test-${id}-${process.pid}`, DATA_DIR: dir });
  servers.push(p);
  return p;
}

describe.skipIf(!hasRedis && !process.env.REDIS_URL)('two server processes behind Redis', () => {
  it('plays a round with the host on one process and the players on the other', async () => {
    const [a, b] = await Promise.all([member('a'), member('b')]);
    expect(a.output()).toMatch(/cluster member/);

    const host = to(a.url);
    const created = await call(host, 'host:create', { v: PROTOCOL_VERSION, settings: { roundSeconds: 60, revealSeconds: 1, roundsPerLevel: 1, stepScale: 0.05 } });
    expect(created.ok).toBe(true);
    const { pin, hostToken } = created as unknown as { pin: string; hostToken: string };

    // Players join through the other process: their events are forwarded to the room's owner.
    const players: { c: Client; token: string; id: string }[] = [];
    for (const name of ['Ada', 'Bo']) {
      const c = to(b.url);
      const lobby = next<PlayerView>(c, 'room:player');
      const ack = await call(c, 'player:join', { v: PROTOCOL_VERSION, pin, nickname: name });
      expect(ack).toMatchObject({ ok: true, nickname: name });
      expect((await lobby).phase.kind).toBe('lobby');
      players.push({ c, token: ack.playerToken as string, id: ack.playerId as string });
    }
    // Refusals come back from the owner too.
    expect(await call(to(b.url), 'player:join', { v: PROTOCOL_VERSION, pin, nickname: 'Ada' })).toMatchObject({ error: { code: 'nickname_taken' } });
    expect(await call(to(b.url), 'player:join', { v: PROTOCOL_VERSION, pin: pin === '000000' ? '000001' : '000000' })).toMatchObject({ error: { code: 'no_such_game' } });

    const job = next<TrainerJob>(host, 'trainer:job');
    expect((await call(host, 'host:start', { pin, hostToken })).ok).toBe(true);
    expect((await call(host, 'host:advance', { pin, hostToken })).ok).toBe(true);
    const j = await job;
    if (j.kind !== 'generate') throw new Error();
    // Views for players on process b are emitted by process a, through the Redis adapter.
    const judging = players.map((p) => next<PlayerView>(p.c, 'room:player', (v) => v.phase.kind === 'judging'));
    await call(host, 'host:fakes', { pin, hostToken, round: 1, images: Array.from({ length: j.count }, (_, i) => fake(i * 9)) });
    const views = await Promise.all(judging);
    const phase = views[0].phase;
    if (phase.kind !== 'judging') throw new Error();

    const reveal = players.map((p) => next<PlayerView>(p.c, 'room:player', (v) => v.phase.kind === 'reveal'));
    const train = next<TrainerJob>(host, 'trainer:job', (x) => x.kind === 'train');
    for (const p of players) {
      for (const img of phase.images) {
        expect(await call(p.c, 'player:vote', { pin, playerToken: p.token, imageId: img.id, verdict: 'real' })).toMatchObject({ ok: true, imageId: img.id });
        if (img === phase.images[0]) {
          expect(await call(p.c, 'player:vote', { pin, playerToken: p.token, imageId: img.id, verdict: 'fake' })).toMatchObject({ error: { code: 'duplicate_vote' } });
        }
      }
    }
    for (const r of await Promise.all(reveal)) expect(r.phase.kind).toBe('reveal');
    const t = await train;
    if (t.kind !== 'train') throw new Error();
    for (const v of t.verdicts) expect(v.votes).toBe(2);

    const board = players.map((p) => next<PlayerView>(p.c, 'room:player', (v) => v.phase.kind === 'leaderboard'));
    const report = { dSteps: 1, gSteps: 1, dLoss: 1, gLoss: 1, humanLoss: 1, dReal: 0.5, dFake: 0.5, stepsPerSec: 1, ms: 1, backend: 'cpu', checksumBefore: 1, checksumAfter: 2 };
    expect((await call(host, 'host:trained', { pin, hostToken, round: 1, report })).ok).toBe(true);
    await Promise.all(board);

    // A player who leaves process b is seen leaving by the owner.
    const left = next<HostView>(host, 'room:host', (v) => v.players.find((p) => p.id === players[1].id)?.connected === false, 10_000);
    players[1].c.disconnect();
    await left;
  });
});
