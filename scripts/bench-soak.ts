/**
 * `npm run bench:soak`: memory that comes back. One process runs the game server (the application of
 * server/app.ts on the embedded database in a temporary DATA_DIR, checkpoints as files, exactly as
 * server/index.ts composes it, without Next's pages) and plays --games (1,000) short games through it,
 * --concurrent (25) at a time: a load-driver host (scripts/load/driver-host.ts) and --players (3) bots
 * each, one round of --images (4), every vote cast, a real-size checkpoint uploaded after the training.
 * The hosts leave the way hosts do, in turn: end the game and close the tab; close the tab mid-game;
 * go on to host another game on the same page (which ends at once).
 *
 * The rooms' graces are shortened (--grace-seconds, 3, for both an ended game and a host who left;
 * 30 minutes and 10 minutes in class), so the run waits for them after the last game and then reads
 * the rooms held. Memory (RSS and V8 heap, after a full GC) is read at the start, once it has settled
 * (after the first --settle (100) games and their graces), and at the end; the bots run in the same
 * process but every one of them is closed with its game, so what stays is the server's.
 *
 *   npm run bench:soak                       1,000 games
 *   npm run bench:soak -- --games=200        a quicker run
 *
 * Prints one JSON object; exits 1 when rooms are still held at the end.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApplication } from '../server/app';
import { fileCheckpoints } from '../server/checkpoints';
import { openDatabase } from '../server/db/client';
import { fileImages } from '../server/images';
import { roomCreationBucket } from '../server/rate-limit';
import { dbRecorder } from '../server/recorder';
import { memoryStore } from '../server/store';
import { PROTOCOL_VERSION } from '../game/protocol';
import { Bot, newStats } from './load/bot';
import { DriverHost, request } from './load/driver-host';

const arg = (name: string, fallback: number) => {
  const raw = process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const v = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number, not "${raw}"`);
  return v;
};
const GAMES = Math.round(arg('games', 1000));
const CONCURRENT = Math.round(arg('concurrent', 25));
const PLAYERS = Math.round(arg('players', 3));
const IMAGES = Math.round(arg('images', 4));
const GRACE_MS = arg('grace-seconds', 3) * 1000;
const SETTLE = Math.min(GAMES, Math.round(arg('settle', 100)));

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc (npm run bench:soak does)');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (n: number) => Math.round((n / 2 ** 20) * 10) / 10;

async function memory() {
  // Two full collections with a turn of the event loop between: what is left is held.
  gc!();
  await sleep(50);
  gc!();
  const m = process.memoryUsage();
  return { rssMB: mb(m.rss), heapUsedMB: mb(m.heapUsed), externalMB: mb(m.external + m.arrayBuffers) };
}

/**
 * The host's real-size upload (scripts/load/checkpoint.ts), made in a child process: TensorFlow.js and
 * its WASM heap would otherwise sit in this one's RSS, which is meant to be the server's.
 */
