import { signIn } from '@/server/auth';
import { withCredentials } from '../../_lib/credentials';
import { problem } from '../../_lib/http';

export const dynamic = 'force-dynamic';

export function POST(req: Request) {
  // One message for an unknown email and a wrong passphrase: the form must not tell which accounts exist.
  return withCredentials(req, async (db, creds) => (await signIn(db, creds)) ?? problem(401, 'wrong email or passphrase'), 200);
}
