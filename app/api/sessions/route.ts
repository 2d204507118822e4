import { listSessions } from '@/server/db/sessions';
import { json, signedIn } from '../_lib/http';

export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  const who = await signedIn(req);
  if (who instanceof Response) return who;
  return json({ sessions: await listSessions(who.db, who.teacher.id) });
}
