/**
 * One HTTP server for everything: Next's request handler for pages and assets, Socket.io on its own
 * path, and the embedded database (PGlite, or PostgreSQL when DATABASE_URL is set). `npm run dev`
 * runs this with hot reload; `npm start` (scripts/start.ts) builds if needed and runs it in production.
 */
import { createServer } from 'node:http';
import next from 'next';
import { SOCKET_PATH } from '../game/protocol';
import { type Application, createApplication } from './app';
import { checkpointDirFromEnv, fileCheckpoints } from './checkpoints';
import { joinCluster } from './cluster';
import { teacherFromCookie } from './auth';
import { prepareRequest, trustProxyHops } from './client-address';
import { openAppDatabase } from './db/client';
import { startRetention } from './db/retention';
import { roomSessionDetail } from './db/sessions';
import { fileImages } from './images';
import { dbRecorder } from './recorder';
import { roomCreationBucket, roomCreationLimitFromEnv } from './rate-limit';
import { memoryStore } from './store';

const port = Number.parseInt(process.env.PORT ?? '3000', 10);
const hostname = process.env.HOST ?? '0.0.0.0';
const dev = process.env.NODE_ENV !== 'production';
/** SERVE_PAGES=0: Socket.io and the app's own routes only (a process behind a proxy that serves pages elsewhere; fault tests). */
const servePages = process.env.SERVE_PAGES !== '0';
/** TRUST_PROXY: how many proxies in front set X-Forwarded-* (README, Configuration); none unless said. */
const trustProxy = trustProxyHops(process.env.TRUST_PROXY);

async function main() {
  // The database opens first: Next's route handlers reach this same instance (server/db/current.ts).
  const database = await openAppDatabase();
  // Checkpoints are files (never bytes in the database, whose writer carries the votes), referenced from it.
  const checkpointDir = checkpointDirFromEnv();
  startRetention(database.db, undefined, undefined, checkpointDir);
  const recorder = dbRecorder(database.db);

  const nextApp = servePages ? next({ dev, hostname, port }) : null;
  await nextApp?.prepare();
  const handle = nextApp?.getRequestHandler() ?? (async (_req: unknown, res: import('node:http').ServerResponse) => void res.writeHead(404).end());
  const upgrade = nextApp?.getUpgradeHandler() ?? (async (_req: unknown, socket: import('node:stream').Duplex) => void socket.destroy());

  // REDIS_URL: one of several processes (README, Operations). Rooms stay with the process that made them.
  const cluster = process.env.REDIS_URL ? await joinCluster({ url: process.env.REDIS_URL, serverId: process.env.SERVER_ID }) : null;

  // The application is created before the server listens; its own HTTP routes go first.
  let app: Application | null = null;
  const httpServer = createServer((req, res) => {
    // Forwarding headers only from trusted proxies, the client's address stamped, oversized /api bodies refused.
    if (prepareRequest(req, res, trustProxy)) return;
    if (app?.handleHttp(req, res)) return;
    handle(req, res).catch((err) => {
      console.error('[gan-arena] request failed', err);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  // Socket.io answers its own upgrades; everything else (Next's hot reload socket in development) goes to Next.
  httpServer.on('upgrade', (req, socket, head) => {
    if (req.url?.startsWith(SOCKET_PATH)) return;
    upgrade(req, socket, head).catch(() => socket.destroy());
  });

  app = createApplication(httpServer, {
    clock: Date.now,
    store: cluster ? cluster.store(memoryStore()) : memoryStore(),
    claimPin: cluster?.claimPin,
    forward: cluster?.forward,
    images: fileImages(),
    recorder,
    checkpoints: fileCheckpoints({ dir: checkpointDir, refs: recorder }),
    limits: { roomCreation: roomCreationBucket(roomCreationLimitFromEnv()) },
    results: (pin, createdAt) => roomSessionDetail(database.db, pin, createdAt),
    identify: async (cookie) => (await teacherFromCookie(cookie, database.db))?.id ?? null,
    trustProxy,
  });
  // Rooms that were playing when the server stopped come back, paused until their host returns.
  if (cluster) await cluster.attach(app);
  const loaded = await recorder.loadSnapshots();
  // Several processes on one database: each brings back only the rooms it owns (or nobody does).
  const restored = cluster ? await cluster.claimRestored(loaded) : loaded;
  app.restore(restored);

  httpServer.listen(port, hostname, () => {
    const where = `${database.kind === 'postgres' ? 'PostgreSQL' : 'embedded PGlite'}${cluster ? `, cluster member ${cluster.serverId}` : ''}`;
    console.log(`> GAN Arena ready on http://localhost:${port} (${dev ? 'development' : 'production'}, ${where}${restored.length ? `, ${restored.length} ${restored.length === 1 ? 'room' : 'rooms'} restored` : ''})`);
  });

  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    // The sockets close and what waited to be saved is saved before the database closes; a stuck write
    // gets five seconds, not forever.
    const closed = Promise.race([app?.close(), new Promise((r) => setTimeout(r, 5000).unref())]);
    void closed
      .catch((err) => console.error('[gan-arena] closing the game server failed', err))
      .finally(() => {
        httpServer.close();
        void cluster?.close();
        void database.close().finally(() => process.exit(0));
      });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

process.on('unhandledRejection', (err) => console.error('[gan-arena] unhandled rejection', err));
main().catch((err) => {
  console.error('[gan-arena] failed to start', err);
  process.exit(1);
});
