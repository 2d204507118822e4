import { json, signedIn } from '../../_lib/http';

export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  const who = await signedIn(req);
  return who instanceof Response ? who : json({ teacher: who.teacher });
}
