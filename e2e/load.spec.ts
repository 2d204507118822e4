import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * `npm run bench:load` at classroom size, so the load benchmark cannot rot unnoticed and CI checks what it
 * checks at any size: every bot joins, every room plays to the end, every vote is acknowledged, and every
 * acknowledged vote is in the database, and every host's checkpoint upload after each training (real size,
 * `--uploads=on`) is accepted. It starts its own production servers (the build this run already made, a
 * fresh temporary database each) and its own bare Socket.io server. The full-size run (2,000 players,
 * 100 rooms of 30) takes minutes and is measured outside CI (README, Operations); no figure is asserted.
 */
const root = path.resolve(__dirname, '..');
const ROOMS = 4;
const PER_ROOM = 12;
const BIG = 60;
const VOTES_PER_PLAYER = 2 * 6; // the bench's two rounds of six images

interface Side {
  votesSent: number;
  votesAcked: number;
  errors: Record<string, number>;
}
interface ScenarioReport {
  game: Side & { joined: number; completed: boolean; hostErrors: string[]; uploads: { sent: number; ok: number; bytesEach: number } | null };
  bare: Side;
}
type Report = Record<'big' | 'many', ScenarioReport> & { votes: { acked: number; stored: number; lost: number }; checkpoint: { bytes: number } };

function runBench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/bench-load.ts', ...args], {
      cwd: root,
      // The build the e2e server already made: the bench's own server starts without building again.
      env: { ...process.env, NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || '.next' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('the load benchmark plays every room to the end and loses no vote (classroom size)', async () => {
  test.setTimeout(300_000);
  const run = await runBench([`--players=${BIG}`, `--rooms=${ROOMS}`, `--per-room=${PER_ROOM}`, '--no-pin', '--uploads=on']);
  expect(run.code, run.stderr.slice(-3000)).toBe(0);
  const report = JSON.parse(run.stdout) as Report;

  for (const [name, players, rooms] of [['big', BIG, 1], ['many', ROOMS * PER_ROOM, ROOMS]] as const) {
    const { game, bare } = report[name];
    // One upload per room after each of the two trainings, each the size of a real host's: the level's
    // DCGAN with its optimiser state, about a megabyte (990,892 bytes for the first level).
    expect(game.uploads, `${name}: checkpoint uploads`).toEqual({ ...game.uploads, sent: rooms * 2, ok: rooms * 2, bytesEach: report.checkpoint.bytes });
    expect(report.checkpoint.bytes).toBeGreaterThan(500_000);
    const votes = players * VOTES_PER_PLAYER;
    expect(game.joined, `${name}: players joined`).toBe(players);
    expect(game.completed, `${name}: every room played to the end`).toBe(true);
    expect(game.hostErrors, `${name}: host errors`).toEqual([]);
    expect(game.errors, `${name}: refusals and failures`).toEqual({});
    expect(game.votesSent, `${name}: votes sent`).toBe(votes);
    expect(game.votesAcked, `${name}: votes acknowledged`).toBe(votes);
    expect(bare.votesAcked, `${name}: the bare server's acks`).toBe(votes);
  }
  const acked = (BIG + ROOMS * PER_ROOM) * VOTES_PER_PLAYER;
  expect(report.votes).toEqual({ acked, stored: acked, lost: 0 });
});
