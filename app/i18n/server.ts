/**
 * The language of this request, for server components: the switch's cookie, else the browser's
 * Accept-Language (game/locale.ts), and a translator over its messages.
 */
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { createTranslator } from 'use-intl/core';
import { LOCALE_COOKIE, type Locale, pickLocale } from '@/game/locale';
import { loadMessages } from './catalogue';
import type { Messages } from './types';

export const requestLocale = cache(async (): Promise<Locale> => {
  const [jar, head] = await Promise.all([cookies(), headers()]);
  return pickLocale({ cookie: jar.get(LOCALE_COOKIE)?.value, acceptLanguage: head.get('accept-language') });
});

/** A translator for server components: `const t = await serverT(); t('home.title')`. */
export async function serverT() {
  const locale = await requestLocale();
  const messages = (await loadMessages(locale)) as unknown as Messages;
  return createTranslator({ locale, messages });
}

/** A page's <title>: "Play · GAN Arena" in the request's language. */
export async function pageTitle(key: Exclude<keyof Messages['titles'], 'description' | 'lessonsDescription'>): Promise<{ title: string }> {
  const t = await serverT();
  return { title: t(`titles.${key}`) };
}
