/** The signed-in teacher for a page (server components only). */
import { cookies } from 'next/headers';
import { teacherFromCookie } from '@/server/auth';
import { currentDb } from '@/server/db/current';

export async function currentTeacher() {
  const jar = await cookies();
  const header = jar
    .getAll()
    .map((c) => `${c.name}=${encodeURIComponent(c.value)}`)
    .join('; ');
  const db = await currentDb();
  return { db, teacher: await teacherFromCookie(header, db) };
}

export const dateTime = (d: Date) =>
  d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: process.env.TZ || 'UTC' });
