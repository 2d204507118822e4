import { csvFile } from '@/server/db/csv';
import { playersCsv, votesCsv } from '@/server/db/report';
import { sessionDetail } from '@/server/db/sessions';
import { problem, signedIn } from '../../../../_lib/http';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string; kind: string }> };

const EXPORTS = { players: playersCsv, votes: votesCsv } as const;

export async function GET(req: Request, { params }: Ctx) {
  const { id, kind } = await params;
  if (kind !== 'players' && kind !== 'votes') return problem(404, 'exports are players and votes');
  const who = await signedIn(req);
  if (who instanceof Response) return who;
  const detail = await sessionDetail(who.db, who.teacher.id, id);
  if (!detail) return problem(404, 'no such session');
  const date = detail.session.createdAt.toISOString().slice(0, 10);
  return new Response(csvFile(EXPORTS[kind](detail)), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="gan-arena-${detail.session.pin}-${date}-${kind}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
