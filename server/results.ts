/**
 * The game's results for whoever hosted it: the players and votes CSVs the teacher dashboard exports,
 * served to the room's host on the token alone, so a host who is not signed in (whose game is kept
 * in no account) can still take the results home. Plain HTTP on the custom server, declared once in
 * game/protocol.ts (ResultsRoute):
 *
 *   GET /rooms/:pin/csv/:kind   (kind: players | votes)   header: x-host-token
 *
 * The room (live, in the store) names its session by PIN and creation time; the token is compared in
 * constant time. 404: no such room or a wrong token (answered alike), or nothing records it; 400: unknown kind.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ResultsRoute } from '../game/protocol';
import { csvExport } from './db/report';
import { roomForHost, sendJson } from './host-http';
import type { SessionDetail } from './db/sessions';
import type { RoomStore } from './store';

/** A room's recorded session, by its PIN and creation time (server/index.ts: roomSessionDetail on the database). */
export type ResultsSource = (pin: string, createdAt: Date) => Promise<SessionDetail | null>;

interface Options {
  store: RoomStore;
  /** Absent where no database records games: every request is a 404. */
  results?: ResultsSource;
  log: (msg: string, err?: unknown) => void;
}

export function resultsRoutes({ store, results, log }: Options) {
  return function handle(req: IncomingMessage, res: ServerResponse): boolean {
    const match = ResultsRoute.match(req.url ?? '');
    if (!match) return false;
    if (req.method !== 'GET') {
      sendJson(res, 405, 'use GET');
      return true;
    }
    const { pin, kind } = match;
    if (!results) {
      sendJson(res, 404, 'no such game');
      return true;
    }
    const room = roomForHost(req, res, store, pin, ResultsRoute.hostTokenHeader);
    if (!room) return true;
    if (!ResultsRoute.isKind(kind)) {
      sendJson(res, 400, 'results are players and votes');
      return true;
    }
    results(pin, new Date(room.createdAt))
      .then((detail) => {
        if (!detail) return sendJson(res, 404, 'this game was not recorded');
        const { body, headers } = csvExport(detail, kind);
        res.writeHead(200, headers);
        res.end(body);
      })
      .catch((err) => {
        log('results export failed', err);
        sendJson(res, 500, 'could not read the results');
      });
    return true;
  };
}
