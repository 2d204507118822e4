import { buildReport } from '@/server/db/report';
import { deleteSession, sessionDetail } from '@/server/db/sessions';
import { crossSite, json, problem, signedIn } from '../../_lib/http';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };

// Someone else's session answers 404, exactly like one that does not exist: ids reveal nothing.
const notFound = () => problem(404, 'no such session');

export async function GET(req: Request, { params }: Ctx) {
  const who = await signedIn(req);
  if (who instanceof Response) return who;
  const detail = await sessionDetail(who.db, who.teacher.id, (await params).id);
  if (!detail) return notFound();
  const { images: _images, ...rest } = detail;
  return json({ ...rest, report: buildReport(detail) });
}

export async function DELETE(req: Request, { params }: Ctx) {
  const refused = crossSite(req);
  if (refused) return refused;
  const who = await signedIn(req);
  if (who instanceof Response) return who;
  const deleted = await deleteSession(who.db, who.teacher.id, (await params).id);
  return deleted ? new Response(null, { status: 204 }) : notFound();
}
