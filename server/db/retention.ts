/**
 * Privacy: sessions are kept RETENTION_DAYS (default 180) and then deleted with all their data.
 * Checkpoints are kept that long only for a signed-in teacher's sessions: an anonymous room's are
 * deleted when the room closes (server/app.ts), and the sweep deletes any an ended anonymous session
 * still has (a server that stopped before the room closed), then checkpoint files nothing refers to.
 * The sweep runs when the server starts and once a day after that.
 */
import { and, inArray, isNotNull, isNull } from 'drizzle-orm';
import { removeCheckpointFiles, sweepCheckpointFiles } from '../checkpoints';
import { checkpoints, gameSessions } from './schema';
import { deleteSessionsBefore } from './sessions';
import { deleteExpiredAuthSessions } from './teachers';
import type { Db } from './types';

export const DEFAULT_RETENTION_DAYS = 180;
const DAY_MS = 86_400_000;

export function retentionDays(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.RETENTION_DAYS);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_RETENTION_DAYS;
}

/**
 * Deletes the checkpoints of anonymous sessions that have ended (references and files), then files in
 * `dir` that no reference names and that are older than a day. Returns how many files went.
 */
export async function sweepCheckpoints(db: Db, dir: string, now = new Date()): Promise<number> {
  const anonymousEnded = db
    .select({ id: gameSessions.id })
    .from(gameSessions)
    .where(and(isNull(gameSessions.teacherId), isNotNull(gameSessions.endedAt)));
  const gone = await db.delete(checkpoints).where(inArray(checkpoints.sessionId, anonymousEnded)).returning({ file: checkpoints.file });
  const files = gone.flatMap((r) => (r.file ? [r.file] : []));
  await removeCheckpointFiles(dir, files);
  const referenced = await db.select({ file: checkpoints.file }).from(checkpoints).where(isNotNull(checkpoints.file));
  const orphans = await sweepCheckpointFiles(dir, new Set(referenced.map((r) => r.file!)), now.getTime());
  return files.length + orphans;
}

/**
 * Deletes sessions older than `days` and expired sign-ins, and (given the checkpoint folder) the
 * checkpoints nothing keeps any more; returns how many sessions went.
 */
export async function sweep(db: Db, days: number, now = new Date(), checkpointDir?: string): Promise<number> {
  const removed = await deleteSessionsBefore(db, new Date(now.getTime() - days * DAY_MS));
  await deleteExpiredAuthSessions(db, now);
  if (checkpointDir) await sweepCheckpoints(db, checkpointDir, now);
  return removed;
}

/** Runs the sweep now and daily; the timer does not keep the process alive. Returns a stop function. */
export function startRetention(
  db: Db,
  days = retentionDays(),
  log: (msg: string, err?: unknown) => void = console.log,
  checkpointDir?: string,
): () => void {
  const run = () =>
    sweep(db, days, new Date(), checkpointDir).then(
      (n) => n && log(`[gan-arena] retention: deleted ${n} session(s) older than ${days} days`),
      (err) => log('[gan-arena] retention sweep failed', err),
    );
  void run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
