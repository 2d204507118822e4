/**
 * `npm run bench:load`: bots on socket.io-client play the full protocol against the real production
 * server (`npm start`, on a free port of 127.0.0.1 with a temporary DATA_DIR, a fresh one for every
 * measurement), with a scripted host that is a LOAD DRIVER (scripts/load/driver-host.ts: random
 * images, synthetic training reports; it trains nothing, but uploads a real-size checkpoint after
 * every training as a real host does). Then the same bots replay the same message pattern against a
 * bare Socket.io echo server (scripts/load/echo-server.ts) and the two throughputs are compared.
 *
 *   npm run bench:load                       both scenarios: 1 room × 2,000 players, 100 rooms × 30
 *   npm run bench:load -- --only=many        one scenario (big | many)
 *   npm run bench:load -- --pattern=burst    players tap back to back, each vote once the last is acknowledged
 *                                            (a capacity test: the server sets the pace); default `human`:
 *                                            each player's votes fall at random moments within 2 s
 *   npm run bench:load -- --players=500      the big room's size; --rooms=20 --per-room=30 for the other
 *   npm run bench:load -- --uploads=both     each game scenario twice, hosts uploading a checkpoint after every
 *                                            training and not, with the relative change of vote-ack p99 (default);
 *                                            `on` or `off`: once, with or without
 *   npm run bench:load -- --level=strokes    the level every room plays, whose real checkpoint is uploaded
 *   npm run bench:load -- --pattern=class    capacity at the classroom pace (below)
 *   npm run bench:load -- --url=http://127.0.0.1:3000 --pid=1234   a server already running (votes then not counted from its database)
 *   npm run bench:load -- --no-pin           bots and server share every core (default: bots on CPU 0, servers on the rest)
 *   npm run bench:load -- --max-rss-mb=8000  stop a measurement whose server grows past this (a shared machine)
 *
 * `--pattern=class`: rooms of --per-room (30) players at the classroom pace: each player casts each
 * vote of a round at a random moment within the round (--round-seconds, 20, less the last second so a
 * refusal means the server fell behind, not the schedule), without waiting for acks; the host reveals
 * for --reveal-seconds (8), "trains" for --train-seconds (5), then uploads its checkpoint; rooms start
 * spread evenly over one such cycle, as teachers start when they start; each room plays --rounds (3).
 * It searches for the largest number of rooms one server process holds with vote-ack p99 ≤ 150 ms and
 * no vote lost: a fresh server per step, doubling from --start (5) while steps pass (up to --max-rooms,
 * 400), then bisecting between the largest pass and the smallest failure until they are within 10%
 * (--resolution=0.1). With --uploads=both (default) it searches with uploads, then without, and prints
 * p99 with and without at the room counts both searches tried. A quick run: --rounds=1 --round-seconds=10 --reveal-seconds=2 --train-seconds=1.
 *
 * Prints one JSON object. All traffic stays on 127.0.0.1; every wait is bounded.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../server/db/client';
import { LEVEL_IDS, type LevelId } from '../game/protocol';
import { Bot, type LoadStats, type TapPattern, newStats, voteThroughput } from './load/bot';
import { type HostCheckpoint, hostCheckpoint } from './load/checkpoint';
import { DriverHost, LOAD_DRIVER_NOTE, connectSocket, loadSocket, request } from './load/driver-host';
import { type Probe, ackSummary, bounds, nextRooms, relativeChange, startOffsets } from './load/measure';
import { memoryMB, round, sampler, serverProcess } from './load/proc';
import { freePort } from '../server/process-helpers';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const arg = (name: string, fallback?: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const num = (name: string, fallback: number) => {
  const v = Number(arg(name, String(fallback)));
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} must be a non-negative number, not "${arg(name)}"`);
  return v;
};
const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
  const v = arg(name, fallback) as T;
  if (!allowed.includes(v)) throw new Error(`--${name} is one of ${allowed.join(', ')}, not "${v}"`);
  return v;
};

const ROUNDS = 2;
const IMAGES = 6;
/** Every player casts every vote of a round within this long of seeing its images. */
const WINDOW_MS = 2000;
const RECONNECT_SHARE = 0.05;
const SCENARIO_LIMIT_MS = 240_000;
const TARGETS = { p99VoteAckMs: 150, votesLost: 0 };

