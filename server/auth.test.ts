/**
 * Accounts: scrypt hashing, cookie sessions, and the route handlers themselves, called as Next would
 * call them, on PGlite and (with TEST_DATABASE_URL) PostgreSQL. One teacher never reads another's session.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { POST as signin } from '../app/api/auth/signin/route';
import { POST as signout } from '../app/api/auth/signout/route';
import { POST as signup } from '../app/api/auth/signup/route';
import { GET as me } from '../app/api/auth/me/route';
import { GET as listRoute } from '../app/api/sessions/route';
import { DELETE as deleteRoute, GET as sessionRoute } from '../app/api/sessions/[id]/route';
import { GET as csvRoute } from '../app/api/sessions/[id]/csv/[kind]/route';
import { COOKIE_NAME, hashPassphrase, readCookie, teacherFromCookie, verifyPassphrase } from './auth';
import { CLIENT_ADDRESS_HEADER } from './client-address';
import { AuthLimits, SIGNIN_PER_ADDRESS, SIGNIN_PER_EMAIL, SIGNUP_PER_ADDRESS, installAuthLimits } from './rate-limit';
import { installDatabase } from './db/current';
import { parseCsv } from './db/csv';
import { PlayedRoom } from './db/fixtures';
import { testTargets } from './db/testing';
import type { Database } from './db/types';
import { dbRecorder } from './recorder';

describe('passphrase hashing', () => {
  it('verifies the right passphrase and refuses others', async () => {
    const h = await hashPassphrase('correct horse battery');
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassphrase('correct horse battery', h)).toBe(true);
    expect(await verifyPassphrase('correct horse batterx', h)).toBe(false);
    expect(await verifyPassphrase('correct horse battery', 'garbage')).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassphrase('same passphrase')).not.toBe(await hashPassphrase('same passphrase'));
  });
});

describe('cookies', () => {
  it('reads one cookie among several', () => {
    expect(readCookie(`a=1; ${COOKIE_NAME}=tok%2Den; b=2`)).toBe('tok-en');
    expect(readCookie('a=1')).toBeNull();
    expect(readCookie(undefined)).toBeNull();
  });
});

const BASE = 'http://127.0.0.1:3300';

function post(path: string, body: unknown, cookie?: string, headers: Record<string, string> = {}) {
  return new Request(BASE + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...headers },
    body: JSON.stringify(body),
  });
}
const get = (path: string, cookie?: string) => new Request(BASE + path, { headers: cookie ? { cookie } : {} });
/** The name=value part of a Set-Cookie header, as the browser would send it back. */
const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0];
const params = <T>(p: T) => ({ params: Promise.resolve(p) });
/** Signs up, then signs in as the page does; the sign-in's answer (with its cookie). */
async function register(email: string, passphrase: string) {
  expect((await signup(post('/api/auth/signup', { email, passphrase }))).status).toBe(202);
  return signin(post('/api/auth/signin', { email, passphrase }));
}
let now = Date.now();
beforeEach(() => {
  now = Date.now();
  installAuthLimits(new AuthLimits(() => now));
});

