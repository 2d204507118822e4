/** Teacher accounts and their sign-in sessions. Tokens arrive here already hashed (server/auth.ts). */
import { and, eq, gt, lt } from 'drizzle-orm';
import { authSessions, teachers } from './schema';
import type { Db } from './types';

export interface Teacher {
  id: string;
  email: string;
}

/** Creates an account; null when the email already has one. */
export async function insertTeacher(db: Db, email: string, passHash: string): Promise<Teacher | null> {
  const id = crypto.randomUUID();
  const rows = await db.insert(teachers).values({ id, email, passHash }).onConflictDoNothing().returning({ id: teachers.id });
  return rows.length ? { id, email } : null;
}

export async function teacherByEmail(db: Db, email: string): Promise<(Teacher & { passHash: string }) | null> {
  const [row] = await db
    .select({ id: teachers.id, email: teachers.email, passHash: teachers.passHash })
    .from(teachers)
    .where(eq(teachers.email, email));
  return row ?? null;
}

export async function insertAuthSession(db: Db, teacherId: string, tokenHash: string, expiresAt: Date): Promise<void> {
  await db.insert(authSessions).values({ tokenHash, teacherId, expiresAt });
}

export async function teacherByTokenHash(db: Db, tokenHash: string, now: Date): Promise<Teacher | null> {
  const [row] = await db
    .select({ id: teachers.id, email: teachers.email })
    .from(authSessions)
    .innerJoin(teachers, eq(teachers.id, authSessions.teacherId))
    .where(and(eq(authSessions.tokenHash, tokenHash), gt(authSessions.expiresAt, now)));
  return row ?? null;
}

export async function deleteAuthSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(authSessions).where(eq(authSessions.tokenHash, tokenHash));
}

export async function deleteExpiredAuthSessions(db: Db, now: Date): Promise<number> {
  const rows = await db.delete(authSessions).where(lt(authSessions.expiresAt, now)).returning({ t: authSessions.tokenHash });
  return rows.length;
}