type Pattern = TapPattern | 'class';
const pattern = oneOf<Pattern>('pattern', ['human', 'burst', 'class'], 'human');
const uploadsMode = oneOf('uploads', ['on', 'off', 'both'] as const, 'both');
const level = oneOf<LevelId>('level', LEVEL_IDS, 'strokes');
const maxRssMB = num('max-rss-mb', 8000);

/** The class pattern's pace. */
const CLASS = {
  rounds: Math.max(1, Math.round(num('rounds', 3))),
  roundSeconds: Math.max(5, Math.round(num('round-seconds', 20))),
  revealSeconds: Math.max(1, Math.round(num('reveal-seconds', 8))),
  trainSeconds: num('train-seconds', 5),
  perRoom: Math.max(1, Math.round(num('per-room', 30))),
};
/** Votes go out within the round less its last second: a refusal then means the server fell behind by a second, not a vote scheduled at the bell. */
const classWindowMs = (CLASS.roundSeconds - 1) * 1000;
/** One room's cycle: judging, reveal, training. Rooms start spread over one. */
const classCycleMs = (CLASS.roundSeconds + CLASS.revealSeconds + CLASS.trainSeconds) * 1000;

const PATTERN_NOTE: Record<Pattern, string> = {
  human: `each player casts every vote at a random moment within ${WINDOW_MS} ms of seeing the images, without waiting for acks (as the phone page does)`,
  burst: `each player starts within ${WINDOW_MS} ms, then votes back to back, each as soon as the previous is acknowledged`,
  class:
    `classroom pace: each player casts each of the round's ${IMAGES} votes at a random moment within the first ${classWindowMs / 1000} s of a ${CLASS.roundSeconds} s round, ` +
    `without waiting for acks; reveal ${CLASS.revealSeconds} s, training ${CLASS.trainSeconds} s (simulated), rooms started evenly over one ${classCycleMs / 1000} s cycle`,
};

/**
 * The bots are the load, not the system under test: on a machine of several cores they run on CPU 0
 * and the servers (game and bare alike) on the others, so neither side's measurement includes time
 * the scheduler gave the other, as it would not on a real network of phones. `taskset` is util-linux's.
 */
const serverCpus = (() => {
  const n = cpus().length;
  if (process.argv.includes('--no-pin') || n < 2) return null;
  const pinned = spawnSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
  return pinned.status === 0 ? (n === 2 ? '1' : `1-${n - 1}`) : null;
})();