function hostUpload(file: string): { bytes: Uint8Array } {
  const made = spawnSync(
    process.execPath,
    ['--import', 'tsx', '-e', `import('./scripts/load/checkpoint.ts').then(async (m) => require('node:fs').writeFileSync(${JSON.stringify(file)}, (await (m.hostCheckpoint ?? m.default.hostCheckpoint)('strokes')).bytes))`],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (made.status !== 0) throw new Error('could not make the host checkpoint');
  return { bytes: new Uint8Array(readFileSync(file)) };
}

type Leaving = 'ends' | 'leaves' | 'moves-on';
const LEAVING: Leaving[] = ['ends', 'leaves', 'moves-on'];

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gan-soak-'));
  const checkpointDir = path.join(dataDir, 'checkpoints');
  const database = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
  const recorder = dbRecorder(database.db);
  const http = createServer((req, res) => {
    if (!app.handleHttp(req, res)) res.writeHead(404).end();
  });
  const app = createApplication(http, {
    clock: Date.now,
    store: memoryStore(),
    images: fileImages(),
    recorder,
    checkpoints: fileCheckpoints({ dir: checkpointDir, refs: recorder }),
    grace: { hostAwayMs: GRACE_MS, endedMs: GRACE_MS },
    // Every game comes from one address here; the per-address room limit is for the open internet.
    limits: { roomCreation: roomCreationBucket(1_000_000) },
    log: (msg, err) => console.error(`[server] ${msg}`, err ?? ''),
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  process.stderr.write(`soak: ${GAMES} games, ${CONCURRENT} at a time, ${PLAYERS} players each, on ${url} (DATA_DIR ${dataDir})\n`);

  const checkpoint = hostUpload(path.join(dataDir, 'upload.ganc'));
  const settings = { roundSeconds: 5, imagesPerRound: IMAGES, roundsPerLevel: 1, revealSeconds: 1, stepScale: 0.01 };
  const stats = newStats();
  const failures: string[] = [];
  const leftBy: Record<Leaving, number> = { ends: 0, leaves: 0, 'moves-on': 0 };
  let played = 0;

  async function game(i: number) {
    const host = new DriverHost(url, { level: 'strokes', checkpoint: checkpoint.bytes });
    const bots: Bot[] = [];
    try {
      await host.create(settings);
      for (let p = 0; p < PLAYERS; p++) bots.push(new Bot({ url, pin: host.pin, stats, reconnects: false, pattern: 'burst', windowMs: 200 }));
      const joined = await Promise.all(bots.map((b) => b.join()));
      if (joined.includes(false)) throw new Error(`game ${i}: a player could not join`);
      await host.start();
      const limit = sleep(60_000).then(() => 'timeout');
      if ((await Promise.race([host.finished.then(() => 'done'), limit])) === 'timeout') throw new Error(`game ${i}: not over within 60 s`);
      await Promise.all([...bots.map((b) => b.settled()), host.uploadsSettled()]);
      const leaving = LEAVING[i % LEAVING.length];
      leftBy[leaving]++;
      if (leaving === 'ends') await host.end();
      else if (leaving === 'moves-on') {
        const again = await request(host.socket, 'host:create', { v: PROTOCOL_VERSION, settings, levels: ['strokes'] });
        if (!again.ok) throw new Error(`game ${i}: a second host:create was refused: ${again.error.message}`);
      }
      failures.push(...host.stats.errors.map((e) => `game ${i}: ${e}`));
      played++;
    } catch (err) {
      failures.push(String(err instanceof Error ? err.message : err));
    } finally {
      for (const b of bots) b.close();
      host.socket.disconnect();
    }
  }

  async function play(from: number, to: number) {
    let next = from;
    await Promise.all(
      Array.from({ length: CONCURRENT }, async () => {
        while (next < to) await game(next++);
      }),
    );
  }

  /** Waits out the graces (and the server's sweep) until nothing is held, or a minute more has passed. */
  async function drained() {
    const until = Date.now() + GRACE_MS + 60_000;
    await sleep(GRACE_MS);
    while (Date.now() < until && app.held().rooms + app.held().records > 0) await sleep(250);
    return app.held();
  }

  const t0 = performance.now();
  const start = { ...(await memory()), held: app.held() };
  await play(0, SETTLE);
  const settledHeld = await drained();
  const settled = { afterGames: SETTLE, ...(await memory()), held: settledHeld };
  process.stderr.write(`  settled after ${SETTLE} games: ${JSON.stringify(settled)}\n`);
  let peakRooms = 0;
  const peak = setInterval(() => (peakRooms = Math.max(peakRooms, app.held().rooms)), 100);
  await play(SETTLE, GAMES);
  clearInterval(peak);
  const playSeconds = (performance.now() - t0) / 1000;
  const endHeld = await drained();
  const end = { afterGames: GAMES, ...(await memory()), held: endHeld };

  await app.close();
  http.close();
  await database.close();
  const checkpointFilesLeft = (() => {
    try {
      return readdirSync(checkpointDir).length;
    } catch {
      return 0;
    }
  })();
  rmSync(dataDir, { recursive: true, force: true });

  const report = {
    games: { asked: GAMES, played, concurrent: CONCURRENT, playersEach: PLAYERS, imagesEach: IMAGES, hostsLeaving: leftBy, playSeconds: Math.round(playSeconds) },
    votes: { sent: stats.votesSent, acked: stats.votesAcked, errors: stats.errors },
    checkpointBytesEach: checkpoint.bytes.length,
    graceSeconds: GRACE_MS / 1000,
    memory: { start, settled, end, peakRoomsHeld: peakRooms },
    rssChangeFromSettled: Math.round(((end.rssMB - settled.rssMB) / settled.rssMB) * 1000) / 1000,
    heapChangeFromSettled: Math.round(((end.heapUsedMB - settled.heapUsedMB) / settled.heapUsedMB) * 1000) / 1000,
    // Anonymous rooms' checkpoints go with the room (server/checkpoints.ts).
    checkpointFilesLeft,
    failures: failures.slice(0, 10),
    failureCount: failures.length,
  };
  console.log(JSON.stringify(report, null, 2));
  process.exit(end.held.rooms === 0 && end.held.records === 0 && failures.length === 0 ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
