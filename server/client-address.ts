/**
 * Who is asking, for the per-address limits (server/rate-limit.ts) and the same-origin check: the
 * socket's remote address and the Host header, unless TRUST_PROXY says the server sits behind proxies
 * that set `X-Forwarded-For`, `-Host` and `-Proto`. Without that setting anyone could send those
 * headers and pick a fresh address for every guess, or a host that passes the origin check.
 *
 *   TRUST_PROXY unset, "", 0, false, no: nothing forwarded is trusted (the default)
 *   TRUST_PROXY=true (or yes, 1):        one proxy in front (nginx, Caddy, a load balancer)
 *   TRUST_PROXY=N:                       N proxies in a chain
 *
 * With N proxies the client is the N-th address from the right of `X-Forwarded-For`: each proxy
 * appends the address it was reached from, and anything to the left of what they appended is the
 * client's own say-so.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';

/** How many proxies to trust, from the TRUST_PROXY setting. Anything unreadable trusts none. */
export function trustProxyHops(setting: string | undefined = process.env.TRUST_PROXY): number {
  const v = (setting ?? '').trim().toLowerCase();
  if (v === 'true' || v === 'yes') return 1;
  const n = /^\d{1,2}$/.test(v) ? Number(v) : 0;
  return n;
}

/** "::ffff:10.0.0.1" → "10.0.0.1"; brackets and zone ids off; lower case. */
export function normalizeAddress(address: string): string {
  let a = address.trim().toLowerCase();
  if (a.startsWith('[') && a.includes(']')) a = a.slice(1, a.indexOf(']'));
  const zone = a.indexOf('%');
  if (zone >= 0) a = a.slice(0, zone);
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a);
  return mapped ? mapped[1] : a;
}

/** One header value, whether Node gave a string, a list, or nothing. */
const headerValue = (h: string | string[] | null | undefined) => (Array.isArray(h) ? h.join(',') : (h ?? ''));

/** The client's address: the socket's, or with `hops` trusted proxies the one they vouch for. */
export function clientAddress(remote: string | undefined, forwardedFor: string | string[] | null | undefined, hops: number): string {
  const direct = normalizeAddress(remote ?? '') || 'unknown';
  if (hops <= 0) return direct;
  const chain = headerValue(forwardedFor)
    .split(',')
    .map((s) => normalizeAddress(s))
    .filter(Boolean);
  // Fewer entries than proxies: the nearest proxy did not say, so take the leftmost it passed on.
  const vouched = chain[Math.max(0, chain.length - hops)];
  return vouched && isIP(vouched) ? vouched : direct;
}

/**
 * The key a per-address limit counts under: the IPv4 address, or an IPv6 address's /64 (one home or
 * phone gets a whole /64, so counting single IPv6 addresses would hand a script 2^64 fresh budgets).
 */
export function addressKey(address: string): string {
  const a = normalizeAddress(address);
  if (isIP(a) !== 6) return a;
  const [head, tail = ''] = a.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = a.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** The first host in an `X-Forwarded-Host`-style list. */
export const firstForwarded = (h: string | null | undefined) => h?.split(',')[0]?.trim() || null;

/** Set by the server on every request it hands to Next (never taken from the client): the address the limits count. */
export const CLIENT_ADDRESS_HEADER = 'x-gan-client-address';
/** Forwarding headers the server removes when it trusts no proxy, so Next fills them from the socket instead. */
const FORWARDING = ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'forwarded'];

/**
 * Largest body any /api route reads: the routes take an email and a passphrase (under 1 KB). A body
 * declared bigger is refused before a byte of it is read; the routes read undeclared (chunked) ones
 * with the same cap (app/api/_lib/http.ts).
 */
export const MAX_API_BODY_BYTES = 16 * 1024;

/**
 * Makes a request fit for the page and API handlers: forwarding headers only from trusted proxies,
 * the client's address stamped in CLIENT_ADDRESS_HEADER, and an /api body declared over the cap
 * answered 413 at once. True when it answered the request itself.
 */
export function prepareRequest(req: IncomingMessage, res: ServerResponse, hops: number): boolean {
  const address = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], hops);
  if (hops <= 0) for (const h of FORWARDING) delete req.headers[h];
  req.headers[CLIENT_ADDRESS_HEADER] = address;
  if ((req.url ?? '').startsWith('/api/')) {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_API_BODY_BYTES) {
      // Close the connection rather than read and discard the rest of a huge body.
      res.writeHead(413, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', connection: 'close' });
      res.end(JSON.stringify({ error: `a request body here is at most ${MAX_API_BODY_BYTES} bytes` }));
      return true;
    }
  }
  return false;
}
