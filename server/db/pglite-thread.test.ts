/** PGlite on its own thread behaves as in-process PGlite does for drizzle: results, errors, transactions, closing. */
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from './client';
import { PGliteThread } from './pglite-thread';

describe('PGlite on a worker thread', () => {
  let thread: PGliteThread | null = null;
  afterEach(async () => {
    await thread?.close();
    thread = null;
  });
  const open = async () => {
    thread = await PGliteThread.open({ migrationsFolder: MIGRATIONS_FOLDER });
    await thread.exec('create table t (k int primary key, at timestamptz)');
    return thread;
  };

  it('answers queries in object or array rows, with times as text for drizzle to map', async () => {
    const db = await open();
    await db.query('insert into t values ($1, $2), ($3, $4)', [1, '2026-01-02T03:04:05.678Z', 2, null]);
    const objects = await db.query('select k, at from t order by k');
    expect(objects.rows[0]).toEqual({ k: 1, at: expect.stringMatching(/^2026-01-02 03:04:05\.678/) });
    expect(objects.fields.map((f) => f.name)).toEqual(['k', 'at']);
    expect((await db.query('select k from t order by k', [], { rowMode: 'array' })).rows).toEqual([[1], [2]]);
    // The schema's migrations ran on the thread before it answered.
    expect((await db.query('select count(*)::int as n from votes')).rows).toEqual([{ n: 0 }]);
  });

  it('carries PostgreSQL’s error fields across, so callers can tell a conflict from a missing row', async () => {
    const db = await open();
    await db.query('insert into t values (1, null)');
    const err = await db.query('insert into t values (1, null)').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ code: '23505', message: expect.stringMatching(/duplicate key/) });
  });

  it('commits a transaction, rolls one back when its body throws, and holds others off meanwhile', async () => {
    const db = await open();
    await db.transaction(async (tx) => {
      await tx.query('insert into t values (1, null)');
      await tx.query('insert into t values (2, null)');
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.query('insert into t values (3, null)');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    // A query sent while a transaction is open runs after it, and sees what it committed.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const tx = db.transaction(async (t) => {
      await t.query('insert into t values (4, null)');
      await gate;
    });
    await new Promise((r) => setTimeout(r, 20));
    const outside = db.query('select k from t order by k', [], { rowMode: 'array' });
    release();
    await tx;
    expect((await outside).rows).toEqual([[1], [2], [4]]);
  });

  it('fails every call clearly once the thread is gone, and does not hang', async () => {
    const db = await open();
    await db.close();
    await expect(db.query('select 1')).rejects.toThrow('the database is closed');
    thread = null;
  });

  it('refuses to open a data directory it cannot use, saying why', async () => {
    await expect(PGliteThread.open({ dataDir: '/proc/version/not-a-dir', migrationsFolder: MIGRATIONS_FOLDER })).rejects.toThrow();
  });
});
