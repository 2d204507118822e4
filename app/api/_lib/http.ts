/**
 * Shared by the route handlers: JSON answers, the signed-in teacher, and a same-origin check for
 * requests that change something (SameSite=Lax already keeps the cookie off cross-site POSTs; this
 * refuses them outright).
 */
import { teacherFromCookie } from '@/server/auth';
import { currentDb } from '@/server/db/current';
import type { Teacher } from '@/server/db/teachers';
import type { Db } from '@/server/db/types';

export const json = (body: unknown, status = 200, headers: HeadersInit = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });

export const problem = (status: number, message: string) => json({ error: message }, status);

/** Null when the request's Origin names another site. No Origin (same-origin GET, curl, tests): allowed. */
export function crossSite(req: Request): Response | null {
  const origin = req.headers.get('origin');
  if (!origin) return null;
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host') ?? new URL(req.url).host;
  try {
    if (new URL(origin).host === host) return null;
  } catch {
    // an unparsable Origin is as foreign as any
  }
  return problem(403, 'cross-site requests are not allowed');
}

export async function signedIn(req: Request): Promise<{ db: Db; teacher: Teacher } | Response> {
  const db = await currentDb();
  const teacher = await teacherFromCookie(req.headers.get('cookie'), db);
  return teacher ? { db, teacher } : problem(401, 'sign in first');
}

/** Reads a JSON or form body into a plain object; null when it is neither. */
export async function body(req: Request): Promise<Record<string, unknown> | null> {
  const type = req.headers.get('content-type') ?? '';
  try {
    if (type.includes('application/json')) {
      const b = (await req.json()) as unknown;
      return b && typeof b === 'object' ? (b as Record<string, unknown>) : null;
    }
    if (type.includes('form')) return Object.fromEntries((await req.formData()).entries());
  } catch {
    return null;
  }
  return null;
}
