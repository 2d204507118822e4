import { ResultsRoute } from '@/game/protocol';
import { csvExport } from '@/server/db/report';
import { sessionDetail } from '@/server/db/sessions';
import { problem, signedIn } from '../../../../_lib/http';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string; kind: string }> };

export async function GET(req: Request, { params }: Ctx) {
  const { id, kind } = await params;
  if (!ResultsRoute.isKind(kind)) return problem(404, 'exports are players and votes');
  const who = await signedIn(req);
  if (who instanceof Response) return who;
  const detail = await sessionDetail(who.db, who.teacher.id, id);
  if (!detail) return problem(404, 'no such session');
  const { body, headers } = csvExport(detail, kind);
  return new Response(body, { headers });
}
