import { signUp } from '@/server/auth';
import { withCredentials } from '../../_lib/credentials';
import { problem } from '../../_lib/http';

export const dynamic = 'force-dynamic';

export function POST(req: Request) {
  return withCredentials(req, async (db, creds) => (await signUp(db, creds)) ?? problem(409, 'that email already has an account; sign in'), 201);
}
