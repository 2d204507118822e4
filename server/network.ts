/**
 * Which address phones should use to join: the pure choice behind GET /api/network (the host page's
 * join link and QR code). A projector browser opened at `localhost` knows only its own loopback origin,
 * which no phone can reach, so the server offers its LAN address instead. No Node imports: the route
 * handler passes in `os.networkInterfaces()`, the tests pass in plain objects.
 *
 * Order of choice:
 *   1. PUBLIC_URL, when set and valid: a proxy, a tunnel or a DNS name the teacher chose. Always wins.
 *   2. The page's own origin, when it is not loopback (opened at a LAN address or a public name): the
 *      teacher's browser reached it, so phones on the same network can too.
 *   3. The best LAN IPv4 address of this machine, with the page's port and scheme.
 *   4. Nothing reachable: the page's origin, with a warning in plain words.
 */

/** One entry of `os.networkInterfaces()` (Node 18.0–18.3 reported family as a number). */
export interface NetworkAddress {
  address: string;
  family: string | number;
  internal: boolean;
}
export type NetworkInterfaces = Record<string, NetworkAddress[] | undefined>;

export interface JoinOrigin {
  /** scheme://host[:port], no trailing slash: what the join link and QR code start with. */
  origin: string;
  /** Why this origin: PUBLIC_URL, the page's own host, a LAN address, or loopback (unreachable). */
  source: 'public-url' | 'page' | 'lan' | 'loopback';
  /** Other LAN origins this machine has (a second network card, a hotspot), best first. */
  alternatives: string[];
  /** A sentence for the teacher when phones cannot use `origin`; null when all is well. */
  warning: string | null;
}

