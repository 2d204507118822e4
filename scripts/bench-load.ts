/**
 * `npm run bench:load`: bots on socket.io-client play the full protocol against the real production
 * server (`npm start`, on a free port of 127.0.0.1 with a temporary DATA_DIR), with a scripted host
 * that is a LOAD DRIVER (scripts/load/driver-host.ts: random images, synthetic training reports; it
 * trains nothing). Then the same bots replay the same message pattern against a bare Socket.io echo
 * server (scripts/load/echo-server.ts) and the two throughputs are compared.
 *
 *   npm run bench:load                       both scenarios: 1 room × 2,000 players, 100 rooms × 30
 *   npm run bench:load -- --only=many        one scenario (big | many)
 *   npm run bench:load -- --pattern=burst    players tap back to back, each vote once the last is acknowledged
 *                                            (a capacity test: the server sets the pace); default `human`:
 *                                            each player's votes fall at random moments within 2 s
 *   npm run bench:load -- --players=500      the big room's size; --rooms=20 --per-room=30 for the other
 *   npm run bench:load -- --url=http://127.0.0.1:3000 --pid=1234   a server already running (votes then not counted from its database)
 *   npm run bench:load -- --no-pin           bots and server share every core (default: bots on CPU 0, servers on the rest)
 *
 * Prints one JSON object. All traffic stays on 127.0.0.1; every wait is bounded.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../server/db/client';
import { Bot, type LoadStats, type TapPattern, newStats, voteThroughput } from './load/bot';
import { DriverHost, LOAD_DRIVER_NOTE, connectSocket, loadSocket, request } from './load/driver-host';
import { round, sampler, serverProcess } from './load/proc';
import { freePort } from '../server/process-helpers';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const arg = (name: string, fallback?: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;

const ROUNDS = 2;
const IMAGES = 6;
/** Every player casts every vote of a round within this long of seeing its images. */
const WINDOW_MS = 2000;
const RECONNECT_SHARE = 0.05;
const SCENARIO_LIMIT_MS = 240_000;

const pattern = (arg('pattern', 'human') === 'burst' ? 'burst' : 'human') as TapPattern;
const PATTERN_NOTE: Record<TapPattern, string> = {
  human: `each player casts every vote at a random moment within ${WINDOW_MS} ms of seeing the images, without waiting for acks (as the phone page does)`,
  burst: `each player starts within ${WINDOW_MS} ms, then votes back to back, each as soon as the previous is acknowledged`,
};

const newBot = (url: string, pin: string, stats: LoadStats) =>
  new Bot({ url, pin, stats, reconnects: Math.random() < RECONNECT_SHARE, pattern, windowMs: WINDOW_MS });

interface Scenario {
  name: 'big' | 'many';
  rooms: number;
  perRoom: number;
}

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
  if (child.exitCode !== null) return;
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

function percentile(sorted: number[], p: number) {
  if (!sorted.length) return null;
  return round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))], 1);
}

function summarize(stats: LoadStats, playMs: number, extraMessages: number) {
  const sorted = [...stats.latencies].sort((a, b) => a - b);
  return {
    voteAckMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: percentile(sorted, 100) },
    votesSent: stats.votesSent,
    votesAcked: stats.votesAcked,
    votesPerSecWhileVoting: round(voteThroughput(stats)),
    messagesPerSec: round((stats.messages + extraMessages) / (playMs / 1000)),
    reconnects: stats.reconnects,
    errors: stats.errors,
  };
}

async function gameScenario(url: string, pid: number, sc: Scenario) {
  const stats = newStats();
  const all = Array.from({ length: sc.rooms }, () => new DriverHost(url));
  const hostFailures: string[] = [];
  // Ten rooms at a time, like teachers opening their projectors; a room that cannot be created is reported, not fatal.
  for (let i = 0; i < all.length; i += 10) {
    await Promise.all(
      all.slice(i, i + 10).map((h) =>
        h.create({ roundSeconds: 20, imagesPerRound: IMAGES, roundsPerLevel: ROUNDS, revealSeconds: 1, stepScale: 0.05 }).catch((err) => hostFailures.push(String(err))),
      ),
    );
  }
  const hosts = all.filter((h) => h.pin);
  const bots = hosts.flatMap((h) => Array.from({ length: sc.perRoom }, () => newBot(url, h.pin, stats)));
  const joined = await connectAll(bots);
  process.stderr.write(`  ${joined} of ${bots.length} players joined\n`);
  for (const h of hosts.slice(0, 1)) h.onJudging = (r) => process.stderr.write(`  room ${h.pin}: round ${r} judging\n`);
  const hostMessages0 = hosts.reduce((s, h) => s + h.stats.messages, 0);
  const messages0 = stats.messages;
  const measure = sampler(pid);
  const t0 = performance.now();
  await Promise.all(hosts.map((h) => h.start()));
  const done = Promise.all(hosts.map((h) => h.finished));
  const limit = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), SCENARIO_LIMIT_MS).unref());
  const outcome = await Promise.race([done.then(() => 'done' as const), limit]);
  if (outcome === 'timeout') process.stderr.write(`  not finished within ${SCENARIO_LIMIT_MS / 1000} s; collecting what was measured\n`);
  await Promise.all(bots.map((b) => b.settled()));
  const playMs = performance.now() - t0;
  const server = measure.stop();
  const hostMessages = hosts.reduce((s, h) => s + h.stats.messages, 0) - hostMessages0;
  const summary = summarize({ ...stats, messages: stats.messages - messages0 }, playMs, hostMessages);
  await Promise.all(hosts.map((h) => h.end()));
  for (const b of bots) b.close();
  return {
    scenario: `${sc.rooms} room(s) × ${sc.perRoom} players, ${ROUNDS} rounds of ${IMAGES} images, ${PATTERN_NOTE[pattern]}`,
    joined,
    completed: outcome === 'done',
    playSeconds: round(playMs / 1000),
    ...summary,
    hostErrors: [...hostFailures, ...hosts.flatMap((h) => h.stats.errors)].slice(0, 10),
    server,
  };
}

