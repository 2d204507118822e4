/**
 * Several server processes, one Redis. The design, kept small on purpose:
 *
 * - **A room lives in the memory of one process, its owner**: the process where the host created it
 *   (or that restored it). Redis maps `gan:room:<pin>` → owner id; a new PIN is claimed with SET NX,
 *   so two processes never hand out the same PIN.
 * - **Any process accepts any client** (the proxy only needs sticky sessions, as Socket.io always does
 *   behind several processes). An event for a room this process does not hold is forwarded over Redis
 *   pub/sub to the owner, which runs it through the very same handlers with a stand-in for the remote
 *   socket, and answers with the acknowledgement plus the rooms and data the socket ended up with.
 * - **Emits cross processes through the Socket.io Redis adapter**: the owner emits to `player:<pin>:<id>`
 *   and the adapter delivers to the socket wherever it is connected; room joins and leaves of remote
 *   sockets go through the adapter too.
 *
 * So the engine still sees one event at a time per room (its owner's event loop), nothing about the
 * game is duplicated, and a client never needs to know which process it talks to.
 */
import { randomUUID } from 'node:crypto';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { type Ack, type C2SEvent, ErrorCode } from '../game/protocol';
import type { Room } from '../game/state';
import type { Application } from './app';
import type { IOSocket, SocketData } from './sockets';
import type { RoomStore } from './store';

type Redis = ReturnType<typeof createClient>;

const ownerKey = (pin: string) => `gan:room:${pin}`;
const inbox = (serverId: string) => `gan:rpc:${serverId}`;
const FORWARD_TIMEOUT_MS = 5000;

interface Request {
  id: string;
  from: string;
  socketId: string;
  address: string;
  cookie?: string;
  kind: 'event' | 'disconnect';
  event?: C2SEvent;
  payload?: unknown;
}

interface Reply {
  id: string;
  reply: true;
  ack: Ack<object>;
  data: SocketData;
  rooms: string[];
}

export interface Cluster {
  serverId: string;
  /** For createApplication's deps. */
  claimPin(pin: string): Promise<boolean>;
  forward(socket: IOSocket, event: C2SEvent, payload: unknown): Promise<Ack<object> | null>;
  /** Wraps a store so that a room leaving it (closed) frees its PIN in Redis. */
  store(inner: RoomStore): RoomStore;
  /** Connects the application: the Redis adapter, the forwarding inbox, disconnects of forwarded sockets. */
  attach(app: Application): Promise<void>;
  /** Of the rooms loaded after a restart, those this process may bring back (owned by nobody else). */
  claimRestored(rooms: Room[]): Promise<Room[]>;
  close(): Promise<void>;
}

