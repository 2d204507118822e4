import { clearedCookie, isHttps, readCookie, signOut } from '@/server/auth';
import { currentDb } from '@/server/db/current';
import { crossSite, json } from '../../_lib/http';

export const dynamic = 'force-dynamic';

export async function POST(req: Request) {
  const refused = crossSite(req);
  if (refused) return refused;
  const token = readCookie(req.headers.get('cookie'));
  if (token) await signOut(await currentDb(), token);
  return json({ ok: true }, 200, { 'set-cookie': clearedCookie(isHttps(req)) });
}
