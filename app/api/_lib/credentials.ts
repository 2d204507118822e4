import { CredentialsSchema, type SignedIn, isHttps, sessionCookie } from '@/server/auth';
import { currentDb } from '@/server/db/current';
import type { Db } from '@/server/db/types';
import { body, crossSite, json, problem } from './http';

/** Sign-up and sign-in share everything but the step in the middle: a session started answers 200 with its cookie. */
export async function withCredentials(
  req: Request,
  act: (db: Db, creds: { email: string; passphrase: string }) => Promise<SignedIn | Response>,
): Promise<Response> {
  const refused = crossSite(req);
  if (refused) return refused;
  const read = await body(req);
  if (read instanceof Response) return read;
  const parsed = CredentialsSchema.safeParse(read);
  if (!parsed.success) return problem(400, parsed.error.issues[0]?.message ?? 'enter an email and a passphrase');
  const result = await act(await currentDb(), parsed.data);
  if (result instanceof Response) return result;
  return json({ teacher: result.teacher }, 200, { 'set-cookie': sessionCookie(result.token, result.expiresAt, isHttps(req)) });
}
