/** Migrations upgrade a database that already holds games, keeping its votes. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from './client';
import { dbRecorder } from '../recorder';
import * as schema from './schema';
import type { Db } from './types';

/** The migrations folder as it was after its first `count` migrations. */
function firstMigrations(count: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gan-migrations-'));
  mkdirSync(path.join(dir, 'meta'));
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'));
  journal.entries = journal.entries.slice(0, count);
  writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify(journal));
  for (const e of journal.entries) cpSync(path.join(MIGRATIONS_FOLDER, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

describe('migrations', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('0001 keys votes by the vote itself and keeps every vote and room snapshot already stored', async () => {
    const client = new PGlite();
    const db = drizzle({ client });
    const before = firstMigrations(1);
    dirs.push(before);
    await migrate(db, { migrationsFolder: before });
    const sid = '6f1d7c1e-0d1a-4b7e-9a51-0a5a0c0f0e01';
    await client.exec(`
      insert into game_sessions (id, pin, dataset, settings, levels, created_at) values ('${sid}', '123456', 'digits', '{}', '[]', now());
      insert into players (session_id, id, nickname, joined_at) values ('${sid}', 'p0', 'Ada', now()), ('${sid}', 'p1', 'Bo', now());
      insert into rounds (session_id, round, level, started_at, deadline) values ('${sid}', 1, 1, now(), now());
      insert into round_images (session_id, round, image_id, position, pixels, truth) values ('${sid}', 1, 'a', 0, '\\x00', 'fake');
      insert into votes (session_id, round, image_id, player_id, verdict, at) values ('${sid}', 1, 'a', 'p0', 'real', now()), ('${sid}', 1, 'a', 'p1', 'fake', now());
      insert into room_snapshots (pin, room) values ('123456', '{"pin": "123456", "phase": {"kind": "lobby"}}');`);

    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    const rows = await client.query<{ player_id: string; verdict: string }>('select player_id, verdict from votes order by player_id');
    expect(rows.rows).toEqual([
      { player_id: 'p0', verdict: 'real' },
      { player_id: 'p1', verdict: 'fake' },
    ]);
    // The key still refuses a second vote by a player on an image, and a retried write is a no-op.
    await expect(client.query(`insert into votes (session_id, round, image_id, player_id, verdict, at) values ('${sid}', 1, 'a', 'p0', 'fake', now())`)).rejects.toThrow(/votes_pk/);
    await client.query(`insert into votes (session_id, round, image_id, player_id, verdict, at) values ('${sid}', 1, 'a', 'p0', 'fake', now()) on conflict do nothing`);
    expect((await client.query('select count(*)::int as n from votes')).rows).toEqual([{ n: 2 }]);
    expect((await client.query('select room from room_snapshots')).rows).toEqual([{ room: { pin: '123456', phase: { kind: 'lobby' } } }]);
    await client.close();
  });

  it('0002 moves checkpoints to file references and keeps the checkpoints already stored as bytes readable', async () => {
    const client = new PGlite();
    const before = firstMigrations(2);
    dirs.push(before);
    await migrate(drizzle({ client }), { migrationsFolder: before });
    const sid = '6f1d7c1e-0d1a-4b7e-9a51-0a5a0c0f0e02';
    const createdAt = Date.UTC(2025, 0, 6);
    await client.exec(`
      insert into game_sessions (id, pin, dataset, settings, levels, created_at) values ('${sid}', '123456', 'digits', '{}', '[]', '${new Date(createdAt).toISOString()}');
      insert into checkpoints (session_id, level, bytes) values ('${sid}', 1, '\\x0102030405');`);

    await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
    const recorder = dbRecorder(drizzle({ client, schema }) as unknown as Db);
    expect(await recorder.latestCheckpoint({ pin: '123456', createdAt })).toEqual({ level: 1, bytes: new Uint8Array([1, 2, 3, 4, 5]) });
    // New rows hold a reference and no bytes.
    await client.exec(`insert into checkpoints (session_id, level, file, size, sha256) values ('${sid}', 2, 'f/level-2.ganc', 5, '${'0'.repeat(64)}');`);
    expect((await client.query('select count(*)::int as n from checkpoints where bytes is null')).rows).toEqual([{ n: 1 }]);
    await client.close();
  });
});
