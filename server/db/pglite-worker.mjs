/**
 * The embedded database's own thread. PGlite is PostgreSQL compiled to WebAssembly and runs wherever
 * it is called: on the server's event loop it took about a third of the loop in a room of 2,000
 * voting, and every socket waited while it wrote. Here it has a thread of its own, and the server
 * talks to it through server/db/pglite-thread.ts, which speaks the messages below.
 *
 * Plain JavaScript because a worker thread starts without the server's TypeScript loader.
 *
 *   in:  { id, op: 'query', sql, params, rowMode, tx? }   out: { id, result: { rows, fields, affectedRows } }
 *        { id, op: 'exec', sql, tx? }                      out: { id, result: [{ rows, fields, affectedRows }] }
 *        { id, op: 'begin' }                               out: { id, result: null } once the transaction holds the database
 *        { id, op: 'end', tx, commit }                     out: { id, result: null } once it has committed or rolled back
 *        { id, op: 'close' }                               out: { id, result: null }
 *   any failure:                                          out: { id, error: { message, name, code, ... } }
 *   at start:                                             out: { ready: true } or { ready: false, error }
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, types } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';

/** What drizzle's own PGlite session asks for: dates, times and intervals stay text, and drizzle maps them. */
const asText = (value) => value;
const PARSERS = {
  [types.TIMESTAMP]: asText,
  [types.TIMESTAMPTZ]: asText,
  [types.INTERVAL]: asText,
  [types.DATE]: asText,
  1231: asText, // numeric[]
  1115: asText, // timestamp[]
  1185: asText, // timestamptz[]
  1187: asText, // interval[]
  1182: asText, // date[]
};

/** An error as data: PostgreSQL's fields (code, constraint, detail, …) go along, since callers read them. */
function plain(err) {
  if (!(err instanceof Error)) return { message: String(err), name: 'Error' };
  const out = { message: err.message, name: err.name };
  for (const [k, v] of Object.entries(err)) if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) out[k] = v;
  return out;
}

const results = (r) => ({ rows: r.rows, fields: r.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })), affectedRows: r.affectedRows });

async function main() {
  const { dataDir, migrationsFolder } = workerData;
  let pg;
  try {
    pg = dataDir ? new PGlite(dataDir) : new PGlite();
    await pg.waitReady;
    await migrate(drizzle({ client: pg }), { migrationsFolder });
  } catch (err) {
    parentPort.postMessage({ ready: false, error: plain(err) });
    await pg?.close().catch(() => undefined);
    parentPort.close();
    return;
  }

  /** Open transactions: id of the 'begin' → its handle, and how to end it. */
  const open = new Map();
  const reply = (id, result) => parentPort.postMessage({ id, result });
  const fail = (id, err) => parentPort.postMessage({ id, error: plain(err) });
  const target = (tx) => {
    if (tx === undefined) return pg;
    const t = open.get(tx);
    if (!t) throw new Error('that transaction is over');
    return t.tx;
  };

  function begin(id) {
    let finish;
    const ended = new Promise((resolve) => (finish = resolve));
    let begun = false;
    const done = pg.transaction(async (tx) => {
      begun = true;
      open.set(id, { tx, finish, done });
      reply(id, null);
      const commit = await ended;
      if (!commit) await tx.rollback();
    });
    done.catch((err) => {
      open.delete(id);
      if (!begun) fail(id, err);
    });
  }

  async function end(id, tx, commit) {
    const t = open.get(tx);
    if (!t) return fail(id, new Error('that transaction is over'));
    t.finish(commit);
    try {
      await t.done;
      reply(id, null);
    } catch (err) {
      fail(id, err);
    } finally {
      open.delete(tx);
    }
  }

  parentPort.on('message', async (m) => {
    try {
      switch (m.op) {
        case 'query':
          return reply(m.id, results(await target(m.tx).query(m.sql, m.params, { rowMode: m.rowMode, parsers: PARSERS })));
        case 'exec':
          return reply(m.id, (await target(m.tx).exec(m.sql, { parsers: PARSERS })).map(results));
        case 'begin':
          return begin(m.id);
        case 'end':
          return await end(m.id, m.tx, m.commit);
        case 'close':
          await pg.close();
          reply(m.id, null);
          parentPort.close();
          return;
        default:
          return fail(m.id, new Error(`unknown operation ${m.op}`));
      }
    } catch (err) {
      fail(m.id, err);
    }
  });
  parentPort.postMessage({ ready: true });
}

void main();