describe.each(testTargets())('accounts and the sessions API on $name', ({ open }) => {
  let database: Database;
  beforeAll(async () => {
    database = await open();
    installDatabase(database);
  });
  afterAll(async () => {
    installDatabase(null);
    await database.close();
  });

  it('signs up, signs in, reads the session cookie, signs out', async () => {
    const res = await register(' Ana@School.test ', 'a long passphrase');
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/); // plain http here
    expect((await res.json()).teacher.email).toBe('ana@school.test');

    expect((await signup(post('/api/auth/signup', { email: 'bo@school.test', passphrase: 'short' }))).status).toBe(400);
    expect((await signup(post('/api/auth/signup', { email: 'not an email', passphrase: 'a long passphrase' }))).status).toBe(400);

    expect((await signin(post('/api/auth/signin', { email: 'ana@school.test', passphrase: 'wrong passphrase' }))).status).toBe(401);
    expect((await signin(post('/api/auth/signin', { email: 'nobody@school.test', passphrase: 'wrong passphrase' }))).status).toBe(401);
    const ok = await signin(post('/api/auth/signin', { email: 'ANA@school.test', passphrase: 'a long passphrase' }));
    expect(ok.status).toBe(200);
    const cookie = cookieOf(ok);

    // The cookie names the teacher, over HTTP and on a socket handshake alike.
    expect((await me(get('/api/auth/me', cookie))).status).toBe(200);
    expect((await teacherFromCookie(cookie, database.db))?.email).toBe('ana@school.test');
    // Only the token's hash is stored: the raw token is nowhere in the table.
    const token = cookie.split('=')[1];
    const rows = await database.db.query.authSessions.findMany();
    expect(rows.some((r) => r.tokenHash === token)).toBe(false);

    const out = await signout(post('/api/auth/signout', {}, cookie));
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await me(get('/api/auth/me', cookie))).status).toBe(401);
    expect(await teacherFromCookie(cookie, database.db)).toBeNull();
  });

  it('refuses a cross-site sign-in', async () => {
    const res = await signin(post('/api/auth/signin', { email: 'ana@school.test', passphrase: 'a long passphrase' }, undefined, { origin: 'https://evil.test' }));
    expect(res.status).toBe(403);
  });

  it('shows a teacher their own sessions and nobody else’s', async () => {
    const a = cookieOf(await register('owner@school.test', 'owner passphrase'));
    const b = cookieOf(await register('snoop@school.test', 'snoop passphrase'));
    const owner = (await teacherFromCookie(a, database.db))!;

    const game = new PlayedRoom(dbRecorder(database.db), '424242');
    await game.create(owner.id);
    const p1 = await game.join('Ada');
    const p2 = await game.join('Bo');
    await game.startRound();
    for (const img of game.images()) {
      await game.vote(p1, img.id, img.truth);
      await game.vote(p2, img.id, 'fake');
    }

    expect((await listRoute(get('/api/sessions'))).status).toBe(401);
    const mine = await (await listRoute(get('/api/sessions', a))).json();
    expect(mine.sessions).toHaveLength(1);
    expect((await (await listRoute(get('/api/sessions', b))).json()).sessions).toEqual([]);
    const id: string = mine.sessions[0].id;

    // The owner reads it; the other teacher gets exactly what a missing session gets.
    const detail = await sessionRoute(get(`/api/sessions/${id}`, a), params({ id }));
    expect(detail.status).toBe(200);
    expect((await detail.json()).report.totals.votes).toBe(8);
    expect((await sessionRoute(get(`/api/sessions/${id}`, b), params({ id }))).status).toBe(404);
    expect((await sessionRoute(get(`/api/sessions/${id}`), params({ id }))).status).toBe(401);
    expect((await sessionRoute(get('/api/sessions/nope', a), params({ id: 'nope' }))).status).toBe(404);
    expect((await csvRoute(get(`/api/sessions/${id}/csv/votes`, b), params({ id, kind: 'votes' }))).status).toBe(404);

    const csv = await csvRoute(get(`/api/sessions/${id}/csv/votes`, a), params({ id, kind: 'votes' }));
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const rows = parseCsv(await csv.text());
    expect(rows).toHaveLength(9);
    const players = parseCsv(await (await csvRoute(get(`/api/sessions/${id}/csv/players`, a), params({ id, kind: 'players' }))).text());
    expect(players.slice(1).map((r) => r[1]).sort()).toEqual(['Ada', 'Bo']);

    const del = (cookie: string) => deleteRoute(new Request(`${BASE}/api/sessions/${id}`, { method: 'DELETE', headers: { cookie } }), params({ id }));
    expect((await del(b)).status).toBe(404);
    expect((await del(a)).status).toBe(204);
    expect((await sessionRoute(get(`/api/sessions/${id}`, a), params({ id }))).status).toBe(404);
  });

  it('answers a sign-up the same whether or not the email has an account, and keeps the existing passphrase', async () => {
    expect((await register('held@school.test', 'the first passphrase')).status).toBe(200);
    const again = await signup(post('/api/auth/signup', { email: 'held@school.test', passphrase: 'a takeover attempt' }));
    const fresh = await signup(post('/api/auth/signup', { email: 'fresh@school.test', passphrase: 'a takeover attempt' }));
    expect(again.status).toBe(fresh.status);
    expect(await again.json()).toEqual(await fresh.json());
    // Neither starts a session: only a sign-in does.
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(fresh.headers.get('set-cookie')).toBeNull();
    expect((await signin(post('/api/auth/signin', { email: 'fresh@school.test', passphrase: 'a takeover attempt' }))).status).toBe(200);
    expect((await signin(post('/api/auth/signin', { email: 'held@school.test', passphrase: 'a takeover attempt' }))).status).toBe(401);
    expect((await signin(post('/api/auth/signin', { email: 'held@school.test', passphrase: 'the first passphrase' }))).status).toBe(200);
  });

  it('limits failed sign-ins per email with 429 and Retry-After, even for the right passphrase, until the wait is over', async () => {
    expect((await register('target@school.test', 'the real passphrase')).status).toBe(200);
    const from = (i: number) => ({ [CLIENT_ADDRESS_HEADER]: `198.51.100.${i}` });
    // Failures from many addresses: the email's own budget runs out.
    for (let i = 0; i < SIGNIN_PER_EMAIL.capacity; i++) {
      expect((await signin(post('/api/auth/signin', { email: 'target@school.test', passphrase: `guess number ${i}` }, undefined, from(i)))).status).toBe(401);
    }
    const limited = await signin(post('/api/auth/signin', { email: 'target@school.test', passphrase: 'the real passphrase' }, undefined, from(99)));
    expect(limited.status).toBe(429);
    const wait = Number(limited.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(Math.ceil(1 / SIGNIN_PER_EMAIL.perSecond));
    expect((await limited.json()).error).toMatch(/too many sign-in attempts; try again in \d+ minutes?/);
    // Another email is not held up by it.
    expect((await register('bystander@school.test', 'bystander passphrase')).status).toBe(200);
    now += wait * 1000;
    expect((await signin(post('/api/auth/signin', { email: 'target@school.test', passphrase: 'the real passphrase' }, undefined, from(99)))).status).toBe(200);
  });

  it('limits failed sign-ins per address across emails, and refuses a parallel burst before checking passphrases', async () => {
    // A smaller budget than SIGNIN_PER_ADDRESS's 20, so the test runs fewer scrypt hashes; same rule.
    const perAddress = { capacity: 4, perSecond: SIGNIN_PER_ADDRESS.perSecond };
    installAuthLimits(new AuthLimits(() => now, { perAddress }));
    const here = { [CLIENT_ADDRESS_HEADER]: '203.0.113.50' };
    const attempts = await Promise.all(
      Array.from({ length: perAddress.capacity + 10 }, (_, i) => signin(post('/api/auth/signin', { email: `nobody-${i}@school.test`, passphrase: 'a wrong passphrase' }, undefined, here))),
    );
    const statuses = attempts.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(perAddress.capacity);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    for (const r of attempts.filter((x) => x.status === 429)) expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address is not.
    expect((await signin(post('/api/auth/signin', { email: 'nobody@school.test', passphrase: 'a wrong passphrase' }, undefined, { [CLIENT_ADDRESS_HEADER]: '203.0.113.51' }))).status).toBe(401);
  });

  it('limits sign-ups per address', async () => {
    const signUps = { capacity: 3, perSecond: SIGNUP_PER_ADDRESS.perSecond };
    installAuthLimits(new AuthLimits(() => now, { signUps }));
    const here = { [CLIENT_ADDRESS_HEADER]: '203.0.113.60' };
    for (let i = 0; i < signUps.capacity; i++) {
      expect((await signup(post('/api/auth/signup', { email: `new${i}@school.test`, passphrase: 'a new passphrase' }, undefined, here))).status).toBe(202);
    }
    const refused = await signup(post('/api/auth/signup', { email: 'one-more@school.test', passphrase: 'a new passphrase' }, undefined, here));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
