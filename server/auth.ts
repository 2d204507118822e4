/**
 * Teacher accounts: passphrases hashed with scrypt (memory-hard, in Node's own crypto, so no native
 * addon), a random session token in an http-only SameSite=Lax cookie, and only the token's SHA-256
 * in the database.
 */
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { firstForwarded, trustProxyHops } from './client-address';
import { currentDb } from './db/current';
import { type Teacher, deleteAuthSession, insertAuthSession, insertTeacher, teacherByEmail, teacherByTokenHash } from './db/teachers';
import type { Db } from './db/types';

export const COOKIE_NAME = 'gan_teacher';
export const SESSION_DAYS = 30;
export const MIN_PASSPHRASE = 10;

// N = 2^15, r = 8: 32 MiB and ~50-100 ms per hash, OWASP's floor for scrypt. Stored in the hash so it can grow.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keyLen: 32 };

function scrypt(pass: string, salt: Buffer, N: number, r: number, p: number, keyLen: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(pass.normalize('NFKC'), salt, keyLen, { N, r, p, maxmem: 256 * N * r }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$hash`, base64url parts: self-describing so parameters can be raised later. */
export async function hashPassphrase(pass: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(pass, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keyLen);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassphrase(pass: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64url');
  const expected = Buffer.from(parts[5], 'base64url');
  if (![N, r, p].every(Number.isInteger) || expected.length === 0) return false;
  const key = await scrypt(pass, salt, N, r, p, expected.length);
  return timingSafeEqual(key, expected);
}

export const CredentialsSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: 'enter an email address' }).max(200)),
  passphrase: z
    .string()
    .min(MIN_PASSPHRASE, `a passphrase has at least ${MIN_PASSPHRASE} characters`)
    .max(200, 'a passphrase has at most 200 characters'),
});
export type Credentials = z.infer<typeof CredentialsSchema>;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface SignedIn {
  teacher: Teacher;
  token: string;
  expiresAt: Date;
}

async function startSession(db: Db, teacher: Teacher, now: Date): Promise<SignedIn> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await insertAuthSession(db, teacher.id, hashToken(token), expiresAt);
  return { teacher, token, expiresAt };
}

/**
 * Makes an account for the email unless it already has one, and says which to nobody: the caller
 * answers the same either way and the teacher then signs in (a sign-in that is throttled), so the
 * sign-up form cannot be used to find out who has an account. The passphrase is hashed either way,
 * so the time taken does not tell either.
 */
export async function createAccount(db: Db, creds: Credentials): Promise<void> {
  await insertTeacher(db, creds.email, await hashPassphrase(creds.passphrase));
}

// Hashing against a dummy for unknown emails keeps sign-in time the same, so timing does not reveal accounts.
let dummyHash: Promise<string> | null = null;

/** Null when the email or the passphrase is wrong (the caller must not say which). */
export async function signIn(db: Db, creds: Credentials, now = new Date()): Promise<SignedIn | null> {
  const row = await teacherByEmail(db, creds.email);
  if (!row) {
    dummyHash ??= hashPassphrase('not a real passphrase');
    await verifyPassphrase(creds.passphrase, await dummyHash);
    return null;
  }
  if (!(await verifyPassphrase(creds.passphrase, row.passHash))) return null;
  return startSession(db, { id: row.id, email: row.email }, now);
}

export async function signOut(db: Db, token: string): Promise<void> {
  await deleteAuthSession(db, hashToken(token));
}

/** The value of one cookie in a Cookie header, or null. */
export function readCookie(header: string | null | undefined, name: string = COOKIE_NAME): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

export async function teacherFromToken(db: Db, token: string | null, now = new Date()): Promise<Teacher | null> {
  if (!token || token.length > 200) return null;
  return teacherByTokenHash(db, hashToken(token), now);
}

/**
 * The signed-in teacher for a Cookie header (an HTTP request, or a socket's handshake headers), or
 * null. Uses the process's database unless one is given.
 */
export async function teacherFromCookie(cookieHeader: string | null | undefined, db?: Db): Promise<Teacher | null> {
  const token = readCookie(cookieHeader);
  if (!token) return null;
  return teacherFromToken(db ?? (await currentDb()), token);
}

/** Set-Cookie value. Secure only over https, or the cookie would never come back on a plain-http classroom LAN. */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return `${COOKIE_NAME}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

export function clearedCookie(secure: boolean): string {
  return `${COOKIE_NAME}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`;
}

/** Whether the request came over https, directly or through a trusted proxy that says so (TRUST_PROXY, server/client-address.ts). */
export function isHttps(req: Request): boolean {
  if (new URL(req.url).protocol === 'https:') return true;
  return trustProxyHops() > 0 && firstForwarded(req.headers.get('x-forwarded-proto')) === 'https';
}