export async function joinCluster(opts: { url: string; serverId?: string; log?: (msg: string, err?: unknown) => void }): Promise<Cluster> {
  // A stable id (SERVER_ID) lets a restarted process take its own rooms back.
  const serverId = opts.serverId || randomUUID();
  const log = opts.log ?? ((msg, err) => console.error(`[gan-arena cluster] ${msg}`, err ?? ''));
  const cmd: Redis = createClient({ url: opts.url });
  const adapterPub = cmd.duplicate();
  const adapterSub = cmd.duplicate();
  const rpcSub = cmd.duplicate();
  for (const c of [cmd, adapterPub, adapterSub, rpcSub]) c.on('error', (err) => log('redis error', err));
  await Promise.all([cmd.connect(), adapterPub.connect(), adapterSub.connect(), rpcSub.connect()]);

  let app: Application | null = null;
  let held: RoomStore | null = null;
  const waiting = new Map<string, (r: Reply) => void>();
  /** Stand-ins for sockets connected to other processes, keyed by "<server>:<socket id>". */
  const stand = new Map<string, { socket: IOSocket; listeners: Map<string, (...args: unknown[]) => unknown> }>();

  function standIn(req: Request) {
    const key = `${req.from}:${req.socketId}`;
    let s = stand.get(key);
    if (s) return s;
    const io = app!.io;
    const listeners = new Map<string, (...args: unknown[]) => unknown>();
    const rooms = new Set<string>([req.socketId]);
    const socket = {
      id: req.socketId,
      data: {} as SocketData,
      rooms,
      handshake: { address: req.address, headers: { cookie: req.cookie } },
      on(event: string, fn: (...args: unknown[]) => unknown) {
        listeners.set(event, fn);
        return socket;
      },
      join(r: string | string[]) {
        const list = Array.isArray(r) ? r : [r];
        for (const x of list) rooms.add(x);
        io.in(req.socketId).socketsJoin(list);
      },
      leave(r: string) {
        rooms.delete(r);
        io.in(req.socketId).socketsLeave(r);
      },
      emit(event: string, ...args: unknown[]) {
        (io.to(req.socketId) as unknown as { emit(e: string, ...a: unknown[]): boolean }).emit(event, ...args);
        return true;
      },
    };
    s = { socket: socket as unknown as IOSocket, listeners };
    stand.set(key, s);
    app!.connect(s.socket);
    return s;
  }

  async function handle(req: Request) {
    if (req.kind === 'disconnect') {
      const key = `${req.from}:${req.socketId}`;
      const s = stand.get(key);
      stand.delete(key);
      s?.listeners.get('disconnect')?.('transport close');
      return;
    }
    const s = standIn(req);
    const listener = s.listeners.get(req.event!);
    const send = (ack: Ack<object>) => {
      const reply: Reply = { id: req.id, reply: true, ack, data: s.socket.data, rooms: [...s.socket.rooms] };
      void cmd.publish(inbox(req.from), JSON.stringify(reply));
    };
    if (!listener) return send({ ok: false, error: { code: ErrorCode.BadPayload, message: `unknown event ${req.event}` } });
    await listener(req.payload, send);
  }

  await rpcSub.subscribe(inbox(serverId), (message) => {
    let msg: Request | Reply;
    try {
      msg = JSON.parse(message);
    } catch {
      return;
    }
    if ('reply' in msg) waiting.get(msg.id)?.(msg);
    else void handle(msg).catch((err) => log('forwarded event failed', err));
  });

  async function ownerOf(pin: string): Promise<string | null> {
    return (await cmd.get(ownerKey(pin))) ?? null;
  }

  function send(to: string, req: Request) {
    return cmd.publish(inbox(to), JSON.stringify(req));
  }

  return {
    serverId,

    async claimPin(pin) {
      return (await cmd.set(ownerKey(pin), serverId, { condition: 'NX' })) === 'OK';
    },

    async forward(socket, event, payload) {
      const pin = (payload as { pin?: unknown })?.pin;
      if (typeof pin !== 'string') return null;
      const owner = await ownerOf(pin);
      if (!owner || owner === serverId) return null;
      const req: Request = {
        id: randomUUID(),
        from: serverId,
        socketId: socket.id,
        address: socket.handshake.address,
        cookie: socket.handshake.headers.cookie,
        kind: 'event',
        event,
        payload,
      };
      const reply = await new Promise<Reply | null>((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(req.id);
          resolve(null);
        }, FORWARD_TIMEOUT_MS);
        waiting.set(req.id, (r) => {
          clearTimeout(timer);
          waiting.delete(req.id);
          resolve(r);
        });
        send(owner, req).catch(() => resolve(null));
      });
      if (!reply) return { ok: false, error: { code: ErrorCode.Internal, message: 'the server holding this game did not answer; try again' } };
      // The owner's view of this socket: which game and role, and which rooms (joined here too, so the
      // adapter delivers the owner's emits even if its own join request is still on its way).
      socket.data = reply.data;
      const joined = reply.rooms.filter((r) => r !== socket.id && !socket.rooms.has(r));
      if (joined.length) void socket.join(joined);
      for (const r of socket.rooms) if (r !== socket.id && !reply.rooms.includes(r)) void socket.leave(r);
      return reply.ack;
    },

    store(inner) {
      held = inner;
      return {
        ...inner,
        get: (pin) => inner.get(pin),
        set: (room) => inner.set(room),
        pins: () => inner.pins(),
        delete(pin) {
          inner.delete(pin);
          void cmd
            .eval("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end", { keys: [ownerKey(pin)], arguments: [serverId] })
            .catch((err) => log('releasing a PIN failed', err));
        },
      };
    },

    async attach(application) {
      app = application;
      application.io.adapter(createAdapter(adapterPub, adapterSub));
      application.io.on('connection', (socket) => {
        socket.on('disconnect', () => {
          const pin = socket.data.pin;
          // A socket that played a room held elsewhere: its owner runs the disconnect.
          if (!pin || held?.get(pin)) return;
          void ownerOf(pin).then((owner) => {
            if (owner && owner !== serverId) {
              return send(owner, { id: randomUUID(), from: serverId, socketId: socket.id, address: socket.handshake.address, kind: 'disconnect' });
            }
          });
        });
      });
    },

    async claimRestored(rooms) {
      const mine: Room[] = [];
      for (const room of rooms) {
        const owner = await ownerOf(room.pin);
        if (owner === serverId || (await cmd.set(ownerKey(room.pin), serverId, { condition: 'NX' })) === 'OK') mine.push(room);
      }
      return mine;
    },

    async close() {
      await Promise.allSettled([cmd.quit(), adapterPub.quit(), adapterSub.quit(), rpcSub.quit()]);
    },
  };
}
