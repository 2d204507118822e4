/**
 * The baseline for `npm run bench:load`: a bare Socket.io server with no game, no engine and no
 * database. It acknowledges joins and votes at once and, on `bench:round`, pushes every socket a
 * judging view of the same size the game sends, so the bots can replay the same message pattern.
 * Run as its own process (PORT env) so its CPU is measured apart from the bots'.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Server } from 'socket.io';
import { SOCKET_PATH } from '../../game/protocol';
import { randomImage } from './driver-host';

type Ack = (x: unknown) => void;
const http = createServer();
const io = new Server(http, { path: SOCKET_PATH, maxHttpBufferSize: 256 * 1024 });

io.on('connection', (socket) => {
  socket.on('player:join', (_p: unknown, ack: Ack) =>
    ack({ ok: true, playerId: randomBytes(6).toString('hex'), playerToken: randomBytes(18).toString('base64url'), nickname: 'Echo Bot' }),
  );
  socket.on('player:vote', (p: { imageId?: string; verdict?: string }, ack: Ack) => ack({ ok: true, imageId: p?.imageId, verdict: p?.verdict }));
  socket.on('bench:round', (p: { round: number; images: number }, ack: Ack) => {
    const images = Array.from({ length: p.images }, (_, i) => ({ id: `img${p.round}x${i}abc`, pixels: randomImage() }));
    const now = Date.now();
    // One emit per socket, as the game sends each player its own view.
    for (const s of io.sockets.sockets.values()) {
      if (s.id === socket.id) continue;
      s.emit('room:player', {
        pin: '000000',
        serverNow: now,
        round: p.round,
        totalRounds: 2,
        level: 1,
        levelName: 'Echo',
        playerCount: io.sockets.sockets.size,
        paused: null,
        me: { id: s.id, nickname: 'Echo Bot', score: 0, rank: 1, streak: 0, role: 'discriminator' },
        ahead: null,
        top: [],
        teams: null,
        knobs: null,
        trainer: null,
        phase: { kind: 'judging', round: p.round, inRound: true, images, deadline: now + 20_000, mine: {} },
      });
    }
    ack({ ok: true });
  });
});

http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`> echo ready on ${(http.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => io.close(() => process.exit(0)));