/** Spawns a process (on the servers' CPUs) and waits for a line matching `ready` on its output. */
function spawnUntil(cmd: string, args: string[], env: Record<string, string>, ready: RegExp, ms: number): Promise<ChildProcess> {
  if (serverCpus) [cmd, args] = ['taskset', ['-c', serverCpus, cmd, ...args]];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${cmd} ${args.join(' ')} not ready in ${ms} ms:\n${out.slice(-2000)}`)), ms);
    const onData = (b: Buffer) => {
      out += b.toString();
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (b: Buffer) => {
      out += b.toString();
      if (process.env.BENCH_VERBOSE) process.stderr.write(b);
    });
    child.on('exit', (code) => reject(new Error(`${cmd} exited (${code}) before it was ready:\n${out.slice(-2000)}`)));
  });
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid!, 'SIGTERM');
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 15_000);
  await exited;
  clearTimeout(timer);
}

/** Connects bots `concurrency` at a time (a thundering herd of 2,000 handshakes is a different benchmark). */
async function connectAll(bots: Bot[], concurrency = 100): Promise<number> {
  let joined = 0;
  for (let i = 0; i < bots.length; i += concurrency) {
    const results = await Promise.all(bots.slice(i, i + concurrency).map((b) => b.join()));
    joined += results.filter(Boolean).length;
  }
  return joined;
}

function summarize(stats: LoadStats, playMs: number, extraMessages: number) {
  return {
    voteAckMs: ackSummary(stats.latencies),
    votesSent: stats.votesSent,
    votesAcked: stats.votesAcked,
    votesPerSecWhileVoting: round(voteThroughput(stats)),
    messagesPerSec: round((stats.messages + extraMessages) / (playMs / 1000)),
    reconnects: stats.reconnects,
    errors: stats.errors,
  };
}

// ---------------------------------------------------------------- the server under test

interface Target {
  url: string;
  pid: number;
  /** Stops the server (if this run started it) and counts the votes in its database (null: not ours to count). */
  finish(): Promise<{ stored: number | null }>;
  /** Set when the RSS guard stopped the server mid-measurement. */
  killed: string | null;
}

async function countStoredVotes(dataDir: string): Promise<number> {
  const db = await openDatabase({ dataDir });
  try {
    const rows = (await db.db.execute(sql`select count(*)::int as n from votes`)) as unknown as { rows: { n: number }[] };
    return rows.rows[0].n;
  } finally {
    await db.close();
  }
}

/** A fresh production server on a fresh database, or the one given by --url. */
async function startTarget(): Promise<Target> {
  const given = arg('url');
  if (given) return { url: given, pid: Number(arg('pid', '0')), finish: async () => ({ stored: null }), killed: null };
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gan-load-'));
  process.stderr.write(`  starting the production server (npm start) on 127.0.0.1:${port}, DATA_DIR=${dataDir}\n`);
  const server = await spawnUntil(
    'npm',
    ['start', '--silent'],
    // No room-creation limit gets in the way of one address opening every room of the benchmark.
    { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || '.next-load', DATABASE_URL: '', ROOM_CREATION_LIMIT: '100000' },
    /GAN Arena ready/,
    600_000,
  );
  const pid = serverProcess(server.pid!);
  const target: Target = {
    url: `http://127.0.0.1:${port}`,
    pid,
    killed: null,
    async finish() {
      clearInterval(guard);
      await stop(server);
      try {
        return { stored: target.killed ? null : await countStoredVotes(dataDir) };
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
  // The machine is shared: a server that balloons is stopped, and the measurement says so.
  const guard = setInterval(() => {
    try {
      const { rss } = memoryMB(pid);
      if (rss > maxRssMB && !target.killed) {
        target.killed = `server RSS ${Math.round(rss)} MB passed --max-rss-mb=${maxRssMB}: stopped`;
        process.stderr.write(`  ${target.killed}\n`);
        process.kill(-server.pid!, 'SIGKILL');
      }
    } catch {
      // exited
    }
  }, 250);
  return target;
}

// ---------------------------------------------------------------- one game measurement

interface GameOptions {
  rooms: number;
  perRoom: number;
  pattern: Pattern;
  /** The checkpoint every host uploads after every training; null: no uploads. */
  checkpoint: HostCheckpoint | null;
}

async function gameScenario(target: Target, o: GameOptions) {
  const { url, pid } = target;
  const cls = o.pattern === 'class';
  const rounds = cls ? CLASS.rounds : ROUNDS;
  const settings = cls
    ? { roundSeconds: CLASS.roundSeconds, imagesPerRound: IMAGES, roundsPerLevel: rounds, revealSeconds: CLASS.revealSeconds, stepScale: 0.05 }
    : { roundSeconds: 20, imagesPerRound: IMAGES, roundsPerLevel: rounds, revealSeconds: 1, stepScale: 0.05 };
  const stats = newStats();
  const driver = { level, checkpoint: o.checkpoint?.bytes, trainMs: cls ? CLASS.trainSeconds * 1000 : 0 };
  const all = Array.from({ length: o.rooms }, () => new DriverHost(url, driver));
  const hostFailures: string[] = [];
  // Ten rooms at a time, like teachers opening their projectors; a room that cannot be created is reported, not fatal.
  for (let i = 0; i < all.length; i += 10) {
    await Promise.all(all.slice(i, i + 10).map((h) => h.create(settings).catch((err) => hostFailures.push(String(err)))));
  }
  const hosts = all.filter((h) => h.pin);
  const botPattern: TapPattern = o.pattern === 'burst' ? 'burst' : 'human';
  const windowMs = cls ? classWindowMs : WINDOW_MS;
  const bots = hosts.flatMap((h) =>
    Array.from({ length: o.perRoom }, () => new Bot({ url, pin: h.pin, stats, reconnects: Math.random() < RECONNECT_SHARE, pattern: botPattern, windowMs })),
  );
  const joined = await connectAll(bots);
  process.stderr.write(`  ${hosts.length} rooms, ${joined} of ${bots.length} players joined${o.checkpoint ? `; hosts upload ${o.checkpoint.bytes.length} bytes after every training` : '; no uploads'}\n`);
  for (const h of hosts.slice(0, 1)) h.onJudging = (r) => process.stderr.write(`  room ${h.pin}: round ${r} judging\n`);
  const hostMessages0 = hosts.reduce((s, h) => s + h.stats.messages, 0);
  const messages0 = stats.messages;
  const measure = sampler(pid);
  const bots0 = sampler(process.pid);
  const t0 = performance.now();
  const offsets = startOffsets(hosts.length, cls ? classCycleMs : 0);
  const limitMs = cls ? classCycleMs * (rounds + 1) + 120_000 : SCENARIO_LIMIT_MS;
  await Promise.all(
    hosts.map((h, i) =>
      new Promise((r) => setTimeout(r, offsets[i])).then(() => h.start().catch((err) => void h.stats.errors.push(String(err)))),
    ),
  );
  const done = Promise.all(hosts.map((h) => h.finished));
  const limit = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), limitMs).unref());
  const killed = new Promise<'killed'>((r) => {
    const t = setInterval(() => target.killed && (clearInterval(t), r('killed')), 250).unref();
    void done.finally(() => clearInterval(t));
  });
  const outcome = await Promise.race([done.then(() => 'done' as const), limit, killed]);
  if (outcome === 'timeout') process.stderr.write(`  not finished within ${limitMs / 1000} s; collecting what was measured\n`);
  // Every vote answered (each waits at most 30 s for its ack) and every upload answered (at most 120 s).
  await Promise.all([...bots.map((b) => b.settled()), ...hosts.map((h) => h.uploadsSettled())]);
  const playMs = performance.now() - t0;
  let server: ReturnType<ReturnType<typeof sampler>['stop']> & { rssAtEndMB?: number };
  try {
    server = { ...measure.stop(), rssAtEndMB: round(memoryMB(pid).rss) };
  } catch {
    server = { cpuSeconds: 0, cpuPercentOfOneCore: 0, peakRssMB: 0, wallSeconds: round(playMs / 1000) };
  }
  const botsUsage = bots0.stop();
  const hostMessages = hosts.reduce((s, h) => s + h.stats.messages, 0) - hostMessages0;
  const summary = summarize({ ...stats, messages: stats.messages - messages0 }, playMs, hostMessages);
  if (!target.killed) await Promise.all(hosts.map((h) => h.end().catch(() => undefined)));
  for (const b of bots) b.close();
  for (const h of hosts) h.socket.disconnect();
  const up = hosts.map((h) => h.stats.uploads);
  const uploadMs = ackSummary(up.flatMap((u) => u.ms));
  return {
    scenario: `${o.rooms} room(s) × ${o.perRoom} players, ${rounds} rounds of ${IMAGES} images, ${PATTERN_NOTE[o.pattern]}`,
    uploads: o.checkpoint
      ? { bytesEach: o.checkpoint.bytes.length, sent: up.reduce((s, u) => s + u.sent, 0), ok: up.reduce((s, u) => s + u.ok, 0), ms: { p50: uploadMs.p50, p99: uploadMs.p99, max: uploadMs.max } }
      : null,
    roomsCreated: hosts.length,
    joined,
    completed: outcome === 'done',
    playSeconds: round(playMs / 1000),
    ...summary,
    hostErrors: [...hostFailures, ...hosts.flatMap((h) => h.stats.errors)].slice(0, 10),
    server,
    bots: { cpuPercentOfOneCore: botsUsage.cpuPercentOfOneCore, peakRssMB: botsUsage.peakRssMB },
    killed: target.killed,
  };
}