async function echoScenario(sc: Scenario) {
  const port = await freePort();
  const echo = await spawnUntil(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/load/echo-server.ts'], { PORT: String(port) }, /echo ready/, 60_000);
  try {
    const url = `http://127.0.0.1:${port}`;
    const pid = serverProcess(echo.pid!);
    const stats = newStats();
    const bots = Array.from({ length: sc.rooms * sc.perRoom }, () => newBot(url, '000000', stats));
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

async function countStoredVotes(dataDir: string): Promise<number> {
  const db = await openDatabase({ dataDir });
  try {
    const rows = (await db.db.execute(sql`select count(*)::int as n from votes`)) as unknown as { rows: { n: number }[] };
    return rows.rows[0].n;
  } finally {
    await db.close();
  }
}

async function main() {
  const only = arg('only');
  const scenarios: Scenario[] = [
    { name: 'big' as const, rooms: 1, perRoom: Number(arg('players', '2000')) },
    { name: 'many' as const, rooms: Number(arg('rooms', '100')), perRoom: Number(arg('per-room', '30')) },
  ].filter((s) => !only || s.name === only);

  let url = arg('url');
  let pid = Number(arg('pid', '0'));
  let server: ChildProcess | null = null;
  let dataDir: string | null = null;
  if (!url) {
    const port = await freePort();
    dataDir = mkdtempSync(path.join(tmpdir(), 'gan-load-'));
    process.stderr.write(`> starting the production server (npm start) on 127.0.0.1:${port}, DATA_DIR=${dataDir}\n`);
    server = await spawnUntil(
      'npm',
      ['start', '--silent'],
      { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || '.next-load', DATABASE_URL: '' },
      /GAN Arena ready/,
      600_000,
    );
    url = `http://127.0.0.1:${port}`;
    pid = serverProcess(server.pid!);
  }
  const report: Record<string, unknown> = {
    note: `Host is a ${LOAD_DRIVER_NOTE}. ${
      serverCpus ? `Bots on CPU 0, servers on CPU ${serverCpus}` : 'Bots and server share the CPUs'
    } of this machine's ${cpus().length}.`,
    serverPid: pid,
    targets: { p99VoteAckMs: 150, votesLost: 0, throughputVsBare: 0.8 },
  };
  let acked = 0;
  try {
    for (const sc of scenarios) {
      process.stderr.write(`> ${sc.name}: game server\n`);
      const game = await gameScenario(url, pid, sc);
      acked += game.votesAcked;
      process.stderr.write(`> ${sc.name}: bare Socket.io echo server, same pattern\n`);
      const bare = await echoScenario(sc);
      process.stderr.write(`${JSON.stringify({ [sc.name]: { game, bare } })}\n`);
      report[sc.name] = {
        game,
        bare,
        throughputVsBare: bare.votesPerSecWhileVoting ? round(game.votesPerSecWhileVoting / bare.votesPerSecWhileVoting, 2) : null,
        messagesVsBare: bare.messagesPerSec ? round(game.messagesPerSec / bare.messagesPerSec, 2) : null,
      };
    }
  } finally {
    if (server) await stop(server);
  }
  if (dataDir) {
    const stored = await countStoredVotes(dataDir);
    report.votes = { acked, stored, lost: Math.max(0, acked - stored) };
    rmSync(dataDir, { recursive: true, force: true });
  } else {
    report.votes = { acked, stored: null, note: 'a running server was reused: count its votes table yourself' };
  }
  console.log(JSON.stringify(report, null, 2));
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
