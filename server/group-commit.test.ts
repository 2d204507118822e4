import { describe, expect, it } from 'vitest';
import { groupCommit, oneAtATime } from './group-commit';

describe('group commit', () => {
  it('writes rows that arrive together in one statement, and rows that arrive during it in the next', async () => {
    const statements: number[][] = [];
    let release!: () => void;
    const first = new Promise<void>((r) => (release = r));
    const write = groupCommit<number>({
      writeMany: async (rows) => {
        statements.push(rows);
        if (statements.length === 1) await first;
      },
      writeOne: async () => undefined,
      gatherMs: 5,
      max: 100,
    });
    const a = [1, 2, 3].map(write);
    await new Promise((r) => setTimeout(r, 20));
    expect(statements).toEqual([[1, 2, 3]]);
    const b = [4, 5].map(write);
    release();
    await Promise.all([...a, ...b]);
    expect(statements).toEqual([[1, 2, 3], [4, 5]]);
  });

  it('keeps statements to `max` rows', async () => {
    const sizes: number[] = [];
    const write = groupCommit<number>({ writeMany: async (rows) => void sizes.push(rows.length), writeOne: async () => undefined, gatherMs: 1, max: 4 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => write(i)));
    expect(sizes).toEqual([4, 4, 2]);
  });

  it('writes a failed statement’s rows one by one, so one bad row fails only its own caller', async () => {
    const single: number[] = [];
    const write = groupCommit<number>({
      writeMany: async (rows) => {
        if (rows.includes(13)) throw new Error('bad row in the batch');
      },
      writeOne: async (row) => {
        if (row === 13) throw new Error('thirteen');
        single.push(row);
      },
      gatherMs: 2,
      max: 100,
    });
    const results = await Promise.allSettled([12, 13, 14].map(write));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('thirteen');
    expect(single).toEqual([12, 14]);
    // And the writer carries on afterwards.
    await expect(write(15)).resolves.toBeUndefined();
  });
});

describe('one at a time', () => {
  it('starts each task once the one before has settled, failed or not', async () => {
    const run = oneAtATime();
    const log: string[] = [];
    const task = (name: string, ms: number, fail = false) => async () => {
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([run(task('a', 15, true)), run(task('b', 1)), run(task('c', 1))]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
  });
});
