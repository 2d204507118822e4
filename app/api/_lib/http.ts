/**
 * Shared by the route handlers: JSON answers, the signed-in teacher, and a same-origin check for
 * requests that change something (SameSite=Lax already keeps the cookie off cross-site POSTs; this
 * refuses them outright).
 */
import { teacherFromCookie } from '@/server/auth';
import { CLIENT_ADDRESS_HEADER, MAX_API_BODY_BYTES, firstForwarded, trustProxyHops } from '@/server/client-address';
import { currentDb } from '@/server/db/current';
import type { Teacher } from '@/server/db/teachers';
import type { Db } from '@/server/db/types';

export const json = (body: unknown, status = 200, headers: HeadersInit = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });

export const problem = (status: number, message: string) => json({ error: message }, status);

/** The host the request was sent to: the Host header, or a trusted proxy's X-Forwarded-Host (TRUST_PROXY; server/client-address.ts). */
export function requestHost(req: Request): string {
  const forwarded = trustProxyHops() > 0 ? firstForwarded(req.headers.get('x-forwarded-host')) : null;
  return forwarded ?? req.headers.get('host') ?? new URL(req.url).host;
}

/** The address the per-address limits count: stamped by the server on every request (server/client-address.ts). */
export const requestAddress = (req: Request) => req.headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown';

/** 429 with Retry-After, for an attempt over its limit. */
export function tooMany(retryAfter: number, what: string): Response {
  const minutes = Math.ceil(retryAfter / 60);
  return json({ error: `too many ${what}; try again in ${minutes} minute${minutes === 1 ? '' : 's'}` }, 429, { 'retry-after': String(retryAfter) });
}

/** Null when the request's Origin names another site. No Origin (same-origin GET, curl, tests): allowed. */
export function crossSite(req: Request): Response | null {
  const origin = req.headers.get('origin');
  if (!origin) return null;
  const host = requestHost(req);
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

const tooLarge = () => problem(413, `a request body here is at most ${MAX_API_BODY_BYTES} bytes`);

/**
 * The body's bytes, read no further than `cap`: a 413 answer instead when it is bigger. The declared
 * length is checked first; a body that does not declare one is read chunk by chunk and dropped the
 * moment it passes the cap, so a 50 MB upload costs at most one chunk past the cap.
 */
export async function readCapped(req: Request, cap = MAX_API_BODY_BYTES): Promise<Uint8Array<ArrayBuffer> | Response> {
  if (Number(req.headers.get('content-length') ?? 0) > cap) {
    void req.body?.cancel().catch(() => {});
    return tooLarge();
  }
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      void reader.cancel().catch(() => {});
      return tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Reads a JSON or form body (capped, see readCapped) into a plain object; null when it is neither, a 413 answer when too big. */
export async function body(req: Request): Promise<Record<string, unknown> | null | Response> {
  const type = req.headers.get('content-type') ?? '';
  if (!type.includes('application/json') && !type.includes('form')) return null;
  const bytes = await readCapped(req);
  if (bytes instanceof Response) return bytes;
  try {
    if (type.includes('application/json')) {
      const b = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
      return b && typeof b === 'object' ? (b as Record<string, unknown>) : null;
    }
    const form = await new Response(bytes, { headers: { 'content-type': type } }).formData();
    return Object.fromEntries(form.entries());
  } catch {
    return null;
  }
}
