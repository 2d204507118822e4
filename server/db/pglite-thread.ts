/**
 * Embedded PGlite on a worker thread of its own (./pglite-worker.mjs), behind the small part of
 * PGlite's interface that drizzle's PGlite driver calls: query, exec and transaction. Everything
 * else in the server (drizzle, the recorder, Next's route handlers) is unchanged; only the WASM
 * database work leaves the event loop that carries the sockets.
 *
 * Calls are answered in the order PGlite runs them; a transaction holds the database until it ends,
 * as it does in-process. If the thread dies, every waiting call and every later one fails with a
 * clear error instead of hanging, and the server stays up.
 */
import { Worker } from 'node:worker_threads';

interface Results {
  rows: unknown[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
}

interface Reply {
  id: number;
  result?: unknown;
  error?: { message: string; name: string } & Record<string, unknown>;
}

/** What a query or transaction body sees (drizzle's PgliteSession builds on it). */
export interface PgliteLike {
  query(sql: string, params?: unknown[], options?: { rowMode?: 'array' | 'object' }): Promise<Results>;
  exec(sql: string): Promise<Results[]>;
}

export class PGliteThread implements PgliteLike {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private stopped: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: Reply) => {
      const call = this.waiting.get(m.id);
      if (!call) return;
      this.waiting.delete(m.id);
      if (m.error) call.reject(Object.assign(new Error(m.error.message), m.error));
      else call.resolve(m.result);
    });
    const stop = (why: Error) => {
      this.stopped ??= why;
      for (const call of this.waiting.values()) call.reject(this.stopped);
      this.waiting.clear();
    };
    worker.on('error', (err) => stop(new Error(`the database thread failed: ${err.message}`)));
    worker.on('exit', () => stop(new Error('the database is closed')));
  }

  /** Starts the thread, opens the data directory (in memory when absent) and applies the migrations. */
  static open(opts: { dataDir?: string; migrationsFolder: string }): Promise<PGliteThread> {
    const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
      workerData: { dataDir: opts.dataDir ?? null, migrationsFolder: opts.migrationsFolder },
    });
    return new Promise((resolve, reject) => {
      const onExit = (code: number) => reject(new Error(`the database thread exited (${code}) before it was ready`));
      worker.once('error', reject);
      worker.once('exit', onExit);
      worker.once('message', (m: { ready?: boolean; error?: { message: string } }) => {
        worker.off('error', reject);
        worker.off('exit', onExit);
        if (m.ready) return resolve(new PGliteThread(worker));
        void worker.terminate();
        reject(Object.assign(new Error(m.error?.message ?? 'the database did not open'), m.error));
      });
    });
  }

  private call<T>(message: Record<string, unknown>, id = this.nextId++): Promise<T> {
    if (this.stopped) return Promise.reject(this.stopped);
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  // drizzle also passes its parsers (functions, which cannot cross threads); the worker applies the same ones.
  query(sql: string, params: unknown[] = [], options: { rowMode?: 'array' | 'object' } = {}): Promise<Results> {
    return this.call({ op: 'query', sql, params, rowMode: options.rowMode ?? 'object' });
  }

  exec(sql: string): Promise<Results[]> {
    return this.call({ op: 'exec', sql });
  }

  async transaction<T>(body: (tx: PgliteLike) => Promise<T>): Promise<T> {
    const tx = this.nextId++;
    await this.call({ op: 'begin' }, tx);
    const inside: PgliteLike = {
      query: (sql, params = [], options = {}) => this.call({ op: 'query', sql, params, rowMode: options.rowMode ?? 'object', tx }),
      exec: (sql) => this.call({ op: 'exec', sql, tx }),
    };
    let result: T;
    try {
      result = await body(inside);
    } catch (err) {
      await this.call({ op: 'end', tx, commit: false }).catch(() => undefined);
      throw err;
    }
    await this.call({ op: 'end', tx, commit: true });
    return result;
  }

  async close(): Promise<void> {
    if (this.stopped) return;
    await this.call({ op: 'close' }).catch(() => undefined);
    await this.worker.terminate();
  }
}
