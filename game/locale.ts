/**
 * The languages the game speaks, and which one a visitor gets: the one they chose (a cookie set by
 * the language switch), else the first of their browser's languages (Accept-Language) that the game
 * speaks, else English. Pure: the server layout passes the cookie and the header in.
 */
export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';
/** The cookie the language switch sets; a year, readable by the server on every page request. */
export const LOCALE_COOKIE = 'lang';
export const LOCALE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;
/** Each language's name in itself, for the switch. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', es: 'Español' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The languages of an Accept-Language header, most wanted first ("es-MX,es;q=0.9,en;q=0.8" →
 * es-MX, es, en). Entries with q=0 are refused by the browser and dropped; ties keep header order.
 */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, i };
    })
    .filter((l) => l.tag && l.tag !== '*' && l.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.i - b.i)
    .map((l) => l.tag);
}

/** The first of the wanted languages (BCP 47 tags: 'es-419', 'en-US') that the game speaks. */
export function matchLocale(wanted: readonly string[]): Locale | null {
  for (const tag of wanted) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return null;
}

export function pickLocale({ cookie, acceptLanguage }: { cookie?: string | null; acceptLanguage?: string | null }): Locale {
  if (isLocale(cookie)) return cookie;
  return matchLocale(parseAcceptLanguage(acceptLanguage)) ?? DEFAULT_LOCALE;
}
