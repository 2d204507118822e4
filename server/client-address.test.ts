/**
 * Who is asking: forwarding headers are believed only when TRUST_PROXY says a proxy sets them, for
 * the per-address limits (sockets and HTTP), the same-origin check, the scheme and the join link; and
 * /api bodies are capped before they are read.
 */
import { type IncomingMessage, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GET as network } from '../app/api/network/route';
import { body, crossSite, readCapped } from '../app/api/_lib/http';
import { PROTOCOL_VERSION } from '../game/protocol';
import { isHttps } from './auth';
import { CLIENT_ADDRESS_HEADER, MAX_API_BODY_BYTES, addressKey, clientAddress, prepareRequest, trustProxyHops } from './client-address';
import { JOIN_BUCKET, PIN_GUESS_BUCKET } from './rate-limit';
import { call, client, hostGame, useServer } from './test-client';

describe('the TRUST_PROXY setting', () => {
  it('trusts nothing unless told, one proxy for true, N for a number', () => {
    for (const v of [undefined, '', '0', 'false', 'no', 'off', 'maybe', '-1', '1.5']) expect(trustProxyHops(v), String(v)).toBe(0);
    expect(trustProxyHops('true')).toBe(1);
    expect(trustProxyHops(' YES ')).toBe(1);
    expect(trustProxyHops('1')).toBe(1);
    expect(trustProxyHops('2')).toBe(2);
  });
});

describe('clientAddress', () => {
  it('is the socket address when no proxy is trusted, whatever the client claims', () => {
    expect(clientAddress('::ffff:10.1.2.3', '203.0.113.9', 0)).toBe('10.1.2.3');
    expect(clientAddress('127.0.0.1', undefined, 0)).toBe('127.0.0.1');
    expect(clientAddress(undefined, undefined, 0)).toBe('unknown');
  });

  it('with N trusted proxies, is the N-th address from the right of X-Forwarded-For', () => {
    // The client wrote "1.1.1.1"; the proxy appended the address it was reached from.
    expect(clientAddress('10.0.0.2', '1.1.1.1, 203.0.113.9', 1)).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.2', ['1.1.1.1', '203.0.113.9, 10.0.0.1'], 2)).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.2', '203.0.113.9', 2)).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.2', '[2001:db8::1]', 1)).toBe('2001:db8::1');
    // Nothing usable forwarded: the proxy's own address.
    expect(clientAddress('10.0.0.2', undefined, 1)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', 'not an address', 1)).toBe('10.0.0.2');
  });

  it('counts an IPv6 client by its /64, so one home network cannot mint fresh budgets', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::5')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('192.0.2.1')).toBe('192.0.2.1');
  });
});

/** A server that runs prepareRequest and answers with the headers the handlers would see and how many body bytes arrived. */
async function preparedServer(hops: number) {
  let received = 0;
  const server = createServer((req: IncomingMessage, res) => {
    if (prepareRequest(req, res, hops)) return;
    req.on('data', (c: Buffer) => (received += c.length));
    req.on('end', () => res.end(JSON.stringify(req.headers)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { port, received: () => received, close: () => new Promise((r) => server.close(r)) };
}

function send(port: number, path: string, headers: Record<string, string | number>, bodyBytes = 0): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: bodyBytes ? 'POST' : 'GET', headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', (err) => (bodyBytes ? resolve({ status: -1, text: String(err) }) : reject(err)));
    // Write slowly enough that a server reading it all would have to: 1 MB at a time.
    let left = bodyBytes;
    const chunk = Buffer.alloc(1024 * 1024, 120);
    const pump = () => {
      while (left > 0) {
        const n = Math.min(left, chunk.length);
        left -= n;
        if (!req.write(chunk.subarray(0, n))) return void req.once('drain', pump);
      }
      req.end();
    };
    if (bodyBytes) pump();
    else req.end();
  });
}

describe('prepareRequest (server/index.ts runs it before Next)', () => {
  it('drops forwarding headers when no proxy is trusted and stamps the socket address', async () => {
    const s = await preparedServer(0);
    const seen = JSON.parse(
      (
        await send(s.port, '/api/auth/me', {
          'x-forwarded-for': '198.51.100.7',
          'x-forwarded-host': 'evil.test',
          'x-forwarded-proto': 'https',
          [CLIENT_ADDRESS_HEADER]: '198.51.100.8',
        })
      ).text,
    );
    expect(seen['x-forwarded-for']).toBeUndefined();
    expect(seen['x-forwarded-host']).toBeUndefined();
    expect(seen['x-forwarded-proto']).toBeUndefined();
    expect(seen[CLIENT_ADDRESS_HEADER]).toBe('127.0.0.1');
    await s.close();
  });

  it('keeps them from a trusted proxy and stamps the address it vouches for', async () => {
    const s = await preparedServer(1);
    const seen = JSON.parse((await send(s.port, '/', { 'x-forwarded-for': '1.1.1.1, 198.51.100.7', 'x-forwarded-host': 'arena.school.test' })).text);
    expect(seen['x-forwarded-host']).toBe('arena.school.test');
    expect(seen[CLIENT_ADDRESS_HEADER]).toBe('198.51.100.7');
    await s.close();
  });

  it('refuses a 50 MB /api body with 413 without reading it', async () => {
    const s = await preparedServer(0);
    const res = await send(s.port, '/api/auth/signin', { 'content-type': 'application/json', 'content-length': 50 * 1024 * 1024 }, 50 * 1024 * 1024);
    // Either the 413 arrives, or the connection is closed under the upload once it has been answered.
    if (res.status !== -1) {
      expect(res.status).toBe(413);
      expect(JSON.parse(res.text).error).toMatch(/at most/);
    }
    expect(s.received()).toBe(0);
    // Small bodies pass.
    expect((await send(s.port, '/api/auth/signin', { 'content-type': 'application/json', 'content-length': 100 }, 100)).status).toBe(200);
    expect(s.received()).toBe(100);
    await s.close();
  });
});

describe('capped body reading in the /api routes', () => {
  /** A 50 MB body that is only produced as it is read, counting what was pulled. */
  function hugeStream() {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(32);
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (pulled >= 50 * 1024 * 1024) return c.close();
        pulled += chunk.length;
        c.enqueue(chunk);
      },
    });
    return { stream, pulled: () => pulled };
  }
  const post = (b: BodyInit, headers: Record<string, string> = {}) =>
    new Request('http://127.0.0.1:3300/api/auth/signin', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: b, duplex: 'half' } as RequestInit);

  it('stops reading an undeclared body at the cap and answers 413', async () => {
    const h = hugeStream();
    const res = await body(post(h.stream));
    expect(res).toBeInstanceOf(Response);
    expect((res as Response).status).toBe(413);
    expect(h.pulled()).toBeLessThanOrEqual(MAX_API_BODY_BYTES + 2 * 64 * 1024);
  });

  it('refuses a declared length over the cap before reading, and reads JSON and forms under it', async () => {
    const h = hugeStream();
    const declared = await readCapped(post(h.stream, { 'content-length': String(50 * 1024 * 1024) }));
    expect((declared as Response).status).toBe(413);
    expect(h.pulled()).toBeLessThanOrEqual(64 * 1024);
    expect(await body(post(JSON.stringify({ email: 'a@b.test' })))).toEqual({ email: 'a@b.test' });
    const form = new Request('http://x/api', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a%40b.test' });
    expect(await body(form)).toEqual({ email: 'a@b.test' });
    expect(await body(post('not json'))).toBeNull();
  });
});

