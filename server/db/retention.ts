/**
 * Privacy: sessions are kept RETENTION_DAYS (default 180) and then deleted with all their data.
 * The sweep runs when the server starts and once a day after that.
 */
import { deleteSessionsBefore } from './sessions';
import { deleteExpiredAuthSessions } from './teachers';
import type { Db } from './types';

export const DEFAULT_RETENTION_DAYS = 180;
const DAY_MS = 86_400_000;

export function retentionDays(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.RETENTION_DAYS);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_RETENTION_DAYS;
}

/** Deletes sessions older than `days` and expired sign-ins; returns how many sessions went. */
export async function sweep(db: Db, days: number, now = new Date()): Promise<number> {
  const removed = await deleteSessionsBefore(db, new Date(now.getTime() - days * DAY_MS));
  await deleteExpiredAuthSessions(db, now);
  return removed;
}

/** Runs the sweep now and daily; the timer does not keep the process alive. Returns a stop function. */
export function startRetention(db: Db, days = retentionDays(), log: (msg: string, err?: unknown) => void = console.log): () => void {
  const run = () =>
    sweep(db, days).then(
      (n) => n && log(`[gan-arena] retention: deleted ${n} session(s) older than ${days} days`),
      (err) => log('[gan-arena] retention sweep failed', err),
    );
  void run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
