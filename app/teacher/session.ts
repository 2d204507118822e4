/** The signed-in teacher for a page (server components only). */
import { cookies } from 'next/headers';
import { teacherFromCookie } from '@/server/auth';
import { currentDb } from '@/server/db/current';
import type { Locale } from '@/game/locale';

export async function currentTeacher() {
  const jar = await cookies();
  const header = jar
    .getAll()
    .map((c) => `${c.name}=${encodeURIComponent(c.value)}`)
    .join('; ');
  const db = await currentDb();
  return { db, teacher: await teacherFromCookie(header, db) };
}

/** A date and time as this page's language writes them (English: the British order, "3 Dec 2026, 16:05"). */
export const dateTime = (d: Date, locale: Locale = 'en') =>
  d.toLocaleString(locale === 'en' ? 'en-GB' : locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: process.env.TZ || 'UTC' });