describe('forwarded host and scheme in the route handlers', () => {
  afterEach(() => void vi.unstubAllEnvs());
  const req = (headers: Record<string, string>) => new Request('http://127.0.0.1:3300/api/auth/signin', { method: 'POST', headers: { host: '127.0.0.1:3300', ...headers } });
  const evil = { origin: 'https://evil.test', 'x-forwarded-host': 'evil.test', 'x-forwarded-proto': 'https' };

  it('ignores X-Forwarded-Host and -Proto without TRUST_PROXY', async () => {
    vi.stubEnv('TRUST_PROXY', '');
    expect(crossSite(req(evil))?.status).toBe(403);
    expect(isHttps(req(evil))).toBe(false);
    const join = await (await network(new Request('http://127.0.0.1:3300/api/network', { headers: { host: 'arena.school.test', 'x-forwarded-host': 'evil.test', 'x-forwarded-proto': 'https' } }))).json();
    expect(join.origin).toBe('http://arena.school.test');
  });

  it('believes them with TRUST_PROXY', async () => {
    vi.stubEnv('TRUST_PROXY', '1');
    expect(crossSite(req({ origin: 'https://arena.school.test', 'x-forwarded-host': 'arena.school.test' }))).toBeNull();
    expect(crossSite(req(evil))).toBeNull(); // the proxy vouched for evil.test, so the origin matches it
    expect(isHttps(req(evil))).toBe(true);
    const join = await (await network(new Request('http://127.0.0.1:3300/api/network', { headers: { host: '10.0.0.2:3000', 'x-forwarded-host': 'arena.school.test', 'x-forwarded-proto': 'https' } }))).json();
    expect(join.origin).toBe('https://arena.school.test');
  });
});

describe('per-address PIN budgets behind a trusted proxy', () => {
  let now = Date.now();
  beforeEach(() => void (now = Date.now()));
  useServer({ clock: () => now, trustProxy: 1 });

  it('counts each client the proxy vouches for on its own, across reconnects', async () => {
    const { pin } = await hostGame();
    const wrong = pin === '123456' ? '654321' : '123456';
    const from = (addr: string) => client({ 'x-forwarded-for': addr });
    let misses = 0;
    for (let s = 0; misses < PIN_GUESS_BUCKET.capacity; s++) {
      const c = from('203.0.113.5');
      for (let i = 0; i < JOIN_BUCKET.capacity && misses < PIN_GUESS_BUCKET.capacity; i++, misses++) {
        expect(await call(c, 'player:join', { v: PROTOCOL_VERSION, pin: wrong })).toMatchObject({ error: { code: 'no_such_game' } });
      }
      c.disconnect();
    }
    expect(await call(from('203.0.113.5'), 'player:join', { v: PROTOCOL_VERSION, pin })).toMatchObject({ error: { code: 'rate_limited' } });
    // The proxy's own address (127.0.0.1, every client's socket) is not what is counted: another client still joins.
    expect(await call(from('203.0.113.6'), 'player:join', { v: PROTOCOL_VERSION, pin })).toMatchObject({ ok: true });
    // Writing your own X-Forwarded-For in front of the proxy's entry changes nothing.
    expect(await call(from('198.51.100.1, 203.0.113.5'), 'player:join', { v: PROTOCOL_VERSION, pin })).toMatchObject({ error: { code: 'rate_limited' } });
  });
});
