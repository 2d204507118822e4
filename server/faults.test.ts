/**
 * Faults: a host that drops mid-training gets the job again when it resumes; a client that stops
 * reading is cut off before its queue grows without bound; a server killed mid-round (SIGKILL, a real
 * process on a real data directory) comes back with the room, every acknowledged vote and the host's
 * checkpoint (a file under DATA_DIR, referenced from the database).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Socket, io as connect } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { CheckpointRoute, type HostView, PROTOCOL_VERSION, SOCKET_PATH, type PlayerView, type TrainerJob } from '../game/protocol';
import { type ServerProcess, killServerProcess, startServerProcess } from './process-helpers';
import { type Client, call, client, hostGame, joinPlayer, next, useServer, startJudging } from './test-client';

useServer({ slowClient: { maxPackets: 50, maxBytes: 512 * 1024, everyMs: 100 } });

async function toJudging(g: { host: Client; pin: string; hostToken: string }, players: { c: Client }[], images = 6) {
  const shown = await startJudging(g, players[0].c, (i) => (i * 13) % 256);
  expect(shown).toHaveLength(images);
  return shown.map((i) => i.id);
}

describe('a host that drops mid-training', () => {
  it('gets the training job again when it resumes, and the round finishes', async () => {
    const g = await hostGame({ roundSeconds: 60, roundsPerLevel: 1, stepScale: 0.05 });
    const ada = await joinPlayer(g.pin, 'Ada');
    const ids = await toJudging(g, [ada]);
    const train = next<TrainerJob>(g.host, 'trainer:job', (j) => j.kind === 'train');
    for (const imageId of ids) expect((await call(ada.c, 'player:vote', { pin: g.pin, playerToken: ada.token, imageId, verdict: 'real' })).ok).toBe(true);
    const first = await train;
    const paused = next<PlayerView>(ada.c, 'room:player', (v) => v.paused?.reason === 'host-away');
    g.host.disconnect();
    expect((await paused).phase.kind).toBe('training');

    const again = client();
    const resent = next<TrainerJob>(again, 'trainer:job');
    expect((await call(again, 'host:resume', { pin: g.pin, hostToken: g.hostToken })).ok).toBe(true);
    const job = await resent;
    expect(job).toEqual(first);
    await call(again, 'host:trainer', { pin: g.pin, hostToken: g.hostToken, backend: 'cpu', reason: 'reloaded' });
    const done = next<HostView>(again, 'room:host', (v) => v.phase.kind === 'leaderboard');
    const report = { dSteps: 2, gSteps: 2, dLoss: 1, gLoss: 1, humanLoss: 0.5, dReal: 0.5, dFake: 0.5, stepsPerSec: 1, ms: 10, backend: 'cpu', checksumBefore: 1, checksumAfter: 2 };
    expect((await call(again, 'host:trained', { pin: g.pin, hostToken: g.hostToken, round: 1, report })).ok).toBe(true);
    expect((await done).history[0].report).toMatchObject({ checksumAfter: 2 });
  });
});

describe('a client that stops reading', () => {
  it('is disconnected once its queue passes the bound, and the others play on', async () => {
    const g = await hostGame({ roundSeconds: 300, imagesPerRound: 24 });
    const stalled = await joinPlayer(g.pin, 'Stalled');
    const bo = await joinPlayer(g.pin, 'Bo');
    await toJudging(g, [bo], 24);
    // Stop reading at the TCP level: the kernel buffers fill, then the server's queue for this socket grows.
    const engine = (stalled.c as unknown as { io: { engine: { transport: { ws: { _socket: { pause(): void } } } } } }).io.engine;
    engine.transport.ws._socket.pause();
    const gone = next<HostView>(g.host, 'room:host', (v) => v.players.find((p) => p.id === stalled.id)?.connected === false, 60_000);
    let seen = false;
    void gone.then(() => (seen = true));
    // Every pause and resume sends every player a full view of 24 images (~25 KB).
    for (let i = 0; i < 2000 && !seen; i++) {
      expect((await call(g.host, 'host:pause', { pin: g.pin, hostToken: g.hostToken, paused: i % 2 === 0 })).ok).toBe(true);
    }
    await gone;
    // The reader that kept up is still here and still voting.
    const view = next<PlayerView>(bo.c, 'room:player', (v) => v.paused === null && v.phase.kind === 'judging');
    await call(g.host, 'host:pause', { pin: g.pin, hostToken: g.hostToken, paused: false });
    const v = await view;
    if (v.phase.kind !== 'judging') throw new Error();
    expect((await call(bo.c, 'player:vote', { pin: g.pin, playerToken: bo.token, imageId: v.phase.images[0].id, verdict: 'real' })).ok).toBe(true);
  });
});

describe('a server killed mid-round', () => {
  const started: ServerProcess[] = [];
  const sockets: Socket[] = [];
  let dataDir = '';
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    for (const p of started.splice(0)) await killServerProcess(p);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  const to = (url: string) => {
    const s = connect(url, { path: SOCKET_PATH, transports: ['websocket'], forceNew: true, reconnection: false }) as unknown as Client;
    sockets.push(s as unknown as Socket);
    return s;
  };

  it('comes back from its data directory with the room, every acknowledged vote and the checkpoint', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'gan-restart-'));
    const first = await startServerProcess({ DATA_DIR: dataDir });
    started.push(first);
    const host = to(first.url);
    const created = await call(host, 'host:create', { v: PROTOCOL_VERSION, settings: { roundSeconds: 120, revealSeconds: 1 } });
    const { pin, hostToken } = created as unknown as { pin: string; hostToken: string };
    const players = [];
    for (const name of ['Ada', 'Bo', 'Cy']) {
      const c = to(first.url);
      const ack = await call(c, 'player:join', { v: PROTOCOL_VERSION, pin, nickname: name });
      expect(ack.ok).toBe(true);
      players.push({ c, token: ack.playerToken as string, id: ack.playerId as string });
    }
    const ids = await toJudging({ host, pin, hostToken }, players);
    // The host's trainer uploaded its checkpoint after an earlier training.
    const checkpoint = new Uint8Array(300_000).map((_, i) => (i * 31) & 255);
    const headers = { [CheckpointRoute.hostTokenHeader]: hostToken };
    expect((await fetch(`${first.url}${CheckpointRoute.path(pin, 1)}`, { method: 'PUT', headers, body: checkpoint })).status).toBe(200);
    expect(readdirSync(path.join(dataDir, 'checkpoints'))).toHaveLength(1);
    // Each player has two votes acknowledged, then the process dies without any warning.
    const acked: string[] = [];
    for (const p of players) {
      for (const imageId of ids.slice(0, 2)) {
        const ack = await call(p.c, 'player:vote', { pin, playerToken: p.token, imageId, verdict: 'fake' });
        expect(ack.ok).toBe(true);
        acked.push(`${p.id}:${imageId}`);
      }
    }
    await killServerProcess(first, 'SIGKILL');

    const second = await startServerProcess({ DATA_DIR: dataDir });
    started.push(second);
    expect(second.output()).toMatch(/1 rooms? restored/);
    const host2 = to(second.url);
    const hostView = next<HostView>(host2, 'room:host');
    expect((await call(host2, 'host:resume', { pin, hostToken })).ok).toBe(true);
    const hv = await hostView;
    expect(hv.paused?.reason).toBe('host-away');
    if (hv.phase.kind !== 'judging') throw new Error(`expected judging, got ${hv.phase.kind}`);
    expect(hv.phase.votesCast).toBe(acked.length);
    // The reloaded host page resumes from the room's own checkpoint, read back from its file.
    const got = await fetch(`${second.url}${CheckpointRoute.path(pin)}`, { headers });
    expect(got.status).toBe(200);
    expect(got.headers.get(CheckpointRoute.levelHeader)).toBe('1');
    expect(Buffer.from(await got.arrayBuffer()).equals(Buffer.from(checkpoint))).toBe(true);
    expect(existsSync(path.join(dataDir, 'checkpoints'))).toBe(true);
    await call(host2, 'host:trainer', { pin, hostToken, backend: 'cpu', reason: 'back after a restart' });

    // Players come back with their tokens and find their votes.
    for (const p of players) {
      const c = to(second.url);
      const view = next<PlayerView>(c, 'room:player');
      expect((await call(c, 'player:join', { v: PROTOCOL_VERSION, pin, playerToken: p.token })).ok).toBe(true);
      const v = await view;
      if (v.phase.kind !== 'judging') throw new Error();
      expect(Object.keys(v.phase.mine).sort()).toEqual(ids.slice(0, 2).sort());
      // A vote already acknowledged before the crash cannot be cast twice.
      expect(await call(c, 'player:vote', { pin, playerToken: p.token, imageId: ids[0], verdict: 'real' })).toMatchObject({ error: { code: 'duplicate_vote' } });
    }
    const reveal = next<HostView>(host2, 'room:host', (v) => v.phase.kind === 'reveal');
    await call(host2, 'host:advance', { pin, hostToken });
    const rv = await reveal;
    if (rv.phase.kind !== 'reveal') throw new Error();
    expect(rv.phase.images.reduce((s, i) => s + i.realVotes + i.fakeVotes, 0)).toBe(acked.length);
  });
});
