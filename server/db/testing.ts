/**
 * For tests: the databases every repository test runs against. PGlite in memory always; a real
 * PostgreSQL too when TEST_DATABASE_URL is set, each test getting a fresh database of its own so
 * test files can run in parallel and tests cannot see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openDatabase } from './client';
import type { Database } from './types';

export interface TestTarget {
  name: 'pglite' | 'postgres';
  /** A fresh, migrated, empty database; close() also drops it. */
  open(): Promise<Database>;
}

async function admin<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A new empty PostgreSQL database beside TEST_DATABASE_URL's; returns its URL and how to drop it. */
export async function scratchPostgres(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `gan_test_${randomBytes(6).toString('hex')}`;
  await admin(baseUrl, (c) => c.query(`create database ${name}`));
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(baseUrl, (c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

export function testTargets(): TestTarget[] {
  const targets: TestTarget[] = [{ name: 'pglite', open: () => openDatabase() }];
  const base = process.env.TEST_DATABASE_URL;
  if (base) {
    targets.push({
      name: 'postgres',
      async open() {
        const scratch = await scratchPostgres(base);
        const db = await openDatabase({ url: scratch.url });
        return { ...db, close: () => db.close().then(scratch.drop) };
      },
    });
  }
  return targets;
}
