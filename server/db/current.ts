/**
 * The one database of this process, kept on globalThis. Imports no driver, so Next's route handlers
 * and pages can use it without bundling PGlite: server/index.ts opens the database (./client.ts) and
 * everything else finds it here.
 */
import type { Database, Db } from './types';

const KEY = Symbol.for('gan-arena.database');
type Holder = { [KEY]?: Promise<Database> | null };

export function installDatabase(db: Promise<Database> | Database | null): void {
  (globalThis as Holder)[KEY] = db === null ? null : Promise.resolve(db);
}

export function installedDatabase(): Promise<Database> | null {
  return (globalThis as Holder)[KEY] ?? null;
}

export class DatabaseUnavailable extends Error {
  constructor() {
    super('the database is not open in this process: start the app with server/index.ts (npm run dev / npm start)');
  }
}

/** The drizzle handle, for request handlers. */
export async function currentDb(): Promise<Db> {
  const db = installedDatabase();
  if (!db) throw new DatabaseUnavailable();
  return (await db).db;
}
