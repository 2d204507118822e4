/**
 * Accounts: scrypt hashing, cookie sessions, and the route handlers themselves, called as Next would
 * call them, on PGlite and (with TEST_DATABASE_URL) PostgreSQL. One teacher never reads another's session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as signin } from '../app/api/auth/signin/route';
import { POST as signout } from '../app/api/auth/signout/route';
import { POST as signup } from '../app/api/auth/signup/route';
import { GET as me } from '../app/api/auth/me/route';
import { GET as listRoute } from '../app/api/sessions/route';
import { DELETE as deleteRoute, GET as sessionRoute } from '../app/api/sessions/[id]/route';
import { GET as csvRoute } from '../app/api/sessions/[id]/csv/[kind]/route';
import { COOKIE_NAME, hashPassphrase, readCookie, teacherFromCookie, verifyPassphrase } from './auth';
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
    const res = await signup(post('/api/auth/signup', { email: ' Ana@School.test ', passphrase: 'a long passphrase' }));
    expect(res.status).toBe(201);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/); // plain http here
    expect((await res.json()).teacher.email).toBe('ana@school.test');

    expect((await signup(post('/api/auth/signup', { email: 'ana@school.test', passphrase: 'another passphrase' }))).status).toBe(409);
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
    const a = cookieOf(await signup(post('/api/auth/signup', { email: 'owner@school.test', passphrase: 'owner passphrase' })));
    const b = cookieOf(await signup(post('/api/auth/signup', { email: 'snoop@school.test', passphrase: 'snoop passphrase' })));
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
});