export interface JoinOriginInput {
  interfaces: NetworkInterfaces;
  /** The request's Host header (or X-Forwarded-Host), e.g. `localhost:3000`, `[::1]:3000`, `arena.school.org`. */
  requestHost: string;
  /** `http` or `https` (from X-Forwarded-Proto or the request URL). */
  protocol?: string;
  /** The PUBLIC_URL setting, when there is one. */
  publicUrl?: string;
  /** The HOST setting the server listens on: a loopback one means no phone can connect at all. */
  bindHost?: string;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function octets(ip: string): number[] | null {
  const m = IPV4.exec(ip);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((n) => n <= 255) ? parts : null;
}

/** Splits a Host header into host name and port; IPv6 literals keep their brackets off. */
export function splitHost(host: string): { hostname: string; port: string } {
  const h = host.trim().toLowerCase();
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(h);
  if (v6) return { hostname: v6[1], port: v6[2] ?? '' };
  const colon = h.lastIndexOf(':');
  // A bare IPv6 address (no brackets) has several colons and no port.
  if (colon > 0 && h.indexOf(':') === colon && /^\d+$/.test(h.slice(colon + 1))) {
    return { hostname: h.slice(0, colon), port: h.slice(colon + 1) };
  }
  return { hostname: h, port: '' };
}

/** True for names only this machine can reach: localhost, 127/8, ::1, 0.0.0.0 and the IPv4-mapped loopback. */
export function isLoopbackHost(host: string): boolean {
  const { hostname } = splitHost(host);
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true;
  if (hostname === '::1' || hostname === '0:0:0:0:0:0:0:1' || hostname === '::' || hostname === '0.0.0.0') return true;
  const mapped = /^::ffff:(.+)$/.exec(hostname);
  const o = octets(mapped ? mapped[1] : hostname);
  return o !== null && o[0] === 127;
}

/** Bridges to containers and virtual machines on this computer: phones never reach these. */
const VIRTUAL = /^(docker|br-|veth|virbr|vmnet|vboxnet|lxcbr|lxdbr|cni|flannel|cali|weave|kube|podman|vethernet|hyper-v|vnic)/i;
/** VPNs and tunnels: reachable only by their own peers, so last resort. */
const TUNNEL = /^(tun|tap|utun|wg|tailscale|zt|ppp|ipsec|nordlynx|proton)/i;
/** The usual names of a real network card (Linux, macOS, Windows). */
const PHYSICAL = /^(en|eth|wl|wlan|wi-?fi|ethernet|wireless|local area connection)/i;

function isPrivate(o: number[]): boolean {
  return o[0] === 10 || (o[0] === 172 && o[1] >= 16 && o[1] <= 31) || (o[0] === 192 && o[1] === 168);
}

/**
 * This machine's IPv4 addresses a phone on the same network could use, best first: real network cards
 * before unknown ones before VPN tunnels, private (Wi-Fi, school LAN) ranges before others. Loopback,
 * link-local 169.254/16 (no DHCP answer) and container/VM bridges are left out.
 */
export function lanAddresses(interfaces: NetworkInterfaces): string[] {
  const found: { address: string; rank: number; order: number }[] = [];
  let order = 0;
  for (const [name, entries] of Object.entries(interfaces)) {
    if (VIRTUAL.test(name)) continue;
    for (const e of entries ?? []) {
      if (e.internal || (e.family !== 'IPv4' && e.family !== 4)) continue;
      const o = octets(e.address);
      if (!o || o[0] === 127 || o[0] === 0 || (o[0] === 169 && o[1] === 254)) continue;
      const kind = TUNNEL.test(name) ? 2 : PHYSICAL.test(name) ? 0 : 1;
      found.push({ address: e.address, rank: kind * 2 + (isPrivate(o) ? 0 : 1), order: order++ });
    }
  }
  found.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return [...new Set(found.map((f) => f.address))];
}

function publicOrigin(publicUrl: string | undefined): string | null {
  if (!publicUrl?.trim()) return null;
  try {
    const url = new URL(publicUrl.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

/** The origin phones should join at, and a warning when there is none they can reach. */
export function chooseJoinOrigin(input: JoinOriginInput): JoinOrigin {
  const scheme = input.protocol?.replace(/:$/, '') === 'https' ? 'https' : 'http';
  const { hostname, port } = splitHost(input.requestHost || 'localhost');
  const pageHost = hostname.includes(':') ? `[${hostname}]` : hostname;
  const pageOrigin = `${scheme}://${pageHost}${port ? `:${port}` : ''}`;
  const withPort = (ip: string) => `${scheme}://${ip}${port ? `:${port}` : ''}`;

  const fixed = publicOrigin(input.publicUrl);
  if (fixed) return { origin: fixed, source: 'public-url', alternatives: [], warning: null };

  // HOST: the address the server listens on. Every address (unset, 0.0.0.0, ::) is the usual case.
  const bound = input.bindHost?.trim() ?? '';
  const everywhere = bound === '' || bound === '0.0.0.0' || bound === '::';
  const bindLoopback = !everywhere && isLoopbackHost(bound);
  const lan = bindLoopback ? [] : lanAddresses(input.interfaces);
  // Listening on one LAN address only: that is the one phones can use.
  const usable = !everywhere && octets(bound) ? lan.filter((a) => a === bound) : lan;

  if (!isLoopbackHost(input.requestHost || 'localhost')) {
    return { origin: pageOrigin, source: 'page', alternatives: [], warning: null };
  }
  if (usable.length > 0) {
    return { origin: withPort(usable[0]), source: 'lan', alternatives: usable.slice(1).map(withPort), warning: null };
  }
  const where = `http://<this computer's Wi-Fi IP address>${port ? `:${port}` : ''}`;
  const warning = bindLoopback
    ? `Phones can't reach localhost, and the server listens on ${bound} only: restart it without HOST=${bound} (or with HOST=0.0.0.0) on a machine on the class Wi-Fi.`
    : `Phones can't reach localhost: start the game on a machine on the class Wi-Fi, or open this page at ${where}.`;
  return { origin: pageOrigin, source: 'loopback', alternatives: [], warning };
}
