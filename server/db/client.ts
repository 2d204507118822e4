/**
 * Opens the database: embedded PGlite by default, PostgreSQL when a URL is given. Both go through
 * drizzle with the same schema, and both apply the checked-in migrations before anything else runs.
 *
 * This module imports the drivers, so only server code imports it (server/index.ts and tests); Next's
 * route handlers and pages reach the process's one database through ./current.ts instead.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { Pool } from 'pg';
import { installDatabase, installedDatabase } from './current';
import { PGliteThread } from './pglite-thread';
import * as schema from './schema';
import type { Database, Db } from './types';

/** Resolved from the working directory, which is the repository root for the server, the tests and CI. */
export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'server', 'db', 'migrations');

export type OpenOptions =
  /** A PostgreSQL connection string. */
  | { url: string }
  /** A PGlite data directory; absent: an in-memory database (tests). */
  | { dataDir?: string };

export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  if ('url' in opts) {
    const pool = new Pool({ connectionString: opts.url, max: 10 });
    // pg re-emits errors of idle connections (a PostgreSQL restart, an admin terminating sessions) on the
    // pool; without a listener that takes the process down. The pool replaces the lost connection itself.
    pool.on('error', (err) => console.error(`[gan-arena] an idle database connection was lost: ${err.message}`));
    const db = drizzlePg({ client: pool, schema });
    try {
      await migratePg(db, { migrationsFolder: MIGRATIONS_FOLDER });
    } catch (err) {
      await pool.end();
      throw err;
    }
    return { db: db as unknown as Db, kind: 'postgres', close: () => pool.end() };
  }
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  // PGlite runs on a thread of its own (it migrates there before it answers), off the sockets' event loop.
  const client = await PGliteThread.open({ dataDir: opts.dataDir, migrationsFolder: MIGRATIONS_FOLDER });
  const db = drizzlePglite({ client: client as unknown as PGlite, schema });
  return { db: db as unknown as Db, kind: 'pglite', close: () => client.close() };
}

/** DATABASE_URL selects PostgreSQL; otherwise PGlite in DATA_DIR (default ./.data/pglite). */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): OpenOptions {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL };
  return { dataDir: path.resolve(env.DATA_DIR || path.join('.data', 'pglite')) };
}

/**
 * The process's database, opened once. PGlite owns its directory: two instances on one directory
 * corrupt it, so the promise lives on globalThis where every module copy (the custom server's and
 * Next's bundles) finds the same one.
 */
export function openAppDatabase(opts: OpenOptions = optionsFromEnv()): Promise<Database> {
  const existing = installedDatabase();
  if (existing) return existing;
  const opening = openDatabase(opts);
  installDatabase(opening);
  // A failed open must not stay installed, or every later call would see the same failure forever.
  opening.catch(() => installDatabase(null));
  return opening;
}
