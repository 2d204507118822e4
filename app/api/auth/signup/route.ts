import { createAccount } from '@/server/auth';
import { authLimits } from '@/server/rate-limit';
import { withCredentials } from '../../_lib/credentials';
import { json, requestAddress, tooMany } from '../../_lib/http';

export const dynamic = 'force-dynamic';

/** The one answer to every well-formed sign-up, whether or not the email had an account: the page then signs in. */
const SIGNED_UP = 'if this email had no account, it has one now: sign in with it';

export function POST(req: Request) {
  return withCredentials(req, async (db, creds) => {
    const attempt = authLimits().signUp(requestAddress(req));
    if (!attempt.ok) return tooMany(attempt.retryAfter, 'new accounts from this network');
    await createAccount(db, creds);
    return json({ message: SIGNED_UP }, 202);
  });
}