type GameResult = Awaited<ReturnType<typeof gameScenario>>;

/** One game measurement on a server of its own, with the votes its database holds afterwards. */
async function measured(o: GameOptions) {
  const target = await startTarget();
  let game: GameResult;
  try {
    game = await gameScenario(target, o);
  } catch (err) {
    await target.finish().catch(() => undefined);
    throw err;
  }
  const { stored } = await target.finish();
  const unacked = game.votesSent - game.votesAcked;
  const lostAfterAck = stored === null ? null : Math.max(0, game.votesAcked - stored);
  return { game, serverPid: target.pid, votes: { sent: game.votesSent, acked: game.votesAcked, stored, unacked, lostAfterAck } };
}

// ---------------------------------------------------------------- the burst scenarios

async function echoScenario(rooms: number, perRoom: number) {
  const port = await freePort();
  const echo = await spawnUntil(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/load/echo-server.ts'], { PORT: String(port) }, /echo ready/, 60_000);
  try {
    const url = `http://127.0.0.1:${port}`;
    const pid = serverProcess(echo.pid!);
    const stats = newStats();
    const bots = Array.from(
      { length: rooms * perRoom },
      () => new Bot({ url, pin: '000000', stats, reconnects: Math.random() < RECONNECT_SHARE, pattern: pattern === 'burst' ? 'burst' : 'human', windowMs: WINDOW_MS }),
    );
    await connectAll(bots);
    const control = loadSocket(url);
    await connectSocket(control);
    const messages0 = stats.messages;
    const measure = sampler(pid);
    const t0 = performance.now();
    for (let r = 1; r <= ROUNDS; r++) {
      await request(control, 'bench:round', { round: r, images: IMAGES });
      // Let the views arrive, then wait for every bot's votes.
      await new Promise((res) => setTimeout(res, 200));
      await Promise.all(bots.map((b) => b.settled()));
    }
    const playMs = performance.now() - t0;
    const server = measure.stop();
    const summary = summarize({ ...stats, messages: stats.messages - messages0 }, playMs, 0);
    control.disconnect();
    for (const b of bots) b.close();
    return { ...summary, server };
  } finally {
    await stop(echo);
  }
}

const ackOnly = (g: GameResult) => g.voteAckMs;

async function burstScenarios(checkpoint: HostCheckpoint | null, report: Record<string, unknown>) {
  const only = arg('only');
  const scenarios = [
    { name: 'big' as const, rooms: 1, perRoom: Number(arg('players', '2000')) },
    { name: 'many' as const, rooms: Number(arg('rooms', '100')), perRoom: Number(arg('per-room', '30')) },
  ].filter((s) => !only || s.name === only);
  const totals = { acked: 0, stored: 0 as number | null, lost: 0 };
  const variants: (HostCheckpoint | null)[] = uploadsMode === 'both' ? [null, checkpoint] : [uploadsMode === 'on' ? checkpoint : null];
  for (const sc of scenarios) {
    const runs: { uploads: boolean; game: GameResult }[] = [];
    for (const cp of variants) {
      process.stderr.write(`> ${sc.name}: game server, ${cp ? 'hosts uploading checkpoints' : 'no checkpoint uploads'}\n`);
      const m = await measured({ rooms: sc.rooms, perRoom: sc.perRoom, pattern, checkpoint: cp });
      runs.push({ uploads: cp !== null, game: m.game });
      report.serverPid = m.serverPid;
      totals.acked += m.votes.acked;
      if (m.votes.stored === null || totals.stored === null) totals.stored = null;
      else {
        totals.stored += m.votes.stored;
        totals.lost += m.votes.lostAfterAck ?? 0;
      }
    }
    process.stderr.write(`> ${sc.name}: bare Socket.io echo server, same pattern\n`);
    const bare = await echoScenario(sc.rooms, sc.perRoom);
    // The headline run is the realistic one: hosts uploading, unless --uploads=off.
    const game = runs[runs.length - 1].game;
    const without = runs.find((r) => !r.uploads)?.game;
    const entry: Record<string, unknown> = {
      game,
      bare,
      throughputVsBare: bare.votesPerSecWhileVoting ? round(game.votesPerSecWhileVoting / bare.votesPerSecWhileVoting, 2) : null,
      messagesVsBare: bare.messagesPerSec ? round(game.messagesPerSec / bare.messagesPerSec, 2) : null,
    };
    if (uploadsMode === 'both' && without) {
      entry.gameWithoutUploads = without;
      entry.uploadEffect = {
        withoutUploads: ackOnly(without),
        withUploads: ackOnly(game),
        p99Change: relativeChange(without.voteAckMs.p99, game.voteAckMs.p99),
        target: 'at most +10%',
      };
    }
    process.stderr.write(`${JSON.stringify({ [sc.name]: entry })}\n`);
    report[sc.name] = entry;
  }
  report.votes =
    totals.stored === null ? { acked: totals.acked, stored: null, note: 'a running server was reused: count its votes table yourself' } : { acked: totals.acked, stored: totals.stored, lost: totals.lost };
}

// ---------------------------------------------------------------- the class-pace capacity search

/** Why a step misses the targets (empty: it meets them). */
function misses(rooms: number, perRoom: number, m: Awaited<ReturnType<typeof measured>>): string[] {
  const g = m.game;
  const why: string[] = [];
  if (g.killed) why.push(g.killed);
  if (g.roomsCreated < rooms) why.push(`${rooms - g.roomsCreated} rooms not created`);
  if (g.joined < rooms * perRoom) why.push(`${rooms * perRoom - g.joined} players could not join`);
  if (!g.completed) why.push('not every room finished in time');
  if (m.votes.unacked > 0) why.push(`${m.votes.unacked} votes not acknowledged (${JSON.stringify(g.errors)})`);
  if (m.votes.lostAfterAck) why.push(`${m.votes.lostAfterAck} acknowledged votes missing from the database`);
  if (g.voteAckMs.p99 === null || g.voteAckMs.p99 > TARGETS.p99VoteAckMs) why.push(`vote-ack p99 ${g.voteAckMs.p99} ms > ${TARGETS.p99VoteAckMs} ms`);
  if (g.hostErrors.length) why.push(`host errors: ${g.hostErrors.slice(0, 3).join('; ')}`);
  return why;
}

function stepRecord(rooms: number, perRoom: number, m: Awaited<ReturnType<typeof measured>>) {
  const g = m.game;
  const why = misses(rooms, perRoom, m);
  return {
    rooms,
    players: rooms * perRoom,
    joined: g.joined,
    votesSent: m.votes.sent,
    votesAcked: m.votes.acked,
    votesStored: m.votes.stored,
    votesLost: m.votes.unacked + (m.votes.lostAfterAck ?? 0),
    voteAckMs: g.voteAckMs,
    votesPerSecWhileVoting: g.votesPerSecWhileVoting,
    uploads: g.uploads,
    server: { peakRssMB: g.server.peakRssMB, rssAtEndMB: g.server.rssAtEndMB ?? null, cpuPercentOfOneCore: g.server.cpuPercentOfOneCore },
    bots: g.bots,
    playSeconds: g.playSeconds,
    errors: g.errors,
    ok: why.length === 0,
    why,
  };
}

type Step = ReturnType<typeof stepRecord>;

/** One capacity search, uploading `checkpoint` after every training (none: null). */
async function search(checkpoint: HostCheckpoint | null, opts: { start: number; max: number; resolution: number }) {
  const { perRoom } = CLASS;
  const probes: Probe[] = [];
  const steps: Step[] = [];
  for (let rooms = nextRooms(probes, opts); rooms !== null; rooms = nextRooms(probes, opts)) {
    process.stderr.write(`> class pace, ${checkpoint ? 'hosts uploading checkpoints' : 'no checkpoint uploads'}: ${rooms} rooms × ${perRoom} players\n`);
    const step = stepRecord(rooms, perRoom, await measured({ rooms, perRoom, pattern: 'class', checkpoint }));
    steps.push(step);
    probes.push({ rooms, ok: step.ok });
    process.stderr.write(`${JSON.stringify(step)}\n`);
  }
  const { pass, fail } = bounds(probes);
  return { capacity: { rooms: pass, players: pass * perRoom, firstFailure: fail }, steps };
}

async function classCapacity(checkpoint: HostCheckpoint | null, report: Record<string, unknown>) {
  const opts = { start: Math.max(1, Math.round(num('start', 5))), max: Math.max(1, Math.round(num('max-rooms', 400))), resolution: num('resolution', 0.1) };
  report.method =
    `A fresh production server per step; ${PATTERN_NOTE.class}; each room plays ${CLASS.rounds} round(s) of one level (${level}); ` +
    `with uploads, each host uploads ${checkpoint ? checkpoint.bytes.length : '(none)'} bytes after every training. ` +
    `A step passes when every room is created and finishes, every player joins, every vote is acknowledged and in the database, ` +
    `host calls and uploads all succeed, and vote-ack p99 ≤ ${TARGETS.p99VoteAckMs} ms. Rooms double from ${opts.start} while steps pass ` +
    `(at most ${opts.max}), then bisect between the largest pass and the smallest failure until within ${opts.resolution * 100}%. ` +
    `--uploads=both searches with uploads, then without, and compares p99 at the room counts both tried.`;
  report.settings = { ...CLASS, votingWindowSeconds: classWindowMs / 1000, startSpreadSeconds: classCycleMs / 1000, level, ...opts };
  const withUploads = uploadsMode === 'off' ? null : await search(checkpoint, opts);
  if (withUploads) report.withUploads = withUploads;
  const withoutUploads = uploadsMode === 'on' ? null : await search(null, opts);
  if (withoutUploads) report.withoutUploads = withoutUploads;
  // The figure: as a real class plays, hosts uploading, unless --uploads=off.
  report.capacity = (withUploads ?? withoutUploads)!.capacity;
  if (withUploads && withoutUploads) {
    report.uploadEffect = withUploads.steps.flatMap((w) => {
      const o = withoutUploads.steps.find((s) => s.rooms === w.rooms);
      return o ? [{ rooms: w.rooms, p99WithoutUploads: o.voteAckMs.p99, p99WithUploads: w.voteAckMs.p99, p99Change: relativeChange(o.voteAckMs.p99, w.voteAckMs.p99) }] : [];
    });
  }
}

async function main() {
  const uploading = uploadsMode !== 'off';
  const checkpoint = uploading ? await hostCheckpoint(level) : null;
  const report: Record<string, unknown> = {
    note: `Host is a ${LOAD_DRIVER_NOTE}. ${
      serverCpus ? `Bots on CPU 0, servers on CPU ${serverCpus}` : 'Bots and server share the CPUs'
    } of this machine's ${cpus().length}. A fresh server and database for every game measurement.`,
    pattern,
    uploads: uploadsMode,
    checkpoint: checkpoint
      ? {
          level,
          bytes: checkpoint.bytes.length,
          what: 'what the host page uploads after each training (GanTrainer.save(): float32 weights and Adam moments of G and D), made from the level checkpoint',
          shipped: checkpoint.shipped,
          shippedBytes: checkpoint.shippedBytes,
        }
      : null,
    targets: pattern === 'class' ? TARGETS : { ...TARGETS, throughputVsBare: 0.8 },
  };
  if (pattern === 'class') await classCapacity(checkpoint, report);
  else await burstScenarios(checkpoint, report);
  console.log(JSON.stringify(report, null, 2));
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
