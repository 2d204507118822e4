import { signIn } from '@/server/auth';
import { authLimits } from '@/server/rate-limit';
import { withCredentials } from '../../_lib/credentials';
import { problem, requestAddress, tooMany } from '../../_lib/http';

export const dynamic = 'force-dynamic';

export function POST(req: Request) {
  return withCredentials(req, async (db, creds) => {
    // Counted per email and per address before the passphrase is checked (server/rate-limit.ts, AuthLimits).
    const attempt = authLimits().signIn(creds.email, requestAddress(req));
    if (!attempt.ok) return tooMany(attempt.retryAfter, 'sign-in attempts');
    const signedIn = await signIn(db, creds);
    // One message for an unknown email and a wrong passphrase: the form must not tell which accounts exist.
    if (!signedIn) return problem(401, 'wrong email or passphrase');
    attempt.didNotCount();
    return signedIn;
  });
}
