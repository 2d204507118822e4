/**
 * The game's results for whoever hosted it: the players and votes CSVs the teacher dashboard exports,
 * served to the room's host on the token alone, so a host who is not signed in (whose game is kept
 * in no account) can still take the results home. Plain HTTP on the custom server, declared once in
 * game/protocol.ts (ResultsRoute):
 *
 *   GET /rooms/:pin/csv/:kind   (kind: players | votes)   header: x-host-token
 *
 * The room (live, in the store) names its session by PIN and creation time; the token is compared in
 * constant time. 404: no such room, or nothing records it; 403: wrong token; 400: unknown kind.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ResultsRoute } from '../game/protocol';
import { csvFile } from './db/csv';
import { playersCsv, votesCsv } from './db/report';
import type { SessionDetail } from './db/sessions';
import type { RoomStore } from './store';

/** A room's recorded session, by its PIN and creation time (server/index.ts: roomSessionDetail on the database). */
export type ResultsSource = (pin: string, createdAt: Date) => Promise<SessionDetail | null>;

const EXPORTS = { players: playersCsv, votes: votesCsv } as const;

/** Equal strings, in time that does not depend on where they differ (hashes first, so lengths leak nothing either). */
export function sameToken(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

interface Options {
  store: RoomStore;
  /** Absent where no database records games: every request is a 404. */
  results?: ResultsSource;
  log: (msg: string, err?: unknown) => void;
}

function send(res: ServerResponse, status: number, message: string) {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ ok: false, error: message }));
}

export function resultsRoutes({ store, results, log }: Options) {
  return function handle(req: IncomingMessage, res: ServerResponse): boolean {
    const match = ResultsRoute.match(req.url ?? '');
    if (!match) return false;
    if (req.method !== 'GET') {
      send(res, 405, 'use GET');
      return true;
    }
    const { pin, kind } = match;
    const room = store.get(pin);
    if (!room || !results) {
      send(res, 404, 'no such game');
      return true;
    }
    const token = req.headers[ResultsRoute.hostTokenHeader];
    if (typeof token !== 'string' || !sameToken(token, room.hostToken)) {
      send(res, 403, 'only the host can do that');
      return true;
    }
    if (!ResultsRoute.isKind(kind)) {
      send(res, 400, 'results are players and votes');
      return true;
    }
    results(pin, new Date(room.createdAt))
      .then((detail) => {
        if (!detail) return send(res, 404, 'this game was not recorded');
        const date = detail.session.createdAt.toISOString().slice(0, 10);
        res.writeHead(200, {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="gan-arena-${pin}-${date}-${kind}.csv"`,
          'cache-control': 'no-store',
        });
        res.end(csvFile(EXPORTS[kind](detail)));
      })
      .catch((err) => {
        log('results export failed', err);
        send(res, 500, 'could not read the results');
      });
    return true;
  };
}
